"""Where an article leads: the 上一篇/下一篇 links of the chain, and the 下一页 of an article
the site splits over pages."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from ggcrawl.extract.document import Page
from ggcrawl.extract.labels import (
    CHAIN_END_WORDS,
    NEXT_LABELS,
    PREV_LABELS,
    label_pattern,
)

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
# A chain label also stands right after the other's end (上一篇下一篇, two links run together).
CHAIN_ENDS = "篇条條则則"
PREV_LABEL = re.compile(label_pattern(PREV_LABELS, not_after_han=True, also_after=CHAIN_ENDS))
NEXT_LABEL = re.compile(label_pattern(NEXT_LABELS, not_after_han=True, also_after=CHAIN_ENDS))
# The labels as bare words: one may also follow a link's last character with no space, the
# previous link's headline (<a>HTTP Referer 二三事</a></em><em>下一篇：).
AFTER_A_LINK = {
    PREV_LABEL: re.compile(label_pattern(PREV_LABELS)),
    NEXT_LABEL: re.compile(label_pattern(NEXT_LABELS)),
}
# A bar of the neighbours' headlines with arrows and no labels (« 上一篇的标题 | 下一篇的标题 »):
# the arrows on either side, how many lines after the text it may stand, the shortest headline.
PREV_ARROWS = ("«", "‹", "←")
NEXT_ARROWS = ("»", "›", "→")
ARROW_REACH = 4
ARROWED_TITLE_MIN = 4
# The links that say how they relate to this page (rel="prev", rel="next").
RELATED_ANCHORS = etree.XPath("//a[@rel]")
CHAIN_LABEL = re.compile(
    label_pattern(PREV_LABELS + NEXT_LABELS, not_after_han=True, also_after=CHAIN_ENDS)
)
# What may follow a 上一篇 label before its link: a colon, a bracket, a word (【上一篇】：,
# 上一篇文章：).
CHAIN_LABEL_REST = re.compile(r"[\s:：【】\[\]()（）]*(?:文章|新闻|信息)?[\s:：【】\[\]()（）]*")
# How far after a run a 上一篇 label or its link may begin, in characters: whitespace between
# layout tables' cells counts, and a label and its link in cells of their own (下一篇： | the
# link) stand within it.
CHAIN_REACH = 400


def chain_after(page: Page, start_line: int) -> int | None:
    if start_line >= len(page.lines):
        return None
    return _first_match_run(page, CHAIN_LABEL, page.lines[start_line].start)


def chain_above(page: Page, first_line: int, end_line: int) -> int | None:
    """The run of a 上一篇/下一篇 label printed between lines ``first_line`` and ``end_line``,
    above the text (明報 prints its 下一篇 over the headline), for a page whose text has none
    after it."""
    lines = page.lines
    if first_line >= min(end_line, len(lines)):
        return None
    start = page.offset(lines[first_line].start)
    end = page.offset(lines[end_line].start) if end_line < len(lines) else len(page.joined)
    match = CHAIN_LABEL.search(page.joined, start, end)
    return page.run_at(match.start()) if match else None


def _first_match_run(page: Page, pattern: re.Pattern[str], from_run: int) -> int | None:
    match = pattern.search(page.joined, page.offset(from_run))
    return page.run_at(match.start()) if match else None


def chain_link(page: Page, label: re.Pattern[str], from_run: int) -> str | None:
    """The link after a 上一篇/下一篇 label, None where the chain ends (没有了)."""
    offset = page.offset(from_run)
    match = label.search(page.joined, offset, offset + CHAIN_REACH) or _after_a_link(
        page, label, offset
    )
    if match is None:
        return None
    index = page.run_at(match.start())
    runs = page.runs
    anchor = runs.anchor(index)
    if anchor is not None:
        return _href(page, anchor)
    if not CHAIN_LABEL_REST.fullmatch(runs.text[index][match.end() - runs.start[index] :]):
        return None
    reach = page.offset(index) + CHAIN_REACH
    for following in range(index + 1, len(runs)):
        if page.offset(following) > reach:
            break
        text = runs.text[following]
        if CHAIN_LABEL_REST.fullmatch(text):
            continue
        anchor = runs.anchor(following)
        if anchor is None or text.strip(" \t\r\n\xa0\u3000:：") in CHAIN_END_WORDS:
            return None
        return _href(page, anchor)
    return None


def _after_a_link(page: Page, label: re.Pattern[str], offset: int) -> re.Match[str] | None:
    """A label that opens a run of text right after a link's, where minified markup runs the
    other link's headline into it."""
    for match in AFTER_A_LINK[label].finditer(page.joined, offset, offset + CHAIN_REACH):
        run = page.run_at(match.start())
        if page.offset(run) == match.start() and run > 0 and page.runs.anchor(run - 1) is not None:
            return match
    return None


def related_by_rel(page: Page) -> tuple[str | None, str | None]:
    """(prev, next) where no label names them: the links the page marks ``rel="prev"`` and
    ``rel="next"`` (a blog's post navigation: ← 上一篇的标题 | 下一篇的标题 →), as a reader
    follows them; never a pager's 下一页 (the article's own next page), nor the ``<link>``s
    of the head, which a reader does not see."""
    found: dict[str, str | None] = {}
    for anchor in RELATED_ANCHORS(page.root):
        rel = set(anchor.get("rel", "").lower().split())
        kind = "prev" if rel & {"prev", "previous"} else "next" if "next" in rel else None
        text = page.text_of(anchor)
        if kind is None or kind in found or NEXT_PAGE.search(text) or PAGER.fullmatch(text):
            continue
        href = page.elsewhere(_href(page, anchor))
        if href:
            found[kind] = href
    return found.get("prev"), found.get("next")


def arrowed_links(page: Page, end_line: int) -> tuple[str | None, str | None]:
    """(prev, next) where no label or ``rel`` names them: a bar of two headlines just after
    the text, the earlier after «, the later before » (Slashdot's and Solidot's « 上一篇的标题 |
    下一篇的标题 », blog themes' ‹ … and … › on two lines); both, or neither."""
    found: dict[str, str | None] = {}
    lines = page.lines
    for line in lines[end_line : end_line + ARROW_REACH]:
        text = line.text.strip()
        runs = range(line.start, line.end)
        if text.startswith(PREV_ARROWS):
            found.setdefault("prev", _arrowed(page, runs))
        if text.endswith(NEXT_ARROWS):
            found.setdefault("next", _arrowed(page, reversed(runs)))
    if found.get("prev") and found.get("next"):
        return found["prev"], found["next"]
    return None, None


def _arrowed(page: Page, runs: Iterable[int]) -> str | None:
    """The first link among ``runs`` if a headline's (not a pager's, not 更多), to another
    page."""
    for run in runs:
        anchor = page.runs.anchor(run)
        if anchor is None:
            continue
        text = page.text_of(anchor)
        if len(text) < ARROWED_TITLE_MIN or PAGER.fullmatch(text) or "更多" in text:
            return None
        return page.elsewhere(_href(page, anchor))
    return None


def split_warning(url: str) -> str:
    """What parse_warnings says of an article whose text goes on at ``url``, not joined."""
    return f"body: {SPLIT_WARNING} {url} (下一页), whose text is not in this body"


def continued_at(page: Page, end_line: int) -> str | None:
    """Where an article split over pages goes on: the 下一页 link of a pager (上一页 1 2 下一页)
    just after its text, to another page than this one."""
    lines = page.lines
    for line in lines[max(0, end_line - PAGER_REACH) : end_line + PAGER_REACH]:
        if not NEXT_PAGE.search(line.text) or not PAGER.fullmatch(line.text):
            continue
        for run in range(line.start, line.end):
            anchor = page.runs.anchor(run)
            if anchor is not None and NEXT_PAGE.search(page.runs.text[run]):
                href = page.elsewhere(_href(page, anchor))
                if href:
                    return href
    return None


def _href(page: Page, anchor: etree._Element) -> str | None:
    """Where a chain link goes: its ``href``, or, where that is a script (``javascript:void(0)``)
    or a fragment, the address the script follows (``data-url``, ``data-href``); nowhere for a
    query whose id is empty (news_info.php?SerialNo=, the newest article's 下一篇)."""
    for attribute in ("href", *SCRIPTED_HREFS):
        href = anchor.get(attribute)
        if href and not href.strip().lower().startswith(("javascript:", "#")):
            return None if href.split("#", 1)[0].strip().endswith("=") else page.absolute(href)
    return None
