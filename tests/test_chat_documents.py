"""Documents sent to the bot in a private chat, through the real application and the fake Bot
API (which serves ``getFile`` and the file download like Telegram does)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import AsyncIterator

import pytest

from handlers.chat_documents import refusal
from storage import Store
from tests.bot_kit import MEMBER_ID, BotHarness, buttons, sent, texts
from tests.chat_kit import EDITOR_ID, chat_bot, send_document, to_chat
from tests.test_chat_ingest import MILL

MB = 1024 * 1024


@pytest.fixture
async def bot(store: Store) -> AsyncIterator[BotHarness]:
    async for harness in chat_bot(store):
        yield harness


async def test_the_fake_bot_api_serves_a_sent_file_for_download(bot: BotHarness) -> None:
    file_id = bot.api.add_file(b"caf\xc3\xa9 au lait")
    file = await bot.app.bot.get_file(file_id)
    assert bytes(await file.download_as_bytearray()) == b"caf\xc3\xa9 au lait"
    assert [c.method for c in bot.api.calls][-2:] == ["getFile", "downloadFile"]


@pytest.mark.parametrize(
    ("name", "size", "reason"),
    [
        ("story.txt", 1000, None),
        ("Story.DOCX", 2 * MB, None),
        ("feed.jsonl", 10, None),
        ("page.HTM", 10, None),  # the reader's other spellings of a type
        ("notes.markdown", 10, None),
        (
            "scan.pdf",
            1000,
            "Cannot read scan.pdf: .pdf files are not supported. "
            "Send one of .txt, .md, .html, .json, .jsonl, .docx.",
        ),
        (
            "README",
            1000,
            "Cannot read README: a file without an extension is not supported. "
            "Send one of .txt, .md, .html, .json, .jsonl, .docx.",
        ),
        (
            "big.txt",
            3 * MB,
            "Cannot read big.txt: too large (3.0 MB; a document may be at most 2.0 MB).",
        ),
    ],
)
def test_a_document_is_refused_by_its_name_and_size_first(
    name: str, size: int, reason: str | None
) -> None:
    assert refusal(name, size) == reason


def docx(paragraphs: list[str]) -> bytes:
    """A minimal .docx: a zip holding word/document.xml with one <w:p> per paragraph."""
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


MILL_TITLE, MILL_BODY = MILL.split("\n\n", 1)
MILL_PARAGRAPHS = MILL.split("\n\n")
MILL_RECORD = {"id": "mill-1", "title": MILL_TITLE, "text": MILL_BODY}
MILL_HTML = (
    "<!doctype html><html><head><title>Old mill to reopen | Hartley Gazette</title></head>"
    "<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
    f"<h1>{MILL_TITLE}</h1>"
    + "".join(f"<p>{p}</p>" for p in MILL_PARAGRAPHS[1:])
    + "</article><footer>© Hartley Gazette</footer></body></html>"
)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("mill.txt", MILL.encode()),
        ("mill.md", f"# {MILL_TITLE}\n\n{MILL_BODY}".encode()),
        ("mill.html", MILL_HTML.encode()),
        (
            "mill.json",
            json.dumps({"id": "mill-1", "title": MILL_TITLE, "text": MILL_BODY}).encode(),
        ),
        (
            "mill.jsonl",
            (json.dumps({"id": "mill-1", "title": MILL_TITLE, "text": MILL_BODY}) + "\n").encode(),
        ),
        ("mill.docx", docx(MILL_PARAGRAPHS)),
    ],
)
async def test_each_document_type_becomes_an_article_with_a_card(
    store: Store, bot: BotHarness, name: str, data: bytes
) -> None:
    [card] = texts(await send_document(bot, name, data))
    assert card.startswith(
        "✅ Added as #1\nOld mill to reopen as a library after six years of work"
    )
    assert "— Priya Sandhu" in card or "— Owen Price" in card
    [row] = await store.articles.latest(1)
    assert row.title == MILL_TITLE and row.people_count == 2
    assert [label for label, _ in buttons(sent(to_chat(bot, EDITOR_ID))[0])] == [
        "Summary",
        "Long",
        "Quotes",
        "People",
    ]


async def test_the_same_document_again_is_already_in_the_store(bot: BotHarness) -> None:
    await send_document(bot, "mill.txt", MILL.encode())
    [again] = texts(await send_document(bot, "copy of mill.txt", MILL.encode()))
    assert again.startswith("Already in the store as #1\n")


async def test_a_document_of_many_articles_shows_three_cards_and_a_list(
    store: Store, bot: BotHarness
) -> None:
    records = [
        {"id": f"mill-{n}", "title": f"{MILL_TITLE} (part {n})", "text": f"{MILL_BODY} {n}"}
        for n in range(1, 6)
    ]
    lines = [json.dumps(r) for r in records]
    lines.insert(2, "{not json")
    replies = texts(await send_document(bot, "wire.jsonl", "\n".join(lines).encode()))
    assert len(replies) == 4 and all(r.startswith("✅ Added as #") for r in replies[:3])
    assert replies[3].split("\n") == [
        "wire.jsonl: 5 articles added, 1 problem",
        f"✅ #4 {MILL_TITLE} (part 4)",
        f"✅ #5 {MILL_TITLE} (part 5)",
        "✗ wire.jsonl:3: invalid JSON (Expecting property name enclosed in double quotes "
        "at column 2)",
    ]
    assert (await store.stats()).articles == 5


@pytest.mark.parametrize(
    ("name", "data", "file_size", "reply"),
    [
        (
            "huge.txt",
            b"x",
            3 * MB,
            "Cannot read huge.txt: too large (3.0 MB; a document may be at most 2.0 MB).",
        ),
        (
            "photo.jpg",
            b"\xff\xd8\xff\xe0",
            None,
            "Cannot read photo.jpg: .jpg files are not supported. "
            "Send one of .txt, .md, .html, .json, .jsonl, .docx.",
        ),
    ],
)
async def test_a_document_refused_by_type_or_size_is_never_downloaded(
    bot: BotHarness, name: str, data: bytes, file_size: int | None, reply: str
) -> None:
    calls = await send_document(bot, name, data, file_size=file_size)
    assert texts(calls) == [reply]
    assert not [c for c in calls if c.method in ("getFile", "downloadFile")]


async def test_a_binary_file_named_like_text_is_refused_after_download(
    store: Store, bot: BotHarness
) -> None:
    [reply] = texts(await send_document(bot, "notes.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00"))
    assert reply.startswith("Cannot read notes.txt: binary file")
    assert (await store.stats()).articles == 0


async def test_an_empty_document_is_refused(bot: BotHarness) -> None:
    [reply] = texts(await send_document(bot, "blank.md", b" \n\n "))
    assert reply == "Cannot read blank.md: empty file"


async def test_a_reader_sending_a_document_is_told_once(store: Store, bot: BotHarness) -> None:
    [told] = texts(await send_document(bot, "mill.txt", MILL.encode(), user_id=MEMBER_ID))
    assert told.startswith("Only editors can add articles")
    assert texts(await send_document(bot, "mill.txt", MILL.encode(), user_id=MEMBER_ID)) == []
    assert (await store.stats()).articles == 0
