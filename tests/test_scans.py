"""literal_scans finds exactly what one scan of the alternation finds, in every module using it."""

import random
import re

import pytest

from ingest.attribution.cues import _BREAK_TAIL, _STOP_BREAKS
from ingest.attribution.quotemarks import _MARK_SCANS
from ingest.text.scans import literal_scans
from ingest.text.sentences import _CANDIDATE_FROM, _candidate

CASES = [
    (
        "sentence candidates",
        _candidate("[.!?…]"),
        list(_CANDIDATE_FROM.items()),
        ".!?…”\"' aA1\n",
        True,
    ),
    (
        "sentence breaks",
        re.compile(r"[.!?]" + _BREAK_TAIL),
        list(_STOP_BREAKS),
        ".!?”\"'’ aA1\n",
        False,
    ),
    (
        "quote marks",
        re.compile("|".join(p.pattern for _, p in _MARK_SCANS)),
        list(_MARK_SCANS),
        "\"“”‘’'«»„‹›` a",
        False,
    ),
]


@pytest.mark.parametrize(
    ("name", "alternation", "scans", "alphabet", "may_nest"), CASES, ids=[c[0] for c in CASES]
)
def test_literal_scans_match_the_alternation(name, alternation, scans, alphabet, may_nest):
    rng = random.Random(name)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        expected = [(m.span(), m.groups()) for m in alternation.finditer(text, start, end)]
        found = [
            (m.span(), m.groups())
            for m in literal_scans(text, start, end, scans, may_nest=may_nest)
        ]
        assert found == expected, (text, start, end)
