"""Compiled patterns for speech cues around a quote: ``X said:``, ``,” said X``, ``— X``,
``According to X:``. The words come from the lexicon; this module only arranges them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ingest.language.lexicon import Lexicon, lexicon, trie_pattern
from ingest.people.names import name_run_pattern
from ingest.text.scans import literal_scans

PRONOUNS = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I)"


@dataclass(frozen=True, slots=True)
class Cues:
    trailing_verb_first: re.Pattern[str]  # ,” said X
    trailing_dash: re.Pattern[str]  # ” — X
    trailing_according: re.Pattern[str]  # ,” according to X
    intro_tail: re.Pattern[str]  # what may stand between ``said`` and an opening mark
    verb: re.Pattern[str]  # any speech verb
    named_end: re.Pattern[str]  # a name or organisation ending where the search ends
    owner_end: re.Pattern[str]  # a firm named with a possessive: "Halvorsen's", "Sainsbury's"
    nominal_end: re.Pattern[str]
    pronoun_end: re.Pattern[str]
    intro_according: re.Pattern[str]  # According to X: “
    sentence_break: re.Pattern[str]  # see ``sentence_breaks``
    speaker_only: re.Pattern[str]
    subject: re.Pattern[str]  # the speaker opening a sentence: "Kavanagh called … and said"
    verbs: frozenset[str]


@cache
def cues() -> Cues:
    lx = lexicon()
    verbs = lx.verb_pattern
    run = name_run_pattern()
    descriptions = trie_pattern(lx.descriptions | lx.titles | lx.person_nouns)
    named = rf"(?:[Tt]he\s+)?{run}(?:\s+(?:of|for|on|and)\s+(?:the\s+)?{run})*"
    nominal = (
        rf"(?:(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Ss]everal"
        rf"|[Ss]ome|[Mm]any|[Tt]wo|[Tt]hree|[A-Z][\w\-]*[’']s)\s+)"  # "Israel's military"
        rf"(?:[\w\-’']+\s+){{0,3}}?(?:{descriptions})s?\b"
        r"|(?:[A-Z][\w\-]*\s+){0,3}"  # "Maple Heights police"
        r"(?:[Pp]olice|[Oo]fficials|[Aa]uthorities|[Pp]rosecutors|[Ii]nvestigators)\b"
        r"|[Tt]he\s+\d{1,3}-year-old\b"
    )
    speaker = rf"(?<![\w’'])(?:(?P<pron>{PRONOUNS})\b|(?P<nom>{nominal})|(?P<named>{named}))"
    speaker2 = speaker.replace("?P<pron>", "?P<pron2>").replace("?P<nom>", "?P<nom2>")
    speaker2 = speaker2.replace("?P<named>", "?P<named2>")
    return Cues(
        trailing_verb_first=re.compile(
            rf"[ \t]*[,;]?[ \t]*(?P<verb>{verbs})\s+(?:[a-z][\w\-’']*\s+){{0,3}}?{speaker}"
        ),
        trailing_dash=re.compile(rf"\s*(?:—|–|--?)[ \t]*{speaker}"),  # "”\n— Jane Doe, 45"
        trailing_according=re.compile(rf"[ \t]*,?[ \t]*(?P<verb>according to)\s+{speaker}"),
        intro_tail=re.compile(r"(?P<tail>[^:“”\"‘«\n.]{0,80}?)\s*(?P<punct>[:,]?)\s*$"),
        verb=re.compile(rf"\b(?:{verbs})\b"),
        named_end=re.compile(rf"(?<![\w’'])(?P<named>{named})$"),
        owner_end=re.compile(rf"(?<![\w’'])(?P<named>{run}[’']s)$"),
        nominal_end=re.compile(rf"(?<![\w’'])(?P<nom>{nominal})$"),
        pronoun_end=re.compile(rf"(?<![\w’'])(?P<pron>{PRONOUNS})$"),
        intro_according=re.compile(
            r"(?P<verb>[Aa]ccording to)\s+(?P<rest>[^:“”\"\n]{1,220}?)\s*[:,]\s*$"
        ),
        sentence_break=re.compile(rf"[.!?]{_BREAK_TAIL}"),
        speaker_only=re.compile(rf"{speaker2}"),
        subject=re.compile(rf"{speaker}(?=(?:,[^,;:“”\"]{{1,80}},)?\s+[a-z])"),
        verbs=lx.speech_verbs,
    )


# after a stop: closing marks, white space, and a sentence's first character
_BREAK_TAIL = r"(?:''|[\"”’'»“])?\s+(?=[\"“‘'„«‚`A-Z0-9])"
# ``sentence_break`` for each stop alone: a pattern that opens with one character is scanned
# for many times faster than one opening with a class
_STOP_BREAKS = tuple((stop, re.compile(re.escape(stop) + _BREAK_TAIL)) for stop in ".!?")


def sentence_breaks(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The matches of ``cues().sentence_break`` in ``text[start:end]``, in text order."""
    return literal_scans(text, start, end, _STOP_BREAKS)


_UNNAMED_END = re.compile(
    r"(?<![\w’'])(?P<nom>(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[a-z][\w\-’']*\s+){0,2}"
    r"[a-z]+)$"
)
_KIN_END = re.compile(
    r"\b(?:husband|wife|son|daughter|sister|brother|mother|father|partner|niece|nephew"
    r"|grandson|granddaughter|boyfriend|girlfriend)$"
)
_CLAUSE_BREAK = re.compile(r"[;:]|\.\s+[A-Z]")  # not the stop of "D-Minn., called"
_PARTY_TAG = re.compile(r"[RDI]-[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?")
_ADVERBS = frozenset(
    ("later", "also", "then", "earlier", "again", "once", "previously", "today", "has", "have",
     "had")
)  # fmt: skip
_BARE_SPEAKERS = frozenset(("police", "officials", "authorities", "prosecutors", "investigators"))


def speaker_before(
    text: str, lo: int, verb_start: int, unnamed: bool = False
) -> re.Match[str] | None:
    """The speaker phrase that ends right before the speech verb at ``verb_start``
    (``X said``, ``X, 45, said``, ``X, a spokeswoman for Y, said``, ``he said``).

    A cheap look at the last word first: most verbs have no speaker phrase before them
    (``has said``), and the patterns are only tried where one can end.
    """
    # the last word before the verb (skipping one adverb: ``later said``) and where it ends
    window_start = max(lo, verb_start - 40)
    window = text[window_start:verb_start].rstrip()
    end = window_start + len(window)
    if end == verb_start or not window:
        return None  # no white space before the verb, or no word in the window
    words = window.rsplit(None, 2)  # the last two words are enough
    word = words[-1]
    if len(words) > 1 and (word in _ADVERBS or word.endswith("ly")):
        word = words[-2]
        end = text.rindex(word, window_start, verb_start) + len(word)
    kind = _word_kind(word)
    if kind == _APPOSITION:
        return _speaker_before_apposition(text, lo, word, end)
    c = cues()
    if kind & _WHO:
        if text.endswith(", who", lo, end):  # "his daughter, X, who said …"
            return c.named_end.search(text, max(lo, end - 135), end - 5)
        kind &= ~_WHO
    if kind == _PRONOUN:
        return c.pronoun_end.search(text, max(lo, end - 8), end)
    if kind == _NAMED:
        found = c.named_end.search(text, max(lo, end - 130), end)
        if found is None and word.endswith(("'s", "’s")):
            found = c.owner_end.search(text, max(lo, end - 60), end)  # "Sainsbury's said"
        return found
    if kind == _DESCRIBED:  # "the 62-year-old said", "the spokesman said"
        start = _words_back(text, max(lo, end - 70), end, 6)
        return c.nominal_end.search(text, max(start, text.rfind(",", start, end) + 1), end)
    if unnamed and kind == _LOWER:
        # a quote's cue with a noun no list knows: "One senior backbencher said: ‘…’"
        return _UNNAMED_END.search(text, _words_back(text, max(lo, end - 50), end, 4), end)
    return None


def _speaker_before_apposition(text: str, lo: int, word: str, end: int) -> re.Match[str] | None:
    """The speaker before an apposition or a parenthesis that ends right before the verb
    (``X, 45, said``, ``X, a spokeswoman for Y, said``, ``X (R-Ohio) said``)."""
    c = cues()
    opener = "," if word[-1] == "," else "("
    cut = text.rfind(opener, max(lo, end - 150), end - 1)
    if cut < 0:
        return None
    if opener == ",":
        # a name that fills the apposition, from one of its first two characters (the
        # search's first match if that starts there); no name starts with white space
        inner = None
        for start in (cut + 1, cut + 2):
            if not text[start : start + 1].isspace():
                inner = c.named_end.match(text, start, end - 1)
                if inner is not None:
                    break
        if inner is not None and (
            " " in inner.group().strip() or _KIN_END.search(text, max(lo, cut - 20), cut)
        ):
            return inner  # "the agency's director, Jane Doe, said", "her daughter, Anjali,"
    for _ in range(3):  # "X, 29, from Croydon, said": appositions in a row
        found = _speaker_ending(c, text, lo, cut)
        if found is not None and _PARTY_TAG.fullmatch(found.group()):
            found = None  # "Rep. Jim Jordan, R-Ohio, chairman of …, said"
        if found is not None or opener != ",":
            return found
        cut = text.rfind(",", max(lo, cut - 60), cut)
        if cut < 0:
            return None
    return None


# What the word before a speech verb says of the speaker phrase that may end with it
# (``_word_kind``); ``_WHO`` is a flag on top of the kind the word has otherwise.
_OTHER, _APPOSITION, _PRONOUN, _NAMED, _DESCRIBED, _LOWER, _WHO = 0, 1, 2, 3, 4, 5, 8


@lru_cache(maxsize=8192)
def _word_kind(word: str) -> int:
    """``_APPOSITION`` for ``…,`` or ``…)``, ``_PRONOUN``, ``_NAMED`` (a capital or a digit:
    ``Smith``), ``_DESCRIBED`` (``62-year-old``, ``police``, ``spokesman``), ``_LOWER`` (another
    lower-case word), ``_OTHER``; with ``_WHO`` added for ``who``."""
    if word[-1] == "," or word[-1] == ")":
        return _APPOSITION
    lx = lexicon()
    low = word.lower()
    who = _WHO if low == "who" else 0
    if low in lx.pronouns:
        return who | _PRONOUN
    if low.endswith("-year-old"):
        return who | _DESCRIBED
    if word[0].isupper() or word[0].isdigit():
        return who | _NAMED
    if low in _BARE_SPEAKERS or _description(lx, low):
        return who | _DESCRIBED
    if word.isalpha() and word.islower():
        return who | _LOWER
    return who | _OTHER


def subject_of(text: str, start: int, verb_start: int) -> re.Match[str] | None:
    """The subject of a sentence whose speech verb follows another verb phrase: ``Kavanagh
    called the vote “a surrender” and said …``, ``X voted for the bill but said …``."""
    if not text.endswith((" and ", " but "), start, verb_start):
        return None
    m = cues().subject.match(text, start)
    if m is None or m.end() > verb_start:
        return None
    between = text[m.end() : verb_start]
    if _CLAUSE_BREAK.search(between) or "said" in between or len(between) > 160:
        return None  # another clause, or another speech verb took the subject already
    return m


def _words_back(text: str, lo: int, end: int, count: int) -> int:
    """Where the last ``count`` words before ``end`` begin (at least ``lo``)."""
    pos = end
    for _ in range(count):
        if pos - 1 <= lo:
            return lo
        pos = text.rfind(" ", lo, pos - 1)
        if pos < 0:
            return lo
    return pos + 1


def _speaker_ending(c: Cues, text: str, lo: int, end: int) -> re.Match[str] | None:
    while end > lo and text[end - 1].isspace():
        end -= 1
    start = max(lo, end - 130)
    comma = text.rfind(",", start, end)  # no speaker phrase runs over a comma
    return (
        # a pronoun ends in one of these (and at ``end``: it is no white space)
        (
            c.pronoun_end.search(text, max(lo, end - 8), end)
            if text[end - 1 : end] in "eytI"
            else None
        )
        or c.named_end.search(text, start if comma < 0 else comma + 1, end)
        or c.nominal_end.search(
            text, max(_words_back(text, max(lo, end - 70), end, 6), comma + 1), end
        )
        or (c.owner_end.search(text, start, end) if text.endswith(("'s", "’s"), 0, end) else None)
    )


def _description(lx: Lexicon, low: str) -> bool:
    return (
        low in lx.descriptions
        or low in lx.titles
        or low in lx.person_nouns
        or low.rstrip("s") in lx.descriptions
        or low.rstrip("s") in lx.titles
    )
