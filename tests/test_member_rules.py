"""Membership rules both backends keep."""

from __future__ import annotations

import pytest

from storage.member_rules import MemberKind, MemberRole, allow_changed, check_role


@pytest.mark.parametrize(
    ("previous_role", "role", "changed"),
    [
        (None, None, True),  # new member, a reader
        (None, "editor", True),
        ("reader", None, False),  # there already; its role stays
        ("reader", "reader", False),
        ("reader", "editor", True),
        ("editor", "reader", True),
        ("editor", None, False),
    ],
)
def test_allow_changed(previous_role: str | None, role: MemberRole | None, changed: bool) -> None:
    assert allow_changed(previous_role, role) is changed


@pytest.mark.parametrize(
    ("kind", "role", "allowed"),
    [("user", "editor", True), ("user", "reader", True), ("chat", "reader", True),
     ("chat", None, True), ("chat", "editor", False)],
)  # fmt: skip
def test_check_role(kind: MemberKind, role: MemberRole | None, allowed: bool) -> None:
    if allowed:
        check_role(kind, role)
    else:
        with pytest.raises(ValueError, match="only a user can be an editor"):
            check_role(kind, role)
