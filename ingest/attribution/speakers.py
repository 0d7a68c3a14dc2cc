"""Who said each quote, and whether it is a direct quote, a partial one or no quote at all.

Each quote is looked at in text order: a cue right after it (``,” X said``, ``,” said X``,
``” — X``), then a cue before it in the same sentence (``X said: “``, ``According to X: “``);
with neither it is a floating quote and takes the speaker of the sentence before. Pronouns
and descriptions (``he said``, ``the ministry said``) resolve to the latest speaker or subject
(descriptions: ``ingest/attribution/descriptions.py``). Gender is never guessed from a name:
``he`` and ``she`` only avoid someone the text itself already called the other (by a pronoun,
``Mr``/``Ms`` or a kinship word), so copy that calls a woman ``he`` throughout still resolves
to her.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from operator import itemgetter

from ingest.attribution.antecedents import Antecedents, Event
from ingest.attribution.cue_reading import CueReading, Said
from ingest.attribution.cues import cues
from ingest.attribution.descriptions import DETERMINERS, Descriptions
from ingest.attribution.layout import Layout
from ingest.attribution.quotemarks import QuoteSpan
from ingest.attribution.reported import ReportedItem
from ingest.attribution.sentence_starts import sentence_starts
from ingest.attribution.unattributed import Unattributed
from ingest.language.lexicon import lexicon
from ingest.model import Quote, QuoteKind, Span
from ingest.people.cast import Cast

_SENTENCE_OPEN = frozenset(":—–-(")


class Attributor(Unattributed, CueReading, Antecedents, Descriptions):
    """Speakers of the quotes and reported speech of one text; ``cast`` holds the people of
    the same text and paragraphs (and the speech verbs found in them)."""

    def __init__(
        self,
        text: str,
        paragraphs: Sequence[Span],
        quotes: Sequence[QuoteSpan],
        cast: Cast,
    ) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.quotes = [q for q in quotes if q.top]
        self.cast = cast
        self.cues = cues()
        self.lx = lexicon()
        self.events: list[Event] = []
        self._index = {q.start: i for i, q in enumerate(self.quotes)}
        self._personish: set[str] = set()
        self._pronouns: dict[str, str] = {}  # speaker -> "he" / "she" used for them so far
        for name, pronoun in cast.pronouns.items():  # "her son, Diego,", "Ms Adeyemi"
            found = cast.resolve(name)
            if found is not None:
                self._pronouns[found[0]] = pronoun
        self._quote_ranges = sorted((q.open, q.close) for q in self.quotes)
        self._quote_starts = [s for s, _ in self._quote_ranges]
        self.layout = Layout(text, paragraphs, self.quotes, cast)
        self._turns: list[tuple[int, str | None, bool]] = []  # (paragraph, speaker, asked)
        self._turn_speaker: str | None = None
        self._last_direct = -1  # the paragraph of the last quote if it was a direct one
        self._breaks = sentence_starts(text, paragraphs, self._quote_starts, self._quote_ranges)
        # the speech verbs of the body, in text order: cues look them up by position rather
        # than search the text around each quote for them again
        self._verbs = cast.verbs
        self._verb_starts = [v.start() for v in cast.verbs]

    # -- sentences ------------------------------------------------------------------------

    @property
    def sentence_starts(self) -> list[int]:
        return self._breaks

    @property
    def quote_ranges(self) -> list[tuple[int, int]]:
        """(opening mark, closing mark end) of each top-level quote, sorted."""
        return self._quote_ranges

    def in_quote(self, pos: int) -> bool:
        i = bisect_right(self._quote_starts, pos) - 1
        return i >= 0 and self._quote_ranges[i][0] <= pos < self._quote_ranges[i][1]

    _in_quote = in_quote

    def sentence_start(self, pos: int) -> int:
        i = bisect_right(self._breaks, pos) - 1
        return self._breaks[max(i, 0)]

    def previous_sentence_start(self, start: int) -> int:
        i = bisect_right(self._breaks, start - 1) - 1
        return self._breaks[i] if i >= 0 else 0

    # -- the main pass ------------------------------------------------------------------------

    def attribute(self, reported: Sequence[ReportedItem]) -> tuple[list[Quote], list[Quote]]:
        """Quotes (direct and partial) and reported speech, with speakers, in text order."""
        groups: list[list[QuoteSpan]] = []
        for q in self.quotes:
            if q.group is not None and groups and groups[-1][0].group == q.group:
                groups[-1].append(q)
            else:
                groups.append([q])
        items: list[tuple[int, int, object]] = [(g[0].open, 0, g) for g in groups]
        items += [(r[2], 1, r) for r in reported]
        # a transcript turn speaks even without quotation marks: "he said" after it is theirs
        items += [(self.paragraphs[i].start, 2, who) for i, who in self.layout.turns.items() if who]
        items.sort(key=itemgetter(0, 1))
        quotes: list[Quote] = []
        said: list[Quote] = []
        for pos, kind, item in items:
            if kind == 0:
                quotes.extend(self._quote_group(item))  # type: ignore[arg-type]
            elif kind == 2:
                self.events.append(Event(pos, item))  # type: ignore[arg-type]
            else:
                rep = self._reported(item)  # type: ignore[arg-type]
                if rep is not None and rep.speaker:  # unnamed groups too (issue 14)
                    said.append(rep)
        return quotes, said

    def _unnamed_group(self, speaker: str | None) -> bool:
        """Whether reported speech comes from nobody named: ``Analysts said``, ``officials
        said``, ``several parents said``, ``a woman reported`` (a statement to list, but no
        antecedent for the pronouns after it)."""
        if not speaker:
            return True
        first, _, rest = speaker.partition(" ")
        low = first.lower()
        if rest:  # "several parents", but not "Maple Heights police", "the GMB union"
            return low in _GROUP_OPENERS and not any(w[:1].isupper() for w in rest.split())
        if low in _GROUP_OPENERS:
            return True
        if not low.endswith("s") or low == "police":
            return False
        lx = self.lx
        for singular in (low[:-1], low[:-2], low[:-3] + "y"):  # analysts, witnesses, authorities
            if singular in lx.titles or singular in lx.person_nouns or singular in lx.descriptions:
                return True
        return False

    def _neighbours(self, q: QuoteSpan) -> tuple[int, int]:
        """Bounds of the narrative text around ``q`` within its paragraph."""
        para = self.paragraphs[q.paragraph]
        i = self._index[q.start]
        prev_close = para.start
        if i > 0 and self.quotes[i - 1].paragraph == q.paragraph:
            prev_close = self.quotes[i - 1].close
        next_open = para.end
        if i + 1 < len(self.quotes) and self.quotes[i + 1].paragraph == q.paragraph:
            next_open = self.quotes[i + 1].open
        return prev_close, next_open

    def _quote_group(self, group: list[QuoteSpan]) -> list[Quote]:
        first, last = group[0], group[-1]
        text = self.text
        prev_close, next_open = self._neighbours(first)
        if last is not first:
            _, next_open = self._neighbours(last)
        sent = self.sentence_start(first.open)
        before = text[max(sent, prev_close) : first.open]
        after = text[last.close : next_open] if last.closed else ""
        content = text[first.start : first.end]
        turn = self._turn_speaker = self.layout.turns.get(first.paragraph)
        said = self._trailing(after, content, last) if last.closed else None
        intro = self._intro(before, first)
        self._turn_speaker = None
        if turn and said is not None and said.cue == "—" and said.speaker not in self.cast.people:
            said = None  # "TRUMP: “…” — CBS interview, Sunday.": the dash gives the occasion
        embedded = before.strip()[-1:] not in ("", ":", ",", "—", "–", "-", "(")
        if said is None or (intro is not None and embedded):
            said = intro  # a fragment inside a sentence belongs to that sentence's speaker
        split = prev_close > sent  # "“First half,” X said, “second half.”"
        kind = self._kind(before, content, said, intro, split)
        if kind is None or first.paragraph in self.layout.sign_offs:
            return []  # a title in a sign-off: "His book, “…,” is out now."
        if said is None:
            if self.layout.music_before(sent, first.open, first.paragraph) or (
                last.closed and self.layout.music_after(last.close, next_open)
            ):
                return []  # a song's title or lyrics: "sang along to “…”", "“…” blared"
            said = self._unsaid(first, last, before, next_open)
        if said.speaker:
            self.events.append(Event(first.open, said.speaker))
        self._note_turn(first.paragraph, said, content, first.open)
        self._last_direct = first.paragraph if kind == "direct" else -1
        role = self.cast.role_of(said.speaker) if said.speaker else None
        out = []
        for piece in group:
            body = text[piece.start : piece.end].rstrip()
            out.append(
                Quote(
                    body,
                    piece.start,
                    piece.start + len(body),
                    said.speaker,
                    role,
                    said.cue,
                    kind,
                )
            )
        return out

    def _kind(
        self, before: str, content: str, said: Said | None, intro: Said | None, split: bool
    ) -> QuoteKind | None:
        stripped = before.strip()
        words = content.split()
        if not stripped or stripped[-1] in _SENTENCE_OPEN:
            if said is not None:
                return "direct"
            ends_sentence = content.rstrip()[-1:] in ".!?…"
            if (len(words) <= 4 and not ends_sentence) or _title_like(content):
                return None  # a title or scare quote standing alone
            return "direct"
        if (
            intro is not None
            and self._ends_with_verb(stripped)
            and (stripped.endswith(":") or content[:1].isupper() or split)
        ):
            return "direct"
        if len(words) <= 2 or _title_like(content):
            return None
        last = stripped.rsplit(None, 1)[-1].lower()
        if said is None and intro is None and last in DETERMINERS:
            return None  # "the ‘Action Plan …’", "a “shop local” campaign": a name, not speech
        return "partial"

    def _ends_with_verb(self, stripped: str) -> bool:
        """``… he said:``, ``… she told me,``: the words before a quote end with a speech
        verb, perhaps with its listener after it."""
        tail = stripped.rstrip(":,").rsplit(None, 2)
        last = tail[-1].lower()
        return _speech_verb(last) or (
            len(tail) > 1 and last in _LISTENERS and _speech_verb(tail[-2].lower())
        )

    # -- reported speech ------------------------------------------------------------------

    def _reported(self, item: ReportedItem) -> Quote | None:
        start, end, cue_pos, m, verb = item
        speaker = self._speaker(m, cue_pos)
        body = self.text[start:end]
        if speaker and not self._unnamed_group(speaker):  # "officials" is no antecedent
            self.events.append(Event(cue_pos, speaker))
        role = self.cast.role_of(speaker) if speaker else None
        return Quote(body, start, end, speaker, role, verb, "reported")


# after "said Smith" / "said the agency": "’s lawyer, John Doe" or "’s director, Jane Doe"
_LISTENERS = frozenset(("me", "him", "her", "us", "them", "you", "reporters"))
_GROUP_OPENERS = frozenset(("a", "an", "another", "one", "several", "some", "many", "other"))
_WORD = re.compile(r"[A-Za-z][\w’'\-]*")


def _title_like(content: str) -> bool:
    words = [w for w in _WORD.findall(content) if len(w) > 3]
    if not words or content.rstrip()[-1:] in ".,!?…":
        return False
    return all(w[0].isupper() for w in words)


@lru_cache(maxsize=4096)
def _speech_verb(word: str) -> bool:
    """A speech verb, or its participle (``saying``, ``writing``, ``adding``, ``telling``)."""
    verbs = lexicon().speech_verbs
    if word in verbs:
        return True
    if not word.endswith("ing") or len(word) < 6:
        return False
    stem = word[:-3]
    return any(
        form in verbs
        for base in (stem, stem + "e", stem[:-1])
        for form in (base, base + "s", base + "ed", base + "d")
    )
