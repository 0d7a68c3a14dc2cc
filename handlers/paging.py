"""Paged lists with Prev/Next buttons.

A feature module registers a page source under a short list name (``@page_source("qp")``);
``send_page`` answers a command with the first page and the ``pg:`` button handler edits the
message in place for the other pages. A source returns ``None`` when its reference no longer
names anything (a deleted article, a person merged away): the button is then stale.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from handlers.callbacks import PageButton, decode, page_button, page_ref
from handlers.deps import Deps, get_deps
from handlers.text import split_items

STALE_BUTTON = "This button has expired. Please send the command again."
T = TypeVar("T")
END_OF_LIST = "That page is gone: the list has changed. Please send the command again."


@dataclass(slots=True)
class Page:
    header: str
    items: list[str]
    has_next: bool
    buttons: list[list[InlineKeyboardButton]] = field(default_factory=list)
    empty: str = "Nothing found."
    separator: str = "\n\n"


PageSource = Callable[[Deps, str, int], Awaitable[Page | None]]
SOURCES: dict[str, PageSource] = {}


def page_source(name: str) -> Callable[[PageSource], PageSource]:
    def register(source: PageSource) -> PageSource:
        if name in SOURCES and SOURCES[name] is not source:
            raise ValueError(f"list {name!r} registered twice")
        SOURCES[name] = source
        return source

    return register


def page_window(rows: list[T], size: int) -> tuple[list[T], bool]:
    """The rows of one page from a ``size + 1`` fetch, and whether a next page exists."""
    return rows[:size], len(rows) > size


async def _markup(
    context: ContextTypes.DEFAULT_TYPE, name: str, ref: str, number: int, page: Page
) -> InlineKeyboardMarkup | None:
    rows = [list(row) for row in page.buttons]
    nav = []
    store = get_deps(context).store
    if number > 0:
        data = await page_button(store.page_refs, store.now(), name, number - 1, ref)
        nav.append(InlineKeyboardButton("◀ Prev", callback_data=data))
    if page.has_next:
        data = await page_button(store.page_refs, store.now(), name, number + 1, ref)
        nav.append(InlineKeyboardButton("Next ▶", callback_data=data))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(rows) if rows else None


def _messages(page: Page, number: int) -> list[str]:
    header = page.header
    if number > 0 or page.has_next:
        header += f" · page {number + 1}"
    if not page.items:
        return [f"{header}\n\n{page.empty}" if number == 0 else f"{header}\n\n{END_OF_LIST}"]
    if page.separator == "\n":
        header += "\n"
    return split_items(page.items, header=header, separator=page.separator)


async def send_messages(
    message: Message, texts: list[str], markup: InlineKeyboardMarkup | None = None
) -> Message:
    """Reply with ``texts`` in order; the buttons go on the last message."""
    sent = message
    for index, text in enumerate(texts):
        last = index == len(texts) - 1
        sent = await message.reply_text(
            text,
            parse_mode=ParseMode.HTML,
            reply_markup=markup if last else None,
            disable_web_page_preview=True,
        )
    return sent


async def send_page(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    name: str,
    ref: str,
    number: int = 0,
    *,
    extra: list[list[InlineKeyboardButton]] | None = None,
) -> None:
    """Answer a command with page ``number`` of list ``name``.

    ``extra`` buttons go above Prev/Next on this first answer only (alternatives to what the
    command chose).
    """
    message = update.effective_message
    assert message is not None
    page = await SOURCES[name](get_deps(context), ref, number)
    if page is None:
        await message.reply_text("Nothing to show: it is no longer in the store.")
        return
    if extra:
        page.buttons = [*page.buttons, *extra]
    markup = await _markup(context, name, ref, number, page)
    await send_messages(message, _messages(page, number), markup)


async def edit_with(update: Update, texts: list[str], markup: InlineKeyboardMarkup | None) -> None:
    """Replace the pressed button's message with ``texts`` (extra parts follow as replies)."""
    query = update.callback_query
    assert query is not None
    message = query.message
    if not isinstance(message, Message):
        await query.answer("This message is too old to change. Please send the command again.")
        return
    try:
        await message.edit_text(
            texts[0],
            parse_mode=ParseMode.HTML,
            reply_markup=markup if len(texts) == 1 else None,
            disable_web_page_preview=True,
        )
    except BadRequest as error:
        if "not modified" not in error.message.lower():
            raise
    if len(texts) > 1:
        await send_messages(message, texts[1:], markup)
    await query.answer()


async def on_page_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    button = decode(query.data)
    refs = get_deps(context).store.page_refs
    ref = await page_ref(refs, button.ref) if isinstance(button, PageButton) else None
    if not isinstance(button, PageButton) or button.list not in SOURCES or ref is None:
        await query.answer(STALE_BUTTON, show_alert=True)
        return
    page = await SOURCES[button.list](get_deps(context), ref, button.page)
    if page is None:
        await query.answer(STALE_BUTTON, show_alert=True)
        return
    if not page.items and button.page > 0:
        await query.answer(END_OF_LIST, show_alert=True)
        return
    markup = await _markup(context, button.list, ref, button.page, page)
    await edit_with(update, _messages(page, button.page), markup)
