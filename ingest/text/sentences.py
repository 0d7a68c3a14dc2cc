"""Sentence splitting for news copy.

A boundary is a run of ``.``, ``!``, ``?`` or an ellipsis, with any closing quotes or brackets
after it, followed by white space and a word that does not start in lower case. A period
after an abbreviation (``Mr.``, ``Dec. 15``, ``No. 5``, ``U.S.``), an initial (``J. K.
Rowling``) or inside a number (``3.5%``, ``$10.9bn``) is not a boundary; see
``data/abbreviations.json`` for the rules per kind of abbreviation.

Copy without capitals (all lower case, or ALL CAPS) cannot show where a sentence starts by its
first letter: there every run of stops followed by a word is a boundary, unless the word
before it is an abbreviation, matched without regard to case (``mr. smith``, ``U.S. ARMY``).

Paragraph spans are never crossed. The pipeline passes a first paragraph that already starts
after the wire dateline; a dateline that opens the first paragraph after a byline
(``By Jane Doe`` / ``HAZARD, Ky. — The …``) is left out of the first sentence here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ingest.language.wordlists import stopwords, table
from ingest.model import Sentence, Span
from ingest.text.boilerplate import is_boilerplate
from ingest.text.case import without_capitals
from ingest.text.dateline import find_dateline
from ingest.text.scans import literal_scans

_STOPS = ".!?…"


def _candidate(first: str) -> re.Pattern[str]:
    """A candidate boundary whose run of stops opens with ``first`` (a regex): the run, any
    closing quotes or brackets, white space, and a look at the next word."""
    return re.compile(
        rf"(?P<stop>{first}[.!?…]*)(?P<close>[”\"’'»)\]]*)\s+(?=(?P<next>\S{{1,40}}))"
    )


# One per first stop, scanned by ``literal_scans``: together they find what
# ``_candidate("[.!?…]")`` finds, several times faster.
_CANDIDATE_FROM = {stop: _candidate(re.escape(stop)) for stop in _STOPS}
_OPENING_MARKS = "“\"‘'([«"
_WORD_TAIL = re.compile(r"[A-Za-z][A-Za-z.'’]*\Z")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")
_FIRST_LETTER = re.compile(r"[^\W_]")
# After a quote that closes on ? or !, these open its speech tag, not a new sentence: the
# lower-case start that shows it in cased copy is missing in copy without capitals.
_TAG_OPENERS = frozenset(
    {"he", "she", "they", "we", "i", "you", "said", "says", "asked", "asks", "added", "replied"}
)


@dataclass(frozen=True, slots=True)
class Abbreviations:
    titles: frozenset[str]
    before_number: frozenset[str]
    general: frozenset[str]
    times: frozenset[str]
    time_followers: frozenset[str]
    sentence_starters: frozenset[str]
    # Each word of the four lists → (in titles, in before_number, in times, in general): one
    # look-up tells whether and which.
    kinds: Mapping[str, tuple[bool, bool, bool, bool]]
    # The same in lower case, for copy without capitals.
    folded_kinds: Mapping[str, tuple[bool, bool, bool, bool]]
    folded_starters: frozenset[str]


@cache
def abbreviations() -> Abbreviations:
    data = table("abbreviations.json")
    titles, before_number = frozenset(data["titles"]), frozenset(data["before_number"])
    general, times = frozenset(data["general"]), frozenset(data["times"])
    folded: dict[str, tuple[bool, bool, bool, bool]] = {}
    for word in titles | before_number | times | general:
        kind = (word in titles, word in before_number, word in times, word in general)
        was = folded.get(word.lower(), (False, False, False, False))
        folded[word.lower()] = tuple(a or b for a, b in zip(was, kind, strict=True))  # type: ignore[assignment]
    return Abbreviations(
        titles=titles,
        before_number=before_number,
        general=general,
        times=times,
        time_followers=frozenset(data["time_followers"]),
        sentence_starters=frozenset(w.capitalize() for w in stopwords()) | {"I"},
        kinds={
            word: (word in titles, word in before_number, word in times, word in general)
            for word in titles | before_number | times | general
        },
        folded_kinds=folded,
        folded_starters=frozenset(data["caseless_starters"]),
    )


def split_sentences(text: str, paragraphs: Sequence[Span]) -> tuple[Sentence, ...]:
    """Sentences of every paragraph, with offsets into ``text``."""
    abbr = abbreviations()
    out: list[Sentence] = []
    leading = True
    scans = [(stop, _CANDIDATE_FROM[stop]) for stop in _STOPS if stop in text]
    boundary = _is_caseless_boundary if without_capitals(text) else _is_boundary
    for index, para in enumerate(paragraphs):
        cursor = para.start
        if leading and not is_boilerplate(para.text):
            leading = False
            dateline = find_dateline(text, para.start, para.end)
            if dateline is not None:
                cursor = dateline.end
        for match in literal_scans(text, para.start, para.end, scans, may_nest=True):
            if boundary(text, match, cursor, abbr):
                _append(out, text, cursor, match.end("close"), index)
                cursor = match.end()
        _append(out, text, cursor, para.end, index)
    return tuple(out)


def _is_boundary(text: str, match: re.Match[str], cursor: int, abbr: Abbreviations) -> bool:
    stop, close, following = match.groups()
    if following[0].isalnum():  # the usual case, without a regex call
        if following[0].islower():
            return False
    else:
        letter = _FIRST_LETTER.search(following)
        if letter is None or letter.group().islower():
            return False
    if stop != "." or close:
        return True
    previous = _word_before(text, cursor, match.start())
    if not previous:
        return True
    kind = abbr.kinds.get(previous)
    if kind is None:
        # initials and dotted acronyms (one letter, or a letter and a period first) as general
        if (len(previous) == 1 or previous[1] == ".") and _INITIALS.fullmatch(previous):
            return _starter(following, abbr)
        return True
    title, before_number, time, _ = kind
    if title:
        return False
    if before_number and following[0].isdigit():
        return False
    if time:
        return following[0] != "(" and _word(following) not in abbr.time_followers
    return _starter(following, abbr)  # general or before_number


def _is_caseless_boundary(
    text: str, match: re.Match[str], cursor: int, abbr: Abbreviations
) -> bool:
    """:func:`_is_boundary` for copy without capitals: any word may open a sentence, and
    abbreviations are looked up in lower case."""
    stop, close, following = match.groups()
    if _FIRST_LETTER.search(following[:2]) is None and following[0] not in "“\"‘'`(":
        return False  # a run of stops before a figure or a symbol: 3.5, ..., $5
    if stop[0] == "…" or stop.startswith(".."):
        # an ellipsis goes on the sentence, unless a quote closes after it or it stands after
        # a full stop as a separator (AP's "Notes: … games. ... Smith left …")
        return bool(close) or text[cursor : match.start()].rstrip().endswith((".", "!", "?"))
    next_word = _word(following).lower()
    if close and stop[0] in "?!" and next_word in _TAG_OPENERS:
        return False  # “… for president?” she asked: the tag goes on the quote's sentence
    if stop != "." or close:
        return True
    previous = _word_before(text, cursor, match.start())
    if not previous:
        return True
    kind = abbr.folded_kinds.get(previous.lower())
    if kind is None:
        if (len(previous) == 1 or previous[1] == ".") and _INITIALS.fullmatch(previous):
            return following[0] in "“\"‘'`" or next_word in abbr.folded_starters
        return True
    title, before_number, _, _ = kind
    if title:
        return False
    if before_number and following[0].isdigit():
        return False
    return following[0] in "“\"‘'`" or next_word in abbr.folded_starters  # general or time


def _word_before(text: str, cursor: int, end: int) -> str:
    """The word a stop at ``end`` ends, without opening marks; for ``U.S``, ``Gov't`` and a
    ``a.m`` glued to what precedes it (``7&nbsp;a.m.``), its letters and periods only."""
    space = max(text.rfind(" ", cursor, end), text.rfind("\n", cursor, end), cursor - 1)
    previous = text[space + 1 : end].lstrip(_OPENING_MARKS)
    if not previous.isalpha():
        tail = _WORD_TAIL.search(previous)
        previous = tail.group() if tail else ""
    return previous


def _starter(following: str, abbr: Abbreviations) -> bool:
    """After an abbreviation, does ``following`` open a new sentence?"""
    if following[0] in "“\"‘'`":
        return True
    return _word(following) in abbr.sentence_starters


def _word(following: str) -> str:
    return following.rstrip(".,;:!?”\"’')")


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        s = start if chunk[0] == stripped[0] else start + len(chunk) - len(chunk.lstrip())
        out.append(Sentence(stripped, s, s + len(stripped), paragraph))
