"""What the rest of the extractor asks of an article's cast: who a surface form is
(``Ernst``, ``President Tokayev``), the mentions before a point, a person's role, the company
``the company`` stands for. Mixed into :class:`~ingest.people.cast.Cast`."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ingest.language.lexicon import Lexicon
from ingest.people.names import OF_SPLIT, plain, split_run_cached, surname_of
from ingest.people.scan import Patterns


@dataclass(slots=True)  # built often: a plain class is cheaper than a frozen one
class Mention:
    start: int
    end: int
    key: str  # the person's full name or the organisation's name
    person: bool
    subject: bool  # followed by a verb: a likely grammatical subject
    in_quote: bool


@dataclass(slots=True)
class PersonBuilder:
    name: str
    roles: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # roles written before the name
    rank: str | None = None  # "Prof": the role when nothing else names one
    job: str | None = None  # from "who teaches …": the role when there is no other
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    organisation: str | None = None


class CastQueries:
    """Look-ups over the people, organisations and mentions a cast has built."""

    _lx: Lexicon
    _pt: Patterns
    people: dict[str, PersonBuilder]
    organisations: list[str]
    mentions: list[Mention]
    acronyms: dict[str, str]
    _surnames: dict[str, str]
    _resolved: dict[str, tuple[str, bool] | None]
    _roles: dict[str, str | None]
    _role_mentions: list[tuple[int, str, str]] | None
    _role_starts: list[int]
    _mention_starts: list[int]

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
            if person.titles:  # "Gov. X" over ", a first-term Democrat and former teacher,"
                role = max(person.titles, key=len)
            else:
                role = max(person.roles, key=len) if person.roles else person.job or person.rank
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
