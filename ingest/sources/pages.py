"""A web page → its article: text and metadata, without navigation, comments or related links.

trafilatura does the extraction (its main-content heuristics, with jusText and readability as
fallbacks, are what news scrapers use); this module sets it for news, lays the text out as
our analyzer reads it (a blank line between paragraphs) and takes the metadata. Pure: the
page arrives as bytes or text, nothing is fetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

import trafilatura

from ingest.model import ArticleInput
from ingest.sources.dates import normalize_published

MIN_ARTICLE_WORDS = 40
MAX_PAGE_BYTES = 5 * 1024 * 1024
_DATE_PARAMS = {
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
    "original_date": True,  # the publication date, not the last update
    "extensive_search": False,  # no guessing from text or url when the page says nothing
}


class PageError(ValueError):
    """The page holds no article we can use; the message says why."""


@dataclass(frozen=True, slots=True)
class PageArticle:
    title: str | None
    text: str
    author: str | None
    published: str | None
    url: str | None
    site_name: str | None


def extract_page(html: bytes | str, url: str | None = None) -> PageArticle:
    """The article of one HTML page, or :class:`PageError`."""
    if isinstance(html, bytes):
        if len(html) > MAX_PAGE_BYTES:
            raise PageError(f"the page is too large ({len(html) / 1048576:.1f} MB)")
        if b"\x00" in html[:4096]:
            raise PageError("not an HTML page (binary content)")
    if not html.strip():
        raise PageError("the page is empty")
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError) as error:
        raise PageError(f"the page could not be read ({error})") from None
    text = getattr(document, "text", None) or ""
    title = _clean(getattr(document, "title", None))
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # the headline, which trafilatura keeps as the first line
    body = "\n\n".join(paragraphs)
    if len(body.split()) < MIN_ARTICLE_WORDS:
        raise PageError("no article text found on the page")
    return PageArticle(
        title=title,
        text=body,
        author=_clean(getattr(document, "author", None)),
        published=normalize_published(getattr(document, "date", None)),
        url=_canonical(_clean(getattr(document, "url", None)), url),
        site_name=_clean(getattr(document, "sitename", None)),
    )


def page_article(page: PageArticle, fallback_id: str) -> ArticleInput:
    """The article to store for a page: its canonical url is its id when it has one."""
    return ArticleInput(
        id=page.url or fallback_id,
        text=page.text,
        title=page.title,
        url=page.url,
        published=page.published,
        source=page.site_name,
    )


def _canonical(found: str | None, given: str | None) -> str | None:
    """The page's canonical url, made absolute against the url it was read from."""
    if found and given:
        return urljoin(given, found)
    return found or given


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def fetched_article(html: bytes | str, url: str) -> ArticleInput:
    """The article of a page fetched from ``url``, stored under its canonical url when the
    page names one, else that url (CPU work: the bot runs it in a worker)."""
    return page_article(extract_page(html, url), url)
