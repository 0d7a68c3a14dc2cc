"""Names: which capitalised words can belong to a person's name, and how a run of them splits
into a title or organisation part and a name part. Pure functions over the lexicon, cached."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache

from ingest.language.lexicon import Lexicon, lexicon, trie_pattern

POSS = ("’s", "'s")
_COMPANY_ABBREVIATIONS = frozenset(("inc", "corp", "co", "ltd", "llc", "plc"))
ACRONYM = re.compile(
    r"((?:[A-Z][\w’'\-&]*\s+(?:(?:of|and|for|the|on|de|&)\s+)*)+[A-Z][\w’'\-]*)\s+"
    r"\(([A-Z][A-Za-z.]{1,7})\)"
)
OF_SPLIT = re.compile(r"\s+(?:of|for|on)\s+(?:the\s+)?")
ORG_OF = re.compile(r" (?:of|for|on) (?:the )?(?:[A-Z][\w’'\-]*(?: (?:and|&) | ))*[A-Z][\w\-]*")


def _optional(body: str) -> str:
    """``(?:body)?`` as ``(?:body|)``: the same matches, but the regex engine tests the body's
    first character on the spot instead of setting up a repeat (which costs an allocation)."""
    return rf"(?:{body}|)"


def _any_number(body: str) -> str:
    """``(?:body)*`` as ``(?:body(?:body)*|)``: the same matches; the repeat is set up only when
    the body matches once (see ``_optional``)."""
    return rf"(?:{body}(?:{body})*|)"


@cache
def run_and_token() -> tuple[str, str]:
    lx = lexicon()
    abbreviations = sorted(
        {w for w in lx.honorifics | lx.titles | lx.name_suffixes if len(w) <= 4 and w.isalpha()}
        | _COMPANY_ABBREVIATIONS,  # "Acme Corp. said"
        key=len,
        reverse=True,
    )
    # a full stop belongs to the word only after an abbreviation (Dr., Gov., Jr.); the check
    # runs only where a word ends in a full stop, so ordinary words are matched at full speed
    abbr = "|".join(rf"(?<=\b{w.capitalize()})" for w in abbreviations)
    tail = (
        r"[\w\-]*"
        + _any_number(r"[’'](?=[A-Za-z])(?![sS]\b)[\w\-]+")  # O’Neill, Mu'min
        + _optional(r"[’'](?<=s[’'])(?= [A-Z])")  # "the Jones’ house"
    )
    # the capital comes first so that the regex engine can skip quickly to capitals
    abbreviated = _optional(rf"\.(?<=(?:{abbr}).)")
    token = rf"[A-ZÀ-ÖØ-ÞĀ-Ž](?<![\w’']\w)(?:\.(?:[A-Z]\.)*|{tail}{abbreviated})"
    particles = _any_number(rf"(?:{trie_pattern(lx.name_particles)}|&)[ \u00a0]+")
    arabic = _optional(r"(?:al|el|ad|ash|as|at|az|ar|an)-")  # "el-Sissi", "al-Assad"
    # the space is written [ ][ ]* rather than [ ]+ so that it is tested on the spot too
    run = token + _any_number(rf"[ \u00a0][ \u00a0]*{particles}{arabic}{token}")
    return run, token


@cache
def name_run_pattern() -> str:
    """A regex for a run of capitalised words (with initials, abbreviations and particles)."""
    return run_and_token()[0]


@lru_cache(maxsize=16384)
def split_run_cached(tokens: tuple[str, ...]) -> tuple[int, int]:
    return split_run(lexicon(), tokens)


@lru_cache(maxsize=16384)
def organisation_cached(words: tuple[str, ...]) -> list[str] | None:
    return organisation(lexicon(), list(words))


_REGNAL = re.compile(r"(?:X{0,2})(?:IX|IV|V?I{0,3})")


def regnal(token: str) -> bool:
    """A regnal number that ends a name: ``Charles III``, ``Henry VIII``, ``Leo XIV``."""
    return len(token) > 1 and _REGNAL.fullmatch(token) is not None


def split_run(lx: Lexicon, tokens: Sequence[str]) -> tuple[int, int]:
    """(first name token index, end index) of the name at the tail of a run; empty if none."""
    end = len(tokens)
    while end and tokens[end - 1].isupper() and len(tokens[end - 1].rstrip(".")) > 1:
        if end >= 2 and regnal(tokens[end - 1]) and name_token(lx, tokens[end - 2]):
            break  # "King Charles III": the number is part of the name
        end -= 1  # post-nominals: KC, MP, OBE
    first = end
    if first and (
        tokens[first - 1].lower().rstrip(".") in lx.name_suffixes or regnal(tokens[first - 1])
    ):
        first -= 1
        if first == 0:
            return 0, 0
    body_end = first
    if (
        first >= 2
        and tokens[first - 1].lower() in lx.titles
        and tokens[first - 1].lower() not in lx.honorifics
        and plain(tokens[first - 2]) in lx.given_names
        and not (first >= 3 and tokens[first - 3].lower().rstrip(".") in lx.titles)
    ):
        first -= 1  # a surname that is also a title: "John Major", "Ben King"
    if (
        first >= 2
        and tokens[first - 1].lower() in lx.places
        and plain(tokens[first - 2]) in lx.given_names
        and not name_token(lx, tokens[first - 1])
    ):
        first -= 1  # a surname that is also a place: "Jim Jordan", "George Washington"
    while first and name_token(lx, tokens[first - 1]):
        first -= 1
    if first == body_end:
        return end, end
    if first and tokens[first] in _PATRONYMIC:
        first -= 1  # "Sultan bin Rashid Al-Mazrouei": a name never starts at "bin"
    if (
        first >= 1
        and body_end - first == 1
        and len(tokens[first - 1]) == 2
        and tokens[first - 1].isupper()
        and tokens[first - 1].lower() not in lx.two_letter_caps
    ):
        first -= 1  # initials without full stops before a surname: "JD Vance", "AJ Brown"
    if body_end < end and not (
        tokens[body_end].lower().rstrip(".") in lx.name_suffixes or regnal(tokens[body_end])
    ):
        end = body_end
    while end - first >= 2 and tokens[first].lower().rstrip(".") in lx.name_blockers:
        first += 1  # "Typhoon Yagi" at the start of a sentence: the blocker stays before
    while (
        end - first >= 3
        and tokens[first].lower() in lx.common_words
        and plain(tokens[first + 1]) in lx.given_names
        and plain(tokens[first]) not in lx.given_names
    ):
        first += 1  # a headline word or sentence opener before a name: "Democrat Teodoro X"
    return first, end


_PATRONYMIC = frozenset(("bin", "ibn", "bint", "binti"))


def name_token(lx: Lexicon, token: str) -> bool:
    return _name_token_cached(token)


@lru_cache(maxsize=16384)
def _name_token_cached(token: str) -> bool:
    lx = lexicon()
    if token in lx.name_particles:
        return True
    if len(token) == 2 and token.endswith("."):
        return True  # an initial
    if initials(lx, token):
        return True  # "J.P."
    if len(token) == 1 and token.isupper() and token not in "AI":
        return True  # an initial without its full stop: "S Jaishankar"
    if token.lower() in lx.titles:
        return False  # Co-author
    if "-" in token and token.rsplit("-", 1)[1].lower() in lx.hyphen_suffixes:
        return False  # High-level, London-based
    return lx.is_name_token(token) and any(c.islower() for c in token)


def plain(word: str) -> str:
    """``word`` lower-cased without accents: ``Akgün`` → ``akgun``."""
    if word.isascii():
        return word.lower()
    return "".join(
        c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c)
    )


def tokens_of(run: str) -> list[tuple[int, int, str]]:
    """The words of a run with their offsets in it (particles included)."""
    out = []
    pos = 0
    for word in run.split():
        i = run.index(word, pos)
        pos = i + len(word)
        out.append((i, pos, word))
    return out


def given_then_word(lx: Lexicon, words: list[str]) -> bool:
    last = words[-1].lower()
    return (
        plain(words[-2]) in lx.given_names
        and last not in lx.places
        and last not in lx.titles
        and (last not in lx.organisation_words or last in lx.word_surnames)  # not "Ola Electric"
        and words[-1][:1].isupper()
        and not words[-1].isupper()
    )


def initials(lx: Lexicon, token: str) -> bool:
    """``J.`` or ``J.P.``, but not ``U.S.``."""
    return (
        token.endswith(".")
        and all(len(p) == 1 and p.isupper() for p in token[:-1].split("."))
        and token.replace(".", "").lower() not in lx.places
    )


@lru_cache(maxsize=16384)
def single_kind(word: str) -> int:
    """For a one-word run: 1 if it may name a person, 2 if an organisation, 0 if neither."""
    lx = lexicon()
    if skip_single(lx, word):
        return 0
    first, end = split_run(lx, [word])
    kind = 1 if first < end else 0
    if organisation(lx, [word] if first >= end else []):
        kind |= 2
    return kind


def is_titled(lx: Lexicon, prefix: list[str]) -> bool:
    last = prefix[-1].lower().rstrip(".")
    return last in lx.titles or last in lx.honorifics


def skip_single(lx: Lexicon, word: str) -> bool:
    """A lone capitalised word that names neither a person nor an organisation (``The``)."""
    low = word.lower().rstrip(".")
    return (
        low in lx.non_name_words or low in lx.places or low in lx.speech_verbs
    ) and low not in lx.organisation_words


def _role_like(lx: Lexicon, low: str) -> bool:
    """A capitalised word before a given name that reads as a role, not as a first name
    (``Retiree``, ``Organizer``; not ``Dev`` in ``Dev Anand Krishnamurthy``)."""
    return (
        low in lx.descriptions
        or low in lx.role_modifiers
        or low in lx.non_name_words
        or low.endswith(("er", "or", "ist", "ee", "ant"))
    )


def surname_of(lx: Lexicon, tokens: Sequence[str]) -> str:
    for tok in reversed(tokens):
        if tok.lower().rstrip(".") not in lx.name_suffixes:
            return tok
    return tokens[-1]


def abbreviation(lx: Lexicon, low: str) -> bool:
    """Whether a word before a full stop may be an abbreviation (``Sen.``, ``Jr.``, ``J.``);
    a long title (``forward.``, ``author.``) ends a sentence."""
    return (
        len(low) == 1
        or low in lx.honorifics
        or (low in lx.titles and len(low) <= 5)
        or low in lx.name_suffixes
    )


def organisation(lx: Lexicon, words: list[str]) -> list[str] | None:
    """The organisation named by a run's words (``Constitutional Court``, ``UNDP``), if any."""
    i = 0
    while i < len(words) and (
        words[i].lower() in lx.non_name_words and words[i].lower() not in lx.organisation_words
    ):
        if words[i].lower() in ("the", "a", "an", "meanwhile", "however", "but", "and", "in"):
            i += 1
        else:
            break
    rest = words[i:]
    if not rest:
        return None
    while rest and rest[0].lower().rstrip(".") in lx.titles:
        rest = rest[1:]
    if not rest:
        return None
    if any(w.lower().rstrip(".") in lx.organisation_words or w == "&" for w in rest):
        return rest
    if len(rest) == 1 and rest[0].isupper() and len(rest[0]) > 1:
        if rest[0].lower() in lx.places:
            return None
        return rest
    return None


@lru_cache(maxsize=16384)
def headline_parts(run: str) -> tuple[tuple[int, str], ...]:
    """A run split at headline-case verbs between names, with each part's offset:
    ``Joe Biden Calls Trump`` → ``Joe Biden``, ``Trump``. Most runs stay whole."""
    lx = lexicon()
    toks = tokens_of(run)
    cuts = [
        k
        for k in range(1, len(toks) - 1)
        if _headline_verb(lx, toks[k][2]) and name_token(lx, toks[k - 1][2])
    ]
    if not cuts:
        return ((0, run),)
    parts, start = [], 0
    for k in cuts:
        if k > start:
            parts.append((toks[start][0], run[toks[start][0] : toks[k - 1][1]]))
        start = k + 1
    parts.append((toks[start][0], run[toks[start][0] :]))
    return tuple(parts)


def _headline_verb(lx: Lexicon, word: str) -> bool:
    """A capitalised verb of a headline: ``Calls``, ``Says``, ``Slams``, ``Backs``."""
    low = word.lower()
    return (
        word[1:].islower()
        and low.endswith("s")
        and (low in lx.common_words or low in lx.speech_verbs)
        and low not in lx.organisation_words
        and low not in lx.places
        and plain(word) not in lx.given_names
        and low not in lx.word_surnames
        and low[:-1] not in lx.titles
    )


@lru_cache(maxsize=16384)
def analyse_run(
    run: str,
) -> tuple[
    tuple[int, int, tuple[str, ...], list[str], bool] | None,
    tuple[int, int] | None,
    bool,
]:
    """How a run of several capitalised words splits, with offsets relative to the run:
    the name (start, end, its words, the words before it, whether it needs strong evidence),
    the organisation (start, end) and whether that organisation may continue (``of …``).
    Cached: the same runs recur within and across articles."""
    lx = lexicon()
    toks = tokens_of(run)
    words = [t[2] for t in toks]
    first, end = split_run_cached(tuple(words))
    if (
        end - first >= 3
        and plain(words[first + 1]) in lx.given_names
        and plain(words[first]) not in lx.given_names
        and _role_like(lx, words[first].lower())
    ):
        first += 1  # "Retiree Sam Patel": the name starts at the given name
    name = None
    if first < end:
        name = (toks[first][0], toks[end - 1][1], tuple(words[first:end]), words[:first], False)
    elif len(words) > 1 and given_then_word(lx, words):
        # "Sarah House": a given name before a word that is usually not a name
        name = (toks[-2][0], toks[-1][1], tuple(words[-2:]), words[:-2], True)
    if name is not None:
        spelled = run[name[0] : name[1]].lower()
        if spelled in lx.known_organisations:
            return None, (name[0], name[1]), False  # "Goldman Sachs said": a firm, not a person
        if (
            len(name[2]) > 1
            and name[2][-1].lower() in lx.big_cities
            and plain(name[2][0]) not in lx.given_names
        ):
            return None, (name[0], name[1]), False  # "Bayern Munich": a club
    org_words = words[:first] if first < end else words
    org = organisation_cached(tuple(org_words))
    org_span = None
    if org:
        i = words.index(org[0])
        org_span = (toks[i][0], toks[i + len(org) - 1][1])
    return name, org_span, bool(org) and first >= end
