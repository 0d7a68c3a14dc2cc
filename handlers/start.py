"""``/start`` and ``/help``."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from handlers.commands import COMMANDS
from handlers.deps import get_deps
from handlers.feeds import may_add
from handlers.text import esc

COMMAND_HINT = "Send a command, for example /latest or /help."
ABOUT = (
    "<b>Newsroom bot</b> reads the newsroom's articles: summaries, who said what, "
    "and who is in them. In any chat, type <code>@{username} words</code> to share "
    "a person, a quote or an article."
)


ADDING = (
    "\n\n<b>Adding articles</b> (editors, in a private chat with me): paste an article, "
    "forward a channel post, or send a document (.txt, .md, .html, .json, .jsonl, .docx) "
    "or a link."
)


def help_text(is_admin: bool, adds: bool = False) -> str:
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
    return "<b>Commands</b>\n" + "\n".join(lines) + tail + (ADDING if adds else "")


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    deps = get_deps(context)
    about = ABOUT.format(username=esc(context.bot.username))
    who = f"Your Telegram user id: <code>{user.id}</code>"
    if user.id in deps.admins:
        who += " (admin)"
    commands = help_text(user.id in deps.admins, await may_add(deps, user.id))
    await message.reply_text(f"{about}\n\n{who}\n\n{commands}", parse_mode=ParseMode.HTML)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    deps = get_deps(context)
    text = help_text(user.id in deps.admins, await may_add(deps, user.id))
    await message.reply_text(text, parse_mode=ParseMode.HTML)
