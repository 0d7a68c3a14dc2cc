"""Typed callback data: round trips, the 64-byte limit, kept references for long lists."""

from __future__ import annotations

from typing import Any

import pytest

import storage.page_refs as page_refs
import storage.postgres.page_refs as pg_page_refs
from handlers.callbacks import (
    PageButton,
    PersonButton,
    SummaryButton,
    decode,
    encode,
    page_button,
    page_ref,
)
from storage import ArticleStore


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


async def test_long_references_are_kept_in_the_store_and_reused(each_store: ArticleStore) -> None:
    refs, now = each_store.page_refs, each_store.now()
    words = "extraordinarily protracted municipal deliberations on the waterfront"
    first = await page_button(refs, now, "s", 1, words)
    assert len(first.encode()) <= 64 and first.startswith("pg:s:1:~s")
    again = await page_button(refs, now, "s", 2, words)
    assert again.rsplit(":", 1)[1] == first.rsplit(":", 1)[1]
    button = decode(again)
    assert isinstance(button, PageButton) and await page_ref(refs, button.ref) == words
    assert await page_button(refs, now, "s", 0, "short words") == "pg:s:0:short words"
    # words that look like a kept reference are kept themselves
    assert await page_ref(refs, decode(await page_button(refs, now, "s", 0, "~s1")).ref) == "~s1"


@pytest.mark.parametrize("ref", ["~s12345", "~12", "~s", "~sx1", "~s-1"])
async def test_references_not_kept_are_none(each_store: ArticleStore, ref: str) -> None:
    await page_button(each_store.page_refs, each_store.now(), "s", 0, "y" * 70)
    assert await page_ref(each_store.page_refs, ref) is None


async def test_references_unused_for_a_month_or_too_many_are_dropped(
    each_store: ArticleStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    refs = each_store.page_refs
    old = decode(await page_button(refs, "2026-01-01T00:00:00+00:00", "s", 0, "x" * 70))
    used = decode(await page_button(refs, "2026-01-01T00:00:00+00:00", "s", 0, "u" * 70))
    await page_button(refs, "2026-01-20T00:00:00+00:00", "s", 1, "u" * 70)  # used again
    await page_button(refs, "2026-02-05T00:00:00+00:00", "s", 0, "z" * 70)
    assert isinstance(old, PageButton) and await page_ref(refs, old.ref) is None
    assert isinstance(used, PageButton) and await page_ref(refs, used.ref) == "u" * 70
    monkeypatch.setattr(page_refs, "KEEP_AT_MOST", 3)
    monkeypatch.setattr(pg_page_refs, "KEEP_AT_MOST", 3)
    for n in range(3):
        await page_button(refs, "2026-02-05T00:00:00+00:00", "s", 0, f"{n}" + "y" * 70)
    assert await page_ref(refs, used.ref) is None  # three newer numbers came after it
