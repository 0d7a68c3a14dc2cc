"""When digests fall due: pure functions of the settings and an instant, in UTC, via zoneinfo.

A digest is due at the local wall-clock time ``HH:MM`` in the subscription's zone on every day
(or Monday to Friday, local date). Across daylight-saving changes the wall-clock time holds and
the UTC instant moves. A local time that does not exist (skipped by a spring-forward change) is
read with the offset before the change, so it falls that much later; a local time that exists
twice (autumn) is the first of the two. Either way there is exactly one slot per local day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from html import escape as _html
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

_TIME = re.compile(r"(\d{1,2})[:.h](\d{2})")
_LOOKAHEAD_DAYS = 8


class ScheduleError(ValueError):
    """A time or time zone a user gave is not valid; the message says what is expected and is
    safe to send as HTML (the user's text in it is escaped)."""


@dataclass(frozen=True, slots=True)
class Schedule:
    time: str  # "HH:MM", local
    timezone: str  # IANA name
    days: str = "daily"  # "daily" | "weekdays"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def local_time(self) -> time:
        hours, minutes = self.time.split(":")
        return time(int(hours), int(minutes))


def parse_time(text: str) -> str:
    """``7:30``, ``07:30``, ``07.30`` or ``7h30`` → ``"07:30"``."""
    match = _TIME.fullmatch(text.strip())
    if not match:
        raise ScheduleError(f"“{_html(text)}” is not a time: write it as HH:MM, for example 07:30.")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        raise ScheduleError(f"“{_html(text)}” is not a time of day: hours 00–23, minutes 00–59.")
    return f"{hours:02d}:{minutes:02d}"


def parse_timezone(text: str) -> str:
    """An IANA zone name (``Europe/London``, ``asia/almaty``, ``UTC``) in its canonical case."""
    name = text.strip()
    if not name or name.startswith(("/", ".")) or ".." in name:
        raise ScheduleError(
            f"“{_html(text)}” is not a time zone: use Area/City, e.g. Europe/London."
        )
    try:
        ZoneInfo(name)
        return name
    except (ZoneInfoNotFoundError, ValueError, OSError):  # "Europe" is a directory
        pass
    folded = {z.casefold(): z for z in available_timezones()}
    if name.casefold() in folded:
        return folded[name.casefold()]
    raise ScheduleError(
        f"“{_html(text)}” is not a known time zone: use Area/City, e.g. Asia/Almaty."
    )


def looks_like_time(text: str) -> bool:
    return _TIME.fullmatch(text.strip()) is not None


def _slot(schedule: Schedule, day: date) -> datetime | None:
    """The UTC instant of the slot on local ``day``, or ``None`` when no digest that day."""
    if schedule.days == "weekdays" and day.weekday() >= 5:
        return None
    local = datetime.combine(day, schedule.local_time, tzinfo=schedule.zone)
    # Round-trip through UTC: a wall time inside a spring-forward gap comes back shifted.
    return local.astimezone(UTC)


def next_due(schedule: Schedule, after: datetime) -> datetime:
    """The first slot strictly after ``after`` (an aware instant), in UTC."""
    start = after.astimezone(schedule.zone).date() - timedelta(days=1)
    for offset in range(_LOOKAHEAD_DAYS + 2):
        slot = _slot(schedule, start + timedelta(days=offset))
        if slot is not None and slot > after:
            return slot
    raise AssertionError("a digest schedule always has a slot within a week")


def latest_due(schedule: Schedule, at: datetime) -> datetime:
    """The last slot at or before ``at`` (an aware instant), in UTC."""
    start = at.astimezone(schedule.zone).date() + timedelta(days=1)
    for offset in range(_LOOKAHEAD_DAYS + 2):
        slot = _slot(schedule, start - timedelta(days=offset))
        if slot is not None and slot <= at:
            return slot
    raise AssertionError("a digest schedule always has a slot within a week")


def iso(instant: datetime) -> str:
    """The store's text form of an instant (UTC, microseconds), comparable as text."""
    return instant.astimezone(UTC).isoformat(timespec="microseconds")


def parse_iso(text: str) -> datetime:
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
