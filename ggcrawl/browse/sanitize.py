"""HTML from the site, made safe to show: article bodies and whole archived pages.

Both came from a server we do not control, and an archived page must never run a script or reach
the live web. So what is shown is rebuilt from an allowlist of tags and attributes, and every URL
in it is one the archive made: a reference is looked up in ``Targets`` (absolute URL → path in
the archive) and replaced by that path, or dropped. No URL written by the page is ever passed
through, which is what makes ``javascript:``, ``data:`` and hot-linked images impossible however
they are spelt. The Content-Security-Policy the pages are served with is the second line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree, html

from ggcrawl.extract.body import KEPT_ATTRIBUTES, KEPT_TAGS
from ggcrawl.urls import normalize_url

# Removed with everything inside them: active content, things that fetch, navigate or submit,
# and the raw-text elements a browser would parse differently from lxml.
DROPPED_TAGS = frozenset(
    "applet area audio base basefont bgsound button canvas datalist embed frame frameset head "
    "iframe input isindex keygen link listing map math meta noembed noframes noscript object "
    "optgroup option output param plaintext portal script select source style svg template "
    "textarea track video xmp".split()
)
# Of those, the ones HTML makes empty: what lxml may have nested inside them (it does not know
# <embed> is void) is really their sibling, and kept.
VOID_TAGS = frozenset(
    "area base basefont bgsound embed input keygen link meta param source track".split()
)

# A whole page keeps its layout: the body's tags plus the presentational ones old CMS
# templates use, and its own <style> (sanitized like every style attribute).
PAGE_TAGS = KEPT_TAGS | frozenset(
    "abbr acronym address article aside bdi bdo big body center cite code col colgroup del "
    "details dfn fieldset font footer head header hgroup html ins kbd label legend main mark "
    "marquee nav nobr q rp rt ruby s samp section small span strike style summary time title "
    "tt var wbr".split()
)
PAGE_ATTRIBUTES = frozenset(
    "abbr align alink alt axis background bgcolor border cellpadding cellspacing char charoff "
    "class clear color cols colspan datetime dir direction face frame headers height hspace id "
    "lang leftmargin link loop marginheight marginwidth noshade nowrap open reversed rows "
    "rowspan rules scope scrollamount scrolldelay size span start style summary text title "
    "topmargin type valign value vlink vspace width".split()
)
PAGE_LINK_ATTRIBUTES = {"a": ("href",), "img": ("src",)}

CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\r\n\f]?|(.))", re.DOTALL)
CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
CSS_IMPORT = re.compile(r"@import[^;]*;?", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*(?:\"([^\"]*)\"|'([^']*)'|([^)\"'\s]*))\s*\)", re.IGNORECASE)
# Anything that can still fetch, run or escape the <style> element once the url()s are rewritten.
CSS_FORBIDDEN = re.compile(
    r"url\(|image-set|@import|expression|behavior|binding|javascript:|vbscript:|<",
    re.IGNORECASE,
)
URL_STRIPPED = re.compile(r"[\x00-\x20\x7f]")


@dataclass(frozen=True)
class Targets:
    """Where references from a page at ``base_url`` may point: archive paths by absolute URL."""

    base_url: str
    images: Mapping[str, str] = field(default_factory=dict)
    links: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class References:
    """The absolute URLs a piece of HTML refers to, to be looked up in the archive."""

    images: frozenset[str]
    links: frozenset[str]


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
    return _references(_parse_fragment(markup), base_url)


def page_references(markup: str, base_url: str) -> References:
    """What a whole page refers to, resolved against its own ``<base>`` when it has one."""
    root = _parse_page(markup)
    return _references(root, _page_base(root, base_url))


def clean_fragment(markup: str, targets: Targets) -> str:
    """An article body with only the tags and attributes extraction keeps; images and links
    point into the archive, an image that is not archived becomes a placeholder naming it."""
    root = _parse_fragment(markup)
    _clean(root, targets, KEPT_TAGS, _body_attributes, page=False)
    text = _escape(root.text or "")
    return text + "".join(html.tostring(child, encoding="unicode") for child in root)


def clean_page(markup: str, targets: Targets) -> str:
    """A whole archived page for replay: its layout and archived images, nothing that runs,
    fetches from elsewhere or navigates out of the archive."""
    root = _parse_page(markup)
    targets = Targets(_page_base(root, targets.base_url), targets.images, targets.links)
    _clean(root, targets, PAGE_TAGS, _page_attributes, page=True)
    return "<!DOCTYPE html>\n" + html.tostring(root, encoding="unicode")


def clean_css(css: str, images: Mapping[str, str], base_url: str) -> str:
    """Style text with every ``url()`` pointing at an archived image or removed; empty if
    anything else could load, run or close the element. Escapes are decoded first so that
    nothing can hide behind them (``u\\72l(``)."""
    css = CSS_COMMENT.sub("", CSS_ESCAPE.sub(_unescape_css, css.replace("\x00", "")))
    css = CSS_IMPORT.sub("", css)
    kept: list[str] = []

    def rewrite(match: re.Match[str]) -> str:
        url = absolute(next(g for g in match.groups() if g is not None), base_url)
        if url is None or url not in images:
            return "none"
        kept.append(images[url])
        return f"\x00{len(kept) - 1}\x00"

    css = CSS_URL.sub(rewrite, css)
    if CSS_FORBIDDEN.search(css) or "\\" in css:
        return ""
    return re.sub(r"\x00(\d+)\x00", lambda m: f'url("{kept[int(m.group(1))]}")', css)


def _parse_fragment(markup: str) -> html.HtmlElement:
    return html.fragment_fromstring(markup or "", create_parent="div")


def _parse_page(markup: str) -> html.HtmlElement:
    try:
        return html.document_fromstring(markup)
    except etree.ParserError:  # an empty document
        return html.document_fromstring("<html><body></body></html>")


def _page_base(root: html.HtmlElement, base_url: str) -> str:
    base = next((node.get("href") for node in root.iter("base") if node.get("href")), None)
    return (absolute(base, base_url) if base else None) or base_url


def _references(root: html.HtmlElement, base_url: str) -> References:
    images: set[str | None] = set()
    links: set[str | None] = set()
    for node in root.iter(etree.Element):
        for name, value in node.attrib.items():
            if name in ("src", "background"):
                images.add(absolute(value, base_url))
            elif name == "href" and node.tag == "a":
                links.add(absolute(value, base_url))
            elif name == "style":
                images.update(_css_references(value, base_url))
        if node.tag == "style":
            images.update(_css_references(node.text or "", base_url))
    return References(frozenset(images - {None}), frozenset(links - {None}))


def _css_references(css: str, base_url: str) -> Iterator[str | None]:
    css = CSS_COMMENT.sub("", CSS_ESCAPE.sub(_unescape_css, css))
    for match in CSS_URL.finditer(css):
        yield absolute(next(g for g in match.groups() if g is not None), base_url)


def _clean(
    root: html.HtmlElement,
    targets: Targets,
    tags: frozenset[str],
    attributes: Callable[[str], Collection[str]],
    *,
    page: bool,
) -> None:
    for node in list(root.iter(etree.Comment, etree.ProcessingInstruction, etree.Entity)):
        _drop(node)
    for node in list(root.iter(*DROPPED_TAGS)):
        if page and node.tag in ("head", "style"):
            continue  # a page keeps its own <head> and <style>; a body never has either
        if node.tag in VOID_TAGS:
            node.drop_tag()
        else:
            _drop(node)
    for node in reversed(list(root.iter(etree.Element))):
        if node is root:
            if page:
                _clean_attributes(node, targets, attributes(node.tag))
            continue
        if node.tag not in tags:
            node.drop_tag()
        elif node.tag == "style":
            node.text = clean_css(node.text or "", targets.images, targets.base_url)
            for name in list(node.attrib):
                del node.attrib[name]
        elif node.tag == "img" and not page and _archived_image(node, targets) is None:
            _placeholder(node, targets)
        else:
            _clean_attributes(node, targets, attributes(node.tag))


def _clean_attributes(node: html.HtmlElement, targets: Targets, allowed: Collection[str]) -> None:
    for name, value in list(node.attrib.items()):
        del node.attrib[name]
        if name not in allowed:
            continue
        if name == "href":
            url = absolute(value, targets.base_url)
            if url in targets.links:
                node.set("href", targets.links[url])
        elif name in ("src", "background"):
            url = absolute(value, targets.base_url)
            if url in targets.images:
                node.set(name, targets.images[url])
        elif name == "style":
            css = clean_css(value, targets.images, targets.base_url)
            if css.strip():
                node.set("style", css)
        else:
            node.set(name, value)


def _body_attributes(tag: str) -> tuple[str, ...]:
    return KEPT_ATTRIBUTES.get(tag, ())


def _page_attributes(tag: str) -> frozenset[str]:
    return PAGE_ATTRIBUTES.union(PAGE_LINK_ATTRIBUTES.get(tag, ()))


def _archived_image(node: html.HtmlElement, targets: Targets) -> str | None:
    url = absolute(node.get("src") or "", targets.base_url)
    return targets.images.get(url) if url else None


def _placeholder(node: html.HtmlElement, targets: Targets) -> None:
    """An image the archive does not hold: say so, with its address as text, never load it."""
    url = absolute(node.get("src") or "", targets.base_url)
    span = html.Element("span", {"class": "ggcrawl-missing-image"})
    span.text = f"[image not archived: {url}]" if url else "[image not archived]"
    span.tail = node.tail
    node.getparent().replace(node, span)


def _drop(node) -> None:
    if node.getparent() is not None:
        node.drop_tree()


def _unescape_css(match: re.Match[str]) -> str:
    if match.group(1):
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return "" if match.group(2) == "\n" else match.group(2)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
