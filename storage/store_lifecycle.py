"""What both stores share around their queries: the clock that stamps writes, and closing
when an ``async with`` block ends."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from datetime import UTC, datetime
from types import TracebackType
from typing import Self

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class StoreLifecycle(ABC):
    clock: Clock

    @abstractmethod
    async def close(self) -> None: ...

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def now(self) -> str:
        """The clock's time as stored: ISO 8601 in UTC, to the microsecond."""
        return self.clock().astimezone(UTC).isoformat(timespec="microseconds")
