"""The article's headline: the line above the meta line or the text that a reader takes
for it, weighed against the headings there and the ``<title>``, which also names the column
and the site."""

from __future__ import annotations

import re
from itertools import pairwise

from lxml import etree

from ggcrawl.dates import DATE_PATTERN, parse_published
from ggcrawl.extract.body import is_utility_text, without_toolbar
from ggcrawl.extract.breadcrumb import is_crumb_line
from ggcrawl.extract.document import (
    HEADINGS,
    NOT_HEADING,
    Line,
    Page,
    block_of,
    heading_level,
    normalize_text,
)
from ggcrawl.extract.labels import DOCUMENT_NUMBER
from ggcrawl.extract.layout import Layout, is_headline
from ggcrawl.extract.line_kinds import (
    LABELLED_LINE,
    SHORT_LINE,
    is_document_title,
    is_furniture,
    is_link_line,
    rejoined,
)
from ggcrawl.extract.meta import (
    DATE_LINE,
    HAN,
    META_LINE_MAX,
    SOURCE_FIELD,
)
from ggcrawl.extract.text_start import NOTE_MARK

# The time of day an instant-news headline closes on, in brackets (… 【16:15】).
HEADLINE_TIME = re.compile(r"\s*[【\[(（]\s*(?P<time>(?:[01]?\d|2[0-3]):[0-5]\d)\s*[】\])）]$")
# How long the <title>'s article part must be for a longer line it opens to be the headline,
# which the CMS cut to fit the <title>.
CUT_TITLE_MIN = 10
# A line that may be a title printed as plain text: how short it may be, and how it may not end.
TITLE_LIKE_MIN = 5
SENTENCE_ENDS = ("。", "：", ":", "；", "！", "？", "…")
# How a headline may end that a sentence does too: an exclamation, a question.
HEADLINE_ENDS = ("！", "？", "!", "?")
# A line ending in a colon introduces what follows (注释：, 各单位：): never a headline.
LABEL_ENDS = ("：", ":")
# Keywords a template stuffs into the <title> (虐杀,深层次,德育,…, or 国保 工业遗产 良渚 国家文物局
# parted by spaces, two Han words at least side by side, none longer than a name): no
# article's title. A headline spaces only where Han and Latin meet (从 screen 切换到 tmux), or
# between its clauses (台視's 年終平均1.38月 羨慕!科技業最高30個月 尾牙最期待藝人五月天 …).
KEYWORD_LIST = re.compile(
    r"(?:[^,，、]{1,8}[,，、]){3}"
    rf"|^(?=.*{HAN.pattern}\s+{HAN.pattern})[^\s,，、]{{1,8}}(?:\s+[^\s,，、]{{1,8}}){{3,}}$"
)
# What may stand between a headline and the date printed beside it.
DATE_OPENERS = " ([（【|｜"
TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|(?<!—)—(?!—)|-|–)\s*")
# A column's short name in brackets after the headline (星島's 廉署貪污舉報今年跌11% (港聞)).
COLUMN_TAG = re.compile(r"\s*[(（【\[][\u4e00-\u9fff]{1,6}[)）】\]]\s*")
# A class or id that names its element the page's title (article__title, innerBigNewsTitle,
# _title), not a subtitle's or a list's; and the rank such a line takes among headings, below
# every <h1>..<h4>.
TITLE_CLASS = re.compile(
    r"(?<!sub)(?<!sub[-_])title(?![-_]?(?:list|link|bar|img|pic))", re.IGNORECASE
)
STYLED_TITLE = 5
# A line opening on a label in brackets (（原标题：…）): a note on the article, no headline.
BRACKETED_LABEL = re.compile(r"[(（\[【][^)）\]】:：]{1,6}[:：]")
# How far above the meta line a title may sit, in lines.
TITLE_REACH = 3
# How many lines above it the walk for them goes at most, past crumbs, links and toolbars: a
# heading further up heads the page or a column (国际), not the article.
TITLE_WALK = 8
# A line followed by this many lines of links to other pages captions a list (相关新闻,
# 热点推荐): it is no title.
LIST_CAPTION_LINKS = 3


def page_names(page: Page) -> list[str]:
    """What the ``<title>`` names besides the article: the column and the site."""
    article = _title_article(page)
    return [part for part in TITLE_SEPARATORS.split(page.title_text) if part != article]


def _title_article(page: Page) -> str:
    """The ``<title>``'s part that names the article: one the page prints as its highest
    heading that is no logo, however short (什么是4G？ | 互联网的那点事; an ``<h2>`` under a
    logo's ``<h1>`` longer than it), but never the last, where the site's name goes; a
    column's name in a lower heading than the headline's is none. Else the longest that
    is no list of keywords and writes Chinese (an institute's English name after the
    headline is no Chinese article's), longest as shown, a Han character two columns wide
    (Mission Day 参与教程_Mission Day China)."""
    parts = TITLE_SEPARATORS.split(page.title_text)
    for tag in HEADINGS:
        headings = list(page.root.iter(tag))
        headed = {page.text_of(h) for h in headings if not _links_away(page, h)}
        if headed and len(shown := headed & set(parts[:-1])) == 1:
            return shown.pop()
        if headed or not headings:
            break  # the next rank down heads the article only under a logo's
    return max(
        parts,
        key=lambda part: (
            KEYWORD_LIST.search(part) is None,
            HAN.search(part) is not None,
            _width(part),
        ),
    )


def _links_away(page: Page, element: etree._Element) -> bool:
    """Whether ``element`` links to another page: an ``<h1>`` that is the site's logo
    (``<h1><a href="/">LinuxTOY</a></h1>``), not the article's headline."""
    return any(page.elsewhere(page.absolute(a.get("href", ""))) for a in element.iter("a"))


def _width(text: str) -> int:
    return len(text) + len(HAN.findall(text))


def find_title(
    page: Page, layout: Layout, after_line: int, section: str | None = None
) -> tuple[str | None, bool]:
    """(title, whether it is the body's first line). The line just above the meta line (or
    the text): the highest heading there (h1 before h2, then one the ``<title>`` repeats, then
    the nearest), else a line the ``<title>`` repeats, else the nearest line; never the
    column's or the site's name, a link elsewhere, a toolbar, a label (注释：) or the
    ``<title>`` itself. With nothing above, a heading-like first line of the body (a title
    printed under its date), unless that line is only the start of the ``<title>``'s
    headline (a gazette's order, its issuers one a line above it): then the ``<title>``'s,
    and the line stays the text's."""
    doc_title = page.title_text
    names = {section, *page_names(page)}
    candidates = _title_candidates(page, layout, after_line, doc_title, names)
    if not candidates or layout.meta is None:
        candidates = [
            (text, int(h.tag[1]))
            for h in page.root.iter(*HEADINGS)
            if (text := page.text_of(h)) and text in doc_title and text not in names
        ] + candidates
    parts = TITLE_SEPARATORS.split(doc_title)
    if not candidates and (parted := _headline_under_meta(page, layout)):
        return parted, False
    if _title_opens_body(page, layout, candidates):
        first, whole = page.lines[layout.start].text, _title_article(page)
        if len(whole) > len(first) and whole.startswith(first):
            halves = whole_headline(page, first) or first
            if _bare(halves) == _bare(whole):  # the headline's two lines, the text below them
                return halves, True
            return whole, False
        return _without_number(first, parts), True
    headed = [
        (level, text not in doc_title, order, text)
        for order, (text, level) in enumerate(candidates)
        if level < NOT_HEADING
    ]
    if headed and (not min(headed)[1] or not any(text in parts for text, _ in candidates)):
        return _without_number(min(headed)[3], parts), False
    for text, _ in candidates:
        if text in parts:
            return text, False  # a part of the <title>, over a heading it does not name (焦点新闻)
    for text, _ in candidates:
        if len(text) >= 4 and text in doc_title:
            return text, False
    for text, _ in candidates:
        if (headline := _without_number(text, parts)) != text:
            return headline, False
    if (shown := _headline_further_up(page, layout, after_line, parts)) is not None:
        return shown, False
    if candidates:
        return candidates[0][0], False
    return _title_article(page) or None, False


def _without_number(text: str, parts: list[str]) -> str:
    """``text`` less the document's number printed after the headline the ``<title>`` shows
    (…的通知 财税〔2013〕81号), where it is that headline and its number, a toolbar perhaps
    between them; or less the column's tag in brackets after it (…今年跌11% (港聞))."""
    for part in parts:
        if not part or not text.startswith(part):
            continue
        if COLUMN_TAG.fullmatch(text, len(part)):
            return part
        number = DOCUMENT_NUMBER.search(text, len(part))
        if number is not None and number.end() == len(text):
            between = text[len(part) : number.start()]
            if not between.strip() or is_utility_text(between):
                return part
    return text


def headline_time(title: str | None, published: str | None) -> tuple[str | None, str | None]:
    """(title, published_at) where an instant-news headline closes on the time of day in
    brackets (天冷抵抗力弱 齒源膿瘍患者多 【16:15】): the time is the date's, not the title's."""
    match = HEADLINE_TIME.search(title or "")
    if match is None or not title or match.start() == 0:
        return title, published
    if published is not None and len(published) == len("2012-01-12"):
        published = parse_published(f"{published} {match['time']}") or published
    return title[: match.start()].rstrip(), published


def whole_headline(page: Page, title: str | None) -> str | None:
    """``title`` with the other half of its headline, where a line break splits the headline
    in its element (<h1>抓好基层组织建设<br>充分发挥关工作用</h1>) and the ``<title>`` shows the
    two halves as one, or parted by a comma (旭日东升未来可期，吐故纳新梦想起航); a subtitle
    after a break the ``<title>`` does not show stays apart."""
    if not title:
        return title
    lines = page.lines
    for index, line in enumerate(lines):
        text = line.text
        if not text.startswith(title) or is_document_title(page, line):
            continue
        if text != title and without_toolbar(text) != title:
            continue  # a toolbar closing the headline's element (分享到：微信) is no part of it
        for upper, lower in pairwise(lines[max(0, index - 1) : index + 2]):
            if block_of(page, upper) is not block_of(page, lower):
                continue
            halves = upper.text, without_toolbar(lower.text) or lower.text
            for joined in rejoined(*halves):
                if joined in page.title_text:
                    return joined
            if "，".join(halves) in page.title_text.replace(",", "，"):
                return " ".join(halves)  # as the break shows them, not the mark
    return title


def _bare(text: str) -> str:
    """A headline without the spaces or commas its two lines are joined with."""
    return "".join(text.replace("，", " ").replace(",", " ").split())


def _title_candidates(
    page: Page, layout: Layout, after_line: int, doc_title: str, names: set[str | None]
) -> list[tuple[str, int]]:
    """(text, heading level or :data:`NOT_HEADING`) of the lines a title may be, nearest
    first: the text before the label on the meta line, then up to three lines above it."""
    candidates: list[tuple[str, int]] = []
    meta = layout.meta
    if meta is not None and layout.title_above == meta.line:
        meta_line = page.lines[meta.line]
        before_label = normalize_text(
            page.joined[page.offset(meta_line.start) : _label_offset(page, meta_line)]
        ).rstrip(DATE_OPENERS)
        if (
            len(before_label) >= (4 if meta.labelled else TITLE_LIKE_MIN)
            and (meta.labelled or before_label in doc_title)
            and before_label not in names  # the site's name before its date (青岛新闻网 2005-…)
            and not DATE_PATTERN.search(before_label)
            and not LABELLED_LINE.search(before_label)
        ):
            candidates.append((before_label, NOT_HEADING))
    index = min(layout.title_above, len(page.lines)) - 1
    farthest = max(after_line, index - TITLE_WALK + 1)
    while index >= farthest and len(candidates) < TITLE_REACH:
        line = page.lines[index]
        text = line.text
        if not (
            len(text) < 2  # a calendar's 日, a bullet: no title is one character
            or text.endswith(LABEL_ENDS)
            or not any(char.isalpha() for char in text)  # a counter (501), a number
            or text in names
            or is_document_title(page, line)
            or is_furniture(text)
            or is_crumb_line(text)
            or (DATE_PATTERN.search(text) and len(text) <= META_LINE_MAX)
            or (text not in doc_title and is_link_line(page, line))
            or _captions_list(page, index)
        ):
            # a share bar in the headline's element is no part of the headline (分享到：微信 微博)
            candidates.append((without_toolbar(text) or text, _title_level(page, line)))
        index -= 1
    return candidates


def _title_level(page: Page, line: Line) -> int:
    """``heading_level``, or :data:`STYLED_TITLE` for a short line whose own element or block
    a template names a title (``<div class="article__title">``, ``innerBigNewsTitle``): a
    headline styled by class, which a reader sees as large as an ``<h1>``."""
    level = heading_level(page, line)
    text = line.text
    if level < NOT_HEADING or len(text) > SHORT_LINE or "。" in text:
        return level  # a sentence is no headline, whatever its box is called
    if BRACKETED_LABEL.match(text):
        return level  # nor is a note (（原标题：…）)
    owner, block = page.runs.owner[line.start], block_of(page, line)
    for element in (owner, block):
        if element is not None and TITLE_CLASS.search(
            f"{element.get('class', '')} {element.get('id', '')}"
        ):
            return STYLED_TITLE
    return NOT_HEADING


def _headline_further_up(
    page: Page, layout: Layout, after_line: int, parts: list[str]
) -> str | None:
    """The ``<title>``'s headline printed further up than the lines next to the text, none
    of which the ``<title>`` names (上報's, over its 讚 and share buttons, its byline and the
    lead photo's caption): a reader takes it for the title over a caption."""
    index = min(layout.title_above, len(page.lines)) - 1
    for line in page.lines[max(after_line, index - TITLE_WALK + 1) : index + 1]:
        if (
            len(line.text) >= TITLE_LIKE_MIN
            and line.text in parts
            and not is_document_title(page, line)
        ):
            return line.text
    return None


def _headline_under_meta(page: Page, layout: Layout) -> str | None:
    """The headline printed under the labelled dates and parted from the text by a bar (分享到),
    which the text's start passed: nothing above the dates to be the title."""
    if layout.meta is None or not layout.meta.labelled or layout.title_above != layout.meta.line:
        return None
    between = page.lines[layout.meta.line + 1 : layout.start]
    return next((line.text for line in between if is_headline(page, line)), None)


def _captions_list(page: Page, index: int) -> bool:
    """Whether the lines after line ``index`` are a list of links (a box's heading above its
    related or latest articles), not the meta line or the text a title stands over."""
    following = page.lines[index + 1 : index + 1 + LIST_CAPTION_LINKS]
    return len(following) == LIST_CAPTION_LINKS and all(
        is_link_line(page, line, dated=True) for line in following
    )


def _title_opens_body(page: Page, layout: Layout, candidates: list[tuple[str, int]]) -> bool:
    """Whether the text's first line is the title: with no line above to be one, a line that
    looks like a heading; where no label placed the text, a heading that no heading above, or
    repeated by ``<title>``, outranks."""
    if layout.start >= min(layout.end, len(page.lines)) - 1:
        return False
    if DOCUMENT_NUMBER.fullmatch(page.lines[layout.start].text):
        return False  # a notice's number over its text (武大本函〔2024〕210号): the text's
    if not candidates:
        return _is_title_like(page, layout.start, layout.end)
    if layout.meta is not None and layout.meta.labelled:
        return False
    if _opens_with_cut_title(page, page.lines[layout.start].text, candidates):
        return True
    first = page.lines[layout.start]
    level = _title_level(page, first)
    parts = TITLE_SEPARATORS.split(page.title_text)
    return (
        level < NOT_HEADING
        and not first.text.endswith(LABEL_ENDS)
        and all(level <= other for _, other in candidates)
        and not any(text in parts for text, _ in candidates)
    )


def _opens_with_cut_title(page: Page, text: str, candidates: list[tuple[str, int]]) -> bool:
    """Whether ``text`` is the headline the ``<title>`` shows cut short, as CMSs cut it to a
    length (教育部办公厅 中国残联办公厅关于做好残疾儿童_… for the whole notice's name), where
    no line above shows the ``<title>``'s words whole."""
    article = _title_article(page)
    return (
        len(article) >= CUT_TITLE_MIN
        and len(text) <= SHORT_LINE
        and "。" not in text  # a caption that opens with the headline's words is a sentence
        and NOTE_MARK.sub("", text) != article
        and text.startswith(article)
        and all(shown != article for shown, _ in candidates)
    )


def _is_title_like(page: Page, index: int, end: int) -> bool:
    """A short line that holds no sentence, with more text after it: a heading in all but
    markup; or a heading in markup (``<h2>``) that exclaims or asks (刚刚，…被授予国家最高荣誉！),
    as headlines do."""
    if index + 1 >= min(end, len(page.lines)):
        return False
    line = page.lines[index]
    text = line.text
    headline_end = text.endswith(HEADLINE_ENDS) and heading_level(page, line) < NOT_HEADING
    return (
        TITLE_LIKE_MIN <= len(text) <= SHORT_LINE
        and (headline_end or not text.endswith(SENTENCE_ENDS))
        and "。" not in text
        and not is_furniture(text)
        and not is_crumb_line(text)
    )


def _label_offset(page: Page, line: Line) -> int:
    """Where the meta line's first label begins, or, with none, its date (关于举行国庆升旗仪式的
    通知 ( 2020年09月29日 ): the headline with its date beside it)."""
    start, end = page.offset(line.start), page.offset(line.end)
    match = (
        DATE_LINE.search(page.joined, start, end)
        or SOURCE_FIELD.search(page.joined, start, end)
        or DATE_PATTERN.search(page.joined, start, end)
    )
    return match.start() if match else start
