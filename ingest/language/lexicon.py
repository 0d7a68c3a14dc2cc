"""Word lists the extractor relies on, loaded once from ``ingest/language/data/*.txt``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources


def _words(name: str) -> frozenset[str]:
    raw = resources.files("ingest.language").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower()
        for line in raw.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, factored by common prefixes (a trie), which the
    regex engine scans several times faster than a flat alternation. Spaces match any
    whitespace. Use it between word boundaries: a shorter word may match a longer one's start."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        alts = [
            (r"\s+" if ch == " " else re.escape(ch)) + build(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not alts:
            return ""
        if "" in node:
            return "(?:" + "|".join(alts) + ")?"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return "(?:" + build(trie) + ")"


def _alternation(words: frozenset[str]) -> str:
    return trie_pattern(words)


@dataclass(frozen=True, slots=True)
class Lexicon:
    speech_verbs: frozenset[str]
    titles: frozenset[str]
    honorifics: frozenset[str]
    pronouns: frozenset[str]
    organisation_words: frozenset[str]
    places: frozenset[str]
    non_name_words: frozenset[str]
    descriptions: frozenset[str]
    connectors: frozenset[str]
    role_openers: frozenset[str]
    name_particles: frozenset[str]
    name_suffixes: frozenset[str]
    company_words: frozenset[str]
    hyphen_suffixes: frozenset[str]
    given_names: frozenset[str]
    name_blockers: frozenset[str]
    role_modifiers: frozenset[str]
    prepositions: frozenset[str]
    company_nouns: frozenset[str]
    abbreviations: frozenset[str]
    spokesperson_words: frozenset[str]
    known_organisations: frozenset[str]
    document_nouns: frozenset[str]
    person_descriptors: frozenset[str]
    person_nouns: frozenset[str]
    two_letter_caps: frozenset[str]
    common_words: frozenset[str]  # frequent English words that are not given names
    common_given_names: frozenset[str]  # the hand-kept list: strong evidence on their own
    surnames: frozenset[str]  # frequent surnames that are not English words
    word_surnames: frozenset[str]  # frequent surnames that are English words too: "swift"
    thing_nouns: frozenset[str]  # "airport" in "Charles de Gaulle airport"
    rank_honorifics: frozenset[str]  # "Prof", "Dr": a role when nothing else names one
    big_cities: frozenset[str]  # "munich": "Bayern Munich" is a club
    foreign_articles: frozenset[str]  # "der", "le": "Der Spiegel", "Le Monde"
    multiword_places: frozenset[str]  # "hong kong", "abu dhabi"

    @property
    def verb_pattern(self) -> str:
        return _alternation(self.speech_verbs)

    @property
    def title_pattern(self) -> str:
        return _alternation(self.titles)

    @property
    def honorific_pattern(self) -> str:
        return _alternation(self.honorifics)

    @property
    def description_pattern(self) -> str:
        return _alternation(self.descriptions)

    def is_name_token(self, token: str) -> bool:
        """Whether a capitalised token can be part of a person's name."""
        low = token.lower().rstrip(".")
        if token.isupper() and len(token) > 1 and not token.endswith("."):
            return False  # acronyms: UN, EU, UNDP
        return not (
            low in self.non_name_words
            or low in self.organisation_words
            or (low in self.places and len(low) > 2)
            or low in self.titles
            or (low.endswith("s") and low[:-1] in self.titles)  # "Trustees", "Writers"
            or low in self.honorifics
            or low in self.speech_verbs
        )


@cache
def lexicon() -> Lexicon:
    return Lexicon(
        speech_verbs=_words("speech_verbs.txt"),
        titles=_words("titles.txt"),
        honorifics=_words("honorifics.txt"),
        pronouns=_words("pronouns.txt"),
        organisation_words=_words("organisation_words.txt"),
        places=_words("places.txt"),
        non_name_words=_words("non_name_words.txt"),
        descriptions=_words("descriptions.txt"),
        connectors=_words("connectors.txt"),
        role_openers=_words("role_openers.txt"),
        name_particles=_words("name_particles.txt"),
        name_suffixes=_words("name_suffixes.txt"),
        company_words=_words("company_words.txt"),
        hyphen_suffixes=_words("hyphen_suffixes.txt"),
        given_names=_words("given_names.txt") | _words("given_names_world.txt"),
        name_blockers=_words("name_blockers.txt"),
        role_modifiers=_words("role_modifiers.txt"),
        prepositions=_words("prepositions.txt"),
        company_nouns=_words("company_nouns.txt"),
        abbreviations=_words("abbreviations.txt"),
        spokesperson_words=_words("spokesperson_words.txt"),
        known_organisations=_words("known_organisations.txt"),
        document_nouns=_words("document_nouns.txt"),
        person_descriptors=_words("person_descriptors.txt"),
        person_nouns=_words("person_nouns.txt"),
        two_letter_caps=_words("two_letter_caps.txt"),
        common_words=_words("common_words.txt"),
        common_given_names=_words("given_names.txt"),
        surnames=_words("surnames.txt"),
        word_surnames=_words("surnames_words.txt"),
        thing_nouns=_words("thing_nouns.txt"),
        rank_honorifics=_words("rank_honorifics.txt"),
        big_cities=_words("big_cities.txt"),
        foreign_articles=_words("foreign_articles.txt"),
        multiword_places=_words("places_multiword.txt"),
    )
