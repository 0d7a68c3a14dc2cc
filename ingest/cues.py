"""Compiled patterns for speech cues around a quote: ``X said:``, ``,” said X``, ``— X``,
``According to X:``. The words come from the lexicon; this module only arranges them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.lexicon import lexicon
from ingest.people import name_run_pattern

PRONOUNS = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I)"
_APPOSITION = r"(?:\s*,\s*\d{1,3}\s*,|\s*,[^,;“”\"\n]{1,140}?,|\s+\([^()\n]{1,60}\))?"
_ADVERB = r"(?:\s+(?:also|later|then|once|previously|earlier|[a-z]+ly))?"


@dataclass(frozen=True, slots=True)
class Cues:
    trailing_verb_first: re.Pattern[str]  # ,” said X
    trailing_speaker_first: re.Pattern[str]  # ,” X said
    trailing_dash: re.Pattern[str]  # ” — X
    trailing_according: re.Pattern[str]  # ,” according to X
    intro: re.Pattern[str]  # X said: “
    intro_according: re.Pattern[str]  # According to X: “
    intro_bare_verb: re.Pattern[str]  # … said: “ / … said, “
    sentence_break: re.Pattern[str]
    reported_verb: re.Pattern[str]
    speaker_only: re.Pattern[str]
    verbs: frozenset[str]


@cache
def cues() -> Cues:
    lx = lexicon()
    verbs = lx.verb_pattern
    run = name_run_pattern()
    descriptions = "|".join(
        re.escape(w).replace(r"\ ", r"\s+")
        for w in sorted(lx.descriptions | lx.titles, key=len, reverse=True)
    )
    named = rf"(?:[Tt]he\s+)?{run}(?:\s+(?:of|for|on)\s+(?:the\s+)?{run})*"
    nominal = (
        rf"(?:(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+)"
        rf"(?:[\w\-’']+\s+){{0,3}}?(?:{descriptions})s?\b"
        r"|(?:[Pp]olice|[Oo]fficials|[Aa]uthorities|[Pp]rosecutors|[Ii]nvestigators)\b"
    )
    speaker = rf"(?:(?P<pron>{PRONOUNS})\b|(?P<nom>{nominal})|(?P<named>{named}))"
    speaker2 = speaker.replace("?P<pron>", "?P<pron2>").replace("?P<nom>", "?P<nom2>")
    speaker2 = speaker2.replace("?P<named>", "?P<named2>")
    return Cues(
        trailing_verb_first=re.compile(rf"[ \t]*[,;]?[ \t]*(?P<verb>{verbs})\s+{speaker}"),
        trailing_speaker_first=re.compile(
            rf"[ \t]*[,;]?[ \t]*{speaker}{_APPOSITION}{_ADVERB}\s+(?P<verb>{verbs})\b"
        ),
        trailing_dash=re.compile(rf"[ \t]*(?:—|–|--?)[ \t]*{speaker}"),
        trailing_according=re.compile(rf"[ \t]*,?[ \t]*(?P<verb>according to)\s+{speaker}"),
        intro=re.compile(
            rf"{speaker}{_APPOSITION}{_ADVERB}\s+(?P<verb>{verbs})\b"
            r"(?P<tail>[^:“”\"‘«\n.]{0,80}?)\s*(?P<punct>[:,]?)\s*$"
        ),
        intro_according=re.compile(
            r"(?P<verb>[Aa]ccording to)\s+(?P<rest>[^:“”\"\n]{1,220}?)\s*[:,]\s*$"
        ),
        intro_bare_verb=re.compile(rf"\b(?P<verb>{verbs})\s*[:,]?\s*$"),
        sentence_break=re.compile(r"[.!?][\"”’']?\s+(?=[\"“‘'A-Z0-9])"),
        reported_verb=re.compile(rf"{speaker}{_APPOSITION}{_ADVERB}\s+(?P<verb>{verbs})\b"),
        speaker_only=re.compile(rf"{speaker2}"),
        verbs=lx.speech_verbs,
    )
