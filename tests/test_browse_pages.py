"""The browse view's reading pages (article, snapshot, raw replay, diff, assets), served by
Datasette with the project's own plugins and templates, against a real crawled archive and a
copy of it salted with a hostile page."""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import sqlite3
import urllib.parse
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import pytest
from datasette.app import Datasette
from datasette.utils import tilde_encode
from lxml import etree, html

from ggcrawl.browse import css, diff, sanitize
from ggcrawl.browse.pages import RAW_CSP
from ggcrawl.browse.views import PAGE_CSP

REPO = Path(__file__).resolve().parents[1]
SEED_TITLE = "抓好基层组织建设 充分发挥关工作用"

HOSTILE_MARKUP = """
<p>恶意页面测试：正文照常显示。</p>
<script>alert(1)</script>
<img src=x onerror=alert(2)>
<a href="javascript:alert(3)">点我</a>
<a href="jav&#x09;ascript:alert(4)">tab</a>
<meta http-equiv="refresh" content="0;url=http://evil.example/">
<img src="http://evil.example/track.gif">
<iframe src=http://evil.example></iframe>
<form action=http://evil.example><input type=image src=http://evil.example/in.png>
<button formaction=http://evil.example>go</button></form>
<base href=http://evil.example/>
<div style="background:url(http://evil.example/x)">styled</div>
<p style="background:u\\72l(http://evil.example/esc.png)">escaped</p>
<p style="width:expression(alert(5))">ie</p>
<img/onerror=alert(6) src=y>
<!-- --!><img src=x onerror=alert(7)> -->
<svg><script>alert(8)</script><image href=http://evil.example/svg.png /></svg>
<object data=http://evil.example/o.swf></object><embed src=http://evil.example/e.swf>
<table background="http://evil.example/tb.png"><tr><td>表格</td></tr></table>
<img srcset="http://evil.example/s.png 2x" src="http://evil.example/s1.png">
<video poster=http://evil.example/p.png></video>
<a href="http://evil.example/live.html">live</a> <a href="//evil.example/proto">proto</a>
<noscript><img src=http://evil.example/ns.png></noscript>
<link rel=stylesheet href=http://evil.example/x.css>
"""


def hostile_page(asset_url: str, article_url: str) -> str:
    return (
        "<html><head><meta charset=gbk><title>恶意页面</title>"
        "<style>body{background:url(http://evil.example/bg.png)}"
        "@import url(http://evil.example/i.css);</style>"
        "<script src=http://evil.example/x.js></script></head>"
        f"<body onload=alert(9)>{HOSTILE_MARKUP}"
        f'<img src="{asset_url}" alt="archived"><a href="{article_url}">archived article</a>'
        "</body></html>"
    )


def get(db: Path, *paths: str):
    """Responses of a Datasette serving ``db`` with the project's plugins and templates."""

    async def run():
        ds = Datasette(
            [str(db)],
            plugins_dir=str(REPO / "archive" / "plugins"),
            template_dir=str(REPO / "archive" / "templates"),
        )
        await ds.invoke_startup()
        return [await ds.client.get(path) for path in paths]

    responses = asyncio.run(run())
    return responses[0] if len(paths) == 1 else responses


def query(db: Path, sql: str, *params):
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(sql, params).fetchall()


def article_path(url: str, database: str = "tsggw") -> str:
    return f"/{database}/-/article?{urlencode({'url': url})}"


def assert_inert(
    text: str, *, mentions_allowed: bool = False, frames: int = 0, replay: bool = False
) -> None:
    """Nothing in ``text`` can run or reach outside: no active elements, no event handlers,
    no attribute or style pointing off the archive. With ``mentions_allowed``, hostile URLs may
    still appear as escaped text (a placeholder naming an image that was not archived); the
    snapshot page has its one sandboxed frame. A reading page's own forms (look-up, search)
    submit to the archive; a ``replay`` (an archived page) has none."""
    lowered = text.lower()
    assert lowered.count("<iframe") == frames
    assert not replay or "<form" not in lowered
    for marker in (
        "<script",
        "<object",
        "<embed",
        "<base",
        "<svg",
        "http-equiv",
        '<link rel="stylesheet" href="http',
        "alert(2)>",
    ):
        assert marker not in lowered, marker
    if not mentions_allowed:
        for marker in ("evil.example", "javascript:", "onerror", "alert(", "refresh"):
            assert marker not in lowered, marker
    tree = html.document_fromstring(text)
    for form in tree.iter("form"):
        assert form.get("action").startswith("/tsggw/-/") and form.get("method") == "get"
    for node in tree.iter(etree.Element):
        for name, value in node.attrib.items():
            assert not name.lower().startswith("on"), (node.tag, name)
            assert "evil.example" not in value and "script:" not in value.lower(), (name, value)
            assert not value.lower().startswith(("data:", "//", "http:", "https:")) or (
                node.tag == "a" and "datasette.io" in value
            ), (name, value)
        if node.tag == "style":
            assert "evil.example" not in (node.text or "")
            assert "expression" not in (node.text or "")


@pytest.fixture(scope="module")
def archive(history_archive):
    db, _truth, edited, removed = history_archive
    return db, edited, removed


@pytest.fixture(scope="module")
def hostile(history_archive, tmp_path_factory):
    """A copy of the history archive with a hostile snapshot and article (and two versions of
    it) added. Returns (db, hostile URL, snapshot id, an archived asset, an archived article)."""
    source, _truth, _edited, _removed = history_archive
    db = tmp_path_factory.mktemp("hostile") / "tsggw.db"
    with sqlite3.connect(source) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    assets = "SELECT url, sha256 FROM assets WHERE kind = 'image' AND sha256 IS NOT NULL"
    asset = query(db, assets)[0]
    target = query(db, "SELECT url FROM articles WHERE gone_at IS NULL ORDER BY id")[0]["url"]
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(target))
    url = f"{origin}/a/ggyw/20990101/999.html"
    # absolute: the page's hostile <base> would send relative references to evil.example
    body = hostile_page(asset["url"], target).encode("gbk")
    now = "2099-01-01T00:00:00Z"
    with sqlite3.connect(db) as conn:
        snapshot_id = conn.execute(
            "INSERT INTO snapshots (url, crawl_id, fetched_at, status, headers, encoding, body, "
            "sha256, size, last_crawl_id, last_fetched_at) VALUES (?, 1, ?, 200, ?, 'gbk', ?, ?, "
            "?, 1, ?)",
            [
                url,
                now,
                json.dumps({"Content-Type": ["text/html; charset=gbk"]}),
                body,
                hashlib.sha256(body).hexdigest(),
                len(body),
                now,
            ],
        ).lastrowid
        article_id = conn.execute("SELECT MAX(id) + 1 FROM articles").fetchone()[0]
        conn.execute(
            "INSERT INTO articles (url, id, section, title, published_at, source, body_text, "
            "body_html, images, attachments, prev_url, next_url, snapshot_id, first_seen_at, "
            "last_seen_at, first_crawl_id, last_crawl_id, version) "
            "VALUES (?, ?, '<b>栏目</b>', '<script>alert(10)</script>标题', "
            "'2099-01-01<img src=x onerror=alert(11)>', '\"><svg onload=alert(12)>', ?, ?, "
            "'[\"http://evil.example/track.gif\"]', ?, 'javascript:alert(13)', "
            "'http://evil.example/next.html', ?, ?, ?, 1, 1, 2)",
            [
                url,
                article_id,
                "<script>alert(14)</script>\n第二段",
                HOSTILE_MARKUP,
                json.dumps(
                    [
                        {"url": "javascript:alert(15)", "name": "<img src=x onerror=alert(16)>"},
                        {"url": "http://evil.example/a.doc", "name": "a.doc"},
                    ]
                ),
                snapshot_id,
                now,
                now,
            ],
        )
        for version, title, text in (
            (1, "旧<script>alert(17)</script>", "旧的一段\n第二段"),
            (2, "<script>alert(10)</script>标题", "<script>alert(14)</script>\n第二段"),
        ):
            conn.execute(
                "INSERT INTO article_versions (article_url, version, crawl_id, snapshot_id, "
                "seen_at, title, body_text, body_html, images, attachments, parse_warnings) "
                "VALUES (?, ?, 1, ?, ?, ?, ?, ?, '[]', '[]', '[]')",
                [url, version, snapshot_id, now, title, text, HOSTILE_MARKUP],
            )
    return db, url, snapshot_id, asset, target


# -- the article page ----------------------------------------------------------------------


def test_article_page_shows_fields_body_neighbours_versions_and_snapshots(archive):
    db, edited, _removed = archive
    row = query(db, "SELECT * FROM articles WHERE url = ?", edited)[0]
    page = get(db, article_path(edited))
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == PAGE_CSP
    text = page.text
    for field in ("title", "published_at", "source", "section"):
        assert html_escape(row[field]) in text
    tree = html.document_fromstring(text)
    body = tree.find_class("ggcrawl-body")[0].text_content()
    assert "第一段修订。" in body and "扶贫助学第二段。" in body
    # previous and next lead to the article pages of archived articles
    for neighbour in (row["prev_url"], row["next_url"]):
        if neighbour and query(db, "SELECT 1 FROM articles WHERE url = ?", neighbour):
            assert f'href="{html_attr(article_path(neighbour))}"' in text
    # versions, with a diff link between consecutive ones
    versions = tree.find_class("ggcrawl-versions")[0]
    assert [tr[0].text for tr in versions.iter("tr")][1:] == ["1", "2"]
    assert "/tsggw/-/diff?" in text and "from=1&amp;to=2" in text
    # snapshots of its URL, each linked
    for snapshot in query(db, "SELECT id FROM snapshots WHERE url = ?", edited):
        assert f'href="/tsggw/-/snapshot/{snapshot["id"]}"' in text
    assert_inert(text)


def html_attr(value: str) -> str:
    return value.replace("&", "&amp;")


def with_archived_images(db: Path):
    """An article with images, every one of them archived."""
    return query(
        db,
        "SELECT a.url, a.snapshot_id FROM articles a WHERE a.images != '[]' AND NOT EXISTS "
        "(SELECT 1 FROM json_each(a.images) j LEFT JOIN assets s ON s.url = j.value "
        "WHERE s.sha256 IS NULL) ORDER BY a.id",
    )[0]


def test_article_images_are_served_from_the_archive(archive):
    db, _edited, _removed = archive
    url = with_archived_images(db)["url"]
    text = get(db, article_path(url)).text
    sources = html.document_fromstring(text).xpath("//div[@class='ggcrawl-body']//img/@src")
    images = json.loads(query(db, "SELECT images FROM articles WHERE url = ?", url)[0]["images"])
    assert len(sources) == len(images) and all(s.startswith("/tsggw/-/asset/") for s in sources)
    for image, source in zip(images, sources, strict=True):
        asset = query(db, "SELECT sha256, content_type FROM assets WHERE url = ?", image)[0]
        blob = query(db, "SELECT body FROM asset_blobs WHERE sha256 = ?", asset["sha256"])[0]
        assert source == f"/tsggw/-/asset/{asset['sha256']}"
        served = get(db, source)
        assert served.status_code == 200 and served.content == blob["body"]
        assert served.headers["content-type"] == asset["content_type"]
        assert served.headers["x-content-type-options"] == "nosniff"
        assert "content-disposition" not in served.headers


def test_images_not_archived_are_placeholders_never_hot_linked(archive):
    db, _edited, _removed = archive
    url, image = query(
        db,
        "SELECT a.url, j.value FROM articles a, json_each(a.images) j "
        "JOIN assets s ON s.url = j.value WHERE s.offsite = 1",
    )[0]
    text = get(db, article_path(url)).text
    tree = html.document_fromstring(text)
    assert image not in tree.xpath("//img/@src")
    placeholder = tree.find_class("ggcrawl-missing-image")[0]
    assert placeholder.text_content() == f"[image not archived: {image}]"


def test_attachments_download_from_the_archive(archive):
    db, _edited, _removed = archive
    url, attachments = query(
        db, "SELECT url, attachments FROM articles WHERE attachments != '[]' ORDER BY id"
    )[0]
    text = get(db, article_path(url)).text
    links = html.document_fromstring(text).find_class("ggcrawl-attachments")[0].iter("a")
    by_name = {a.text: a.get("href") for a in links}
    for attachment in json.loads(attachments):
        asset = query(db, "SELECT sha256 FROM assets WHERE url = ?", attachment["url"])[0]
        href = by_name[attachment["name"]]
        assert href == f"/tsggw/-/asset/{asset['sha256']}"
        served = get(db, href)
        blob = query(db, "SELECT body FROM asset_blobs WHERE sha256 = ?", asset["sha256"])[0]
        assert served.content == blob["body"]
        # Saved under the name the article gives it (Chinese, RFC 5987), with its file's
        # extension; clients that know only `filename` get the address's file name.
        disposition = served.headers["content-disposition"]
        fallback = attachment["url"].rpartition("/")[2]
        assert disposition.startswith(f"attachment; filename=\"{fallback}\"; filename*=UTF-8''")
        assert fallback.isascii()
        saved = urllib.parse.unquote(disposition.partition("filename*=UTF-8''")[2])
        extension = attachment["url"].rpartition(".")[2]
        assert saved.startswith(attachment["name"].rpartition(".")[0] or attachment["name"])
        assert saved.endswith("." + extension) and re.search(r"[\u4e00-\u9fff]", saved)
        assert "sandbox" in served.headers["content-security-policy"]


def test_gone_article_keeps_its_page(archive):
    db, _edited, removed = archive
    page = get(db, article_path(removed))
    assert page.status_code == 200
    assert "HTTP 410" in page.text


# -- snapshots ---------------------------------------------------------------------------


def seed_snapshot(db: Path):
    return query(
        db,
        "SELECT s.* FROM snapshots s JOIN articles a ON a.snapshot_id = s.id WHERE a.title = ?",
        SEED_TITLE,
    )[0]


# The replayed page's own links, not the banner's the archive puts above it.
PAGE_LINKS = "//a[not(ancestor::*[@id='ggcrawl-banner'])]"


def test_snapshot_page_shows_the_record_and_a_sandboxed_frame(archive):
    db, _edited, _removed = archive
    snapshot = seed_snapshot(db)
    page = get(db, f"/tsggw/-/snapshot/{snapshot['id']}")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == PAGE_CSP
    text = page.text
    for field in ("url", "encoding", "sha256", "warc_filename"):
        assert str(snapshot[field]) in text
    assert html_escape(snapshot["warc_record_id"]) in text
    frames = html.document_fromstring(text).xpath("//iframe")
    assert len(frames) == 1
    assert frames[0].get("sandbox") == ""
    assert frames[0].get("src") == f"/tsggw/-/snapshot/{snapshot['id']}/raw"
    assert "allow-" not in text
    assert_inert(text, frames=1)


def html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_raw_snapshot_is_decoded_re_encoded_and_locked_down(archive):
    db, _edited, _removed = archive
    snapshot = seed_snapshot(db)
    assert snapshot["encoding"] in ("gb18030", "gbk", "gb2312")
    raw = get(db, f"/tsggw/-/snapshot/{snapshot['id']}/raw")
    assert raw.status_code == 200
    assert raw.headers["content-type"] == "text/html; charset=utf-8"
    assert raw.headers["content-security-policy"] == RAW_CSP
    assert raw.headers["x-content-type-options"] == "nosniff"
    text = raw.content.decode("utf-8")
    assert SEED_TITLE in text and "清水县关工委" in text
    assert_inert(text, replay=True)
    # the page's own links lead to the archive's snapshots, which redirect to their replays
    links = html.document_fromstring(text).xpath(f"{PAGE_LINKS}/@href")
    assert links and all(link.startswith("/tsggw/-/snapshot-of?") for link in links)
    followed = get(db, links[0])
    assert followed.status_code == 302
    assert re.fullmatch(r"/tsggw/-/snapshot/\d+/raw", followed.headers["location"])


def test_raw_snapshot_images_point_at_archived_assets(archive):
    db, _edited, _removed = archive
    snapshot_id = with_archived_images(db)["snapshot_id"]
    tree = html.document_fromstring(get(db, f"/tsggw/-/snapshot/{snapshot_id}/raw").text)
    sources = tree.xpath("//img/@src")
    assert sources and all(s.startswith("/tsggw/-/asset/") for s in sources)
    assert tree.xpath("//img[not(@src)]")  # the site's logo, never archived, is not fetched


def test_snapshot_of_picks_the_capture_of_the_time(archive):
    db, edited, _removed = archive
    first, last = query(
        db, "SELECT id, fetched_at FROM snapshots WHERE url = ? ORDER BY fetched_at", edited
    )
    at_first = urlencode({"url": edited, "at": first["fetched_at"], "raw": 1})
    latest, earlier = get(
        db, f"/tsggw/-/snapshot-of?{urlencode({'url': edited})}", f"/tsggw/-/snapshot-of?{at_first}"
    )
    assert latest.headers["location"] == f"/tsggw/-/snapshot/{last['id']}"
    assert earlier.headers["location"] == f"/tsggw/-/snapshot/{first['id']}/raw"


def test_snapshot_of_an_old_address_follows_its_redirect(archive):
    db, _edited, _removed = archive
    old, target = query(
        db,
        "SELECT r.from_url, s.id FROM redirects r JOIN snapshots s ON s.url = r.to_url "
        "WHERE s.status = 200 ORDER BY s.fetched_at DESC",
    )[0]
    response = get(db, f"/tsggw/-/snapshot-of?{urlencode({'url': old})}")
    assert response.headers["location"] == f"/tsggw/-/snapshot/{target}"


def test_datasette_row_pages_link_to_the_reading_pages(archive):
    db, edited, _removed = archive
    snapshot_id = query(db, "SELECT MIN(id) AS id FROM snapshots")[0]["id"]
    article_row, snapshot_row = get(
        db, f"/tsggw/articles/{tilde_encode(edited)}", f"/tsggw/snapshots/{snapshot_id}"
    )
    assert article_path(edited).split("?")[0] in article_row.text
    assert quote(edited, safe="/") in article_row.text
    assert f'href="/tsggw/-/snapshot/{snapshot_id}"' in snapshot_row.text


# -- the diff ----------------------------------------------------------------------------


def test_diff_marks_old_and_new_text(archive):
    db, edited, _removed = archive
    old, new = query(
        db,
        "SELECT title, body_text FROM article_history WHERE article_url = ? ORDER BY version",
        edited,
    )
    page = get(db, f"/tsggw/-/diff?{urlencode({'url': edited, 'from': 1, 'to': 2})}")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == PAGE_CSP
    tree = html.document_fromstring(page.text)
    deleted = "".join(node.text_content() for node in tree.iter("del"))
    inserted = "".join(node.text_content() for node in tree.iter("ins"))
    assert new["title"] in inserted
    assert "第一段修订。" in inserted and "扶贫助学第二段。" in inserted
    assert old["title"] in deleted
    assert old["body_text"].splitlines()[0] in deleted
    # labels in Chinese with English beside them, the versions' times as people read them
    for label in (
        "改动 / Changes",
        "字段 / Field",
        "标题 / Title",
        "正文 / Body",
        "第 1 版 / Version 1",
    ):
        assert label in page.text, label
    assert "北京时间" in tree.find_class("ggcrawl-meta")[0].text_content()
    # the article page links here; without from/to the diff is of the last two versions
    assert get(db, f"/tsggw/-/diff?{urlencode({'url': edited})}").text == page.text


def test_inline_diff_works_character_by_character_on_chinese():
    before, after = diff.inline_diff("关心下一代工作委员会", "关心下一代工作领导小组")
    assert ("", "关心下一代工作") in before and ("del", "委员会") in before
    assert ("ins", "领导小组") in after


# -- 404 and 400 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/tsggw/-/article?url=http%3A%2F%2F127.0.0.1%2Fnone.html", 404),
        ("/tsggw/-/article", 400),
        ("/tsggw/-/snapshot/99999999", 404),
        ("/tsggw/-/snapshot/99999999/raw", 404),
        ("/tsggw/-/asset/" + "0" * 64, 404),
        ("/tsggw/-/snapshot-of?url=http%3A%2F%2F127.0.0.1%2Fnone.html", 404),
        ("/nosuchdb/-/article?url=x", 404),
    ],
)
def test_unknown_things_are_404(archive, path, status):
    db, _edited, _removed = archive
    assert get(db, path).status_code == status


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/tsggw/-/article?url=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 404),
        ("/tsggw/-/article?url=%3Cimg+src%3Dx+onerror%3Dalert(2)%3E", 404),
        ("/tsggw/-/article?url='+OR+'1'%3D'1", 404),
        ("/tsggw/-/article?url=x%22%3B+DROP+TABLE+articles%3B--", 404),
        ("/tsggw/-/snapshot/1%20OR%201=1", 400),
        ("/tsggw/-/snapshot/%3Cscript%3Ealert(3)%3C%2Fscript%3E", 400),
        ("/tsggw/-/snapshot/%2e%2e%2f%2e%2e%2fetc%2fpasswd/raw", 400),
        ("/tsggw/-/snapshot/-1", 400),
        ("/tsggw/-/asset/..%2F..%2Fetc%2Fpasswd", 400),
        ("/tsggw/-/asset/%3Cscript%3E", 400),
        ("/tsggw/-/diff?url=x&from=1;DROP%20TABLE%20articles&to=2", 400),
        ("/tsggw/-/diff?url=%3Cscript%3Ealert(4)%3C%2Fscript%3E&from=1&to=2", 404),
        ("/tsggw/-/snapshot-of?url=javascript:alert(5)", 404),
        ("/tsggw/-/snapshot-of?url=http%3A%2F%2Fevil.example%2F", 404),
        ("/tsggw/-/snapshot-of?url=x&at=" + "9" * 100, 400),
        ("/~3Cscript~3E/-/article?url=x", 404),
    ],
)
def test_hostile_requests_get_clean_errors(archive, path, status):
    db, _edited, _removed = archive
    response = get(db, path)
    assert response.status_code == status
    assert "location" not in response.headers
    text = response.text
    for raw in ("<script>alert", "<img src=x onerror", "<svg"):
        assert raw not in text
    assert query(db, "SELECT COUNT(*) AS n FROM articles")[0]["n"] > 0


# -- a hostile page ------------------------------------------------------------------------


def test_hostile_snapshot_is_replayed_inert(hostile):
    db, _url, snapshot_id, asset, _target = hostile
    page, raw = get(db, f"/tsggw/-/snapshot/{snapshot_id}", f"/tsggw/-/snapshot/{snapshot_id}/raw")
    assert page.headers["content-security-policy"] == PAGE_CSP
    assert raw.headers["content-security-policy"] == RAW_CSP
    # the page names the hostile article, its title escaped; nothing else of it is there
    assert_inert(page.text, mentions_allowed=True, frames=1)
    assert "evil.example" not in page.text and "&lt;script&gt;alert(10)" in page.text
    assert_inert(raw.text, replay=True)
    tree = html.document_fromstring(raw.text)
    assert "恶意页面测试：正文照常显示。" in raw.text  # GBK decoded
    assert tree.xpath("//img[@alt='archived']/@src") == [f"/tsggw/-/asset/{asset['sha256']}"]
    archived_link = tree.xpath("//a[text()='archived article']/@href")[0]
    assert archived_link.startswith("/tsggw/-/snapshot-of?")
    assert get(db, archived_link).status_code == 302
    # links to anywhere else are inert: no href at all
    for label in ("点我", "tab", "live", "proto"):
        assert tree.xpath(f"//a[text()='{label}']/@href") == []
    # the page's <style> stays, its url() of another site gone and its @import with it
    assert "body{background:none;}" in raw.text.replace(" ", "")
    assert "@import" not in raw.text


def test_hostile_article_is_rendered_inert(hostile):
    db, url, _snapshot_id, _asset, _target = hostile
    page = get(db, article_path(url))
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == PAGE_CSP
    text = page.text
    assert_inert(text, mentions_allowed=True)
    tree = html.document_fromstring(text)
    # hostile URLs survive only as text: placeholders and addresses that are not links
    for node in tree.find_class("ggcrawl-missing-image") + tree.find_class("ggcrawl-url"):
        node.drop_tree()
    for attachment in tree.find_class("ggcrawl-attachments"):
        attachment.drop_tree()
    rest = html.tostring(tree, encoding="unicode")
    assert "evil.example" not in rest
    assert "&lt;script&gt;alert(10)&lt;/script&gt;标题" in text
    body = tree.find_class("ggcrawl-body")[0]
    assert "恶意页面测试：正文照常显示。" in body.text_content()
    assert [a.get("href") for a in body.iter("a")] == [None] * 4


def test_hostile_versions_diff_is_escaped(hostile):
    db, url, _snapshot_id, _asset, _target = hostile
    page = get(db, f"/tsggw/-/diff?{urlencode({'url': url, 'from': 1, 'to': 2})}")
    assert page.status_code == 200
    assert_inert(page.text, mentions_allowed=True)
    assert "&lt;script&gt;alert(14)&lt;/script&gt;" in page.text


def test_css_cannot_hide_a_fetch_behind_escapes_or_comments():
    images = {"http://site/a.png": "/db/-/asset/abc"}

    def clean(text: str) -> str:
        return css.clean_declarations(
            text, lambda url, _kind: images.get(sanitize.absolute(url, "http://site/") or "")
        )

    assert clean("background:url(/a.png)") == 'background:url("/db/-/asset/abc")'
    assert clean("background:u\\72l(http://evil.example/x)") == "background:none"
    # a comment splits a token: ur/**/l( is no URL to a browser, and no function kept here
    assert clean("background:ur/**/l(http://evil.example/x)") == ""
    assert clean("font-family:\\5b8b\\4f53") == "font-family:宋体"
    assert clean("x:expression(alert(1))") == ""
    assert clean("color:red;x:e\\xpression(alert(1))") == "color:red"
    assert clean("font-family:a\x00b") == "font-family:a\ufffdb"
    assert "<" not in clean("}</style><script>alert(1)</script>")
    assert clean("b:image-set('http://evil.example/x.png' 1x);behavior:url(/a.png)") == ""
    assert clean("background:url('/a.png') no-repeat, url(http://evil.example/b.png)") == (
        'background:url("/db/-/asset/abc") no-repeat, none'
    )
