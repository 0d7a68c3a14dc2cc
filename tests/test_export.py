"""/export through the real application: CSV documents (BOM, header, rows, escaping), the
person or article found like /quotes and /people, the size cap; and the export command line."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import Config
from bot.memory_api import InMemoryBotApi
from bot.runner import run_bot
from handlers.export import Export, write_csv
from storage import Store
from storage.export import QuoteExport
from tests.bot_kit import MEMBER_ID, add_article, newsroom, running_bot, texts, user
from tests.http_bot_api import HttpBotApi
from tests.test_e2e_http import TOKEN, until

HEADER = "article,article_id,headline,date,url,speaker,role,kind,text"


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


async def tricky_article(store: Store) -> int:
    return await add_article(
        store,
        "bakery",
        'Bellamy & Sons win "best loaf" <b>award</b>',
        'Owner Ann Lee said we bake at 4am, every day, "rain or shine". The jury agreed.',
        quotes=(('we bake at 4am, every day, "rain or shine"', "Ann Lee"),),
        people=(("Ann Lee", "owner, Bellamy & Sons", ("Lee",)),),
        url="https://example.org/bakery?a=1&b=2",
    )


async def test_quotes_of_a_person_as_a_csv_document(store: Store) -> None:
    await newsroom(store)
    async for bot in running_bot(store):
        calls = await bot.send("/export quotes Azimova", user_id=MEMBER_ID)
        [(chat_id, upload, caption)] = bot.api.documents
        assert chat_id == MEMBER_ID and [c.method for c in calls][-1] == "sendDocument"
        assert upload.file_name.startswith("quotes-elvira-azimova-")
        assert upload.file_name.endswith(".csv") and upload.mime_type == "text/csv"
        assert caption == "💾 2 quotes: quotes of Elvira Azimova."
        assert upload.data.decode("utf-8-sig").splitlines()[0] == HEADER
        rows = read_csv(upload.data)
        assert [(r["article"], r["speaker"], r["kind"], r["text"]) for r in rows] == [
            ("3", "Elvira Azimova", "direct", "courts need more money"),
            ("1", "Elvira Azimova", "direct", "the reforms protect children and women"),
        ]
        assert rows[1]["url"] == "https://example.org/un-rights"
        assert rows[1]["headline"] == "Kazakhstan presents human rights reforms at the UN"


async def test_quotes_of_an_article_keep_commas_quotes_newlines_and_markup(store: Store) -> None:
    key = await tricky_article(store)
    async for bot in running_bot(store):
        await bot.send(f"/export quotes {key}", user_id=MEMBER_ID)
        [(_, upload, caption)] = bot.api.documents
        assert upload.file_name.startswith(f"quotes-article-{key}-")
        assert (
            caption == f'💾 1 quote: quotes of #{key} Bellamy & Sons win "best loaf" <b>award</b>.'
        )
        [row] = read_csv(upload.data)
        assert row["headline"] == 'Bellamy & Sons win "best loaf" <b>award</b>'
        assert row["text"] == 'we bake at 4am, every day, "rain or shine"'
        assert row["url"] == "https://example.org/bakery?a=1&b=2"
        raw = upload.data.decode("utf-8-sig")
        assert '"we bake at 4am, every day, ""rain or shine"""' in raw


async def test_people_of_an_article_of_a_reply_and_of_everything(store: Store) -> None:
    await newsroom(store)
    async for bot in running_bot(store):
        await bot.send("/export people 3", user_id=MEMBER_ID)
        await bot.send("/summary 1", user_id=MEMBER_ID)
        card = bot.api.last_bot_message(MEMBER_ID)
        await bot.send("/export people", user_id=MEMBER_ID, reply_to=card)
        await bot.send("/export people", user_id=MEMBER_ID)
        (_, of_three, _), (_, of_reply, _), (_, of_all, caption) = bot.api.documents
        assert of_three.data.decode("utf-8-sig").splitlines()[0] == (
            "name,role,mentions,quotes,article,article_id,headline,date,url"
        )
        assert [(r["name"], r["quotes"]) for r in read_csv(of_three.data)] == [
            ("Elvira Azimova", "1"),
            ("Maria Okafor", "1"),
        ]
        assert [r["name"] for r in read_csv(of_reply.data)] == ["Elvira Azimova", "Zhanat Ernst"]
        assert [(r["article"], r["name"]) for r in read_csv(of_all.data)] == [
            ("3", "Elvira Azimova"),
            ("3", "Maria Okafor"),
            ("2", "Tom Brennan"),
            ("1", "Elvira Azimova"),
            ("1", "Zhanat Ernst"),
        ]
        assert of_all.file_name.startswith("people-all-")
        assert caption == "💾 5 rows: people of every article, newest first."


async def test_bad_or_empty_exports_get_a_short_reply(store: Store) -> None:
    await newsroom(store)
    await add_article(store, "quiet", "A quiet day", "Nothing was said. Nobody spoke.")
    async for bot in running_bot(store):
        cases = {
            "/export": "Usage: /export quotes <person | article> or /export people [article]",
            "/export everything": "Usage: /export quotes",
            "/export people zzzzqqq": "No article matches “zzzzqqq”.",
            "/export quotes zzzzqqq": "No person or article matches “zzzzqqq”.",
            "/export quotes 4": "Nothing to export: no quotes of #4 A quiet day.",
        }
        for command, expected in cases.items():
            [reply] = texts(await bot.send(command, user_id=MEMBER_ID))
            assert reply.startswith(expected), (command, reply)
        assert bot.api.documents == []


async def rows_of(count: int):
    for number in range(count):
        yield QuoteExport(
            number, f"a{number}", "Title", "2026-03-20", None, "X", None, "direct", "t"
        )


async def test_a_large_export_stops_whole_rows_under_the_limit() -> None:
    export = Export(rows_of(1000), QuoteExport, "quotes", "quotes.csv")
    file = io.BytesIO()
    written = await write_csv(export, file, limit=5000)
    assert not written.complete and 0 < written.rows < 1000
    data = file.getvalue()
    assert len(data) <= 5000
    assert len(read_csv(data)) == written.rows
    small = io.BytesIO()
    assert (await write_csv(Export(rows_of(3), QuoteExport, "q", "q.csv"), small)).complete


# The command line ---------------------------------------------------------------------------
@pytest.fixture
async def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store.db"
    monkeypatch.setenv("NEWSROOM_DB", str(path))
    async with await Store.open(path) as store:
        await newsroom(store)
        await tricky_article(store)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_exports_quotes_as_csv_to_stdout(db: Path, capsys) -> None:
    code, out, err = run(capsys, "export", "quotes")
    assert (code, err) == (0, "")
    assert not out.startswith("\ufeff")  # a pipe gets no byte order mark
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["article"] for r in rows] == ["1", "1", "2", "3", "3", "4"]
    assert rows[-1]["text"] == 'we bake at 4am, every day, "rain or shine"'


def test_cli_exports_jsonl_to_a_file_since_a_date(db: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "out" / "people.jsonl"
    code, out, err = run(
        capsys, "export", "people", "--format", "jsonl", "--since", "2000-01-01", "-o", str(target)
    )
    assert (code, out) == (0, "") and err == f"6 rows written to {target}\n"
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert records[-1] == {
        "name": "Ann Lee",
        "role": "owner, Bellamy & Sons",
        "mentions": 2,
        "quotes": 1,
        "article": 4,
        "article_id": "bakery",
        "headline": 'Bellamy & Sons win "best loaf" <b>award</b>',
        "date": records[-1]["date"],
        "url": "https://example.org/bakery?a=1&b=2",
    }
    code, out, _ = run(capsys, "export", "articles", "--format", "jsonl", "--since", "2999-01-01")
    assert (code, out) == (0, "")


def test_cli_exports_articles_since_an_instant_to_a_csv_file_with_bom(
    db: Path, tmp_path: Path, capsys
) -> None:
    _, everything, _ = run(capsys, "export", "articles", "--format", "jsonl")
    stamps = [json.loads(line)["ingested_at"] for line in everything.splitlines()]
    target = tmp_path / "articles.csv"
    code, _, err = run(capsys, "export", "articles", "--since", stamps[2], "-o", str(target))
    assert code == 0 and err == f"2 rows written to {target}\n"
    rows = read_csv(target.read_bytes())
    assert [(r["article"], r["quotes"], r["people"]) for r in rows] == [
        ("3", "2", "2"),
        ("4", "1", "1"),
    ]


def test_cli_refuses_a_malformed_since(db: Path, capsys) -> None:
    code, out, err = run(capsys, "export", "quotes", "--since", "last tuesday")
    assert code == 2 and out == ""
    assert "--since: 'last tuesday' is not a date (YYYY-MM-DD) or ISO 8601 instant" in err


async def test_an_export_is_uploaded_through_the_real_http_client(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("all_proxy", raising=False)
    await newsroom(store)
    await tricky_article(store)
    api = InMemoryBotApi()
    server = HttpBotApi(api)
    base_url = await server.start()
    config = Config(telegram_token=TOKEN, telegram_api_base_url=base_url, admins=frozenset({11}))
    stop = asyncio.Event()
    running = asyncio.create_task(run_bot(config, store, stop=stop))
    try:
        await until(lambda: "getUpdates" in server.methods())
        api.push_update({"message": api.user_message(11, user(11), "/export people")})
        await until(lambda: api.documents)
    finally:
        stop.set()
        assert await asyncio.wait_for(running, 15) == 0
        await server.stop()
    [(chat_id, upload, caption)] = api.documents
    assert chat_id == 11 and upload.file_name.startswith("people-all-")
    assert caption == "💾 6 rows: people of every article, newest first."
    rows = read_csv(upload.data)
    assert (rows[0]["name"], rows[0]["role"]) == ("Ann Lee", "owner, Bellamy & Sons")
    assert rows[0]["headline"] == 'Bellamy & Sons win "best loaf" <b>award</b>'
