"""Reading the people of articles into the per-article sets that person watches match on."""

from __future__ import annotations

import pytest

from storage.watch_matching import people_by_article


@pytest.mark.parametrize(
    ("people", "aliases", "ids", "keys"),
    [
        ([], [], {}, {}),
        (
            [(7, 1, "jane doe"), (7, 2, "ravi patel"), (9, 1, "jane doe")],
            [],
            {7: {1, 2}, 9: {1}},
            {7: {"jane doe", "ravi patel"}, 9: {"jane doe"}},
        ),
        (  # an alias joins the name keys of its article; it names no person id there
            [(7, 1, "jane doe")],
            [(7, "jd"), (8, "the minister")],
            {7: {1}},
            {7: {"jane doe", "jd"}, 8: {"the minister"}},
        ),
    ],
)
def test_people_by_article(
    people: list[tuple[int, int, str]],
    aliases: list[tuple[int, str]],
    ids: dict[int, set[int]],
    keys: dict[int, set[str]],
) -> None:
    assert people_by_article(people, aliases) == (ids, keys)
