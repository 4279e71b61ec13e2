"""The start URL's own redirects define the site (issue 15): an address that answers 301 to the
site's real one is followed there, the site is archived whole under its real address, and a
later crawl of a site that moved keeps the archive's URLs comparable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ggcrawl.replica import ReplicaServer, build_site
from tests.archive_checks import assert_integrity, assert_matches_truth
from tests.conftest import FAST, run_cli
from tests.static_site import ROBOTS, StaticSite

pytestmark = pytest.mark.e2e


def redirect_to(target: str) -> tuple[int, dict[str, str], bytes]:
    return 301, {"Location": target}, b""


def crawls(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id, start_url, site, outcome, mode FROM crawls").fetchall()


def test_a_start_url_that_redirects_to_the_site(tmp_path: Path) -> None:
    """http://127.0.0.2:PORT/ (standing in for http://site/, or the bare host) answers 301 to
    the replica's address (standing in for https://www.site/): the whole replica is archived
    under its own address, exit status 0, and the front is asked once."""
    db = tmp_path / "a.db"
    with ReplicaServer(build_site(articles=40, seed=3), dialect="phpcms") as server:
        pages = {"/": redirect_to(server.base_url), "/robots.txt": ROBOTS}
        with StaticSite(pages, host="127.0.0.2") as front:
            result = run_cli("crawl", "--start-url", front.base_url, "--db", str(db), *FAST)
        truth = server.ground_truth()
        assert result.returncode == 0, result.stderr
        assert server.offsite_hits == 0
    assert f"redirects to {server.base_url}: the site is crawled there" in result.stderr
    assert front.requests.count("/") == 1
    assert_integrity(db)
    assert_matches_truth(db, truth)
    assert crawls(db) == [(1, front.base_url, server.base_url, "finished", "full")]
    assert f"Site: {server.base_url}" in result.stdout


def test_a_site_that_moved_keeps_its_archived_addresses(tmp_path: Path) -> None:
    """Crawled at one address, the site later answers at another, and its old address
    redirects there: the second crawl fetches from the new address, says so, and keeps every
    URL as the archive has it, so it finds nothing new and exits 0."""
    db = tmp_path / "a.db"
    site = build_site(articles=40, seed=9)
    with ReplicaServer(site, dialect="dede") as first:
        old = first.base_url
        result = run_cli("crawl", "--start-url", old, "--db", str(db), *FAST)
        assert result.returncode == 0, result.stderr
        truth = first.ground_truth()
    host, port = old.removeprefix("http://").rstrip("/").split(":")
    with ReplicaServer(site, dialect="dede") as moved:
        pages = {"/": redirect_to(moved.base_url), "/robots.txt": ROBOTS}
        with StaticSite(pages, host=host, port=int(port)):
            again = run_cli("crawl", "--start-url", old, "--db", str(db), *FAST)
        assert again.returncode == 0, again.stderr
        new_pages = [path for _method, path in moved.requests if path.endswith(".html")]
    assert f"redirects to {moved.base_url}" in again.stderr
    assert f"The site was at {old} in the archive's first crawl" in again.stderr
    assert "Articles: 0 new / 0 changed" in again.stdout
    assert crawls(db)[1][1:] == (old, moved.base_url, "finished", "incremental")
    # Only the columns' first pages were read again: the chains reached archived articles.
    assert len(new_pages) <= 2 * len(truth["sections"])
    assert_matches_truth(db, truth)
    with sqlite3.connect(db) as conn:
        stored = {row[0] for row in conn.execute("SELECT url FROM snapshots")}
    assert all(url.startswith(old) for url in stored), sorted(stored)[:5]
