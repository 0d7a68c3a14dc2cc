"""Content terms of sentences: lower-cased tokens, stopwords dropped, lightly stemmed."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ingest.language.wordlists import stopwords

TOKEN = re.compile(r"[a-z0-9]+")

# Bytes that cannot be in a token → a space. Token characters are all ASCII, so text encoded
# to ASCII with every other character as "?" translates to its tokens split by spaces.
SPACE_BUT_TOKENS = bytes(byte if TOKEN.fullmatch(chr(byte)) else 32 for byte in range(256))
LETTERS_AND_SPACE = b" abcdefghijklmnopqrstuvwxyz"


def stem(word: str) -> str:
    """A light English stem: plurals, -ing and -ed endings."""
    n = len(word)
    if n > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if n > 5 and word.endswith("ing"):
        return word[:-3]
    if n > 4 and word.endswith("ied"):
        return word[:-3] + "y"
    if n > 4 and word.endswith("ed") and not word.endswith("eed"):
        return word[:-2]
    if n > 3 and word.endswith("es") and word[-3] in "sxz":
        return word[:-2]
    if n > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class Terms(dict[str, str]):
    """Token → stemmed term, empty for stopwords, single letters and numbers; memoised.

    A dict with ``__missing__`` is looked up from C by ``map``, about twice as fast as an
    ``lru_cache`` call; it is emptied when it outgrows ``limit``.
    """

    def __init__(self, limit: int = 1 << 17) -> None:
        super().__init__()
        self.limit = limit
        self.stopwords = stopwords()

    def __missing__(self, token: str) -> str:
        if len(self) >= self.limit:
            self.clear()
        dropped = len(token) < 2 or token in self.stopwords or token.isdigit()
        term = "" if dropped else stem(token)
        self[token] = term
        return term


TERMS = Terms()


def tokens(low: str) -> list[str]:
    """``TOKEN.findall(low)``, without the regex engine: a few passes in C over ``low``."""
    return low.encode("ascii", "replace").translate(SPACE_BUT_TOKENS).decode("ascii").split()


def lowered(texts: Sequence[str]) -> tuple[str, list[str]]:
    """``texts`` lower-cased, joined by NUL and one by one.

    One by one, as ``str.lower`` takes a fast path for the many texts that are ASCII.
    """
    each = [text.lower() for text in texts]
    return "\0".join(each), each


def content_terms(text: str) -> set[str]:
    """Stemmed content words of ``text``."""
    terms = set(map(TERMS.__getitem__, tokens(text.lower())))
    terms.discard("")
    return terms


def document_frequencies(texts: Iterable[str]) -> Counter[str]:
    """How many of ``texts`` use each term: the table the ranker can weigh words by."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(content_terms(text))
    return counts
