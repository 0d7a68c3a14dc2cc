"""The bot's own membership of a chat (``my_chat_member`` updates).

A chat that removes or bans the bot, a user who blocks it, or a channel that takes away its
right to post has its digest paused at once, with the reason, instead of at the next
delivery: the scheduler drops its jobs and tells the admins. ``/subscribe`` in that chat (or
by a bot admin) brings the digest back once the bot may post again.

The handler runs before the access gate: the update says what happened to the bot, whoever
did it, and it sends nothing.
"""

from __future__ import annotations

import logging

from telegram import ChatMember, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import ContextTypes

from handlers.deps import get_deps
from handlers.digest.common import SCHEDULER_KEY, DigestScheduling, queries
from handlers.digest.times import iso

log = logging.getLogger(__name__)

# Handler group: before the access gate (group -1) and the commands (group 0).
MEMBERSHIP_GROUP = -2


def lost_access(chat_type: str, member: ChatMember) -> str | None:
    """Why the bot can no longer post in the chat after this change, or ``None`` if it can."""
    status = member.status
    if status == ChatMemberStatus.LEFT:
        return "the bot was removed from the chat"
    if status == ChatMemberStatus.BANNED:
        if chat_type == ChatType.PRIVATE:
            return "the user blocked the bot"
        return "the bot was banned from the chat"
    if chat_type == ChatType.CHANNEL:
        if status == ChatMemberStatus.OWNER:
            return None
        if status != ChatMemberStatus.ADMINISTRATOR or not getattr(
            member, "can_post_messages", False
        ):
            return "the bot may no longer post in the channel"
        return None
    if status == ChatMemberStatus.RESTRICTED and not getattr(member, "can_send_messages", True):
        return "the bot may no longer send messages in the chat"
    return None


def chat_lost(update: Update) -> tuple[int, str] | None:
    """The chat and the reason when this update says the bot can no longer post there."""
    change = update.my_chat_member
    if change is None:
        return None
    reason = lost_access(change.chat.type, change.new_chat_member)
    return None if reason is None else (change.chat.id, reason)


async def on_my_chat_member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lost = chat_lost(update)
    if lost is None:
        return
    chat_id, reason = lost
    scheduler: DigestScheduling | None = context.application.bot_data.get(SCHEDULER_KEY)
    if scheduler is not None:
        await scheduler.chat_lost(chat_id, reason)
        return
    deps = get_deps(context)  # no scheduler running: no job to drop, nobody to tell
    if await queries(deps).pause(chat_id, reason, iso(deps.clock())):
        log.warning("digest paused for chat %s: %s", chat_id, reason)
