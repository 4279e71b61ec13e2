"""Real processes side by side: a crawl keeps going while another process holds the database
locked, and the browse view keeps answering while a crawl writes to the same archive."""

from __future__ import annotations

import json
import sqlite3
import time
import urllib.request
from pathlib import Path

import pytest

from ggcrawl.replica import ReplicaServer, build_site
from tests.archive_checks import assert_integrity, assert_matches_truth
from tests.test_browse_browser import browsing
from tests.test_resume import articles_in, start_crawl

pytestmark = pytest.mark.e2e


def test_crawl_survives_a_database_locked_by_another_process(tmp_path: Path) -> None:
    """Another writer takes the write lock for 1.5 s at a time; the crawl waits (busy timeout,
    then tenacity's backoff) instead of failing or losing pages. A small download delay keeps
    the crawl going for several seconds however fast the machine, so the lock is taken while
    it runs."""
    db = tmp_path / "archive.db"
    site = build_site(articles=120, seed=21)
    with ReplicaServer(site, dialect="dede") as server:
        truth = server.ground_truth()
        crawl = start_crawl(server, db, DOWNLOAD_DELAY="0.05")
        while articles_in(db) == 0 and crawl.poll() is None:
            time.sleep(0.05)
        held = 0
        while crawl.poll() is None and held < 6:
            other = sqlite3.connect(db, timeout=30, isolation_level=None)
            other.execute("BEGIN IMMEDIATE")
            time.sleep(1.5)
            other.execute("COMMIT")
            other.close()
            held += 1
            time.sleep(0.2)
        _out, err = crawl.communicate(timeout=300)
        assert crawl.returncode == 0, err.decode()
    assert held >= 2
    assert_integrity(db)
    assert_matches_truth(db, truth)


@pytest.mark.server
def test_browse_keeps_answering_while_a_crawl_writes(tmp_path: Path) -> None:
    """The archive is open read-only (not immutable) in Datasette while the crawl commits:
    every page answers, and what it shows grows until it shows the whole crawl."""
    db = tmp_path / "tsggw.db"
    site = build_site(articles=200, seed=22)
    pages = ("", "tsggw/search?q=%E5%85%B3%E5%B7%A5", "tsggw/articles.json?_shape=array&_size=5")
    with ReplicaServer(site, dialect="asp") as server:
        truth = server.ground_truth()
        crawl = start_crawl(server, db)
        while articles_in(db) == 0 and crawl.poll() is None:
            time.sleep(0.05)
        shown: list[int] = []
        with browsing(db) as base:
            while crawl.poll() is None:
                for path in pages:
                    with urllib.request.urlopen(base + path, timeout=10) as reply:
                        assert reply.status == 200
                shown.append(articles_shown(base))
                time.sleep(0.1)
            _out, err = crawl.communicate(timeout=300)
            assert crawl.returncode == 0, err.decode()
            shown.append(articles_shown(base))
    assert len(shown) >= 3
    assert shown == sorted(shown) and shown[0] < shown[-1] == len(truth["articles"])


def articles_shown(base: str) -> int:
    """The article count the browse view reports (Datasette's filtered_table_rows_count)."""
    with urllib.request.urlopen(base + "tsggw/articles.json?_size=1", timeout=10) as reply:
        return json.loads(reply.read())["filtered_table_rows_count"]
