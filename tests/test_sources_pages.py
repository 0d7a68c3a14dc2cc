"""Web pages → article text and metadata (ingest.sources.pages)."""

from __future__ import annotations

import socket

import pytest

from ingest.sources.pages import PageError, extract_page
from tests.web_fixtures import NAV_ONLY_PAGE, Entry, article_page

BODY = (
    "<p>RIVERSIDE — The city council voted 7-2 on Tuesday to spend $4.2 million repairing the "
    "Old Mill bridge, which has been closed to lorries since a crack was found last autumn.</p>"
    '<p>"We cannot leave half the town cut off for another winter," said Councillor Anne '
    "Whitfield, who chairs the transport committee.</p>"
    "<p>Engineers said work could begin in May and would take about five months.</p>"
)


def page(head: str, body: str = BODY) -> str:
    return (
        f'<html><head><meta charset="utf-8">{head}</head><body>'
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Bridge repairs approved</h1>{body}</article></body></html>"
    )


GAZETTE = article_page(Entry(3, 4), "https://gazette.example")


def test_article_page_text_is_the_article_without_boilerplate() -> None:
    article = extract_page(GAZETTE.encode(), "https://gazette.example/articles/3/4.html?utm=x")
    assert article.text == "\n\n".join(Entry(3, 4).paragraphs())
    for boilerplate in ("Home", "Subscribe", "Comments", "bob123", "Related stories", "©"):
        assert boilerplate not in article.text
    assert article.title == Entry(3, 4).title
    assert article.author == "Maria Lopez"
    assert article.site_name == "The Riverside Gazette"
    assert article.url == "https://gazette.example/articles/3/4.html"
    assert article.published == Entry(3, 4).published_iso


@pytest.mark.parametrize(
    ("head", "published"),
    [
        (
            '<meta property="article:published_time" content="2026-03-14T09:30:00+01:00">',
            "2026-03-14T08:30:00Z",
        ),
        (
            '<meta property="article:published_time" content="2026-03-14T23:30:00-05:00">',
            "2026-03-15T04:30:00Z",
        ),
        ('<meta property="article:published_time" content="2026-03-14">', "2026-03-14"),
        ("", None),
    ],
)
def test_published_is_utc_when_a_zone_is_given_else_the_date(
    head: str, published: str | None
) -> None:
    assert extract_page(page(head)).published == published


@pytest.mark.parametrize(
    ("head", "given", "url"),
    [
        (
            '<link rel="canonical" href="https://news.example/a/1">',
            "https://m.news.example/a/1?x=1",
            "https://news.example/a/1",
        ),
        ("", "https://news.example/a/2", "https://news.example/a/2"),
        ("", None, None),
    ],
)
def test_url_is_the_canonical_one_when_given(head: str, given: str | None, url: str | None) -> None:
    assert extract_page(page(head), given).url == url


def test_title_is_not_repeated_as_the_first_paragraph() -> None:
    article = extract_page(page("<title>Bridge repairs approved</title>"))
    assert article.title == "Bridge repairs approved"
    assert article.text.startswith("RIVERSIDE — The city council")
    assert article.text.count("\n\n") == 2


def test_bytes_in_a_declared_legacy_charset_are_decoded() -> None:
    html = page('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    html = (
        html.replace('<meta charset="utf-8">', "")
        .replace("Whitfield", "Wéhitfield")
        .replace("—", "-")
    )
    article = extract_page(html.encode("iso-8859-1"))
    assert "Councillor Anne Wéhitfield" in article.text


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (NAV_ONLY_PAGE.encode(), "no article text found on the page"),
        (
            page("", "<p>Short note: the meeting is at noon.</p>").encode(),
            "no article text found on the page \\(only 12 words",
        ),
        (b"", "empty page"),
        (b"   \n", "empty page"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
    ],
)
def test_pages_without_an_article_are_refused_with_the_reason(html: bytes, reason: str) -> None:
    with pytest.raises(PageError, match=reason):
        extract_page(html)


def test_extraction_opens_no_network_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("extract_page tried to open a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert extract_page(GAZETTE, "https://gazette.example/articles/3/4.html").title
