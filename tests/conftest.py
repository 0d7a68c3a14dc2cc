"""Shared helpers for the extraction tests."""

from __future__ import annotations

import pytest

from ingest.attribution import Attribution, attribute
from ingest.layout import split_paragraphs


def run_attribution(text: str) -> Attribution:
    """``attribute`` on a body with no title line: every paragraph is body."""
    return attribute(text, split_paragraphs(text, 0), ())


@pytest.fixture
def attributed():
    return run_attribution
