"""Who said each quote: one table row per pattern of the field guide, and fixed failures."""

from __future__ import annotations

import pytest

from tests.attribution_helpers import run_attribution


def said(text: str) -> list[tuple[str, str | None, str]]:
    found = run_attribution(text)
    return [(q.text, q.speaker, q.kind) for q in found.quotes]


CASES = [
    # 1. colon intro
    (
        "Mayor Jane Okafor said: “We will rebuild the bridge.”",
        [("We will rebuild the bridge.", "Jane Okafor", "direct")],
    ),
    (
        "According to the Executive Director of the Harbor Trust, Lena Marsh: “Funding is secure.”",
        [("Funding is secure.", "Lena Marsh", "direct")],
    ),
    (
        "In a statement, Greater Manchester Police said: ‘We urge anyone to check ID.’",
        [("We urge anyone to check ID.", "Greater Manchester Police", "direct")],
    ),
    # 2. trailing cue, verb after or before the speaker, role words before the name
    (
        "“The plan is dead,” Senator Tom Hale said on Monday.",
        [("The plan is dead,", "Tom Hale", "direct")],
    ),
    (
        '"We are ready," said Councilwoman Maria Delgado, who backed the plan.',
        [("We are ready,", "Maria Delgado", "direct")],
    ),
    (
        '"The starter is a century old," said co-owner Ruth Bellamy, 52.',
        [("The starter is a century old,", "Ruth Bellamy", "direct")],
    ),
    (
        "“Measles anywhere is a threat,” WHO regional director Dr. Henrik Sorensen said.",
        [("Measles anywhere is a threat,", "Henrik Sorensen", "direct")],
    ),
    # 3. split quote: two spans, one speaker
    (
        "“First half,” Anna Petrov said, “second half.”",
        [("First half,", "Anna Petrov", "direct"), ("second half.", "Anna Petrov", "direct")],
    ),
    # 4. floating quote after a sentence about the speaker
    (
        "Retired teacher Harold Ng said the library changed his life. “I owe it everything.”",
        [("I owe it everything.", "Harold Ng", "direct")],
    ),
    # 5. dash
    (
        "«Another strike, another lost week.» -- Karin Vos, director general of the alliance.",
        [("Another strike, another lost week.", "Karin Vos", "direct")],
    ),
    # 6. pronouns resolve to the latest speaker, whatever their gender
    (
        "Chairman Elvira Azimova said the reforms work. “They are welcomed,” he said.",
        [("They are welcomed,", "Elvira Azimova", "direct")],
    ),
    (
        "Lisa Crane runs a bakery. “I'm not against it,” she said. “I'm against losing it.”",
        [
            ("I'm not against it,", "Lisa Crane", "direct"),
            ("I'm against losing it.", "Lisa Crane", "direct"),
        ],
    ),
    # a sentence with a pronoun subject does not change who "she" is
    (
        "Manager Siobhan Doyle praised the team.\n\nShe singled out Chloe McGrath, who scored."
        "\n\n‘Chloe has been knocking on the door,’ she said.",
        [("Chloe has been knocking on the door,", "Siobhan Doyle", "direct")],
    ),
    # descriptions: a role, a company, a spokesman of a named body
    (
        "Sen. Caleb Brandt spoke on Tuesday. “I am attacking bureaucracy,” the senator said.",
        [("I am attacking bureaucracy,", "Caleb Brandt", "direct")],
    ),
    (
        "Harbor Line Logistics Inc agreed to pay. “We are pleased,” the company said.",
        [("We are pleased,", "Harbor Line Logistics Inc", "direct")],
    ),
    (
        "A Downing Street spokesman later said: ‘There has been no change.’",
        [("There has been no change.", "Downing Street", "direct")],
    ),
    # "the 29-year-old" is the person just named; a role word before a given name is a role
    (
        "Commuter Sam Patel, 29, from Croydon, said he would work from home."
        " “It's just not worth it,” said the 29-year-old.",
        [("It's just not worth it,", "Sam Patel", "direct")],
    ),
    # an initial without a full stop; "he added" in the next paragraph
    (
        "Speaking after the talks, External Affairs Minister S Jaishankar said, “We agreed.”"
        "\n\n“Japan is a trusted partner,” he added.",
        [
            ("We agreed.", "S Jaishankar", "direct"),
            ("Japan is a trusted partner,", "S Jaishankar", "direct"),
        ],
    ),
    # a pronoun after a sentence that names the speaker by role only
    (
        "Mayor Jane Okafor opened the bridge. Critics, including Tom Hale, stayed away.\n\n"
        "The mayor spoke at length. “We are ready,” she said.",
        [("We are ready,", "Jane Okafor", "direct")],
    ),
    # 7. a person named inside the quote is not its speaker
    (
        "Commissioner Artur Lastaev spoke. “President Tokayev’s reforms work,” he said.",
        [("President Tokayev’s reforms work,", "Artur Lastaev", "direct")],
    ),
    # 8. organisations speak; acronyms resolve to the full name
    (
        "The Joint Chiefs of Staff (JCS) reported a launch. “We are watching,” the JCS said.",
        [("We are watching,", "Joint Chiefs of Staff", "direct")],
    ),
    # X of Org is X
    (
        "Detective Sergeant Kieran Wallis of Norfolk Police said: ‘This was a cynical fraud.’",
        [("This was a cynical fraud.", "Kieran Wallis", "direct")],
    ),
    # colon intro after an object or a statement
    (
        'Senator Maria Lopez told CNN: "We need answers now."',
        [("We need answers now.", "Maria Lopez", "direct")],
    ),
    (
        "Microsoft CEO Satya Nadella wrote in a blog post: “AI is the defining technology.”",
        [("AI is the defining technology.", "Satya Nadella", "direct")],
    ),
    # a first name that is also a word (Bill) is still a name
    (
        '"We lost," coach Bill Parker said. "That\'s on me."',
        [("We lost,", "Bill Parker", "direct"), ("That's on me.", "Bill Parker", "direct")],
    ),
    # a description with a comma before the named speaker
    (
        "“It is over,” the agency’s director general, Oluwaseun Adeyemi, told AP.",
        [("It is over,", "Oluwaseun Adeyemi", "direct")],
    ),
    (
        '"We cannot wait," Catalan climate action minister Nuria Puigdollers said.',
        [("We cannot wait,", "Nuria Puigdollers", "direct")],
    ),
    # an indefinite description is someone new, not the last speaker
    (
        "\"Rates are high,\" Sen. Tim Scott said. 'We will see,' one trader said.",
        [("Rates are high,", "Tim Scott", "direct"), ("We will see,", "one trader", "direct")],
    ),
    # a fragment inside a sentence belongs to that sentence's speaker, not to the next one's
    (
        "The White House said the decision was “a sign of a strong economy.” Treasury"
        " Secretary Janet Yellen told CNBC: “I think the economy is in a good place.”",
        [
            ("a sign of a strong economy.", "White House", "partial"),
            ("I think the economy is in a good place.", "Janet Yellen", "direct"),
        ],
    ),
    # a given name before a word that is usually not a name
    (
        "Sarah House, senior economist at Wells Fargo, said the Fed was cautious."
        " “They’ve been burned before,” she said.",
        [("They’ve been burned before,", "Sarah House", "direct")],
    ),
    # an organisation described but never named stays as written
    (
        "Ukraine said it downed 40 drones.\n\n“The enemy attacked from three directions,”"
        " the air force said.",
        [("The enemy attacked from three directions,", "the air force", "direct")],
    ),
    # the spokesperson of a named body speaks for it; a quote ends a role walk
    (
        "Its leader, Kevin Courtney, told the Guardian: ‘Nobody wants a strike in February.’"
        " The education secretary, Gillian Keegan, disagreed. ‘We made a fair offer,’ she said."
        " A Department for Education spokesperson said: ‘Schools should stay open.’",
        [
            ("Nobody wants a strike in February.", "Kevin Courtney", "direct"),
            ("We made a fair offer,", "Gillian Keegan", "direct"),
            ("Schools should stay open.", "Department for Education", "direct"),
        ],
    ),
    # a nationality inside a description is not the speaker
    (
        '"There is no deal," a senior Israeli official told Reuters.',
        [("There is no deal,", "a senior Israeli official", "direct")],
    ),
    # surnames resolve to the full name given elsewhere
    (
        "Luis Ortega hit a homer. ``I was trying not to do too much,'' Ortega said.",
        [("I was trying not to do too much,", "Luis Ortega", "direct")],
    ),
    # a title written in full ends its sentence; an abbreviated one does not
    (
        'Sen. Ted Cruz spoke in Iowa. "We will win," said the senator. "Believe me."',
        [("We will win,", "Ted Cruz", "direct"), ("Believe me.", "Ted Cruz", "direct")],
    ),
    (
        'Mayor Jane Doe met the candidate. "It went well," she said.',
        [("It went well,", "Jane Doe", "direct")],
    ),
    # the one a response came from speaks next
    (
        "Donald Trump spoke on Monday. Trump's speech drew a sharp response from House Speaker "
        'Paul Ryan. "That\'s not who we are," he said.',
        [("That's not who we are,", "Paul Ryan", "direct")],
    ),
    # the one named in an "Asked whether X …," clause is not the one who answers
    (
        "Former Gov. Peter Lindqvist was blunter. Asked whether Gov. Dale Hartley was ready, "
        'he paused. "No," he said.',
        [("No,", "Peter Lindqvist", "direct")],
    ),
    # a participle or a listener between the verb and the quote
    (
        'Rep. Tom Haldane posted on X, writing, "Democracy is loud. I will keep showing up."',
        [("Democracy is loud. I will keep showing up.", "Tom Haldane", "direct")],
    ),
    (
        'Leader Kurt Reinholt called the governor. He told me, "My caucus will not move."',
        [("My caucus will not move.", "Kurt Reinholt", "direct")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_speaker_patterns(text, expected):
    assert said(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # scare quotes and titles are not quotes
        ("The ‘listening state’ concept was discussed.", []),
        ('The "Harbor Loaf" won the prize.', []),
        # a partial quote woven into paraphrase is kept apart
        (
            "Cathy Ruiz called the settlement “a rounding error” for the company.",
            [("a rounding error", "Cathy Ruiz", "partial")],
        ),
        # a title at the start of a sentence is not made a quote by a later cue
        ('"Oppenheimer" won best picture, the Academy said.', []),
        # a short quote with a cue is a real quote
        ("“A little,” he said.", [("A little,", None, "direct")]),
        # a short quote that is a whole sentence after a split quote stays a quote
        (
            "“I was wrong, and happy to be,” Bethan Price said. “Diolch — thank you.”",
            [
                ("I was wrong, and happy to be,", "Bethan Price", "direct"),
                ("Diolch — thank you.", "Bethan Price", "direct"),
            ],
        ),
    ],
)
def test_what_is_and_is_not_a_quote(text, expected):
    assert said(text) == expected


def test_quote_after_a_time_abbreviation_starts_a_sentence():
    text = (
        "“The family was out,” Police Chief Anthony Russo told reporters at 4 a.m. "
        "“After that, it was about patience.”"
    )
    assert said(text)[1] == ("After that, it was about patience.", "Anthony Russo", "direct")


def test_multi_paragraph_quote_has_one_speaker():
    text = (
        "Evelyn Hartford, 71, fled her home. She said she saw the glow.\n\n"
        "“I have never seen it come that fast.\n\n"
        "“I don’t know if there’s a house anymore.”"
    )
    assert said(text) == [
        ("I have never seen it come that fast.", "Evelyn Hartford", "direct"),
        ("I don’t know if there’s a house anymore.", "Evelyn Hartford", "direct"),
    ]


def test_quote_counts_follow_the_speakers():
    found = run_attribution(
        "“One,” Anna Petrov said. “Two.” Mark Holloway arrived. “Three,” Holloway said."
    )
    counts = {p.name: p.quotes for p in found.people}
    assert counts == {"Anna Petrov": 2, "Mark Holloway": 1}


def test_headline_quote_repeating_a_body_quote_takes_its_speaker():
    from ingest import analyze

    text = (
        "‘I thought I was going to die’: Widow tells jury of raid\n\n"
        "Margaret Pryce, 79, gave evidence on Tuesday.\n\n"
        "Mrs Pryce said: ‘He pushed me. I thought I was going to die.’"
    )
    found = analyze(text)
    assert [(q.text, q.speaker) for q in found.quotes] == [
        ("I thought I was going to die", "Margaret Pryce"),
        ("He pushed me. I thought I was going to die.", "Margaret Pryce"),
    ]
    assert {p.name: p.quotes for p in found.people} == {"Margaret Pryce": 1}
