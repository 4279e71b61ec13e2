"""Page requisites: which stylesheets and images a page needs, what a stylesheet loads, and how
a stylesheet's bytes are read."""

from __future__ import annotations

import pytest

from ggcrawl.extract import (
    Requisite,
    decode_stylesheet,
    load_page,
    page_requisites,
    stylesheet_references,
)

PAGE_URL = "http://site.cn/a/ggyw/20190129/12.html"
CSS_URL = "http://site.cn/templets/default/style/main.css"


def requisites_of(html: str, url: str = PAGE_URL) -> list[Requisite]:
    return page_requisites(load_page(url, html.encode("utf-8")))


def test_a_page_needs_its_stylesheets_and_images_each_once_in_document_order() -> None:
    html = """<html><head>
<link href="/templets/default/style/main.css" rel="stylesheet" type="text/css">
<link rel="Alternate StyleSheet" href="http://other.cn/large.css">
<link rel="icon" href="/favicon.ico"><link rel="canonical" href="/x.html">
<link rel="stylesheet"><link rel="stylesheet" href="javascript:alert(1)">
</head><body background="../../images/bg.gif">
<table><tr><td background="/skin/top_bg.jpg"><img src="/templets/default/images/logo.gif"></td>
<th background="data:image/gif;base64,R0lGOD"></th></tr></table>
<div class="content"><img data-original="/uploads/1.jpg" src="/images/loading.gif">
<img src="/templets/default/images/logo.gif"><img src="javascript:void(0)"><img alt="none">
<a href="/templets/default/images/not-an-image-link.gif">a link is no requisite</a></div>
<noscript><img src="/pixel.gif"></noscript>
<script>document.write('<img src="/written.gif">')</script>
</body></html>"""
    assert requisites_of(html) == [
        Requisite("http://site.cn/templets/default/style/main.css", "stylesheet"),
        Requisite("http://other.cn/large.css", "stylesheet"),
        Requisite("http://site.cn/a/images/bg.gif", "image"),
        Requisite("http://site.cn/skin/top_bg.jpg", "image"),
        Requisite("http://site.cn/templets/default/images/logo.gif", "image"),
        Requisite("http://site.cn/uploads/1.jpg", "image"),
    ]


def test_a_pages_base_decides_where_its_requisites_are() -> None:
    html = """<html><head><base href="http://site.cn/skin/">
<link rel="stylesheet" href="style.css"></head><body><img src="logo.png"></body></html>"""
    assert requisites_of(html) == [
        Requisite("http://site.cn/skin/style.css", "stylesheet"),
        Requisite("http://site.cn/skin/logo.png", "image"),
    ]


def test_a_page_without_requisites_needs_none() -> None:
    assert requisites_of("<html><body><p>关心下一代</p></body></html>") == []
    assert requisites_of("") == []


def test_a_stylesheet_loads_its_imports_images_and_fonts() -> None:
    css = """@charset "utf-8";
@import url("common.css") screen;
@import 'print.css' print;
/* .old{background:url(old.png)} is a comment, no reference */
body{background:#fff url(../images/bg.png) repeat-x}
.logo { background-image : url( "../images/logo.png" ) }
@media print { .banner{background:url('/images/banner.gif')} }
@font-face{font-family:"方正";src:url(../fonts/fz.eot?#iefix) format("embedded-opentype")}
.icons{background:url(../fonts/icons.woff2)}
.dot{background:url(data:image/gif;base64,R0lGODlhAQABAAAAACw=)}
.bad{background:url(javascript:alert(1))}
.away{background:url(http://other.cn/images/away.jpg)}
.again{background:url(../images/bg.png)}
.content:before{content:"url(not-a-reference.png)"}
"""
    assert stylesheet_references(css, CSS_URL) == [
        Requisite("http://site.cn/templets/default/style/common.css", "stylesheet"),
        Requisite("http://site.cn/templets/default/style/print.css", "stylesheet"),
        Requisite("http://site.cn/templets/default/images/bg.png", "image"),
        Requisite("http://site.cn/templets/default/images/logo.png", "image"),
        Requisite("http://site.cn/images/banner.gif", "image"),
        Requisite("http://site.cn/templets/default/fonts/fz.eot", "font"),
        Requisite("http://site.cn/templets/default/fonts/icons.woff2", "font"),
        Requisite("http://other.cn/images/away.jpg", "image"),
    ]


@pytest.mark.parametrize(
    "css",
    ["", "/* nothing */", "body{color:red", "@import ;", "@import url();", "}}}{{{", "\x00\ufffd"],
    ids=["empty", "comment", "unclosed", "bare-import", "empty-url", "braces", "junk"],
)
def test_a_broken_stylesheet_loads_nothing_and_never_raises(css: str) -> None:
    assert stylesheet_references(css, CSS_URL) == []


def test_an_unclosed_rule_still_loads_what_it_names() -> None:
    """CSS Syntax closes what the stylesheet leaves open, as browsers do."""
    assert stylesheet_references("body{background:url(a.png)", CSS_URL) == [
        Requisite("http://site.cn/templets/default/style/a.png", "image")
    ]


STYLE = "/* 天水关工网 */ .a{font-family:宋体}"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (('@charset "gb2312";' + STYLE).encode("gbk"), "text/css"),
        (STYLE.encode("gbk"), "text/css; charset=GBK"),
        (STYLE.encode("utf-8"), None),
        (b"\xef\xbb\xbf" + STYLE.encode("utf-8"), "text/css; charset=gbk"),
        (STYLE.encode("gbk"), None),
        (('@charset "utf-16";' + STYLE).encode("utf-8"), "text/css"),
    ],
    ids=["charset-rule", "http-charset", "utf-8", "bom-wins", "undeclared-gbk", "ascii-utf-16"],
)
def test_a_stylesheet_is_read_in_its_charset(body: bytes, content_type: str | None) -> None:
    assert decode_stylesheet(body, content_type).endswith(STYLE)


def test_the_header_charset_comes_before_the_charset_rule() -> None:
    body = ('@charset "utf-8";' + STYLE).encode("gbk")
    assert decode_stylesheet(body, "text/css; charset=gb2312").endswith(STYLE)
