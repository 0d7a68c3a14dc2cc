"""Speaker shapes of real news copy (AP, Reuters, NYT, Guardian, BBC, ANI, Al Jazeera): one
row per shape, each the last direct quote's speaker."""

from __future__ import annotations

import pytest

from tests.attribution_helpers import run_attribution


def last_speaker(text: str) -> str | None:
    quotes = [q for q in run_attribution(text).quotes if q.kind == "direct"]
    return quotes[-1].speaker if quotes else "NO QUOTE"


CASES = [
    ('"We are not going anywhere," said Tom Smith, who has lived there 30 years.', "Tom Smith"),
    ('Maria Gonzalez, 45, said: "We lost everything."', "Maria Gonzalez"),
    ('Tom Smith lives nearby.\n\n"It was loud," Smith told CNN on Tuesday.', "Tom Smith"),
    ('Ann Lee runs the shop.\n\n"Business is slow," says Lee.', "Ann Lee"),
    ('Ann Lee runs the shop.\n\n"Why now?" she asked.', "Ann Lee"),
    ('Jane Doe leads the union.\n\n"Why now?" Doe asked.', "Jane Doe"),
    ('"We will respond," the White House said in a statement.', "White House"),
    ('Asked about the delay, Jane Doe said: "We are working on it."', "Jane Doe"),
    ('"We need a border wall," said Sen. John Smith, R-Texas.', "John Smith"),
    ('"It is over," said Ms. Doe, 52.', "Doe"),
    (
        "“The economy is strong,” White House press secretary Karine Jean-Pierre told reporters.",
        "Karine Jean-Pierre",
    ),
    (
        "“It’s a disaster,” Rep. Alexandria Ocasio-Cortez, D-N.Y., posted on X.",
        "Alexandria Ocasio-Cortez",
    ),
    ("In a statement, Gov. Gavin Newsom said, “California will not be bullied.”", "Gavin Newsom"),
    (
        "Patrick Mahomes threw three touchdowns.\n\n“We needed that,” the quarterback said.",
        "Patrick Mahomes",
    ),
    (
        "Mr. Chen runs the plant. Ms. Alvarez, 38, has worked there for a decade.\n\n"
        "“It’s the only job in town,” she said.",
        "Alvarez",
    ),
    (
        "The health secretary, Wes Streeting, told the Guardian: “We inherited a broken system.”"
        "\n\nHe added that waiting lists would fall.\n\n“It won’t happen overnight,” he said.",
        "Wes Streeting",
    ),
    (
        "“If we don’t act now,” warned Dr. Sarah Kim, a cardiologist at Mount Sinai, “we will pay"
        " later.”",
        "Sarah Kim",
    ),
    (
        "Rosa Martinez opened her bakery in 1998.\n\nToday the shop employs 12 people.\n\n"
        "Her son, Diego, now runs the ovens.\n\n“He’s better than me,” she says, laughing.",
        "Rosa Martinez",
    ),
    (
        "The National Transportation Safety Board (NTSB) is investigating.\n\n"
        "“We will determine the probable cause,” the NTSB said in a statement.",
        "National Transportation Safety Board",
    ),
    ("Elon Musk tweeted: “This is insane.”", "Elon Musk"),
    (
        '"We will win," Tom Smith said Tuesday during a campaign stop in Des Moines, Iowa, where '
        "he addressed about 500 supporters in a high school gym.",
        "Tom Smith",
    ),
    (
        'Tom Smith, speaking to reporters outside the courthouse, said: "Justice was served."',
        "Tom Smith",
    ),
    (
        '"Prices will keep rising," Tom Smith, chief economist at Moody\'s Analytics, wrote in a '
        "note to clients.",
        "Tom Smith",
    ),
    (
        '"The virus does not respect borders," WHO Director-General Tedros Adhanom Ghebreyesus '
        "said.",
        "Tedros Adhanom Ghebreyesus",
    ),
    (
        '"I am honored," said Gen. Charles Q. Brown Jr., chairman of the Joint Chiefs of Staff.',
        "Charles Q. Brown Jr.",
    ),
    (
        'Brazil\'s President Luiz Inácio Lula da Silva said: "We will not accept it."',
        "Luiz Inácio Lula da Silva",
    ),
    (
        "After meeting with President Joe Biden, Ukrainian President Volodymyr Zelenskyy said the "
        'talks went well. "We are grateful."',
        "Volodymyr Zelenskyy",
    ),
    (
        "Jane Doe, 54, has lived in the house since 1990. Her neighbor, Tom Smith, 60, moved in "
        'last year.\n\n"We lost everything," Doe said.\n\n"I just got here," Smith said. '
        '"Now this."',
        "Tom Smith",
    ),
    (
        'Speaking to ANI, Congress leader Jairam Ramesh said, "The government has failed the '
        'farmers."',
        "Jairam Ramesh",
    ),
    (
        '"We have nowhere to go," Mohammed Al-Hashimi, a 45-year-old teacher, told Al Jazeera.',
        "Mohammed Al-Hashimi",
    ),
    (
        'The Pentagon said it was aware of the reports. "We are monitoring the situation '
        'closely," Pentagon press secretary Maj. Gen. Pat Ryder told reporters.',
        "Pat Ryder",
    ),
    ('"We are investigating," an Amazon spokeswoman said in an email.', "Amazon"),
    # a player introduced by a non-speech verb, then "he said"
    (
        'Lionel Messi scored twice as Inter Miami beat Orlando 3-1.\n\n"We deserved it," he said.',
        "Lionel Messi",
    ),
    ('Giannis Antetokounmpo had 30 points.\n\n"We deserved it," he said.', "Giannis Antetokounmpo"),
    ("A Downing Street spokeswoman said: 'We do not comment on leaks.'", "Downing Street"),
    (
        'The 36" main burst under Fulton Avenue.\n\n"It was loud," Ann Lee said.\n\n'
        '"Very loud," she added.',
        "Ann Lee",
    ),
    (
        "Acme Corp said profits fell. Chief executive Ann Lee blamed the weather.\n\n"
        '"We expect a recovery in the second half," it said in a statement.',
        "Acme Corp",
    ),
    (
        'The Federal Reserve held rates steady. "The economy is strong," Fed Chair Jerome Powell '
        'said at a news conference. "But inflation remains too high."',
        "Jerome Powell",
    ),
]


@pytest.mark.parametrize(("text", "speaker"), CASES)
def test_real_copy_speaker_shapes(text, speaker):
    assert last_speaker(text) == speaker
