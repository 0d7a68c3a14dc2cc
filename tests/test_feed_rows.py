"""How a user names a feed: its number (``3``, ``#3``) or else its url."""

from __future__ import annotations

import pytest

from storage.feed_rows import feed_number


@pytest.mark.parametrize(
    ("reference", "number"),
    [
        ("3", 3),
        ("#3", 3),
        ("  #12 ", 12),
        ("https://example.org/feed.xml", None),
        ("#", None),
        ("3a", None),
        ("1234567890", None),  # ten digits: not a number we hand out, read as a url
    ],
)
def test_feed_number(reference: str, number: int | None) -> None:
    assert feed_number(reference) == number
