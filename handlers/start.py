"""``/start`` and ``/help``."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from handlers.commands import COMMANDS
from handlers.deps import get_deps
from handlers.text import esc

COMMAND_HINT = "Send a command, for example /latest or /help."
ABOUT = (
    "<b>Newsroom bot</b> reads the newsroom's articles: summaries, who said what, "
    "and who is in them. In any chat, type <code>@{username} words</code> to share "
    "a person, a quote or an article."
)


def help_text(is_admin: bool) -> str:
    lines = []
    for spec in COMMANDS:
        if spec.admin and not is_admin:
            continue
        usage = f" {esc(spec.usage)}" if spec.usage else ""
        lines.append(f"/{spec.command}{usage} — {esc(spec.description)}")
    tail = (
        "\n\nAn <i>article</i> is its number (<code>42</code>), words from it, or a reply "
        "to one of my messages about it."
    )
    return "<b>Commands</b>\n" + "\n".join(lines) + tail


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    deps = get_deps(context)
    about = ABOUT.format(username=esc(context.bot.username))
    who = f"Your Telegram user id: <code>{user.id}</code>"
    if user.id in deps.admins:
        who += " (admin)"
    await message.reply_text(
        f"{about}\n\n{who}\n\n{help_text(user.id in deps.admins)}", parse_mode=ParseMode.HTML
    )


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    is_admin = user.id in get_deps(context).admins
    await message.reply_text(help_text(is_admin), parse_mode=ParseMode.HTML)
