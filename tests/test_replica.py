"""The replica site: determinism, quirks, ground truth consistency, and the HTTP server.

Everything goes over real HTTP on loopback (urllib, http.client, a raw socket for exact bytes),
the way a crawler would see it; mutations change the site under a running server.
"""

from __future__ import annotations

import gzip
import hashlib
import http.client
import json
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
import urllib.robotparser
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from protego import Protego

from ggcrawl.replica import DIALECTS, ReplicaServer, Site, build_site
from ggcrawl.replica.dialects.base import http_date
from tests.raw_http import fetch

SEED_TITLE = "抓好基层组织建设 充分发挥关工作用"
PREV_TITLE = "坚持六突出一提升 实现一组织一亮点"
NEXT_TITLE = "浅谈如何在新时代传承红色基因中 引导青少年健康成长"
SECTIONS = (
    "关工委概况 领导关怀 关工要闻 文件快递 银发风采 青少年风华 活力基层 琢璞润玉 励我成才 法制讲堂"
    " 爱心奉献 科普窗口 他山之石 调研与思考 网友留言"
).split()
ENCODING = {"dede": "gbk", "phpcms": "utf-8", "asp": "gbk"}
ALIAS = re.compile(r"/a/[a-z]+/list_\d+_1\.html$")  # DedeCMS's second name of page 1
SEED_TIME = {
    "dede": ("2019-01-29 09:57", "2019-01-29T09:57:00+08:00"),
    "phpcms": ("2019-01-29 09:57:20", "2019-01-29T09:57:20+08:00"),
    "asp": ("2019年01月29日", "2019-01-29"),
}
# Utility and admin URLs each dialect links but a polite crawler must not fetch.
UTILITY = {
    "dede": [
        "plus/view.php?aid=1",
        "plus/print.php?aid=1",
        "plus/feedback.php?aid=1",
        "plus/count.php?view=yes&aid=1&mid=1",
        "dede/login.php",
    ],
    "phpcms": [
        "api.php?op=count&id=1&modelid=1",
        "index.php?m=admin&c=index&a=login",
        "index.php?m=comment&c=index&a=init&commentid=content_8-1-1&iframe=1",
    ],
    "asp": [
        "Print.asp?ArticleID=1",
        "Count.asp?ArticleID=1",
        "Comment.asp?ArticleID=1",
        "Admin/Admin_Login.asp",
    ],
}


def page_text(body: bytes, encoding: str) -> str:
    """All visible text of a page, whitespace-normalised (scripts, styles, comments dropped)."""
    tree = lxml.html.document_fromstring(body.decode(encoding))
    for junk in tree.xpath("//script | //style | //comment()"):
        junk.drop_tree()
    return normalize(tree.text_content())


def normalize(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").replace("\u3000", " ").split())


def links(url: str, body: bytes, encoding: str) -> list[str]:
    """Absolute targets of the page's <a href>, minus javascript: and fragments."""
    tree = lxml.html.document_fromstring(body.decode(encoding))
    out = []
    for href in tree.xpath("//a/@href"):
        if href.startswith(("javascript:", "#")):
            continue
        out.append(urljoin(url, href).split("#")[0])
    return out


def by_title(truth: dict[str, Any], title: str) -> dict[str, Any]:
    return next(a for a in truth["articles"] if a["title"] == title)


def relative(srv: ReplicaServer, truth: dict[str, Any]) -> str:
    text = json.dumps(truth, ensure_ascii=False, sort_keys=True)
    return text.replace(srv.base_url, "SITE/").replace(srv.offsite_base_url, "OFFSITE/")


def raw_head(srv: ReplicaServer, path: str) -> bytes:
    """Status line and header block of a GET exactly as the server wrote them."""
    split = urlsplit(srv.base_url)
    with socket.create_connection((split.hostname, split.port), timeout=10) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while b"\r\n\r\n" not in data and (chunk := sock.recv(65536)):
            data += chunk
    return data.split(b"\r\n\r\n", 1)[0]


def crawl(srv: ReplicaServer, truth: dict[str, Any]) -> tuple[set[str], set[str]]:
    """A tiny polite crawl from the home page: (site URLs reached, off-site URLs linked).

    Every link must be a page, an article, a known dead end or DedeCMS's page-1 alias.
    """
    robots = Protego.parse(fetch(srv.base_url + "robots.txt")[2].decode("ascii"))
    pages = {p["url"] for p in truth["pages"]}
    articles = {a["url"] for a in truth["articles"]}
    dead_ends = (
        {m["url"] for m in truth["missing"]}
        | {r["from"] for r in truth["redirects"]}
        | {r["from"] for r in truth["offsite_redirects"]}
        | {a["url"] for a in truth["assets"]}
    )
    seen, queue, offsite = {srv.base_url}, [srv.base_url], set()
    while queue:
        url = queue.pop()
        status, _, body = fetch(url)
        assert status == 200, url
        for link in links(url, body, ENCODING[srv.dialect]):
            if link.startswith(srv.offsite_base_url):
                offsite.add(link)
                continue
            assert link.startswith(srv.base_url), link
            if link in seen or link in dead_ends or not robots.can_fetch(link, "ggcrawl"):
                continue
            assert link in pages or link in articles or ALIAS.search(link), link
            seen.add(link)
            if not ALIAS.search(link):
                queue.append(link)
    return {u for u in seen if not ALIAS.search(u)}, offsite


@pytest.fixture(scope="module")
def site() -> Site:
    return build_site(articles=60, seed=7)


@pytest.fixture(scope="module", params=DIALECTS)
def served(request: pytest.FixtureRequest, site: Site) -> Iterator[tuple[ReplicaServer, dict]]:
    with ReplicaServer(site, dialect=request.param) as srv:
        yield srv, srv.ground_truth()


def test_public_names_and_defaults(site: Site) -> None:
    assert set(DIALECTS) >= {"dede", "phpcms", "asp"}
    assert len(site.articles) == 60
    assert (site.page_size, site.listing_page_cap) == (3, 2)
    assert [s.name for s in site.sections] == SECTIONS
    custom = build_site(articles=60, seed=7, page_size=4, listing_page_cap=3)
    assert (custom.page_size, custom.listing_page_cap) == (4, 3)
    with pytest.raises(ValueError):
        build_site(articles=10)
    with pytest.raises(ValueError):
        ReplicaServer(site, dialect="wordpress")


def test_same_seed_gives_identical_truth() -> None:
    first, second = build_site(articles=60, seed=7), build_site(articles=60, seed=7)
    with ReplicaServer(first, "phpcms") as a, ReplicaServer(second, "phpcms") as b:
        assert a.base_url != b.base_url
        assert relative(a, a.ground_truth()) == relative(b, b.ground_truth())
    other = build_site(articles=60, seed=8)
    assert [a.title for a in first.articles] != [a.title for a in other.articles]
    assert SEED_TITLE in {a.title for a in other.articles}


def test_sections_and_pages(served: tuple[ReplicaServer, dict]) -> None:
    srv, truth = served
    assert truth["dialect"] == srv.dialect and truth["base_url"] == srv.base_url
    kinds = {s["name"]: s["kind"] for s in truth["sections"]}
    assert list(kinds) == SECTIONS
    assert kinds["关工委概况"] == "page" and kinds["网友留言"] == "guestbook"
    assert Counter(kinds.values()) == {"listing": 13, "page": 1, "guestbook": 1}
    pages = {p["url"]: p["kind"] for p in truth["pages"]}
    assert len(pages) == len(truth["pages"])  # each page once
    assert pages[srv.base_url] == "home"
    for section in truth["sections"]:
        assert pages[section["url"]] == section["kind"]  # page 1 under the nav URL
    listings = Counter(kind for kind in pages.values())["listing"]
    assert 13 <= listings <= 26  # cap of 2 pages per column


def test_seed_article_truth(served: tuple[ReplicaServer, dict]) -> None:
    srv, truth = served
    seed = by_title(truth, SEED_TITLE)
    assert seed["section"] == "调研与思考"
    assert seed["source"] == "市关工办"
    assert seed["published_at"] == SEED_TIME[srv.dialect][1]
    lines = seed["body_text"].split("\n")
    assert lines[:3] == [SEED_TITLE, "清水县关工委", lines[2]]
    assert lines[2].startswith("关工委的工作根基、工作对象、工作力量主要在基层")
    assert lines[-1].endswith("为全县青年回乡创业带了个好头。")
    assert len(lines) == 25 and all(line == line.strip() and line for line in lines)
    assert by_title(truth, PREV_TITLE)["url"] == seed["prev_url"]
    assert by_title(truth, NEXT_TITLE)["url"] == seed["next_url"]
    assert by_title(truth, PREV_TITLE)["next_url"] == seed["url"]


def test_seed_page_shows_seed_and_neighbours(served: tuple[ReplicaServer, dict]) -> None:
    srv, truth = served
    status, _, body = fetch(by_title(truth, SEED_TITLE)["url"])
    text = page_text(body, ENCODING[srv.dialect])
    assert status == 200
    for expected in (
        SEED_TITLE,
        PREV_TITLE,
        NEXT_TITLE,
        "市关工办",
        SEED_TIME[srv.dialect][0],
        "天水关工网",
        "陇ICP备12000071号-2",
        "741000",
        "友情链接",
        "管理登录",
    ):
        assert expected in text


def test_chains_and_listings(served: tuple[ReplicaServer, dict]) -> None:
    _, truth = served
    articles = {a["url"]: a for a in truth["articles"]}
    assert len(articles) == 60
    for art in articles.values():
        for key, back in (("prev_url", "next_url"), ("next_url", "prev_url")):
            if art[key]:
                other = articles[art[key]]
                assert other[back] == art["url"] and other["section"] == art["section"]
                newer = art if key == "prev_url" else other
                older = other if key == "prev_url" else art
                assert older["published_at"] <= newer["published_at"]
    chain_only = Counter()
    for name in SECTIONS[1:-1]:
        column = [a for a in articles.values() if a["section"] == name]
        assert sum(a["prev_url"] is None for a in column) == 1
        assert sum(a["next_url"] is None for a in column) == 1
        reached: set[str] = set()
        for start in (a for a in column if name in a["listed_in"]):
            for key in ("prev_url", "next_url"):
                url = start["url"]
                while url and url not in reached - {start["url"]}:
                    reached.add(url)
                    url = articles[url][key]
        assert reached == {a["url"] for a in column}  # listed or chain-reachable from a listed one
        chain_only[name] = sum(not a["listed"] for a in column)
    assert chain_only["调研与思考"] > 0
    assert sum(count > 0 for count in chain_only.values()) >= 2
    twice = [a for a in articles.values() if len(a["listed_in"]) == 2]
    assert len(twice) == 1 and twice[0]["section"] in twice[0]["listed_in"]
    assert twice[0]["section"] == "关工要闻" and "领导关怀" in twice[0]["listed_in"]
    assert [a["source"] for a in articles.values()].count(None) == 1
    assert all(a["listed"] == bool(a["listed_in"]) for a in articles.values())


def test_quirk_urls_answer_as_documented(served: tuple[ReplicaServer, dict]) -> None:
    srv, truth = served
    encoding = ENCODING[srv.dialect]
    pages = {p["url"] for p in truth["pages"]}
    (missing,) = truth["missing"]
    assert missing["referer"] in pages
    status, headers, body = fetch(missing["url"])
    assert status == 404 and headers["Content-Type"].startswith("text/html")
    assert "天水关工网" in body.decode(encoding) or "无法找到该页" in body.decode(encoding)
    assert missing["url"] in links(missing["referer"], fetch(missing["referer"])[2], encoding)
    (moved,) = truth["redirects"]
    status, headers, _ = fetch(moved["from"])
    assert (status, headers["Location"]) == (301, moved["to"]) and moved["status"] == 301
    assert moved["to"] in {a["url"] for a in truth["articles"]}
    (away,) = truth["offsite_redirects"]
    status, headers, _ = fetch(away["from"])
    assert (status, headers["Location"]) == (302, away["to"])
    assert away["to"].startswith(srv.offsite_base_url)
    status, headers, body = fetch(srv.base_url + "no/such/page.html")
    assert status == 404 and headers["Content-Type"].startswith("text/html")
    body.decode(encoding)
    assert srv.offsite_hits == 0


def test_robots_rules(served: tuple[ReplicaServer, dict]) -> None:
    srv, truth = served
    status, headers, body = fetch(srv.base_url + "robots.txt")
    robots = body.decode("ascii")
    assert status == 200 and headers["Content-Type"] == "text/plain"
    assert "Disallow:" in robots and "crawl-delay" not in robots.lower()
    parsers = [Protego.parse(robots).can_fetch]
    standard = urllib.robotparser.RobotFileParser()
    standard.parse(robots.splitlines())
    parsers.append(lambda url, agent: standard.can_fetch(agent, url))
    wanted = [p["url"] for p in truth["pages"]] + [a["url"] for a in truth["articles"]]
    for can_fetch in parsers:
        assert all(can_fetch(url, "ggcrawl") for url in wanted)
        assert not any(can_fetch(srv.base_url + path, "ggcrawl") for path in UTILITY[srv.dialect])
    for path in UTILITY[srv.dialect]:  # served anyway, for browsers
        assert fetch(srv.base_url + path)[0] == 200


def test_content_type_and_encoding(served: tuple[ReplicaServer, dict]) -> None:
    srv, truth = served
    urls = [p["url"] for p in truth["pages"]] + [a["url"] for a in truth["articles"][:10]]
    types = {}
    for url in urls:
        status, headers, body = fetch(url)
        assert status == 200
        types[url] = headers["Content-Type"]
        text = body.decode(ENCODING[srv.dialect])
        assert "天水关工网" in text
        if srv.dialect != "phpcms":
            assert 'charset=gb2312"' in text
            with pytest.raises(UnicodeDecodeError):
                body.decode("utf-8")
    if srv.dialect == "dede":
        assert set(types.values()) == {"text/html"}
    elif srv.dialect == "asp":
        assert set(types.values()) == {"text/html; Charset=gb2312"}
    else:
        bare = [url for url, kind in types.items() if kind == "text/html"]
        assert bare == [next(s["url"] for s in truth["sections"] if s["name"] == "关工要闻")]
        assert Counter(types.values())["text/html; charset=utf-8"] == len(urls) - 1


def test_pages_show_their_truth(served: tuple[ReplicaServer, dict]) -> None:
    srv, truth = served
    junk = ("打印本页", "关闭窗口", "上一篇", "下一篇", "分享到", "版权所有", "当前位置", "window.")
    for art in truth["articles"]:
        status, _, body = fetch(art["url"])
        assert status == 200
        text = page_text(body, ENCODING[srv.dialect])
        assert art["title"] in text and art["section"] in text
        assert (art["source"] or "") in text
        for line in art["body_text"].split("\n"):
            assert line in text
        assert not any(word in art["body_text"] for word in junk)
        for attachment in art["attachments"]:
            assert attachment["name"] in art["body_text"]


def test_every_link_is_accounted_for(served: tuple[ReplicaServer, dict]) -> None:
    """A tiny crawl: what a polite crawler reaches from the home page is exactly the truth."""
    srv, truth = served
    seen, offsite = crawl(srv, truth)
    assert seen == {p["url"] for p in truth["pages"]} | {a["url"] for a in truth["articles"]}
    assert any("/news/" in u for u in offsite) and len(offsite) >= 5
    assert srv.offsite_hits == 0


def test_assets_are_served(served: tuple[ReplicaServer, dict]) -> None:
    srv, truth = served
    kinds = Counter((a["kind"], a["offsite"]) for a in truth["assets"])
    assert kinds[("image", True)] == 1 and kinds[("image", False)] >= 1
    assert kinds[("attachment", False)] >= 3
    magic = {
        "image/png": b"\x89PNG\r\n\x1a\n",
        "image/jpeg": b"\xff\xd8\xff",
        "application/pdf": b"%PDF-",
        "application/msword": b"\xd0\xcf\x11\xe0",
        "application/vnd.ms-excel": b"\xd0\xcf\x11\xe0",
    }
    for asset in truth["assets"]:
        article = next(a for a in truth["articles"] if a["url"] == asset["article_url"])
        if asset["offsite"]:
            assert (
                asset["url"].startswith(srv.offsite_base_url) and asset["url"] in article["images"]
            )
            continue
        status, headers, body = fetch(asset["url"])
        assert status == 200 and body.startswith(magic[headers["Content-Type"]])
        assert headers["Content-Type"] == asset["content_type"]
        assert len(body) == asset["size"] == int(headers["Content-Length"])
        assert hashlib.sha256(body).hexdigest() == asset["sha256"]
        if asset["kind"] == "attachment":
            assert article["section"] == "文件快递"
            (name,) = [a["name"] for a in article["attachments"] if a["url"] == asset["url"]]
            assert name.rsplit(".", 1)[1] == asset["url"].rsplit(".", 1)[1]
    assert srv.offsite_hits == 0


def test_requisites_are_named_by_the_pages_and_served(served: tuple[ReplicaServer, dict]) -> None:
    """Every page requisite of the truth is named where it says (every page of the templates,
    or the stylesheet that loads it), robots.txt disallows exactly those it calls disallowed, and
    the server serves each of the site's with the truth's bytes; an unknown stylesheet is a
    404."""
    srv, truth = served
    robots = Protego.parse(fetch(srv.base_url + "robots.txt")[2].decode("ascii"))
    requisites = truth["requisites"]
    assert {r["kind"] for r in requisites} >= {"stylesheet", "image"}
    assert any(r["offsite"] for r in requisites) is (srv.dialect == "dede")
    pages = [truth["pages"][0]["url"], truth["pages"][1]["url"], truth["articles"][0]["url"]]
    for page in pages:
        named = set()
        tree = lxml.html.fromstring(fetch(page)[2])
        for element in tree.iter("link", "img", "td"):
            for name in ("href", "src", "background"):
                if element.get(name):
                    named.add(urljoin(page, element.get(name)))
        loaded_by_pages = {r["url"] for r in requisites if r["loaded_by"] is None}
        assert loaded_by_pages <= named, page
    for requisite in requisites:
        url = requisite["url"]
        if requisite["loaded_by"] is not None:
            css = fetch(requisite["loaded_by"])[2].decode("gb18030")
            assert url.rsplit("/", 1)[1] in css
        if requisite["offsite"]:
            assert url.startswith(srv.offsite_base_url) and not requisite["disallowed"]
            continue
        assert requisite["disallowed"] is not robots.can_fetch(url, "ggcrawl")
        status, headers, body = fetch(url)  # served whatever robots.txt says, for browsers
        assert status == 200
        assert headers["Content-Type"] == requisite["content_type"]
        assert len(body) == requisite["size"]
        assert hashlib.sha256(body).hexdigest() == requisite["sha256"]
    stylesheet = next(r["url"] for r in requisites if r["kind"] == "stylesheet")
    assert fetch(stylesheet.rsplit("/", 1)[0] + "/nowhere.css")[0] == 404
    assert srv.offsite_hits == 0


def test_requests_log_and_offsite_counter(site: Site) -> None:
    with ReplicaServer(site, dialect="dede") as srv:
        assert srv.requests == [] and srv.offsite_hits == 0
        fetch(srv.base_url)
        fetch(srv.base_url + "a/dyysk/list_14_2.html?x=1")
        fetch(srv.base_url + "robots.txt", method="HEAD")
        assert srv.requests == [
            ("GET", "/"),
            ("GET", "/a/dyysk/list_14_2.html?x=1"),
            ("HEAD", "/robots.txt"),
        ]
        assert fetch(srv.offsite_base_url + "zgggw/")[0] == 200
        assert fetch(srv.offsite_base_url + "uploads/2019/1_1.jpg")[2].startswith(b"\xff\xd8")
        assert srv.offsite_hits == 2 and len(srv.requests) == 3


def test_concurrent_requests_and_keep_alive(served: tuple[ReplicaServer, dict]) -> None:
    srv, truth = served
    urls = [p["url"] for p in truth["pages"]] + [a["url"] for a in truth["articles"]]
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(fetch, urls * 4))
    assert all(status == 200 for status, _, _ in answers)
    for i, url in enumerate(urls):  # the same bytes every time
        assert len({answers[i + k * len(urls)][2] for k in range(4)}) == 1, url
    split = urlsplit(srv.base_url)
    connection = http.client.HTTPConnection(split.hostname, split.port, timeout=10)
    for url in urls[:5]:
        target = url[len(srv.base_url) - 1 :]
        connection.request("GET", target)
        answer = connection.getresponse()
        assert answer.version == 11 and answer.status == 200
        assert int(answer.headers["Content-Length"]) == len(answer.read())
        assert answer.headers["Connection"] != "close"
    connection.close()


def test_keywords_present_in_some_articles_only(site: Site) -> None:
    """关工 and 扶贫 appear in flagged articles and nowhere at all in the others (FTS tests)."""
    with ReplicaServer(site, dialect="asp") as srv:
        truth = srv.ground_truth()
    for word, flag in (("关工", "gg"), ("扶贫", "fp")):
        found = []
        for model, record in zip(site.articles, truth["articles"], strict=True):
            fields = [record["title"], record["body_text"], record["source"] or ""]
            fields += [a["name"] for a in record["attachments"]]
            found.append(any(word in field for field in fields))
            assert found[-1] == getattr(model, flag), (word, record["title"])
        assert 15 <= sum(found) <= 35
        assert any(word in a["title"] for a in truth["articles"])


def test_dates_spread_and_formats(served: tuple[ReplicaServer, dict]) -> None:
    srv, truth = served
    pattern = {
        "dede": r"\d{4}-\d\d-\d\dT\d\d:\d\d:00\+08:00",
        "phpcms": r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00",
        "asp": r"\d{4}-\d\d-\d\d",
    }[srv.dialect]
    stamps = [a["published_at"] for a in truth["articles"]]
    assert all(re.fullmatch(pattern, s) for s in stamps)
    years = {int(s[:4]) for s in stamps}
    assert min(years) <= 2014 and max(years) >= 2024 and years <= set(range(2012, 2027))
    if srv.dialect == "phpcms":
        assert len(set(stamps)) == len(stamps)


def test_dede_page_one_alias_and_plus_helpers(site: Site) -> None:
    with ReplicaServer(site, dialect="dede") as srv:
        section = next(s for s in srv.ground_truth()["sections"] if s["name"] == "调研与思考")
        page2 = srv.base_url + "a/dyysk/list_14_2.html"
        status, _, body = fetch(page2)
        assert status == 200
        assert srv.base_url + "a/dyysk/list_14_1.html" in links(page2, body, "gbk")
        assert fetch(srv.base_url + "a/dyysk/list_14_1.html")[2] == fetch(section["url"])[2]
        assert fetch(srv.base_url + "a/dyysk/list_14_3.html")[0] == 404  # beyond the cap
        seed = by_title(srv.ground_truth(), SEED_TITLE)
        aid = seed["url"].rsplit("/", 1)[1].split(".")[0]
        view = fetch(f"{srv.base_url}plus/view.php?aid={aid}")[2].decode("gbk")
        assert SEED_TITLE in view
        assert fetch(srv.base_url + "plus/guestbook.php", method="POST")[0] == 200


@pytest.mark.parametrize("articles", [40, 60, 80])
def test_every_size_has_the_seed_and_all_quirks(articles: int) -> None:
    site = build_site(articles=articles, seed=11)
    with ReplicaServer(site, dialect="phpcms") as srv:
        truth = srv.ground_truth()
    assert len(truth["articles"]) == articles
    seed = by_title(truth, SEED_TITLE)
    assert by_title(truth, PREV_TITLE)["url"] == seed["prev_url"]
    assert by_title(truth, NEXT_TITLE)["url"] == seed["next_url"]
    assert len(truth["missing"]) == len(truth["redirects"]) == len(truth["offsite_redirects"]) == 1
    unlisted = Counter(a["section"] for a in truth["articles"] if not a["listed"])
    assert unlisted["调研与思考"] > 0 and len(unlisted) >= 2
    assert sum(len(a["listed_in"]) == 2 for a in truth["articles"]) == 1
    assert [a["source"] for a in truth["articles"]].count(None) == 1


def test_large_build() -> None:
    site = build_site(articles=2000, seed=3)
    assert (site.page_size, site.listing_page_cap) == (20, 10)
    assert len(site.articles) == 2000 and site.seed_article.title == SEED_TITLE
    older, newer = site.neighbours(site.seed_article)
    assert (older and older.title, newer and newer.title) == (PREV_TITLE, NEXT_TITLE)
    with ReplicaServer(site, dialect="dede") as srv:
        truth = srv.ground_truth()
        assert fetch(truth["articles"][-1]["url"])[0] == 200
    assert len(truth["articles"]) == 2000
    assert sum(not a["listed"] for a in truth["articles"]) > 0
    assert max(Counter(p["kind"] for p in truth["pages"]).values()) <= 13 * 10


@pytest.mark.server
def test_command_line_serves_and_writes_truth(tmp_path: Path) -> None:
    truth_path = tmp_path / "truth.json"
    command = [
        sys.executable,
        "-m",
        "ggcrawl.replica",
        "--dialect",
        "asp",
        "--articles",
        "40",
        "--port",
        "0",
        "--truth",
        str(truth_path),
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", base_url)
        assert fetch(base_url)[0] == 200
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        assert truth["base_url"] == base_url and len(truth["articles"]) == 40
    finally:
        process.terminate()
        process.wait(timeout=10)


# ----- archivist features: mutations, validators, encodings, exact HTTP, request log, assets


def newest_listed(site: Site, column: str) -> str:
    """Title of the first entry of a column's listing (always on page 1 and on the home page)."""
    return site.listing_pages(site.section(column))[0][0].article.title


def linkers(srv: ReplicaServer, truth: dict[str, Any], dialect: str) -> dict[str, set[str]]:
    """For every URL, the pages and articles of the truth whose markup links it."""
    found: dict[str, set[str]] = {}
    for url in [p["url"] for p in truth["pages"]] + [a["url"] for a in truth["articles"]]:
        for link in links(url, fetch(url)[2], ENCODING[dialect]):
            found.setdefault(link, set()).add(url)
    return found


def chain_after(truth: dict[str, Any], url: str) -> list[dict[str, Any]]:
    """The articles that follow `url` through 下一篇, oldest first."""
    articles = {a["url"]: a for a in truth["articles"]}
    out = []
    while url := articles[url]["next_url"]:
        out.append(articles[url])
    return out


@pytest.mark.parametrize("dialect", DIALECTS)
def test_mutations_change_pages_and_truth(dialect: str) -> None:
    site = build_site(articles=60, seed=7)
    with ReplicaServer(site, dialect=dialect) as srv:
        before = srv.ground_truth()
        assert (before["version"], before["removed"]) == (0, [])
        tails = {a["section"]: a for a in before["articles"] if a["next_url"] is None}
        for tail in tails.values():  # cached answers must not survive the mutation
            fetch(tail["url"])
        fetch(srv.base_url)

        new = site.add_articles(12, chain_only=2, seed=5)
        after = srv.ground_truth()
        assert after["version"] == 1 and len(after["articles"]) == 72
        records = [by_title(after, art.title) for art in new]
        columns = Counter(r["section"] for r in records)
        (deep, deep_count), *others = columns.most_common()
        assert deep_count == max(site.page_size * site.listing_page_cap, 8) + 2
        assert len(others) >= 2
        assert all(r["listed"] for r in records if r["section"] != deep)
        newest_before = max(a["published_at"] for a in before["articles"])
        assert all(r["published_at"] >= newest_before for r in records)
        walk = chain_after(after, tails[deep]["url"])  # the column's old tail now has a 下一篇
        assert {r["url"] for r in walk} == {r["url"] for r in records if r["section"] == deep}
        assert [r["listed"] for r in walk] == [False] * 4 + [True] * 6  # 6 = 3 per page * 2
        assert walk[0]["prev_url"] == tails[deep]["url"]
        tail_page = fetch(tails[deep]["url"])[2]
        assert walk[0]["title"] in page_text(tail_page, ENCODING[dialect])
        linked_from = linkers(srv, after, dialect)
        for i in (0, 1):  # chain-only: nothing but their chain neighbours links them
            neighbours = {walk[i]["prev_url"], walk[i]["next_url"]}
            assert linked_from[walk[i]["url"]] == neighbours
        listing = next(s["url"] for s in after["sections"] if s["name"] == deep)
        assert listing in linked_from[walk[-1]["url"]]
        assert srv.base_url in linked_from[walk[-1]["url"]]

        target = next(a for a in after["articles"] if a["prev_url"] and a["next_url"])
        edited = site.edit_article(
            target["url"], title="关工委召开修订后的会议", body="第一段。\n\n 第二段扶贫。 "
        )
        assert edited.gg and edited.fp
        after_edit = srv.ground_truth()
        record = next(a for a in after_edit["articles"] if a["url"] == target["url"])
        assert after_edit["version"] == 2
        assert (record["title"], record["body_text"]) == (
            "关工委召开修订后的会议",
            "第一段。\n第二段扶贫。",
        )
        assert (record["attachments"], record["images"]) == ([], [])
        text = page_text(fetch(target["url"])[2], ENCODING[dialect])
        assert "关工委召开修订后的会议" in text and "第二段扶贫。" in text
        assert target["title"] not in text
        assert "关工委召开修订后的会议" in page_text(
            fetch(target["prev_url"])[2], ENCODING[dialect]
        )
        notice = next(a for a in after_edit["articles"] if a["attachments"])
        site.edit_article(notice["url"], title="关于修订后的通知")
        renamed = by_title(srv.ground_truth(), "关于修订后的通知")
        assert {k: v for k, v in renamed.items() if k != "title"} == {
            k: v for k, v in notice.items() if k != "title"
        }

        gone = next(
            a for a in after_edit["articles"] if a["prev_url"] and a["next_url"] and a["listed"]
        )
        site.remove_article(gone["url"], status=410)
        assert fetch(gone["url"])[0] == 410
        site.remove_article(walk[0]["url"])
        assert fetch(walk[0]["url"])[0] == 404
        final = srv.ground_truth()
        assert final["version"] == 5 and len(final["articles"]) == 70
        assert final["removed"] == [
            {"url": gone["url"], "status": 410},
            {"url": walk[0]["url"], "status": 404},
        ]
        articles = {a["url"]: a for a in final["articles"]}
        assert gone["url"] not in articles and walk[0]["url"] not in articles
        assert articles[gone["prev_url"]]["next_url"] == gone["next_url"]  # neighbours relink
        assert articles[gone["next_url"]]["prev_url"] == gone["prev_url"]
        assert articles[tails[deep]["url"]]["next_url"] == walk[1]["url"]
        assert walk[1]["url"] in links(
            tails[deep]["url"], fetch(tails[deep]["url"])[2], ENCODING[dialect]
        )
        seen, _ = crawl(srv, final)  # the changed site is exactly its new truth
        assert seen == {p["url"] for p in final["pages"]} | set(articles)
        assert not any(a["article_url"] == gone["url"] for a in final["assets"])
        for art in (gone, walk[0]):
            with pytest.raises(KeyError):
                site.remove_article(art["url"])


def test_mutation_arguments_are_checked() -> None:
    site = build_site(articles=40, seed=3)
    with pytest.raises(ValueError):
        site.add_articles(9, chain_only=2)  # max(3 * 2, 8) + 2 needed
    with pytest.raises(ValueError):
        site.add_articles(0)
    with pytest.raises(ValueError):
        site.edit_article(1)
    with pytest.raises(ValueError):
        site.edit_article(1, body=" \n ")
    with pytest.raises(ValueError):
        site.remove_article(1, status=500)
    with pytest.raises(KeyError):
        site.edit_article("http://127.0.0.1:1/a/ggyw/20190129/1.html", title="x")
    deleted = next(a for a in site.extras if a.status == "deleted")
    with pytest.raises(KeyError):
        site.remove_article(deleted.id)
    assert site.version == 0


def test_mutations_are_deterministic() -> None:
    truths = []
    for _ in range(2):
        site = build_site(articles=40, seed=3)
        site.add_articles(10, chain_only=1)
        site.edit_article(5, title="新的标题")
        site.remove_article(6, status=410)
        site.add_articles(3)
        with ReplicaServer(site, dialect="phpcms") as srv:
            truths.append(relative(srv, srv.ground_truth()))
    assert truths[0] == truths[1]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_conditional_requests(dialect: str) -> None:
    site = build_site(articles=60, seed=7)
    with ReplicaServer(site, dialect=dialect) as srv:
        truth = srv.ground_truth()
        url = by_title(truth, SEED_TITLE)["url"]
        status, headers, body = fetch(url)
        stamp = headers["Last-Modified"]
        assert status == 200 and stamp == "Tue, 29 Jan 2019 01:57:20 GMT"
        day_later, second_before = "Wed, 30 Jan 2019 01:57:20 GMT", "Tue, 29 Jan 2019 01:57:19 GMT"
        for since, expected in ((stamp, 304), (day_later, 304), (second_before, 200), ("no", 200)):
            assert fetch(url, headers={"If-Modified-Since": since})[0] == expected, since
        assert fetch(url, "HEAD", headers={"If-Modified-Since": stamp})[0] == 304
        assert fetch(url, headers={"If-None-Match": "*"})[0] == 304
        # If-None-Match, when sent, decides alone
        both = {"If-None-Match": '"other"', "If-Modified-Since": stamp}
        assert fetch(url, headers=both)[0] == 200
        if dialect == "asp":
            assert "ETag" not in headers
        else:
            tag = headers["ETag"]
            assert re.fullmatch(r'"[0-9a-f]{32}"', tag)
            for match in (tag, f"W/{tag}", f'"other", {tag}'):
                status, got, empty = fetch(url, headers={"If-None-Match": match})
                assert (status, got["ETag"], got["Last-Modified"], empty) == (304, tag, stamp, b"")
            assert fetch(url, headers={"If-None-Match": '"other"'})[0] == 200
        split = urlsplit(srv.base_url)
        connection = http.client.HTTPConnection(split.hostname, split.port, timeout=10)
        target = url[len(srv.base_url) - 1 :]
        connection.request("GET", target, headers={"If-Modified-Since": stamp})
        answer = connection.getresponse()
        assert (answer.status, answer.read(), answer.headers["Content-Length"]) == (304, b"", None)
        connection.request("GET", target)  # the connection stays usable after a bodiless 304
        answer = connection.getresponse()
        assert answer.status == 200 and answer.read() == body
        connection.close()

        asset = next(a for a in truth["assets"] if not a["offsite"])
        article = site.live_article(asset["article_url"])
        status, headers, _ = fetch(asset["url"])
        assert headers["Last-Modified"] == http_date(article.published)
        assert (
            fetch(asset["url"], headers={"If-Modified-Since": headers["Last-Modified"]})[0] == 304
        )
        assert ("ETag" in headers) == (dialect != "asp")

        home_stamp = fetch(srv.base_url)[1]["Last-Modified"]
        assert home_stamp == http_date(max(a.published for a in site.articles))
        column = "调研与思考"
        listing = next(s["url"] for s in truth["sections"] if s["name"] == column)
        edited = site.edit_article(
            by_title(truth, newest_listed(site, column))["url"], body="修订后的正文。"
        )
        assert edited.edited is not None and edited.edited > edited.published
        fresh = http_date(edited.edited)
        for page in (by_title(truth, edited.title)["url"], listing, srv.base_url):
            status, headers, _ = fetch(page, headers={"If-Modified-Since": home_stamp})
            assert (status, headers["Last-Modified"]) == (200, fresh), page
        assert fetch(url)[1]["Last-Modified"] == stamp  # the seed itself did not change
        removed = site.remove_article(edited.id)
        status, headers, _ = fetch(listing, headers={"If-Modified-Since": fresh})
        assert (status, headers["Last-Modified"]) == (200, http_date(removed.edited))


def test_gzip_only_where_the_dialect_compresses(served: tuple[ReplicaServer, dict]) -> None:
    srv, truth = served
    url = by_title(truth, SEED_TITLE)["url"]
    _, plain_headers, plain = fetch(url)
    status, headers, body = fetch(url, headers={"Accept-Encoding": "gzip, deflate"})
    assert status == 200 and int(headers["Content-Length"]) == len(body)
    asset = next(a["url"] for a in truth["assets"] if not a["offsite"])
    _, asset_headers, _ = fetch(asset, headers={"Accept-Encoding": "gzip"})
    assert asset_headers["Content-Encoding"] is None
    if srv.dialect != "phpcms":
        assert body == plain and headers["Content-Encoding"] is None and headers["Vary"] is None
        return
    assert headers["Content-Encoding"] == "gzip" and len(body) < len(plain)
    assert gzip.decompress(body) == plain
    assert headers["Vary"] == plain_headers["Vary"] == "Accept-Encoding"
    assert headers["ETag"] != plain_headers["ETag"]  # another representation, another tag
    for refused in ("gzip;q=0", "identity", "br"):
        assert fetch(url, headers={"Accept-Encoding": refused})[2] == plain, refused
    assert gzip.decompress(fetch(url, headers={"Accept-Encoding": "*"})[2]) == plain
    conditional = {"Accept-Encoding": "gzip", "If-None-Match": headers["ETag"]}
    status, headers, empty = fetch(url, headers=conditional)
    assert (status, empty, headers["Vary"]) == (304, b"", "Accept-Encoding")
    assert fetch(url, "HEAD", headers={"Accept-Encoding": "gzip"})[1]["Content-Length"] == str(
        len(body)
    )


def test_exact_http_quirks(served: tuple[ReplicaServer, dict]) -> None:
    srv, _ = served
    split = urlsplit(srv.base_url)
    connection = http.client.HTTPConnection(split.hostname, split.port, timeout=10)
    connection.request("GET", "/")
    answer = connection.getresponse()
    answer.read()
    cookies = answer.headers.get_all("Set-Cookie")
    assert len(cookies) == 2 and len(set(cookies)) == 2
    # an expires date holds a comma: folding the two into one header would be ambiguous
    assert any("," in c for c in cookies) == (srv.dialect != "phpcms")
    connection.request("GET", "/no/such/page.html")
    answer = connection.getresponse()
    answer.read()
    phrase = "Object Not Found" if srv.dialect == "asp" else "Not Found"
    assert (answer.status, answer.reason) == (404, phrase)
    connection.close()
    home = raw_head(srv, "/")
    assert home.startswith(b"HTTP/1.1 200 OK\r\n")
    assert [line for line in home.split(b"\r\n") if line.startswith(b"Set-Cookie: ")] == [
        b"Set-Cookie: " + c.encode() for c in cookies
    ]
    assert (
        raw_head(srv, "/no/such/page.html").split(b"\r\n")[0] == f"HTTP/1.1 404 {phrase}".encode()
    )


def test_request_log_keeps_headers(site: Site) -> None:
    with ReplicaServer(site, dialect="asp") as srv:
        split = urlsplit(srv.base_url)
        connection = http.client.HTTPConnection(split.hostname, split.port, timeout=10)
        connection.putrequest("GET", "/ShowClass.asp?ClassID=3", skip_accept_encoding=True)
        for name, value in (("X-Probe", "1"), ("Accept-Encoding", "gzip"), ("X-Probe", "2")):
            connection.putheader(name, value)
        connection.endheaders()
        connection.getresponse().read()
        connection.close()
        fetch(srv.base_url, "HEAD")
        assert srv.requests == [("GET", "/ShowClass.asp?ClassID=3"), ("HEAD", "/")]
        first, second = srv.request_log
        assert (first["method"], first["path"]) == srv.requests[0]
        assert first["headers"][1:] == [
            ("X-Probe", "1"),
            ("Accept-Encoding", "gzip"),
            ("X-Probe", "2"),
        ]
        assert first["headers"][0][0] == "Host"
        assert (second["method"], second["path"]) == ("HEAD", "/")
        assert (
            "User-Agent",
            f"Python-urllib/{sys.version_info.major}.{sys.version_info.minor}",
        ) in second["headers"]


def test_large_attachment_and_asset_records(site: Site) -> None:
    with ReplicaServer(site, dialect="dede") as srv:
        truth = srv.ground_truth()
        large = [a for a in truth["assets"] if a["size"] > 1024 * 1024]
        assert [a["size"] for a in large] == [3 * 1024 * 1024]
        (big,) = large
        article = next(a for a in truth["articles"] if a["url"] == big["article_url"])
        assert article["section"] == "文件快递" and article["listed"]
        assert big["url"] == article["attachments"][0]["url"]
        status, headers, body = fetch(big["url"])
        assert (status, headers["Content-Type"], len(body)) == (
            200,
            big["content_type"],
            big["size"],
        )
        assert body.startswith(b"\xd0\xcf\x11\xe0")
        assert hashlib.sha256(body).hexdigest() == big["sha256"]
        (offsite,) = [a for a in truth["assets"] if a["offsite"]]
        status, headers, body = fetch(offsite["url"])
        assert (status, headers["Content-Type"], len(body)) == (
            200,
            offsite["content_type"],
            offsite["size"],
        )
        assert hashlib.sha256(body).hexdigest() == offsite["sha256"]
        assert srv.offsite_hits == 1
