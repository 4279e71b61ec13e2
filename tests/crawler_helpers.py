"""Scrapy components tested alone, as Scrapy's own suite tests them: a crawler made with
``get_crawler`` and the project's settings, its spider made, and its crawl session opened on
an archive in a temporary folder, with no engine and no network."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from ggcrawl import settings as project_settings
from ggcrawl.items import Article, AssetLink, Fetch, Snapshot
from ggcrawl.session import CrawlSession
from ggcrawl.spiders.tsggw import TsggwSpider

START_URL = "http://127.0.0.1:8000/"
WHEN = "2024-03-05T08:00:00Z"


def make_crawler(db: Path, start_url: str | None = START_URL, **overrides: Any) -> Crawler:
    """A crawler with ggcrawl's settings (``overrides`` on top) and its spider, not opened."""
    values = {name: getattr(project_settings, name) for name in dir(project_settings)}
    settings = {name: value for name, value in values.items() if name.isupper()}
    crawler = get_crawler(TsggwSpider, {**settings, "ARCHIVE_DB": str(db), **overrides})
    crawler.spider = crawler._create_spider(start_url=start_url)
    return crawler


def opened(db: Path, start_url: str | None = START_URL, **overrides: Any) -> Crawler:
    """A crawler whose session the spider opening has opened; the test closes it (or not)."""
    crawler = make_crawler(db, start_url, **overrides)
    crawler.stats.open_spider()
    CrawlSession.of(crawler).spider_opened()
    return crawler


def kill(crawler: Crawler) -> None:
    """What SIGKILL leaves of an open session: its files closed by the kernel, the uncommitted
    batch rolled back, the lock gone with its file handle, and nothing recorded."""
    session = CrawlSession.of(crawler)
    if session.warc is not None:
        session.warc.handle.close()
    session.archive.conn.close()  # closing without COMMIT: SQLite rolls the batch back
    session._lock.handle.close()  # flock goes with the last handle, as with a dead process


@contextmanager
def open_crawl(db: Path, start_url: str | None = START_URL, **overrides: Any) -> Iterator[Crawler]:
    """A crawler whose session is open as the spider opening would open it; closed after."""
    crawler = opened(db, start_url, **overrides)
    try:
        yield crawler
    finally:
        CrawlSession.of(crawler).spider_closed("finished")


def article_fetch(
    url: str,
    *,
    title: str = "关心下一代工作会议召开",
    body: bytes = b"<html><body>...</body></html>",
    headers: dict[str, list[str]] | None = None,
    image: str | None = None,
) -> Fetch:
    """What the spider yields for an article page: its snapshot and its fields (``image``, if
    given, in the body and linked)."""
    snapshot = Snapshot(url, 200, headers or {}, body, "utf-8", WHEN)
    article = Article(
        url=url,
        section="工作动态",
        title=title,
        published_at="2024-03-05",
        source="市关工委",
        body_text="三月五日，市关工委召开会议。",
        body_html="<p>三月五日，市关工委召开会议。</p>",
        images=[image] if image else [],
        attachments=[],
        prev_url=None,
        next_url=None,
        parse_warnings=[],
        snapshot_sha256=snapshot.sha256,
        snapshot_status=200,
        fetched_at=WHEN,
    )
    links = [AssetLink(image, "image", False)] if image else []
    return Fetch(url, "article", WHEN, snapshot=snapshot, article=article, asset_links=links)
