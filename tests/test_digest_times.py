"""Due times: pure functions of the settings and an instant, across daylight-saving changes."""

from datetime import UTC, datetime

import pytest

from handlers.digest.times import (
    Schedule,
    ScheduleError,
    latest_due,
    next_due,
    parse_time,
    parse_timezone,
)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def slots(schedule: Schedule, after: str, count: int) -> list[str]:
    found, instant = [], utc(after)
    for _ in range(count):
        instant = next_due(schedule, instant)
        found.append(instant.strftime("%Y-%m-%d %H:%M"))
    return found


def test_london_0730_across_spring_forward():
    # BST starts Sunday 29 March 2026 at 01:00 UTC: 07:30 local moves from 07:30Z to 06:30Z.
    assert slots(Schedule("07:30", "Europe/London"), "2026-03-27 08:00", 4) == [
        "2026-03-28 07:30",
        "2026-03-29 06:30",
        "2026-03-30 06:30",
        "2026-03-31 06:30",
    ]


def test_london_0730_across_fall_back():
    # BST ends Sunday 25 October 2026 at 01:00 UTC.
    assert slots(Schedule("07:30", "Europe/London"), "2026-10-23 12:00", 3) == [
        "2026-10-24 06:30",
        "2026-10-25 07:30",
        "2026-10-26 07:30",
    ]


def test_almaty_0730_is_0230_utc_all_year():
    schedule = Schedule("07:30", "Asia/Almaty")
    assert slots(schedule, "2026-03-27 08:00", 3) == [
        "2026-03-28 02:30",
        "2026-03-29 02:30",
        "2026-03-30 02:30",
    ]
    assert slots(schedule, "2026-10-24 03:00", 2) == ["2026-10-25 02:30", "2026-10-26 02:30"]


def test_weekdays_skip_the_local_weekend():
    # Friday 27 March 2026, after the slot: next is Monday 30 March (already BST).
    schedule = Schedule("07:30", "Europe/London", "weekdays")
    assert slots(schedule, "2026-03-27 08:00", 2) == ["2026-03-30 06:30", "2026-03-31 06:30"]
    # The weekday is the local one: Monday 00:30 in Almaty is still Sunday in UTC.
    almaty = Schedule("00:30", "Asia/Almaty", "weekdays")
    assert slots(almaty, "2026-03-28 00:00", 1) == ["2026-03-29 19:30"]


def test_local_time_in_the_spring_gap_happens_once_an_hour_later():
    # 01:30 does not exist in London on 29 March 2026; it is read as 01:30 GMT = 02:30 BST.
    schedule = Schedule("01:30", "Europe/London")
    assert slots(schedule, "2026-03-28 02:00", 3) == [
        "2026-03-29 01:30",
        "2026-03-30 00:30",
        "2026-03-31 00:30",
    ]


def test_local_time_that_exists_twice_happens_once():
    # 01:30 exists twice in London on 25 October 2026: the first (BST, 00:30Z) is the slot.
    schedule = Schedule("01:30", "Europe/London")
    assert slots(schedule, "2026-10-24 12:00", 3) == [
        "2026-10-25 00:30",
        "2026-10-26 01:30",
        "2026-10-27 01:30",
    ]


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        ("2026-03-29 06:30", "2026-03-29 06:30"),  # exactly at the slot
        ("2026-03-29 06:29", "2026-03-28 07:30"),  # a minute before: yesterday's (GMT) slot
        ("2026-03-30 05:00", "2026-03-29 06:30"),
    ],
)
def test_latest_due(at: str, expected: str):
    found = latest_due(Schedule("07:30", "Europe/London"), utc(at))
    assert found.strftime("%Y-%m-%d %H:%M") == expected


def test_latest_due_on_weekdays_skips_the_weekend():
    found = latest_due(Schedule("07:30", "Europe/London", "weekdays"), utc("2026-03-29 12:00"))
    assert found.strftime("%Y-%m-%d %H:%M") == "2026-03-27 07:30"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("7:30", "07:30"), ("07:30", "07:30"), ("23.59", "23:59"), ("6h05", "06:05")],
)
def test_parse_time(text: str, expected: str):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "7:60", "730", "seven", "", "7:3"])
def test_parse_time_refuses(text: str):
    with pytest.raises(ScheduleError, match=r"HH:MM|hours 00"):
        parse_time(text)


def test_parse_timezone():
    assert parse_timezone("Asia/Almaty") == "Asia/Almaty"
    assert parse_timezone("europe/london") == "Europe/London"
    assert parse_timezone("UTC") == "UTC"
    for bad in ("Mars/Olympus", "Europe", "../etc/passwd", ""):
        with pytest.raises(ScheduleError, match="time zone"):
            parse_timezone(bad)
