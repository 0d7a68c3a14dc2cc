"""The daily digest in Telegram: commands, the settings menu, the bot's membership of a chat,
composing a digest and its times. Shared pieces live in ``common``; this package only
registers the handlers, so no module of it imports another in a circle."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackQueryHandler, ChatMemberHandler, CommandHandler

from handlers.digest.commands import digest_now, subscribe, unsubscribe
from handlers.digest.common import SCHEDULER_KEY, DigestScheduling, may_manage
from handlers.digest.membership import MEMBERSHIP_GROUP, on_my_chat_member
from handlers.digest.settings import settings_button, settings_command

__all__ = ["SCHEDULER_KEY", "DigestScheduling", "may_manage", "register_digest_handlers"]


def register_digest_handlers(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app.add_handler(CommandHandler("subscribe", subscribe))
    app.add_handler(CommandHandler("unsubscribe", unsubscribe))
    app.add_handler(CommandHandler("digest", digest_now))
    app.add_handler(CommandHandler("settings", settings_command))
    app.add_handler(CallbackQueryHandler(settings_button, pattern=r"^dg:"))
    app.add_handler(
        ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER),
        group=MEMBERSHIP_GROUP,
    )
