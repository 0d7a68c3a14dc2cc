"""Shared pieces of the digest tests: a settable clock, a flood-limited fake Bot API, articles,
an application wired like the bot's, and command updates."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationBuilder

from bot.memory_api import InMemoryBotApi
from handlers.deps import DEPS_KEY, Deps
from handlers.digest import register_digest_handlers
from ingest.model import Analysis, Person, Quote, Span
from storage import ArticleInput, Store

TOKEN = "123456:" + "A" * 35


@dataclass
class FakeClock:
    now: datetime = field(default_factory=lambda: datetime(2026, 3, 20, 12, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def set(self, instant: datetime) -> None:
        self.now = instant.astimezone(UTC)

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


async def add_article(
    store: Store,
    article_id: str,
    title: str,
    summary: str,
    *,
    body: str = "",
    quotes: tuple[tuple[str, str | None, str | None], ...] = (),
    reported: tuple[tuple[str, str | None], ...] = (),
    published: str | None = None,
) -> None:
    """Store an article with given quotes ``(text, speaker, role)`` and reported speech."""
    text = body or f"{title}\n\n{summary}"
    found = tuple(Quote(q, 0, len(q), speaker, role, "said") for q, speaker, role in quotes)
    indirect = tuple(
        Quote(q, 0, len(q), speaker, None, "said", "reported") for q, speaker in reported
    )
    people: dict[str, Person] = {}
    for quote in (*found, *indirect):
        if quote.speaker and quote.speaker not in people:
            people[quote.speaker] = Person(quote.speaker, quote.speaker_role, (), 1, 1)
    analysis = Analysis(
        title=title,
        dateline=None,
        paragraphs=(Span(text, 0, len(text)),),
        sentences=(),
        summary=(summary,),
        quotes=found,
        reported=indirect,
        people=tuple(people.values()),
        version=1,
    )
    variants = {"short": (summary,), "default": (summary,), "long": (summary,)}
    article = ArticleInput(article_id, text, title, published=published)
    await store.save(article, analysis, variants)


def build_app(
    store: Store,
    api: InMemoryBotApi,
    clock: FakeClock,
    *,
    admins: frozenset[int] = frozenset(),
    admin_chat_id: int | None = None,
    catchup_hours: float = 12.0,
) -> Application:  # type: ignore[type-arg]
    app = ApplicationBuilder().token(TOKEN).request(api).get_updates_request(api).build()
    app.bot_data[DEPS_KEY] = Deps(
        store=store,
        admins=admins,
        admin_chat_id=admin_chat_id,
        default_timezone="UTC",
        digest_catchup_hours=catchup_hours,
        clock=clock,
    )
    register_digest_handlers(app)
    return app


_update_ids = iter(range(1, 10**9))


def command_update(
    app: Application,  # type: ignore[type-arg]
    text: str,
    *,
    chat_id: int,
    user_id: int,
    chat_type: str = "private",
    title: str | None = None,
) -> Update:
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        chat["first_name"] = "User"
    else:
        chat["title"] = title or "Desk"
    command = text.split()[0]
    payload = {
        "update_id": next(_update_ids),
        "message": {
            "message_id": next(_update_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": {"id": user_id, "is_bot": False, "first_name": "User"},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(command)}],
        },
    }
    return Update.de_json(payload, app.bot)


def button_update(
    app: Application,  # type: ignore[type-arg]
    data: str,
    *,
    chat_id: int,
    user_id: int,
    message_id: int,
    chat_type: str = "private",
) -> Update:
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    chat.update({"first_name": "User"} if chat_type == "private" else {"title": "Desk"})
    payload = {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": str(next(_update_ids)),
            "chat_instance": "1",
            "from": {"id": user_id, "is_bot": False, "first_name": "User"},
            "data": data,
            "message": {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": chat,
                "from": {"id": 100000001, "is_bot": True, "first_name": "Newsroom"},
                "text": "settings",
            },
        },
    }
    return Update.de_json(payload, app.bot)


ADMIN_RIGHTS: dict[str, bool] = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_messages": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
}


def membership_update(
    app: Application,  # type: ignore[type-arg]
    *,
    chat_id: int,
    chat_type: str,
    old: dict[str, Any],
    new: dict[str, Any],
    by_user: int,
) -> Update:
    """A ``my_chat_member`` update: the bot's status in the chat went from ``old`` to ``new``
    (member dicts without the user, e.g. ``{"status": "left"}``)."""
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    chat.update({"first_name": "User"} if chat_type == "private" else {"title": "Desk"})
    bot_user = {"id": app.bot.id, "is_bot": True, "first_name": "Newsroom"}
    payload = {
        "update_id": next(_update_ids),
        "my_chat_member": {
            "chat": chat,
            "from": {"id": by_user, "is_bot": False, "first_name": "User"},
            "date": int(time.time()),
            "old_chat_member": {"user": bot_user, **old},
            "new_chat_member": {"user": bot_user, **new},
        },
    }
    return Update.de_json(payload, app.bot)
