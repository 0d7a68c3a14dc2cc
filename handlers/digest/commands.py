"""Digest commands: /subscribe, /unsubscribe and /digest (the /settings menu is in
``settings``)."""

from __future__ import annotations

import re

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from handlers.deps import get_deps
from handlers.digest.common import (
    FIRST_DIGEST_COVERS,
    SUBSCRIBE_USAGE,
    DigestError,
    chat_label,
    describe_due,
    describe_schedule,
    digest_request,
    queries,
    reschedule,
    unschedule,
)
from handlers.digest.compose import DigestComposer, DigestOptions
from handlers.digest.times import iso, parse_time, parse_timezone
from handlers.text import esc
from storage.subscriptions import DEFAULT_TIME

_TIMEISH = re.compile(r"[\d:.h]+")


def _time_and_zone(args: list[str]) -> tuple[str | None, str | None]:
    """``/subscribe`` arguments: an optional time and an optional zone, in either order."""
    chosen_time = chosen_zone = None
    for arg in args:
        if _TIMEISH.fullmatch(arg) and chosen_time is None:
            chosen_time = parse_time(arg)
        elif ("/" in arg or arg.upper() in ("UTC", "GMT")) and chosen_zone is None:
            chosen_zone = parse_timezone(arg)
        else:
            raise DigestError(f"I do not understand “{esc(arg)}”.\n{SUBSCRIBE_USAGE}")
    return chosen_time, chosen_zone


def _nothing_more(args: list[str]) -> None:
    if args:
        raise DigestError(
            "Usage: <code>/unsubscribe</code> (bot admins: <code>/unsubscribe @channel</code>)."
        )


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    request = await digest_request(update, context, _time_and_zone, SUBSCRIBE_USAGE)
    if request is None:
        return
    message, chat, (chosen_time, chosen_zone) = request.message, request.chat, request.args
    deps = get_deps(context)
    store = queries(deps)
    existing = await store.get(chat.id)
    now = deps.clock()
    user = update.effective_user
    subscription, created = await store.subscribe(
        chat.id,
        chat_kind=chat.type,
        chat_title=chat.title or chat.username or chat.first_name,
        time=chosen_time or (existing.time if existing else DEFAULT_TIME),
        timezone=chosen_zone or (existing.timezone if existing else deps.default_timezone),
        created_by=user.id if user else None,
        watermark=iso(now - FIRST_DIGEST_COVERS),
        now=iso(now),
    )
    due = await reschedule(context, subscription)
    where = esc(chat_label(chat))
    verb = "Subscribed" if created else "Updated the digest of"
    first = " The first covers the 24 hours before now." if created else ""
    await message.reply_html(
        f"✅ {verb} {where}: {describe_schedule(subscription)}.\n"
        f"Next digest: {describe_due(due, subscription.timezone)}.{first}\n"
        "Change time, zone, days, items and keywords with /settings."
    )


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    request = await digest_request(update, context, _nothing_more)
    if request is None:
        return
    message, chat, deps = request.message, request.chat, get_deps(context)
    removed = await queries(deps).unsubscribe(chat.id)
    await unschedule(context, chat.id)
    where = esc(chat_label(chat))
    if removed:
        await message.reply_html(f"🔕 No more digests for {where}. /subscribe brings them back.")
    else:
        await message.reply_html(f"{where.capitalize()} has no digest subscription.")


async def digest_now(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """This chat's digest so far: what the next scheduled one would hold now. The schedule and
    the watermark stay, so the scheduled digest still covers the whole period."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        return
    deps = get_deps(context)
    store = queries(deps)
    subscription = await store.get(chat.id)
    now = deps.clock()
    if subscription is None:
        options = DigestOptions(timezone=deps.default_timezone)
        since = iso(now - FIRST_DIGEST_COVERS)
    else:
        options = DigestOptions.of(subscription)
        since = subscription.watermark
    options = DigestOptions(
        options.timezone, options.max_items, options.include, options.exclude, post_empty=True
    )
    digest = await DigestComposer(store).compose(options, since=since, until=iso(now))
    for part in digest.parts:
        await context.bot.send_message(
            chat.id, part, parse_mode=ParseMode.HTML, disable_web_page_preview=True
        )
