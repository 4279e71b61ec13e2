"""The operator's selectors: where a field is on the page, said in CSS or XPath, over the rules.

The heuristics read pages nobody wrote them for, but a template can defeat them (no labels at
all, say). Then ``[selectors]`` in ``ggcrawl.toml`` names the element for a field, and that
element decides the field, on every page, for the crawl, ``ggcrawl reparse`` and
``ggcrawl probe`` alike::

    [selectors]
    title = "css:div.title h2"
    published_at = "css:div.info span.time"
    source = "xpath://span[@class='src']"
    section = "css:div.crumbs a:last-child"
    body = "css:div.content"
    prev_url = "css:div.context li:nth-child(1) a::attr(href)"
    next_url = "css:div.context li:nth-child(2) a::attr(href)"
    listing_items = "css:ul.list li a"
    pager = "css:div.pages a"

A selector that matches nothing gives no value (with a warning for the title, the time and the
body, which every article has): at the end of a chain there is no 上一篇 link, and the rules must
not invent one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from parsel import Selector, SelectorList

from ggcrawl.dates import parse_published
from ggcrawl.extract.article import ArticleFields, extract_article
from ggcrawl.extract.body import build_body
from ggcrawl.extract.document import Page, normalize_text
from ggcrawl.extract.navigation import Link, Listing, PageLink, listing, page_kind

ARTICLE_FIELDS = (
    "title",
    "published_at",
    "source",
    "section",
    "body",
    "prev_url",
    "next_url",
)
LISTING_FIELDS = ("listing_items", "pager")
FIELDS = ARTICLE_FIELDS + LISTING_FIELDS
PAGE_NUMBER = re.compile(r"\d{1,5}")
# Fields every article has: a selector that finds none of them is worth a warning (no source
# and no 上一篇 at the end of a chain are the page's own state).
EVERY_ARTICLE = frozenset(("title", "published_at", "body"))
# How the rules' warnings name a field, where not by the field's own name.
WARNING_PREFIX = {"prev_url": "prev/next", "next_url": "prev/next", "body": "body"}
_PROBE = Selector(text="<html><body></body></html>")


@dataclass(frozen=True)
class Overrides:
    """Validated selectors, field → (kind, expression); empty when the operator gave none."""

    selectors: tuple[tuple[str, str, str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.selectors)

    def get(self, name: str) -> tuple[str, str] | None:
        return next(((k, e) for field, k, e in self.selectors if field == name), None)

    @property
    def names(self) -> list[str]:
        return [field for field, _, _ in self.selectors]

    def as_settings(self) -> dict[str, str]:
        return {field: f"{kind}:{expression}" for field, kind, expression in self.selectors}


def parse_selectors(raw: Mapping[str, object] | None) -> Overrides:
    """The ``[selectors]`` table checked: a field that does not exist or a selector that does
    not parse raises ValueError with one line saying which and what is accepted."""
    selectors = []
    for name, value in (raw or {}).items():
        if name not in FIELDS:
            raise ValueError(
                f"[selectors] has no field {name!r}; the fields are {', '.join(FIELDS)}"
            )
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"[selectors] {name} must be a selector string, not {value!r}")
        kind, _, expression = value.strip().partition(":")
        if kind not in ("css", "xpath") or not expression.strip():
            kind, expression = "css", value.strip()
        try:
            _select(_PROBE, kind, expression)
        except Exception as exc:  # parsel raises ValueError, cssselect its own errors
            raise ValueError(
                f"[selectors] {name} = {value!r} is not a valid {kind.upper()} selector ({exc})"
            ) from None
        selectors.append((name, kind, expression.strip()))
    return Overrides(tuple(selectors))


def extract_article_with(page: Page, overrides: Overrides) -> ArticleFields:
    """The article's fields: the operator's selectors where given, the rules elsewhere."""
    fields = extract_article(page)
    if overrides:
        apply_to_article(page, fields, overrides)
    return fields


def listing_with(page: Page, overrides: Overrides) -> Listing:
    """A listing page's items and pager: the operator's selectors where given."""
    found = listing(page)
    return apply_to_listing(page, found, overrides) if overrides else found


def page_kind_with(page: Page, overrides: Overrides) -> str:
    """The page's kind (:func:`page_kind`), a listing also where only the operator's
    ``listing_items`` selector finds its list."""
    kind = page_kind(page)
    if kind == "page" and overrides.get("listing_items") and listing_with(page, overrides).items:
        return "listing"
    return kind


def apply_to_article(page: Page, fields: ArticleFields, overrides: Overrides) -> None:
    """Each field the operator gave a selector for takes what it selects (or nothing), and
    the rules' warnings about it go."""
    decided = {WARNING_PREFIX.get(name, name) for name in overrides.names}
    fields.warnings = [w for w in fields.warnings if w.split(":")[0] not in decided]
    for name in ARTICLE_FIELDS:
        chosen = overrides.get(name)
        if chosen is None:
            continue
        found = _select(page.selector, *chosen)
        if not found and name in EVERY_ARTICLE:
            fields.warnings.append(f"{name}: the selector in ggcrawl.toml matched nothing")
        if name == "body":
            _set_body(page, fields, found)
        elif name in ("prev_url", "next_url"):
            value = _value(found)
            setattr(fields, name, page.absolute(value) if value else None)
        elif name == "published_at":
            value = _value(found)
            fields.published_at = parse_published(value) if value else None
        else:
            setattr(fields, name, _value(found) or None)


def apply_to_listing(page: Page, found: Listing, overrides: Overrides) -> Listing:
    """The listing's items and pager links, where the operator said they are."""
    items, pages = found.items, found.pages
    chosen = overrides.get("listing_items")
    if chosen is not None:
        items = [Link(url, text) for url, text in _links(page, _select(page.selector, *chosen))]
    chosen = overrides.get("pager")
    if chosen is not None:
        pages = []
        for url, text in _links(page, _select(page.selector, *chosen)):
            number = PAGE_NUMBER.fullmatch(text.strip("[]【】 "))
            pages.append(PageLink(url, int(number.group()) if number else None, text))
    return Listing(items, pages)


def _select(selector: Selector, kind: str, expression: str) -> SelectorList:
    return selector.css(expression) if kind == "css" else selector.xpath(expression)


def _value(found: SelectorList) -> str:
    """The first match as text: an attribute or text node as it is, an element's own text."""
    if not found:
        return ""
    first = found[0]
    if isinstance(first.root, str):
        return normalize_text(first.root)
    return normalize_text(" ".join(first.xpath(".//text()").getall()))


def _set_body(page: Page, fields: ArticleFields, found: SelectorList) -> None:
    elements = [match.root for match in found if not isinstance(match.root, str)]
    body = build_body(page, elements[:1]) if elements else None
    fields.body_html = (body.html or None) if body else None
    fields.body_text = (body.text or None) if body else None
    fields.images = body.images if body else []
    fields.attachments = body.attachments if body else []


def _links(page: Page, found: SelectorList) -> list[tuple[str, str]]:
    """(absolute URL, text) of each match: a link, or the first link inside it."""
    links = []
    for match in found:
        if isinstance(match.root, str):
            continue
        anchor = match if match.root.tag == "a" else next(iter(match.css("a[href]")), None)
        href = anchor.attrib.get("href") if anchor is not None else None
        url = page.absolute(href) if href else None
        if url:
            links.append((url, normalize_text(" ".join(anchor.xpath(".//text()").getall()))))
    return links
