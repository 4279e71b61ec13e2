"""The WARC files: valid, complete, exact, in agreement with the SQLite snapshots, and readable
by the standard tools (warcio, and pywb replaying an archived article)."""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from ggcrawl.replica import ReplicaServer, build_site
from tests.archive_checks import assert_warc_agrees, query
from tests.conftest import FAST, run_cli
from tests.pywb_replay import BIN, page_text, replay

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module", params=["phpcms", "asp"])
def crawled(request, tmp_path_factory):
    """The replica crawled twice (full, then --full again for revisits): (server, truth, db)."""
    db = tmp_path_factory.mktemp(request.param) / "tsggw.db"
    with ReplicaServer(build_site(articles=40, seed=4), dialect=request.param) as server:
        for extra in ([], ["--full"]):
            result = run_cli(
                "crawl", "--start-url", server.base_url, "--db", str(db), *FAST, *extra
            )
            assert result.returncode == 0, result.stderr
        yield request.param, server, server.ground_truth(), db


def records(path: Path) -> list:
    with path.open("rb") as handle:
        return [
            (r.rec_headers, r.http_headers, r.content_stream().read())
            for r in ArchiveIterator(handle)
        ]


def test_one_warc_per_crawl_named_with_the_crawl_id(crawled) -> None:
    _dialect, _server, _truth, db = crawled
    names = sorted(p.name for p in db.parent.glob("*.warc.gz"))
    assert names == ["tsggw-crawl00001-01.warc.gz", "tsggw-crawl00002-01.warc.gz"]
    for name in names:
        assert (db.parent / name).read_bytes()[:2] == b"\x1f\x8b"
        first = records(db.parent / name)[0][0]
        assert first.get_header("WARC-Type") == "warcinfo"
        assert first.protocol == "WARC/1.1"


def test_warcio_check_and_every_snapshot_agrees(crawled) -> None:
    _dialect, _server, truth, db = crawled
    assert assert_warc_agrees(db) >= len(truth["articles"])


def test_warcio_index_lists_every_archived_url(crawled) -> None:
    _dialect, server, _truth, db = crawled
    index = subprocess.run(
        [
            str(BIN / "warcio"),
            "index",
            "-f",
            "warc-type,warc-target-uri",
            str(db.parent / "tsggw-crawl00001-01.warc.gz"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    entries = [json.loads(line) for line in index.stdout.splitlines()]
    responses = {e["warc-target-uri"] for e in entries if e["warc-type"] == "response"}
    requests = {e["warc-target-uri"] for e in entries if e["warc-type"] == "request"}
    archived = {row[0] for row in query(db, "SELECT url FROM snapshots")}
    assets = {row[0] for row in query(db, "SELECT url FROM assets WHERE sha256 IS NOT NULL")}
    assert archived | assets <= responses
    assert responses == requests
    assert server.base_url + "robots.txt" in responses


def test_records_hold_what_the_server_sent(crawled) -> None:
    dialect, server, _truth, db = crawled
    by_path = {}
    for rec, http, payload in records(db.parent / "tsggw-crawl00001-01.warc.gz"):
        if rec.get_header("WARC-Type") == "response":
            by_path[rec.get_header("WARC-Target-URI")] = (http, payload)
    for url, (http, _payload) in by_path.items():
        assert http.protocol == "HTTP/1.1", url
    # Every request line as sent, query string included, and the headers the server received.
    received: dict[str, set[tuple[str, str]]] = {}
    for entry in server.request_log:
        received.setdefault(entry["path"], set()).update(
            (k.lower(), v) for k, v in entry["headers"]
        )
    checked = 0
    for rec, http, _ in records(db.parent / "tsggw-crawl00001-01.warc.gz"):
        if rec.get_header("WARC-Type") != "request":
            continue
        method, target, version = f"{http.protocol} {http.statusline}".split(" ")
        parts = urlsplit(rec.get_header("WARC-Target-URI"))
        assert (method, version) == ("GET", "HTTP/1.1")
        assert target == parts.path + (f"?{parts.query}" if parts.query else "")
        assert {(k.lower(), v) for k, v in http.headers} <= received[target]
        checked += 1
    assert checked >= len(by_path)
    if dialect == "asp":
        missing = [h for url, (h, _) in by_path.items() if h.get_statuscode() == "404"]
        assert missing and all(h.statusline == "404 Object Not Found" for h in missing)
    if dialect == "phpcms":
        home = by_path[server.base_url][0]
        assert len([v for k, v in home.headers if k.lower() == "set-cookie"]) == 2
        assert_gzip_kept(db.parent / "tsggw-crawl00001-01.warc.gz")


def assert_gzip_kept(path: Path) -> None:
    """A gzip-encoded response is stored as transferred: compressed, its own Content-Length."""
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle):
            http = record.http_headers
            if record.rec_type == "response" and http.get_header("Content-Encoding") == "gzip":
                raw = record.raw_stream.read()
                assert raw[:2] == b"\x1f\x8b"
                assert int(http.get_header("Content-Length")) == len(raw)
                assert gzip.decompress(raw)
                return
    raise AssertionError("no gzip-encoded response in the WARC")


def test_unchanged_content_becomes_revisit_records(crawled) -> None:
    _dialect, _server, truth, db = crawled
    second = records(db.parent / "tsggw-crawl00002-01.warc.gz")
    revisits = [rec for rec, _http, _ in second if rec.get_header("WARC-Type") == "revisit"]
    assert len(revisits) >= len(truth["articles"]) // 2
    first_ids = {
        rec.get_header("WARC-Record-ID")
        for rec, _h, _p in records(db.parent / "tsggw-crawl00001-01.warc.gz")
    }
    for rec in revisits:
        assert rec.get_header("WARC-Profile").endswith("/warc/1.1/revisit/identical-payload-digest")
        assert rec.get_header("WARC-Refers-To") in first_ids


def test_pywb_replays_an_archived_article(crawled, tmp_path: Path) -> None:
    _dialect, _server, truth, db = crawled
    article = next(
        a for a in truth["articles"] if a["title"] == "抓好基层组织建设 充分发挥关工作用"
    )
    warc = db.parent / "tsggw-crawl00001-01.warc.gz"
    text = page_text(replay(tmp_path, warc, [f"2100id_/{article['url']}"])[0])
    assert "抓好基层组织建设" in text and "清水县关工委" in text
