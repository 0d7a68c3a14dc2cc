"""The morning digest to 1,000 chats across 3 bot replicas: real ``newsroom-bot run
--webhook`` processes on one PostgreSQL store, against a fake Bot API that counts like Telegram
(30 messages in any second overall, one a second per chat, 20 a minute per group; 429 with
``retry_after`` past any of them). The chats' slot falls due just before the replicas start,
so their start-up catch-up delivers it, each replica taking the slots it can claim.

Reports, per run and as the median of ``--runs``: the fan-out's time (first digest message
accepted to the last) against the floor of 30 messages/s (messages / 30 s; target within
10%), the time from launching the processes, duplicates (a part accepted more than once),
losses (a chat without its digest), the 429 answers, and how the messages split between the
replicas. With ``--kill-after N`` one replica is killed (SIGKILL) once N digest messages were
accepted; its slots are finished by the others when its lease runs out.

    python benchmarks/replicas.py [--chats 1000] [--replicas 3] [--runs 3] [--kill-after N]
                                  [--url postgresql://…]

PostgreSQL is a throw-away server started here (the test suite's) unless ``--url`` names a
server where a database may be created for each run.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402

from storage.postgres import PgStore  # noqa: E402
from tests.replica_kit import SEED, Deployment, digest_chats, seed_store, until  # noqa: E402

CORPUS = sorted((ROOT / "tests" / "corpus" / "articles").glob("*.txt"))[:7]
TELEGRAM_RATE = 30.0


@dataclass(frozen=True, slots=True)
class RunResult:
    messages: int
    fan_out: float  # first digest message accepted → last
    from_launch: float  # processes launched → last digest message
    duplicates: int
    losses: int
    pending: int
    floods: int
    by_replica: dict[str, int]

    @property
    def floor(self) -> float:
        return self.messages / TELEGRAM_RATE


def database_url(server: str, name: str) -> str:
    parts = urlsplit(server)
    return urlunsplit(parts._replace(path=f"/{name}"))


async def create_database(server: str, name: str) -> str:
    admin = await asyncpg.connect(server)
    try:
        await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        await admin.execute(f"CREATE DATABASE {name}")
    finally:
        await admin.close()
    url = database_url(server, name)
    store = await PgStore.open(url, pool_size=1)  # migrate before the replicas start
    await store.close()
    return url


async def drop_database(server: str, name: str) -> None:
    admin = await asyncpg.connect(server)
    try:
        await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        await admin.close()


async def one_run(
    server: str, number: int, chats: int, replicas: int, kill_after: int | None
) -> RunResult:
    name = f"bench_replicas_{number}"
    url = await create_database(server, name)
    try:
        ids = digest_chats(chats)
        await seed_store(url, chats=ids, now=datetime.now(UTC), articles=[SEED, *CORPUS])
        with tempfile.TemporaryDirectory(prefix="bench-replicas-") as folder:
            deployment = Deployment(url, Path(folder), count=replicas)
            subscribed = set(ids)

            def digest_messages() -> int:
                return sum(1 for a in deployment.api.accepted if a.chat_id in subscribed)

            def served() -> int:
                return len({a.chat_id for a in deployment.api.accepted if a.chat_id in subscribed})

            try:
                await deployment.start()
                if kill_after is not None:
                    await until(lambda: digest_messages() >= kill_after, 300)
                    deployment.replicas[-1].kill()
                await until(lambda: served() == chats, 600, step=0.1)
                await asyncio.sleep(2.0)  # a duplicate would come now
            except BaseException:
                print(deployment.logs(), file=sys.stderr)
                raise
            finally:
                await deployment.stop()
        store = await PgStore.open(url, pool_size=2)
        try:
            pending = len(await store.subscriptions.pending())
        finally:
            await store.close()
    finally:
        await drop_database(server, name)
    digests = [a for a in deployment.api.accepted if a.chat_id in subscribed]
    copies = Counter((a.chat_id, a.text) for a in digests)
    first, last = min(a.at for a in digests), max(a.at for a in digests)
    return RunResult(
        messages=len(copies),
        fan_out=last - first,
        from_launch=last - deployment.launched_at,
        duplicates=sum(n - 1 for n in copies.values()),
        losses=len(subscribed - {a.chat_id for a in digests}),
        pending=pending,
        floods=sum(deployment.api.floods.values()),
        by_replica=dict(sorted(Counter(a.replica for a in digests).items())),
    )


def report(number: int, result: RunResult) -> None:
    ratio = result.fan_out / result.floor
    print(
        f"run {number}: {result.messages} digest messages in {result.fan_out:.1f} s "
        f"(floor {result.floor:.1f} s at 30/s: {(ratio - 1) * 100:+.1f}%), "
        f"{result.from_launch:.1f} s from launch; duplicates {result.duplicates}, "
        f"losses {result.losses}, pending {result.pending}, 429 answers {result.floods}; "
        f"by replica {result.by_replica}",
        flush=True,
    )


async def main(options: argparse.Namespace) -> int:
    cluster = None
    server = options.url
    if server is None:
        from tests.pg_server import PgCluster, find_binaries

        binaries = find_binaries()
        if binaries is None:
            print("no PostgreSQL binaries: install the dev dependencies or pass --url")
            return 2
        cluster = PgCluster(binaries)
        cluster.start()
        server = cluster.url()
    try:
        results = []
        for number in range(1, options.runs + 1):
            result = await one_run(
                server, number, options.chats, options.replicas, options.kill_after
            )
            report(number, result)
            results.append(result)
    finally:
        if cluster is not None:
            cluster.stop()
    fan_out = statistics.median(r.fan_out for r in results)
    floor = statistics.median(r.floor for r in results)
    launch = statistics.median(r.from_launch for r in results)
    floods = statistics.median(r.floods for r in results)
    duplicates = sum(r.duplicates for r in results)
    losses = sum(r.losses + r.pending for r in results)
    print(
        f"median of {len(results)}: fan-out {fan_out:.1f} s against the floor of {floor:.1f} s "
        f"({(fan_out / floor - 1) * 100:+.1f}%), {launch:.1f} s from launch, "
        f"429 answers {floods:.0f}; duplicates {duplicates}, losses {losses} over all runs"
    )
    ok = duplicates == 0 and losses == 0 and fan_out <= floor * 1.10
    print("target (within 10% of the floor, no duplicate, no loss):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=1000)
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kill-after", type=int, default=None, metavar="N")
    parser.add_argument("--url", default=None, help="a PostgreSQL server (any database on it)")
    sys.exit(asyncio.run(main(parser.parse_args())))
