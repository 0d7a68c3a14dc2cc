"""Extractive summary: the article's own sentences, the most informative chosen.

The shape is TextRank: sentences are the nodes of a graph whose edges weigh the content words
two sentences share (stopwords dropped, light stemming, optionally weighted by inverse
document frequency). On an undirected graph the random walk behind PageRank settles on each
node in proportion to its weighted degree, so centrality here is the weighted degree,
computed in one pass over the terms instead of by power iteration. Centrality is scaled by a
prior for early position (counted among the sentences that are not boilerplate), by
overlap with the title and by the figures a sentence gives, and down for very short
sentences, for sentences that open with a quote mark and for sentences that cannot stand
alone (opening with a pronoun or a connective, or continuing a quote from the sentence
before in the first person). Sentences are then picked greedily: terms a chosen sentence
already covers lose part of their value, and similarity to a chosen sentence is subtracted
(maximal marginal relevance), so a near-copy of a chosen sentence is passed over. The
choice is returned in article order.

Bylines, captions, "Read more" lines and other boilerplate (``data/boilerplate.json``) are
never chosen, nor is the rest of a paragraph after them. An article with no more usable
sentences than asked for summarises to itself.
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ingest.language.wordlists import stopwords, table
from ingest.model import Sentence
from ingest.text.boilerplate import boilerplate_test

_TOKEN = re.compile(r"[a-z0-9]+")
_TIE = 1e-9
_NEAR = 2e-9  # scores closer than this may round to the same 9 decimals
_OPENING_QUOTES = ("“", '"', "‘", "«", "``")


@dataclass(frozen=True, slots=True)
class Weights:
    """Tuning of the sentence score.

    The defaults were set on the development corpus (``benchmarks/summary.py``) within the
    range where the seed article's summary still names what the story is about.
    """

    # edge(i, j) is divided by (|terms i| * |terms j|) ** length_exponent: 0 favours long
    # sentences most, 0.5 is cosine-like.
    length_exponent: float = 0.1
    # The first sentence gets (1 + position); the bonus decays by e every position_decay.
    # Kept low on purpose: on the dev corpus 0 to 1 moves ROUGE-1 by half a point, and
    # human reference summaries of real news favour central sentences over the lead.
    position: float = 0.3
    position_decay: float = 4.0
    # Up to (1 + title) for a sentence that has every content word of the title.
    title: float = 0.7
    # Sentences of fewer words are scaled down in proportion.
    short_words: int = 8
    # Factor for a sentence that leans on the one before.
    dependent: float = 0.6
    # Factor for a sentence that opens with a quote mark: a source's words, not the report.
    quote: float = 0.6
    # Up to (1 + numbers) for a sentence with three or more figures (amounts, counts, dates;
    # 9.62 counts as two).
    numbers: float = 0.3
    # Weight of the similarity to already chosen sentences in maximal marginal relevance.
    redundancy: float = 0.8
    # Share of a term's value lost once a chosen sentence covers it.
    coverage: float = 0.6


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True, slots=True)
class _Language:
    stopwords: frozenset[str]
    dependent_openers: frozenset[str]
    first_person: frozenset[str]


@cache
def _language() -> _Language:
    data = table("summary.json")
    return _Language(
        stopwords=stopwords(),
        dependent_openers=frozenset(data["dependent_openers"]),
        first_person=frozenset(data["first_person"]),
    )


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


class _Terms(dict[str, str]):
    """Token → stemmed term, empty for stopwords, single letters and numbers; memoised.

    A dict with ``__missing__`` is looked up from C by ``map``, about twice as fast as an
    ``lru_cache`` call; it is emptied when it outgrows ``limit``.
    """

    def __init__(self, limit: int = 1 << 17) -> None:
        super().__init__()
        self.limit = limit

    def __missing__(self, token: str) -> str:
        if len(self) >= self.limit:
            self.clear()
        if len(token) < 2 or token in _language().stopwords or token.isdigit():
            term = ""
        else:
            term = stem(token)
        self[token] = term
        return term


_TERMS = _Terms()


# Bytes that cannot be in a token → a space. Token characters are all ASCII, so text encoded
# to ASCII with every other character as "?" translates to its tokens split by spaces.
_SPACE_BUT_TOKENS = bytes(byte if _TOKEN.fullmatch(chr(byte)) else 32 for byte in range(256))


_LETTERS_AND_SPACE = b" abcdefghijklmnopqrstuvwxyz"


def _tokens(low: str) -> list[str]:
    """``_TOKEN.findall(low)``, without the regex engine: a few passes in C over ``low``."""
    return low.encode("ascii", "replace").translate(_SPACE_BUT_TOKENS).decode("ascii").split()


def _lowered(texts: Sequence[str]) -> tuple[str, list[str]]:
    """``texts`` lower-cased, joined by NUL and one by one.

    One by one, as ``str.lower`` takes a fast path for the many texts that are ASCII.
    """
    each = [text.lower() for text in texts]
    return "\0".join(each), each


def _quote_open(before: Iterable[str]) -> bool:
    """After the sentences ``before`` of a paragraph, is a quote still open: more curly or
    angle quotes opened than closed, or an odd number of straight quotes?"""
    text = "".join(before)
    curly = text.count("“") + text.count("«") - text.count("”") - text.count("»")
    return curly > 0 or text.count('"') % 2 == 1


def content_terms(text: str) -> set[str]:
    """Stemmed content words of ``text``."""
    terms = set(map(_TERMS.__getitem__, _tokens(text.lower())))
    terms.discard("")
    return terms


def document_frequencies(texts: Iterable[str]) -> Counter[str]:
    """How many of ``texts`` use each term: the table :func:`summarize` can weigh words by."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(content_terms(text))
    return counts


# Summary lengths offered to readers, in sentences.
SUMMARY_LENGTHS = {"short": 1, "default": 3, "long": 5}


def summarize(
    sentences: Sequence[Sentence],
    count: int = 3,
    *,
    title: str | None = None,
    document_frequencies: Mapping[str, int] | None = None,
    documents: int = 0,
    weights: Weights = DEFAULT_WEIGHTS,
) -> tuple[Sentence, ...]:
    """Up to ``count`` sentences of the article, in article order.

    ``title`` favours sentences about what the headline says. ``document_frequencies``
    (term → how many of ``documents`` articles use it, as :func:`document_frequencies` counts
    them over the article store) makes words common to all news count less; without it every
    content word counts the same, which is what the defaults were tuned with.
    """
    ranked = rank_sentences(
        sentences,
        count,
        title=title,
        document_frequencies=document_frequencies,
        documents=documents,
        weights=weights,
    )
    return in_article_order(ranked[:count])


def in_article_order(chosen: Iterable[Sentence]) -> tuple[Sentence, ...]:
    return tuple(sorted(chosen, key=lambda s: s.start))


def rank_sentences(
    sentences: Sequence[Sentence],
    limit: int,
    *,
    title: str | None = None,
    document_frequencies: Mapping[str, int] | None = None,
    documents: int = 0,
    weights: Weights = DEFAULT_WEIGHTS,
) -> tuple[Sentence, ...]:
    """Up to ``limit`` sentences in the order the greedy choice takes them.

    The choice is greedy, so the first ``n`` of them are exactly the ``n``-sentence
    summary: one ranking serves the short, default and long summaries.
    """
    if limit <= 0 or not sentences:
        return ()
    lang = _language()
    texts = [s.text for s in sentences]
    lowered_text, lowered = _lowered(texts)
    is_boilerplate = boilerplate_test(lowered_text)
    kept: list[Sentence] = []
    terms: list[set[str]] = []
    priors: list[float] = []
    paragraph, opening, skipped = -1, 0, -1  # opening: index of the paragraph's first sentence
    # bound once: called per sentence
    term_of, isdigit, space_but_tokens = _TERMS.__getitem__, str.isdigit, _SPACE_BUT_TOKENS
    short_words, dependent = weights.short_words, weights.dependent
    quote_prior, numbers = weights.quote, weights.numbers
    openers, first_person = lang.dependent_openers, lang.first_person
    for index, s in enumerate(sentences):
        if s.paragraph != paragraph:
            paragraph, opening = s.paragraph, index
        if paragraph == skipped:
            continue
        text, low = texts[index], lowered[index]
        if is_boilerplate(text, low):
            skipped = paragraph
            continue
        # _tokens(low), inlined
        spaced = low.encode("ascii", "replace").translate(space_but_tokens)
        tokens = spaced.decode("ascii").split()
        found = set(map(term_of, tokens))
        found.discard("")
        prior = 1.0
        if len(tokens) < short_words:
            prior *= len(tokens) / short_words
        if (
            kept
            and tokens
            and (
                tokens[0] in openers
                or (
                    index > opening
                    and not first_person.isdisjoint(tokens)
                    and _quote_open(texts[opening:index])
                )
            )
        ):
            prior *= dependent
        if text.startswith(_OPENING_QUOTES):
            prior *= quote_prior
        # only tokens with a digit can be figures; deleting letters and spaces finds them
        figures = sum(map(isdigit, tokens)) if spaced.translate(None, _LETTERS_AND_SPACE) else 0
        if figures:
            prior *= 1.0 + numbers * min(figures, 3) / 3
        kept.append(s)
        terms.append(found)
        priors.append(prior)
    if len(kept) <= 1:
        return tuple(kept)

    graph = _Graph.build(terms, weights.length_exponent, document_frequencies, documents)
    centrality = graph.degrees()
    top = max(centrality) or 1.0
    bonus = _position_bonus(weights.position, weights.position_decay, len(terms))
    scores = [c / top * p * b for c, p, b in zip(centrality, priors, bonus, strict=True)]
    title_terms = content_terms(title) if title else set()
    if title_terms:
        title_share = weights.title / len(title_terms)
        for rank, t in enumerate(terms):
            scores[rank] *= 1.0 + title_share * len(t & title_terms)

    chosen = _select(graph, scores, centrality, limit, weights)
    return tuple(kept[i] for i in chosen)


@lru_cache(maxsize=256)
def _position_bonus(position: float, decay: float, count: int) -> tuple[float, ...]:
    """The factor for early position of each of ``count`` sentences: ``1 + position`` for the
    first, decaying by e every ``decay`` sentences."""
    return tuple(1.0 + position * math.exp(-rank / decay) for rank in range(count))


@dataclass(frozen=True, slots=True)
class _Graph:
    """The word-overlap graph of the sentences, kept as per-term sums.

    edge(i, j) = a(i) * a(j) * sum of w(t) over the terms i and j share, with
    a(i) = |terms(i)| ** -length_exponent, so the degree of i is the sum over its terms t of
    a(i) * w(t) * (mass(t) - a(i)), where mass(t) sums a over the sentences that use t.
    Summing per term first makes the degrees linear in the number of (sentence, term) pairs.
    """

    terms: Sequence[set[str]]
    scale: list[float]
    mass: dict[str, float]
    weight: dict[str, float] | None

    @classmethod
    def build(
        cls,
        terms: Sequence[set[str]],
        length_exponent: float,
        document_frequencies: Mapping[str, int] | None,
        documents: int,
    ) -> _Graph:
        sizes = list(map(len, terms))
        scale_of = {n: 1.0 / max(n, 1) ** length_exponent for n in set(sizes)}  # few sizes
        scale = list(map(scale_of.__getitem__, sizes))
        mass: dict[str, float] = {}
        mass_of = mass.get
        for t, a in zip(terms, scale, strict=True):
            for term in t:
                mass[term] = mass_of(term, 0.0) + a
        weight = None
        if document_frequencies and documents > 0:
            weight = {
                term: math.log((documents + 1) / (document_frequencies.get(term, 0) + 1)) + 1.0
                for term in mass
            }
        return cls(terms, scale, mass, weight)

    def degrees(self) -> list[float]:
        """Weighted degree of every sentence."""
        mass, pairs = self.mass, zip(self.terms, self.scale, strict=True)
        if self.weight is None:
            return [a * (sum(map(mass.__getitem__, t)) - a * len(t)) for t, a in pairs]
        w = self.weight
        return [a * sum(w[term] * (mass[term] - a) for term in t) for t, a in pairs]


def _best_first(scores: Sequence[float]) -> list[int]:
    """Indices of ``scores``, best first, equal scores in article order.

    Scores are compared rounded to 9 decimals, so that float noise from set order
    (PYTHONHASHSEED) never reorders a tie. Rounding moves a score by at most half of 1e-9, so
    it can only reorder scores closer than ``_NEAR``; with none that close (the usual case)
    the plain sort gives the same order without rounding each score. Both sorts are stable,
    reversed or not.
    """
    order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
    ranked = [scores[i] for i in order]
    gaps = filter(None, map(operator.sub, ranked, ranked[1:]))  # exact ties need no care
    if min(gaps, default=math.inf) > _NEAR:
        return order
    rounded = [round(score, 9) for score in scores]
    return sorted(range(len(scores)), key=rounded.__getitem__, reverse=True)


def _select(
    graph: _Graph,
    scores: Sequence[float],
    centrality: Sequence[float],
    count: int,
    weights: Weights,
) -> list[int]:
    """Greedy choice with redundancy removal.

    Each round takes the best score after two discounts for what is already chosen: terms
    already covered count only ``1 - coverage`` of their value, and ``redundancy`` times the
    cosine similarity to the closest chosen sentence is subtracted (maximal marginal
    relevance). Discounts only lower a score, so candidates are tried best score first and
    a round stops at the first whose undiscounted score cannot win. Discounts also only grow
    from one round to the next, so a candidate whose value in an earlier round could not
    win now is passed over without working its value out again.

    What a candidate ``i`` loses to the chosen sentences is brought up to date only when
    its value is worked out, folding in the sentences chosen since the last time:

    - its similarity, the max over chosen j of |terms i ∩ terms j| / (norm i * norm j), with
      norm i = sqrt |terms i|;
    - its degree counting only the covered terms: unweighted a(i) * (the mass of those
      terms - a(i) * how many they are), weighted a(i) * the sum of w(t) * (mass(t) - a(i))
      over them. The terms each choice newly covers are kept in the order they were covered
      in, so these sums add up in the same order however late they are worked out.
    """
    n = len(scores)
    terms, scale, mass, weight = graph.terms, graph.scale, graph.mass, graph.weight
    coverage, redundancy = weights.coverage, weights.redundancy
    norms = [math.sqrt(len(t)) or 1.0 for t in terms]
    order = _best_first(scores)
    # Values never rise from round to round when nothing weighs negative: then the last
    # value worked out for a candidate bounds its value now (its score, in the first round).
    monotone = (
        coverage >= 0
        and redundancy >= 0
        and min(scores) >= 0
        and (weight is None or min(weight.values()) >= 0)
    )
    bound = list(scores) if monotone else [math.inf] * n
    chosen: list[int] = []
    covered: set[str] = set()
    newly_covered: list[list[str]] = []  # per chosen sentence, in choice order
    folded = [0] * n  # how many of the chosen sentences the figures below count, per sentence
    similarity = [0.0] * n
    # unweighted: the mass of the covered terms and how many they are; weighted: the sum of
    # w(t) * (mass(t) - a) over them
    covered_value = [0.0] * n
    covered_count = [0] * n
    while len(chosen) < min(count, n):
        best, best_value = -1, -math.inf
        for i in order:
            value = scores[i]
            if value <= best_value + _TIE:
                break
            if bound[i] <= best_value + _TIE:
                continue  # chosen already, or cannot win
            if chosen:
                terms_i, a = terms[i], scale[i]
                similar_i, covered_i, count_i = similarity[i], covered_value[i], covered_count[i]
                for k in range(folded[i], len(chosen)):
                    j = chosen[k]
                    overlap = len(terms_i & terms[j])
                    if not overlap:
                        continue
                    similar = overlap / (norms[i] * norms[j])
                    if similar > similar_i:
                        similar_i = similar
                    if weight is None:
                        for term in filter(terms_i.__contains__, newly_covered[k]):
                            covered_i += mass[term]
                            count_i += 1
                    else:
                        for term in filter(terms_i.__contains__, newly_covered[k]):
                            covered_i += weight[term] * (mass[term] - a)
                similarity[i], covered_value[i], covered_count[i] = similar_i, covered_i, count_i
                folded[i] = len(chosen)
                degree = centrality[i]
                if coverage and degree:
                    if weight is None:
                        lost = a * (covered_i - a * count_i) / degree
                    else:
                        lost = a * covered_i / degree
                    value *= 1.0 - coverage * lost
                value -= redundancy * similar_i
            if monotone:
                bound[i] = value
            if value > best_value + _TIE:
                best, best_value = i, value
        chosen.append(best)
        bound[best] = -math.inf
        newly_covered.append([term for term in terms[best] if term not in covered])
        covered |= terms[best]
    return chosen
