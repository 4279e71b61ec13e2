"""Thin: open the archive, plan the crawl from it, and write each Fetch as one unit."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from ggcrawl.items import Fetch
from ggcrawl.plan import make_plan, parse_revisit
from ggcrawl.store import Archive


class ArchivePipeline:
    """Opens the archive at ARCHIVE_DB, begins (or resumes) the crawl, writes every Fetch."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.archive: Archive | None = None
        self.crawl_id = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        settings = self.crawler.settings
        spider = self.crawler.spider
        self.archive = Archive.open(
            settings.get("ARCHIVE_DB"),
            batch_size=settings.getint("ARCHIVE_BATCH_SIZE"),
            batch_seconds=settings.getfloat("ARCHIVE_BATCH_SECONDS"),
        )
        if not getattr(spider, "start_url", ""):
            return
        recorded = {
            name: value
            for name, value in settings.copy_to_dict().items()
            if name.isupper() and (settings.getpriority(name) or 0) >= 20
        }
        plan = make_plan(
            self.archive,
            spider.first_request(),
            full=settings.getbool("FULL_CRAWL"),
            revisit=parse_revisit(settings.get("REVISIT")),
            settings=recorded,
        )
        spider.plan = plan
        self.crawl_id = plan.crawl_id
        stats = self.crawler.stats
        stats.set_value("ggcrawl/crawl_id", plan.crawl_id)
        stats.set_value("ggcrawl/mode", plan.mode)
        stats.set_value("ggcrawl/resumed", plan.resumed)
        stats.set_value("ggcrawl/archive", str(self.archive.path))

    def close_spider(self) -> None:
        if self.archive is None:
            return
        if self.crawl_id:
            stats = self.crawler.stats.get_stats()
            outcome = stats.get("finish_reason") or "finished"
            self.archive.finish_crawl(self.crawl_id, str(outcome), stats)
        self.archive.close()
        self.archive = None

    def process_item(self, item: Any) -> Any:
        archive = self.archive
        assert archive is not None, "the archive pipeline was not opened"
        if not isinstance(item, Fetch):
            raise TypeError(f"the archive stores Fetch items, not {type(item).__name__}")
        outcome = archive.record_fetch(item, self.crawl_id)
        stats = self.crawler.stats
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
