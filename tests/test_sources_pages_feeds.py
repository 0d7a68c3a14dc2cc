"""Web pages → articles and feeds → entries: example tables of what is kept and what is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.sources.feeds import FeedError, parse_feed
from ingest.sources.html_text import html_to_text
from ingest.sources.pages import PageError, extract_page
from tests.feed_kit import article_html, story

URL = "https://valley.example/story/7"


def test_a_page_gives_its_article_without_boilerplate() -> None:
    title, paragraphs = story(7)
    html = article_html(title, paragraphs, url=URL, published="2026-11-30T07:15:00+01:00")
    page = extract_page(html.encode(), "https://valley.example/story/7?utm_source=x")
    assert page.title == title and page.url == URL and page.site_name == "Valley News"
    assert page.published == "2026-11-30T06:15:00+00:00"
    assert page.text.split("\n\n") == paragraphs
    for boilerplate in ("Related stories", "Other story", "All rights reserved", "Weather"):
        assert boilerplate not in page.text


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (b"", "the page is empty"),
        (b"   \n ", "the page is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        (b"<html><body><nav>Home | Sport</nav><p>Subscribe now!</p></body></html>", "no article"),
    ],
)
def test_a_page_without_an_article_is_refused_with_the_reason(html: bytes, reason: str) -> None:
    with pytest.raises(PageError, match=reason):
        extract_page(html, URL)


RSS2 = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<link>https://wire.example/</link>
<item><title>A &amp; B</title><link>/world/1</link><guid>urn:wire:1</guid>
<pubDate>Tue, 01 Dec 2026 10:00:00 +0100</pubDate>
<description>&lt;p&gt;First para.&lt;/p&gt;&lt;p&gt;Second &amp;amp; last.&lt;/p&gt;
</description></item>
<item><title>No guid</title><link>https://wire.example/world/2</link></item>
<item><title>Only text</title><description>Just words, no link.</description></item>
</channel></rss>"""
RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://old.example/"><title>Old Feed</title><link>https://old.example/</link>
</channel>
<item rdf:about="https://old.example/a"><title>RDF item</title><link>https://old.example/a</link>
<dc:date>2026-12-01T08:00:00Z</dc:date></item></rdf:RDF>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom News</title><link href="https://atom.example/"/><id>urn:atom</id>
<entry><title type="html">&lt;b&gt;Bold&lt;/b&gt; move</title><id>tag:atom.example,2026:1</id>
<link rel="alternate" href="https://atom.example/1"/><updated>2026-12-02T09:30:00Z</updated>
<author><name>Ann Reporter</name></author>
<content type="html">&lt;p&gt;Long body.&lt;/p&gt;</content><summary>Short.</summary>
</entry></feed>"""


def test_rss2_entries_with_keys_relative_links_dates_and_text() -> None:
    feed = parse_feed(RSS2, "https://wire.example/rss")
    assert (feed.title, feed.link) == ("Wire", "https://wire.example/")
    first, second, third = feed.entries
    assert (first.key, first.url, first.title) == (
        "urn:wire:1",
        "https://wire.example/world/1",
        "A & B",
    )
    assert first.published == "2026-12-01T09:00:00+00:00"
    assert first.content == "First para.\n\nSecond & last."
    assert second.key == "https://wire.example/world/2"
    assert third.key.startswith("sha256:") and third.url is None


def test_rss1_and_atom() -> None:
    [rdf] = parse_feed(RSS1, "https://old.example/rss").entries
    assert (rdf.url, rdf.published) == ("https://old.example/a", "2026-12-01T08:00:00+00:00")
    atom = parse_feed(ATOM, "https://atom.example/feed")
    [entry] = atom.entries
    assert atom.title == "Atom News"
    assert (entry.key, entry.title, entry.author) == (
        "tag:atom.example,2026:1",
        "Bold move",
        "Ann Reporter",
    )
    assert entry.content == "Long body." and entry.published == "2026-12-02T09:30:00+00:00"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty"),
        (b"<html><body><p>A web page</p></body></html>", "not an RSS or Atom feed"),
        (b"<rss version='2.0'><channel><item><title>cut off", "malformed"),
        (b"\x00\x01\x02binary", "not an RSS or Atom feed"),
    ],
)
def test_what_is_not_a_feed_is_refused(body: bytes, reason: str) -> None:
    with pytest.raises(FeedError, match=reason):
        parse_feed(body, "https://x.example/rss")


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("plain words", "plain words"),
        ("<p>One</p><p>Two <i>and</i> more</p>", "One\n\nTwo and more"),
        ("Line<br>break &amp; entity", "Line\n\nbreak & entity"),
        ("<script>alert(1)</script><p>Kept</p><style>p{}</style>", "Kept"),
    ],
)
def test_html_fragments_become_paragraphs(fragment: str, text: str) -> None:
    assert html_to_text(fragment) == text


def test_a_feed_body_that_names_a_local_file_is_not_read_from_disk(tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_bytes(RSS2)
    with pytest.raises(FeedError):
        parse_feed(str(secret).encode(), "https://hostile.example/rss")
