"""`python -m bench.extraction_robustness`: does extraction hold when the markup changes but
nothing a reader sees does?

The real pages of the corpus (tests/fixtures/real/) are served again, each time with one change
a redesign, a minifier, another CMS or another charset makes and a reader never notices: class
and id names renamed, the whitespace between tags dropped, headings as styled ``<div>``s,
paragraphs as ``<br>`` lines, the page wrapped in a ``<form>`` or a layout table, dated
最新动态/相关新闻 lists set before and after the content or closing the text's own box, a 分享到
toolbar under the headline or inside its element, the bytes in GBK declared only in a
``<meta>``; and furniture 天水's portals print under the text that is no part of it (an editor's
line and a 版权与免责声明 block, readers' comments with no heading, the site's footer closing
the text's own box: 版权所有, a phone number, an address). A field ggcrawl gets right
on the page as saved should stay right on every variant; the table counts those it keeps. The
replica's dialects are served with the same changes and held to their ground truth
(``--replica-articles N``, 0 to skip), and with redesigns the site or its neighbours may make:
no 上一篇/下一篇 or the chain labelled 【上一篇】, the meta line below the text or above the title,
no breadcrumb or one written 您所在的位置:首页>>…, a two-part headline broken by a ``<br>``,
the labels in traditional characters or spaced out (时　间：), the dates written 2019年1月29日
or 2019/1/29, labels and values in cells of their own, the meta line as the neighbours print
it ((2019/1/29 9:57:20) 来源:…, 来源: …2019-01-29)
(on the real pages these would change text their labels quote, such as a （原标题：…） line).
It measures how much extraction leans on one page's particular markup, without spending the
holdout: ``--failures`` names dev pages only, as the quality benchmark does.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from bench.extraction_quality import CORPUS, HOLDOUT, check_page, ordered_splits, squeeze
from bench.quality_extractors import OFFERS, Sample, load_corpus, run_ggcrawl
from bench.replica_quality import dialect_accuracy
from ggcrawl.extract import decode_html
from ggcrawl.extract.document import as_browsers_read
from ggcrawl.extract.labels import HOME_WORDS, META_LABELS, TRADITIONAL
from ggcrawl.replica import DIALECTS

Transform = Callable[[etree._Element, Sample], None]
SEED = 13
CHARSET_META = re.compile(r"<meta[^>]+charset[^>]*>", re.IGNORECASE)
CHARSET_AT_TOP = "<head><meta http-equiv='Content-Type' content='text/html; charset={}'>"
LIST_ITEMS = 6
MIN_REPLICA = 20  # the replica's smallest site
# What the redesigns look for: a date as ISO writes it, the meta line, the breadcrumb.
ISO_DATE = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")
META_LINE = re.compile(r"(?:时间|日期)\s*[:：].*来源")
BREADCRUMB = re.compile(r"^(?:您现在的位置|当前位置|您的位置|位置)?\s*[:：]?\s*首页\s*(?:>|»)")
# A label in use: before its colon, or 首页 before a crumb's separator.
TRADITIONAL_LABEL = re.compile(
    "(?:"
    + "|".join(re.escape(label) for label in sorted(META_LABELS, key=len, reverse=True))
    + r")(?=\s*[:：])|(?:"
    + "|".join(re.escape(word) for word in HOME_WORDS)
    + r")(?=\s*(?:>|&gt;|»))"
)
# The time a meta line shows (2019-01-29 09:57:20, 2019年01月29日), and its 来源's value.
SHOWN_TIME = re.compile(
    r"(?P<year>(?:19|20)\d\d)(?:-|年)(?P<month>\d\d?)(?:-|月)(?P<day>\d\d?)日?"
    r"(?:\s+(?P<hour>\d\d?):(?P<minute>\d\d)(?::(?P<second>\d\d))?)?"
)
# A label of two characters before its colon, as forms space them out to line up with longer ones.
TWO_CHARACTER_LABEL = re.compile(
    r"(?<![\u3400-\u9fff])(?:时间|日期|来源|作者|编辑|点击)(?=\s*[:：])"
)
CHAIN_WORD = re.compile("上一篇|下一篇")
SOURCE_VALUE = re.compile(r"来源\s*[:：]\s*([^\s　|]+)")
CRUMB_SEPARATOR = re.compile(r"\s*(?:>|»)+\s*")
CRUMB_LABEL = re.compile(r"^\s*[^首\s]{2,8}\s*[:：]")
HEADLINE_TAGS = ("h1", "h2", "h3", "div", "td", "strong", "b", "font")
BODY_END_CHARS = 12  # of the text's last words, enough to find their element
EDITOR_LINE = "<p>(天水在线编辑:陶静)</p>"
STATEMENT = (
    "<div><p>版权与免责声明：</p><p>凡本网注明“来源：天水在线”的所有作品，版权均属于天水在线，"
    "未经本网授权不得转载、摘编或利用其它方式使用上述作品。</p></div>"
)
COMMENTS = (
    "这篇文章写得很好，关心下一代工作意义重大，希望各地都能学习借鉴。",
    "老同志们退休不褪色，为孩子们付出了很多心血，向他们致敬！",
    "我们学校也组织了类似的活动，同学们收获很大，感谢关工委的关心。",
    "希望以后多开展这样的宣讲活动，让更多农村孩子也能参加。",
    "看了很受感动，五老志愿者的精神值得我们年轻人学习，点赞。",
)
FOOTER_IN_BOX = (
    "<div><p>天水市关心下一代工作委员会 版权所有</p>"
    "<p>电话：0938-8212345 地址：天水市秦州区民主西路1号</p></div>"
)
SHARE_BAR = (
    "<div><span>分享到：</span><a href='javascript:;'>微信</a> <a href='javascript:;'>微博</a>"
    " <a href='javascript:;'>QQ空间</a> <a href='javascript:window.print()'>打印</a></div>"
)


def dated_list(caption: str, day: int) -> str:
    """A box of dated headlines, as sidebars and "related" blocks print them."""
    items = "".join(
        f"<li><a href='/news/{day}{i}.html'>全市关心下一代工作推进会议第{i}次召开</a>"
        f"<span>2021-03-{day + i:02d}</span></li>"
        for i in range(1, LIST_ITEMS + 1)
    )
    return f"<div><h3>{caption}</h3><ul>{items}</ul></div>"


def reserialized(root: etree._Element, sample: Sample) -> None:
    """No change: the page parsed and written out again (the control row)."""


def classes_renamed(root: etree._Element, sample: Sample) -> None:
    """Every class and id a new random name, as a redesign of the same layout gives: one name
    for each old one, and the page's scripts address the ids by their new names."""
    rng = random.Random(f"{SEED}:{sample.name}")
    renamed: dict[str, str] = {}
    ids: set[str] = set()
    for element in root.iter(etree.Element):
        for attribute in ("class", "id"):
            if element.get(attribute):
                names = element.get(attribute, "").split()
                new = [renamed.setdefault(n, f"x{rng.getrandbits(32):08x}") for n in names]
                element.set(attribute, " ".join(new))
                ids.update(names if attribute == "id" else ())
    for script in root.iter("script"):
        if script.text:
            script.text = re.sub(
                r"""(?<=["'#])[\w-]+(?=["'])""",
                lambda m: renamed[m[0]] if m[0] in ids else m[0],
                script.text,
            )


def minified(root: etree._Element, sample: Sample) -> None:
    """The whitespace between tags dropped, as an HTML minifier does (``<pre>`` kept)."""
    for element in root.iter(etree.Element):
        if element.tag == "pre" or any(a.tag == "pre" for a in element.iterancestors()):
            continue
        if element.text is not None and not element.text.strip():
            element.text = None
        if element.tail is not None and not element.tail.strip():
            element.tail = None


def related_list_in_text_box(root: etree._Element, sample: Sample) -> None:
    """A list of links to other articles closing the element that holds the most paragraphs
    (the text's own box), as some templates print 相关新闻 inside it."""
    boxes = [e for e in root.iter(etree.Element) if len(e.findall("p")) >= 2]
    if boxes:
        box = max(boxes, key=lambda element: len(element.findall("p")))
        box.append(lxml_html.fragment_fromstring(dated_list("相关新闻", 20)))


def _wrap_body(root: etree._Element, make: Callable[[etree._Element], etree._Element]) -> None:
    body = root.find(".//body")
    if body is None:
        return
    children = list(body)
    inner = make(body)
    for child in children:
        inner.append(child)
    if body.text and body.text.strip():
        inner.text, body.text = body.text, None


def in_a_form(root: etree._Element, sample: Sample) -> None:
    """The whole page inside one ``<form>``, as ASP.NET WebForms pages are."""
    _wrap_body(root, lambda body: etree.SubElement(body, "form", method="post", action="a.aspx"))


def in_a_table(root: etree._Element, sample: Sample) -> None:
    """The whole page in one cell of a layout table, as 2000s templates are."""

    def cell(body: etree._Element) -> etree._Element:
        table = etree.SubElement(body, "table", width="960", align="center")
        return etree.SubElement(etree.SubElement(table, "tr"), "td")

    _wrap_body(root, cell)


def dated_lists_around(root: etree._Element, sample: Sample) -> None:
    """A dated 最新动态 list before everything and a dated 相关新闻 list after it: sidebar
    columns as they stand in the source."""
    body = root.find(".//body")
    if body is None:
        return
    body.insert(0, lxml_html.fragment_fromstring(dated_list("最新动态", 0)))
    body.append(lxml_html.fragment_fromstring(dated_list("相关新闻", 10)))


def _headline_element(root: etree._Element, sample: Sample) -> etree._Element | None:
    """The first element whose text is about the headline alone."""
    headline = " ".join(sample.expected["title"].split())
    holder = None
    for element in root.iter(etree.Element):
        if element.tag in ("html", "head", "title", "body"):
            continue
        if headline in " ".join(element.text_content().split()):
            holder = element  # the last in document order: the innermost on its branch
            if len(element.text_content()) <= 2 * len(headline) + 20:
                break
    return holder


def share_bar_under_title(root: etree._Element, sample: Sample) -> None:
    """A 分享到 toolbar right after the element that shows the headline."""
    holder = _headline_element(root, sample)
    if holder is not None:
        holder.addnext(lxml_html.fragment_fromstring(SHARE_BAR))


def toolbar_in_title(root: etree._Element, sample: Sample) -> None:
    """A 分享到 toolbar inside the headline's own element, after its text."""
    holder = _headline_element(root, sample)
    if holder is not None:
        holder.append(lxml_html.fragment_fromstring(SHARE_BAR.replace("div>", "span>")))


def headings_as_divs(root: etree._Element, sample: Sample) -> None:
    """Every ``<h1>``…``<h6>`` a ``<div>``, as templates that style the headline by class do."""
    for element in root.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        element.tag = "div"


def paragraphs_as_breaks(root: etree._Element, sample: Sample) -> None:
    """Every ``<p>`` a ``<span>`` between ``<br>``s (one before, two after), as editors pasting
    into old CMSs write paragraphs."""
    for paragraph in list(root.iter("p")):
        paragraph.tag = "span"
        before, first, second = etree.Element("br"), etree.Element("br"), etree.Element("br")
        second.tail, paragraph.tail = paragraph.tail, None
        paragraph.addprevious(before)
        paragraph.addnext(first)
        first.addnext(second)


def _last_paragraph(root: etree._Element, sample: Sample) -> etree._Element | None:
    """The innermost element holding the text's last words."""
    end = sample.expected["body_end"][-BODY_END_CHARS:]
    return _smallest(root, lambda text: end in squeeze(text))


def editor_and_statement(root: etree._Element, sample: Sample) -> None:
    """An editor's line closing the text and a 版权与免责声明 block after its box, as 天水's
    news portals print them."""
    last = _last_paragraph(root, sample)
    if last is None or last.getparent() is None or last.tag in ("html", "body"):
        return
    last.addnext(lxml_html.fragment_fromstring(EDITOR_LINE))
    last.getparent().addnext(lxml_html.fragment_fromstring(STATEMENT))


def comments_after_text(root: etree._Element, sample: Sample) -> None:
    """Readers' comments after the text's box with no heading over them, each a name, the
    comment and its time, as old portals print them."""
    last = _last_paragraph(root, sample)
    if last is None or last.getparent() is None or last.tag in ("html", "body"):
        return
    entries = "".join(
        f"<div><span>网友{i}：</span><p>{comment}</p><span>2021-03-0{i} 10:0{i}</span></div>"
        for i, comment in enumerate(COMMENTS, 1)
    )
    last.getparent().addnext(lxml_html.fragment_fromstring(f"<div>{entries}</div>"))


def footer_in_text_box(root: etree._Element, sample: Sample) -> None:
    """The site's footer (its 版权所有 line, then a phone number and an address) closing the
    text's own box, as templates that print the article and the footer in one cell do."""
    last = _last_paragraph(root, sample)
    if last is None or last.getparent() is None or last.tag in ("html", "body"):
        return
    last.addnext(lxml_html.fragment_fromstring(FOOTER_IN_BOX))


def _rewriting(pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]) -> Transform:
    """A change that rewrites every match of ``pattern`` in the text the page shows."""

    def rewrite(root: etree._Element, sample: Sample) -> None:
        for element in root.iter(etree.Element):
            if element.tag in ("script", "style"):
                continue
            if element.text:
                element.text = pattern.sub(replace, element.text)
            if element.tail:
                element.tail = pattern.sub(replace, element.tail)

    return rewrite


TRANSFORMS: dict[str, Transform] = {
    "re-serialized (control)": reserialized,
    "class and id names renamed": classes_renamed,
    "minified (no whitespace between tags)": minified,
    "headings as styled <div>s": headings_as_divs,
    "paragraphs as <br> lines": paragraphs_as_breaks,
    "editor's line, 版权与免责声明 below": editor_and_statement,
    "readers' comments below, no heading": comments_after_text,
    "the site's footer closing the text's box": footer_in_text_box,
    "inside a <form>": in_a_form,
    "inside a layout table": in_a_table,
    "dated lists before and after": dated_lists_around,
    "a related list closing the text's box": related_list_in_text_box,
    "share bar under the headline": share_bar_under_title,
    "toolbar inside the headline's element": toolbar_in_title,
}
GBK = "GBK, declared only in <meta>"


def _smallest(root: etree._Element, holds: Callable[[str], bool]) -> etree._Element | None:
    """The innermost element whose text (whitespace collapsed) ``holds``."""
    found = None
    for element in root.iter(etree.Element):
        if element.tag not in ("html", "body") and holds(" ".join(element.text_content().split())):
            found = element
    return found


def _chain(root: etree._Element) -> etree._Element | None:
    return _smallest(root, lambda text: "上一篇" in text and "下一篇" in text)


def without_chain(root: etree._Element, sample: Sample) -> None:
    """The 上一篇/下一篇 links taken away: the text must end by density alone."""
    chain = _chain(root)
    if chain is not None:
        chain.drop_tree()


def meta_line_below(root: etree._Element, sample: Sample) -> None:
    """The time and 来源 line moved from above the text to below it, before 上一篇/下一篇."""
    meta = _smallest(root, lambda text: bool(META_LINE.search(text)) and len(text) < 120)
    chain = _chain(root)
    if meta is not None and chain is not None and meta.getparent() is not None:
        meta.drop_tree()
        meta.tail = None
        chain.addprevious(meta)


def _breadcrumb(root: etree._Element) -> etree._Element | None:
    return _smallest(root, lambda text: bool(BREADCRUMB.match(text)) and len(text) < 80)


def without_breadcrumb(root: etree._Element, sample: Sample) -> None:
    """The 首页 > 栏目 > 正文 trail taken away."""
    crumb = _breadcrumb(root)
    if crumb is not None:
        crumb.drop_tree()


def crumb_with_arrows(root: etree._Element, sample: Sample) -> None:
    """The trail as 天水's portals print it: 您所在的位置:首页>>栏目>>正文."""
    crumb = _breadcrumb(root)
    if crumb is None:
        return
    for element in crumb.iter(etree.Element):
        for place in ("text", "tail"):
            value = getattr(element, place)
            if value:
                setattr(element, place, CRUMB_SEPARATOR.sub(">>", value))
    if not CRUMB_LABEL.match(crumb.text_content()):
        crumb.text = "您所在的位置:" + (crumb.text or "")


def _meta_element(root: etree._Element) -> tuple[etree._Element, re.Match[str], str] | None:
    """The innermost element showing the time and the 来源, its date and its source."""
    meta = _smallest(root, lambda text: bool(SHOWN_TIME.search(text)) and "来源" in text)
    if meta is None:
        return None
    text = " ".join(meta.text_content().split())
    when, source = SHOWN_TIME.search(text), SOURCE_VALUE.search(text)
    if when is None or source is None:
        return None
    return meta, when, source[1]


def _meta_replaced(root: etree._Element, make: Callable[[re.Match[str], str], str]) -> None:
    found = _meta_element(root)
    if found is None:
        return
    meta, when, source = found
    fresh = lxml_html.fragment_fromstring(make(when, source), create_parent="span")
    fresh.tail = meta.tail
    meta.getparent().replace(meta, fresh)


def _slashed(when: re.Match[str]) -> str:
    """2019/1/29 9:57:20: slashes, no zero padding but the minutes' and seconds'."""
    shown = f"{when['year']}/{int(when['month'])}/{int(when['day'])}"
    if when["hour"]:
        shown += f" {int(when['hour'])}:{when['minute']}"
        shown += f":{when['second']}" if when["second"] else ""
    return shown


def meta_as_neighbours_print_it(root: etree._Element, sample: Sample) -> None:
    """(2019/1/29 9:57:20)  来源:市关工办  打印本页: no time label, as 天水's portals print it."""
    _meta_replaced(
        root,
        lambda when, source: f"({_slashed(when)})\u3000\u3000来源:{source}\u3000\u3000打印本页",
    )


def source_into_date(root: etree._Element, sample: Sample) -> None:
    """来源: 市关工办2019-01-29 09:57:20: the value running straight into the date."""
    _meta_replaced(root, lambda when, source: f"来源: {source}{when[0]}")


def meta_above_title(root: etree._Element, sample: Sample) -> None:
    """The meta line moved from under the headline to over it (crumb, meta line, title)."""
    found = _meta_element(root)
    if found is None:
        return
    meta, headline = found[0], " ".join(sample.expected["title"].split())
    shown = [e for e in root.iter(etree.Element) if " ".join(e.text_content().split()) == headline]
    before = [e for e in shown if e in meta.itersiblings(preceding=True)] or [
        e for e in shown if any(e in a.itersiblings(preceding=True) for a in meta.iterancestors())
    ]
    if not before:
        return
    meta.drop_tree()
    meta.tail = None
    before[-1].addprevious(meta)


def headline_broken(root: etree._Element, sample: Sample) -> None:
    """A two-part headline (抓好基层组织建设 充分发挥关工作用) printed on two lines, a ``<br>``
    where the space was; a headline of one part is left as it is."""
    headline = " ".join(sample.expected["title"].split())
    if " " not in headline:
        return
    first, second = headline.split(" ", 1)
    for element in root.iter(*HEADLINE_TAGS):
        if element.text and headline in " ".join(element.text.split()):
            element.text = " ".join(element.text.split()).replace(headline, first)
            broken = etree.Element("br")
            broken.tail = second
            element.insert(0, broken)
            return


def meta_in_cells(root: etree._Element, sample: Sample) -> None:
    """Each label and each value in a table cell of its own."""
    _meta_replaced(
        root,
        lambda when, source: (
            "<table><tr><td>发布时间：</td>"
            f"<td>{when[0]}</td><td>来源：</td><td>{source}</td></tr></table>"
        ),
    )


# Redesigns of the site's family, tried on the replica only (its truth holds whatever the
# markup): each with the fields it takes off the page, which are then not compared.
REDESIGNS: dict[str, tuple[Transform, frozenset[str]]] = {
    "no 上一篇/下一篇": (without_chain, frozenset(("prev_url", "next_url"))),
    "meta line below the text": (meta_line_below, frozenset()),
    "no breadcrumb": (without_breadcrumb, frozenset(("section",))),
    # 來源：, 發布時間：, 責任編輯：, 首頁 >, as sites in Taiwan, Hong Kong and some of 天水's
    # neighbours print them; the values stay as they are.
    "labels in traditional characters": (
        _rewriting(TRADITIONAL_LABEL, lambda m: m[0].translate(TRADITIONAL)),
        frozenset(),
    ),
    "dates written 2019年1月29日": (
        _rewriting(ISO_DATE, lambda m: f"{m[1]}年{int(m[2])}月{int(m[3])}日"),
        frozenset(),
    ),
    "dates written 2019/1/29": (
        _rewriting(ISO_DATE, lambda m: f"{m[1]}/{int(m[2])}/{int(m[3])}"),
        frozenset(),
    ),
    "chain labels 【上一篇】, 下一篇文章": (
        _rewriting(CHAIN_WORD, lambda m: "【上一篇】" if m[0] == "上一篇" else "下一篇文章"),
        frozenset(),
    ),
    "labels spaced out (时　间：, 来　源：)": (
        _rewriting(TWO_CHARACTER_LABEL, lambda m: f"{m[0][0]}\u3000{m[0][1]}"),
        frozenset(),
    ),
    "meta line (2019/1/29 9:57:20) 来源:x 打印本页": (meta_as_neighbours_print_it, frozenset()),
    "来源 running into the date": (source_into_date, frozenset()),
    "labels and values in table cells": (meta_in_cells, frozenset()),
    "meta line above the title": (meta_above_title, frozenset()),
    "headline broken in two by <br>": (headline_broken, frozenset()),
    "crumb 您所在的位置:首页>>栏目>>正文": (crumb_with_arrows, frozenset()),
}


def variant(sample: Sample, name: str) -> Sample:
    """``sample`` served with one reader-invisible change: a TRANSFORMS entry, or GBK."""
    text, _encoding = decode_html(sample.body, sample.content_type)
    root = lxml_html.document_fromstring(as_browsers_read(text))
    if name in REDESIGNS:
        REDESIGNS[name][0](root, sample)
    elif name != GBK:
        TRANSFORMS[name](root, sample)
    charset = "gb2312" if name == GBK else "utf-8"
    page = lxml_html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
    page = CHARSET_META.sub("", page).replace("<head>", CHARSET_AT_TOP.format(charset), 1)
    data = page.encode("gb18030" if name == GBK else "utf-8", errors="xmlcharrefreplace")
    headers = {"Content-Type": "text/html" if name == GBK else "text/html; charset=utf-8"}
    return replace(sample, body=data, headers=headers)


def replica_robustness(articles: int, seed: int = SEED) -> dict[str, dict[str, float]]:
    """Per change and dialect of the replica, with each page served changed: the share of
    articles a field is exactly the ground truth for, the lowest over the fields (those a
    redesign leaves on the page)."""

    def changed(name: str) -> Callable[..., tuple[bytes, Mapping[str, str]]]:
        def change(
            url: str, body: bytes, headers: Mapping[str, str], truth: Mapping[str, Any]
        ) -> Any:
            expected = {"title": truth["title"], "body_end": squeeze(truth["body_text"] or "")}
            page = Sample(url, "replica", url, body, dict(headers), expected)
            served = variant(page, name)
            return served.body, served.headers

        return change

    shares: dict[str, dict[str, float]] = {}
    for name in [*TRANSFORMS, GBK, *REDESIGNS]:
        gone = REDESIGNS[name][1] if name in REDESIGNS else frozenset()
        shares[name] = {}
        for dialect in DIALECTS:
            fields = dialect_accuracy(dialect, articles, seed, changed(name))["fields"]
            shares[name][dialect] = min(f["share"] for n, f in fields.items() if n not in gone)
    return shares


def robustness(samples: list[Sample]) -> dict[str, Any]:
    """Per change and split: fields right on the page as saved, and how many stay right;
    the dev pages' lost fields by name."""
    names = [*TRANSFORMS, GBK]
    splits = ordered_splits(samples)
    table = {name: {split: {"right": 0, "kept": 0} for split in splits} for name in names}
    lost: dict[str, list[str]] = {name: [] for name in names}
    for sample in samples:
        offers = OFFERS["ggcrawl"]
        right = [
            field
            for field, ok in check_page(sample.expected, run_ggcrawl(sample), offers).items()
            if ok and not field.endswith("_invented")
        ]
        if not right:
            continue
        for name in names:
            checks = check_page(sample.expected, run_ggcrawl(variant(sample, name)), offers)
            kept = [field for field in right if checks.get(field)]
            counts = table[name][sample.split]
            counts["right"] += len(right)
            counts["kept"] += len(kept)
            if sample.split != HOLDOUT:
                lost[name] += [f"{sample.name}: {field}" for field in right if field not in kept]
    return {"splits": splits, "table": table, "lost": lost}


def text_table(result: dict[str, Any]) -> str:
    splits = result["splits"]
    head = f"{'change a reader never sees':40}" + "".join(f"{s + ' kept':>18}" for s in splits)
    rows = [head]
    for name, by_split in result["table"].items():
        cells = "".join(
            f"{by_split[s]['kept']:>10}/{by_split[s]['right']:<7}".rjust(18) for s in splits
        )
        rows.append(f"{padded(name, 40)}{cells}")
    return "\n".join(rows)


def replica_table(shares: dict[str, dict[str, float]]) -> str:
    rows = [f"{'change':40}" + "".join(f"{d:>10}" for d in DIALECTS)]
    for name, by_dialect in shares.items():
        rows.append(padded(name, 40) + "".join(f"{by_dialect[d]:>10.3f}" for d in DIALECTS))
    return "\n".join(rows)


def padded(text: str, width: int) -> str:
    """``text`` padded to ``width`` columns as a terminal shows it (a Han character is two)."""
    return text + " " * max(0, width - len(text) - sum(1 for c in text if c >= "\u4e00"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.extraction_robustness",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of page folders")
    parser.add_argument("--json", type=Path, help="write every figure here")
    parser.add_argument("--failures", action="store_true", help="name the dev pages' lost fields")
    parser.add_argument(
        "--replica-articles",
        type=int,
        default=100,
        help=f"articles per dialect, at least {MIN_REPLICA} (0: skip)",
    )
    args = parser.parse_args(argv)
    if 0 < args.replica_articles < MIN_REPLICA:
        parser.error(f"--replica-articles: a replica has at least {MIN_REPLICA} articles, or 0")
    samples = load_corpus(args.corpus)
    if not samples:
        print(f"no pages under {args.corpus}", file=sys.stderr)
        return 2
    result = robustness(samples)
    print(f"{len(samples)} real pages, each served again with one change:\n")
    print(text_table(result))
    if args.replica_articles:
        result["replica"] = replica_robustness(args.replica_articles)
        print(
            f"\nThe replica's dialects ({args.replica_articles} articles each): the share of"
            " articles a field is exact for, the lowest over the fields:\n"
        )
        print(replica_table(result["replica"]))
    if args.failures:
        for name, fields in result["lost"].items():
            if fields:
                print(f"\n{name}:\n  " + "\n  ".join(fields))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
