"""Articles a site splits over pages (a pager's 上一页 1 2 下一页 under the text): the pager is
read on minimal pages of each CMS's style, the pages are joined by pure functions, the spider
holds an article until its last page is in (on pages the replica draws, called directly), and
a crawl of every dialect splitting its articles archives each article whole, once, with every
page's snapshot, and ``ggcrawl reparse`` joins them the same way."""

from __future__ import annotations

import asyncio
import hashlib
import json
import subprocess
import sys
import urllib.request
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from twisted.internet.error import ConnectionRefusedError
from twisted.python.failure import Failure

from ggcrawl.browse import make_datasette
from ggcrawl.extract import ArticleFields, extract_article, load_page
from ggcrawl.extract.chain import SPLIT_WARNING
from ggcrawl.extract.continuation import MAX_ARTICLE_PAGES, join_page, next_page
from ggcrawl.items import Fetch
from ggcrawl.replica import FaultPlan, ReplicaServer, build_site
from ggcrawl.replica.dialects import DIALECT_CLASSES
from ggcrawl.spiders.tsggw import TsggwSpider
from tests.archive_checks import assert_integrity, assert_matches_truth, assert_warc_agrees, query
from tests.conftest import FAST, REPO, run_cli
from tests.crawler_helpers import START_URL, open_crawl

BASE = "http://www.tsggw.test/"


def article_page(body: str, pager: str, url: str = BASE + "a/1.html") -> ArticleFields:
    """The fields of a page in the site's family: crumb, title, meta line, text, pager, chain."""
    html = f"""<html><head><meta charset="utf-8"><title>金秋助学 - 天水关工网</title></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/a/">关工要闻</a> &gt; 正文</div>
<h1>金秋助学</h1><div class="info">时间:2019-01-29 09:57:20 来源:市关工办</div>
<div class="content">{body}</div>{pager}
<div class="context"><p>上一篇:<a href="/a/0.html">旧闻</a></p><p>下一篇:没有了</p></div>
<div class="footer">主办:天水市关心下一代工作委员会</div></body></html>"""
    return extract_article(load_page(url, html.encode("utf-8"), {}))


PROSE = (
    "<p>为深入贯彻落实中央关于关心下一代工作的决策部署，全市开展金秋助学活动，资助学生一百名。</p>"
)
MORE = "<p>活动现场气氛热烈，同学们踊跃提问，老同志们一一作了耐心解答，收到了良好的社会效果。</p>"


@pytest.mark.parametrize(
    ("pager", "onward"),
    [
        (  # PHPCMS content_pages()
            '<div id="pages"><a class="a1" href="/a/1.html">上一页</a> <span>1</span> '
            '<a href="/a/1.html?page=2">2</a> '
            '<a class="a1" href="/a/1.html?page=2">下一页</a></div>',
            BASE + "a/1.html?page=2",
        ),
        (  # DedeCMS {dede:pagebreak/}: 共2页: and file names relative to the page
            "<ul class=\"pagelist\"><li><a>共2页: </a></li><li><a href='#'>上一页</a></li>"
            "<li class=\"thisclass\"><a href='#'>1</a></li><li><a href='1_2.html'>2</a></li>"
            "<li><a href='1_2.html'>下一页</a></li></ul>",
            BASE + "a/1_2.html",
        ),
        (  # an ASP system: bracketed numbers
            '<p align="center"><b>[1]</b>&nbsp;<a href="/a/1.html?p=2">[2]</a>&nbsp;'
            '<a href="/a/1.html?p=2">【下一页】</a></p>',
            BASE + "a/1.html?p=2",
        ),
        (  # 帝国CMS-style pages in brackets, a page count as 1/2, the traditional 下一頁
            "<div class='epages'>1/2 【第1页】<a href='/a/1_2.html'>【第2页】</a>"
            "<a href='/a/1_2.html'>【下一頁】</a></div>",
            BASE + "a/1_2.html",
        ),
        (  # the last page: 下一页 links the page itself (PHPCMS), or nowhere (DedeCMS)
            '<div id="pages"><a class="a1" href="/a/1.html?page=1">上一页</a> '
            '<a class="a1" href="/a/1.html">下一页</a></div>',
            None,
        ),
        ("<ul class=\"pagelist\"><li><a href='#'>下一页</a></li></ul>", None),
    ],
    ids=["phpcms", "dede", "asp", "brackets", "last-self", "last-nowhere"],
)
def test_the_pager_under_the_text_says_where_the_article_goes_on(pager, onward):
    fields = article_page(PROSE, pager)
    assert fields.continued_at == onward
    assert fields.body_text == PROSE[3:-4]  # the pager is not text
    assert fields.title == "金秋助学" and fields.source == "市关工办"
    assert any(SPLIT_WARNING in w for w in fields.warnings) == (onward is not None)


def test_pages_join_into_one_article_with_the_first_pages_fields():
    first = replace(
        article_page(PROSE, ""),
        continued_at=BASE + "a/1_2.html",
        images=[BASE + "1.jpg"],
        attachments=[{"url": BASE + "f.doc", "name": "f.doc"}],
        warnings=[f"body: {SPLIT_WARNING} {BASE}a/1_2.html (下一页)", "source: other"],
    )
    second = replace(
        article_page(MORE, ""),
        title="金秋助学(2)",
        continued_at=BASE + "a/1_3.html",
        images=[BASE + "1.jpg", BASE + "2.jpg"],
        attachments=[{"url": BASE + "f.doc", "name": "f.doc"}],
        warnings=[f"body: {SPLIT_WARNING} {BASE}a/1_3.html (下一页)"],
    )
    joined = join_page(first, second, [BASE + "a/1.html", BASE + "a/1_2.html"])
    assert joined.body_text == PROSE[3:-4] + "\n" + MORE[3:-4]
    assert joined.body_html == f"{first.body_html}\n{second.body_html}"
    assert (joined.title, joined.source, joined.prev_url) == (
        "金秋助学",
        "市关工办",
        first.prev_url,
    )
    assert joined.images == [BASE + "1.jpg", BASE + "2.jpg"]
    assert joined.attachments == first.attachments
    # the warning now names the page after the second; the first page's others stay
    assert joined.warnings == ["source: other", second.warnings[0]]
    assert joined.continued_at == BASE + "a/1_3.html"


def test_a_pager_back_to_a_page_joined_ends_the_article_and_an_empty_page_is_said():
    first = replace(article_page(PROSE, ""), continued_at=BASE + "a/2.html")
    first.warnings.append(f"body: {SPLIT_WARNING} {BASE}a/2.html (下一页)")
    back = replace(
        article_page("", ""), body_text=None, body_html=None, continued_at=BASE + "a/1.html"
    )
    joined = join_page(first, back, [BASE + "a/1.html", BASE + "a/2.html"])
    assert joined.continued_at is None and joined.body_text == first.body_text
    assert not any(SPLIT_WARNING in w for w in joined.warnings)
    assert f"body: the page {BASE}a/2.html shows no text of the article" in joined.warnings
    assert next_page(joined, [BASE + "a/1.html"]) is None


def test_an_article_is_followed_over_max_article_pages_at_most():
    fields = replace(article_page(PROSE, ""), continued_at=BASE + "a/next.html")
    pages = [f"{BASE}a/{n}.html" for n in range(MAX_ARTICLE_PAGES)]
    assert next_page(fields, pages[:-1]) == BASE + "a/next.html"
    assert next_page(fields, pages) is None


# --- the spider, on pages the dede replica draws ------------------------------------------------


@pytest.fixture
def dede():
    """The dede dialect at the crawl's start URL, splitting articles every 3 lines."""
    site = build_site(articles=20, seed=5)
    dialect = DIALECT_CLASSES["dede"](site, START_URL, "http://offsite.test/")
    dialect.split_at = 3
    return dialect


def served(dialect: Any, url: str, **meta: Any) -> HtmlResponse:
    answer = dialect.respond("GET", "/" + url[len(START_URL) :])
    return HtmlResponse(
        url=url,
        status=answer.status,
        headers=dict(answer.headers),
        body=answer.body,
        request=Request(url, meta=meta),
    )


def dispatch(spider: TsggwSpider, response: HtmlResponse) -> tuple[Fetch, list[Request]]:
    fetch, *requests = list(spider.dispatch(response))
    return fetch, requests


def split_article(dialect: Any) -> tuple[str, dict[str, Any]]:
    """The URL and ground truth of an article split over three pages or more, in a chain."""
    truth = {a["url"]: a for a in dialect_truth(dialect)}
    for art in dialect.site.by_id.values():
        url = dialect.url(dialect.article_path(art))
        if url in truth and dialect.parts(art) >= 3 and truth[url]["prev_url"]:
            return url, truth[url]
    raise AssertionError("no article split over three pages")


def dialect_truth(dialect: Any) -> list[dict[str, Any]]:
    from ggcrawl.replica.truth import ground_truth

    return ground_truth(dialect)["articles"]


def test_the_spider_keeps_an_article_when_its_last_page_is_in(tmp_path: Path, dede):
    url, truth = split_article(dede)
    with open_crawl(tmp_path / "a.db", START_URL, WARC_ENABLED=False) as crawler:
        spider = crawler.spider
        fetch, requests = dispatch(spider, served(dede, url, role="article", section="关工要闻"))
        assert fetch.snapshot is not None and fetch.article is None  # held
        parts = [r for r in requests if r.meta["role"] == "part"]
        assert len(parts) == 1 and parts[0].url == url.removesuffix(".html") + "_2.html"
        # the chain is followed from the first page; what the next page's request carries
        # goes to the frontier as JSON, so a resumed crawl goes on from it
        assert {r.meta["role"] for r in requests} >= {"article", "part"}
        held = json.loads(json.dumps(parts[0].meta["held_article"]))
        assert held["pages"] == [url, parts[0].url]
        pages = 1
        while True:
            pages += 1
            fetch, requests = dispatch(
                spider, served(dede, parts[0].url, role="part", held_article=held)
            )
            parts = [r for r in requests if r.meta["role"] == "part"]
            assert not any(r.meta["role"] == "article" for r in requests)  # no chain from parts
            if not parts:
                break
            held = json.loads(json.dumps(parts[0].meta["held_article"]))
        assert pages == dede.parts(dede.site.by_id[int(url.rsplit("/", 1)[1][:-5])])
        article = fetch.article
        assert article is not None and article.url == url and fetch.url != url
        assert article.body_text == truth["body_text"] and article.title == truth["title"]
        assert article.parse_warnings == []
        assert article.snapshot_sha256 == hashlib.sha256(served(dede, url).body).hexdigest()


@pytest.mark.parametrize("how", ["404", "network"])
def test_a_page_that_fails_keeps_the_article_with_the_pages_before_it(tmp_path: Path, dede, how):
    url, truth = split_article(dede)
    with open_crawl(tmp_path / "a.db", START_URL, WARC_ENABLED=False) as crawler:
        spider = crawler.spider
        _fetch, requests = dispatch(spider, served(dede, url, role="article", section="关工要闻"))
        (part,) = [r for r in requests if r.meta["role"] == "part"]
        if how == "404":
            missing = HtmlResponse(url=part.url, status=404, body=b"<html></html>", request=part)
            fetch, more = dispatch(spider, missing)
        else:
            failure = Failure(ConnectionRefusedError())
            failure.request = part
            fetch, *more = list(spider.failed(failure))
    assert fetch.failure is not None and fetch.url == part.url
    article = fetch.article
    assert article is not None and article.url == url
    assert (
        truth["body_text"].startswith(article.body_text) and article.body_text != truth["body_text"]
    )
    assert [w for w in article.parse_warnings if SPLIT_WARNING in w] == [
        f"body: {SPLIT_WARNING} {part.url} (下一页), whose text is not in this body"
    ]
    assert all(isinstance(r, Request) and r.meta["role"] == "asset" for r in more)


# --- end to end --------------------------------------------------------------------------------


@pytest.mark.e2e
@pytest.mark.parametrize("dialect", ["phpcms", "dede", "asp"])
def test_a_crawl_archives_split_articles_whole_once_and_reparse_joins_them_alike(
    tmp_path: Path, dialect: str
):
    db = tmp_path / "a.db"
    with ReplicaServer(build_site(articles=40, seed=7), dialect=dialect) as server:
        server.split_articles(3)
        truth = server.ground_truth()
        crawled = run_cli("crawl", "--start-url", server.base_url, "--db", str(db), *FAST)
        requested = Counter(path for method, path in server.requests if method == "GET")
    assert crawled.returncode == 0, crawled.stdout + crawled.stderr
    assert_matches_truth(db, truth)
    assert_integrity(db)
    assert_warc_agrees(db)
    assert [path for path, n in requested.items() if n > 1] == []  # every page once
    parts = {r["url"] for r in query(db, "SELECT url FROM frontier WHERE role = 'part'")}
    snapshots = {r["url"] for r in query(db, "SELECT url FROM snapshots")}
    assert len(parts) >= 30 and parts <= snapshots  # every later page kept as served
    assert query(db, "SELECT COUNT(*) FROM articles WHERE parse_warnings != '[]'")[0][0] == 0
    assert "Split over pages" not in crawled.stdout
    # which snapshots each article joins: every later page, once, in order, as served
    pages = query(
        db,
        "SELECT p.article_url, p.page, p.url, s.url AS served FROM article_pages p "
        "JOIN snapshots s ON s.id = p.snapshot_id ORDER BY p.article_url, p.page",
    )
    assert sorted(p["url"] for p in pages) == sorted(parts)
    assert all(p["served"] == p["url"] for p in pages)
    by_article: dict[str, list[int]] = {}
    for p in pages:
        by_article.setdefault(p["article_url"], []).append(p["page"])
    assert all(numbers == list(range(2, len(numbers) + 2)) for numbers in by_article.values())
    split_url = next(iter(by_article))
    shown = asyncio.run(
        make_datasette(db).client.get("/a/-/article", params={"url": split_url})
    ).text
    assert f"分成 {len(by_article[split_url]) + 1} 页发布" in shown and "ggcrawl-pages" in shown
    table = asyncio.run(make_datasette(db).client.get("/a/article_pages")).text
    title = query(db, "SELECT title FROM articles WHERE url = ?", split_url)[0][0]
    assert title in table and "存档 / Archived" in table  # the article named, the page linked
    # an article's row points at its first page's snapshot
    assert (
        query(
            db,
            "SELECT COUNT(*) FROM articles a JOIN snapshots s ON s.id = a.snapshot_id "
            "WHERE s.url != a.url",
        )[0][0]
        == 0
    )

    joined = [tuple(r) for r in query(db, "SELECT * FROM article_pages ORDER BY 1, 2, 3")]
    reparsed = run_cli("reparse", "--db", str(db))
    assert reparsed.returncode == 0 and "; 0 changed." in reparsed.stdout, reparsed.stdout
    assert_matches_truth(db, truth)
    assert [tuple(r) for r in query(db, "SELECT * FROM article_pages ORDER BY 1, 2, 3")] == joined


@pytest.mark.e2e
def test_a_recrawl_versions_an_edited_split_article_whole_and_leaves_the_others(tmp_path: Path):
    """Crawl, an editor rewrites an article that spans pages, crawl again revisiting every
    article: the edited one is version 2 with its whole new text (every page fetched again);
    the others answer 304 and stay version 1, their later pages not asked for again."""
    db = tmp_path / "a.db"
    site = build_site(articles=30, seed=7)
    with ReplicaServer(site, dialect="dede") as server:
        server.split_articles(3)
        assert (
            run_cli("crawl", "--start-url", server.base_url, "--db", str(db), *FAST).returncode == 0
        )
        edited = server.ground_truth()["articles"][4]
        first_pages = [tuple(r) for r in query(db, "SELECT * FROM article_pages ORDER BY 1, 2, 3")]
        paragraphs = [f"第{n}段，关工委老同志为青少年宣讲革命传统，反响热烈。" for n in range(1, 8)]
        site.edit_article(edited["url"], body="\n".join(paragraphs))
        truth = server.ground_truth()
        before = len(server.requests)
        again = run_cli(
            "crawl", "--start-url", server.base_url, "--db", str(db), "--revisit", "all", *FAST
        )
        asked = [path for _method, path in server.requests[before:]]
    assert again.returncode == 0, again.stdout + again.stderr
    assert_matches_truth(db, truth)
    rows = {r["url"]: r for r in query(db, "SELECT url, version, body_text FROM articles")}
    assert rows[edited["url"]]["body_text"] == "\n".join(paragraphs)
    assert rows[edited["url"]]["version"] == 2
    # the new version joins its own pages (seven lines, three pages); those of every first
    # version stay as they were
    pages = query(db, "SELECT * FROM article_pages WHERE version = 2")
    assert [(p["article_url"], p["page"]) for p in pages] == [
        (edited["url"], 2),
        (edited["url"], 3),
    ]
    assert [
        tuple(r) for r in query(db, "SELECT * FROM article_pages WHERE version = 1 ORDER BY 1, 3")
    ] == [row for row in first_pages if row[1] == 1]
    assert {r["version"] for url, r in rows.items() if url != edited["url"]} == {1}
    edited_path = edited["url"].split("/", 3)[3].removesuffix(".html")
    later = [path for path in asked if "_" in path.rsplit("/", 1)[-1] and "list_" not in path]
    assert later and all(path.startswith("/" + edited_path + "_") for path in later)


@pytest.mark.e2e
@pytest.mark.slow
def test_articles_whose_later_pages_failed_are_made_whole_by_the_next_crawl(tmp_path: Path):
    """Under the replica's faults with no retries, some later pages fail: those articles are
    archived with the text before the missing page, and the next crawl, asking again for what
    failed for reasons that pass, makes each whole (a new version): the archive is the site."""
    db = tmp_path / "a.db"
    no_retries = [*FAST, "-s", "RETRY_TIMES=0", "-s", "DOWNLOAD_TIMEOUT=2"]
    with ReplicaServer(build_site(articles=60, seed=7), dialect="dede") as server:
        server.split_articles(3)
        server.faults = FaultPlan(seed=0, hang_seconds=3)
        truth = server.ground_truth()
        first = run_cli("crawl", "--start-url", server.base_url, "--db", str(db), *no_retries)
        partial = {
            r["url"]
            for r in query(db, "SELECT url FROM articles WHERE parse_warnings LIKE '%goes on at%'")
        }
        server.faults = None
        second = run_cli("crawl", "--start-url", server.base_url, "--db", str(db), *FAST)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert partial and "Split over pages, not all joined" in first.stdout
    assert_matches_truth(db, truth)
    healed = query(db, "SELECT url, version, parse_warnings FROM articles WHERE version > 1")
    assert {r["url"] for r in healed} == partial
    assert {r["parse_warnings"] for r in healed} == {"[]"}


@pytest.mark.e2e
def test_the_replica_command_serves_split_articles(tmp_path: Path):
    truth_file = tmp_path / "truth.json"
    command = [sys.executable, "-m", "ggcrawl.replica", "--dialect", "asp", "--articles", "20"]
    command += ["--port", "0", "--split-articles", "3", "--truth", str(truth_file)]
    with subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, text=True) as process:
        try:
            base = process.stdout.readline().strip()
            assert base.startswith("http://127.0.0.1:")
            truth = json.loads(truth_file.read_text(encoding="utf-8"))
            url = truth["articles"][0]["url"]
            first = urllib.request.urlopen(url).read().decode("gbk")
            second = urllib.request.urlopen(f"{url}&ArticlePage=2").read().decode("gbk")
        finally:
            process.terminate()
    assert "下一页" in first and "<b>[2]</b>" in second
    assert (
        extract_article(load_page(url, first.encode("gbk"), {})).continued_at
        == f"{url}&ArticlePage=2"
    )


def test_max_article_pages_keeps_an_article_past_its_bound_with_the_text_so_far(
    tmp_path: Path, dede
):
    url, truth = split_article(dede)
    with open_crawl(tmp_path / "a.db", START_URL, WARC_ENABLED=False, MAX_ARTICLE_PAGES=2) as c:
        spider = c.spider
        _fetch, requests = dispatch(spider, served(dede, url, role="article", section="关工要闻"))
        (part,) = [r for r in requests if r.meta["role"] == "part"]
        fetch, more = dispatch(spider, served(dede, part.url, **part.meta))
    assert not [r for r in more if r.meta["role"] == "part"]  # page 3 is past the bound
    article = fetch.article
    assert article is not None and truth["body_text"].startswith(article.body_text)
    third = url.removesuffix(".html") + "_3.html"
    assert f"body: {SPLIT_WARNING} {third} (下一页), whose text is not in this body" in (
        article.parse_warnings
    )
    assert [page.url for page in article.pages] == [part.url]
