"""End to end: a real `ggcrawl crawl` process archives the replica, every dialect, exactly."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from ggcrawl.replica import DIALECTS, ReplicaServer, build_site
from ggcrawl.urls import is_utility, normalize_url
from tests.archive_checks import FIELDS
from tests.archive_checks import query as rows
from tests.conftest import FAST, run_cli

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module", params=DIALECTS)
def crawled(request, tmp_path_factory):
    """A replica per dialect, crawled once by a real process: (server, truth, db, result)."""
    site = build_site(articles=60, seed=7)
    db = tmp_path_factory.mktemp(request.param) / "archive.db"
    with ReplicaServer(site, dialect=request.param) as server:
        result = run_cli(
            "crawl",
            "--start-url",
            server.base_url,
            "--db",
            str(db),
            *FAST,
            "-s",
            "PROGRESS_INTERVAL=0.2",
        )
        assert result.returncode == 0, result.stderr
        yield server, server.ground_truth(), db, result


def test_every_article_archived_with_exact_fields(crawled) -> None:
    _server, truth, db, _result = crawled
    archived = {r["url"]: r for r in rows(db, "SELECT * FROM articles")}
    expected = {normalize_url(a["url"]): a for a in truth["articles"]}
    assert sorted(archived) == sorted(expected)
    for url, want in expected.items():
        got = archived[url]
        for name in FIELDS:
            value = want[name]
            if name.endswith("_url") and value:
                value = normalize_url(value)
            assert got[name] == value, f"{name} of {url}"
        assert json.loads(got["images"]) == [normalize_url(u) for u in want["images"]], url
        assert json.loads(got["attachments"]) == [
            {"url": normalize_url(a["url"]), "name": a["name"]} for a in want["attachments"]
        ], url
        assert json.loads(got["parse_warnings"]) == [], url


def test_chain_only_articles_are_archived(crawled) -> None:
    _server, truth, db, _result = crawled
    chain_only = [normalize_url(a["url"]) for a in truth["articles"] if not a["listed"]]
    assert len(chain_only) >= 2
    archived = {r["url"] for r in rows(db, "SELECT url FROM articles")}
    assert set(chain_only) <= archived


def test_every_article_points_at_its_snapshot(crawled) -> None:
    _server, _truth, db, _result = crawled
    for row in rows(
        db,
        "SELECT a.url, s.url AS snap_url, s.status, s.sha256, s.size, "
        "sqlar_uncompress(s.body, s.size) AS body FROM articles a "
        "JOIN snapshots s ON s.id = a.snapshot_id",
    ):
        assert row["snap_url"] == row["url"]
        assert row["status"] == 200
        assert hashlib.sha256(row["body"]).hexdigest() == row["sha256"]
        assert len(row["body"]) == row["size"]


def test_snapshot_bodies_are_compressed_and_the_sqlite3_shell_reads_them(crawled, tmp_path):
    _server, _truth, db, _result = crawled
    stored, raw = rows(db, "SELECT SUM(length(body)), SUM(size) FROM snapshots")[0]
    assert stored < 0.7 * raw
    snapshot = rows(db, "SELECT id, sha256 FROM snapshots WHERE length(body) < size LIMIT 1")[0]
    page = tmp_path / "page.html"
    shell = subprocess.run(
        [
            "sqlite3",
            str(db),
            f"SELECT writefile('{page}', sqlar_uncompress(body, size)) "
            f"FROM snapshots WHERE id = {snapshot['id']}",
        ],
        capture_output=True,
        text=True,
    )
    assert shell.returncode == 0, shell.stderr
    assert hashlib.sha256(page.read_bytes()).hexdigest() == snapshot["sha256"]


def test_no_page_fetched_twice_and_nothing_unneeded(crawled) -> None:
    server, truth, _db, _result = crawled
    paths = [path for _method, path in server.requests]
    repeated = {p: n for p, n in Counter(paths).items() if n > 1}
    assert repeated == {}
    assert paths[0] == "/robots.txt"
    assert server.offsite_hits == 0
    needed = {normalize_url(a["url"]) for a in truth["articles"]} | {
        normalize_url(p["url"]) for p in truth["pages"]
    }
    fetched = {normalize_url(server.base_url.rstrip("/") + p) for p in paths}
    assert needed <= fetched
    # Stylesheets are never pages to crawl (is_utility), but requisites of the pages.
    needed |= {normalize_url(r["url"]) for r in truth["requisites"]}
    assert {url for url in fetched - needed if is_utility(url)} == set()


def test_every_requisite_archived_with_the_bytes_served(crawled) -> None:
    """Every page requisite of the replica (its stylesheets, template images and what the
    stylesheets load) is in assets with its kind: the site's with the bytes its server serves,
    asked for once, robots.txt's disallowed ones (dede's /templets/) included; off-site ones
    listed, never fetched. Nothing else is a requisite."""
    server, truth, db, _result = crawled
    assets = {r["url"]: r for r in rows(db, "SELECT * FROM assets")}
    paths = Counter(path for _method, path in server.requests)
    requisites = {normalize_url(r["url"]): r for r in truth["requisites"]}
    assert requisites
    for url, requisite in requisites.items():
        row = assets[url]
        assert (row["kind"], row["offsite"]) == (requisite["kind"], int(requisite["offsite"]))
        path = "/" + url.removeprefix(server.base_url)
        if requisite["offsite"]:
            assert row["sha256"] is None and paths[path] == 0, url
            continue
        assert (row["sha256"], row["size"]) == (requisite["sha256"], requisite["size"]), url
        assert (row["status"], row["content_type"]) == (200, requisite["content_type"])
        blob = rows(db, "SELECT body FROM asset_blobs WHERE sha256 = ?", row["sha256"])[0][0]
        assert hashlib.sha256(blob).hexdigest() == requisite["sha256"]
        assert paths[path] == 1, url
    no_article = rows(
        db, "SELECT url FROM assets WHERE url NOT IN (SELECT asset_url FROM article_assets)"
    )
    assert {r["url"] for r in no_article} == set(requisites)
    assert server.offsite_hits == 0


def test_told_to_obey_robots_for_requisites_the_disallowed_ones_are_refused(tmp_path) -> None:
    """REQUISITES_OBEY_ROBOTSTXT: dede's theme folder, which its robots.txt disallows, is
    listed and recorded as refused, never asked for; the rest is archived as by default."""
    db = tmp_path / "archive.db"
    with ReplicaServer(build_site(articles=20, seed=7), dialect="dede") as server:
        result = run_cli(
            "crawl", "--start-url", server.base_url, "--db", str(db), *FAST,
            "-s", "REQUISITES_OBEY_ROBOTSTXT=True",
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        truth = server.ground_truth()
        paths = Counter(path for _method, path in server.requests)
    assets = {r["url"]: r for r in rows(db, "SELECT * FROM assets")}
    failures = {r["url"]: r for r in rows(db, "SELECT * FROM failures")}
    # what the pages name; what the refused stylesheets would load is never found
    disallowed = [r for r in truth["requisites"] if r["disallowed"] and r["loaded_by"] is None]
    assert disallowed
    for requisite in disallowed:
        url = normalize_url(requisite["url"])
        assert assets[url]["sha256"] is None and failures[url]["kind"] == "refused"
        assert paths["/" + requisite["url"].removeprefix(server.base_url)] == 0
    assert not any(path.startswith("/templets/") for path in paths)


def test_every_page_has_a_snapshot_and_none_is_an_article(crawled) -> None:
    _server, truth, db, _result = crawled
    snapshots = {r["url"] for r in rows(db, "SELECT url FROM snapshots WHERE status = 200")}
    articles = {r["url"] for r in rows(db, "SELECT url FROM articles")}
    for page in truth["pages"]:
        url = normalize_url(page["url"])
        assert url in snapshots, page
        assert url not in articles, page


def test_sections_found_from_the_nav(crawled) -> None:
    _server, truth, db, _result = crawled
    got = {r["name"]: (r["url"], r["kind"], r["known"]) for r in rows(db, "SELECT * FROM sections")}
    want = {s["name"]: (normalize_url(s["url"]), s["kind"], 1) for s in truth["sections"]}
    assert got == want


def test_missing_pages_recorded_as_failures(crawled) -> None:
    _server, truth, db, _result = crawled
    failures = {r["url"]: r for r in rows(db, "SELECT * FROM failures")}
    assert truth["missing"]
    for missing in truth["missing"]:
        failure = failures[normalize_url(missing["url"])]
        assert failure["status"] == 404
        assert failure["referer"] == normalize_url(missing["referer"])
    for redirect in truth["offsite_redirects"]:
        assert normalize_url(redirect["from"]) in {
            r["from_url"] for r in rows(db, "SELECT * FROM redirects")
        }
        assert "leaves the site" in failures[normalize_url(redirect["to"])]["error"]


def test_redirected_alias_and_target_are_one_article(crawled) -> None:
    _server, truth, db, _result = crawled
    redirects = {r["from_url"]: r for r in rows(db, "SELECT * FROM redirects")}
    assert truth["redirects"]
    for redirect in truth["redirects"]:
        row = redirects[normalize_url(redirect["from"])]
        assert (row["to_url"], row["status"]) == (normalize_url(redirect["to"]), redirect["status"])
        assert (
            len(rows(db, "SELECT 1 FROM articles WHERE url = ?", normalize_url(redirect["to"])))
            == 1
        )
        assert not rows(db, "SELECT 1 FROM articles WHERE url = ?", normalize_url(redirect["from"]))


def test_article_in_two_sections_is_one_row(crawled) -> None:
    _server, truth, db, _result = crawled
    doubles = [a for a in truth["articles"] if len(a["listed_in"]) > 1]
    assert doubles
    for article in doubles:
        url = normalize_url(article["url"])
        assert len(rows(db, "SELECT 1 FROM articles WHERE url = ?", url)) == 1
        listed = {
            r["section"]
            for r in rows(db, "SELECT section FROM listings WHERE article_url = ?", url)
        }
        assert listed == set(article["listed_in"])


def test_progress_and_summary_printed(crawled) -> None:
    _server, truth, _db, result = crawled
    progress = [line for line in result.stderr.splitlines() if line.startswith("[ggcrawl]")]
    assert progress and all("pages fetched" in line and "queued" in line for line in progress)
    assert f"{len(truth['articles'])} in the archive" in result.stdout
    assert "调研与思考" in result.stdout
    assert "Failures:" in result.stdout


def test_search_returns_exactly_the_articles_containing_the_word(crawled, cli) -> None:
    _server, truth, db, _result = crawled
    for word in ("关工", "扶贫"):
        result = cli("search", word, "--db", str(db), "--json", "--limit", "10000")
        assert result.returncode == 0, result.stderr
        found = {hit["url"] for hit in json.loads(result.stdout)}
        want = {
            normalize_url(a["url"])
            for a in truth["articles"]
            if word in (a["title"] or "") or word in (a["body_text"] or "")
        }
        assert want and found == want, word


def test_search_says_when_it_ranks_only_the_most_recently_archived_hits(crawled, cli) -> None:
    _server, _truth, db, _result = crawled
    hits = rows(
        db,
        "SELECT COUNT(*) FROM articles WHERE instr(title, '关工') OR instr(body_text, '关工')",
    )[0][0]
    windowed = cli("search", "关工", "--db", str(db), "--json", "--limit", "1000", "--window", "3")
    assert windowed.returncode == 0, windowed.stderr
    assert "More than 3 articles match" in windowed.stderr and "--window 0" in windowed.stderr
    newest = [
        r["url"]
        for r in rows(
            db,
            "SELECT url FROM articles WHERE instr(title, '关工') OR instr(body_text, '关工') "
            "ORDER BY id DESC",
        )
    ]
    listed = [h["url"] for h in json.loads(windowed.stdout)]
    # the 3 most recently archived ranked first, then every other hit, newest first
    assert set(listed[:3]) == set(newest[:3]) and listed[3:] == newest[3:]
    assert f"3 of {len(newest)} hits" not in windowed.stderr and len(listed) == len(newest)
    everything = cli(
        "search", "关工", "--db", str(db), "--json", "--limit", "1000", "--window", "0"
    )
    assert everything.returncode == 0 and "More than" not in everything.stderr
    assert len(json.loads(everything.stdout)) == hits > 3


def test_search_lists_a_common_phrase_most_recently_archived_first(crawled, cli) -> None:
    _server, _truth, db, _result = crawled
    holding = rows(
        db,
        "SELECT url FROM articles WHERE instr(title, ?1) OR instr(body_text, ?1) ORDER BY id DESC",
        "关心下一代",
    )
    listed = cli(
        "search", "关心下一代", "--db", str(db), "--json", "--limit", "1000", "--window", "3"
    )
    assert listed.returncode == 0, listed.stderr
    assert "More than 3 articles match" in listed.stderr and "unranked" in listed.stderr
    hits = json.loads(listed.stdout)
    assert [h["url"] for h in hits] == [r["url"] for r in holding] and len(hits) > 3
    assert {h["rank"] for h in hits} == {None}
    ranked = cli("search", "关心下一代", "--db", str(db), "--json", "--limit", "1000")
    assert ranked.returncode == 0 and "More than" not in ranked.stderr
    assert {h["url"] for h in json.loads(ranked.stdout)} == {r["url"] for r in holding}
    assert all(h["rank"] < 0 for h in json.loads(ranked.stdout))


def test_rerun_leaves_no_duplicate_rows(crawled, cli) -> None:
    """An incremental re-crawl of the unchanged site asks only for robots.txt, the home page and
    each column's first page (no page requisite again); a --full one walks everything but the
    archived assets; neither adds a row."""
    server, truth, db, _result = crawled
    tables = ("articles", "snapshots", "sections", "listings", "redirects", "articles_fts")
    tables += ("assets", "asset_blobs")
    requisites = {"/" + r["url"].removeprefix(server.base_url) for r in truth["requisites"]}
    before = {t: rows(db, f"SELECT COUNT(*) FROM {t}")[0][0] for t in tables}
    runs = (
        ([], "0 new / 0 changed / 0 unchanged", 2 + len(truth["sections"])),
        (["--full"], f"0 new / 0 changed / {len(truth['articles'])} unchanged", None),
    )
    for extra, summary, requests in runs:
        already = len(server.requests)
        result = cli("crawl", "--start-url", server.base_url, "--db", str(db), *FAST, *extra)
        assert result.returncode == 0, result.stderr
        after = {t: rows(db, f"SELECT COUNT(*) FROM {t}")[0][0] for t in tables}
        assert after == before
        assert summary in result.stdout
        made = [path for _method, path in server.requests[already:]]
        # Requisites archived once are never fetched again, by a --full crawl neither.
        assert not requisites & set(made)
        if requests is not None:
            assert len(made) == requests, made
    crawls = [tuple(c) for c in rows(db, "SELECT id, outcome, mode FROM crawls ORDER BY id")]
    assert crawls == [
        (1, "finished", "full"),
        (2, "finished", "incremental"),
        (3, "finished", "full"),
    ]


def test_scrapy_native_command(tmp_path: Path) -> None:
    site = build_site(articles=40, seed=3)
    db = tmp_path / "native.db"
    with ReplicaServer(site, dialect=DIALECTS[0]) as server:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "scrapy",
                "crawl",
                "tsggw",
                "-a",
                f"start_url={server.base_url}",
                "-s",
                f"ARCHIVE_DB={db}",
                *FAST,
            ],
            cwd=Path(__file__).resolve().parents[1],
            capture_output=True,
            text=True,
            timeout=300,
        )
        truth = server.ground_truth()
    assert result.returncode == 0, result.stderr
    assert rows(db, "SELECT COUNT(*) FROM articles")[0][0] == len(truth["articles"])
