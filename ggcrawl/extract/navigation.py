"""Where a page leads: the nav bar's sections, a listing's items and its pager, the page kind.

These feed the spider's decisions, so they return links, never fields. Like the article rules
they go by words (section names, 下一页/尾页, dates beside items) and by structure (which links
repeat together), not by class names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from ggcrawl.extract.breadcrumb import breadcrumb
from ggcrawl.extract.chain import CHAIN_LABEL
from ggcrawl.extract.document import Page, normalize_text
from ggcrawl.extract.labels import (
    FIRST_PAGE_WORDS,
    HOME_WORDS,
    KNOWN_SECTIONS,
    PAGER_WORDS,
    is_footer_text,
)
from ggcrawl.extract.meta import DATE_LINE
from ggcrawl.urls import is_fetchable

ITEM_TAGS = ("li", "tr", "dd", "dt", "p")
LIST_TAGS = ("ul", "ol", "table", "tbody", "dl")
PAGE_NUMBER = re.compile(r"^(?:第|页)?(\d{1,5})页?$")
# Arrows, brackets and spaces that pagers wrap around their words and numbers.
PAGER_DECORATION = re.compile(r"[«»‹›<>\[\]【】()（）\s]")
ITEM_DATE = re.compile(
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}|(?<!\d)\d{1,2}\s*[-/月]\s*\d{1,2}(?!\d)"
)
NAV_MIN_LINKS = 5
# An undated list needs this many links to count as a listing without a pager.
UNDATED_LIST_MIN = 3
# Characters of non-link text (in all, or on one line) that make the stretch before a list
# "prose".
PROSE_MIN = 120
PROSE_LINE = 40
# Share of a nav bar's links that are column names.
NAV_SHARE = 0.5
# Share of a pager's links that are page words or numbers.
PAGER_SHARE = 0.6
PURE_PAGER_SHARE = 0.9
NAV_NAME_MAX = 10


@dataclass(frozen=True)
class Link:
    url: str
    text: str


@dataclass(frozen=True)
class PageLink:
    url: str
    number: int | None
    label: str


@dataclass
class Listing:
    items: list[Link] = field(default_factory=list)
    pages: list[PageLink] = field(default_factory=list)


def nav_sections(page: Page) -> list[Link]:
    """The nav bar's links other than 首页, in nav order.

    The nav bar is the element holding the most links named like the known sections (a
    footer may repeat them; the first such element wins); on a site whose names we do not
    know, the first run of at least five short links beginning with 首页.
    """
    container = _best_container(page, lambda a: _link_text(a) in KNOWN_SECTIONS)
    if container is None:
        container = _best_container(
            page, lambda a: 0 < len(_link_text(a)) <= NAV_NAME_MAX, require_home=True
        )
    if container is None:
        return []
    sections: list[Link] = []
    seen: set[str] = set()
    for anchor in container.iter("a"):
        text, url = _link_text(anchor), page.absolute(anchor.get("href", ""))
        if not text or text in HOME_WORDS or url is None or not is_fetchable(url) or url in seen:
            continue
        seen.add(url)
        sections.append(Link(url, text))
    return sections


def _best_container(
    page: Page, wanted: Callable[[etree._Element], bool], *, require_home: bool = False
) -> etree._Element | None:
    """The deepest element made mostly of wanted links that holds the most distinct wanted
    link texts (so a breadcrumb or sidebar that repeats a section name, or a second nav row,
    does not pull the choice up to the whole page)."""
    names: dict[etree._Element, set[str]] = {}
    totals: Counter[etree._Element] = Counter()
    order: dict[etree._Element, int] = {}
    for position, anchor in enumerate(page.root.iter("a")):
        is_wanted = wanted(anchor)
        text = _link_text(anchor)
        node = anchor.getparent()
        while node is not None:
            totals[node] += 1
            if is_wanted:
                names.setdefault(node, set()).add(text)
                order.setdefault(node, position)
            node = node.getparent()
    names = {node: found for node, found in names.items() if len(found) >= NAV_SHARE * totals[node]}
    if require_home:
        names = {
            node: found
            for node, found in names.items()
            if any(_link_text(a) in HOME_WORDS for a in node.iter("a"))
        }
    if not names:
        return None
    best = max(len(found) for found in names.values())
    if require_home and best < NAV_MIN_LINKS:
        return None
    candidates = [node for node, found in names.items() if len(found) == best]
    return max(candidates, key=lambda node: (_depth(node), -order[node]))


def _depth(node: etree._Element) -> int:
    depth = 0
    while node is not None:
        depth += 1
        node = node.getparent()
    return depth


def _link_text(anchor: etree._Element) -> str:
    return normalize_text("".join(anchor.itertext()))


def listing(page: Page) -> Listing:
    """A listing page's article links (its main list, in page order) and its pager links."""
    pager = _pager(page)
    pager_links = set(pager[1]) if pager else set()
    excluded = _excluded_regions(page)
    anchors = [
        anchor
        for anchor in page.root.iter("a")
        if anchor not in pager_links
        and not _inside(anchor, excluded)
        and (url := page.absolute(anchor.get("href", ""))) is not None
        and is_fetchable(url)
        and (_link_text(anchor) or anchor.find(".//img") is not None)
    ]
    groups: dict[etree._Element, list[tuple[etree._Element, bool]]] = {}
    for container, members in _repeated_groups(_one_per_item(page, anchors)):
        for anchor in members:
            item = _item_in(anchor, container)
            dated = bool(ITEM_DATE.search(page.text_of(item) + (item.tail or "")))
            groups.setdefault(container, []).append((anchor, dated))
    for members in groups.values():
        members.sort(key=lambda member: page.spans.get(member[0], (0, 0))[0])
    main = _main_group(page, groups, pager[0] if pager else None)
    result = Listing()
    seen: set[str] = set()
    for anchor, _dated in groups.get(main, []) if main is not None else []:
        url = page.absolute(anchor.get("href", ""))
        if url and url not in seen and url != page.url:
            seen.add(url)
            result.items.append(Link(url, _link_text(anchor)))
    if pager:
        result.pages = _page_links(page, pager[1])
    return result


def _one_per_item(page: Page, anchors: list[etree._Element]) -> list[etree._Element]:
    """A thumbnail link and the title link after it lead to one article: keep the title."""
    kept: list[etree._Element] = []
    for anchor in anchors:
        previous = kept[-1] if kept else None
        if previous is not None and page.absolute(previous.get("href", "")) == page.absolute(
            anchor.get("href", "")
        ):
            if len(_link_text(anchor)) > len(_link_text(previous)):
                kept[-1] = anchor
            continue
        kept.append(anchor)
    return kept


def _repeated_groups(
    anchors: list[etree._Element],
) -> list[tuple[etree._Element, list[etree._Element]]]:
    """Links that repeat one structure side by side: list items, table rows, ``<br>`` lines.

    Links with the same tag path from the root are candidates; consecutive ones stay in one
    group while they share the same closest common ancestor (the list's container).
    """
    by_path: dict[tuple[str, ...], list[etree._Element]] = {}
    for anchor in anchors:
        by_path.setdefault(_tag_path(anchor), []).append(anchor)
    groups: list[tuple[etree._Element, list[etree._Element]]] = []
    for members in by_path.values():
        current = [members[0]]
        container: etree._Element | None = None
        for anchor in members[1:]:
            common = _common_ancestor(current[-1], anchor)
            if container is None or common is container:
                container = common
                current.append(anchor)
                continue
            groups.append((container, current))
            current, container = [anchor], None
        groups.append(
            (container if container is not None else _lone_container(current[0]), current)
        )
    return groups


def _tag_path(node: etree._Element) -> tuple[str, ...]:
    path = []
    current: etree._Element | None = node
    while current is not None:
        path.append(current.tag)
        current = current.getparent()
    return tuple(path)


def _common_ancestor(node: etree._Element, other: etree._Element) -> etree._Element:
    ancestors = set()
    current: etree._Element | None = other
    while current is not None:
        ancestors.add(current)
        current = current.getparent()
    current = node
    while current is not None and current not in ancestors:
        current = current.getparent()
    assert current is not None, "nodes of one document share the root"
    return current


def _lone_container(anchor: etree._Element) -> etree._Element:
    """The list a single link sits in: the parent of its list item, row or paragraph."""
    node = anchor.getparent()
    for _ in range(4):
        if node is None or node.getparent() is None:
            break
        if node.tag in ITEM_TAGS:
            return node.getparent()
        node = node.getparent()
    parent = anchor.getparent()
    return parent if parent is not None else anchor


def _item_in(anchor: etree._Element, container: etree._Element) -> etree._Element:
    """The child of ``container`` that holds ``anchor``: the whole list item, with its date.
    Where items are not wrapped (``<a>…</a> 2019-01-29<br>``) the link and its tail text."""
    node = anchor
    while node.getparent() is not None and node.getparent() is not container:
        node = node.getparent()
    return node


def _pager(page: Page) -> tuple[etree._Element, list[etree._Element]] | None:
    """(container, links) of the pager: an element made (almost) only of 下一页/尾页/number
    links, holding the most of them; of two equal pagers (above and below a list) the lower.
    首页 alone is also the home link, so it does not make a pager."""
    pagerish = [a for a in page.root.iter("a") if _is_pager_text(_link_text(a))]
    if len(pagerish) < 2:
        return None
    members: dict[etree._Element, list[etree._Element]] = {}
    for anchor in pagerish:
        node = anchor.getparent()
        while node is not None:
            members.setdefault(node, []).append(anchor)
            node = node.getparent()
    best: tuple[tuple[bool, int, int, int], etree._Element] | None = None
    for node, links in members.items():
        strong = [
            a for a in links if _pager_word(_link_text(a)) not in FIRST_PAGE_WORDS + HOME_WORDS
        ]
        if len(links) < 2 or not strong:
            continue
        share = len(links) / len(node.xpath(".//a"))
        if share < PAGER_SHARE:
            continue
        key = (
            share >= PURE_PAGER_SHARE,
            len(strong),
            _depth(node),
            page.spans.get(node, (0, 0))[0],
        )
        if best is None or key > best[0]:
            best = (key, node)
    return (best[1], members[best[1]]) if best else None


def _pager_word(text: str) -> str:
    """``下一页 »`` → ``下一页``, ``[2]`` → ``2``, ``页 2`` (screen-reader prefix) → ``页2``."""
    return PAGER_DECORATION.sub("", text) or text


def _is_pager_text(text: str) -> bool:
    word = _pager_word(text)
    return word in PAGER_WORDS or bool(PAGE_NUMBER.match(word))


def _page_links(page: Page, anchors: list[etree._Element]) -> list[PageLink]:
    numbered: dict[str, int] = {}
    for anchor in anchors:
        match = PAGE_NUMBER.match(_pager_word(_link_text(anchor)))
        url = page.absolute(anchor.get("href", ""))
        if match and url:
            numbered.setdefault(url, int(match.group(1)))
    links: list[PageLink] = []
    seen: set[str] = set()
    for anchor in anchors:
        url = page.absolute(anchor.get("href", ""))
        if url is None or not is_fetchable(url) or url in seen or url == page.url:
            continue
        seen.add(url)
        text = _link_text(anchor)
        number = numbered.get(url)
        if number is None and _pager_word(text) in FIRST_PAGE_WORDS:
            number = 1
        links.append(PageLink(url, number, text))
    return links


def _excluded_regions(page: Page) -> list[etree._Element]:
    """Nav bar, breadcrumb and footer: their links are never listing items."""
    regions: list[etree._Element] = []
    nav = _best_container(page, lambda a: _link_text(a) in KNOWN_SECTIONS)
    if nav is not None and len(nav.xpath(".//a")) >= NAV_MIN_LINKS:
        regions.append(nav)
    crumbs = _breadcrumb_block(page)
    if crumbs is not None:
        regions.append(crumbs)
    for line in reversed(page.lines):
        if is_footer_text(line.text):
            regions.append(_block_of(page.runs.owner[line.start]))
            break
    return regions


def _breadcrumb_block(page: Page) -> etree._Element | None:
    crumbs = breadcrumb(page)
    return _block_of(page.runs.owner[page.lines[crumbs[0]].start]) if crumbs else None


def _block_of(node: etree._Element) -> etree._Element:
    while node.getparent() is not None and node.tag in (
        "a",
        "span",
        "font",
        "b",
        "strong",
        "em",
        "i",
        "small",
    ):
        node = node.getparent()
    return node


def _inside(node: etree._Element, containers: list[etree._Element]) -> bool:
    current: etree._Element | None = node
    while current is not None:
        if any(current is c for c in containers):
            return True
        current = current.getparent()
    return False


def _main_group(
    page: Page,
    groups: dict[etree._Element, list[tuple[etree._Element, bool]]],
    pager: etree._Element | None,
) -> etree._Element | None:
    """The listing's own list among all link groups on the page.

    Sidebars repeat "hot" and "latest" lists on every page, so the main list is told apart by
    where it sits: after the breadcrumb and before the pager, in the same column as they are
    (the deepest common ancestor), with dates beside its items. A page whose breadcrumb is
    followed by prose rather than by a list (an about page) has no main list.
    """
    anchor_element = _breadcrumb_block(page)
    after = page.spans.get(anchor_element, (0, 0))[1] if anchor_element is not None else 0
    before = page.spans.get(pager, (0, 0))[0] if pager is not None else len(page.runs)
    candidates = []
    for group, members in groups.items():
        first, last = _members_span(page, members)
        if first < after or last > before:
            continue
        dated = sum(1 for _anchor, is_dated in members if is_dated)
        if dated == 0 and pager is None and len(members) < UNDATED_LIST_MIN:
            continue
        if pager is None and _prose_between(page, after, first):
            continue
        near = max(
            _common_depth(group, anchor_element) if anchor_element is not None else 0,
            _common_depth(group, pager) if pager is not None else 0,
        )
        candidates.append(((near, dated * 2 + len(members), -first), group))
    if not candidates:
        # A pager above the list, or an unusual order: judge the lists without the pager.
        return _main_group(page, groups, None) if pager is not None else None
    return max(candidates, key=lambda c: c[0])[1]


def _members_span(page: Page, members: list[tuple[etree._Element, bool]]) -> tuple[int, int]:
    spans = [page.spans.get(anchor, (0, 0)) for anchor, _dated in members]
    return min(s[0] for s in spans), max(s[1] for s in spans)


def _prose_between(page: Page, start: int, end: int) -> bool:
    """Running text (not links) between the breadcrumb and a list: the page is prose (an
    about page), and the list is a sidebar's."""
    runs = page.runs
    text = "".join(
        runs.text[index] if runs.anchor(index) is None else "\n" for index in range(start, end)
    )
    lines = [normalize_text(line) for line in text.split("\n")]
    return sum(map(len, lines)) > PROSE_MIN or any(len(line) >= PROSE_LINE for line in lines)


def _common_depth(node: etree._Element, other: etree._Element) -> int:
    return _depth(_common_ancestor(node, other))


def page_kind(page: Page) -> str:
    """``article``, ``listing``, ``guestbook`` or ``page`` (anything else: an about page…)."""
    if CHAIN_LABEL.search(page.joined):
        return "article"
    if page.root.xpath("//form//textarea"):
        return "guestbook"
    if _pager(page) is not None or listing(page).items:
        return "listing"
    return "article" if DATE_LINE.search(page.joined) else "page"
