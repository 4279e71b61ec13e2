"""Replay as archivists know it from the Wayback Machine: the capture banner on every replayed
page and snapshot page, the look-up by original URL, archived stylesheets in replays; and the
cleaning under them (nh3, with tinycss2 for the CSS nh3 leaves as written)."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import nh3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree, html

from ggcrawl.browse import lookup, sanitize
from ggcrawl.browse.pages import RAW_CSP
from ggcrawl.browse.times import readable
from ggcrawl.items import AssetData
from ggcrawl.store.archive import Archive
from ggcrawl.store.assets import store_asset
from tests.conftest import FAST, examples, run_cli
from tests.static_site import HTML, ROBOTS, StaticSite
from tests.static_site import html as page_html
from tests.test_browse_pages import archive, article_path, assert_inert, get, query  # noqa: F401

# -- the capture banner --------------------------------------------------------------------


def banner_of(text: str):
    tree = html.document_fromstring(text)
    (banner,) = tree.xpath("//*[@id='ggcrawl-banner']")
    return tree, banner


def hrefs(banner, kind: str) -> list[str]:
    return banner.xpath(f".//a[@class='ggcrawl-banner-{kind}']/@href")


def test_the_replay_of_each_capture_carries_its_banner(archive):  # noqa: F811
    db, edited, _removed = archive
    first, second = query(
        db, "SELECT * FROM snapshots WHERE url = ? ORDER BY fetched_at, id", edited
    )
    early, late = get(
        db, f"/tsggw/-/snapshot/{first['id']}/raw", f"/tsggw/-/snapshot/{second['id']}/raw"
    )
    assert early.headers["content-security-policy"] == RAW_CSP
    tree, banner = banner_of(early.text)
    # the banner opens the page, before anything of the site's
    assert tree.find("body")[0] is banner and banner.get("lang") == "zh-CN"
    said = " ".join(banner.text_content().split())
    assert f"抓取于 / Captured {readable(first['fetched_at'])}" in said
    assert readable(first["fetched_at"]).endswith("北京时间")
    assert "不是原网站 / An archived copy, not the live site" in said
    # the original address is text, never a link to the live site
    assert banner.xpath(".//*[@class='ggcrawl-banner-url']")[0].text == edited
    assert all(href.startswith("/tsggw/-/") for href in banner.xpath(".//a/@href"))
    assert "第 1 次，共 2 次存档 / Capture 1 of 2" in said
    assert "没有更早的存档 / No earlier capture" in said
    # in a replay the neighbours are replays, so the frame stays among the pages as served
    assert hrefs(banner, "next") == [f"/tsggw/-/snapshot/{second['id']}/raw"]
    assert readable(second["fetched_at"]) in banner.xpath(".//a[@rel='next']")[0].text_content()
    assert hrefs(banner, "previous") == []
    assert hrefs(banner, "reader") == [article_path(edited)]
    assert hrefs(banner, "captures") == [f"/tsggw/-/captures?{urlencode({'url': edited})}"]
    assert hrefs(banner, "record") == [f"/tsggw/-/snapshot/{first['id']}"]
    assert hrefs(banner, "lookup") == ["/tsggw/-/captures"]
    assert banner.xpath(".//form") == []  # the replay is sandboxed without forms
    assert_inert(early.text, replay=True)

    _tree, banner = banner_of(late.text)
    assert hrefs(banner, "previous") == [f"/tsggw/-/snapshot/{first['id']}/raw"]
    assert hrefs(banner, "next") == []
    assert "第 2 次，共 2 次存档 / Capture 2 of 2" in banner.text_content()
    # the page itself is the second capture: the edited title
    assert "关工委工作修订稿" in late.text


def test_the_snapshot_page_carries_the_banner_with_a_look_up_form(archive):  # noqa: F811
    db, edited, _removed = archive
    first, second = query(db, "SELECT id FROM snapshots WHERE url = ? ORDER BY fetched_at", edited)
    page = get(db, f"/tsggw/-/snapshot/{second['id']}")
    _tree, banner = banner_of(page.text)
    assert hrefs(banner, "previous") == [f"/tsggw/-/snapshot/{first['id']}"]
    (form,) = banner.xpath(".//form")
    assert form.get("action") == "/tsggw/-/captures" and form.xpath(".//input/@name") == ["url"]
    # the page around it in Chinese first, its times readable
    for label in ("快照 / Snapshot", "抓取时间 / Fetched", "响应头 / Response headers"):
        assert label in page.text
    assert "北京时间" in page.text


def test_a_page_that_is_no_article_has_no_reader_link(archive):  # noqa: F811
    db, _edited, _removed = archive
    home = query(
        db, "SELECT id FROM snapshots WHERE url NOT IN (SELECT url FROM articles) ORDER BY id"
    )[0]
    _tree, banner = banner_of(get(db, f"/tsggw/-/snapshot/{home['id']}/raw").text)
    assert hrefs(banner, "reader") == [] and hrefs(banner, "captures")


# -- the look-up by original URL -------------------------------------------------------------


def test_captures_of_an_address_in_every_form_it_is_pasted(archive):  # noqa: F811
    db, edited, _removed = archive
    captures = query(db, "SELECT * FROM snapshots WHERE url = ? ORDER BY fetched_at", edited)
    bare = edited.removeprefix("http://")
    for asked in (edited, bare, f"{edited}?utm_source=weixin#top", f"  {bare}  "):
        page = get(db, f"/tsggw/-/captures?{urlencode({'url': asked})}")
        assert page.status_code == 200, asked
        tree = html.document_fromstring(page.text)
        rows = tree.xpath("//table[contains(@class, 'ggcrawl-captures')]/tbody/tr")
        assert len(rows) == len(captures) == 2
        for row, capture in zip(rows, captures, strict=True):
            assert row.xpath(".//a/@href")[0] == f"/tsggw/-/snapshot/{capture['id']}"
            assert f"/tsggw/-/snapshot/{capture['id']}/raw" in row.xpath(".//a/@href")
            assert readable(capture["fetched_at"]) in row.text_content()
            assert str(capture["status"]) in row.text_content()
        assert f'href="{article_path(edited).replace("&", "&amp;")}"' in page.text
    # a column's directory without its trailing slash
    column = query(db, "SELECT url FROM snapshots WHERE url LIKE '%/a/ggyw/'")[0]["url"]
    page = get(db, f"/tsggw/-/captures?{urlencode({'url': column.rstrip('/')})}")
    assert page.status_code == 200 and column in page.text


def test_an_unknown_address_is_a_404_that_says_so_and_offers_a_search(archive):  # noqa: F811
    db, edited, _removed = archive
    unknown = edited.replace(".html", "-none.html")
    for path in (
        f"/tsggw/-/captures?{urlencode({'url': unknown})}",
        f"/tsggw/-/snapshot-of?{urlencode({'url': unknown})}",
    ):
        page = get(db, path)
        assert page.status_code == 404
        assert "存档中没有这个网址 / The archive holds no capture of this address" in page.text
        tree = html.document_fromstring(page.text)
        search = "//form[@class='ggcrawl-search' and @action='/tsggw/-/search']"
        assert tree.xpath(f"{search}//input/@name") == ["q"]
        assert tree.xpath("//form[@action='/tsggw/-/captures']//input/@value") == [unknown]


def test_the_look_up_form_on_the_front_page_and_alone(archive):  # noqa: F811
    db, _edited, _removed = archive
    front, alone = get(db, "/", "/tsggw/-/captures")
    for page in (front, alone):
        assert page.status_code == 200
        form = html.document_fromstring(page.text).xpath("//form[@action='/tsggw/-/captures']")
        assert form and form[0].xpath(".//input/@name") == ["url"]


def test_look_up_candidates_cover_www_https_slashes_and_a_moved_site():
    stored, moved = "http://www.tsggw.cn/", "https://tsggw.org.cn/"
    sites = [stored, moved]
    page = "http://www.tsggw.cn/a/ggyw/20190129/12.html"
    for asked in (
        "www.tsggw.cn/a/ggyw/20190129/12.html",
        "tsggw.cn/a/ggyw/20190129/12.html",
        "https://www.tsggw.cn/a/ggyw/20190129/12.html",
        "HTTPS://TSGGW.CN/a/ggyw/20190129/12.html#content",
        "https://tsggw.org.cn/a/ggyw/20190129/12.html",
        "http://www.tsggw.cn/a/ggyw/20190129/12.html?spm=1.2&utm_source=x",
    ):
        assert page in lookup.candidates(asked, sites, stored), asked
    assert "http://www.tsggw.cn/a/ggyw/" in lookup.candidates("tsggw.cn/a/ggyw", sites, stored)
    assert "http://www.tsggw.cn/a/ggyw" in lookup.candidates("tsggw.cn/a/ggyw/", sites, stored)
    # another site is looked for as it is, never rehomed onto the archived one
    assert lookup.candidates("example.com/a/ggyw/1.html", sites, stored) == [
        "http://example.com/a/ggyw/1.html"
    ]
    assert lookup.candidates("javascript:alert(1)", sites, stored) == []


# -- nh3 and what it leaves to ggcrawl.browse.css --------------------------------------------


def test_nh3_alone_keeps_a_style_attribute_fetching_and_running():
    """Why the CSS cleaning is ggcrawl's own: nh3's only CSS filter keeps a property's value as
    written, url() of another site and expression() included."""
    hostile = (
        '<p style="background:url(http://evil.example/x.png);width:expression(alert(1))">t</p>'
    )
    by_nh3 = nh3.clean(
        hostile, attributes={"p": {"style"}}, filter_style_properties={"background", "width"}
    )
    assert "evil.example" in by_nh3 and "expression(" in by_nh3
    ours = sanitize.clean_page(hostile, sanitize.Targets("http://site/"))
    assert 'style="background:none"' in ours
    assert "evil.example" not in ours and "expression" not in ours


def test_replay_keeps_harmless_styles_and_the_archived_images_they_name():
    targets = sanitize.Targets(
        "http://site/a/1.html",
        images={"http://site/img/bg.png": "/db/-/asset/bg"},
        links={"http://site/a/2.html": "/db/-/snapshot-of?url=2"},
    )
    page = sanitize.clean_page(
        "<body bgcolor=#eee background='../img/bg.png'>"
        "<div style='float:left;width:960px;color:#333 !important;"
        "background:#fff url(/img/bg.png) repeat-x;behavior:url(x.htc)'>布局</div>"
        "<p id=ggcrawl-banner class='ggcrawl-missing-image'>冒充</p>"
        "<a href='2.html' style='cursor:url(http://evil.example/c.cur),auto'>下一篇</a>"
        "<img src='data:image/png;base64,AAAA' srcset='http://evil.example/s.png 2x'>"
        "<a href='java&#x09;script:alert(1)'>x</a></body>",
        targets,
    )
    body = html.document_fromstring(page).find("body")
    assert body.get("background") == "/db/-/asset/bg" and body.get("bgcolor") == "#eee"
    assert body[0].get("style") == (
        'float:left;width:960px;color:#333 !important;background:#fff url("/db/-/asset/bg") '
        "repeat-x"
    )
    # the archive's own names are the archive's: a page cannot take them to pass for it
    assert body[1].get("id") is None and body[1].get("class") is None
    assert body[2].get("href") == "/db/-/snapshot-of?url=2"
    assert body[2].get("style") == "cursor:none,auto"
    assert body[3].attrib == {} and body[4].attrib == {}


def test_a_missing_image_in_an_article_body_is_named_never_loaded():
    body = sanitize.clean_fragment(
        "<p>图<img src='/up/1.jpg' alt='图一'><img src='/up/2.jpg' onerror=alert(1)>尾</p>",
        sanitize.Targets("http://site/a/1.html", images={"http://site/up/1.jpg": "/db/-/asset/1"}),
    )
    assert body == (
        '<p>图<img src="/db/-/asset/1" alt="图一"><span class="ggcrawl-missing-image">'
        "[image not archived: http://site/up/2.jpg]</span>尾</p>"
    )


def test_an_xhtml_page_with_an_xml_declaration_replays():
    page = sanitize.clean_page(
        '<?xml version="1.0" encoding="gbk"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>关工网</title></head><body><p>正文</p></body></html>",
        sanitize.Targets("http://site/"),
    )
    assert "<title>关工网</title>" in page and "<p>正文</p></body>" in page and "?>" not in page


ARCHIVED = sanitize.Targets(
    "http://site/a/1.html",
    images={"http://site/a.png": "/db/-/asset/a"},
    links={"http://site/b.html": "/db/-/snapshot-of?url=b"},
    stylesheets={"http://site/s.css": "/db/-/stylesheet?url=s"},
)
HOSTILE_VALUES = [
    "http://evil.example/x",
    "//evil.example/p",
    "javascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/a.png",
    "../b.html",
    "/s.css",
    "background:url(http://evil.example/s)",
    "background:url(/a.png)",
    "x:expression(alert(1))",
    "background:u\\72l(http://evil.example/e)",
    "color:red;}</style><script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "0;url=http://evil.example/",
    "stylesheet",
]
TAGS = (
    "a img div p table td span style script iframe svg math noscript form input object base "
    "meta link body template textarea title xmp frameset video font center".split()
)
ATTRIBUTES = (
    "href src background style onerror onclick srcset formaction action data poster "
    "xlink:href rel http-equiv content".split()
)
FORBIDDEN_TAGS = frozenset(
    "script iframe svg math noscript form input object base frameset video template textarea "
    "embed frame".split()
)


def element(children) -> st.SearchStrategy[str]:
    attributes = st.lists(
        st.tuples(st.sampled_from(ATTRIBUTES), st.sampled_from(HOSTILE_VALUES)), max_size=3
    )
    return st.builds(
        lambda tag, attrs, inner, close: (
            f"<{tag}"
            + "".join(f" {name}='{value}'" for name, value in attrs)
            + f">{inner}"
            + (f"</{tag}>" if close else "")
        ),
        st.sampled_from(TAGS),
        attributes,
        children,
        st.booleans(),
    )


MARKUP = st.recursive(
    st.sampled_from(["", "正文", "关工委", "a{color:red}", "@import url(/s.css);"]),
    lambda children: st.lists(element(children), max_size=4).map("".join),
    max_leaves=12,
)


def assert_only_archive_references(cleaned: str, *, page: bool) -> None:
    allowed = {*ARCHIVED.images.values(), *ARCHIVED.links.values(), *ARCHIVED.stylesheets.values()}
    tree = (
        html.document_fromstring(cleaned)
        if page
        else html.fragment_fromstring(cleaned, create_parent="div")
    )
    for node in tree.iter(etree.Element):
        assert node.tag not in FORBIDDEN_TAGS, node.tag
        if node.tag == "meta":
            assert dict(node.attrib) == {"charset": "utf-8"}
        if node.tag == "link":
            assert node.get("rel") == "stylesheet" and node.get("href") in allowed
        for name, value in node.attrib.items():
            if (node.tag, name, value) == ("span", "class", "ggcrawl-missing-image"):
                continue  # a placeholder naming an image not archived, as text
            assert name in ("href", "src", "background", "style", "rel", "charset"), name
            if name in ("href", "src", "background"):
                assert value in allowed or value == "", (name, value)
        # CSS: only url()s of the archive; the page's words may stay, as text in strings
        for css_text in (node.get("style") or "", node.text if node.tag == "style" else ""):
            lowered = (css_text or "").lower()
            assert "expression" not in lowered and "<" not in lowered
            assert lowered.count("url(") == len(re.findall(r'url\("/db/-/[^"]*"\)', lowered))
            for reference in re.findall(r'url\("([^"]*)"\)', css_text or ""):
                assert reference in allowed


@settings(max_examples=examples(300), deadline=None)
@given(MARKUP)
def test_whatever_a_page_holds_only_archive_references_come_out(markup: str):
    assert_only_archive_references(
        sanitize.clean_page(f"<html><head>{markup}</head><body>{markup}</body></html>", ARCHIVED),
        page=True,
    )
    assert_only_archive_references(sanitize.clean_fragment(markup, ARCHIVED), page=False)


# -- stylesheets -----------------------------------------------------------------------------

STYLE = (
    '@import url("more.css"); @import url(http://evil.example/i.css);\n'
    "body { background: #fff url(../images/bg.png) repeat-x; font-family: 宋体; }\n"
    ".lead { color: #c00; }"
)
MORE = ".more { color: #00c; }"
EVIL = (
    "@import url(http://evil.example/x.css);\n"
    "p { width: expression(alert(1)); color: #123; }\n"
    "a { background: url(javascript:alert(2)); }\n"
    "div { background: url(http://evil.example/y.png) no-repeat; }\n"
    "li { behavior: url(/x.htc); -moz-binding: url(http://evil.example/b.xml#x); }\n"
    "h1 { background-image: image-set('http://evil.example/s.png' 1x); }\n"
    "@font-face { font-family: x; src: url(http://evil.example/f.woff); }\n"
    "h2 { background: u\\72l(http://evil.example/esc.png); }\n"
    "</style><script>alert(3)</script>"
)
GIF = (  # 1 × 1 pixel
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
NAMES = ("关工要闻", "文件快递", "银发风采", "领导关怀", "调研与思考")


def styled_site() -> dict:
    """A small site whose pages link a stylesheet, a hostile one, one on another site and one
    never archived, and show a template image (a logo no article uses)."""
    nav = "".join(f"<a href='/c{i}/'>{name}</a> " for i, name in enumerate(NAMES))
    head = "".join(
        f"<link rel='stylesheet' href='{href}'>"
        for href in ("/css/style.css", "/css/evil.css", "http://evil.example/x.css", "/nope.css")
    )
    pages = {
        "/robots.txt": ROBOTS,
        "/": (
            200,
            HTML,
            page_html(
                f"{head}<div>{nav}<a href='/'>首页</a></div><img src='/images/logo.gif' alt='logo'>"
                "<p class='lead'>主办：<span class='more'>天水市关心下一代工作委员会</span></p>",
                "关工网",
            ),
        ),
    }
    for n in range(len(NAMES)):
        items = "".join(
            f"<li><a href='/a/{n}-{k}.html'>文章标题{n}-{k}</a> 2019-01-0{k + 1}</li>"
            for k in range(3)
        )
        pages[f"/c{n}/"] = (
            200,
            HTML,
            page_html(
                f"<div>{nav}</div><div>当前位置：<a href='/'>首页</a> &gt; 栏目{n}</div>"
                f"<ul>{items}</ul><p>版权所有</p>"
            ),
        )
        for k in range(3):
            pages[f"/a/{n}-{k}.html"] = (
                200,
                HTML,
                page_html(
                    f"{head}<div>{nav}</div><div>当前位置：<a href='/'>首页</a> &gt; {NAMES[n]} "
                    f"&gt; 正文</div><h1>文章标题{n}-{k}</h1>"
                    f"<div>发布时间：2019-01-0{k + 1} 09:57 来源：市关工办</div>"
                    "<div><p>正文第一段。关工委的工作。</p></div>"
                    "<ul><li>上一篇：没有了</li><li>下一篇：没有了</li></ul>"
                ),
            )
    return pages


@pytest.fixture(scope="module")
def styled(tmp_path_factory):
    """An archive of the styled site, its stylesheets and images stored as assets through the
    store's own code (as a crawl that archives page requisites stores them). Returns (db, the
    home page's URL, its snapshot id, the assets' sha256 by path)."""
    db = tmp_path_factory.mktemp("styled") / "tsggw.db"
    with StaticSite(styled_site()) as site:
        result = run_cli("crawl", "--start-url", site.base_url, "--db", str(db), *FAST)
        base = site.base_url
    assert result.returncode == 0, result.stderr
    assets = {
        "/css/style.css": ("stylesheet", "text/css", STYLE.encode("gbk")),
        "/css/more.css": ("stylesheet", "text/css; charset=utf-8", MORE.encode()),
        "/css/evil.css": ("stylesheet", "text/css", EVIL.encode()),
        "/images/bg.png": ("image", "image/png", b"\x89PNG\r\n\x1a\nbg"),
        "/images/logo.gif": ("image", "image/gif", GIF),
    }
    shas = {}
    with Archive.open(db) as store:
        crawl_id = store.conn.execute("SELECT MAX(id) FROM crawls").fetchone()[0]
        for path, (kind, content_type, body) in assets.items():
            asset = AssetData(base.rstrip("/") + path, kind, 200, content_type, body)
            store_asset(store.writer, asset, "2026-12-06T02:12:40Z", crawl_id)
            shas[path] = asset.sha256
        store.commit()
    home = query(db, "SELECT id FROM snapshots WHERE url = ?", base)[0]["id"]
    return db, base, home, shas


def stylesheet_href(base: str, path: str) -> str:
    return f"/tsggw/-/stylesheet?{urlencode({'url': base.rstrip('/') + path})}"


@pytest.mark.e2e
def test_a_replay_links_its_archived_stylesheets_only(styled):
    db, base, home, shas = styled
    raw = get(db, f"/tsggw/-/snapshot/{home}/raw")
    assert "style-src 'self' 'unsafe-inline'" in raw.headers["content-security-policy"]
    tree = html.document_fromstring(raw.text)
    assert tree.xpath("//head/link[@rel='stylesheet']/@href") == [
        stylesheet_href(base, "/css/style.css"),
        stylesheet_href(base, "/css/evil.css"),
    ]
    # a template image no article uses resolves to its archived copy
    assert tree.xpath("//img[@alt='logo']/@src") == [f"/tsggw/-/asset/{shas['/images/logo.gif']}"]
    assert_inert(raw.text, replay=True)


@pytest.mark.e2e
def test_an_archived_stylesheet_is_served_with_archive_references(styled):
    db, base, _home, shas = styled
    served, more = get(
        db, stylesheet_href(base, "/css/style.css"), stylesheet_href(base, "/css/more.css")
    )
    assert served.status_code == 200
    assert served.headers["content-type"] == "text/css; charset=utf-8"
    assert served.headers["x-content-type-options"] == "nosniff"
    text = served.text
    assert text.startswith(f'@import url("{stylesheet_href(base, "/css/more.css")}");')
    assert f'url("/tsggw/-/asset/{shas["/images/bg.png"]}") repeat-x' in text
    assert "font-family: 宋体" in text  # decoded from GBK
    assert ".lead { color: #c00; }" in text
    assert "evil.example" not in text and "@import url(http" not in text
    assert more.text == MORE


@pytest.mark.e2e
def test_a_hostile_stylesheet_is_served_inert(styled):
    db, base, _home, _shas = styled
    text = " ".join(get(db, stylesheet_href(base, "/css/evil.css")).text.split())
    for gone in (
        "evil.example",
        "expression",
        "javascript",
        "behavior",
        "binding",
        "@import",
        "image-set",
        "@font-face",
        "<",
        "alert",
    ):
        assert gone not in text, gone
    assert "p { color: #123; }" in text
    assert "div { background: none no-repeat; }" in text
    assert "h2 { background: none; }" in text


@pytest.mark.e2e
@pytest.mark.parametrize(
    "url",
    ["http://evil.example/x.css", "/css/nope.css", "javascript:alert(1)", "/images/bg.png"],
)
def test_only_archived_stylesheets_are_served(styled, url):
    db, base, _home, _shas = styled
    target = url if "//" in url or ":" in url else base.rstrip("/") + url
    assert get(db, f"/tsggw/-/stylesheet?{urlencode({'url': target})}").status_code == 404
