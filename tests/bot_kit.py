"""Driving the real application offline: updates in through ``process_update``, Bot API calls
out into an :class:`InMemoryBotApi` that records them."""

from __future__ import annotations

import itertools
import re
from collections.abc import AsyncIterator
from html.parser import HTMLParser
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.app import build_application, close_services
from bot.config import Config
from bot.memory_api import ApiCall, InMemoryBotApi, plain_text
from ingest.model import ArticleInput
from storage import Store
from tests.conftest import make_analysis

ADMIN_ID = 11
MEMBER_ID = 22
STRANGER_ID = 33
ADMIN_CHAT = -500
ALLOWED_TAGS = {"b", "i", "code", "a", "u", "s", "pre"}


def user(user_id: int, name: str = "Ed") -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": name}


class BotHarness:
    def __init__(self, app: Application, api: InMemoryBotApi) -> None:
        self.app = app
        self.api = api
        self._ids = itertools.count(1)

    async def process(self, payload: dict[str, Any]) -> list[ApiCall]:
        """Process one update; returns the Bot API calls it caused."""
        before = len(self.api.calls)
        update = Update.de_json({"update_id": next(self._ids), **payload}, self.app.bot)
        await self.app.process_update(update)
        return self.api.calls[before:]

    async def send(
        self,
        text: str,
        *,
        user_id: int = ADMIN_ID,
        chat_id: int | None = None,
        reply_to: dict[str, Any] | None = None,
    ) -> list[ApiCall]:
        chat = user_id if chat_id is None else chat_id
        message = self.api.user_message(chat, user(user_id), text, reply_to=reply_to)
        return await self.process({"message": message})

    async def press(
        self, data: str, *, message: dict[str, Any] | None = None, user_id: int = ADMIN_ID
    ) -> list[ApiCall]:
        query: dict[str, Any] = {
            "id": str(next(self._ids)),
            "from": user(user_id),
            "chat_instance": "1",
            "data": data,
        }
        if message is not None:
            query["message"] = message
        return await self.process({"callback_query": query})

    async def inline(self, words: str, offset: str = "", *, user_id: int = ADMIN_ID) -> dict:
        query = {"id": str(next(self._ids)), "from": user(user_id), "query": words}
        query["offset"] = offset
        calls = await self.process({"inline_query": query})
        answers = [c.params for c in calls if c.method == "answerInlineQuery"]
        assert len(answers) == 1, calls
        return answers[0]

    def message_of(self, call: ApiCall) -> dict[str, Any]:
        """The stored message a sendMessage/editMessageText call produced."""
        chat_id = int(call.params["chat_id"])
        if "message_id" in call.params:
            return self.api.messages[(chat_id, int(call.params["message_id"]))]
        sent = [m for (c, _), m in self.api.messages.items() if c == chat_id]
        matching = [m for m in sent if m["text"] == plain_text(call.params["text"])]
        return matching[-1]


def sent(calls: list[ApiCall], method: str = "sendMessage") -> list[dict[str, Any]]:
    return [c.params for c in calls if c.method == method]


def texts(calls: list[ApiCall], method: str = "sendMessage") -> list[str]:
    """What the user sees of each message (HTML checked, then rendered to plain text)."""
    shown = []
    for params in sent(calls, method):
        if params.get("parse_mode") == "HTML":
            assert_valid_html(params["text"])
            shown.append(plain_text(params["text"]))
        else:
            assert len(params["text"]) <= 4096
            shown.append(params["text"])
    return shown


def buttons(params: dict[str, Any]) -> list[tuple[str, str]]:
    keyboard = (params.get("reply_markup") or {}).get("inline_keyboard") or []
    found = [(b["text"], b.get("callback_data", "")) for row in keyboard for b in row]
    for _, data in found:
        assert 0 < len(data.encode()) <= 64, data
    return found


def button(params: dict[str, Any], label: str) -> str:
    for text, data in buttons(params):
        if label in text:
            return data
    raise AssertionError(f"no button {label!r} in {buttons(params)}")


class _TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in ALLOWED_TAGS, f"tag <{tag}> would be refused by Telegram"
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}>"
        self.stack.pop()


def assert_valid_html(text: str) -> None:
    """Only Telegram's tags, balanced, and no stray ``<`` or ``&`` outside entities."""
    checker = _TagChecker()
    checker.feed(text)
    checker.close()
    assert not checker.stack, f"unclosed tags {checker.stack}"
    assert not re.search(r"&(?![a-z]+;|#\d+;|#x[0-9a-f]+;)", text), "unescaped &"
    assert len(plain_text(text)) <= 4096


async def add_article(
    store: Store,
    article_id: str,
    title: str,
    body: str,
    *,
    quotes: tuple[tuple[str, str | None], ...] = (),
    people: tuple[tuple[str, str | None, tuple[str, ...]], ...] = (),
    reported: tuple[tuple[str, str], ...] = (),
    summaries: dict[str, tuple[str, ...]] | None = None,
    url: str | None = None,
) -> int:
    """Save an article whose analysis the test controls; returns its short id (key)."""
    text, analysis = make_analysis(title, body, quotes=quotes, people=people, reported=reported)
    sentences = tuple(s.strip() + "." for s in body.split(".") if s.strip())
    chosen = summaries or {
        "short": sentences[:1],
        "default": sentences[:3],
        "long": sentences[:5],
    }
    await store.save(ArticleInput(article_id, text, url=url), analysis, chosen)
    found = await store.articles.by_id(article_id)
    assert found is not None
    return found.key


async def newsroom(store: Store) -> None:
    """Three realistic articles with people, direct quotes and reported speech."""
    await add_article(
        store,
        "un-rights",
        "Kazakhstan presents human rights reforms at the UN",
        "The delegation was led by Elvira Azimova, Chairman of the Constitutional Court. "
        "Azimova said the reforms protect children and women. "
        "Correspondent Zhanat Ernst described the side events in Geneva. "
        "Delegates met NGOs. The forum closed on Friday.",
        quotes=(("the reforms protect children and women", "Elvira Azimova"),),
        people=(
            ("Elvira Azimova", "Chairman of the Constitutional Court", ("Azimova",)),
            ("Zhanat Ernst", "correspondent", ("Ernst",)),
        ),
        reported=(("described the side events in Geneva", "Zhanat Ernst"),),
        url="https://example.org/un-rights",
    )
    await add_article(
        store,
        "harbour-vote",
        "Harbour expansion approved after a long night in the council",
        "The council approved the harbour expansion. "
        "Mayor Tom Brennan said the harbour will create jobs. "
        "Residents said they feared the noise. Work starts in spring.",
        quotes=(("the harbour will create jobs", "Tom Brennan"),),
        people=(("Tom Brennan", "mayor", ("Brennan",)),),
    )
    await add_article(
        store,
        "budget-2027",
        "Budget for 2027 passes with a narrow majority",
        "The budget passed by two votes. Finance minister Maria Okafor said the budget is fair. "
        "Azimova said courts need more money. The opposition will appeal.",
        quotes=(
            ("the budget is fair", "Maria Okafor"),
            ("courts need more money", "Elvira Azimova"),
        ),
        people=(
            ("Maria Okafor", "Minister of Finance", ("Okafor",)),
            ("Elvira Azimova", "Chairman of the Constitutional Court", ("Azimova",)),
        ),
    )


async def running_bot(
    store: Store, *, admin_chat: int | None = None, allow_private_urls: bool = False
) -> AsyncIterator[BotHarness]:
    api = InMemoryBotApi()
    config = Config(
        admins=frozenset({ADMIN_ID}),
        admin_chat_id=admin_chat,
        allow_private_urls=allow_private_urls,
    )
    app = build_application(config, store, request=api)
    await store.members.allow("user", MEMBER_ID, label="member", added_by=ADMIN_ID, now="2026")
    async with app:
        yield BotHarness(app, api)
    await close_services(app)
