"""The operator's selectors (`[selectors]` in ggcrawl.toml) over the rules: on a replica whose
templates print no labels at all, the rules lose the time, the source and the chain; the
selectors make the archive exact, `ggcrawl reparse` applies them to an archive, `probe` shows
them, and a bad one stops everything before any request."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ggcrawl.diagnosis import EXIT_HEALTH
from ggcrawl.extract import load_page, parse_selectors
from ggcrawl.extract.overrides import extract_article_with, listing_with
from ggcrawl.replica import ReplicaServer, build_site
from tests.archive_checks import assert_matches_truth
from tests.conftest import FAST, run_cli
from tests.static_site import ROBOTS, StaticSite, html

# The dede templates with every label gone: the time and the source in spans of their own.
NO_LABELS = {
    "<small>发布时间：</small>": '<span class="time">',
    " <small>来源：</small>": '</span> <span class="src">',
    " <small>作者：</small>佚名": "</span> 佚名",
    "<small>点击：</small>": "",
    "上一篇：": "",
    "下一篇：": "",
}
SELECTORS = """
[selectors]
published_at = "css:div.info span.time"
source = "xpath://div[@class='info']/span[@class='src']"
body = "css:div.content"
prev_url = "css:div.context li:nth-child(1) a::attr(href)"
next_url = "css:div.context li:nth-child(2) a::attr(href)"
"""


def sources(db: Path) -> dict[str, str | None]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT url, source FROM articles"))


@pytest.mark.e2e
def test_selectors_make_the_archive_of_a_template_without_labels_exact(tmp_path: Path) -> None:
    with ReplicaServer(build_site(articles=40, seed=6), dialect="dede") as server:
        server.relabel(NO_LABELS)
        truth = server.ground_truth()
        expected = {a["url"]: a["source"] for a in truth["articles"]}
        plain_db = tmp_path / "plain.db"
        plain = run_cli(
            "crawl", "--start-url", server.base_url, "--db", str(plain_db), *FAST, cwd=tmp_path
        )
        # The rules alone: no chain, and the health says so; a source only where, with no
        # label, a medium's name still shows it (天水日报 beside the date), and then right.
        assert plain.returncode == EXIT_HEALTH, plain.stderr
        found = sources(plain_db)
        named = {url: value for url, value in found.items() if value is not None}
        assert named and all(v == expected[url] and v.endswith("报") for url, v in named.items())
        assert len(named) < len(found) < len(expected)

        (tmp_path / "ggcrawl.toml").write_text(SELECTORS, encoding="utf-8")
        probed = run_cli("probe", server.base_url, "-s", "DOWNLOAD_DELAY=0", cwd=tmp_path)
        assert probed.returncode == 0, probed.stderr
        assert (
            "Selectors from ggcrawl.toml decide: published_at, source, body, prev_url, next_url"
            in (probed.stdout)
        )
        exact_db = tmp_path / "exact.db"
        exact = run_cli(
            "crawl", "--start-url", server.base_url, "--db", str(exact_db), *FAST, cwd=tmp_path
        )
        assert exact.returncode == 0, exact.stderr
        assert_matches_truth(exact_db, truth)

    # The first archive brought up to the selectors without fetching anything.
    again = run_cli("reparse", "--db", str(plain_db), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "  source: " in again.stdout
    assert sources(plain_db) == {url: expected[url] for url in found}


@pytest.mark.parametrize(
    ("table", "said"),
    [
        ('[selectors]\ntitel = "css:h1"\n', "has no field 'titel'; the fields are title,"),
        ('[selectors]\ntitle = "css:h1[["\n', "title = 'css:h1[[' is not a valid CSS selector"),
        ('[selectors]\nsource = "xpath://span[@"\n', "is not a valid XPATH selector"),
        ('selectors = "css:h1"\n', "selectors must be a table"),
    ],
    ids=["unknown-field", "bad-css", "bad-xpath", "not-a-table"],
)
def test_a_bad_selector_is_refused_before_any_request(tmp_path: Path, table: str, said: str):
    (tmp_path / "ggcrawl.toml").write_text(table, encoding="utf-8")
    with StaticSite({"/robots.txt": ROBOTS}) as site:
        for command in (
            ["crawl", "--start-url", site.base_url, "--db", str(tmp_path / "a.db")],
            ["probe", site.base_url],
        ):
            result = run_cli(*command, cwd=tmp_path)
            assert result.returncode == 2, result.stderr
            [line] = [line for line in result.stderr.splitlines() if line.strip()]
            assert said in line and "ggcrawl.toml" in line
    assert site.requests == []


def test_a_selector_decides_its_field_and_matching_nothing_gives_nothing() -> None:
    selectors = parse_selectors(
        {"title": "h1.headline", "prev_url": "xpath://a[@rel='prev']/@href", "source": "em.src"}
    )
    body = (
        "<h1>站点名称</h1><h1 class='headline'> 关工委开展 主题宣讲 </h1>"
        "<p>时间：2020-10-04 来源：市关工办</p>"
        "<div><p>宣讲团走进秦州区育才小学，为师生讲述红色故事，同学们听得认真，深受教育。</p></div>"
        "<a rel='prev' href='/a/87.html'>前一条</a>"
    )
    page = load_page("http://gw.example.cn/a/88.html", html(body, "关工委开展主题宣讲_天水关工网"))
    fields = extract_article_with(page, selectors)
    assert fields.title == "关工委开展 主题宣讲"
    assert fields.prev_url == "http://gw.example.cn/a/87.html"
    # The page's 来源 label is the rules' business; the operator said where it is, and it is
    # not there: no value. A time that is not where the operator said gets a warning too.
    assert fields.source is None
    missing = extract_article_with(page, parse_selectors({"published_at": "span.time"}))
    assert missing.published_at is None
    assert "published_at: the selector in ggcrawl.toml matched nothing" in missing.warnings
    listed = listing_with(
        load_page(
            "http://gw.example.cn/list/",
            html(
                "<div class='l'><span><a href='/a/1.html'>一</a></span>"
                "<span><a href='/a/2.html'>二</a></span></div>"
                "<p class='pg'><a href='/list/2'>2</a><a href='/list/9'>尾页</a></p>"
            ),
        ),
        parse_selectors({"listing_items": "div.l span", "pager": "p.pg a"}),
    )
    assert [(i.url, i.text) for i in listed.items] == [
        ("http://gw.example.cn/a/1.html", "一"),
        ("http://gw.example.cn/a/2.html", "二"),
    ]
    assert [(p.url, p.number) for p in listed.pages] == [
        ("http://gw.example.cn/list/2", 2),
        ("http://gw.example.cn/list/9", None),
    ]
