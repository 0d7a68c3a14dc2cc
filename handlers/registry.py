"""Every handler of the bot, registered in one place: the whole command surface at a glance."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from handlers import (
    access,
    admin,
    chat_documents,
    chat_ingest,
    errors,
    feeds,
    inline,
    paging,
    people,
    quotes,
    search,
    start,
    summary,
)
from handlers.commands import COMMANDS, CommandSpec
from handlers.digest import register_digest_handlers
from handlers.export import export as export_command
from handlers.paging import STALE_BUTTON
from handlers.watches import register_watch_handlers

__all__ = ["COMMANDS", "CommandSpec", "register_handlers"]

GATE_GROUP = -1


class _NotOurCommand(filters.MessageFilter):
    """A command missing from ``COMMANDS``."""

    def filter(self, message: Message) -> bool:
        word = (message.text or "").split(maxsplit=1)[0] if message.text else ""
        name = word[1:].split("@", 1)[0].casefold()
        return name not in {spec.command for spec in COMMANDS}


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None:
        await message.reply_text("I don't know that command. Send /help for the list.")


async def plain_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None:
        await message.reply_text(start.COMMAND_HINT)


async def unknown_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(STALE_BUTTON, show_alert=True)


def register_handlers(app: Application) -> None:
    """Add every handler; the access gate runs first (group -1) for all updates."""
    app.add_handler(TypeHandler(Update, access.gate), group=GATE_GROUP)

    app.add_handler(CommandHandler("start", start.start))
    app.add_handler(CommandHandler("help", start.help_command))
    app.add_handler(CommandHandler("latest", search.latest))
    app.add_handler(CommandHandler("search", search.search))
    app.add_handler(CommandHandler("summary", summary.summary))
    app.add_handler(CommandHandler("quotes", quotes.quotes))
    app.add_handler(CommandHandler("people", people.people))
    app.add_handler(CommandHandler("person", people.person))
    app.add_handler(CommandHandler("allow", admin.allow))
    app.add_handler(CommandHandler("deny", admin.deny))
    app.add_handler(CommandHandler("members", admin.members))
    app.add_handler(CommandHandler("addfeed", feeds.add_feed))
    app.add_handler(CommandHandler("removefeed", feeds.remove_feed))
    app.add_handler(CommandHandler("feeds", feeds.list_feeds))

    app.add_handler(CallbackQueryHandler(paging.on_page_button, pattern=r"^pg:"))
    app.add_handler(CallbackQueryHandler(summary.on_summary_button, pattern=r"^sum:"))
    app.add_handler(CallbackQueryHandler(people.on_person_button, pattern=r"^per:"))
    app.add_handler(InlineQueryHandler(inline.on_inline_query))

    register_digest_handlers(app)
    register_watch_handlers(app)
    app.add_handler(CommandHandler("export", export_command))

    register_chat_ingest(app)

    # New features register here, above the fallbacks, and list their commands in
    # handlers/commands.py for /help and setMyCommands.

    _register_fallbacks(app)
    app.add_error_handler(errors.on_error)


def register_chat_ingest(app: Application) -> None:
    """Articles sent in a private chat. They may wait on a download, a fetch or the analysis;
    updates are processed concurrently (``concurrent_updates``), so only the sender waits."""
    private = filters.ChatType.PRIVATE & ~filters.VIA_BOT
    app.add_handler(MessageHandler(private & filters.Document.ALL, chat_documents.on_document))
    app.add_handler(
        MessageHandler(
            private & filters.FORWARDED & (filters.TEXT | filters.CAPTION) & ~filters.COMMAND,
            chat_ingest.on_forward,
        )
    )
    app.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, chat_ingest.on_text))


def _register_fallbacks(app: Application) -> None:
    """Catch-alls of group 0; they must stay the last handlers of that group."""
    app.add_handler(CallbackQueryHandler(unknown_button))
    app.add_handler(MessageHandler(filters.COMMAND & _NotOurCommand(), unknown_command))
    app.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND & ~filters.VIA_BOT,
            plain_text,
        )
    )
