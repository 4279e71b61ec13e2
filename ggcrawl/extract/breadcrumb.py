"""The 首页 > 栏目 > 正文 trail, written as text or drawn as a list, and the column it names."""

from __future__ import annotations

import re

from ggcrawl.extract.document import (
    Line,
    Page,
)
from ggcrawl.extract.labels import (
    BREADCRUMB_HOME_WORDS,
    BREADCRUMB_PREFIXES,
    BREADCRUMB_SEPARATORS,
    BREADCRUMB_TAILS,
    HOME_WORDS,
    label_pattern,
)

BREADCRUMB_START = re.compile(
    rf"(?:^|[:：\s])(?:{label_pattern(BREADCRUMB_HOME_WORDS)})\s*(?:>>|>|＞|»|›|→|/|／|\\)"
    # run into the column's name before it by minified markup (学生通知首页 > 通知公告 > …),
    # where the same separator parts a second crumb
    rf"|(?:{label_pattern(BREADCRUMB_HOME_WORDS)})\s*(?P<sep>>>|>|＞|»|›|→)[^\n]{{1,30}}?(?P=sep)"
    # or parted by spaced dashes, twice (清华主页 - 清华新闻 - … - 正文)
    rf"|(?:{label_pattern(BREADCRUMB_HOME_WORDS)})\s+[-–]\s+[^\n]{{1,30}}?\s+[-–]\s"
)
# The home word alone, which opens with a literal and so is found by skipping ahead: lines
# without one (most) are passed over before BREADCRUMB_START tries every position.
HOME_WORD = re.compile(label_pattern(BREADCRUMB_HOME_WORDS))
BREADCRUMB_LEAD = re.compile(rf"^(?:{label_pattern(BREADCRUMB_PREFIXES)})\s*[:：]")
# How many crumbs a trail drawn as a list may have: after a 当前位置 line, and without one.
LONG_TRAIL = 5
SHORT_TRAIL = 4
BREADCRUMB_PREFIX = re.compile(rf"^.*?(?:{label_pattern(BREADCRUMB_PREFIXES)})\s*[:：]?\s*")


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
    or up to 5 after a 当前位置 line, 首页 first of them; a trail after 当前位置 first."""
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
        if BREADCRUMB_PREFIX.sub("", lines[0].text) not in BREADCRUMB_HOME_WORDS:
            continue  # 首页 after another word (返回 | 首页, a footer's widget): no trail
        found = page.lines.index(lines[-1]), [BREADCRUMB_PREFIX.sub("", x.text) for x in lines]
        if led:
            return found
        unled = unled or found
    return unled


def section_from_crumbs(crumbs: list[str]) -> str | None:
    """The column: the first crumb after 首页 (or the site's 清华主页), never a page-type
    word such as 正文."""
    rest = crumbs[1:] if crumbs and crumbs[0].endswith(HOME_WORDS) else crumbs
    rest = [c for c in rest if c not in BREADCRUMB_TAILS and c not in HOME_WORDS]
    return rest[0] if rest else None


def is_crumb_line(text: str) -> bool:
    """A breadcrumb's line: 首页 > …, or led by 当前位置 whatever parts its crumbs."""
    return BREADCRUMB_START.search(text) is not None or BREADCRUMB_LEAD.match(text) is not None
