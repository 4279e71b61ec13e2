"""A start URL that leads to no site ends with exit status 3 and one line saying why; a crawl
whose extraction went wrong since the last one ends with exit status 4. Either crawl is still
recorded."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from ggcrawl.browse import make_datasette
from ggcrawl.diagnosis import EXIT_HEALTH, EXIT_NO_SITE
from ggcrawl.replica import ReplicaServer, build_site
from tests.conftest import FAST, run_cli
from tests.static_site import CHALLENGE, HTML, LOGIN, PLACEHOLDER, ROBOTS, StaticSite, html

pytestmark = pytest.mark.e2e


def crawl(tmp_path: Path, pages: dict) -> tuple[int, str, StaticSite]:
    with StaticSite({"/robots.txt": ROBOTS, **pages}) as site:
        result = run_cli(
            "crawl", "--start-url", site.base_url, "--db", str(tmp_path / "a.db"), *FAST
        )
    return result.returncode, result.stderr, site


@pytest.mark.parametrize(
    ("page", "said"),
    [
        ((200, HTML, PLACEHOLDER), "no nav bar with column links on the start page"),
        ((521, HTML, CHALLENGE), "JavaScript challenge (HTTP 521"),
        ((200, HTML, LOGIN), "login form"),
        ((500, HTML, html("<p>Internal error</p>")), "HTTP 500"),
    ],
    ids=["placeholder", "challenge", "login", "error"],
)
def test_a_start_page_with_no_site_on_it(tmp_path: Path, page: tuple, said: str) -> None:
    status, stderr, _site = crawl(tmp_path, {"/": page})
    assert status == EXIT_NO_SITE, stderr
    lines = [line for line in stderr.splitlines() if line.startswith("No site found:")]
    assert len(lines) == 1 and said in lines[0], stderr
    crawls = run_cli("crawls", "--db", str(tmp_path / "a.db"), "--json")
    assert crawls.returncode == 0, crawls.stderr
    assert '"outcome": "finished"' in crawls.stdout


def test_a_nav_whose_columns_list_nothing(tmp_path: Path) -> None:
    names = ("关工要闻", "文件快递", "银发风采", "青少年风华", "活力基层")
    nav = "".join(f"<a href='/c{i}/'>{name}</a> " for i, name in enumerate(names))
    pages = {"/": (200, HTML, html(f"<div class='nav'><a href='/'>首页</a> {nav}</div>", "关工网"))}
    pages |= {f"/c{i}/": (200, HTML, html("<p>本栏目暂无内容</p>")) for i in range(len(names))}
    status, stderr, site = crawl(tmp_path, pages)
    assert status == EXIT_NO_SITE, stderr
    assert "columns list no articles" in stderr
    assert "/c0/" in site.requests


def test_a_template_change_between_two_crawls_is_flagged(tmp_path: Path) -> None:
    """The second crawl of a site whose templates renamed 上一篇/下一篇 archives every page but
    finds the chain links on none of its articles, and every article carries a warning: exit
    status 4, what changed named with example URLs; the crawl list says so too."""
    db = str(tmp_path / "a.db")
    with ReplicaServer(build_site(articles=40, seed=5), dialect="dede") as server:
        first = run_cli("crawl", "--start-url", server.base_url, "--db", db, *FAST)
        assert first.returncode == 0, first.stderr
        assert "Extraction (40 articles): title 100%" in first.stdout
        server.relabel({"上一篇": "上一页", "下一篇": "下一页"})
        second = run_cli("crawl", "--start-url", server.base_url, "--db", db, "--full", *FAST)
    assert second.returncode == EXIT_HEALTH, second.stderr
    flagged = [line for line in second.stdout.splitlines() if "PROBABLE TEMPLATE CHANGE" in line]
    assert {line.split()[3] for line in flagged} == {"parse_warnings", "prev_next"}, second.stdout
    assert "prev_next found on 0%, was 98%" in second.stdout
    assert f"e.g. {server.base_url}" in second.stdout
    assert "a probable template change (parse_warnings, prev_next" in second.stderr
    crawls = run_cli("crawls", "--db", db)
    assert "CHANGED? parse_warnings,prev_next" in crawls.stdout.splitlines()[1], crawls.stdout
    overview = asyncio.run(make_datasette(Path(db)).client.get("/-/overview")).text
    assert "模板可能已改 / template changed? parse_warnings, prev_next" in overview
    report = run_cli("report", "2", "--db", db)
    assert report.returncode == 0 and "PROBABLE TEMPLATE CHANGE: prev_next" in report.stdout


def test_articles_whose_later_pages_are_missing_are_named_in_the_report(tmp_path: Path) -> None:
    """A site whose pagers under the text lead to a page that is not there: the page is asked
    for once, every article is archived with the text it has, the report names them, and the
    warning saying so does not count against the crawl's health."""
    db = str(tmp_path / "a.db")
    pager = (
        '<div id="pages" class="text-c"><a class="a1">上一页</a> <span>1</span> '
        '<a href="show_2.html">2</a> <a class="a1" href="show_2.html">下一页</a></div>'
    )
    with ReplicaServer(build_site(articles=20, seed=5), dialect="phpcms") as server:
        server.relabel({'<div id="pages" class="text-c"></div>': pager})
        crawled = run_cli("crawl", "--start-url", server.base_url, "--db", db, *FAST)
    assert crawled.returncode == 0, crawled.stdout  # a split article is no template change
    assert sum("show_2.html" in path for _method, path in server.requests) == 1
    report = json.loads(run_cli("report", "1", "--db", db, "--json").stdout)
    archived = report["articles"]["new"]
    assert archived >= 15 and len(report["split"]) == archived
    said = "Split over pages, not all joined (the text stops where a page is missing)"
    assert f"{said}: {archived}" in crawled.stdout
    first = report["split"][0]
    assert f"    {first['title']}  {first['url']}" in crawled.stdout
