"""``/people [article | name]``, ``/person <name>`` and the per-person buttons."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from handlers.callbacks import PageButton, PersonButton, decode, encode
from handlers.deps import Deps, get_deps
from handlers.lookup import (
    args_text,
    article_by_reference,
    choose_article,
    find_people,
    people_buttons,
    replied_article_key,
    reply_unknown,
)
from handlers.paging import STALE_BUTTON, Page, page_source, page_window, send_messages, send_page
from handlers.render import article_header, person_line, profile_items
from handlers.text import esc, shorten, split_items
from storage import PersonRow

PEOPLE_PAGE = 8
NEWEST_ARTICLES = 20


def _person_data(person: PersonRow) -> str:
    return encode(PersonButton(person.id))


@page_source("pa")
async def article_people(deps: Deps, ref: str, number: int) -> Page | None:
    article = await deps.store.articles.get(int(ref)) if ref.isdigit() else None
    if article is None:
        return None
    everyone = await deps.store.people.by_article(article.key)
    people, more = page_window(everyone[number * PEOPLE_PAGE :], PEOPLE_PAGE)
    return Page(
        f"{article_header(article)}\n👥 People",
        [person_line(p, in_article=True) for p in people],
        more,
        people_buttons(people, _person_data),
        empty="No people named in this article.",
    )


@page_source("pm")
async def most_mentioned(deps: Deps, ref: str, number: int) -> Page | None:
    rows = await deps.store.people.most_mentioned(
        NEWEST_ARTICLES, limit=PEOPLE_PAGE + 1, offset=number * PEOPLE_PAGE
    )
    people, more = page_window(rows, PEOPLE_PAGE)
    return Page(
        f"👥 People of the newest {NEWEST_ARTICLES} articles, most mentioned first",
        [person_line(p) for p in people],
        more,
        people_buttons(people, _person_data),
        empty="No people yet: ingest some articles first.",
    )


@page_source("pn")
async def people_named(deps: Deps, ref: str, number: int) -> Page | None:
    rows = await deps.store.people.find(ref, limit=(number + 1) * PEOPLE_PAGE + 1)
    people, more = page_window(rows[number * PEOPLE_PAGE :], PEOPLE_PAGE)
    return Page(
        f"👥 People called <b>{esc(shorten(ref, 60))}</b>",
        [person_line(p) for p in people],
        more,
        people_buttons(people, _person_data),
        empty="Nobody by that name.",
    )


async def people(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    store = get_deps(context).store
    text = args_text(context)
    if not text:
        key = replied_article_key(update, context.bot.id)
        if key is not None:
            await send_page(update, context, "pa", str(key))
        else:
            await send_page(update, context, "pm", "")
        return
    article = await article_by_reference(store, text)
    if article is not None:
        await send_page(update, context, "pa", str(article.key))
        return
    if await find_people(store, text):
        await send_page(update, context, "pn", text)
        return
    choice = await choose_article(store, text)
    if choice is not None:
        await send_page(update, context, "pa", str(choice.article.key))
        return
    await reply_unknown(update, context, text, "people", _person_data)


async def send_profile(
    message: Message, deps: Deps, person: PersonRow, also: Sequence[PersonRow] = ()
) -> bool:
    profile = await deps.store.people.profile(person.id, articles=5, quotes=3)
    if profile is None:
        return False
    rows = []
    if profile.person.quotes:
        data = encode(PageButton("qp", 0, str(profile.person.id)))
        rows.append([InlineKeyboardButton("All quotes", callback_data=data)])
    rows.extend(people_buttons(list(also), _person_data, "Also: "))
    markup = InlineKeyboardMarkup(rows) if rows else None
    await send_messages(message, split_items(profile_items(profile)), markup)
    return True


async def person(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None
    deps = get_deps(context)
    text = args_text(context)
    if not text:
        await message.reply_text("Usage: /person <name> — for example /person Azimova")
        return
    found = await find_people(deps.store, text)
    if not found:
        await reply_unknown(update, context, text, "person", _person_data)
        return
    await send_profile(message, deps, found[0], found[1:])


async def on_person_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    button = decode(query.data)
    deps = get_deps(context)
    found = await deps.store.people.get(button.person) if isinstance(button, PersonButton) else None
    if found is None or not isinstance(query.message, Message):
        await query.answer(STALE_BUTTON, show_alert=True)
        return
    await query.answer()
    await send_profile(query.message, deps, found)
