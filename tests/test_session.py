"""CrawlSession alone: what opening a crawl takes and makes (the lock, the archive, the plan, the
WARC file), what closing records and gives back, and how the next session finds the archive: a
new incremental crawl after a finished one, the same crawl resumed after a kill or an early stop.
Real SQLite files and WARC files in tmp_path, read back with sqlite3 and warcio."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from scrapy.http import HtmlResponse
from scrapy.utils.misc import build_from_crawler
from warcio.archiveiterator import ArchiveIterator

from ggcrawl.items import Fetch, FrontierEntry, Snapshot
from ggcrawl.middlewares import WarcRecorderMiddleware
from ggcrawl.pipelines import ArchivePipeline
from ggcrawl.plan import REVISIT_PRIORITY
from ggcrawl.session import CrawlSession, SessionNotOpen
from ggcrawl.store import Archive, ArchiveError, CrawlLock
from tests.archive_checks import query
from tests.crawler_helpers import (
    START_URL,
    WHEN,
    article_fetch,
    kill,
    make_crawler,
    open_crawl,
    opened,
)

HOME = FrontierEntry(START_URL, "home", 100, {})
ARTICLE = START_URL + "html/gzdt/2024/0305/123.html"


def lock_is_free(db: Path) -> bool:
    lock = CrawlLock(db)
    try:
        lock.acquire()
    except ArchiveError:
        return False
    lock.release()
    return True


def warc_records(path: Path) -> list[tuple[str, str | None, dict]]:
    """(WARC-Type, WARC-Target-URI, warcinfo fields or {}) of each record, in file order."""
    records = []
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle):
            fields = {}
            if record.rec_type == "warcinfo":
                for line in record.content_stream().read().decode().splitlines():
                    name, _, value = line.partition(": ")
                    fields[name] = value
            records.append(
                (record.rec_type, record.rec_headers.get_header("WARC-Target-URI"), fields)
            )
    return records


def crawls(db: Path) -> list[dict]:
    return [dict(row) for row in query(db, "SELECT * FROM crawls ORDER BY id")]


def take_in(crawler: Crawler, url: str, role: str, body: bytes, **fields) -> Fetch:
    """A page as a crawl takes it in: its response recorded in the WARC file by the recorder,
    and the Fetch the spider would make of it, for the pipeline."""
    request = Request(url)
    response = HtmlResponse(url, body=body, request=request)
    build_from_crawler(WarcRecorderMiddleware, crawler).process_response(request, response)
    snapshot = Snapshot(url, 200, {}, body, "utf-8", WHEN)
    return Fetch(url, role, WHEN, snapshot=snapshot, warc=request.meta["warc_ref"], **fields)


# --- opening ----------------------------------------------------------------------------------


def test_opening_a_first_crawl(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    assert not db.exists()
    with open_crawl(db) as crawler:
        session = CrawlSession.of(crawler)
        assert db.exists() and isinstance(session.archive, Archive)
        assert session.archive.path == db
        # One crawl at a time: the lock is taken.
        with pytest.raises(ArchiveError, match="another crawl is writing to"):
            CrawlLock(db).acquire()
        # A first crawl: full, from the start URL alone.
        plan = session.plan
        assert (plan.crawl_id, plan.mode, plan.resumed) == (1, "full", False)
        assert plan.pending == [HOME]
        assert plan.seen == {START_URL} and plan.known == {}
        assert session.crawl_id == 1
        warc = tmp_path / "t-crawl00001-01.warc.gz"
        assert session.warc is not None and session.warc.path == warc
        stats = crawler.stats.get_stats()
        assert {k: v for k, v in stats.items() if k.startswith("ggcrawl/")} == {
            "ggcrawl/crawl_id": 1,
            "ggcrawl/mode": "full",
            "ggcrawl/resumed": False,
            "ggcrawl/archive": str(db),
            "ggcrawl/warc": warc.name,
        }
        # The WARC file starts with its warcinfo record, complete and registered.
        [(kind, _uri, info)] = warc_records(warc)
        assert kind == "warcinfo"
        assert info["isPartOf"] == "ggcrawl crawl 1"
        assert info["startURL"] == START_URL
        assert info["format"] == "WARC/1.1"
        rows = query(db, "SELECT filename, crawl_id, committed_end FROM warc_files")
        assert [tuple(r) for r in rows] == [(warc.name, 1, warc.stat().st_size)]
        [crawl] = crawls(db)
        assert (crawl["start_url"], crawl["mode"], crawl["outcome"]) == (
            START_URL,
            "full",
            "running",
        )
        assert crawl["finished_at"] is None
        frontier = query(db, "SELECT url, role, state FROM frontier")
        assert [tuple(r) for r in frontier] == [(START_URL, "home", "pending")]
    assert lock_is_free(db)


def test_the_crawls_settings_are_recorded(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with open_crawl(db, DOWNLOAD_DELAY=0.25, REVISIT="days:30"):
        pass
    settings = json.loads(crawls(db)[0]["settings"])
    assert settings["DOWNLOAD_DELAY"] == 0.25 and settings["REVISIT"] == "days:30"
    assert settings["ARCHIVE_DB"] == str(db)


# --- closing ----------------------------------------------------------------------------------


def test_closing_records_the_reason_and_gives_everything_back(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    crawler = opened(db)
    session = CrawlSession.of(crawler)
    warc = session.warc
    crawler.stats.set_value("response_received_count", 3)
    session.spider_closed("closespider_timeout")
    [crawl] = crawls(db)
    assert crawl["outcome"] == "closespider_timeout"
    assert crawl["finished_at"] is not None and crawl["finished_at"] >= crawl["started_at"]
    stats = json.loads(crawl["stats"])
    assert stats["response_received_count"] == 3 and stats["ggcrawl/crawl_id"] == 1
    assert warc.handle.closed and session.warc is None
    with pytest.raises(SessionNotOpen, match="only while the spider is"):
        _ = session.archive
    with pytest.raises(SessionNotOpen, match="planned only when"):
        _ = session.plan
    assert session.crawl_id == 0
    assert lock_is_free(db)
    # A second close finds nothing open and changes nothing.
    session.spider_closed("finished")
    assert crawls(db)[0]["outcome"] == "closespider_timeout"


# --- the next session ---------------------------------------------------------------------------


def archive_an_article(crawler: Crawler, etag: str = '"v1"') -> None:
    pipeline = build_from_crawler(ArchivePipeline, crawler)
    pipeline.process_item(article_fetch(ARTICLE, headers={"ETag": [etag]}))


def test_after_a_finished_crawl_the_next_is_a_new_incremental_one(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with open_crawl(db) as crawler:
        archive_an_article(crawler)
    with open_crawl(db) as crawler:
        session = CrawlSession.of(crawler)
        plan = session.plan
        assert (plan.crawl_id, plan.mode, plan.resumed) == (2, "incremental", False)
        assert plan.pending == [HOME]  # REVISIT=none: the archived article is left alone
        assert set(plan.known) == {ARTICLE} and plan.archived(ARTICLE)
        assert session.warc.path.name == "t-crawl00002-01.warc.gz"
        assert crawler.stats.get_value("ggcrawl/mode") == "incremental"
    assert [(c["id"], c["mode"], c["outcome"]) for c in crawls(db)] == [
        (1, "full", "finished"),
        (2, "incremental", "finished"),
    ]
    assert sorted(p.name for p in tmp_path.glob("*.warc.gz")) == [
        "t-crawl00001-01.warc.gz",
        "t-crawl00002-01.warc.gz",
    ]


def test_revisit_and_full_crawl_settings_reach_the_plan(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with open_crawl(db) as crawler:
        archive_an_article(crawler, etag='"v1"')
    with open_crawl(db, REVISIT="all") as crawler:
        plan = CrawlSession.of(crawler).plan
        revisit = FrontierEntry(
            ARTICLE,
            "article",
            REVISIT_PRIORITY,
            {"headers": {"If-None-Match": '"v1"'}, "revisit": True},
        )
        assert (plan.mode, plan.pending) == ("incremental", [HOME, revisit])
    with open_crawl(db, FULL_CRAWL=True) as crawler:
        plan = CrawlSession.of(crawler).plan
        assert (plan.crawl_id, plan.mode, plan.pending) == (3, "full", [HOME])


LINKED = FrontierEntry(ARTICLE, "article", 10, {"referer": START_URL})


def kill_after_the_home_page(db: Path) -> int:
    """A first crawl killed after its home page was committed and while the article it links
    to was being taken in; returns the committed end of its WARC file."""
    crawler = opened(db)
    pipeline = build_from_crawler(ArchivePipeline, crawler)
    home = take_in(crawler, START_URL, "home", b"<html>home</html>", discovered=[LINKED])
    pipeline.process_item(home)
    CrawlSession.of(crawler).archive.commit()
    # The article's response reaches the WARC file and its Fetch the pipeline, but the batch
    # is not committed when the process dies.
    pipeline.process_item(take_in(crawler, ARTICLE, "article", b"<html>article</html>"))
    kill(crawler)
    [(committed_end,)] = query(db, "SELECT committed_end FROM warc_files")
    assert committed_end >= home.warc.offset + home.warc.length
    return committed_end


def test_a_killed_crawl_is_resumed(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    first_warc = tmp_path / "t-crawl00001-01.warc.gz"
    committed_end = kill_after_the_home_page(db)
    assert first_warc.stat().st_size > committed_end
    assert [(c["id"], c["outcome"], c["finished_at"]) for c in crawls(db)] == [(1, "running", None)]
    with open_crawl(db) as crawler:
        session = CrawlSession.of(crawler)
        plan = session.plan
        assert (plan.crawl_id, plan.mode, plan.resumed) == (1, "full", True)
        assert plan.pending == [LINKED]  # the home page is done, the article is not
        assert plan.seen == {START_URL, ARTICLE}
        assert crawler.stats.get_value("ggcrawl/resumed") is True
        assert crawler.stats.get_value("ggcrawl/crawl_id") == 1
        # The killed run's WARC file is cut back to what the committed rows refer to, and
        # this run writes a file of its own.
        assert first_warc.stat().st_size == committed_end
        assert session.warc.path.name == "t-crawl00001-02.warc.gz"
        assert [r[0] for r in warc_records(session.warc.path)] == ["warcinfo"]
    assert [(c["id"], c["outcome"], c["resumes"]) for c in crawls(db)] == [(1, "finished", 1)]
    assert query(db, "SELECT COUNT(*) FROM snapshots WHERE url = ?", ARTICLE)[0][0] == 0
    files = query(db, "SELECT filename, crawl_id FROM warc_files ORDER BY filename")
    assert [tuple(r) for r in files] == [
        ("t-crawl00001-01.warc.gz", 1),
        ("t-crawl00001-02.warc.gz", 1),
    ]


def test_cutting_back_keeps_the_committed_pages_records_whole(tmp_path: Path) -> None:
    """The committed home page keeps its response record and its request record; the
    article's, written after the last commit, are gone (it is fetched again)."""
    db = tmp_path / "t.db"
    kill_after_the_home_page(db)
    with open_crawl(db):
        pass
    records = warc_records(tmp_path / "t-crawl00001-01.warc.gz")
    assert sorted((kind, uri) for kind, uri, _ in records) == [
        ("request", START_URL),
        ("response", START_URL),
        ("warcinfo", None),
    ]


def test_a_crawl_stopped_early_is_resumed_by_the_next(tmp_path: Path) -> None:
    """Ctrl-C (Scrapy's ``shutdown``) with work left: the next session carries on with it."""
    db = tmp_path / "t.db"
    crawler = opened(db)
    CrawlSession.of(crawler).spider_closed("shutdown")
    assert crawls(db)[0]["outcome"] == "shutdown"
    with open_crawl(db) as crawler:
        plan = CrawlSession.of(crawler).plan
        assert (plan.crawl_id, plan.resumed, plan.pending) == (1, True, [HOME])
        assert CrawlSession.of(crawler).warc.path.name == "t-crawl00001-02.warc.gz"
    assert [(c["id"], c["outcome"], c["resumes"]) for c in crawls(db)] == [(1, "finished", 1)]


# --- without a start URL, without WARC, with the archive unusable ------------------------------


def test_without_a_start_url_the_archive_opens_but_nothing_is_planned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GGCRAWL_START_URL", raising=False)
    db = tmp_path / "t.db"
    crawler = opened(db, start_url=None)
    session = CrawlSession.of(crawler)
    assert crawler.spider.start_url == ""
    assert session.archive.path == db
    with pytest.raises(SessionNotOpen, match="planned only when the spider opens with a start URL"):
        _ = session.plan
    assert session.crawl_id == 0 and session.warc is None
    assert not lock_is_free(db)
    session.spider_closed("finished")
    assert crawls(db) == []
    assert list(tmp_path.glob("*.warc.gz")) == []
    assert crawler.stats.get_value("ggcrawl/crawl_id") is None
    assert lock_is_free(db)


def test_warc_disabled_opens_no_warc_file(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with open_crawl(db, WARC_ENABLED=False) as crawler:
        session = CrawlSession.of(crawler)
        assert session.warc is None
        assert session.plan.crawl_id == 1
        assert crawler.stats.get_value("ggcrawl/warc") is None
    assert list(tmp_path.glob("*.warc*")) == []
    assert query(db, "SELECT COUNT(*) FROM warc_files")[0][0] == 0
    assert crawls(db)[0]["outcome"] == "finished"


def test_a_locked_archive_closes_the_spider_with_the_reason(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    other = CrawlLock(db)
    other.acquire()  # another crawl holds it
    try:
        crawler = make_crawler(db)
        crawler.stats.open_spider()
        session = CrawlSession.of(crawler)
        with pytest.raises(CloseSpider) as raised:
            session.spider_opened()
        assert raised.value.reason == "archive_unavailable"
        error = crawler.stats.get_value("ggcrawl/error")
        assert "another crawl is writing to" in error and "t.db.lock" in error
        assert not db.exists()  # refused before the archive was opened
        with pytest.raises(SessionNotOpen):
            _ = session.archive
        # Scrapy then closes the spider: nothing to close, and the other crawl's lock stays.
        session.spider_closed("archive_unavailable")
        assert not lock_is_free(db)
    finally:
        other.release()


def test_a_file_that_is_not_an_archive_closes_the_spider_and_frees_the_lock(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("not a database\n")
    crawler = make_crawler(db)
    crawler.stats.open_spider()
    session = CrawlSession.of(crawler)
    with pytest.raises(CloseSpider):
        session.spider_opened()
    assert "is not an SQLite database" in crawler.stats.get_value("ggcrawl/error")
    session.spider_closed("archive_unavailable")
    assert lock_is_free(db)
    assert db.read_text() == "not a database\n"
