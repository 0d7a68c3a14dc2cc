"""A fragment of HTML (a feed entry's content) → plain text, paragraphs separated by blank lines.

Block elements (``p``, ``div``, ``li``, headings, ``br`` …) end a paragraph; inline markup is
dropped, its text kept; ``script``/``style`` content is skipped; entities are decoded.
"""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header"),
        *("hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr"),
        "ul",
    }
)
_SKIPPED = frozenset({"script", "style", "template", "noscript"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._words: list[str] = []
        self._skipping = 0

    def _close_paragraph(self) -> None:
        text = " ".join(" ".join(self._words).split())
        if text:
            self.paragraphs.append(text)
        self._words = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self._close_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self._close_paragraph()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._words.append(data)

    def close(self) -> None:
        super().close()
        self._close_paragraph()


def html_to_text(fragment: str) -> str:
    """``<p>One <b>two</b></p><p>Three</p>`` → ``"One two\\n\\nThree"``."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return "\n\n".join(collector.paragraphs)


def plain_to_text(text: str) -> str:
    """Plain text with line breaks → its non-blank lines as paragraphs, spaces collapsed."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)
