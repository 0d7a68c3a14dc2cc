"""The Application: built once from the config and the store, with every handler registered."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any

from telegram import BotCommand
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder
from telegram.request import BaseRequest

from bot.analysis_pool import AnalysisPool
from bot.config import Config
from bot.delivery import OWN_FLOOD_CONTROL
from bot.digest_scheduler import start_digests
from bot.feed_jobs import start_feeds
from bot.fetcher import Fetcher, FetchSettings
from bot.intake import BotIntake
from bot.watch_alerts import start_watches
from handlers.chat_ingest import start_paste_sweep
from handlers.commands import COMMANDS
from handlers.deps import DEPS_KEY, Deps
from handlers.registry import register_handlers
from storage import ArticleStore
from storage.store import utc_now

log = logging.getLogger(__name__)

# Without a token the bot only ever talks to an in-memory Bot API; the builder still wants one.
OFFLINE_TOKEN = "0:offline-console-without-telegram"
CONCURRENT_UPDATES = 64
POOL_KEY = "analysis_pool"
FETCHER_KEY = "fetcher"
RATE_LIMIT_RETRIES = 3
ALLOWED_UPDATES = [
    "message",
    "callback_query",
    "inline_query",
    "chosen_inline_result",
    "my_chat_member",
]


class BotRateLimiter(AIORateLimiter):
    """PTB's limiter for the handlers' replies: it keeps them within the flood limits and
    retries a 429. A request the flood-safe sender marks (``OWN_FLOOD_CONTROL``: digests,
    alerts, admin notices) goes straight out, since that sender keeps the limits itself, for
    the whole deployment, and waits out a 429 in every replica. Retried here instead, a
    message answered 429 would go out again behind the shared budget's back, and this
    limiter's pause of the whole process would release the messages that waited meanwhile as
    one burst: each a 429 again (3 replicas, 1,000 digests: 512 answers 429 and +35% time).
    """

    async def process_request(  # type: ignore[override]
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        if rate_limit_args == OWN_FLOOD_CONTROL:
            return await callback(*args, **kwargs)
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )


def bot_commands() -> list[BotCommand]:
    """The public commands for ``setMyCommands``: admin commands stay out of the menu."""
    return [BotCommand(spec.command, spec.description) for spec in COMMANDS if not spec.admin]


async def post_init(app: Application) -> None:
    """Start-up work of the running bot. ``run_polling`` calls it; other runners call it."""
    try:
        await app.bot.set_my_commands(bot_commands())
    except TelegramError as error:
        log.warning("setMyCommands failed; the command menu stays as it was: %s", error)
    await start_digests(app)
    await start_watches(app)
    deps = app.bot_data[DEPS_KEY]
    start_feeds(app, app.bot_data[FETCHER_KEY], app.bot_data[POOL_KEY], deps.intake)
    start_paste_sweep(app)


async def close_services(app: Application) -> None:
    """Release what the application owns besides the store (after ``app.shutdown()``)."""
    pool = app.bot_data.get(POOL_KEY)
    if isinstance(pool, AnalysisPool):
        pool.close()
    fetcher = app.bot_data.get(FETCHER_KEY)
    if isinstance(fetcher, Fetcher):
        await fetcher.aclose()


def build_application(
    config: Config,
    store: ArticleStore,
    *,
    request: BaseRequest | None = None,
    clock: Callable[[], datetime] = utc_now,
    analysis_workers: int = 0,
) -> Application:
    """The bot's Application over ``store``.

    With ``request`` (an in-memory Bot API) every call goes there; without it the bot talks
    HTTP to Telegram or to ``TELEGRAM_API_BASE_URL``, through ``AIORateLimiter`` which waits
    out flood limits and retries on 429. Updates are processed concurrently so that an
    inline answer never waits behind a slow command.
    """
    builder = (
        ApplicationBuilder()
        .token(config.telegram_token or OFFLINE_TOKEN)
        .concurrent_updates(CONCURRENT_UPDATES)
        .post_init(post_init)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:
        builder = builder.rate_limiter(BotRateLimiter(max_retries=RATE_LIMIT_RETRIES))
    if config.telegram_api_base_url:
        builder = builder.base_url(config.telegram_api_base_url)
        if config.telegram_file_base_url:
            builder = builder.base_file_url(config.telegram_file_base_url)
    app = builder.build()
    pool = app.bot_data[POOL_KEY] = AnalysisPool(analysis_workers)
    # The one HTTP client for pages (links sent in chat) and feeds.
    fetcher = app.bot_data[FETCHER_KEY] = Fetcher(
        FetchSettings(allow_private=config.allow_private_urls)
    )
    intake = BotIntake(store, pool, fetcher)
    app.bot_data[DEPS_KEY] = Deps(
        store=store,
        admins=config.admins,
        admin_chat_id=config.admin_chat_id,
        default_timezone=config.default_timezone,
        digest_catchup_hours=config.digest_catchup_hours,
        clock=clock,
        intake=intake,
        feed_minutes=config.feed_minutes,
    )
    register_handlers(app)
    return app
