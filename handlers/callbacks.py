"""Typed callback data for inline buttons, always under Telegram's 64-byte limit.

Formats (``:`` separates fields; free text, when any, is the last field)::

    pg:<list>:<page>:<ref>     a page of a list (``pg:qp:2:17`` = page 3 of person 17's quotes)
    sum:<article>:<length>     an article's summary (length ``s``, ``d`` or ``l``)
    per:<person>               a person's profile

A list reference that does not fit (long search words) is kept in a small bounded table in
``bot_data`` and the button carries ``~<n>`` instead; after a restart such a button is stale
and is answered politely by the paging handler.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

CALLBACK_LIMIT = 64
_REFS_KEY = "callback_refs"
_REFS_KEPT = 2000
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


def _refs(bot_data: MutableMapping[str, Any]) -> OrderedDict[str, str]:
    refs = bot_data.get(_REFS_KEY)
    if not isinstance(refs, OrderedDict):
        refs = OrderedDict()
        bot_data[_REFS_KEY] = refs
    return refs


def page_button(bot_data: MutableMapping[str, Any], name: str, page: int, ref: str) -> str:
    """Callback data for a page of list ``name``; long references go through ``bot_data``."""
    direct = f"pg:{name}:{page}:{ref}"
    if len(direct.encode()) <= CALLBACK_LIMIT and not ref.startswith("~"):
        return direct
    refs = _refs(bot_data)
    token = next((t for t, r in refs.items() if r == ref), None)
    if token is None:
        token = f"~{bot_data.get(_REFS_KEY + '_next', 0)}"
        bot_data[_REFS_KEY + "_next"] = int(token[1:]) + 1
        refs[token] = ref
        while len(refs) > _REFS_KEPT:
            refs.popitem(last=False)
    refs.move_to_end(token)
    return encode(PageButton(name, page, token))


def page_ref(bot_data: MutableMapping[str, Any], ref: str) -> str | None:
    """The list reference a button carries; ``None`` when a ``~n`` token is no longer kept."""
    if not ref.startswith("~"):
        return ref
    return _refs(bot_data).get(ref)
