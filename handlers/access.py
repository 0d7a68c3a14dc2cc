"""The one access gate: a ``TypeHandler(Update, gate)`` in group -1 in front of every handler.

Closed by default. Admitted are the admins (``NEWSROOM_ADMINS``), users an admin allowed, and
everyone in a group or channel an admin allowed. Anyone else is refused with their user id and
``ApplicationHandlerStop`` keeps the update from every handler, including ones added later.
"""

from __future__ import annotations

import logging
import time
from collections.abc import MutableMapping
from typing import Any

from telegram import Chat, InlineQueryResultsButton, Update
from telegram.constants import ChatType, ParseMode
from telegram.ext import ApplicationHandlerStop, ContextTypes

from handlers.deps import DEPS_KEY, Deps, get_deps
from storage.members import MemberKind

log = logging.getLogger(__name__)
ACCESS_START_PARAMETER = "access"
INLINE_REFUSAL = "Not allowed here — tap to see why"
ADMISSIONS_KEY = "admissions"


class Admissions:
    """Recent answers of the members table, so that the gate asks it once a minute per user
    rather than for every update. ``/allow`` and ``/deny`` call ``forget``: a change made
    through the bot applies at once; one made elsewhere within ``ttl`` seconds."""

    def __init__(self, ttl: float = 60.0, size: int = 10_000) -> None:
        self.ttl = ttl
        self.size = size
        self._known: dict[tuple[MemberKind, int], tuple[bool, float]] = {}

    async def contains(self, deps: Deps, kind: MemberKind, telegram_id: int) -> bool:
        now = time.monotonic()
        known = self._known.get((kind, telegram_id))
        if known is not None and now - known[1] < self.ttl:
            return known[0]
        member = await deps.store.members.contains(kind, telegram_id)
        if len(self._known) >= self.size:
            self._known.clear()
        self._known[(kind, telegram_id)] = (member, now)
        return member

    def forget(self) -> None:
        self._known.clear()


def admissions(bot_data: MutableMapping[str, Any]) -> Admissions:
    """The process's cache of the members table. On a store that several processes share
    (PostgreSQL) an ``/allow`` or ``/deny`` answered by one replica must hold for the next
    update whichever replica gets it, so there every update asks the store (one indexed
    look-up)."""
    found = bot_data.get(ADMISSIONS_KEY)
    if not isinstance(found, Admissions):
        deps = bot_data.get(DEPS_KEY)
        shared = isinstance(deps, Deps) and deps.store.shared
        found = bot_data[ADMISSIONS_KEY] = Admissions(ttl=0.0 if shared else 60.0)
    return found


async def is_admitted(
    deps: Deps, known: Admissions, user_id: int | None, chat: Chat | None
) -> bool:
    if user_id is not None:
        if user_id in deps.admins:
            return True
        if await known.contains(deps, "user", user_id):
            return True
    if chat is not None and chat.type != ChatType.PRIVATE:
        return await known.contains(deps, "chat", chat.id)
    return False


def refusal_text(user_id: int | None, chat: Chat | None) -> str:
    who = f"Your Telegram user id is <code>{user_id}</code>." if user_id else ""
    if chat is not None and chat.type != ChatType.PRIVATE:
        return (
            "This newsroom bot is private and this chat is not on its list. "
            f"{who} Chat id: <code>{chat.id}</code>. An admin can add the chat with "
            f"/allow {chat.id} or you with /allow {user_id}."
        )
    return (
        f"Sorry, this newsroom bot is private. {who} Ask an admin to add you with /allow {user_id}."
    )


async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    chat = update.effective_chat
    known = admissions(context.bot_data)
    if await is_admitted(get_deps(context), known, user.id if user else None, chat):
        return
    log.info(
        "refused update %s from user %s in chat %s",
        update.update_id,
        user.id if user else None,
        chat.id if chat else None,
    )
    await refuse(update, user.id if user else None, chat)
    raise ApplicationHandlerStop


async def refuse(update: Update, user_id: int | None, chat: Chat | None) -> None:
    if update.inline_query is not None:
        await update.inline_query.answer(
            [],
            cache_time=0,
            is_personal=True,
            button=InlineQueryResultsButton(INLINE_REFUSAL, start_parameter=ACCESS_START_PARAMETER),
        )
    elif update.callback_query is not None:
        await update.callback_query.answer(
            f"This bot is private. Your user id: {user_id}. Ask an admin to /allow it.",
            show_alert=True,
        )
    elif update.message is not None and user_id is not None:
        text = update.message.text or ""
        private = chat is not None and chat.type == ChatType.PRIVATE
        if private or text.startswith("/"):
            await update.message.reply_text(refusal_text(user_id, chat), parse_mode=ParseMode.HTML)
