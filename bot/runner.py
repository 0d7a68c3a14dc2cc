"""Running the bot: long polling, a webhook, or the offline console.

Polling and webhook use the updater API inside the caller's event loop (``initialize``,
``post_init``, ``start_polling``/``start_webhook``, ``start``), because the CLI is already
async; ``run_polling`` would try to own the loop. The bot stops on SIGINT/SIGTERM (or when
``stop`` is set) and shuts down in order.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import logging
import signal
import sys
from typing import TextIO
from urllib.parse import urlsplit

from bot.analysis_pool import default_workers
from bot.app import ALLOWED_UPDATES, build_application, close_services, post_init
from bot.config import Config
from bot.console import CONSOLE_USER_ID, Console
from bot.memory_api import InMemoryBotApi
from storage import ArticleStore

log = logging.getLogger(__name__)
WEBHOOK_LISTEN = "127.0.0.1"


async def run_bot(
    config: Config,
    store: ArticleStore,
    *,
    console: bool = False,
    webhook: str | None = None,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    stop: asyncio.Event | None = None,
    webhook_listen: str = WEBHOOK_LISTEN,
    webhook_port: int | None = None,
) -> int:
    """Serve until stopped; returns the process exit code.

    Without a token, or with ``console=True``, runs the offline console on stdin/stdout.
    With ``webhook`` (the public HTTPS URL the proxy forwards), listens on
    ``webhook_listen:webhook_port`` (default: the configured ``NEWSROOM_WEBHOOK_PORT``) at
    that URL's path; otherwise long-polls.
    """
    if console or not config.telegram_token:
        return await run_console(config, store, stdin=stdin, stdout=stdout)
    app = build_application(config, store, analysis_workers=default_workers())
    stop = stop or asyncio.Event()
    await app.initialize()
    try:
        await post_init(app)
        assert app.updater is not None
        if webhook:
            port = config.webhook_port if webhook_port is None else webhook_port
            await app.updater.start_webhook(
                listen=webhook_listen,
                port=port,
                url_path=urlsplit(webhook).path.lstrip("/"),
                webhook_url=webhook,
                secret_token=webhook_secret(config.telegram_token),
                allowed_updates=ALLOWED_UPDATES,
            )
            log.info("serving the webhook %s on %s:%s", webhook, webhook_listen, port)
        else:
            await app.updater.start_polling(allowed_updates=ALLOWED_UPDATES)
            log.info("long polling %s", config.telegram_api_base_url or "Telegram")
        await app.start()
        with _stop_on_signals(stop):
            await stop.wait()
        await app.updater.stop()
        await app.stop()
    finally:
        await app.shutdown()
        await close_services(app)
    return 0


def webhook_secret(token: str) -> str:
    """The ``X-Telegram-Bot-Api-Secret-Token`` both sides derive from the bot token."""
    return hashlib.sha256(b"newsroom-webhook:" + token.encode()).hexdigest()[:48]


@contextlib.contextmanager
def _stop_on_signals(stop: asyncio.Event):  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    installed = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, stop.set)
            installed.append(signum)
        except (NotImplementedError, RuntimeError, ValueError):
            pass
    try:
        yield
    finally:
        for signum in installed:
            loop.remove_signal_handler(signum)


async def run_console(
    config: Config, store: ArticleStore, *, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout
) -> int:
    """The offline console; its user is a local admin. Library chatter stays out of the chat."""
    for chatty in ("telegram", "apscheduler"):
        logging.getLogger(chatty).setLevel(max(logging.WARNING, logging.root.level))
    local = dataclasses.replace(config, admins=config.admins | {CONSOLE_USER_ID})
    api = InMemoryBotApi()
    app = build_application(local, store, request=api)
    await app.initialize()
    try:
        await post_init(app)
        await app.start()
        try:
            return await Console(app, api, stdout).run(stdin)
        finally:
            await app.stop()
    finally:
        await app.shutdown()
        await close_services(app)
