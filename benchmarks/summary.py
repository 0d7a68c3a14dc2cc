"""ROUGE of the extractive summary on the dev corpora, against Lead-3 and TextRank, and speed.

    python benchmarks/summary.py [--corpus DIR ...] [--part tune|holdout] [--oracle]
                                 [--sentences 3] [--runs 5]

Without ``--corpus`` it reports on ``tests/corpus``, ``tests/corpus_holdout``, the hand-written
highlights of some of their articles (``tests/highlights/*.json``) and every dev set
that ``benchmarks/summary_data.py`` built under ``benchmarks/.data/`` (human highlights of
CNN/DailyMail TRAIN articles and of Inshorts briefs; long extractive references of the most
central sentences).

The corpus holds ``articles/NAME.txt`` (title on the first line) and ``gold/NAME.json`` whose
``summary`` field lists reference sentences copied from the article. Scores are ROUGE F
(``rouge-score`` with stemming) averaged over articles, times 100. The oracle is the greedy
choice of article sentences that maximises ROUGE-1 + ROUGE-2 against the reference: a ceiling
for any extractive method with this sentence splitter (``--oracle``: slow). Baselines: the
first sentences as split (bylines included), the first sentences that are not boilerplate,
those of eight words or more (a lead without header fragments such as "By ." or "PUBLISHED:"),
TextRank (Mihalcea and Tarau 2004, see ``benchmarks/baselines.py``) on the same sentences, and
the word-overlap centrality of our graph alone. Reference sentences keep their datelines, which the
summary never shows, so every row loses a little there.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rouge_score import rouge_scorer  # noqa: E402

from benchmarks.baselines import textrank  # noqa: E402
from ingest import analyze  # noqa: E402
from ingest.model import Sentence  # noqa: E402
from ingest.summary.ranker import Weights, summarize  # noqa: E402
from ingest.text.boilerplate import is_boilerplate  # noqa: E402
from ingest.text.sentences import split_sentences  # noqa: E402

METRICS = ("rouge1", "rouge2", "rougeL")
ROWS = (
    ("summary", "summary"),
    ("centrality", "centrality only"),
    ("textrank", "TextRank"),
    ("lead", "lead (first sentences)"),
    ("lead_clean", "lead, no boilerplate"),
    ("lead_whole", "lead, 8+ words each"),
    ("oracle", "oracle"),
)
DATA = ROOT / "benchmarks" / ".data"
# The word-overlap graph alone: undirected degree, no position, title, figures, quote,
# dependency or length priors, no redundancy removal.
CENTRALITY = Weights(
    earlier_edges=1.0,
    centrality_power=1.0,
    position=0.0,
    first=0.0,
    title=0.0,
    fragment_words=0,
    short_words=0,
    long_penalty=0.0,
    dependent=1.0,
    quote=1.0,
    numbers=0.0,
    redundancy=0.0,
    coverage=0.0,
    learned_mix=0.0,
)


def load(corpus: Path, part: str | None = None) -> list[tuple[str, str, list[str]]]:
    """(name, article text, reference sentences) for every article with a gold summary.

    ``corpus`` is a folder of ``articles/`` and ``gold/``, or a JSON file of hand-written
    highlights (``tests/highlights/``) naming its articles folder.
    """
    if corpus.suffix == ".json":
        table = json.loads(corpus.read_text(encoding="utf-8"))
        folder = corpus.parent / table["articles"]
        return [
            (name, (folder / name).read_text(encoding="utf-8"), highlights)
            for name, highlights in sorted(table["highlights"].items())
        ]
    out = []
    for gold_path in sorted((corpus / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        article = corpus / "articles" / gold.get("article", gold_path.stem + ".txt")
        if part and gold.get("part", part) != part:
            continue
        if gold.get("summary") and article.exists():
            out.append((gold_path.stem, article.read_text(encoding="utf-8"), gold["summary"]))
    return out


def score(scorer: rouge_scorer.RougeScorer, reference: Sequence[str], chosen: Sequence[str]):
    result = scorer.score("\n".join(reference), "\n".join(chosen))
    return {m: result[m].fmeasure * 100 for m in METRICS}


def oracle(
    scorer: rouge_scorer.RougeScorer, reference: Sequence[str], sentences: Sequence[str], n: int
) -> list[str]:
    chosen: list[int] = []
    best_total = 0.0
    while len(chosen) < n:
        best = None
        for i in range(len(sentences)):
            if i in chosen:
                continue
            trial = [sentences[j] for j in sorted([*chosen, i])]
            s = score(scorer, reference, trial)
            total = s["rouge1"] + s["rouge2"]
            if best is None or total > best[0]:
                best = (total, i)
        if best is None or (best[0] <= best_total and chosen):
            break
        best_total = best[0]
        chosen.append(best[1])
    return [sentences[j] for j in sorted(chosen)]


def mean_scores(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    return {m: statistics.fmean(r[m] for r in rows) for m in METRICS}


def rate(work: Callable[[], None], items: int, runs: int, per_pass: int = 1000) -> float:
    """Items per second, the median of ``runs`` timed passes of at least ``per_pass`` items."""
    repeat = max(1, -(-per_pass // items))
    work()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(repeat):
            work()
        timings.append(time.perf_counter() - start)
    return items * repeat / statistics.median(timings)


def default_corpora() -> list[Path]:
    corpora = [ROOT / "tests" / "corpus", ROOT / "tests" / "corpus_holdout"]
    corpora += sorted((ROOT / "tests" / "highlights").glob("*.json"))
    return corpora + sorted(path for path in DATA.glob("*") if (path / "gold").is_dir())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append")
    parser.add_argument("--part", choices=("tune", "holdout"))
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--oracle", action="store_true", help="also the (slow) oracle row")
    parser.add_argument("--per-article", action="store_true", help="print each article's scores")
    args = parser.parse_args(argv)
    corpora = args.corpus or default_corpora()
    for corpus in corpora:
        if report(corpus, args):
            return 1
    speed(ROOT / "tests" / "corpus", args)
    return 0


def report(corpus: Path, args: argparse.Namespace) -> int:
    items = load(corpus, args.part)
    if not items:
        print(f"no articles with a gold summary under {corpus}", file=sys.stderr)
        return 1
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    rows: dict[str, list[dict[str, float]]] = {key: [] for key, _label in ROWS}
    n = args.sentences
    for name, text, reference in items:
        analysis = analyze(text, summary_sentences=n)
        texts = [s.text for s in analysis.sentences]
        clean = [t for t in texts if not is_boilerplate(t)]
        centrality = summarize(analysis.sentences, n, title=analysis.title, weights=CENTRALITY)
        rows["summary"].append(score(scorer, reference, analysis.summary))
        rows["centrality"].append(score(scorer, reference, [s.text for s in centrality]))
        rows["textrank"].append(score(scorer, reference, textrank(texts, n)))
        rows["lead"].append(score(scorer, reference, texts[:n]))
        rows["lead_clean"].append(score(scorer, reference, clean[:n]))
        whole = [t for t in clean if len(t.split()) >= 8]
        rows["lead_whole"].append(score(scorer, reference, whole[:n]))
        if args.oracle:
            rows["oracle"].append(score(scorer, reference, oracle(scorer, reference, texts, n)))
        if args.per_article:
            s = rows["summary"][-1]
            lead = rows["lead_clean"][-1]
            print(
                f"{name:40s} R1 {s['rouge1']:5.1f} R2 {s['rouge2']:5.1f}"
                f"  lead R1 {lead['rouge1']:5.1f} R2 {lead['rouge2']:5.1f}"
            )

    words = statistics.fmean(len(text.split()) for _n, text, _r in items)
    shown = corpus.relative_to(ROOT) if corpus.is_relative_to(ROOT) else corpus
    part = f" ({args.part})" if args.part else ""
    print(
        f"corpus: {shown}{part}  articles: {len(items)}  mean words: {words:.0f}"
        f"  summary sentences: {n}"
    )
    print(f"{'':22s} {'ROUGE-1':>8s} {'ROUGE-2':>8s} {'ROUGE-L':>8s}")
    for key, label in ROWS:
        if rows[key]:
            m = mean_scores(rows[key])
            print(f"{label:22s} {m['rouge1']:8.1f} {m['rouge2']:8.1f} {m['rougeL']:8.1f}")
    return 0


def speed(corpus: Path, args: argparse.Namespace) -> None:
    items = load(corpus)
    analyses = [analyze(text, summary_sentences=args.sentences) for _n, text, _r in items]
    words = statistics.fmean(len(text.split()) for _n, text, _r in items)
    prepared = [
        (text, a.paragraphs, a.title) for (_n, text, _r), a in zip(items, analyses, strict=True)
    ]

    def split_and_summarize() -> None:
        for text, paragraphs, title in prepared:
            summarize(split_sentences(text, paragraphs), args.sentences, title=title)

    def full_analysis() -> None:
        for _name, text, _ref in items:
            analyze(text, summary_sentences=args.sentences)

    sentences_only: list[tuple[Sequence[Sentence], str]] = [
        (a.sentences, a.title) for a in analyses
    ]

    def summarize_only() -> None:
        for sentences, title in sentences_only:
            summarize(sentences, args.sentences, title=title)

    both = rate(split_and_summarize, len(items), args.runs)
    print(
        f"speed on {corpus.name} (median of {args.runs}): split+summarize {both:,.0f} articles/s"
        f" ({1e3 / both * 700 / words:.2f} ms per 700 words),"
        f" summarize {rate(summarize_only, len(items), args.runs):,.0f} articles/s,"
        f" whole analyze() {rate(full_analysis, len(items), args.runs):,.0f} articles/s"
    )


if __name__ == "__main__":
    raise SystemExit(main())
