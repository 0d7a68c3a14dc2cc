"""Typed callback data for inline buttons, always under Telegram's 64-byte limit.

Formats (``:`` separates fields; free text, when any, is the last field)::

    pg:<list>:<page>:<ref>     a page of a list (``pg:qp:2:17`` = page 3 of person 17's quotes)
    sum:<article>:<length>     an article's summary (length ``s``, ``d`` or ``l``)
    per:<person>               a person's profile

A list reference that does not fit (long search words) is kept in the store
(``store.page_refs``) and the button carries ``~s<n>`` instead: any replica answers it, also
after a restart, until the reference has gone unused for a month. (``~<n>`` without the ``s``
was a reference kept in one process's memory before; such a button is answered as expired.)
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.interface import PageRefQueriesAPI

CALLBACK_LIMIT = 64
KEPT = "~"  # a reference kept in the store: ``~s<number>``
LENGTH_CODES = {"short": "s", "default": "d", "long": "l"}
LENGTH_NAMES = {code: name for name, code in LENGTH_CODES.items()}


@dataclass(frozen=True, slots=True)
class PageButton:
    list: str
    page: int
    ref: str


@dataclass(frozen=True, slots=True)
class SummaryButton:
    article: int
    length: str


@dataclass(frozen=True, slots=True)
class PersonButton:
    person: int


Callback = PageButton | SummaryButton | PersonButton


def encode(data: Callback) -> str:
    match data:
        case PageButton(list=name, page=page, ref=ref):
            text = f"pg:{name}:{page}:{ref}"
        case SummaryButton(article=article, length=length):
            text = f"sum:{article}:{LENGTH_CODES[length]}"
        case PersonButton(person=person):
            text = f"per:{person}"
    if len(text.encode()) > CALLBACK_LIMIT:
        raise ValueError(f"callback data over {CALLBACK_LIMIT} bytes: {text!r}")
    return text


def decode(text: str | None) -> Callback | None:
    """The button behind ``text``, or ``None`` for data this bot does not (or no longer) know."""
    if not text:
        return None
    kind, _, rest = text.partition(":")
    try:
        if kind == "pg":
            name, page, ref = rest.split(":", 2)
            if int(page) < 0:
                return None
            return PageButton(name, int(page), ref)
        if kind == "sum":
            article, code = rest.split(":")
            return SummaryButton(int(article), LENGTH_NAMES[code])
        if kind == "per":
            return PersonButton(int(rest))
    except (ValueError, KeyError):
        return None
    return None


async def page_button(refs: PageRefQueriesAPI, now: str, name: str, page: int, ref: str) -> str:
    """Callback data for a page of list ``name``; a long reference is kept in ``refs``."""
    direct = f"pg:{name}:{page}:{ref}"
    if len(direct.encode()) <= CALLBACK_LIMIT and not ref.startswith(KEPT):
        return direct
    number = await refs.keep(ref, now)
    return encode(PageButton(name, page, f"{KEPT}s{number}"))


async def page_ref(refs: PageRefQueriesAPI, ref: str) -> str | None:
    """The list reference a button carries; ``None`` when a kept one is no longer kept."""
    if not ref.startswith(KEPT):
        return ref
    number = ref.removeprefix(f"{KEPT}s")
    if number == ref or not number.isdigit():
        return None
    return await refs.get(int(number))
