"""Who said a quote that has no cue of its own: a vox-pop name line or a transcript turn
(``layout``), the sentence after it (``That was the verdict of X``), the turns of a
conversation, the one asked a question just before, the one who spoke in the sentence
before, or else the speaker or subject of the sentences before (a floating quote).

A mixin of the ``Attributor``, which provides the text, the cast, the layout, the speech
verbs and events found so far and the antecedent search.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ingest.attribution.cue_reading import Said
from ingest.attribution.cues import speaker_before, subject_of
from ingest.attribution.quotemarks import QuoteSpan

if TYPE_CHECKING:
    from ingest.attribution.antecedents import Event
    from ingest.attribution.layout import Layout
    from ingest.model import Span
    from ingest.people.cast import Cast

_ASKED = re.compile(r"\b(?:asked|pressed|questioned)\s+(?:[A-Z][a-z]{1,4}\.\s+)?$")  # asked Sen. X
_QUESTION = re.compile(r"\s+(?:whether|if|about|why|what|how|when|where|who)\b")
_GOING_ON = ("And ", "But ", "So ", "Also ", "Because ", "Plus ")
_TURN_LIMIT = 250  # a conversation's turn is a short paragraph
_ASKING = frozenset(("asked", "asks", "replied", "answered", "responded"))


class Unattributed:
    """Speakers of quotes with no cue, for the ``Attributor`` (which provides these members)."""

    text: str
    paragraphs: Sequence[Span]
    cast: Cast
    layout: Layout
    events: list[Event]
    quotes: list[QuoteSpan]
    _index: dict[int, int]
    _last_direct: int
    _verbs: list[re.Match[str]]
    _verb_starts: list[int]
    _turns: list[tuple[int, str | None, bool]]  # (paragraph, speaker, asked) of short ones

    if TYPE_CHECKING:  # provided by the Attributor's other parts

        def sentence_start(self, pos: int) -> int: ...

        def previous_sentence_start(self, start: int) -> int: ...

        def _speaker(self, m: re.Match[str], pos: int, suffix: str = "") -> str | None: ...

        def _antecedent(
            self, pos: int, *, persons: bool, orgs: bool, near: bool = False
        ) -> str | None: ...

    def _unsaid(self, first: QuoteSpan, last: QuoteSpan, before: str, next_open: int) -> Said:
        """The speaker of a quote with no cue of its own: from the layout (a vox-pop name line,
        a transcript turn), from the sentence after it, from the turns of a conversation, or
        else the speaker or subject of the sentences before (a floating quote)."""
        layout = self.layout
        name = layout.name_lines.get(first.paragraph)
        if name is not None:
            return Said(name, "—", "layout")
        turn = layout.turns.get(first.paragraph)
        if turn:
            return Said(turn, ":", "layout")
        if last.closed and not before.strip() and not self._goes_on(first):
            named = layout.speaker_after(last.close, next_open)
            if named is None and self._opens_a_passage(first.paragraph):
                para = self.paragraphs[first.paragraph + 1]  # "“…”" / "So said X …"
                named = layout.speaker_after(para.start, para.end)
            if named is not None:
                return Said(named, None, "next")
        if first.paragraph in layout.quote_only and not self.text.startswith(
            _GOING_ON, first.start
        ):  # "“And I think he knows it.”" goes on with the one before
            answer = self._dialogue_turn(first.paragraph)
            if answer is not None:
                return Said(answer, None, "dialogue")
        if not before.strip():
            sentence = self.sentence_start(first.open)
            if not self.text[first.start : first.end].rstrip().endswith("?"):
                asked = self._asked(sentence)
                if asked is not None:
                    return Said(asked, None, "answer")
            speaking = self._speaking(sentence)
            if speaking is not None:
                return Said(speaking, None, "floating")
        return Said(self._antecedent(first.open, persons=True, orgs=True), None, "floating")

    def _speaking(self, sentence: int) -> str | None:
        """The first person in the sentence before ``sentence`` who is the subject of a
        speech verb (``Clinton smiled as Trump interjected.``): the one a floating quote
        after it goes on with, whoever the sentence opened with."""
        if sentence == 0:
            return None
        start = self.previous_sentence_start(sentence)
        i = bisect_left(self._verb_starts, start)
        mentions = None
        while i < len(self._verb_starts) and self._verb_starts[i] < sentence:
            if mentions is None:
                mentions = [
                    m for m in self.cast.mentions_in(start, sentence) if m.person and not m.in_quote
                ]
            verb_start = self._verb_starts[i]
            for m in mentions:
                if m.end < verb_start and not self.text[m.end : verb_start].strip():
                    return m.key
            i += 1
        return None

    def _asked(self, sentence: int) -> str | None:
        """The person asked in the sentence before ``sentence`` (``Pence asked Kaine whether
        he would apologize.``), who answers the unattributed quote that follows."""
        if sentence == 0:
            return None
        start = self.previous_sentence_start(sentence)
        for m in self.cast.mentions_in(start, sentence):
            if (
                m.person
                and not m.in_quote
                and _ASKED.search(self.text, max(start, m.start - 20), m.start)
                and _QUESTION.match(self.text, m.end)  # not "asked X to join the ticket"
            ):
                return m.key
        return None

    def _goes_on(self, first: QuoteSpan) -> bool:
        """Whether a quote goes on from a direct one in its paragraph (``“…,” X said.
        “…”``), whose speaker it keeps whatever the sentence after it says."""
        i = self._index[first.start]
        return (
            i > 0
            and self.quotes[i - 1].paragraph == first.paragraph
            and self._last_direct == first.paragraph
        )

    def _opens_a_passage(self, paragraph: int) -> bool:
        """A paragraph that is only a quote, with no one quoted in the paragraph before it
        (which it would go on with), and another paragraph after it."""
        if paragraph not in self.layout.quote_only or paragraph + 1 >= len(self.paragraphs):
            return False
        return paragraph == 0 or not (
            self.events and self.events[-1].pos >= self.paragraphs[paragraph - 1].start
        )

    def _note_turn(self, paragraph: int, said: Said, content: str, open_mark: int) -> None:
        """Remember who spoke in each short paragraph, for ``_dialogue_turn``; one who asked
        in its narrative before the quote (``She asked him how many. “Nine,” he said.``)
        takes the turn before."""
        para = self.paragraphs[paragraph]
        if para.end - para.start > _TURN_LIMIT:
            return
        asked = content.rstrip().endswith("?") or said.cue in _ASKING
        turns = self._turns
        if turns and turns[-1][0] == paragraph:
            turns[-1] = (paragraph, turns[-1][1], turns[-1][2] or asked)
            return
        asker = self._asker(para.start, open_mark)
        if asker is not None and asker != said.speaker:
            turns.append((paragraph, asker, True))
        turns.append((paragraph, said.speaker, asked))

    def _asker(self, start: int, end: int) -> str | None:
        """The subject of ``asked`` in the narrative from ``start`` to a quote at ``end``."""
        i = bisect_left(self._verb_starts, start)
        while i < len(self._verb_starts) and self._verb_starts[i] < end:
            verb = self._verbs[i]
            if verb.group() == "asked":
                v_start = verb.start()
                m = speaker_before(self.text, start, v_start) or subject_of(
                    self.text, self.sentence_start(v_start), v_start
                )
                if m is not None:
                    return self._speaker(m, m.start())
            i += 1
        return None

    def _dialogue_turn(self, paragraph: int) -> str | None:
        """In a conversation written as short paragraphs that take turns (someone asked a
        question in it), an unattributed quote paragraph is the reply of the one who spoke
        two turns before: ``“Is it far?” she asked.`` / ``“Ten miles,” he said.`` /
        ``“That’s not bad.”`` (hers)."""
        turns = self._turns
        if (
            len(turns) < 2
            or turns[-1][0] != paragraph - 1
            or turns[-2][0] not in (paragraph - 2, paragraph - 1)
        ):
            return None
        earlier, latest = turns[-2][1], turns[-1][1]
        if not self._named(earlier) or not self._named(latest) or earlier == latest:
            return None  # "“Will you run?” a reporter asked. / “No,” X said. / “Not ever.”"
        if not any(asked for _, _, asked in turns[-3:]):
            return None
        return earlier

    def _named(self, speaker: str | None) -> bool:
        """Whether a speaker is a named person, not ``a reporter`` or an organisation."""
        return bool(speaker) and speaker[:1].isupper() and speaker not in self.cast.organisations

    # -- kinds ----------------------------------------------------------------------------
