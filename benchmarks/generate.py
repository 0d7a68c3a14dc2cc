"""Deterministic generator of realistic news articles (~700 words, quotes, names, roles)."""

from __future__ import annotations

import random

FIRST = [
    "Elvira",
    "James",
    "Maria",
    "Kairat",
    "Aisha",
    "Tom",
    "Nguyen",
    "Oluwaseun",
    "Siobhan",
    "José",
    "Anna",
    "Dmitri",
    "Fatima",
    "Liam",
    "Chen",
    "Priya",
    "Marta",
    "Yusuf",
]
LAST = [
    "Azimova",
    "Okafor",
    "Lindqvist",
    "Umarov",
    "Haddad",
    "Brennan",
    "Tran",
    "Adeyemi",
    "O'Connor",
    "Álvarez-Rey",
    "Kowalski",
    "Petrov",
    "Rahman",
    "Murphy",
    "Wei",
    "Sharma",
    "Costa",
    "Demir",
    "Gilmore",
    "Lastaev",
    "Turmagambetova",
    "Ernst",
    "Fischer",
    "Moreau",
]
ROLES = [
    "Minister of Finance",
    "spokeswoman for the Interior Ministry",
    "mayor of Springfield",
    "chief executive of Northwind Energy",
    "professor of economics at Leeds University",
    "Commissioner for Human Rights",
    "head of the port authority",
    "union leader",
    "Senator",
    "Governor",
    "police chief",
    "director of the city hospital",
]
PLACES = ["WASHINGTON", "LONDON", "ASTANA", "LAGOS", "HANOI", "MADRID", "WARSAW", "ANKARA"]
AGENCIES = ["Reuters", "AP", "AFP", "ANI"]
TOPICS = [
    "budget",
    "harbour",
    "election",
    "flood",
    "vaccine",
    "pension",
    "railway",
    "tariff",
    "strike",
    "drought",
    "reform",
    "merger",
    "court ruling",
    "heatwave",
    "housing plan",
]
FILLER = [
    "Officials said the {topic} had been discussed for months before the vote on Tuesday.",
    "The {topic} will cost an estimated $10.9bn over five years, or about 3.5% of output.",
    "Critics argue that the {topic} favours large companies over small businesses.",
    "Residents gathered outside the city hall on Monday to protest against the {topic}.",
    "The U.S. and the U.N. have both commented on the {topic} in recent weeks.",
    "Analysts expect the {topic} to dominate the agenda when parliament returns in Jan. 2027.",
    "A similar {topic} was rejected in 2019 after a long campaign by local groups.",
    "The government has not published the full text of the {topic}, officials confirmed.",
    "Opposition parties said they would challenge the {topic} in the Supreme Court.",
    "Data from the statistics office showed the {topic} affected about 1.2 million people.",
]
QUOTES = [
    "We have worked very hard on this {topic} and we believe it will make a real difference",
    "Nobody should be surprised by the {topic}, because we warned about it last year",
    "This {topic} is a disaster for ordinary families, and we will fight it",
    "The numbers simply do not add up, and everyone in this room knows it",
    "I am proud of what our team has achieved, but there is more work to do",
    "We will not accept a {topic} that ignores the people who live here",
]


def _person(rng: random.Random) -> tuple[str, str]:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(ROLES)


def generate_article(index: int, words: int = 700, seed: int = 7) -> tuple[str, str]:
    """``(id, text)`` of one article: headline, dateline, paragraphs with attributed quotes."""
    rng = random.Random(seed * 1_000_003 + index)
    topic = rng.choice(TOPICS)
    people = [_person(rng) for _ in range(rng.randint(3, 6))]
    title = f"{people[0][0].split()[1]} defends {topic} as opposition vows to fight on"
    paragraphs = [
        f"{rng.choice(PLACES)} ({rng.choice(AGENCIES)}) — {people[0][1].capitalize()} "
        f"{people[0][0]} on Monday defended the {topic}, saying it was necessary."
    ]
    count = len(paragraphs[0].split())
    turn = 0
    while count < words:
        name, role = people[turn % len(people)]
        surname = name.split()[-1]
        quote = rng.choice(QUOTES).format(topic=topic)
        style = turn % 4
        if style == 0:
            para = f"“{quote},” {name}, the {role}, said on Tuesday."
        elif style == 1:
            para = f"{surname} said: “{quote}.”"
        elif style == 2:
            para = (
                f"{surname} said the {topic} would be reviewed. “{quote},” "
                f"{'she' if turn % 3 else 'he'} added."
            )
        else:
            para = f"“{quote},” said {surname}."
        filler = " ".join(rng.choice(FILLER).format(topic=topic) for _ in range(rng.randint(1, 3)))
        paragraphs.append(para)
        paragraphs.append(filler)
        count += len(para.split()) + len(filler.split())
        turn += 1
    return f"gen-{seed}-{index}", title + "\n\n" + "\n\n".join(paragraphs)


def generate(count: int, words: int = 700, seed: int = 7) -> list[tuple[str, str]]:
    return [generate_article(i, words, seed) for i in range(count)]
