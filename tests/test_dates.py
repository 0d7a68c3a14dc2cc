"""Publication dates from every kind of source become one sortable UTC form."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ingest.sources.dates import normalize_published
from storage import Store

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-12-04", "2026-12-04T00:00:00+00:00"),
        ("2026-12-04T08:30:00+01:00", "2026-12-04T07:30:00+00:00"),
        ("2026-12-04T08:30:00Z", "2026-12-04T08:30:00+00:00"),
        ("2026-12-04 08:30", "2026-12-04T08:30:00+00:00"),
        ("Fri, 04 Dec 2026 08:30:00 GMT", "2026-12-04T08:30:00+00:00"),
        ("Thu, 03 Dec 2026 22:15:00 -0500", "2026-12-04T03:15:00+00:00"),
        ("2026-12-03T23:59:59.123456+00:00", "2026-12-03T23:59:59+00:00"),
        ("2026-12-05T11:00:00+00:00", "2026-12-05T11:00:00+00:00"),  # within a day: kept
        ("2031-01-01", None),  # in the future: a wrong date
        ("yesterday", None),
        ("", None),
        (None, None),
        ("x" * 100, None),
    ],
)
def test_normalize_published(raw: str | None, expected: str | None) -> None:
    assert normalize_published(raw, NOW) == expected


async def test_latest_orders_by_publication_date_and_stores_it_normalised(store: Store) -> None:
    from ingest.model import ArticleInput
    from tests.conftest import make_analysis

    for article_id, published in (("old", "Mon, 01 Jan 2024 10:00:00 GMT"), ("undated", None)):
        text, analysis = make_analysis(f"Story {article_id}", "Body text of the story.")
        article = ArticleInput(article_id, text, published=published)
        summaries = {"short": (), "default": (), "long": ()}
        await store.save(article, analysis, summaries)
    text, analysis = make_analysis("Story new", "Body text of the story.")
    await store.save(
        ArticleInput("new", text, published="2026-11-21T09:00:00+00:00"),
        analysis,
        {"short": (), "default": (), "long": ()},
    )
    latest = await store.articles.latest()
    assert [a.id for a in latest] == ["new", "undated", "old"]
    assert latest[2].published == "2024-01-01T10:00:00+00:00" and latest[2].date == "2024-01-01"
    plan = await store.db.execute_fetchall(
        "EXPLAIN QUERY PLAN SELECT key FROM articles a "
        "ORDER BY coalesce(a.published, a.ingested_at) DESC, a.key DESC LIMIT 10"
    )
    assert "articles_by_date" in " ".join(str(row) for row in plan)
