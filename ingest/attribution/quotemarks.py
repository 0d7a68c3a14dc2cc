"""Quoted stretches of an article: which marks open and close, nesting, multi-paragraph quotes.

Straight, curly, wire-style doubled (``…'' / ''…''), single, guillemet and low-high marks
are paired per paragraph with a stack, so a quote nested with the very same double marks stays
inside its outer quote. Apostrophes (``Kazakhstan’s``, ``’90s``, ``rock ’n’ roll``) never pair.
A mark that finds no partner is dropped on its own; it never shifts the other pairs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ingest.language.lexicon import lexicon
from ingest.model import Span
from ingest.text.scans import literal_scans

# ``…``, ''…'' or one mark (a lone ` is none), one pattern per mark: a pattern that opens
# with one character is scanned for many times faster than one opening with a class.
_MARK_SCANS = tuple(
    (mark, re.compile("''?" if mark == "'" else "``" if mark == "`" else mark))
    for mark in "\"“”‘’'«»„‹›`"
)

_OPEN, _CLOSE, _EITHER = 1, 2, 3
_LEFT_CONTEXT = frozenset("([{—–-/“‘«„‹\"'")
_RIGHT_CONTEXT = frozenset(".,;:!?)]}—–-/”’»›\"'…")
_DOUBLE_OPENERS = frozenset(("“", "„", "«", "``"))
_DOUBLE = frozenset(("“", "”", '"', "``", "''", "«", "»", "„"))


@dataclass(slots=True)  # built often: a plain class is cheaper than a frozen one
class QuoteSpan:
    """One quoted stretch: ``start``/``end`` bound the content, ``open``/``close`` the marks.

    ``top`` is False for a quote nested in another. Pieces of one quote that runs over several
    paragraphs share ``group`` (the index of the first piece); ``closed`` is False for every piece
    but the last of such a quote.
    """

    start: int
    end: int
    open: int
    close: int
    paragraph: int
    double: bool
    top: bool = True
    group: int | None = None
    closed: bool = True


@lru_cache(maxsize=4096)  # a few marks between a few kinds of neighbour
def _role(mark: str, prev: str, nxt: str) -> int | None:
    left = prev == "" or prev.isspace() or prev in _LEFT_CONTEXT
    right = nxt == "" or nxt.isspace() or nxt in _RIGHT_CONTEXT
    if mark in ("“", "``", "«", "„", "‹"):
        return _CLOSE if (mark == "“" and right and not left) else _OPEN
    if mark in ("”", "»", "›"):
        return _OPEN if (mark == "”" and left and not right) else _CLOSE
    if mark == "''":
        return _OPEN if left and not right else _CLOSE
    if mark == "‘":
        return None if prev.isalnum() else _OPEN
    # ’ " ' : decided by context
    if mark != '"' and prev.isalnum() and nxt.isalnum():
        return None  # Kazakhstan’s, don't
    if mark != '"' and left and (nxt.isdigit() or (not right and _is_elision(nxt))):
        return None  # ’90s, ’n’
    if left and not right:
        return _OPEN if mark != "’" else None
    if right and not left:
        return _CLOSE
    return _EITHER if mark == '"' else None


def _is_elision(nxt: str) -> bool:
    return nxt in "n"


def _pair_family(
    text: str,
    marks: list[tuple[int, int, int]],
    para_end: int,
    singles: bool,
) -> tuple[list[tuple[int, int, int, int]], int | None]:
    """Pair one family's marks in one paragraph.

    Returns (pairs as (open, open_end, close, close_end), start of a dangling opener or None).
    """
    pairs: list[tuple[int, int, int, int]] = []
    stack: list[tuple[int, int]] = []
    for index, (s, e, role) in enumerate(marks):
        if role == _OPEN or (role == _EITHER and not stack):
            stack.append((s, e))
            continue
        if not stack:
            continue  # a stray closer: drop it alone
        if singles and _looks_possessive(text, s, e, para_end) and _later_closer(marks, index):
            continue
        o, oe = stack.pop()
        pairs.append((o, oe, s, e))
    return pairs, (stack[0][0] if stack else None)


def _looks_possessive(text: str, s: int, e: int, para_end: int) -> bool:
    return (
        s > 0
        and text[s - 1] == "s"
        and e + 1 < para_end
        and text[e] == " "
        and text[e + 1].isalnum()
    )


def _later_closer(marks: list[tuple[int, int, int]], index: int) -> bool:
    for _, _, role in marks[index + 1 :]:
        if role == _OPEN:
            return False
        if role in (_CLOSE, _EITHER):
            return True
    return False


def _inside(pos: int, pairs: list[tuple[int, int, int, int]]) -> bool:
    return any(o < pos < ce for o, _, _, ce in pairs)


def _marks(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The marks in ``text[start:end]`` in text order."""
    return literal_scans(text, start, end, _MARK_SCANS)


def _paragraph_marks(text: str, paragraphs: Sequence[Span]) -> list[list[re.Match[str]]]:
    """The marks of each paragraph, exactly as a scan of each paragraph alone finds them,
    from one ``_marks`` pass over all of them (``paragraphs`` in text order, not overlapping)."""
    out: list[list[re.Match[str]]] = [[] for _ in paragraphs]
    if not paragraphs:
        return out
    i, para = 0, paragraphs[0]
    para_start, para_end = para.start, para.end
    for m in _marks(text, para_start, paragraphs[-1].end):
        s = m.start()
        while s >= para_end:  # on to the paragraph that holds ``s`` (the last one ends the scan)
            i += 1
            para = paragraphs[i]
            para_start, para_end = para.start, para.end
        if s < para_start and m.end() <= para_start:
            continue  # between paragraphs
        if s < para_start or m.end() > para_end:
            # a doubled mark across the paragraph's start or end (never where white space
            # parts paragraphs): scan this paragraph alone and start afresh after it
            out[i] = _marks(text, para_start, para_end)
            out[i + 1 :] = _paragraph_marks(text, paragraphs[i + 1 :])
            return out
        out[i].append(m)
    return out


def find_quotes(text: str, paragraphs: Sequence[Span]) -> list[QuoteSpan]:
    """Every quoted stretch of the body, top-level and nested, in text order."""
    out: list[QuoteSpan] = []
    carry: int | None = None  # index in ``out`` of the first piece of an unfinished quote
    carry_double = True
    n_para = len(paragraphs)
    for p_index, marks in enumerate(_paragraph_marks(text, paragraphs)):
        if carry is None and not marks:
            continue
        para = paragraphs[p_index]
        doubles: list[tuple[int, int, int]] = []
        singles: list[tuple[int, int, int]] = []
        for m in marks:
            s, e = m.span()
            mark = m.group()
            prev = text[s - 1] if s > para.start else ""
            nxt = text[e] if e < para.end else ""
            role = _role(mark, prev, nxt)
            if role is None:
                continue
            (doubles if mark in _DOUBLE else singles).append((s, e, role))
        if carry is None and not doubles and not singles:
            continue
        if (
            carry is None
            and not singles
            and len(doubles) == 2
            and doubles[0][2] != _CLOSE
            and doubles[1][2] != _OPEN
        ):
            # the common paragraph: one quote in double marks, which the pairing below
            # would make one top-level quote of
            (o, oe, _), (c, ce, _) = doubles
            out.append(QuoteSpan(oe, c, o, ce, p_index, text[o:oe] in _DOUBLE, True))
            continue
        if carry is not None:
            # this paragraph continues a quote: its first opener is the continuation mark
            family = doubles if carry_double else singles
            if family and family[0][0] == para.start and family[0][2] in (_OPEN, _EITHER):
                family.pop(0)
                close_at = _first_top_closer(text, family, para.end, not carry_double)
                if close_at is None:
                    _piece(out, text, para, p_index, carry_double, carry, para.start + 1, None)
                    continue
                s, e, idx = close_at
                _piece(out, text, para, p_index, carry_double, carry, para.start + 1, (s, e))
                del family[: idx + 1]
            carry = None
        dpairs, dangling = _pair_family(text, doubles, para.end, singles=False)
        spairs_raw, sdangling = _pair_family(
            text, [m for m in singles if not _inside(m[0], dpairs)], para.end, singles=True
        )
        spairs = [p for p in spairs_raw if not _inside(p[0], dpairs)]
        nested_singles = [p for p in spairs_raw if _inside(p[0], dpairs)]
        for o, oe, c, ce in sorted(dpairs + spairs + nested_singles):
            top = not _inside(o, dpairs) and not _inside(o, spairs)
            out.append(
                QuoteSpan(oe, c, o, ce, p_index, text[o:oe] in _DOUBLE, top),
            )
        opener, is_double = (dangling, True) if dangling is not None else (sdangling, False)
        if opener is not None and not (is_double and _inside(opener, dpairs)):
            nxt_para = paragraphs[p_index + 1] if p_index + 1 < n_para else None
            if nxt_para is not None and _opens_with_mark(text, nxt_para, is_double):
                mark_end = opener + (2 if text.startswith(("``", "''"), opener) else 1)
                carry = len(out)
                carry_double = is_double
                out.append(
                    QuoteSpan(
                        mark_end,
                        para.end,
                        opener,
                        para.end,
                        p_index,
                        is_double,
                        True,
                        carry,
                        False,
                    )
                )
            else:
                repaired = _repair(text, opener, para.end, dpairs + spairs, p_index, is_double)
                if repaired is not None:
                    out.append(repaired)
    out.sort(key=lambda q: q.start)
    return out


@cache
def _missing_close() -> re.Pattern[str]:
    verbs = lexicon().verb_pattern
    return re.compile(
        rf"[,?!](?=\s+(?:[Hh]e|[Ss]he|[Tt]hey|[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){{0,2}})"
        rf"\s+(?:{verbs})\b)"
    )


def _repair(
    text: str,
    opener: int,
    para_end: int,
    pairs: list[tuple[int, int, int, int]],
    p_index: int,
    double: bool,
) -> QuoteSpan | None:
    """A quote whose closing mark was left out before its cue (``"…away, he said.``)."""
    limit = min((o for o, _, _, _ in pairs if o > opener), default=para_end)
    m = _missing_close().search(text, opener, limit)
    if m is None:
        return None
    mark_end = opener + (2 if text.startswith(("``", "''"), opener) else 1)
    return QuoteSpan(mark_end, m.end(), opener, m.end(), p_index, double)


def _first_top_closer(
    text: str, family: list[tuple[int, int, int]], para_end: int, singles: bool
) -> tuple[int, int, int] | None:
    depth = 0
    for idx, (s, e, role) in enumerate(family):
        if role == _OPEN:
            depth += 1
        elif depth:
            depth -= 1
        elif not (
            singles and _looks_possessive(text, s, e, para_end) and _later_closer(family, idx)
        ):
            return s, e, idx
    return None


def _piece(
    out: list[QuoteSpan],
    text: str,
    para: Span,
    p_index: int,
    double: bool,
    group: int,
    start: int,
    close: tuple[int, int] | None,
) -> None:
    if text.startswith(("``", "''"), para.start):
        start += 1
    end, close_end = (close[0], close[1]) if close else (para.end, para.end)
    out.append(
        QuoteSpan(
            start, end, para.start, close_end, p_index, double, True, group, close is not None
        )
    )


def _opens_with_mark(text: str, para: Span, double: bool) -> bool:
    head = text[para.start : para.start + 2]
    if double:
        return head[:1] in ("“", '"', "«", "„") or head in ("``", "''")
    return head[:1] in ("‘", "'")
