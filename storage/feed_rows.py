"""Feeds and their entries as both backends read them: the columns, the row conversion, a new
entry to record, and how a user names a feed (its number or its url)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storage.rows import FeedRow

FEED_COLUMNS = """
    id, url, title, site_url, interval_minutes, status, etag, last_modified, next_poll_at,
    last_polled_at, last_success_at, last_error, last_error_at, error_count, failure_notified,
    articles_taken, added_by, added_at
"""
ENTRY_COLUMNS = "feed_id, entry_key, url, title, published, content, attempts, first_seen"
_NUMBER = re.compile(r"#?(\d{1,9})")


def feed_from_row(row: Sequence[object]) -> FeedRow:
    return FeedRow(*row)  # type: ignore[arg-type]


def feed_number(reference: str) -> int | None:
    """The feed number a user wrote (``3``, ``#3``, spaces around allowed); ``None`` when
    ``reference`` is not one (then it is a url)."""
    match = _NUMBER.fullmatch(reference.strip())
    return int(match.group(1)) if match else None


@dataclass(frozen=True, slots=True)
class NewEntry:
    key: str
    url: str | None
    title: str | None
    published: str | None
    content: str | None
