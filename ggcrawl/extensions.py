"""A progress line on stderr while a crawl runs, so a long crawl never looks hung."""

from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task


class Progress:
    """Every PROGRESS_INTERVAL seconds: pages fetched and queued, articles, failures, rate."""

    def __init__(self, crawler: Crawler, interval: float):
        self.crawler = crawler
        self.interval = interval
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        interval = crawler.settings.getfloat("PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        extension = cls(crawler, interval)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.report)
        self.loop.start(self.interval, now=False)

    def spider_closed(self) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()

    def report(self) -> None:
        sys.stderr.write(self.line() + "\n")
        sys.stderr.flush()

    def line(self) -> str:
        stats = self.crawler.stats
        fetched = stats.get_value("response_received_count", 0)
        scheduler = self.crawler.engine.scheduler if self.crawler.engine else None
        queued = len(scheduler) if scheduler is not None and hasattr(scheduler, "__len__") else 0
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return (
            f"[ggcrawl] {fetched} pages fetched, {queued} queued, "
            f"{stats.get_value('ggcrawl/articles', 0)} articles, "
            f"{stats.get_value('ggcrawl/failures', 0)} failures, "
            f"{fetched / elapsed:.1f} pages/s, {elapsed:.0f} s"
        )
