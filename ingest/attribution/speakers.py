"""Who said each quote, and whether it is a direct quote, a partial one or no quote at all.

Each quote is looked at in text order: a cue right after it (``,” X said``, ``,” said X``,
``” — X``), then a cue before it in the same sentence (``X said: “``, ``According to X: “``);
with neither it is a floating quote and takes the speaker of the sentence before. Pronouns
and descriptions (``he said``, ``the ministry said``) resolve to the latest speaker or subject
(descriptions: ``ingest/attribution/descriptions.py``). Gender is never guessed from a name:
``he`` and ``she`` only avoid someone the text itself already called the other (by a pronoun,
``Mr``/``Ms`` or a kinship word), so copy that calls a woman ``he`` throughout still resolves
to her.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from ingest.attribution.cues import cues, sentence_breaks, speaker_before
from ingest.attribution.descriptions import DETERMINERS, Descriptions
from ingest.attribution.quotemarks import QuoteSpan
from ingest.attribution.reported import ReportedItem
from ingest.language.lexicon import Lexicon, lexicon
from ingest.model import Quote, QuoteKind, Span
from ingest.people.cast import Cast, Mention

_SENTENCE_OPEN = frozenset(":—–-(")
# \bThe, with the word boundary checked after the T: a pattern that opens with a character
# class lets the regex engine skip straight to the next T.
_THE_NOUN = re.compile(r"[Tt](?<!\w[Tt])he\s+([a-z][\w\-]+)")
_OPENING_MARKS = frozenset("\"“‘'„«‚`")


@dataclass(slots=True)  # built often: a plain class is cheaper than a frozen one
class Said:
    speaker: str | None
    cue: str | None
    how: str  # trailing | intro | floating


@dataclass(slots=True)
class Event:
    """A speech act already attributed: its position and speaker."""

    pos: int
    speaker: str


class Attributor(Descriptions):
    """Speakers of the quotes and reported speech of one text; ``cast`` holds the people of
    the same text and paragraphs (and the speech verbs found in them)."""

    def __init__(
        self,
        text: str,
        paragraphs: Sequence[Span],
        quotes: Sequence[QuoteSpan],
        cast: Cast,
    ) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.quotes = [q for q in quotes if q.top]
        self.cast = cast
        self.cues = cues()
        self.lx = lexicon()
        self.events: list[Event] = []
        self._index = {q.start: i for i, q in enumerate(self.quotes)}
        self._personish: set[str] = set()
        self._pronouns: dict[str, str] = {}  # speaker -> "he" / "she" used for them so far
        for name, pronoun in cast.pronouns.items():  # "her son, Diego,", "Ms Adeyemi"
            found = cast.resolve(name)
            if found is not None:
                self._pronouns[found[0]] = pronoun
        self._quote_ranges = sorted((q.open, q.close) for q in self.quotes)
        self._quote_starts = [s for s, _ in self._quote_ranges]
        self._breaks = self._sentence_starts()
        # the speech verbs of the body, in text order: cues look them up by position rather
        # than search the text around each quote for them again
        self._verbs = cast.verbs
        self._verb_starts = [v.start() for v in cast.verbs]

    # -- sentences ------------------------------------------------------------------------

    @property
    def sentence_starts(self) -> list[int]:
        return self._breaks

    @property
    def quote_ranges(self) -> list[tuple[int, int]]:
        """(opening mark, closing mark end) of each top-level quote, sorted."""
        return self._quote_ranges

    def in_quote(self, pos: int) -> bool:
        i = bisect_right(self._quote_starts, pos) - 1
        return i >= 0 and self._quote_ranges[i][0] <= pos < self._quote_ranges[i][1]

    _in_quote = in_quote

    def _sentence_starts(self) -> list[int]:
        """Where the sentences outside quotation marks begin: at each paragraph and after each
        stop that is no abbreviation's (``Dr. Smith``). One scan over the body finds the stops
        that a scan of each paragraph alone finds; a break at or across a paragraph's end,
        which that scan never finds, is passed over."""
        text, starts, paragraphs = self.text, [], self.paragraphs
        if not paragraphs:
            return starts
        quote_starts, quote_ranges = self._quote_starts, self._quote_ranges
        following = iter(paragraphs)
        para = next(following)
        para_start, para_end = para.start, para.end
        starts.append(para_start)
        for m in sentence_breaks(text, para_start, paragraphs[-1].end):
            stop, after = m.span()
            while stop >= para_end:
                para = next(following)  # there is one: the scan ends with the last paragraph
                para_start, para_end = para.start, para.end
                starts.append(para_start)
            if stop < para_start or after >= para_end:
                continue
            i = bisect_right(quote_starts, after - 1) - 1  # self.in_quote(after - 1), inline
            if i >= 0 and after - 1 < quote_ranges[i][1]:
                continue
            word_start = text.rfind(" ", para_start, stop) + 1
            word = text[max(word_start, para_start) : stop].lower().strip('("“')
            kind = _abbreviation_kind(word)
            if kind == _TITLE_ABBREVIATION or (
                kind == _ABBREVIATION and text[after : after + 1] not in _OPENING_MARKS
            ):
                continue  # "Dr. Smith", but "at 4 a.m. “After that …"
            starts.append(after)
        starts.extend(p.start for p in following)
        return starts

    def sentence_start(self, pos: int) -> int:
        i = bisect_right(self._breaks, pos) - 1
        return self._breaks[max(i, 0)]

    def previous_sentence_start(self, start: int) -> int:
        i = bisect_right(self._breaks, start - 1) - 1
        return self._breaks[i] if i >= 0 else 0

    # -- the main pass ------------------------------------------------------------------------

    def attribute(self, reported: Sequence[ReportedItem]) -> tuple[list[Quote], list[Quote]]:
        """Quotes (direct and partial) and reported speech, with speakers, in text order."""
        groups: list[list[QuoteSpan]] = []
        for q in self.quotes:
            if q.group is not None and groups and groups[-1][0].group == q.group:
                groups[-1].append(q)
            else:
                groups.append([q])
        items: list[tuple[int, int, object]] = [(g[0].open, 0, g) for g in groups]
        items += [(r[2], 1, r) for r in reported]
        items.sort(key=itemgetter(0, 1))
        quotes: list[Quote] = []
        said: list[Quote] = []
        for _, kind, item in items:
            if kind == 0:
                quotes.extend(self._quote_group(item))  # type: ignore[arg-type]
            else:
                rep = self._reported(item)  # type: ignore[arg-type]
                if rep is not None and rep.speaker:  # unnamed groups too (issue 14)
                    said.append(rep)
        return quotes, said

    def _unnamed_group(self, speaker: str | None) -> bool:
        """Whether reported speech comes from nobody named: ``Analysts said``, ``officials
        said``, ``several parents said``, ``a woman reported`` (a statement to list, but no
        antecedent for the pronouns after it)."""
        if not speaker:
            return True
        first, _, rest = speaker.partition(" ")
        low = first.lower()
        if rest:  # "several parents", but not "Maple Heights police", "the GMB union"
            return low in _GROUP_OPENERS and not any(w[:1].isupper() for w in rest.split())
        if low in _GROUP_OPENERS:
            return True
        if not low.endswith("s") or low == "police":
            return False
        lx = self.lx
        for singular in (low[:-1], low[:-2], low[:-3] + "y"):  # analysts, witnesses, authorities
            if singular in lx.titles or singular in lx.person_nouns or singular in lx.descriptions:
                return True
        return False

    def _neighbours(self, q: QuoteSpan) -> tuple[int, int]:
        """Bounds of the narrative text around ``q`` within its paragraph."""
        para = self.paragraphs[q.paragraph]
        i = self._index[q.start]
        prev_close = para.start
        if i > 0 and self.quotes[i - 1].paragraph == q.paragraph:
            prev_close = self.quotes[i - 1].close
        next_open = para.end
        if i + 1 < len(self.quotes) and self.quotes[i + 1].paragraph == q.paragraph:
            next_open = self.quotes[i + 1].open
        return prev_close, next_open

    def _quote_group(self, group: list[QuoteSpan]) -> list[Quote]:
        first, last = group[0], group[-1]
        text = self.text
        prev_close, next_open = self._neighbours(first)
        if last is not first:
            _, next_open = self._neighbours(last)
        sent = self.sentence_start(first.open)
        before = text[max(sent, prev_close) : first.open]
        after = text[last.close : next_open] if last.closed else ""
        content = text[first.start : first.end]
        said = self._trailing(after, content, last) if last.closed else None
        intro = self._intro(before, first)
        embedded = before.strip()[-1:] not in ("", ":", ",", "—", "–", "-", "(")
        if said is None or (intro is not None and embedded):
            said = intro  # a fragment inside a sentence belongs to that sentence's speaker
        split = prev_close > sent  # "“First half,” X said, “second half.”"
        kind = self._kind(before, content, said, intro, split)
        if kind is None:
            return []
        if said is None:
            said = Said(self._antecedent(first.open, persons=True, orgs=True), None, "floating")
        if said.speaker:
            self.events.append(Event(first.open, said.speaker))
        role = self.cast.role_of(said.speaker) if said.speaker else None
        out = []
        for piece in group:
            body = text[piece.start : piece.end].rstrip()
            out.append(
                Quote(
                    body,
                    piece.start,
                    piece.start + len(body),
                    said.speaker,
                    role,
                    said.cue,
                    kind,
                )
            )
        return out

    # -- cues -----------------------------------------------------------------------------

    def _trailing(self, after: str, content: str, q: QuoteSpan) -> Said | None:
        if not after or after.isspace():
            return None  # every cue has a word
        c = self.cues
        full_stop = content.rstrip().endswith(".")
        patterns = [c.trailing_verb_first]  # with the others only where they can match
        if "according to" in after:
            patterns.append(c.trailing_according)
        if after.lstrip(" \t")[:1] in "—–-":
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

    def _speaker(self, m: re.Match[str], pos: int, suffix: str = "") -> str | None:
        groups = m.groupdict()
        pron = groups.get("pron" + suffix)
        if pron:
            low = pron.lower()
            if low == "it":
                return self._antecedent(pos, persons=False, orgs=True)
            if low in ("they", "we"):
                return self._antecedent(pos, persons=True, orgs=True)
            found = self._antecedent(pos, persons=True, orgs=False)
            if found is None and low in ("he", "she"):
                return self._unlisted_subject(pos)
            return self._gendered(found, low, pos)
        nom = groups.get("nom" + suffix)
        if nom:
            return self._description(nom, pos)
        named = groups.get("named" + suffix)
        if named:
            found = self.cast.resolve(named)
            if found is not None:
                if found[1]:
                    self._personish.add(found[0])  # named like a person: "he" may refer to it
                return found[0]
            bare = named.removeprefix("the ").removeprefix("The ")
            if bare != named and self._person_descriptor(bare.rsplit(None, 1)[-1].lower()):
                return self._antecedent(pos, persons=True, orgs=False) or bare
            return bare
        return None

    def _unlisted_subject(self, pos: int) -> str | None:
        """For ``he said`` with no person known before: a two- or three-word name opening
        one of the three sentences before (``Zendaya Coleman won the award.``)."""
        start = self.sentence_start(pos)
        for _ in range(3):
            if start == 0:
                break
            start = self.previous_sentence_start(start)
            m = _NAME_SUBJECT.match(self.text, start)
            if m is None or self._in_quote(start):
                continue
            name = m.group(1)
            words = name.split()
            if any(
                w.lower() in self.lx.non_name_words or w.lower() in self.lx.places for w in words
            ):
                continue
            if not any(name in o for o in self.cast.organisations):
                return name
        return None

    def _gendered(self, found: str | None, pronoun: str, pos: int) -> str | None:
        """``she said`` right after a man spoke: the latest speaker already called ``she``.
        Gender is learnt from the pronouns resolved so far, never guessed from names, so
        copy that calls a woman ``he`` throughout still resolves to her."""
        if found is None:
            return None
        known = self._pronouns.get(found)
        if known is None or known == pronoun:
            self._pronouns.setdefault(found, pronoun)
            return found
        events = [e.speaker for e in reversed(self.events[-8:]) if e.pos < pos]
        recent = [m for m in self.cast.mentions_before(pos)[-12:] if m.person and not m.in_quote]
        people = [k for k in events if k in self.cast.people]
        people += [m.key for m in reversed(recent)]
        for wanted in (pronoun, None):  # one already so called, else one not yet called at all
            for key in people:
                if self._pronouns.get(key) == wanted:
                    self._pronouns.setdefault(key, pronoun)
                    return key
        return found

    # -- antecedents ----------------------------------------------------------------------

    def _antecedent(self, pos: int, *, persons: bool, orgs: bool, near: bool = False) -> str | None:
        """The speaker or subject a pronoun or a floating quote at ``pos`` refers to: a speaker
        or subject of its own sentence or the ones before, or else (unless ``near``, which looks
        at two sentences only) the latest speaker of the right kind."""
        end = pos
        start = self.sentence_start(pos)
        for _ in range(2 if near else 3):
            found = self._in_window(start, end, persons, orgs)
            if found:
                return found
            if start == 0:
                break
            end = start
            start = self.previous_sentence_start(start)
        if near:
            return None
        for event in reversed(self.events):
            if event.pos < pos and self._kind_ok(event.speaker, persons, orgs):
                return event.speaker
        for m in reversed(self.cast.mentions_before(pos)):  # named long before, silent since
            if not m.in_quote and m.end <= pos and (persons if m.person else orgs):
                return m.key
        return None

    def _kind_ok(self, key: str, persons: bool, orgs: bool) -> bool:
        if key in self._personish and key not in self.cast.people:
            return True  # named like a person but not known as one: either may refer to it
        is_person = key in self.cast.people
        if not is_person and key[:1].islower():  # an unnamed "a woman", "the department"
            head = key.rsplit(None, 1)[-1].lower()
            is_person = head in self.lx.person_nouns or head in self.lx.titles
        return (persons and is_person) or (orgs and not is_person)

    def _in_window(self, start: int, end: int, persons: bool, orgs: bool) -> str | None:
        for event in reversed(self.events):
            if event.pos < start:
                break
            if event.pos < end and self._kind_ok(event.speaker, persons, orgs):
                return event.speaker
        subject = _PRONOUN_SUBJECT.match(self.text, start, end)
        if subject is not None:  # "She singled out X": the subject is still the earlier one
            pronoun = subject.group(1).lower()
            if persons and pronoun in ("he", "she"):
                found = self._antecedent(start, persons=True, orgs=False)
                return self._gendered(found, pronoun, start)
            return None
        mentions = [
            m
            for m in self.cast.mentions_in(start, end)
            if not m.in_quote
            and not self._in_quote(m.start)
            and ((m.person and persons) or (not m.person and orgs))
        ]
        if not mentions:
            return self._described_person(start, end) if persons else None
        for m in mentions:
            if m.subject and not self._after_preposition(m):
                return m.key
        for m in mentions:
            if not self._after_preposition(m):
                return m.key
        for m in mentions:
            if len(self.text[start : m.start].split()) == 1:
                return m.key  # "For O’Donnell-Reyes, the defeat was personal."
        return None

    def _described_person(self, start: int, end: int) -> str | None:
        """A person named earlier and described here by role: ``The mayor spoke.``"""
        for m in _THE_NOUN.finditer(self.text, start, end):
            noun = m.group(1).lower()
            if noun in self.lx.titles and not self._in_quote(m.start()):
                found = self.cast.person_with_role(noun, start)
                if found:
                    return found
        return None

    def _after_preposition(self, m: Mention) -> bool:
        head = self.text[max(0, m.start - 14) : m.start].split()
        if len(head) >= 2 and head[-2].lower() == "according":
            return False  # "According to Jane Doe, the plan failed.": she is the source
        return bool(head) and head[-1].lower() in self.lx.prepositions

    # -- kinds ----------------------------------------------------------------------------

    def _kind(
        self, before: str, content: str, said: Said | None, intro: Said | None, split: bool
    ) -> QuoteKind | None:
        stripped = before.strip()
        words = content.split()
        if not stripped or stripped[-1] in _SENTENCE_OPEN:
            if said is not None:
                return "direct"
            ends_sentence = content.rstrip()[-1:] in ".!?…"
            if (len(words) <= 4 and not ends_sentence) or _title_like(content):
                return None  # a title or scare quote standing alone
            return "direct"
        if (
            intro is not None
            and stripped.rstrip(":,").rsplit(None, 1)[-1].lower() in self.lx.speech_verbs
            and (stripped.endswith(":") or content[:1].isupper() or split)
        ):
            return "direct"
        if len(words) <= 2 or _title_like(content):
            return None
        last = stripped.rsplit(None, 1)[-1].lower()
        if said is None and intro is None and last in DETERMINERS:
            return None  # "the ‘Action Plan …’", "a “shop local” campaign": a name, not speech
        return "partial"

    # -- reported speech ------------------------------------------------------------------

    def _reported(self, item: ReportedItem) -> Quote | None:
        start, end, cue_pos, m, verb = item
        speaker = self._speaker(m, cue_pos)
        body = self.text[start:end]
        if speaker and not self._unnamed_group(speaker):  # "officials" is no antecedent
            self.events.append(Event(cue_pos, speaker))
        role = self.cast.role_of(speaker) if speaker else None
        return Quote(body, start, end, speaker, role, verb, "reported")


# after "said Smith" / "said the agency": "’s lawyer, John Doe" or "’s director, Jane Doe"
_APPOSITIVE_NAME = re.compile(
    r"[’']s\s+(?:[a-z][\w\-]*\s+){0,4}[a-z][\w\-]*,\s+"
    r"(?P<name>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-.]*){1,3})"
)
_DESCRIBED_NAME = re.compile(r",\s+(?P<name>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-.]*){1,3})")
# a sentence opening with a capitalised two- or three-word name and a lower-case verb
_NAME_SUBJECT = re.compile(r"([A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+){1,2}),? (?:[a-z]+ly )?[a-z]{2,}")
_SPEAKS_FOR = re.compile(
    r"\b(?:an?|the)\s+(?:[a-z]+\s+)?(?:spokesman|spokeswoman|spokesperson|representative)"
    r"\s+for\s+$"
)
_AGENT_FOR_ANY = re.compile(r"\b((?:[Aa]n?|[Tt]he)\s+(?:[a-z]+\s+)?([a-z]+))\s+for\s+$")
_AGENT_FOR = re.compile(r"\b((?:an?|the)\s+(?:[a-z]+\s+)?([a-z]+))\s+for\s+$")
_GROUP_OPENERS = frozenset(("a", "an", "another", "one", "several", "some", "many", "other"))
_FULL_STOP = re.compile(r"[.!?](?:\s|$)")
_CLAUSE = re.compile(r"\s+(?:that\b|[a-z]+\s+[a-z]+)")
_WORD = re.compile(r"[A-Za-z][\w’'\-]*")
_WORD_CHAR = re.compile(r"\w")
_PRONOUN_SUBJECT = re.compile(r"(He|She|They|It|I|We)\s+(?![\"“‘])")
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


def _title_like(content: str) -> bool:
    words = [w for w in _WORD.findall(content) if len(w) > 3]
    if not words or content.rstrip()[-1:] in ".,!?…":
        return False
    return all(w[0].isupper() for w in words)


_ABBREVIATION, _TITLE_ABBREVIATION = 1, 2


@lru_cache(maxsize=4096)
def _abbreviation_kind(word: str) -> int:
    """For the lower-case word before a stop: 0 if it is no abbreviation, else
    ``_TITLE_ABBREVIATION`` for a title or honorific (``Dr.``, which never ends a sentence)
    and ``_ABBREVIATION`` for another (``a.m.``, which ends one before an opening mark)."""
    lx = lexicon()
    if not _is_abbreviation(lx, word):
        return 0
    if word in lx.titles or word in lx.honorifics:
        return _TITLE_ABBREVIATION
    return _ABBREVIATION


def _is_abbreviation(lx: Lexicon, word: str) -> bool:
    word = word.rstrip(".")
    if not word:
        return False
    if len(word) == 1 or ("." in word and not word.replace(".", "").isdigit()):
        return True  # initials, U.S.; not a decimal number ("measuring 4.6.")
    return (
        word in lx.honorifics
        or word in lx.titles
        or word in lx.abbreviations
        or (word in lx.name_suffixes)
    )
