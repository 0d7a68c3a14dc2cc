"""The seed article against its hand-made gold: every quote, speaker, person and role."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest import analyze

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "seeds" / "000_0f55b7b5fa43bf67.txt"
# CI lays shared/ beside the clone; a developer's checkout may sit deeper, beside /work/shared.
GOLD = next(
    (
        d / "gold" / "000_0f55b7b5fa43bf67.json"
        for d in (ROOT.parent / "shared", ROOT.parent.parent / "shared")
        if (d / "gold" / "000_0f55b7b5fa43bf67.json").exists()
    ),
    ROOT.parent / "shared" / "gold" / "000_0f55b7b5fa43bf67.json",
)


@pytest.fixture(scope="module")
def gold() -> dict:
    if not GOLD.exists():
        pytest.skip(f"gold file {GOLD} not present")
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def analysis():
    return analyze(ARTICLE.read_text(encoding="utf-8"))


def test_every_quote_with_exact_span_and_full_name_speaker(gold, analysis):
    got = [(q.start, q.end, q.text, q.speaker) for q in analysis.quotes if q.kind == "direct"]
    want = [(q["start"], q["end"], q["text"], q["speaker"]) for q in gold["quotes"]]
    assert got == want


def test_no_non_quote_is_a_quote(gold, analysis):
    spans = {(q.start, q.end) for q in analysis.quotes}
    for nq in gold["not_quotes"]:
        assert (nq["start"], nq["end"]) not in spans
        assert all(nq["text"] != q.text for q in analysis.quotes)


def test_people_and_roles(gold, analysis):
    got = {p.name: p.role for p in analysis.people}
    want = {p["name"]: p["role"] for p in gold["people"]}
    assert got == want


def test_no_non_person_among_people(gold, analysis):
    names = {p.name for p in analysis.people}
    assert not names & set(gold["not_people"])


def test_aliases_merge_into_one_person(gold, analysis):
    by_name = {p.name: p for p in analysis.people}
    for name, aliases in gold["aliases"].items():
        surnames = [a for a in aliases if not a.lower().startswith("the ")]
        for alias in surnames:
            if " " not in alias:
                assert alias in by_name[name].aliases


def test_reported_speech_with_speakers(gold, analysis):
    got = {(r.speaker, r.text) for r in analysis.reported}
    want = {(r["speaker"], r["text"]) for r in gold["reported_speech"]}
    assert want <= got


def test_quote_counts(analysis):
    counts = {p.name: p.quotes for p in analysis.people}
    assert counts["Zhanat Ernst"] == 2
    assert counts["Elvira Azimova"] == 2
    assert counts["Kassym-Jomart Tokayev"] == 0
