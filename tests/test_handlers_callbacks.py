"""Typed callback data: round trips, the 64-byte limit, kept references for long lists."""

from __future__ import annotations

from typing import Any

import pytest

from handlers.callbacks import (
    PageButton,
    PersonButton,
    SummaryButton,
    decode,
    encode,
    page_button,
    page_ref,
)


@pytest.mark.parametrize(
    "button, data",
    [
        (PageButton("qp", 2, "17"), "pg:qp:2:17"),
        (PageButton("s", 0, "harbour vote: late"), "pg:s:0:harbour vote: late"),
        (PageButton("pm", 1, ""), "pg:pm:1:"),
        (SummaryButton(42, "long"), "sum:42:l"),
        (SummaryButton(7, "default"), "sum:7:d"),
        (PersonButton(9), "per:9"),
    ],
)
def test_round_trip(button: Any, data: str) -> None:
    assert encode(button) == data
    assert decode(data) == button


@pytest.mark.parametrize(
    "data", [None, "", "pg", "pg:qp", "pg:qp:x:1", "pg:qp:-1:1", "sum:1", "sum:a:s", "per:", "zz:1"]
)
def test_unknown_data_decodes_to_none(data: str | None) -> None:
    assert decode(data) is None


def test_over_64_bytes_is_refused() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        encode(PageButton("s", 0, "ж" * 40))


def test_long_references_are_kept_and_reused() -> None:
    bot_data: dict[str, Any] = {}
    words = "extraordinarily protracted municipal deliberations on the waterfront"
    first = page_button(bot_data, "s", 1, words)
    assert len(first.encode()) <= 64 and first.startswith("pg:s:1:~")
    again = page_button(bot_data, "s", 2, words)
    assert again.rsplit(":", 1)[1] == first.rsplit(":", 1)[1]
    button = decode(again)
    assert isinstance(button, PageButton) and page_ref(bot_data, button.ref) == words
    assert page_ref(bot_data, "~12345") is None
    assert page_button(bot_data, "s", 0, "short words") == "pg:s:0:short words"


def test_kept_references_are_bounded() -> None:
    bot_data: dict[str, Any] = {}
    first = decode(page_button(bot_data, "s", 0, "x" * 70))
    for n in range(2100):
        page_button(bot_data, "s", 0, f"{n:04d}" + "y" * 70)
    assert isinstance(first, PageButton) and page_ref(bot_data, first.ref) is None
