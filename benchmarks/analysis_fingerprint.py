"""Fingerprint of ``analyze`` output: a canonical JSON of every field of every analysis.

Runs ``analyze`` over the test corpora, the seeds and generated articles, with the default
summary length and with 1 and 5 summary sentences, writes the JSON and prints its sha256.
Speed work must leave the fingerprint unchanged.

python benchmarks/analysis_fingerprint.py [--out PATH] [--generated N]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from ingest import analyze  # noqa: E402

ARTICLE_DIRS = ("tests/corpus/articles", "tests/corpus_holdout/articles", "seeds")
SUMMARY_LENGTHS = (None, 1, 5)


def _plain(value: object) -> object:
    """Dataclasses → dicts of every field (properties not needed: they derive from fields)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    return value


def _articles(generated: int) -> list[tuple[str, str]]:
    found = [
        (str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))
        for folder in ARTICLE_DIRS
        for path in sorted((ROOT / folder).glob("*.txt"))
    ]
    return found + [(f"generated/{name}", text) for name, text in generate(generated)]


def fingerprint(generated: int = 300) -> tuple[str, str]:
    records = []
    for name, text in _articles(generated):
        for length in SUMMARY_LENGTHS:
            kwargs = {} if length is None else {"summary_sentences": length}
            analysis = _plain(analyze(text, **kwargs))
            records.append({"article": name, "summary_sentences": length, "analysis": analysis})
    canonical = json.dumps(records, ensure_ascii=False, sort_keys=True, indent=1)
    return canonical, hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/.cache/fingerprint.json")
    parser.add_argument("--generated", type=int, default=300)
    args = parser.parse_args()
    canonical, digest = fingerprint(args.generated)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(canonical, encoding="utf-8")
    print(digest)


if __name__ == "__main__":
    main()
