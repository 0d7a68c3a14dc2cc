"""People and organisations named in an article: mentions, merged persons, roles.

A capitalised run (``Chairman of the Constitutional Court Elvira Azimova``) splits into a name
(its longest tail of name-like words) and what precedes it. A name counts as a person only
with evidence (``evidence.py``): a title or honorific, a speech verb, an apposition, an age, a
``who`` clause, a known first name or surname, a line-up with other people, or a later mention
by surname alone; and not when it names a thing (``the Sierra Nevada``, a firm, a club, a
place). Surnames and titled mentions merge into the full name; ``queries.py`` answers the
look-ups of the attribution.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from ingest.language.lexicon import lexicon
from ingest.model import Person, Span
from ingest.people.evidence import Candidate, CandidateReader, listed
from ingest.people.names import (
    ACRONYM,
    ORG_OF,
    POSS,
    analyse_run,
    headline_parts,
    is_titled,
    plain,
    single_kind,
    surname_of,
)
from ingest.people.queries import CastQueries, Mention, PersonBuilder
from ingest.people.roles import organisation_of
from ingest.people.scan import (
    GIVEN_BEFORE,
    NICKNAMED,
    initials_of,
    patterns,
    run_stretches,
    speech_verbs,
)
from ingest.text.scans import literal_scans


class Cast(CandidateReader, CastQueries):
    """The people and organisations of one article, with every mention in text order."""

    def __init__(self, text: str, paragraphs: Sequence[Span], quoted: Sequence[tuple[int, int]]):
        self._lx = lexicon()
        self._pt = patterns()
        self._text = text
        self._quoted = sorted(quoted)
        self._quoted_starts = [s for s, _ in self._quoted]
        self.people: dict[str, PersonBuilder] = {}
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
        self.verbs: list[re.Match[str]] = speech_verbs(text, paragraphs)
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
        for scan_start, para_ends in run_stretches(text, paragraphs):
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
                for offset, part in headline_parts(g):  # "Joe Biden Calls Trump": two names
                    self._add_run(part, m.start() + offset, para_ends, raw, orgs)
        # 'Raymond "Ray" Kowalczyk', 'Anders (Andy) Lindahl'
        for m in literal_scans(text, 0, len(text), NICKNAMED):
            before = GIVEN_BEFORE.search(text, max(0, m.start() - 24), m.start())
            if before is not None:
                given, family = before.group(1), m.group(1)
                if plain(given) in lx.given_names and family.lower() not in lx.common_words:
                    raw.append(
                        (f"{given} {family}", [given, family], before.start(1), m.end(), [], False)
                    )
        # a lone word matters only as a surname of a full name or after a title
        surnames = {surname_of(lx, r[1]) for r in raw if len(r[1]) > 1}
        candidates = [
            self._candidate(*r)
            for r in raw
            if len(r[1]) > 1
            or r[1][0] in surnames
            or (r[4] and is_titled(lx, r[4]))
            or r[2] in self._kin
            or self._lone_name(r[1][0], r[2], r[3])
        ]
        self._accept(candidates)
        spelled: dict[str, str] | None = None  # "WFP" for "World Food Programme"
        for s, e, name in orgs:
            if len(name) < 8 and name.isupper() and " " not in name:
                if spelled is None:
                    spelled = {initials_of(n): n for n in {o[2] for o in orgs if " " in o[2]}}
                name = self.acronyms.get(name) or spelled.get(name, name)
            if name not in self.organisations:
                self.organisations.append(name)
            subject = bool(self._pt.subject_after.match(text, e))
            self.mentions.append(Mention(s, e, name, False, subject, self._in_quote(s)))
        self.mentions.sort(key=lambda x: x.start)

    def _add_run(
        self,
        run: str,
        base: int,
        para_ends: list[int],
        raw: list[tuple[str, list[str], int, int, list[str], bool]],
        orgs: list[tuple[int, int, str]],
    ) -> None:
        """The name and the organisation of a run of several words starting at ``base``."""
        text = self._text
        if " " not in run:
            if single_kind(run) & 1:
                raw.append((run, [run], base, base + len(run), [], False))
            return
        name, org, org_open = analyse_run(run)
        if name is not None:
            s_rel, e_rel, name_words, prefix, strict = name
            start, stop = base + s_rel, base + e_rel
            if prefix and self._listed_given(prefix, base, start):
                start, name_words, prefix = base, (prefix[0], *name_words), []
            raw.append((text[start:stop], list(name_words), start, stop, prefix, strict))
        if org is not None:
            o_start, o_end = base + org[0], base + org[1]
            if org_open:
                para_end = para_ends[bisect_right(para_ends, base)]
                tail = ORG_OF.match(text, o_end, para_end)
                if tail:
                    o_end = tail.end()
            orgs.append((o_start, o_end, text[o_start:o_end]))

    def _listed_given(self, prefix: list[str], base: int, start: int) -> bool:
        """Whether a title word that is also a first name starts a name in a list of names:
        ``Gary Sutcliffe, Dean Ackroyd, Paula Hirst``."""
        if len(prefix) != 1 or start - base != len(prefix[0]) + 1:
            return False
        return plain(prefix[0]) in self._lx.common_given_names and (
            self._text.endswith(", ", 0, base) or self._text.endswith(" and ", 0, base)
        )

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

    def _accept(self, candidates: list[Candidate]) -> None:
        lx = self._lx
        singles: dict[str, int] = {}
        # used as a firm ("Harwood Lyle chief executive X") and never titled nor with a common
        # first name ("Joe Biden chief of staff X" is still Biden)
        persons = {
            " ".join(c.tokens)
            for c in candidates
            if c.titled or plain(c.tokens[0]) in lx.common_given_names
        }
        firms = {" ".join(c.tokens) for c in candidates if c.firm} - persons
        # "Kunal Rathore struck …", then "Rathore was batting": named again by the surname alone
        alone = {c.tokens[0] for c in candidates if len(c.tokens) == 1 and not c.blocked}
        for c in candidates:
            if len(c.tokens) > 1 and not (c.evidence or c.blocked or c.firm):
                last = surname_of(lx, c.tokens)
                c.evidence = last in alone and last.lower() not in lx.common_words
        listed(self._text, candidates, firms)
        for c in candidates:
            if len(c.tokens) == 1 and (c.evidence or c.titled):
                singles[c.tokens[0]] = singles.get(c.tokens[0], 0) + 1
        # "Maeve Ní Chonaill climbs …" gets its evidence from a later "Ní Chonaill said"
        evidenced = {" ".join(c.tokens) for c in candidates if len(c.tokens) > 1 and c.evidence}
        for c in candidates:
            if len(c.tokens) < 2:
                continue
            surname = surname_of(lx, c.tokens)
            if " ".join(c.tokens) in firms:
                continue
            if not (
                c.evidence
                or singles.get(surname)
                or any(" ".join(c.tokens[k:]) in evidenced for k in range(1, len(c.tokens) - 1))
            ):
                continue
            name = c.name
            key = self._merge_key(name, c.tokens)
            if key == name and c.tokens[0].lower() in lx.foreign_articles and not c.titled:
                continue  # "Der Spiegel", "Le Monde"; but "Le Pen" after "Marine Le Pen"
            if key not in self.people:
                self.people[key] = PersonBuilder(key)
                self._surnames.setdefault(surname, key)
        for c in candidates:
            name = c.name
            key: str | None
            if len(c.tokens) >= 2:
                key = self._merge_key(name, c.tokens)
                if key not in self.people:
                    continue
            else:
                key = self._surnames.get(c.tokens[0]) or self._loose_single(c.tokens[0])
                if key is None:
                    if not (c.titled or (c.roles and not c.blocked)) or c.tokens[0] in firms:
                        continue
                    key = c.tokens[0]
                    self.people[key] = PersonBuilder(key)
                    self._surnames[key] = key
            person = self.people[key]
            person.mentions += 1
            person.roles.extend(c.roles)
            if c.title:
                person.titles.append(c.title)
            if c.rank and person.rank is None:
                person.rank = c.rank
            if c.job and person.job is None:
                person.job = c.job
            if name != key:
                person.aliases.add(name)
            self.mentions.append(
                Mention(c.start, c.end, key, True, c.subject, self._in_quote(c.start))
            )
            if c.kin and not c.roles:
                self._kin_role(person, c)

    def _kin_role(self, person: PersonBuilder, c: Candidate) -> None:
        """``daughter of Declan Fairweather`` for ``his daughter, Niamh Fairweather,``: the
        relative of the person last named before."""
        before = [
            m
            for m in self.mentions[:-1]
            if m.person and m.key != person.name and not m.in_quote and m.start < c.start
        ]
        if " " in c.kin:  # "couple's son"
            person.roles.append(c.kin)
            return
        subjects = [m for m in before if m.subject]  # "he is survived by …; a son, Cian"
        if subjects or before:
            person.roles.append(f"{c.kin} of {(subjects or before)[-1].key}")

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
