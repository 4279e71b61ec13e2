"""Where a page's main text is when no labels say so: content density, line by line.

A reader finds an article's text at a glance because it is the one long stretch of prose on the
page: lines of many characters, few of them link text, with sentence punctuation, while nav
bars, related-article lists, footers and toolbars are short, linked or boilerplate. This is the
idea of 《基于文本及符号密度的网页正文提取方法》 (text and symbol density, the method GNE
implements), scored per line here because the extractor already reads the page as lines: each
line weighs its prose characters against a fixed cost, link text and boilerplate weigh against
it, and the element whose lines weigh most is the text's container.

Only asked for where the labels (时间/来源, 上一篇/下一篇) leave the body unsettled, so pages of
the site's own family pay nothing for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from lxml import etree

from ggcrawl.dates import DATE_PATTERN
from ggcrawl.extract.body import is_utility_text, names_a_file, without_toolbar
from ggcrawl.extract.document import Line, Page
from ggcrawl.extract.labels import DISCLAIMER, DOCUMENT_EXTENSIONS, is_footer_text

# What a line costs before its characters count: a short line must carry this much prose to
# weigh for a block, so runs of titles, dates and names do not add up to a body.
LINE_COST = 8
# Sentence punctuation: prose has it, lists of titles and names seldom do.
PUNCTUATION = re.compile(r"[，。；！？、：“”,;!?]")
# How many characters of a line one punctuation mark vouches for as prose: sentences have a
# mark every 10 to 20 characters, a long run of names (a city list, tags) far fewer.
CHARS_PER_MARK = 30
# A line whose text is at least this share link text is navigation, not prose.
LINK_LINE_SHARE = 0.5
# Lines this long that a page shows twice are a second copy of the text (a mobile or hidden
# copy of the article), never more of it.
REPEAT_MIN = 20


# A closing signature's lines after the text's element: how many, and how little they may weigh
# (a short name weighs a little less than nothing, a link or boilerplate much less).
TAIL_LINES = 3
TAIL_WEIGHT = 2 - LINE_COST
# A link to where the text was first published, closing a reprint (原文链接：点击查看原文,
# 新闻来源：http://www.pmo.cas.cn/…, 出自 TechCrunch), or to what it refers to
# (链接：http://std.samr.gov.cn/…): the text's own line, though all link.
ORIGINAL_LINK = re.compile(
    r"^[(（\[【]?\s*(?:(?:原文链接|原文地址|原文网址|本文链接|链接|网址)\s*[:：]"
    r"|(?:新闻|信息|文章|稿件)?来源\s*[:：]\s*https?://"
    r"|(?:出自|转自|轉自|转载自|轉載自)\s*[:：]?\s*\S)"
)
# How many levels above a one-paragraph densest element its text's container is looked for.
CONTAINER_CLIMB = 3
# How many lines of links after a short line make it a list's caption, trimmed with them.
CAPTIONED_LINKS = 2
HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
# Readers' comments with no heading: how many entries at least, and how many lines an entry
# takes at most (a name, the comment, its time).
COMMENT_ENTRIES_MIN = 3
COMMENT_LINES_MAX = 4
# A table of data (a notice's list of names, an attachment printed inline): how many rows of
# two cells or more make it, and how many lines of caption (附件, its title) may stand above it.
TABLE_ROWS_MIN = 3
TABLE_CAPTION_LINES = 3
# The longest a time stamp alone on its line is ([2021年03月01日 10:01:00]), and what
# separates its hours from its minutes.
STAMP_MAX = 24
TIME_MARK = re.compile("[:：时点]")


@dataclass(frozen=True)
class Block:
    """Lines ``start`` to ``end`` (exclusive) of the page: its main text."""

    start: int
    end: int


def line_weights(page: Page) -> list[int]:
    """Each line's weight as prose: positive for prose, negative for links and boilerplate;
    nothing for readers' comments (:func:`comment_runs`), whose sentences are not the text's
    but may share a box with its last lines, which a weight against them would cut off."""
    link_chars = _link_chars_per_line(page)
    comments = comment_lines(page)
    seen: set[str] = set()
    weights: list[int] = []
    for index, line in enumerate(page.lines):
        text = line.text
        size = len(text) - text.count(" ")
        linked = link_chars[index]
        if is_footer_text(text) or is_utility_text(text) or DISCLAIMER.search(text):
            weight = -2 * LINE_COST  # a statement under the text is the site's, as a footer
        elif index in comments:
            weight = 0
        elif linked >= size * LINK_LINE_SHARE:
            # An attachment (附件1 ….docx) belongs to the text; other links do not.
            weight = 0 if links_a_file(page, line) else -linked - LINE_COST
        elif size >= REPEAT_MIN and text in seen:
            weight = -size - LINE_COST
        else:  # a toolbar closing the line (a headline's 分享到：…) vouches for no prose
            marks = PUNCTUATION.findall(without_toolbar(text) or text)
            prose = min(size - linked, CHARS_PER_MARK * len(marks))
            weight = prose - LINE_COST if prose else min(size - linked - LINE_COST, 0)
        if size >= REPEAT_MIN:
            seen.add(text)
        weights.append(weight)
    return weights


def dense_block(page: Page, weights: list[int] | None = None) -> Block | None:
    """The element whose lines weigh most as prose (the largest, of equal weight), trimmed of
    the links and boilerplate at either end (short lines, captions among them, stay), and
    followed by up to :data:`TAIL_LINES` short plain lines its parent holds next (a closing
    signature and date, which weigh nothing), or by a table of data its parent holds next with
    the files linked after it (an attachment printed inline, :func:`table_after`), and by the
    text's 原文链接 or 来源：http://… line there (:data:`ORIGINAL_LINK`); None on a page
    without prose. A short line heading links at the start is the list's caption and
    goes with them."""
    lines = page.lines
    if not lines:
        return None
    weights = weights if weights is not None else line_weights(page)
    total = list(accumulate(weights, initial=0))
    best: tuple[int, int, int, int, etree._Element] | None = None  # weight, lines, start, end
    for element, (first, last) in page.spans.items():
        start, end = _line_range(page, first, last)
        if end <= start:
            continue
        candidate = (total[end] - total[start], end - start, start, end, element)
        if best is None or candidate[:4] > best[:4]:
            best = candidate
    if best is None or best[0] <= 0:
        return None
    weight, _, start, end, element = best
    start, end = _trimmed(page, weights, start, end)
    if end - start == 1:
        container = _paragraphs_container(page, weights, total, element, weight)
        if container is not None:
            element, start, end = container
    parent = element.getparent()
    if parent is not None and end > start:
        _, parent_end = _line_range(page, *page.spans.get(parent, (0, 0)))
        tail = end
        while (
            tail < min(parent_end, end + TAIL_LINES)
            and TAIL_WEIGHT <= weights[tail] <= 0
            and page.runs.owner[lines[tail].start].tag not in HEADING_TAGS
            and not _opens_table(page, tail)
        ):
            tail += 1
        table = table_after(page, tail, within=parent)
        if table is not None:
            tail = table[1]
            while tail < len(lines) and links_a_file(page, lines[tail]):
                tail += 1
        end = _past_original_link(page, tail, parent_end)
    return Block(start, end) if end > start else None


def table_after(
    page: Page, start: int, within: etree._Element | None = None
) -> tuple[int, int] | None:
    """(first line, line past the end) of a table of data that opens within
    :data:`TABLE_CAPTION_LINES` lines of line ``start``: :data:`TABLE_ROWS_MIN` rows of two
    cells or more, not a layout table around line ``start`` too, inside ``within`` where given
    (the text's own box: an attachment printed inline, 附件 and its title above it) and then
    not mostly links (a table of other articles)."""
    for index in range(start, min(start + TABLE_CAPTION_LINES + 1, len(page.lines))):
        table = next(page.runs.owner[page.lines[index].start].iterancestors("table"), None)
        if table is None:
            continue
        first, end = _line_range(page, *page.spans.get(table, (0, 0)))
        if first < start:
            continue  # the page's layout table, around the meta line too
        rows = [row for row in table.iter("tr") if len(row.findall("td")) >= 2]
        if len(rows) < TABLE_ROWS_MIN:
            return None
        if within is not None and (
            within not in table.iterancestors() or _mostly_links(page, index, end)
        ):
            return None
        return index, end
    return None


def _opens_table(page: Page, index: int) -> bool:
    """Whether line ``index`` is a table's first."""
    table = next(page.runs.owner[page.lines[index].start].iterancestors("table"), None)
    return table is not None and _line_range(page, *page.spans.get(table, (0, 0)))[0] == index


def _mostly_links(page: Page, start: int, end: int) -> bool:
    links = _link_chars_per_line(page)[start:end]
    size = sum(len(line.text) for line in page.lines[start:end])
    return sum(links) >= size * LINK_LINE_SHARE


def links_a_file(page: Page, line: Line) -> bool:
    """Whether ``line`` names a file of the article (附件1 ….docx) or links one (附件1：…通知,
    its address a .pdf): its attachment, not another page."""
    if line.text.lower().endswith(DOCUMENT_EXTENSIONS):
        return True
    runs = page.runs
    for index in range(line.start, line.end):
        anchor = runs.anchor(index)
        if anchor is not None and names_a_file(anchor):
            return True
    return False


def comment_runs(page: Page) -> list[tuple[int, int]]:
    """Lines ``first``..``end`` of each run of readers' comments printed with no heading:
    entries of a few lines, each ending in its time alone on a line (网友：… / the comment /
    2021-03-01 10:01), at least :data:`COMMENT_ENTRIES_MIN` of them, evenly spaced, however a
    list of dated headlines right after them is spaced. A text's own dates stand in its
    sentences, or have no time of day."""
    stamps = [index for index, line in enumerate(page.lines) if is_time_stamp(line.text)]
    chains: list[list[int]] = []
    for index in stamps:
        if chains and index - chains[-1][-1] <= COMMENT_LINES_MAX:
            chains[-1].append(index)
        else:
            chains.append([index])
    runs = []
    for chain in chains:  # each stretch of evenly spaced times in it (a dated list may follow)
        start = 0
        for end in range(1, len(chain) + 1):
            if end < len(chain) and (
                end - start < 2 or chain[end] - chain[end - 1] == chain[start + 1] - chain[start]
            ):
                continue
            if end - start >= COMMENT_ENTRIES_MIN:
                gap = chain[start + 1] - chain[start]
                runs.append((max(0, chain[start] - gap + 1), chain[end - 1] + 1))
            start = end
    return runs


def comment_lines(page: Page) -> set[int]:
    """The lines of :func:`comment_runs`."""
    return {index for first, end in comment_runs(page) for index in range(first, end)}


def is_time_stamp(text: str) -> bool:
    """A line that is a date with its time of day and nothing else ([2021-03-01 10:01])."""
    if len(text) > STAMP_MAX or not TIME_MARK.search(text):
        return False
    match = DATE_PATTERN.fullmatch(text.strip("[]【】()（） "))
    return match is not None and match["H"] is not None


def _trimmed(page: Page, weights: list[int], start: int, end: int) -> tuple[int, int]:
    """Lines ``start``..``end`` less the links and boilerplate at either end, and a list's
    caption with its links (重点推荐 | links | 证券要闻 | links, closing 网易's text box)."""
    while start < end and (
        weights[start] < -LINE_COST
        or (weights[start] <= 0 and _links_follow(weights, start + 1, end))
    ):
        start += 1
    limit = end
    while end > start and (
        (weights[end - 1] < -LINE_COST and not ORIGINAL_LINK.match(page.lines[end - 1].text))
        or (weights[end - 1] <= 0 and end < limit and weights[end] < -LINE_COST)
    ):
        end -= 1
    return start, end


def _past_original_link(page: Page, end: int, limit: int) -> int:
    """``end``, or past the 原文链接/链接： line there: the text's own, though all link."""
    lines = page.lines
    return end + 1 if end < limit and ORIGINAL_LINK.match(lines[end].text) else end


def _paragraphs_container(
    page: Page, weights: list[int], total: list[int], element: etree._Element, weight: int
) -> tuple[etree._Element, int, int] | None:
    """For a densest element of one paragraph, the nearest container whose lines from its
    first, trimmed of the link lists at its ends and up to where they weigh most (a related
    list closing the text's own box, its dates on lines of their own), weigh more: the
    paragraph's own text with its siblings, with its lines (and a 原文链接 line closing them);
    None where none does."""
    for _, ancestor in zip(range(CONTAINER_CLIMB), element.iterancestors(), strict=False):
        if ancestor not in page.spans:
            break
        start, end = _trimmed(page, weights, *_line_range(page, *page.spans[ancestor]))
        if end > start:
            most = max(range(start + 1, end + 1), key=lambda last: (total[last], -last))
            if total[most] - total[start] > weight:
                return ancestor, start, _past_original_link(page, most, end)
    return None


def _links_follow(weights: list[int], start: int, end: int) -> bool:
    """Whether lines ``start``.. are :data:`CAPTIONED_LINKS` lines of links: a short line
    before them captions a list (相关新闻), it does not open the text."""
    return start + CAPTIONED_LINKS <= end and all(
        weight < -LINE_COST for weight in weights[start : start + CAPTIONED_LINKS]
    )


def _line_range(page: Page, first: int, last: int) -> tuple[int, int]:
    """The lines that runs ``first``..``last`` (an element's span) show."""
    lines = page.lines
    start, end = page.line_index_at(first), page.line_index_at(max(first, last - 1))
    if end < len(lines) and lines[end].start < last:
        end += 1
    return start, end


def _link_chars_per_line(page: Page) -> list[int]:
    """Characters of link text on each line, from the runs inside each ``<a href>`` and each
    drop-down list's ``<select>`` (a menu of cities or films, whose options a reader never sees
    as a line of text)."""
    runs = page.runs
    linked = [False] * len(runs)
    for anchor in page.root.iter("a", "select"):
        if anchor.tag == "a" and anchor.get("href") is None:
            continue
        first, last = page.spans.get(anchor, (0, 0))
        for index in range(first, last):
            linked[index] = True
    counts: list[int] = []
    for line in page.lines:
        count = 0
        for index in range(line.start, line.end):
            if linked[index]:
                text = runs.text[index]
                count += len(text) - text.count(" ") - text.count("\n")
        counts.append(count)
    return counts
