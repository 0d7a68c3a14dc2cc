"""The one error handler: log first, tell the user briefly, tell the admin chat if configured."""

from __future__ import annotations

import html
import logging

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.ext import ContextTypes

from handlers.deps import get_deps
from handlers.text import shorten

log = logging.getLogger(__name__)
USER_APOLOGY = "Sorry, something went wrong with that request. The admins have been told."


def _describe(update: object) -> str:
    if not isinstance(update, Update):
        return "no update"
    if update.effective_message and update.effective_message.text:
        return f"message {shorten(update.effective_message.text, 100)!r}"
    if update.callback_query:
        return f"button {update.callback_query.data!r}"
    if update.inline_query:
        return f"inline query {shorten(update.inline_query.query, 100)!r}"
    return f"update {update.update_id}"


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    error = context.error
    if isinstance(error, Forbidden):
        log.warning("cannot reach the chat (blocked or removed): %s", error)
        return
    if isinstance(error, BadRequest) and "query is too old" in error.message.lower():
        log.info("inline or button query expired before the answer: %s", error)
        return
    if isinstance(error, RetryAfter):
        log.warning("flood control: retry after %s s, update dropped", error.retry_after)
        return
    log.error("error while handling %s", _describe(update), exc_info=error)
    if isinstance(update, Update):
        await _tell_user(update)
    admin_chat = get_deps(context).admin_chat_id
    if admin_chat is None:
        return
    name = type(error).__name__ if error else "Error"
    report = (
        f"⚠️ <b>{html.escape(name)}</b> while handling {html.escape(_describe(update))}:\n"
        f"<code>{html.escape(shorten(str(error), 600))}</code>"
    )
    try:
        await context.bot.send_message(admin_chat, report, parse_mode=ParseMode.HTML)
    except TelegramError as failure:
        log.warning("could not tell the admin chat %s: %s", admin_chat, failure)


async def _tell_user(update: Update) -> None:
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(USER_APOLOGY, show_alert=True)
        elif update.effective_message is not None and update.inline_query is None:
            await update.effective_message.reply_text(USER_APOLOGY)
    except TelegramError as failure:
        log.warning("could not apologise to the user: %s", failure)
