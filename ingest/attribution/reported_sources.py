"""Who a reported statement comes from: the speaker phrase before a statement verb, past the
words that may stand between them (``has long said``, ``now says``, ``had told``); unnamed
groups (``experts say``, ``Republican aides said``); documents and polls (``the report
found``, ``a Marist poll showed``); and the source of ``according to X``.

The words come from ``ingest/language/data/reported_speech.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ingest.attribution.cues import cues, speaker_before, subject_of


@dataclass(frozen=True, slots=True)
class ReportedWords:
    speech: frozenset[str]  # argue, warn: plural present forms the speech verbs lack
    belief: frozenset[str]  # believes, hopes, expects
    denial: frozenset[str]  # denied: a statement only before "that"
    finding: frozenset[str]  # found, showed, estimated
    lead: frozenset[str]  # has, long, now: between a speaker and the verb
    group: frozenset[str]  # experts, aides
    document: frozenset[str]  # report, poll, statement
    not_clause: frozenset[str]  # nothing, must: no statement follows "says"


@cache
def reported_words() -> ReportedWords:
    raw = resources.files("ingest.language").joinpath("data", "reported_speech.txt")
    kinds: dict[str, set[str]] = {}
    for line in raw.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            kind, word = line.split(None, 1)
            kinds.setdefault(kind, set()).add(word.lower())
    return ReportedWords(**{k: frozenset(v) for k, v in kinds.items()})


# a speaker phrase taken as it is written (a group, a document, the source of "according to")
_AS_WRITTEN = re.compile(r"(?P<named>.+)", re.S)
_WORD = re.compile(r"[\w’'\-.&]+")
_DETERMINERS = frozenset(
    ("a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our",
     "two", "three", "four", "five", "several", "some", "many", "most", "other", "one")
)  # fmt: skip
_STOP_WORDS = frozenset(
    ("and", "but", "or", "that", "which", "who", "while", "as", "if", "when", "because",
     "said", "says", "told", "is", "are", "was", "were", "be", "been", "to", "not", "it",
     "after", "before", "in", "on", "at", "of", "for", "with", "by", "from", "under", "over",
     "about", "than", "into", "amid", "despite", "during", "since")
)  # fmt: skip


def skip_leads(text: str, lo: int, verb_start: int) -> int:
    """Where the words between a speaker and the verb at ``verb_start`` begin: up to three
    words such as ``has``, ``long``, ``now`` or an ``-ly`` adverb (``has repeatedly said``);
    ``verb_start`` itself when there are none."""
    lead = reported_words().lead
    pos = verb_start
    for _ in range(3):
        base = max(lo, pos - 20)
        before = text[base:pos].rstrip()
        if len(before) == pos - base:
            break  # no white space before ``pos``
        space = before.rfind(" ")
        word = before[space + 1 :]
        if not word.isalpha() or not (
            word.lower() in lead or (word.islower() and len(word) > 4 and word.endswith("ly"))
        ):
            break
        pos = base + space + 1
    return pos


def source_before(
    text: str, lo: int, verb_start: int, finding: bool = False
) -> re.Match[str] | None:
    """The speaker phrase ending before the verb at ``verb_start`` (past any lead words):
    a name, pronoun or description, the subject of ``X did Y and said``, or else an unnamed
    group or a document."""
    pos = skip_leads(text, lo, verb_start)
    if text.endswith(("not ", "n’t ", "n't "), lo, pos):
        return None  # "did not say", "didn't find": no statement
    if text.endswith((" is ", " are ", " was ", " were ", " be ", " been "), lo, pos):
        return None  # "are expected to take part", "was reported": a passive, nobody speaks
    if text.endswith(("what he ", "what she ", "what they ", "what it "), lo, pos):
        return None  # "turning down what he said was £2m": no tag
    m = speaker_before(text, lo, pos) or subject_of(text, lo, pos)
    if m is None:
        return group_or_document(text, lo, pos) or _subject_group(text, lo, pos)
    groups = m.groupdict()
    if groups.get("named"):
        group, window = None, max(lo, m.start() - 40)
        if text[window : m.start()].rstrip().endswith(_GROUP_OF_LAST):
            group = _GROUP_OF.search(text, window, m.start())
        if group is not None and group.group(1).lower() in reported_words().group:
            # "Farmers in the Mekong Delta say": the group, as written
            return _AS_WRITTEN.match(text, group.start(1), m.end())
    nominal = groups.get("nom")
    if nominal and nominal.rsplit(None, 1)[-1].lower() in _PLAIN_GROUPS:
        group = group_or_document(text, lo, pos)  # "Her aides": as written
        if group is not None and all(
            w.lower() in _DETERMINERS for w in text[m.start() : group.start()].split()
        ):
            return group
    if nominal and finding:  # "Data from the statistics office showed": that office
        start = m.start("nom")
        first = nominal.split(None, 1)
        if len(first) == 2 and first[0].lower() in _DETERMINERS:
            start = text.index(first[1], start)
        return _AS_WRITTEN.match(text, start, m.end("nom"))
    return m


# a group noun and a preposition right before a name: "Farmers in the", "Analysts at"
_GROUP_OF = re.compile(r"(?<![\w’'])([A-Za-z]+)\s+(?:in|at|from|of|with)\s+(?:the\s+)?$")
# what ``_GROUP_OF`` ends with before its white space: a plain look before the search
_GROUP_OF_LAST = ("in", "at", "from", "of", "with", "the")
# groups a description of which stays as written ("her aides", not whoever "her" is)
_PLAIN_GROUPS = frozenset(
    ("aides", "advisers", "advisors", "allies", "supporters", "critics", "experts", "analysts",
     "economists", "strategists", "lawmakers", "scholars", "researchers", "scientists")
)  # fmt: skip


def sentence_subject(text: str, start: int, end: int) -> re.Match[str] | None:
    """The speaker opening the sentence at ``start`` (before ``end``): a name, pronoun or
    description followed by its verb, or a group or document among its first words."""
    rw, head = reported_words(), None
    for w in list(_WORD.finditer(text, start, min(end, start + 60)))[:4]:
        low = w.group().lower()
        if low in _STOP_WORDS or low in _AUXILIARIES:
            break
        if low in rw.group or low in rw.document:
            head = w  # the last one: "Some legal scholars"
    if head is not None:
        return group_or_document(text, start, head.end())
    return cues().subject.match(text, start, end)


_AUXILIARIES = frozenset(("has", "have", "had", "will", "would", "can", "could", "may", "did"))


def _subject_group(text: str, lo: int, end: int) -> re.Match[str] | None:
    """A group or document opening a sentence whose subject runs on to the verb:
    ``Legal scholars across the political spectrum say …``."""
    words = list(_WORD.finditer(text, lo, end))
    if not 2 <= len(words) <= 10 or any(ch in text[lo:end] for ch in ',;:“”"'):
        return None
    rw = reported_words()
    for w in words[:4]:
        low = w.group().lower()
        if low in rw.group or low in rw.document:
            return group_or_document(text, lo, w.end())
    return None


def group_or_document(text: str, lo: int, end: int) -> re.Match[str] | None:
    """An unnamed group or a document that ends right before ``end`` (``Legal experts``,
    ``aides``, ``The 2023 audit``, ``A Marist poll``): the issuer's name when the phrase has
    one (``Marist``), else the phrase without its determiner."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, max(lo, end - 60), end)]
    if not words or text[words[-1][1] : end].strip():
        return None
    head_start, head_end = words[-1]
    head = text[head_start:head_end].lower()
    rw = reported_words()
    is_group = head in rw.group
    if not is_group and head not in rw.document:
        return None
    first = len(words) - 1
    while first > 0 and len(words) - first < 4:
        s, e = words[first - 1]
        word = text[s:e]
        if word.lower() in _STOP_WORDS or text[e : words[first][0]].strip():
            break  # a comma or another mark between the words ends the phrase
        first -= 1
        if word.lower() in _DETERMINERS:
            break
    start = words[first][0]
    if text[start:head_end].split()[0].lower() in _DETERMINERS:
        start = words[first + 1][0] if first + 1 < len(words) else start
    if not is_group:
        for s, e in words[first:-1]:
            word = text[s:e]
            if word[:1].isupper() and word.lower() not in _DETERMINERS:
                return cues().named_end.search(text, s, e) or _AS_WRITTEN.match(text, s, e)
    return _AS_WRITTEN.match(text, start, head_end)


_ACCORDING = "ccording to "
_SOURCE_END = re.compile(r"[,;:\n“\"(]|\.(?:\s|$)")


def according_to(text: str, lo: int, hi: int) -> list[tuple[int, int, int]]:
    """(cue start, source start, source end) of each ``according to X`` in ``text[lo:hi]``;
    the source runs to the next comma or stop (not an abbreviation's: ``U.S.``, ``Sen.``)."""
    out = []
    pos = text.find(_ACCORDING, lo + 1, hi)
    while pos >= 0:
        cue = pos - 1
        if text[cue] in "Aa" and (cue == 0 or not text[cue - 1].isalnum()):
            src = pos + len(_ACCORDING)
            stop = hi
            for m in _SOURCE_END.finditer(text, src, hi):
                if m.group()[0] == ".":
                    word = text[text.rfind(" ", src, m.start()) + 1 : m.start()]
                    if "." in word or (len(word) <= 3 and word[:1].isupper()):
                        continue  # "U.S.", "Sen."
                stop = m.start()
                break
            if 0 < len(text[src:stop].split()) <= 14:
                out.append((cue, src, stop))
        pos = text.find(_ACCORDING, pos + 1, hi)
    return out


def according_source(text: str, src: int, stop: int) -> re.Match[str] | None:
    """The speaker of ``according to X``: the last name in ``X`` (``estimates by the
    European Steel Association``), else the phrase as written (``two people in the room``)."""
    c = cues()
    end = stop
    while end > src and not text[end - 1].isalnum():
        end -= 1
    named = c.named_end.search(text, src, end)
    if named is not None:
        return named
    m = c.speaker_only.match(text, src, end)
    if m is not None and m.groupdict().get("pron2"):
        return None  # "according to him": left to the speaker finder of direct quotes
    words = text[src:end].split()
    if words and words[0].lower() in _DETERMINERS:
        src = text.index(words[1], src) if len(words) > 1 else src
    return _AS_WRITTEN.match(text, src, end) if end > src else None
