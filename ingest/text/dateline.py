"""Wire datelines at the head of the first paragraph.

Recognised shapes (place, optional country or state, optional date, optional agency)::

    Astana [Kazakhstan], December 15 (ANI):
    WASHINGTON (Reuters) -
    LONDON, March 3 (AP) —
    NEW DELHI, Dec. 15 --
    New Delhi, Mar 3 (PTI) The …    (with a date and an agency, no separator is needed)
    Paris, France —
"""

from __future__ import annotations

import re

from ingest.model import Dateline

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
    if match is None:
        return None
    place = match.group("place").strip()
    country = match.group("country_bracket") or match.group("country_comma")
    date = match.group("date")
    agency = match.group("agency")
    shouty_place = place.isupper() and len(place) > 2
    if not (date or agency or shouty_place):
        return None
    if match.group("sep") is None and not (agency and date):
        return None
    if match.end() >= end:
        return None
    return Dateline(
        place=place,
        country=country.strip() if country else None,
        date=date,
        agency=agency.strip() if agency else None,
        start=match.start(),
        end=match.end(),
    )
