"""The bot's rate limiter retries the handlers' replies on 429, but hands a 429 to the
flood-safe sender at once: the sender waits it out for the whole deployment and sends again
through its gate, so no message goes out again behind the shared budget's back."""

from __future__ import annotations

from telegram.ext import ApplicationBuilder

from bot.app import RATE_LIMIT_RETRIES, BotRateLimiter
from bot.delivery import FloodLimits, Sender
from bot.memory_api import BotApiError, InMemoryBotApi

TOKEN = "123456:" + "L" * 35


def _flood() -> BotApiError:
    return BotApiError(429, "Too Many Requests: retry after 1", retry_after=1)


async def _no_wait(seconds: float) -> None:
    return None


async def test_the_sender_gets_a_429_at_once_and_retries_through_its_gate() -> None:
    api = InMemoryBotApi()
    limiter = BotRateLimiter(max_retries=RATE_LIMIT_RETRIES)
    app = ApplicationBuilder().token(TOKEN).request(api).rate_limiter(limiter).build()
    async with app:
        sender = Sender(app.bot, FloodLimits(), sleep=_no_wait)
        api.fail_next("sendMessage", _flood())
        result = await sender.send(42, "<b>digest</b>")
    assert result.status == "sent"
    assert sender.flood_answers == 1 and sender.gate.pauses == 1  # seen by the sender
    assert [c["chat_id"] for c in api.calls_of("sendMessage")] == [42, 42]


async def test_a_handlers_reply_is_still_retried_by_the_limiter() -> None:
    api = InMemoryBotApi()
    limiter = BotRateLimiter(max_retries=RATE_LIMIT_RETRIES)
    app = ApplicationBuilder().token(TOKEN).request(api).rate_limiter(limiter).build()
    async with app:
        api.fail_next("sendMessage", _flood())
        message = await app.bot.send_message(7, "an answer")
    assert message.text == "an answer"
    assert len(api.calls_of("sendMessage")) == 2
