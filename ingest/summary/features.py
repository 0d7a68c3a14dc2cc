"""The candidate sentences of an article and the cheap features of each.

Bylines, captions, "Read more" lines and other boilerplate (``data/boilerplate.json``) are
never candidates, nor is the rest of a short paragraph after them; nor are fragments of fewer than
``fragment_words`` words that are not figures and none in lower case (the "By . Jane Doe .
PUBLISHED: . 14:11 EST" header some sites run together with the story), and they do not count
as positions. For each candidate: its content
terms, how many words it has, and a prior that scales its score down for very short
sentences, for sentences that open with a quote mark and for sentences that cannot stand
alone (opening with a pronoun or a connective, or continuing a quote from the sentence before
in the first person), and up for the figures it gives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from ingest.language.wordlists import table
from ingest.model import Sentence
from ingest.summary.terms import LETTERS_AND_SPACE, SPACE_BUT_TOKENS, TERMS, lowered
from ingest.summary.weights import Weights
from ingest.text.boilerplate import boilerplate_test

_OPENING_QUOTES = ("“", '"', "‘", "«", "``")
# After boilerplate, the rest of a paragraph of at most this many sentences is passed over
# (a caption's credit, a "Read more" headline); a longer paragraph is story copy run together
# with its site furniture ("Last updated at 3:31 PM on 19th July 2011 . The …").
_SHORT_PARAGRAPH = 3


@dataclass(frozen=True, slots=True)
class _Language:
    dependent_openers: frozenset[str]
    first_person: frozenset[str]


@cache
def _language() -> _Language:
    data = table("summary.json")
    return _Language(
        dependent_openers=frozenset(data["dependent_openers"]),
        first_person=frozenset(data["first_person"]),
    )


@dataclass(frozen=True, slots=True)
class Candidates:
    """The sentences that may be chosen, in article order, with their features."""

    sentences: list[Sentence]
    terms: list[set[str]]
    words: list[int]
    priors: list[float]
    figures: list[int]  # how many figures each gives (9.62 counts as two)


def quote_open(before: Iterable[str]) -> bool:
    """After the sentences ``before`` of a paragraph, is a quote still open: more curly or
    angle quotes opened than closed, or an odd number of straight quotes?"""
    text = "".join(before)
    curly = text.count("“") + text.count("«") - text.count("”") - text.count("»")
    return curly > 0 or text.count('"') % 2 == 1


def _no_lower_case_word(text: str) -> bool:
    return not any(word[:1].islower() for word in text.split())


def candidates(sentences: Sequence[Sentence], weights: Weights) -> Candidates:
    lang = _language()
    texts = [s.text for s in sentences]
    lowered_text, lowered_each = lowered(texts)
    is_boilerplate = boilerplate_test(lowered_text)
    kept: list[Sentence] = []
    terms: list[set[str]] = []
    words: list[int] = []
    priors: list[float] = []
    figure_counts: list[int] = []
    paragraph, opening, skipped = -1, 0, -1  # opening: index of the paragraph's first sentence
    # bound once: called per sentence
    term_of, isdigit, space_but_tokens = TERMS.__getitem__, str.isdigit, SPACE_BUT_TOKENS
    short_words, dependent = weights.short_words, weights.dependent
    quote_prior, numbers = weights.quote, weights.numbers
    long_words, long_penalty = weights.long_words, weights.long_penalty
    fragment_words = weights.fragment_words
    openers, first_person = lang.dependent_openers, lang.first_person
    sizes = Counter(s.paragraph for s in sentences)
    for index, s in enumerate(sentences):
        if s.paragraph != paragraph:
            paragraph, opening = s.paragraph, index
        if paragraph == skipped:
            continue
        text, low = texts[index], lowered_each[index]
        if is_boilerplate(text, low):
            if sizes[paragraph] <= _SHORT_PARAGRAPH:
                skipped = paragraph
            continue
        # terms.tokens(low), inlined
        spaced = low.encode("ascii", "replace").translate(space_but_tokens)
        tokens = spaced.decode("ascii").split()
        # only tokens with a digit can be figures; deleting letters and spaces finds them
        figures = sum(map(isdigit, tokens)) if spaced.translate(None, LETTERS_AND_SPACE) else 0
        if len(tokens) - figures < fragment_words and _no_lower_case_word(text):
            continue  # "By .", "PUBLISHED: .", "14:11 EST, 25 October 2013 .": not a sentence
        found = set(map(term_of, tokens))
        found.discard("")
        prior = 1.0
        size = len(tokens)
        if size < short_words:
            prior *= size / short_words
        elif long_penalty and size > long_words:
            prior *= (long_words / size) ** long_penalty
        if (
            kept
            and tokens
            and (
                tokens[0] in openers
                or (
                    index > opening
                    and not first_person.isdisjoint(tokens)
                    and quote_open(texts[opening:index])
                )
            )
        ):
            prior *= dependent
        if text.startswith(_OPENING_QUOTES):
            prior *= quote_prior
        if figures:
            prior *= 1.0 + numbers * min(figures, 3) / 3
        kept.append(s)
        terms.append(found)
        words.append(size)
        priors.append(prior)
        figure_counts.append(figures)
    return Candidates(kept, terms, words, priors, figure_counts)
