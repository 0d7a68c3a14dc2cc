"""Tune the summary weights on the TUNE part of the dev sets (coordinate search).

    python benchmarks/summary_tune.py [--rounds 2] [--part tune] [--show]

Reads the dev sets ``benchmarks/summary_data.py`` builds (never ``tests/corpus*``), splits each
article once with ``analyze``, and scores any :class:`Weights` by ROUGE-1/2 F (rouge-score's
tokenizer and stemmer, counted here directly so that one setting takes a second, not a minute).
The objective is the worst margin by which a set beats its baseline (see ``objective``). It
prints the best setting found; the defaults in ``ingest/summary/weights.py`` are copied from it
by hand, after checking the holdout part with ``benchmarks/summary.py --part holdout``.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rouge_score import rouge_scorer  # noqa: E402

from benchmarks.baselines import textrank  # noqa: E402
from benchmarks.summary import DATA, load  # noqa: E402
from ingest import analyze  # noqa: E402
from ingest.model import Sentence  # noqa: E402
from ingest.summary.ranker import DEFAULT_WEIGHTS, Weights, rank_sentences  # noqa: E402

SETS = (
    "highlights_inshorts",
    "highlights_cnndm",
    "highlights_cnndm_validation",
    "centrality",
    "centrality_cnndm_validation",
)
# Candidate values per weight, tried one weight at a time.
GRID: dict[str, Sequence[float]] = {
    "length_exponent": (0.0, 0.05, 0.1, 0.2, 0.3),
    "earlier_edges": (1.0, 0.5, 0.0, -0.5, -1.0),
    "centrality_power": (0.5, 1.0, 1.5, 2.0, 3.0),
    "first": (0.0, 0.3, 0.6, 1.0, 2.0),
    "long_words": (25, 30, 35, 45),
    "long_penalty": (0.0, 0.3, 0.6, 1.0),
    "position": (0.3, 0.6, 1.0, 1.5, 2.0, 3.0),
    "position_decay": (1.0, 2.0, 3.0, 4.0, 6.0),
    "title": (0.0, 0.3, 0.7, 1.0),
    "dependent": (0.4, 0.6, 0.8, 1.0),
    "quote": (0.3, 0.6, 0.8, 1.0),
    "numbers": (0.0, 0.3),
    "redundancy": (0.0, 0.1, 0.2, 0.4, 0.8),
    "coverage": (0.0, 0.3, 0.6),
    "learned_mix": (0.0, 0.3, 0.5, 1.0),
}


@dataclasses.dataclass
class Article:
    sentences: tuple[Sentence, ...]
    title: str
    tokens: list[list[str]]  # per sentence, rouge tokens
    unigrams: Counter[str]
    bigrams: Counter[tuple[str, str]]
    baseline: tuple[float, float] = (0.0, 0.0)


def prepare(set_name: str, part: str) -> list[Article]:
    """The articles of a set; ``baseline`` is the ROUGE of the baseline to beat there:
    TextRank on the centrality set, elsewhere the first three sentences of eight words or
    more (a lead without bylines and datelines)."""
    tokenizer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)._tokenizer
    out = []
    for _name, text, reference in load(DATA / set_name, part):
        analysis = analyze(text)
        ref = tokenizer.tokenize("\n".join(reference))
        article = Article(
            sentences=analysis.sentences,
            title=analysis.title,
            tokens=[tokenizer.tokenize(s.text) for s in analysis.sentences],
            unigrams=Counter(ref),
            bigrams=Counter(pairwise(ref)),
        )
        if set_name.startswith("centrality"):
            picked = set(textrank([s.text for s in article.sentences], 3))
            base = [s for s in article.sentences if s.text in picked]
        else:
            base = [s for s in article.sentences if len(s.text.split()) >= 8][:3]
        article.baseline = rouge(article, base)
        out.append(article)
    return out


def f_measure(overlap: int, found: int, wanted: int) -> float:
    if not overlap:
        return 0.0
    precision, recall = overlap / found, overlap / wanted
    return 200 * precision * recall / (precision + recall)


def rouge(article: Article, chosen: Sequence[Sentence]) -> tuple[float, float]:
    index = {id(s): i for i, s in enumerate(article.sentences)}
    tokens = [
        t for s in sorted(chosen, key=lambda s: s.start) for t in article.tokens[index[id(s)]]
    ]
    uni, bi = Counter(tokens), Counter(pairwise(tokens))
    r1 = f_measure(
        sum((uni & article.unigrams).values()), len(tokens), sum(article.unigrams.values())
    )
    r2 = f_measure(
        sum((bi & article.bigrams).values()), max(len(tokens) - 1, 0), sum(article.bigrams.values())
    )
    return r1, r2


def baselines(sets: dict[str, list[Article]]) -> dict[str, tuple[float, float]]:
    return {
        name: (
            statistics.fmean(a.baseline[0] for a in articles),
            statistics.fmean(a.baseline[1] for a in articles),
        )
        for name, articles in sets.items()
    }


def evaluate(sets: dict[str, list[Article]], weights: Weights) -> dict[str, tuple[float, float]]:
    out = {}
    for name, articles in sets.items():
        scores = [
            rouge(a, rank_sentences(a.sentences, 3, title=a.title, weights=weights))
            for a in articles
        ]
        out[name] = (
            statistics.fmean(s[0] for s in scores),
            statistics.fmean(s[1] for s in scores),
        )
    return out


# What each set must beat its baseline by (ROUGE-1, ROUGE-2): the goals of issue 12.
MARGINS = {"centrality": (1.8, 1.2), "centrality_cnndm_validation": (1.8, 1.2)}
BASELINES: dict[str, tuple[float, float]] = {}


def objective(result: dict[str, tuple[float, float]]) -> float:
    """The worst margin over the goals (each set's ROUGE-1 and -2 against its baseline plus
    the margin asked), plus a twentieth of their sum to break ties."""
    margins = []
    for name, (r1, r2) in result.items():
        b1, b2 = BASELINES[name]
        m1, m2 = MARGINS.get(name, (1.0, 0.0))
        margins += [r1 - b1 - m1, r2 - b2 - m2]
    return min(margins) + 0.05 * sum(margins)


def show(result: dict[str, tuple[float, float]]) -> str:
    return "  ".join(f"{name} {r1:.1f}/{r2:.1f}" for name, (r1, r2) in result.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", default="tune")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--show", action="store_true", help="only score the defaults")
    args = parser.parse_args()
    sets = {name: prepare(name, args.part) for name in SETS if (DATA / name).is_dir()}
    BASELINES.update(baselines(sets))
    print(f"baselines: {show(BASELINES)}")
    best = DEFAULT_WEIGHTS
    best_result = evaluate(sets, best)
    print(f"defaults: {objective(best_result):.2f}  {show(best_result)}", flush=True)
    if args.show:
        return 0
    for _round in range(args.rounds):
        for field, values in GRID.items():
            for value in values:
                trial = dataclasses.replace(best, **{field: value})
                if trial == best:
                    continue
                result = evaluate(sets, trial)
                if objective(result) > objective(best_result) + 0.01:
                    best, best_result = trial, result
                    print(f"{field}={value}: {objective(result):.2f}  {show(result)}", flush=True)
    print(best)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
