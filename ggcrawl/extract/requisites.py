"""What a page needs to look as it did: its page requisites.

A replayed page is unstyled and shows broken logos unless the archive also holds the
stylesheets it links, the images and stylesheets those load (``url()``, ``@import``) and its
template images (logo, banner, the arrows of a table layout). These functions say which
addresses those are; the spider archives them as assets, the browse view replays them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import tinycss2
from tinycss2.ast import Node
from w3lib.encoding import http_content_type_encoding, read_bom

from ggcrawl.extract.body import LAZY_IMAGE_ATTRIBUTES
from ggcrawl.extract.document import WIDE_CHARSETS, Page, absolute_url, codec_name

# Kinds of requisite, as assets.kind has them (ggcrawl.store.schema.ASSET_KINDS).
STYLESHEET, IMAGE, FONT = "stylesheet", "image", "font"
# Elements whose ``background`` attribute names an image: the table layouts of old CMSs.
BACKGROUND_TAGS = ("body", "table", "tr", "td", "th")
FONT_PATH = re.compile(r"\.(?:woff2?|ttf|otf|eot)$", re.IGNORECASE)
# The @charset rule as CSS Syntax reads it: the stylesheet's first bytes, exactly so.
CHARSET_RULE = re.compile(rb'@charset "([\x20\x21\x23-\x7e]{1,40})";')


@dataclass(frozen=True)
class Requisite:
    url: str
    kind: str  # STYLESHEET, IMAGE or FONT


def page_requisites(page: Page) -> list[Requisite]:
    """The stylesheets a page links (``<link rel="stylesheet">``) and its images: each
    ``<img>`` (a lazy loader's address before a placeholder, as for bodies) and each
    ``background`` attribute of a table layout; absolute http(s) URLs in document order, each
    once. A page's article images are among them: the spider keeps those as the article's."""
    found: dict[str, str] = {}
    for element in page.root.iter("link", "img", *BACKGROUND_TAGS):
        if element.tag == "link":
            if STYLESHEET in (element.get("rel") or "").lower().split():
                _add(found, page.absolute(element.get("href", "")), STYLESHEET)
        elif element.tag == "img":
            urls = (page.absolute(element.get(name, "")) for name in LAZY_IMAGE_ATTRIBUTES)
            _add(found, next((url for url in urls if url), None), IMAGE)
        else:
            _add(found, page.absolute(element.get("background", "")), IMAGE)
    return [Requisite(url, kind) for url, kind in found.items()]


def stylesheet_references(text: str, base_url: str) -> list[Requisite]:
    """What a stylesheet loads, read against ``base_url`` (its own address): the stylesheets
    it ``@import``s and every ``url()`` of its rules, fonts (``@font-face``, or a font's
    extension) told from images; ``data:`` and other schemes are none. Comments and strings
    are read as CSS reads them (tinycss2), so a ``url()`` in a comment is no reference."""
    found: dict[str, str] = {}
    for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
        if rule.type not in ("at-rule", "qualified-rule"):
            continue
        if rule.type == "at-rule" and rule.lower_at_keyword == "import":
            address = import_address(rule.prelude)
            _add(found, address and absolute_url(address, base_url), STYLESHEET)
            continue
        in_font_face = rule.type == "at-rule" and rule.lower_at_keyword == "font-face"
        for address in css_urls([*rule.prelude, *(rule.content or ())]):
            url = absolute_url(address, base_url)
            if url:
                font = in_font_face or FONT_PATH.search(url.split("?", 1)[0])
                _add(found, url, FONT if font else IMAGE)
    return [Requisite(url, kind) for url, kind in found.items()]


def decode_stylesheet(body: bytes, content_type: str | None = None) -> str:
    """A stylesheet's text, decoded as CSS Syntax says (the BOM, the Content-Type charset, the
    ``@charset`` rule), then as UTF-8, then as GB18030: Chinese sites often save theirs in
    GBK without saying so."""
    bom, _ = read_bom(body)
    rule = CHARSET_RULE.match(body)
    declared = [bom, http_content_type_encoding(content_type or "")]
    declared.append(rule[1].decode("ascii") if rule else None)
    for label in declared:
        codec = codec_name(label)
        if codec:
            # A stylesheet that says it is UTF-16 in ASCII cannot be (CSS Syntax: UTF-8).
            codec = "utf-8" if codec.startswith(WIDE_CHARSETS) and label is not bom else codec
            return body.decode(codec, errors="replace").lstrip("\ufeff")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("gb18030", errors="replace")


def _add(found: dict[str, str], url: str | None, kind: str) -> None:
    if url and url not in found:
        found[url] = kind


def import_address(prelude: list[Node]) -> str | None:
    """The address of ``@import "a.css" screen;`` or ``@import url(a.css);``, as written."""
    for token in prelude:
        if token.type == "whitespace" or token.type == "comment":
            continue
        if token.type == "string":
            return token.value
        return next(css_urls([token]), None)
    return None


def css_urls(tokens: Iterable[Node]) -> Iterator[str]:
    """The addresses of ``url(a.png)`` and ``url("a.png")`` among ``tokens``, blocks and
    functions searched too (``@media`` rules, ``image-set()``)."""
    for token in tokens:
        if token.type == "url":
            yield token.value
        elif token.type == "function" and token.lower_name == "url":
            yield from (arg.value for arg in token.arguments if arg.type == "string")
        elif token.type == "function":
            yield from css_urls(token.arguments)
        elif token.type in ("{} block", "[] block", "() block"):
            yield from css_urls(token.content)
