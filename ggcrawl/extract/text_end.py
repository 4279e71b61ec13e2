"""Where the article's text ends, and the text cut out of the page: at related-article
headings, the editor's line, a copyright line, readers' comments, lists of other articles and
the furniture after the text; download lists become attachments, a second copy is dropped."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import replace
from itertools import islice
from operator import itemgetter

from lxml import etree

from ggcrawl.dates import date_alone
from ggcrawl.extract.body import Body, build_body, is_empty
from ggcrawl.extract.density import (
    COMMENT_LINES_MAX,
    REPEAT_MIN,
    comment_runs,
    is_time_stamp,
    links_a_file,
)
from ggcrawl.extract.document import (
    Line,
    Page,
    normalize_text,
)
from ggcrawl.extract.labels import (
    CAPTION_MARK,
    CLOSING_EDITOR_LABELS,
    COMMENT_HEADING,
    CREDIT_LABELS,
    END_HEADINGS,
    RANKING_HEADING,
    RELATED_ANY,
    is_copyright_line,
    label_pattern,
)
from ggcrawl.extract.line_kinds import BARE_ADDRESS, is_furniture, is_link_line
from ggcrawl.extract.text_start import SENTENCE_MARKS, summary_label

# A list of the article's files with download counts: its words outside the links.
OUTSIDE_LINKS = etree.XPath(".//text()[not(ancestor::a) and not(ancestor::script)]")
DOWNLOAD_WORDS = re.compile("已下载|下载次数|下载次")
DOWNLOAD_REACH = 6  # lines below the text a download list may stand
DOWNLOAD_FRAME = re.compile(r"[\s附件下载已次数:：【】\[\]()（）\d,，、]*")
# A heading after which an article's text is over (相关新闻, 网友评论…), with its decoration;
# no longer than this.
END_HEADING_MAX = 12
END_HEADING = re.compile(
    rf"^[\s【\[■□◆●▍|│]*(?:{label_pattern(END_HEADINGS)}|{RELATED_ANY})[\s】\]:：>».…│]*$"
)
# The editor's line that ends an article (a bar for its colon too: 责编 | 布英娜), and how long
# it is at most.
CLOSING_EDITOR = re.compile(
    rf"^[(（\[【]?\s*(?:{label_pattern(CLOSING_EDITOR_LABELS)})[^\S\n]*[:：|｜]"
)
EDITOR_LINE_MAX = 30
# A credit's label alone on its line (作者：, 供稿单位：), and how long its value on the next line
# may be: a name or two, a unit, never a sentence.
CREDIT_LABEL = re.compile(rf"(?:{label_pattern(CREDIT_LABELS)})[^\S\n]*[:：]")
CREDIT_VALUE_MAX = 16
# How many lines (a toolbar, a search box) may follow the last comment before the text's end.
COMMENT_TAIL_MAX = 6
# How many times a body is cut again short of the furniture it closes with.
FURNITURE_RECUTS = 2
# How many lines linking other articles close a text as a list (a related list with no heading).
RELATED_ITEMS_MIN = 3
# A box of related links inside the text (和讯网 sets nine): at most this many links, then
# this many lines of prose of at least this length among the next few (a subheading may come
# first).
BOX_LINKS_MAX = 10
BOX_RESUME_LINES = 2
BOX_LOOKAHEAD = 4
BOX_PROSE_MIN = 30
# Headings of what is no reading, whatever prose follows them: comments, statements, tags.
NOT_READING = re.compile("评论|評論|声明|聲明|标签|標籤")


def text_body(page: Page, start_line: int, end_line: int, *, drop_link_lists: bool) -> Body | None:
    if start_line >= len(page.lines):
        return None
    end_line = _before_repeat(page, start_line, end_line)
    box = None
    for index in range(start_line, end_line):
        if box is not None and index < box[1]:
            continue
        if _ends_text(page.lines[index].text, index > start_line):
            if _goes_on_in_prose(page, start_line, index, end_line):
                continue
            box = box or _box_in_text(page, start_line, index, end_line)
            if box is None or box[0] != index:
                end_line = index
                break
    end_line = _text_end(page, start_line, end_line)
    label = summary_label(page.lines[start_line].text)
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
        body = build_body(page, parts, label)
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
    prose = _prose(lines[resume : min(end_line, resume + BOX_LOOKAHEAD)])
    if not 0 < resume - index - 1 <= BOX_LINKS_MAX or len(prose) < BOX_RESUME_LINES:
        return None
    return (index, resume) if _in_one_element(page, lines[start_line], prose[-1]) else None


def _goes_on_in_prose(page: Page, start_line: int, index: int, end_line: int) -> bool:
    """Whether reading heading ``index`` (延伸阅读, not a comments' or statement's heading)
    heads more of the text's own prose, in the text's element: a newspaper's sidebar by the
    same reporter, printed under the article, not a list of other articles."""
    lines = page.lines
    following = lines[index + 1 : min(end_line, index + 1 + BOX_LOOKAHEAD)]
    prose = _prose(following)
    return (
        len(prose) >= BOX_RESUME_LINES
        and END_HEADING.match(lines[index].text) is not None
        and NOT_READING.search(lines[index].text) is None
        and not any(is_link_line(page, line) for line in following)
        and _in_one_element(page, lines[start_line], prose[-1])
    )


def _prose(lines: list[Line]) -> list[Line]:
    """The lines that are sentences of prose, not a list's headlines."""
    return [line for line in lines if len(line.text) >= BOX_PROSE_MIN and "。" in line.text]


def _in_one_element(page: Page, first: Line, last: Line) -> bool:
    """Whether one element below ``<body>`` holds every line from ``first`` to ``last``."""
    holder = page.runs.owner[first.start]
    while holder is not None and not (
        page.spans.get(holder, (first.start, first.start))[1] >= last.end
        and holder.tag not in ("body", "html")
    ):
        holder = holder.getparent()
    return holder is not None and holder.tag not in ("body", "html")


def _closing_furniture(page: Page, text: str, start_line: int, end_line: int) -> int | None:
    """The line of furniture the cut body closes with, once the link lists after it are
    dropped (an editor's line, then a box of other articles in the text's container)."""
    last = text.rstrip().rsplit("\n", 1)[-1]
    if not last or not is_furniture(last, leading=False):
        return None
    index = _line_of(page, last, start_line, end_line)
    return None if index is None or _introduced_address(page, start_line, index) else index


def _line_of(page: Page, text: str, start_line: int, end_line: int) -> int | None:
    """The last line below ``start_line`` and above ``end_line`` that reads ``text``: where a
    body's last line stands on the page."""
    return next(
        (i for i in range(end_line - 1, start_line, -1) if page.lines[i].text == text), None
    )


def _text_end(page: Page, start_line: int, end_line: int) -> int:
    """Where the text ends: at a copyright line (…版权所有, whatever contact lines follow it),
    and from there up past the furniture after it (editors, toolbars, counters, disclaimers),
    credits printed as labels over their values (:func:`_closes_with_credit`), photos'
    captions printed under the credits and a list of
    links to other articles with no heading (a related list in the text's own box), but not an
    address the text introduces."""
    lines = page.lines
    end_line = next(
        (i for i in range(start_line + 1, end_line) if is_copyright_line(lines[i].text)), end_line
    )
    while True:
        while end_line - 1 >= start_line and is_furniture(lines[end_line - 1].text, leading=False):
            if _introduced_address(page, start_line, end_line - 1):
                return end_line
            end_line -= 1
        if _closes_with_credit(page, start_line, end_line):
            end_line -= 2
            continue
        if _dated_credits(page, start_line, end_line):
            end_line -= 1
            continue
        captions = _run_above(start_line, end_line, lambda i: CAPTION_MARK.search(lines[i].text))
        if captions < end_line and is_furniture(lines[captions - 1].text, leading=False):
            end_line = captions  # the gallery's captions under the credits (編輯：…, ▲…)
            continue
        figures = _run_above(start_line, end_line, lambda i: _in_figure_caption(page, lines[i]))
        if figures < end_line:
            end_line = figures  # the photos closing the text, each with its <figcaption>
            continue
        listed = _run_above(start_line, end_line, lambda i: _is_related_item(page, lines[i]))
        if end_line - listed >= RELATED_ITEMS_MIN:
            end_line = listed
            continue
        comments = _comments_start(page, start_line, end_line)
        if comments is None:
            return end_line
        end_line = comments


def _in_figure_caption(page: Page, line: Line) -> bool:
    owner = page.runs.owner[line.start]
    return owner.tag == "figcaption" or next(owner.iterancestors("figcaption"), None) is not None


def _run_above(start_line: int, end_line: int, holds: Callable[[int], object]) -> int:
    """The first line of the run of lines ``holds`` is true of that closes at ``end_line``,
    never the text's first."""
    first = end_line
    while first - 1 > start_line and holds(first - 1):
        first -= 1
    return first


def _closes_with_credit(page: Page, start_line: int, end_line: int) -> bool:
    """Whether the text's last two lines are a credit printed as a label on a line of its own
    and its value on the next (作者： | 张文清, 供稿单位： | 新闻中心): the page's byline box
    after the text, not the text."""
    if end_line - 2 <= start_line:
        return False
    label, value = (page.lines[i].text for i in (end_line - 2, end_line - 1))
    return (
        CREDIT_LABEL.fullmatch(label) is not None
        and len(value) <= CREDIT_VALUE_MAX
        and not any(mark in value for mark in SENTENCE_MARKS)
    )


def _dated_credits(page: Page, start_line: int, end_line: int) -> bool:
    """Whether the text's last line is a date alone under furniture (供稿：… 编辑：… 审核：… |
    2022年05月10日 11:38:13): the credits box's time, not a date the text is signed with,
    which stands under the signer's name."""
    return (
        end_line - 2 > start_line
        and date_alone(page.lines[end_line - 1].text) is not None
        and is_furniture(page.lines[end_line - 2].text, leading=False)
    )


def credits_date(page: Page, last_text: str, start_line: int, end_line: int) -> str | None:
    """The time of the credits box under the text (…审核：吕婷 | 2022年05月10日 11:38:13), which
    the text's end leaves out (:func:`_dated_credits`): the page's date where it shows no
    other."""
    index = _line_of(page, last_text, start_line - 1, end_line)
    for line in page.lines[end_line if index is None else index + 1 : end_line]:
        if (shown := date_alone(line.text)) is not None:
            return shown
        if not is_furniture(line.text, leading=False):
            break
    return None


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


def past_related_list(page: Page, end_line: int) -> int:
    """The line after a related list (its heading, then links to other articles) that opens
    at ``end_line``, or ``end_line``: a 来源 line a template prints under the list is still
    the article's."""
    lines = page.lines
    index = end_line + (
        end_line < len(lines) and END_HEADING.match(lines[end_line].text) is not None
    )
    while index < len(lines) and _is_related_item(page, lines[index]):
        index += 1
    return index


def _is_related_item(page: Page, line: Line) -> bool:
    """A line that links another article (perhaps with its date), not a file of this one."""
    return not links_a_file(page, line) and is_link_line(page, line, dated=True)


def _ends_text(text: str, after_text: bool) -> bool:
    """Whether the text is over at this line: a heading of what follows articles (相关新闻,
    网友评论, a ranking: 点击排行), or, once the text has begun, a reader's comment under its
    writer's heading (瑞雪 对…的评论:) or the 责任编辑 line, which
    newspapers' sites print where the article ends, whatever (tags, a box of other articles, a
    Facebook prompt) their template adds below it."""
    if len(text) <= END_HEADING_MAX and (END_HEADING.match(text) or RANKING_HEADING.match(text)):
        return True
    return after_text and (
        COMMENT_HEADING.match(text) is not None
        or (len(text) <= EDITOR_LINE_MAX and CLOSING_EDITOR.match(text) is not None)
    )


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
    while parts and (
        isinstance(parts[-1], str) or _is_download_list(parts[-1]) or is_empty(parts[-1])
    ):
        part = parts.pop()
        if isinstance(part, str):
            if part.strip():
                parts.append(part)
                break
        elif not is_empty(part):
            downloads.insert(0, part)
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
