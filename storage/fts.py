"""User words → a safe FTS5 query. User text never reaches FTS syntax unquoted."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import TypeVar

_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
MAX_TERMS = 16
Hit = TypeVar("Hit")


def fts_terms(text: str) -> list[str]:
    """The searchable words of ``text``: letters and digits only, at most ``MAX_TERMS``."""
    terms: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group(0).replace("’", "'")
        for part in word.split("'"):
            if part and part.casefold() not in {t.casefold() for t in terms}:
                terms.append(part)
    return terms[:MAX_TERMS]


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts_query(text: str, *, any_term: bool = False, prefix_last: bool = True) -> str | None:
    """An FTS5 MATCH expression for the words in ``text``, or ``None`` when it has none.

    Every word becomes a quoted string, so operators (``AND``, ``NEAR(``, ``*``, ``-``,
    ``"``, parentheses, column filters) in user text are searched as plain words. With
    ``prefix_last`` the last word also matches as a prefix (``azim`` → ``Azimova``).
    """
    terms = fts_terms(text)
    if not terms:
        return None
    parts = [_quoted(t) for t in terms]
    if prefix_last and len(terms[-1]) >= 3:
        parts[-1] += " *"
    return (" OR " if any_term else " ").join(parts)


async def recent_page(
    limit: int,
    offset: int,
    window: int,
    best_first: Callable[[int, int], Awaitable[list[Hit]]],
    newest_first: Callable[[int, int], Awaitable[list[Hit]]],
) -> list[Hit]:
    """The page ``[offset, offset + limit)`` of a search whose newest ``window`` matches come
    best first and whose older matches follow newest first.

    ``best_first(limit, offset)`` pages through the newest ``window`` matches by score;
    ``newest_first(limit, offset)`` pages through all matches by age. With ``window`` 0 every
    match comes newest first.
    """
    hits: list[Hit] = []
    if offset < window:
        hits = await best_first(min(limit, window - offset), offset)
    if len(hits) < limit and (offset >= window or len(hits) == window - offset):
        hits += await newest_first(limit - len(hits), max(offset, window))
    return hits
