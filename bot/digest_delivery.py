"""Delivering due digest slots: claim, send part by part, mark sent — idempotent across crashes.

For one slot ``(chat_id, due_at)``:

1. No run recorded: compose the digest for ``(watermark, now]`` and claim the slot as
   ``pending`` with its rendered parts, in one statement. A second claim of the same slot finds
   the first and does not compose again.
2. Take the run's lease (one owner at a time in the whole deployment; renewed before each
   part), then send the parts not yet sent, recording ``sent_parts`` after each one Telegram
   accepted. A process that finds another owner's lease running leaves the slot (``busy``);
   a process that died leaves its lease to run out, and a later attempt takes over from the
   parts already recorded.
3. Mark the run ``sent``; the same statement moves the chat's watermark to the run's ``until``.

A crash before a part was accepted leaves it unsent and it goes out after the restart; a crash
after the run was marked sent sends nothing again. The one window neither side can close is a
crash between Telegram accepting a part and step 2 recording it (milliseconds): that part is
sent again — at-least-once, never lost. A chat that is gone pauses its subscription; a failure
that may pass leaves the run pending for a retry.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from telegram import Bot

from bot.delivery import FloodLimits, Sender
from bot.send_budget import SharedSendBudget
from handlers.digest.compose import DigestComposer, DigestOptions
from handlers.digest.times import iso
from handlers.text import esc, split_items
from storage.interface import SubscriptionQueriesAPI
from storage.subscriptions import DigestRun, Subscription

log = logging.getLogger(__name__)

# An article's ingestion time is taken inside its transaction, a moment before it commits.
# A digest window ends this long before the digest is built, so an article still committing
# at that moment is never behind a watermark it was not delivered under: it comes next time.
SETTLE = timedelta(seconds=30)

# How long a run stays with the process sending it without a word from it: a process that
# died is replaced within this (plus the scheduler's few seconds). A part waits in the flood
# gate for a few seconds; a lease renewed before every part outlasts that.
LEASE = timedelta(seconds=40)

SlotStatus = Literal["sent", "already", "paused", "failed", "busy", "gone"]


@dataclass(frozen=True, slots=True)
class SlotResult:
    chat_id: int
    due_at: str
    status: SlotStatus
    messages: int = 0
    error: str | None = None
    moved_from: int | None = None  # the chat's id before Telegram moved it to a supergroup


@dataclass(slots=True)
class FanoutReport:
    results: list[SlotResult] = field(default_factory=list)
    seconds: float = 0.0
    flood_answers: int = 0

    def count(self, status: SlotStatus) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def messages(self) -> int:
        return sum(r.messages for r in self.results)

    def of(self, status: SlotStatus) -> list[SlotResult]:
        return [r for r in self.results if r.status == status]


class DigestDelivery:
    """Sends due digests to many chats at once within Telegram's limits.

    One sender (one flood gate) serves every fan-out of the process: jobs of many chats that
    fall due at the same minute each deliver their own slot, and together stay within the
    limits. With a ``budget`` the overall limit is the deployment's (``bot.send_budget``).
    """

    def __init__(
        self,
        bot: Bot,
        queries: SubscriptionQueriesAPI,
        *,
        clock: Callable[[], datetime],
        limits: FloodLimits | None = None,
        admins: frozenset[int] = frozenset(),
        admin_chat_id: int | None = None,
        budget: SharedSendBudget | None = None,
    ) -> None:
        self.bot = bot
        self.queries = queries
        self.clock = clock
        self.limits = limits or FloodLimits()
        self.admins = admins
        self.admin_chat_id = admin_chat_id
        self.sender = Sender(bot, self.limits, budget=budget)
        self._busy: set[int] = set()
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"

    async def deliver(
        self,
        slots: Sequence[tuple[Subscription, datetime]],
        on_result: Callable[[SlotResult], Awaitable[None]] | None = None,
    ) -> FanoutReport:
        """Deliver every ``(subscription, due instant)`` slot; report what happened.

        Every digest of one fan-out covers articles up to the moment it began (less
        ``SETTLE``), so chats with the same watermark and keywords (all those served by the
        previous fan-out) share one query. ``on_result`` hears of each slot as soon as it is
        done, while the others go on: a slot found busy is looked at again when the lease
        that holds it ends, not when the whole fan-out is over."""
        started = time.monotonic()
        until = iso(self.clock() - SETTLE)
        sender = self.sender
        floods_before = sender.flood_answers
        composer = DigestComposer(self.queries)
        queue: asyncio.Queue[tuple[Subscription, datetime]] = asyncio.Queue()
        for slot in slots:
            queue.put_nowait(slot)
        report = FanoutReport()

        async def worker() -> None:
            while True:
                try:
                    subscription, due = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                try:
                    result = await self._deliver_one(subscription, due, until, sender, composer)
                except Exception as error:  # one chat's surprise must not stop the others
                    log.exception("digest for chat %s failed", subscription.chat_id)
                    result = SlotResult(subscription.chat_id, iso(due), "failed", error=repr(error))
                report.results.append(result)
                if on_result is not None:
                    try:
                        await on_result(result)
                    except Exception:
                        log.exception("follow-up of the digest for chat %s failed", result.chat_id)

        count = max(1, min(self.limits.workers, len(slots)))
        await asyncio.gather(*(worker() for _ in range(count)))
        report.flood_answers = sender.flood_answers - floods_before
        paused = report.of("paused")
        if paused:
            await self.report_paused([(r.chat_id, r.error or "unreachable") for r in paused])
        report.seconds = time.monotonic() - started
        return report

    async def _deliver_one(
        self,
        subscription: Subscription,
        due: datetime,
        until: str,
        sender: Sender,
        composer: DigestComposer,
    ) -> SlotResult:
        chat_id, due_at = subscription.chat_id, iso(due)
        if chat_id in self._busy:
            return SlotResult(chat_id, due_at, "busy")
        self._busy.add(chat_id)
        try:
            return await self._deliver_claimed(subscription, due_at, until, sender, composer)
        finally:
            self._busy.discard(chat_id)

    async def _deliver_claimed(
        self,
        subscription: Subscription,
        due_at: str,
        until: str,
        sender: Sender,
        composer: DigestComposer,
    ) -> SlotResult:
        chat_id = subscription.chat_id
        # Older pending runs of the chat are covered by this one (same watermark): expire them.
        await self.queries.supersede(chat_id, due_at, until)
        run = await self.queries.run(chat_id, due_at)
        if run is None:
            current = await self.queries.get(chat_id)
            if current is None or not current.active:
                return SlotResult(chat_id, due_at, "gone")
            digest = await composer.compose(
                DigestOptions.of(current), since=current.watermark, until=until
            )
            run, _ = await self.queries.claim(
                chat_id,
                due_at,
                since=current.watermark,
                until=until,
                parts=digest.parts,
                items=digest.shown,
                now=until,
            )
        if run.state != "pending":
            return SlotResult(chat_id, due_at, "already")
        taken = await self._take(chat_id, due_at)
        if taken is None:
            current = await self.queries.run(chat_id, due_at)
            busy = current is not None and current.state == "pending"
            return SlotResult(chat_id, due_at, "busy" if busy else "already")
        result: SlotResult | None = None
        try:
            result = await self._send_parts(subscription, taken, sender)
            return result
        finally:  # under the chat's new id when Telegram moved it
            await self.queries.release(result.chat_id if result else chat_id, due_at, self.owner)

    async def _take(self, chat_id: int, due_at: str) -> DigestRun | None:
        now = self.clock()
        return await self.queries.take(
            chat_id, due_at, owner=self.owner, now=iso(now), until=iso(now + LEASE)
        )

    async def _send_parts(
        self, subscription: Subscription, run: DigestRun, sender: Sender
    ) -> SlotResult:
        chat_id = moved_from = subscription.chat_id
        due_at = run.due_at

        def origin(current: int) -> int | None:
            return moved_from if current != moved_from else None

        sent = 0
        index = run.sent_parts
        while index < len(run.parts):
            if index > run.sent_parts and await self._take(chat_id, due_at) is None:
                return SlotResult(chat_id, due_at, "busy", sent, "lease lost", origin(chat_id))
            result = await sender.send(chat_id, run.parts[index])
            if result.status == "sent":
                index += 1
                sent += 1
                await self.queries.part_sent(chat_id, due_at, index)
                continue
            if result.status == "migrated" and result.new_chat_id is not None:
                now = iso(self.clock())
                if await self.queries.move_chat(chat_id, result.new_chat_id, now):
                    log.info("digest chat %s moved to %s", chat_id, result.new_chat_id)
                    chat_id = result.new_chat_id
                    continue
            error = result.error or result.status
            await self.queries.record_error(chat_id, due_at, error)
            if result.status in ("gone", "migrated"):
                now = iso(self.clock())
                await self.queries.pause(chat_id, error, now)
                await self.queries.mark_expired(chat_id, due_at, now, error)
                log.warning("digest paused for chat %s: %s", chat_id, error)
                return SlotResult(chat_id, due_at, "paused", sent, error, origin(chat_id))
            log.warning("digest for chat %s not delivered yet: %s", chat_id, error)
            return SlotResult(chat_id, due_at, "failed", sent, error, origin(chat_id))
        await self.queries.mark_sent(chat_id, due_at, iso(self.clock()))
        return SlotResult(chat_id, due_at, "sent", sent, None, origin(chat_id))

    async def report_paused(self, paused: Sequence[tuple[int, str]]) -> None:
        """Tell the admins, in one message, which chats' digests paused and why."""
        lines = []
        for chat_id, reason in paused:
            subscription = await self.queries.get(chat_id)
            title = subscription.chat_title if subscription and subscription.chat_title else ""
            label = f"{esc(title)} (<code>{chat_id}</code>)" if title else f"<code>{chat_id}</code>"
            lines.append(f"• {label}: {esc(reason)}")
        header = (
            f"⚠️ <b>Digest paused for {len(paused)} chat{'s' if len(paused) != 1 else ''}</b>\n"
            "The bot cannot post there. An admin of the chat can resume it with /subscribe "
            "once the bot may post again."
        )
        await self.notify_admins(self.sender, split_items(lines, header=header, separator="\n"))

    async def notify_admins(self, sender: Sender, parts: Sequence[str]) -> None:
        targets = [self.admin_chat_id] if self.admin_chat_id is not None else sorted(self.admins)
        if not targets:
            log.warning("no admin chat or admins configured to tell: %s", parts[:1])
        for target in targets:
            for part in parts:
                result = await sender.send(target, part)
                if result.status != "sent":
                    log.warning("could not tell admin chat %s: %s", target, result.error)
                    break
