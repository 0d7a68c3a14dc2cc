"""Documents sent in chat → articles (ingest.sources.documents): each type and each refusal."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile

import pytest

from ingest.model import ArticleInput
from ingest.sources.documents import MAX_DOCX_XML_BYTES, document_id, read_document
from ingest.sources.readers import ReadError
from tests.page_samples import NAV_ONLY_PAGE, Entry, article_page

TEXT = (
    "Council approves bridge repairs\n\n"
    "RIVERSIDE — The city council voted 7-2 on Tuesday to repair the Old Mill bridge.\n"
)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def paragraph(text: str, style: str | None = None) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    runs = "".join(f"<w:r><w:t xml:space='preserve'>{part}</w:t></w:r>" for part in text.split("|"))
    return f"<w:p>{props}{runs}</w:p>"


def docx(*paragraphs: str, document: str | None = None) -> bytes:
    xml = document
    if xml is None:
        xml = (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>'
            + "".join(paragraphs)
            + "</w:body></w:document>"
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if xml != "":
            archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def only(results: list) -> ArticleInput | ReadError:
    assert len(results) == 1
    return results[0]


@pytest.mark.parametrize("name", ["story.txt", "story.md", "STORY.TXT", "notes.markdown"])
def test_text_and_markdown_keep_their_text_and_get_a_content_id(name: str) -> None:
    article = only(read_document(name, TEXT.encode()))
    expected_id = "doc:" + hashlib.sha256(TEXT.encode()).hexdigest()[:16]
    assert article == ArticleInput(id=expected_id, text=TEXT)


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("# Mill reopens\n\nThe mill opened.", "Mill reopens\n\nThe mill opened."),
        ("## Mill reopens ##\nBody.", "Mill reopens\nBody."),
        ("#hashtag stays\n####### seven stays", "#hashtag stays\n####### seven stays"),
        ("Price: 5 # not a heading", "Price: 5 # not a heading"),
    ],
)
def test_markdown_headings_lose_their_marks(markdown: str, text: str) -> None:
    assert only(read_document("a.md", markdown.encode())).text == text


def test_the_same_text_is_the_same_document() -> None:
    first = only(read_document("a.txt", TEXT.encode()))
    again = only(read_document("copy of a.md", TEXT.encode()))
    assert first.id == again.id == document_id(TEXT)


def test_html_is_the_page_article_with_its_metadata() -> None:
    html = article_page(Entry(2, 5), "https://gazette.example").encode()
    article = only(read_document("page.htm", html))
    assert article == ArticleInput(
        id="https://gazette.example/articles/2/5.html",
        text="\n\n".join(Entry(2, 5).paragraphs()),
        title=Entry(2, 5).title,
        url="https://gazette.example/articles/2/5.html",
        published=Entry(2, 5).published_iso.replace("Z", "+00:00"),
        source="The Riverside Gazette",
    )


def test_json_and_jsonl_records_keep_their_ids() -> None:
    record = {"id": "wire-1", "title": "T", "text": "Body one.", "published": "2026-03-01"}
    assert only(read_document("a.json", json.dumps(record).encode())) == ArticleInput(
        id="wire-1", text="Body one.", title="T", published="2026-03-01"
    )
    lines = json.dumps(record) + "\n\n" + json.dumps({"id": 2, "text": "Body two."}) + "\n"
    assert [a.id for a in read_document("b.jsonl", lines.encode())] == ["wire-1", "2"]


@pytest.mark.parametrize(
    ("paragraphs", "title", "text"),
    [
        # A Title-styled paragraph is the headline wherever it is.
        (
            (
                paragraph("By Maria Lopez"),
                paragraph("Bridge repairs approved", "Title"),
                paragraph("RIVERSIDE — The coun|cil |voted 7-2."),
                paragraph("Work starts in May."),
            ),
            "Bridge repairs approved",
            "By Maria Lopez\n\nRIVERSIDE — The council voted 7-2.\n\nWork starts in May.",
        ),
        (
            (paragraph("Bridge repairs approved", "Heading1"), paragraph("The council voted.")),
            "Bridge repairs approved",
            "The council voted.",
        ),
        # Without a styled headline, the first paragraph is the headline; empty ones are skipped.
        (
            (paragraph("Bridge repairs approved"), paragraph(" "), paragraph("The council voted.")),
            "Bridge repairs approved",
            "The council voted.",
        ),
        ((paragraph("Only one paragraph of text."),), None, "Only one paragraph of text."),
    ],
)
def test_docx_paragraphs_with_the_headline_first(
    paragraphs: tuple[str, ...], title: str | None, text: str
) -> None:
    article = only(read_document("story.docx", docx(*paragraphs)))
    assert (article.title, article.text) == (title, text)
    assert article.id.startswith("doc:")


def test_docx_table_cells_are_not_paragraphs_of_the_story() -> None:
    table = f"<w:tbl><w:tr><w:tc>{paragraph('Cell text')}</w:tc></w:tr></w:tbl>"
    article = only(read_document("t.docx", docx(paragraph("Headline"), table, paragraph("Body."))))
    assert (article.title, article.text) == ("Headline", "Body.")


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<a>" + b" " * (MAX_DOCX_XML_BYTES + 10) + b"</a>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        (
            "scan.pdf",
            b"%PDF-1.7",
            "unsupported file type .pdf: send .txt, .md, .html, .json, .jsonl or .docx",
        ),
        ("README", b"text", r"unsupported file type \(none\)"),
        ("old.doc", b"\xd0\xcf\x11\xe0", "unsupported file type .doc"),
        ("a.txt", b"", "empty file"),
        ("a.md", b" \n\n", "empty file"),
        ("a.txt", b"abc\x00def", "binary file"),
        ("a.txt", b"caf\xe9", "not UTF-8"),
        ("a.txt", b"a" * (2 * 1024 * 1024 + 1), "too large"),
        ("a.json", b"{not json", "invalid JSON"),
        ("a.json", b'{"text": "no id"}', 'missing "id"'),
        ("a.html", NAV_ONLY_PAGE.encode(), "no article text found on the page"),
        ("a.docx", b"PK\x03\x04 not really a zip", "not a .docx file"),
        ("a.docx", b"x" * (2 * 1024 * 1024 + 1), "too large"),
        ("a.docx", docx(document=""), "no word/document.xml"),
        ("a.docx", docx(document="<w:document"), "its document XML is malformed"),
        ("a.docx", docx(), "empty document"),
        ("a.docx", zip_bomb(), "inflates to more than 20 MB"),
    ],
)
def test_refusals_name_the_reason(name: str, data: bytes, reason: str) -> None:
    results = read_document(name, data)
    assert all(isinstance(result, ReadError) for result in results)
    assert results[0].source == name
    assert re.search(reason, results[0].message), results[0].message
