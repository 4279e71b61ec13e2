"""Archiving over time against a replica that changes between crawls: new articles (some only
reachable through a chain), an edited one, a removed one; versions, gone pages, conditional
revisits; and the assets articles use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ggcrawl.replica import ReplicaServer, build_site
from ggcrawl.urls import normalize_url
from tests.archive_checks import assert_integrity, assert_matches_truth, query
from tests.conftest import FAST, run_cli

pytestmark = pytest.mark.e2e
ASSET_CAP = 1_000_000  # below the replica's 3 MB attachment


def crawl(server: ReplicaServer, db: Path, *extra: str):
    result = run_cli(
        "crawl",
        "--start-url",
        server.base_url,
        "--db",
        str(db),
        *FAST,
        "-s",
        f"ASSET_MAXSIZE={ASSET_CAP}",
        *extra,
    )
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """Crawl 1 (full), mutate, crawl 2 (incremental), crawl 3 (incremental, --revisit all)."""
    db = tmp_path_factory.mktemp("history") / "tsggw.db"
    site = build_site(articles=60, seed=7)
    with ReplicaServer(site, dialect="dede") as server:
        first_truth = server.ground_truth()
        crawl(server, db)
        edited = first_truth["articles"][5]
        removed = first_truth["articles"][9]
        added = site.add_articles(50, chain_only=3, seed=99)
        site.edit_article(
            edited["url"], title="修改后的标题 关工委工作", body="修改后的正文。\n第二段。"
        )
        site.remove_article(removed["url"], status=410)
        truth = server.ground_truth()
        before = len(server.requests)
        second = crawl(server, db)
        second_requests = server.request_log[before:]
        before = len(server.request_log)
        third = crawl(server, db, "--revisit", "all")
        third_requests = server.request_log[before:]
        yield {
            "db": db,
            "truth": truth,
            "first_truth": first_truth,
            "edited": edited,
            "removed": removed,
            "added": added,
            "second": second,
            "third": third,
            "second_requests": second_requests,
            "third_requests": third_requests,
            "offsite_hits": server.offsite_hits,
            "page_size": site.page_size,
        }


def test_incremental_crawl_finds_every_new_article_chain_only_included(history) -> None:
    db, truth = history["db"], history["truth"]
    new_urls = {normalize_url(a["url"]) for a in truth["articles"]} - {
        normalize_url(a["url"]) for a in history["first_truth"]["articles"]
    }
    assert len(new_urls) == 50
    chain_only = {normalize_url(a["url"]) for a in truth["articles"] if not a["listed"]} & new_urls
    assert len(chain_only) >= 3
    crawl2 = {r[0] for r in query(db, "SELECT url FROM articles WHERE first_crawl_id = 2")}
    assert crawl2 == new_urls
    assert "50 new / 0 changed / 0 unchanged / 0 gone" in history["second"].stdout


def test_incremental_crawl_does_not_refetch_archived_articles(history) -> None:
    archived_before = {normalize_url(a["url"]) for a in history["first_truth"]["articles"]}
    paths = [entry["path"] for entry in history["second_requests"]]
    base = normalize_url(history["truth"]["base_url"])
    assert not {normalize_url(base.rstrip("/") + p) for p in paths} & archived_before
    assert len(paths) == len(set(paths))


def test_incremental_crawl_fetches_no_listing_page_the_chains_cover(history) -> None:
    """New articles fill whole listing pages of four columns (one also has chain-only ones);
    the chains of each first page's articles run through the next page's into archived ones,
    so no second page is fetched: the crawl costs robots.txt, the home page, each column's
    first page, the new articles and their assets, and nothing else."""
    db, base = history["db"], history["truth"]["base_url"]
    paths = [entry["path"] for entry in history["second_requests"]]
    new = {r[0] for r in query(db, "SELECT url FROM articles WHERE first_crawl_id = 2")}
    assets = {r[0] for r in query(db, "SELECT url FROM assets WHERE crawl_id = 2")}
    columns = {r[0] for r in query(db, "SELECT url FROM sections")}
    fetched = [normalize_url(base.rstrip("/") + path) for path in paths]
    assert len([url for url in fetched if url in new]) == 50
    assert sorted(
        p for p, u in zip(paths, fetched, strict=True) if u not in new | assets | columns
    ) == [
        "/",
        "/robots.txt",
    ]
    stats = json.loads(query(db, "SELECT stats FROM crawls WHERE id = 2")[0][0])
    # Columns whose first listing page shows new articles only.
    full_pages = query(
        db,
        "SELECT COUNT(*) FROM (SELECT section FROM articles GROUP BY section "
        "HAVING SUM(first_crawl_id = 2) >= ?)",
        history["page_size"],
    )[0][0]
    assert stats["ggcrawl/listing_pages_spared"] == full_pages == 4


def test_revisits_are_conditional_and_catch_edits_and_removals(history) -> None:
    db, truth, edited, removed = (
        history["db"],
        history["truth"],
        history["edited"],
        history["removed"],
    )
    revisits = [
        entry
        for entry in history["third_requests"]
        if any(name == "If-None-Match" for name, _ in entry["headers"])
    ]
    assert (
        len(revisits) == len(truth["articles"]) + 1
    )  # every archived article, the removed one too
    assert "1 changed" in history["third"].stdout and "1 gone" in history["third"].stdout
    edited_url = normalize_url(edited["url"])
    versions = query(
        db,
        "SELECT version, title, crawl_id FROM article_versions WHERE article_url = ? "
        "ORDER BY version",
        edited_url,
    )
    assert [(v["version"], v["title"], v["crawl_id"]) for v in versions] == [
        (1, edited["title"], 1),
        (2, "修改后的标题 关工委工作", 3),
    ]
    row = query(db, "SELECT title, body_text, version FROM articles WHERE url = ?", edited_url)[0]
    assert tuple(row) == ("修改后的标题 关工委工作", "修改后的正文。\n第二段。", 2)
    snapshots = query(db, "SELECT COUNT(*) FROM snapshots WHERE url = ?", edited_url)[0][0]
    assert snapshots == 2
    gone = query(
        db,
        "SELECT title, gone_status, gone_crawl_id FROM articles WHERE url = ?",
        normalize_url(removed["url"]),
    )[0]
    assert tuple(gone) == (removed["title"], 410, 3)


def test_archive_equals_the_changed_site(history) -> None:
    assert_integrity(history["db"])
    assert_matches_truth(history["db"], history["truth"])
    assert history["offsite_hits"] == 0
    search = run_cli("search", "修改后的标题", "--db", str(history["db"]), "--json")
    assert [hit["url"] for hit in json.loads(search.stdout)] == [
        normalize_url(history["edited"]["url"])
    ]


def test_assets_content_addressed_linked_capped_and_offsite_listed(history) -> None:
    db, truth = history["db"], history["first_truth"]
    assets = {r["url"]: r for r in query(db, "SELECT * FROM assets")}
    for asset in truth["assets"]:
        url = normalize_url(asset["url"])
        row = assets[url]
        assert row["kind"] == asset["kind"]
        assert query(
            db,
            "SELECT 1 FROM article_assets WHERE article_url = ? AND asset_url = ?",
            normalize_url(asset["article_url"]),
            url,
        )
        if asset["offsite"]:
            assert (row["offsite"], row["sha256"], row["skipped"]) == (1, None, None)
        elif asset["size"] > ASSET_CAP:
            assert row["sha256"] is None and "size cap" in row["skipped"]
        else:
            assert (row["sha256"], row["size"], row["content_type"]) == (
                asset["sha256"],
                asset["size"],
                asset["content_type"],
            )
            blob = query(db, "SELECT body FROM asset_blobs WHERE sha256 = ?", asset["sha256"])[0][0]
            assert len(blob) == asset["size"]
    assert any(a["size"] > ASSET_CAP for a in truth["assets"])
    assert any(a["offsite"] for a in truth["assets"])


def test_reports_of_past_crawls(history) -> None:
    listing = run_cli("crawls", "--db", str(history["db"]), "--json")
    rows = json.loads(listing.stdout)
    assert [(r["id"], r["mode"], r["new"], r["changed"], r["gone"]) for r in rows] == [
        (3, "incremental", 0, 1, 1),
        (2, "incremental", 50, 0, 0),
        (1, "full", 60, 0, 0),
    ]
    report = run_cli("report", "2", "--db", str(history["db"]))
    assert report.returncode == 0
    assert "50 new / 0 changed / 0 unchanged / 0 gone" in report.stdout
    assert "Requests:" in report.stdout and "WARC: tsggw-crawl00002-01.warc.gz" in report.stdout
    missing = run_cli("report", "9", "--db", str(history["db"]))
    assert missing.returncode == 2 and "no crawl 9" in missing.stderr
