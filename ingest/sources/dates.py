"""Publication dates as sources give them → one sortable form (ISO 8601 in UTC)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

# A date this far in the future is a wrong clock or a typo, not a publication date.
FUTURE_SLACK = timedelta(days=1)


def parse_published(raw: str | None) -> datetime | None:
    """A moment from ISO 8601 (``2026-12-04``, ``2026-12-04T08:30:00+01:00``, ``...Z``) or
    RFC 2822 (``Fri, 04 Dec 2026 08:30:00 GMT``, as RSS writes it); ``None`` otherwise.
    A date alone is midnight UTC; a time without a zone is read as UTC."""
    text = (raw or "").strip()
    if not text or len(text) > 64:
        return None
    moment: datetime | None = None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            try:
                day = date.fromisoformat(text[:10])
            except ValueError:
                return None
            moment = datetime(day.year, day.month, day.day)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def normalize_published(raw: str | None, now: datetime | None = None) -> str | None:
    """``raw`` as ``YYYY-MM-DDTHH:MM:SS+00:00``, or ``None`` when it is no date or lies more
    than a day after ``now`` (the article then takes its ingestion time)."""
    moment = parse_published(raw)
    if moment is None:
        return None
    if now is not None and moment > now.astimezone(UTC) + FUTURE_SLACK:
        return None
    return moment.isoformat(timespec="seconds")
