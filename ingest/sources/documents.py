"""Documents sent in chat → articles: .txt, .md, .html, .json, .jsonl and .docx files.

Pure: the file's name and bytes are given. Every refusal is a :class:`ReadError` with the reason
(unsupported type, empty, binary, too large, not UTF-8, bad JSON, a corrupt ``.docx``, a
``.docx`` that inflates beyond reason). An article without an id of its own (every type but a
JSON record) gets ``doc:`` and the first 16 hex digits of the SHA-256 of its text, so the same
text sent twice is the same article.
"""

from __future__ import annotations

import hashlib
import io
import zipfile

from lxml import etree

from ingest.model import ArticleInput
from ingest.sources.pages import PageError, extract_page
from ingest.sources.readers import (
    MAX_ARTICLE_BYTES,
    ReadError,
    ReadResult,
    decode_text,
    read_json_document,
    read_json_lines,
)

DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".json", ".jsonl", ".docx")
_ALIASES = {".text": ".txt", ".markdown": ".md", ".htm": ".html", ".ndjson": ".jsonl"}
MAX_DOCX_XML_BYTES = 10 * MAX_ARTICLE_BYTES
"""How far a .docx's document.xml may inflate (Word's XML is verbose; a bomb is cut here)."""
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADLINE_STYLES = frozenset({"title", "heading1", "heading 1"})
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def document_id(text: str) -> str:
    return "doc:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def document_suffix(filename: str) -> str:
    """The type of a document by its name: ``.txt`` for ``Notes.TEXT``, ``""`` for none."""
    name = filename.rsplit("/", 1)[-1]
    suffix = "." + name.rsplit(".", 1)[1].lower() if "." in name.strip(".") else ""
    return _ALIASES.get(suffix, suffix)


def read_document(filename: str, data: bytes) -> list[ReadResult]:
    """The articles in one document (a JSON file may hold several), or why there are none."""
    suffix = document_suffix(filename)
    if suffix not in DOCUMENT_SUFFIXES:
        kinds = ", ".join(DOCUMENT_SUFFIXES[:-1]) + " or " + DOCUMENT_SUFFIXES[-1]
        return [ReadError(filename, f"unsupported file type {suffix or '(none)'}: send {kinds}")]
    if not data.strip():
        return [ReadError(filename, "empty file")]
    if suffix == ".docx":
        if len(data) > MAX_ARTICLE_BYTES:
            size = f"{len(data) / (1024 * 1024):.1f} MB"
            return [ReadError(filename, f"too large ({size}; a document may be at most 2.0 MB)")]
        return [_docx(filename, data)]
    text = decode_text(data, filename)
    if isinstance(text, ReadError):
        return [text]
    if suffix == ".json":
        return list(read_json_document(text, filename))
    if suffix == ".jsonl":
        results = list(read_json_lines(text.splitlines(), filename))
        return results or [ReadError(filename, "empty file")]
    if suffix == ".html":
        return [_html(filename, text)]
    if suffix == ".md":
        text = markdown_headings_plain(text)
    return [ArticleInput(id=document_id(text), text=text)]


def markdown_headings_plain(text: str) -> str:
    """Markdown headings without their marks (``# Title #`` → ``Title``): the headline of a
    ``.md`` article is its first line, and ``#`` is no part of it."""
    lines = []
    for line in text.split("\n"):
        marks = len(line) - len(line.lstrip("#"))
        rest = line[marks:]
        if 1 <= marks <= 6 and rest[:1] in (" ", "\t"):
            line = rest.strip().rstrip("#").rstrip()
        lines.append(line)
    return "\n".join(lines)


def _html(filename: str, text: str) -> ReadResult:
    try:
        page = extract_page(text)
    except PageError as error:
        return ReadError(filename, str(error))
    return ArticleInput(
        id=page.url or document_id(page.text),
        text=page.text,
        title=page.title,
        url=page.url,
        published=page.published,
        source=page.site_name,
    )


def _docx(filename: str, data: bytes) -> ReadResult:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return ReadError(filename, "not a .docx file (it is not a zip archive; corrupt?)")
    with archive:
        try:
            xml = _read_capped(archive, "word/document.xml")
        except KeyError:
            return ReadError(filename, "not a Word document (no word/document.xml inside)")
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
            return ReadError(filename, f"corrupt .docx ({error})")
        except ValueError as error:
            return ReadError(filename, str(error))
    try:
        root = etree.fromstring(xml, _XML_PARSER)
    except etree.XMLSyntaxError as error:
        return ReadError(filename, f"corrupt .docx (its document XML is malformed: {error})")
    paragraphs = _docx_paragraphs(root)
    if not paragraphs:
        return ReadError(filename, "empty document (no text paragraphs)")
    title_at = next((i for i, (_, styled) in enumerate(paragraphs) if styled), 0)
    if len(paragraphs) == 1:
        text = paragraphs[0][0]
        return ArticleInput(id=document_id(text), text=text)
    title = paragraphs[title_at][0]
    body = "\n\n".join(text for i, (text, _) in enumerate(paragraphs) if i != title_at)
    return ArticleInput(id=document_id(f"{title}\n\n{body}"), text=body, title=title)


def _read_capped(archive: zipfile.ZipFile, name: str) -> bytes:
    """The member's bytes; ValueError when it inflates beyond :data:`MAX_DOCX_XML_BYTES`."""
    info = archive.getinfo(name)
    too_large = ValueError(
        f"the .docx inflates to more than {MAX_DOCX_XML_BYTES // (1024 * 1024)} MB of text "
        "markup (a zip bomb?)"
    )
    if info.file_size > MAX_DOCX_XML_BYTES:
        raise too_large
    out = bytearray()
    with archive.open(info) as member:
        while chunk := member.read(65536):
            out += chunk
            if len(out) > MAX_DOCX_XML_BYTES:
                raise too_large
    return bytes(out)


def _docx_paragraphs(root: etree._Element) -> list[tuple[str, bool]]:
    """(text, styled as a title or first-level heading) of each non-empty body paragraph."""
    body = root.find(f"{_W}body")
    if body is None:
        return []
    paragraphs: list[tuple[str, bool]] = []
    for paragraph in body.iter(f"{_W}p"):
        if any(ancestor.tag == f"{_W}tbl" for ancestor in paragraph.iterancestors()):
            continue
        parts: list[str] = []
        for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
            parts.append((node.text or "") if node.tag == f"{_W}t" else " ")
        text = " ".join("".join(parts).split())
        if not text:
            continue
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        style_name = (style.get(f"{_W}val") or "").lower() if style is not None else ""
        paragraphs.append((text, style_name in _HEADLINE_STYLES))
    return paragraphs
