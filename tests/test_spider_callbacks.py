"""The spider's callbacks on saved responses, as city-scrapers tests its spiders: pages the dede
replica served (tests/fixtures/responses/, see its README.md) become ``HtmlResponse`` objects
with the meta the spider gives its requests, and ``spider.dispatch`` / ``spider.failed`` are
called directly. What they yield (one Fetch, then Requests) is what is checked: no engine, no
network, a crawl session open on an archive in a temporary folder (tests/crawler_helpers.py).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, DownloadCancelledError, IgnoreRequest
from scrapy.http import HtmlResponse
from twisted.internet.error import ConnectionRefusedError, DNSLookupError
from twisted.python.failure import Failure

from ggcrawl.chains import chain_covers_next_page
from ggcrawl.extract.labels import KNOWN_SECTIONS
from ggcrawl.items import AssetLink, Fetch, FrontierEntry, ListingEntry, Redirect, Section
from ggcrawl.middlewares import OffOriginRequest
from ggcrawl.pipelines import ArchivePipeline
from ggcrawl.settings import ASSET_MAXSIZE
from ggcrawl.spiders.tsggw import TsggwSpider
from ggcrawl.urls import fingerprint_url, origin
from tests.crawler_helpers import START_URL, kill, open_crawl, opened

RESPONSES = Path(__file__).resolve().parent / "fixtures" / "responses"
MANIFEST = json.loads((RESPONSES / "responses.json").read_text(encoding="utf-8"))
BASE = MANIFEST["base_url"]
OFFSITE = MANIFEST["offsite_base_url"]
# Callbacks write nothing to the WARC file (the recorder middleware does), so none is opened.
NO_WARC = {"WARC_ENABLED": False}

NAV = KNOWN_SECTIONS  # the replica's nav bar: the known columns, in order
DYYSK = "调研与思考"


def url(path: str) -> str:
    return BASE + path.lstrip("/")


# 调研与思考's chain, newest first: page 1 lists 62, 61, 55; page 2 lists 46, 44, 35.
A62, A61, A55 = (
    url("a/dyysk/20260416/62.html"),
    url("a/dyysk/20250722/61.html"),
    url("a/dyysk/20231030/55.html"),
)
A46, A44, A35 = (
    url("a/dyysk/20211112/46.html"),
    url("a/dyysk/20210930/44.html"),
    url("a/dyysk/20191005/35.html"),
)
DYYSK_1, DYYSK_2 = url("a/dyysk/"), url("a/dyysk/list_14_2.html")
# The page requisites of the replica's dede templates, named by every saved page.
STYLESHEET, LOGO = (
    url("templets/default/style/dedecms.css"),
    url("templets/default/images/logo.gif"),
)


def theme_listed(spider: TsggwSpider) -> TsggwSpider:
    """The spider as after the crawl's first page: the templates' requisites listed (they are,
    once a crawl), so what a page leads to is its own links. The requisites' own tests start
    from a spider that has listed none."""
    spider.requisites.update((STYLESHEET, LOGO))
    return spider


def saved(name: str, **meta: Any) -> HtmlResponse:
    """The saved response `name` at the URL it was served from, with `meta` on its request."""
    entry = MANIFEST["responses"][name]
    address = url(entry["path"])
    return HtmlResponse(
        url=address,
        status=entry["status"],
        headers=entry["headers"],
        body=(RESPONSES / entry["file"]).read_bytes(),
        request=Request(address, meta=meta),
    )


def answer(address: str, status: int, headers: dict[str, str] | None = None, **meta: Any):
    """A bodiless answer (a redirect, 304) to a request for `address` with `meta`."""
    return HtmlResponse(
        url=address,
        status=status,
        headers=headers or {},
        body=b"",
        request=Request(address, meta=meta),
    )


def dispatch(spider: TsggwSpider, response: HtmlResponse) -> tuple[Fetch, list[Request]]:
    """What the callback yields: exactly one Fetch, first, then Requests only."""
    fetch, *requests = list(spider.dispatch(response))
    assert isinstance(fetch, Fetch)
    assert all(isinstance(r, Request) for r in requests)
    return fetch, requests


def urls(requests: list[Request]) -> list[str]:
    return [r.url for r in requests]


def by_role(requests: list[Request], role: str) -> list[Request]:
    return [r for r in requests if r.meta["role"] == role]


@pytest.fixture
def crawler(tmp_path: Path) -> Iterator[Crawler]:
    """A full crawl (the archive is empty) of the replica's address, its session open."""
    with open_crawl(tmp_path / "tsggw.db", START_URL, **NO_WARC) as opened:
        yield opened


@pytest.fixture
def spider(crawler: Crawler) -> TsggwSpider:
    return theme_listed(crawler.spider)


def test_the_saved_responses_are_those_of_the_crawls_start_url():
    assert BASE == START_URL
    assert origin(OFFSITE) != origin(BASE)


# --- home page ------------------------------------------------------------------------------


def test_home_page_finds_the_nav_bar_columns_and_requests_each(spider):
    home = saved("home", role="home")
    fetch, requests = dispatch(spider, home)

    assert fetch.url == BASE and fetch.role == "home" and fetch.failure is None
    assert fetch.snapshot is not None and fetch.snapshot.status == 200
    assert fetch.snapshot.body == home.body
    assert [s.name for s in fetch.sections] == list(NAV)
    assert [s.position for s in fetch.sections] == list(range(15))
    assert all(s.known for s in fetch.sections)
    assert fetch.sections[13] == Section(DYYSK, DYYSK_1, 13, True)
    assert fetch.sections[14].url == url("plus/guestbook.php")

    assert len(requests) == 15
    for position, (request, name) in enumerate(zip(requests, NAV, strict=True)):
        assert request.meta["role"] == "nav"
        assert (request.meta["section"], request.meta["page"]) == (name, 1)
        assert request.meta["position"] == position
        assert request.meta["referer"] == BASE
        assert request.meta["dont_redirect"] and request.meta["handle_httpstatus_all"]
        assert request.callback == spider.dispatch and request.errback == spider.failed
        assert request.priority == 50 and request.dont_filter
    assert urls(requests) == [s.url for s in fetch.sections]
    # The guestbook is a /plus/ utility URL, followed because the nav bar links it.
    assert requests[14].url == url("plus/guestbook.php")
    # Every request is in the Fetch's discovered frontier, so a killed crawl resumes it.
    assert [e.url for e in fetch.discovered] == urls(requests)
    assert all(not e.held for e in fetch.discovered)
    assert spider.pages_requested[DYYSK] == {1}


def test_home_page_tells_new_columns_from_known_ones_and_misses_gone_ones(spider, caplog):
    """The nav bar changed: 网友留言 replaced by a column nobody knows, and a column on
    another site added. All are listed as sections; the off-site one is not requested."""
    home = saved("home", role="home")
    guestbook = "<li><a href='/plus/guestbook.php'><span>网友留言</span></a></li>"
    changed = (
        "<li><a href='/a/xwzx/'><span>新闻中心</span></a></li>"
        f"<li><a href='{OFFSITE}zgggw/'><span>中国关工委</span></a></li>"
    )
    assert guestbook.encode("gbk") in home.body
    home = home.replace(body=home.body.replace(guestbook.encode("gbk"), changed.encode("gbk")))

    with caplog.at_level(logging.WARNING, logger="ggcrawl.spiders.tsggw"):
        fetch, requests = dispatch(spider, home)

    sections = {s.name: s for s in fetch.sections}
    assert "网友留言" not in sections
    assert sections["新闻中心"] == Section("新闻中心", url("a/xwzx/"), 14, False)
    assert sections["中国关工委"] == Section("中国关工委", OFFSITE + "zgggw/", 15, False)
    assert all(sections[name].known for name in NAV[:-1])
    assert urls(requests) == [s.url for s in fetch.sections[:15]]
    assert requests[-1].meta["section"] == "新闻中心" and requests[-1].meta["position"] == 14
    assert OFFSITE + "zgggw/" not in [e.url for e in fetch.discovered]
    assert "New column in the nav bar: 新闻中心" in caplog.text
    assert "Known column 网友留言 is not in the nav bar any more" in caplog.text


# --- listings -------------------------------------------------------------------------------


def test_listing_with_a_pager_lists_its_articles_and_requests_them_and_the_next_page(spider):
    fetch, requests = dispatch(
        spider, saved("listing_pager", role="nav", section=DYYSK, page=1, position=13)
    )

    assert fetch.sections == [Section(DYYSK, DYYSK_1, 13, True, "listing")]
    assert fetch.listings == [
        ListingEntry(DYYSK, A62, DYYSK_1, 1, 0),
        ListingEntry(DYYSK, A61, DYYSK_1, 1, 1),
        ListingEntry(DYYSK, A55, DYYSK_1, 1, 2),
    ]
    articles, pages = by_role(requests, "article"), by_role(requests, "listing")
    assert urls(articles) == [A62, A61, A55]
    assert all(r.meta["section"] == DYYSK and r.meta["referer"] == DYYSK_1 for r in articles)
    # The pager links page 2 three times (2, 下一页, 末页): one request.
    assert urls(pages) == [DYYSK_2]
    assert (pages[0].meta["section"], pages[0].meta["page"]) == (DYYSK, 2)
    assert len(requests) == 4
    # Not the sidebar's 热点文章 / 最新文章 links, nor the footer's links off the site.
    assert url("a/qsnfh/20210426/40.html") not in urls(requests)
    assert spider.pages_requested[DYYSK] == {2}


def test_listing_without_a_pager_requests_its_articles_and_no_page(spider):
    single = url("a/yffc/")
    fetch, requests = dispatch(
        spider, saved("listing_single", role="nav", section="银发风采", page=1, position=4)
    )

    assert fetch.sections == [Section("银发风采", single, 4, True, "listing")]
    expected = [
        url("a/yffc/20210917/42.html"),
        url("a/yffc/20210313/39.html"),
        url("a/yffc/20131002/9.html"),
    ]
    assert [e.url for e in fetch.listings] == expected
    assert {(e.page, e.listing_url) for e in fetch.listings} == {(1, single)}
    assert urls(requests) == expected
    assert by_role(requests, "listing") == []


def test_a_listing_page_is_requested_once_whatever_url_links_it(spider):
    """Page 1 is requested under its nav URL; page 2's pager links it as list_14_1.html, the
    same page number under another URL: not requested again."""
    dispatch(spider, saved("home", role="home"))
    _, first = dispatch(spider, saved("listing_pager", role="nav", section=DYYSK, page=1))
    assert urls(by_role(first, "listing")) == [DYYSK_2]

    fetch, requests = dispatch(
        spider, saved("listing_pager_2", role="listing", section=DYYSK, page=2)
    )

    assert [e.url for e in fetch.listings] == [A46, A44, A35]
    assert {e.page for e in fetch.listings} == {2}
    assert urls(requests) == [A46, A44, A35]
    assert url("a/dyysk/list_14_1.html") not in [e.url for e in fetch.discovered]
    assert spider.pages_requested[DYYSK] == {1, 2}


def test_after_a_resume_a_listing_page_asked_for_before_is_not_asked_for_again(tmp_path):
    """A crawl killed after it asked for 调研与思考's pages 1 and 2 resumes with page 2 still to
    fetch: page 2's pager links page 1 as list_14_1.html, which the killed run had asked for
    under its nav URL; the frontier remembers the page numbers, so it is not asked for again."""
    db = tmp_path / "a.db"
    crawler = opened(db, START_URL, **NO_WARC)
    spider, pipeline = crawler.spider, ArchivePipeline.from_crawler(crawler)
    for response in (
        saved("home", role="home"),
        saved("listing_pager", role="nav", section=DYYSK, page=1),
    ):
        pipeline.process_item(dispatch(spider, response)[0])
    spider.session.archive.commit()
    kill(crawler)
    with open_crawl(db, START_URL, **NO_WARC) as crawler:
        spider = crawler.spider
        assert spider.plan.resumed and DYYSK_2 in [e.url for e in spider.plan.pending]
        asyncio.run(anext(spider.start()))
        assert spider.pages_requested[DYYSK] == {1, 2}
        _fetch, requests = dispatch(
            spider, saved("listing_pager_2", role="listing", section=DYYSK, page=2)
        )
        assert url("a/dyysk/list_14_1.html") not in urls(requests)


def test_max_listing_pages_ends_a_pager_that_always_offers_one_more_page(tmp_path, caplog):
    """The replica's pagination trap: 文件快递 has 2 pages, but its pager always links one
    more. Page 3 brings a new (fake) article and links page 4; with MAX_LISTING_PAGES=2 the
    second page fetched is the last."""
    trap_4 = url("a/wjkd/list_4_4.html")

    def walk(db: Path, **settings: Any) -> list[Request]:
        with open_crawl(db, START_URL, **NO_WARC, **settings) as crawler:
            spider = crawler.spider
            dispatch(spider, saved("home", role="home"))
            _, first = dispatch(spider, saved("trap_1", role="nav", section="文件快递", page=1))
            assert urls(by_role(first, "listing")) == [
                url("a/wjkd/list_4_2.html"),
                url("a/wjkd/list_4_3.html"),
            ]
            _, requests = dispatch(
                spider, saved("trap_3", role="listing", section="文件快递", page=3)
            )
            assert url("a/wjkd/20240320/700000009.html") in urls(by_role(requests, "article"))
            assert spider.listing_pages["文件快递"] == 2
            return requests

    assert urls(by_role(walk(tmp_path / "open.db"), "listing")) == [trap_4]
    with caplog.at_level(logging.WARNING, logger="ggcrawl.spiders.tsggw"):
        capped = walk(tmp_path / "capped.db", MAX_LISTING_PAGES=2)
    assert by_role(capped, "listing") == []
    assert "Stopped 文件快递's pagination at 2 pages (MAX_LISTING_PAGES)" in caplog.text


# --- articles -------------------------------------------------------------------------------


def test_first_article_of_a_chain_requests_only_the_next_and_its_attachment(spider):
    first = url("a/wjkd/20140407/11.html")
    attachment = url("uploads/soft/140407/11-1.doc")
    fetch, requests = dispatch(spider, saved("article_first", role="article", section="文件快递"))

    article = fetch.article
    assert article is not None and article.url == first
    assert article.title == "关于做好2014年家风家教工作的意见"
    assert article.published_at == "2014-04-07T12:28:00+08:00"
    assert article.source == "本站原创"
    assert article.section == "文件快递"
    assert (article.prev_url, article.next_url) == (None, url("a/wjkd/20140615/12.html"))
    assert article.attachments == [
        {"url": attachment, "name": "关于做好2014年家风家教工作的意见.doc"}
    ]
    assert article.snapshot_sha256 == fetch.snapshot.sha256 and article.snapshot_status == 200
    assert fetch.asset_links == [AssetLink(attachment, "attachment", False)]

    assert urls(requests) == [url("a/wjkd/20140615/12.html"), attachment]
    chained, asset = requests
    assert chained.meta["role"] == "article" and chained.meta["section"] == "文件快递"
    assert chained.meta["referer"] == first
    assert asset.meta["role"] == "asset" and asset.meta["kind"] == "attachment"
    assert asset.meta["download_maxsize"] == ASSET_MAXSIZE
    # Not the page's print view, comment frame or counters (/plus/), nor its sidebar.
    assert not any("/plus/" in r.url for r in requests)


def test_last_article_of_a_chain_requests_only_the_previous_and_lists_an_offsite_image(spider):
    image = OFFSITE + "uploads/2017/27_1.jpg"
    fetch, requests = dispatch(spider, saved("article_last", role="article", section="他山之石"))

    article = fetch.article
    assert article is not None
    assert article.title == "庆阳市关心下一代工作经验做法"
    assert article.published_at == "2017-10-26T11:03:00+08:00"
    assert article.source == "市妇联"
    assert (article.prev_url, article.next_url) == (url("a/tszs/20140802/14.html"), None)
    assert article.images == [image]
    assert "活动现场气氛热烈" in article.body_text
    # The off-site image is listed, offsite, and never requested.
    assert fetch.asset_links == [AssetLink(image, "image", True)]
    assert urls(requests) == [url("a/tszs/20140802/14.html")]
    assert [e.url for e in fetch.discovered] == [url("a/tszs/20140802/14.html")]


@pytest.mark.parametrize(
    "link",
    [OFFSITE + "a/tszs/20140802/14.html", url("plus/view.php?aid=14")],
    ids=["off-the-site", "dynamic-view-alias"],
)
def test_a_chain_link_off_the_site_or_to_a_cms_utility_is_not_requested(spider, link):
    """The last article's 上一篇 rewritten to point off the site, or to DedeCMS's dynamic view
    of the same article (/plus/view.php, a utility URL): the link is kept, nothing requested."""
    response = saved("article_last", role="article", section="他山之石")
    static = "上一篇：<a href='/a/tszs/20140802/14.html'>".encode("gbk")
    assert response.body.count(static) == 1
    changed = f"上一篇：<a href='{link}'>".encode("gbk")
    response = response.replace(body=response.body.replace(static, changed))

    fetch, requests = dispatch(spider, response)

    assert fetch.article.prev_url == link
    assert requests == [] and fetch.discovered == []


def test_article_inside_a_chain_requests_both_neighbours_and_its_images(spider):
    images = [url("uploads/allimg/130717/6-1.jpg"), url("uploads/allimg/130717/6-2.png")]
    fetch, requests = dispatch(spider, saved("article_middle", role="article", section="关工要闻"))

    article = fetch.article
    assert article is not None
    assert article.title == "全市科普进校园工作推进会在清水县召开"
    assert article.published_at == "2013-07-17T16:06:00+08:00"
    assert article.source == "市关工办"
    assert article.images == images
    assert fetch.asset_links == [AssetLink(image, "image", False) for image in images]
    chain = [url("a/ggyw/20130119/4.html"), url("a/ggyw/20151005/18.html")]
    assert urls(by_role(requests, "article")) == chain
    assets = by_role(requests, "asset")
    assert urls(assets) == images
    assert {r.meta["kind"] for r in assets} == {"image"}
    assert len(requests) == 4


def test_an_article_links_no_asset_already_finished_by_an_earlier_crawl(spider):
    spider.plan.finished_assets.add(url("uploads/allimg/130717/6-1.jpg"))
    fetch, requests = dispatch(spider, saved("article_middle", role="article", section="关工要闻"))

    assert len(fetch.asset_links) == 2
    assert urls(by_role(requests, "asset")) == [url("uploads/allimg/130717/6-2.png")]


def test_asset_responses_become_asset_data(spider):
    image = url("uploads/allimg/130717/6-2.png")
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
    ok = HtmlResponse(
        url=image,
        status=200,
        headers={"Content-Type": "image/png"},
        body=png,
        request=Request(image, meta={"role": "asset", "kind": "image"}),
    )
    fetch, requests = dispatch(spider, ok)
    assert requests == [] and fetch.failure is None and fetch.snapshot is None
    assert fetch.asset is not None
    assert (fetch.asset.kind, fetch.asset.status, fetch.asset.body) == ("image", 200, png)
    assert fetch.asset.content_type == "image/png"

    missing = answer(image, 404, role="asset", kind="image")
    fetch, requests = dispatch(spider, missing)
    assert requests == [] and fetch.asset.body is None and fetch.asset.status == 404
    assert (fetch.failure.kind, fetch.failure.status) == ("http", 404)


# --- page requisites ------------------------------------------------------------------------


def stylesheet_response(address: str, css: bytes, content_type: str = "text/css", **meta: Any):
    """A stylesheet served for a request the spider made for it (role asset)."""
    return HtmlResponse(
        url=address,
        status=200,
        headers={"Content-Type": content_type},
        body=css,
        request=Request(address, meta={"role": "asset", "kind": "stylesheet", **meta}),
    )


def test_the_first_page_lists_and_requests_the_templates_requisites_the_next_ones_do_not(crawler):
    """A spider that has listed no requisite yet: the home page's stylesheet and logo are
    listed and requested as assets, after its own links and at the assets' priority; the
    next pages of the same templates name them again, and nothing more is listed or asked."""
    spider = crawler.spider
    fetch, requests = dispatch(spider, saved("home", role="home"))

    assert fetch.requisites == [
        AssetLink(STYLESHEET, "stylesheet", False),
        AssetLink(LOGO, "image", False),
    ]
    assert fetch.asset_links == []
    nav, assets = by_role(requests, "nav"), by_role(requests, "asset")
    assert len(nav) == 15 and requests == nav + assets
    assert urls(assets) == [STYLESHEET, LOGO]
    assert [r.meta["kind"] for r in assets] == ["stylesheet", "image"]
    assert {r.priority for r in assets} == {5} and {r.meta["referer"] for r in assets} == {BASE}
    assert {r.meta["download_maxsize"] for r in assets} == {ASSET_MAXSIZE}
    assert "imported" not in assets[0].meta
    assert [e.url for e in fetch.discovered] == urls(requests)

    for name, meta in (
        ("listing_pager", {"role": "nav", "section": DYYSK, "page": 1}),
        ("article_middle", {"role": "article", "section": "关工要闻"}),
    ):
        fetch, requests = dispatch(spider, saved(name, **meta))
        assert fetch.requisites == []
        assert not {STYLESHEET, LOGO} & set(urls(requests))


def test_an_articles_own_images_are_its_assets_not_requisites(crawler):
    """On an article page the body's images are the article's (article_assets); the template's
    requisites are listed beside them, each URL once."""
    images = [url("uploads/allimg/130717/6-1.jpg"), url("uploads/allimg/130717/6-2.png")]
    fetch, requests = dispatch(
        crawler.spider, saved("article_middle", role="article", section="关工要闻")
    )

    assert fetch.asset_links == [AssetLink(image, "image", False) for image in images]
    assert fetch.requisites == [
        AssetLink(STYLESHEET, "stylesheet", False),
        AssetLink(LOGO, "image", False),
    ]
    assets = by_role(requests, "asset")
    assert urls(assets) == [*images, STYLESHEET, LOGO]
    assert [r.meta["kind"] for r in assets] == ["image", "image", "stylesheet", "image"]


def test_an_offsite_requisite_is_listed_never_requested_and_a_finished_one_not_requested(crawler):
    """A template image on another website is listed offsite; one an earlier crawl archived
    (plan.finished_assets) is listed (its row exists) but not fetched again."""
    spider = crawler.spider
    spider.plan.finished_assets.add(STYLESHEET)
    banner = OFFSITE + "images/gsggw_logo.gif"
    home = saved("home", role="home")
    footer = b'<div class="footer w960'
    assert home.body.count(footer) == 1
    home = home.replace(body=home.body.replace(footer, f'<img src="{banner}" />'.encode() + footer))

    fetch, requests = dispatch(spider, home)

    assert fetch.requisites == [
        AssetLink(STYLESHEET, "stylesheet", False),
        AssetLink(LOGO, "image", False),
        AssetLink(banner, "image", True),
    ]
    assert urls(by_role(requests, "asset")) == [LOGO]
    assert banner not in [e.url for e in fetch.discovered]


def test_a_stylesheet_leads_to_what_it_loads_and_an_imported_one_imports_no_further(crawler):
    """A GBK stylesheet (its @charset says so): its url() images and fonts and its @import are
    listed and the site's requested (the import marked imported); data: and off-site ones are
    not requested. The imported stylesheet's images are requested, its own @import is not."""
    spider = crawler.spider
    css = (
        '@charset "gb2312";\n/* 天水关工网 url(../images/old.gif) */\n'
        '@import "print.css" print;\n'
        ".header{background:url(../images/top_bg.gif)}\n"
        ".dot{background:url(data:image/gif;base64,R0lGODlhAQABAAAAACw=)}\n"
        f"@font-face{{font-family:x;src:url({OFFSITE}fonts/x.woff)}}\n"
        "@font-face{font-family:y;src:url('../fonts/y.ttf')}\n"
    ).encode("gbk")
    fetch, requests = dispatch(spider, stylesheet_response(STYLESHEET, css))

    assert fetch.asset.kind == "stylesheet" and fetch.asset.body == css
    printed = url("templets/default/style/print.css")
    top, font = url("templets/default/images/top_bg.gif"), url("templets/default/fonts/y.ttf")
    assert fetch.requisites == [
        AssetLink(printed, "stylesheet", False),
        AssetLink(top, "image", False),
        AssetLink(OFFSITE + "fonts/x.woff", "font", True),
        AssetLink(font, "font", False),
    ]
    assert urls(requests) == [printed, top, font]
    assert [r.meta["kind"] for r in requests] == ["stylesheet", "image", "font"]
    assert requests[0].meta["imported"] is True and "imported" not in requests[1].meta
    assert {r.meta["referer"] for r in requests} == {STYLESHEET}

    imported = b'@import url(deeper.css);\n.p{background:url("../images/p.png")}\n'
    fetch, requests = dispatch(
        spider, stylesheet_response(printed, imported, "text/css; charset=utf-8", imported=True)
    )
    assert fetch.requisites == [AssetLink(url("templets/default/images/p.png"), "image", False)]
    assert urls(requests) == [url("templets/default/images/p.png")]


def test_a_stylesheet_that_failed_leads_nowhere(crawler):
    fetch, requests = dispatch(
        crawler.spider, answer(STYLESHEET, 404, role="asset", kind="stylesheet")
    )
    assert requests == [] and fetch.requisites == []
    assert (fetch.failure.kind, fetch.asset.status) == ("http", 404)


def test_requisites_are_archived_as_assets_of_no_article(crawler):
    """The pipeline keeps a page's requisites in assets, the stylesheet's bytes in asset_blobs,
    and links none of them to an article."""
    spider, pipeline = crawler.spider, ArchivePipeline.from_crawler(crawler)
    fetch, _ = dispatch(spider, saved("home", role="home"))
    pipeline.process_item(fetch)
    css = b".header{background:url(../images/top_bg.gif)}\n"
    fetch, _ = dispatch(spider, stylesheet_response(STYLESHEET, css))
    pipeline.process_item(fetch)
    spider.session.archive.commit()

    conn = spider.session.archive.conn
    rows = conn.execute(
        "SELECT url, kind, offsite, sha256, status FROM assets ORDER BY first_seen_at, rowid"
    ).fetchall()
    assert [tuple(r) for r in rows] == [
        (STYLESHEET, "stylesheet", 0, hashlib.sha256(css).hexdigest(), 200),
        (LOGO, "image", 0, None, None),
        (url("templets/default/images/top_bg.gif"), "image", 0, None, None),
    ]
    assert [tuple(r) for r in conn.execute("SELECT body FROM asset_blobs")] == [(css,)]
    assert conn.execute("SELECT COUNT(*) FROM article_assets").fetchone()[0] == 0


# --- redirects and statuses -----------------------------------------------------------------


def test_a_301_in_scope_is_followed_with_its_hop_count_and_chain(spider):
    old, new = url("a/hljc/2025/0322/59.html"), url("a/hljc/20250322/59.html")
    moved = saved("moved_301", role="article", section="活力基层", referer=url("a/hljc/"))
    fetch, requests = dispatch(spider, moved)

    assert fetch.redirect == Redirect(old, new, 301)
    assert fetch.failure is None and fetch.snapshot.status == 301
    assert fetch.article is None
    [follow] = requests
    assert follow.url == new
    assert follow.meta["role"] == "article" and follow.meta["section"] == "活力基层"
    assert follow.meta["redirect_hops"] == 1 and follow.meta["redirect_chain"] == [old]
    assert follow.meta["referer"] == old

    # A second hop carries the count and the chain on.
    newer = url("a/hljc/20250322/59.shtml")
    meta = {k: follow.meta[k] for k in ("role", "section", "redirect_hops", "redirect_chain")}
    fetch, requests = dispatch(spider, answer(new, 302, {"Location": newer}, **meta))
    assert fetch.redirect == Redirect(new, newer, 302)
    [again] = requests
    assert again.meta["redirect_hops"] == 2 and again.meta["redirect_chain"] == [old, new]


def test_a_redirect_back_into_its_own_chain_is_a_loop(spider):
    a, b = url("a/ggyw/20220923/53.html"), url("a/ggyw/20220923/53.htm")
    response = answer(b, 302, {"Location": a}, role="article", redirect_hops=1, redirect_chain=[a])
    fetch, requests = dispatch(spider, response)

    assert requests == [] and fetch.discovered == []
    assert fetch.failure.kind == "redirect-loop" and fetch.failure.status == 302
    assert fetch.failure.url == b
    assert f"{a} → {b} → {a}" in fetch.failure.error

    # A page that redirects to itself is a loop at its first hop.
    fetch, requests = dispatch(spider, answer(a, 302, {"Location": a}, role="article"))
    assert requests == [] and fetch.failure.kind == "redirect-loop"


def test_more_than_five_redirects_are_not_followed(spider):
    chain = [url(f"r/{n}.html") for n in range(5)]
    fifth = answer(chain[-1], 302, {"Location": url("r/5.html")}, role="article", redirect_hops=4)
    _, requests = dispatch(spider, fifth)
    assert urls(requests) == [url("r/5.html")] and requests[0].meta["redirect_hops"] == 5

    sixth = answer(
        url("r/5.html"),
        302,
        {"Location": url("r/6.html")},
        role="article",
        redirect_hops=5,
        redirect_chain=chain,
    )
    fetch, requests = dispatch(spider, sixth)
    assert requests == []
    assert fetch.failure.kind == "too-many-redirects"
    assert fetch.failure.error == "more than 5 redirects"
    assert fetch.redirect == Redirect(url("r/5.html"), url("r/6.html"), 302)


def test_a_redirect_without_location_is_a_bad_redirect(spider):
    fetch, requests = dispatch(spider, answer(url("a/ggyw/"), 302, role="nav", section="关工要闻"))
    assert requests == [] and fetch.redirect is None
    assert (fetch.failure.kind, fetch.failure.status) == ("bad-redirect", 302)


def test_a_redirect_off_the_site_is_recorded_not_followed(spider):
    item, target = url("a/tszs/20141111/15.html"), OFFSITE + "news/201411/15.html"
    referer = url("a/tszs/")
    response = answer(
        item, 302, {"Location": target}, role="article", section="他山之石", referer=referer
    )
    fetch, requests = dispatch(spider, response)

    assert requests == [] and fetch.discovered == []
    assert fetch.redirect == Redirect(item, target, 302)
    assert fetch.failure.kind == "off-origin" and fetch.failure.url == target
    assert fetch.failure.referer == referer
    assert fetch.failure.error == f"redirect from {item} leaves the site"


def test_a_404_article_is_an_http_failure_and_gone(spider):
    missing = url("a/ggyw/20220920/52.html")
    response = saved("deleted_404", role="article", section="关工要闻", referer=url("a/ggyw/"))
    fetch, requests = dispatch(spider, response)

    assert requests == []
    assert (fetch.failure.kind, fetch.failure.status) == ("http", 404)
    assert fetch.failure.url == missing and fetch.failure.referer == url("a/ggyw/")
    assert fetch.gone_status == 404 and fetch.article is None
    # The error page is kept as served.
    assert fetch.snapshot.status == 404 and fetch.snapshot.body == response.body

    # A listing that answers 404 is a failure, but nothing is "gone".
    fetch, _ = dispatch(spider, saved("deleted_404", role="listing", section="关工要闻", page=2))
    assert fetch.failure.kind == "http" and fetch.gone_status is None


def test_a_304_is_not_modified(spider):
    response = answer(A61, 304, role="article", revisit=True)
    fetch, requests = dispatch(spider, response)
    assert requests == []
    assert fetch.not_modified and fetch.snapshot is None and fetch.article is None
    assert fetch.failure is None


# --- failed requests ------------------------------------------------------------------------


def scrapy_failure(error: Exception, request: Request) -> Failure:
    """A Failure as Scrapy hands it to an errback: ``request`` set on it by the scraper."""
    try:
        raise error
    except type(error):
        failure = Failure()
    failure.request = request
    return failure


def failed(spider: TsggwSpider, error: Exception, address: str, **meta: Any) -> Fetch:
    [fetch] = list(spider.failed(scrapy_failure(error, Request(address, meta=meta))))
    assert isinstance(fetch, Fetch) and fetch.url == address
    return fetch


def test_failed_off_origin_request(spider):
    fetch = failed(
        spider,
        OffOriginRequest("outside the archived site"),
        OFFSITE + "x.html",
        role="article",
        referer=A61,
    )
    assert fetch.failure.kind == "off-origin"
    assert fetch.failure.error == "outside the archived site"
    assert fetch.failure.referer == A61 and fetch.failure.status is None


def test_failed_ignored_request_is_refused(spider):
    fetch = failed(spider, IgnoreRequest("Forbidden by robots.txt"), A62, role="article")
    assert fetch.failure.kind == "refused"
    assert fetch.failure.error == "IgnoreRequest: Forbidden by robots.txt"


def test_an_asset_over_the_size_cap_is_skipped_not_failed(spider):
    doc = url("uploads/soft/140407/11-1.doc")
    fetch = failed(
        spider,
        DownloadCancelledError("Cancelling download: size 3145728 larger than 1048576"),
        doc,
        role="asset",
        kind="attachment",
        download_maxsize=1048576,
    )
    assert fetch.failure is None
    assert fetch.asset is not None and fetch.asset.body is None and fetch.asset.status is None
    assert fetch.asset.kind == "attachment"
    assert fetch.asset.skipped == "larger than the size cap of 1048576 bytes (ASSET_MAXSIZE)"


def test_a_page_over_the_size_cap_is_too_large(spider):
    error = DownloadCancelledError("Cancelling download: size 40 MB larger than 32 MB")
    fetch = failed(spider, error, A55, role="article")
    assert fetch.asset is None
    assert fetch.failure.kind == "too-large"
    assert fetch.failure.error.startswith("DownloadCancelledError: Cancelling download")


@pytest.mark.parametrize(
    "error",
    [DNSLookupError("no such host: tsggw.invalid"), ConnectionRefusedError("refused")],
    ids=["dns", "connection-refused"],
)
def test_a_network_error_is_a_network_failure(spider, error):
    fetch = failed(spider, error, DYYSK_2, role="listing", section=DYYSK, referer=DYYSK_1)
    assert fetch.failure.kind == "network"
    assert fetch.failure.error.startswith(type(error).__name__ + ": ")
    assert fetch.failure.referer == DYYSK_1 and fetch.role == "listing"


# --- incremental crawls ---------------------------------------------------------------------


def archive_holding(db: Path, *names: str) -> Path:
    """An archive whose first (full) crawl fetched the saved 调研与思考 articles `names`: the
    spider's Fetches written by the archive pipeline, as a crawl writes them."""
    db.parent.mkdir(parents=True, exist_ok=True)
    with open_crawl(db, START_URL, **NO_WARC) as crawler:
        assert crawler.spider.plan.mode == "full"
        pipeline = ArchivePipeline.from_crawler(crawler)
        for name in names:
            fetch, _ = dispatch(crawler.spider, saved(name, role="article", section=DYYSK))
            pipeline.process_item(fetch)
    return db


@pytest.fixture(scope="module")
def archives(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("archives")
    return {
        "61": archive_holding(folder / "61" / "tsggw.db", "article_61"),
        "46": archive_holding(folder / "46" / "tsggw.db", "article_46"),
    }


@pytest.fixture
def recrawl(archives, tmp_path):
    """An incremental crawl of a copy of one of the archives."""

    @contextmanager
    def open_recrawl(holding: str) -> Iterator[Crawler]:
        copy = tmp_path / holding
        shutil.copytree(archives[holding].parent, copy)
        with open_crawl(copy / "tsggw.db", START_URL, **NO_WARC) as crawler:
            theme_listed(crawler.spider)
            yield crawler

    return open_recrawl


class RecordingEngine:
    """What release_held_pages asks of Scrapy's engine, ExecutionEngine.crawl(request): the
    requests are recorded instead of scheduled."""

    def __init__(self) -> None:
        self.crawled: list[Request] = []

    def crawl(self, request: Request) -> None:
        self.crawled.append(request)


def test_incremental_listing_stops_at_the_first_archived_article(recrawl):
    with recrawl("61") as crawler:
        spider = crawler.spider
        assert spider.plan.mode == "incremental" and A61 in spider.plan.known
        fetch, requests = dispatch(
            spider, saved("listing_pager", role="nav", section=DYYSK, page=1)
        )

        assert [e.url for e in fetch.listings] == [A62, A61, A55]
        # 61 is archived: not requested, and the pager is not followed.
        assert urls(requests) == [A62, A55]
        assert DYYSK_2 not in [e.url for e in fetch.discovered]
        assert spider.held == []


def test_incremental_chain_into_an_archived_article_stops(recrawl):
    with recrawl("46") as crawler:
        fetch, requests = dispatch(
            crawler.spider, saved("article_55", role="article", section=DYYSK)
        )
        assert fetch.article.prev_url == A46
        assert urls(requests) == [A61]
        assert crawler.spider.neighbours[A55] == (A46, A61)


def test_incremental_next_page_is_held_and_dropped_when_the_chains_reach_the_archive(recrawl):
    with recrawl("46") as crawler:
        spider = crawler.spider
        fetch, requests = dispatch(
            spider, saved("listing_pager", role="nav", section=DYYSK, page=1)
        )
        # Every article of page 1 is new: page 2 is held back, not yielded.
        assert urls(requests) == [A62, A61, A55]
        [(section, listed, held)] = spider.held
        assert (section, listed, urls(held)) == (DYYSK, [A62, A61, A55], [DYYSK_2])
        assert held[0].meta["page"] == 2
        # The frontier knows it, marked held, so a resumed crawl requests it.
        [entry] = [e for e in fetch.discovered if e.url == DYYSK_2]
        assert entry.held

        for name in ("article_62", "article_61", "article_55"):
            _, chained = dispatch(spider, saved(name, role="article", section=DYYSK))
            assert chained == []  # neighbours requested already, or 46: archived
        assert chain_covers_next_page(listed, spider.neighbours, spider.plan.archived)

        crawler.engine = RecordingEngine()
        spider.release_held_pages()  # no DontCloseSpider: nothing was released
        assert spider.held == [] and crawler.engine.crawled == []
        assert crawler.stats.get_value("ggcrawl/listing_pages_spared") == 1


def test_incremental_next_page_is_released_when_a_chain_does_not_reach_the_archive(recrawl):
    with recrawl("46") as crawler:
        spider = crawler.spider
        dispatch(spider, saved("listing_pager", role="nav", section=DYYSK, page=1))
        [(_, listed, held)] = spider.held
        for name in ("article_62", "article_61"):
            dispatch(spider, saved(name, role="article", section=DYYSK))
        # 55 could not be fetched: whether its chain reaches the archive is unknown.
        failed(spider, DNSLookupError("tsggw"), A55, role="article", section=DYYSK)
        assert not chain_covers_next_page(listed, spider.neighbours, spider.plan.archived)

        crawler.engine = RecordingEngine()
        with pytest.raises(DontCloseSpider):
            spider.release_held_pages()
        assert crawler.engine.crawled == held and urls(held) == [DYYSK_2]
        assert spider.held == []
        assert crawler.stats.get_value("ggcrawl/listing_pages_spared") is None
        # Idle again, nothing held: the spider may close.
        spider.release_held_pages()
        assert crawler.engine.crawled == held


# --- never twice, never elsewhere -----------------------------------------------------------


def test_start_requests_the_planned_frontier_and_counts_it_seen(spider):
    async def started() -> list[Request]:
        return [request async for request in spider.start()]

    [home] = asyncio.run(started())
    assert home.url == BASE and home.meta["role"] == "home" and home.priority == 100
    assert fingerprint_url(BASE) in spider.seen


def test_a_url_is_requested_once(spider):
    _, listing_requests = dispatch(
        spider, saved("listing_pager", role="nav", section=DYYSK, page=1)
    )
    assert urls(by_role(listing_requests, "article")) == [A62, A61, A55]

    # The chain links back to articles the listing requested: only 46 is new.
    requested = []
    for name in ("article_62", "article_61", "article_55"):
        requested += dispatch(spider, saved(name, role="article", section=DYYSK))[1]
    assert urls(requested) == [A46]

    # The same listing again, and a redirect to one of its articles under a tracking alias.
    assert dispatch(spider, saved("listing_pager", role="nav", section=DYYSK, page=1))[1] == []
    alias = A61 + "?utm_source=weixin"
    fetch, requests = dispatch(spider, answer(A44, 301, {"Location": alias}, role="article"))
    assert requests == [] and fetch.redirect.to_url == A61


def test_every_saved_page_together_requests_each_url_once_and_only_on_the_site(spider):
    pages = [
        saved("home", role="home"),
        saved("listing_pager", role="nav", section=DYYSK, page=1, position=13),
        saved("listing_pager_2", role="listing", section=DYYSK, page=2),
        saved("listing_single", role="nav", section="银发风采", page=1, position=4),
        saved("article_first", role="article", section="文件快递"),
        saved("article_middle", role="article", section="关工要闻"),
        saved("article_last", role="article", section="他山之石"),
        *(saved(f"article_{n}", role="article", section=DYYSK) for n in (62, 61, 55, 46)),
    ]
    requests: list[Request] = []
    for response in pages:
        fetch, made = dispatch(spider, response)
        assert fetch.failure is None
        assert [e.url for e in fetch.discovered] == urls(made)
        requests += made

    assert len(requests) > 30
    fingerprints = [fingerprint_url(r.url) for r in requests]
    assert len(set(fingerprints)) == len(fingerprints)
    assert {origin(r.url) for r in requests} == {origin(BASE)}
    # /plus/ pages only where the nav bar links one (the guestbook).
    assert [r.url for r in requests if "/plus/" in r.url] == [url("plus/guestbook.php")]


# --- the start URL's redirects settle where the site is -----------------------------------------


FRONT = "http://127.0.0.2:8081/"


def test_a_start_url_that_redirects_to_the_site_makes_it_the_site(tmp_path):
    """An address that answers 301 to the site's own (as http://site/ → https://www.site/
    does): the site is crawled there, kept under that address, and the crawl says so."""
    with open_crawl(tmp_path / "a.db", FRONT, **NO_WARC) as crawler:
        spider = crawler.spider
        fetch, [home] = dispatch(spider, answer(FRONT, 301, {"Location": BASE}, role="home"))
        assert fetch.redirect == Redirect(FRONT, BASE, 301) and fetch.failure is None
        assert fetch.site is None  # not settled yet: the chain goes on
        assert home.url == BASE and home.meta["role"] == "home"
        fetch, requests = dispatch(spider, saved("home", role="home"))
        assert fetch.site == BASE and fetch.url == BASE
        assert requests and all(r.url.startswith(BASE) for r in requests)
        # A link to the address given is a link to the site, fetched under its own address.
        assert spider.scope.to_store(FRONT + "a/dyysk/") == DYYSK_1
        assert spider.scope.is_site(FRONT + "a/dyysk/")


def test_the_frontier_waits_until_the_start_page_settled_where_the_site_is(spider):
    """A revisit waiting in the frontier is requested only once the start page answered: until
    then, which address it is fetched from is not known."""
    spider.plan.pending.append(FrontierEntry(A46, "article", 8, {"revisit": True}))

    async def started() -> tuple[Request, bool, Request]:
        requests = spider.start()
        home = await anext(requests)
        waiting = asyncio.ensure_future(anext(requests))
        await asyncio.sleep(0.05)
        waited = not waiting.done()
        dispatch(spider, saved("home", role="home"))
        return home, waited, await asyncio.wait_for(waiting, 5)

    home, waited, revisit = asyncio.run(started())
    assert home.url == BASE and waited and revisit.url == A46


def test_a_start_page_that_fails_settles_too(spider):
    spider.plan.pending.append(FrontierEntry(A46, "article", 8, {"revisit": True}))
    failure = Failure(DNSLookupError("no such host"))
    failure.request = Request(BASE, meta={"role": "home"})
    list(spider.failed(failure))
    assert spider.home_settled.called
