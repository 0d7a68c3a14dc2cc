"""People and organisations named in an article: mentions, merged persons, roles.

A capitalised run (``Chairman of the Constitutional Court Elvira Azimova``) splits into a name
(its longest tail of name-like words) and what precedes it. A name counts as a person only
with evidence: a title or honorific, a speech verb, an apposition, an age, a ``who`` clause,
or a later mention by surname alone. Surnames and titled mentions merge into the full name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise

from ingest.language.lexicon import lexicon, trie_pattern
from ingest.model import Person, Span
from ingest.people.names import (
    ACRONYM,
    OF_SPLIT,
    ORG_OF,
    POSS,
    analyse_run,
    initials,
    is_titled,
    plain,
    run_and_token,
    single_kind,
    split_run_cached,
    surname_of,
)
from ingest.people.roles import (
    BYLINE_ROLES,
    is_role,
    may_follow_title,
    organisation_of,
    role_before,
    tidy_role,
)


@dataclass(slots=True)  # built often: a plain class is cheaper than a frozen one
class Mention:
    start: int
    end: int
    key: str  # the person's full name or the organisation's name
    person: bool
    subject: bool  # followed by a verb: a likely grammatical subject
    in_quote: bool


@dataclass(slots=True)
class _Builder:
    name: str
    roles: list[str] = field(default_factory=list)
    job: str | None = None  # from "who teaches …": the role when there is no other
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    organisation: str | None = None


@dataclass(slots=True)
class _Candidate:
    name: str
    tokens: list[str]
    start: int
    end: int
    evidence: bool
    titled: bool
    roles: list[str]
    subject: bool
    job: str | None


@dataclass(frozen=True, slots=True)
class _Patterns:
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
def _patterns() -> _Patterns:
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
    return _Patterns(
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


class Cast:
    """The people and organisations of one article, with every mention in text order."""

    def __init__(self, text: str, paragraphs: Sequence[Span], quoted: Sequence[tuple[int, int]]):
        self._lx = lexicon()
        self._pt = _patterns()
        self._text = text
        self._quoted = sorted(quoted)
        self._quoted_starts = [s for s, _ in self._quoted]
        self.people: dict[str, _Builder] = {}
        self.organisations: list[str] = []
        self.mentions: list[Mention] = []
        self._surnames: dict[str, str] = {}
        self.acronyms: dict[str, str] = {}
        self._resolved: dict[str, tuple[str, bool] | None] = {}
        self._kin: set[int] = set()  # one-word names introduced by kinship
        self.pronouns: dict[str, str] = {}  # name -> "he" / "she" its kinship word implies
        self._roles: dict[str, str | None] = {}
        # person mentions whose person has a role: (start, name, role in lower case)
        self._role_mentions: list[tuple[int, str, str]] | None = None
        self._role_starts: list[int] = []
        self.verbs: list[re.Match[str]] = _speech_verbs(text, paragraphs)
        self._verb_starts = [m.start() for m in self.verbs]
        self._build(paragraphs)
        self._mention_starts = [m.start for m in self.mentions]

    # -- building -------------------------------------------------------------------------

    def _in_quote(self, pos: int) -> bool:
        i = bisect_right(self._quoted_starts, pos) - 1
        return i >= 0 and self._quoted[i][0] <= pos < self._quoted[i][1]

    def _build(self, paragraphs: Sequence[Span]) -> None:
        lx, pt, text = self._lx, self._pt, self._text
        raw: list[tuple[str, list[str], int, int, list[str], bool]] = []
        orgs: list[tuple[int, int, str]] = []
        runs, add_raw = pt.run.finditer, raw.append  # bound once: used per capitalised run
        last_bracket = text.rfind("(")  # acronyms come in brackets: "… Staff (JCS)"
        for para in paragraphs:
            if para.start <= last_bracket and text.find("(", para.start, para.end) >= 0:
                self._acronyms(para)
        for scan_start, para_ends in _run_stretches(text, paragraphs):
            for m in runs(text, scan_start, para_ends[-1]):
                g = m.group()
                if " " not in g:
                    kind = single_kind(g)  # most runs are one word: decide it once per word
                    if kind == 0:
                        continue
                    if kind & 1:
                        st = m.start()
                        add_raw((g, [g], st, m.end(), [], False))
                        c2 = text[st - 2] if st >= 2 else ""
                        if c2 == "," or (c2 == "d" and text.endswith(" named ", 0, st)):
                            self._kinship(g, st)  # "her husband, Declan,", "a girl named Josie"
                    if kind & 2:
                        orgs.append((m.start(), m.end(), g))
                    continue
                base = m.start()
                name, org, org_open = analyse_run(g)
                if name is not None:
                    s_rel, e_rel, name_words, prefix, strict = name
                    start, stop = base + s_rel, base + e_rel
                    raw.append((text[start:stop], list(name_words), start, stop, prefix, strict))
                if org is not None:
                    o_start, o_end = base + org[0], base + org[1]
                    if org_open:
                        para_end = para_ends[bisect_right(para_ends, base)]
                        tail = ORG_OF.match(text, o_end, para_end)
                        if tail:
                            o_end = tail.end()
                    orgs.append((o_start, o_end, text[o_start:o_end]))
        # a lone word matters only as a surname of a full name or after a title
        surnames = {surname_of(lx, r[1]) for r in raw if len(r[1]) > 1}
        candidates = [
            self._candidate(*r)
            for r in raw
            if len(r[1]) > 1
            or r[1][0] in surnames
            or (r[4] and is_titled(lx, r[4]))
            or r[2] in self._kin
        ]
        self._accept(candidates)
        spelled: dict[str, str] | None = None  # "WFP" for "World Food Programme"
        for s, e, name in orgs:
            if len(name) < 8 and name.isupper() and " " not in name:
                if spelled is None:
                    spelled = {_initials(n): n for n in {o[2] for o in orgs if " " in o[2]}}
                name = self.acronyms.get(name) or spelled.get(name, name)
            if name not in self.organisations:
                self.organisations.append(name)
            subject = bool(self._pt.subject_after.match(text, e))
            self.mentions.append(Mention(s, e, name, False, subject, self._in_quote(s)))
        self.mentions.sort(key=lambda x: x.start)

    def _acronyms(self, para: Span) -> None:
        """Record ``JCS`` for ``the South's Joint Chiefs of Staff (JCS)``."""
        for m in ACRONYM.finditer(self._text, para.start, para.end):
            words = m.group(1).split()
            acronym = m.group(2)
            while words and (words[0].lower() == "the" or words[0].endswith(POSS)):
                words.pop(0)  # "the South's Joint Chiefs of Staff (JCS)"
            full = " ".join(words)
            if len(words) > 1 and full not in self.people:
                self.acronyms[acronym] = full
                if full not in self.organisations:
                    self.organisations.append(full)

    def _kinship(self, name: str, start: int) -> None:
        """Mark a one-word name introduced by a kinship word, and the pronoun it implies."""
        kin = _KIN.search(self._text, max(0, start - 40), start)
        if kin is not None:
            self._kin.add(start)
            pronoun = _KIN_PRONOUN.get(kin.group(1) or kin.group(2))
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
    ) -> _Candidate:
        lx, pt, text = self._lx, self._pt, self._text
        titled = (bool(prefix) and is_titled(lx, prefix)) or start in self._kin
        if prefix and prefix[-1] in _HONORIFIC_PRONOUN:  # "Mr Pettigrew", "Ms. Alvarez"
            self.pronouns.setdefault(name, _HONORIFIC_PRONOUN[prefix[-1]])
        roles: list[str] = []
        head, head_words = "", []  # the 24 characters before a name with no prefix, its words
        if not prefix:
            head = text[max(0, start - 24) : start]
            head_words = head.split()
        role = (
            role_before(lx, text, start) if prefix or may_follow_title(head, head_words) else None
        )
        if role:
            roles.append(tidy_role(role))
            titled = titled or len(tokens) > 1
        after = _apposition(pt, text, end)
        if after and is_role(self._lx, after.group("role"), after.start("role") > end + 2):
            roles.append(tidy_role(after.group("role").strip().rstrip(".,;: ")))
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
        if strict:
            evidence = verb or bool(roles) or bool(pt.evidence_after.match(text, end))
        elif len(tokens) > 1 and (
            plain(tokens[0]) in lx.given_names
            or initials(lx, tokens[0])
            or (by and _BYLINE.search(before))
        ):
            evidence = True  # "Marcus Webb", "J.P. Crawley", "By Sarah Whitcombe"
        if self._blocked(prefix, head_words):
            evidence = titled = False
            roles = []
        job = None
        if not roles and text.startswith(", who ", end):
            m = _WHO_JOB.match(text, end)
            job = m.group(1).strip() if m else None  # "X, who teaches English at Y,"
        return _Candidate(name, tokens, start, end, evidence, titled, roles, subject, job)

    def _blocked(self, prefix: list[str], words: list[str]) -> bool:
        """Whether the words before a name show it names a thing, not a person:
        ``the Ministry for the Ecological Transition``, ``Storm Imogen``, ``the newspaper X``.
        ``words`` are those of the 24 characters before a name without a ``prefix``."""
        lx = self._lx
        if prefix:
            return prefix[-1].lower() in lx.name_blockers
        if not words:
            return False
        last = words[-1]
        if last in ("of", "for", "at") or (
            last == "the" and len(words) > 1 and words[-2] in ("of", "for")
        ):
            return True
        low = last.lower()
        return low in lx.name_blockers or (
            last.islower()
            and (low in lx.organisation_words or low in lx.descriptions)
            and low not in lx.titles
        )

    def _accept(self, candidates: list[_Candidate]) -> None:
        lx = self._lx
        singles: dict[str, int] = {}
        for c in candidates:
            if len(c.tokens) == 1 and (c.evidence or c.titled):
                singles[c.tokens[0]] = singles.get(c.tokens[0], 0) + 1
        # "Maeve Ní Chonaill climbs …" gets its evidence from a later "Ní Chonaill said"
        evidenced = {" ".join(c.tokens) for c in candidates if len(c.tokens) > 1 and c.evidence}
        for c in candidates:
            if len(c.tokens) < 2:
                continue
            surname = surname_of(lx, c.tokens)
            if not (
                c.evidence
                or singles.get(surname)
                or any(" ".join(c.tokens[k:]) in evidenced for k in range(1, len(c.tokens) - 1))
            ):
                continue
            name = c.name
            key = self._merge_key(name, c.tokens)
            if key not in self.people:
                self.people[key] = _Builder(key)
                self._surnames.setdefault(surname, key)
        for c in candidates:
            name = c.name
            key: str | None
            if len(c.tokens) >= 2:
                key = self._merge_key(name, c.tokens)
                if key not in self.people:
                    continue
            else:
                key = self._surnames.get(c.tokens[0])
                if key is None:
                    if not c.titled:
                        continue
                    key = c.tokens[0]
                    self.people[key] = _Builder(key)
                    self._surnames[key] = key
            person = self.people[key]
            person.mentions += 1
            person.roles.extend(c.roles)
            if c.job and person.job is None:
                person.job = c.job
            if name != key:
                person.aliases.add(name)
            self.mentions.append(
                Mention(c.start, c.end, key, True, c.subject, self._in_quote(c.start))
            )

    def _merge_key(self, name: str, tokens: list[str]) -> str:
        if name in self.people:
            return name
        longer = [k for k in self.people if k.startswith(name + " ") or k.endswith(" " + name)]
        if len(longer) == 1:
            return longer[0]  # "Ruth Ann" for "Ruth Ann Caudill", "Van der Berg" for "Jean-Luc …"
        surname = surname_of(self._lx, tokens)
        known = self._surnames.get(surname)
        if known is not None:
            known_first = known.split()[0]
            if len(known.split()) == 1 or known_first.startswith(tokens[0].rstrip(".")):
                return known
            if tokens[0].startswith(known_first.rstrip(".")):
                return known
        return name

    # -- queries --------------------------------------------------------------------------

    def resolve(self, surface: str) -> tuple[str, bool] | None:
        """The full name (and whether it is a person) a surface form such as ``Ernst`` or
        ``President Tokayev`` refers to; None when it names no one known."""
        if surface not in self._resolved:
            self._resolved[surface] = self._resolve(surface)
        return self._resolved[surface]

    def _resolve(self, surface: str) -> tuple[str, bool] | None:
        parts = OF_SPLIT.split(surface)
        if len(parts) > 1:
            for part in parts:
                found = self.resolve(part)
                if found is not None and found[1]:
                    return found  # "Detective Kieran Wallis of Norfolk Police"
        spans = [(t.start(), t.end(), t.group()) for t in self._pt.token.finditer(surface)]
        if not spans:
            return None
        toks = [t[2] for t in spans]
        first, end = split_run_cached(tuple(toks))
        if first < end:
            name_toks = toks[first:end]
            name = surface[spans[first][0] : spans[end - 1][1]]
            if name in self.people:
                return name, True
            key = self._merge_key(name, name_toks)
            if key in self.people:
                return key, True
            key = self._surnames.get(surname_of(self._lx, name_toks))
            if key is not None:
                return key, True
            if len(name_toks) == 1:
                key = self._loose_single(name_toks[0])
                if key is not None:
                    return key, True
            if len(name_toks) >= 2:
                return name, True
        bare = surface.removeprefix("the ").removeprefix("The ")
        if bare in self.acronyms:
            return self.acronyms[bare], False
        if bare.isupper() and bare.isalpha():
            for org in self.organisations:
                if "".join(w[0] for w in org.split() if w[0].isupper()) == bare:
                    return org, False  # ESA for the European Space Agency
        for org in self.organisations:
            if surface.endswith(org):
                return bare, False  # the longer name: "Devon and Cornwall Police"
            if org.endswith(bare):
                return org, False
        return None

    def _loose_single(self, word: str) -> str | None:
        """A lone word that is a known person's surname without its accents (``Akgun``) or
        the first word of a family-name-first name (``Lee`` for ``Lee Soo-kyung``)."""
        bare = plain(word)
        found = {k for k in self.people if plain(surname_of(self._lx, k.split())) == bare}
        if len(found) != 1:
            found = {k for k in self.people if " " in k and plain(k.split()[0]) == bare}
        return found.pop() if len(found) == 1 else None

    def mentions_before(self, pos: int) -> list[Mention]:
        return self.mentions[: bisect_right(self._mention_starts, pos)]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        lo = bisect_right(self._mention_starts, start - 1)
        hi = bisect_right(self._mention_starts, end - 1)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def role_of(self, name: str) -> str | None:
        """The longest role given to ``name`` (memoised: roles are complete once built)."""
        if name in self._roles:
            return self._roles[name]
        person = self.people.get(name)
        role = None
        if person is not None:
            role = max(person.roles, key=len) if person.roles else person.job
        self._roles[name] = role
        return role

    def person_with_role(self, noun: str, before: int) -> str | None:
        """The most recently mentioned person whose role contains ``noun`` (``minister``)."""
        noun = noun.lower()
        if self._role_mentions is None:
            self._role_mentions = [
                (m.start, m.key, role.lower())
                for m in self.mentions
                if m.person and (role := self.role_of(m.key))
            ]
            self._role_starts = [start for start, _, _ in self._role_mentions]
        last = bisect_right(self._role_starts, before)
        for _, key, role in reversed(self._role_mentions[:last]):
            if noun in role:
                return key
        return None

    def company(self, before: int, *, loose: bool = True) -> str | None:
        """The organisation ``the company`` most likely refers to: one named as a company
        (``… Inc``), else (when ``loose``) the first organisation mentioned."""
        best = None
        for org in self.organisations:
            last = org.split()[-1].lower().rstrip(".")
            if last in self._lx.company_words:
                best = best or org
        if best is not None or not loose:
            return best
        for m in self.mentions_before(before):
            if not m.person and not m.in_quote:
                return m.key
        return None

    def as_people(self, quote_counts: dict[str, int]) -> tuple[Person, ...]:
        out = []
        for b in self.people.values():
            role = self.role_of(b.name)
            out.append(
                Person(
                    b.name,
                    role,
                    tuple(sorted(b.aliases)),
                    max(b.mentions, 1),
                    quote_counts.get(b.name, 0),
                    organisation_of(role),
                )
            )
        return tuple(out)


def _run_stretches(text: str, paragraphs: Sequence[Span]) -> list[tuple[int, list[int]]]:
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


def _apposition(pt: _Patterns, text: str, end: int) -> re.Match[str] | None:
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


def _speech_verbs(text: str, paragraphs: Sequence[Span]) -> list[re.Match[str]]:
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
_WHO_JOB = re.compile(
    r", who ((?:teaches|taught|owns|owned|co-owns|runs|ran|chairs|chaired|leads|led|heads"
    r"|headed|directs|directed|manages|managed|represents|represented|coaches|coached|grows"
    r"|founded|co-founded|studies|works as|worked as|serves as|served as)\b[^,.;:“”\"()]{2,80})"
)


@lru_cache(maxsize=4096)
def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


_KIN = re.compile(
    r"\b(?:(husband|wife|son|daughter|sister|brother|mother|father|partner|grandson"
    r"|granddaughter|niece|nephew|fianc[ée]e?|boyfriend|girlfriend|youngest|eldest|oldest)"
    r"(?: of \d+ years)?,|(girl|boy|man|woman|baby|child|son|daughter) named) $"
)
_HONORIFIC_PRONOUN = {
    "Mr": "he", "Mr.": "he", "Sir": "he", "Mrs": "she", "Mrs.": "she", "Ms": "she", "Ms.": "she",
    "Miss": "she", "Dame": "she",
}  # fmt: skip
_KIN_PRONOUN = {
    **dict.fromkeys(("husband", "son", "brother", "father", "grandson", "nephew", "boyfriend",
                     "fiancé", "boy", "man"), "he"),
    **dict.fromkeys(("wife", "daughter", "sister", "mother", "granddaughter", "niece",
                     "girlfriend", "fiancée", "girl", "woman"), "she"),
}  # fmt: skip
_BYLINE = re.compile(r"(?:^|\n)[ \t]*By\s+$")
