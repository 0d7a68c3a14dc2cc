"""Writing one analysed article to PostgreSQL: article, quotes, people, mentions — one
transaction that several processes may run at once.

- The article row is locked (``FOR UPDATE``) or inserted with ``ON CONFLICT (id) DO
  NOTHING``; a process that lost the race to insert reads the winner's row and goes on as an
  update (or finds it unchanged), so one id is one article.
- People are upserted on their unique ``name_key`` inside the article's transaction, in key
  order so that two writers take their row locks in the same order.
- People left without mentions by an update are locked before the delete checks for
  mentions again, so a person another writer is adding a mention to is never removed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

import asyncpg

from ingest.model import Analysis, Person, Quote
from ingest.sources.dates import normalize_published
from storage.names import name_key, surname_key
from storage.postgres.watches import SCAN_LOCK
from storage.postgres.words import fold
from storage.rows import ArticleInput, IngestOutcome
from storage.writer import _body, _dateline_parts, content_hash, storable

_ARTICLE_SEARCH = "setweight(to_tsvector('simple', $17), 'A') || to_tsvector('simple', $18)"


async def write_article(
    db: asyncpg.Connection,
    article: ArticleInput,
    analysis: Analysis,
    summaries: dict[str, Sequence[str]],
    now: str,
) -> IngestOutcome:
    """Insert or update one article; the caller owns the transaction."""
    article = storable(article)
    # Shared with every other writer; the watch scan takes it alone to see a safe horizon.
    await db.execute("SELECT pg_advisory_xact_lock_shared($1)", SCAN_LOCK)
    digest = content_hash(article)
    title = analysis.title or article.title or article.id
    body = _body(article, analysis)
    values = (
        title,
        article.title,
        article.text,
        body,
        digest,
        article.source,
        article.url,
        normalize_published(article.published, datetime.fromisoformat(now)),
        analysis.version,
        *_dateline_parts(analysis),
        json.dumps(list(summaries["short"]), ensure_ascii=False),
        json.dumps(list(summaries["default"]), ensure_ascii=False),
        json.dumps(list(summaries["long"]), ensure_ascii=False),
        fold(title),
        fold(body),
    )
    while True:
        existing = await db.fetchrow(
            "SELECT key, content_hash, analyzer_version FROM articles WHERE id = $1 FOR UPDATE",
            article.id,
        )
        if existing is not None:
            break
        key = await db.fetchval(
            f"""
            INSERT INTO articles (
                title, given_title, text, body, content_hash, source, url, published,
                analyzer_version,
                dateline_place, dateline_country, dateline_date, dateline_agency,
                summary_short, summary, summary_long, search, id, ingested_at, updated_at
            ) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                      {_ARTICLE_SEARCH}, $19, $20, $20)
            ON CONFLICT (id) DO NOTHING
            RETURNING key
            """,
            *values,
            article.id,
            now,
        )
        if key is not None:
            await _write_contents(db, int(key), analysis, now)
            return "new"
        # another process stored this id since our look: read its row, locked, and go on

    if existing["content_hash"] == digest and existing["analyzer_version"] == analysis.version:
        return "unchanged"
    key = int(existing["key"])
    await db.execute(
        f"""
        UPDATE articles SET
            title = $1, given_title = $2, text = $3, body = $4, content_hash = $5, source = $6,
            url = $7, published = $8, analyzer_version = $9, dateline_place = $10,
            dateline_country = $11, dateline_date = $12, dateline_agency = $13,
            summary_short = $14, summary = $15, summary_long = $16, search = {_ARTICLE_SEARCH},
            updated_at = $19
        WHERE key = $20
        """,
        *values,
        now,
        key,
    )
    await _clear_article(db, key)
    await _write_contents(db, key, analysis, now)
    return "updated"


async def _write_contents(db: asyncpg.Connection, key: int, analysis: Analysis, now: str) -> None:
    person_ids = await _write_people(db, key, analysis.people, now)
    await _write_quotes(db, key, (*analysis.quotes, *analysis.reported), person_ids)


async def _clear_article(db: asyncpg.Connection, key: int) -> None:
    previous = [
        int(r[0])
        for r in await db.fetch("SELECT person_id FROM mentions WHERE article_key = $1", key)
    ]
    if previous:
        # Lock first, in id order (the totals trigger of the mentions delete updates these
        # rows): a writer adding a mention of one of them holds its row until it commits,
        # and the delete of people below (a new statement) then sees that mention.
        await db.execute(
            "SELECT id FROM people WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE",
            previous,
        )
    await db.execute("DELETE FROM quotes WHERE article_key = $1", key)
    await db.execute("DELETE FROM mentions WHERE article_key = $1", key)
    if previous:
        await db.execute(
            """
            DELETE FROM people WHERE id = ANY($1::bigint[])
            AND NOT EXISTS (SELECT 1 FROM mentions WHERE person_id = people.id)
            """,
            previous,
        )


async def _write_people(
    db: asyncpg.Connection, key: int, people: Sequence[Person], now: str
) -> dict[str, int]:
    """Upsert people and their mentions; returns every name/alias key → person id.

    Which people are written and which person an alias names follow the SQLite writer:
    the article's order, a name already taken (as a name or an alias) skipped."""
    chosen: list[tuple[str, Person]] = []
    taken: set[str] = set()
    for person in people:
        pkey = name_key(person.name)
        if not pkey or pkey in taken:
            continue
        chosen.append((pkey, person))
        taken.add(pkey)
        taken.update(k for k in (name_key(a) for a in person.aliases) if k)
    person_ids: dict[str, int] = {}
    for pkey, person in sorted(chosen, key=lambda item: item[0]):
        person_ids[pkey] = int(
            await db.fetchval(
                """
                INSERT INTO people (name, name_key, surname, role, first_seen, last_seen)
                VALUES ($1, $2, $3, $4, $5, $5)
                ON CONFLICT (name_key) DO UPDATE SET
                    role = coalesce(excluded.role, people.role),
                    last_seen = excluded.last_seen
                RETURNING id
                """,
                person.name,
                pkey,
                surname_key(person.name),
                person.role,
                now,
            )
        )
    ids: dict[str, int] = {}
    alias_rows = []
    mention_rows = []
    for pkey, person in chosen:
        person_id = person_ids[pkey]
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
        await db.executemany(
            """
            INSERT INTO person_aliases (person_id, alias, alias_key) VALUES ($1, $2, $3)
            ON CONFLICT DO NOTHING
            """,
            alias_rows,
        )
    if mention_rows:
        await db.executemany(
            """
            INSERT INTO mentions (person_id, article_key, role, organisation, mentions, quotes)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (person_id, article_key) DO UPDATE SET
                role = excluded.role, organisation = excluded.organisation,
                mentions = excluded.mentions, quotes = excluded.quotes
            """,
            mention_rows,
        )
    return ids


async def _write_quotes(
    db: asyncpg.Connection, key: int, quotes: Sequence[Quote], person_ids: dict[str, int]
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
            fold(q.text),
            fold(q.speaker or ""),
        )
        for position, q in enumerate(quotes)
    ]
    if rows:
        await db.executemany(
            """
            INSERT INTO quotes (article_key, kind, position, text, start, "end", speaker,
                                speaker_role, speaker_id, cue, search)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
                    to_tsvector('simple', $11) || to_tsvector('simple', $12))
            """,
            rows,
        )
