"""Fast regex scans: one literal-first pattern per leading character, merged in text order.

Python's regex engine skips ahead to a literal first character several times faster than to a
character class (about 5 instructions a character against 45-60). A pattern like
``[.!?]\\s+`` is therefore scanned as one pattern per character (``\\.\\s+``, ``!\\s+``, …),
each run only when ``text`` holds its character, and the matches merged in text order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain

LiteralScans = Sequence[tuple[str, re.Pattern[str]]]


def literal_scans(
    text: str, start: int, end: int, scans: LiteralScans, *, may_nest: bool = False
) -> list[re.Match[str]]:
    """The matches in ``text[start:end]`` of the alternation of ``scans`` (``(first
    character, pattern opening with it)`` pairs), in text order.

    With ``may_nest``, where a match of one pattern may hold the first character of another
    (a run of stops ``?!``), matches that start inside an earlier match are left out, as a
    scan of the alternation never finds them; without it the patterns' matches must never
    overlap.
    """
    if len(scans) == 1:
        return list(scans[0][1].finditer(text, start, end))
    present = [scan for first, scan in scans if text.find(first, start, end) >= 0]
    if len(present) == 1:
        return list(present[0].finditer(text, start, end))
    found = chain.from_iterable(scan.finditer(text, start, end) for scan in present)
    if not may_nest:
        return sorted(found, key=re.Match.start)
    matches: list[re.Match[str]] = []
    scanned = start
    for match in sorted(found, key=re.Match.start):
        if match.start() >= scanned:
            matches.append(match)
            scanned = match.end()
    return matches
