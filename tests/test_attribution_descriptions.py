"""Descriptions that stand for an organisation named earlier (``the company said``,
``a council spokesman said``, ``the statement said``): one example per rule."""

from __future__ import annotations

import pytest

from tests.attribution_helpers import run_attribution


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in run_attribution(text).quotes if q.kind == "direct"]


CASES = [
    # a company introduced by an apposition, later "the company"
    (
        "MINNEAPOLIS — Halvorsen's, the 112-year-old department store chain, said it would "
        "close 38 stores.\n\n"
        'In a statement, the company said: "Stores selected for closure are unprofitable."',
        ["Halvorsen's"],
    ),
    # a company introduced by a noun right before its name
    (
        "A five-hour outage at cloud provider Stratoline took down thousands of websites.\n\n"
        "Developers were furious.\n\n"
        "Analysts expect refunds.\n\n"
        "“We have since separated those systems,” the company wrote.",
        ["Stratoline"],
    ),
    # "the journal’s editors": the journal named long before
    (
        "The study was published in the journal JAMA Pediatrics.\n\n"
        "Parents welcomed it.\n\n"
        "Teachers were split.\n\n"
        "“Later start times may narrow gaps,” the journal’s editors wrote.",
        ["JAMA Pediatrics"],
    ),
    # "the hospice": a name that ends in the noun
    (
        "Jane Marsh stole money from Little Lanterns Hospice in Norwich, the court heard.\n\n"
        "Norfolk Police said a confiscation hearing would follow.\n\n"
        "The hospice said donations had risen. ‘People have been generous,’ a spokesman said.",
        ["Little Lanterns Hospice"],
    ),
    # "a council spokesman": the organisation its modifier names
    (
        "Sheffield City Council said contingency plans were in place.\n\n"
        "Residents complained about the smell.\n\n"
        "A council spokesman said: ‘Household waste will be collected from priority areas.’",
        ["Sheffield City Council"],
    ),
    # "the agency added" after the agency's director spoke
    (
        "UNICEF said children were most at risk.\n\n"
        "The World Food Programme said it was distributing rations.\n\n"
        '"Our stocks will run out in three weeks," country director Ngozi Chukwu said.\n\n'
        '"This year is twice as bad as last year," the agency added.',
        ["Ngozi Chukwu", "World Food Programme"],
    ),
    # "the statement said": whoever issued it
    (
        "In a statement read on state television, the Interior Ministry said 54 people had "
        'died. It described the rains as "exceptional."\n\n'
        '"The government has mobilised all available means," the statement said.',
        ["Interior Ministry"],
    ),
    # "the department": the organisation that spoke, not an unnamed individual since
    (
        "A man was arrested after a standoff, Maple Heights police said.\n\n"
        "Officers were called after a woman reported that her partner was armed.\n\n"
        "He faces charges. It was not known whether he had an attorney.\n\n"
        '"This individual was in crisis," the department said in a statement.',
        ["Maple Heights police"],
    ),
    # a body named by a possessive country: "Israel's military said it …"
    (
        "Israel's military said it struck targets overnight. "
        '"We will continue to operate," it said.',
        ["Israel's military"],
    ),
    # but a person described by a possessive is the person named before
    (
        'Apple CEO Tim Cook spoke first. "We are thrilled," Apple\'s chief executive said.',
        ["Tim Cook"],
    ),
    ('"It was wrong," said the agency’s director, Jane Doe.', ["Jane Doe"]),
    # a person described by another person's possessive is not that person
    ('Tom Smith was charged. "He is innocent," Smith\'s lawyer said.', ["Smith's lawyer"]),
    (
        'Tom Smith was charged. His lawyer, Jane Doe, spoke. "He is innocent," Smith\'s lawyer '
        "said.",
        ["Jane Doe"],
    ),
    # a company known only as the subject of a sentence before
    ('Nvidia reported strong results.\n\n"Demand is strong," the company said.', ["Nvidia"]),
    ('Shares of Nvidia rose 5%.\n\n"Demand is strong," the company said.', ["Nvidia"]),
    (
        'Tom Smith reported strong results.\n\n"Demand is strong," the company said.',
        ["the company"],
    ),
    # "the president of the union": the person with that title
    (
        'Ann Lee, president of the teachers union, spoke first.\n\n"We will strike," the '
        "president of the union said.",
        ["Ann Lee"],
    ),
    # a court document speaks for whoever issued it
    (
        "Judge Ann Lee ruled on Monday. “The evidence was not close,” the ruling said.",
        ["Ann Lee"],
    ),
    # a plural group with no determiner or a quantifier is nobody named, not the last person
    ('Ann Lee spoke. "Roads will reopen," officials said.', ["officials"]),
    ('Ann Lee spoke. "Roads will reopen," several officials said.', ["several officials"]),
    # an unnamed official stays unnamed
    (
        "The Interior Ministry said 54 people had died.\n\n"
        '"We expect the toll to rise," a senior official said.',
        ["a senior official"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_description_resolves_to_organisation(text, expected):
    assert speakers(text) == expected
