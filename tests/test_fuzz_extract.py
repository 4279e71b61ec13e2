"""The extractor never raises, whatever bytes a server sends, and what it returns is sane.

Hypothesis feeds ``load_page`` and every extraction function (``extract_article``, ``listing``,
``nav_sections``, ``page_kind``) with (a) real replica pages of every dialect, mutated, (b)
random bytes, (c) empty and blank documents, (d) huge documents, (e) deeply nested markup and
(f) adversarial text (labels without values, breadcrumbs by the dozen, impossible dates, lone
surrogates, invalid UTF-8, GBK half characters, NUL bytes, a garbage ``<base href>``,
javascript:/data: links everywhere). The properties hold for every input:

- nothing raises;
- every URL returned is None or an absolute http(s) URL (never javascript:, data:, file:);
- ``published_at`` is None or one of the README's ISO 8601 forms;
- text fields are str without NUL and can be stored (no lone surrogates);
- a field that comes back None is explained in ``warnings``.

Examples are derandomized and no example database is kept, so CI runs the same cases each
time. The regular tests at the end pin the crashes and wrong URLs fuzzing found.
"""

from __future__ import annotations

import re
import time
import urllib.request
from datetime import datetime
from functools import cache
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from ggcrawl.extract import (
    ArticleFields,
    Page,
    extract_article,
    listing,
    load_page,
    nav_sections,
    page_kind,
)
from ggcrawl.replica import DIALECTS, ReplicaServer, build_site
from tests.conftest import examples

# Reproducible in CI: the same examples every run, nothing remembered between runs.
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Examples per strategy (the whole module runs in about 45 s); make test-fast runs at most
# conftest.FAST_EXAMPLES of each.
MUTATED_EXAMPLES = 300
RANDOM_EXAMPLES = 400
BLANK_EXAMPLES = 100
ADVERSARIAL_EXAMPLES = 800

URL = "http://127.0.0.1:8000/a/ggyw/2019/0129/123.html"
# README, "The archive": ISO 8601 with +08:00, or a date alone when the page shows no time.
ISO_PUBLISHED = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}\+08:00)?")
KINDS = {"article", "listing", "guestbook", "page"}
# Which warning explains a field that is None.
EXPLAINED_BY = {
    "title": ("title:",),
    "section": ("section:",),
    "published_at": ("published_at:",),
    "body_text": ("body:",),
}


# --- the properties ---------------------------------------------------------------------------


def extract_everything(
    url: str, body: bytes, headers: dict[str, str] | None = None
) -> tuple[Page, ArticleFields]:
    """Run every extraction function on one served page and check what each returns."""
    page = load_page(url, body, headers)
    assert isinstance(page.joined, str)
    fields = extract_article(page)
    check_fields(fields)
    found = listing(page)
    for link in found.items:
        check_url(link.url)
        check_text(link.text)
    for page_link in found.pages:
        check_url(page_link.url)
        check_text(page_link.label)
        assert page_link.number is None or page_link.number >= 0
    for section in nav_sections(page):
        check_url(section.url)
        check_text(section.text)
    assert page_kind(page) in KINDS
    return page, fields


def check_url(url: object) -> None:
    assert isinstance(url, str), url
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https"), url
    assert parts.hostname, url
    assert not any(ch.isspace() for ch in url), url


def check_text(text: object) -> None:
    assert isinstance(text, str)
    assert "\x00" not in text
    text.encode("utf-8")  # storable in SQLite: no lone surrogates


def check_fields(fields: ArticleFields) -> None:
    for name in ("title", "section", "published_at", "source", "body_text", "body_html"):
        value = getattr(fields, name)
        if value is not None:
            check_text(value)
            assert value, f"{name} is empty rather than None"
    for url in (fields.prev_url, fields.next_url):
        if url is not None:
            check_url(url)
    for url in fields.images:
        check_url(url)
    for attachment in fields.attachments:
        check_url(attachment["url"])
        check_text(attachment["name"])
    if fields.published_at is not None:
        assert ISO_PUBLISHED.fullmatch(fields.published_at), fields.published_at
        datetime.fromisoformat(fields.published_at)
    for warning in fields.warnings:
        check_text(warning)
    for name, prefixes in EXPLAINED_BY.items():
        if getattr(fields, name) is None:
            assert any(w.startswith(prefixes) for w in fields.warnings), (name, fields.warnings)
    if fields.source is None:
        # Either a warning says why, or the page shows the 来源 label with nothing after it
        # (the site does that; it is not a missing field).
        assert any(w.startswith("source:") for w in fields.warnings) or not any(
            w.startswith("published_at: no time label") for w in fields.warnings
        ), fields.warnings
    if fields.body_html is not None:
        check_body_links(fields.body_html)


def check_body_links(body_html: str) -> None:
    """The cleaned body links only to http(s) addresses (and e-mail addresses)."""
    root = lxml_html.fragment_fromstring(body_html, create_parent="div")
    for href in root.xpath(".//a/@href"):
        if not href.startswith("mailto:"):
            check_url(href)
    for src in root.xpath(".//img/@src"):
        check_url(src)


# --- (a) real replica pages, mutated ----------------------------------------------------------

NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@cache
def replica_pages() -> tuple[tuple[str, bytes, dict[str, str]], ...]:
    """(url, body, headers) of a few pages of every dialect, fetched once over loopback: the
    home page, the about page, two listing pages, the guestbook, articles with images and with
    attachments, and the seed article."""
    pages = []
    for dialect in DIALECTS:
        with ReplicaServer(build_site(articles=30, seed=11), dialect=dialect) as server:
            truth = server.ground_truth()
            sections = {s["kind"]: s["url"] for s in reversed(truth["sections"])}
            articles = truth["articles"]
            urls = [
                server.base_url,
                sections["page"],
                sections["listing"],
                sections["guestbook"],
                next(a["url"] for a in articles if a["images"]),
                next(a["url"] for a in articles if a["attachments"]),
                next(a["url"] for a in articles if a["prev_url"] and a["next_url"]),
            ]
            for url in urls:
                with NO_PROXY.open(url, timeout=30) as response:
                    pages.append((url, response.read(), dict(response.headers)))
    return tuple(pages)


def test_replica_pages_extract_cleanly() -> None:
    """The unmutated pages pass the properties, and the articles yield their fields."""
    pages = replica_pages()
    assert len(pages) == 7 * len(DIALECTS)
    for url, body, headers in pages:
        page, fields = extract_everything(url, body, headers)
        if page_kind(page) == "article":
            assert fields.title and fields.published_at and fields.body_text, url


# Markup and text spliced into pages: tag soup, labels, hostile links, broken bytes.
SOUP: tuple[bytes, ...] = (
    b"<div>",
    b"</div>",
    b"<table><tr><td>",
    b"</td></tr></table>",
    b"<span><b><i>",
    b"</a>",
    b"<p>",
    b"<br>",
    b"<li>",
    b"<h1>",
    b"</h1>",
    b"<title>",
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"<script>",
    b"</script>",
    b"<style>",
    b"<form><textarea>",
    b"<a href='javascript:alert(1)'>",
    b'<a href="data:text/html,<script>alert(1)</script>">',
    b"<a href='file:///etc/passwd'>",
    b"<a href='http://[::1'>",
    b"<a href='http://h:99999/'>",
    b"<a href='mailto:a@b.cn'>",
    b"<a href=''>",
    b"<a>",
    b"<base href='javascript:alert(1)'>",
    b"<base href='http://h:99999/'>",
    b"<base href='data:,x'>",
    b"<base href=''>",
    b"<img src='javascript:alert(1)'>",
    b"<img data-original='data:image/png;base64,AA' src='file:///x'>",
    b"<meta charset='rot13'>",
    b"<meta charset='utf-16'>",
    b"<meta http-equiv='Content-Type' content='text/html; charset=unicode_escape'>",
    b"<meta charset='idna'>",
    b"\\ud800",
    b"&#0;",
    b"&#xD800;",
    b"&#1114112;",
    b"&nbsp;&#12288;",
    b"\x00",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\xed\xa0\x80",  # a surrogate in UTF-8: invalid
    b"\xe5\x85",  # half a UTF-8 character
    b"\xb9",  # half a GBK character
    b"\x81\x30",  # half a GB18030 four-byte sequence
    "时间:".encode(),
    "来源:".encode(),
    "上一篇:".encode(),
    "下一篇:".encode(),
    "首页 > 关工要闻 > ".encode(),
    b"2019-13-45 25:61",
    "没有了".encode(),
    "时间:".encode("gbk"),
    "来源:".encode("gbk"),
    "上一篇:".encode("gbk"),
    "下一页".encode("gbk"),
)
# How a server may (mis)label the bytes.
CONTENT_TYPES: tuple[str | None, ...] = (
    None,
    "text/html",
    "text/html; charset=utf-8",
    "text/html; charset=gbk",
    "text/html; charset=gb2312",
    "text/html; charset=utf-16",
    "text/html; charset=big5",
    "text/html; charset=iso-8859-1",
    "text/html; charset=rot13",
    "text/html; charset=base64",
    "text/html; charset=unicode_escape",
    "text/html; charset=utf-7",
    "text/html; charset=nonsense",
    "text/html; charset=",
    "text/html; charset=\udcff",
    "application/octet-stream",
)
ENCODINGS = ("utf-8", "gb18030", "gbk", "big5", "utf-16", "utf-16-be", "latin-1", "shift_jis")


@st.composite
def mutations(draw: st.DrawFn, body: bytes) -> bytes:
    """``body`` after one to six edits: byte flips, deletions, insertions of random bytes or
    of tag soup, truncation, splices from other replica pages, re-encoding."""
    for _ in range(draw(st.integers(1, 6))):
        size = len(body)
        at = draw(st.integers(0, size))
        kind = draw(
            st.sampled_from(
                ("flip", "delete", "insert", "soup", "truncate", "splice", "reencode", "repeat")
            )
        )
        if kind == "flip" and size:
            at = min(at, size - 1)
            body = body[:at] + bytes([body[at] ^ draw(st.integers(1, 255))]) + body[at + 1 :]
        elif kind == "delete":
            body = body[:at] + body[at + draw(st.integers(1, 2000)) :]
        elif kind == "insert":
            body = body[:at] + draw(st.binary(min_size=1, max_size=64)) + body[at:]
        elif kind == "soup":
            pieces = draw(st.lists(st.sampled_from(SOUP), min_size=1, max_size=12))
            body = body[:at] + b"".join(pieces) + body[at:]
        elif kind == "truncate":
            body = body[:at]
        elif kind == "splice":
            _url, other, _headers = draw(st.sampled_from(replica_pages()))
            start = draw(st.integers(0, len(other)))
            body = body[:at] + other[start : start + draw(st.integers(1, 5000))] + body[at:]
        elif kind == "reencode":
            text = body.decode(draw(st.sampled_from(ENCODINGS)), errors="replace")
            body = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
        elif kind == "repeat":
            piece = body[at : at + draw(st.integers(1, 400))]
            body = body[:at] + piece * draw(st.integers(2, 40)) + body[at:]
    return body


@st.composite
def mutated_replica_pages(draw: st.DrawFn) -> tuple[str, bytes, dict[str, str]]:
    url, body, headers = draw(st.sampled_from(replica_pages()))
    headers = dict(headers)
    if draw(st.booleans()):
        content_type = draw(st.sampled_from(CONTENT_TYPES))
        headers.pop("Content-Type", None)
        if content_type is not None:
            headers["Content-Type"] = content_type
    return url, draw(mutations(body)), headers


@settings(FUZZ, max_examples=examples(MUTATED_EXAMPLES))
@given(mutated_replica_pages())
def test_mutated_replica_pages(case: tuple[str, bytes, dict[str, str]]) -> None:
    extract_everything(*case)


# --- (b) random bytes and (c) empty or blank documents ----------------------------------------

HEADERS = st.one_of(
    st.none(),
    st.sampled_from(CONTENT_TYPES).map(
        lambda value: {} if value is None else {"CONTENT-TYPE": value}
    ),
    st.dictionaries(st.text(max_size=20), st.text(max_size=40), max_size=3),
)


@settings(FUZZ, max_examples=examples(RANDOM_EXAMPLES))
@given(
    st.one_of(
        st.binary(max_size=20_000),
        st.lists(st.sampled_from(SOUP), max_size=200).map(b"".join),
        st.text(max_size=2_000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    ),
    HEADERS,
)
def test_random_bytes(body: bytes, headers: dict[str, str] | None) -> None:
    extract_everything(URL, body, headers)


BLANKS = " \t\n\r\x0b\x0c\x00\xa0\u3000\u2002\u2003\u200b\ufeff"


@settings(FUZZ, max_examples=examples(BLANK_EXAMPLES))
@given(
    st.text(alphabet=BLANKS, max_size=200),
    st.sampled_from(("utf-8", "gb18030", "utf-16", "utf-8-sig")),
    st.sampled_from(("", "<html></html>", "<html><body></body></html>", "<p></p>", "<!-- -->")),
    HEADERS,
)
def test_empty_and_blank_documents(
    blank: str, encoding: str, shell: str, headers: dict[str, str] | None
) -> None:
    body = (blank + shell + blank).encode(encoding)
    page, fields = extract_everything(URL, body, headers)
    assert fields.title is None
    # Zero-width spaces are not whitespace to normalize_text, so a page of them has a "body".
    assert fields.body_text is None or not fields.body_text.strip("\u200b\ufeff\n ")
    assert listing(page).items == [] and nav_sections(page) == []


@pytest.mark.parametrize(
    "body", [b"", b" ", b"\n\r\t", b"\x00", b"\x00" * 1000, b"\xef\xbb\xbf", b"\xff\xfe", b"<"]
)
def test_empty_documents_say_what_is_missing(body: bytes) -> None:
    page, fields = extract_everything(URL, body)
    assert page_kind(page) == "page"
    assert [w.split(":")[0] for w in fields.warnings] == [
        "section",
        "published_at",
        "source",
        "title",
        "body",
        "prev/next",
    ]


# --- (d) huge documents -----------------------------------------------------------------------

PARAGRAPH = "<p>关心下一代工作委员会开展扶贫助学活动，老同志为青少年讲述红色故事。</p>\n"
ARTICLE_HEAD = (
    "<html><head><title>关工委开展活动_关工要闻_天水关工网</title></head><body>"
    '<div class="nav"><a href="/">首页</a> <a href="/ggyw/">关工要闻</a></div>'
    "<div>当前位置：首页 > 关工要闻 > 正文</div><h1>关工委开展活动</h1>"
    "<div>时间:2019-01-29 09:57:20 来源:市关工办</div>"
)
ARTICLE_TAIL = (
    '<div>上一篇:<a href="/a/1.html">前一篇文章</a></div>'
    '<div>下一篇:<a href="/a/2.html">后一篇文章</a></div></body></html>'
)


def huge_article(megabytes: int, encoding: str) -> bytes:
    paragraph = PARAGRAPH.encode(encoding)
    count = megabytes * 1_000_000 // len(paragraph)
    return ARTICLE_HEAD.encode(encoding) + paragraph * count + ARTICLE_TAIL.encode(encoding)


@pytest.mark.slow  # 2 and 5 s
@pytest.mark.parametrize(("megabytes", "encoding"), [(5, "gbk"), (20, "utf-8")])
def test_huge_documents_complete(megabytes: int, encoding: str) -> None:
    body = huge_article(megabytes, encoding)
    assert len(body) >= megabytes * 1_000_000
    headers = {"Content-Type": f"text/html; charset={encoding}"}
    started = time.monotonic()
    page, fields = extract_everything(URL, body, headers)
    elapsed = time.monotonic() - started
    assert page_kind(page) == "article"
    assert fields.title == "关工委开展活动"
    assert fields.published_at == "2019-01-29T09:57:20+08:00"
    assert fields.prev_url == "http://127.0.0.1:8000/a/1.html"
    assert fields.body_text is not None
    assert fields.body_text.count("\n") + 1 == body.count(PARAGRAPH.encode(encoding))
    assert elapsed < 300, f"{len(body)} bytes took {elapsed:.0f} s"


def test_huge_listing_completes() -> None:
    """Two thousand dated links in one list (a listing that never paginates)."""
    items = "".join(
        f'<li><a href="/a/{n}.html">关工委活动报道第{n}篇</a> 2019-01-{n % 28 + 1:02d}</li>'
        for n in range(2_000)
    )
    body = f"<div>首页 > 关工要闻</div><ul>{items}</ul>".encode()
    page, _fields = extract_everything(URL, body)
    assert len(listing(page).items) == 2_000


# --- (e) deeply nested markup -----------------------------------------------------------------

NESTINGS = {
    "div": ("<div>", "</div>"),
    "span": ("<span>", "</span>"),
    "table": ("<table><tr><td>", "</td></tr></table>"),
    "font": ("<font>", ""),  # never closed, as old CMS templates do
    "li": ("<ul><li>", "</li></ul>"),
    "a": ('<div><a href="javascript:void(0)">链接</a>', "</div>"),
    "text": ("<div>段落", "</div>"),
}


# Nested links and text are as deep at 10,000 as at 100,000 once libxml2 stops building the
# tree at 2048 levels, and slower; they are run at 10,000 only. Links take 4 s even so.
DEPTHS = [
    pytest.param(kind, 10_000, marks=[pytest.mark.slow] if kind == "a" else [])
    for kind in sorted(NESTINGS)
] + [(kind, 100_000) for kind in sorted(NESTINGS) if kind not in ("a", "text")]


@pytest.mark.parametrize(("kind", "depth"), DEPTHS)
def test_deeply_nested_markup(kind: str, depth: int) -> None:
    """An article whose body nests ``depth`` elements: no RecursionError, no crash, and the
    fields before the nesting are found. (libxml2 stops building the tree at 2048 levels;
    what sits deeper is not seen.)"""
    opening, closing = NESTINGS[kind]
    body = (ARTICLE_HEAD + opening * depth + "正文" + closing * depth + ARTICLE_TAIL).encode()
    page, fields = extract_everything(URL, body)
    assert fields.title == "关工委开展活动"
    assert fields.published_at == "2019-01-29T09:57:20+08:00"
    assert fields.source == "市关工办"
    assert page_kind(page) == "article"


# --- (f) adversarial text ---------------------------------------------------------------------

ADVERSARIAL: tuple[str, ...] = (
    "时间:",
    "发布时间：",
    "来源:",
    "来源：",
    "上一篇:",
    "下一篇：",
    "上一篇:没有了",
    "时间:2019-13-45 25:61",
    "时间:2019-02-30",
    "发布日期：2019年13月45日",
    "时间:2019-01-29 25:61:99",
    "时间:0000-00-00",
    "时间:2019-01-29 09:57:20",
    "日期：2019年01月29日",
    "来源:市关工办",
    "首页 > 关工要闻 > 正文",
    "当前位置：首页 >> 关工要闻 >> ",
    "首页 > " * 30,
    "首页",
    "<title>标题_关工要闻</title>",
    "<h1>关工委开展活动</h1>",
    "<h1></h1>",
    "<p>正文第一段。</p>",
    "<br>",
    "<a href='javascript:alert(1)'>上一篇:</a>",
    "上一篇:<a href='javascript:void(0)'>前一篇</a>",
    "下一篇:<a href='data:text/html,x'>后一篇</a>",
    "上一篇:<a href='file:///etc/passwd'>前一篇</a>",
    "下一篇:<a href='vbscript:msgbox'>后一篇</a>",
    "<a href='data:text/html,x'>关工要闻</a>",
    "<a href='javascript:x'>首页</a>",
    "<a href='javascript:x'>下一页</a>",
    "<a href='data:,2'>2</a>",
    "<a href='/a/1.html'>关工委活动</a> 2019-01-29",
    "<img src='javascript:alert(1)'>",
    "<img src='data:image/png;base64,AAAA'>",
    "<a href='file:///c:/a.doc'>附件：通知.doc</a>",
    "<a href='mailto:a@b.cn'>附件：通知.doc</a>",
    "<base href='javascript:alert(1)/'>",
    "<base href='http://[::1/'>",
    "<base href='http://h:99999/'>",
    "<base href='//'>",
    "<base href='data:text/html,x'>",
    "\x00",
    "\ud800",
    "\udfff",
    "\ufffd",
    "&#0;",
    "&#1;",
    "&#x1f",
    "&#11;",
    "&#65535;",
    "&#xDFFF;",
    "\u3000\xa0",
    "\u202e",
    "<meta charset='rot13'>",
    "<meta charset='utf-16'>",
    "<div>",
    "</div>",
    "<table><tr><td>",
    "<ul><li>",
    "<form><textarea></textarea></form>",
    "<!--",
    "<script>上一篇:</script>",
)
RAW: tuple[bytes, ...] = (b"\xb9", b"\xe5\x85", b"\xed\xa0\x80", b"\x81\x30", b"\xff", b"\x00")


@st.composite
def adversarial_pages(draw: st.DrawFn) -> tuple[bytes, dict[str, str]]:
    encoding = draw(st.sampled_from(("utf-8", "gbk", "gb18030", "big5")))
    pieces = draw(st.lists(st.sampled_from(ADVERSARIAL), min_size=1, max_size=60))
    body = b""
    for piece in pieces:
        body += piece.encode(encoding, errors="surrogatepass" if encoding == "utf-8" else "replace")
        if draw(st.integers(0, 9)) == 0:
            body += draw(st.sampled_from(RAW))
    declared = draw(st.sampled_from((encoding, "utf-8", "gbk", None)))
    headers = {"Content-Type": f"text/html; charset={declared}"} if declared else {}
    return body, headers


@settings(FUZZ, max_examples=examples(ADVERSARIAL_EXAMPLES))
@given(adversarial_pages())
def test_adversarial_text(case: tuple[bytes, dict[str, str]]) -> None:
    extract_everything(URL, *case)


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        (b"<p>a&#1;<!-- c -->b</p>", "ab"),
        (b"<p>x&#11;y<script>s</script>z&#x0C;w</p>", "x yz w"),
        (b"<p>&#x1f<!-- c -->q&#65535;&#9;r&#100;&#x1F600;</p>", "q rd\U0001f600"),
    ],
)
def test_references_to_forbidden_characters_are_read_as_browsers_show_them(
    markup: bytes, text: str
) -> None:
    """A character reference to a control character once made the tree refuse the text put
    back when a comment or script was dropped after it."""
    page = load_page(URL, markup)
    assert page.lines[0].text == text


def test_dozens_of_breadcrumbs_and_labels_without_values() -> None:
    crumbs = "".join(f"<div>首页 > 栏目{n} > 正文</div>" for n in range(40))
    body = (crumbs + "<h1>标题标题</h1><p>时间:</p><p>来源:</p><p>正文</p><p>上一篇:").encode()
    _page, fields = extract_everything(URL, body)
    assert fields.section == "栏目0"
    assert fields.published_at is None and fields.prev_url is None


def test_invalid_date_is_none_with_a_warning() -> None:
    body = "<h1>关工委开展活动</h1><p>时间:2019-13-45 25:61 来源:市关工办</p><p>正文</p>"
    _page, fields = extract_everything(URL, body.encode())
    assert fields.published_at is None
    assert "published_at: the date next to the time label is not a valid date" in fields.warnings
    assert fields.source == "市关工办"


# --- regressions: what fuzzing found ----------------------------------------------------------

CHAIN = (
    "<div>首页 > 关工要闻 > 正文</div><h1>关工委开展活动</h1>"
    "<p>时间:2019-01-29 来源:市关工办</p><p>正文第一段。</p>{body}"
    "<p>上一篇:<a href='{prev}'>前一篇</a></p><p>下一篇:<a href='{next}'>后一篇</a></p>"
)


@pytest.mark.parametrize(
    "base", ["http://h:99999/", "http://[::1/", "http://h:port/", "http://[a]/"]
)
def test_malformed_base_href_is_ignored(base: str) -> None:
    """load_page raised ValueError (port out of range, invalid IPv6 URL) on such a base."""
    body = f"<base href='{base}'>" + CHAIN.format(body="", prev="1.html", next="/a/2.html")
    page, fields = extract_everything(URL, body.encode())
    assert page.base_url == URL
    assert fields.prev_url == "http://127.0.0.1:8000/a/ggyw/2019/0129/1.html"
    assert fields.next_url == "http://127.0.0.1:8000/a/2.html"


@pytest.mark.parametrize("base", ["javascript:alert(1)", "data:text/html,x", "file:///tmp/", "//"])
def test_non_http_base_href_is_ignored(base: str) -> None:
    """A javascript: base made every relative link come back relative ("1.html")."""
    body = f"<base href='{base}'>" + CHAIN.format(body="", prev="1.html", next="2.html")
    _page, fields = extract_everything(URL, body.encode())
    assert fields.prev_url == "http://127.0.0.1:8000/a/ggyw/2019/0129/1.html"


def test_a_usable_base_href_still_counts() -> None:
    body = "<base href='http://127.0.0.1:8000/other/'>" + CHAIN.format(
        body="", prev="1.html", next="2.html"
    )
    _page, fields = extract_everything(URL, body.encode())
    assert fields.prev_url == "http://127.0.0.1:8000/other/1.html"


@pytest.mark.parametrize(
    "href", ["data:text/html,<b>x</b>", "file:///etc/passwd", "vbscript:msgbox(1)", "ftp://h/a"]
)
def test_chain_links_are_http_only(href: str) -> None:
    """data:, file: and other schemes came back as prev_url / next_url."""
    _page, fields = extract_everything(URL, CHAIN.format(body="", prev=href, next=href).encode())
    assert fields.prev_url is None and fields.next_url is None


@pytest.mark.parametrize(
    "href", ["http:// center/", "http://a b.cn/", "http://a<b>/", "http://a%20b/", "http://a|b/"]
)
def test_links_to_hosts_no_browser_can_reach_are_no_links(href: str) -> None:
    """A mutated replica page gave next_url 'http:// center/': a host with a space in it."""
    body = CHAIN.format(body=f"<p><img src='{href}x.png'></p>", prev=href, next=href)
    page, fields = extract_everything(URL, body.encode())
    assert fields.prev_url is None and fields.next_url is None and fields.images == []
    assert page.absolute(href) is None
    assert page.absolute("http://xn--fiq228c.cn/a") == "http://xn--fiq228c.cn/a"
    assert page.absolute("http://中文.cn/a b") == "http://xn--fiq228c.cn/a%20b"


def test_body_images_and_attachments_are_http_only() -> None:
    """An ftp: image was listed in images and kept as src; a mailto: link named like a
    document was listed as an attachment."""
    body = (
        "<p><img src='ftp://h/a.png'><img src='javascript:alert(1)'>"
        "<img data-original='/up/b.png' src='data:image/gif;base64,R0lGOD'>"
        "<a href='mailto:a@b.cn'>附件：通知.doc</a> <a href='file:///c:/x.doc'>x.doc</a>"
        "<a href='/up/c.doc'>附件：c.doc</a></p>"
    )
    page = CHAIN.format(body=body, prev="1.html", next="2.html")
    _page, fields = extract_everything(URL, page.encode())
    assert fields.images == ["http://127.0.0.1:8000/up/b.png"]
    assert fields.attachments == [{"url": "http://127.0.0.1:8000/up/c.doc", "name": "附件：c.doc"}]
    assert fields.body_html is not None
    assert "ftp:" not in fields.body_html and "javascript:" not in fields.body_html
    assert "data:" not in fields.body_html and "file:" not in fields.body_html
    assert 'href="mailto:a@b.cn"' in fields.body_html  # an e-mail address stays a link


@pytest.mark.parametrize(
    "charset",
    [
        "rot13",
        "base64",
        "hex",
        "zlib",
        "bz2",
        "uu",
        "quopri",
        "idna",
        "punycode",
        "undefined",
        "unicode_escape",
        "raw_unicode_escape",
    ],
)
@pytest.mark.parametrize("where", ["header", "meta"])
def test_charsets_that_are_not_web_charsets_are_ignored(charset: str, where: str) -> None:
    """A server or <meta> naming a Python codec that is no text charset crashed load_page
    (LookupError, UnicodeError), and unicode_escape turned \\ud800 in the text into a lone
    surrogate that lxml cannot take (UnicodeEncodeError)."""
    text = "<h1>关工委开展活动</h1><p>时间:2019-01-29 来源:市关工办</p><p>正文\\ud800第一段。</p>"
    headers = {"Content-Type": f"text/html; charset={charset}"} if where == "header" else {}
    meta = f'<meta charset="{charset}">' if where == "meta" else ""
    page, fields = extract_everything(URL, (meta + text).encode(), headers)
    assert page.encoding == "utf-8"
    assert fields.title == "关工委开展活动"
    assert fields.body_text == "正文\\ud800第一段。"


@pytest.mark.parametrize("charset", ["utf-16", "utf-16le", "utf-32"])
def test_meta_declaring_utf16_is_read_as_utf8(charset: str) -> None:
    """Bytes with an ASCII <meta charset=utf-16> are not UTF-16 (HTML Standard: read them as
    UTF-8); they were decoded as UTF-16 into CJK-looking garbage."""
    body = f'<meta charset="{charset}"><h1>关工委开展活动</h1><p>时间:2019-01-29</p><p>正文</p>'
    page, fields = extract_everything(URL, body.encode())
    assert page.encoding == "utf-8"
    assert fields.title == "关工委开展活动"


def test_utf16_with_a_bom_or_a_header_is_still_utf16() -> None:
    text = "<h1>关工委开展活动</h1><p>时间:2019-01-29</p><p>正文</p>"
    assert extract_everything(URL, text.encode("utf-16"))[1].title == "关工委开展活动"
    headers = {"Content-Type": "text/html; charset=utf-16-le"}
    assert extract_everything(URL, text.encode("utf-16-le"), headers)[1].title == "关工委开展活动"


@pytest.mark.parametrize("control", ["\x01", "\x0b", "\x0c", "\x1f", "\ufffe"])
def test_control_characters_in_text_and_attributes(control: str) -> None:
    """lxml parses XML-forbidden characters into the tree but refuses them when text is set
    again: a comment after text holding one (pasted from Word, say) crashed load_page, and
    one in a mailto: href crashed the body cleaning."""
    body = (
        f"<h1>关工委{control}开展活动</h1><p>时间:2019-01-29 来源:市关工办</p>"
        f"<p>正文{control}第一段<!-- 注释 -->。<a href='mailto:a{control}@b.cn'>来信</a></p>"
    )
    _page, fields = extract_everything(URL, body.encode())
    expected = " " if control in "\x0b\x0c" else ""
    assert fields.title == f"关工委{expected}开展活动"
    assert fields.body_text == f"正文{expected}第一段。来信"


def test_missing_source_without_a_meta_line_is_explained() -> None:
    """A page without a meta line had source None and no word about it."""
    _page, fields = extract_everything(URL, "<h1>标题标题</h1><p>正文</p>".encode())
    assert fields.source is None
    assert "source: no meta line (时间 … 来源) to read it from" in fields.warnings


def test_nesting_deeper_than_libxml2_builds_is_cut_not_fatal() -> None:
    """libxml2 (even with XML_PARSE_HUGE, as parsel parses) builds at most 2048 levels and
    drops what sits deeper; extraction then reads the tree it has."""
    page = load_page(URL, ("<div>" * 100_000 + "正文").encode())
    depth = max(sum(1 for _ in node.iterancestors()) for node in page.root.iter())
    assert 1_000 < depth <= 2_048
    extract_everything(URL, ("<div>" * 100_000 + "正文").encode())
