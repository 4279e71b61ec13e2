"""Thin: hand each item to the archive, counting what happened in the crawl's stats."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from ggcrawl.items import Article, Failure, ListingEntry, Redirect, Section, Snapshot
from ggcrawl.store import Archive, utc_now


class ArchivePipeline:
    """Opens the archive at ARCHIVE_DB, records the crawl, and writes every item to it."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.archive: Archive | None = None
        self.crawl_id = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        settings = self.crawler.settings
        self.archive = Archive.open(
            settings.get("ARCHIVE_DB"),
            batch_size=settings.getint("ARCHIVE_BATCH_SIZE"),
            batch_seconds=settings.getfloat("ARCHIVE_BATCH_SECONDS"),
        )
        spider = self.crawler.spider
        overridden = {
            name: value
            for name, value in settings.copy_to_dict().items()
            if settings.getpriority(name) not in (None, 0)
            and settings.getpriority(name) >= 20
            and name.isupper()
        }
        self.crawl_id = self.archive.begin_crawl(getattr(spider, "start_url", "") or "", overridden)
        self.crawler.stats.set_value("ggcrawl/crawl_id", self.crawl_id)
        self.crawler.stats.set_value("ggcrawl/archive", str(self.archive.path))

    def close_spider(self) -> None:
        if self.archive is None:
            return
        stats = self.crawler.stats.get_stats()
        outcome = stats.get("finish_reason") or "finished"
        self.archive.finish_crawl(self.crawl_id, str(outcome), stats)
        self.archive.close()
        self.archive = None

    def process_item(self, item: Any) -> Any:
        archive = self.archive
        assert archive is not None, "the archive pipeline was not opened"
        stats = self.crawler.stats
        if isinstance(item, Snapshot):
            archive.add_snapshot(item, self.crawl_id)
        elif isinstance(item, Article):
            snapshot_id = archive.snapshot_id(item.url, item.snapshot_status, item.snapshot_sha256)
            if snapshot_id is None:
                raise ValueError(f"article {item.url} arrived before its snapshot")
            outcome = archive.upsert_article(item, self.crawl_id, snapshot_id)
            stats.inc_value("ggcrawl/articles")
            stats.inc_value(f"ggcrawl/articles_{outcome}")
        elif isinstance(item, Section):
            archive.upsert_section(item, self.crawl_id, utc_now())
        elif isinstance(item, ListingEntry):
            archive.add_listing_entry(item, self.crawl_id)
        elif isinstance(item, Redirect):
            archive.add_redirect(item, self.crawl_id, utc_now())
        elif isinstance(item, Failure):
            archive.add_failure(item, self.crawl_id)
            stats.inc_value("ggcrawl/failures")
        return item
