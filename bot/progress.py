"""A progress bar for the terminal; silent when the output is not a terminal."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO

from ingest.sources.readers import JSON_SUFFIXES, iter_files


def estimate_total(paths: list[str]) -> int | None:
    """How many articles ``paths`` hold (JSON Lines counted by lines); ``None`` for stdin."""
    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        files = list(iter_files(path)) if path.is_dir() else [path] if path.is_file() else []
        for file in files:
            if file.suffix.lower() in JSON_SUFFIXES - {".json"}:
                with file.open("rb") as handle:
                    total += sum(
                        chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")
                    )
            else:
                total += 1
    return total


class ProgressBar:
    """``[#######.............]  35/100  3 failed  seeds/000.txt`` redrawn in place."""

    WIDTH = 28

    def __init__(self, total: int | None, stream: TextIO = sys.stderr) -> None:
        self.total = total
        self.stream = stream
        self.enabled = stream.isatty()
        self.done = 0
        self.failed = 0
        self._last_draw = 0.0

    def __call__(self, source: str, outcome: str) -> None:
        self.done += 1
        self.failed += outcome == "failed"
        now = time.monotonic()
        if self.enabled and (now - self._last_draw > 0.05 or self.done == self.total):
            self._last_draw = now
            self._draw(source)

    def _draw(self, source: str) -> None:
        if self.total:
            filled = min(self.WIDTH, self.WIDTH * self.done // self.total)
            bar = "#" * filled + "." * (self.WIDTH - filled)
            count = f"{self.done}/{self.total}"
        else:
            bar, count = "#" * (self.done % (self.WIDTH + 1)), str(self.done)
        failed = f"  {self.failed} failed" if self.failed else ""
        line = f"[{bar:<{self.WIDTH}}] {count}{failed}  {source[-40:]}"
        self.stream.write("\r\x1b[2K" + line)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
