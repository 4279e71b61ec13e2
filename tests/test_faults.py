"""The crawl under a faulty server (the replica's fault mode): it finishes, retries what is
transient with backoff, records what is permanent with the reason, follows no trap past its
bound, stores no truncated body; and a second run, with the faults gone, leaves the archive
equal to the site's ground truth."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ggcrawl.replica import DIALECTS, FaultPlan, ReplicaServer, build_site
from ggcrawl.urls import normalize_url
from tests.archive_checks import assert_integrity, assert_matches_truth, query
from tests.conftest import FAST, run_cli

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
TRAP_BOUND = 12
UNDER_FAULTS = [
    *FAST,
    "-s",
    "DOWNLOAD_TIMEOUT=2",
    "-s",
    "RETRY_TIMES=3",
    "-s",
    "RETRY_BACKOFF_BASE=0.1",
    "-s",
    f"MAX_LISTING_PAGES={TRAP_BOUND}",
    "-s",
    "DOWNLOAD_MAXSIZE=4000000",
]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_crawl_survives_faults_and_the_next_run_completes_it(dialect: str, tmp_path: Path) -> None:
    db = tmp_path / "tsggw.db"
    site = build_site(articles=60, seed=7)
    with ReplicaServer(site, dialect=dialect, faults=FaultPlan(seed=0, hang_seconds=4)) as server:
        truth = server.ground_truth()
        faults = truth["faults"]
        first = run_cli("crawl", "--start-url", server.base_url, "--db", str(db), *UNDER_FAULTS)
        assert first.returncode == 0, first.stderr
        injected = {entry["fault"] for entry in server.fault_log}
        trap_pages = query(
            db,
            "SELECT COUNT(*) FROM frontier WHERE crawl_id = 1 AND role IN ('nav', 'listing') "
            "AND json_extract(meta, '$.section') = ?",
            faults["trap"]["section"],
        )[0][0]
        server.faults = None
        second = run_cli("crawl", "--start-url", server.base_url, "--db", str(db), *FAST)
        assert second.returncode == 0, second.stderr
        assert server.offsite_hits == 0

    assert {"error_500", "hang", "truncate", "redirect_loop", "trap"} <= injected
    assert 2 <= trap_pages <= TRAP_BOUND
    errors = {
        row["url"]: row["error"]
        for row in query(db, "SELECT url, error FROM failures WHERE crawl_id = 1")
    }
    for url, fault in faults["permanent"].items():
        if fault["fault"] == "redirect_loop":
            assert any(
                "redirect loop" in e for u, e in errors.items() if u in (url, fault.get("location"))
            ), url
        if fault["fault"] in ("oversize", "gzip_bomb"):
            assert re.search(r"max ?size", errors[normalize_url(url)], re.IGNORECASE), url
    assert_integrity(db)
    assert_matches_truth(db, truth)
    assert_no_truncated_body(db)
    assert query(db, "SELECT COUNT(*) FROM articles")[0][0] == len(truth["articles"])


def assert_no_truncated_body(db: Path) -> None:
    """Every stored body is as long as its server said it would be."""
    for row in query(
        db, "SELECT url, headers, sqlar_uncompress(body, size) AS body FROM snapshots"
    ):
        headers = {k.lower(): v for k, v in json.loads(row["headers"]).items()}
        if "content-length" in headers and "content-encoding" not in headers:
            assert len(row["body"]) == int(headers["content-length"][0]), row["url"]
