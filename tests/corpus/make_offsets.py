"""Build gold JSON files from hand annotations by locating texts in the articles.

Each annotation is ``annotations/NNN_slug.ann``: a Python literal (a dict) read with
``ast.literal_eval``. It holds the hand decisions (what is a quote, who said it); this
script only computes character offsets mechanically and writes ``gold/NNN_slug.json``.

Annotation keys:
  dateline        dict {place, country, date, agency} or None
  quotes          list of tuples (text, speaker, pattern[, occ])
  partial_quotes  list of tuples (text, speaker[, occ])
  not_quotes      list of tuples (text[, occ])
  reported_speech list of tuples (speaker, text[, 'belief'])  ('belief': believes, hopes,
                  expects …, scored apart from speech)
  people          list of tuples (name, role)
  aliases         dict name -> list of mentions
  not_people      list of strings
  summary         list of 3 strings

A ``text`` is either the exact text, or ``"HEAD ~~ TAIL"``: the span runs from the occ-th
occurrence of HEAD to the end of the first TAIL found after it (convenient for long quotes;
the full text is written to the gold file). ``occ`` (default 0) picks among repeated
occurrences. ``pattern`` records where the speaker is named (see README); it is kept in the
annotation only, not in the gold file.

Usage: python tests/corpus/make_offsets.py [--corpus DIR] [NNN_slug ...]  (default: all)

``--corpus DIR`` reads ``DIR/articles`` and ``DIR/annotations`` and writes ``DIR/gold``
(default: this script's own folder, tests/corpus).
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ART = HERE / "articles"
ANN = HERE / "annotations"
GOLD = HERE / "gold"
SEP = " ~~ "

PATTERNS = {
    "after_name",  # "...," said X / "...," X said  (same paragraph, by name)
    "floating",  # no cue; speaker named in the previous sentence
    "after_pronoun",  # "...," he said
    "before_name",  # X said: "..." / According to X: "..."
    "before_pronoun",  # He said: "..." / pronoun subject in the previous sentence
    "description",  # the minister said / the newspaper wrote / the company said
    "other_para",  # speaker named only in another paragraph (e.g. continued quote)
}


def locate(article: str, text: str, occ: int = 0, where: str = "") -> tuple[int, int, str]:
    if SEP in text:
        head, tail = text.split(SEP, 1)
    else:
        head, tail = text, None
    pos = -1
    for _ in range(occ + 1):
        pos = article.find(head, pos + 1)
        if pos < 0:
            raise SystemExit(f"{where}: cannot find {head!r} (occ {occ})")
    if tail is None:
        end = pos + len(head)
    else:
        t = article.find(tail, pos + len(head))
        if t < 0:
            raise SystemExit(f"{where}: cannot find tail {tail!r} after {head!r}")
        end = t + len(tail)
    return pos, end, article[pos:end]


def expand(article: str, text: str, where: str) -> str:
    return locate(article, text, 0, where)[2]


def build(stem: str) -> dict:
    ann = ast.literal_eval((ANN / f"{stem}.ann").read_text(encoding="utf-8"))
    article = (ART / f"{stem}.txt").read_text(encoding="utf-8")
    where = stem
    gold: dict = {
        "article": f"{stem}.txt",
        "title": article.split("\n", 1)[0].strip(),
        "dateline": ann.get("dateline"),
    }
    quotes = []
    for q in ann.get("quotes", []):
        text, speaker, pattern = q[0], q[1], q[2]
        if pattern not in PATTERNS:
            raise SystemExit(f"{where}: unknown pattern {pattern!r}")
        occ = q[3] if len(q) > 3 else 0
        s, e, t = locate(article, text, occ, where)
        quotes.append({"text": t, "start": s, "end": e, "speaker": speaker})
    gold["quotes"] = sorted(quotes, key=lambda x: x["start"])
    partial = []
    for q in ann.get("partial_quotes", []):
        occ = q[2] if len(q) > 2 else 0
        s, e, t = locate(article, q[0], occ, where)
        partial.append({"text": t, "start": s, "end": e, "speaker": q[1]})
    gold["partial_quotes"] = sorted(partial, key=lambda x: x["start"])
    nq = []
    for q in ann.get("not_quotes", []):
        occ = q[1] if len(q) > 1 else 0
        s, e, t = locate(article, q[0], occ, where)
        nq.append({"text": t, "start": s, "end": e})
    gold["not_quotes"] = sorted(nq, key=lambda x: x["start"])
    gold["reported_speech"] = [
        {"speaker": r[0], "text": expand(article, r[1], where)}
        | ({"kind": r[2]} if len(r) > 2 else {})
        for r in ann.get("reported_speech", [])
    ]
    gold["people"] = [{"name": n, "role": r} for n, r in ann.get("people", [])]
    gold["aliases"] = ann.get("aliases", {})
    gold["not_people"] = ann.get("not_people", [])
    gold["summary"] = [expand(article, s, where) for s in ann.get("summary", [])]
    return gold


def set_corpus(root: Path) -> None:
    """Point the module at another corpus folder (articles/, annotations/, gold/)."""
    global HERE, ART, ANN, GOLD
    HERE = root.resolve()
    ART = HERE / "articles"
    ANN = HERE / "annotations"
    GOLD = HERE / "gold"


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description="annotation -> gold JSON with offsets")
    ap.add_argument(
        "--corpus", type=Path, default=None, help="corpus folder (default: tests/corpus)"
    )
    ap.add_argument("stems", nargs="*", help="NNN_slug names (default: all annotations)")
    args = ap.parse_args(argv)
    if args.corpus is not None:
        set_corpus(args.corpus)
    GOLD.mkdir(exist_ok=True)
    stems = args.stems or sorted(p.stem for p in ANN.glob("*.ann"))
    for stem in stems:
        gold = build(stem)
        out = GOLD / f"{stem}.json"
        out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{stem}: {len(gold['quotes'])} quotes -> {out.relative_to(HERE)}")


if __name__ == "__main__":
    main(sys.argv[1:])
