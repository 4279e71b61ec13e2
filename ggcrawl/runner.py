"""Run the `tsggw` spider in this process and report what the crawl archived."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

# Politeness off: for the bundled replica on loopback only, never for the live site.
REPLICA_SETTINGS: dict[str, Any] = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "RETRY_TIMES": 2,
    "RETRY_BACKOFF_BASE": 0.2,
    "DOWNLOAD_TIMEOUT": 15,
}


@dataclass(frozen=True)
class CrawlResult:
    crawl_id: int
    finish_reason: str
    stats: dict[str, Any]


def parse_overrides(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``-s NAME=VALUE`` pairs as a dict; ValueError names the malformed one."""
    overrides: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"-s {pair!r} is not NAME=VALUE")
        overrides[name.strip()] = value
    return overrides


def build_settings(db: Path, overrides: dict[str, Any]) -> Settings:
    settings = Settings()
    settings.setmodule("ggcrawl.settings", priority="project")
    settings.set("ARCHIVE_DB", str(db), priority="cmdline")
    settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    for name, value in overrides.items():
        settings.set(name, value, priority="cmdline")
    return settings


def reachable(url: str, timeout: float = 10.0) -> str | None:
    """None if a TCP connection to the URL's host and port opens, else the reason it did not."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return None
    except OSError as exc:
        return exc.strerror or str(exc)


def run_crawl(start_url: str, settings: Settings) -> CrawlResult:
    """Crawl in this process (Twisted's reactor runs once per process) and return the stats."""
    from ggcrawl.spiders.tsggw import TsggwSpider

    process = CrawlerProcess(settings)
    crawler = process.create_crawler(TsggwSpider)
    process.crawl(crawler, start_url=start_url)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    return CrawlResult(
        int(stats.get("ggcrawl/crawl_id", 0)), str(stats.get("finish_reason", "unknown")), stats
    )
