"""People: names, roles from every form in the field guide, merged mentions, non-people."""

from __future__ import annotations

import pytest

from tests.attribution_helpers import run_attribution

LONG_TITLE = "Chairman of the Constitutional Court of the Republic of Kazakhstan"


def people(text: str) -> dict[str, str | None]:
    return {p.name: p.role for p in run_attribution(text).people}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # title before the name
        (
            "The delegation was led by the Chairman of the Constitutional Court Elvira Azimova.",
            {"Elvira Azimova": "Chairman of the Constitutional Court"},
        ),
        (
            "EU Special Representative for Human Rights Eamon Gilmore said the EU listens.",
            {"Eamon Gilmore": "EU Special Representative for Human Rights"},
        ),
        ("Gov. Elena Marsh declared an emergency.", {"Elena Marsh": "Gov."}),
        ("Stifel analyst Priya Raman said shares rose.", {"Priya Raman": "Stifel analyst"}),
        # apposition after the name, and a title with a comma before it
        (
            "Kevin Mbeki, the executive director of the Harbor Trust, said costs rose.",
            {"Kevin Mbeki": "executive director of the Harbor Trust"},
        ),
        (
            "The event was run by the Commissioner for Human Rights of Kazakhstan, Artur Lastaev,"
            " with UNDP.",
            {"Artur Lastaev": "Commissioner for Human Rights of Kazakhstan"},
        ),
        # a role set off by commas before the name, and one after an article
        (
            "The head of the commuters' association Navetteurs Unis, Annelies De Smet, said no.",
            {"Annelies De Smet": "head of the commuters' association Navetteurs Unis"},
        ),
        (
            "The city council's cabinet member for housing, Cllr Rachel Adeyinka, said no.",
            {"Rachel Adeyinka": "city council's cabinet member for housing"},
        ),
        (
            '"Prices will fall," said Chen Wei-ling, an agricultural analyst at Straits Bank.',
            {"Chen Wei-ling": "agricultural analyst at Straits Bank"},
        ),
        # sports positions and jobs named by their ending
        ("Goalie Aidan Fitzpatrick stopped 27 shots.", {"Aidan Fitzpatrick": "Goalie"}),
        (
            "Siddharth Venkataraman, a toxicologist, said levels varied.",
            {"Siddharth Venkataraman": "toxicologist"},
        ),
        (
            "Maya Cohen, a paediatrician in Leeds, said clinics were full.",
            {"Maya Cohen": "paediatrician in Leeds"},
        ),
        # a title after "spokesperson for" is the named person's, not the spokesperson's
        (
            '"He will not resign," a spokesperson for Sen. Tom Smith said.',
            {"Tom Smith": "Sen."},
        ),
        # a job told by a relative clause, only when no title or apposition gives a role
        (
            "Mark Ostrowski, who teaches ninth-grade English at Lakeview High, said phones "
            "changed the classroom.",
            {"Mark Ostrowski": "teaches ninth-grade English at Lakeview High"},
        ),
        (
            "Gov. Ann Lee, who chaired the panel in 2019, said the plan was dead.",
            {"Ann Lee": "Gov."},
        ),
        # a role without its determiner or a stand-in owner named elsewhere
        (
            "Another analyst, Hiroshi Tanabe, said the stock was cheap.",
            {"Hiroshi Tanabe": "analyst"},
        ),
        (
            "The agency’s director general, Oluwaseun Adeyemi, said 12 people died.",
            {"Oluwaseun Adeyemi": "director general"},
        ),
        # the longest title wins over shorter mentions
        (
            "Chairman Elvira Azimova spoke. Chairman of the Constitutional Court of the Republic"
            " of Kazakhstan Elvira Azimova said more.",
            {"Elvira Azimova": LONG_TITLE},
        ),
        # byline roles of wire copy
        (
            "(Reporting by Mark Holloway; Editing by Anna Petrov)",
            {"Mark Holloway": "Reporter", "Anna Petrov": "Editor"},
        ),
        (
            "(Reporting by Sahil Mehra in San Francisco and Jonah Whitcombe in New York)",
            {"Sahil Mehra": "Reporter", "Jonah Whitcombe": "Reporter"},
        ),
        # a hyphenated title
        (
            "Her former editor-turned-novelist Dominic Fairley won in 2019.",
            {"Dominic Fairley": "former editor-turned-novelist"},
        ),
        # evidence without a title: an age, a who clause, a given name
        (
            "Daniel Hoyle, 34, and Jason Kerr, 29, deny burglary.",
            {"Daniel Hoyle": None, "Jason Kerr": None},
        ),
        # a who clause with a job verb gives the role, as the corpus gold does (001)
        ("Lisa Crane, who runs a bakery, was worried.", {"Lisa Crane": "runs a bakery"}),
        ("Lisa Crane, who lives nearby, was worried.", {"Lisa Crane": None}),
        (
            "In February.’ The education secretary, Gillian Keegan, disagreed.",
            {"Gillian Keegan": "education secretary"},
        ),
        # names with particles, suffixes, initials, apostrophes, post-nominals
        (
            "Secretary general Jean-Luc Van der Berg met Mayor Robert Ellison Jr. and"
            " Councilman Tom O'Brien, while Prosecutor Helen Ashdown KC listened.",
            {
                "Jean-Luc Van der Berg": "Secretary general",
                "Robert Ellison Jr.": "Mayor",
                "Tom O'Brien": "Councilman",
                "Helen Ashdown": "Prosecutor",
            },
        ),
    ],
)
def test_names_and_roles(text, expected):
    assert people(text) == expected


def test_mentions_merge_into_one_person():
    text = (
        "President Kassym-Jomart Tokayev signed the decree. Tokayev said it matters. "
        "Critics said President Tokayev moved fast."
    )
    (person,) = run_attribution(text).people
    assert person.name == "Kassym-Jomart Tokayev"
    assert person.role == "President"
    assert person.mentions == 3
    assert set(person.aliases) >= {"Tokayev"}


@pytest.mark.parametrize(
    "text",
    [
        "The Kazakh delegation met in Geneva at the United Nations with UNDP and the EU.",
        "The Universal Declaration of Human Rights and the Sustainable Development Goals.",
        "The Charter for Human Rights Foundation and the Constitutional Court met.",
        "Storm Imogen hit the coast, the Ministry for the Ecological Transition said.",
        "The newspaper Adevarul Zilei reported on Monday that doses ran out.",
        "Harbor Line did not admit wrongdoing. Shares of Harbor Line rose.",
        "The High-level Segment of UN Leaders met in Central Asia.",
    ],
)
def test_places_organisations_and_titles_are_not_people(text):
    assert people(text) == {}


def test_organisation_named_in_role():
    (person,) = run_attribution(
        "Kevin Mbeki, the executive director of the Harbor Trust, said costs rose."
    ).people
    assert person.organisation == "Harbor Trust"


def test_person_counts_how_often_quoted():
    found = run_attribution("“We will win,” Mayor Jane Okafor said. “Soon,” Okafor added.")
    (person,) = found.people
    assert (person.name, person.role, person.mentions, person.quotes) == (
        "Jane Okafor",
        "Mayor",
        2,
        2,
    )
    assert person.aliases == ("Okafor",)
    assert person.as_dict() == {
        "name": "Jane Okafor",
        "role": "Mayor",
        "mentions": 2,
        "quoted": True,
    }


def test_firms_named_like_people_are_organisations():
    found = run_attribution("“Rates will fall,” Goldman Sachs said in a note to clients.")
    assert found.people == ()
    assert [q.speaker for q in found.quotes] == ["Goldman Sachs"]


@pytest.mark.parametrize(
    ("text", "role", "organisation"),
    [
        (
            "Acme Corp's executive director John Smith said no.",
            "Acme Corp's executive director",
            "Acme Corp",
        ),
        (
            "Jane Doe, director general of the Harbor Trust, said no.",
            "director general of the Harbor Trust",
            "Harbor Trust",
        ),
        ("Stifel analyst Priya Raman said no.", "Stifel analyst", None),
    ],
)
def test_role_and_organisation_forms(text, role, organisation):
    (person,) = run_attribution(text).people
    assert (person.role, person.organisation) == (role, organisation)
