"""RSS / Atom feeds → entries (ingest.sources.feeds) and HTML fragments → text."""

from __future__ import annotations

import hashlib

import pytest

from ingest.sources.feeds import FeedError, parse_feed
from ingest.sources.html_text import html_to_text
from tests.web_fixtures import FEED_FORMATS, MALFORMED_FEED, NAV_ONLY_PAGE, Entry

BASE = "https://gazette.example"
FEED_URL = BASE + "/feeds/news.xml"
ENTRY = Entry(1, 1)
FULL_TEXT = "\n\n".join(ENTRY.paragraphs())


@pytest.mark.parametrize(
    ("kind", "key", "guid", "published", "author", "content"),
    [
        ("rss2", "feed1-entry1", "feed1-entry1", ENTRY.published_iso, "Maria Lopez", FULL_TEXT),
        (
            "atom",
            "tag:gazette.example,2026:feed1-entry1",
            "tag:gazette.example,2026:feed1-entry1",
            ENTRY.published_iso,
            "Maria Lopez",
            FULL_TEXT,
        ),
        # RSS 1.0: the item's rdf:about is its guid; dc:date its date.
        (
            "rss1",
            BASE + ENTRY.path,
            BASE + ENTRY.path,
            ENTRY.published_iso,
            "Maria Lopez",
            ENTRY.paragraphs()[0],
        ),
        # RSS 0.91 has no guid and no date: the url is the key.
        ("rss091", BASE + ENTRY.path, None, None, None, ENTRY.paragraphs()[0]),
    ],
)
def test_each_format_gives_its_entries(
    kind: str,
    key: str,
    guid: str | None,
    published: str | None,
    author: str | None,
    content: str,
) -> None:
    feed = parse_feed(FEED_FORMATS[kind](1, BASE, 2).encode(), FEED_URL)
    assert feed.title == "Riverside Gazette feed 1"
    assert feed.link == BASE + "/"
    assert [entry.title for entry in feed.entries] == [Entry(1, 1).title, Entry(1, 0).title]
    entry = feed.entries[0]
    assert (entry.key, entry.guid, entry.url) == (key, guid, BASE + ENTRY.path)
    assert (entry.published, entry.author, entry.content) == (published, author, content)


@pytest.mark.parametrize("kind", sorted(FEED_FORMATS))
def test_relative_links_are_resolved_against_the_feed_url(kind: str) -> None:
    feed = parse_feed(FEED_FORMATS[kind](1, "", 2, relative=True).encode(), FEED_URL)
    assert feed.entries[0].url == BASE + ENTRY.path


def rss(items: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<link>/</link>{items}</channel></rss>"
    ).encode()


@pytest.mark.parametrize(
    ("item", "key"),
    [
        ('<item><guid isPermaLink="false">g-1</guid><link>/a</link><title>A</title></item>', "g-1"),
        # A guid that is a permalink (RSS's default) is a url, resolved like a link.
        ("<item><guid>/a?id=1</guid><link>/a</link><title>A</title></item>", BASE + "/a?id=1"),
        ("<item><link>/a</link><title>A</title></item>", BASE + "/a"),
        (
            "<item><title>A</title><description>Body text</description></item>",
            "sha256:" + hashlib.sha256(b"A\nBody text").hexdigest(),
        ),
    ],
)
def test_key_is_guid_else_url_else_a_content_hash(item: str, key: str) -> None:
    assert parse_feed(rss(item), FEED_URL).entries[0].key == key


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("desk@gazette.example (Maria Lopez)", "Maria Lopez"),
        ("desk@gazette.example", None),
    ],
)
def test_rss_author_is_the_name_not_the_address(author: str, expected: str | None) -> None:
    item = f"<item><guid>g</guid><title>A</title><author>{author}</author></item>"
    assert parse_feed(rss(item), FEED_URL).entries[0].author == expected


def test_entry_content_is_plain_text_paragraphs() -> None:
    html = "&lt;p&gt;One &lt;b&gt;bold&lt;/b&gt; &amp;amp; more&lt;/p&gt;&lt;p&gt;Two&lt;/p&gt;"
    item = f"<item><guid>g</guid><title>A</title><description>{html}</description></item>"
    assert parse_feed(rss(item), FEED_URL).entries[0].content == "One bold & more\n\nTwo"


def test_a_feed_with_no_entries_is_an_empty_feed() -> None:
    assert parse_feed(rss(""), FEED_URL).entries == ()


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty response"),
        (b"  \n", "empty response"),
        (NAV_ONLY_PAGE.encode(), "an HTML page, not an RSS or Atom feed"),
        (MALFORMED_FEED, "malformed feed with no readable entries"),
        (b"just some words", "malformed feed"),
    ],
)
def test_what_is_not_a_feed_is_refused_with_the_reason(body: bytes, reason: str) -> None:
    with pytest.raises(FeedError, match=reason):
        parse_feed(body, FEED_URL)


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>One <i>two</i></p><p>Three</p>", "One two\n\nThree"),
        ("Line one<br>Line two<br/><br/>Line three", "Line one\n\nLine two\n\nLine three"),
        ("<ul><li>a</li><li>b</li></ul>", "a\n\nb"),
        ("<p>Keep</p><script>var x = 1;</script><style>p {}</style>", "Keep"),
        ("A &ldquo;quote&rdquo; &amp; more", "A “quote” & more"),
        ("", ""),
    ],
)
def test_html_fragments_become_paragraphs(fragment: str, text: str) -> None:
    assert html_to_text(fragment) == text
