"""Reported speech: statements outside quotation marks, one item per reported clause.

The cues, in text order: the speech verbs of the body (``X said (that) …``, ``…, X said``,
``has long said``, ``now says``), the statement verbs kept apart from them (``denied that``),
findings of documents, polls and bodies (``the report found``, ``a poll showed``),
``according to X`` (before or after the clause) and ``…, adding that …``. Beliefs reported of
someone (``X believes …``, ``hopes``, ``expects``) are found the same way and told apart by
their verb (``is_belief``). The content is the clause alone: without ``that``, the tag or a
trailing attribution; a clause mostly inside quotation marks is a partial quote, not a
paraphrase. Words: ``ingest/language/data/reported_speech.txt``; who speaks:
``reported_sources``; where a clause ends: ``reported_clauses``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from operator import attrgetter

from ingest.attribution.cues import cues
from ingest.attribution.reported_clauses import (
    clause_after,
    clause_before,
    mostly_quoted,
    split_before,
)
from ingest.attribution.reported_sources import (
    according_source,
    according_to,
    group_or_document,
    reported_words,
    sentence_subject,
    source_before,
)
from ingest.language.lexicon import trie_pattern
from ingest.model import Span

# (clause start, clause end, speaker position, speaker match, cue word)
ReportedItem = tuple[int, int, int, re.Match[str], str]

# a closing mark and a space before the verb (",” said X"): the cue of a direct quote
_CLOSED_QUOTE = frozenset(("” ", '" ', "’ ", "' ", "» "))
_PARTICIPLES = ("adding", "saying", "noting", "arguing", "warning", "insisting", "claiming")
_AND = re.compile(r"[”’'\"»\s]*and\s+")  # between a statement and a verb of its speaker


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    word: str
    kind: str  # speech | belief | denial | finding | according | participle
    source: tuple[int, int] = (0, 0)  # the source of "according to X"


def is_belief(cue: str | None) -> bool:
    """Whether an item's cue reports a belief, hope or expectation rather than speech."""
    return cue is not None and cue.lower() in reported_words().belief


@cache
def _extra_verbs() -> re.Pattern[str]:
    rw = reported_words()
    words = rw.speech | rw.belief | rw.denial | rw.finding | set(_PARTICIPLES)
    # a space first: the regex engine skips ahead to a literal first character four times
    # faster than to a class (a statement verb always follows its speaker and a space)
    return re.compile(rf" ({trie_pattern(words)})\b")


def _cues(text: str, paragraphs: Sequence[Span], verbs: Sequence[re.Match[str]]) -> list[_Cue]:
    cues = [_Cue(v.start(), v.end(), v.group(), "speech") for v in verbs]
    if not paragraphs:
        return cues
    lo, hi = paragraphs[0].start, paragraphs[-1].end
    rw = reported_words()
    for m in _extra_verbs().finditer(text, max(lo - 1, 0), hi):
        word = m.group(1)
        low = word.lower()
        kind = (
            "speech"
            if low in rw.speech
            else "belief"
            if low in rw.belief
            else "denial"
            if low in rw.denial
            else "finding"
            if low in rw.finding
            else "participle"
        )
        cues.append(_Cue(m.start(1), m.end(1), word, kind))
    for cue, src, stop in according_to(text, max(lo - 1, 0), hi):
        cues.append(_Cue(cue, cue + len("according to"), "according to", "according", (src, stop)))
    cues.sort(key=attrgetter("start"))
    return cues


def find_reported(
    text: str,
    paragraphs: Sequence[Span],
    sentence_starts: Sequence[int],
    quote_ranges: Sequence[tuple[int, int]],
    verbs: Sequence[re.Match[str]],
) -> list[ReportedItem]:
    """(clause start, clause end, speaker position, speaker match, cue) per reported clause.

    ``quote_ranges`` are the (opening mark, closing mark end) of the top-level quotes, sorted;
    no cue inside one is looked at. ``verbs`` are the speech verbs of the body in text order."""
    out: list[ReportedItem] = []
    sentence_of: list[int] = []  # the sentence of each item of ``out``
    # the latest speaker of each sentence, kept for "…, adding that …" even where no item
    # was taken (a direct quote's cue, a partial quote)
    heard: dict[int, _Cue] = {}
    # the latest statement of each sentence, kept or not: "… and confirmed that …" after it
    stated: dict[int, ReportedItem] = {}
    quote_starts = [s for s, _ in quote_ranges]
    para_ends = [p.end for p in paragraphs]
    last_para_end = para_ends[-1] if para_ends else -1
    n_starts, text_end = len(sentence_starts), len(text)
    for cue in _cues(text, paragraphs, verbs):
        pos = cue.start
        q = bisect_right(quote_starts, pos) - 1
        if q >= 0 and pos < quote_ranges[q][1]:
            continue  # in a quote
        i = bisect_right(sentence_starts, pos) - 1
        start = sentence_starts[i] if i >= 0 else 0
        if cue.kind != "according" and text[pos - 2 : pos] in _CLOSED_QUOTE:
            if cue.kind == "speech":
                heard[i] = cue
            continue  # ,” X said: a direct quote's cue
        nxt = sentence_starts[i + 1] if i + 1 < n_starts else text_end
        end = min(nxt, para_ends[bisect_left(para_ends, pos)] if pos <= last_para_end else nxt)
        prev = out[-1] if out and sentence_of[-1] == i else None
        if cue.kind == "participle":
            said = _sentence_speaker(text, start, cue, prev, heard.get(i))
            item = _participle(text, cue, end, said, prev[1] if prev is not None else start)
            if item is not None:
                out.append(item)
                sentence_of.append(i)
            continue
        lo = start
        last = stated.get(i)
        if last is not None and cue.kind == "speech" and _AND.fullmatch(text, last[1], pos):
            # "said the result was … and confirmed that …": the same speaker again
            found = clause_after(text, cue.end, end, cue.word, cue.kind)
            if found is not None:
                out.append((found[0], found[1], last[2], last[3], cue.word))
                sentence_of.append(i)
            continue
        if prev is not None:
            if cue.kind == "according":
                continue  # "X told lawmakers …, according to two people in the room"
            if prev[0] <= pos < prev[1] and cue.kind == "speech" and is_belief(prev[4]):
                # "Detectives believe the car was stolen, a spokeswoman said.": the tag
                # reports the belief, which ends before it
                item = _statement(text, start, end, cue)
                if item is not None and item[1] <= pos:
                    out[-1] = (prev[0], item[1], *prev[2:])
                    out.append(item)
                    sentence_of.append(i)
                continue
            if prev[0] <= pos < prev[1]:
                # a cue inside the statement before: a statement of its own only after a
                # break (", and he predicted that …"), where the one before then ends
                cut = split_before(text, prev[0], pos)
                if cut is None:
                    continue
                out[-1] = (prev[0], cut[0], *prev[2:])
                lo = cut[1]
            elif pos < prev[1] or pos < prev[2]:
                continue
            else:
                lo = max(start, prev[1])
        if cue.kind == "according":
            item = _according(text, start, end, cue)
        else:
            heard[i] = cue
            item = _statement(text, lo, end, cue)
        if item is not None:
            stated[i] = item
        if item is None or mostly_quoted(item[0], item[1], quote_ranges, quote_starts):
            continue
        out.append(item)
        sentence_of.append(i)
    return out


def _statement(text: str, start: int, end: int, cue: _Cue) -> ReportedItem | None:
    """The statement of a verb cue: the clause after it (``X said …``) or, for speech, the
    clause before it (``…, X said``). The clause is looked for first: most cues have none."""
    pos = cue.start
    forward = clause_after(text, cue.end, end, cue.word, cue.kind)
    comma = text.rfind(",", start, pos)
    if forward is None and (cue.kind != "speech" or comma < 0):
        return None
    m = source_before(text, start, pos, finding=cue.kind == "finding")
    if m is None and cue.kind == "speech" and text[start:pos].rstrip().endswith(","):
        return _verb_first_tag(text, start, end, cue)  # "…, said Sen. Ana Ruiz."
    tag_start = None
    if m is None and cue.kind == "speech" and comma >= 0 and pos - comma < 80:
        m = _tag_source(text, comma, pos)
        tag_start = comma + 1
    if m is None:
        return None
    if forward is not None:
        return forward[0], forward[1], m.start(), m, cue.word
    if cue.kind != "speech":
        return None
    backward = clause_before(text, start, end, m, cue.end, tag_start)
    if backward is None:
        return None
    return backward[0], backward[1], m.start(), m, cue.word


def _verb_first_tag(text: str, start: int, end: int, cue: _Cue) -> ReportedItem | None:
    """``CLAUSE, said X`` / ``CLAUSE, says X, who …``: the speaker after the verb."""
    m = cues().trailing_verb_first.match(text, cue.start)
    if m is None or m.start("verb") != cue.start:
        return None
    found = clause_before(text, start, end, None, m.end(), tag_start=cue.start)
    if found is None:
        return None
    return found[0], found[1], m.start(), m, cue.word


def _tag_source(text: str, comma: int, pos: int) -> re.Match[str] | None:
    """The group in a trailing tag after ``comma`` that no other rule finds: ``…, three
    officials familiar with the talks said``."""
    group = reported_words().group
    for m in re.finditer(r"[a-z]+", text[comma:pos]):
        if m.group() in group:
            return group_or_document(text, comma + 1, comma + m.end())
    return None


def _according(text: str, start: int, end: int, cue: _Cue) -> ReportedItem | None:
    """``According to X, CLAUSE.`` or ``CLAUSE, according to X.``"""
    src, stop = cue.source
    m = according_source(text, src, stop)
    if m is None:
        return None
    if not text[start : cue.start].strip():  # at the sentence start
        if text[stop : stop + 1] != ",":
            return None  # "According to X: “…”" introduces a quote
        found = clause_after(text, stop + 1, end, "according to", "according")
    else:
        if not text[start : cue.start].rstrip().endswith(","):
            return None  # "the plan was drawn up according to the rules"
        if text[stop:end].strip(" \n.;!?”\"’'") and text[stop : stop + 1] != ".":
            return None  # more follows the source: not a trailing attribution
        found = clause_before(text, start, end, None, stop, tag_start=cue.start)
    if found is None:
        return None
    return found[0], found[1], m.start(), m, "according to"


def _sentence_speaker(
    text: str, start: int, cue: _Cue, prev: ReportedItem | None, heard: _Cue | None
) -> tuple[int, re.Match[str], str] | None:
    """(speaker position, speaker, verb) of the sentence a participle cue stands in: that of
    its statement before, of its latest speech verb (``“…,” he said, adding that …``), or
    its subject (``Some legal scholars have questioned it, noting that …``)."""
    if prev is not None:
        return prev[2], prev[3], prev[4]
    if heard is not None:
        m = source_before(text, start, heard.start)
        if m is not None:
            return m.start(), m, heard.word
    m = sentence_subject(text, start, cue.start)
    return (m.start(), m, cue.word) if m is not None else None


def _participle(
    text: str, cue: _Cue, end: int, said: tuple[int, re.Match[str], str] | None, after: int
) -> ReportedItem | None:
    """``…, adding that CLAUSE``: a further statement of the sentence's speaker ``said``
    (speaker position, speaker, verb), after ``after`` (the end of the statement before)."""
    if said is None or cue.start < after or not text[: cue.start].rstrip().endswith(","):
        return None
    if not text.startswith(" that ", cue.end):
        return None
    found = clause_after(text, cue.end, end, cue.word, "participle")
    if found is None:
        return None
    return found[0], found[1], said[0], said[1], said[2]
