"""Evidence that a capitalised name is a person: a title or role around it, a speech verb,
an age or a ``who`` clause, a kinship word, a line-up it is listed in; and evidence against
it (``the Sierra Nevada``, ``Harwood Lyle chief executive X``)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise

from ingest.language.lexicon import Lexicon
from ingest.people.names import initials, is_titled, plain
from ingest.people.roles import BYLINE_ROLES, is_role, may_follow_title, role_before, tidy_role
from ingest.people.scan import (
    BYLINE,
    FIRM_AFTER,
    FIRM_BEFORE,
    HONORIFIC_PRONOUN,
    KIN,
    KIN_PRONOUN,
    LOWER_WORD,
    OWNER_BEFORE,
    PLACE_WORD,
    ROLE_LINE,
    WHO_JOB,
    Patterns,
    apposition,
)


@dataclass(slots=True)
class Candidate:
    name: str
    tokens: list[str]
    start: int
    end: int
    evidence: bool
    titled: bool
    roles: list[str]
    subject: bool
    job: str | None
    blocked: bool  # the words before show it names a thing: "the Sierra Nevada"
    firm: bool  # used as a firm: "Harwood Lyle chief executive X", "shares of X"
    title: str | None  # the role written before the name: "Gov.", "Defending champion"
    kin: str | None  # "daughter" in "his daughter, Niamh Fairweather,"
    rank: str | None  # "Prof" in "Prof Alan Whitworth"


class CandidateReader:
    """What the text around each name says (mixed into :class:`~ingest.people.cast.Cast`)."""

    _lx: Lexicon
    _pt: Patterns
    _text: str
    _kin: set[int]
    pronouns: dict[str, str]
    verbs: list[re.Match[str]]
    _verb_starts: list[int]

    def _lone_name(self, word: str, start: int, end: int) -> bool:
        """Whether a one-word name may be a person known by one name: a rare word with a
        lower-case title before it or a role after it (``singer Dessa``, ``Marisol, a …
        student``)."""
        lx, text = self._lx, self._text
        low = word.lower()
        if low in lx.common_words or low in lx.organisation_words or not word[1:].islower():
            return False
        if plain(word) in lx.given_names:  # "Marisol, a 19-year-old nursing student"
            return text.startswith(", ", end) and apposition(self._pt, text, end) is not None
        before = text[max(0, start - 30) : start].split()
        return bool(before) and before[-1].islower() and before[-1] in lx.titles

    def _kinship(self, name: str, start: int) -> None:
        """Mark a one-word name introduced by a kinship word, and the pronoun it implies."""
        kin = KIN.search(self._text, max(0, start - 40), start)
        if kin is not None:
            self._kin.add(start)
            pronoun = KIN_PRONOUN.get(kin.group(1) or kin.group(2))
            if pronoun:
                self.pronouns[name] = pronoun

    def _candidate(
        self,
        name: str,
        tokens: list[str],
        start: int,
        end: int,
        prefix: list[str],
        strict: bool = False,
    ) -> Candidate:
        lx, pt, text = self._lx, self._pt, self._text
        titled = (bool(prefix) and is_titled(lx, prefix)) or start in self._kin
        if prefix and prefix[-1] in HONORIFIC_PRONOUN:  # "Mr Pettigrew", "Ms. Alvarez"
            self.pronouns.setdefault(name, HONORIFIC_PRONOUN[prefix[-1]])
        roles: list[str] = []
        head, head_words = "", []  # the 24 characters before a name with no prefix, its words
        if not prefix:
            head = text[max(0, start - 24) : start]
            head_words = head.split()
        role = (
            role_before(lx, text, start) if prefix or may_follow_title(head, head_words) else None
        )
        if role and ends_in_name(lx, role):
            role = None  # "Volunteers Gary Sutcliffe, Dean Ackroyd": a list, not a role
        title = tidy_role(role) if role else None
        if title:
            roles.append(title)
            titled = titled or len(tokens) > 1
        after = apposition(pt, text, end)
        if (
            after
            and is_role(self._lx, after.group("role"), after.start("role") > end + 2)
            and not names_only(lx, after.group("role"))
        ):
            roles.append(tidy_role(after.group("role").strip().rstrip(".,;: ")))
        elif text.startswith("\n", end) and BYLINE.search(text, max(0, start - 8), start):
            line = ROLE_LINE.match(text, end)  # "By Eleanor Whitby\nScience correspondent"
            if line and is_role(lx, line.group(1), True):
                roles.append(line.group(1))
        before = text[max(0, start - 40) : start]
        by = "by " in before or "By " in before
        # the byline pattern ends in "by" or "and" and spaces: look at the end before searching
        if (by or " and " in before) and before.rstrip()[-3:].lower().endswith(("by", "and")):
            wide = text[max(0, start - 90) : start]  # "Reporting by X in Y and Z"
            byline = pt.byline_role.search(wide)
            if byline:
                roles.append(BYLINE_ROLES[byline.group(1).lower()])
        i = bisect_right(self._verb_starts, end)
        verb = bool(
            (
                i < len(self._verb_starts)
                and self._verb_starts[i] - end < 150
                and pt.verb_after.match(text, end)
            )
            or (i and start - self.verbs[i - 1].end() < 30 and pt.verb_before.search(before))
        )
        evidence = titled or bool(roles) or verb or bool(pt.evidence_after.match(text, end))
        subject = verb or bool(pt.subject_after.match(text, end))
        if len(tokens) == 1 and tokens[0].lower() in lx.places:
            evidence = titled = False
        if strict:  # "Sarah House, senior economist …", not "Fund manager Halvard Ventures"
            apposed = len(roles) > (title is not None)
            evidence = verb or apposed or bool(pt.evidence_after.match(text, end))
        elif len(tokens) > 1 and (
            (
                plain(tokens[0]) in lx.given_names
                and (
                    tokens[-1].lower() not in lx.common_words
                    or plain(tokens[0]) in lx.common_given_names  # "Jane Doe", not "Air Watch"
                    or tokens[-1].lower() in lx.word_surnames  # "Taylor Swift"
                )
            )
            or initials(lx, tokens[0])
            or (by and BYLINE.search(before))
            or known_surname(lx, tokens)
        ):
            evidence = True  # "Marcus Webb", "J.P. Crawley", "By Sarah Whitcombe", "Tyrrell Boyd"
        elif (
            len(tokens) > 1
            and evidence
            and not (titled or roles or pt.evidence_after.match(text, end))
            and not any(_known_part(lx, t) for t in tokens)
        ):
            evidence = False  # only a speech verb, and no word a known name: "Bharti Airtel said"
        blocked = (
            self._blocked(prefix, head_words)
            or (not titled and name.lower() in lx.multiword_places)  # "Hong Kong said"
            or (not titled and text.startswith(", ", end) and self._place_follows(end + 2))
            or self._thing_follows(end)
        )
        if blocked:
            evidence = titled = False
            roles = []
        firm = not titled and bool(
            FIRM_AFTER.match(text, end) or FIRM_BEFORE.search(text, max(0, start - 16), start)
        )
        job = None
        if not roles and text.startswith(", who ", end):
            m = WHO_JOB.match(text, end)
            job = m.group(1).strip() if m else None  # "X, who teaches English at Y,"
        kin = None
        if start >= 2 and text[start - 2] == ",":  # "his daughter, Niamh Fairweather"
            kin = KIN.search(text, max(0, start - 40), start)
        relative = kin.group(1) if kin else None
        if kin is not None and relative:  # "The couple's son, X,": the role as written
            owner = OWNER_BEFORE.search(text, max(0, kin.start() - 30), kin.start())
            if owner is not None and owner.group(1).lower() not in _OWNER_PRONOUNS:
                relative = f"{owner.group(1)} {relative}"
        rank = (
            prefix[-1] if prefix and prefix[-1].lower().rstrip(".") in lx.rank_honorifics else None
        )
        return Candidate(
            name,
            tokens,
            start,
            end,
            evidence,
            titled,
            roles,
            subject,
            job,
            blocked,
            firm,
            title,
            relative,
            rank,
        )

    def _place_follows(self, pos: int) -> bool:
        """Whether a place name starts at ``pos``: "Jackson Hole, Wyoming" is a place too."""
        m = PLACE_WORD.match(self._text, pos)
        return m is not None and m.group().lower() in self._lx.places

    def _thing_follows(self, end: int) -> bool:
        """Whether a thing's noun follows the name: "Charles de Gaulle airport"."""
        m = LOWER_WORD.match(self._text, end)
        return m is not None and m.group(1) in self._lx.thing_nouns

    def _blocked(self, prefix: list[str], words: list[str]) -> bool:
        """Whether the words before a name show it names a thing, not a person:
        ``the Ministry for the Ecological Transition``, ``Storm Imogen``, ``the newspaper X``.
        ``words`` are those of the 24 characters before a name without a ``prefix``."""
        lx = self._lx
        if prefix:
            return prefix[-1].lower() in lx.name_blockers or prefix[-1] == "The"
        if not words:
            return False
        last = words[-1]
        if last in ("of", "for", "at", "the") or (
            last == "the" and len(words) > 1 and words[-2] in ("of", "for")
        ):
            return True
        low = last.lower()
        return low in lx.name_blockers or (
            last.islower()
            and (low in lx.organisation_words or low in lx.descriptions)
            and low not in lx.titles
        )


_OWNER_PRONOUNS = frozenset(("his", "her", "their", "its", "our", "my", "your"))


def _known_part(lx: Lexicon, token: str) -> bool:
    return any(
        plain(p) in lx.given_names or plain(p) in lx.surnames or p.lower() in lx.word_surnames
        for p in token.split("-")
    )


def known_surname(lx: Lexicon, tokens: list[str]) -> bool:
    """A name ending in a known surname after a first word that is no common word:
    ``Tyrrell Hatton-Boyd``, not ``Camp David`` or ``Dow Jones``-like firms (kept as data)."""
    first = tokens[0]
    if first.lower() in lx.common_words or first.isupper() or len(first) < 3:
        return False
    return any(plain(part) in lx.surnames for part in tokens[-1].split("-"))


def ends_in_name(lx: Lexicon, phrase: str) -> bool:
    """Whether a phrase ends in a person's name: a first name and a capitalised word."""
    words = phrase.split()
    return (
        len(words) >= 2
        and plain(words[-2]) in lx.given_names
        and words[-1][:1].isupper()
        and words[-1].lower() not in lx.titles
        and words[-1].lower() not in lx.organisation_words
        and not words[-1].isupper()
    )


def names_only(lx: Lexicon, phrase: str) -> bool:
    """Whether an apposition is another name, not a role: ``X, Dean Ackroyd, Y and Z``."""
    words = phrase.split()
    return (
        bool(words)
        and all(
            w[:1].isupper()
            and (w.lower() not in lx.titles or plain(w) in lx.common_given_names)  # Dean X
            and w.lower() not in lx.organisation_words
            for w in words
        )
        and plain(words[0]) in lx.given_names
    )


def listed(text: str, candidates: list[Candidate], firms: set[str]) -> None:
    """Give evidence to names listed with a person: ``X, Y and Z`` where one of them has it
    (cabinet line-ups, leaderboards, team sheets)."""
    ordered = sorted((c for c in candidates if len(c.tokens) > 1), key=lambda c: c.start)
    changed = True
    while changed:
        changed = False
        for a, b in pairwise(ordered):
            if a.evidence == b.evidence or not LIST_GLUE.fullmatch(text, a.end, b.start):
                continue
            other = b if a.evidence else a
            if not other.blocked and " ".join(other.tokens) not in firms:
                other.evidence = changed = True
    carried = None  # "Trustees Marcus Bell and Priyanka Raman": both are trustees
    for a, b in pairwise(ordered):
        if not LIST_GLUE.fullmatch(text, a.end, b.start):
            carried = None
            continue
        if a.title and a.title.split()[-1][:1].isupper() and a.title.endswith("s"):
            carried = a.title
        if carried and b.title is None:
            b.roles.append(carried)


# "X, Y", "X and Y", "Ghana's X and Senegal's Y"
LIST_GLUE = re.compile(r"(?:, |,? and )(?:[A-Z][a-z]+[’']s |)")
