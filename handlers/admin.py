"""``/allow``, ``/deny`` and ``/members``: admins manage who may use the bot at run time."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.ext import ContextTypes

from handlers.access import admissions
from handlers.deps import Deps, get_deps
from handlers.text import esc, shorten, split_items
from storage.members import MemberKind, MemberRole

USAGE = (
    "Usage: /{command} [user|editor|chat] <id> [label] — a positive id is a user, a negative id "
    "a group or channel; an editor is a user who may also add articles and feeds. In a group, "
    "/{command} alone means this group; in reply to a message it means its author."
)


@dataclass(frozen=True, slots=True)
class Target:
    kind: MemberKind
    telegram_id: int
    label: str | None
    role: MemberRole | None = None


def parse_target(message: Message, args: list[str]) -> Target | None:
    """Who ``/allow`` or ``/deny`` is about, or ``None`` when the arguments make no sense."""
    words = list(args)
    kind: MemberKind | None = None
    role: MemberRole | None = None
    if words and words[0].casefold() in ("user", "chat", "editor"):
        word = words.pop(0).casefold()
        kind = "chat" if word == "chat" else "user"
        role = "editor" if word == "editor" else None
    if words:
        try:
            telegram_id = int(words[0])
        except ValueError:
            return None
        if role == "editor" and telegram_id < 0:
            return None
        label = shorten(" ".join(words[1:]), 80) or None
        return Target(kind or ("chat" if telegram_id < 0 else "user"), telegram_id, label, role)
    replied = message.reply_to_message
    author = replied.from_user if replied is not None else None
    if kind != "chat" and author is not None and not author.is_bot:
        return Target("user", author.id, author.full_name, role)
    if kind != "user" and message.chat.type != ChatType.PRIVATE:
        return Target("chat", message.chat.id, message.chat.title)
    return None


async def _admin_message(update: Update, deps: Deps) -> Message | None:
    message = update.effective_message
    user = update.effective_user
    assert message is not None
    if user is None or user.id not in deps.admins:
        await message.reply_text("Only admins can change who may use the bot.")
        return None
    return message


def _describe(target: Target) -> str:
    label = f" ({esc(target.label)})" if target.label else ""
    kind = "editor" if target.role == "editor" else target.kind
    return f"{kind} <code>{target.telegram_id}</code>{label}"


async def _admin_target(
    update: Update, context: ContextTypes.DEFAULT_TYPE, deps: Deps, command: str
) -> tuple[Message, Target] | None:
    """The admin's message and whom ``/allow`` or ``/deny`` is about; replies otherwise."""
    message = await _admin_message(update, deps)
    if message is None:
        return None
    target = parse_target(message, list(context.args or ()))
    if target is None:
        await message.reply_text(USAGE.format(command=command))
        return None
    return message, target


async def allow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    deps = get_deps(context)
    found = await _admin_target(update, context, deps, "allow")
    if found is None:
        return
    message, target = found
    added = await deps.store.members.allow(
        target.kind,
        target.telegram_id,
        label=target.label,
        added_by=update.effective_user.id if update.effective_user else None,
        now=deps.store.now(),
        role=target.role,
    )
    admissions(context.bot_data).forget()
    verb = "Allowed" if added else "Already allowed:"
    await message.reply_text(f"{verb} {_describe(target)}.", parse_mode=ParseMode.HTML)


async def deny(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    deps = get_deps(context)
    found = await _admin_target(update, context, deps, "deny")
    if found is None:
        return
    message, target = found
    removed = await deps.store.members.deny(target.kind, target.telegram_id)
    admissions(context.bot_data).forget()
    if removed:
        reply = f"Removed {_describe(target)}."
    else:
        reply = f"{_describe(target).capitalize()} was not on the list."
    if target.kind == "user" and target.telegram_id in deps.admins:
        reply += " It is an admin (NEWSROOM_ADMINS) and keeps access; admins are set there."
    await message.reply_text(reply, parse_mode=ParseMode.HTML)


async def members(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    deps = get_deps(context)
    message = await _admin_message(update, deps)
    if message is None:
        return
    admins = ", ".join(f"<code>{a}</code>" for a in sorted(deps.admins)) or "none"
    lines = []
    for member in await deps.store.members.all():
        label = f" — {esc(member.label)}" if member.label else ""
        kind = "editor" if member.role == "editor" else member.kind
        lines.append(f"{kind} <code>{member.telegram_id}</code>{label} · {member.added_at[:10]}")
    header = f"<b>Admins</b> (NEWSROOM_ADMINS): {admins}\n<b>Allowed</b>: {len(lines)}"
    if not lines:
        lines = ["<i>Nobody else yet. Add users or chats with /allow.</i>"]
    for text in split_items(lines, header=header, separator="\n"):
        await message.reply_text(text, parse_mode=ParseMode.HTML)
