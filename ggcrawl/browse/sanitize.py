"""HTML from the site, made safe to show: article bodies and whole archived pages.

Both came from a server we do not control, and an archived page must never run a script or reach
the live web. nh3 (Ammonia, an HTML5 parser and allowlist sanitizer) rebuilds what is shown from
an allowlist of tags and attributes, and its attribute filter makes every URL in it one the
archive made: a reference is looked up in ``Targets`` (absolute URL → path in the archive) and
replaced by that path, or dropped (nh3 drops a URL of any scheme but http(s) before the filter
sees it). No URL written by the page is ever passed through, which is what makes
``javascript:``, ``data:`` and hot-linked images impossible however they are spelt. CSS, which
nh3 does not clean, goes through :mod:`ggcrawl.browse.css`. The Content-Security-Policy the
pages are served with is the second line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import nh3
from lxml import etree, html
from markupsafe import Markup, escape

from ggcrawl.browse import css
from ggcrawl.extract.body import KEPT_ATTRIBUTES, KEPT_TAGS
from ggcrawl.urls import normalize_url

# Removed with everything inside them: active content, things that fetch, navigate or submit,
# the raw-text elements, and a page's head (its title and styles are put back by clean_page).
CLEAN_CONTENT_TAGS = frozenset(
    "applet area audio base basefont bgsound button canvas datalist embed frame frameset iframe "
    "input isindex keygen link listing map math meta noembed noframes noscript object optgroup "
    "option output param plaintext portal script select source style svg template textarea "
    "title track video xmp".split()
)
# A whole page keeps its layout: the body's tags plus the presentational ones old CMS
# templates use.
PAGE_TAGS = KEPT_TAGS | frozenset(
    "abbr acronym address article aside bdi bdo big center cite code col colgroup del details "
    "dfn fieldset font footer header hgroup ins kbd label legend main mark marquee nav nobr q rp "
    "rt ruby s samp section small span strike summary time tt var wbr".split()
)
PAGE_ATTRIBUTES = frozenset(
    "abbr align alink alt axis background bgcolor border cellpadding cellspacing char charoff "
    "class clear color cols colspan datetime dir direction face frame headers height hspace id "
    "lang leftmargin link loop marginheight marginwidth noshade nowrap open reversed rows "
    "rowspan rules scope scrollamount scrolldelay size span start style summary text title "
    "topmargin type valign value vlink vspace width".split()
)
PAGE_LINK_ATTRIBUTES = {"a": {"href"}, "img": {"src"}}
ROOT_ATTRIBUTES = ("lang", "dir")
URL_STRIPPED = re.compile(r"[\x00-\x20\x7f]")
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
# What an image the archive does not hold is, between nh3 and its placeholder: a reference
# to this page itself, so that even left in place it loads nothing.
MISSING_IMAGE = "#ggcrawl-missing-image:"
# The browse view's own names, which a page must not take to restyle what the archive adds.
OWN_NAMES = re.compile(r"ggcrawl", re.IGNORECASE)


@dataclass(frozen=True)
class Targets:
    """Where references from a page at ``base_url`` may point: archive paths by absolute URL."""

    base_url: str
    images: Mapping[str, str] = field(default_factory=dict)
    links: Mapping[str, str] = field(default_factory=dict)
    stylesheets: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class References:
    """The absolute URLs a piece of HTML refers to, to be looked up in the archive."""

    images: frozenset[str]
    links: frozenset[str]
    stylesheets: frozenset[str] = frozenset()


def absolute(value: str, base_url: str) -> str | None:
    """The archived form of a reference, or None if it is not an http(s) URL. Browsers ignore
    whitespace and control characters inside URLs, so they are dropped first."""
    try:
        url = urljoin(base_url, URL_STRIPPED.sub("", value))
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            return None
        return normalize_url(url)
    except ValueError:
        return None


def fragment_references(markup: str, base_url: str) -> References:
    """What an article body refers to."""
    found = _Collector(base_url)
    _clean_fragment_markup(markup or "", found.attribute)
    return found.references()


def page_references(markup: str, base_url: str) -> References:
    """What a whole page refers to, resolved against its own ``<base>`` when it has one:
    links and images in its body, and its stylesheets with what they refer to."""
    head = _Head.of(markup, base_url)
    found = _Collector(head.base_url)
    _clean_page_markup(markup, found.attribute)
    for name, value in head.body_attributes.items():
        found.attribute("body", name, value)
    for kind, text in head.styles:
        if kind == "link":
            found.add_stylesheet(text)
        else:
            found.add_css(text)
    return found.references()


def clean_fragment(markup: str, targets: Targets) -> str:
    """An article body with only the tags and attributes extraction keeps; images and links
    point into the archive, an image that is not archived becomes a placeholder naming it."""
    cleaned = _clean_fragment_markup(markup or "", _rewriter(targets, placeholders=True))
    return _placeholders(cleaned) if MISSING_IMAGE in cleaned else cleaned


def clean_page(markup: str, targets: Targets, banner: str = "") -> str:
    """A whole archived page for replay: its layout, archived images and stylesheets, nothing
    that runs, fetches from elsewhere or navigates out of the archive. ``banner`` (the
    archive's own markup, trusted) opens the body."""
    head = _Head.of(markup, targets.base_url)
    targets = Targets(head.base_url, targets.images, targets.links, targets.stylesheets)
    rewrite = _rewriter(targets, placeholders=False)
    styles = []
    for kind, text in head.styles:
        if kind == "link":
            path = targets.stylesheets.get(absolute(text, targets.base_url) or "")
            if path:
                styles.append(Markup('<link rel="stylesheet" href="{}">').format(path))
        elif cleaned := css.clean_stylesheet(text, _css_resolver(targets)):
            styles.append(Markup("<style>{}</style>").format(Markup(_inert_style(cleaned))))
    root = _attributes(head.root_attributes, "html", rewrite)
    body = _attributes(head.body_attributes, "body", rewrite)
    return (
        f'<!DOCTYPE html>\n<html{root}><head><meta charset="utf-8">'
        f"<title>{escape(head.title)}</title>{''.join(styles)}</head>"
        f"<body{body}>{banner}{_clean_page_markup(markup, rewrite)}</body></html>"
    )


Filter = Callable[[str, str, str], str | None]


def stylesheet_references(text: str, base_url: str) -> References:
    """What an archived stylesheet at ``base_url`` refers to: images and other stylesheets."""
    found = _Collector(base_url)
    found.add_css(text)
    return found.references()


def clean_stylesheet(text: str, targets: Targets) -> str:
    """An archived stylesheet for replay, its references archive paths or gone."""
    return css.clean_stylesheet(text, _css_resolver(targets))


def _clean_fragment_markup(markup: str, attribute_filter: Filter) -> str:
    return nh3.clean(
        markup,
        tags=set(KEPT_TAGS),
        clean_content_tags=set(CLEAN_CONTENT_TAGS),
        attributes={tag: set(names) for tag, names in KEPT_ATTRIBUTES.items()},
        attribute_filter=attribute_filter,
        link_rel=None,
        url_schemes={"http", "https"},  # others dropped before the filter sees them
    )


def _clean_page_markup(markup: str, attribute_filter: Filter) -> str:
    """The page's body (nh3 parses a document as a fragment: the head's elements are in
    CLEAN_CONTENT_TAGS, its html and body tags are not elements there)."""
    return nh3.clean(
        markup,
        tags=set(PAGE_TAGS),
        clean_content_tags=set(CLEAN_CONTENT_TAGS),
        attributes={"*": set(PAGE_ATTRIBUTES)} | PAGE_LINK_ATTRIBUTES,
        attribute_filter=attribute_filter,
        link_rel=None,
        url_schemes={"http", "https"},  # others dropped before the filter sees them
    )


def _rewriter(targets: Targets, *, placeholders: bool) -> Filter:
    """nh3's attribute filter: every URL an archive path or gone, CSS cleaned, the browse
    view's own names left to it."""
    resolve = _css_resolver(targets)

    def rewrite(tag: str, name: str, value: str) -> str | None:
        if name == "href":
            return targets.links.get(absolute(value, targets.base_url) or "")
        if name in ("src", "background"):
            url = absolute(value, targets.base_url)
            path = targets.images.get(url or "")
            if path is None and placeholders and tag == "img":
                return MISSING_IMAGE + (url or "")
            return path
        if name == "style":
            return css.clean_declarations(value, resolve) or None
        if name in ("id", "class") and OWN_NAMES.search(value):
            return None
        return value

    return rewrite


def _css_resolver(targets: Targets) -> css.Resolve:
    def resolve(reference: str, kind: str) -> str | None:
        url = absolute(reference, targets.base_url) or ""
        return (targets.stylesheets if kind == "stylesheet" else targets.images).get(url)

    return resolve


class _Collector:
    """An attribute filter that only takes note of the URLs it is shown (and keeps nothing)."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.images: set[str | None] = set()
        self.links: set[str | None] = set()
        self.stylesheets: set[str | None] = set()

    def attribute(self, tag: str, name: str, value: str) -> None:
        if tag in CLEAN_CONTENT_TAGS:  # nh3 asks about them too, then drops them whole
            return
        if name == "href":
            self.links.add(absolute(value, self.base_url))
        elif name in ("src", "background"):
            self.images.add(absolute(value, self.base_url))
        elif name == "style":
            images, _imports = css.references(value, declarations=True)
            self.images.update(absolute(url, self.base_url) for url in images)

    def add_css(self, text: str) -> None:
        images, imports = css.references(text)
        self.images.update(absolute(url, self.base_url) for url in images)
        self.stylesheets.update(absolute(url, self.base_url) for url in imports)

    def add_stylesheet(self, href: str) -> None:
        self.stylesheets.add(absolute(href, self.base_url))

    def references(self) -> References:
        return References(
            frozenset(self.images - {None}),
            frozenset(self.links - {None}),
            frozenset(self.stylesheets - {None}),
        )


@dataclass(frozen=True)
class _Head:
    """What of a page nh3's fragment parse leaves out: its title, base, stylesheets and
    ``<style>`` elements (in document order), and its html and body elements' attributes."""

    base_url: str
    title: str
    styles: list[tuple[str, str]]
    root_attributes: dict[str, str]
    body_attributes: dict[str, str]

    @classmethod
    def of(cls, markup: str, base_url: str) -> _Head:
        try:  # lxml refuses text that still declares the encoding it was decoded from
            root = html.document_fromstring(XML_DECLARATION.sub("", markup, count=1))
        except etree.ParserError:  # an empty document
            return cls(base_url, "", [], {}, {})
        base = next((node.get("href") for node in root.iter("base") if node.get("href")), None)
        styles = []
        for node in root.iter("link", "style"):
            if node.tag == "style":
                styles.append(("style", node.text or ""))
            elif "stylesheet" in (node.get("rel") or "").lower().split() and node.get("href"):
                styles.append(("link", node.get("href")))
        body = root.find("body")
        return cls(
            (absolute(base, base_url) if base else None) or base_url,
            next((node.text_content() for node in root.iter("title")), ""),
            styles,
            {k: v for k, v in root.attrib.items() if k in ROOT_ATTRIBUTES},
            {
                k: v
                for k, v in (body.attrib if body is not None else {}).items()
                if k in PAGE_ATTRIBUTES
            },
        )


def _attributes(attributes: Mapping[str, str], tag: str, rewrite: Filter) -> Markup:
    """Attributes of an element the page's own markup opened, through the same filter."""
    kept = ((name, rewrite(tag, name, value)) for name, value in attributes.items())
    return Markup("").join(
        Markup(' {}="{}"').format(name, value) for name, value in kept if value is not None
    )


def _inert_style(text: str) -> str:
    """Style text that cannot end its ``<style>`` element: a ``<`` is only ever CSS's."""
    return text.replace("<", "\\3c ")


def _placeholders(cleaned: str) -> str:
    """nh3's output with each image the archive does not hold replaced by a note naming it,
    its address as text, never loaded."""
    root = html.fragment_fromstring(cleaned, create_parent="div")
    for node in list(root.iter("img")):
        source = node.get("src") or ""
        if source.startswith(MISSING_IMAGE):
            url = source.removeprefix(MISSING_IMAGE)
            span = html.Element("span", {"class": "ggcrawl-missing-image"})
            span.text = f"[image not archived: {url}]" if url else "[image not archived]"
            span.tail = node.tail
            node.getparent().replace(node, span)
    return str(escape(root.text or "")) + "".join(
        html.tostring(child, encoding="unicode") for child in root
    )
