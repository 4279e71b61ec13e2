"""The Progress extension alone: a crawler from get_crawler with the project's settings, the
crawl's stats set by hand, Twisted's Clock standing in for the reactor so that its LoopingCall
runs when the test moves time (no real reactor, no waiting)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import twisted.internet
from scrapy import Request, signals
from scrapy.core.engine import ExecutionEngine
from scrapy.core.scheduler import Scheduler
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import build_from_crawler
from twisted.internet import task

from ggcrawl.extensions import Progress
from tests.crawler_helpers import START_URL, make_crawler


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> task.Clock:
    """Twisted's fake clock as the reactor (and no real reactor installed in the test process)."""
    fake = task.Clock()
    monkeypatch.setattr(twisted.internet, "reactor", fake, raising=False)
    return fake


@pytest.mark.parametrize("interval", [0, "0", -5])
def test_off_when_the_interval_is_not_positive(tmp_path: Path, interval) -> None:
    crawler = make_crawler(tmp_path / "t.db", PROGRESS_INTERVAL=interval)
    assert crawler.get_extension(Progress) is None
    with pytest.raises(NotConfigured):
        Progress.from_crawler(crawler)


def test_on_by_default_with_the_projects_interval(tmp_path: Path) -> None:
    progress = make_crawler(tmp_path / "t.db").get_extension(Progress)
    assert isinstance(progress, Progress)
    assert progress.interval == 10.0


def set_stats(crawler, fetched: int, articles: int, failures: int) -> None:
    crawler.stats.set_value("response_received_count", fetched)
    crawler.stats.set_value("ggcrawl/articles", articles)
    crawler.stats.set_value("ggcrawl/failures", failures)


# Elapsed time is read from the real monotonic clock: started 100 s ago, the line says 100 s
# (101 on a very slow machine), and 250 pages in that time are 2.5 pages/s either way.
LINE = (
    r"\[ggcrawl\] 250 pages fetched, {queued} queued, 40 articles, 3 failures, "
    r"2\.5 pages/s, 10[01] s"
)


def engine_of(crawler) -> ExecutionEngine:
    """Scrapy's engine as the crawl sets it (Crawler.engine raises until then), not started:
    it has no scheduler yet."""
    crawler.engine = ExecutionEngine(crawler, lambda _reason: None)
    return crawler.engine


def test_the_line_reads_the_crawls_stats(tmp_path: Path) -> None:
    crawler = make_crawler(tmp_path / "t.db", PROGRESS_INTERVAL=5)
    progress = build_from_crawler(Progress, crawler)
    assert engine_of(crawler).scheduler is None
    assert progress.line().startswith("[ggcrawl] 0 pages fetched, 0 queued, 0 articles, 0 failures")
    set_stats(crawler, fetched=250, articles=40, failures=3)
    progress.started = time.monotonic() - 100
    assert re.fullmatch(LINE.format(queued=0), progress.line())


def test_queued_is_the_schedulers_length(tmp_path: Path) -> None:
    # A real scheduler, with a priority queue that does not ask the engine's downloader.
    crawler = make_crawler(
        tmp_path / "t.db",
        PROGRESS_INTERVAL=5,
        SCHEDULER_PRIORITY_QUEUE="scrapy.pqueues.ScrapyPriorityQueue",
    )
    scheduler = build_from_crawler(Scheduler, crawler)
    scheduler.open(crawler.spider)
    for n in range(7):
        assert scheduler.enqueue_request(Request(f"{START_URL}{n}.html"))

    class Engine:  # the one thing Progress asks of Scrapy's engine
        def __init__(self, scheduler: Scheduler):
            self.scheduler = scheduler

    crawler.engine = Engine(scheduler)
    progress = build_from_crawler(Progress, crawler)
    set_stats(crawler, fetched=250, articles=40, failures=3)
    progress.started = time.monotonic() - 100
    assert re.fullmatch(LINE.format(queued=7), progress.line())
    scheduler.next_request()
    assert ", 6 queued," in progress.line()


def test_report_writes_the_line_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    crawler = make_crawler(tmp_path / "t.db")
    engine_of(crawler)
    progress = build_from_crawler(Progress, crawler)
    set_stats(crawler, fetched=250, articles=40, failures=3)
    progress.started = time.monotonic() - 100
    progress.report()
    out, err = capsys.readouterr()
    assert out == ""
    assert re.fullmatch(LINE.format(queued=0) + "\n", err)


def test_a_line_every_interval_while_the_spider_is_open(
    tmp_path: Path,
    clock: task.Clock,
    capsys: pytest.CaptureFixture,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Without Scrapy's own extensions, which want a real reactor, the signals reach the crawl
    # session and Progress only.
    crawler = make_crawler(
        tmp_path / "t.db",
        PROGRESS_INTERVAL=5,
        EXTENSIONS_BASE={},
        EXTENSIONS={"ggcrawl.session.CrawlSession": 100, "ggcrawl.extensions.Progress": 500},
    )
    engine_of(crawler)
    progress = crawler.get_extension(Progress)
    crawler.signals.send_catch_log(signals.spider_opened, spider=crawler.spider)
    try:
        assert progress.loop is not None and progress.loop.running
        assert progress.loop.clock is clock
        clock.advance(4.9)
        assert capsys.readouterr().err == ""  # not at once: the first line after an interval
        clock.advance(0.1)
        crawler.stats.set_value("response_received_count", 12)
        clock.advance(5)
        lines = capsys.readouterr().err.splitlines()
        assert len(lines) == 2
        assert lines[0].startswith("[ggcrawl] 0 pages fetched")
        assert lines[1].startswith("[ggcrawl] 12 pages fetched")
    finally:
        crawler.signals.send_catch_log(
            signals.spider_closed, spider=crawler.spider, reason="finished"
        )
    assert not progress.loop.running
    assert clock.getDelayedCalls() == []
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == []
    clock.advance(60)
    assert capsys.readouterr().err == ""


def test_closing_before_opening_is_harmless(tmp_path: Path) -> None:
    progress = build_from_crawler(Progress, make_crawler(tmp_path / "t.db"))
    progress.spider_closed()
    assert progress.loop is None
