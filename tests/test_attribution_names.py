"""Names of many origins: where a name starts and which runs are people (example table)."""

from __future__ import annotations

import pytest

from tests.attribution_helpers import run_attribution


def names(text: str) -> set[str]:
    return {p.name for p in run_attribution(text).people}


CASES = [
    # a first name that is not in the given-name list stays part of the name
    (
        "Northstar's chief financial officer, Dev Anand Krishnamurthy, said costs would fall.",
        {"Dev Anand Krishnamurthy"},
    ),
    (
        '"Our stocks will run out," WFP country director Ngozi Adaeze Chukwu said.',
        {"Ngozi Adaeze Chukwu"},
    ),
    # but a role word before a given name is not
    ("Retiree Sam Patel, 71, said the bus never came.", {"Sam Patel"}),
    # a name never starts at a patronymic particle, even after a word that can be a title
    (
        '"We intend to be there early," Group Chief Executive Sultan bin Rashid Al-Mazrouei said.',
        {"Sultan bin Rashid Al-Mazrouei"},
    ),
    # Arabic article prefixes in lower case, and initials without full stops
    ("Abdel Fattah el-Sissi said on Monday that the talks had failed.", {"Abdel Fattah el-Sissi"}),
    ("Syrian President Bashar al-Assad said the war was over.", {"Bashar al-Assad"}),
    ('"The talks failed," JD Vance said.', {"JD Vance"}),
    (
        "US President Joe Biden and UN chief Antonio Guterres met.",
        {"Joe Biden", "Antonio Guterres"},
    ),
    (
        "Angels: SS Marco Villanueva will begin a rehab assignment, Ron Whitaker said.",
        {"Marco Villanueva", "Ron Whitaker"},
    ),
    # one-word names introduced by kinship, but not things that are "named"
    (
        "She lives with her husband of 45 years, Darrell, a retired mine electrician.",
        {"Darrell"},
    ),
    ("He is survived by a son, Cian; and a sister, Bríd.", {"Cian", "Bríd"}),
    ("The last one, a 7-pound girl named Josie, arrived in August.", {"Josie"}),
    ("The probe, named Lantern, passed the comet.", set()),
    # a full name first seen without evidence, then quoted by its (two-word) surname
    (
        "Every morning Maeve Ní Chonaill climbs the 94 steps of the lighthouse.\n\n"
        "“People think it’s sentimental,” Ní Chonaill said.",
        {"Maeve Ní Chonaill"},
    ),
    # a surname that is also a place, after a given name
    ("Rep. Jim Jordan said the committee would act.", {"Jim Jordan"}),
    ("The delegation flew to Jordan and Israel on Monday.", set()),
    # firms whose last word is an organisation word are not people
    ("Khaleej Maritime said it would buy a 49% stake.", set()),
    ("Halvorsen Capital cut its rating, Ann Lee said.", {"Ann Lee"}),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_names(text, expected):
    assert names(text) == expected
