"""Descriptions that stand for a speaker named elsewhere: ``the company said``, ``the
agency added``, ``a council spokesman said``, ``the statement said``, ``the Arizona Democrat
said``, ``Smith's lawyer said``.

A mixin of the ``Attributor``: it resolves a description phrase at a position to the person
or organisation it most likely means (a name ending in the noun, one introduced with it, the
body speaking nearby, the issuer of a document), or keeps the phrase as written.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ingest.people.names import POSS, name_run_pattern

if TYPE_CHECKING:
    from ingest.attribution.cues import Cues
    from ingest.language.lexicon import Lexicon
    from ingest.people.cast import Cast

_DEFINITE = frozenset(("the", "its", "his", "her", "their", "our"))
INDEFINITE = frozenset(("a", "an", "one", "another", "some"))
DETERMINERS = frozenset(["the", "a", "an", "its", "his", "her", "their", "our", "this", "that"])


class Descriptions:
    """Description resolution for the ``Attributor`` (which provides these members)."""

    text: str
    lx: Lexicon
    cast: Cast
    cues: Cues

    def _in_quote(self, pos: int) -> bool:
        raise NotImplementedError

    def sentence_start(self, pos: int) -> int:
        raise NotImplementedError

    def previous_sentence_start(self, start: int) -> int:
        raise NotImplementedError

    def _antecedent(self, pos: int, *, persons: bool, orgs: bool, near: bool = False) -> str | None:
        raise NotImplementedError

    def _person_descriptor(self, word: str) -> bool:
        """``Democrat``, ``Spaniard``, ``Kenyan``: a noun for a person already named."""
        lx = self.lx
        return word in lx.person_descriptors or (word in lx.places and word.endswith(("an", "ese")))

    def _description(self, phrase: str, pos: int) -> str | None:
        head_part, of, _ = phrase.partition(" of ")
        if of and head_part.rsplit(None, 1)[-1].lower() in self.lx.titles:
            found = self._description(head_part, pos)  # "the president of the union"
            return phrase if found == head_part else found
        words = phrase.split()
        head = words[-1].lower()
        if head.endswith("-year-old"):
            return self._antecedent(pos, persons=True, orgs=False) or phrase  # the 29-year-old
        noun = head[:-1] if head.endswith("s") and head[:-1] in self.lx.descriptions else head
        if (
            noun != head
            and (noun in self.lx.titles or noun in self.lx.person_nouns)
            and words[0].lower() not in _DEFINITE
        ):
            return phrase  # "officials said", "several analysts said": nobody named
        if (
            len(words) > 1
            and words[0][:1].isupper()
            and words[0].lower() not in DETERMINERS
            and not (
                words[0].endswith(POSS) and (noun in self.lx.titles or noun in self.lx.person_nouns)
            )
        ):
            # "Maple Heights police", "Israel's military": a body named in full; but
            # "Apple's chief executive" is a person named before
            return phrase
        if words[0].endswith(POSS) and words[0][:1].isupper():
            owner = self.cast.resolve(words[0][:-2])
            if owner is not None and owner[0] in self.cast.people:
                # "Smith's lawyer said": someone other than Smith, named before or not at all
                return self.cast.person_with_role(noun, pos) or phrase
        for w in words[1:-1]:
            if w.endswith(POSS) and w[:1].islower():  # "the journal’s editors": the journal
                found = self._named_body(w[:-2].lower(), pos)
                if found:
                    return found
        caps = [
            i
            for i, w in enumerate(words[:-1])
            if i and w[:1].isupper() and _bare(w) not in self.lx.places
        ]
        if caps and noun in self.lx.spokesperson_words:
            inner = " ".join(words[caps[0] : caps[-1] + 1])  # "a Department for Education …"
            found = self.cast.resolve(inner)
            return found[0] if found else inner
        indefinite = words[0].lower() in INDEFINITE
        if noun in self.lx.spokesperson_words and indefinite:
            found = self._spoken_for(words, noun, pos)  # "a council spokesman": the council
            if found:
                return found
        if noun in self.lx.company_nouns:
            return (
                self.cast.company(pos, loose=False)
                or self._introduced_as(self.lx.company_nouns, pos)
                or self._antecedent(pos, persons=False, orgs=True, near=True)
                or self.cast.company(pos)
                or self._subject_body(pos)
                or phrase
            )
        if noun not in self.lx.descriptions and not (
            noun in self.lx.titles or noun in self.lx.person_nouns
        ):
            # a noun no list knows: someone new ("one senior backbencher"), the person just
            # named ("the backbencher"), or else a body ("the tabloid")
            if indefinite:
                return phrase
            if noun.endswith(("er", "or", "ist", "ian", "ee")):
                return self._antecedent(pos, persons=True, orgs=False) or phrase
        if noun in self.lx.titles or noun in self.lx.person_nouns:
            found = self.cast.person_with_role(noun, pos)
            if found:
                return found
            if noun in self.lx.spokesperson_words:
                found = self._spoken_for(words, noun, pos)
                if found:
                    return found
            if indefinite:
                return phrase  # "one trader said": someone new, not the last speaker
            return self._antecedent(pos, persons=True, orgs=False) or phrase
        for m in reversed(self.cast.mentions_before(pos)):
            if not m.person and noun in m.key.lower():
                return m.key
        if noun in self.lx.document_nouns:  # "the statement said": whoever issued it
            return self._antecedent(pos, persons=True, orgs=True) or phrase
        # "the newspaper wrote" after "The newspaper X reported": a near subject so described
        found = self._antecedent(pos, persons=False, orgs=True, near=True)
        if found and self._described(found, noun, pos):
            return found
        # "the hospice" for "Little Lanterns Hospice"; "the agency said" after the agency's
        # director spoke; "the journal" for "the journal JAMA Pediatrics" named long before;
        # else the organisation that spoke last, never a country ("Ukraine said …, the air
        # force said")
        latest = self._antecedent(pos, persons=False, orgs=True)
        return (
            self._named_with(noun, pos)
            or self._body(found)
            or self._introduced_as(frozenset((noun,)), pos)
            or self._body(latest)
            or phrase
        )

    def _subject_body(self, pos: int) -> str | None:
        """A capitalised name opening one of the three sentences before ``pos`` (or after
        ``Shares of``) that names no person or place: ``Nvidia reported …``."""
        start = self.sentence_start(pos)
        for _ in range(3):
            if start == 0:
                break
            start = self.previous_sentence_start(start)
            m = _SUBJECT_BODY.match(self.text, start)
            if m is None or self._in_quote(start):
                continue
            name = m.group(1)
            low = name.lower()
            if low in self.lx.places or low in self.lx.non_name_words or low in self.lx.titles:
                continue
            known = self.cast.resolve(name)
            if known is None or known[0] not in self.cast.people:
                return known[0] if known is not None else name
        return None

    def _body(self, name: str | None) -> str | None:
        return None if name is None or _bare(name) in self.lx.places else name

    def _named_body(self, noun: str, pos: int) -> str | None:
        """An organisation named before ``pos`` that ``the noun`` can only mean."""
        for m in reversed(self.cast.mentions_before(pos)):
            if not m.person and noun in m.key.lower():
                return m.key
        return self._named_with(noun, pos) or self._introduced_as(frozenset((noun,)), pos)

    def _named_with(self, noun: str, pos: int) -> str | None:
        """The latest name before ``pos`` that ends in ``noun`` capitalised (``the hospice``
        for ``Little Lanterns Hospice``), unless it names a person."""
        word = noun.capitalize()
        at = self.text.rfind(word, 0, pos)
        while at > 0:
            end = at + len(word)
            if not self.text[end : end + 1].isalpha() and not self._in_quote(at):
                m = self.cues.named_end.search(self.text, max(0, at - 80), end)
                if m is not None and m.start() < at:
                    name = m.group().removeprefix("The ").removeprefix("the ")
                    known = self.cast.resolve(name)
                    if known is None or not known[1] or known[0] not in self.cast.people:
                        return known[0] if known is not None else name
            at = self.text.rfind(word, 0, at)
        return None

    def _spoken_for(self, words: list[str], noun: str, pos: int) -> str | None:
        """The body an unnamed spokesperson speaks for: the one its lower-case modifier
        names (``a council spokesman``, ``a company spokeswoman``), else, for a bare
        ``a spokesman``, the organisation speaking or acting just before."""
        for w in reversed(words[1:-1]):
            if w[:1].islower() and w in self.lx.descriptions:
                found = self._description("the " + w, pos)
                if found != "the " + w:
                    return found
        if noun in _UNNAMED_SOURCES:
            return None  # "a senior official said": an unnamed individual
        return self._antecedent(pos, persons=False, orgs=True, near=True)

    def _introduced_as(self, nouns: frozenset[str], pos: int) -> str | None:
        """The latest organisation introduced with one of ``nouns`` before ``pos``: ``the
        journal JAMA Pediatrics``, ``cloud provider Stratoline``, ``Halvorsen's, the
        department store chain``."""
        text, found = self.text, None
        after, before = _introduction()
        for m in _noun_alternation(nouns).finditer(text, 0, pos):
            if self._in_quote(m.start()):
                continue
            named = after.match(text, m.end())  # "the journal JAMA Pediatrics"
            if named is None:
                comma = _APPOSITION_HEAD.search(text, max(0, m.start() - 70), m.start())
                if comma is None:
                    continue
                named = before.search(text, max(0, comma.start() - 80), comma.start())
            if named is None:
                continue
            name = named.group("name").removeprefix("The ").removeprefix("the ")
            known = self.cast.resolve(name)
            if known is not None and known[1] and known[0] in self.cast.people:
                continue  # a person, not the body
            found = known[0] if known is not None else name
        return found

    def _described(self, name: str, noun: str, pos: int) -> bool:
        """Whether ``name`` is called a ``noun`` shortly before ``pos``."""
        lo = self.previous_sentence_start(self.sentence_start(pos))
        key, n = re.escape(name), re.escape(noun)
        pattern = rf"\b{n}\b[^.]{{0,25}}{key}|{key}[^.]{{0,25}}\b{n}\b"
        return re.search(pattern, self.text[lo:pos], re.IGNORECASE) is not None


def _bare(word: str) -> str:
    return word.lower().removesuffix("’s").removesuffix("'s")


_UNNAMED_SOURCES = frozenset(("official", "officials", "source", "sources"))


@lru_cache(maxsize=64)
def _noun_alternation(nouns: frozenset[str]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{'|'.join(sorted(re.escape(n) for n in nouns))})\b")


@lru_cache(maxsize=1)
def _introduction() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A name right after a noun (``provider Stratoline``) and one ending right before an
    apposition's comma (``Halvorsen's, the … chain``)."""
    run = name_run_pattern()
    return (
        re.compile(rf"[ \t]+(?P<name>{run})"),
        re.compile(rf"(?<![\w’'])(?P<name>{run}(?:[’']s)?)$"),
    )


# a sentence opening with a capitalised name and a verb: "Nvidia reported …", "Shares of
# Nvidia rose …"
_SUBJECT_BODY = re.compile(
    r"(?:[Ss]hares (?:of|in) )?([A-Z][\w&\-]*(?: [A-Z][\w&\-]*){0,2}) (?:[a-z]+ly )?[a-z]{2,}"
)

# ", the 112-year-old Midwestern department store " before the noun of an apposition
_APPOSITION_HEAD = re.compile(r",\s+(?:the|a|an)\s+[^,.;:“”\"\n]{0,60}$")
