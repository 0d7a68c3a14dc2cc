"""What the digest's handlers share: who may change a chat's digest, which chat a command
means, reaching the scheduler and the subscriptions, and describing a schedule.

Who may change a chat's digest: in a private chat its user; in a group or supergroup its
administrators (and anonymous admins posting as the group); anywhere, the bot's admins, who
alone may manage a channel (by ``@username`` or id) from a private chat.

The scheduler lives in ``bot/``; this module reaches it through ``bot_data[SCHEDULER_KEY]``
(a :class:`DigestScheduling`), so handlers never import ``bot/``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, Protocol, TypeVar
from zoneinfo import ZoneInfo

from telegram import Chat, Message, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, Forbidden
from telegram.ext import (
    ContextTypes,
)

from handlers.deps import Deps, get_deps
from handlers.digest.times import (
    Schedule,
    ScheduleError,
    next_due,
)
from handlers.text import esc
from storage.interface import SubscriptionQueriesAPI
from storage.subscriptions import Subscription

log = logging.getLogger(__name__)

SCHEDULER_KEY = "digest_scheduler"
FIRST_DIGEST_COVERS = timedelta(hours=24)
GROUP_ANONYMOUS_BOT = 1087968824

SUBSCRIBE_USAGE = (
    "Usage: <code>/subscribe [HH:MM] [Area/City]</code>, e.g. "
    "<code>/subscribe 07:30 Asia/Almaty</code>.\n"
    "Bot admins, in a private chat: <code>/subscribe @channel 07:30 Europe/London</code>."
)
_CHAT_REF = re.compile(r"@[A-Za-z0-9_]{4,32}|-?\d{5,16}")
Args = TypeVar("Args")


class DigestError(Exception):
    """A user-facing refusal; the message is HTML, ready to send."""


class DigestScheduling(Protocol):
    async def refresh(self, chat_id: int) -> datetime | None: ...

    async def chat_lost(self, chat_id: int, reason: str) -> bool: ...


def queries(deps: Deps) -> SubscriptionQueriesAPI:
    return deps.store.subscriptions


def describe_schedule(subscription: Subscription) -> str:
    days = "every day" if subscription.days == "daily" else "Monday to Friday"
    return f"{days} at {subscription.time} ({esc(subscription.timezone)})"


def describe_due(due: datetime | None, timezone: str) -> str:
    if due is None:
        return "not scheduled"
    return due.astimezone(ZoneInfo(timezone)).strftime("%a %-d %b %H:%M")


def schedule_of(subscription: Subscription) -> Schedule:
    return Schedule(subscription.time, subscription.timezone, subscription.days)


def next_due_text(subscription: Subscription, now: datetime) -> str:
    """When the chat's next digest is due, in its own zone; "paused" when it is."""
    if not subscription.active:
        return "paused"
    return describe_due(next_due(schedule_of(subscription), now), subscription.timezone)


def chat_label(chat: Chat) -> str:
    if chat.type == ChatType.PRIVATE:
        return "this chat"
    if chat.username:
        return f"@{chat.username}"
    return chat.title or str(chat.id)


async def reschedule(context: ContextTypes.DEFAULT_TYPE, subscription: Subscription) -> datetime:
    """Tell the scheduler the chat changed; the next due instant either way."""
    scheduler: DigestScheduling | None = context.application.bot_data.get(SCHEDULER_KEY)
    if scheduler is None:
        log.warning("digest scheduler not started; chat %s saved only", subscription.chat_id)
    else:
        await scheduler.refresh(subscription.chat_id)
    return next_due(schedule_of(subscription), get_deps(context).clock())


async def unschedule(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
    scheduler: DigestScheduling | None = context.application.bot_data.get(SCHEDULER_KEY)
    if scheduler is not None:
        await scheduler.refresh(chat_id)


async def may_manage(update: Update, context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> bool:
    """May this update's sender change the digest of ``chat_id``?"""
    deps = get_deps(context)
    user = update.effective_user
    here = update.effective_chat
    if user is not None and user.id in deps.admins:
        return True
    if here is None or here.id != chat_id:
        return False  # another chat (a channel): bot admins only
    if here.type == ChatType.PRIVATE:
        return True
    message = update.effective_message
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id == chat_id  # an anonymous admin posting as the group
    if user is None or user.id == GROUP_ANONYMOUS_BOT:
        return False
    try:
        member = await context.bot.get_chat_member(chat_id, user.id)
    except (BadRequest, Forbidden):
        return False
    return member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)


async def resolve_target(context: ContextTypes.DEFAULT_TYPE, reference: str) -> Chat:
    """The chat named by ``@username`` or id, once the bot is sure it may post there."""
    bot = context.bot
    target: str | int = reference if reference.startswith("@") else int(reference)
    try:
        chat = await bot.get_chat(target)
    except (BadRequest, Forbidden) as error:
        raise DigestError(
            f"I cannot find {esc(reference)} ({esc(error.message)}). Add the bot to it as an "
            "administrator allowed to post messages, then try again."
        ) from None
    name = esc(chat_label(chat))
    if chat.type == ChatType.PRIVATE:
        raise DigestError(f"{name} is a person, not a channel or group.")
    try:
        member = await bot.get_chat_member(chat.id, bot.id)
    except (BadRequest, Forbidden) as error:
        raise DigestError(
            f"I may not post in {name}: {esc(error.message)}. Add the bot as an administrator "
            "allowed to post messages."
        ) from None
    status = member.status
    if chat.type == ChatType.CHANNEL:
        allowed = status == ChatMemberStatus.OWNER or (
            status == ChatMemberStatus.ADMINISTRATOR
            and bool(getattr(member, "can_post_messages", False))
        )
        need = "an administrator of the channel with the right to post messages"
    else:
        allowed = status in (
            ChatMemberStatus.OWNER,
            ChatMemberStatus.ADMINISTRATOR,
            ChatMemberStatus.MEMBER,
        ) or (
            status == ChatMemberStatus.RESTRICTED
            and bool(getattr(member, "can_send_messages", False))
        )
        need = "a member of the group allowed to send messages"
    if not allowed:
        raise DigestError(f"I may not post in {name}: the bot must be {need}.")
    return chat


def split_target(args: list[str]) -> tuple[str | None, list[str]]:
    """A leading (or any) ``@channel`` / numeric chat id among the arguments, and the rest."""
    target = None
    rest = []
    for arg in args:
        if target is None and _CHAT_REF.fullmatch(arg):
            target = arg
        else:
            rest.append(arg)
    return target, rest


async def target_chat(
    update: Update, context: ContextTypes.DEFAULT_TYPE, reference: str | None
) -> Chat:
    """The chat a command is about: this one, or (bot admins, private chat) the one named."""
    here = update.effective_chat
    assert here is not None
    if here.type == ChatType.CHANNEL:
        raise DigestError(
            "Commands in a channel cannot tell who sent them. A bot admin can manage this "
            f"channel from a private chat with the bot: <code>/subscribe {here.id}</code>."
        )
    if reference is None:
        if not await may_manage(update, context, here.id):
            raise DigestError("Only this group's administrators (or bot admins) can do that.")
        return here
    user = update.effective_user
    if here.type != ChatType.PRIVATE or user is None or user.id not in get_deps(context).admins:
        raise DigestError("Only bot admins can manage another chat, from a private chat.")
    return await resolve_target(context, reference)


@dataclass(frozen=True, slots=True)
class DigestRequest(Generic[Args]):
    """A digest command that may go on: its message, the chat it is about, its arguments."""

    message: Message
    chat: Chat
    args: Args


async def digest_request(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    parse: Callable[[list[str]], Args],
    usage: str = "",
) -> DigestRequest[Args] | None:
    """Parse a digest command and find the chat it is about (this one, or a ``@channel``
    named by a bot admin); ``None`` once the reason it cannot go on has been replied.

    ``parse`` gets the arguments besides the chat; a :class:`ScheduleError` it raises is
    answered with ``usage`` after it, a :class:`DigestError` as it is.
    """
    message = update.effective_message
    if message is None:
        return None
    try:
        reference, args = split_target(list(context.args or []))
        parsed = parse(args)
        chat = await target_chat(update, context, reference)
    except ScheduleError as error:
        await message.reply_html(f"{error}\n{usage}" if usage else str(error))
        return None
    except DigestError as error:
        await message.reply_html(str(error))
        return None
    return DigestRequest(message, chat, parsed)
