"""Helpers shared by the extraction tests (not a conftest, so other test suites stay apart)."""

from __future__ import annotations

from ingest.attribution import Attribution, attribute
from ingest.text.layout import split_paragraphs


def run_attribution(text: str) -> Attribution:
    """``attribute`` on a body with no title line: every paragraph is body."""
    return attribute(text, split_paragraphs(text, 0), ())
