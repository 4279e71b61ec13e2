"""Article fields from labels and page structure.

The page is read the way a person reads it: the breadcrumb names the section, the line with a
time label (时间/发布时间/日期…) is the meta line, the line just above it is the title, the
body runs from below the meta line to the 上一篇/下一篇 labels, and those labels carry the chain
links. None of it depends on class names or ids, so an unseen template of the same kind works.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter

from lxml import etree

from ggcrawl.dates import DATE_PATTERN, parse_published
from ggcrawl.extract.body import Body, build_body, is_utility_text
from ggcrawl.extract.document import Line, Page, normalize_text
from ggcrawl.extract.labels import (
    BREADCRUMB_PREFIXES,
    BREADCRUMB_SEPARATORS,
    BREADCRUMB_TAILS,
    CHAIN_END_WORDS,
    DATE_LABELS,
    FOOTER_MARKERS,
    HOME_WORDS,
    META_LABELS,
    NEXT_LABELS,
    PREV_LABELS,
    SOURCE_LABELS,
    label_pattern,
)

DATE_LINE = re.compile(
    rf"(?:{label_pattern(DATE_LABELS, not_after_han=True)})[\s:：]{{0,8}}"
    rf"(?:{DATE_PATTERN.pattern})"
)
SOURCE_FIELD = re.compile(
    rf"(?:{label_pattern(SOURCE_LABELS, not_after_han=True)})[^\S\n]*[:：][^\S\n]*"
    rf"(?P<value>.*?)(?=[^\S\n]{{2,}}|[^\S\n]*(?:{label_pattern(META_LABELS)})[^\S\n]*[:：]"
    r"|[【\[|｜]|\n|$)"
)
LABELLED_LINE = re.compile(rf"^(?:{label_pattern(META_LABELS)})[^\S\n]*[:：]")
PREV_LABEL = re.compile(label_pattern(PREV_LABELS, not_after_han=True))
NEXT_LABEL = re.compile(label_pattern(NEXT_LABELS, not_after_han=True))
CHAIN_LABEL = re.compile(label_pattern(PREV_LABELS + NEXT_LABELS, not_after_han=True))
BREADCRUMB_START = re.compile(
    rf"(?:^|[:：\s])(?:{label_pattern(HOME_WORDS)})\s*(?:>>|>|＞|»|›|→|/|／|\\)"
)
# The home word alone, which opens with a literal and so is found by skipping ahead: lines
# without one (most) are passed over before BREADCRUMB_START tries every position.
HOME_WORD = re.compile(label_pattern(HOME_WORDS))
BREADCRUMB_PREFIX = re.compile(rf"^.*?(?:{label_pattern(BREADCRUMB_PREFIXES)})\s*[:：]?\s*")
TITLE_TEXT = etree.XPath("//title//text()")
TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|—|-|–)\s*")
HEADINGS = ("h1", "h2", "h3", "h4")
# How far above the meta line a title may sit, in lines.
TITLE_REACH = 3
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
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MetaLine:
    line: int  # index into page.lines
    published_at: str | None
    source: str | None
    source_found: bool


def extract_article(page: Page) -> ArticleFields:
    """All article fields of ``page``; never raises on odd markup (fields become None)."""
    fields = ArticleFields()
    crumbs = breadcrumb(page)
    fields.section = section_from_crumbs(crumbs[1]) if crumbs else None
    after = crumbs[0] + 1 if crumbs else 0
    meta = find_meta_line(page, after)
    fields.title = find_title(page, meta, after)
    if meta:
        fields.published_at, fields.source = meta.published_at, meta.source
    body_start = _body_start(page, meta, after)
    chain_from = page.lines[body_start].start if body_start < len(page.lines) else len(page.runs)
    chain_at = _first_match_run(page, CHAIN_LABEL, chain_from)
    if chain_at is not None:
        fields.prev_url = _chain_link(page, PREV_LABEL, chain_at)
        fields.next_url = _chain_link(page, NEXT_LABEL, chain_at)
    body = _body(page, body_start, chain_at)
    if body is not None:
        fields.body_html, fields.body_text = body.html or None, body.text or None
        fields.images, fields.attachments = body.images, body.attachments
    _warn_missing(fields, crumbs, meta, chain_at)
    return fields


def breadcrumb(page: Page) -> tuple[int, list[str]] | None:
    """(line index, crumbs) of the 首页 > 栏目 > 正文 trail, crumbs without the prefix."""
    for index, line in enumerate(page.lines):
        text = line.text
        if len(text) > 200 or not HOME_WORD.search(text) or not BREADCRUMB_START.search(text):
            continue
        text = BREADCRUMB_PREFIX.sub("", text)
        crumbs = [c.strip() for c in BREADCRUMB_SEPARATORS.split(text) if c.strip()]
        if len(crumbs) >= 2:
            return index, crumbs
    return _breadcrumb_as_list(page)


def _breadcrumb_as_list(page: Page) -> tuple[int, list[str]] | None:
    """A trail drawn as list items with separators from CSS: the smallest element around a
    首页 line that holds 2 to 4 short lines (a nav bar, which also starts with 首页, has more)."""
    for line in page.lines:
        if BREADCRUMB_PREFIX.sub("", line.text) not in HOME_WORDS:
            continue
        node = page.runs.owner[line.start]
        lines: list[Line] = []
        while node is not None:
            first, last = page.spans.get(node, (0, 0))
            lines = page.lines[page.line_index_at(first) : page.line_index_at(last)]
            if len(lines) >= 2:
                break
            node = node.getparent()
        if node is None or not 2 <= len(lines) <= 4 or any(len(x.text) > 40 for x in lines):
            continue
        crumbs = [BREADCRUMB_PREFIX.sub("", x.text) for x in lines]
        return page.lines.index(lines[-1]), crumbs
    return None


def section_from_crumbs(crumbs: list[str]) -> str | None:
    """The column: the first crumb after 首页, never a page-type word such as 正文."""
    rest = crumbs[1:] if crumbs and crumbs[0] in HOME_WORDS else crumbs
    rest = [c for c in rest if c not in BREADCRUMB_TAILS and c not in HOME_WORDS]
    return rest[0] if rest else None


def find_meta_line(page: Page, after_line: int = 0) -> MetaLine | None:
    """The first line after the breadcrumb with a time label and a date."""
    start_offset = page.offset(page.lines[after_line].start) if after_line < len(page.lines) else 0
    match = DATE_LINE.search(page.joined, start_offset) or (
        DATE_LINE.search(page.joined) if start_offset else None
    )
    if match is None:
        return None
    line_index = page.line_index_at(page.run_at(match.start()))
    published = parse_published(match.group(0))
    window = page.joined[max(0, match.start() - 200) : match.end() + 200]
    sources = list(SOURCE_FIELD.finditer(window))
    source_found = bool(sources)
    source = None
    if sources:
        centre = min(200, match.start())
        nearest = min(sources, key=lambda m: abs(m.start() - centre))
        source = normalize_text(nearest["value"]) or None
    return MetaLine(line_index, published, source, source_found)


def find_title(page: Page, meta: MetaLine | None, after_line: int) -> str | None:
    """The line above the meta line, preferring a heading and a text the ``<title>`` repeats."""
    doc_title = normalize_text(" ".join(TITLE_TEXT(page.root)))
    candidates: list[tuple[str, bool]] = []
    if meta is not None:
        meta_line = page.lines[meta.line]
        before_label = normalize_text(
            page.joined[page.offset(meta_line.start) : _label_offset(page, meta_line)]
        )
        if len(before_label) >= 4:
            candidates.append((before_label, False))
        index = meta.line - 1
        while index >= after_line and len(candidates) < TITLE_REACH:
            line = page.lines[index]
            if not is_utility_text(line.text) and not BREADCRUMB_START.search(line.text):
                candidates.append((line.text, _in_heading(page, line)))
            index -= 1
    if not candidates:
        candidates = [
            (page.text_of(h), True)
            for h in page.root.iter(*HEADINGS)
            if page.text_of(h) and page.text_of(h) in doc_title
        ]
    for wanted in (
        lambda text, heading: heading and text in doc_title,
        lambda text, heading: len(text) >= 4 and text in doc_title,
        lambda text, heading: heading,
        lambda text, heading: True,
    ):
        for text, heading in candidates:
            if wanted(text, heading):
                return text
    parts = [p for p in TITLE_SEPARATORS.split(doc_title) if p]
    return parts[0] if parts else None


def _label_offset(page: Page, line: Line) -> int:
    start, end = page.offset(line.start), page.offset(line.end)
    match = DATE_LINE.search(page.joined, start, end) or SOURCE_FIELD.search(
        page.joined, start, end
    )
    return match.start() if match else start


def _in_heading(page: Page, line: Line) -> bool:
    node: etree._Element | None = page.runs.owner[line.start]
    while node is not None:
        if node.tag in HEADINGS:
            return True
        node = node.getparent()
    return False


def _body_start(page: Page, meta: MetaLine | None, after_line: int) -> int:
    """First line of the body: below the meta line and any label or toolbar lines after it."""
    index = meta.line + 1 if meta else after_line + 1
    while index < len(page.lines) and _is_furniture(page.lines[index].text):
        index += 1
    return index


def _is_furniture(text: str) -> bool:
    """Lines around a body that are not body: toolbars, label lines (作者：…, 责任编辑：…)."""
    return is_utility_text(text) or (len(text) <= SHORT_LINE and bool(LABELLED_LINE.match(text)))


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
    rest = runs.text[index][match.end() - runs.start[index] :].strip(" \t\r\n\xa0\u3000:：")
    if rest:
        return None
    for following in range(index + 1, min(index + 1 + MAX_LINK_SCAN, len(runs))):
        text = runs.text[following].strip(" \t\r\n\xa0\u3000:：")
        if not text:
            continue
        anchor = runs.anchor(following)
        if anchor is None or text in CHAIN_END_WORDS:
            return None
        return _href(page, anchor)
    return None


def _href(page: Page, anchor: etree._Element) -> str | None:
    href = anchor.get("href")
    if not href or href.strip().lower().startswith(("javascript:", "#")):
        return None
    return page.absolute(href)


def _body(page: Page, start_line: int, chain_run: int | None) -> Body | None:
    if start_line >= len(page.lines):
        return None
    # Ranges run from the end of the line above to the start of the line below, so the block
    # elements that open and close around the body lines fall inside and are kept whole.
    start = page.lines[start_line - 1].end if start_line > 0 else 0
    if chain_run is not None and chain_run > page.lines[start_line].start:
        end_line = page.line_index_at(chain_run)
    else:
        end_line = _footer_line(page, start_line)
    while end_line - 1 >= start_line and _is_furniture(page.lines[end_line - 1].text):
        end_line -= 1
    if end_line <= start_line:
        return None
    end = page.lines[end_line].start if end_line < len(page.lines) else len(page.runs)
    return build_body(page, cut(page, start, end, drop_link_lists=chain_run is None))


def _footer_line(page: Page, start_line: int) -> int:
    for index in range(start_line, len(page.lines)):
        if FOOTER_MARKERS.search(page.lines[index].text):
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
    chain_at: int | None,
) -> None:
    if crumbs is None:
        fields.warnings.append("section: no breadcrumb (首页 > 栏目) found")
    elif fields.section is None:
        fields.warnings.append("section: breadcrumb names no column")
    if meta is None:
        fields.warnings.append("published_at: no time label (时间/发布时间/日期) with a date found")
    elif meta.published_at is None:
        fields.warnings.append("published_at: the date next to the time label is not a valid date")
    if meta is None:
        fields.warnings.append("source: no meta line (时间 … 来源) to read it from")
    elif not meta.source_found:
        fields.warnings.append("source: no 来源 label on the meta line")
    if fields.title is None:
        fields.warnings.append("title: no title found")
    if fields.body_text is None:
        fields.warnings.append("body: no body text found")
    if chain_at is None:
        fields.warnings.append("prev/next: no 上一篇/下一篇 labels found")
