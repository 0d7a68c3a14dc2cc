"""Export queries and formats: rows in article order read in batches, filters, CSV escaping."""

from __future__ import annotations

import csv
import io
import json

import pytest

from storage import ArticleStore, Store
from storage.export import ArticleExport, PersonExport, QuoteExport, csv_text, jsonl_text
from tests.bot_kit import newsroom


@pytest.fixture
def store(each_store: ArticleStore) -> ArticleStore:
    """Every test here runs on SQLite and on PostgreSQL."""
    return each_store


async def collect(rows) -> list:
    return [row async for row in rows]


async def test_quotes_come_in_article_order_with_their_article(store: Store) -> None:
    await newsroom(store)
    rows = await collect(store.export.quotes())
    assert [(r.article, r.speaker, r.kind, r.text) for r in rows] == [
        (1, "Elvira Azimova", "direct", "the reforms protect children and women"),
        (1, "Zhanat Ernst", "reported", "described the side events in Geneva"),
        (2, "Tom Brennan", "direct", "the harbour will create jobs"),
        (3, "Maria Okafor", "direct", "the budget is fair"),
        (3, "Elvira Azimova", "direct", "courts need more money"),
    ]
    assert rows[0].article_id == "un-rights" and rows[0].url == "https://example.org/un-rights"
    assert rows[0].headline == "Kazakhstan presents human rights reforms at the UN"
    assert len(rows[0].date) == 10


async def test_a_persons_quotes_newest_first_in_small_batches(store: Store) -> None:
    await newsroom(store)
    azimova = (await store.people.find("Azimova"))[0]
    batches = [keys async for keys in store.export.article_keys(speaker_id=azimova.id, batch=1)]
    assert batches == [[1], [3]]
    rows = await collect(store.export.quotes(person_id=azimova.id, newest_first=True))
    assert [(r.article, r.text) for r in rows] == [
        (3, "courts need more money"),
        (1, "the reforms protect children and women"),
    ]


async def test_people_of_one_article_and_articles_since_a_date(store: Store) -> None:
    await newsroom(store)
    people = await collect(store.export.people(article_key=3))
    assert [(p.name, p.role, p.quotes, p.article) for p in people] == [
        ("Elvira Azimova", "Chairman of the Constitutional Court", 1, 3),
        ("Maria Okafor", "Minister of Finance", 1, 3),
    ]
    everything = await collect(store.export.articles())
    assert [a.article for a in everything] == [1, 2, 3]
    since = everything[1].ingested_at
    later = await collect(store.export.articles(since=since))
    assert [(a.article, a.quotes, a.people) for a in later] == [(2, 1, 1), (3, 2, 2)]
    assert later[0].summary.startswith("The council approved the harbour expansion.")


TRICKY = QuoteExport(
    article=7,
    article_id="x,1",
    headline='Bellamy & Sons say "no" <b>again</b>',
    date="2026-03-20",
    url=None,
    speaker="=HYPERLINK(evil)",
    role=None,
    kind="direct",
    text="line one,\nline “two”",
)


def test_csv_quotes_commas_quotes_newlines_and_defuses_formulas() -> None:
    text = csv_text([TRICKY], QuoteExport)
    assert text.splitlines()[0] == "article,article_id,headline,date,url,speaker,role,kind,text"
    assert text.endswith("\r\n")
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row == {
        "article": "7",
        "article_id": "x,1",
        "headline": 'Bellamy & Sons say "no" <b>again</b>',
        "date": "2026-03-20",
        "url": "",
        "speaker": "'=HYPERLINK(evil)",
        "role": "",
        "kind": "direct",
        "text": "line one,\nline “two”",
    }


def test_jsonl_keeps_values_as_they_are() -> None:
    [line] = jsonl_text([TRICKY]).splitlines()
    record = json.loads(line)
    assert record["speaker"] == "=HYPERLINK(evil)" and record["url"] is None
    assert record["text"] == "line one,\nline “two”" and record["article"] == 7


def test_every_row_kind_has_its_header() -> None:
    assert csv_text([], PersonExport).strip() == (
        "name,role,mentions,quotes,article,article_id,headline,date,url"
    )
    assert csv_text([], ArticleExport).strip() == (
        "article,article_id,headline,date,published,ingested_at,url,source,summary,quotes,people"
    )
