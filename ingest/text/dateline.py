"""Wire datelines at the head of the first paragraph.

Recognised shapes (place, optional country or state, optional date, optional agency)::

    Astana [Kazakhstan], December 15 (ANI):
    WASHINGTON (Reuters) -
    LONDON, March 3 (AP) —
    NEW DELHI, Dec. 15 --
    New Delhi, Mar 3 (PTI) The …    (with a date and an agency, no separator is needed)
    Paris, France —

Copy without capitals (``leipzig, jan. 14 (dpa) -``, ``SAN FRANCISCO, OCT 24 (REUTERS) -``) is
matched in title case, and then needs a date or an agency.
"""

from __future__ import annotations

import re

from ingest.model import Dateline
from ingest.text.case import without_capitals

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_PLACE = r"(?P<place>[A-Z][A-Za-z.'’\-]*(?:[ \-][A-Z][A-Za-z.'’\-]*){0,3})"
_DATELINE = re.compile(
    rf"""{_PLACE}
    (?:\s*\[(?P<country_bracket>[^\]\n]{{2,40}})\]
       |,\s*(?P<country_comma>(?!{_MONTH}\b)[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*){{0,2}}))?
    (?:,?\s*(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?))?
    (?:\s*\((?P<agency>[A-Za-z][A-Za-z0-9 .&/\-]{{0,30}})\))?
    (?:\s*(?P<sep>:|—|–|--|-(?=\s))|(?<=\))(?=\s+[A-Z“"‘]))\s*""",
    re.VERBOSE,
)


def find_dateline(text: str, start: int, end: int) -> Dateline | None:
    """The dateline at ``text[start:]`` within the first paragraph, if there is one.

    A place alone before a dash or colon counts only when written in capitals
    (``WASHINGTON —``); otherwise a date or an agency must be present, so that an ordinary
    sentence opening (``Meanwhile:``) is never taken for a dateline.
    """
    match = _DATELINE.match(text, start, end)
    offset = 0
    if match is None:
        head = text[start : min(end, start + 160)]
        titled = head.title()
        if len(titled) != len(head) or not without_capitals(head):
            return None
        match = _DATELINE.match(titled)
        if match is None or not (match.group("date") or match.group("agency")):
            return None
        offset = start
    place = text[offset + match.start("place") : offset + match.end("place")].strip()
    bracket, comma, date, agency = (
        _original(text, offset, match, group)
        for group in ("country_bracket", "country_comma", "date", "agency")
    )
    country = bracket or comma
    shouty_place = place.isupper() and len(place) > 2
    if not (date or agency or shouty_place):
        return None
    if match.group("sep") is None and not (agency and date):
        return None
    if offset + match.end() >= end:
        return None
    return Dateline(
        place=place,
        country=country.strip() if country else None,
        date=date,
        agency=agency.strip() if agency else None,
        start=offset + match.start(),
        end=offset + match.end(),
    )


def _original(text: str, offset: int, match: re.Match[str], group: str) -> str | None:
    """A group of ``match`` as ``text`` has it (the match may be of a title-cased copy of
    ``text[offset:]``)."""
    if match.group(group) is None:
        return None
    return text[offset + match.start(group) : offset + match.end(group)]
