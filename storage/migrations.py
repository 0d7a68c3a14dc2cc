"""Numbered schema migrations, applied in order inside transactions (``PRAGMA user_version``)."""

from __future__ import annotations

import aiosqlite

# Each entry is one migration; its number is its position + 1. Never edit a shipped entry:
# append a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        key INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        given_title TEXT,
        text TEXT NOT NULL,
        body TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        source TEXT,
        url TEXT,
        published TEXT,
        ingested_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        analyzer_version INTEGER NOT NULL,
        dateline_place TEXT,
        dateline_country TEXT,
        dateline_date TEXT,
        dateline_agency TEXT,
        summary_short TEXT NOT NULL,
        summary TEXT NOT NULL,
        summary_long TEXT NOT NULL
    );
    CREATE INDEX articles_by_ingested ON articles (ingested_at DESC, key DESC);
    CREATE INDEX articles_by_updated ON articles (updated_at);
    CREATE INDEX articles_by_version ON articles (analyzer_version);

    CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        surname TEXT NOT NULL,
        role TEXT,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
    );
    CREATE INDEX people_by_surname ON people (surname);

    CREATE TABLE person_aliases (
        person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        alias_key TEXT NOT NULL,
        PRIMARY KEY (person_id, alias_key)
    ) WITHOUT ROWID;
    CREATE INDEX person_aliases_by_key ON person_aliases (alias_key);

    CREATE TABLE mentions (
        person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        article_key INTEGER NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
        role TEXT,
        organisation TEXT,
        mentions INTEGER NOT NULL,
        quotes INTEGER NOT NULL,
        PRIMARY KEY (person_id, article_key)
    ) WITHOUT ROWID;
    CREATE INDEX mentions_by_article ON mentions (article_key, mentions DESC);

    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        article_key INTEGER NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('direct', 'partial', 'reported')),
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        speaker TEXT,
        speaker_role TEXT,
        speaker_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
        cue TEXT
    );
    CREATE INDEX quotes_by_article ON quotes (article_key, position);
    CREATE INDEX quotes_by_speaker ON quotes (speaker_id, article_key DESC);

    CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, body, content='articles', content_rowid='key',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, body) VALUES (new.key, new.title, new.body);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, body)
        VALUES ('delete', old.key, old.title, old.body);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, body)
        VALUES ('delete', old.key, old.title, old.body);
        INSERT INTO articles_fts (rowid, title, body) VALUES (new.key, new.title, new.body);
    END;

    CREATE VIRTUAL TABLE quotes_fts USING fts5 (
        text, speaker, content='quotes', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts (rowid, text, speaker) VALUES (new.id, new.text, new.speaker);
    END;
    CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker)
        VALUES ('delete', old.id, old.text, old.speaker);
    END;

    CREATE TABLE members (
        kind TEXT NOT NULL CHECK (kind IN ('user', 'chat')),
        telegram_id INTEGER NOT NULL,
        label TEXT,
        added_by INTEGER,
        added_at TEXT NOT NULL,
        PRIMARY KEY (kind, telegram_id)
    ) WITHOUT ROWID;
    """,
    """
    CREATE TABLE digest_subscriptions (
        chat_id INTEGER PRIMARY KEY,
        chat_kind TEXT NOT NULL,
        chat_title TEXT,
        time TEXT NOT NULL,
        timezone TEXT NOT NULL,
        days TEXT NOT NULL CHECK (days IN ('daily', 'weekdays')),
        max_items INTEGER NOT NULL CHECK (max_items BETWEEN 1 AND 50),
        include_words TEXT NOT NULL DEFAULT '[]',
        exclude_words TEXT NOT NULL DEFAULT '[]',
        post_empty INTEGER NOT NULL DEFAULT 1,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
        paused_reason TEXT,
        watermark TEXT NOT NULL,
        created_by INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );

    CREATE TABLE digest_runs (
        chat_id INTEGER NOT NULL
            REFERENCES digest_subscriptions (chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
        due_at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'expired')),
        since TEXT NOT NULL,
        until TEXT NOT NULL,
        parts TEXT NOT NULL,
        sent_parts INTEGER NOT NULL DEFAULT 0,
        items INTEGER NOT NULL,
        claimed_at TEXT NOT NULL,
        finished_at TEXT,
        error TEXT,
        PRIMARY KEY (chat_id, due_at)
    ) WITHOUT ROWID;
    CREATE INDEX digest_runs_by_state ON digest_runs (state, chat_id);
    CREATE TRIGGER digest_runs_sent AFTER UPDATE OF state ON digest_runs
    WHEN new.state = 'sent' AND old.state != 'sent' BEGIN
        UPDATE digest_subscriptions SET watermark = new.until
        WHERE chat_id = new.chat_id AND watermark < new.until;
    END;
    """,
    """
    ALTER TABLE members ADD COLUMN role TEXT NOT NULL DEFAULT 'reader'
        CHECK (role IN ('reader', 'editor'));

    CREATE INDEX articles_by_url ON articles (url) WHERE url IS NOT NULL;
    CREATE INDEX articles_by_hash ON articles (content_hash);
    CREATE INDEX articles_by_date ON articles (coalesce(published, ingested_at) DESC, key DESC);

    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT,
        site_url TEXT,
        interval_minutes INTEGER NOT NULL CHECK (interval_minutes >= 1),
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'stopped')),
        etag TEXT,
        last_modified TEXT,
        next_poll_at TEXT NOT NULL,
        last_polled_at TEXT,
        last_success_at TEXT,
        last_error TEXT,
        last_error_at TEXT,
        error_count INTEGER NOT NULL DEFAULT 0,
        failure_notified INTEGER NOT NULL DEFAULT 0,
        articles_taken INTEGER NOT NULL DEFAULT 0,
        added_by INTEGER,
        added_at TEXT NOT NULL
    );

    CREATE TABLE feed_entries (
        feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
        entry_key TEXT NOT NULL,
        url TEXT,
        title TEXT,
        published TEXT,
        content TEXT,
        state TEXT NOT NULL CHECK (state IN ('pending', 'stored', 'given_up')),
        article_key INTEGER REFERENCES articles (key) ON DELETE SET NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT NOT NULL,
        last_attempt_at TEXT,
        error TEXT,
        PRIMARY KEY (feed_id, entry_key)
    ) WITHOUT ROWID;
    CREATE INDEX feed_entries_pending ON feed_entries (feed_id, state, first_seen);
    """,
    """
    CREATE TABLE user_notices (
        user_id INTEGER NOT NULL,
        notice TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        PRIMARY KEY (user_id, notice)
    ) WITHOUT ROWID;
    """,
    """
    CREATE TABLE watches (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL,
        number INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('person', 'words')),
        label TEXT NOT NULL,
        match_key TEXT NOT NULL,
        person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
        paused_reason TEXT,
        after_key INTEGER NOT NULL,
        created_by INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (chat_id, number),
        UNIQUE (chat_id, kind, match_key)
    );
    CREATE INDEX watches_by_status ON watches (status, kind);
    CREATE INDEX watches_by_person ON watches (person_id) WHERE person_id IS NOT NULL;

    CREATE TABLE watch_alerts (
        watch_id INTEGER NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
        article_key INTEGER NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'expired')),
        claimed_at TEXT NOT NULL,
        finished_at TEXT,
        error TEXT,
        PRIMARY KEY (watch_id, article_key)
    ) WITHOUT ROWID;
    CREATE INDEX watch_alerts_by_state ON watch_alerts (state, article_key);
    CREATE INDEX watch_alerts_by_article ON watch_alerts (article_key);

    CREATE TABLE watch_scan (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        last_key INTEGER NOT NULL
    );
    INSERT INTO watch_scan (id, last_key) SELECT 1, coalesce(max(key), 0) FROM articles;
    """,
    """
    ALTER TABLE digest_runs ADD COLUMN owner TEXT;
    ALTER TABLE digest_runs ADD COLUMN lease_until TEXT;
    """,
    # The deployment's send schedule (storage.send_budget): the next free instant per budget,
    # in unix seconds of the database's clock. Short-lived: not copied by migrate-store.
    """
    CREATE TABLE send_budget (
        name TEXT PRIMARY KEY,
        next_at REAL NOT NULL
    ) WITHOUT ROWID;
    """,
    # Page buttons' references too long for callback data (storage.page_refs).
    """
    CREATE TABLE page_refs (
        id INTEGER PRIMARY KEY,
        ref TEXT NOT NULL UNIQUE,
        used_at TEXT NOT NULL
    );
    CREATE INDEX page_refs_by_use ON page_refs (used_at);
    """,
    # Parts of pastes not yet handed on (storage.paste_parts), arrival in unix seconds of the
    # database's clock. Short-lived: not copied by migrate-store.
    """
    CREATE TABLE paste_parts (
        user_id INTEGER NOT NULL,
        chat_id INTEGER NOT NULL,
        message_id INTEGER NOT NULL,
        text TEXT NOT NULL,
        received_at REAL NOT NULL,
        PRIMARY KEY (user_id, chat_id, message_id)
    ) WITHOUT ROWID;
    """,
    """
    -- Each person's totals over all articles, kept by triggers on mentions: a look-up by name
    -- reads one row instead of summing a famous person's 100,000s of mentions.
    ALTER TABLE people ADD COLUMN mentions_total INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE people ADD COLUMN quotes_total INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE people ADD COLUMN articles_total INTEGER NOT NULL DEFAULT 0;
    UPDATE people SET (mentions_total, quotes_total, articles_total) = (
        SELECT coalesce(sum(mentions), 0), coalesce(sum(quotes), 0), count(*)
        FROM mentions WHERE person_id = people.id
    );
    CREATE TRIGGER mentions_totals_insert AFTER INSERT ON mentions BEGIN
        UPDATE people SET mentions_total = mentions_total + new.mentions,
            quotes_total = quotes_total + new.quotes, articles_total = articles_total + 1
        WHERE id = new.person_id;
    END;
    CREATE TRIGGER mentions_totals_delete AFTER DELETE ON mentions BEGIN
        UPDATE people SET mentions_total = mentions_total - old.mentions,
            quotes_total = quotes_total - old.quotes, articles_total = articles_total - 1
        WHERE id = old.person_id;
    END;
    CREATE TRIGGER mentions_totals_update AFTER UPDATE ON mentions BEGIN
        UPDATE people SET mentions_total = mentions_total - old.mentions,
            quotes_total = quotes_total - old.quotes, articles_total = articles_total - 1
        WHERE id = old.person_id;
        UPDATE people SET mentions_total = mentions_total + new.mentions,
            quotes_total = quotes_total + new.quotes, articles_total = articles_total + 1
        WHERE id = new.person_id;
    END;
    """,
)


async def migrate(db: aiosqlite.Connection) -> int:
    """Bring the schema up to date; returns the resulting version."""
    async with db.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    current = int(row[0]) if row else 0
    if current > len(MIGRATIONS):
        raise RuntimeError(
            f"database schema version {current} is newer than this program "
            f"({len(MIGRATIONS)}); upgrade newsroom-bot"
        )
    for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
        statements = [s for s in _split_statements(script) if s.strip()]
        await db.execute("BEGIN IMMEDIATE")
        try:
            for statement in statements:
                await db.execute(statement)
            await db.execute(f"PRAGMA user_version = {number:d}")
        except BaseException:
            await db.rollback()
            raise
        await db.commit()
    return len(MIGRATIONS)


def _split_statements(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies (``BEGIN … END;``) whole."""
    import sqlite3

    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
