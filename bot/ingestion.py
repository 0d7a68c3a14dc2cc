"""Reading, analysing and storing articles: the one path the CLI and start-up seeding share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from bot.fetcher import Fetcher, FetchError, FetchSettings
from ingest import analyze
from ingest.model import ArticleInput
from ingest.pipeline import summary_variants
from ingest.sources.pages import PageError, fetched_article
from ingest.sources.readers import ReadError, ReadResult
from storage import ArticleStore

URL_SCHEMES = ("http://", "https://")

Progress = Callable[[str, str], None]


@dataclass(slots=True)
class IngestReport:
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[ReadError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def line(self) -> str:
        c = self.counts
        return (
            f"{c['new']} new, {c['updated']} updated, {c['unchanged']} unchanged, "
            f"{self.failed} failed"
        )


async def store_article(store: ArticleStore, article: ArticleInput) -> str:
    """Analyse and save one article; returns ``new``, ``updated`` or ``unchanged``."""
    analysis = analyze(article.text, title=article.title)
    return await store.save(article, analysis, summary_variants(analysis))


def is_url(argument: str) -> bool:
    return argument.lower().startswith(URL_SCHEMES)


async def read_urls(urls: Iterable[str], settings: FetchSettings) -> list[ReadResult]:
    """The article of each web page, or why it could not be had (fetched through the guard)."""
    results: list[ReadResult] = []
    async with Fetcher(settings) as fetcher:
        for url in urls:
            try:
                fetched = await fetcher.fetch(url, kind="page")
                article = fetched_article(fetched.body, fetched.url)
            except FetchError as error:
                results.append(ReadError(url, error.message))
                continue
            except PageError as error:
                results.append(ReadError(url, str(error)))
                continue
            results.append(article)
    return results


async def ingest_all(
    store: ArticleStore, results: Iterable[ReadResult], progress: Progress | None = None
) -> IngestReport:
    """Store every readable article; every failure is recorded and the rest carry on."""
    report = IngestReport()
    for result in results:
        if isinstance(result, ReadError):
            report.failures.append(result)
            if progress:
                progress(result.source, "failed")
            continue
        try:
            outcome = await store_article(store, result)
        except Exception as error:  # one bad article must not stop the batch
            failure = ReadError(result.id, f"could not be stored ({type(error).__name__}: {error})")
            report.failures.append(failure)
            if progress:
                progress(result.id, "failed")
            continue
        report.counts[outcome] += 1
        if progress:
            progress(result.id, outcome)
    return report


async def reindex(
    store: ArticleStore, version: int, progress: Progress | None = None
) -> IngestReport:
    """Re-analyse every stored article whose analysis is older than ``version``."""
    report = IngestReport()
    after_key = 0
    while batch := await store.articles.outdated(version, after_key):
        after_key = batch[-1][0]
        sub = await ingest_all(store, (article for _, article in batch), progress)
        report.counts.update(sub.counts)
        report.failures.extend(sub.failures)
    return report
