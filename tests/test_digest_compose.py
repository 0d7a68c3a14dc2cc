"""Building digests from a real store (SQLite and PostgreSQL): window, keywords, ranking,
escaping, splitting."""

import re
from datetime import UTC, datetime

import pytest

from bot.memory_api import plain_text
from handlers.digest.compose import DigestComposer, DigestOptions
from handlers.digest.times import iso
from handlers.text import visible_length
from storage import Store
from tests.digest_helpers import FakeClock, add_article

START = datetime(2026, 3, 20, 6, 0, tzinfo=UTC)


@pytest.fixture
async def store(each_store):
    """A store on each backend, on a clock the test sets."""
    clock = FakeClock(START)
    each_store.clock = clock
    each_store.test_clock = clock
    return each_store


async def compose(store: Store, options: DigestOptions, since: datetime, until: datetime):
    composer = DigestComposer(store.subscriptions)
    return await composer.compose(options, since=iso(since), until=iso(until))


async def test_window_is_after_since_up_to_until(store):
    clock = store.test_clock
    await add_article(store, "a", "Before the window", "Old news.")
    clock.advance(hours=1)
    await add_article(store, "b", "Inside the window", "Fresh news.")
    clock.advance(hours=1)
    await add_article(store, "c", "After the window", "Too new.")
    digest = await compose(
        store, DigestOptions(), START + (clock.now - START) / 4, START + (clock.now - START) * 3 / 4
    )
    text = plain_text("\n".join(digest.parts))
    assert "Inside the window" in text
    assert "Before the window" not in text and "After the window" not in text
    assert (digest.shown, digest.total) == (1, 1)


async def test_keywords_include_any_exclude_all(store):
    await add_article(store, "1", "Oil output rises", "Kazakhstan pumped more crude.")
    await add_article(store, "2", "Gas prices fall", "Cheaper gas in Almaty.")
    await add_article(store, "3", "Football final", "Kairat won the cup.")
    await add_article(store, "4", "Oil and football", "A sponsor from the oil sector.")
    since, until = START.replace(hour=0), START.replace(hour=23)

    def titles(digest):
        return sorted(
            line.split(". ", 1)[1].split(" · ")[0]
            for line in plain_text("\n".join(digest.parts)).splitlines()
            if re.match(r"\d+\. ", line)
        )

    everything = await compose(store, DigestOptions(), since, until)
    assert everything.total == 4
    included = await compose(store, DigestOptions(include=("oil", "gas prices")), since, until)
    assert titles(included) == ["Gas prices fall", "Oil and football", "Oil output rises"]
    excluded = await compose(store, DigestOptions(exclude=("football",)), since, until)
    assert titles(excluded) == ["Gas prices fall", "Oil output rises"]
    both = await compose(
        store, DigestOptions(include=("oil",), exclude=("Kairat", "sponsor")), since, until
    )
    assert titles(both) == ["Oil output rises"]
    # A phrase must appear as a phrase; FTS syntax in keywords is just words.
    phrase = await compose(store, DigestOptions(include=("prices gas",)), since, until)
    assert phrase.total == 0
    hostile = await compose(store, DigestOptions(include=('oil"*', "NEAR(")), since, until)
    assert hostile.total == 2


async def test_ranked_by_quotes_and_speakers_with_strongest_quote(store):
    await add_article(store, "plain", "No quotes here", "Nothing said.")
    await add_article(
        store,
        "minister",
        "Minister on the budget",
        "The budget grows.",
        quotes=(
            (
                "We will balance the budget by the end of the year, whatever it takes.",
                "Aida Nurlanova",
                "Finance Minister",
            ),
            ("Fine.", "Bolat Serik", None),
        ),
    )
    await add_article(
        store,
        "voices",
        "Residents speak",
        "Two residents complained.",
        quotes=(("It is cold in the flats this winter, again.", "Resident One", None),),
    )
    digest = await compose(store, DigestOptions(), START.replace(hour=0), START.replace(hour=23))
    text = plain_text(digest.parts[0])
    order = [line for line in text.splitlines() if line[:2] in ("1.", "2.", "3.")]
    assert [line.split(" · ")[0] for line in order] == [
        "1. Minister on the budget",
        "2. Residents speak",
        "3. No quotes here",
    ]
    assert (
        "💬 “We will balance the budget by the end of the year, whatever it takes.” — "
        "Aida Nurlanova, Finance Minister"
    ) in text
    assert "Fine." not in text


async def test_html_is_escaped_and_more_line_counts_the_rest(store):
    for n in range(7):
        await add_article(store, f"x{n}", f"Tags <b>&amp; {n}", f"Summary <i>{n}</i> & more.")
    digest = await compose(
        store, DigestOptions(max_items=3), START.replace(hour=0), START.replace(hour=23)
    )
    html = digest.parts[0]
    assert "<b>&amp; " not in html and "&lt;b&gt;&amp; 6" in html
    text = plain_text(html)  # the entity in the copy reads as "&"; the tags stay text
    assert "Tags <b>& 6" in text and "Summary <i>6</i> & more." in text
    assert text.rstrip().endswith("… and 4 more")
    assert (digest.shown, digest.total) == (3, 7)


async def test_long_digest_splits_between_items_under_4096(store):
    for n in range(40):
        await add_article(store, f"long{n}", f"Headline number {n:02d}", "word " * 50 + "end.")
    digest = await compose(
        store, DigestOptions(max_items=40), START.replace(hour=0), START.replace(hour=23)
    )
    assert len(digest.parts) > 1
    assert all(visible_length(part) <= 4096 for part in digest.parts)
    text = plain_text("\n\n".join(digest.parts))
    for n in range(40):  # every item whole, in one part
        assert sum(f"Headline number {n:02d}" in plain_text(p) for p in digest.parts) == 1
    assert text.count("end.") == 40


async def test_nothing_new_posts_or_stays_silent(store):
    await add_article(store, "old", "Old story", "Yesterday.")
    later = START.replace(hour=12)
    posted = await compose(
        store, DigestOptions(timezone="Asia/Almaty"), later, later.replace(hour=20)
    )
    assert len(posted.parts) == 1
    assert "Nothing new since 20 Mar 17:00 (Asia/Almaty)." in plain_text(posted.parts[0])
    silent = await compose(store, DigestOptions(post_empty=False), later, later.replace(hour=20))
    assert silent.parts == ()
    filtered = await compose(
        store, DigestOptions(include=("Almaty",)), START.replace(hour=0), later
    )
    assert "Nothing new matching your keywords" in plain_text(filtered.parts[0])


async def test_items_show_the_publication_date_and_are_chosen_by_ingestion(store):
    await add_article(
        store, "late", "Published last week", "Arrived today.", published="2026-03-13"
    )
    await add_article(store, "now", "Published today", "Fresh.")
    digest = await compose(store, DigestOptions(), START.replace(hour=0), START.replace(hour=23))
    text = plain_text("\n".join(digest.parts))
    assert "Published last week · #1 · 2026-03-13" in text  # selected by when it arrived
    assert "Published today · #2 · 2026-03-20" in text
