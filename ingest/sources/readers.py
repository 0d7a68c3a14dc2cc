"""Reading articles from files: plain text / Markdown, saved web pages, JSON and JSON Lines.

Every problem with one file or one record becomes a :class:`ReadError` naming it; the
other files and records are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ingest.model import ArticleInput
from ingest.sources.pages import PageError, extract_page, page_article

MAX_ARTICLE_BYTES = 2 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ".markdown"})
JSON_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
_RECORD_FIELDS = ("id", "title", "text", "url", "published", "source")


@dataclass(frozen=True, slots=True)
class ReadError:
    """Why one file (or one record of it) could not be read."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


ReadResult = ArticleInput | ReadError


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def decode_text(data: bytes, source: str) -> str | ReadError:
    """UTF-8 text of ``data`` or the reason it is not an article's text."""
    if len(data) > MAX_ARTICLE_BYTES:
        return ReadError(
            source,
            f"too large ({_megabytes(len(data))}; an article may be at most "
            f"{_megabytes(MAX_ARTICLE_BYTES)})",
        )
    if b"\x00" in data[:65536]:
        return ReadError(source, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return ReadError(
            source, f"not UTF-8 text (invalid byte 0x{data[error.start]:02x} at {error.start})"
        )
    if not text.strip():
        return ReadError(source, "empty file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def record_to_article(record: Any, source: str) -> ArticleInput | ReadError:
    """A JSON record ``{"id", "title"?, "text", "url"?, "published"?, "source"?}``."""
    if not isinstance(record, dict):
        return ReadError(source, "a record must be a JSON object")
    raw_id = record.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or not str(raw_id).strip():
        return ReadError(source, 'missing "id" (a non-empty string or number)')
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadError(source, f'record {raw_id!s}: missing or empty "text"')
    if len(text.encode("utf-8", "surrogatepass")) > MAX_ARTICLE_BYTES:
        return ReadError(source, f"record {raw_id!s}: text too large (over 2.0 MB)")
    if "\x00" in text:
        return ReadError(source, f"record {raw_id!s}: text contains NUL characters")
    fields: dict[str, str | None] = {}
    for name in ("title", "url", "published", "source"):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return ReadError(source, f'record {raw_id!s}: "{name}" must be a string')
        fields[name] = value.strip() if isinstance(value, str) and value.strip() else None
    return ArticleInput(id=str(raw_id).strip(), text=text.replace("\r\n", "\n"), **fields)


def read_json_lines(lines: Iterable[str], source: str) -> Iterator[ReadResult]:
    """One article per non-blank line; a bad line is reported with its number."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except ValueError as error:
            yield ReadError(where, f"invalid JSON ({error.msg} at column {error.colno})")
            continue
        yield record_to_article(record, where)


def read_json_document(text: str, source: str) -> Iterator[ReadResult]:
    """A JSON file: one record, or a list of records."""
    try:
        document = json.loads(text)
    except ValueError as error:
        yield ReadError(source, f"invalid JSON ({error.msg} at line {error.lineno})")
        return
    records = document if isinstance(document, list) else [document]
    for index, record in enumerate(records):
        yield record_to_article(record, f"{source}[{index}]" if len(records) > 1 else source)


def read_text_file(path: Path) -> ReadResult:
    """A ``.txt`` / ``.md`` article: its id is the file name without the extension."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return ReadError(str(path), f"cannot read ({error.strerror or error})")
    text = decode_text(data, str(path))
    if isinstance(text, ReadError):
        return text
    return ArticleInput(id=path.stem, text=text, source=None)


def read_html_file(path: Path) -> ReadResult:
    """A saved web page: its article, with the page's title, date and canonical url."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return ReadError(str(path), f"cannot read ({error.strerror or error})")
    if len(data) > MAX_ARTICLE_BYTES:
        return ReadError(str(path), f"too large ({_megabytes(len(data))})")
    try:
        page = extract_page(data)
    except PageError as error:
        return ReadError(str(path), str(error))
    return page_article(page, path.stem)


def read_file(path: Path) -> Iterator[ReadResult]:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield read_text_file(path)
        return
    if suffix in HTML_SUFFIXES:
        yield read_html_file(path)
        return
    if suffix not in JSON_SUFFIXES:
        yield ReadError(str(path), f"unsupported file type {suffix or '(none)'!r}")
        return
    if suffix == ".json":
        try:
            data = path.read_bytes()
        except OSError as error:
            yield ReadError(str(path), f"cannot read ({error.strerror or error})")
            return
        if len(data) > 64 * MAX_ARTICLE_BYTES:
            yield ReadError(str(path), "too large for one JSON document; use JSON Lines")
            return
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            yield ReadError(str(path), "not UTF-8 text")
            return
        if not text.strip():
            yield ReadError(str(path), "empty file")
            return
        yield from read_json_document(text, str(path))
        return
    yield from _read_jsonl_file(path)


def _read_jsonl_file(path: Path) -> Iterator[ReadResult]:
    try:
        handle: IO[str] = path.open(encoding="utf-8-sig", errors="strict", newline="")
    except OSError as error:
        yield ReadError(str(path), f"cannot read ({error.strerror or error})")
        return
    with handle:
        seen_any = False
        try:
            for result in read_json_lines(handle, str(path)):
                seen_any = True
                yield result
        except UnicodeDecodeError:
            yield ReadError(str(path), "not UTF-8 text")
            return
        if not seen_any:
            yield ReadError(str(path), "empty file")


def iter_files(root: Path) -> Iterator[Path]:
    """Article files under a folder, recursively, in name order; hidden entries skipped."""
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES:
            yield path


def read_stdin(stream: IO[bytes]) -> Iterator[ReadResult]:
    """Standard input: JSON Lines when it starts with ``{``, otherwise one text article."""
    data = stream.read()
    head = data.lstrip()[:1]
    if head in (b"{", b"["):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            yield ReadError("-", "not UTF-8 text")
            return
        if head == b"[":
            yield from read_json_document(text, "-")
        else:
            yield from read_json_lines(text.splitlines(), "-")
        return
    decoded = decode_text(data, "-")
    if isinstance(decoded, ReadError):
        yield decoded
    else:
        yield ArticleInput(id="stdin", text=decoded)


def read_paths(paths: Iterable[str], stdin: IO[bytes] | None = None) -> Iterator[ReadResult]:
    """Articles from files, folders (recursively) and ``-`` (standard input)."""
    for raw in paths:
        if raw == "-":
            if stdin is None:
                yield ReadError("-", "standard input is not available")
            else:
                yield from read_stdin(stdin)
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for file in iter_files(path):
                found = True
                yield from read_file(file)
            if not found:
                yield ReadError(raw, "folder holds no .txt, .md, .html, .json or .jsonl files")
        elif path.is_file():
            yield from read_file(path)
        elif path.exists():
            yield ReadError(raw, "not a regular file or folder")
        else:
            yield ReadError(raw, "no such file or folder")
