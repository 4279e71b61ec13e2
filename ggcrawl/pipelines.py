"""Thin: open the archive, plan the crawl from it, and write each Fetch as one unit."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler

from ggcrawl.items import Fetch
from ggcrawl.plan import make_plan, parse_revisit
from ggcrawl.store import Archive, CrawlLock
from ggcrawl.warc import WarcFile


class ArchivePipeline:
    """Opens the archive at ARCHIVE_DB, begins (or resumes) the crawl, writes every Fetch."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.archive: Archive | None = None
        self.warc: WarcFile | None = None
        self.lock: CrawlLock | None = None
        self.crawl_id = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        settings = self.crawler.settings
        spider = self.crawler.spider
        self.lock = CrawlLock(Path(settings.get("ARCHIVE_DB")))
        self.lock.acquire()
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
        if settings.getbool("WARC_ENABLED"):
            self.warc = self._open_warc(plan.crawl_id, spider.start_url)
            self.crawler.ggcrawl_warc = self.warc
            stats.set_value("ggcrawl/warc", self.warc.path.name)

    def _open_warc(self, crawl_id: int, start_url: str) -> WarcFile:
        """A new WARC file for this crawl (or this resume of it). Files of an earlier, killed
        run of the crawl are cut back to what the archive's committed rows refer to: records
        after that belong to pages that are fetched again now."""
        archive = self.archive
        assert archive is not None
        folder = archive.path.parent
        earlier = archive.warc_files(crawl_id)
        for filename, committed in earlier:
            path = folder / filename
            if path.exists() and path.stat().st_size > committed:
                os.truncate(path, committed)
        name = f"{archive.path.stem}-crawl{crawl_id:05d}-{len(earlier) + 1:02d}.warc.gz"
        warc = WarcFile(
            folder / name,
            info={"isPartOf": f"ggcrawl crawl {crawl_id}", "startURL": start_url},
            previous=archive.warc_captures(),
        )
        archive.register_warc(name, crawl_id, warc.handle.tell())
        return warc

    def close_spider(self) -> None:
        if self.warc is not None:
            self.warc.close()
            self.crawler.ggcrawl_warc = None
            self.warc = None
        if self.archive is None:
            return
        if self.crawl_id:
            stats = self.crawler.stats.get_stats()
            outcome = stats.get("finish_reason") or "finished"
            self.archive.finish_crawl(self.crawl_id, str(outcome), stats)
        self.archive.close()
        self.archive = None
        if self.lock is not None:
            self.lock.release()

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
