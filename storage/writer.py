"""Writing one analysed article: article row, quotes, people, mentions — in one transaction."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime

from ingest.model import Analysis, Person, Quote
from ingest.sources.dates import normalize_published
from storage.names import name_key, surname_key
from storage.rows import ArticleInput, IngestOutcome


def storable(article: ArticleInput) -> ArticleInput:
    """``article`` with NUL characters removed from its id, title, url, date and source.

    PostgreSQL text cannot hold NUL (the article would fail there and be stored on SQLite);
    both backends store the article without them, and a look-up by an id with NUL finds it
    (``storage.postgres.values.pg_text``). The text keeps them: the readers refuse a text
    with NUL, and the analysis offsets point into the text as it is.
    """
    fields = {
        name: value.replace("\x00", "")
        for name in ("id", "title", "url", "published", "source")
        if isinstance(value := getattr(article, name), str) and "\x00" in value
    }
    return dataclasses.replace(article, **fields) if fields else article


def content_hash(article: ArticleInput) -> str:
    digest = hashlib.sha256()
    for part in (article.title or "", article.text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


def _dateline_parts(analysis: Analysis) -> tuple[str | None, ...]:
    d = analysis.dateline
    if d is None:
        return (None, None, None, None)
    return (d.place, d.country, d.date, d.agency)


def _body(article: ArticleInput, analysis: Analysis) -> str:
    return "\n\n".join(p.text for p in analysis.paragraphs) or article.text


def write_article(
    db: sqlite3.Connection,
    article: ArticleInput,
    analysis: Analysis,
    summaries: dict[str, Sequence[str]],
    now: str,
) -> IngestOutcome:
    """Insert or update one article; the caller owns the transaction."""
    article = storable(article)
    digest = content_hash(article)
    existing = db.execute(
        "SELECT key, content_hash, analyzer_version FROM articles WHERE id = ?", (article.id,)
    ).fetchone()
    if existing is not None and existing[1] == digest and existing[2] == analysis.version:
        return "unchanged"

    values = (
        analysis.title or article.title or article.id,
        article.title,
        article.text,
        _body(article, analysis),
        digest,
        article.source,
        article.url,
        normalize_published(article.published, datetime.fromisoformat(now)),
        analysis.version,
        *_dateline_parts(analysis),
        json.dumps(list(summaries["short"]), ensure_ascii=False),
        json.dumps(list(summaries["default"]), ensure_ascii=False),
        json.dumps(list(summaries["long"]), ensure_ascii=False),
    )
    if existing is None:
        row = db.execute(
            """
            INSERT INTO articles (
                title, given_title, text, body, content_hash, source, url, published,
                analyzer_version,
                dateline_place, dateline_country, dateline_date, dateline_agency,
                summary_short, summary, summary_long, id, ingested_at, updated_at
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING key
            """,
            (*values, article.id, now, now),
        ).fetchone()
        assert row is not None
        key = int(row[0])
        outcome: IngestOutcome = "new"
    else:
        key = int(existing[0])
        db.execute(
            """
            UPDATE articles SET
                title = ?, given_title = ?, text = ?, body = ?, content_hash = ?, source = ?,
                url = ?,
                published = ?, analyzer_version = ?, dateline_place = ?, dateline_country = ?,
                dateline_date = ?, dateline_agency = ?, summary_short = ?, summary = ?,
                summary_long = ?, updated_at = ?
            WHERE key = ?
            """,
            (*values, now, key),
        )
        _clear_article(db, key)
        outcome = "updated"

    person_ids = _write_people(db, key, analysis.people, now)
    _write_quotes(db, key, (*analysis.quotes, *analysis.reported), person_ids)
    return outcome


def _clear_article(db: sqlite3.Connection, key: int) -> None:
    previous = [
        int(r[0])
        for r in db.execute(
            "SELECT person_id FROM mentions WHERE article_key = ?", (key,)
        ).fetchall()
    ]
    db.execute("DELETE FROM quotes WHERE article_key = ?", (key,))
    db.execute("DELETE FROM mentions WHERE article_key = ?", (key,))
    if previous:
        db.executemany(
            """
            DELETE FROM people WHERE id = ?
            AND NOT EXISTS (SELECT 1 FROM mentions WHERE person_id = people.id)
            """,
            [(p,) for p in previous],
        )


def _write_people(
    db: sqlite3.Connection, key: int, people: Sequence[Person], now: str
) -> dict[str, int]:
    """Upsert people and their mentions; returns every name/alias key → person id."""
    ids: dict[str, int] = {}
    mention_rows = []
    alias_rows = []
    for person in people:
        pkey = name_key(person.name)
        if not pkey or pkey in ids:
            continue
        row = db.execute(
            """
            INSERT INTO people (name, name_key, surname, role, first_seen, last_seen)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (name_key) DO UPDATE SET
                role = coalesce(excluded.role, people.role),
                last_seen = excluded.last_seen
            RETURNING id
            """,
            (person.name, pkey, surname_key(person.name), person.role, now, now),
        ).fetchone()
        assert row is not None
        person_id = int(row[0])
        ids[pkey] = person_id
        for alias in (person.name, *person.aliases):
            akey = name_key(alias)
            if akey:
                ids.setdefault(akey, person_id)
                alias_rows.append((person_id, alias, akey))
        mention_rows.append(
            (person_id, key, person.role, person.organisation, person.mentions, person.quotes)
        )
    if alias_rows:
        db.executemany(
            "INSERT OR IGNORE INTO person_aliases (person_id, alias, alias_key) VALUES (?, ?, ?)",
            alias_rows,
        )
    if mention_rows:
        db.executemany(
            # An upsert, not OR REPLACE: a replaced row fires no delete trigger (the totals).
            """
            INSERT INTO mentions (person_id, article_key, role, organisation, mentions, quotes)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (person_id, article_key) DO UPDATE SET
                role = excluded.role, organisation = excluded.organisation,
                mentions = excluded.mentions, quotes = excluded.quotes
            """,
            mention_rows,
        )
    return ids


def _write_quotes(
    db: sqlite3.Connection, key: int, quotes: Sequence[Quote], person_ids: dict[str, int]
) -> None:
    rows = [
        (
            key,
            q.kind,
            position,
            q.text,
            q.start,
            q.end,
            q.speaker,
            q.speaker_role,
            person_ids.get(name_key(q.speaker)) if q.speaker else None,
            q.cue,
        )
        for position, q in enumerate(quotes)
    ]
    if rows:
        db.executemany(
            """
            INSERT INTO quotes (article_key, kind, position, text, start, "end", speaker,
                                speaker_role, speaker_id, cue)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            rows,
        )
