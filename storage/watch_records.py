"""Watches and their pending alerts as rows: the dataclasses both backends return, the
columns they read and the conversion of a database row into them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

WatchKind = Literal["person", "words"]
WatchStatus = Literal["active", "paused"]
MAX_WATCHES_PER_CHAT = 50

WATCH_COLUMNS = """
    id, chat_id, number, kind, label, match_key, person_id, status, paused_reason, after_key,
    created_by, created_at, updated_at
"""
# The watch columns of ``watches w`` (a join with its alerts), then the alert's own two.
PENDING_ALERT_COLUMNS = (
    ", ".join(f"w.{c.strip()}" for c in WATCH_COLUMNS.split(",")) + ", a.article_key, a.claimed_at"
)


@dataclass(frozen=True, slots=True)
class Watch:
    id: int
    chat_id: int
    number: int
    kind: WatchKind
    label: str
    match_key: str  # person: the name key of the person's name; words: the words, space-joined
    person_id: int | None
    status: WatchStatus
    paused_reason: str | None
    after_key: int
    created_by: int | None
    created_at: str
    updated_at: str

    @property
    def active(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True, slots=True)
class PendingAlert:
    watch: Watch
    article_key: int
    claimed_at: str


def watch_from_row(row: Sequence[object]) -> Watch:
    return Watch(
        id=int(row[0]),  # type: ignore[arg-type]
        chat_id=int(row[1]),  # type: ignore[arg-type]
        number=int(row[2]),  # type: ignore[arg-type]
        kind=row[3],  # type: ignore[arg-type]
        label=str(row[4]),
        match_key=str(row[5]),
        person_id=row[6],  # type: ignore[arg-type]
        status=row[7],  # type: ignore[arg-type]
        paused_reason=row[8],  # type: ignore[arg-type]
        after_key=int(row[9]),  # type: ignore[arg-type]
        created_by=row[10],  # type: ignore[arg-type]
        created_at=str(row[11]),
        updated_at=str(row[12]),
    )


def pending_alert_from_row(row: Sequence[object]) -> PendingAlert:
    """A row of ``PENDING_ALERT_COLUMNS``."""
    return PendingAlert(watch_from_row(row[:13]), int(row[13]), str(row[14]))  # type: ignore[call-overload]
