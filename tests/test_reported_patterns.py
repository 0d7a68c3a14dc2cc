"""Reported speech, one table per kind of statement that plain ``X said CLAUSE`` misses:
lead words before the verb, the clause before its tag, statement verbs beyond say and tell,
unnamed groups and documents. Each row: the text, then (speaker, clause) per statement."""

from __future__ import annotations

import pytest

from tests.attribution_helpers import run_attribution


def reported(text: str) -> list[tuple[str | None, str]]:
    return [(r.speaker, r.text) for r in run_attribution(text).reported]


# an auxiliary, an adverb or a time phrase between the speaker and the verb
LEAD_WORDS = [
    (
        "Sen. Mark Halvorsen has long said the program wastes money.",
        [("Mark Halvorsen", "the program wastes money")],
    ),
    (
        "Gov. Dana Whitfield now says the state cannot afford the expansion.",
        [("Dana Whitfield", "the state cannot afford the expansion")],
    ),
    (
        "Mayor Tom Reyes had told reporters the bridge would reopen in May.",
        [("Tom Reyes", "the bridge would reopen in May")],
    ),
    (
        "Rep. Lena Ortiz has repeatedly argued that the tariffs hurt farmers.",
        [("Lena Ortiz", "the tariffs hurt farmers")],
    ),
    (
        "President Carl Moore said, without offering evidence, that millions of ballots had "
        "been cast illegally.",
        [("Carl Moore", "millions of ballots had been cast illegally")],
    ),
    (
        "Treasury Secretary Alan Brody privately said for weeks that a default would be a "
        "disaster.",
        [("Alan Brody", "a default would be a disaster")],
    ),
    (
        "The Office for Statistics Regulation said in a statement it had no concerns about "
        "the timing.",
        [("Office for Statistics Regulation", "it had no concerns about the timing")],
    ),
]

# whom "told" tells, and when, before the clause
TOLD = [
    (
        "Mayor Tom Reyes told reporters Tuesday the bridge would reopen in May.",
        [("Tom Reyes", "the bridge would reopen in May")],
    ),
    (
        "Mayor Tom Reyes told members of the city council the bridge would reopen in May.",
        [("Tom Reyes", "the bridge would reopen in May")],
    ),
    (
        'Mayor Tom Reyes told CNN\'s "State of the Union" the bridge would reopen in May.',
        [("Tom Reyes", "the bridge would reopen in May")],
    ),
    (
        "Mayor Tom Reyes told reporters prices would rise.",
        [("Tom Reyes", "prices would rise")],
    ),
]

# the clause first, then its tag: "CLAUSE, X said", "CLAUSE, according to X", a tag inside
TAG_AFTER = [
    (
        "The bridge will reopen in May, Mayor Tom Reyes said.",
        [("Tom Reyes", "The bridge will reopen in May")],
    ),
    (
        "The bridge will reopen in May, according to Mayor Tom Reyes.",
        [("Tom Reyes", "The bridge will reopen in May")],
    ),
    (
        "According to the Congressional Budget Office, the bill would add $1.2 trillion to "
        "deficits.",
        [("Congressional Budget Office", "the bill would add $1.2 trillion to deficits")],
    ),
    (
        "The tariffs cost exporters 6.4 billion euros a year, according to estimates by the "
        "European Steel Association.",
        [("European Steel Association", "The tariffs cost exporters 6.4 billion euros a year")],
    ),
    # the verb before the speaker: "CLAUSE, said X" / "CLAUSE, says X, who …"
    (
        "The plan will fail without new money, said Sen. Ana Ruiz, a Democrat from Arizona.",
        [("Ana Ruiz", "The plan will fail without new money")],
    ),
    (
        "Turnout was the highest in 20 years, says Ana Ruiz, who runs the county's elections.",
        [("Ana Ruiz", "Turnout was the highest in 20 years")],
    ),
    # a tag after a short subject: the statement is the whole sentence around it
    (
        "The deal, Sen. Ana Ruiz said, would never pass the House.",
        [("Ana Ruiz", "The deal, Sen. Ana Ruiz said, would never pass the House")],
    ),
    (
        "Prices, the agency said, rose 3 percent in May, because fuel costs more.",
        [("the agency", "Prices, the agency said, rose 3 percent in May")],
    ),
    # a relative clause right after a short subject is part of the statement
    (
        "Mayor Tom Reyes said the plan, which passed in May, would cost $4 billion.",
        [("Tom Reyes", "the plan, which passed in May, would cost $4 billion")],
    ),
    # a tag after a whole clause: "because …" is no part of the statement
    (
        "The deal will fail, Sen. Ana Ruiz said, because the votes are not there.",
        [("Ana Ruiz", "The deal will fail")],
    ),
    # the speaker of "adding that" is the sentence's
    (
        "Gov. Martin Okafor said the budget was balanced, adding that no taxes would rise.",
        [("Martin Okafor", "the budget was balanced"), ("Martin Okafor", "no taxes would rise")],
    ),
    # a second speech verb of the same speaker: a statement of its own
    (
        "The association said the result was ‘a landmark night’ and confirmed that the draw "
        "would take place in Lausanne.",
        [("The association", "the draw would take place in Lausanne")],
    ),
    # a verb of the speaker after the statement is no part of it
    (
        "The rail operator SNCB said it would publish a new timetable on Monday and advised "
        "travellers to stay home.",
        [("SNCB", "it would publish a new timetable on Monday")],
    ),
    # lower-case words before the name in the tag; a decimal number ends a sentence
    (
        "About 120,000 homes were without power, utility ESB Networks said.",
        [("ESB Networks", "About 120,000 homes were without power")],
    ),
    (
        "Governor Mustafa Erkan said 14 aftershocks had been recorded, the strongest measuring "
        "4.6. Schools will be closed on Monday, the governor's office said.",
        [
            ("Mustafa Erkan", "14 aftershocks had been recorded, the strongest measuring 4.6"),
            ("the governor's office", "Schools will be closed on Monday"),
        ],
    ),
    # a participle of speech after a verb that is none: the sentence's subject speaks
    (
        "Some legal scholars have questioned that assessment, noting that she has spent only "
        "four years on the federal bench.",
        [("legal scholars", "she has spent only four years on the federal bench")],
    ),
    # two statements in one sentence
    (
        "Rep. Kyle Dempsey said any increase must come with deep cuts, and he predicted that "
        "at least 20 Republicans would vote no.",
        [
            ("Kyle Dempsey", "any increase must come with deep cuts"),
            ("Kyle Dempsey", "at least 20 Republicans would vote no"),
        ],
    ),
]

STATEMENT_VERBS = [
    (
        "Rep. John Baker denied that he had met the lobbyist.",
        [("John Baker", "he had met the lobbyist")],
    ),
    (
        "The White House acknowledged that the figures were incomplete.",
        [("White House", "the figures were incomplete")],
    ),
    (
        "Economist Lee Park predicted that inflation would ease by spring.",
        [("Lee Park", "inflation would ease by spring")],
    ),
    (
        "Sen. Ana Ruiz warned the deal would collapse without new funding.",
        [("Ana Ruiz", "the deal would collapse without new funding")],
    ),
    (
        "Sen. Ana Ruiz wrote on X that the bill was dead.",
        [("Ana Ruiz", "the bill was dead")],
    ),
    (
        "President Carl Moore tweeted that the media was lying.",
        [("Carl Moore", "the media was lying")],
    ),
]

GROUPS_AND_DOCUMENTS = [
    (
        "Farmers in the Mekong Delta say they have benefited less than traders.",
        [("Farmers in the Mekong Delta", "they have benefited less than traders")],
    ),
    (
        "Experts say the tariffs will raise prices for consumers.",
        [("Experts", "the tariffs will raise prices for consumers")],
    ),
    (
        "Critics argue that the plan favours large companies.",
        [("Critics", "the plan favours large companies")],
    ),
    (
        "A vote could come as early as next Tuesday, aides said.",
        [("aides", "A vote could come as early as next Tuesday")],
    ),
    (
        "The talks are close to a deal, three officials familiar with the negotiations said "
        "on Monday.",
        [("officials", "The talks are close to a deal")],
    ),
    (
        "The report found that wages had stagnated for a decade.",
        [("report", "wages had stagnated for a decade")],
    ),
    (
        "A Marist poll last month found that Benedetti led by nine points.",
        [("Marist", "Benedetti led by nine points")],
    ),
    (
        "The statement said the company would appeal the ruling.",
        [("The statement", "the company would appeal the ruling")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), LEAD_WORDS)
def test_lead_words_between_speaker_and_verb(text, expected):
    assert reported(text) == expected


@pytest.mark.parametrize(("text", "expected"), TOLD)
def test_told_whom_then_the_clause(text, expected):
    assert reported(text) == expected


@pytest.mark.parametrize(("text", "expected"), TAG_AFTER)
def test_clause_before_its_tag(text, expected):
    assert reported(text) == expected


@pytest.mark.parametrize(("text", "expected"), STATEMENT_VERBS)
def test_statement_verbs(text, expected):
    assert reported(text) == expected


@pytest.mark.parametrize(("text", "expected"), GROUPS_AND_DOCUMENTS)
def test_groups_and_documents(text, expected):
    assert reported(text) == expected
