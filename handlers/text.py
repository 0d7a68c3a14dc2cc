"""Telegram HTML text: escaping stored strings and splitting long replies between items."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

MESSAGE_LIMIT = 4096
_TAGS = re.compile(r"<[^>]*(?:>|$)")
_ELLIPSIS = "…"


def esc(value: object) -> str:
    """Escape any stored string for ``parse_mode=HTML``.

    Copy taken from web pages often keeps HTML entities (``Bellamy &amp; Sons``); they are
    read first, so readers see ``&``, and then everything is escaped: stored text can never
    add markup of its own.
    """
    return html.escape(html.unescape(str(value)), quote=False)


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + _ELLIPSIS


def visible_length(html_text: str) -> int:
    """Characters Telegram counts: the text after tags are removed and entities read."""
    return len(html.unescape(_strip_tags(html_text)))


def split_items(
    items: Iterable[str], *, header: str = "", separator: str = "\n\n", limit: int = MESSAGE_LIMIT
) -> list[str]:
    """Join HTML items into messages under ``limit``, breaking only between items.

    The header opens the first message. An item that alone exceeds the limit is cut on line
    boundaries (each line is well-formed HTML by construction) and, as a last resort, its
    plain text is shortened so no message is ever refused by Telegram.
    """
    messages: list[str] = []
    current = header
    for item in items:
        for piece in _fit(item, limit):
            candidate = f"{current}{separator}{piece}" if current else piece
            if visible_length(candidate) <= limit and len(candidate) <= limit * 2:
                current = candidate
            else:
                if current:
                    messages.append(current)
                current = piece
    if current:
        messages.append(current)
    return messages


def _fit(item: str, limit: int) -> list[str]:
    if visible_length(item) <= limit:
        return [item]
    pieces: list[str] = []
    for line in item.split("\n"):
        if visible_length(line) > limit:
            plain = html.unescape(_strip_tags(line))
            line = esc(shorten(plain, limit - 1))
        if pieces and visible_length(pieces[-1] + "\n" + line) <= limit:
            pieces[-1] += "\n" + line
        else:
            pieces.append(line)
    return pieces


def _strip_tags(text: str) -> str:
    return _TAGS.sub("", text)
