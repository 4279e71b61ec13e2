"""A crawl's lifecycle in one place: the archive, its lock, the plan and the WARC file.

:class:`CrawlSession` is a Scrapy extension (``EXTENSIONS`` in :mod:`ggcrawl.settings`). When
the spider opens it takes the archive's lock, opens the archive, plans the crawl from it
(:mod:`ggcrawl.plan`) and opens the crawl's WARC file; when the spider closes it records how
the crawl ended and closes all of it, in the reverse order. The spider, the WARC recorder and the
archive pipeline find it through the crawler (:meth:`CrawlSession.of`) and only use what it
holds, so whether set-up happened is this class's business alone.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from scrapy.settings import BaseSettings

from ggcrawl.items import FrontierEntry
from ggcrawl.plan import CrawlPlan, make_plan, parse_revisit
from ggcrawl.store import Archive, ArchiveError, CrawlLock
from ggcrawl.warc import WarcFile

logger = logging.getLogger(__name__)


class SessionNotOpen(RuntimeError):
    """Something asked for the archive or the plan outside an open crawl."""


class CrawlSession:
    """Owns what one crawl opens: lock, archive, plan (when there is a start URL) and WARC."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.settings: BaseSettings = crawler.settings
        self._lock: CrawlLock | None = None
        self._archive: Archive | None = None
        self._plan: CrawlPlan | None = None
        self.warc: WarcFile | None = None  # None when WARC_ENABLED is off

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlSession:
        session = cls(crawler)
        crawler.signals.connect(session.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(session.spider_closed, signal=signals.spider_closed)
        return session

    @staticmethod
    def of(crawler: Crawler) -> CrawlSession:
        """The crawler's session; components call it from ``from_crawler`` (the spider, made
        before extensions are, when it first needs it)."""
        session = crawler.get_extension(CrawlSession)
        if session is None:
            raise SessionNotOpen(
                "ggcrawl.session.CrawlSession is not in EXTENSIONS: the archive pipeline, the WARC "
                "recorder and the spider need it (see ggcrawl/settings.py)"
            )
        return session

    @property
    def archive(self) -> Archive:
        if self._archive is None:
            raise SessionNotOpen("the archive is open only while the spider is")
        return self._archive

    @property
    def plan(self) -> CrawlPlan:
        if self._plan is None:
            raise SessionNotOpen("a crawl is planned only when the spider opens with a start URL")
        return self._plan

    @property
    def crawl_id(self) -> int:
        return self._plan.crawl_id if self._plan is not None else 0

    def spider_opened(self) -> None:
        """Open the crawl; an archive that cannot be used (not ours, locked by another crawl)
        closes the spider before any request, with the reason in the log and the stats."""
        spider = self.crawler.spider
        try:
            self.open(spider.first_request() if spider.start_url else None)
        except ArchiveError as exc:
            logger.error("%s", exc)
            self.crawler.stats.set_value("ggcrawl/error", str(exc))
            raise CloseSpider("archive_unavailable") from exc

    def open(self, first: FrontierEntry | None) -> None:
        """Lock and open the archive; with ``first`` (the start URL's request), plan the crawl
        (a new one, or the resumption of a killed one) and open its WARC file."""
        settings = self.settings
        db = Path(settings.get("ARCHIVE_DB"))
        lock = CrawlLock(db)
        lock.acquire()
        self._lock = lock
        self._archive = Archive.open(
            db,
            batch_size=settings.getint("ARCHIVE_BATCH_SIZE"),
            batch_seconds=settings.getfloat("ARCHIVE_BATCH_SECONDS"),
        )
        if first is None:
            return
        recorded = {
            name: value
            for name, value in settings.copy_to_dict().items()
            if name.isupper() and (settings.getpriority(name) or 0) >= 20
        }
        self._plan = plan = make_plan(
            self._archive,
            first,
            full=settings.getbool("FULL_CRAWL"),
            revisit=parse_revisit(settings.get("REVISIT")),
            settings=recorded,
        )
        stats = self.crawler.stats
        stats.set_value("ggcrawl/crawl_id", plan.crawl_id)
        stats.set_value("ggcrawl/mode", plan.mode)
        stats.set_value("ggcrawl/resumed", plan.resumed)
        stats.set_value("ggcrawl/archive", str(self._archive.path))
        if settings.getbool("WARC_ENABLED"):
            self.warc = self._open_warc(plan.crawl_id, first.url)
            stats.set_value("ggcrawl/warc", self.warc.path.name)

    def _open_warc(self, crawl_id: int, start_url: str) -> WarcFile:
        """A new WARC file for this crawl (or this resume of it). Files of an earlier, killed
        run of the crawl are cut back to what the archive's committed rows refer to: records
        after that belong to pages that are fetched again now."""
        archive = self.archive
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

    def spider_closed(self, reason: str) -> None:
        self.close(reason)

    def close(self, reason: str) -> None:
        """Close the WARC file, record how the crawl ended (Scrapy's close reason) with its
        stats, close the archive and release the lock: what was opened, in reverse."""
        if self.warc is not None:
            self.warc.close()
            self.warc = None
        if self._archive is not None:
            if self._plan is not None:
                stats = self.crawler.stats.get_stats()
                self._archive.finish_crawl(self._plan.crawl_id, reason, stats)
            self._archive.close()
            self._archive = None
        self._plan = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None
