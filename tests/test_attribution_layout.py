"""Speakers the article's layout gives (transcript turns, vox-pop name lines, the sentence
after a quote, the turns of a conversation) and quoted words that are no speech (sign-offs,
song titles and lyrics): one table row per pattern, the false kinds included."""

from __future__ import annotations

import pytest

from tests.attribution_helpers import run_attribution


def direct(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in run_attribution(text).quotes if q.kind == "direct"]


TURNS = [
    # an AP fact check: the claim under a speaker's label, THE FACTS under none
    (
        "Republican Gregory Vance and Democrat Alicia Moreno debated on Thursday.\n\n"
        'VANCE: "Ohio lost 40,000 jobs under her policies."\n\n'
        "THE FACTS: Most of the loss came during the pandemic.\n\n"
        'MORENO: "We brought back more factory jobs than at any point since the 1990s."\n\n'
        "THE FACTS: That's an overstatement, state figures show.\n\n"
        'VANCE: "She voted to defund the police. Twice."',
        [
            ("Ohio lost 40,000 jobs under her policies.", "Gregory Vance"),
            (
                "We brought back more factory jobs than at any point since the 1990s.",
                "Alicia Moreno",
            ),
            ("She voted to defund the police. Twice.", "Gregory Vance"),
        ],
    ),
    # the occasion after a dash, a description after the label (AP style)
    (
        "President Donald Trump spoke about the Russia investigation and the wall.\n\n"
        'TRUMP: "This investigation is a witch hunt." — CBS interview, broadcast Sunday.\n\n'
        "THE FACTS: His former lawyer has implicated him.\n\n"
        'TRUMP, assailing Democrats on energy: "The windmill calamity is so sad." — rally '
        "in Ohio.",
        [
            ("This investigation is a witch hunt.", "Donald Trump"),
            ("The windmill calamity is so sad.", "Donald Trump"),
        ],
    ),
    # turns without quotation marks still speak: "she said" after them is the guest's
    (
        "Sen. Marisa Kendrick sat down with host Bill Harmon on Sunday.\n\n"
        "HARMON: Why not take the win?\n\n"
        "KENDRICK: Because it isn't a win.\n\n"
        '"I\'ll be back," she said as the segment ended.',
        [("I'll be back,", "Marisa Kendrick")],
    ),
    # a topic after the label
    (
        "Gov. Helen Ashworth spoke to the Ledger on Tuesday.\n\n"
        'ASHWORTH ON TRANSIT: "If the buses stop, people can\'t get to work."',
        [("If the buses stop, people can't get to work.", "Helen Ashworth")],
    ),
    # Q and A: the answers are the interviewee's (the person the intro is about); a quote
    # with its own cue inside an answer keeps that cue's speaker
    (
        "Gov. Helen Ashworth has not had a budget for 41 days. Ashworth spoke in her office.\n\n"
        "Q: Leader Kurt Reinholt says you won't call him.\n\n"
        "A: That's not true. \"I called him Sunday night, and I'll call again.\"\n\n"
        "Q: What did he say?\n\n"
        'A: He told me, "Governor, my caucus won\'t move on wages."',
        [
            ("I called him Sunday night, and I'll call again.", "Helen Ashworth"),
            ("Governor, my caucus won't move on wages.", "Kurt Reinholt"),
        ],
    ),
    # New York Times style: "Q." and "A." with a stop
    (
        "Gov. Helen Ashworth has not had a budget for 41 days. Ashworth spoke in her office.\n\n"
        "Q. Are you running again?\n\n"
        'A. Ask me after the budget. "No" isn\'t an answer, and neither is "yes." '
        '"I have a job to finish first."',
        [("I have a job to finish first.", "Helen Ashworth")],
    ),
    # no question anywhere: "A." is an initial
    (
        "Civil rights leader A. Philip Randolph spoke in 1963. Bayard Rustin organized the "
        "march, and Rustin chose the speakers.\n\n"
        'A. Philip Randolph then took the stage. "We are the advance guard."',
        [("We are the advance guard.", "A. Philip Randolph")],
    ),
    # a cable transcript: the host's turns are the host's, the guest's the guest's
    (
        'Wade Brooks appeared on "The Evening Edition" with host Ray Lindgren.\n\n'
        'LINDGREN: "Her campaign says you\'re hiding."\n\n'
        "BROOKS: \"Hiding? I've done 40 town halls. She's done four.\"\n\n"
        'LINDGREN: "So when?"',
        [
            ("Her campaign says you're hiding.", "Ray Lindgren"),
            ("Hiding? I've done 40 town halls. She's done four.", "Wade Brooks"),
            ("So when?", "Ray Lindgren"),
        ],
    ),
    # "I" in a turn is the one speaking it
    (
        "Gov. Helen Ashworth and Leader Kurt Reinholt met on Sunday.\n\n"
        'REINHOLT: She called me, and I said, "Governor, my caucus won\'t move."\n\n'
        "ASHWORTH: That's not how I remember it.",
        [("Governor, my caucus won't move.", "Kurt Reinholt")],
    ),
    # a label that names nobody known is no turn
    (
        "Gov. Dale Hartley spoke at the Software Update conference.\n\n"
        'Update, 5:30 p.m.: "The session has moved to Room 4."',
        [("The session has moved to Room 4.", "Dale Hartley")],
    ),
    # a label in capitals for a name with an inner capital; a one-word label in title case
    (
        "Sen. John McCain and Gov. Rita Calloway met voters in Reno.\n\n"
        'MCCAIN: "We will fix the VA."\n\n'
        'Calloway: "We have heard that before."',
        [("We will fix the VA.", "John McCain"), ("We have heard that before.", "Rita Calloway")],
    ),
    # a transcript: labels that open several paragraphs are speakers, known or not
    (
        "The senator sat down with NBC on Sunday. Here is the transcript.\n\n"
        'Chuck Todd: "Are you running?"\n\n'
        'Nora Castellano: "Not this year."\n\n'
        'Chuck Todd: "Why not?"\n\n'
        'Nora Castellano: "Because Michigan needs me in the Senate."',
        [
            ("Are you running?", "Chuck Todd"),
            ("Not this year.", "Nora Castellano"),
            ("Why not?", "Chuck Todd"),
            ("Because Michigan needs me in the Senate.", "Nora Castellano"),
        ],
    ),
    # vox pop with the name first, before a colon
    (
        "Voters at a market in Lansing were split.\n\n"
        "Gerald Fitzwater, 66, retired autoworker, Lansing: \"Just tell me how you'll keep "
        'the plant open."\n\n'
        'Amara Nwosu, 29, teacher, East Lansing: "If you want my vote, show up."',
        [
            ("Just tell me how you'll keep the plant open.", "Gerald Fitzwater"),
            ("If you want my vote, show up.", "Amara Nwosu"),
        ],
    ),
]

NAME_LINES = [
    # the dash line right under the quote (one paragraph, two lines)
    (
        "Here is what caucusgoers told the Register.\n\n"
        "\"I've never missed a caucus. The economy is all I'm voting on.\"\n"
        "— Harold Lindqvist, 74, retired farmer, Ankeny\n\n"
        '"I came for my daughter. It\'s her first one."\n'
        "— Renee Oduya, 46, nurse, West Des Moines",
        [
            ("I've never missed a caucus. The economy is all I'm voting on.", "Harold Lindqvist"),
            ("I came for my daughter. It's her first one.", "Renee Oduya"),
        ],
    ),
    # the name in a paragraph of its own after the quote, no dash
    (
        "Here is what caucusgoers told the Register.\n\n"
        '"Prices. Groceries, rent, gas. Nobody notices."\n\n'
        "Marisol Vega-Huerta, 38, restaurant manager, Des Moines\n\n"
        '"I want somebody who will stop the shouting."\n\n'
        "Dwight Amundsen, 67, pastor, Boone",
        [
            ("Prices. Groceries, rent, gas. Nobody notices.", "Marisol Vega-Huerta"),
            ("I want somebody who will stop the shouting.", "Dwight Amundsen"),
        ],
    ),
    # a line with only a name the article gives elsewhere
    (
        "Harold Lindqvist and Renee Oduya came early to vote.\n\n"
        '"I\'ve never missed a caucus."\n\n'
        "Harold Lindqvist\n\n"
        '"I came for my daughter."\n\n'
        "Renee Oduya",
        [
            ("I've never missed a caucus.", "Harold Lindqvist"),
            ("I came for my daughter.", "Renee Oduya"),
        ],
    ),
    # a list that gives the names first
    (
        "Here is what caucusgoers told the Register.\n\n"
        "Marisol Vega-Huerta, 38, restaurant manager, Des Moines\n\n"
        '"Prices. Groceries, rent, gas. Nobody notices."\n\n'
        "Dwight Amundsen, 67, pastor, Boone\n\n"
        '"I want somebody who will stop the shouting."',
        [
            ("Prices. Groceries, rent, gas. Nobody notices.", "Marisol Vega-Huerta"),
            ("I want somebody who will stop the shouting.", "Dwight Amundsen"),
        ],
    ),
]

NAME_LINES += [
    # "of Place" after the name; a tweet's signature line
    (
        "Voters in Ohio spoke to the Blade.\n\n"
        '"I voted for him twice and I\'d do it again."\n\n'
        "— Tom Brandt of Toledo\n\n"
        '"Crooked Hillary should never be allowed near the White House."\n\n'
        "— Donald J. Trump (@realDonaldTrump) October 10, 2016",
        [
            ("I voted for him twice and I'd do it again.", "Tom Brandt"),
            ("Crooked Hillary should never be allowed near the White House.", "Donald J. Trump"),
        ],
    ),
]

NAME_LINES += [
    # the name and a colon on a line of their own, the quote under it
    (
        "Here is what caucusgoers told the Register.\n\n"
        "Harold Lindqvist, 74, retired farmer, Ankeny:\n\n"
        '"I\'ve never missed a caucus."\n\n'
        "Renee Oduya, 46, nurse, West Des Moines:\n\n"
        '"I came for my daughter."',
        [
            ("I've never missed a caucus.", "Harold Lindqvist"),
            ("I came for my daughter.", "Renee Oduya"),
        ],
    ),
]

NAME_LINES += [
    # names in capitals, as some papers print them
    (
        "Here is what voters said.\n\n"
        '"I came to see history."\n\n'
        "DOROTHY KLEIN, 71, Cedar Rapids\n\n"
        '"The economy, period."\n\n'
        "SEAN MCALLISTER, 52, Davenport",
        [("I came to see history.", "Dorothy Klein"), ("The economy, period.", "Sean Mcallister")],
    ),
]

NEXT_SENTENCE = [
    (
        'Sheriff Mark Delacroix introduced Gov. Dale Hartley.\n\n"Nobody has done more for the '
        'border than this man." That was the verdict of Delacroix, who praised his record.',
        [("Nobody has done more for the border than this man.", "Mark Delacroix")],
    ),
    (
        "Gov. Dale Hartley spoke for an hour in Phoenix.\n\n"
        '"We are going to win this state back." Hartley made the promise minutes into a speech.',
        [("We are going to win this state back.", "Dale Hartley")],
    ),
    (
        "Senator Nora Castellano called the answer a dodge.\n\n"
        '"Michigan deserves to hear from both candidates." The statement came from campaign '
        "manager Irene Solberg shortly after the interview aired.",
        [("Michigan deserves to hear from both candidates.", "Irene Solberg")],
    ),
    (
        "The Senate wants cuts; Gov. Helen Ashworth wants a raise for workers. "
        '"I\'m not going to blink first." Ashworth said it twice during an interview.',
        [("I'm not going to blink first.", "Helen Ashworth")],
    ),
    (
        "Gov. Helen Ashworth took questions.\n\n"
        '"She is holding the state hostage." That is how Senate Majority Leader Kurt Reinholt, '
        "R-Lancaster, described the governor's position.",
        [("She is holding the state hostage.", "Kurt Reinholt")],
    ),
    # the quote a paragraph of its own, its speaker named at the start of the next one
    (
        '"We are going to build it, and it will be beautiful."\n\n'
        "So said Gov. Dale Hartley on Tuesday, standing at the border fence in Yuma.",
        [("We are going to build it, and it will be beautiful.", "Dale Hartley")],
    ),
    (
        'Donald Trump spoke in Ohio.\n\n"It\'s rigged." Trump has said it again and again.',
        [("It's rigged.", "Donald Trump")],
    ),
    (
        'Sen. Marisa Kendrick and Gov. Dale Hartley met.\n\n"A total disaster." Kendrick\'s '
        "tweet came an hour after the vote.",
        [("A total disaster.", "Marisa Kendrick")],
    ),
    (
        'Donald Trump spoke in June.\n\n"We will build the wall." That promise, made by Trump '
        "in 2015, became the center of his campaign.",
        [("We will build the wall.", "Donald Trump")],
    ),
    (
        '"We will not back down."\n\nThe words were spoken by Gov. Dale Hartley in 2019.',
        [("We will not back down.", "Dale Hartley")],
    ),
    # not so: a quote that goes on from one attributed in its paragraph keeps its speaker
    (
        'Donald Trump spoke in Ohio. "We will win," Trump said. "That\'s for sure." That\'s '
        "something Hillary Clinton disputes.",
        [("We will win,", "Donald Trump"), ("That's for sure.", "Donald Trump")],
    ),
    # but after a partial quote the sentence after still names the speaker
    (
        'Sen. Nora Castellano\'s campaign called it "a dodge." "Voters deserve answers." The '
        "statement came from campaign manager Irene Solberg.",
        [("Voters deserve answers.", "Irene Solberg")],
    ),
    # not so: the next sentence about someone answering it
    (
        'Donald Trump spoke in Ohio. "Mexico will pay." The remarks drew a rebuke from House '
        "Speaker Paul Ryan.",
        [("Mexico will pay.", "Donald Trump")],
    ),
    # not so: a new sentence about someone else leaves the quote to the one before
    (
        'Mayor Jane Okafor said the plan would fail. "It is a disaster." Councilman Tom Reyes '
        "said the plan would work.",
        [("It is a disaster.", "Jane Okafor")],
    ),
]

CONVERSATION = [
    # a conversation in short paragraphs: unattributed turns alternate
    (
        "Sen. Paul Okafor sat down across from Gloria Petrakis, 81.\n\n"
        '"You\'re the one running for president?" Petrakis asked.\n\n'
        '"I\'m trying to," Okafor said.\n\n'
        '"Then tell me what you\'re going to do about my heating bill."\n\n'
        '"Lower it. We\'re going to cap what the utilities charge."',
        [
            ("You're the one running for president?", "Gloria Petrakis"),
            ("I'm trying to,", "Paul Okafor"),
            ("Then tell me what you're going to do about my heating bill.", "Gloria Petrakis"),
            ("Lower it. We're going to cap what the utilities charge.", "Paul Okafor"),
        ],
    ),
    # the one who asked in the narrative answers back
    (
        'Terrence Mills, 19, was having less luck. "It\'s fine," Mills said.\n\n'
        "The field director, Alana Brooks, walked by. She stopped beside Mills and asked him "
        'how many contacts he had. "Nine," he said.\n\n'
        '"Nine\'s good. Keep going."',
        [
            ("It's fine,", "Terrence Mills"),
            ("Nine,", "Terrence Mills"),
            ("Nine's good. Keep going.", "Alana Brooks"),
        ],
    ),
    # not so when the quote goes on with "And …"
    (
        "The moderator, Lester Holt, questioned Hillary Clinton.\n\n"
        '"Do you trust him?" Holt asked.\n\n'
        '"I do," Clinton said.\n\n'
        '"And I think he knows it."',
        [
            ("Do you trust him?", "Lester Holt"),
            ("I do,", "Hillary Clinton"),
            ("And I think he knows it.", "Hillary Clinton"),
        ],
    ),
    # not so without a question: a quote paragraph goes on with the speaker before
    (
        "Sen. Paul Okafor and Gov. Rita Calloway spoke at the fair.\n\n"
        '"We will win Nevada," Calloway said.\n\n'
        '"We have the ground game," Okafor said.\n\n'
        '"And we have the money to keep it going until November."',
        [
            ("We will win Nevada,", "Rita Calloway"),
            ("We have the ground game,", "Paul Okafor"),
            ("And we have the money to keep it going until November.", "Paul Okafor"),
        ],
    ),
]

CONVERSATION += [
    # not so when the one who asked is not named: a reporter's question, then the answer
    (
        "Gov. Rita Calloway took questions after the vote.\n\n"
        '"Will you run again?" a reporter asked.\n\n'
        '"No," Calloway said.\n\n'
        '"Not now, not ever. I have done my part."',
        [
            ("Will you run again?", "a reporter"),
            ("No,", "Rita Calloway"),
            ("Not now, not ever. I have done my part.", "Rita Calloway"),
        ],
    ),
]

CONVERSATION += [
    # the one asked answers; but not the one asked to do something
    (
        'Gov. Mike Pence asked Sen. Tim Kaine whether he would apologize. "Absolutely not."',
        [("Absolutely not.", "Tim Kaine")],
    ),
    (
        'Hillary Clinton asked Sen. Bernie Sanders to campaign with her. "He would be a great '
        'partner."',
        [("He would be a great partner.", "Hillary Clinton")],
    ),
]

CONVERSATION += [
    # the one who spoke in the sentence before, not its subject
    (
        'Hillary Clinton smiled as Donald Trump interjected. "Wrong."',
        [("Wrong.", "Donald Trump")],
    ),
]

NOT_QUOTES = [
    # sign-offs: a reporter's bio with a book title, a Twitter line
    (
        '"It felt like a concert," said Brenda Kowalski, 58.\n\n'
        "Joel Haskins is a senior political correspondent for the Frontier Report. His new "
        'book, "The Long Count: Inside the Closest Election in Arizona History," is out now.\n\n'
        "Follow Joel Haskins on Twitter @joelhaskins.",
        [("It felt like a concert,", "Brenda Kowalski")],
    ),
    (
        '"I\'ll be there," Sen. Nora Castellano said.\n\n'
        "Follow Dana Whitcombe on Twitter @danawhitcombe. Dana Whitcombe is the author of "
        '"Rust and Ballots: How Michigan Votes."',
        [("I'll be there,", "Nora Castellano")],
    ),
    (
        '"We will win," Gov. Dale Hartley said.\n\n'
        "Joel B. Pollak is Senior Editor-at-Large at the Frontier Report. He is the co-author "
        'of "How Hartley Won: The Inside Story of a Revolution," out from Regnery.',
        [("We will win,", "Dale Hartley")],
    ),
    # links to other stories: their quotes are headlines
    (
        'Gov. Dale Hartley spoke in Phoenix. "We will win," Hartley said.\n\n'
        "[Read: Hartley says 'We are going to win this state back']\n\n"
        'RELATED: Tran calls Hartley "a man with no plan."\n\n'
        "Sen. Evelyn Tran did not respond.",
        [("We will win,", "Dale Hartley")],
    ),
    # but a last paragraph about a reporter that quotes him is no sign-off
    (
        "Sen. Paul Okafor spoke to reporters.\n\n"
        'Tom Reyes is a former reporter for the Globe who now advises the campaign. "It is '
        'a long road," he said.',
        [("It is a long road,", "Tom Reyes")],
    ),
    # song titles and lyrics
    (
        'As the rally closed, the sound system played the chorus of "God Bless the U.S.A.": '
        "\"And I'm proud to be an American, where at least I know I'm free.\" Many sang along.",
        [],
    ),
    (
        'Priya Raman sang the opening line of "Mama Tried" to the back of the bus: "The first '
        'thing I remember knowing was a lonesome whistle blowing."',
        [],
    ),
    (
        "As Gov. Dale Hartley left the stage, the crowd sang the chorus:\n\n"
        "\"And I'm proud to be an American, where at least I know I'm free.\"\n\n"
        '"It felt like church," said Brenda Kowalski, 58.',
        [("It felt like church,", "Brenda Kowalski")],
    ),
    (
        'Gov. Dale Hartley waved. "Born in the U.S.A." blared from the speakers as he left.',
        [],
    ),
    (
        'The crowd sang along to "You Can\'t Always Get What You Want," before Rep. Miguel '
        'Sandoval spoke. "We are not done yet," Sandoval said.',
        [("We are not done yet,", "Miguel Sandoval")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), TURNS + NAME_LINES + NEXT_SENTENCE + CONVERSATION + NOT_QUOTES
)
def test_layout_speakers(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert direct(text) == expected
