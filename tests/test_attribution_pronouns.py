"""Pronouns and person descriptions across sentences and paragraphs: one example per rule."""

from __future__ import annotations

import pytest

from tests.attribution_helpers import run_attribution


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in run_attribution(text).quotes if q.kind == "direct"]


CASES = [
    # "she said" after a man spoke: the latest speaker already called "she"
    (
        "“People think it’s sentimental,” Maeve Doyle said. “It isn’t.”\n\n"
        "“I was the first woman out here,” she said.\n\n"
        "Its president, Gerald Fitch, said the society charges her a dollar a year.\n\n"
        "“Honestly, we’re getting the better end of that deal,” he said.\n\n"
        "Visitors sometimes ask her whether she is lonely. She tends to laugh.\n\n"
        "“Lonely? I have the lake,” she said.",
        ["Maeve Doyle", "Maeve Doyle", "Maeve Doyle", "Gerald Fitch", "Maeve Doyle"],
    ),
    # a floating quote after "She …": she is not the man who spoke last, but the woman
    # named before him, though she was never called "she" yet
    (
        "“People think it’s sentimental,” Maeve Doyle said.\n\n"
        "Its president, Gerald Fitch, said the society charges her a dollar a year.\n\n"
        "“Honestly, we’re getting the better end of that deal,” he said.\n\n"
        "Visitors ask her whether she is lonely. She tends to laugh. “Lonely? I have the lake.”",
        ["Maeve Doyle", "Gerald Fitch", "Maeve Doyle"],
    ),
    # a kinship word tells the pronoun: "her son, Diego," is not "she"
    (
        "Rosa Martinez opened her bakery in 1998.\n\nHer son, Diego, now runs the ovens.\n\n"
        "“He’s better than me,” she says, laughing.",
        ["Rosa Martinez"],
    ),
    # an honorific tells the pronoun: "she said" after Mr Pettigrew spoke is Ms Adeyemi's
    (
        "Graham Pettigrew, 67, said the bins were full. Chloe Adeyemi said it smelled.\n\n"
        "‘It is awful,’ Mr Pettigrew said.\n\n"
        "Ms Adeyemi has a baby. ‘The baby cannot sleep,’ she said.",
        ["Graham Pettigrew", "Chloe Adeyemi"],
    ),
    (
        "Graham Pettigrew and Chloe Adeyemi live on the street. Ms Adeyemi has a baby.\n\n"
        "‘It is awful,’ Mr Pettigrew said.\n\n"
        "‘The baby cannot sleep,’ she said.",
        ["Graham Pettigrew", "Chloe Adeyemi"],
    ),
    # "Dr" tells no pronoun
    (
        "Dr Ann Lee and Tom Reed spoke. Dr Lee leads the team.\n\n“We are ready,” she said.",
        ["Ann Lee"],
    ),
    # wire copy that calls a woman "he" throughout still resolves to her
    (
        "Deputy Chairperson Dinara Sarsenbayeva opened the forum.\n\n"
        "“Digital services reach every village,” he said.\n\n"
        "“We will add ten more,” he added.",
        ["Dinara Sarsenbayeva", "Dinara Sarsenbayeva"],
    ),
    # a capitalised description of a person already named: party, nationality
    (
        "Sen. Margaret Doyle of Arizona led the talks. Sen. Tom Reed voted against.\n\n"
        "“We will remember this,” Reed said.\n\n"
        "For Doyle, the defeat was personal. She said she would tour border towns.\n\n"
        "“I owe them that,” the Arizona Democrat said.",
        ["Tom Reed", "Margaret Doyle"],
    ),
    (
        "Carlos Alcaraz beat Jannik Sinner in four sets.\n\n“It was a battle,” the Spaniard said.",
        ["Carlos Alcaraz"],
    ),
    # "According to X, …": a floating quote after it is X's
    (
        'According to Jane Doe, the plan failed. "It was doomed from the start."',
        ["Jane Doe"],
    ),
    (
        'Lionel Messi, 37, scored twice against Mexico. "We deserved it," the Argentine said.',
        ["Lionel Messi"],
    ),
    # "she said" with nobody known as a person before: the name opening a sentence before
    ('Zendaya Coleman won the award on Sunday.\n\n"I am shocked," she said.', ["Zendaya Coleman"]),
    ('Real Madrid beat Barcelona.\n\n"We are happy," he said.', [None]),
    # an acronym speaks for the organisation spelled out before
    (
        "The World Food Programme said it was distributing rations.\n\n"
        "Flooding has cut roads to 40 villages, WFP said.\n\n"
        "“We are racing against time,” the agency said.",
        ["World Food Programme"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_pronouns_and_descriptions(text, expected):
    assert speakers(text) == expected
