"""Digest jobs on PTB's JobQueue: one named job per subscription, re-created from the store.

Each active subscription has one ``run_once`` job named ``digest:<chat_id>`` at its next due
instant, computed by :func:`handlers.digest.times.next_due` (zoneinfo, UTC). When it runs it
delivers that slot and schedules the next one. ``run_once`` rescheduled after each run (rather
than ``run_daily``) keeps one due-time computation for jobs, catch-up and tests, and makes a
settings change a plain replacement of the named job. Jobs are created with
``misfire_grace_time=None`` and ``coalesce=True``: APScheduler never drops a late job; the
delivery path itself decides, against the catch-up window, whether a late slot is still sent.

At start-up :func:`start_digests` re-creates every job and catches up: pending runs (claimed,
not marked sent) are resumed and the latest slot of each subscription that fell due within the
catch-up window without a record is delivered once.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from apscheduler.jobstores.base import JobLookupError
from telegram.ext import Application, CallbackContext, JobQueue

from bot.delivery import FloodLimits
from bot.digest_delivery import LEASE, DigestDelivery, FanoutReport, SlotResult
from bot.send_budget import deployment_budget
from handlers.deps import DEPS_KEY, Deps
from handlers.digest import SCHEDULER_KEY
from handlers.digest.times import Schedule, iso, latest_due, next_due, parse_iso
from handlers.text import esc
from storage.subscriptions import Subscription

log = logging.getLogger(__name__)

JOB_PREFIX = "digest:"
RETRY_PREFIX = "digest-retry:"
CATCH_UP_JOB = "digest-catch-up"
_JOB_KWARGS = {"misfire_grace_time": None, "coalesce": True}
# A slot another process was sending is looked at again when its lease would have run out:
# sent by then, nothing happens; its owner died, this process finishes it.
BUSY_RETRY = LEASE + timedelta(seconds=5)


def job_name(chat_id: int) -> str:
    return f"{JOB_PREFIX}{chat_id}"


def schedule_of(subscription: Subscription) -> Schedule:
    return Schedule(subscription.time, subscription.timezone, subscription.days)


class DigestScheduler:
    """Owns the digest jobs of one application; handlers reach it through ``bot_data``."""

    def __init__(
        self,
        app: Application,  # type: ignore[type-arg]
        deps: Deps,
        *,
        limits: FloodLimits | None = None,
        retry_delay: timedelta = timedelta(minutes=5),
    ) -> None:
        if app.job_queue is None:
            raise RuntimeError("digests need the JobQueue: install python-telegram-bot[job-queue]")
        self.app = app
        self.job_queue: JobQueue = app.job_queue  # type: ignore[type-arg]
        self.deps = deps
        self.queries = deps.store.subscriptions
        self.retry_delay = retry_delay
        limits = limits or FloodLimits()
        self.delivery = DigestDelivery(
            app.bot,
            self.queries,
            clock=deps.clock,
            limits=limits,
            admins=deps.admins,
            admin_chat_id=deps.admin_chat_id,
            budget=deployment_budget(deps.store, limits),
        )

    @property
    def window(self) -> timedelta:
        return timedelta(hours=self.deps.digest_catchup_hours)

    def now(self) -> datetime:
        return self.deps.clock()

    # Jobs -------------------------------------------------------------------------------
    def _remove(self, name: str) -> None:
        for job in self.job_queue.get_jobs_by_name(name):
            with contextlib.suppress(JobLookupError):  # it may have just run
                job.schedule_removal()

    def unschedule(self, chat_id: int) -> None:
        self._remove(job_name(chat_id))
        self._remove(f"{RETRY_PREFIX}{chat_id}")

    def schedule(self, subscription: Subscription, after: datetime | None = None) -> datetime:
        """(Re)create the chat's job at its next due instant after ``after`` (default now)."""
        due = next_due(schedule_of(subscription), after or self.now())
        self._remove(job_name(subscription.chat_id))
        self.job_queue.run_once(
            self._slot_job,
            when=due,
            data=(subscription.chat_id, iso(due)),
            name=job_name(subscription.chat_id),
            chat_id=subscription.chat_id,
            job_kwargs=_JOB_KWARGS,
        )
        return due

    async def refresh(self, chat_id: int) -> datetime | None:
        """Make the chat's job match the store; its next due instant, or ``None`` if none."""
        subscription = await self.queries.get(chat_id)
        if subscription is None or not subscription.active:
            self.unschedule(chat_id)
            return None
        return self.schedule(subscription)

    async def chat_lost(self, chat_id: int, reason: str) -> bool:
        """The bot may no longer post in the chat: pause its digest, drop its jobs, tell the
        admins. ``False`` when it had no active subscription."""
        if not await self.queries.pause(chat_id, reason, iso(self.now())):
            return False
        self.unschedule(chat_id)
        log.warning("digest paused for chat %s: %s", chat_id, reason)
        await self.delivery.report_paused([(chat_id, reason)])
        return True

    async def schedule_all(self) -> int:
        active = await self.queries.active()
        for subscription in active:
            self.schedule(subscription)
        return len(active)

    async def _slot_job(self, context: CallbackContext) -> None:  # type: ignore[type-arg]
        assert context.job is not None
        chat_id, due_at = context.job.data  # type: ignore[misc]
        await self.run_slot(int(chat_id), parse_iso(str(due_at)))

    async def _retry_job(self, context: CallbackContext) -> None:  # type: ignore[type-arg]
        assert context.job is not None
        chat_id, due_at = context.job.data  # type: ignore[misc]
        subscription = await self.queries.get(int(chat_id))
        if subscription is not None and subscription.active:
            await self.deliver([(subscription, parse_iso(str(due_at)))])

    async def _catch_up_job(self, context: CallbackContext) -> None:  # type: ignore[type-arg]
        await self.catch_up()

    # Delivery ---------------------------------------------------------------------------
    async def run_slot(self, chat_id: int, due: datetime) -> FanoutReport | None:
        """What a chat's job does at its due instant: deliver, then schedule the next slot."""
        subscription = await self.queries.get(chat_id)
        if subscription is None or not subscription.active:
            self.unschedule(chat_id)
            return None
        try:
            if self.now() - due > self.window:
                log.warning("digest slot %s for chat %s is past the catch-up window", due, chat_id)
                return None
            return await self.deliver([(subscription, due)])
        finally:
            current = await self.queries.get(chat_id)
            if current is not None and current.active:
                self.schedule(current, after=max(due, self.now()))

    async def deliver(self, slots: Sequence[tuple[Subscription, datetime]]) -> FanoutReport:
        """Deliver slots (the one path for jobs, retries and catch-up) and follow up on each
        as soon as it is done: moved chats get their job under the new id, paused chats lose
        theirs, failures retry, and a slot another process holds is looked at again when
        its lease ends (counted from when it was found busy, not from the fan-out's end)."""
        return await self.delivery.deliver(slots, on_result=self._follow_up)

    async def _follow_up(self, result: SlotResult) -> None:
        now = self.now()
        if result.moved_from is not None:
            self.unschedule(result.moved_from)
            await self.refresh(result.chat_id)
        if result.status == "paused":
            self.unschedule(result.chat_id)
        elif result.status == "failed":
            await self._retry_or_expire(result.chat_id, parse_iso(result.due_at), now)
        elif result.status == "busy":
            await self._retry_or_expire(result.chat_id, parse_iso(result.due_at), now, BUSY_RETRY)

    async def _retry_or_expire(
        self, chat_id: int, due: datetime, now: datetime, delay: timedelta | None = None
    ) -> None:
        delay = self.retry_delay if delay is None else delay
        if now + delay - due <= self.window:
            name = f"{RETRY_PREFIX}{chat_id}"
            self._remove(name)
            self.job_queue.run_once(
                self._retry_job,
                when=delay,
                data=(chat_id, iso(due)),
                name=name,
                chat_id=chat_id,
                job_kwargs=_JOB_KWARGS,
            )
            return
        if await self.queries.mark_expired(chat_id, iso(due), iso(now), "catch-up window passed"):
            await self._tell_admins(
                f"⚠️ The digest due {esc(iso(due)[:16])} UTC for chat <code>{chat_id}</code> "
                "could not be delivered within the catch-up window. Its articles will be in the "
                "chat's next digest."
            )

    async def _tell_admins(self, text: str) -> None:
        await self.delivery.notify_admins(self.delivery.sender, [text])

    async def catch_up(self) -> FanoutReport:
        """Deliver, once, what fell due while the bot was down (within the window)."""
        now = self.now()
        slots: dict[int, tuple[Subscription, datetime]] = {}
        for run in await self.queries.pending():
            due = parse_iso(run.due_at)
            subscription = await self.queries.get(run.chat_id)
            if subscription is not None and subscription.active and now - due <= self.window:
                slots[run.chat_id] = (subscription, due)  # the latest pending slot wins
            else:
                await self.queries.mark_expired(
                    run.chat_id, run.due_at, iso(now), "catch-up window passed"
                )
        for subscription in await self.queries.active():
            due = latest_due(schedule_of(subscription), now)
            if now - due > self.window or due < parse_iso(subscription.updated_at):
                continue
            if subscription.chat_id in slots and slots[subscription.chat_id][1] >= due:
                continue
            if await self.queries.run(subscription.chat_id, iso(due)) is not None:
                continue
            slots[subscription.chat_id] = (subscription, due)
        if not slots:
            return FanoutReport()
        log.info("catching up %d digest(s) that fell due while the bot was down", len(slots))
        return await self.deliver(list(slots.values()))


async def start_digests(
    app: Application,  # type: ignore[type-arg]
    *,
    limits: FloodLimits | None = None,
    background: bool = True,
) -> DigestScheduler:
    """Call from ``post_init`` once the store is open and ``bot_data["deps"]`` is set.

    Re-creates every subscription's job and catches up on digests that fell due while the bot
    was down. With ``background`` (the default) the catch-up runs as a job as soon as the
    application starts, so a large fan-out does not delay start-up; without, it is awaited.
    """
    deps = app.bot_data[DEPS_KEY]
    assert isinstance(deps, Deps)
    scheduler = DigestScheduler(app, deps, limits=limits)
    app.bot_data[SCHEDULER_KEY] = scheduler
    jobs = await scheduler.schedule_all()
    log.info("scheduled %d digest job(s)", jobs)
    if background:
        scheduler.job_queue.run_once(
            scheduler._catch_up_job, when=0, name=CATCH_UP_JOB, job_kwargs=_JOB_KWARGS
        )
    else:
        await scheduler.catch_up()
    return scheduler
