"""Reading article files: every bad file fails alone with a clear reason."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from ingest.model import ArticleInput
from ingest.sources.readers import MAX_ARTICLE_BYTES, ReadError, read_paths


def _read(*paths: Path | str, stdin: bytes | None = None) -> list[ArticleInput | ReadError]:
    stream = io.BytesIO(stdin) if stdin is not None else None
    return list(read_paths([str(p) for p in paths], stream))


def test_text_file_id_is_the_stem(tmp_path: Path) -> None:
    (tmp_path / "story-1.txt").write_text("Title\n\nBody.", encoding="utf-8")
    [article] = _read(tmp_path / "story-1.txt")
    assert article == ArticleInput(id="story-1", text="Title\n\nBody.")


def test_crlf_and_bom_are_normalised(tmp_path: Path) -> None:
    (tmp_path / "w.md").write_bytes("\ufeffTitle\r\n\r\nBody.".encode())
    [article] = _read(tmp_path / "w.md")
    assert isinstance(article, ArticleInput) and article.text == "Title\n\nBody."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"   \n\n\t ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("Café".encode("latin-1"), "not UTF-8 text"),
        (b"x" * (MAX_ARTICLE_BYTES + 1), "too large"),
    ],
)
def test_bad_text_files_fail_alone(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "a_good.txt").write_text("Good\n\nFine body.", encoding="utf-8")
    (tmp_path / "b_bad.txt").write_bytes(content)
    (tmp_path / "c_good.txt").write_text("Also good\n\nBody.", encoding="utf-8")
    results = _read(tmp_path)
    assert [type(r).__name__ for r in results] == ["ArticleInput", "ReadError", "ArticleInput"]
    assert message in results[1].message  # type: ignore[union-attr]
    assert results[1].source.endswith("b_bad.txt")  # type: ignore[union-attr]


def test_ten_megabyte_article_is_refused_with_its_size(tmp_path: Path) -> None:
    (tmp_path / "huge.txt").write_bytes(b"word " * (2 * 1024 * 1024))
    [error] = _read(tmp_path / "huge.txt")
    assert isinstance(error, ReadError)
    assert error.message.startswith("too large (10.0 MB")


def test_json_lines_bad_lines_are_reported_by_number(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "j1", "title": "T", "text": "Body one.", "url": "http://x"}),
        "{not json",
        json.dumps({"id": "j3"}),
        "",
        json.dumps({"id": 4, "text": "Body four.", "published": "2026-11-01"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "j7", "text": "ok", "title": 5}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    results = _read(tmp_path / "feed.jsonl")
    assert results[0] == ArticleInput("j1", "Body one.", "T", "http://x")
    assert isinstance(results[1], ReadError) and results[1].source.endswith("feed.jsonl:2")
    assert "invalid JSON" in results[1].message
    assert isinstance(results[2], ReadError) and '"text"' in results[2].message
    assert results[3] == ArticleInput("4", "Body four.", published="2026-11-01")
    assert isinstance(results[4], ReadError) and "JSON object" in results[4].message
    assert isinstance(results[5], ReadError) and '"title" must be a string' in results[5].message


def test_json_document_list(tmp_path: Path) -> None:
    records = [{"id": "a", "text": "A."}, {"id": "b", "text": ""}]
    (tmp_path / "two.json").write_text(json.dumps(records), encoding="utf-8")
    first, second = _read(tmp_path / "two.json")
    assert first == ArticleInput("a", "A.")
    assert isinstance(second, ReadError) and second.source.endswith("two.json[1]")


def test_missing_paths_unsupported_types_and_empty_folders(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "empty").mkdir()
    results = _read(tmp_path / "nope.txt", tmp_path / "notes.pdf", tmp_path / "empty")
    assert [r.message for r in results] == [  # type: ignore[union-attr]
        "no such file or folder",
        "unsupported file type '.pdf'",
        "folder holds no .txt, .md, .html, .json or .jsonl files",
    ]


def test_folders_recurse_and_skip_hidden(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "x.txt").write_text("X\n\nBody.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "y.txt").write_text("Y\n\nBody.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert [r.id for r in _read(tmp_path)] == ["x"]  # type: ignore[union-attr]


def test_stdin_text_and_json_lines() -> None:
    [article] = _read("-", stdin=b"Headline\n\nBody text.")
    assert article == ArticleInput("stdin", "Headline\n\nBody text.")
    records = b'{"id": "s1", "text": "One."}\n{"id": "s2", "text": "Two."}\n'
    assert [r.id for r in _read("-", stdin=records)] == ["s1", "s2"]  # type: ignore[union-attr]
    [error] = _read("-", stdin=b"")
    assert isinstance(error, ReadError) and error.message == "empty file"
