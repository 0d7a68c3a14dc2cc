"""Reported speech: ``X said (that) …`` and ``…, X said.`` outside quotation marks."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from ingest.attribution.cues import speaker_before, subject_of
from ingest.model import Span

_THAT = re.compile(r"[^“”\"‘:;]{0,70}?\bthat\s+")
_ADVERBIAL = re.compile(
    r"\s*(?:on|in|at|during|last|this|earlier|late|after|before|from|via|to|outside|inside"
    r"|near|within|ahead)\b[^,.;:]{0,60}$"
)
_TOLD_OBJECT = re.compile(r"\s+(?:the\s+)?[\w.’'\-]+")
_TRAILING_TAIL = re.compile(r"[^,.;:“”\"]{0,50}(?:[.;]|,(?!\s*[“\"‘«„])|$)")
_END_MARKS = ".!?,;:"
_DAY_THEN_CLAUSE = re.compile(
    r"\s+(?:(?:late|early)\s+)?(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+"
    r"(?=(?:it|he|she|they|we|the|its|his|her|their)\s)"
)

_CLAUSE_END = re.compile(
    r",\s+(?:because|but|although|though|while|which|as|adding|saying|citing|according)\b"
)
_THAT_LEADS = frozenset(
    ("on", "in", "at", "during", "last", "this", "earlier", "late", "after", "before", "from",
     "via", "to", "through", "with", "by")
)  # fmt: skip


def _adverbial_before_that(prefix: str, verb: str) -> bool:
    """Whether only adverbials (or, after ``told``, an object) stand between the verb and
    ``that``: ``said on Thursday that``, ``told the jury that``, not ``said she worried that``."""
    words = prefix.split()[:-1]  # without "that"
    if not words:
        return True
    if verb in ("told", "tells"):
        return len(words) <= 6
    return words[0].lower() in _THAT_LEADS or (len(words) == 1 and words[0].endswith("ly"))


_NOT_A_CLAUSE = frozenset(
    ("to", "on", "in", "at", "during", "after", "before", "by", "with", "for", "of", "about",
     "and", "or", "while", "when", "as", "adding", "saying", "speaking", "citing", "outside",
     "inside", "near", "within", "ahead", "guilty", "not")
)  # fmt: skip
# verbs that take a plain object as often as a clause ("reported a net loss", "declared a
# state of emergency"): without "that" the words after them must read as a clause
_OBJECT_VERBS = frozenset(
    ("reported", "reports", "declared", "declares", "announced", "announces", "confirmed",
     "confirms", "disclosed", "revealed", "pleaded", "posted", "promised", "pledged")
)  # fmt: skip
_FINITE = re.compile(
    r"\b(?:was|were|is|are|had|has|have|would|will|could|can|may|might|must|should|did|does"
    r"|do|[a-z]{3,}ed)\b"
)

ReportedItem = tuple[int, int, int, re.Match[str], str]

# a closing mark and a space before the verb (",” said X"): no speaker phrase ends in the mark,
# so neither ``speaker_before`` nor ``subject_of`` finds a speaker there
_CLOSED_QUOTE = frozenset(("” ", '" ', "’ ", "' ", "» "))


def find_reported(
    text: str,
    paragraphs: Sequence[Span],
    sentence_starts: Sequence[int],
    quote_ranges: Sequence[tuple[int, int]],
    verbs: Sequence[re.Match[str]],
) -> list[ReportedItem]:
    """(clause start, clause end, speaker position, speaker match, verb) per reported statement.

    ``quote_ranges`` are the (opening mark, closing mark end) of the top-level quotes, sorted;
    no verb inside one is looked at. ``verbs`` are the speech verbs of the body in text order;
    at most one statement is taken from each sentence."""
    out: list[ReportedItem] = []
    quote_starts = [s for s, _ in quote_ranges]
    quote_ends = [e for _, e in quote_ranges]
    para_ends = [p.end for p in paragraphs]
    last_para_end = para_ends[-1] if para_ends else -1
    n_starts, text_end = len(sentence_starts), len(text)
    done = -1
    for v in verbs:
        pos = v.start()
        i = bisect_right(sentence_starts, pos) - 1
        if i <= done or text[pos - 2 : pos] in _CLOSED_QUOTE:
            continue
        q = bisect_right(quote_starts, pos) - 1
        if q >= 0 and pos < quote_ends[q]:
            continue  # in a quote (it opens at or before ``pos``)
        start = sentence_starts[i] if i >= 0 else 0
        nxt = sentence_starts[i + 1] if i + 1 < n_starts else text_end
        end = min(nxt, para_ends[bisect_left(para_ends, pos)] if pos <= last_para_end else nxt)
        rest_start = v.end()
        # what follows the verb decides whether a statement can follow it (``_forward``) or
        # end with it (``_backward``) before the speaker is looked for: "X said: “…”" has neither.
        # ``_forward`` finds none whatever the speaker after a colon or quotation mark
        # (``said: “…”``) or with fewer than three words before ``end`` (``she added.``)
        first = text[rest_start : rest_start + 1]
        if first == " ":
            first = text[rest_start + 1 : rest_start + 2]
        # (``first`` is "" at the end of the text, which is in any string)
        clause_after = first not in ':“”"‘' and len(text[rest_start:end].split(None, 2)) >= 3
        if not clause_after and _TRAILING_TAIL.match(text, rest_start) is None:
            continue
        m = speaker_before(text, start, pos) or subject_of(text, start, pos)
        if m is None:
            continue
        item = (_forward(text, start, end, m, v) if clause_after else None) or _backward(
            text, start, m, v
        )
        if item is not None:
            out.append(item)
            done = i
    return out


def _forward(
    text: str, start: int, end: int, m: re.Match[str], v: re.Match[str]
) -> ReportedItem | None:
    rest_start = v.end()
    rest = text[rest_start:end]
    # _THAT needs "that" within its first 74 characters: a plain find rules most clauses out
    that = _THAT.match(rest) if rest.find("that", 0, 74) >= 0 else None
    if that is not None and not _adverbial_before_that(rest[: that.end()], v.group()):
        that = None  # "said she worried that …": the clause starts at "she"
    if that is not None:
        clause_start = rest_start + that.end()
    elif v.group() in ("told", "tells"):
        obj = _TOLD_OBJECT.match(rest)
        if obj is None:
            return None
        clause_start = rest_start + obj.end()
    else:
        clause_start = rest_start
        if "day " in text[rest_start : rest_start + 24]:
            day = _DAY_THEN_CLAUSE.match(text, rest_start)
            if day is not None:
                clause_start = day.end()  # "said (on) Monday it would …"
    clause = text[clause_start:end]
    lead = len(clause) - len(clause.lstrip())
    clause_start += lead
    clause = clause.lstrip()
    if not clause or clause[0] in ":,“”\"‘’'«—-($":
        return None
    if clause[0].isdigit() and v.group() == "added" and that is None:
        return None  # "Davis added 25 points": not speech
    if _ADVERBIAL.match(" " + clause):
        return None
    first, _, rest = clause.partition(" ")
    first = first.lower()
    if that is None and first in _NOT_A_CLAUSE and not (first == "about" and rest[:1].isdigit()):
        return None  # "said about the plan", but "said about 600 people spent the night"
    if that is None and v.group() in _OBJECT_VERBS:
        head = " ".join(clause.split(None, 6)[:6])
        if _FINITE.search(head) is None:
            return None  # "reported a net loss of $84.3 million": an object, not a clause
    cut = _CLAUSE_END.search(clause)
    if cut is not None:
        clause = clause[: cut.start()]  # "…, because …": the statement ends before
    trimmed = _without_end_marks(clause)
    if ":" in trimmed:
        return None  # "told BBC Radio 4's Today programme: “…”" introduces a quote
    if len(trimmed.split()) < 3:
        return None
    if any(q in trimmed for q in '“"') and trimmed.count("“") != trimmed.count("”"):
        return None
    return clause_start, clause_start + len(trimmed), m.start(), m, v.group()


def _without_end_marks(clause: str) -> str:
    """``clause`` without the white space and stops it ends with."""
    end = len(clause)
    while end and (clause[end - 1] in _END_MARKS or clause[end - 1].isspace()):
        end -= 1
    return clause[:end]


def _backward(text: str, start: int, m: re.Match[str], v: re.Match[str]) -> ReportedItem | None:
    before = text[start : m.start()].rstrip()
    if not before.endswith(",") or len(before.split()) < 4:
        return None
    if not _TRAILING_TAIL.match(text, v.end()):
        return None
    clause = before[:-1].rstrip()
    if any(q in clause for q in '“”"‘'):
        return None
    return start, start + len(clause), m.start(), m, v.group()
