"""The case of copy: whether its capitals can show where sentences and names start."""

from __future__ import annotations

_UPPER = bytes(range(65, 91))
_LOWER = bytes(range(97, 123))


def without_capitals(text: str) -> bool:
    """Is ``text`` copy whose case shows no sentence starts: all lower case or ALL CAPS, that
    is under 1% of its (ASCII) letters in upper case, or under 1% in lower case?"""
    ascii_text = text.encode("ascii", "ignore")
    upper = len(ascii_text) - len(ascii_text.translate(None, _UPPER))
    lower = len(ascii_text) - len(ascii_text.translate(None, _LOWER))
    return upper * 100 < lower or lower * 100 < upper
