"""Where a reported clause begins and ends: after its cue (``said (that) …``, ``told reporters
…``), before it (``…, X said``), around a tag in mid-sentence (``The deal, X said, would …``),
and whether it is a paraphrase at all (not a tag's end, not an object, not a partial quote)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from ingest.attribution.reported_sources import reported_words
from ingest.language.lexicon import lexicon

_THAT = re.compile(r"[^“”\"‘:;]{0,70}?\bthat\s+")
# the openers of ``_ADVERBIAL`` that ``_NOT_A_CLAUSE`` lacks
_ADVERBIAL_OPENERS = frozenset(("last", "this", "earlier", "late", "via"))
_ADVERBIAL = re.compile(
    r"\s*(?:on|in|at|during|last|this|earlier|late|after|before|from|via|to|outside|inside"
    r"|near|within|ahead)\b[^,.;:]{0,60}$"
)
_TRAILING_TAIL = re.compile(r"[^,.;:“”\"]{0,50}(?:[.;]|,(?!\s*[“\"‘«„])|$)")
_END_MARKS = ".!?,;:"
_DAY_THEN_CLAUSE = re.compile(
    r"\s+(?:(?:late|early)\s+)?(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+"
    r"(?=(?:it|he|she|they|we|the|its|his|her|their)\s)"
)
# "said in a statement the company would …", "told reporters at the Capitol on Monday the …":
# a short adverbial between the verb and the clause's subject
_ADVERBIAL_THEN_CLAUSE = re.compile(
    r"\s+(?:in|on|at|during|after|before|via|through|with|from)\s+"
    r"(?:(?:an?|the|his|her|its|their)\s+)?(?:[\w\-’'.]+\s+){1,4}?"
    r"(?=(?:it|he|she|they|we|I|the|its|his|her|their|a|an|this|these|some|most|no)\s)"
)
# the words ``_ADVERBIAL_THEN_CLAUSE`` opens with (at most seven letters)
_ADVERBIAL_OPENINGS = ("in", "on", "at", "during", "after", "before", "via", "through", "with",
                       "from")  # fmt: skip


def _adverbial_may_follow(text: str, pos: int) -> bool:
    """Whether white space and a word ``_ADVERBIAL_THEN_CLAUSE`` opens with may start at
    ``pos``: a plain look rules most verbs out before that pattern is tried. Fewer than
    seven characters after the white space in view: the pattern decides."""
    head = text[pos : pos + 16]
    rest = head.lstrip()
    return head[:1].isspace() and (len(rest) < 7 or rest.startswith(_ADVERBIAL_OPENINGS))


_WEEKDAYS = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
     "yesterday", "tonight", "afterward", "afterwards", "later", "earlier", "again", "too")
)  # fmt: skip
_SUBJECT_OPENERS = frozenset(
    ("it", "he", "she", "they", "we", "i", "you", "the", "its", "his", "her", "their", "a",
     "an", "this", "these", "those", "there", "some", "most", "many", "no", "all", "our")
)  # fmt: skip
# where a statement ends inside its sentence: ", because …", ",” adding …", and a new clause of
# the speaker's own (", and she renewed her call …", ", and her campaign released …")
_CLAUSE_END = re.compile(
    r",[”\"’']?\s+(?:because|but|although|though|while|which|as|adding|saying|citing"
    r"|noting|arguing|warning|insisting|claiming|according"
    r"|and\s+(?:he|she|they|his|her|their|its)\s+(?:[a-z]+\s+)?[a-z]{2,}ed\b)\b"
    r"|,[”\"’']\s+an?\s"  # “…,” a line that …: an apposition to the quote
)
_THAT_LEADS = frozenset(
    ("on", "in", "at", "during", "last", "this", "earlier", "late", "after", "before", "from",
     "via", "to", "through", "with", "by", "for", "again", "repeatedly", "privately",
     "publicly", "recently", "previously", "also", "today", "yesterday", "then", "now",
     "afterward", "afterwards", "later", "separately", "again", "too", "once")
)  # fmt: skip
_NOT_A_CLAUSE = frozenset(
    ("to", "on", "in", "at", "during", "after", "before", "by", "with", "for", "of", "about",
     "and", "or", "while", "when", "as", "adding", "saying", "speaking", "citing", "outside",
     "inside", "near", "within", "ahead", "guilty", "not", "through", "into", "over", "under")
)  # fmt: skip
# verbs that take a plain object as often as a clause ("reported a net loss", "declared a
# state of emergency"): without "that" the words after them must read as a clause
_OBJECT_VERBS = frozenset(
    ("reported", "reports", "declared", "declares", "announced", "announces", "confirmed",
     "confirms", "disclosed", "revealed", "pleaded", "posted", "promised", "pledged", "told",
     "tells", "warned", "warns", "suggested", "suggests", "predicted", "acknowledged",
     "admitted", "admits", "noted", "notes", "claimed", "claims", "urged", "urges", "asked",
     "asks", "answered", "informed", "briefed", "assured", "echoed", "recalled", "recalls",
     "remembered", "agreed", "demanded", "promised", "vowed", "added", "adds", "wrote",
     "writes")
)  # fmt: skip
_FINITE = re.compile(
    r"\b(?:was|were|is|are|had|has|have|would|will|could|can|may|might|must|should|did|does"
    r"|do|won’t|won't|can’t|can't|[a-z]{3,}ed)\b"
)
# after "told": the person or body told, then adverbials, before the clause
_TOLD_OBJECT = re.compile(
    r"\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:[A-Z][\w.’'\-&]*\s+){0,5}"
    r"(?:[a-z][\w\-]*\s+){0,2}?[\w.’'\-]+"
)
_INFINITIVE_BELIEFS = frozenset(("expects", "expected", "expect", "hopes", "hoped", "hope"))


def clause_after(
    text: str, rest_start: int, end: int, verb: str, kind: str
) -> tuple[int, int] | None:
    """(start, end) of the clause after the cue ending at ``rest_start``, or None."""
    head = text[rest_start : min(end, rest_start + 40)]
    first = head.lstrip()[:1]
    if not first or first in ':“”"‘' or len(head.split(None, 2)) < 3:
        return None  # "said: “…”", "she added."
    rest = text[rest_start:end]
    low = verb.lower()
    # _THAT needs "that" within its first 74 characters: a plain find rules most clauses out
    that = _THAT.match(rest) if rest.find("that", 0, 74) >= 0 else None
    if that is not None and not _adverbial_before_that(rest[: that.end()], low):
        that = None  # "said she worried that …": the clause starts at "she"
    if kind in ("according", "participle"):
        clause_start = rest_start + (that.end() if that is not None else 0)
    elif that is not None:
        clause_start = rest_start + that.end()
    elif kind == "denial":
        return None  # "denied the allegations": an object
    elif low in ("told", "tells", "tell"):
        told = _told_clause_start(rest)
        if told is None:
            return None
        clause_start = rest_start + told
    else:
        clause_start = rest_start
        if "day " in text[rest_start : rest_start + 24]:
            day = _DAY_THEN_CLAUSE.match(text, rest_start)
            if day is not None:
                clause_start = day.end()  # "said (on) Monday it would …"
        if clause_start == rest_start and _adverbial_may_follow(text, rest_start):
            adverbial = _ADVERBIAL_THEN_CLAUSE.match(text, rest_start, end)
            if adverbial is not None and _FINITE.search(
                text, adverbial.end(), min(end, adverbial.end() + 60)
            ):
                clause_start = adverbial.end()  # "said in a statement it had …"
    clause = text[clause_start:end]
    lead = len(clause) - len(clause.lstrip())
    clause_start += lead
    clause = clause.lstrip()
    if not clause or clause[0] in ":,“”\"‘’'«—-($":
        return None
    if kind != "according" and that is None and not _reads_as_clause(clause, low, kind):
        return None
    clause = _statement_end(clause)
    trimmed = _without_end_marks(clause)
    if ":" in trimmed:
        return None  # "told BBC Radio 4's Today programme: “…”" introduces a quote
    if len(trimmed.split(None, 2)) < 3:
        return None
    if ("“" in trimmed or '"' in trimmed) and trimmed.count("“") != trimmed.count("”"):
        return None
    return clause_start, clause_start + len(trimmed)


def _statement_end(clause: str) -> str:
    """``clause`` up to where the statement ends: before ``, because …``, ``, adding …``
    (``,”`` kept with its mark) or a verb of the speaker's own; a relative clause right
    after a short subject is part of it (``the plan, which passed in May, would cost …``)."""
    for cut in _CLAUSE_END.finditer(clause):
        if cut.group().endswith("which") and len(clause[: cut.start()].split(None, 3)) < 4:
            continue
        clause = clause[: cut.start() + (2 if cut.group()[1] in "”\"’'" else 0)]
        break
    return _without_coordinated_verb(clause)


_AND_VERB = re.compile(r"\s+(?:and|but)\s+([a-z]+ed)\b")
_MODAL = re.compile(
    r"\b(?:would|will|could|can|might|may|should|must|did|does|do|plans? to|wants? to)\b"
)


def _without_coordinated_verb(clause: str) -> str:
    """``clause`` without a verb phrase that goes with the speaker, not the statement:
    ``the result was … and confirmed that …`` (a speech verb), ``it would publish a
    timetable and advised travellers …`` (a past verb after a modal one)."""
    if "and" not in clause and "but" not in clause:
        return clause  # the scan below opens with a class: a plain find rules most clauses out
    speech_verbs = lexicon().speech_verbs
    for m in _AND_VERB.finditer(clause):
        verb = m.group(1)
        if verb in speech_verbs or _MODAL.search(clause, 0, m.start()):
            return clause[: m.start()]
    return clause


def _told_clause_start(rest: str) -> int | None:
    """Where the clause begins in ``rest``, the words after ``told``: after the person told
    and any adverbials (``told reporters Tuesday the bridge would …``, ``told members of the
    city council the bridge would …``). The clause's subject is the last word such as
    ``the`` or ``he`` before the first auxiliary (titles in quotation marks passed over);
    without one, after ``_TOLD_OBJECT``."""
    aux = _AUXILIARY.search(rest, 0, 160)
    if aux is not None and not any(mark in rest[: aux.start()] for mark in ",;:"):
        for opener in reversed(list(_OPENER.finditer(rest, 1, aux.start()))):
            before = rest[: opener.start()]
            if sum(before.count(q) for q in '“”"') % 2 == 0:
                return opener.start()
    obj = _TOLD_OBJECT.match(rest)
    return obj.end() if obj is not None else None


_AUXILIARY = re.compile(
    r"\b(?:was|were|is|are|had|has|have|would|will|could|can|may|might|must|should|did|does"
    r"|do|won’t|won't|can’t|can't)\b"
)
_OPENER = re.compile(
    r"(?<=\s)(?:it|he|she|they|we|I|you|the|its|his|her|their|a|an|this|these|those|there"
    r"|some|most|many|no|all|our)\s"
)


def _reads_as_clause(clause: str, verb: str, kind: str) -> bool:
    """Whether the words after a cue without ``that`` open a statement: not an adverbial
    (``said on Monday``), an object (``reported a net loss``), nor a noun's verb (``member
    states must``, ``the label says nothing``)."""
    if clause[0].isdigit() and verb == "added":
        return False  # "Davis added 25 points": not speech
    first, _, rest = clause.partition(" ")
    if first.endswith(","):
        return False  # "said Tuesday, setting up …": no clause
    first = first.lower()
    if first in _WEEKDAYS:
        return False
    if first in _ADVERBIAL_OPENERS and _ADVERBIAL.match(" " + clause):
        return False  # "said last week.", "said this month"
    if verb in ("states", "state") and not (
        first in _SUBJECT_OPENERS or clause[0].isupper() or clause[0].isdigit()
    ):
        return False  # "Western states hit by drought": a noun
    if kind == "belief" and first == "to" and verb in _INFINITIVE_BELIEFS:
        return True  # "expects to release its findings by spring"
    if first in _NOT_A_CLAUSE and not (first == "about" and rest[:1].isdigit()):
        return False  # "said about the plan", but "said about 600 people spent the night"
    if first in reported_words().not_clause or first in lexicon().speech_verbs:
        return False  # "the label says nothing", "member states must", "states said"
    head = " ".join(clause.split(None, 8)[:8])
    if kind == "belief" and verb in _INFINITIVE_BELIEFS and " to " in head:
        return True  # "expects the vote to be close"
    if verb in _OBJECT_VERBS or kind in ("finding", "belief") or first in ("a", "an"):
        return _finite_verb(head)  # "said a prayer for the victims": an object
    return True


_PARTICIPLE_LEADS = frozenset(
    ("a", "an", "the", "after", "before", "of", "for", "with", "by", "from", "in", "on", "and")
)


def _finite_verb(words: str) -> bool:
    """Whether ``words`` hold a finite verb: an auxiliary, or an ``-ed`` form that follows no
    article or preposition (``cases rose after confirmed cases`` has none)."""
    for m in _FINITE.finditer(words):
        if not m.group().endswith("ed"):
            return True
        before = words[: m.start()].split()
        if not before:
            return True
        last = before[-1].lower()
        if last not in _PARTICIPLE_LEADS and not any(ch.isdigit() for ch in last):
            return True  # not "after confirmed cases", "11,000 altered log entries"
    return False


def _adverbial_before_that(prefix: str, verb: str) -> bool:
    """Whether only adverbials (or, after ``told``, an object) stand between the verb and
    ``that``: ``said on Thursday that``, ``told the jury that``, not ``said she worried that``."""
    words = prefix.split()[:-1]  # without "that"
    if not words:
        return True
    if words[0] == "," and words[-1].endswith(",") and len(words) <= 8:
        return True  # "said, without offering evidence, that"
    if verb in ("told", "tells", "tell", "wrote", "writes", "posted", "tweeted"):
        return len(words) <= 12
    return words[0].lower() in _THAT_LEADS or (len(words) == 1 and words[0].endswith("ly"))


def _without_end_marks(clause: str) -> str:
    """``clause`` without the white space and stops it ends with."""
    end = len(clause)
    while end and (clause[end - 1] in _END_MARKS or clause[end - 1].isspace()):
        end -= 1
    return clause[:end]


def clause_before(
    text: str,
    start: int,
    end: int,
    m: re.Match[str] | None,
    tail_start: int,
    tag_start: int | None = None,
) -> tuple[int, int] | None:
    """(start, end) of the clause before a trailing tag (``CLAUSE, X said.``), or of the
    whole sentence around a tag in mid-sentence whose first part is no clause (``The deal,
    X said, would never pass``). ``m`` is the speaker, ``tail_start`` where the tag's verb
    (or source) ends; ``tag_start`` where the tag begins when it has no speaker before its
    verb (``according to X``)."""
    tag = tag_start if tag_start is not None else (m.start() if m is not None else start)
    before = text[start:tag].rstrip()
    if not before.endswith(","):
        # words before the speaker's name: "…, utility ESB Networks said", "…, South Korea's
        # military said", "…, Uzbekistan’s Ministry of Water Resources said"
        comma = before.rfind(",", max(0, len(before) - 40))
        words = before[comma + 1 :].split()
        if comma < 0 or len(words) > 3 or any(w.lower() in _NOT_IN_TAGS for w in words):
            return None
        before = before[: comma + 1]
    clause = before[:-1].rstrip()
    if any(q in clause for q in '“”"‘'):
        return None
    comma = clause.rfind(",")
    described = clause[comma + 1 :].split()
    if (
        comma > 0
        and 2 <= len(described) <= 5
        and described[0] in ("a", "an", "the")
        and all(w.islower() for w in described)
    ):
        clause = clause[:comma]  # "…, a police spokeswoman, Sgt. Dana Ruiz, said"
    tail = _TRAILING_TAIL.match(text, tail_start)
    if tail is None:
        return None
    if len(clause.split(None, 3)) >= 4:
        return start, start + len(clause)
    # a short first part ("The deal,"): the statement goes on after the tag
    if not tail.group().endswith(","):
        return None
    rest = text[tail.end() : end].split("“")[0].split('"')[0]
    rest = _without_end_marks(_statement_end(rest))
    words = rest.split()
    if len(words) < 3 or not words[0][:1].islower():
        return None
    return start, tail.end() + len(rest)


# words that open a clause of their own, never a speaker's description
_NOT_IN_TAGS = frozenset(
    ("and", "but", "or", "so", "yet", "while", "as", "because", "then", "which", "who", "that",
     "when", "after", "before", "if", "though", "although", "where", "since", "until")
)  # fmt: skip


def mostly_quoted(
    start: int, end: int, quote_ranges: Sequence[tuple[int, int]], quote_starts: Sequence[int]
) -> bool:
    """Whether at least half of ``text[start:end]`` is inside quotation marks: a partial
    quote (``said the plan was “a total disaster for working families.”``)."""
    quoted = 0
    i = max(bisect_right(quote_starts, start) - 1, 0)
    while i < len(quote_ranges) and quote_ranges[i][0] < end:
        s, e = quote_ranges[i]
        quoted += max(0, min(e, end) - max(s, start))
        i += 1
    return quoted * 2 >= end - start


# a break between two statements of one sentence, right before the second one's speaker
_BREAK = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+|\s+but\s+")


def split_before(text: str, content_start: int, cue_pos: int) -> tuple[int, int] | None:
    """Where a statement ends when another cue stands inside it after a break (``… deep
    cuts, and he predicted that …``): (end of the first statement, where the second one's
    speaker may begin), or None when the cue belongs to the statement."""
    window_start = max(content_start, cue_pos - 120)
    breaks = list(_BREAK.finditer(text, window_start, cue_pos))
    if not breaks:
        return None
    last = breaks[-1]
    between = text[last.end() : cue_pos]
    if len(between.split(None, 6)) > 6 or any(ch in between for ch in ',;“”"'):
        return None  # the speaker phrase is at most six words, with no mark inside
    trimmed = _without_end_marks(text[content_start : last.start()])
    if len(trimmed.split(None, 2)) < 3:
        return None
    return content_start + len(trimmed), last.end()
