"""Where does the lead win? The dev sets split by how central each article's lead is.

    python benchmarks/summary_lead_split.py [--part holdout] [--threshold 0.45 ...]

Issue 12 asks one summarizer to beat Lead-3 on human highlights and TextRank on references of
the most central sentences, on held-out sets of different articles. A summarizer could only do
both if it can tell the articles apart: lead-like where the story is lead-written, central
where it is not. This measures the cheapest such signal, the lead's centrality: the mean of the
first three candidates' word-overlap degrees (``ingest/summary/graph.py``, undirected),
each divided by the article's best degree.

For each dev set that ``benchmarks/summary_data.py`` builds it prints, by quartile of that
signal, the mean ROUGE-1 + ROUGE-2 (rouge-score F, stemmed) of our summary, of the lead (the
first three sentences of eight words or more) and of the graph's centrality alone; then the
switch "the lead when the lead's centrality is at least T, else our summary" for each
``--threshold`` T, as ROUGE-1/2 per set next to ours and the lead's.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rouge_score import rouge_scorer  # noqa: E402

from benchmarks.summary import CENTRALITY, DATA, load, score  # noqa: E402
from ingest import analyze  # noqa: E402
from ingest.summary.features import candidates  # noqa: E402
from ingest.summary.graph import Graph  # noqa: E402
from ingest.summary.ranker import summarize  # noqa: E402
from ingest.summary.weights import DEFAULT_WEIGHTS  # noqa: E402

SETS = (
    "highlights_inshorts",
    "highlights_cnndm",
    "highlights_cnndm_validation",
    "centrality",
    "centrality_cnndm_validation",
)


@dataclass(frozen=True, slots=True)
class Row:
    """One article: its lead's centrality and (ROUGE-1, ROUGE-2) of each choice."""

    lead_central: float
    ours: tuple[float, float]
    lead: tuple[float, float]
    central: tuple[float, float]


def lead_centrality(sentences) -> float:
    found = candidates(sentences, DEFAULT_WEIGHTS)
    if len(found.sentences) < 2:
        return 1.0
    degrees = Graph.build(found.terms, 0.0, None, 0).degrees()
    top = max(degrees) or 1.0
    return statistics.fmean(d / top for d in degrees[:3])


def rows(set_name: str, part: str | None) -> list[Row]:
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    out = []
    for _name, text, reference in load(DATA / set_name, part):
        analysis = analyze(text)
        lead = [s.text for s in analysis.sentences if len(s.text.split()) >= 8][:3]
        central = summarize(analysis.sentences, 3, title=analysis.title, weights=CENTRALITY)
        pairs = []
        for chosen in (analysis.summary, lead, [s.text for s in central]):
            result = score(scorer, reference, chosen)
            pairs.append((result["rouge1"], result["rouge2"]))
        out.append(Row(lead_centrality(analysis.sentences), *pairs))
    return out


def both(pair: tuple[float, float]) -> float:
    return pair[0] + pair[1]


def mean_pair(pairs: list[tuple[float, float]]) -> str:
    return (
        f"{statistics.fmean(p[0] for p in pairs):.1f}/{statistics.fmean(p[1] for p in pairs):.1f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("tune", "holdout"), default="holdout")
    parser.add_argument("--threshold", type=float, action="append")
    args = parser.parse_args()
    thresholds = args.threshold or [0.3, 0.4, 0.5, 0.6]
    for set_name in SETS:
        if not (DATA / set_name).is_dir():
            continue
        table = sorted(rows(set_name, args.part), key=lambda r: r.lead_central)
        print(f"{set_name} ({args.part}): {len(table)} articles; R1+R2 by lead centrality")
        quarter = len(table) // 4
        for k in range(4):
            part = table[k * quarter : (k + 1) * quarter if k < 3 else len(table)]
            mean = statistics.fmean
            print(
                f"  quartile {k + 1}: lead centrality {mean(r.lead_central for r in part):.2f}"
                f"  ours {mean(both(r.ours) for r in part):5.1f}"
                f"  lead {mean(both(r.lead) for r in part):5.1f}"
                f"  centrality {mean(both(r.central) for r in part):5.1f}"
            )
        switches = "  ".join(
            f"T={t}: {mean_pair([r.lead if r.lead_central >= t else r.ours for r in table])}"
            for t in thresholds
        )
        print(
            f"  R1/R2 ours {mean_pair([r.ours for r in table])}"
            f"  lead {mean_pair([r.lead for r in table])}"
            f"  lead where central, else ours: {switches}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
