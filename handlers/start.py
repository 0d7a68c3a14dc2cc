"""``/start`` and ``/help``."""

from __future__ import annotations

from typing import Literal

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from handlers.commands import COMMANDS
from handlers.deps import Deps, get_deps
from handlers.text import esc

COMMAND_HINT = "Send a command, for example /latest or /help."
ABOUT = (
    "<b>Newsroom bot</b> reads the newsroom's articles: summaries, who said what, "
    "and who is in them. In any chat, type <code>@{username} words</code> to share "
    "a person, a quote or an article."
)


Role = Literal["reader", "editor", "admin"]
ADDING = (
    "\n\nTo add an article, send it to me here: paste its text, forward a channel post, "
    "send a document (.txt, .md, .html, .json, .jsonl, .docx) or a link to the page."
)


def help_text(role: Role) -> str:
    lines = []
    for spec in COMMANDS:
        if spec.admin and not (role == "admin" or (spec.editor and role == "editor")):
            continue
        usage = f" {esc(spec.usage)}" if spec.usage else ""
        lines.append(f"/{spec.command}{usage} — {esc(spec.description)}")
    tail = (
        "\n\nAn <i>article</i> is its number (<code>42</code>), words from it, or a reply "
        "to one of my messages about it."
    )
    adding = ADDING if role != "reader" else ""
    return "<b>Commands</b>\n" + "\n".join(lines) + tail + adding


async def role_of(deps: Deps, user_id: int) -> Role:
    if user_id in deps.admins:
        return "admin"
    return "editor" if await deps.store.members.is_editor(user_id) else "reader"


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    deps = get_deps(context)
    about = ABOUT.format(username=esc(context.bot.username))
    role = await role_of(deps, user.id)
    who = f"Your Telegram user id: <code>{user.id}</code>"
    if role != "reader":
        who += f" ({role})"
    await message.reply_text(f"{about}\n\n{who}\n\n{help_text(role)}", parse_mode=ParseMode.HTML)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    role = await role_of(get_deps(context), user.id)
    await message.reply_text(help_text(role), parse_mode=ParseMode.HTML)
