"""The fake Bot API counts as a strict Telegram server does: sliding windows overall, per
group and (when asked) per chat; past any of them a 429 with ``retry_after``."""

from __future__ import annotations

import json

import pytest

from bot.flood_api import FloodBotApi


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def _send(api: FloodBotApi, chat_id: int) -> tuple[int, float | None]:
    status, body = await api.handle("sendMessage", {"chat_id": chat_id, "text": "x"})
    retry = json.loads(body).get("parameters", {}).get("retry_after")
    return status, retry


# (what is sent: (seconds after start, chat) in order, the answers' statuses, and the
# retry_after of the last one)
CASES = [
    # 30 a second overall: the 31st within the same second waits for the first to age out
    ([(0.0, n) for n in range(1, 31)] + [(0.5, 99)], [200] * 30 + [429], 1),
    ([(0.0, n) for n in range(1, 31)] + [(1.0, 99)], [200] * 31, None),
    # one a second per chat: a second message to chat 5 within the second is refused
    ([(0.0, 5), (0.4, 5)], [200, 429], 1),
    ([(0.0, 5), (0.4, 6), (1.0, 5)], [200, 200, 200], None),
    # 20 a minute per group, whatever the chat limit
    ([(1.1 * n, -7) for n in range(20)] + [(30.0, -7)], [200] * 20 + [429], 30),
]


@pytest.mark.parametrize(("sends", "statuses", "retry_after"), CASES)
async def test_limits(
    sends: list[tuple[float, int]], statuses: list[int], retry_after: float | None
) -> None:
    clock = Clock()
    api = FloodBotApi(chat_limit=1, clock=clock)
    answers = []
    for at, chat in sends:
        clock.now = 100.0 + at
        answers.append(await _send(api, chat))
    assert [status for status, _ in answers] == statuses
    assert answers[-1][1] == retry_after
    assert api.flood_answers == statuses.count(429)
    assert len(api.delivered) == statuses.count(200)


async def test_without_a_chat_limit_one_chat_may_get_several_a_second() -> None:
    api = FloodBotApi(clock=Clock())
    assert [(await _send(api, 5))[0] for _ in range(3)] == [200, 200, 200]
