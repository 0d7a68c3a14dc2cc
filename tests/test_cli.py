"""The command line: exit codes, counts, failures per file, the analyze JSON shape."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.conftest import SEED

ANALYZE_KEYS = ["id", "title", "dateline", "summary", "quotes", "reported", "people"]
QUOTE_KEYS = {"text", "start", "end", "speaker", "speaker_role", "cue", "kind"}


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "store.db"
    monkeypatch.setenv("NEWSROOM_DB", str(db))
    monkeypatch.chdir(tmp_path)
    return db


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_ingest_counts_and_idempotence(env: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    (folder / "second.txt").write_text(
        "Second story\n\nMayor Ann Lee said: “We will rebuild.”", encoding="utf-8"
    )
    assert run(capsys, "ingest", str(folder)) == (
        0,
        "2 new, 0 updated, 0 unchanged, 0 failed\n",
        "",
    )
    assert run(capsys, "ingest", str(folder))[1] == "0 new, 0 updated, 2 unchanged, 0 failed\n"
    (folder / "second.txt").write_text("Second story\n\nA new version.", encoding="utf-8")
    assert run(capsys, "ingest", str(folder))[1] == "0 new, 1 updated, 1 unchanged, 0 failed\n"
    code, out, _ = run(capsys, "stats")
    assert code == 0 and "articles: 2\n" in out and f"database: {env}" in out


def test_bad_files_fail_alone_with_exit_status_1(env: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(SEED, folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "latin1.txt").write_bytes("Caf\xe9".encode("latin-1"))
    (folder / "huge.txt").write_bytes(b"a " * (5 * 1024 * 1024))
    code, out, err = run(capsys, "ingest", str(folder))
    assert code == 1
    assert out == "1 new, 0 updated, 0 unchanged, 4 failed\n"
    failures = sorted(err.strip().splitlines())
    assert len(failures) == 4
    assert any("binary.txt: binary file" in line for line in failures)
    assert any("empty.txt: empty file" in line for line in failures)
    assert any("huge.txt: too large (10.0 MB" in line for line in failures)
    assert any("latin1.txt: not UTF-8 text" in line for line in failures)
    assert "articles: 1\n" in run(capsys, "stats")[1]


def test_analyze_prints_the_documented_shape(env: Path, capsys) -> None:
    code, out, err = run(capsys, "analyze", str(SEED))
    assert (code, err) == (0, "")
    [line] = out.splitlines()
    record = json.loads(line)
    assert list(record) == ANALYZE_KEYS
    assert record["id"] == SEED.stem
    assert record["title"].startswith("Kazakhstan’s experience")
    assert record["dateline"] == {
        "place": "Astana",
        "country": "Kazakhstan",
        "date": "December 15",
        "agency": "ANI",
    }
    assert len(record["summary"]) == 3
    text = SEED.read_text(encoding="utf-8")
    assert record["quotes"]
    for quote in record["quotes"]:
        assert set(quote) == QUOTE_KEYS
        assert text[quote["start"] : quote["end"]] == quote["text"]
    for person in record["people"]:
        assert set(person) == {"name", "role", "mentions", "quoted"}


def test_analyze_sentences_option_and_jsonl(env: Path, tmp_path: Path, capsys) -> None:
    body = " ".join(f"Sentence number {n} is about the harbour project." for n in range(8))
    records = [
        {"id": "x1", "title": "Harbour", "text": body},
        {"id": "x2", "text": "Only one sentence here."},
    ]
    feed = tmp_path / "in.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n{broken\n", encoding="utf-8")
    code, out, err = run(capsys, "analyze", "--jsonl", "--sentences", "1", str(feed))
    assert code == 1 and "in.jsonl:3: invalid JSON" in err
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["id"] == "x1" and first["title"] == "Harbour" and len(first["summary"]) == 1
    assert second["summary"] == ["Only one sentence here."]


def test_analyze_refuses_bad_sentence_counts(env: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["analyze", "--sentences", "0", str(SEED)])
    assert exited.value.code == 2
    assert "must be at least 1" in capsys.readouterr().err


def test_malformed_configuration_names_the_variable(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("NEWSROOM_ADMINS", "12,abc")
    code, _, err = run(capsys, "stats")
    assert code == 2 and "NEWSROOM_ADMINS" in err and "'abc'" in err


def test_reindex_reanalyses_older_rows(env: Path, capsys) -> None:
    run(capsys, "ingest", str(SEED))
    import sqlite3

    with sqlite3.connect(env) as raw:
        raw.execute("UPDATE articles SET analyzer_version = 0")
    assert "outdated analyses: 1" in run(capsys, "stats")[1]
    assert run(capsys, "reindex")[:2] == (0, "1 re-analysed, 0 failed\n")
    assert "outdated analyses: 0" in run(capsys, "stats")[1]
    assert run(capsys, "reindex")[:2] == (0, "0 re-analysed, 0 failed\n")


def test_console_script_reads_stdin(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("newsroom-bot")
    if not script.exists():
        pytest.skip("console script not installed in this environment")
    env = {**os.environ, "NEWSROOM_DB": str(tmp_path / "s.db")}
    done = subprocess.run(
        [str(script), "ingest", "-"],
        input="Piped headline\n\nThe council said: “We agree.”".encode(),
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == "1 new, 0 updated, 0 unchanged, 0 failed\n"
    missing = subprocess.run(
        [str(script), "ingest", str(tmp_path / "missing.txt")],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert missing.returncode == 1
    assert b"missing.txt: no such file or folder" in missing.stderr


def test_feeds_add_list_remove(tmp_path: Path) -> None:
    db = str(tmp_path / "feeds.db")
    out = io.StringIO()
    assert main(["--db", db, "feeds", "add", "https://example.org/rss", "--minutes", "5"], out) == 0
    assert out.getvalue() == "added: feed 1 https://example.org/rss (every 5 min)\n"
    out = io.StringIO()
    assert main(["--db", db, "feeds", "add", "https://example.org/rss"], out) == 0
    assert out.getvalue().startswith("already there: feed 1")
    assert main(["--db", db, "feeds", "add", "file:///etc/passwd"], io.StringIO()) == 2
    out = io.StringIO()
    assert main(["--db", db, "feeds", "list"], out) == 0
    assert out.getvalue().startswith("1\thttps://example.org/rss\t-\tevery 5 min\t0 articles")
    out = io.StringIO()
    assert main(["--db", db, "feeds", "remove", "1"], out) == 0
    assert out.getvalue() == "removed: feed 1 https://example.org/rss\n"
    assert main(["--db", db, "feeds", "remove", "1"], io.StringIO()) == 1


def test_ingest_takes_saved_pages_and_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.feed_kit import article_html, story
    from tests.web_fixtures import Reply, serving_in_thread

    title, paragraphs = story(5)
    saved = tmp_path / "saved.html"
    saved.write_text(
        article_html(title, paragraphs, url="https://valley.example/5", published="2026-11-02"),
        encoding="utf-8",
    )
    db = str(tmp_path / "pages.db")
    other_title, other = story(6)
    routes = {"/menu": Reply(body=b"<html><body><nav>Home</nav></body></html>")}
    with serving_in_thread(routes) as web:
        page = article_html(other_title, other, url=web.url("/6"), published="2026-11-03")
        web.routes["/6"] = Reply(body=page.encode())
        monkeypatch.setenv("NEWSROOM_ALLOW_PRIVATE_URLS", "1")
        out = io.StringIO()
        status = main(["--db", db, "ingest", str(saved), web.url("/6"), web.url("/menu")], out)
        assert status == 1 and out.getvalue() == "2 new, 0 updated, 0 unchanged, 1 failed\n"
        monkeypatch.setenv("NEWSROOM_ALLOW_PRIVATE_URLS", "0")
        out = io.StringIO()
        assert main(["--db", db, "ingest", web.url("/6")], out) == 1
        assert out.getvalue().endswith("1 failed\n")
    out = io.StringIO()
    assert main(["--db", db, "stats"], out) == 0
    assert "articles: 2" in out.getvalue()
