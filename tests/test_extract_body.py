"""Body cleaning on hand-made article pages, one rule per test: toolbars go with their text,
prose that merely uses a toolbar word stays, attributes are kept only where they mean
something, and elements left empty go while images stay."""

from __future__ import annotations

from ggcrawl.extract import ArticleFields, extract_article, load_page

URL = "http://127.0.0.1:8000/a/ggyw/2019/0129/123.html"
PAGE = (
    "<div>首页 > 关工要闻 > 正文</div><h1>关工委开展活动</h1>"
    "<p>时间:2019-01-29 来源:市关工办</p>{body}"
    "<p>上一篇:<a href='1.html'>前一篇</a></p><p>下一篇:<a href='2.html'>后一篇</a></p>"
)
HEADERS = {"Content-Type": "text/html; charset=utf-8"}


def extract(body: str) -> ArticleFields:
    return extract_article(load_page(URL, PAGE.format(body=body).encode(), HEADERS))


def test_toolbars_inside_the_body_go_with_their_text() -> None:
    fields = extract(
        "<p>正文第一段。</p><div><span>【打印本页】</span> <span>【关闭窗口】</span></div>"
        "<p>正文第二段。<span>[ 字体：大 中 小 ]</span></p>"
    )
    assert fields.body_text == "正文第一段。\n正文第二段。"
    assert fields.body_html == "<p>正文第一段。</p><p>正文第二段。</p>"


def test_prose_with_toolbar_words_and_font_buttons_stays() -> None:
    prose = "活动结束后大家返回学校，更多大中小学生将参加分享会。"
    fields = extract(f"<p>{prose}</p><div><span>{prose}</span></div>")
    assert fields.body_text == f"{prose}\n{prose}"
    assert fields.body_html == f"<p>{prose}</p><div>{prose}</div>"


def test_only_meaningful_attributes_are_kept_and_links_made_absolute() -> None:
    fields = extract(
        "<p style='color:red' class='c'><span style='font-size:16px'>文字"
        "<a href='/x.html' onclick='go()' title='说明' target='_blank'>链接</a></span></p>"
        "<table border='1'><tr><td colspan='2' width='50'>表格</td></tr></table>"
        "<p><img src='up/a.png' alt='图' class='big' width='10'></p>"
    )
    assert fields.body_html == (
        '<p>文字<a href="http://127.0.0.1:8000/x.html" title="说明">链接</a></p>'
        '<table><tr><td colspan="2">表格</td></tr></table>'
        '<p><img src="http://127.0.0.1:8000/a/ggyw/2019/0129/up/a.png" alt="图" width="10"></p>'
    )
    assert fields.images == ["http://127.0.0.1:8000/a/ggyw/2019/0129/up/a.png"]


def test_elements_left_empty_go_and_images_stay() -> None:
    fields = extract(
        "<p>正文。</p><p> <span>&nbsp;</span> </p><div><p>\u3000</p></div>"
        "<p><img src='/a.png'></p><p><span>【打印】</span></p>"
    )
    assert fields.body_html == '<p>正文。</p><p><img src="http://127.0.0.1:8000/a.png"></p>'
    assert fields.body_text == "正文。"
