"""What every handler needs, built once by the bot and kept in ``bot_data["deps"]``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from handlers.intake import ArticleIntake
from storage import Store
from storage.store import utc_now

DEPS_KEY = "deps"


@dataclass(frozen=True, slots=True)
class Deps:
    store: Store
    admins: frozenset[int] = frozenset()
    admin_chat_id: int | None = None
    default_timezone: str = "UTC"
    digest_catchup_hours: float = 12.0
    clock: Callable[[], datetime] = field(default=utc_now)
    intake: ArticleIntake | None = None
    feed_minutes: int = 10
    # Parts of one long paste arrive within this many seconds of each other.
    paste_quiet_seconds: float = 3.0


def get_deps(context: Any) -> Deps:
    """The :class:`Deps` of the running application, from a handler's ``context``."""
    deps = context.application.bot_data[DEPS_KEY]
    assert isinstance(deps, Deps)
    return deps
