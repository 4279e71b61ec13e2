"""Thin: write each Fetch the spider yields into the crawl's archive, as one unit."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from ggcrawl.items import Fetch
from ggcrawl.session import CrawlSession


class ArchivePipeline:
    """Writes every Fetch into the archive the crawl's :class:`CrawlSession` holds, and counts
    what it wrote in the crawl's stats."""

    def __init__(self, session: CrawlSession, stats: StatsCollector):
        self.session = session
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        return cls(CrawlSession.of(crawler), crawler.stats)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Fetch):
            raise TypeError(f"the archive stores Fetch items, not {type(item).__name__}")
        outcome = self.session.archive.record_fetch(item, self.session.crawl_id)
        stats = self.stats
        if outcome is not None:
            stats.inc_value(f"ggcrawl/articles_{outcome}")
            if outcome != "gone":
                stats.inc_value("ggcrawl/articles")
        if item.failure is not None:
            stats.inc_value("ggcrawl/failures")
        if item.asset is not None:
            stats.inc_value(
                "ggcrawl/assets_" + ("fetched" if item.asset.body is not None else "skipped")
            )
        return item
