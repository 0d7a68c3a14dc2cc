"""Build the summary dev sets under ``benchmarks/.data/`` (ignored by git) from public data.

    python benchmarks/summary_data.py [--mirrors /work/.mirror] [--out benchmarks/.data]

Sources (public GitHub repositories, brought onto the machine first, e.g. with the session's
``fetch`` tool, as bare git mirrors under ``--mirrors``):

- ``EileenFeng/Text-Summarization-NLP`` ``data/train_sample.zip``: 100 articles of the
  CNN/DailyMail TRAIN split with their human highlights (never the test split).
- ``hillaryke/rag-optimization-cnn-dailymail``
  ``data/collection/cnn_dailymail_validation_subset.csv``: 1,000 articles of the CNN/DailyMail
  VALIDATION split with their highlights. Every id is checked against the test split's URL
  list (``v-chuqin/Data-CNN-DailyMail``, the SHA-1 of each URL is the corpus id) when that
  mirror is present, and the build stops if one is there: the test split is never used.
- ``gayathrik948/nlp_task1`` ``news_summary.csv``: 499 Indian news articles (Hindustan Times,
  India Today, …) with the 60-word human summary Inshorts wrote for each, and the headline.

Three corpora in the layout ``benchmarks/summary.py`` reads (``articles/NAME.txt``,
``gold/NAME.json`` with ``summary``: the reference sentences):

- ``highlights_cnndm``: the CNN/DailyMail article as one block of text, as the corpus has it
  (no headline), against its highlights (3–4 human-written key points).
- ``highlights_cnndm_validation``: the same for the validation articles; and
  ``centrality_cnndm_validation``, their central sentences (as ``centrality`` below), so the
  two kinds of reference can be compared on one more set of news.
- ``highlights_inshorts``: headline line, blank line, article body; against the human summary.
  The CSV lost its paragraph breaks ("media.The union") and curly quotes (shown as "?"); both
  are repaired where unambiguous.
- ``centrality``: the same articles (those of 10 sentences or more) against long extractive
  references of their most central sentences, made by a fixed procedure that shares no code
  with the summarizer: each sentence is ranked by three classic measures — the sum of its
  content words' frequencies in the article (Luhn), its TF-IDF cosine degree (LexRank's
  similarity, IDF over the sentences of the article), and its unigram recall of the rest of the
  article (coverage) — and the reference is the 40% of sentences (at least 4) of best mean rank,
  in article order; sentences under 8 words of letters (bylines, datelines, fragments) are
  never taken. Sentences come from a plain punctuation splitter here, not ours.

Names ending in an even hex digit of their SHA-1 are marked ``tune``, the others ``holdout``
(``gold/NAME.json`` field ``part``); ``benchmarks/summary.py --part`` filters on it.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CNNDM = ("EileenFeng+Text-Summarization-NLP", "data/train_sample.zip")
CNNDM_VALIDATION = (
    "hillaryke+rag-optimization-cnn-dailymail",
    "data/collection/cnn_dailymail_validation_subset.csv",
)
CNNDM_TEST_URLS = (
    "v-chuqin+Data-CNN-DailyMail",
    ("PC_All_cnnTesturls.txt", "PC_All_dailymailTesturls.txt"),
)
INSHORTS = ("gayathrik948+nlp_task1", "news_summary.csv")
_WORD = re.compile(r"[a-z0-9]+")
_GLUED = re.compile(r"(?<=[a-z0-9)][.!?])(?=[A-Z][a-z])")
_LOST_APOSTROPHE = re.compile(r"(?<=\w)\?(?=(?:s|t|re|ve|ll|d|m)\b)")
_LOST_QUOTE = re.compile(r"(?<=\s)\?(?=\w)|(?<=[\w.,!])\?(?=\s|$)|(?<=[.,!])\?(?=[A-Z])")
_PLAIN_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z0-9])")
_STOP = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    it its this that these those he she they we you i his her their our your my him them us
    not no so than then there here what which who whom whose when where why how said says
    will would can could should may might must has have had do does did also just about into
    over after before more most other some such only own same very s t""".split()  # noqa: SIM905
)


def git_show(mirrors: Path, repo: str, path: str) -> bytes:
    git_dir = mirrors / repo / "repo"
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"HEAD:{path}"], check=True, capture_output=True
    ).stdout


def part_of(name: str) -> str:
    return "tune" if int(hashlib.sha1(name.encode()).hexdigest()[-1], 16) % 2 == 0 else "holdout"


def cnndm(mirrors: Path) -> list[tuple[str, str, list[str]]]:
    archive = zipfile.ZipFile(io.BytesIO(git_show(mirrors, *CNNDM)))
    rows = csv.DictReader(io.StringIO(archive.read("train_sample.csv").decode("utf-8")))
    return [
        (f"cnndm_{row['id'][:12]}", row["article"].strip(), _lines(row["highlights"]))
        for row in rows
        if row["article"].strip()
    ]


def cnndm_validation(mirrors: Path) -> list[tuple[str, str, list[str]]]:
    rows = list(csv.DictReader(io.StringIO(git_show(mirrors, *CNNDM_VALIDATION).decode("utf-8"))))
    test = test_ids(mirrors)
    leaked = [row["id"] for row in rows if row["id"] in test]
    if leaked:
        raise SystemExit(f"{len(leaked)} CNN/DailyMail TEST articles in the validation file")
    return [
        (f"cnndm_val_{row['id'][:12]}", row["article"].strip(), _lines(row["highlights"]))
        for row in rows
        if row["article"].strip()
    ]


def test_ids(mirrors: Path) -> set[str]:
    """The ids (SHA-1 of the URL) of the CNN/DailyMail test split, if its URL lists are here."""
    repo, paths = CNNDM_TEST_URLS
    if not (mirrors / repo / "repo").is_dir():
        print("no test URL list: the validation ids are not checked", file=sys.stderr)
        return set()
    ids = set()
    for path in paths:
        for line in git_show(mirrors, repo, path).decode("utf-8").splitlines():
            url = line.split("\t")[0].strip()
            if url:
                ids.add(hashlib.sha1(url.encode()).hexdigest())
    return ids


def inshorts(mirrors: Path) -> list[tuple[str, str, list[str]]]:
    text = git_show(mirrors, *INSHORTS).decode("utf-8", errors="replace")
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        body, headline = _repair(row["ctext"]), " ".join(row["headlines"].split())
        if len(body.split()) < 80 or not headline:
            continue
        name = "inshorts_" + hashlib.sha1(row["read_more"].encode()).hexdigest()[:12]
        out.append((name, f"{headline}\n\n{body}\n", plain_sentences(_repair(row["text"]))))
    return out


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _repair(text: str) -> str:
    text = _LOST_APOSTROPHE.sub("’", text)
    text = _LOST_QUOTE.sub('"', text)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n\t+", text)]
    return "\n\n".join(_GLUED.sub("\n\n", p) for p in paragraphs if p)


def plain_sentences(text: str) -> list[str]:
    return [s.strip() for p in text.split("\n") for s in _PLAIN_SPLIT.split(p) if s.strip()]


def central_sentences(sentences: list[str], share: float = 0.4, least: int = 4) -> list[str]:
    """The reference of the centrality set: see the module docstring."""
    bags = [Counter(w for w in _WORD.findall(s.lower()) if w not in _STOP) for s in sentences]
    usable = [
        sum(w.isalpha() for w in s.split()) >= 8 for s in sentences
    ]  # datelines, bylines, fragments: never
    total = Counter()
    for bag in bags:
        total.update(bag)
    top = max(total.values(), default=1)
    luhn = [sum(total[w] / top for w in bag.elements()) for bag in bags]
    df = Counter(w for bag in bags for w in bag)
    n = len(bags)
    idf = {w: math.log(n / df[w]) + 1.0 for w in df}
    vectors = [{w: c * idf[w] for w, c in bag.items()} for bag in bags]
    norms = [math.sqrt(sum(v * v for v in vec.values())) or 1.0 for vec in vectors]
    lexrank = [
        sum(
            sum(v * vectors[j].get(w, 0.0) for w, v in vectors[i].items()) / (norms[i] * norms[j])
            for j in range(n)
            if j != i
        )
        for i in range(n)
    ]
    coverage = []
    for bag in bags:
        rest = total - bag
        covered = sum(min(c, rest[w]) for w, c in bag.items())
        coverage.append(covered / (sum(rest.values()) or 1))
    ranks = [0.0] * n
    for measure in (luhn, lexrank, coverage):
        for rank, i in enumerate(sorted(range(n), key=lambda k: -measure[k])):
            ranks[i] += rank
    keep = max(least, round(share * n))
    chosen = sorted(sorted(range(n), key=lambda k: (not usable[k], ranks[k], k))[:keep])
    return [sentences[i] for i in chosen]


def write(out: Path, items: list[tuple[str, str, list[str]]]) -> None:
    (out / "articles").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    for name, text, summary in items:
        (out / "articles" / f"{name}.txt").write_text(text, encoding="utf-8")
        gold = {"article": f"{name}.txt", "summary": summary, "part": part_of(name)}
        (out / "gold" / f"{name}.json").write_text(json.dumps(gold, indent=1), encoding="utf-8")
    print(f"{out}: {len(items)} articles", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / ".data")
    args = parser.parse_args()
    news, briefs = cnndm(args.mirrors), inshorts(args.mirrors)
    write(args.out / "highlights_cnndm", news)
    write(args.out / "highlights_inshorts", briefs)
    write(args.out / "centrality", centrality(news + briefs))
    validation = cnndm_validation(args.mirrors)
    write(args.out / "highlights_cnndm_validation", validation)
    write(args.out / "centrality_cnndm_validation", centrality(validation))
    return 0


def centrality(items: list[tuple[str, str, list[str]]]) -> list[tuple[str, str, list[str]]]:
    """The articles of 10 sentences or more against their central sentences."""
    central = []
    for name, text, _summary in items:
        body = text.split("\n\n", 1)[1] if name.startswith("inshorts_") else text
        sentences = plain_sentences(body)
        if len(sentences) >= 10:
            central.append((name, text, central_sentences(sentences)))
    return central


if __name__ == "__main__":
    raise SystemExit(main())
