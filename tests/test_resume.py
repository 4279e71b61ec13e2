"""A crawl killed with SIGKILL at any moment and started again finishes the work: nothing lost,
nothing duplicated, the database intact, the WARC files valid up to their last record."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ggcrawl.replica import ReplicaServer, build_site
from tests.archive_checks import assert_integrity, assert_matches_truth, assert_warc_agrees, query
from tests.conftest import REPO

pytestmark = pytest.mark.e2e

# Slow enough (2 requests at a time) that a kill lands mid-crawl; commits every 10 pages.
SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS": "2",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "2",
    "ARCHIVE_BATCH_SIZE": "10",
    "ARCHIVE_BATCH_SECONDS": "0.5",
}


def start_crawl(server: ReplicaServer, db: Path, **settings: str) -> subprocess.Popen:
    overrides = [
        arg for name, value in (SETTINGS | settings).items() for arg in ("-s", f"{name}={value}")
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GGCRAWL_")}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ggcrawl",
            "crawl",
            "--start-url",
            server.base_url,
            "--db",
            str(db),
            *overrides,
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def articles_in(db: Path) -> int:
    try:
        return query(db, "SELECT COUNT(*) FROM articles")[0][0]
    except Exception:  # the file or table may not exist yet
        return 0


def kill_when(process: subprocess.Popen, db: Path, articles: int) -> None:
    deadline = time.monotonic() + 120
    while articles_in(db) < articles and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the crawl ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL


@pytest.mark.slow
def test_killed_at_ten_moments_each_resumed(tmp_path: Path) -> None:
    """Ten SIGKILLs, from the first pages to the last articles; each time the database is
    intact and the next run picks up the same crawl; the end result is exact. A small download
    delay keeps the last kill ahead of the crawl's end however fast the machine (the article
    count is seen only at each batched commit)."""
    site = build_site(articles=300, seed=12)
    db = tmp_path / "archive.db"
    with ReplicaServer(site, dialect="phpcms") as server:
        truth = server.ground_truth()
        for threshold in (1, 15, 40, 70, 100, 140, 180, 220, 250, 275):
            kill_when(start_crawl(server, db, DOWNLOAD_DELAY="0.05"), db, threshold)
            assert_integrity(db)
        final = start_crawl(server, db)
        _out, err = final.communicate(timeout=300)
        assert final.returncode == 0, err.decode()
    assert_integrity(db)
    assert_matches_truth(db, truth)
    assert [tuple(c) for c in query(db, "SELECT resumes, outcome FROM crawls")] == [
        (10, "finished")
    ]
    assert assert_warc_agrees(db) >= len(truth["articles"])


def test_killed_twice_then_resumed(tmp_path: Path) -> None:
    site = build_site(articles=240, seed=11)
    db = tmp_path / "archive.db"
    with ReplicaServer(site, dialect="dede") as server:
        truth = server.ground_truth()
        kill_when(start_crawl(server, db), db, 30)
        assert_integrity(db)
        kill_when(start_crawl(server, db), db, 120)
        assert_integrity(db)
        final = start_crawl(server, db)
        _out, err = final.communicate(timeout=300)
        assert final.returncode == 0, err.decode()
        assert server.offsite_hits == 0
    assert_integrity(db)
    assert_matches_truth(db, truth)
    crawls = query(db, "SELECT id, outcome, resumes, mode FROM crawls")
    assert [tuple(c) for c in crawls] == [(1, "finished", 2, "full")]
    assert query(db, "SELECT COUNT(*) FROM frontier WHERE state = 'pending'")[0][0] == 0
    duplicates = query(db, "SELECT url FROM snapshots GROUP BY url, status HAVING COUNT(*) > 1")
    assert duplicates == []
    assert len(query(db, "SELECT filename FROM warc_files")) == 3
    assert assert_warc_agrees(db) >= len(truth["articles"])


def test_stopped_with_ctrl_c_then_resumed(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT) stops a crawl gracefully: it records Scrapy's reason, ``shutdown``, with
    its stats, and the next run resumes the same crawl instead of losing its frontier."""
    site = build_site(articles=120, seed=13)
    db = tmp_path / "archive.db"
    with ReplicaServer(site, dialect="asp") as server:
        truth = server.ground_truth()
        process = start_crawl(server, db, DOWNLOAD_DELAY="0.05")
        deadline = time.monotonic() + 120
        while articles_in(db) < 20 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process.poll() is None, "the crawl ended before it could be interrupted"
        os.killpg(process.pid, signal.SIGINT)
        process.communicate(timeout=60)
        stopped = query(db, "SELECT id, outcome, stats FROM crawls")
        assert [(c[0], c[1]) for c in stopped] == [(1, "shutdown")]
        assert '"finish_reason": "shutdown"' in stopped[0][2]
        assert query(db, "SELECT COUNT(*) FROM frontier WHERE state = 'pending'")[0][0] > 0
        final = start_crawl(server, db)
        _out, err = final.communicate(timeout=300)
        assert final.returncode == 0, err.decode()
    assert_integrity(db)
    assert_matches_truth(db, truth)
    crawls = query(db, "SELECT id, outcome, resumes, mode FROM crawls")
    assert [tuple(c) for c in crawls] == [(1, "finished", 1, "full")]


def pending_parts(db: Path) -> int:
    try:
        return query(db, "SELECT COUNT(*) FROM frontier WHERE role = 'part' AND state = 'pending'")[
            0
        ][0]
    except Exception:  # the file or table may not exist yet
        return 0


def test_killed_while_articles_wait_for_their_later_pages_then_resumed(tmp_path: Path) -> None:
    """A site that splits its articles over pages, killed when the archive holds first pages
    whose later pages are still pending: the resumed crawl goes on from the pages the frontier
    carries, and every article is whole, once."""
    site = build_site(articles=120, seed=4)
    db = tmp_path / "archive.db"
    with ReplicaServer(site, dialect="dede") as server:
        server.split_articles(3)
        truth = server.ground_truth()
        process = start_crawl(server, db, DOWNLOAD_DELAY="0.02")
        deadline = time.monotonic() + 120
        while not (articles_in(db) >= 10 and pending_parts(db)) and time.monotonic() < deadline:
            assert process.poll() is None, "the crawl ended before it could be killed"
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
        waiting = pending_parts(db)
        assert waiting > 0
        final = start_crawl(server, db)
        _out, err = final.communicate(timeout=300)
        assert final.returncode == 0, err.decode()
    assert_integrity(db)
    assert_matches_truth(db, truth)
    assert query(db, "SELECT resumes FROM crawls")[0][0] == 1
    assert query(db, "SELECT COUNT(*) FROM articles WHERE parse_warnings != '[]'")[0][0] == 0
    duplicates = query(db, "SELECT url FROM snapshots GROUP BY url, status HAVING COUNT(*) > 1")
    assert duplicates == []
