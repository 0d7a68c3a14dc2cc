"""Telegram's overall 30 messages/s kept across replicas: N senders, each on its own
connection pool to one PostgreSQL database and sharing the deployment's send budget
(``bot.send_budget``), send M messages to distinct chats through one fake Bot API that
answers 429 past 30 in any second. Reports the time against the floor of M / 30 s (the
issue's 33.3 s for 1,000), 429 answers, instants lost and store round trips.

The senders share this process's event loop (the fake Bot API counts every message in one
place); each has its own pool, as replicas have. PostgreSQL is a throw-away server started
here unless ``--url`` names an empty database.

    python benchmarks/send_budget.py [--replicas 3] [--messages 1000] [--runs 3] [--url …]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telegram.ext import ApplicationBuilder

from bot.delivery import FloodLimits, Sender
from bot.flood_api import FloodBotApi
from bot.send_budget import SharedSendBudget
from storage.postgres import PgStore

TOKEN = "123456:" + "C" * 35


async def one_run(url: str, replicas: int, messages: int) -> tuple[float, int, int, int]:
    """Seconds from the first message to the last, 429 answers, lost instants, round trips."""
    api = FloodBotApi()
    limits = FloodLimits()
    stores = [await PgStore.open(url, pool_size=2) for _ in range(replicas)]
    apps = [ApplicationBuilder().token(TOKEN).request(api).build() for _ in stores]
    senders = [
        Sender(app.bot, limits, budget=SharedSendBudget(store.send_budget, limits))
        for app, store in zip(apps, stores, strict=True)
    ]
    try:
        for app in apps:
            await app.initialize()
        share = messages // replicas

        async def replica(index: int, sender: Sender) -> None:
            queue = list(range(1 + index * share, 1 + (index + 1) * share))

            async def worker() -> None:
                while queue:
                    chat = queue.pop()
                    result = await sender.send(chat, f"digest for {chat}")
                    assert result.status == "sent", result

            await asyncio.gather(*(worker() for _ in range(limits.workers)))

        await asyncio.gather(*(replica(i, s) for i, s in enumerate(senders)))
    finally:
        for app in apps:
            await app.shutdown()
        for store in stores:
            await store.close()
    times = sorted(t for _, _, t in api.delivered)
    assert len(times) == share * replicas
    budgets = [s.gate.budget for s in senders]
    lost = sum(b.lost for b in budgets if b is not None)
    trips = sum(b.reservations for b in budgets if b is not None)
    return times[-1] - times[0], api.flood_answers, lost, trips


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--url", help="an empty PostgreSQL database (default: start a server)")
    args = parser.parse_args()
    cluster = None
    url = args.url
    if url is None:
        from tests.pg_server import PgCluster, find_binaries

        binaries = find_binaries()
        assert binaries is not None, "no PostgreSQL binaries: pip install -e '.[dev]'"
        cluster = PgCluster(binaries)
        cluster.start()
        url = cluster.url()
    try:
        floor = args.messages / 30
        results = []
        for run in range(args.runs):
            seconds, floods, lost, trips = asyncio.run(one_run(url, args.replicas, args.messages))
            results.append(seconds)
            print(
                f"run {run + 1}: {seconds:.2f} s against the {floor:.1f} s floor "
                f"({100 * (seconds / floor - 1):+.1f}%), {floods} 429 answers, "
                f"{lost} instants lost, {trips} store round trips ({trips / seconds:.1f}/s)"
            )
        median = statistics.median(results)
        print(
            f"median of {args.runs}: {median:.2f} s for {args.messages} messages from "
            f"{args.replicas} replicas ({100 * (median / floor - 1):+.1f}% over the floor)"
        )
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
