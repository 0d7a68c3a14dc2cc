"""Text as SQLite's ``unicode61 remove_diacritics 2`` tokenizer sees it, for PostgreSQL.

PostgreSQL's own parser splits differently (``e-mail`` is three tokens, ``3.5`` one, accents
stay unless the ``unaccent`` extension is installed, which not every server has). Folding the
text the SQLite way first — letters and digits only, lower case, accents removed — and handing
PostgreSQL the words separated by single spaces makes both backends index the same words, so
they answer the same searches. PostgreSQL's ``simple`` configuration then takes each folded
word as one lexeme (no stemming, no stop words, like unicode61).

Known differences that remain: unicode61 keeps private-use characters as letters and splits
on spacing combining marks (some Indic vowel signs), and the two rank differently (bm25
against ``ts_rank_cd``); which articles match is the same.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from storage.fts import fts_terms

_LETTERS_AND_DIGITS = re.compile(r"[^\W_]+")
# The tsquery of a search whose ``(phrases, any_phrase, prefix_last)`` are bound to $1–$3.
WORDS_QUERY = "newsroom_query($1, $2, $3)"


def fold(text: str) -> str:
    """``"José Álvarez-Rey, 3.5%"`` → ``"jose alvarez rey 3 5"``."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_LETTERS_AND_DIGITS.findall(text.lower()))


def search_phrases(words: str) -> list[str]:
    """The user's words as folded phrases, one per search term (see ``storage.fts``).

    A term that folds into several words (``foo_bar``) stays one phrase, as FTS5 reads a
    quoted term; a term that folds into nothing is dropped."""
    return [p for p in (fold(t) for t in fts_terms(words)) if p]


def keyword_phrases(keywords: Sequence[str]) -> list[str]:
    """Digest keywords as folded phrases: each keyword (a word or a phrase) is one."""
    phrases = (fold(" ".join(fts_terms(k))) for k in keywords)
    return [p for p in phrases if p]


def prefix_applies(words: str, prefix: bool) -> bool:
    """The SQLite rule: the last word is a prefix when asked and at least 3 characters."""
    terms = fts_terms(words)
    return prefix and bool(terms) and len(terms[-1]) >= 3 and bool(fold(terms[-1]))
