"""Scores of the quote and people extractor against hand-written gold (the field guide's rules).

A predicted quote matches a gold one when their spans overlap by at least half of the longer
span, or their normalised texts are equal. A speaker is right when the surnames match; a bare
pronoun never is. Partial quotes are neither required nor penalised: a predicted direct quote
that matches a gold partial one is ignored, and predicted partial quotes are not scored.
People match on surname and first initial; a role is right when it matches leniently (see
``role_right``), over the matched people whose gold role is given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

PRONOUNS = frozenset(
    ["he", "she", "they", "it", "i", "we", "him", "her", "them", "his", "its", "their"]
)
NAME_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])
_WORD = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")


def normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.lower().replace("’", "'")))


def surname(name: str) -> str:
    words = normalise(name).split()
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words.pop()
    return words[-1] if words else ""


def spans_match(g: tuple[int, int, str], p: tuple[int, int, str]) -> bool:
    overlap = min(g[1], p[1]) - max(g[0], p[0])
    longer = max(g[1] - g[0], p[1] - p[0])
    if longer > 0 and overlap >= longer / 2:
        return True
    return normalise(g[2]) == normalise(p[2]) != ""


def speaker_right(gold: str | None, predicted: str | None) -> bool:
    if not gold or not predicted:
        return False
    if normalise(predicted) in PRONOUNS:
        return False
    g, p = normalise(gold), normalise(predicted)
    if g == p or surname(gold) == surname(predicted):
        return True
    return len(p) > 3 and (p in g or g in p) and p not in PRONOUNS


def same_person(gold: str, predicted: str) -> bool:
    g, p = normalise(gold).split(), normalise(predicted).split()
    if not g or not p or surname(gold) != surname(predicted):
        return False
    return len(g) == 1 or len(p) == 1 or g[0] == p[0] or g[0][:1] == p[0][:1]


_ROLE_FILLER = frozenset(["the", "a", "an", "s", "of", "for", "at", "in", "on", "and"])


def _role_words(role: str) -> list[str]:
    plain = role.replace("’s", "").replace("'s", "")
    return [w for w in normalise(plain).split() if w not in _ROLE_FILLER]


def role_right(gold: str, predicted: str | None) -> bool:
    """Lenient: equal, one inside the other, or at least half of their content words shared
    (``World Bank's Regional Director for Central Asia`` = ``Regional Director …, World Bank``)."""
    if not predicted:
        return False
    g, p = _role_words(gold), _role_words(predicted)
    if not p:
        return False
    gs, ps = " ".join(g), " ".join(p)
    if gs == ps or ps in gs or gs in ps:
        return True
    return len(set(g) & set(p)) / len(set(g) | set(p)) >= 0.5


@dataclass
class Tally:
    gold_quotes: int = 0
    predicted_quotes: int = 0
    matched_quotes: int = 0
    right_speakers: int = 0
    gold_people: int = 0
    predicted_people: int = 0
    matched_people: int = 0
    gold_roles: int = 0
    right_roles: int = 0
    gold_reported: int = 0
    predicted_reported: int = 0
    matched_reported: int = 0
    right_reported_speakers: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in [
            "gold_quotes",
            "predicted_quotes",
            "matched_quotes",
            "right_speakers",
            "gold_people",
            "predicted_people",
            "matched_people",
            "gold_roles",
            "right_roles",
            "gold_reported",
            "predicted_reported",
            "matched_reported",
            "right_reported_speakers",
        ]:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)

    def metrics(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        qp = ratio(self.matched_quotes, self.predicted_quotes)
        qr = ratio(self.matched_quotes, self.gold_quotes)
        jp = ratio(self.right_speakers, self.predicted_quotes)
        jr = ratio(self.right_speakers, self.gold_quotes)
        pp = ratio(self.matched_people, self.predicted_people)
        pr = ratio(self.matched_people, self.gold_people)
        return {
            "quote_p": qp,
            "quote_r": qr,
            "quote_f1": f1(qp, qr),
            "speaker_acc": ratio(self.right_speakers, self.matched_quotes),
            "joint_f1": f1(jp, jr),
            "people_p": pp,
            "people_r": pr,
            "people_f1": f1(pp, pr),
            "role_acc": ratio(self.right_roles, self.gold_roles),
            "reported_p": ratio(self.matched_reported, self.predicted_reported),
            "reported_r": ratio(self.matched_reported, self.gold_reported),
            "reported_speaker_acc": ratio(self.right_reported_speakers, self.matched_reported),
        }


def texts_match(gold: str, predicted: str) -> bool:
    """Reported speech has no gold offsets: most of the gold words, in either text."""
    g, p = set(normalise(gold).split()), set(normalise(predicted).split())
    return bool(g and p) and len(g & p) >= 0.6 * max(len(g), len(p))


def score_article(
    gold: dict,
    quotes: Iterable[tuple[int, int, str, str | None]],
    people: Iterable[tuple[str, str | None]],
    label: str = "",
    reported: Iterable[tuple[str, str | None]] = (),
) -> Tally:
    """Score one article. ``quotes`` are predicted direct quotes (start, end, text, speaker);
    ``people`` are predicted (name, role) pairs; ``reported`` (text, speaker) pairs."""
    t = Tally()
    said = list(reported)
    t.gold_reported, t.predicted_reported = len(gold.get("reported_speech", [])), len(said)
    free = set(range(len(said)))
    for r in gold.get("reported_speech", []):
        hit = next((i for i in sorted(free) if texts_match(r["text"], said[i][0])), None)
        if hit is None:
            t.misses.append(f"{label} MISSED reported {r['text'][:60]!r} ({r.get('speaker')})")
            continue
        free.discard(hit)
        t.matched_reported += 1
        t.right_reported_speakers += speaker_right(r.get("speaker"), said[hit][1])
    gold_q = [(q["start"], q["end"], q["text"], q.get("speaker")) for q in gold.get("quotes", [])]
    partial = [(q["start"], q["end"], q["text"]) for q in gold.get("partial_quotes", []) or []]
    preds = list(quotes)
    t.gold_quotes = len(gold_q)
    used: set[int] = set()
    for g in gold_q:
        best = next(
            (i for i, p in enumerate(preds) if i not in used and spans_match(g[:3], p[:3])), None
        )
        if best is None:
            t.misses.append(f"{label} MISSED quote {g[2][:60]!r} ({g[3]})")
            continue
        used.add(best)
        t.matched_quotes += 1
        if speaker_right(g[3], preds[best][3]):
            t.right_speakers += 1
        else:
            t.misses.append(f"{label} SPEAKER {preds[best][3]!r} != {g[3]!r} for {g[2][:50]!r}")
    for i, p in enumerate(preds):
        if i in used:
            continue
        if any(spans_match(g, p[:3]) for g in partial):
            continue
        t.misses.append(f"{label} EXTRA quote {p[2][:60]!r} ({p[3]})")
    t.predicted_quotes = len(used) + sum(
        1
        for i, p in enumerate(preds)
        if i not in used and not any(spans_match(g, p[:3]) for g in partial)
    )
    gold_people = [(p["name"], p.get("role")) for p in gold.get("people", [])]
    pred_people = list(people)
    t.gold_people, t.predicted_people = len(gold_people), len(pred_people)
    taken: set[int] = set()
    for name, role in gold_people:
        hit = next(
            (i for i, p in enumerate(pred_people) if i not in taken and same_person(name, p[0])),
            None,
        )
        if hit is None:
            t.misses.append(f"{label} MISSED person {name!r}")
            continue
        taken.add(hit)
        t.matched_people += 1
        if role:
            t.gold_roles += 1
            if role_right(role, pred_people[hit][1]):
                t.right_roles += 1
            else:
                t.misses.append(f"{label} ROLE {pred_people[hit][1]!r} != {role!r} ({name})")
    for i, p in enumerate(pred_people):
        if i not in taken:
            t.misses.append(f"{label} EXTRA person {p[0]!r}")
    return t


def total(tallies: Sequence[Tally]) -> Tally:
    out = Tally()
    for t in tallies:
        out.add(t)
    return out


# -- reported speech by span overlap ------------------------------------------------------
# Gold reported speech has no offsets: its text is found in the article (the first occurrence).
# A predicted item matches a gold one when ``spans_match`` says so (overlap of at least half
# the longer span). Gold items of kind ``belief`` (believes, hopes, expects) are scored apart
# from speech, against the predicted items marked as beliefs.


@dataclass
class ReportedTally:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    right_speakers: int = 0
    gold_beliefs: int = 0
    predicted_beliefs: int = 0
    matched_beliefs: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: ReportedTally) -> None:
        for name in (
            "gold",
            "predicted",
            "matched",
            "right_speakers",
            "gold_beliefs",
            "predicted_beliefs",
            "matched_beliefs",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)

    def metrics(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        p, r = ratio(self.matched, self.predicted), ratio(self.matched, self.gold)
        jp, jr = ratio(self.right_speakers, self.predicted), ratio(self.right_speakers, self.gold)
        bp = ratio(self.matched_beliefs, self.predicted_beliefs)
        br = ratio(self.matched_beliefs, self.gold_beliefs)
        return {
            "p": p,
            "r": r,
            "f1": f1(p, r),
            "speaker_acc": ratio(self.right_speakers, self.matched),
            "joint_f1": f1(jp, jr),
            "belief_p": bp,
            "belief_r": br,
            "belief_f1": f1(bp, br),
        }


def gold_reported_spans(gold: dict, article: str) -> list[tuple[int, int, str, str | None, bool]]:
    """(start, end, text, speaker, is_belief) of each gold reported item found in ``article``."""
    out = []
    for r in gold.get("reported_speech", []):
        start = article.find(r["text"])
        if start >= 0:
            end = start + len(r["text"])
            out.append((start, end, r["text"], r.get("speaker"), r.get("kind") == "belief"))
    return out


def score_reported(
    gold: dict,
    article: str,
    predicted: Iterable[tuple[int, int, str, str | None, bool]],
    label: str = "",
) -> ReportedTally:
    """Score one article's reported speech: ``predicted`` are (start, end, text, speaker,
    is_belief). Speech and beliefs are matched each within their own kind."""
    t = ReportedTally()
    golds = gold_reported_spans(gold, article)
    preds = list(predicted)
    for belief in (False, True):
        g_items = [g for g in golds if g[4] == belief]
        p_items = [p for p in preds if p[4] == belief]
        used: set[int] = set()
        for g in g_items:
            hit = next(
                (i for i, p in enumerate(p_items) if i not in used and spans_match(g[:3], p[:3])),
                None,
            )
            what = "belief" if belief else "reported"
            if hit is None:
                t.misses.append(f"{label} MISSED {what} {g[2][:70]!r} ({g[3]})")
                continue
            used.add(hit)
            if belief:
                t.matched_beliefs += 1
                continue
            t.matched += 1
            if speaker_right(g[3], p_items[hit][3]):
                t.right_speakers += 1
            else:
                t.misses.append(
                    f"{label} SPEAKER {p_items[hit][3]!r} != {g[3]!r} for {g[2][:50]!r}"
                )
        for i, p in enumerate(p_items):
            if i not in used:
                what = "belief" if belief else "reported"
                t.misses.append(f"{label} EXTRA {what} {p[2][:70]!r} ({p[3]})")
        if belief:
            t.gold_beliefs, t.predicted_beliefs = len(g_items), len(p_items)
        else:
            t.gold, t.predicted = len(g_items), len(p_items)
    return t
