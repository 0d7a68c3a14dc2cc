"""The rules of membership both backends keep: who may be an editor, and when allowing a
member changed anything."""

from __future__ import annotations

from typing import Literal

MemberKind = Literal["user", "chat"]
MemberRole = Literal["reader", "editor"]


def check_role(kind: MemberKind, role: MemberRole | None) -> None:
    """Raise ``ValueError`` for a role ``kind`` cannot have: an editor is always a user."""
    if role == "editor" and kind != "user":
        raise ValueError("only a user can be an editor")


def allow_changed(previous_role: str | None, role: MemberRole | None) -> bool:
    """Whether allowing a member with ``role`` changed it: it was not there (no
    ``previous_role``), or it gets another role (``None`` keeps the one it has)."""
    return previous_role is None or (role is not None and previous_role != role)
