"""Reading the speech cue right after a quote (``,” X said``, ``,” said X``, ``” — X``) or
right before it in its sentence (``X said: “``, ``According to X: “``).

A mixin of the ``Attributor``, which provides the text, the cast, the speech verbs found in
the body and the speaker resolution (``_speaker``, ``_description``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.attribution.cues import speaker_before
from ingest.attribution.quotemarks import QuoteSpan

if TYPE_CHECKING:
    from ingest.attribution.cues import Cues
    from ingest.language.lexicon import Lexicon
    from ingest.people.cast import Cast


@dataclass(slots=True)  # built often: a plain class is cheaper than a frozen one
class Said:
    speaker: str | None
    cue: str | None
    how: str  # trailing | intro | floating | layout


class CueReading:
    """Cue reading for the ``Attributor`` (which provides these members)."""

    text: str
    lx: Lexicon
    cast: Cast
    cues: Cues
    _verbs: list[re.Match[str]]
    _verb_starts: list[int]

    if TYPE_CHECKING:  # provided by the Attributor's other parts

        def _speaker(self, m: re.Match[str], pos: int, suffix: str = "") -> str | None: ...

        def _description(self, phrase: str, pos: int) -> str | None: ...

    def _trailing(self, after: str, content: str, q: QuoteSpan) -> Said | None:
        if not after or after.isspace():
            return None  # every cue has a word
        c = self.cues
        full_stop = content.rstrip().endswith(".")
        patterns = [c.trailing_verb_first]  # with the others only where they can match
        if "according to" in after:
            patterns.append(c.trailing_according)
        if after.lstrip()[:1] in "—–-":
            patterns.append(c.trailing_dash)
        for pattern in patterns:
            m = pattern.match(after)
            if m is None:
                continue
            if full_stop and pattern is not c.trailing_dash and not _cue_ends(after, m.end()):
                continue
            verb = m.groupdict().get("verb") or "—"
            if after[m.end() : m.end() + 1] in ("’", "'", ","):  # "’s lawyer, X" / ", X"
                named = self._appositive(after, m.end(), self._described_speaker(m))
                if named is not None:
                    return Said(named, verb, "trailing")
            return Said(self._speaker(m, q.close + m.start()), verb, "trailing")
        found = self._verb_after(after, q.close)
        if found is None:
            return None
        v_start, v_end, verb = found
        if not _ROLE_WORDS.fullmatch(after, 0, v_start):
            return None
        m = speaker_before(after, 0, v_start, unnamed=True)
        if m is None:
            return None
        # ",” a spokesperson for Sen. X said": X speaks through the spokesperson; but
        # ",” a lawyer for X said": someone unnamed who is not X
        prefix = after[: m.start()]
        if not self._role_prefix(prefix) and _SPEAKS_FOR.search(prefix) is None:
            agent = _AGENT_FOR.search(prefix)
            if agent is None or agent.group(2).lower() not in self.lx.titles:
                return None
            phrase = agent.group(1)
            return Said(self._description(phrase, q.close + agent.start()), verb, "trailing")
        if full_stop and not _cue_ends(after, v_end):
            return None
        return Said(self._speaker(m, q.close + m.start()), verb, "trailing")

    def _verb_after(self, after: str, close: int) -> tuple[int, int, str] | None:
        """The first speech verb in the first 160 characters of ``after`` (the text from
        ``close``, just after a closing mark, to an opening mark or the paragraph's end) as
        (start, end, verb) in ``after``: what ``cues.verb`` finds searching those characters.

        That is the first verb of ``cast.verbs`` from ``close`` on, unless a word character
        stands before ``close`` or a verb runs past the 160th character (the search is then
        run, as a word cut there may read as a verb)."""
        starts = self._verb_starts
        limit = close + min(len(after), 160)
        if not (close and _WORD_CHAR.match(self.text, close - 1)):
            i = bisect_left(starts, close)
            if i < len(starts) and starts[i] < limit:
                v = self._verbs[i]
                if v.end() <= limit:
                    return v.start() - close, v.end() - close, v.group()
            elif len(after) <= 160:
                return None
        found = self.cues.verb.search(after, 0, 160)
        return None if found is None else (found.start(), found.end(), found.group())

    def _verb_before(self, before: str, base: int) -> tuple[int, int, str] | None:
        """The last speech verb in ``before`` (the text from ``base`` to an opening mark) as
        (start, end, verb) in ``before``: what ``cues.verb`` finds last in it.

        That is the last verb of ``cast.verbs`` before the mark, if it starts at ``base`` or
        after and no word character stands before ``base`` (then the search is run)."""
        if base and _WORD_CHAR.match(self.text, base - 1):
            verbs = list(self.cues.verb.finditer(before))
            if not verbs:
                return None
            return verbs[-1].start(), verbs[-1].end(), verbs[-1].group()
        i = bisect_left(self._verb_starts, base + len(before)) - 1
        if i < 0 or self._verb_starts[i] < base:
            return None
        v = self._verbs[i]  # it ends before the mark: no verb runs over a quotation mark
        return v.start() - base, v.end() - base, v.group()

    def _described_speaker(self, m: re.Match[str]) -> bool:
        """Whether a cue's speaker is a description rather than a person: ``the home
        secretary``, ``the Labour MP for Bristol West`` (a name may follow in apposition)."""
        groups = m.groupdict()
        if groups.get("nom"):
            return True
        named = groups.get("named")
        if not named:
            return False
        found = self.cast.resolve(named)
        return found is None or found[0] not in self.cast.people

    def _appositive(self, after: str, end: int, described: bool) -> str | None:
        """The person named after a described speaker: ``said Smith’s lawyer, John Doe``,
        ``said the agency’s director, Jane Doe``."""
        m = _APPOSITIVE_NAME.match(after, end)
        if m is None and described:
            m = _DESCRIBED_NAME.match(after, end)  # "said Smith’s lawyer, John Doe"
        if m is None:
            return None
        found = self.cast.resolve(m.group("name"))
        if found is None or not found[1]:
            return None  # not named like a person
        return found[0]

    def _role_prefix(self, words: str) -> bool:
        """Whether the words between a closing mark and the speaker can only describe the
        speaker (``,” Met Office chief meteorologist X said``, not ``” won an award, X said``)."""
        lx = self.lx
        words = words.strip().lstrip(",;").strip()
        if not words:
            return True
        parts = words.rstrip(",").split()
        last = parts[-1].lower().rstrip(".")
        return (
            len(parts) <= 7
            and (
                last in lx.titles
                or last in lx.role_modifiers  # "former President X said"
                or parts[-1][:1].isupper()
                or last.endswith(("’s", "'s"))
            )
        )

    def _intro(self, before: str, q: QuoteSpan) -> Said | None:
        if not before:
            return None
        c = self.cues
        m = c.intro_according.search(before) if "ccording to" in before else None
        if m is not None:
            rest_start = q.open - len(before) + m.start("rest")
            rest_end = q.open - len(before) + m.end("rest")
            speaker = self._last_named(rest_start, rest_end, m.group("rest"))
            return Said(speaker, "according to", "intro")
        base = q.open - len(before)
        found = self._verb_before(before, base)
        if found is None:
            return None
        v_start, v_end, verb = found
        if not c.intro_tail.match(before, v_end):
            return None
        m = speaker_before(before, 0, v_start, unnamed=True)
        if m is None:
            return None
        agent = _AGENT_FOR_ANY.search(before, 0, m.start())
        noun = agent.group(2).lower() if agent is not None else ""
        if noun in self.lx.titles and not noun.startswith("spokes"):
            phrase = agent.group(1)  # "A lawyer for X said:"
            return Said(self._description(phrase, base + agent.start()), verb, "intro")
        return Said(self._speaker(m, base + m.start()), verb, "intro")

    def _last_named(self, start: int, end: int, phrase: str) -> str | None:
        found = [x for x in self.cast.mentions_in(start, end) if not x.in_quote]
        if found:
            return found[-1].key
        matches = list(self.cues.speaker_only.finditer(phrase))
        if not matches:
            return None
        m = matches[-1]
        return self._speaker(m, start + m.start(), suffix="2")


_APPOSITIVE_NAME = re.compile(
    r"[’']s\s+(?:[a-z][\w\-]*\s+){0,4}[a-z][\w\-]*,\s+"
    r"(?P<name>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-.]*){1,3})"
)
_DESCRIBED_NAME = re.compile(r",\s+(?P<name>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-.]*){1,3})")
# a sentence opening with a capitalised two- or three-word name and a lower-case verb
_SPEAKS_FOR = re.compile(
    r"\b(?:an?|the)\s+(?:[a-z]+\s+)?(?:spokesman|spokeswoman|spokesperson|representative)"
    r"\s+for\s+$"
)
_AGENT_FOR_ANY = re.compile(r"\b((?:[Aa]n?|[Tt]he)\s+(?:[a-z]+\s+)?([a-z]+))\s+for\s+$")
_AGENT_FOR = re.compile(r"\b((?:an?|the)\s+(?:[a-z]+\s+)?([a-z]+))\s+for\s+$")
_FULL_STOP = re.compile(r"[.!?](?:\s|$)")
_CLAUSE = re.compile(r"\s+(?:that\b|[a-z]+\s+[a-z]+)")
_WORD_CHAR = re.compile(r"\w")
_ROLE_WORDS = re.compile(r"[ \t]*[,;]?[ \t]*(?:[\w\-’'.&()]+,?[ \t]+){0,12}")


def _cue_ends(after: str, pos: int) -> bool:
    """After a quote that ends a sentence, a cue must end its own sentence soon (``he said
    at a briefing.``), or it begins a new sentence about someone else."""
    rest = after[pos:]
    stop = _FULL_STOP.search(rest)
    if stop is None:
        return False  # no full stop before the next quote: "X told CNBC: “…”"
    tail = rest[: stop.start()]
    return not (len(tail) > 60 or " that " in tail or (tail.startswith(" ") and _clause(tail)))


def _clause(tail: str) -> bool:
    return bool(_CLAUSE.match(tail))
