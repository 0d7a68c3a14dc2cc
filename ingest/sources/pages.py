"""Web pages → the article they carry: text without boilerplate, and its metadata.

Pure: the HTML is given (bytes or text); nothing is fetched. trafilatura finds the main text
(navigation, comments, related-links blocks and footers are not article text) and the
metadata (title, author, date, canonical url, site name).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import trafilatura

MIN_ARTICLE_WORDS = 40
"""A page whose main text has fewer words than this holds no article."""

_DATE_PARAMS = {
    # Date and time when the page gives a time ("%z" stays empty without a zone); the page's
    # metadata is read first and the text is not searched for stray dates.
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
    "extensive_search": False,
    "original_date": True,
}


class PageError(ValueError):
    """The page holds no article we can take; the message says why."""


@dataclass(frozen=True, slots=True)
class PageArticle:
    title: str | None
    text: str
    """The body: paragraphs separated by blank lines, the headline not repeated."""
    author: str | None
    published: str | None
    """ISO 8601 in UTC (``…Z``) when the page gives a time with its zone, else ``YYYY-MM-DD``."""
    url: str | None
    """The page's canonical url when it names one, else the url it was read from."""
    site_name: str | None


def _to_text(html: bytes | str) -> str:
    if isinstance(html, str):
        text = html
    else:
        if b"\x00" in html[:65536]:
            raise PageError("binary data (contains NUL bytes), not an HTML page")
        text = _decode(html)
    if not text.strip():
        raise PageError("empty page")
    return text


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else the charset the page declares, else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data[:4096])
    for encoding in (declared, "cp1252"):
        if encoding is None:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise PageError("cannot decode the page (not UTF-8 nor its declared character set)")


def _declared_charset(head: bytes) -> str | None:
    lowered = head.lower()
    at = lowered.find(b"charset=")
    if at < 0:
        return None
    value = lowered[at + len(b"charset=") :].lstrip(b"\"' ")
    end = 0
    while end < len(value) and (value[end : end + 1].isalnum() or value[end : end + 1] in b"-_"):
        end += 1
    return value[:end].decode("ascii") or None


def _published(raw: str | None) -> str | None:
    """``2026-03-14T09:30:00+0100`` → ``2026-03-14T08:30:00Z``; no zone or no time → the date."""
    if not raw:
        return None
    try:
        moment = datetime.strptime(raw, "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        try:
            return datetime.strptime(raw[:10], "%Y-%m-%d").date().isoformat()
        except ValueError:
            return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _body(text: str, title: str | None) -> str:
    paragraphs = [line.strip() for line in text.splitlines()]
    paragraphs = [line for line in paragraphs if line]
    if paragraphs and title and paragraphs[0].casefold() == title.strip().casefold():
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def extract_page(html: bytes | str, url: str | None = None) -> PageArticle:
    """The article on an HTML page; :class:`PageError` when there is none."""
    document = trafilatura.bare_extraction(
        _to_text(html),
        url=url,
        fast=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        with_metadata=True,
        date_extraction_params=_DATE_PARAMS,
    )
    if document is None or not getattr(document, "text", None):
        raise PageError("no article text found on the page")
    title = _clean(document.title)
    body = _body(document.text, title)
    words = len(body.split())
    if words < MIN_ARTICLE_WORDS:
        raise PageError(
            f"no article text found on the page (only {words} words of main text; "
            f"an article has at least {MIN_ARTICLE_WORDS})"
        )
    return PageArticle(
        title=title,
        text=body,
        author=_clean(document.author),
        published=_published(document.date),
        url=_clean(document.url) or url,
        site_name=_clean(document.sitename),
    )
