"""Trailing cues of real copy that name the speaker in a less common shape (example table)."""

from __future__ import annotations

import pytest

from tests.attribution_helpers import run_attribution


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in run_attribution(text).quotes if q.kind == "direct"]


CASES = [
    # a lower-case role modifier before the title: "former President X said"
    (
        '"This is a good day for America," former President Barack Obama said.',
        ["Barack Obama"],
    ),
    ("“We will be back,” acting Gov. Ann Lee said.", ["Ann Lee"]),
    # "the 62-year-old said": the person just named
    (
        "John Smith, 62, disagreed. “That is nonsense,” the 62-year-old said.",
        ["John Smith"],
    ),
    # a company whose name ends in an abbreviation
    ("“We are disappointed,” Acme Corp. said in a filing.", ["Acme Corp."]),
    # a party-state tag between the name and its role is no name
    (
        "Rep. Jim Jordan, R-Ohio, chairman of the Judiciary Committee, said in a letter: "
        '"The committee expects answers."',
        ["Jim Jordan"],
    ),
    # a short quote whose cue names an unnamed individual is still a quote
    (
        '"They wanted me gone," said the former employee, who asked not to be named.',
        ["the former employee"],
    ),
    ('Jane Doe, 34, fled with her children. "We ran," the woman said.', ["Jane Doe"]),
    # less common speech verbs of real copy
    ('"It is fine," Tom Smith asserted.', ["Tom Smith"]),
    ('"Get out now!" Tom Smith screamed.', ["Tom Smith"]),
    ('"Not again," Ann Lee muttered.', ["Ann Lee"]),
    # a one-word name set off after a kinship word
    (
        "Speaking outside court, Mrs Patel's daughter, Anjali, said: 'Justice has been done.'",
        ["Anjali"],
    ),
    # a spokesperson speaks for the person named; a lawyer is someone else
    ('"He will not resign," a spokesperson for Sen. Tom Smith said.', ["Tom Smith"]),
    ('"He is innocent," a lawyer for Tom Smith said.', ["a lawyer"]),
    ('A lawyer for Tom Smith said: "He is innocent."', ["A lawyer"]),
    ('A spokesperson for Tom Smith said: "He will not resign."', ["Tom Smith"]),
    # a described speaker named in apposition after the cue
    (
        "'We will act,' said the Labour MP for Bristol West, Thangam Debbonaire.",
        ["Thangam Debbonaire"],
    ),
    ("'We will act,' said the prime minister, Keir Starmer.", ["Keir Starmer"]),
    # a firm named with a possessive
    ('"Prices will rise," Sainsbury\'s said in a statement.', ["Sainsbury's"]),
    # a cue whose noun no list knows: someone new, never the last person named
    (
        "Fiona Kettering spoke first. One senior backbencher said: ‘Colleagues are angry.’",
        ["One senior backbencher"],
    ),
    ("Ann Lee spoke first. “No,” the backbencher said.", ["Ann Lee"]),
    # a name with the Kikuyu particle "wa"
    ("“I’m thrilled,” said Ngũgĩ wa Thiong’o.", ["Ngũgĩ wa Thiong’o"]),
    # the person in an apposition after a described speaker
    ('"He is innocent," said Smith\'s lawyer, John Doe.', ["John Doe"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_trailing_cue_shapes(text, expected):
    assert speakers(text) == expected
