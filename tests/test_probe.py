"""`ggcrawl probe`: a look at a site before crawling it, within 30 requests counted by the
server, on every replica dialect; and the sites it cannot read, each with its reason."""

from __future__ import annotations

import json

import pytest

from ggcrawl.diagnosis import EXIT_NO_SITE
from ggcrawl.extract.labels import KNOWN_SECTIONS
from ggcrawl.probe import MAX_REQUESTS, probe
from ggcrawl.replica import DIALECTS, ReplicaServer, build_site
from tests.conftest import run_cli
from tests.static_site import CHALLENGE, HTML, LOGIN, PLACEHOLDER, ROBOTS, StaticSite

AGENT = "ggcrawl-test"
FIELDS = ("title", "section", "published_at", "source", "prev_url", "next_url")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_probe_reads_each_dialect_within_its_request_budget(dialect: str) -> None:
    with ReplicaServer(build_site(articles=60, seed=7), dialect=dialect) as server:
        report = probe(server.base_url, user_agent=AGENT, delay=0)
        ground = server.ground_truth()
        truth = {a["url"]: a for a in ground["articles"]}
        listing_pages = {p["url"] for p in ground["pages"] if p["kind"] == "listing"}
        asked = len(server.requests)
    assert report.problem is None
    assert report.requests == asked <= MAX_REQUESTS
    assert report.site == server.base_url and report.redirects == []
    assert report.columns == list(KNOWN_SECTIONS) and not report.missing_columns
    assert report.robots and all(rule.startswith("Disallow:") for rule in report.robots)
    assert len(report.listings) == 3
    for column in report.listings:
        assert column.kind == "listing" and column.items > 0 and column.pages
        # The pager's page 2 is a listing page of the site, where there is one.
        assert (column.pages >= 2) == (column.next_page in listing_pages)
    assert any(column.next_page for column in report.listings)
    assert len(report.articles) == 3
    for sample in report.articles:
        expected = truth[sample["url"]]
        assert {name: sample[name] for name in FIELDS} == {name: expected[name] for name in FIELDS}
        assert expected["body_text"].replace("\n", " ").startswith(sample["body_start"])
        assert sample["warnings"] == []
    assert report.estimated_articles and report.estimated_articles > 0


def test_probe_follows_the_start_urls_redirects() -> None:
    with ReplicaServer(build_site(articles=30, seed=2), dialect="dede") as server:
        pages = {"/": (301, {"Location": server.base_url}, b""), "/robots.txt": ROBOTS}
        with StaticSite(pages, host="127.0.0.2") as front:
            report = probe(front.base_url, user_agent=AGENT, delay=0)
    assert report.redirects == [front.base_url]
    assert report.site == server.base_url and report.problem is None
    assert report.articles


@pytest.mark.parametrize(
    ("page", "said"),
    [
        ((200, HTML, PLACEHOLDER), "no nav bar with column links"),
        ((521, HTML, CHALLENGE), "JavaScript challenge (HTTP 521"),
        ((200, HTML, LOGIN), "login form"),
    ],
    ids=["placeholder", "challenge", "login"],
)
def test_probe_says_why_a_site_cannot_be_read(page: tuple, said: str) -> None:
    with StaticSite({"/": page, "/robots.txt": ROBOTS}) as site:
        report = probe(site.base_url, user_agent=AGENT, delay=0)
    assert report.problem is not None and said in report.problem
    assert report.requests == 2


def test_the_probe_command_text_json_and_exit_status() -> None:
    with ReplicaServer(build_site(articles=30, seed=2), dialect="asp") as server:
        text = run_cli("probe", server.base_url, "-s", "DOWNLOAD_DELAY=0")
        as_json = run_cli("probe", server.base_url, "-s", "DOWNLOAD_DELAY=0", "--json")
    assert text.returncode == 0, text.stderr
    assert f"Site: {server.base_url}" in text.stdout and "Columns (15): 关工委概况" in text.stdout
    assert "关工要闻: listing" in text.stdout and "    title: " in text.stdout
    report = json.loads(as_json.stdout)
    assert report["columns"] == list(KNOWN_SECTIONS) and len(report["articles"]) == 3
    with StaticSite({"/": (521, HTML, CHALLENGE), "/robots.txt": ROBOTS}) as site:
        blocked = run_cli("probe", site.base_url, "-s", "DOWNLOAD_DELAY=0")
    assert blocked.returncode == EXIT_NO_SITE
    assert blocked.stdout.strip().splitlines()[-1].startswith("Cannot read the site: the start")
    bad = run_cli("probe", "ftp://example.org/")
    assert bad.returncode == 2 and "not an http:// or https:// URL" in bad.stderr
