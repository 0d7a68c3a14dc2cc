"""Word lists shipped in ``ingest/language/data``, read once."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


def _data(name: str) -> str:
    return (files("ingest.language") / "data" / name).read_text(encoding="utf-8")


@cache
def stopwords() -> frozenset[str]:
    """English function words, lower case (``data/stopwords.txt``)."""
    return frozenset(
        line.strip() for line in _data("stopwords.txt").splitlines() if line.strip()[:1] not in "#"
    )


@cache
def table(name: str) -> dict[str, Any]:
    """A JSON table from ``data/``, e.g. ``table("abbreviations.json")``."""
    return json.loads(_data(name))
