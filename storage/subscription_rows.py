"""Digest subscriptions and their runs as rows: the dataclasses both backends return, the
columns they read, and the settings a user may change with their stored form."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Days = Literal["daily", "weekdays"]
RunState = Literal["pending", "sent", "expired"]

DEFAULT_TIME = "08:00"
DEFAULT_MAX_ITEMS = 10
MAX_ITEMS_LIMIT = 50

SUBSCRIPTION_COLUMNS = """
    chat_id, chat_kind, chat_title, time, timezone, days, max_items, include_words,
    exclude_words, post_empty, status, paused_reason, watermark, created_by, created_at,
    updated_at
"""
RUN_COLUMNS = """
    chat_id, due_at, state, since, until, parts, sent_parts, items, claimed_at, finished_at,
    error
"""
# Settings a user may change; the keys are the only column names ever put into SQL text.
SETTING_COLUMNS = {
    "time": "time",
    "timezone": "timezone",
    "days": "days",
    "max_items": "max_items",
    "include": "include_words",
    "exclude": "exclude_words",
    "post_empty": "post_empty",
}


@dataclass(frozen=True, slots=True)
class Subscription:
    chat_id: int
    chat_kind: str
    chat_title: str | None
    time: str
    timezone: str
    days: Days
    max_items: int
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    post_empty: bool
    status: Literal["active", "paused"]
    paused_reason: str | None
    watermark: str
    created_by: int | None
    created_at: str
    updated_at: str

    @property
    def active(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True, slots=True)
class DigestRun:
    chat_id: int
    due_at: str
    state: RunState
    since: str
    until: str
    parts: tuple[str, ...]
    sent_parts: int
    items: int
    claimed_at: str
    finished_at: str | None
    error: str | None

    @property
    def complete(self) -> bool:
        """Every part went out (the run may still need marking ``sent``)."""
        return self.sent_parts >= len(self.parts)


def subscription_from_row(row: Sequence[object]) -> Subscription:
    return Subscription(
        chat_id=int(row[0]),  # type: ignore[arg-type]
        chat_kind=str(row[1]),
        chat_title=row[2],  # type: ignore[arg-type]
        time=str(row[3]),
        timezone=str(row[4]),
        days=row[5],  # type: ignore[arg-type]
        max_items=int(row[6]),  # type: ignore[arg-type]
        include=tuple(json.loads(str(row[7]))),
        exclude=tuple(json.loads(str(row[8]))),
        post_empty=bool(row[9]),
        status=row[10],  # type: ignore[arg-type]
        paused_reason=row[11],  # type: ignore[arg-type]
        watermark=str(row[12]),
        created_by=row[13],  # type: ignore[arg-type]
        created_at=str(row[14]),
        updated_at=str(row[15]),
    )


def run_from_row(row: Sequence[object]) -> DigestRun:
    return DigestRun(
        chat_id=int(row[0]),  # type: ignore[arg-type]
        due_at=str(row[1]),
        state=row[2],  # type: ignore[arg-type]
        since=str(row[3]),
        until=str(row[4]),
        parts=tuple(json.loads(str(row[5]))),
        sent_parts=int(row[6]),  # type: ignore[arg-type]
        items=int(row[7]),  # type: ignore[arg-type]
        claimed_at=str(row[8]),
        finished_at=row[9],  # type: ignore[arg-type]
        error=row[10],  # type: ignore[arg-type]
    )


def setting_values(settings: Mapping[str, object]) -> list[tuple[str, object]]:
    """``(column, stored value)`` of each setting, in the given order: word lists as JSON,
    ``post_empty`` as 0 or 1. A name that is not a setting raises ``ValueError``."""
    unknown = set(settings) - set(SETTING_COLUMNS)
    if unknown:
        raise ValueError(f"unknown digest settings: {', '.join(sorted(unknown))}")
    return [
        (
            SETTING_COLUMNS[name],
            json.dumps(list(value), ensure_ascii=False)  # type: ignore[call-overload]
            if name in ("include", "exclude")
            else int(bool(value))
            if name == "post_empty"
            else value,
        )
        for name, value in settings.items()
    ]
