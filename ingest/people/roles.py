"""Roles and titles of people: ``Chairman of the Constitutional Court`` before a name,
``, the executive director of X,`` after it, wire bylines (``Reporting by X``)."""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.language.lexicon import Lexicon, lexicon
from ingest.people.names import POSS, abbreviation, name_token

BYLINE_ROLES = {"reporting": "Reporter", "editing": "Editor", "writing": "Writer"}
_WALK_STOP = frozenset(",;:’'\"”)")
_WALK_BREAK = re.compile(r"[()“”\"‘]")
_AFTER_APPOSED = re.compile(r"[\w\s.’'\-]*?(?:[,:;]|\s+(?:said|says|told|added))")
_ROLE_DETERMINERS = frozenset(("the", "a", "an", "his", "her", "their", "its", "our"))
_ORG_POSSESSIVE = re.compile(r"((?:[A-Z][\w&.\-]*\s+)*[A-Z][\w&.\-]*)[’']s\s")
_ROLE_WORD = re.compile(r"[\w\-]+")
_ORG_TAIL = re.compile(r"\b(?:of|for|at|with)\s+(?:the\s+)?([A-Z][\w&’'\-. ]+)$")


def strip_honorifics(lx: Lexicon, phrase: str) -> str:
    words = phrase.split()
    while len(words) > 1 and words[-1].lower().rstrip(".") in lx.honorifics:
        words.pop()
    return " ".join(words)


# optional parts as (?:part|): the same matches without setting up a repeat (see names._optional)
_ROLE_LEAD = re.compile(r"(?:(?:[Aa]nother|[Oo]ne|[Tt]he|[Aa]n?)\s+|)(?:[a-z]++[’']s\s+|)(?=\S)")


def tidy_role(role: str) -> str:
    """A role without a leading determiner or a stand-in owner: ``Another analyst`` →
    ``analyst``, ``agency’s director general`` → ``director general`` (the agency is named
    elsewhere; ``city council's cabinet member`` keeps its owner)."""
    role = _strip_stop(role)
    words = role.split()
    if (
        len(words) > 2
        and words[-2] in ("for", "to")
        and words[-1].lower().rstrip(".") in lexicon().titles
    ):
        return words[-1]  # "spokesperson for Sen. X": X is the senator, not the spokesperson
    m = _ROLE_LEAD.match(role)
    if m is None or not m.group():
        return role
    rest = role[m.end() :]
    return rest if rest.split()[0].lower() != "of" else role


def _strip_stop(role: str) -> str:
    """A role without the stop that ends its sentence: ``lead author.`` → ``lead author``
    (``Sen.`` and ``Jr.`` keep theirs)."""
    role = role.rstrip(",;: ")
    if role.endswith(".") and not abbreviation(lexicon(), role.rsplit(None, 1)[-1][:-1].lower()):
        return role.rstrip(". ")
    return role


def organisation_of(role: str | None) -> str | None:
    """The organisation a role names: ``Acme's executive director``, ``director of Acme``."""
    if not role:
        return None
    m = _ORG_POSSESSIVE.match(role) or _ORG_TAIL.search(role)
    return m.group(1).strip() if m else None


def may_follow_title(head: str, words: list[str]) -> bool:
    """Cheap test before the costly title walk: a comma or a lower-case title word before.
    ``head`` is the text just before the name (24 characters), ``words`` its words."""
    if head.endswith(", "):
        return True
    return bool(words) and _walk_kind(words[-1], False) == _TITLE


def is_role(lx: Lexicon, phrase: str, determined: bool = False) -> bool:
    """Whether an apposition reads as a role (``the executive director of X``, ``a former
    schoolteacher``); ``determined`` when an article came before it."""
    words = _ROLE_WORD.findall(phrase.lower())
    if not words or len(words) > 14 or "\n" in phrase or words[0] in lx.pronouns:
        return False
    titles = lx.titles
    if words[0] in lx.role_openers and words[0] not in _ROLE_DETERMINERS:
        return False  # "…, while Prosecutor X listened"
    if not (
        determined
        or phrase[:1].isupper()
        or words[0] in titles
        or (len(words) > 1 and words[1] in titles)
        or words[0] in ("his", "her", "their", "its", "former", "senior", "chief")
    ):
        return False  # "…, has gone to a debut writer", "…, who owns …"
    head = words[:6]
    if titles.isdisjoint(head) and not any(_profession(w) for w in head):
        return False  # no title or profession among the first six words
    return lx.speech_verbs.isdisjoint(words)


def _profession(word: str) -> bool:
    """A job named by its ending: ``toxicologist``, ``paediatrician``, ``columnist``."""
    return word.endswith(("ologist", "ician", "iatrist", "ographer")) or (
        len(word) >= 8 and word.endswith("ist")
    )


_STOP, _AND, _TITLE, _PART, _CONNECTOR, _MODIFIER = range(6)


@lru_cache(maxsize=32768)
def _walk_kind(word: str, inner: bool) -> int:
    """What a word does in a backward walk over a title (cached: words repeat a lot)."""
    lx = lexicon()
    if inner and (word[-1] in _WALK_STOP or _WALK_BREAK.search(word)):
        return _STOP  # a comma, a bracket or a quotation mark ends the title
    low = word.lower().rstrip(".")
    if word.endswith(".") and inner and not abbreviation(lx, low):
        return _STOP  # the end of the previous sentence
    if low == "and":
        return _AND
    if (
        low in lx.titles
        or ("-" in low and any(p in lx.titles for p in low.split("-")))
        or (word[:1].isupper() and low.endswith("s") and low[:-1] in lx.titles)
    ):
        return _TITLE  # also "editor-turned-novelist", "editor-in-chief"
    if word[:1].isupper() or word.endswith(POSS):
        return _PART
    if low in lx.connectors:
        return _CONNECTOR
    if low in lx.role_modifiers:
        return _MODIFIER
    return _STOP


def role_before(lx: Lexicon, text: str, start: int) -> str | None:
    """A title phrase ending right before ``start`` (``Chairman of the Court Elvira``), or a
    described role set off by a comma (``The city council's cabinet member for housing, X,``)."""
    walked = _walk_before(lx, text, start)
    if walked is not None:
        return walked
    pos = start
    while True:  # step back over honorifics: "…, Cllr Rachel Adeyinka"
        head = text[max(0, pos - 8) : pos].rstrip()
        word = head.rsplit(None, 1)[-1] if head.split() else ""
        if word.lower().rstrip(".") not in lx.honorifics:
            break
        pos = text.rfind(word, 0, pos)
    comma = len(text[:pos].rstrip()) - 1
    if comma > 0 and text[comma] == ",":
        return _clause_role(lx, text, comma)
    return None


def _clause_role(lx: Lexicon, text: str, comma: int) -> str | None:
    """The noun phrase that opens a clause and ends at ``comma``, when it names a role."""
    lo = max(0, comma - 110)
    cut = max(text.rfind(c, lo, comma) for c in '.,;:\n(“”"')
    if cut < 0 and lo > 0:
        return None
    if cut >= 0 and text[cut] in '“”"':
        return None
    if cut >= 0 and text[cut] == "." and not text[cut + 1 : cut + 2].isspace():
        return None
    words = text[cut + 1 : comma].split()
    if len(words) > 2 and words[0].lower() == "according" and words[1] == "to":
        words = words[2:]  # "According to the Chairman of the Board of X, Name:"
    if not words or words[0].lower() not in _ROLE_DETERMINERS or len(words) > 12:
        return None
    words = words[1:]
    low = [w.lower().strip(",") for w in words]
    if any(w in lx.speech_verbs for w in low) or "," in " ".join(words):
        return None
    if not any(w.removesuffix("’s").removesuffix("'s") in lx.titles for w in low[:6]):
        return None
    return " ".join(words)


def _walk_before(lx: Lexicon, text: str, start: int) -> str | None:
    lo = max(0, start - 110)
    line = text.rfind("\n", lo, start)  # a title never runs over a line break
    words = text[max(lo, line + 1) : start].split()
    if len(words) > 1 and start > 110 and line < 0:
        words = words[1:]  # the window may cut the first word
    if not words:
        return None
    i = len(words) - 1
    while i > 0 and words[i].lower().rstrip(".") in lx.honorifics:
        i -= 1  # "chief economist, Dr Samuel Achterberg"
    if words[i].endswith(".") and not abbreviation(lx, words[i].lower().rstrip(".")):
        return None  # the end of the sentence before: "… a dairy farmer. Brandvold said"
    if words[i].endswith(","):
        # "the Executive Director of X, Name": the name must be followed by , : or a verb
        if not _AFTER_APPOSED.match(text, start, start + 80):
            return None
        words[i] = words[i][:-1]
    if not words[i] or words[i].lower() in lx.connectors:
        return None  # "analyst at Peel Hunt": the name is not the role holder
    stop = i + 1
    first = stop
    has_title = False
    while i >= 0:
        kind = _walk_kind(words[i], i < stop - 1)
        if kind == _STOP:
            break
        if kind == _AND:
            if i > 0 and name_token(lx, words[i - 1]):
                break  # "Azimova and First Deputy Minister …"
        elif kind == _TITLE:
            has_title = True
            first = i
        elif kind == _PART:
            first = i
        elif kind == _MODIFIER:
            if i + 1 < stop:
                first = i  # a modifier: "finance director"
            else:
                break
        i -= 1
        if stop - i > 16:
            break
    if not has_title or first >= stop:
        return None
    while first < stop and words[first].lower() in lx.role_openers:
        first += 1
    while stop > first and words[stop - 1].lower() in lx.connectors:
        stop -= 1
    if first >= stop:
        return None
    phrase = words[first:stop]
    if not any(_walk_kind(w, False) == _TITLE for w in phrase):
        return None
    if all(w.lower().rstrip(".") in lx.honorifics for w in phrase):
        return None
    return strip_honorifics(lx, " ".join(phrase))
