"""``/watch``, ``/unwatch``, ``/watches``: follow a person or words; alerts come from ``bot/``.

Watches belong to the chat: a user's private chat, or a group (where its administrators and
the bot's admins may change them and everyone allowed may list them).

What ``/watch <text>`` follows:

- ``/watch person <name>``: a person of the store (by full name, alias or surname; several
  people of that name are offered as buttons).
- ``/watch words <words>``: articles with all of these words, as ``/search`` reads them.
- ``/watch <text>``: a person when the text is the full name, an alias or the surname of
  exactly one person the store knows (or the full name of one of several); words otherwise.

A ``/watch`` in a chat whose watches were paused (the bot was blocked or removed) resumes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from telegram import Chat, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType, ParseMode
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
)

from handlers.deps import Deps, get_deps
from handlers.digest import may_manage
from handlers.digest.membership import MEMBERSHIP_GROUP, chat_lost
from handlers.digest.times import iso
from handlers.lookup import MAX_QUERY
from handlers.text import esc, shorten, split_items
from handlers.watch_card import watch_label
from storage import PersonRow
from storage.fts import fts_terms
from storage.names import name_key
from storage.watches import MAX_WATCHES_PER_CHAT, Watch, WatchKind

WATCH_ALERTS_KEY = "watch_alerts"
WATCH_BUTTON = "wt:p:"
WATCH_USAGE = (
    "Usage: <code>/watch &lt;person | words&gt;</code>, e.g. <code>/watch Azimova</code> or "
    "<code>/watch harbour expansion</code>.\n"
    "A name the store knows is a person; anything else is words an article must all have. "
    "Be explicit with <code>/watch person …</code> or <code>/watch words …</code>."
)
UNWATCH_USAGE = "Usage: <code>/unwatch &lt;number | text&gt;</code>; /watches lists them."
MAX_WATCH_TEXT = 100
# Words in more than this share of the newest articles would alert for most of what comes in.
COMMON_SHARE = 0.5
COMMON_SAMPLE = 20  # … judged once the store has at least this many articles
# Runs before the digest's membership handler (-2), which it leaves to do its own work.
WATCH_MEMBERSHIP_GROUP = MEMBERSHIP_GROUP - 1


class WatchAlerting(Protocol):
    async def chat_lost(self, chat_id: int, reason: str) -> bool: ...


class WatchRefusal(Exception):
    """A user-facing refusal; the message is HTML."""


@dataclass(frozen=True, slots=True)
class Wanted:
    kind: WatchKind
    label: str
    match_key: str
    person_id: int | None = None


def words_wanted(text: str) -> Wanted:
    terms = fts_terms(text)
    if not terms:
        raise WatchRefusal("Those words have nothing to search for.\n" + WATCH_USAGE)
    return Wanted("words", " ".join(text.split()), " ".join(t.casefold() for t in terms))


async def refuse_common_words(deps: Deps, wanted: Wanted) -> None:
    matching, total = await deps.store.watches.recent_share(wanted.match_key)
    if total >= COMMON_SAMPLE and matching > total * COMMON_SHARE:
        raise WatchRefusal(
            f"“{esc(shorten(wanted.label, 60))}” is in {matching} of the newest {total} "
            "articles: a watch would alert for most of what comes in. Choose rarer words."
        )


def person_wanted(person: PersonRow) -> Wanted:
    return Wanted("person", person.name, name_key(person.name), person.id)


async def people_called(deps: Deps, text: str, *, loose: bool) -> list[PersonRow]:
    """People named ``text`` (full name, alias, surname); with ``loose`` also by the store's
    wider look-up (name prefixes)."""
    ids = await deps.store.watches.people_called(name_key(text))
    people = [p for p in [await deps.store.people.get(i) for i in ids] if p is not None]
    if not people and loose:
        people = await deps.store.people.find(text, limit=6)
    return people


async def chat_of(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Chat:
    """The chat whose watches may be changed by this update's sender."""
    chat = update.effective_chat
    assert chat is not None
    if chat.type == ChatType.CHANNEL:
        raise WatchRefusal("Watches are for private chats and groups, not channels.")
    if not await may_manage(update, context, chat.id):
        raise WatchRefusal("Only this group's administrators (or bot admins) can change watches.")
    return chat


async def create(
    update: Update, context: ContextTypes.DEFAULT_TYPE, chat: Chat, wanted: Wanted
) -> str:
    """Add (or find) the watch, resume the chat's paused ones; the reply."""
    deps = get_deps(context)
    watches = deps.store.watches
    now = iso(deps.clock())
    existing = {(w.kind, w.match_key) for w in await watches.of_chat(chat.id)}
    if (wanted.kind, wanted.match_key) not in existing and len(existing) >= MAX_WATCHES_PER_CHAT:
        raise WatchRefusal(
            f"This chat has {MAX_WATCHES_PER_CHAT} watches, the most it may have. "
            "Remove one with /unwatch first."
        )
    resumed = await watches.resume_chat(chat.id, now)
    user = update.effective_user
    watch, created = await watches.add(
        chat.id,
        kind=wanted.kind,
        label=wanted.label,
        match_key=wanted.match_key,
        person_id=wanted.person_id,
        created_by=user.id if user else None,
        now=now,
    )
    what = (
        "a new article names this person"
        if watch.kind == "person"
        else "a new article has all of these words"
    )
    if created:
        reply = (
            f"🔔 Watching {watch_label(watch)} (watch {watch.number}): I will tell you when {what}."
        )
    else:
        reply = f"Already watching {watch_label(watch)} (watch {watch.number})."
    if resumed:
        reply += f"\nResumed {resumed} paused watch{'es' if resumed != 1 else ''} of this chat."
    return reply + "\n/watches lists them; /unwatch stops one."


def person_buttons(people: list[PersonRow]) -> InlineKeyboardMarkup:
    rows = []
    for person in people[:6]:
        label = shorten(person.name + (f", {person.role}" if person.role else ""), 48)
        rows.append([InlineKeyboardButton(label, callback_data=f"{WATCH_BUTTON}{person.id}")])
    return InlineKeyboardMarkup(rows)


async def wanted_of(deps: Deps, forced: str | None, text: str) -> Wanted | list[PersonRow]:
    """What ``/watch [person|words] <text>`` follows, or the people to choose among."""
    if not text:
        raise WatchRefusal(WATCH_USAGE)
    if len(text) > MAX_WATCH_TEXT:
        raise WatchRefusal(f"That is too long to watch (at most {MAX_WATCH_TEXT} characters).")
    if forced == "words":
        return words_wanted(text)
    people = await people_called(deps, text, loose=forced == "person")
    exact = [p for p in people if name_key(p.name) == name_key(text)]
    if len(people) == 1 or len(exact) == 1:
        return person_wanted(exact[0] if exact else people[0])
    if people:
        return people
    if forced == "person":
        raise WatchRefusal(
            f"Nobody called “{esc(shorten(text, 60))}” is in the store yet. "
            f"<code>/watch words {esc(shorten(text, 60))}</code> watches the words."
        )
    return words_wanted(text)


async def watch(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    deps = get_deps(context)
    args = list(context.args or ())
    forced = args[0].casefold() if args and args[0].casefold() in ("person", "words") else None
    text = " ".join(args[1:] if forced else args)[:MAX_QUERY].strip()
    try:
        chat = await chat_of(update, context)
        wanted = await wanted_of(deps, forced, text)
        if isinstance(wanted, list):
            shown = esc(shorten(text, 60))
            await message.reply_html(
                f"Several people are called “{shown}”: tap the one to watch, or send "
                f"<code>/watch words {shown}</code> for the words.",
                reply_markup=person_buttons(wanted),
            )
            return
        if wanted.kind == "words":
            await refuse_common_words(deps, wanted)
        reply = await create(update, context, chat, wanted)
    except WatchRefusal as refusal:
        await message.reply_html(str(refusal))
        return
    await message.reply_html(reply)


async def on_watch_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A person chosen among several of the same name."""
    query = update.callback_query
    assert query is not None
    raw = (query.data or "").removeprefix(WATCH_BUTTON)
    person = await get_deps(context).store.people.get(int(raw)) if raw.isdigit() else None
    if person is None or update.effective_chat is None:
        await query.answer("That person is no longer in the store.", show_alert=True)
        return
    try:
        chat = await chat_of(update, context)
        reply = await create(update, context, chat, person_wanted(person))
    except WatchRefusal as refusal:
        await query.answer(shorten(str(refusal).split("\n")[0], 190), show_alert=True)
        return
    await query.answer()
    if query.message is not None:
        await context.bot.send_message(chat.id, reply, parse_mode=ParseMode.HTML)


def watch_line(watch: Watch) -> str:
    icon = "👤" if watch.kind == "person" else "🔤"
    line = f"<b>{watch.number}.</b> {icon} {watch_label(watch)}"
    if not watch.active:
        line += f" — <i>paused: {esc(shorten(watch.paused_reason or 'unreachable', 80))}</i>"
    return line


async def list_watches(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        return
    found = await get_deps(context).store.watches.of_chat(chat.id)
    if not found:
        await message.reply_html("No watches in this chat. " + WATCH_USAGE)
        return
    header = f"🔔 <b>Watches of this chat</b> ({len(found)})"
    footer = "\n\n/unwatch &lt;number&gt; stops one."
    if any(not w.active for w in found):
        footer += " /watch again resumes the paused ones."
    parts = split_items([watch_line(w) for w in found], header=header, separator="\n")
    parts[-1] += footer
    for part in parts:
        await message.reply_html(part)


def find_watch(watches: list[Watch], text: str) -> Watch | None:
    reference = text.removeprefix("#")
    if reference.isdigit():
        return next((w for w in watches if w.number == int(reference)), None)
    key = name_key(text)
    words = " ".join(t.casefold() for t in fts_terms(text))
    for watch in watches:
        if name_key(watch.label) == key or (watch.kind == "words" and watch.match_key == words):
            return watch
    surname = [w for w in watches if w.kind == "person" and name_key(w.label).endswith(" " + key)]
    return surname[0] if len(surname) == 1 else None


async def unwatch(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    text = " ".join(context.args or ())[:MAX_QUERY].strip()
    store = get_deps(context).store
    try:
        chat = await chat_of(update, context)
        if not text:
            raise WatchRefusal(UNWATCH_USAGE)
        found = find_watch(await store.watches.of_chat(chat.id), text)
        if found is None:
            raise WatchRefusal(
                f"No watch “{esc(shorten(text, 60))}” in this chat. /watches lists them."
            )
    except WatchRefusal as refusal:
        await message.reply_html(str(refusal))
        return
    await store.watches.remove(found.id)
    await message.reply_html(f"🔕 Stopped watching {watch_label(found)}.")


async def on_membership(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bot was blocked, removed or muted: pause the chat's watches at once."""
    lost = chat_lost(update)
    if lost is None:
        return
    chat_id, reason = lost
    alerts: WatchAlerting | None = context.application.bot_data.get(WATCH_ALERTS_KEY)
    if alerts is not None:
        await alerts.chat_lost(chat_id, reason)
        return
    deps = get_deps(context)
    await deps.store.watches.pause_chat(chat_id, reason, iso(deps.clock()))


def register_watch_handlers(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app.add_handler(CommandHandler("watch", watch))
    app.add_handler(CommandHandler("unwatch", unwatch))
    app.add_handler(CommandHandler("watches", list_watches))
    app.add_handler(CallbackQueryHandler(on_watch_button, pattern=rf"^{WATCH_BUTTON}"))
    app.add_handler(
        ChatMemberHandler(on_membership, ChatMemberHandler.MY_CHAT_MEMBER),
        group=WATCH_MEMBERSHIP_GROUP,
    )
