"""Building a digest's HTML messages: select, filter, rank, render, split under 4096.

Ranking is "how much they quote and whom": every direct or partial quote counts, reported speech
counts half, and each distinct quoted speaker adds a weight that grows with how established the
speaker is in the store (has a role, appears in many articles). Ties keep the newer article
first. Each item shows the headline, a one-sentence summary and the strongest quote with its
speaker.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from handlers.digest.times import parse_iso
from handlers.text import MESSAGE_LIMIT, esc, shorten, split_items
from storage.digest_articles import DigestCandidate, DigestQuote
from storage.interface import SubscriptionQueriesAPI
from storage.subscriptions import Subscription

SUMMARY_CHARS = 300
QUOTE_CHARS = 280
TITLE_CHARS = 200


@dataclass(frozen=True, slots=True)
class DigestOptions:
    """What shapes one chat's digest (a subscription's settings, or the defaults)."""

    timezone: str = "UTC"
    max_items: int = 10
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    post_empty: bool = True

    @classmethod
    def of(cls, subscription: Subscription) -> DigestOptions:
        return cls(
            timezone=subscription.timezone,
            max_items=subscription.max_items,
            include=subscription.include,
            exclude=subscription.exclude,
            post_empty=subscription.post_empty,
        )


@dataclass(frozen=True, slots=True)
class Digest:
    parts: tuple[str, ...]  # HTML messages in order; empty when the chat stays silent
    shown: int  # articles listed
    total: int  # articles that matched


def speaker_weight(quote: DigestQuote) -> float:
    """How much a quote's speaker counts: named, has a role, appears across articles."""
    if not quote.speaker:
        return 0.0
    weight = 1.0
    if quote.speaker_role:
        weight += 1.0
    return weight + min(2.0, math.log2(1 + quote.speaker_articles))


def article_score(candidate: DigestCandidate) -> float:
    score = 0.0
    speakers: dict[str, float] = {}
    for quote in candidate.quotes:
        score += 0.5 if quote.kind == "reported" else 1.0
        if quote.speaker:
            key = quote.speaker.casefold()
            speakers[key] = max(speakers.get(key, 0.0), speaker_weight(quote))
    return score + sum(speakers.values())


def strongest_quote(candidate: DigestCandidate) -> DigestQuote | None:
    """The quote to show: a direct or partial quote with a speaker, the weightiest speaker
    first, then direct over partial, then a quote of readable length."""

    def strength(quote: DigestQuote) -> tuple[float, int]:
        length = len(quote.text)
        fit = 1.0 if 40 <= length <= 240 else 0.5 if length > 240 else 0.0
        direct = 0.5 if quote.kind == "direct" else 0.0
        return speaker_weight(quote) + direct + fit, -abs(length - 140)

    quoted = [q for q in candidate.quotes if q.kind != "reported" and q.speaker]
    return max(quoted, key=strength) if quoted else None


def rank(candidates: Sequence[DigestCandidate]) -> list[DigestCandidate]:
    """Best first; the input order (newest first) breaks ties."""
    order = {c.article.key: i for i, c in enumerate(candidates)}
    return sorted(candidates, key=lambda c: (-article_score(c), order[c.article.key]))


def _when(instant: str, zone: ZoneInfo) -> str:
    local = parse_iso(instant).astimezone(zone)
    return local.strftime("%-d %b %H:%M")


def render_item(number: int, candidate: DigestCandidate) -> str:
    article = candidate.article
    title = esc(shorten(article.title, TITLE_CHARS))
    lines = [f"<b>{number}. {title}</b> · #{article.key} · {article.date}"]
    sentence = next(iter(article.summary_short or article.summary), "")
    if sentence:
        lines.append(esc(shorten(sentence, SUMMARY_CHARS)))
    quote = strongest_quote(candidate)
    if quote is not None and quote.speaker:
        speaker = esc(quote.speaker)
        if quote.speaker_role:
            speaker += f", {esc(quote.speaker_role)}"
        lines.append(f"💬 <i>“{esc(shorten(quote.text, QUOTE_CHARS))}”</i> — {speaker}")
    return "\n".join(lines)


def render(
    ranked: Sequence[DigestCandidate],
    total: int,
    options: DigestOptions,
    *,
    since: str,
    until: str,
    limit: int = MESSAGE_LIMIT,
) -> Digest:
    zone = ZoneInfo(options.timezone)
    stamp = parse_iso(until).astimezone(zone).strftime("%-d %b %Y")
    filtered = " matching your keywords" if options.include or options.exclude else ""
    if total == 0:
        if not options.post_empty:
            return Digest((), 0, 0)
        text = (
            f"📰 <b>Digest · {stamp}</b>\n"
            f"Nothing new{filtered} since {_when(since, zone)} ({esc(options.timezone)})."
        )
        return Digest((text,), 0, 0)
    shown = list(ranked[: options.max_items])
    noun = "article" if total == 1 else "articles"
    header = (
        f"📰 <b>Digest · {stamp}</b>\n"
        f"{total} new {noun}{filtered} since {_when(since, zone)} ({esc(options.timezone)})"
    )
    items = [render_item(n, c) for n, c in enumerate(shown, start=1)]
    if total > len(shown):
        items.append(f"… and {total - len(shown)} more")
    return Digest(tuple(split_items(items, header=header, limit=limit)), len(shown), total)


class DigestComposer:
    """Builds digests from the store. Chats with the same window and keywords share one
    query while this object lives (one fan-out)."""

    def __init__(self, queries: SubscriptionQueriesAPI, cache_size: int = 64) -> None:
        self._queries = queries
        self._cache: OrderedDict[tuple[object, ...], tuple[list[DigestCandidate], int]] = (
            OrderedDict()
        )
        self._cache_size = cache_size

    async def compose(self, options: DigestOptions, *, since: str, until: str) -> Digest:
        key = (since, until, options.include, options.exclude)
        found = self._cache.get(key)
        if found is None:
            found = await self._queries.articles.candidates(
                since, until, include=options.include, exclude=options.exclude
            )
            self._cache[key] = found
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        candidates, total = found
        return render(rank(candidates), total, options, since=since, until=until)
