"""Watch alerts: scan newly stored articles, claim each match, send it once.

Whatever stored the article (a feed, chat, ``newsroom-bot ingest`` in another process), a check
finds it: articles are scanned in key order from the watermark in ``watch_scan``. A check

1. matches the articles after the watermark against the active watches and *claims* each
   ``(watch, article)`` as a pending ``watch_alerts`` row (a pair already recorded is left as
   it is), then moves the watermark;
2. sends the pending alerts, one message per chat and article (a chat watching both a person
   and words of one article hears of it once), through the flood-safe sender the digest uses,
   and marks them sent.

So an alert goes out at most once per watch and article, across restarts, re-scans and
re-ingestion; a crash between Telegram accepting an alert and it being marked sent (a moment)
sends it again after the restart, as with the digest. A chat that blocked or removed the bot has
its watches paused and the admins told once; a failure that may pass is retried at the next
check for a day. Checks run every ``interval`` seconds (a named repeating job created at
start-up) and within a second after the bot itself stored an article (:func:`check_watches_soon`).
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from telegram.ext import Application, CallbackContext

from bot.delivery import FloodLimits, Sender
from bot.intake import BotIntake
from bot.send_budget import deployment_budget
from handlers.deps import DEPS_KEY, Deps
from handlers.digest import SCHEDULER_KEY
from handlers.digest.times import iso, parse_iso
from handlers.text import esc, split_items
from handlers.watch_card import alert_markup, alert_text
from handlers.watches import WATCH_ALERTS_KEY
from storage import ArticleRow, ArticleStore, QuoteRow
from storage.watches import PendingAlert, Watch

log = logging.getLogger(__name__)

CHECK_JOB = "watch-alerts"
SOON_JOB = "watch-alerts-soon"
CHECK_INTERVAL = 30.0
SOON_DELAY = 0.5
SCAN_BATCH = 500
ARTICLES_PER_ROUND = 100
GIVE_UP_AFTER = timedelta(days=1)
_JOB_KWARGS = {"misfire_grace_time": None, "coalesce": True}


@dataclass(slots=True)
class CheckReport:
    scanned: int = 0
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    paused_chats: list[int] = field(default_factory=list)


class ArticleCache:
    """An article and its quotes, read once for every chat alerted about it in one round."""

    def __init__(self, store: ArticleStore) -> None:
        self.store = store
        self._found: dict[int, tuple[ArticleRow | None, list[QuoteRow]]] = {}

    async def get(self, key: int) -> tuple[ArticleRow | None, list[QuoteRow]]:
        if key not in self._found:
            article = await self.store.articles.get(key)
            quotes = await self.store.quotes.by_article(key, limit=200) if article else []
            self._found[key] = (article, quotes)
        return self._found[key]


class WatchAlerts:
    """Owns the watch checks of one application; handlers reach it through ``bot_data``."""

    def __init__(self, deps: Deps, sender: Sender) -> None:
        self.deps = deps
        self.store = deps.store
        self.queries = deps.store.watches
        self.sender = sender
        self._lock = asyncio.Lock()

    def now(self) -> datetime:
        return self.deps.clock()

    async def check(self) -> CheckReport:
        """Scan what was stored since the last check, then send every pending alert."""
        report = CheckReport()
        async with self._lock:
            await self._scan(report)
            # One process of the deployment sends the pending alerts at a time; the others
            # leave them to it (what they claimed meanwhile goes at the next check).
            async with self.queries.sending() as mine:
                if mine:
                    await self._send_pending(report)
        return report

    async def _scan(self, report: CheckReport) -> None:
        low = await self.queries.scanned_up_to()
        while keys := await self.queries.next_keys(low, SCAN_BATCH):
            high = keys[-1]
            # Watches are read after the keys: one made before that is matched, one made
            # after starts above ``high`` (its ``after_key`` is the newest key then).
            watches = await self.queries.active()
            if watches:
                pairs = await self.queries.matches(watches, low, high)
                if pairs:
                    report.claimed += await self.queries.claim(pairs, iso(self.now()))
            await self.queries.mark_scanned(high)
            report.scanned += len(keys)
            low = high

    async def _send_pending(self, report: CheckReport) -> None:
        """Pending alerts, a round of ``ARTICLES_PER_ROUND`` articles at a time (oldest
        first, so each chat hears of its articles in order), chats served by a pool of
        workers that share the flood gate."""
        after = 0
        while keys := await self.queries.pending_articles(after, ARTICLES_PER_ROUND):
            after = keys[-1]
            by_chat: dict[int, dict[int, list[PendingAlert]]] = {}
            for alert in await self.queries.pending(keys):
                by_chat.setdefault(alert.watch.chat_id, {}).setdefault(alert.article_key, [])
                by_chat[alert.watch.chat_id][alert.article_key].append(alert)
            chats = deque(by_chat.items())
            cache = ArticleCache(self.store)
            workers = min(self.sender.limits.workers, len(chats))
            await asyncio.gather(*(self._worker(chats, cache, report) for _ in range(workers)))
        if report.paused_chats:
            await self._tell_admins(report.paused_chats)

    async def _worker(
        self,
        chats: deque[tuple[int, dict[int, list[PendingAlert]]]],
        cache: ArticleCache,
        report: CheckReport,
    ) -> None:
        while chats:
            chat_id, alerts = chats.popleft()
            await self._send_chat(chat_id, alerts, cache, report)

    async def _send_chat(
        self,
        chat_id: int,
        articles: dict[int, list[PendingAlert]],
        cache: ArticleCache,
        report: CheckReport,
    ) -> None:
        """One chat's alerts in article order; a chat that is gone stops at once."""
        try:
            allowed = await self._may_receive(
                chat_id, [a.watch for g in articles.values() for a in g]
            )
            for article_key, alerts in articles.items():
                watch_ids = [a.watch.id for a in alerts]
                if not allowed:
                    now = iso(self.now())
                    await self.queries.finish(article_key, watch_ids, "expired", now, "not allowed")
                    continue
                status = await self._send_one(chat_id, article_key, alerts, cache)
                if status == "sent":
                    report.sent += 1
                elif status == "gone":
                    report.paused_chats.append(chat_id)
                    return
                else:
                    report.failed += 1
        except Exception:  # one chat's surprise must not stop the others
            log.exception("watch alerts for chat %s failed", chat_id)
            report.failed += 1

    async def _send_one(
        self, chat_id: int, article_key: int, alerts: list[PendingAlert], cache: ArticleCache
    ) -> str:
        watch_ids = [a.watch.id for a in alerts]
        article, quotes = await cache.get(article_key)
        if article is None:
            now = iso(self.now())
            await self.queries.finish(article_key, watch_ids, "expired", now, "article gone")
            return "failed"
        watches = [a.watch for a in alerts]
        speakers: set[int] = set()
        for watch in watches:
            if watch.kind == "person":
                speakers |= await self.queries.people_matched(watch, article_key)
        text = alert_text(article, watches, quotes, speakers)
        result = await self.sender.send(chat_id, text, alert_markup(article))
        if result.status == "migrated" and result.new_chat_id is not None:
            await self.queries.move_chat(chat_id, result.new_chat_id, iso(self.now()))
            chat_id = result.new_chat_id
            result = await self.sender.send(chat_id, text, alert_markup(article))
        if result.status == "sent":
            await self.queries.finish(article_key, watch_ids, "sent", iso(self.now()))
            return "sent"
        error = result.error or result.status
        if result.status == "gone":
            await self.queries.pause_chat(chat_id, error, iso(self.now()))
            log.warning("watch alerts paused for chat %s: %s", chat_id, error)
            return "gone"
        await self.queries.record_error(article_key, watch_ids, error)
        oldest = min(parse_iso(a.claimed_at) for a in alerts)
        if self.now() - oldest > GIVE_UP_AFTER:
            await self.queries.finish(article_key, watch_ids, "expired", iso(self.now()), error)
        log.warning("watch alert to chat %s not delivered yet: %s", chat_id, error)
        return "failed"

    async def _may_receive(self, chat_id: int, watches: Sequence[Watch]) -> bool:
        """A private chat gets alerts while its user may use the bot; a group while it, or
        one who set up its watches, may."""
        members = self.store.members
        if chat_id in self.deps.admins:
            return True
        if chat_id > 0:
            return await members.contains("user", chat_id)
        if await members.contains("chat", chat_id):
            return True
        for creator in {w.created_by for w in watches if w.created_by is not None}:
            if creator in self.deps.admins or await members.contains("user", creator):
                return True
        return False

    async def chat_lost(self, chat_id: int, reason: str) -> bool:
        """The bot may no longer post in the chat: pause its watches and tell the admins.
        ``False`` when it had no active watch."""
        if not await self.queries.pause_chat(chat_id, reason, iso(self.now())):
            return False
        log.warning("watch alerts paused for chat %s: %s", chat_id, reason)
        await self._tell_admins([chat_id], reason)
        return True

    async def _tell_admins(self, chat_ids: Sequence[int], reason: str | None = None) -> None:
        lines = []
        for chat_id in chat_ids:
            watches = await self.queries.of_chat(chat_id)
            why = reason or next((w.paused_reason for w in watches if w.paused_reason), "")
            lines.append(f"• <code>{chat_id}</code>: {esc(why or 'unreachable')}")
        header = (
            f"⚠️ <b>Watch alerts paused for {len(chat_ids)} "
            f"chat{'s' if len(chat_ids) != 1 else ''}</b>\n"
            "The bot cannot post there. A /watch in that chat resumes its watches."
        )
        targets = (
            [self.deps.admin_chat_id]
            if self.deps.admin_chat_id is not None
            else sorted(self.deps.admins)
        )
        for target in targets:
            for part in split_items(lines, header=header, separator="\n"):
                result = await self.sender.send(target, part)
                if result.status != "sent":
                    log.warning("could not tell admin chat %s: %s", target, result.error)
                    break

    async def job(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        try:
            report = await self.check()
        except Exception:
            log.exception("watch check failed")
            return
        if report.claimed or report.failed:
            log.info(
                "watch check: %d scanned, %d claimed, %d sent, %d failed",
                report.scanned,
                report.claimed,
                report.sent,
                report.failed,
            )


def check_watches_soon(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Run a watch check within a second (after the bot stored an article). A check already
    waiting to run covers this one too."""
    alerts = app.bot_data.get(WATCH_ALERTS_KEY)
    job_queue = app.job_queue
    if not isinstance(alerts, WatchAlerts) or job_queue is None:
        return
    if job_queue.get_jobs_by_name(SOON_JOB):
        return
    job_queue.run_once(alerts.job, when=SOON_DELAY, name=SOON_JOB, job_kwargs=_JOB_KWARGS)


async def start_watches(
    app: Application[Any, Any, Any, Any, Any, Any],
    *,
    sender: Sender | None = None,
    interval: float = CHECK_INTERVAL,
) -> WatchAlerts:
    """Call from ``post_init`` after :func:`~bot.digest_scheduler.start_digests`: alerts share
    the digest's sender (one flood gate for the process, and the deployment's budget on a
    shared store). Creates the repeating check (the first within a second, for what was
    stored while the bot was down) and hooks the intake."""
    deps = app.bot_data[DEPS_KEY]
    assert isinstance(deps, Deps)
    if sender is None:
        scheduler = app.bot_data.get(SCHEDULER_KEY)
        delivery = getattr(scheduler, "delivery", None)
        sender = getattr(delivery, "sender", None)
    if sender is None:
        limits = FloodLimits()
        sender = Sender(app.bot, limits, budget=deployment_budget(deps.store, limits))
    alerts = WatchAlerts(deps, sender)
    app.bot_data[WATCH_ALERTS_KEY] = alerts
    if app.job_queue is None:
        raise RuntimeError("watch alerts need the JobQueue: install python-telegram-bot[job-queue]")
    for job in app.job_queue.get_jobs_by_name(CHECK_JOB):
        job.schedule_removal()
    app.job_queue.run_repeating(
        alerts.job, interval=interval, first=SOON_DELAY, name=CHECK_JOB, job_kwargs=_JOB_KWARGS
    )
    if isinstance(deps.intake, BotIntake):
        deps.intake.on_stored(lambda: check_watches_soon(app))
    return alerts
