"""Sample article pages (hand-written copy around real-looking page furniture) for the page,
document and link tests: the article, navigation, comments, related links and a footer."""

from __future__ import annotations

import time
from dataclasses import dataclass
from email.utils import formatdate
from xml.sax.saxutils import escape

_PEOPLE = (
    ("Anne Whitfield", "who chairs the transport committee"),
    ("Tom Reyes", "an opposition councillor"),
    ("Priya Natarajan", "the city's chief engineer"),
    ("Jonas Berg", "a spokesman for the regional rail operator"),
    ("Fatima Haddad", "the head of the residents' association"),
)
_TOPICS = (
    ("bridge", "repairs to the Old Mill bridge"),
    ("budget", "next year's budget for roads and schools"),
    ("rail", "the timetable for the new regional rail line"),
    ("housing", "plans for 400 homes on the old brewery site"),
    ("library", "longer opening hours at the central library"),
)


@dataclass(frozen=True, slots=True)
class Entry:
    feed: int
    index: int

    @property
    def topic(self) -> tuple[str, str]:
        return _TOPICS[(self.feed + self.index) % len(_TOPICS)]

    @property
    def title(self) -> str:
        return f"Council decides on {self.topic[1]} (report {self.feed}-{self.index})"

    @property
    def path(self) -> str:
        return f"/articles/{self.feed}/{self.index}.html"

    @property
    def published(self) -> str:
        """RFC 822 date: one hour per entry index after a fixed day."""
        return formatdate(1_780_000_000 + 3600 * self.index, usegmt=True)

    @property
    def published_iso(self) -> str:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1_780_000_000 + 3600 * self.index))

    def paragraphs(self) -> list[str]:
        first, first_role = _PEOPLE[(self.feed + self.index) % len(_PEOPLE)]
        second, second_role = _PEOPLE[(self.feed + self.index + 1 + self.index % 4) % len(_PEOPLE)]
        subject = self.topic[1]
        return [
            f"RIVERSIDE — The city council voted 7-2 on Tuesday to approve {subject}, ending "
            f"a debate that had run for most of the year (report {self.feed}-{self.index}).",
            f'"We cannot leave this for another winter," said {first}, {first_role}. '
            f'"People have waited long enough and the money is there."',
            "Officials told the meeting that work could begin in May and would take about "
            "five months, with most services kept running throughout.",
            f"{second}, {second_role}, said the decision was rushed. "
            f'"This is patching a problem that is a hundred years old," {second.split()[-1]} '
            "said, adding that residents had not been consulted.",
            "The council will publish the contracts next month, and a public meeting is "
            "planned for the spring.",
        ]


def article_page(entry: Entry, base: str = "") -> str:
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in entry.paragraphs())
    title = escape(entry.title)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Riverside Gazette</title>
<link rel="canonical" href="{base}{entry.path}">
<meta property="og:site_name" content="The Riverside Gazette">
<meta property="og:title" content="{title}">
<meta name="author" content="Maria Lopez">
<meta property="article:published_time" content="{entry.published_iso}">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe for £1 a week</a></li>
</ul></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Maria Lopez</p>
{paragraphs}
</article>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>Commenter bob123 wrote: about time, this has dragged on for years.</p>
</div><div class="comment"><p>Why does everything cost so much in this town?</p></div>
</section>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Lorries banned from bridge after crack found in pier</a></li>
<li><a href="/b">Budget row delays road works across the district</a></li></ul></aside>
</main><footer><p>© 2026 The Riverside Gazette. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/cookies">Cookie settings</a></footer>
</body></html>"""


NAV_ONLY_PAGE = """<!doctype html><html><head><title>The Riverside Gazette</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<p>Subscribe today.</p><footer>© 2026 The Riverside Gazette</footer></body></html>"""
