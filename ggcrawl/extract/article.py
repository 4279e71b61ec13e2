"""Article fields from labels and page structure, and from content density where they fail.

The page is read the way a person reads it: the breadcrumb names the section, the meta line
(:mod:`ggcrawl.extract.meta`) gives the time and the source, the line just above it is the
title, the body runs from below the meta line to the 上一篇/下一篇 labels, and those labels carry
the chain links. Where the labels do not settle the body, the densest block of prose
(:mod:`ggcrawl.extract.density`) does. None of it depends on class names or ids, so an unseen
template works.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from itertools import islice, pairwise
from operator import itemgetter

from lxml import etree

from ggcrawl.dates import DATE_PATTERN, parse_published
from ggcrawl.extract.body import Body, build_body, is_utility_text, without_toolbar
from ggcrawl.extract.density import (
    COMMENT_LINES_MAX,
    LINE_COST,
    REPEAT_MIN,
    Block,
    comment_runs,
    dense_block,
    is_time_stamp,
    line_weights,
    links_a_file,
    table_after,
)
from ggcrawl.extract.document import (
    BLOCK_TAGS,
    HEADINGS,
    NOT_HEADING,
    Line,
    Page,
    heading_level,
    normalize_text,
)
from ggcrawl.extract.labels import (
    APP_PROMOTION,
    BREADCRUMB_HOME_WORDS,
    BREADCRUMB_PREFIXES,
    BREADCRUMB_SEPARATORS,
    BREADCRUMB_TAILS,
    CHAIN_END_WORDS,
    CLOSING_EDITOR_LABELS,
    DISCLAIMER,
    EDITOR_LABELS,
    END_HEADINGS,
    FOLLOW_PROMOTION,
    HAN_CHARS,
    HOME_WORDS,
    META_LABELS,
    MOBILE_PROMOTION,
    NEXT_LABELS,
    PREV_LABELS,
    RANKING_HEADING,
    SOURCE_LABELS,
    SUMMARY_LABELS,
    UTILITY_FILLER_CHARS,
    UTILITY_WORDS,
    is_copyright_line,
    is_footer_text,
    label_pattern,
)
from ggcrawl.extract.meta import (
    DATE_LINE,
    DATE_REACH,
    HAN,
    META_LINE_MAX,
    SOURCE_BELOW_REACH,
    SOURCE_FIELD,
    TIME_LINE,
    MetaLine,
    dateline_source,
    declared_date,
    find_meta_line,
    finer_time,
    media_source,
    signed_date,
    source_below,
    source_in,
    unlabelled_meta,
)

# A list of the article's files with download counts: its words outside the links.
OUTSIDE_LINKS = etree.XPath(".//text()[not(ancestor::a) and not(ancestor::script)]")
DOWNLOAD_WORDS = re.compile("已下载|下载次数|下载次")
DOWNLOAD_REACH = 6  # lines below the text a download list may stand
DOWNLOAD_FRAME = re.compile(r"[\s附件下载已次数:：【】\[\]()（）\d,，、]*")
# A heading after which an article's text is over (相关新闻, 网友评论…), with its decoration;
# no longer than this.
END_HEADING_MAX = 12
END_HEADING = re.compile(rf"^[\s【\[]*(?:{label_pattern(END_HEADINGS)})[\s】\]:：>»]*$")
# An editor's line whatever kind of editor (执行、核稿编辑：…, 值班编辑：…): after the text.
ANY_EDITOR_LINE = re.compile(rf"^[(（\[【]?[{HAN_CHARS}、]{{0,6}}(?:编辑|編輯)[^\S\n]*[:：]")
# A line that is only the site's address, perhaps in brackets: a template's, not the text's.
BARE_ADDRESS = re.compile(
    r"[(（\[【]?\s*(?:https?://)?[A-Za-z0-9.-]+\.[a-z]{2,}[A-Za-z0-9/._-]*\s*[)）\]】]?"
)
# A label line, the label perhaps in brackets of its own (【浏览次数】：…).
LEADING_LABELLED_LINE = re.compile(
    rf"^[(（\[【]?\s*(?:{label_pattern(META_LABELS)})[)）\]】]?[^\S\n]*[:：]"
)
LABELLED_LINE = re.compile(
    rf"^(?:[(（\[【]?(?:{label_pattern(META_LABELS)})[)）\]】]"
    rf"|(?:{label_pattern(META_LABELS)})"
    rf"|[(（\[【][^)）\]】:：]{{0,12}}?(?:{label_pattern(EDITOR_LABELS)}))[^\S\n]*[:：]"
)
# A labelled field anywhere on a line: a 来源 line with another (来源：… 作者：…) is a meta line.
LABEL_FIELD = re.compile(rf"(?:{label_pattern(META_LABELS)})[^\S\n]*[:：]")
# （原标题：…） in brackets, as portals print it inside the text (a bare 原标题： line is meta).
ORIGINAL_TITLE = re.compile(r"^[(（]\s*原标题[^\S\n]*[:：]")
# The time of day an instant-news headline closes on, in brackets (… 【16:15】).
HEADLINE_TIME = re.compile(r"\s*[【\[(（]\s*(?P<time>(?:[01]?\d|2[0-3]):[0-5]\d)\s*[】\])）]$")
# A tag a headline shows before itself (【记者即时播报】), which the text's copy leaves out.
KICKER_TAG = re.compile(r"^【[^】]{1,10}】\s*")
# A headline's kicker, the words before its dash or colon (新生服务——…, 专访：…).
KICKER_SEPARATOR = re.compile(r"——|—|：|:|[|｜]")
# A note's mark closing a heading (…统计公报[1]).
NOTE_MARK = re.compile(r"\s*(?:\[\d{1,2}\]|［\d{1,2}］)$")
# The fewest characters the headline's part after its kicker needs to count as the headline.
HEADLINE_PART_MIN = 6
# How long the <title>'s article part must be for a longer line it opens to be the headline,
# which the CMS cut to fit the <title>.
CUT_TITLE_MIN = 10
# A second meta line that names the source before the date (央视网 | 2022年09月21日 17:55:07).
NAMED_DATE = re.compile(r"^[^\s|｜。，,:：]{1,12}[^\S\n]*[|｜][^\S\n]*")
# A 来源 or 原标题 line closing the text: the text's own (the source is still read from it),
# unless the template prints it in square brackets ([稿源：红网] above [编辑：杨洁], [转载自 蓝军]).
TRAILING_SOURCE = re.compile(
    rf"^[(（]?\s*(?:{label_pattern((*SOURCE_LABELS, '原标题'))})[^\S\n]*[:：]"
)
TEMPLATE_SOURCE = re.compile(
    rf"^[\[【]\s*(?:{label_pattern(SOURCE_LABELS)})(?:[^\S\n]*[:：]|[^\S\n])"
)
# The editor's line that ends an article, and how long it is at most.
CLOSING_EDITOR = re.compile(
    rf"^[(（\[【]?\s*(?:{label_pattern(CLOSING_EDITOR_LABELS)})[^\S\n]*[:：]"
)
EDITOR_LINE_MAX = 30
# A short line ending in a colon closing the text introduces what is not there (网友1：).
OPEN_LABEL_MAX = 12
# How many lines (a toolbar, a search box) may follow the last comment before the text's end.
COMMENT_TAIL_MAX = 6
# How many times a body is cut again short of the furniture it closes with.
FURNITURE_RECUTS = 2
# How many lines linking other articles close a text as a list (a related list with no heading).
RELATED_ITEMS_MIN = 3
# A box of related links inside the text: at most this many links, then this many lines of
# prose of at least this length among the next few (a subheading may come first).
BOX_LINKS_MAX = 6
BOX_RESUME_LINES = 2
BOX_LOOKAHEAD = 4
BOX_PROSE_MIN = 30
# How a site's note that it took an article ends (酷勤网收集, 本网整理), and its length at most.
TAKEN_WORDS = ("收集", "整理")
TAKEN_NOTE_MAX = 8
# Where a link whose href is a script keeps its address.
SCRIPTED_HREFS = ("data-url", "data-href", "data-link")
# An article's pager (上一页 1 2 下一页, 共3页: 首页 [1] [2], 【第1页】【下一页】, 1/3 下页, in
# traditional characters too), the words of its link onward, and how many lines from the
# text's end it may stand.
NEXT_PAGE = re.compile("下一[页頁]|下[页頁]")
PAGER = re.compile(
    r"(?:[上下]一?[页頁]|[首尾末][页頁]|[共第]\s*\d+\s*[页頁]|\d+|[\s|｜:：/\[\]【】<>«»‹›….])+"
)
PAGER_REACH = 4
# What parse_warnings says of an article split over pages (the crawl report finds it by this).
SPLIT_WARNING = "the article goes on at"
# Editors named without a colon (编辑 张三 校对 李四), as some newspapers' sites print them.
EDITOR_NAMES = re.compile(
    rf"(?:(?:{label_pattern(EDITOR_LABELS)})[^\S\n]+[{HAN_CHARS}]{{2,4}}[^\S\n]*)+"
)
# A number alone (a like or view count: +1, (12)), or people counted (11人收藏).
COUNTER = re.compile(
    r"(?:[赞踩顶][\s:：]*)?[\s\d+()（）]+|\d+\s*人(?:收藏|点赞|喜欢|阅读|浏览|参与)"
)
# Toolbar words (in brackets or not) leading a line, before what the line says.
UTILITY_LEAD = re.compile(
    rf"^(?:[{UTILITY_FILLER_CHARS}]*(?:{UTILITY_WORDS.pattern}))+[{UTILITY_FILLER_CHARS}]*"
)
# A chain label also stands right after the other's end (上一篇下一篇, two links run together).
CHAIN_ENDS = "篇条條"
PREV_LABEL = re.compile(label_pattern(PREV_LABELS, not_after_han=True, also_after=CHAIN_ENDS))
NEXT_LABEL = re.compile(label_pattern(NEXT_LABELS, not_after_han=True, also_after=CHAIN_ENDS))
CHAIN_LABEL = re.compile(
    label_pattern(PREV_LABELS + NEXT_LABELS, not_after_han=True, also_after=CHAIN_ENDS)
)
# What may follow a 上一篇 label before its link: a colon, a bracket, a word (【上一篇】：,
# 上一篇文章：).
CHAIN_LABEL_REST = re.compile(r"[\s:：【】\[\]()（）]*(?:文章|新闻|信息)?[\s:：【】\[\]()（）]*")
BREADCRUMB_START = re.compile(
    rf"(?:^|[:：\s])(?:{label_pattern(BREADCRUMB_HOME_WORDS)})\s*(?:>>|>|＞|»|›|→|/|／|\\)"
)
# The home word alone, which opens with a literal and so is found by skipping ahead: lines
# without one (most) are passed over before BREADCRUMB_START tries every position.
HOME_WORD = re.compile(label_pattern(BREADCRUMB_HOME_WORDS))
# A summary box's line: its label, or the opening of the text cut short with an ellipsis.
SUMMARY_LINE = re.compile(rf"^[【\[]?(?:{label_pattern(SUMMARY_LABELS)})(?:[】\]]|\s*[:：])")
ELLIPSIS = ("...", "…", "……", "。。。")
# What templates call a summary box in its class or id (words split at - _ and spaces).
SUMMARY_NAMES = frozenset(
    "zhaiyao summary abstract digest description desc daodu intro introduction lead lede".split()
)
NAME_PARTS = re.compile(r"[\s_-]+")
# How much of a summary's opening the text must start with again; how long a summary that
# quotes a paragraph is at least, and how many lines further on the paragraph may stand.
SUMMARY_PREFIX = 12
SUMMARY_QUOTE_MIN = 24
SUMMARY_QUOTE_REACH = 60
# A line that may be a title printed as plain text: how short it may be, and how it may not end.
TITLE_LIKE_MIN = 5
SENTENCE_ENDS = ("。", "：", ":", "；", "！", "？", "…")
# A line ending in a colon introduces what follows (注释：, 各单位：): never a headline.
LABEL_ENDS = ("：", ":")
BREADCRUMB_LEAD = re.compile(rf"^(?:{label_pattern(BREADCRUMB_PREFIXES)})\s*[:：]")
# How many crumbs a trail drawn as a list may have: after a 当前位置 line, and without one.
LONG_TRAIL = 5
SHORT_TRAIL = 4
BREADCRUMB_PREFIX = re.compile(rf"^.*?(?:{label_pattern(BREADCRUMB_PREFIXES)})\s*[:：]?\s*")
# Keywords a template stuffs into the <title> (虐杀,深层次,德育,…, or 国保 工业遗产 良渚 国家文物局
# parted by spaces): no article's title.
KEYWORD_LIST = re.compile(
    r"(?:[^,，、]{1,8}[,，、]){3}|^[^\s,，、]{1,12}(?:\s+[^\s,，、]{1,12}){3,}$"
)
TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|—|-|–)\s*")
# How far above the meta line a title may sit, in lines.
TITLE_REACH = 3
# How many lines above it the walk for them goes at most, past crumbs, links and toolbars: a
# heading further up heads the page or a column (国际), not the article.
TITLE_WALK = 8
# A line followed by this many lines of links to other pages captions a list (相关新闻,
# 热点推荐): it is no title.
LIST_CAPTION_LINKS = 3
# What may stand around a list item's date: brackets, bullets, spaces.
LIST_MARKS = " \t\r\n\xa0\u3000()（）[]【】·•-|"
# What parts the links of a bar (首页 | 新闻 │ 关于): no text of its own.
LINK_SEPARATORS = " \t\r\n\xa0\u3000|｜│·•/"
# Lines longer than this are prose, not a label line or toolbar.
SHORT_LINE = 60
MAX_LINK_SCAN = 12


@dataclass
class ArticleFields:
    """What one article page says; any field may be None, with the reason in ``warnings``."""

    title: str | None = None
    section: str | None = None
    published_at: str | None = None
    source: str | None = None
    body_html: str | None = None
    body_text: str | None = None
    images: list[str] = field(default_factory=list)
    attachments: list[dict[str, str]] = field(default_factory=list)
    prev_url: str | None = None
    next_url: str | None = None
    # The next page of an article the site splits over pages (its pager's 下一页), whose text
    # this page's body does not hold (ggcrawl.extract.continuation joins them).
    continued_at: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Layout:
    """Where the parts of an article page are, in lines: the meta line, the body's lines
    ``start``..``end`` (exclusive), the run of the first 上一篇/下一篇 label, and the line the
    title stands above. ``notes`` say where labels and density disagreed and which won."""

    meta: MetaLine | None
    start: int
    end: int
    chain_at: int | None
    title_above: int
    notes: tuple[str, ...] = ()
    dated_by: MetaLine | None = None  # the document date that dates an article placed otherwise


def extract_article(page: Page) -> ArticleFields:
    """All article fields of ``page``; never raises on odd markup (fields become None)."""
    fields = ArticleFields()
    crumbs = breadcrumb(page)
    fields.section = section_from_crumbs(crumbs[1]) if crumbs else None
    after = crumbs[0] + 1 if crumbs else 0
    layout = find_layout(page, after)
    meta = layout.meta
    fields.title, title_opens_body = find_title(page, layout, after, fields.section)
    fields.title = _whole_headline(page, without_toolbar(fields.title))
    dated = layout.dated_by if layout.dated_by and (not meta or not meta.labelled) else meta
    source_found = dated is not None and dated.source_found
    if dated:
        fields.published_at, fields.source = dated.published_at, dated.source
    if not source_found:
        fields.source, source_found = source_below(page, layout.end)
    if fields.published_at is None:
        fields.published_at = declared_date(page)
    elif dated is not None and not dated.labelled:
        fields.published_at = finer_time(page, fields.published_at)
    fields.title, fields.published_at = _headline_time(fields.title, fields.published_at)
    if layout.chain_at is not None:
        fields.prev_url = _chain_link(page, PREV_LABEL, layout.chain_at)
        fields.next_url = _chain_link(page, NEXT_LABEL, layout.chain_at)
    start = layout.start
    if title_opens_body or (
        meta is not None and meta.labelled and _headline_opens_text(page, start, fields.title)
    ):
        start = _past_headline(page, start)
    if meta is None or not meta.labelled:
        start = _past_title(page, start, layout.end, fields.title)
    start += _untagged_headline(page, start, fields.title)
    body = _body(page, start, layout.end, drop_link_lists=layout.chain_at is None)
    if body is not None:
        fields.body_html, fields.body_text = body.html or None, body.text or None
        fields.images, fields.attachments = body.images, body.attachments
    if not source_found and fields.body_text:  # 来源：… closing a text that ended above
        fields.source, source_found = source_in(fields.body_text.split("\n")[-SOURCE_BELOW_REACH:])
    if fields.published_at is None and fields.body_text:
        fields.published_at = signed_date(fields.body_text)
        if fields.published_at is not None:
            fields.warnings.append("published_at: none shown; the date the text is signed with")
    if not source_found and dated is not None:
        fields.source = media_source(page, dated)
        source_found = fields.source is not None
        if source_found:
            fields.warnings.append("source: no 来源 label; the medium named beside the date")
    if not source_found and fields.body_text:
        fields.source = dateline_source(fields.body_text)
        source_found = fields.source is not None
        if source_found:
            fields.warnings.append("source: no 来源 label; the agency the text opens with")
    fields.source = _without_site_name(page, fields.source)
    fields.continued_at = _continued_at(page, layout.end)
    if fields.continued_at is not None:
        fields.warnings.append(split_warning(fields.continued_at))
    fields.warnings.extend(layout.notes)
    _warn_missing(fields, crumbs, dated, source_found, layout.chain_at)
    return fields


def find_layout(page: Page, after_line: int) -> Layout:
    """Labels first: the body runs from below the labelled meta line to 上一篇/下一篇. Where
    either is missing, or the stretch between them holds no prose, the densest block of prose
    (:mod:`ggcrawl.extract.density`) places the body, and the meta line is looked for next to
    it, labelled or not. A document's date in a disclosure table (生成日期) dates the article
    but places nothing: the table stands above the title."""
    meta = find_meta_line(page, after_line)
    dated_by = None
    below = after_line  # where a date beside the text may stand: past the document's table
    if meta is not None and meta.document:
        dated_by, meta = meta, None
        below = max(after_line, dated_by.line + 2)
    start = _body_start(page, meta.below if meta else after_line + 1)
    chain_at = _chain_after(page, start)
    notes: list[str] = []
    if meta is not None and chain_at is not None:
        end = page.line_index_at(chain_at)
        if _holds_prose(page, start, end):
            return Layout(meta, start, end, chain_at, meta.line)
        notes.append("body: no text between the meta line and 上一篇/下一篇; found by density")
    weights = line_weights(page)
    block = dense_block(page, weights)
    table = _table_below(page, start) if meta is not None and chain_at is None else None
    if table is not None and (block is None or block.end <= table[0] or block.start >= table[1]):
        notes.append("body: no prose under the meta line; the table there is the text")
        return Layout(meta, start, table[1], None, meta.line, tuple(notes), dated_by)
    if block is None:
        end = page.line_index_at(chain_at) if chain_at is not None else _footer_line(page, start)
        title_above = meta.line if meta else 0
        return Layout(meta, start, end, chain_at, title_above, tuple(notes), dated_by)
    if meta is not None and not _near(meta.line, block):
        nearer = unlabelled_meta(page, block, below)
        if nearer is not None or meta.line > block.start:
            notes.append(
                f"published_at: the time label on line {meta.line} stands apart from the "
                f"text (lines {block.start}-{block.end}), not taken"
            )
            meta = nearer
    elif meta is None:
        meta = unlabelled_meta(page, block, below)
    if meta is not None and meta.line < block.start:
        start = _body_start(page, meta.below)
        if start < block.start:
            # Lines above the block are text only where no links or toolbar part them from it
            # (a lead photo's caption above the share buttons is not).
            parted = [i for i in range(start, block.start) if weights[i] < -LINE_COST]
            start = parted[-1] + 1 if parted else start
            while start < block.start and weights[start] <= 0:
                start += 1
            start = _body_start(page, start)
        end, title_above = block.end, meta.line
    elif (
        meta is not None
        and meta.line < block.end
        and _weight(weights, meta.line + 1, block.end) >= _weight(weights, block.start, meta.line)
    ):
        start, end, title_above = _body_start(page, meta.below), block.end, meta.line
    else:  # no meta line, or one printed below the text; never from the breadcrumb up
        start = _body_start(page, max(block.start, after_line))
        end = min(block.end, meta.line) if meta is not None else block.end
        title_above = start
    chain_at = _chain_after(page, start)
    if chain_at is not None:
        chain_line = page.line_index_at(chain_at)
        end = min(end, chain_line) if end > start else chain_line
    if meta is not None and not meta.labelled:
        notes.append(f"published_at: no time label; the date beside the text (line {meta.line})")
    return Layout(meta, start, max(end, start), chain_at, title_above, tuple(notes), dated_by)


def _table_below(page: Page, start: int) -> tuple[int, int] | None:
    """Lines ``start`` to the end of a table that opens just below it
    (:func:`~ggcrawl.extract.density.table_after`): the text of a notice that is all table
    (a list of programmes, a 公示 of names)."""
    table = table_after(page, start)
    return (start, table[1]) if table is not None else None


def _chain_after(page: Page, start_line: int) -> int | None:
    if start_line >= len(page.lines):
        return None
    return _first_match_run(page, CHAIN_LABEL, page.lines[start_line].start)


def _weight(weights: list[int], start: int, end: int) -> int:
    return sum(weights[start:end])


def _near(line: int, block: Block) -> bool:
    return block.start - DATE_REACH <= line < block.end + DATE_REACH


def _holds_prose(page: Page, start: int, end: int) -> bool:
    """Whether lines ``start``..``end`` hold any line of prose (not only furniture)."""
    lines = page.lines[start:end]
    return any(not _is_furniture(line.text) for line in lines)


def breadcrumb(page: Page) -> tuple[int, list[str]] | None:
    """(line index, crumbs) of the 首页 > 栏目 > 正文 trail, crumbs without the prefix. In a
    trail led by 当前位置 the first crumb is the site's home whatever its name (南开大学 >>
    南开要闻), and is given as 首页."""
    for index, line in enumerate(page.lines):
        text = line.text
        if len(text) > 200:
            continue
        home = HOME_WORD.search(text) and BREADCRUMB_START.search(text)
        # Every prefix ends in 位置: lines without it are passed over before the regex.
        if not home and ("位置" not in text or not BREADCRUMB_LEAD.match(text)):
            continue
        text = BREADCRUMB_PREFIX.sub("", text)
        crumbs = [c.strip() for c in BREADCRUMB_SEPARATORS.split(text) if c.strip()]
        if len(crumbs) >= 2:
            return index, crumbs if home else [HOME_WORDS[0], *crumbs[1:]]
    return _breadcrumb_as_list(page)


def _breadcrumb_as_list(page: Page) -> tuple[int, list[str]] | None:
    """A trail drawn as list items with separators from CSS: the smallest element around a
    首页 line that holds 2 to 4 short lines (a nav bar, which also starts with 首页, has more),
    or up to 5 after a 当前位置 line; a trail after 当前位置 first."""
    unled: tuple[int, list[str]] | None = None
    for line in page.lines:
        if BREADCRUMB_PREFIX.sub("", line.text) not in BREADCRUMB_HOME_WORDS:
            continue
        node = page.runs.owner[line.start]
        lines: list[Line] = []
        while node is not None:
            first, last = page.spans.get(node, (0, 0))
            lines = page.lines[page.line_index_at(first) : page.line_index_at(last)]
            if len(lines) >= 2:
                break
            node = node.getparent()
        led = bool(lines) and BREADCRUMB_LEAD.match(lines[0].text) is not None
        if led and not BREADCRUMB_PREFIX.sub("", lines[0].text):
            lines = lines[1:]
        most = LONG_TRAIL if led else SHORT_TRAIL
        if node is None or not 2 <= len(lines) <= most or any(len(x.text) > 40 for x in lines):
            continue
        found = page.lines.index(lines[-1]), [BREADCRUMB_PREFIX.sub("", x.text) for x in lines]
        if led:
            return found
        unled = unled or found
    return unled


def section_from_crumbs(crumbs: list[str]) -> str | None:
    """The column: the first crumb after 首页, never a page-type word such as 正文."""
    rest = crumbs[1:] if crumbs and crumbs[0] in HOME_WORDS else crumbs
    rest = [c for c in rest if c not in BREADCRUMB_TAILS and c not in HOME_WORDS]
    return rest[0] if rest else None


def page_names(page: Page) -> list[str]:
    """What the ``<title>`` names besides the article: the column and the site."""
    article = _title_article(page)
    return [part for part in TITLE_SEPARATORS.split(page.title_text) if part != article]


def _title_article(page: Page) -> str:
    """The ``<title>``'s part that names the article: the longest that is no list of
    keywords (longest as shown, a Han character two columns wide: Mission Day
    参与教程_Mission Day China)."""
    parts = TITLE_SEPARATORS.split(page.title_text)
    return max(parts, key=lambda part: (KEYWORD_LIST.search(part) is None, _width(part)))


def _width(text: str) -> int:
    return len(text) + len(HAN.findall(text))


def _without_site_name(page: Page, source: str | None) -> str | None:
    """A 来源 value less the site's own name printed after it (来源：人民日报海外版 中国青年网
    on 中国青年网), or its note that it took the article (新浪科技 酷勤网收集): where the
    article came from, not where it is."""
    if not source or " " not in source:
        return source
    value, last = source.rsplit(" ", 1)
    taken = len(last) <= TAKEN_NOTE_MAX and last.endswith(TAKEN_WORDS)
    return value if taken or last in page_names(page) else source


def find_title(
    page: Page, layout: Layout, after_line: int, section: str | None = None
) -> tuple[str | None, bool]:
    """(title, whether it is the body's first line). The line just above the meta line (or
    the text): the highest heading there (h1 before h2, then one the ``<title>`` repeats, then
    the nearest), else a line the ``<title>`` repeats, else the nearest line; never the
    column's or the site's name, a link elsewhere, a toolbar, a label (注释：) or the
    ``<title>`` itself. With nothing above, a heading-like first line of the body (a title
    printed under its date)."""
    doc_title = page.title_text
    names = {section, *page_names(page)}
    candidates = _title_candidates(page, layout, after_line, doc_title, names)
    if not candidates or layout.meta is None:
        candidates = [
            (text, int(h.tag[1]))
            for h in page.root.iter(*HEADINGS)
            if (text := page.text_of(h)) and text in doc_title and text not in names
        ] + candidates
    if _title_opens_body(page, layout, candidates):
        return page.lines[layout.start].text, True
    headed = [
        (level, text not in doc_title, order, text)
        for order, (text, level) in enumerate(candidates)
        if level < NOT_HEADING
    ]
    parts = TITLE_SEPARATORS.split(doc_title)
    if headed and (not min(headed)[1] or not any(text in parts for text, _ in candidates)):
        return min(headed)[3], False
    for text, _ in candidates:
        if text in parts:
            return text, False  # a part of the <title>, over a heading it does not name (焦点新闻)
    for text, _ in candidates:
        if len(text) >= 4 and text in doc_title:
            return text, False
    if candidates:
        return candidates[0][0], False
    return next((part for part in parts if part), None), False


def _headline_time(title: str | None, published: str | None) -> tuple[str | None, str | None]:
    """(title, published_at) where an instant-news headline closes on the time of day in
    brackets (天冷抵抗力弱 齒源膿瘍患者多 【16:15】): the time is the date's, not the title's."""
    match = HEADLINE_TIME.search(title or "")
    if match is None or not title or match.start() == 0:
        return title, published
    if published is not None and len(published) == len("2012-01-12"):
        published = parse_published(f"{published} {match['time']}") or published
    return title[: match.start()].rstrip(), published


def _whole_headline(page: Page, title: str | None) -> str | None:
    """``title`` with the other half of its headline, where a line break splits the headline
    in its element (<h1>抓好基层组织建设<br>充分发挥关工作用</h1>) and the ``<title>`` shows the
    two halves as one; a subtitle after a break the ``<title>`` does not show stays apart."""
    if not title:
        return title
    lines = page.lines
    for index, line in enumerate(lines):
        if line.text != title or _is_document_title(page, line):
            continue
        for upper, lower in pairwise(lines[max(0, index - 1) : index + 2]):
            if _block_of(page, upper) is not _block_of(page, lower):
                continue
            for joined in _rejoined(upper, lower):
                if joined in page.title_text:
                    return joined
    return title


def _rejoined(upper: Line, lower: Line) -> tuple[str, str]:
    """A headline a line break split in two, read as one: with a space between, or none."""
    return f"{upper.text} {lower.text}", upper.text + lower.text


def _title_candidates(
    page: Page, layout: Layout, after_line: int, doc_title: str, names: set[str | None]
) -> list[tuple[str, int]]:
    """(text, heading level or :data:`NOT_HEADING`) of the lines a title may be, nearest
    first: the text before the label on the meta line, then up to three lines above it."""
    candidates: list[tuple[str, int]] = []
    meta = layout.meta
    if meta is not None and meta.labelled and layout.title_above == meta.line:
        meta_line = page.lines[meta.line]
        before_label = normalize_text(
            page.joined[page.offset(meta_line.start) : _label_offset(page, meta_line)]
        )
        if (
            len(before_label) >= 4
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
            or _is_document_title(page, line)
            or _is_furniture(text)
            or BREADCRUMB_START.search(text)
            or (DATE_PATTERN.search(text) and len(text) <= META_LINE_MAX)
            or (text not in doc_title and _is_link_line(page, line))
            or _captions_list(page, index)
        ):
            candidates.append((line.text, heading_level(page, line)))
        index -= 1
    return candidates


def _captions_list(page: Page, index: int) -> bool:
    """Whether the lines after line ``index`` are a list of links (a box's heading above its
    related or latest articles), not the meta line or the text a title stands over."""
    following = page.lines[index + 1 : index + 1 + LIST_CAPTION_LINKS]
    return len(following) == LIST_CAPTION_LINKS and all(
        _is_link_line(page, line, dated=True) for line in following
    )


def _title_opens_body(page: Page, layout: Layout, candidates: list[tuple[str, int]]) -> bool:
    """Whether the text's first line is the title: with no line above to be one, a line that
    looks like a heading; where no label placed the text, a heading that no heading above, or
    repeated by ``<title>``, outranks."""
    if layout.start >= min(layout.end, len(page.lines)) - 1:
        return False
    if not candidates:
        return _is_title_like(page, layout.start, layout.end)
    if layout.meta is not None and layout.meta.labelled:
        return False
    if _opens_with_cut_title(page, page.lines[layout.start].text, candidates):
        return True
    first = page.lines[layout.start]
    level = heading_level(page, first)
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
    markup."""
    if index + 1 >= min(end, len(page.lines)):
        return False
    text = page.lines[index].text
    return (
        TITLE_LIKE_MIN <= len(text) <= SHORT_LINE
        and not text.endswith(SENTENCE_ENDS)
        and "。" not in text
        and not _is_furniture(text)
    )


def _label_offset(page: Page, line: Line) -> int:
    start, end = page.offset(line.start), page.offset(line.end)
    match = DATE_LINE.search(page.joined, start, end) or SOURCE_FIELD.search(
        page.joined, start, end
    )
    return match.start() if match else start


def _is_link_line(page: Page, line: Line, *, dated: bool = False) -> bool:
    """A line that is all link text to another page (a crumb, a column's name in a nav, a bar
    of them parted by │ or |): not to the page itself, a fragment or a script (compared as
    written, not resolved). ``dated``: a date beside the links is allowed (a list's item:
    标题 (2021-03-07))."""
    runs = page.runs
    itself = page.url.split("#", 1)[0]
    linked = False
    for index in range(line.start, line.end):
        text = runs.text[index]
        if not text.strip(LINK_SEPARATORS) or (
            dated and not DATE_PATTERN.sub("", text).strip(LIST_MARKS)
        ):
            continue
        anchor = runs.anchor(index)
        href = (anchor.get("href") or "").strip() if anchor is not None else ""
        if (
            not href
            or href.startswith(("#", "javascript:"))
            or href == itself
            or itself.endswith("/" + href.lstrip("./"))
        ):
            return False
        linked = True
    return linked


def _body_start(page: Page, index: int) -> int:
    """First line of the body from line ``index`` on: past label and toolbar lines, a
    reprint's own title and meta line, and a summary box (摘要/导读, or the text's opening cut
    short with "…")."""
    lines = page.lines
    index = _past_furniture(page, index)
    if (
        index + 1 < len(lines)
        and len(lines[index].text) <= SHORT_LINE
        and _is_meta_like(lines[index + 1].text)
    ):
        index = _past_furniture(page, index + 2)
    return _past_summaries(page, index)


def _past_headline(page: Page, index: int) -> int:
    """The text's first line after the headline on line ``index`` and a summary box under it."""
    return _past_summaries(page, _past_furniture(page, index + 1))


def _past_furniture(page: Page, index: int) -> int:
    lines = page.lines
    while index < len(lines) and (
        _is_furniture(lines[index].text) or _is_document_title(page, lines[index])
    ):
        index += 1
    return index


def _past_summaries(page: Page, index: int) -> int:
    while index + 1 < len(page.lines) and _is_summary(page, index):
        index = _past_furniture(page, index + 1)
    return index


def _is_document_title(page: Page, line: Line) -> bool:
    """Whether ``line`` is the ``<title>``'s own text (the page's first line)."""
    return any(page.runs.owner[run].tag == "title" for run in range(line.start, line.end))


def _is_summary(page: Page, index: int) -> bool:
    """A summary box: labelled as one, the opening of the next line cut short with "…", or a
    line of its own whose opening the text says again further on (a pull quote of a
    paragraph; a link's words are not the text's: a notice's opening that names it as its
    headline does, listed below it). A sentence the text repeats in its own block (a lead in
    bold) is text."""
    lines = page.lines
    text, following = lines[index].text, lines[index + 1 :]
    if SUMMARY_LINE.match(text) or _in_summary_box(page, lines[index], following[0]):
        return True
    if text.endswith(ELLIPSIS):
        opening = "".join(text.rstrip(".…。").split())[:SUMMARY_PREFIX]
        return len(opening) >= 4 and "".join(following[0].text.split()).startswith(opening)
    opening = text[:SUMMARY_QUOTE_MIN]
    return (
        len(text) >= SUMMARY_QUOTE_MIN
        and any(
            opening in line.text and text != line.text and not _is_link_line(page, line)
            for line in following[:SUMMARY_QUOTE_REACH]
        )
        and _stands_apart(page, lines[index], following[0])
    )


def _in_summary_box(page: Page, line: Line, below: Line) -> bool:
    """Whether ``line`` fills a box the template names a summary (``div.zhaiyao``,
    ``p.summary``, ``div.main-introduction``) that the text below does not stand in."""
    box = _block_of(page, line)
    if box is None or box is _block_of(page, below):
        return False
    while box is not None and page.text_of(box) == line.text:
        names = f"{box.get('class', '')} {box.get('id', '')}".lower()
        if not SUMMARY_NAMES.isdisjoint(NAME_PARTS.split(names)):
            return True
        box = box.getparent()
    return False


def _stands_apart(page: Page, line: Line, below: Line) -> bool:
    """Whether ``line`` is an element of its own, not a line of the same block as the text
    below it (a lead the text breaks off with <br>)."""
    box = _block_of(page, line)
    return box is not None and box is not _block_of(page, below)


def _block_of(page: Page, line: Line) -> etree._Element | None:
    node: etree._Element | None = page.runs.owner[line.start]
    while node is not None and node.tag not in BLOCK_TAGS:
        node = node.getparent()
    return node


def _headline_opens_text(page: Page, start: int, title: str | None) -> bool:
    """Whether the text's first line is the headline, not the text's: the headline itself
    printed under the meta line (当前位置 …, 发布时间 … 来源 …, then the title, shown nowhere
    else), or the template's copy of the headline above (the same characters, spacing and
    all). A title the author typed again at the top of the text is the text's (the seed page:
    two spaces inside where the headline has one)."""
    lines = page.lines
    if title is None or start >= len(lines) or lines[start].text != title:
        return False
    first = _shown(page, lines[start])
    above = [
        line for line in lines[:start] if line.text == title and not _is_document_title(page, line)
    ]
    if above:
        return any(_shown(page, line) == first for line in above)
    # Shown nowhere above, unless split there by a line break: the headline itself.
    return not any(title in _rejoined(upper, lower) for upper, lower in pairwise(lines[:start]))


def _untagged_headline(page: Page, start: int, title: str | None) -> int:
    """How many of the text's first lines print the headline again without the tag it shows
    before it (【记者即时播报】): one, or two a line break splits it in."""
    tag = KICKER_TAG.match(title) if title else None
    if title is None or tag is None:
        return 0
    bare, lines = title[tag.end() :], page.lines
    if start < len(lines) and lines[start].text == bare:
        return 1
    if start + 1 < len(lines) and bare in _rejoined(lines[start], lines[start + 1]):
        return 2
    return 0


def _shown(page: Page, line: Line) -> str:
    """The line's characters as the page has them, spacing inside kept."""
    return "".join(page.runs.text[run] for run in range(line.start, line.end)).strip()


def _past_title(page: Page, start: int, end: int, title: str | None) -> int:
    """Past the headline, the template's copy of it (:func:`_headline_opens_text`) or a
    variant of it (:func:`_is_headline_variant`), the ``<title>``'s own text (on a page whose
    one container is the text) and furniture, where the text was found by density (labels
    would have started the body below the meta line)."""
    lines = page.lines
    while start < end and (
        lines[start].text == page.title_text
        or _headline_opens_text(page, start, title)
        or _is_headline_variant(lines[start].text, title)
        or _is_furniture(lines[start].text)
    ):
        start += 1
    return start


def _is_headline_variant(text: str, title: str | None) -> bool:
    """The headline again as the text's heading, with a note's mark (…统计公报[1]) or
    without its kicker (新生服务——重庆交通大学… shown as 重庆交通大学…)."""
    if title is None:
        return False
    bare = NOTE_MARK.sub("", text)
    if bare != text and bare == title:
        return True
    kicker = KICKER_SEPARATOR.search(title)
    return (
        kicker is not None
        and len(text) >= HEADLINE_PART_MIN
        and title[kicker.end() :].strip() == text
    )


def _is_furniture(text: str, *, leading: bool = True) -> bool:
    """Lines around a body that are not body: toolbars, label lines (作者：…, 责任编辑：…).
    Before the body a label line may stand in brackets ((浏览次数:600)); after it only an
    editor's does (（编辑：…）), for a bracketed 作者 line there is the text's signature, and a
    labelled time alone on its line ([更新：2015-01-30 14:06:32]) is the meta, not the text."""
    if is_utility_text(text) or (MOBILE_PROMOTION.search(text) and "。" not in text):
        return True
    if not leading and (
        DISCLAIMER.match(text)
        or (
            len(text) <= SHORT_LINE
            and (APP_PROMOTION.search(text) or FOLLOW_PROMOTION.search(text))
        )
        or (len(text) <= OPEN_LABEL_MAX and text.endswith((":", "：")))
        or COUNTER.fullmatch(text)
        or PAGER.fullmatch(text)
        or EDITOR_NAMES.fullmatch(text)
        or ANY_EDITOR_LINE.match(text)
    ):
        return True  # a platform's disclaimer is long; a counter after the text (+1) short
    if len(text) > SHORT_LINE:
        return False
    if leading:
        if ORIGINAL_TITLE.match(text):
            return False  # （原标题：…） opening the text: the portal printed it as the text's
        return (
            LEADING_LABELLED_LINE.match(text) is not None
            or _is_meta_like(text)
            or (text.startswith(("[", "【")) and DISCLAIMER.search(text) is not None)
        )  # [Ingress17173原创专稿，未经允许请勿转载！] above the text
    if TRAILING_SOURCE.match(text) and len(LABEL_FIELD.findall(text)) == 1:
        return False  # 来源：央视新闻客户端, 原标题：… closing the text are the text's
    # Toolbar words may lead an editor's line: 【纠错】 【责任编辑:王五】.
    return any(
        LABELLED_LINE.match(line) is not None
        or TEMPLATE_SOURCE.match(line) is not None
        or DISCLAIMER.search(line) is not None
        or BARE_ADDRESS.fullmatch(line) is not None
        or TIME_LINE.fullmatch(line.strip("[]【】()（） ")) is not None
        for line in {text, UTILITY_LEAD.sub("", text)}
    )


def _is_meta_like(text: str) -> bool:
    """A line that opens with a whole date and says nothing else but labels (2017-09-29
    11:04:00 来源：上观新闻), or names the source before it (央视网 | 2022年09月21日 17:55):
    a second meta line, a reprint's own or a mobile layout's."""
    named = NAMED_DATE.match(text)
    if named and DATE_PATTERN.fullmatch(text[named.end() :].strip()):
        return True
    opened = text.lstrip("(（[【 ")
    match = DATE_PATTERN.match(opened)
    if match is None or "。" in text:
        return False
    rest = opened[match.end() :].strip(" )）]】")
    return not rest or LEADING_LABELLED_LINE.match(rest) is not None


def _first_match_run(page: Page, pattern: re.Pattern[str], from_run: int) -> int | None:
    match = pattern.search(page.joined, page.offset(from_run))
    return page.run_at(match.start()) if match else None


def _chain_link(page: Page, label: re.Pattern[str], from_run: int) -> str | None:
    """The link after a 上一篇/下一篇 label, None where the chain ends (没有了)."""
    offset = page.offset(from_run)
    match = label.search(page.joined, offset, offset + 400)
    if match is None:
        return None
    index = page.run_at(match.start())
    runs = page.runs
    anchor = runs.anchor(index)
    if anchor is not None:
        return _href(page, anchor)
    if not CHAIN_LABEL_REST.fullmatch(runs.text[index][match.end() - runs.start[index] :]):
        return None
    for following in range(index + 1, min(index + 1 + MAX_LINK_SCAN, len(runs))):
        text = runs.text[following]
        if CHAIN_LABEL_REST.fullmatch(text):
            continue
        anchor = runs.anchor(following)
        if anchor is None or text.strip(" \t\r\n\xa0\u3000:：") in CHAIN_END_WORDS:
            return None
        return _href(page, anchor)
    return None


def split_warning(url: str) -> str:
    """What parse_warnings says of an article whose text goes on at ``url``, not joined."""
    return f"body: {SPLIT_WARNING} {url} (下一页), whose text is not in this body"


def _continued_at(page: Page, end_line: int) -> str | None:
    """Where an article split over pages goes on: the 下一页 link of a pager (上一页 1 2 下一页)
    just after its text, to another page than this one."""
    lines = page.lines
    for line in lines[max(0, end_line - PAGER_REACH) : end_line + PAGER_REACH]:
        if not NEXT_PAGE.search(line.text) or not PAGER.fullmatch(line.text):
            continue
        for run in range(line.start, line.end):
            anchor = page.runs.anchor(run)
            if anchor is not None and NEXT_PAGE.search(page.runs.text[run]):
                href = _href(page, anchor)
                if href and href.split("#", 1)[0] != page.url.split("#", 1)[0]:
                    return href
    return None


def _href(page: Page, anchor: etree._Element) -> str | None:
    """Where a chain link goes: its ``href``, or, where that is a script (``javascript:void(0)``)
    or a fragment, the address the script follows (``data-url``, ``data-href``)."""
    for attribute in ("href", *SCRIPTED_HREFS):
        href = anchor.get(attribute)
        if href and not href.strip().lower().startswith(("javascript:", "#")):
            return page.absolute(href)
    return None


def _body(page: Page, start_line: int, end_line: int, *, drop_link_lists: bool) -> Body | None:
    if start_line >= len(page.lines):
        return None
    end_line = _before_repeat(page, start_line, end_line)
    box = None
    for index in range(start_line, end_line):
        if box is not None and index < box[1]:
            continue
        if _ends_text(page.lines[index].text, index > start_line):
            box = box or _box_in_text(page, start_line, index, end_line)
            if box is None or box[0] != index:
                end_line = index
                break
    end_line = _text_end(page, start_line, end_line)
    for recut in range(FURNITURE_RECUTS + 1):
        if end_line <= start_line:
            return None
        # Ranges run from the end of the line above to the start of the line below, so the
        # block elements that open and close around the body lines fall inside, kept whole.
        start = page.lines[start_line - 1].end if start_line > 0 else 0
        end = page.lines[end_line].start if end_line < len(page.lines) else len(page.runs)
        if box is not None and box[1] < end_line:  # the text around a box of links
            parts = cut(page, start, page.lines[box[0]].start, drop_link_lists=drop_link_lists)
            parts += cut(page, page.lines[box[1] - 1].end, end, drop_link_lists=drop_link_lists)
        else:
            parts = cut(page, start, end, drop_link_lists=drop_link_lists)
        downloads = _download_lists(page, parts, start, end_line)
        body = build_body(page, parts)
        last_try = recut == FURNITURE_RECUTS
        furniture = None if last_try else _closing_furniture(page, body.text, start_line, end_line)
        if furniture is None:
            break
        end_line = _text_end(page, start_line, furniture)
    if not downloads:
        return body
    listed = {a["url"] for a in body.attachments}
    files = [a for a in build_body(page, downloads).attachments if a["url"] not in listed]
    return replace(body, attachments=body.attachments + files)


def _box_in_text(page: Page, start_line: int, index: int, end_line: int) -> tuple[int, int] | None:
    """(first line, line after) of a box of related links the text's own element holds in
    mid-text (【相關文章】 and its links, then more paragraphs), where heading ``index`` does
    not end the text: at most :data:`BOX_LINKS_MAX` links, then :data:`BOX_RESUME_LINES`
    lines of prose among the next :data:`BOX_LOOKAHEAD`, all inside one element below
    ``<body>``."""
    lines = page.lines
    if END_HEADING.match(lines[index].text) is None:
        return None
    resume = index + 1
    while resume < end_line and _is_related_item(page, lines[resume]):
        resume += 1
    prose = [
        line
        for line in lines[resume : min(end_line, resume + BOX_LOOKAHEAD)]
        if len(line.text) >= BOX_PROSE_MIN and "。" in line.text
    ]
    if not 0 < resume - index - 1 <= BOX_LINKS_MAX or len(prose) < BOX_RESUME_LINES:
        return None
    first, last = lines[start_line].start, prose[-1].end
    holder = page.runs.owner[first]
    while holder is not None and not (
        page.spans.get(holder, (first, first))[1] >= last and holder.tag not in ("body", "html")
    ):
        holder = holder.getparent()
    return (index, resume) if holder is not None and holder.tag not in ("body", "html") else None


def _closing_furniture(page: Page, text: str, start_line: int, end_line: int) -> int | None:
    """The line of furniture the cut body closes with, once the link lists after it are
    dropped (an editor's line, then a box of other articles in the text's container)."""
    last = text.rstrip().rsplit("\n", 1)[-1]
    if not last or not _is_furniture(last, leading=False):
        return None
    index = next(
        (i for i in range(end_line - 1, start_line, -1) if page.lines[i].text == last), None
    )
    return None if index is None or _introduced_address(page, start_line, index) else index


def _text_end(page: Page, start_line: int, end_line: int) -> int:
    """Where the text ends: at a copyright line (…版权所有, whatever contact lines follow it),
    and from there up past the furniture after it (editors, toolbars, counters, disclaimers)
    and a list of links to other articles with no heading (a related list in the text's own
    box), but not an address the text introduces."""
    lines = page.lines
    end_line = next(
        (i for i in range(start_line + 1, end_line) if is_copyright_line(lines[i].text)), end_line
    )
    while True:
        while end_line - 1 >= start_line and _is_furniture(lines[end_line - 1].text, leading=False):
            if _introduced_address(page, start_line, end_line - 1):
                return end_line
            end_line -= 1
        listed = end_line
        while listed - 1 > start_line and _is_related_item(page, lines[listed - 1]):
            listed -= 1
        if end_line - listed >= RELATED_ITEMS_MIN:
            end_line = listed
            continue
        comments = _comments_start(page, start_line, end_line)
        if comments is None:
            return end_line
        end_line = comments


def _comments_start(page: Page, start_line: int, end_line: int) -> int | None:
    """Where readers' comments closing the text begin, when no heading names them: a run of
    them (:func:`~ggcrawl.extract.density.comment_runs`) that opens above ``end_line`` and
    runs to at most :data:`COMMENT_TAIL_MAX` lines above it (a toolbar may follow them)."""
    lines = page.lines
    near = range(
        max(start_line, end_line - COMMENT_TAIL_MAX - 1),
        min(end_line + COMMENT_LINES_MAX, len(lines)),
    )
    if not any(is_time_stamp(lines[i].text) for i in near):
        return None  # no comment's time around the text's end: no need to read the whole page
    return next(
        (
            first
            for first, end in comment_runs(page)
            if start_line < first < end_line and end >= end_line - COMMENT_TAIL_MAX
        ),
        None,
    )


def _is_related_item(page: Page, line: Line) -> bool:
    """A line that links another article (perhaps with its date), not a file of this one."""
    return not links_a_file(page, line) and _is_link_line(page, line, dated=True)


def _ends_text(text: str, after_text: bool) -> bool:
    """Whether the text is over at this line: a heading of what follows articles (相关新闻,
    网友评论, a ranking: 点击排行), or, once the text has begun, the 责任编辑 line, which
    newspapers' sites print where the article ends, whatever (tags, a box of other articles, a
    Facebook prompt) their template adds below it."""
    if len(text) <= END_HEADING_MAX and (END_HEADING.match(text) or RANKING_HEADING.match(text)):
        return True
    return after_text and len(text) <= EDITOR_LINE_MAX and CLOSING_EDITOR.match(text) is not None


def _introduced_address(page: Page, start_line: int, index: int) -> bool:
    """Whether line ``index`` is an address the text introduces (论文地址：/ 参考内容：, then
    the address, or several): the text's reference, not the site's address."""
    lines = page.lines
    while index > start_line and BARE_ADDRESS.fullmatch(lines[index].text):
        index -= 1
        if lines[index].text.endswith((":", "：")):
            return True
    return False


def _download_lists(
    page: Page, parts: list[etree._Element | str], start: int, end_line: int
) -> list[etree._Element | str]:
    """The download lists that end the body's ``parts`` (taken out of them) or stand just
    below its last line: their files are the article's attachments, their words not text."""
    reach = min(end_line + DOWNLOAD_REACH, len(page.lines))
    below = page.lines[reach].start if reach < len(page.lines) else len(page.runs)
    if not DOWNLOAD_WORDS.search(page.joined, page.offset(start), page.offset(below)):
        return []
    downloads: list[etree._Element | str] = []
    while parts and (isinstance(parts[-1], str) or _is_download_list(parts[-1])):
        part = parts.pop()
        if not isinstance(part, str):
            downloads.insert(0, part)
        elif part.strip():
            parts.append(part)
            break
    after = page.lines[end_line - 1].end  # from the end of a line, as the body's range runs
    return downloads + [
        p for p in cut(page, after, below) if not isinstance(p, str) and _is_download_list(p)
    ]


def _before_repeat(page: Page, start: int, end: int) -> int:
    """Where a second copy of the text begins (a page printing the article for desktop and
    again for mobile): the text's first two long lines, two different ones, seen again in
    order, less the short lines leading to them. A paragraph that merely recurs is kept."""
    longs = [i for i in range(start, end) if len(page.lines[i].text) >= REPEAT_MIN]
    texts = [page.lines[i].text for i in longs]
    if len(texts) < 4 or texts[0] == texts[1]:
        return end
    for position in range(2, len(longs) - 1):
        if texts[position] == texts[0] and texts[position + 1] == texts[1]:
            index = longs[position]
            while index > start and len(page.lines[index - 1].text) < REPEAT_MIN:
                index -= 1
            return index
    return end


def _footer_line(page: Page, start_line: int) -> int:
    for index in range(start_line, len(page.lines)):
        if is_footer_text(page.lines[index].text):
            return index
    return len(page.lines)


def cut(
    page: Page, start: int, end: int, *, drop_link_lists: bool = False
) -> list[etree._Element | str]:
    """The runs ``start``..``end`` as whole elements where an element lies fully inside the
    range, and as loose text where only part of an element does (a DOM range's contents)."""
    # ``spans`` is in the order elements end, so their ends ascend: the elements that end
    # inside the range are one stretch of it, found by bisection.
    ends = list(page.spans.values())
    low = bisect_left(ends, start, key=itemgetter(1))
    high = bisect_right(ends, end, lo=low, key=itemgetter(1))
    opened: dict[int, list[etree._Element]] = {}
    for element, (first, _) in zip(islice(page.spans, low, high), ends[low:high], strict=True):
        if start <= first < end:
            opened.setdefault(first, []).append(element)
    parts: list[etree._Element | str] = []
    index = start
    while index < end:
        elements = opened.get(index)
        if elements:
            element = max(elements, key=lambda e: page.spans[e][1] - page.spans[e][0])
            if not (drop_link_lists and _is_link_list(element)):
                parts.append(element)
            index = max(page.spans[element][1], index + 1)
            continue
        text = page.runs.text[index]
        if text != "\n":
            parts.append(text)
        index += 1
    return parts


def _is_download_list(element: etree._Element) -> bool:
    """A CMS's list of the article's files with their download counts after the text
    (附件【报名登记表.docx】已下载 12 次): its files are the article's attachments, its words
    are not the article's text."""
    if element.tag == "a" or not element.xpath(".//a[@href]"):
        return False
    words = normalize_text("".join(OUTSIDE_LINKS(element)))
    return DOWNLOAD_WORDS.search(words) is not None and DOWNLOAD_FRAME.fullmatch(words) is not None


def _is_link_list(element: etree._Element) -> bool:
    """Related-article and hot-article lists: mostly link text, several links, no documents."""
    links = element.xpath(".//a[@href]") if element.tag != "a" else [element]
    if len(links) < 3:
        return False
    text = normalize_text("".join(element.itertext()))
    link_text = sum(len(normalize_text("".join(a.itertext()))) for a in links)
    return bool(text) and link_text / len(text) > 0.6


def _warn_missing(
    fields: ArticleFields,
    crumbs: tuple[int, list[str]] | None,
    meta: MetaLine | None,
    source_found: bool,
    chain_at: int | None,
) -> None:
    if crumbs is None:
        fields.warnings.append("section: no breadcrumb (首页 > 栏目) found")
    elif fields.section is None:
        fields.warnings.append("section: breadcrumb names no column")
    if fields.published_at is None and meta is None:
        fields.warnings.append("published_at: no time label (时间/发布时间/日期) with a date found")
    elif fields.published_at is None:
        fields.warnings.append("published_at: the date next to the time label is not a valid date")
    if not source_found and meta is None:
        fields.warnings.append("source: no meta line (时间 … 来源) to read it from")
    elif not source_found:
        fields.warnings.append("source: no 来源 label on the meta line")
    if fields.title is None:
        fields.warnings.append("title: no title found")
    if fields.body_text is None:
        fields.warnings.append("body: no body text found")
    if chain_at is None:
        fields.warnings.append("prev/next: no 上一篇/下一篇 labels found")
