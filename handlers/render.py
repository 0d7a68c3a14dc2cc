"""Store rows → Telegram HTML. Every stored string goes through ``esc``; lengths are capped so
a page of items always fits one message."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from handlers.text import esc, shorten
from storage import ArticleHit, ArticleRow, PersonProfile, PersonRow, QuoteRow

TITLE_CAP = 120
QUOTE_CAP = 420
NAME_CAP = 80
ROLE_CAP = 80
LINE_CAP = 200
SUMMARY_SENTENCE_CAP = 1000

LENGTH_LABELS = {"short": "short summary", "default": "summary", "long": "long summary"}


def _cap(text: str | None, limit: int) -> str:
    return esc(shorten(text or "", limit))


_PLURALS = {"person": "people"}


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {_PLURALS.get(word, word + 's')}"


def article_ref(article: ArticleRow) -> str:
    """The short id readers type back: ``#42``."""
    return f"#{article.key}"


def article_header(article: ArticleRow) -> str:
    """First line of every message about one article; ``/summary`` in reply reads it back."""
    return f"{article_ref(article)} · <b>{_cap(article.title, TITLE_CAP)}</b>"


def article_meta(article: ArticleRow) -> str:
    parts = [article.date]
    if article.source:
        parts.append(_cap(article.source, NAME_CAP))
    if article.dateline:
        parts.append(_cap(article.dateline, NAME_CAP))
    return " · ".join(parts)


def article_line(article: ArticleRow) -> str:
    """One line of a list: ``#42 · 2023-12-15 · Title``."""
    title = _cap(article.title, TITLE_CAP)
    return f"<code>{article_ref(article)}</code> · {article.date} · {title}"


def search_item(hit: ArticleHit) -> str:
    article = hit.article
    if not article.summary_short:
        return article_line(article)
    return f"{article_line(article)}\n<i>{_cap(article.summary_short[0], LINE_CAP)}</i>"


def summary_text(article: ArticleRow, length: Literal["short", "default", "long"]) -> list[str]:
    """The summary message as items (header, sentences, footer) for ``split_items``."""
    sentences = article.summary_of(length) or article.summary
    head = f"{article_header(article)}\n{article_meta(article)} · {LENGTH_LABELS[length]}"
    body = [esc(shorten(s, SUMMARY_SENTENCE_CAP)) for s in sentences]
    if not body:
        body = ["<i>No summary: the article has no body text.</i>"]
    counts = f"{plural(article.people_count, 'person')} · {plural(article.quote_count, 'quote')}"
    footer = f"<i>{counts}</i>"
    if article.url:
        footer += f"\n{esc(article.url)}"
    return [head, *body, footer]


def speaker_label(quote: QuoteRow) -> str:
    if not quote.speaker:
        return "<i>unattributed</i>"
    label = f"<b>{_cap(quote.speaker, NAME_CAP)}</b>"
    if quote.speaker_role:
        label += f", {_cap(quote.speaker_role, ROLE_CAP)}"
    return label


def quote_card(quote: QuoteRow) -> str:
    """“quote” — Speaker, role · article title, date (paraphrase for reported speech)."""
    source = f"<i>{_cap(quote.article_title, TITLE_CAP)}</i>, {esc(quote.article_date)}"
    source += f" · <code>#{quote.article_key}</code>"
    text = _cap(quote.text, QUOTE_CAP)
    if quote.kind == "reported":
        return f"<i>Paraphrase:</i> {text}\n— {speaker_label(quote)} · {source}"
    return f"“{text}”\n— {speaker_label(quote)} · {source}"


def person_line(person: PersonRow, *, in_article: bool = False) -> str:
    """``Name, role — 3 mentions · 1 quote · 2 articles``."""
    line = f"<b>{_cap(person.name, NAME_CAP)}</b>"
    if person.role:
        line += f", {_cap(person.role, ROLE_CAP)}"
    counts = [plural(person.mentions, "mention"), plural(person.quotes, "quote")]
    if not in_article:
        counts.append(plural(person.articles, "article"))
    return f"{line} — {' · '.join(counts)}"


def profile_items(profile: PersonProfile) -> list[str]:
    person = profile.person
    head = f"👤 <b>{_cap(person.name, NAME_CAP)}</b>"
    if profile.aliases:
        head += f"\nalso: {', '.join(_cap(a, NAME_CAP) for a in profile.aliases[:5])}"
    roles = profile.roles or ((person.role,) if person.role else ())
    if roles:
        head += f"\nroles: {'; '.join(_cap(r, ROLE_CAP) for r in roles[:5])}"
    head += (
        f"\n{plural(person.articles, 'article')} · {plural(person.mentions, 'mention')}"
        f" · {plural(person.quotes, 'quote')}"
    )
    items = [head]
    if profile.articles:
        items.append("<b>Articles</b>\n" + "\n".join(article_line(a) for a in profile.articles))
    if profile.latest_quotes:
        items.append("<b>Latest quotes</b>")
        items.extend(quote_card(q) for q in profile.latest_quotes)
    else:
        items.append("<i>No quotes from this person yet.</i>")
    return items


def names_list(names: Sequence[str]) -> str:
    return ", ".join(f"<b>{_cap(n, NAME_CAP)}</b>" for n in names)
