"""Feed polling on PTB's JobQueue: one repeating tick that polls the feeds that are due.

The due time of every feed is in the store (``feeds.next_poll_at``), so a restart simply
carries on: the first tick after start-up polls whatever fell due while the bot was down. A
feed added with ``/addfeed`` is polled at once by a one-off job named after it.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import Application, CallbackContext, JobQueue

from bot.analysis_pool import AnalysisPool
from bot.feed_poller import FeedPoller
from bot.fetcher import Fetcher
from bot.intake import BotIntake
from handlers.deps import DEPS_KEY, Deps
from handlers.digest import SCHEDULER_KEY
from handlers.feeds import FEEDS_KEY

log = logging.getLogger(__name__)

TICK_JOB = "feeds:tick"
POLL_PREFIX = "feeds:poll:"
TICK_SECONDS = 30.0
_JOB_KWARGS = {"misfire_grace_time": None, "coalesce": True, "max_instances": 1}


class FeedJobs:
    """What ``/addfeed`` reaches through ``bot_data["feeds"]``: poll a feed soon."""

    def __init__(self, job_queue: JobQueue[Any], poller: FeedPoller) -> None:
        self.job_queue = job_queue
        self.poller = poller

    def start(self, tick_seconds: float = TICK_SECONDS) -> None:
        self.job_queue.run_repeating(
            self._tick, interval=tick_seconds, first=1.0, name=TICK_JOB, job_kwargs=_JOB_KWARGS
        )

    def poll_soon(self, feed_id: int) -> None:
        self.job_queue.run_once(
            self._poll_one, when=0, data=feed_id, name=f"{POLL_PREFIX}{feed_id}"
        )

    async def _tick(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        report = await self.poller.poll_due()
        if report.results:
            log.info(
                "polled %d feed(s): %d new article(s), %d failed",
                len(report.results),
                report.total("stored"),
                report.failed,
            )

    async def _poll_one(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        assert context.job is not None
        await self.poller.poll_due(feed_id=int(context.job.data))  # type: ignore[arg-type]


def admin_notifier(app: Application[Any, Any, Any, Any, Any, Any]):  # type: ignore[no-untyped-def]
    """Tell the admins through the digest's flood-safe sender (one gate for the process)."""

    async def notify(text: str) -> None:
        scheduler = app.bot_data.get(SCHEDULER_KEY)
        if scheduler is None:
            log.warning("no scheduler to tell the admins: %s", text)
            return
        await scheduler.delivery.notify_admins(scheduler.delivery.sender, [text])

    return notify


def start_feeds(
    app: Application[Any, Any, Any, Any, Any, Any],
    fetcher: Fetcher,
    pool: AnalysisPool,
    intake: BotIntake,
    *,
    tick_seconds: float = TICK_SECONDS,
) -> FeedJobs:
    """Call from ``post_init`` after the digests: creates the poller and its repeating tick."""
    if app.job_queue is None:
        raise RuntimeError("feeds need the JobQueue: install python-telegram-bot[job-queue]")
    deps = app.bot_data[DEPS_KEY]
    assert isinstance(deps, Deps)
    poller = FeedPoller(
        deps.store, fetcher, intake, pool, clock=deps.clock, notify=admin_notifier(app)
    )
    jobs = FeedJobs(app.job_queue, poller)
    app.bot_data[FEEDS_KEY] = jobs
    jobs.start(tick_seconds)
    return jobs
