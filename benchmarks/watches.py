"""Watch alerts at scale: many chats watching people and words, a burst of new articles.

Builds a store of ``--old`` articles, ``--watches`` watches (half people, half words) in as many
chats, then stores ``--new`` articles and runs one check through the bot's own path
(scan → claim → send through the flood gate to a fake Bot API that enforces 30 messages/s).
Reports the scan-and-claim time, the alerts sent against the 30/s floor, and duplicates.

    python benchmarks/watches.py [--old 2000] [--new 100] [--watches 1000] [--scan-only]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from telegram.ext import ApplicationBuilder  # noqa: E402

from bot.delivery import Sender  # noqa: E402
from bot.flood_api import FloodBotApi  # noqa: E402
from bot.watch_alerts import WatchAlerts  # noqa: E402
from handlers.deps import Deps  # noqa: E402
from ingest.model import Analysis, Person, Quote, Span  # noqa: E402
from storage import ArticleInput, Store  # noqa: E402
from storage.names import name_key  # noqa: E402

TOKEN = "123456:" + "W" * 35
PEOPLE = 300
TOPICS = 60
NOW = "2026-03-20T08:00:00+00:00"


def person(n: int) -> str:
    return f"Alex{n} Morgan{n}"


async def store_article(store: Store, n: int) -> None:
    names = [person((n * 7 + k * 13) % PEOPLE) for k in range(3)]
    topic = f"topic{n % TOPICS}"
    text = (
        f"Story {n} about {topic}\n\n{names[0]} said the {topic} plan matters. "
        f"{names[1]} and {names[2]} disagreed about item {n}."
    )
    quotes = (Quote(f"the {topic} plan matters for story {n}", 0, 10, names[0], None, "said"),)
    analysis = Analysis(
        title=f"Story {n} about {topic}",
        dateline=None,
        paragraphs=(Span(text, 0, len(text)),),
        sentences=(),
        summary=(f"Story {n} about {topic}.",),
        quotes=quotes,
        reported=(),
        people=tuple(
            Person(name, None, (name.split()[-1],), 2, int(i == 0)) for i, name in enumerate(names)
        ),
        version=1,
    )
    variants = {"short": analysis.summary, "default": analysis.summary, "long": analysis.summary}
    await store.save(ArticleInput(f"a{n}", text), analysis, variants)


async def run(old: int, new: int, watches: int, scan_only: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = await Store.open(Path(folder) / "watches.db")
        for n in range(old):
            await store_article(store, n)
        for chat in range(1, watches + 1):
            if chat % 2:
                name = person(chat % PEOPLE)
                found = (await store.people.find(name))[0]
                kind, label, key, person_id = "person", name, name_key(name), found.id
            else:
                label = key = f"topic{chat % TOPICS} plan"
                kind, person_id = "words", None
            await store.watches.add(
                chat,
                kind=kind,
                label=label,
                match_key=key,
                person_id=person_id,
                created_by=chat,
                now=NOW,
            )
            await store.members.allow("user", chat, label=None, added_by=0, now=NOW)
        api = FloodBotApi()
        app = ApplicationBuilder().token(TOKEN).request(api).get_updates_request(api).build()
        async with app:
            alerts = WatchAlerts(Deps(store=store), Sender(app.bot))
            await alerts.check()  # the old articles: scanned, nothing to claim
            for n in range(old, old + new):
                await store_article(store, n)
            started = time.perf_counter()
            scan = await alerts.queries.scanned_up_to()
            report_claims = 0
            watches_now = await store.watches.active()
            matching = 0.0
            while keys := await store.watches.next_keys(scan, 500):
                begun = time.perf_counter()
                pairs = await store.watches.matches(watches_now, scan, keys[-1])
                matching += time.perf_counter() - begun
                report_claims += await store.watches.claim(pairs, NOW)
                await store.watches.mark_scanned(keys[-1])
                scan = keys[-1]
            scanned = time.perf_counter() - started
            if scan_only:
                print(f"{old} old + {new} new articles, {watches} watches in {watches} chats")
                print(
                    f"scan and claim: {scanned:.3f} s (matching {matching:.3f} s), "
                    f"{report_claims} alerts claimed"
                )
                await store.close()
                return
            started = time.perf_counter()
            report = await alerts.check()
            sending = time.perf_counter() - started
            again = await alerts.check()
        per_chat = Counter(chat for chat, _, _ in api.delivered)
        duplicates = len(api.delivered) - len(set((c, t) for c, t, _ in api.delivered))
        print(f"{old} old + {new} new articles, {watches} watches in {watches} chats")
        print(f"scan and claim: {scanned:.3f} s, {report_claims} alerts claimed")
        floor = report.sent / 30
        print(
            f"send: {report.sent} alerts in {sending:.1f} s (30/s floor {floor:.1f} s), "
            f"{api.flood_answers} answers 429, {report.failed} failed, {duplicates} duplicates, "
            f"busiest chat {max(per_chat.values(), default=0)} alerts"
        )
        print(f"second check: {again.sent} sent (expected 0)")
        await store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", type=int, default=2000)
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--watches", type=int, default=1000)
    parser.add_argument("--scan-only", action="store_true", help="stop before sending")
    args = parser.parse_args()
    asyncio.run(run(args.old, args.new, args.watches, args.scan_only))


if __name__ == "__main__":
    main()
