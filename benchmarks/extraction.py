"""Score ``analyze`` on the dev corpus, the held-out corpus and the seed gold; time it.

    python benchmarks/extraction.py [--corpus DIR] [--verbose]

Prints quote P/R/F1, speaker accuracy, joint F1, people P/R/F1, role accuracy and articles
per second (median of 5 runs over the articles scored); then reported speech matched by span
overlap (P/R/F1, speaker accuracy, joint F1) and beliefs (``X believes …``) scored apart.
Without ``--corpus`` it scores tests/corpus and tests/corpus_holdout, each whole and its people
part on its own (files 100-199: wire, sports, business and feature copy written for people and
roles), then the seed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scoring import (  # noqa: E402
    ReportedTally,
    Tally,
    score_article,
    score_reported,
    total,
)
from ingest import analyze  # noqa: E402

SEED_ARTICLE = ROOT / "seeds" / "000_0f55b7b5fa43bf67.txt"
SEED_GOLD = next(
    (
        d / "gold" / "000_0f55b7b5fa43bf67.json"
        for d in (ROOT.parent / "shared", ROOT.parent.parent / "shared")
        if (d / "gold" / "000_0f55b7b5fa43bf67.json").exists()
    ),
    ROOT.parent / "shared" / "gold" / "000_0f55b7b5fa43bf67.json",
)


def load_corpus(corpus: Path) -> list[tuple[str, str, dict]]:
    """(label, article text, gold) for every gold file with its article."""
    out = []
    for gold_path in sorted((corpus / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        article = corpus / "articles" / gold.get("article", gold_path.stem + ".txt")
        if article.exists():
            out.append((gold_path.stem, article.read_text(encoding="utf-8"), gold))
    return out


def score(items: list[tuple[str, str, dict]]) -> Tally:
    tallies = []
    for label, text, gold in items:
        analysis = analyze(text)
        quotes = [
            (q.start, q.end, q.text, q.speaker) for q in analysis.quotes if q.kind == "direct"
        ]
        people = [(p.name, p.role) for p in analysis.people]
        said = [(r.text, r.speaker) for r in analysis.reported]
        tallies.append(score_article(gold, quotes, people, label, said))
    return total(tallies)


def speed(texts: list[str], runs: int = 5) -> float:
    rates = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for text in texts:
            analyze(text)
        rates.append(len(texts) / (time.perf_counter() - t0))
    return statistics.median(rates)


def report(name: str, tally: Tally, n: int) -> None:
    m = tally.metrics()
    print(f"{name} ({n} articles, {tally.gold_quotes} gold quotes, {tally.gold_people} people)")
    print(
        f"  quotes   P {m['quote_p']:.3f}  R {m['quote_r']:.3f}  F1 {m['quote_f1']:.3f}"
        f"   speaker acc {m['speaker_acc']:.3f}   joint F1 {m['joint_f1']:.3f}"
    )
    print(
        f"  people   P {m['people_p']:.3f}  R {m['people_r']:.3f}  F1 {m['people_f1']:.3f}"
        f"   role acc {m['role_acc']:.3f}"
    )
    print(
        f"  reported P {m['reported_p']:.3f}  R {m['reported_r']:.3f}"
        f"   speaker acc {m['reported_speaker_acc']:.3f}   (extra: not among the targets)"
    )


def score_reported_speech(items: list[tuple[str, str, dict]]) -> ReportedTally:
    """Reported speech (and beliefs, apart) by span overlap, speakers included."""
    out = ReportedTally()
    for label, text, gold in items:
        analysis = analyze(text)
        predicted = [(r.start, r.end, r.text, r.speaker, False) for r in analysis.reported]
        predicted += [(r.start, r.end, r.text, r.speaker, True) for r in analysis.beliefs]
        out.add(score_reported(gold, text, predicted, label))
    return out


def reported_report(items: list[tuple[str, str, dict]], verbose: bool = False) -> None:
    tally = score_reported_speech(items)
    m = tally.metrics()
    print(
        f"  reported speech, span overlap ({tally.gold} gold): P {m['p']:.3f}  R {m['r']:.3f}"
        f"  F1 {m['f1']:.3f}   speaker acc {m['speaker_acc']:.3f}   joint F1 {m['joint_f1']:.3f}"
    )
    print(
        f"  beliefs ({tally.gold_beliefs} gold, {tally.predicted_beliefs} found):"
        f" P {m['belief_p']:.3f}  R {m['belief_r']:.3f}  F1 {m['belief_f1']:.3f}"
    )
    if verbose:
        for line in tally.misses:
            print("   ", line)


PEOPLE_PART = range(100, 200)  # the files written for people and roles in each corpus


def _people_part(items: list[tuple[str, str, dict]]) -> list[tuple[str, str, dict]]:
    return [i for i in items if i[0][:3].isdigit() and int(i[0][:3]) in PEOPLE_PART]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="one corpus folder (default: both)")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    if args.corpus is not None:
        sets = [("dev corpus", load_corpus(args.corpus))]
    else:
        dev = load_corpus(ROOT / "tests" / "corpus")
        held = load_corpus(ROOT / "tests" / "corpus_holdout")
        sets = [
            ("dev corpus", dev),
            ("dev corpus, people part (100-199)", _people_part(dev)),
            ("held-out corpus", held),
            ("held-out corpus, people part (100-149)", _people_part(held)),
        ]
    corpus = [item for _, items in sets[:1] + sets[2:3] for item in items]
    seed = []
    if SEED_GOLD.exists() and SEED_ARTICLE.exists():
        seed = [
            (
                "seed",
                SEED_ARTICLE.read_text(encoding="utf-8"),
                json.loads(SEED_GOLD.read_text(encoding="utf-8")),
            )
        ]
    if not corpus and not seed:
        print(f"no gold found in {args.corpus} nor {SEED_GOLD}")
        return 1
    for name, items in [*sets, ("seed", seed)]:
        if not items:
            print(f"{name}: no gold found")
            continue
        tally = score(items)
        report(name, tally, len(items))
        if args.verbose and (args.corpus is not None or not name.startswith("held-out")):
            for line in tally.misses:  # the held-out corpus is listed only when asked by name
                print("   ", line)
        reported_report(items, verbose=args.verbose)
    texts = [text for _, text, _ in corpus + seed]
    words = statistics.mean(len(t.split()) for t in texts)
    print(f"speed: {speed(texts):.0f} articles/s (median of 5 runs, {words:.0f} words/article)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
