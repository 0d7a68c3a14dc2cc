"""/settings: a button menu for a chat's digest, and the same settings as typed commands.

Buttons carry ``dg:<chat_id>:<action>:<value>`` (always under 64 bytes), so a bot admin can run
a channel's menu from a private chat and every press is checked against the chat it changes.
Keywords need typing: ``/settings include oil, gas prices`` (buttons remove them).
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from handlers.deps import get_deps
from handlers.digest.common import (
    describe_due,
    describe_schedule,
    digest_request,
    may_manage,
    next_due_text,
    queries,
    reschedule,
)
from handlers.digest.times import ScheduleError, iso, parse_time, parse_timezone
from handlers.text import esc
from storage.subscriptions import MAX_ITEMS_LIMIT, Subscription

ZONES: tuple[str, ...] = (
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Kyiv",
    "Europe/Moscow",
    "Asia/Almaty",
    "Asia/Tashkent",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "America/New_York",
    "America/Los_Angeles",
)
TIME_PRESETS = ("06:00", "07:00", "07:30", "08:00", "09:00", "12:00", "18:00")
ITEM_CHOICES = (3, 5, 10, 15, 20, 30)
MAX_KEYWORDS = 20

SETTINGS_USAGE = (
    "Settings by command (or use the buttons of /settings):\n"
    "<code>/settings time 07:30</code> · <code>/settings zone Asia/Almaty</code> · "
    "<code>/settings days weekdays</code> (or daily) · <code>/settings items 10</code> · "
    "<code>/settings include oil, gas prices</code> · <code>/settings exclude sport</code> "
    "(<code>clear</code> empties a list) · <code>/settings empty silent</code> (or post).\n"
    "Bot admins add <code>@channel</code> to change a channel's digest."
)


@dataclass(frozen=True, slots=True)
class Change:
    """One setting to apply, parsed from a command or a button."""

    name: str
    value: object


def parse_keywords(text: str) -> tuple[str, ...]:
    """``oil, gas prices; Almaty`` → ``("oil", "gas prices", "Almaty")``; ``clear`` → ``()``."""
    if text.strip().casefold() in ("clear", "none", "-"):
        return ()
    words: list[str] = []
    for part in text.replace(";", ",").split(","):
        phrase = " ".join(part.split())
        if phrase and phrase.casefold() not in {w.casefold() for w in words}:
            words.append(phrase[:60])
    if len(words) > MAX_KEYWORDS:
        raise ScheduleError(f"At most {MAX_KEYWORDS} keywords, please.")
    return tuple(words)


def parse_change(args: list[str]) -> Change:
    """``["time", "07:30"]`` → ``Change("time", "07:30")``; a clear error otherwise."""
    if not args:
        raise ScheduleError(SETTINGS_USAGE)
    name, rest = args[0].casefold(), " ".join(args[1:]).strip()
    if name in ("time", "at"):
        return Change("time", parse_time(rest))
    if name in ("zone", "tz", "timezone"):
        return Change("timezone", parse_timezone(rest))
    if name == "days":
        if rest.casefold() in ("daily", "weekdays"):
            return Change("days", rest.casefold())
        raise ScheduleError("Days: <code>daily</code> or <code>weekdays</code>.")
    if name in ("items", "max"):
        if rest.isdigit() and 1 <= int(rest) <= MAX_ITEMS_LIMIT:
            return Change("max_items", int(rest))
        raise ScheduleError(f"Items: a number from 1 to {MAX_ITEMS_LIMIT}.")
    if name in ("include", "exclude"):
        if not rest:
            raise ScheduleError(f"Which keywords? e.g. <code>/settings {name} oil, gas</code>.")
        return Change(name, parse_keywords(rest))
    if name in ("empty", "nothing"):
        if rest.casefold() in ("post", "silent"):
            return Change("post_empty", rest.casefold() == "post")
        raise ScheduleError("When nothing is new: <code>post</code> or <code>silent</code>.")
    raise ScheduleError(f"Unknown setting “{esc(args[0])}”.\n{SETTINGS_USAGE}")


def _button(chat_id: int, action: str, value: object, text: str) -> InlineKeyboardButton:
    data = f"dg:{chat_id}:{action}:{value}"
    assert len(data.encode()) <= 64, data
    return InlineKeyboardButton(text, callback_data=data)


def _mark(chosen: bool, text: str) -> str:
    return f"✓ {text}" if chosen else text


def settings_text(subscription: Subscription, due_text: str, screen: str = "main") -> str:
    s = subscription
    lines = [
        f"⚙️ <b>Digest settings</b> · {esc(s.chat_title or s.chat_id)}",
        f"When: {describe_schedule(s)}",
        f"Next: {esc(due_text)}",
        f"Items: up to {s.max_items}",
        f"Include: {esc(', '.join(s.include)) if s.include else 'everything'}",
        f"Exclude: {esc(', '.join(s.exclude)) if s.exclude else 'nothing'}",
        "When nothing is new: " + ("post “nothing new”" if s.post_empty else "stay silent"),
    ]
    if not s.active:
        lines.insert(1, f"⏸ Paused: {esc(s.paused_reason or 'unknown')} — /subscribe resumes.")
    if screen == "zone":
        lines.append("\nPick a zone, or type <code>/settings zone Area/City</code>.")
    elif screen == "keywords":
        lines.append(
            "\nAdd with <code>/settings include oil, gas prices</code> or "
            "<code>/settings exclude sport</code>; tap a keyword to remove it."
        )
    return "\n".join(lines)


def settings_keyboard(subscription: Subscription, screen: str = "main") -> InlineKeyboardMarkup:
    c = subscription.chat_id
    back = [_button(c, "m", "main", "« Back")]
    rows: list[list[InlineKeyboardButton]]
    if screen == "time":
        rows = [
            [
                _button(c, "t", d, label)
                for d, label in (("-60", "−1h"), ("-15", "−15m"), ("+15", "+15m"), ("+60", "+1h"))
            ],
            [
                _button(c, "t", p.replace(":", ""), _mark(p == subscription.time, p))
                for p in TIME_PRESETS[:4]
            ],
            [
                _button(c, "t", p.replace(":", ""), _mark(p == subscription.time, p))
                for p in TIME_PRESETS[4:]
            ],
            back,
        ]
    elif screen == "zone":
        buttons = [
            _button(c, "z", i, _mark(z == subscription.timezone, z)) for i, z in enumerate(ZONES)
        ]
        rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)] + [back]
    elif screen == "items":
        rows = [
            [_button(c, "n", n, _mark(n == subscription.max_items, str(n))) for n in ITEM_CHOICES],
            back,
        ]
    elif screen == "keywords":
        rows = [[_button(c, "ri", i, f"✖ +{w[:24]}")] for i, w in enumerate(subscription.include)]
        rows += [[_button(c, "re", i, f"✖ −{w[:24]}")] for i, w in enumerate(subscription.exclude)]
        if subscription.include or subscription.exclude:
            rows.append([_button(c, "kc", 0, "Clear all keywords")])
        rows.append(back)
    else:
        rows = [
            [_button(c, "m", "time", "⏰ Time"), _button(c, "m", "zone", "🌍 Time zone")],
            [
                _button(c, "d", "daily", _mark(subscription.days == "daily", "Every day")),
                _button(c, "d", "weekdays", _mark(subscription.days == "weekdays", "Weekdays")),
            ],
            [_button(c, "m", "items", "🔢 Items"), _button(c, "m", "keywords", "🔎 Keywords")],
            [
                _button(
                    c,
                    "e",
                    0 if subscription.post_empty else 1,
                    "Nothing new: post" if subscription.post_empty else "Nothing new: silent",
                )
            ],
            [_button(c, "m", "close", "Done")],
        ]
    return InlineKeyboardMarkup(rows)


def _shift(time_text: str, minutes: int) -> str:
    hours, mins = (int(p) for p in time_text.split(":"))
    total = (hours * 60 + mins + minutes) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


def button_change(subscription: Subscription, action: str, value: str) -> Change | None:
    """The setting a button press asks for; ``None`` for a screen change."""
    if action == "t":
        if value[:1] in "+-":
            return Change("time", _shift(subscription.time, int(value)))
        return Change("time", parse_time(f"{value[:2]}:{value[2:]}"))
    if action == "z":
        return Change("timezone", ZONES[int(value)])
    if action == "d" and value in ("daily", "weekdays"):
        return Change("days", value)
    if action == "n" and int(value) in ITEM_CHOICES:
        return Change("max_items", int(value))
    if action == "e":
        return Change("post_empty", value == "1")
    if action == "ri":
        index = int(value)
        return Change("include", subscription.include[:index] + subscription.include[index + 1 :])
    if action == "re":
        index = int(value)
        return Change("exclude", subscription.exclude[:index] + subscription.exclude[index + 1 :])
    if action == "kc":
        return Change("keywords", ((), ()))
    return None


async def _apply(
    context: ContextTypes.DEFAULT_TYPE, subscription: Subscription, change: Change
) -> tuple[Subscription, str]:
    deps = get_deps(context)
    now = iso(deps.clock())
    if change.name == "keywords":
        updated = await queries(deps).update(subscription.chat_id, now, include=(), exclude=())
    else:
        updated = await queries(deps).update(
            subscription.chat_id, now, **{change.name: change.value}
        )
    assert updated is not None
    if not updated.active:
        return updated, "paused"
    due = await reschedule(context, updated)
    return updated, describe_due(due, updated.timezone)


def _change_of(args: list[str]) -> Change | None:
    return parse_change(args) if args else None


async def settings_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    request = await digest_request(update, context, _change_of)
    if request is None:
        return
    message, chat, change = request.message, request.chat, request.args
    deps = get_deps(context)
    subscription = await queries(deps).get(chat.id)
    if subscription is None:
        where = "this chat" if chat.type == ChatType.PRIVATE else esc(chat.title or chat.id)
        await message.reply_html(f"No digest for {where} yet: start one with /subscribe.")
        return
    if change is not None:
        subscription, due_text = await _apply(context, subscription, change)
        await message.reply_html(
            "✅ Saved.\n" + settings_text(subscription, due_text),
            reply_markup=settings_keyboard(subscription),
        )
        return
    due_text = next_due_text(subscription, deps.clock())
    await message.reply_html(
        settings_text(subscription, due_text), reply_markup=settings_keyboard(subscription)
    )


async def settings_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None or not query.data:
        return
    try:
        _, chat_text, action, value = query.data.split(":", 3)
        chat_id = int(chat_text)
    except ValueError:
        await query.answer("This button is no longer valid.")
        return
    if not await may_manage(update, context, chat_id):
        await query.answer(
            "Only the chat's administrators (or bot admins) can change this.", show_alert=True
        )
        return
    deps = get_deps(context)
    subscription = await queries(deps).get(chat_id)
    if subscription is None:
        await query.answer("No digest subscription any more: /subscribe starts one.")
        if query.message is not None:
            await _edit(query, "No digest subscription here. /subscribe starts one.", None)
        return
    if action == "m" and value == "close":
        await query.answer()
        await _edit(query, settings_text(subscription, "see /settings"), None)
        return
    screen = value if action == "m" else "main"
    try:
        change = button_change(subscription, action, value)
    except (ValueError, IndexError, ScheduleError):
        await query.answer("This button is out of date; open /settings again.")
        return
    if change is not None:
        subscription, due_text = await _apply(context, subscription, change)
        if action in ("t", "ri", "re"):
            screen = {"t": "time"}.get(action, "keywords")
        await query.answer("Saved.")
    else:
        await query.answer()
        due_text = next_due_text(subscription, deps.clock())
    await _edit(
        query,
        settings_text(subscription, due_text, screen),
        settings_keyboard(subscription, screen),
    )


async def _edit(query: object, text: str, markup: InlineKeyboardMarkup | None) -> None:
    try:
        await query.edit_message_text(  # type: ignore[attr-defined]
            text, parse_mode="HTML", reply_markup=markup
        )
    except BadRequest as error:
        if "not modified" not in error.message:
            raise
