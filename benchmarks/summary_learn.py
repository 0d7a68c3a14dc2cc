"""A learned sentence score for the summary, fitted and measured on the TUNE part of the dev sets.

    python benchmarks/summary_learn.py [--part tune] [--lam 1.4] [--trees 40] [--mix 0.2 ...]
    python benchmarks/summary_learn.py --check holdout     # fitted on tune, measured on holdout
    python benchmarks/summary_learn.py --frontier 20

Reads the dev sets ``benchmarks/summary_data.py`` builds (never ``tests/corpus*``): human
highlights of CNN/DailyMail TRAIN and VALIDATION articles and of Inshorts briefs, and
references of the most central sentences of the same articles. Each article is split and its
candidates' features (``ingest/summary/learned.py``) worked out once, by the code the
summarizer runs.

The model: boosted trees (``boosting.py``), or with ``--linear`` a logistic model, for
P(a sentence is in the compromise choice), the
three sentences of the first ``--first`` candidates that maximise lam·(ROUGE-1 + ROUGE-2
against the highlights) + (ROUGE-1 + ROUGE-2 against the central sentences). A sentence then
scores its hand-tuned product score (``ingest/summary/ranker.py``) times P ** mix, and the
summary's own greedy choice (``selection.py``) picks three. Each mix is reported as ROUGE-1/2
per set and its margins over the product score alone (today's summary); the objective is the
worst margin plus a twentieth of their sum.

``--frontier FIRST`` prints the curve an oracle that knows both references of an article
traces (``frontier``): how far ONE choice of three sentences can go on the highlights and on the
central sentences at once. No summarizer gets beyond it.

Shipped: the logistic model (``--linear --write``, ``ingest/summary/learned.py``), fitted with
λ = 2.0 and used with mix 0.3 (``learned_mix``), the best objective on the tune part; boosted
trees moved the holdout figures about as much and cost many times more to run. Every fit
traded one kind of reference for the other along the same curve: it moves the summary a
little, not past it.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rouge_score import rouge_scorer  # noqa: E402

from benchmarks import boosting  # noqa: E402
from benchmarks.summary import DATA, load  # noqa: E402
from ingest import analyze  # noqa: E402
from ingest.summary.features import candidates  # noqa: E402
from ingest.summary.graph import Graph  # noqa: E402
from ingest.summary.learned import FEATURES, feature_rows, forward_centrality  # noqa: E402
from ingest.summary.ranker import score_candidates  # noqa: E402
from ingest.summary.selection import select  # noqa: E402
from ingest.summary.weights import DEFAULT_WEIGHTS  # noqa: E402

SETS = (
    "highlights_inshorts",
    "highlights_cnndm",
    "highlights_cnndm_validation",
    "centrality",
    "centrality_cnndm_validation",
)
HIGHLIGHTS = tuple(name for name in SETS if name.startswith("highlights"))
CENTRAL = tuple(name for name in SETS if name.startswith("centrality"))
MODEL = ROOT / "ingest" / "language" / "data" / "summary_model.json"
CENTRAL_GOAL = (63.0, 58.0)
HIGHLIGHT_MARGIN = (1.0, 0.0)


@dataclass
class Article:
    name: str
    rows: np.ndarray  # candidates × features
    graph: Graph
    degrees: list[float]
    main: tuple[float, float]  # ROUGE-1/2 of the product score alone (learned off)
    tokens: list[list[str]]  # rouge tokens per candidate
    unigrams: Counter[str]
    bigrams: Counter[tuple[str, str]]
    labels: np.ndarray
    goal: tuple[float, float]


def f_measure(overlap: int, found: int, wanted: int) -> float:
    if not overlap:
        return 0.0
    precision, recall = overlap / found, overlap / wanted
    return 200 * precision * recall / (precision + recall)


def rouge(article: Article, chosen: Sequence[int]) -> tuple[float, float]:
    tokens = [t for i in sorted(chosen) for t in article.tokens[i]]
    uni, bi = Counter(tokens), Counter(pairwise(tokens))
    wanted1, wanted2 = sum(article.unigrams.values()), sum(article.bigrams.values())
    r1 = f_measure(sum((uni & article.unigrams).values()), len(tokens), wanted1)
    r2 = f_measure(sum((bi & article.bigrams).values()), max(len(tokens) - 1, 0), wanted2)
    return r1, r2


def prepare(set_name: str, part: str) -> list[Article]:
    tokenizer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)._tokenizer
    out = []
    for name, text, reference in load(DATA / set_name, part):
        analysis = analyze(text)
        found = candidates(analysis.sentences, DEFAULT_WEIGHTS)
        if len(found.sentences) < 2:
            continue
        scored = score_candidates(found, analysis.title, None, 0, DEFAULT_WEIGHTS)
        graph, degrees = scored.graph, scored.degrees
        ref = tokenizer.tokenize("\n".join(reference))
        article = Article(
            name=name,
            rows=np.array(
                feature_rows(
                    found,
                    degrees,
                    forward_centrality(graph, degrees, scored.centrality, DEFAULT_WEIGHTS),
                    scored.title_shared,
                    len(scored.title_terms),
                    scored.scores,
                )
            ),
            graph=graph,
            degrees=degrees,
            main=(0.0, 0.0),
            tokens=[tokenizer.tokenize(s.text) for s in found.sentences],
            unigrams=Counter(ref),
            bigrams=Counter(pairwise(ref)),
            labels=np.zeros(0),
            goal=(0.0, 0.0),
        )
        article.main = rouge(article, pick(article, scored.scores))
        alone = np.array([sum(rouge(article, [i])) for i in range(len(found.sentences))])
        article.labels = alone / alone.max() if alone.max() > 0 else alone
        if set_name.startswith("centrality"):
            article.goal = CENTRAL_GOAL
        else:
            lead = [i for i, t in enumerate(article.tokens) if len(t) >= 8][:3]
            r1, r2 = rouge(article, lead)
            article.goal = (r1 + HIGHLIGHT_MARGIN[0], r2 + HIGHLIGHT_MARGIN[1])
        out.append(article)
    return out


def joint_labels(
    sets: dict[str, list[Article]], lam: float, first: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, labels and weights for the model: for every article of a highlight set that is
    also in the centrality set, the three of its first ``first`` candidates that maximise
    lam·(ROUGE-1 + ROUGE-2 against the highlights) + (ROUGE-1 + ROUGE-2 against the central
    sentences) are the positives (the compromise ``frontier`` traces); every article weighs
    the same."""
    central = _central(sets)
    xs, ys, ws = [], [], []
    for name in HIGHLIGHTS:
        for h in sets.get(name, []):
            c = central.get(h.name)
            if c is None:
                continue

            def value(combo: tuple[int, ...], h: Article = h, c: Article = c) -> float:
                return lam * sum(rouge(h, combo)) + sum(rouge(c, combo))

            best = max(combinations(range(min(len(h.tokens), first)), 3), key=value)
            y = np.zeros(len(h.tokens))
            y[list(best)] = 1.0
            xs.append(h.rows)
            ys.append(y)
            ws.append(np.full(len(y), 1.0 / len(y)))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws)


def _central(sets: dict[str, list[Article]]) -> dict[str, Article]:
    """The articles of every centrality set by name (a name is in one set only)."""
    return {a.name: a for name, arts in sets.items() if name.startswith("centrality") for a in arts}


def pick(article: Article, scores: Sequence[float], count: int = 3) -> list[int]:
    """The summary's choice, as ``ranker.rank_sentences`` makes it."""
    w = DEFAULT_WEIGHTS
    return select(article.graph, scores, article.degrees, count, w.coverage, w.redundancy)


def learned(article: Article, margins: np.ndarray, mix: float) -> list[float]:
    """As ``learned.learned_scores`` scores: product score × P(chosen) ** mix, scaled."""
    z = article.rows[:, 0] - mix * np.log1p(np.exp(-margins))
    return list(np.exp(z - z.max()))


def evaluate(
    sets: dict[str, list[Article]], margins: dict[str, list[np.ndarray]], mix: float
) -> dict[str, tuple[float, ...]]:
    """Mean ROUGE-1/2 per set and the margins over the product score alone (``main``)."""
    out = {}
    for name, articles in sets.items():
        scores = [
            rouge(a, pick(a, learned(a, m, mix)))
            for a, m in zip(articles, margins[name], strict=True)
        ]
        r1 = statistics.fmean(s[0] for s in scores)
        r2 = statistics.fmean(s[1] for s in scores)
        g1 = statistics.fmean(a.main[0] for a in articles)
        g2 = statistics.fmean(a.main[1] for a in articles)
        out[name] = (r1, r2, r1 - g1, r2 - g2)
    return out


def objective(result: dict[str, tuple[float, ...]]) -> float:
    """The worst margin over the product score alone plus a twentieth of their sum."""
    margins = [m for r in result.values() for m in r[2:]]
    return min(margins) + 0.05 * sum(margins)


def show(result: dict[str, tuple[float, ...]]) -> str:
    return "  ".join(
        f"{name} {r1:.1f}/{r2:.1f} ({m1:+.1f}/{m2:+.1f})"
        for name, (r1, r2, m1, m2) in result.items()
    )


def frontier(sets: dict[str, list[Article]], first: int, lambdas: Sequence[float]) -> None:
    """What one choice of three sentences can reach against BOTH references of an article.

    For every article of a highlight set that is also in the centrality set, each choice of
    three of its first ``first`` candidates is scored against its highlights (h) and its
    central sentences (c); for each λ the choice maximising λ·(h ROUGE-1 + ROUGE-2) + (c
    ROUGE-1 + ROUGE-2) is kept. This oracle knows both references, so no summarizer does
    better than the curve it traces: a goal pair off the curve cannot be met by one choice.
    """
    central = _central(sets)
    home = {a.name: name for name in CENTRAL for a in sets[name]}
    pairs = [
        (name, a, central[a.name]) for name in HIGHLIGHTS for a in sets[name] if a.name in central
    ]
    options = []
    for _name, h, c in pairs:
        combos = combinations(range(min(len(h.tokens), first)), 3)
        options.append([(rouge(h, combo), rouge(c, combo)) for combo in combos])
    for lam in lambdas:
        picked = [
            max(opts, key=lambda o, lam=lam: lam * (o[0][0] + o[0][1]) + o[1][0] + o[1][1])
            for opts in options
        ]
        parts = [f"λ={lam:<4}"]
        for name in HIGHLIGHTS:
            chosen = [p for (n, _h, _c), p in zip(pairs, picked, strict=True) if n == name]
            goals = [h.goal for (n, h, _c) in pairs if n == name]
            h1, h2 = (statistics.fmean(p[0][k] for p in chosen) for k in (0, 1))
            g1, g2 = (statistics.fmean(g[k] for g in goals) for k in (0, 1))
            parts.append(f"{name} {h1:.1f}/{h2:.1f} (goal {g1:.1f}/{g2:.1f})")
        for name in CENTRAL:
            chosen = [
                p for (_n, _h, c), p in zip(pairs, picked, strict=True) if home[c.name] == name
            ]
            c1, c2 = (statistics.fmean(p[1][k] for p in chosen) for k in (0, 1))
            parts.append(f"{name} {c1:.1f}/{c2:.1f}")
        print("  ".join(parts), flush=True)
    print(f"(the goal on centrality references: {CENTRAL_GOAL[0]:.0f}/{CENTRAL_GOAL[1]:.0f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", default="tune")
    parser.add_argument("--lam", type=float, default=1.4, help="weight of the highlights")
    parser.add_argument("--first", type=int, default=20, help="candidates the labels look at")
    parser.add_argument("--trees", type=int, default=40)
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--mix", type=float, action="append", help="exponents to try")
    parser.add_argument("--linear", action="store_true", help="a logistic model, not trees")
    parser.add_argument("--check", help="measure the mixes on this part (e.g. holdout)")
    parser.add_argument("--write", action="store_true")
    parser.add_argument(
        "--frontier",
        type=int,
        metavar="FIRST",
        help="only the oracle curve over the first FIRST candidates (see frontier)",
    )
    args = parser.parse_args()
    sets = {name: prepare(name, args.part) for name in SETS if (DATA / name).is_dir()}
    if args.frontier:
        frontier(sets, args.frontier, (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0))
        return 0
    x, y, weight = joint_labels(sets, args.lam, args.first)
    if args.linear:
        booster = boosting.fit_linear(x, y, weight)
        print(
            "coefficients: "
            + "  ".join(
                f"{name} {c:+.3f}" for name, c in zip(FEATURES, booster.coefficients, strict=True)
            )
            + f"  base {booster.base:+.3f}"
        )
    else:
        booster = boosting.fit(x, y, weight, trees=args.trees, depth=args.depth)
    if args.check:  # fitted on --part, measured on --check
        sets = {name: prepare(name, args.check) for name in SETS if (DATA / name).is_dir()}
    margins = {name: [booster.margin(a.rows) for a in arts] for name, arts in sets.items()}
    best_mix, best_value = 0.0, -math.inf
    for mix in args.mix or (0.1, 0.2, 0.3, 0.5, 0.7, 1.0):
        result = evaluate(sets, margins, mix)
        print(f"mix {mix}: {objective(result):.2f}  {show(result)}", flush=True)
        if objective(result) > best_value:
            best_mix, best_value = mix, objective(result)
    print(f"best mix {best_mix}")
    if args.write:
        if not args.linear:
            raise SystemExit("only the logistic model (--linear) is shipped")
        doc = (
            "Learned sentence score of ingest/summary/learned.py: a logistic model of FEATURES,"
            " P = 1 / (1 + exp(-(base + coefficients · features))); the summary scores a"
            " sentence by its product score times P ** learned_mix (summary_weights.json)."
            " Fitted by benchmarks/summary_learn.py --linear --write on the tune part of the"
            " dev sets benchmarks/summary_data.py builds from public training and validation"
            f" data (compromise labels, λ = {args.lam}; best mix there {best_mix})."
        )
        data = {
            "_doc": doc,
            "features": list(FEATURES),
            "base": round(booster.base, 6),
            "coefficients": [round(float(c), 6) for c in booster.coefficients],
        }
        MODEL.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
