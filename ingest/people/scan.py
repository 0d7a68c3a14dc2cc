"""Scanning an article for the people layer: the patterns read around a name, the speech
verbs of the body, the stretches of paragraphs scanned for name runs in one go, and the
phrases around a name (kinship words, bylines, firms)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from ingest.language.lexicon import lexicon, trie_pattern
from ingest.model import Span
from ingest.people.names import run_and_token


@dataclass(frozen=True, slots=True)
class Patterns:
    run: re.Pattern[str]
    token: re.Pattern[str]
    verb_after: re.Pattern[str]
    verb_before: re.Pattern[str]
    subject_after: re.Pattern[str]
    evidence_after: re.Pattern[str]
    apposition: re.Pattern[str]
    apposition_quick: re.Pattern[str]  # the same matches when its role has at most 90 characters
    byline_role: re.Pattern[str]


@cache
def patterns() -> Patterns:
    lx = lexicon()
    run, token = run_and_token()
    verbs = lx.verb_pattern
    # an optional part is written (?:part|), not (?:part)?: the same matches, without the
    # regex engine setting up a repeat for it (see names._optional)
    # the role is the shortest run of its characters (2 to 90) that the end test accepts; the
    # test can only pass before white space, a stop or the end, so the quick form skips whole
    # words at once (no length cap: a role it finds longer than 90 means "use the capped form")
    opening = r"(?:,\s*\d{1,3}|),\s+(?:(?:the|a|an)\s+|)"
    role_end = r"(?=\s*(?:[,;:()\n]|\.(?:\s|$)|$|\s+(?:said|says|told|added|who)\b))"
    role_char, word_char = r"[^,.;:“”\"()]", r"[^,.;:“”\"()\s]"
    apposition = rf"{opening}(?P<role>{role_char}{{2,90}}?){role_end}"
    apposition_quick = (
        rf"{opening}(?P<role>{role_char}{{2}}(?:{word_char}*+\s)*?{word_char}*+){role_end}"
    )
    return Patterns(
        run=re.compile(run),
        token=re.compile(token),
        verb_after=re.compile(
            rf"(?:\s*,\s*\d{{1,3}}\s*,|)(?:\s*,[^,;“”\"]{{1,100}}?,|\s*,|)\s+(?:[a-z]+ly\s+|)"
            rf"(?:{verbs})\b"
        ),
        verb_before=re.compile(rf"\b(?:{verbs})\s+$"),
        subject_after=re.compile(
            r"(?:\s*,\s*\d{1,3}\s*,|)(?:\s*,[^,;“”\"]{1,100}?,|)\s+(?:[a-z]+ly\s+|)"
            r"(?:[a-z]{2,}ed|[a-z]{2,}s|was|is|has|had|will|would|could|can|did|does|do|may"
            r"|might|must|should|shall|took|went|made|gave|spoke|wrote|told|fled|led|met|saw"
            r"|ran|won|lost|left|sent|put|set|got|came|became|began|held|kept|knew|thought)\b"
        ),
        evidence_after=re.compile(
            r",\s*(?:\d{1,3}\s*[,).;]|aged\s+\d|who\b|whose\b)|\s*\(\d{1,3}\)|\s*:\s*[“\"«‘„]"
        ),
        apposition=re.compile(apposition),
        apposition_quick=re.compile(apposition_quick),
        byline_role=re.compile(
            r"\b(Reporting|Editing|Writing)\s+by\s+(?:[^;()]{0,60}?\s+and\s+)?$", re.IGNORECASE
        ),
    )


def run_stretches(text: str, paragraphs: Sequence[Span]) -> list[tuple[int, list[int]]]:
    """Stretches of paragraphs to scan for name runs in one go: (start, the paragraph ends).

    A paragraph joins the one before when only white space lies between them, the first of it
    neither a space nor a no-break space. A run reads no other white space: it takes word
    characters, ``-’'.&`` and those two spaces, and looks ahead for a letter, a space or an
    ``s``. So every run stops at such a paragraph end, every test there fails (or passes) as at
    the end of the text, and no run starts in the gap: one scan finds what one per paragraph
    finds."""
    stretches: list[tuple[int, list[int]]] = []
    ends: list[int] = []
    for para in paragraphs:
        if ends:
            end = ends[-1]
            if para.start > end and text[end] not in " \u00a0" and text[end : para.start].isspace():
                ends.append(para.end)
                continue
        ends = [para.end]
        stretches.append((para.start, ends))
    return stretches


# a firm's name before a job title and a name, or after "shares of"
FIRM_AFTER = re.compile(
    r" (?:[a-z\-]+ ){0,2}(?:chief|executive|founder|chairman|chairwoman|president|analyst"
    r"|spokesman|spokeswoman|spokesperson|director|partner|coach|manager|captain|owner|boss)"
    r"\b[a-z ]{0,30}? [A-Z]"
)
# a nickname in quotation marks inside a name: 'Raymond "Ray" Kowalczyk'
# (the mark first: the regex engine skips to it; the first name is read back from there),
# one pattern per mark for ``literal_scans``; a match holds no other pattern's mark
NICKNAMED = tuple(
    (opening, re.compile(rf"{re.escape(opening)}[A-Z][a-z]+{re.escape(closing)} ([A-Z][\w’'\-]+)"))
    for opening, closing in (('"', '"'), ("“", "”"), ("(", ")"))
)
GIVEN_BEFORE = re.compile(r"\b([A-Z][a-z]+) $")
OWNER_BEFORE = re.compile(r"\b([a-z]+[’']s|[Hh]is|[Hh]er|[Tt]heir) $")
LOWER_WORD = re.compile(r" ([a-z]+)\b")
PLACE_WORD = re.compile(r"[A-Z][a-z]+(?=[\s.,;:]|$)")
FIRM_BEFORE = re.compile(r"\b(?:[Ss]hares (?:of|in)|[Ss]hareholders (?:of|in)) $")


def apposition(pt: Patterns, text: str, end: int) -> re.Match[str] | None:
    """The apposition right after a name ending at ``end`` (``, the chief executive of X,``)."""
    if not text.startswith(",", end):
        return None  # it opens with a comma
    m = pt.apposition_quick.match(text, end)
    if m is not None and m.end("role") - m.start("role") > 90:
        m = pt.apposition.match(text, end)  # too long a role: the capped pattern decides
    return m


@cache
def _verb_patterns() -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """The speech-verb pattern and a quick scan for the places where it can match.

    ``\\b(?:said|says|…)\\b`` makes the regex engine attempt a match at every character. The
    scan starts with a character class instead (any character but an ASCII letter, digit or
    ``_``), which the engine skips to without attempting a match, followed by the first word
    of a verb. It finds every verb one character early (a verb follows a non-word character),
    and some false starts (after ``é``, before ``saidx``) that the verb pattern then rejects.
    None when a verb's first word is not plain ASCII letters: the scan would miss it.
    """
    verbs = lexicon().speech_verbs
    verb = re.compile(rf"\b{lexicon().verb_pattern}\b")
    first_words = {v.split()[0] for v in verbs}
    if not all(w.isascii() and w.isalpha() for w in first_words):
        return verb, None
    return verb, re.compile(rf"[^0-9A-Za-z_]{trie_pattern(first_words)}")


def speech_verbs(text: str, paragraphs: Sequence[Span]) -> list[re.Match[str]]:
    """The speech verbs of the paragraphs in text order: the matches of the verb pattern
    within each paragraph, as ``finditer(text, para.start, para.end)`` gives them."""
    verb, scan = _verb_patterns()
    ordered = all(a.end <= b.start for a, b in pairwise(paragraphs))
    if scan is None or not ordered or not paragraphs:
        return [m for para in paragraphs for m in verb.finditer(text, para.start, para.end)]
    found: list[re.Match[str]] = []
    k, para = 0, paragraphs[0]
    last_end = -1  # matches do not overlap: a start inside the previous match is skipped
    for first in paragraphs:  # a verb at the very start has no character before it
        if first.start > 0:
            break
        if (m := verb.match(text, 0, first.end)) is not None:
            found.append(m)
            last_end = m.end()
            break
    # one scan over the whole body; every hit is checked within its own paragraph. A hit
    # only spans ASCII letters after its first character, so it never hides a verb start.
    for hit in scan.finditer(text, max(para.start - 1, 0), paragraphs[-1].end):
        pos = hit.start() + 1
        if pos < last_end:
            continue
        while para.end <= pos:
            k += 1
            para = paragraphs[k]
        if pos < para.start:
            continue  # between paragraphs
        m = verb.match(text, pos, para.end)
        if m is not None:
            found.append(m)
            last_end = m.end()
    return found


# a job told by a relative clause: "Mark Ostrowski, who teaches ninth-grade English at …,"
WHO_JOB = re.compile(
    r", who ((?:teaches|taught|owns|owned|co-owns|runs|ran|chairs|chaired|leads|led|heads"
    r"|headed|directs|directed|manages|managed|represents|represented|coaches|coached|grows"
    r"|founded|co-founded|studies|works as|worked as|serves as|served as)\b[^,.;:“”\"()]{2,80})"
)


@lru_cache(maxsize=4096)
def initials_of(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


KIN = re.compile(
    r"\b(?:(husband|wife|son|daughter|sister|brother|mother|father|partner|grandson"
    r"|granddaughter|niece|nephew|fianc[ée]e?|boyfriend|girlfriend|youngest|eldest|oldest"
    r"|successor|predecessor)"
    r"(?: of \d+ years)?,|(girl|boy|man|woman|baby|child|son|daughter) named) $"
)
HONORIFIC_PRONOUN = {
    "Mr": "he", "Mr.": "he", "Sir": "he", "Mrs": "she", "Mrs.": "she", "Ms": "she", "Ms.": "she",
    "Miss": "she", "Dame": "she",
}  # fmt: skip
KIN_PRONOUN = {
    **dict.fromkeys(("husband", "son", "brother", "father", "grandson", "nephew", "boyfriend",
                     "fiancé", "boy", "man"), "he"),
    **dict.fromkeys(("wife", "daughter", "sister", "mother", "granddaughter", "niece",
                     "girlfriend", "fiancée", "girl", "woman"), "she"),
}  # fmt: skip
BYLINE = re.compile(r"(?:^|\n)[ \t]*By\s+$")
ROLE_LINE = re.compile(r"\n[ \t]*([A-Z][A-Za-z\-]*(?: [A-Za-z\-]+){0,3})[ \t]*(?=\n)")
