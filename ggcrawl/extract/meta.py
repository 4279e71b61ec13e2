"""The meta line: the time an article was published and the 来源 beside it.

A template prints them on one line after a label (时间：… 来源：…), or with no label at all
beside the text (``<span>2020-10-04 20:30</span> 来源: 长江网``), or in a disclosure table above
the article (生成日期). The date, and the source nearest to it, are read from the lines as a
reader sees them, whatever markup parts the label from its value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone

from lxml import etree

from ggcrawl.dates import DATE_PATTERN, date_alone, parse_published
from ggcrawl.extract.body import is_utility_text
from ggcrawl.extract.density import Block, comment_lines, is_time_stamp
from ggcrawl.extract.document import (
    BLOCK_TAGS,
    NOT_HEADING,
    Line,
    Page,
    box_of,
    heading_level,
    normalize_text,
)
from ggcrawl.extract.labels import (
    DATE_LABELS,
    DOCUMENT_DATE_LABELS,
    HAN_CHARS,
    LABEL_FIELD,
    MEDIA_ENDINGS,
    META_LABELS,
    NEWS_COLUMNS,
    PORTAL_CHANNELS,
    PORTAL_NAMES,
    SOURCE_END_WORDS,
    SOURCE_LABELS,
    UTILITY_WORDS,
    label_pattern,
)

# A date shown without its year, with its time (05-27 09:20, as mobile pages print the day's
# news): a meta line's only with the year the page declares for the same day (its head's date,
# or its address's: /2019/0527/).
YEARLESS_DATE = re.compile(
    r"(?<![\d/.:-])(?P<m>\d{1,2})\s*(?:[-/]|月)\s*(?P<d>\d{1,2})日?\s+"
    r"(?P<H>\d{1,2}):(?P<M>\d{2})(?![\d:])"
)
# Where a date begins: a value running into one (来源:新天水2020-05-26) stops there, or into
# a yearless one (（来源：环球网） 05-27 09:20).
DATE_START = (
    r"(?:(?:19|20)\d{2}\s*(?:[-/.]|年)\s*\d{1,2}\s*(?:[-/.]|月)"
    rf"|{YEARLESS_DATE.pattern})"
)
ALL_DATE_LABELS = DATE_LABELS + DOCUMENT_DATE_LABELS


def _labelled_date(labels: tuple[str, ...]) -> re.Pattern[str]:
    """A time label and its date, perhaps in brackets (发布时间：[2017-05-10]); after another
    word only with a colon (来源：南开新闻网发稿时间：…)."""
    return re.compile(
        rf"(?:{label_pattern(labels, not_after_han=True, colon_after_han=True)})"
        rf"[^\S\n]*[:：]?\s*[\[【(（]?\s*(?:{DATE_PATTERN.pattern})"
    )


DATE_LINE = _labelled_date(ALL_DATE_LABELS)
# A place right after a labelled time (on its line or the next, perhaps numbered as a
# notice's items are: 一、时间：… | 二、地点：…): the time is an event's.
EVENT_PLACE = re.compile(
    r"[^\n]*\s*(?:[一二三四五六七八九十\d]{1,2}\s*[、.．]\s*)?(?:地点|地址|会场|地點|會場)[^\S\n]*[:：]"
)
EVENT_PLACE_REACH = 80
# How many of the text's last lines its signature may take (issuer, date, a note).
SIGNATURE_LINES = 3
DOCUMENT_DATE_LABEL = re.compile(label_pattern(DOCUMENT_DATE_LABELS))
# A labelled time anywhere on the page, 更新 included ([更新：2015-05-19 14:45:57] below the
# text): it only ever adds the time to a date found beside the text (finer_time), never places
# the meta line.
TIME_LINE = _labelled_date((*DATE_LABELS, "更新"))
# A 来源 label and its value, which ends at two spaces, another label (a known one, or any
# word of a few characters with a colon after a space: 文章类型：原创), a bracket or bar, the
# line's end, a date, a toolbar's word or the words that follow a source (我要评论, 分享到).
SOURCE_FIELD = re.compile(
    rf"(?:{label_pattern(SOURCE_LABELS, not_after_han=True)})[^\S\n]*[:：][^\S\n]*"
    rf"(?P<value>.*?)(?=[^\S\n]{{2,}}|[^\S\n]*(?:{label_pattern(META_LABELS)})[^\S\n]*[:：]"
    rf"|[^\S\n]+[{HAN_CHARS}]{{2,6}}[^\S\n]*[:：]"
    rf"|[【\[|｜]|\n|$|[^\S\n]*{DATE_START}|[^\S\n]+(?:{UTILITY_WORDS.pattern})"
    rf"|[^\S\n]*(?:{label_pattern(SOURCE_END_WORDS)}))"
)
HAN = re.compile(f"[{HAN_CHARS}]")
SOURCE_LABEL = re.compile(label_pattern(SOURCE_LABELS, not_after_han=True))
# A 来源 label that ends its line, its value alone on the next line (a table cell beside it),
# and the elements that print such a pair.
SOURCE_ON_NEXT_LINE = re.compile(
    rf"(?:{label_pattern(SOURCE_LABELS, not_after_han=True)})[^\S\n]*[:：]?[^\S\n]*\n\s*"
    r"(?P<value>[^\n。，；！？:：]{1,30})[^\S\n]*(?=\n|$)"
)
CELL_TAGS = frozenset(("td", "th", "dt", "dd"))
LIST_ITEM = frozenset(("li",))
# A medium's name with no label (中國時報, 东北新闻网, 新华社, a portal's channel: 新浪娱乐),
# not a column (社会新闻); a toolbar's word that ends alike (举报) is none either. A site and
# the paper it carries, joined by a dash (大洋网-信息时报), are one name.
MEDIUM = (
    rf"[{HAN_CHARS}]{{1,10}}(?:{'|'.join(MEDIA_ENDINGS)})"
    rf"|(?:{'|'.join(PORTAL_NAMES)})(?:{'|'.join(PORTAL_CHANNELS)})"
)
MEDIA_NAME = re.compile(
    rf"(?!(?:{'|'.join(NEWS_COLUMNS)})(?:新闻|新聞)$)(?:{MEDIUM})(?:[-－–—](?:{MEDIUM}))?"
)
# What parts the names on a meta line: spaces, slashes, bars and the ¦ left where a date was
# taken out; and a labelled field (时间：…, 作者：王五), which names no medium and whose value
# runs past no ¦, and whose label begins after the last bar (數位時代網站｜撰文者：許凱玲).
NAME_SEPARATORS = re.compile(r"[\s╱/／|｜丨·•()（）\[\]【】¦]+")
LABELLED_VALUE = re.compile(r"[^\s:：¦|｜丨]+[:：]\s*[^\s¦]*")
# What parts a breadcrumb's crumbs (首页 > 新闻), whose first is the site's name, no source.
CRUMB_SEPARATOR = re.compile(r">|＞|»|›|→")
# An agency's dateline opening the text, in brackets of its own (〔中央社〕天冷溫差大…); never
# the paper itself (本报, 本网: the site's own).
DATELINE_AGENCY = re.compile(r"^[〔【\[(（]\s*(?P<name>(?!本)[^〕】\]）)\s]{2,12})\s*[〕】\]）)]")
# How many lines above or below the meta line its 来源 may stand.
SOURCE_REACH = 2
# How many lines below the body a 来源 line may stand.
SOURCE_BELOW_REACH = 3
# How many lines before the text (or after it) an unlabelled date may stand, and how long its
# line may be (a meta line, not a sentence that mentions a date).
DATE_REACH = 6
# How many toolbar lines between it and the text do not count towards that reach.
TOOLBAR_REACH = 16
# A line this short is a font-size button (大, 中, 小); one of links this short a share button.
FONT_BUTTON_MAX = 2
SHARE_LINK_MAX = 12
# How many lines below the text a date printed after it may stand.
DATE_BELOW_REACH = 3
META_LINE_MAX = 80
# How many Han characters on each side of a date in a heading make it part of the headline.
HEADLINE_AROUND_DATE_MIN = 4
DECLARED_DAY = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")
URL_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/_]?(?P<m>\d{2})[-/_]?(?P<d>\d{2})(?!\d)")
# A time of day printed before its date (19:05 2020/02/28, as Hong Kong papers do).
TIME_BEFORE_DATE = re.compile(r"(?<![\d:])((?:[01]?\d|2[0-3]):[0-5]\d)\s*$")
# A link of this many Han characters on a dated line is a headline: the line is a list's item
# (a related or latest list beside the text: 标题 2021-03-07), not the article's meta line.
HEADLINE_LINK_MIN = 8
# The publication time a page's scripts hold for machines (JSON-LD's datePublished, the data a
# script renders the page from: "pubtime": "2021-06-10 17:05:40"), when nothing else dates it.
SCRIPTED_DATE = re.compile(
    r'"(?:datePublished|pubtime|pubTime|publish_time|publishTime|pubDate)"\s*:\s*"([^"]{8,40})"'
    # or a script's variable (WeChat's var publish_time = "2018-08-28")
    r'|\b(?:var|let|const)\s+(?:pubtime|pubTime|publish_time|publishTime|pubDate)\s*=\s*"([^"]{8,40})"'
)
# The Unix time a WeChat article was posted, which its script writes as the day it shows
# (var ct = "1569726442": 2019-09-29), where no publish_time variable holds the day.
WECHAT_CREATED = re.compile(r'\bvar ct\s*=\s*"(\d{10})"')
BEIJING = timezone(timedelta(hours=8))
# Elements that show a date and say it is one: a <time>, or one marked as the article's
# publication date (明報's <div itemprop="datePublished">2018年12月17日星期一</div>).
SHOWN_DATES = etree.XPath("//time | //*[@itemprop='datePublished'][not(self::meta)]")
# Dates a page declares for machines, in the order they are trusted.
DECLARED_DATES = etree.XPath(
    "//meta[@property='article:published_time' or @name='PubDate' or @name='pubdate'"
    " or @name='publishdate' or @name='publish_date' or @itemprop='datePublished']/@content"
)


@dataclass(frozen=True)
class MetaLine:
    """The line that dates an article: where it is, its date, and the 来源 beside it."""

    line: int  # index into page.lines
    published_at: str | None
    source: str | None
    source_found: bool
    labelled: bool = True  # a time label named the date; else it was found by its place
    # A document's own date (生成日期, 发文日期) in a table above the article: it dates the
    # article but does not place it, for the title and the text follow the whole table.
    document: bool = False
    # The last line the meta holds: the 来源 value's, where it stands alone below the date
    # (label and value in cells of their own: 来源： | 天水在线).
    last: int = -1

    @property
    def below(self) -> int:
        """The first line past the meta line and its 来源 value."""
        return max(self.line, self.last) + 1


def find_meta_line(page: Page, after_line: int = 0) -> MetaLine | None:
    """The first line after the breadcrumb with a time label and a date (before it, if none
    is after it), never a sentence that names a date (报名截止日期：6月20日。…)."""
    start_offset = page.offset(page.lines[after_line].start) if after_line < len(page.lines) else 0
    match = _date_label(page, start_offset) or (_date_label(page, 0) if start_offset else None)
    if match is None:
        return None
    meta = _meta_at(page, match.start(), match.end(), parse_published(match.group(0)))
    if DOCUMENT_DATE_LABEL.match(match.group(0)):
        return replace(meta, document=True)
    return meta


def _date_label(page: Page, offset: int) -> re.Match[str] | None:
    """The first labelled date from ``offset`` that is no sentence's; a document's own date
    (生成日期, 发文日期 in a 信息公开 table) only where no publication date follows."""
    document_date = None
    for match in DATE_LINE.finditer(page.joined, offset):
        line = page.lines[min(page.line_index_at(page.run_at(match.start())), len(page.lines) - 1)]
        if "。" in line.text and len(line.text) > META_LINE_MAX:
            continue
        if _event_time(page, match):
            continue
        if not DOCUMENT_DATE_LABEL.match(match.group(0)):
            return match
        document_date = document_date or match
    return document_date


def _meta_at(
    page: Page, start: int, end: int, published: str | None, *, labelled: bool = True
) -> MetaLine:
    """The meta line whose date is ``joined[start:end]``, with the 来源 nearest to the date on
    the lines as a reader sees them (its own, or one of the two on either side)."""
    lines = page.lines
    line_index = page.line_index_at(page.run_at(start))
    low = max(0, line_index - SOURCE_REACH)
    texts = [line.text for line in lines[low : line_index + SOURCE_REACH + 2]]
    window = "\n".join(texts)
    meta_text = texts[line_index - low] if line_index - low < len(texts) else ""
    date_text = normalize_text(page.joined[start:end])
    centre = len("\n".join(texts[: line_index - low])) + max(0, meta_text.find(date_text))
    below = {
        m.start(): m["value"]
        for m in SOURCE_ON_NEXT_LINE.finditer(window)
        if _value_below(page, low + window.count("\n", 0, m.start()))
    }
    # (where the label is, its value, whether the value stands on the next line)
    sources = [
        (m.start(), m["value"], False)
        if m["value"]
        else (m.start(), below.get(m.start(), ""), m.start() in below)
        for m in SOURCE_FIELD.finditer(window)
    ]
    sources = sources or [(at, value, True) for at, value in below.items()]
    source, last = None, _meta_list_end(page, line_index)
    if sources:
        at, value, on_next_line = min(sources, key=lambda found: abs(found[0] - centre))
        source = _within_element(page, lines[low : line_index + SOURCE_REACH + 2], value)
        label_line = low + window.count("\n", 0, at)
        date_line = page.line_index_at(page.run_at(max(start, end - 1)))
        if on_next_line and label_line <= date_line + 1:  # 时间： | 2019-… | 来源： | 天水在线
            last = max(last, label_line + 1)
    return MetaLine(line_index, published, source, bool(sources), labelled, last=last)


def _meta_list_end(page: Page, line_index: int) -> int:
    """The last line of a list of meta items that the date's item opens (日期 | 作者 | 标签,
    each an ``<li>`` of one list): a reader takes the short items after the date's for meta
    too (a poster's name), not for the text's first lines."""
    lines = page.lines
    item = _nearest(page.runs.owner[lines[line_index].start], LIST_ITEM)
    if item is None:
        return line_index
    following = set(item.itersiblings("li"))
    last = line_index
    while last + 1 < len(lines):
        line = lines[last + 1]
        if len(line.text) > META_LINE_MAX or "。" in line.text:
            break
        if _nearest(page.runs.owner[line.start], LIST_ITEM) not in following:
            break
        last += 1
    return last


def _value_below(page: Page, index: int) -> bool:
    """Whether line ``index`` (an empty 来源 label) and the next pair as a label and its
    value: in one block (``来源：</font><a>大江网</a>``, broken where minified markup runs it
    into two lines), or in two cells of one table, or a definition list's term and definition
    (来源： | 市关工办). The text's first line under an empty label is none (来源： then
    第一章 总 则), in a layout table's cell too."""
    lines = page.lines
    if index + 1 >= len(lines):
        return False
    label, value = (page.runs.owner[lines[i].start] for i in (index, index + 1))
    if _nearest(label, BLOCK_TAGS) is _nearest(value, BLOCK_TAGS):
        return True
    label_cell, value_cell = _nearest(label, CELL_TAGS), _nearest(value, CELL_TAGS)
    return (
        label_cell is not None
        and value_cell is not None
        and label_cell is not value_cell
        and next(label_cell.iterancestors("table", "dl"), None)
        is next(value_cell.iterancestors("table", "dl"), None)
    )


def _nearest(element: etree._Element, tags: frozenset[str]) -> etree._Element | None:
    return next((e for e in (element, *element.iterancestors()) if e.tag in tags), None)


def _within_element(page: Page, lines: list[Line], value: str) -> str | None:
    """The 来源 ``value`` read off the lines, cut where another element begins (minified markup
    runs ``<span>来源：人民日报海外版</span><span>中国青年网</span>`` together with no space
    for the value to stop at), or at a full-width space, which the lines read as any space
    (``<a>竞报</a>(北京)\u3000杨柳``: the reporter's name); text after the value's own element
    goes on (``<a>21世纪经济报道</a>(广州)``), and a link after a value that is none is the
    page's (``国际在线&nbsp;&nbsp;<a>进入电子报</a>``)."""
    source = source_value(value)
    if not source or not lines:
        return source
    runs = page.runs
    start, end = page.offset(lines[0].start), page.offset(lines[-1].end)
    for match in SOURCE_FIELD.finditer(page.joined, start, end):
        first = page.run_at(match.start("value"))
        while (
            first < lines[-1].end
            and not runs.text[first][max(0, match.start("value") - page.offset(first)) :].strip()
        ):
            first += 1
        if first >= lines[-1].end:
            continue
        owner = runs.owner[first]
        around = {owner, *owner.iterancestors()}  # a tail after the value's element goes on
        unlinked = runs.anchor(first) is None  # a link after it is the page's (进入电子报)
        last = first + 1
        while (
            last < lines[-1].end
            and (runs.owner[last] in around or owner in runs.owner[last].iterancestors())
            and not (unlinked and runs.anchor(last) is not None)
        ):
            last += 1
        shown = page.joined[match.start("value") : page.offset(last)].strip()
        bounded = source_value(shown.split("\u3000", 1)[0])
        if bounded and source != bounded and source.startswith(bounded):
            return bounded
    return source


def unlabelled_meta(page: Page, block: Block, after_line: int) -> MetaLine | None:
    """A date with no time label beside the text: on the nearest short line above it (or in
    its first lines, or just below it, where readers' comments' times are not) that shows a
    whole date (``2020-10-04 20:30 来源: 长江网``, ``(2017/7/11 11:28:09)``,
    ``来源：太原晚报 2021-11-25``)."""
    lines = page.lines
    first = min(block.start + 1, len(lines) - 1)
    while first + 1 < len(lines) and is_toolbar_line(page, lines[first]):
        first += 1  # a share bar under the headline the block opens with
    above = _lines_above(page, first, after_line, first - (block.start - DATE_REACH) + 1)
    below = list(range(block.end, min(len(lines), block.end + DATE_BELOW_REACH)))
    if any(is_time_stamp(lines[index].text) for index in below):  # a comment's time, perhaps
        comments = comment_lines(page)  # read once, where it may matter
        below = [index for index in below if index not in comments]
    for index in (*above, *below):
        meta = _unlabelled_at(page, index)
        if meta is not None:
            return meta
    # The block's own last line, where it is a time of day with the bulletin it aired in after
    # the text's signature (公視's 台中 嘉義 綜合報導 | (2014-12-12 19:00) 晚間新聞); a date
    # alone there signs the text, a time alone is a comment's or the credits'. The bulletin is
    # no source: the line settles it as none.
    closing = (
        page.lines[block.end - 1].text
        if block.end - block.start > 2 and not _links_elsewhere(page, block.end - 1)
        else ""
    )
    last = _unlabelled_at(page, block.end - 1) if closing and not is_time_stamp(closing) else None
    if last is not None and len(last.published_at or "") > len("2020-02-28"):
        return replace(last, source=None, source_found=True)
    # A block that took in what stands above the text (a kicker or a subtitle around the
    # title, a byline) holds the meta line below those short lines: one that reads as a meta
    # line, with a time of day, a 来源 or a medium's name beside the date (a WeChat account's:
    # 2018-04-06 华商君 华商报), not a date the text opens with (an issuer's).
    for index in range(first + 1, min(first + DATE_REACH - 1, block.end, len(lines))):
        text = lines[index].text
        if len(text) > META_LINE_MAX or "。" in text:
            break
        meta = _unlabelled_at(page, index)
        if meta is not None and (
            meta.source_found
            or len(meta.published_at or "") > 10
            or media_source(page, meta) is not None
        ):
            return meta
    return None


def _lines_above(page: Page, first: int, after_line: int, reach: int) -> list[int]:
    """Lines ``first`` and up, ``reach`` of them past the toolbars between a meta line and
    the text (分享到, 微信, 微博, 评论, share buttons, 大 中 小), which a reader's eye skips,
    at most :data:`TOOLBAR_REACH` of those."""
    found: list[int] = []
    counted = toolbars = 0
    index = first
    while index >= after_line and counted < reach:
        found.append(index)
        line = page.lines[index]
        if (is_toolbar_line(page, line) or _all_links(page, line)) and toolbars < TOOLBAR_REACH:
            toolbars += 1
        else:
            counted += 1
        index -= 1
    return found


def is_toolbar_line(page: Page, line: Line) -> bool:
    """A toolbar's line: its words (打印 分享), a font-size button (大 中 小), or a short
    line all of links (the share buttons sina tencent facebook …)."""
    text = line.text
    if len(text) <= FONT_BUTTON_MAX or is_utility_text(text):
        return True
    return len(text) <= SHARE_LINK_MAX and _all_links(page, line)


def _all_links(page: Page, line: Line) -> bool:
    runs = page.runs
    return all(
        runs.anchor(run) is not None
        for run in range(line.start, line.end)
        if runs.text[run].strip()
    )


def _unlabelled_at(page: Page, index: int) -> MetaLine | None:
    """The meta line ``index`` is when it is short, shows a whole date and is no sentence (a
    photo's caption dating the event: 2014年5月12日宜宾市14路公交车爆燃现场。)."""
    line = page.lines[index]
    if (
        len(line.text) > META_LINE_MAX
        or "。" in line.text
        or _lists_headline(page, index)
        or page.runs.owner[line.start].tag == "title"  # the tab's title, no line of the page
    ):
        return None
    match = DATE_PATTERN.search(page.joined, page.offset(line.start), page.offset(line.end))
    published = parse_published(match.group(0)) if match else None
    if match is None:
        match = YEARLESS_DATE.search(page.joined, page.offset(line.start), page.offset(line.end))
        published = _with_declared_year(page, match) if match else None
    if match is None or published is None or _event_time(page, match):
        return None
    if _inside_headline(page, line, match):
        return None
    before = TIME_BEFORE_DATE.search(page.joined, page.offset(line.start), match.start())
    if before is not None and len(published) == len("2020-02-28"):
        published = parse_published(f"{match.group(0)} {before[1]}") or published
    return _meta_at(page, match.start(), match.end(), published, labelled=False)


def _inside_headline(page: Page, line: Line, date: re.Match[str]) -> bool:
    """Whether the date stands inside a heading's words, the headline on either side of it (an
    event's day: 【性別教育推廣實作】106/06/13(二)多元性別X醫療權益論壇): the event's, not
    the article's. A date opening or closing a heading (its toolbar after it aside), or a meta
    line printed as a heading (2012-01-16 14:55:58 来源： 南方日报), still dates the article."""
    if heading_level(page, line) == NOT_HEADING:
        return False
    before = page.joined[page.offset(line.start) : date.start()]
    after = page.joined[date.end() : page.offset(line.end)]
    return (
        min(len(HAN.findall(before)), len(HAN.findall(after))) >= HEADLINE_AROUND_DATE_MIN
        and not LABEL_FIELD.search(after)
        and not is_utility_text(after)  # a share bar in the headline's element (分享到：微信)
    )


def _with_declared_year(page: Page, date: re.Match[str]) -> str | None:
    """The yearless ``date`` (:data:`YEARLESS_DATE`) with the year of the day the page
    declares (``2019-05-27T09:22:26`` in its head for ``05-27 09:20``), or its address shows;
    None where neither names that day, for a year guessed could be any."""
    month, day = int(date["m"]), int(date["d"])
    declared = DECLARED_DAY.match(declared_date(page) or "")
    for found in (declared, URL_DATE.search(page.url)):
        if found is not None and (int(found["m"]), int(found["d"])) == (month, day):
            return parse_published(f"{found['y']}-{month}-{day} {date['H']}:{date['M']}")
    return None


def _event_time(page: Page, date: re.Match[str]) -> bool:
    """Whether a place follows the date (时间：11月15日 14:00 地点：…, on its line or the
    next): an event's time, not the article's."""
    return EVENT_PLACE.match(page.joined, date.end(), date.end() + EVENT_PLACE_REACH) is not None


def _links_elsewhere(page: Page, index: int) -> bool:
    """Whether line ``index`` links to another page: a list's item (局長變身“舵主”後
    (2012-01-10 10:53:24), a headline too short for :func:`_lists_headline`), never the
    text's signature."""
    runs = page.runs
    line = page.lines[index]
    return any(
        (anchor := runs.anchor(run)) is not None
        and page.absolute(anchor.get("href", "")) is not None
        for run in range(line.start, line.end)
    )


def _lists_headline(page: Page, index: int) -> bool:
    """Whether line ``index``, or the line above it in the same list item, links a headline
    (a list's ``<li><a>标题</a><span>2021-03-07</span></li>``) to another page; a 来源 link
    is no headline, nor the page's own headline in a link that leads nowhere (民視's
    ``<a href="#">``)."""
    runs = page.runs
    line = page.lines[index]
    if SOURCE_LABEL.search(line.text):
        return False
    owner = runs.owner[line.start]
    item = owner if owner.tag == "li" else next(owner.iterancestors("li"), None)
    first = page.spans[item][0] if item is not None and item in page.spans else line.start
    for run in range(min(first, line.start), line.end):
        anchor = runs.anchor(run)
        if (
            anchor is not None
            and len(HAN.findall(page.text_of(anchor))) >= HEADLINE_LINK_MIN
            and page.absolute(anchor.get("href", "")) is not None
        ):
            return True
    return False


def finer_time(page: Page, published: str) -> str:
    """``published`` (a date alone), or the same day with its time where a time label
    elsewhere on the page shows it (来源：人民日报 2015-5-19 above the text, [更新：2015-05-19
    14:45:57] below it): the page does show the time, and the date alone loses it."""
    if len(published) != len("2015-05-19"):
        return published
    for match in TIME_LINE.finditer(page.joined):
        found = parse_published(match.group(0))
        if found and len(found) > len(published) and found.startswith(published):
            return found
    return published


def signed_date(text: str) -> str | None:
    """The date a notice is signed with (its last lines: 南开大学学生就业指导中心 / 2024年10月28日),
    for a page that shows no other: a line that is a whole date and nothing else."""
    for line in reversed(text.split("\n")[-SIGNATURE_LINES:]):
        if (dated := date_alone(line)) is not None:
            return dated
    return None


def declared_date(page: Page) -> str | None:
    """The publication date of a ``<time>`` or an element marked ``datePublished`` (as it
    shows it, else its ``datetime`` or ``content``), one the page declares in its head
    (``article:published_time``, ``PubDate``…), or one its scripts hold
    (:data:`SCRIPTED_DATE`, a WeChat article's :data:`WECHAT_CREATED`): taken only when no
    meta line shows one."""
    for shown in SHOWN_DATES(page.root):
        published = parse_published(page.text_of(shown)) or parse_published(
            shown.get("datetime") or shown.get("content") or ""
        )
        if published is not None:
            return published
    for value in DECLARED_DATES(page.root):
        published = parse_published(str(value))
        if published is not None:
            return published
    scripted = SCRIPTED_DATE.search(page.html)
    if scripted is not None:
        return parse_published(scripted[1] or scripted[2])
    created = WECHAT_CREATED.search(page.html)
    return _beijing_day(int(created[1])) if created else None


def _beijing_day(seconds: int) -> str:
    """The day in Beijing of a Unix time, as WeChat shows its articles' dates: the day only."""
    return datetime.fromtimestamp(seconds, BEIJING).date().isoformat()


def source_below(page: Page, end_line: int) -> tuple[str | None, bool]:
    """(source, found) from a 来源 line at the end of the text or just below it, as some
    templates print it (（来源：…）); an empty one there is no source found."""
    lines = page.lines[max(0, end_line - SOURCE_BELOW_REACH) : end_line + SOURCE_BELOW_REACH]
    return source_in([line.text for line in lines])


def source_in(texts: list[str]) -> tuple[str | None, bool]:
    """(source, found) from a 来源 field on these lines."""
    match = SOURCE_FIELD.search("\n".join(texts))
    value = source_value(match["value"]) if match else None
    return value, value is not None


def source_value(value: str) -> str | None:
    """A 来源 value as shown, less a closing bracket it does not open (（来源：市关工办）,
    【来源：央视新闻】), or the brackets it stands in whole (来源：( 华声在线 ))."""
    value = normalize_text(value)
    for opening, closing in (("（", "）"), ("(", ")"), ("【", "】"), ("[", "]")):
        if value.endswith(closing) and opening not in value:
            value = value[: -len(closing)].rstrip()
        elif value.startswith(opening) and value.endswith(closing) and value.count(opening) == 1:
            value = value[len(opening) : -len(closing)].strip()
    return value or None


def media_source(page: Page, meta: MetaLine) -> str | None:
    """The source where no 来源 label shows one: a medium's name beside the date on the meta
    line, or standing alone on the line below a meta line that shows only the time
    (``2012-01-17 01:19`` | ``中國時報``), or above it in the same box. Names part where their
    elements do, as minified markup prints them (``05:38</span><a>新浪网</a>作者``). Of two
    names, the one that is not the site's own, which closes the ``<title>`` (青岛新闻网
    2005-09-21 16:47:52 新闻晨报)."""
    lines, runs = page.lines, page.runs
    line = lines[meta.line]
    shown = " ".join(runs.text[run] for run in range(line.start, line.end))
    rest = LABELLED_VALUE.sub(" ", DATE_PATTERN.sub(" ¦ ", shown))
    crumbs = CRUMB_SEPARATOR.search(rest) is not None  # 自由電子報 > 即時新聞總覽: the site's
    names = () if crumbs else NAME_SEPARATORS.split(rest)
    media = [name for name in names if _is_medium(name)]
    if media:
        others = [name for name in media if not page.title_text.endswith(name)]
        return (others or media)[0]
    if HAN.search(rest):
        return None
    below = lines[meta.line + 1].text.strip() if meta.line + 1 < len(lines) else ""
    if _is_medium(below):
        return below
    above = lines[meta.line - 1] if meta.line > 0 else None
    if (
        above is not None
        and _is_medium(above.text.strip())
        and box_of(page, above) is box_of(page, line) is not None
    ):
        return above.text.strip()  # Taiwan News's byline box: 中央社 | 2012-01-11 08:30 PM
    return None


def _is_medium(name: str) -> bool:
    return MEDIA_NAME.fullmatch(name) is not None and not is_utility_text(name)


def dateline_source(body_text: str) -> str | None:
    """The source a text opens with, where no 来源 label names one: the agency's name in
    brackets before its first words (〔中央社〕), as wire copy is printed."""
    match = DATELINE_AGENCY.match(body_text)
    name = match["name"] if match else None
    return name if name and _is_medium(name) else None
