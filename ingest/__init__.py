"""Article text → analysis: title, dateline, summary, quotes with speakers, people."""

from ingest.model import Analysis, Dateline, Person, Quote, Sentence, Span
from ingest.pipeline import ANALYZER_VERSION, analyze

__all__ = [
    "ANALYZER_VERSION",
    "Analysis",
    "Dateline",
    "Person",
    "Quote",
    "Sentence",
    "Span",
    "analyze",
]
