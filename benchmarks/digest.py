"""Build and deliver the morning digest to 1,000 subscribed chats against a fake Bot API that
enforces Telegram's 30 messages/s (429 with retry_after past it), through the same start-up
catch-up path the bot uses. Reports the time against the limit (1,000 / 30 ≈ 33 s), duplicates,
losses and 429 answers.

    python benchmarks/digest.py [--chats 1000] [--articles 40] [--aiolimiter] [--spread]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the project's packages, not benchmarks/ingest.py

from telegram.ext import ApplicationBuilder  # noqa: E402

from bot.app import RATE_LIMIT_RETRIES, BotRateLimiter  # noqa: E402
from bot.delivery import FloodLimits  # noqa: E402
from bot.digest_scheduler import start_digests  # noqa: E402
from bot.flood_api import FloodBotApi  # noqa: E402
from handlers.deps import DEPS_KEY, Deps  # noqa: E402
from handlers.digest.times import iso  # noqa: E402
from ingest.model import Analysis, Person, Quote, Span  # noqa: E402
from storage import ArticleInput, Store  # noqa: E402

TOKEN = "123456:" + "B" * 35
DUE = datetime(2026, 3, 20, 7, 30, tzinfo=UTC)
ZONES = ("Europe/London", "Asia/Almaty", "UTC", "Europe/Berlin")


async def seed(store: Store, articles: int) -> None:
    for n in range(articles):
        speaker, role = (f"Speaker {n % 7}", "Minister" if n % 3 == 0 else None)
        text = f"Story {n}\n\nSomething happened in city {n}. {speaker} said it matters."
        quotes = tuple(
            Quote(
                f"Quote {k} of story {n}, long enough to be shown in the digest.",
                0,
                10,
                speaker,
                role,
                "said",
            )
            for k in range(n % 4)
        )
        analysis = Analysis(
            title=f"Story {n}: the council votes on item {n}",
            dateline=None,
            paragraphs=(Span(text, 0, len(text)),),
            sentences=(),
            summary=(f"Something happened in city {n}.",),
            quotes=quotes,
            reported=(),
            people=(Person(speaker, role, (), 1, len(quotes)),) if quotes else (),
            version=1,
        )
        one = (f"Something happened in city {n}; the council will vote again next week.",)
        await store.save(
            ArticleInput(f"bench-{n}", text, analysis.title),
            analysis,
            {"short": one, "default": one, "long": one},
        )


async def subscribe(store: Store, chats: int, clock_now: datetime, spread: bool) -> list[int]:
    queries = store.subscriptions
    ids = []
    for n in range(1, chats + 1):
        chat_id = -(1_000_000 + n) if n % 10 == 0 else n  # every tenth a group
        zone = ZONES[n % len(ZONES)]
        local = DUE.astimezone(ZoneInfo(zone)).strftime("%H:%M")
        await queries.subscribe(
            chat_id,
            chat_kind="supergroup" if chat_id < 0 else "private",
            chat_title=f"Desk {n}",
            time=local,
            timezone=zone,
            created_by=1,
            # spread: each chat's previous digest at a different moment (no shared query)
            watermark=iso(clock_now - timedelta(hours=24, seconds=n if spread else 0)),
            now=iso(clock_now - timedelta(hours=2)),
        )
        ids.append(chat_id)
    return ids


async def main(chats: int, articles: int, aiolimiter: bool, spread: bool) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        now = DUE + timedelta(minutes=1)
        store = await Store.open(Path(tmp) / "bench.db", clock=lambda: now - timedelta(hours=1))
        await seed(store, articles)
        ids = await subscribe(store, chats, now, spread)
        store.clock = lambda: now
        api = FloodBotApi(limit=30, window=1.0)
        builder = ApplicationBuilder().token(TOKEN).request(api).get_updates_request(api)
        if aiolimiter:  # as the production application is built
            builder = builder.rate_limiter(BotRateLimiter(max_retries=RATE_LIMIT_RETRIES))
        app = builder.build()
        app.bot_data[DEPS_KEY] = Deps(store=store, clock=lambda: now, digest_catchup_hours=12)
        async with app:
            started = time.perf_counter()
            await start_digests(app, limits=FloodLimits(), background=False)
            elapsed = time.perf_counter() - started
        await store.close()

    per_chat = Counter(chat for chat, _, _ in api.delivered)
    messages = len(api.delivered)
    duplicates = sum(1 for c in ids if per_chat[c] > 1)
    lost = sum(1 for c in ids if per_chat[c] == 0)
    empty = sum(1 for _, text, _ in api.delivered if "Nothing new" in text)
    limit = messages / 30
    print(f"chats: {chats}, articles: {articles}, messages sent: {messages}")
    print(
        f"build + deliver: {elapsed:.1f} s; Telegram limit for {messages} messages at 30/s: "
        f"{limit:.1f} s; ratio {elapsed / limit:.3f} ({(elapsed / limit - 1) * 100:+.1f}%)"
    )
    print(f"duplicates: {duplicates}, losses: {lost}, 429 answers: {api.flood_answers}")
    print(f"digests with articles: {messages - empty}, 'nothing new': {empty}")
    ok = duplicates == 0 and lost == 0 and empty == 0 and elapsed <= limit * 1.10
    print(
        "target (within 10% of the limit, zero duplicates, zero losses):",
        "met" if ok else "NOT met",
    )
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument(
        "--aiolimiter",
        action="store_true",
        help="also pass the bot's rate limiter (bot.app.BotRateLimiter), as the bot does",
    )
    parser.add_argument(
        "--spread",
        action="store_true",
        help="give every chat a different watermark, so no two digests share a query",
    )
    options = parser.parse_args()
    sys.exit(asyncio.run(main(options.chats, options.articles, options.aiolimiter, options.spread)))
