"""Python values as PostgreSQL takes them."""

from __future__ import annotations

from typing import overload


@overload
def pg_text(value: str) -> str: ...
@overload
def pg_text(value: None) -> None: ...
def pg_text(value: str | None) -> str | None:
    """``value`` without NUL characters, which PostgreSQL text cannot hold (SQLite can):
    looked up, a string with one finds what the same string without it finds — nothing, or
    the same row."""
    return value.replace("\x00", "") if value is not None and "\x00" in value else value
