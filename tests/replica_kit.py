"""Real bot replicas for the multi-replica end-to-end test and benchmark.

Several ``newsroom-bot run --webhook`` processes share one PostgreSQL store and one fake Bot
API served over HTTP on 127.0.0.1 (:class:`TelegramLikeApi`). The fake counts as strictly as
Telegram: more than 30 messages in any second overall, more than one a second to one chat, or
20 a minute to one group are answered 429 with ``retry_after``. Each replica talks to it under
a path of its own (``/r2/bot<token>/sendMessage``), so every accepted message is known with the
replica that sent it and the moment it was accepted. Updates reach a replica as Telegram posts
them: JSON to its webhook port, with the secret token header.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any

import httpx

from bot.flood_api import FloodBotApi
from bot.memory_api import plain_text
from bot.runner import webhook_secret
from handlers.digest.times import iso
from ingest import analyze
from ingest.model import ArticleInput
from ingest.pipeline import summary_variants
from storage.postgres import PgStore
from tests.http_bot_api import HttpBotApi

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_0f55b7b5fa43bf67.txt"
TOKEN = "123456:" + "R" * 35
ADMIN_ID = 1001
PUBLIC_URL = "https://news.example.org/telegram/hook"
HOOK_PATH = "/telegram/hook"
REPLICA_KEY = "_replica"  # the fake's own parameter: which replica made the call
_PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy")
_PROXY_VARIABLES += ("all_proxy",)


@dataclass(frozen=True, slots=True)
class Accepted:
    """A message the fake Bot API accepted: to whom, what, when (monotonic), from which replica."""

    chat_id: int
    text: str  # as sent: HTML
    at: float
    replica: str

    @property
    def shown(self) -> str:
        """What a Telegram client shows (tags gone, entities read)."""
        return plain_text(self.text)


class TelegramLikeApi(FloodBotApi):
    """Telegram's limits (30/s overall, 1/s per chat, 20/min per group); every accepted
    message recorded with its replica."""

    def __init__(self) -> None:
        super().__init__(limit=30, window=1.0, group_limit=20, group_window=60.0, chat_limit=1)
        self.accepted: list[Accepted] = []
        self.floods: Counter[str] = Counter()  # 429 answers by replica

    async def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        replica = str(params.pop(REPLICA_KEY, ""))
        message = await super()._m_sendMessage(params)
        chat_id, text, at = self.delivered[-1]
        self.accepted.append(Accepted(chat_id, text, at, replica))
        return message

    def to_chat(self, chat_id: int) -> list[Accepted]:
        return [a for a in self.accepted if a.chat_id == chat_id]


class ReplicaApiServer(HttpBotApi):
    """The fake served over HTTP; the first path segment names the calling replica."""

    def __init__(self, api: TelegramLikeApi) -> None:
        super().__init__(api)
        self.fake = api

    def base_url(self, root: str, replica: str) -> str:
        return f"{root.removesuffix('/bot')}/{replica}/bot"

    async def dispatch(self, target: str, method: str, params: dict[str, Any]) -> tuple[int, bytes]:
        replica = target.lstrip("/").split("/", 1)[0]
        if method == "sendMessage":
            params[REPLICA_KEY] = replica
        status, body = await self.api.handle(method, params)
        if status == 429:
            self.fake.floods[replica] += 1
        return status, body


def newsroom_bot_command() -> list[str]:
    script = Path(sys.executable).with_name("newsroom-bot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]


def clean_environment(**settings: str) -> dict[str, str]:
    """This process's environment without proxies (everything here is on 127.0.0.1)."""
    env = {k: v for k, v in os.environ.items() if k not in _PROXY_VARIABLES}
    env.setdefault("PYTHONPATH", str(REPO))
    env.update(settings)
    return env


class Replica:
    """One ``newsroom-bot run --webhook`` process; its output goes to a log file."""

    def __init__(self, name: str, port: int, env: dict[str, str], folder: Path) -> None:
        self.name = name
        self.port = port
        self.env = env
        self.folder = folder
        self.log_path = folder / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}{HOOK_PATH}"

    def start(self) -> None:
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()/kill()
        self.process = subprocess.Popen(
            [*newsroom_bot_command(), "run", "--webhook", PUBLIC_URL],
            env=self.env,
            cwd=self.folder,  # no .env of the working tree is read
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    async def wait_ready(self, seconds: float = 60.0) -> None:
        """Until its webhook port answers; fails with the log's end if the process died."""
        deadline = time.monotonic() + seconds
        while True:
            if not self.alive:
                raise RuntimeError(f"replica {self.name} exited:\n{self.log_tail()}")
            with contextlib.suppress(OSError):
                _, writer = await asyncio.open_connection("127.0.0.1", self.port)
                writer.close()
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"replica {self.name} did not listen:\n{self.log_tail()}")
            await asyncio.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL: no shutdown, no lease released, no last write."""
        if self.process is not None and self.alive:
            os.kill(self.process.pid, signal.SIGKILL)
        self._reap(5)

    async def stop(self) -> None:
        if self.process is not None and self.alive:
            self.process.terminate()
            deadline = time.monotonic() + 20
            while self.alive and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            if self.alive:
                self.process.kill()
        self._reap(5)

    def _reap(self, seconds: float) -> None:
        if self.process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(seconds)
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def free_ports(count: int) -> list[int]:
    import socket

    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [int(p.getsockname()[1]) for p in probes]
    finally:
        for probe in probes:
            probe.close()


_update_ids = itertools.count(1)


def user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}


class Deployment:
    """The fake Bot API, and ``count`` replicas on ``store_url``; ``start`` then ``stop``."""

    def __init__(self, store_url: str, folder: Path, *, count: int = 3, **settings: str) -> None:
        self.store_url = store_url
        self.folder = folder
        self.api = TelegramLikeApi()
        self.server = ReplicaApiServer(self.api)
        self.count = count
        self.settings = settings
        self.replicas: list[Replica] = []
        self.retired: list[Replica] = []  # replaced by a new process
        self._api_root = ""
        self.client = httpx.AsyncClient(trust_env=False, timeout=30)
        self.launched_at = 0.0

    async def start(self) -> None:
        root = self._api_root = await self.server.start()
        for index, port in enumerate(free_ports(self.count)):
            name = f"r{index + 1}"
            env = clean_environment(
                NEWSROOM_DB=self.store_url,
                TELEGRAM_BOT_TOKEN=TOKEN,
                TELEGRAM_API_BASE_URL=self.server.base_url(root, name),
                NEWSROOM_ADMINS=str(ADMIN_ID),
                NEWSROOM_WEBHOOK_PORT=str(port),
                NEWSROOM_LOG_LEVEL="INFO",
                **self.settings,
            )
            self.replicas.append(Replica(name, port, env, self.folder))
        self.launched_at = time.monotonic()
        for replica in self.replicas:
            replica.start()
        await asyncio.gather(*(r.wait_ready() for r in self.replicas))

    async def replace(self, index: int) -> Replica:
        """A new process on the port of replica ``index`` (as a supervisor restarts a dead
        one), under a new name so that its messages are told from its predecessor's."""
        old = self.replicas[index]
        await old.stop()
        self.retired.append(old)
        name = f"r{len(self.replicas) + len(self.retired)}"
        env = dict(old.env, TELEGRAM_API_BASE_URL=self.server.base_url(self._api_root, name))
        new = self.replicas[index] = Replica(name, old.port, env, self.folder)
        new.start()
        await new.wait_ready()
        return new

    async def stop(self) -> None:
        await asyncio.gather(*(r.stop() for r in self.replicas))
        await self.client.aclose()
        await self.server.stop()

    def logs(self) -> str:
        every = [*self.retired, *self.replicas]
        return "\n".join(f"--- {r.name}\n{r.log_tail()}" for r in every)

    # Updates ----------------------------------------------------------------------------
    async def post(self, index: int, update: dict[str, Any]) -> None:
        """POST an update to replica ``index``'s webhook, as Telegram does."""
        answer = await self.client.post(
            self.replicas[index].endpoint,
            json={"update_id": next(_update_ids), **update},
            headers={"X-Telegram-Bot-Api-Secret-Token": webhook_secret(TOKEN)},
        )
        answer.raise_for_status()

    async def command(
        self, index: int, user_id: int, text: str, *, seconds: float = 30.0
    ) -> Accepted:
        """Send ``text`` from ``user_id`` in their private chat to replica ``index``; the
        bot's answer (the next message the fake accepted in that chat)."""
        answers = self.api.to_chat(user_id)
        if answers:  # Telegram's one message a second to a chat: no 429 asked for
            await asyncio.sleep(max(0.0, answers[-1].at + 1.05 - time.monotonic()))
        before = len(answers)
        message = self.api.user_message(user_id, user(user_id), text)
        await self.post(index, {"message": message})
        await until(lambda: len(self.api.to_chat(user_id)) > before, seconds)
        return self.api.to_chat(user_id)[before]

    async def press(self, index: int, user_id: int, data: str, *, seconds: float = 30.0) -> str:
        """Press a button of the bot's last message in ``user_id``'s chat on replica
        ``index``; the text the message was edited to."""
        shown = self.api.last_bot_message(user_id)
        assert shown is not None
        before = len(self.api.calls_of("editMessageText"))
        query = {"id": str(next(_update_ids)), "from": user(user_id), "chat_instance": "1"}
        await self.post(index, {"callback_query": {**query, "message": shown, "data": data}})
        await until(lambda: len(self.api.calls_of("editMessageText")) > before, seconds)
        return str(self.api.calls_of("editMessageText")[before]["text"])


async def until(condition: Callable[[], object], seconds: float, step: float = 0.05) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"not within {seconds:.0f} s")
        await asyncio.sleep(step)


# The store before the replicas start ------------------------------------------------------
async def seed_store(
    url: str,
    *,
    chats: Sequence[int],
    now: datetime,
    feed_url: str | None = None,
    articles: Sequence[Path] = (SEED,),
) -> datetime:
    """Articles stored an hour ago, and ``chats`` subscribed to a daily digest at the minute
    before ``now`` (so start-up catch-up delivers it at once); the slot's due instant."""
    due = (now - timedelta(minutes=1)).replace(second=0, microsecond=0)
    store = await PgStore.open(url, clock=lambda: now - timedelta(hours=1), pool_size=4)
    try:
        for number, path in enumerate(articles):
            text = path.read_text(encoding="utf-8")
            analysis = analyze(text)
            article = ArticleInput(f"seed-{number}", text)
            await store.save(article, analysis, summary_variants(analysis))
        queue = list(chats)

        async def subscriber() -> None:
            while queue:
                chat_id = queue.pop()
                await store.subscriptions.subscribe(
                    chat_id,
                    chat_kind="private" if chat_id > 0 else "supergroup",
                    chat_title=None if chat_id > 0 else f"Desk {-chat_id}",
                    time=due.strftime("%H:%M"),
                    timezone="UTC",
                    created_by=ADMIN_ID,
                    watermark=iso(now - timedelta(hours=24)),
                    now=iso(now - timedelta(hours=2)),
                )

        await asyncio.gather(*(subscriber() for _ in range(4)))
        if feed_url is not None:
            await store.feeds.add(feed_url, interval_minutes=1, added_by=ADMIN_ID, now=iso(now))
    finally:
        await store.close()
    return due


def digest_chats(count: int) -> list[int]:
    """Private chats, and every tenth a supergroup (negative id)."""
    return [-(1_000_000 + n) if n % 10 == 0 else 10_000 + n for n in range(1, count + 1)]
