"""Rows of a large generated archive, for loading straight into the store's tables.

Deterministic for a seed and a size. What it models is what look-ups cost at scale, not what
analysis finds:

- words: a vocabulary of 40,000 (a hundred English function and news words, then made-up
  words) drawn with Zipf frequencies (rank r ∝ 1/r), so a search meets words in every
  article, in a few per cent and in a few hundred; plus one or two words per article from a
  pool of ``articles / 2.5`` rarer ones (each in a handful of articles);
- people: one new person per five articles (``articles / 5`` in all), surnames drawn Zipf
  from 30,000 (so a common surname is shared by hundreds of people), each article naming its
  new person and two to five known ones picked Zipf by fame (the famous are the oldest);
- quotes: two to six per article (60% direct, 15% partial, 25% reported), most attributed
  to one of the article's people, set in the body at their offsets;
- dates: spread evenly over ten years, keys in date order, as an archive ingested in order.

``batches`` yields :class:`Batch` es of rows in the column order of :data:`ARTICLE_COLUMNS`,
:data:`QUOTE_COLUMNS` and :data:`MENTION_COLUMNS`; :func:`people_rows` gives the people and
their aliases (``last_seen`` as the batches found it).
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta


def _split(text: str, separator: str = " ") -> list[str]:
    return text.split(separator)


ARTICLE_COLUMNS = _split(
    "key id title given_title text body content_hash source url published ingested_at "
    "updated_at analyzer_version dateline_place dateline_country dateline_date dateline_agency "
    "summary_short summary summary_long"
)
QUOTE_COLUMNS = _split(
    'id article_key kind position text start "end" speaker speaker_role speaker_id cue'
)
MENTION_COLUMNS = _split("person_id article_key role organisation mentions quotes")
PEOPLE_COLUMNS = _split("id name name_key surname role first_seen last_seen")
ALIAS_COLUMNS = _split("person_id alias alias_key")

VOCABULARY = 40_000
SURNAMES = 30_000
START = datetime(2016, 12, 1, tzinfo=UTC)
SPAN = timedelta(days=3652)
# The commonest words of news copy, most frequent first; the rest of the vocabulary is made up.
COMMON = _split(
    "the of to and a in said that for on is was with he it as at by his from be have has "
    "but are an they not this will who had were their been would its after she her which "
    "more year also two new than people government over police minister city first last one "
    "about could when into there up out president court week million state company "
    "council market percent report party election officials told money plan budget vote "
    "workers health school water house power home law deal talks"
)
SYLLABLES = [c + v for c in "bcdfghjklmnprstvz" for v in "aeiou"]
FIRST_NAMES = _split(
    "Elvira James Maria Kairat Aisha Tom Nguyen Oluwaseun Siobhan José Anna Dmitri Fatima "
    "Liam Chen Priya Marta Yusuf Sarah David Laura Michael Emma Daniel Olga Ahmed Sofia Peter "
    "Hannah Ivan Grace Omar Lucia Paul Mei Kofi Ingrid Rahul Claire Mateo Amara Jonas Leila "
    "Viktor Rosa Samuel Yuki Ali Nadia Carlos Eva Tariq Helen Andrei Zainab Felix Irene "
    "Hugo Alicia Kenji Miriam Pablo Chloe Sergei Amina Lars Beatriz Tunde Nora Raj Julia"
)
ROLES = _split(
    "minister of finance|spokeswoman for the interior ministry|mayor|chief executive|"
    "professor of economics|union leader|senator|governor|police chief|hospital director|"
    "party leader|judge|striker|coach|analyst|ambassador|prosecutor|central bank governor",
    "|",
)
ORGANISATIONS = [None, None, "the ministry", "the council", "the union", "the bank", "the club"]
AGENCIES = ["Reuters", "AP", "AFP", "dpa", "PTI", None, None]
PLACES = [("LONDON", "UK"), ("WASHINGTON", "US"), ("LAGOS", "NG"), ("ASTANA", "KZ"), None]


def _made_up(index: int, syllables: int, stride: int) -> str:
    """The ``index``-th made-up word of ``syllables`` syllables (distinct for distinct
    indexes below ``len(SYLLABLES) ** syllables``: ``stride`` is prime to it)."""
    number = index * stride % len(SYLLABLES) ** syllables
    parts = []
    for _ in range(syllables):
        number, digit = divmod(number, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
    return "".join(parts)


def _zipf_weights(count: int, offset: float = 0.0) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank + 1 + offset) for rank in range(count)))


def vocabulary() -> list[str]:
    made = (_made_up(i, 3, 7919) for i in range(VOCABULARY - len(COMMON)))
    return [*COMMON, *made]


def rare_word(index: int) -> str:
    return _made_up(index, 4, 104_729)


def iso(moment: datetime, timespec: str = "microseconds") -> str:
    return moment.isoformat(timespec=timespec)


@dataclass
class Batch:
    articles: list[tuple[object, ...]] = field(default_factory=list)
    quotes: list[tuple[object, ...]] = field(default_factory=list)
    mentions: list[tuple[object, ...]] = field(default_factory=list)


class ScaleCorpus:
    """The archive of ``articles`` articles; ``analyzer_version`` is stored on each."""

    def __init__(self, articles: int, analyzer_version: int, seed: int = 13) -> None:
        self.size = articles
        self.version = analyzer_version
        self.seed = seed
        self.words = vocabulary()
        self.word_weights = _zipf_weights(len(self.words))
        self.people = max(1, articles // 5)
        self.rare_pool = max(1, int(articles / 2.5))
        self.fame_weights = _zipf_weights(self.people)
        self.names, self.surnames = self._names()
        self.roles = [ROLES[i % len(ROLES)] for i in range(self.people)]
        self.last_seen = [0] * self.people  # article index of the latest mention

    def _names(self) -> tuple[list[str], list[str]]:
        rng = random.Random(self.seed)
        surname_weights = _zipf_weights(SURNAMES, offset=20.0)
        surnames = [_made_up(i, 3, 6007).capitalize() for i in range(SURNAMES)]
        names: list[str] = []
        last: list[str] = []
        taken: set[str] = set()
        while len(names) < self.people:
            surname = rng.choices(surnames, cum_weights=surname_weights)[0]
            name = f"{rng.choice(FIRST_NAMES)} {surname}"
            if name.casefold() not in taken:
                taken.add(name.casefold())
                names.append(name)
                last.append(surname)
        return names, last

    def moment(self, index: int) -> datetime:
        return START + SPAN * (index / max(1, self.size))

    def newcomer(self, index: int) -> int:
        """The person first named by article ``index`` (every fifth article names one)."""
        return min(self.people - 1, index * self.people // max(1, self.size))

    def known_people(self, rng: random.Random, index: int, count: int) -> list[int]:
        """``count`` people already introduced, famous (old) ones most often."""
        known = self.newcomer(index) + 1
        picked: list[int] = []
        for _ in range(count * 3):
            if len(picked) == count:
                break
            person = bisect.bisect(self.fame_weights, rng.random() * self.fame_weights[-1])
            person %= known
            if person not in picked:
                picked.append(person)
        return picked

    def _sentence(self, rng: random.Random, length: int) -> str:
        words = rng.choices(self.words, cum_weights=self.word_weights, k=length)
        return " ".join(words).capitalize() + "."

    def article(self, index: int, first_quote_id: int) -> Batch:
        """Article ``index`` (its key is ``index + 1``) with its quotes and mentions."""
        rng = random.Random(self.seed * 1_000_003 + index)
        key = index + 1
        newcomer = self.newcomer(index)
        cast = [newcomer, *self.known_people(rng, index, rng.randint(2, 5))]
        cast = list(dict.fromkeys(cast))
        for person in cast:
            self.last_seen[person] = index
        rare = [rare_word(rng.randrange(self.rare_pool)) for _ in range(rng.randint(1, 2))]
        lead = self.names[cast[0]]
        words = rng.choices(self.words, cum_weights=self.word_weights, k=6)
        title = f"{self.surnames[cast[0]]} {' '.join(words)} {rare[0]}"
        paragraphs: list[str] = []
        quote_spans: list[tuple[str, int, str, int | None]] = []
        said = {p: 0 for p in cast}
        for number in range(rng.randint(5, 8)):
            sentences = [self._sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(1, 2))]
            if number == 0:
                sentences[0] = (
                    f"{lead}, {self.roles[cast[0]]}, {sentences[0][0].lower()}{sentences[0][1:]}"
                )
            if number == 1:
                sentences.append(f"The {' '.join(rare)} was not mentioned.")
            paragraphs.append(" ".join(sentences))
            if number and len(quote_spans) < 6 and (number < 3 or rng.random() < 0.6):
                speaker = rng.choice(cast) if rng.random() < 0.9 else None
                words = self._sentence(rng, rng.randint(10, 22))[:-1]
                kind = rng.choices(("direct", "partial", "reported"), (60, 15, 25))[0]
                name = None
                if speaker is not None:
                    name = self.names[speaker] if said[speaker] == 0 else self.surnames[speaker]
                    said[speaker] += 1
                quote_spans.append((kind, len(paragraphs), words, speaker))
                if kind == "reported":
                    paragraphs.append(
                        f"{name or 'A spokesman'} said {words[0].lower()}{words[1:]}."
                    )
                else:
                    paragraphs.append(f"“{words},” {name or 'a spokesman'} said.")
        body = "\n\n".join(paragraphs)
        text = f"{title}\n\n{body}"
        moment = self.moment(index)
        batch = Batch()
        batch.quotes = self._quotes(key, first_quote_id, quote_spans, paragraphs, len(title) + 2)
        sentences = [s for p in paragraphs[:4] for s in p.split(". ")]
        place = PLACES[index % len(PLACES)]
        agency = AGENCIES[index % len(AGENCIES)]
        batch.articles.append(
            (
                key,
                f"scale-{index:07d}",
                title,
                title,
                text,
                body,
                hashlib.sha256(f"{title}\x00{text}\x00".encode()).hexdigest(),
                agency,
                f"https://news.example/{moment:%Y/%m}/{index}" if index % 4 else None,
                iso(moment, "seconds"),
                iso(moment + timedelta(minutes=7)),
                iso(moment + timedelta(minutes=7)),
                self.version,
                place[0] if place else None,
                place[1] if place else None,
                None,
                agency if place else None,
                json.dumps(sentences[:1]),
                json.dumps(sentences[:3]),
                json.dumps(sentences[:5]),
            )
        )
        for person in cast:
            role = self.roles[person] if rng.random() < 0.8 else None
            organisation = rng.choice(ORGANISATIONS)
            batch.mentions.append(
                (
                    person + 1,
                    key,
                    role,
                    organisation,
                    said[person] + rng.randint(1, 4),
                    said[person],
                )
            )
        return batch

    def _quotes(
        self,
        key: int,
        first_id: int,
        spans: list[tuple[str, int, str, int | None]],
        paragraphs: list[str],
        body_start: int,
    ) -> list[tuple[object, ...]]:
        offsets = list(itertools.accumulate((len(p) + 2 for p in paragraphs), initial=body_start))
        rows: list[tuple[object, ...]] = []
        for position, (kind, paragraph, words, speaker) in enumerate(spans):
            start = offsets[paragraph] + paragraphs[paragraph].find(words[1:]) - 1
            name = None if speaker is None else self.names[speaker]
            role = None if speaker is None else self.roles[speaker]
            rows.append(
                (
                    first_id + position,
                    key,
                    kind,
                    position,
                    words,
                    start,
                    start + len(words),
                    name,
                    role,
                    None if speaker is None else speaker + 1,
                    "said",
                )
            )
        return rows

    def batches(self, size: int = 5000) -> Iterator[Batch]:
        next_quote = 1
        for first in range(0, self.size, size):
            batch = Batch()
            for index in range(first, min(self.size, first + size)):
                one = self.article(index, next_quote)
                next_quote += len(one.quotes)
                batch.articles += one.articles
                batch.quotes += one.quotes
                batch.mentions += one.mentions
            yield batch

    def people_rows(self) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
        """``(people, aliases)``; call after :meth:`batches` ran, for ``last_seen``."""
        from storage.names import name_key, surname_key

        people = []
        aliases = []
        for person, name in enumerate(self.names):
            first = self.moment(next_index_of(self, person))
            last = self.moment(max(self.last_seen[person], next_index_of(self, person)))
            people.append(
                (
                    person + 1,
                    name,
                    name_key(name),
                    surname_key(name),
                    self.roles[person],
                    iso(first + timedelta(minutes=7)),
                    iso(last + timedelta(minutes=7)),
                )
            )
            aliases.append((person + 1, name, name_key(name)))
        return people, aliases


def next_index_of(corpus: ScaleCorpus, person: int) -> int:
    """The article that introduced ``person`` (the first whose newcomer they are)."""
    return -(-person * corpus.size // corpus.people)
