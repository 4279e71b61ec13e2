"""ArchivePipeline alone, on a real crawl session (tests/crawler_helpers.py): what it writes into
the SQLite archive and what it counts in the crawl's stats."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy import Item
from scrapy.utils.misc import build_from_crawler

from ggcrawl.items import AssetData, Failure, Fetch, FrontierEntry, Snapshot
from ggcrawl.pipelines import ArchivePipeline
from ggcrawl.session import SessionNotOpen
from ggcrawl.store import Archive
from tests.archive_checks import query
from tests.crawler_helpers import START_URL, WHEN, make_crawler, open_crawl
from tests.crawler_helpers import article_fetch as shared_article_fetch

URL = START_URL + "html/gzdt/2024/0305/123.html"
TITLE = "关心下一代工作会议召开"
PAGE = "<html><head><title>关心下一代工作会议召开</title></head><body>…</body></html>".encode()


def article_fetch(
    url: str = URL, title: str = "关心下一代工作会议召开", body: bytes = PAGE
) -> Fetch:
    return shared_article_fetch(
        url,
        title=title,
        body=body,
        headers={"Content-Type": ["text/html; charset=utf-8"], "ETag": ['"a1"']},
        image=START_URL + "uploads/1.jpg",
    )


def counted(crawler) -> dict[str, int]:
    """The pipeline's counts among the crawl's stats (the session's own values left out)."""
    own = {"ggcrawl/crawl_id", "ggcrawl/mode", "ggcrawl/resumed", "ggcrawl/archive", "ggcrawl/warc"}
    stats = crawler.stats.get_stats()
    return {k: v for k, v in stats.items() if k.startswith("ggcrawl/") and k not in own}


def test_an_article_fetch_is_archived_and_counted(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    fetch = article_fetch()
    with open_crawl(db) as crawler:
        pipeline = build_from_crawler(ArchivePipeline, crawler)
        assert pipeline.process_item(fetch) is fetch
        assert counted(crawler) == {"ggcrawl/articles_new": 1, "ggcrawl/articles": 1}
    [article] = query(db, "SELECT * FROM articles")
    assert (article["url"], article["title"], article["section"]) == (
        URL,
        "关心下一代工作会议召开",
        "工作动态",
    )
    assert (article["first_crawl_id"], article["last_crawl_id"], article["version"]) == (1, 1, 1)
    [snapshot] = query(
        db,
        "SELECT url, status, sha256, sqlar_uncompress(body, size) AS body, crawl_id "
        "FROM snapshots WHERE id = ?",
        article["snapshot_id"],
    )
    assert tuple(snapshot) == (URL, 200, fetch.snapshot.sha256, PAGE, 1)
    assert [tuple(r) for r in query(db, "SELECT url, state FROM frontier WHERE url = ?", URL)] == [
        (URL, "done")
    ]
    assert [tuple(r) for r in query(db, "SELECT article_url, asset_url FROM article_assets")] == [
        (URL, START_URL + "uploads/1.jpg")
    ]
    with Archive.open(db, readonly=True) as archive:
        assert [hit.url for hit in archive.search("关工委")] == [URL]
        assert archive.crawl(1)["articles_new"] == 1


def test_unchanged_then_changed_then_gone(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with open_crawl(db) as crawler:
        pipeline = build_from_crawler(ArchivePipeline, crawler)
        pipeline.process_item(article_fetch())
        pipeline.process_item(article_fetch())
        edited = article_fetch(title="关心下一代工作会议召开（修订）", body=PAGE + b" ")
        pipeline.process_item(edited)
        gone = Fetch(
            URL,
            "article",
            WHEN,
            snapshot=Snapshot(URL, 404, {}, b"gone", None, WHEN),
            failure=Failure(URL, "http", 404, "HTTP 404", START_URL, WHEN),
            gone_status=404,
        )
        pipeline.process_item(gone)
        assert counted(crawler) == {
            "ggcrawl/articles_new": 1,
            "ggcrawl/articles_unchanged": 1,
            "ggcrawl/articles_changed": 1,
            "ggcrawl/articles": 3,
            "ggcrawl/articles_gone": 1,
            "ggcrawl/failures": 1,
        }
    [article] = query(db, "SELECT title, version, gone_status FROM articles")
    assert tuple(article) == ("关心下一代工作会议召开（修订）", 2, 404)
    assert query(db, "SELECT COUNT(*) FROM article_versions")[0][0] == 2


def test_a_failure_is_counted_and_recorded_with_its_kind(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    failure = Failure(URL, "network", None, "TCP connection timed out: 110", START_URL, WHEN)
    with open_crawl(db) as crawler:
        pipeline = build_from_crawler(ArchivePipeline, crawler)
        pipeline.process_item(Fetch(URL, "article", WHEN, failure=failure))
        assert counted(crawler) == {"ggcrawl/failures": 1}
    rows = query(db, "SELECT url, kind, status, error, referer, crawl_id, failed_at FROM failures")
    assert [tuple(r) for r in rows] == [
        (URL, "network", None, "TCP connection timed out: 110", START_URL, 1, WHEN)
    ]
    assert query(db, "SELECT COUNT(*) FROM articles")[0][0] == 0


def test_assets_fetched_and_skipped_are_counted(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    image = AssetData(START_URL + "uploads/1.jpg", "image", 200, "image/jpeg", b"\xff\xd8\xff")
    big = AssetData(START_URL + "uploads/big.zip", "attachment", 200, None, None, "too-large")
    with open_crawl(db) as crawler:
        pipeline = build_from_crawler(ArchivePipeline, crawler)
        pipeline.process_item(Fetch(image.url, "asset", WHEN, asset=image))
        pipeline.process_item(Fetch(big.url, "asset", WHEN, asset=big))
        assert counted(crawler) == {"ggcrawl/assets_fetched": 1, "ggcrawl/assets_skipped": 1}
    rows = query(db, "SELECT url, sha256, size, skipped FROM assets ORDER BY url")
    assert [tuple(r) for r in rows] == [
        (image.url, image.sha256, 3, None),
        (big.url, None, None, "too-large"),
    ]


@pytest.mark.parametrize(
    "item",
    [
        {"url": URL},
        Item(),
        # What a spider might yield by mistake: a part of a Fetch instead of the Fetch.
        Snapshot(URL, 200, {}, PAGE, "utf-8", WHEN),
        FrontierEntry(URL, "article", 10, {}),
    ],
    ids=["dict", "Item", "Snapshot", "FrontierEntry"],
)
def test_anything_but_a_fetch_is_refused(tmp_path: Path, item: object) -> None:
    db = tmp_path / "t.db"
    with open_crawl(db) as crawler:
        pipeline = build_from_crawler(ArchivePipeline, crawler)
        with pytest.raises(TypeError, match="the archive stores Fetch items, not "):
            pipeline.process_item(item)
        assert counted(crawler) == {}
    assert query(db, "SELECT COUNT(*) FROM snapshots")[0][0] == 0


def test_without_the_session_extension_the_message_says_what_is_missing(tmp_path: Path) -> None:
    crawler = make_crawler(tmp_path / "t.db", EXTENSIONS={"ggcrawl.session.CrawlSession": None})
    with pytest.raises(SessionNotOpen, match=r"CrawlSession is not in EXTENSIONS"):
        build_from_crawler(ArchivePipeline, crawler)


def test_before_the_spider_opens_there_is_no_archive_to_write(tmp_path: Path) -> None:
    crawler = make_crawler(tmp_path / "t.db")
    pipeline = build_from_crawler(ArchivePipeline, crawler)
    with pytest.raises(SessionNotOpen, match="only while the spider is"):
        pipeline.process_item(article_fetch())
    assert not (tmp_path / "t.db").exists()
