"""Who a pronoun, a description or a floating quote refers to: the latest speaker or subject
of the right kind in the sentences before, never a gender guessed from a name.

A mixin of the ``Attributor``, which provides the text, the cast, the sentence starts and the
speech events attributed so far.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.people.cast import Mention

if TYPE_CHECKING:
    from ingest.attribution.cues import Cues
    from ingest.language.lexicon import Lexicon
    from ingest.people.cast import Cast

# \bThe, with the word boundary checked after the T: a pattern that opens with a character
# class lets the regex engine skip straight to the next T.
_ASKED_OPENERS = ("Asked ", "Pressed ", "Questioned ")  # "Asked whether X …, he said"
_THE_NOUN = re.compile(r"[Tt](?<!\w[Tt])he\s+([a-z][\w\-]+)")


@dataclass(slots=True)
class Event:
    """A speech act already attributed: its position and speaker."""

    pos: int
    speaker: str


class Antecedents:
    """Antecedent resolution for the ``Attributor`` (which provides these members)."""

    text: str
    lx: Lexicon
    cast: Cast
    cues: Cues
    events: list[Event]
    _personish: set[str]
    _pronouns: dict[str, str]
    _turn_speaker: str | None  # who speaks the transcript turn being read

    if TYPE_CHECKING:  # provided by the Attributor's other parts

        def _in_quote(self, pos: int) -> bool: ...

        def sentence_start(self, pos: int) -> int: ...

        def previous_sentence_start(self, start: int) -> int: ...

        def _description(self, phrase: str, pos: int) -> str | None: ...

        def _person_descriptor(self, word: str) -> bool: ...

    def _speaker(self, m: re.Match[str], pos: int, suffix: str = "") -> str | None:
        groups = m.groupdict()
        pron = groups.get("pron" + suffix)
        if pron:
            low = pron.lower()
            if low == "it":
                return self._antecedent(pos, persons=False, orgs=True)
            if low == "i" and self._turn_speaker:
                return self._turn_speaker  # "TRUMP: And I said, “Let’s do it.”"
            if low in ("they", "we"):
                return self._antecedent(pos, persons=True, orgs=True)
            found = self._antecedent(pos, persons=True, orgs=False)
            if found is None and low in ("he", "she"):
                return self._unlisted_subject(pos)
            found = self._gendered(found, low, pos)
            if found is not None and found == self._turn_speaker:
                return self._someone_else(pos, found)  # "A: He told me, “…”"
            return found
        nom = groups.get("nom" + suffix)
        if nom:
            return self._description(nom, pos)
        named = groups.get("named" + suffix)
        if named:
            found = self.cast.resolve(named)
            if found is not None:
                if found[1]:
                    self._personish.add(found[0])  # named like a person: "he" may refer to it
                return found[0]
            bare = named.removeprefix("the ").removeprefix("The ")
            if bare != named and self._person_descriptor(bare.rsplit(None, 1)[-1].lower()):
                return self._antecedent(pos, persons=True, orgs=False) or bare
            return bare
        return None

    def _someone_else(self, pos: int, speaker: str) -> str | None:
        """The latest person before ``pos`` other than ``speaker``: ``he`` in a transcript
        turn is never the one speaking the turn."""
        for event in reversed(self.events):
            if event.pos < pos and event.speaker != speaker and event.speaker in self.cast.people:
                return event.speaker
        for m in reversed(self.cast.mentions_before(pos)):
            if m.person and not m.in_quote and m.key != speaker:
                return m.key
        return None

    def _unlisted_subject(self, pos: int) -> str | None:
        """For ``he said`` with no person known before: a two- or three-word name opening
        one of the three sentences before (``Zendaya Coleman won the award.``)."""
        start = self.sentence_start(pos)
        for _ in range(3):
            if start == 0:
                break
            start = self.previous_sentence_start(start)
            m = _NAME_SUBJECT.match(self.text, start)
            if m is None or self._in_quote(start):
                continue
            name = m.group(1)
            words = name.split()
            if any(
                w.lower() in self.lx.non_name_words or w.lower() in self.lx.places for w in words
            ):
                continue
            if not any(name in o for o in self.cast.organisations):
                return name
        return None

    def _gendered(self, found: str | None, pronoun: str, pos: int) -> str | None:
        """``she said`` right after a man spoke: the latest speaker already called ``she``.
        Gender is learnt from the pronouns resolved so far, never guessed from names, so
        copy that calls a woman ``he`` throughout still resolves to her."""
        if found is None:
            return None
        known = self._pronouns.get(found)
        if known is None or known == pronoun:
            self._pronouns.setdefault(found, pronoun)
            return found
        events = [e.speaker for e in reversed(self.events[-8:]) if e.pos < pos]
        recent = [m for m in self.cast.mentions_before(pos)[-12:] if m.person and not m.in_quote]
        people = [k for k in events if k in self.cast.people]
        people += [m.key for m in reversed(recent)]
        for wanted in (pronoun, None):  # one already so called, else one not yet called at all
            for key in people:
                if self._pronouns.get(key) == wanted:
                    self._pronouns.setdefault(key, pronoun)
                    return key
        return found

    # -- antecedents ----------------------------------------------------------------------

    def _antecedent(self, pos: int, *, persons: bool, orgs: bool, near: bool = False) -> str | None:
        """The speaker or subject a pronoun or a floating quote at ``pos`` refers to: a speaker
        or subject of its own sentence or the ones before, or else (unless ``near``, which looks
        at two sentences only) the latest speaker of the right kind."""
        end = pos
        start = self.sentence_start(pos)
        for _ in range(2 if near else 3):
            found = self._in_window(start, end, persons, orgs)
            if found:
                return found
            if start == 0:
                break
            end = start
            start = self.previous_sentence_start(start)
        if near:
            return None
        for event in reversed(self.events):
            if event.pos < pos and self._kind_ok(event.speaker, persons, orgs):
                return event.speaker
        for m in reversed(self.cast.mentions_before(pos)):  # named long before, silent since
            if not m.in_quote and m.end <= pos and (persons if m.person else orgs):
                return m.key
        return None

    def _kind_ok(self, key: str, persons: bool, orgs: bool) -> bool:
        if key in self._personish and key not in self.cast.people:
            return True  # named like a person but not known as one: either may refer to it
        is_person = key in self.cast.people
        if not is_person and key[:1].islower():  # an unnamed "a woman", "the department"
            head = key.rsplit(None, 1)[-1].lower()
            is_person = head in self.lx.person_nouns or head in self.lx.titles
        return (persons and is_person) or (orgs and not is_person)

    def _in_window(self, start: int, end: int, persons: bool, orgs: bool) -> str | None:
        for event in reversed(self.events):
            if event.pos < start:
                break
            if event.pos < end and self._kind_ok(event.speaker, persons, orgs):
                return event.speaker
        clause = start  # where the main clause begins: after "Asked whether X …, "
        if self.text.startswith(_ASKED_OPENERS, start):
            comma = self.text.find(", ", start, end)
            clause = comma + 2 if comma > 0 else start
        subject = _PRONOUN_SUBJECT.match(self.text, clause, end)
        if subject is not None:  # "She singled out X": the subject is still the earlier one
            pronoun = subject.group(1).lower()
            if persons and pronoun in ("he", "she"):
                found = self._antecedent(start, persons=True, orgs=False)
                return self._gendered(found, pronoun, start)
            return None
        mentions = [
            m
            for m in self.cast.mentions_in(clause, end)
            if not m.in_quote
            and not self._in_quote(m.start)
            and ((m.person and persons) or (not m.person and orgs))
        ]
        if not mentions:
            return self._described_person(start, end) if persons else None
        for m in mentions:
            if _RESPONSE_FROM.search(self.text, max(start, m.start - 60), m.start):
                return m.key  # "… drew a sharp response from Speaker X. “…,” he said."
        for m in mentions:
            if m.subject and not self._after_preposition(m):
                return m.key
        for i, m in enumerate(mentions):
            if not self._after_preposition(m) and not self._names_whose(m, mentions, i):
                return m.key
        for m in mentions:
            if len(self.text[start : m.start].split()) == 1:
                return m.key  # "For O’Donnell-Reyes, the defeat was personal."
        return None

    def _described_person(self, start: int, end: int) -> str | None:
        """A person named earlier and described here by role: ``The mayor spoke.``"""
        for m in _THE_NOUN.finditer(self.text, start, end):
            noun = m.group(1).lower()
            if noun in self.lx.titles and not self._in_quote(m.start()):
                found = self.cast.person_with_role(noun, start)
                if found:
                    return found
        return None

    def _names_whose(self, m: Mention, mentions: list[Mention], i: int) -> bool:
        """``Vance spokesman Drew Kellerman``: a name that only says whose the next one is."""
        if i + 1 >= len(mentions):
            return False
        between = self.text[m.end : mentions[i + 1].start].split()
        lx = self.lx
        return (
            1 <= len(between) <= 2
            and all(w.islower() for w in between)
            and (between[-1] in lx.titles or between[-1] in lx.person_nouns)
        )

    def _after_preposition(self, m: Mention) -> bool:
        head = self.text[max(0, m.start - 14) : m.start].split()
        if len(head) >= 2 and head[-2].lower() == "according":
            return False  # "According to Jane Doe, the plan failed.": she is the source
        return bool(head) and head[-1].lower() in self.lx.prepositions


_NAME_SUBJECT = re.compile(r"([A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+){1,2}),? (?:[a-z]+ly )?[a-z]{2,}")
_PRONOUN_SUBJECT = re.compile(r"(He|She|They|It|I|We)\s+(?![\"“‘])")
_RESPONSE_FROM = re.compile(
    r"\b(?:response|rebuke|reply|reaction|retort|pushback|criticism|condemnation|praise)"
    r"\s+from\s+(?:[A-Z][\w.\-]*\s+){0,3}$"
)
