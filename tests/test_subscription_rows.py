"""The stored form of digest settings, as both backends write them."""

from __future__ import annotations

import pytest

from storage.subscription_rows import setting_values


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({}, []),
        ({"time": "07:30", "max_items": 5}, [("time", "07:30"), ("max_items", 5)]),
        (
            {"include": ("oil", "Zürich"), "exclude": []},
            [("include_words", '["oil", "Zürich"]'), ("exclude_words", "[]")],
        ),
        ({"post_empty": True, "days": "weekdays"}, [("post_empty", 1), ("days", "weekdays")]),
        ({"post_empty": False}, [("post_empty", 0)]),
    ],
)
def test_setting_values(settings: dict[str, object], expected: list[tuple[str, object]]) -> None:
    assert setting_values(settings) == expected


def test_an_unknown_setting_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="unknown digest settings: colour, size"):
        setting_values({"time": "07:30", "size": 3, "colour": "red"})
