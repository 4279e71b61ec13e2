"""An article body as researchers get it: cleaned HTML and one line of text per paragraph.

The body arrives as a list of element copies (and loose text) cut out of the page; cleaning
keeps structure that carries meaning (paragraphs, tables, lists, links, images), drops what
could run or style, and makes every link absolute so the HTML reads the same out of context.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree, html

from ggcrawl.extract.document import Page, normalize_text, text_runs
from ggcrawl.extract.labels import (
    ATTACHMENT_WORDS,
    DOCUMENT_EXTENSIONS,
    SIMPLIFIED,
    UTILITY_FILLER,
    UTILITY_FILLER_CHARS,
    UTILITY_PHRASES,
    UTILITY_WORDS,
)
from ggcrawl.urls import is_fetchable

# Every text node below an element, in document order, each knowing its element (lxml's
# "smart strings": getparent, is_tail).
TEXT_NODES = etree.XPath(".//text()")

KEPT_TAGS = frozenset(
    "a b blockquote br caption dd div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img li "
    "ol p pre strong sub sup table tbody td tfoot th thead tr u ul".split()
)
# Removed with everything inside them. Not <form>: some CMSs (ASP.NET's one form around
# the page) wrap the article itself in one; its controls go, its text stays. A <button> goes
# unless it holds text a reader sees as the page's (see _is_control). An <aside> inside the
# text is beside it: a recommended article, a toolbox.
DROPPED_TAGS = frozenset(
    "canvas embed frame iframe input object script select style svg template "
    "textarea noscript audio video map aside".split()
)
# A button's label is short; one holding blocks or this much text holds the page instead (a
# <button class=x/> a parser left open, its closing slash read as part of the attribute).
BUTTON_TEXT_MAX = 40
BLOCKS_IN_BUTTON = ("p", "div", "table", "ul", "br", "img")
KEPT_ATTRIBUTES = {
    "a": ("href", "title", "download"),  # download names the file a CMS's link serves
    "img": ("src", "alt", "title", "width", "height"),
    "td": ("colspan", "rowspan"),
    "th": ("colspan", "rowspan"),
}
LAZY_IMAGE_ATTRIBUTES = ("data-original", "data-src", "original", "file", "src")
# Elements that keep the element around them even when it holds no text.
KEPT_EMPTY = ("img", "table", "hr")
# A share bar: 分享到 and the names of a few services, no sentence.
SHARE_BAR = re.compile(r"[\s【\[]*分享到[:：]?[^。，；！？,;!?]{0,30}$")
# A font-size switcher standing alone (大中小, 【大 中 小】): its three characters together are a
# toolbar, where one of them alone may be content.
FONT_SIZES = re.compile(r"[\s【\[(（]*大\s*中\s*小[\s】\])）]*")
# A toolbar closing a line (<h1>标题<span>分享到：微信 微博</span></h1>, 【字体：大 中 小】): from
# a space, a bracket or a toolbar's lead word to the end, toolbar words only.
UTILITY_TAIL = re.compile(
    rf"(?:[\s【\[(（]|(?=分享|字体|字号|打印))(?:[{UTILITY_FILLER_CHARS}]*(?:{UTILITY_PHRASES.pattern}))+"
    rf"[{UTILITY_FILLER_CHARS}]*$"
)
# A character found in no utility phrase and no filler: text holding one is content. One scan
# that usually stops at the first character, instead of two substitutions over all the text.
NOT_UTILITY_CHAR = re.compile(
    f"[^{UTILITY_FILLER_CHARS}"
    + "".join(re.escape(char) for char in sorted(set(UTILITY_PHRASES.pattern) - set("|[]")))
    + "]"
)


@dataclass(frozen=True)
class Body:
    html: str
    text: str
    images: list[str]
    attachments: list[dict[str, str]]


def is_utility_text(text: str) -> bool:
    """Text made only of 打印/关闭/分享/字体 words and brackets, at least one of them a real
    word: a toolbar, not content (a lone 大 or ， in a span of prose is content); or a share
    bar, whatever services it names (分享到东方微博新浪微博腾讯微博微信). Traditional
    characters are read as simplified (字級大小, 關閉)."""
    text = text.translate(SIMPLIFIED)
    if SHARE_BAR.match(text) or FONT_SIZES.fullmatch(text):
        return True
    if NOT_UTILITY_CHAR.search(text) or UTILITY_FILLER.sub("", UTILITY_PHRASES.sub("", text)):
        return False
    return UTILITY_WORDS.search(text) is not None


def without_toolbar(text: str | None) -> str | None:
    """``text`` less a toolbar of two words or more printed at its end, in its element (a
    headline's share bar): what a reader reads as the line."""
    match = UTILITY_TAIL.search(text) if text else None
    if match is None or len(UTILITY_PHRASES.findall(match[0])) < 2:
        return text
    return text[: match.start()].rstrip() or text


def build_body(page: Page, parts: list[etree._Element | str], label: str = "") -> Body:
    """Clean ``parts`` (element copies and loose strings) into a :class:`Body`; ``label``:
    words opening the first part that name its box (摘要：), not the text's."""
    # Made in the page's document, so its elements get the page's class lookup (see
    # document.HTML_CLASSES) rather than lxml.html's, which calls Python for each one.
    container = page.root.makeelement("div")
    for part in parts:
        if isinstance(part, str):
            _append_text(container, part)
        else:
            # copy.copy: lxml copies an element's whole subtree either way, without
            # deepcopy's memo bookkeeping.
            container.append(copy.copy(part))
            container[-1].tail = None
    if label:
        _drop_opening(container, label)
    images = _absolute_images(page, container)
    _clean(page, container)
    attachments = _attachments(page, container)
    text = "\n".join(lines_of(container))
    body_html = "".join(
        html.tostring(child, encoding="unicode", method="html") for child in container
    )
    if container.text and container.text.strip():
        body_html = _escape(container.text) + body_html
    return Body(body_html.strip(), text, images, attachments)


def _drop_opening(container: etree._Element, words: str) -> None:
    """Take ``words`` (whitespace aside) off the start of the container's text, from as many
    of its text nodes as they span, whatever element holds them (``<b>摘要：</b>`` or the
    paragraph's own text); an element they leave empty goes with cleaning."""
    wanted = "".join(words.split())
    edits = []
    for piece in TEXT_NODES(container):
        text, kept = str(piece), 0
        while kept < len(text) and wanted:
            if not text[kept].isspace():
                if text[kept] != wanted[0]:
                    return
                wanted = wanted[1:]
            kept += 1
        edits.append((piece, text[kept:] if wanted else text[kept:].lstrip()))
        if not wanted:
            break
    if wanted:
        return
    for piece, rest in edits:
        if piece.is_tail:
            piece.getparent().tail = rest
        else:
            piece.getparent().text = rest


def lines_of(element: etree._Element) -> list[str]:
    """The element's text as a browser lays it out: a line per block and per ``<br>``,
    each line normalised, empty lines dropped (its text runs, split at every newline)."""
    runs, _ = text_runs(element)
    lines = (normalize_text(line) for line in "".join(runs.text).split("\n"))
    return [line for line in lines if line]


def _append_text(container: etree._Element, text: str) -> None:
    if len(container):
        container[-1].tail = (container[-1].tail or "") + text
    else:
        container.text = (container.text or "") + text


def _absolute_images(page: Page, container: etree._Element) -> list[str]:
    images: list[str] = []
    for img in container.iter("img"):
        # The first attribute with an http(s) address: a lazy loader's data-original before a
        # data: or javascript: placeholder in src.
        urls = (page.absolute(img.get(name, "")) for name in LAZY_IMAGE_ATTRIBUTES)
        url = next((url for url in urls if url), None)
        if url:
            img.set("src", url)
            if url not in images:
                images.append(url)
        elif img.get("src") is not None:
            del img.attrib["src"]  # javascript:, data:, ftp:… never reach the body HTML
    return images


def _clean(page: Page, container: etree._Element) -> None:
    """Drop what could run and toolbars, unwrap the tags not kept, then clean the attributes
    of what is left (unwrapped elements, most of a body's spans, need none cleaned)."""
    # A node's text is a stretch of the body's text, so a body without a toolbar word has no
    # toolbar in it: the check per node (most of cleaning's cost) is then skipped.
    toolbars = UTILITY_WORDS.search(_text(container)) is not None
    tags: set[str] = set()
    for node in list(container.iterdescendants()):
        tag = node.tag
        if (
            not isinstance(tag, str)
            or tag in DROPPED_TAGS
            or (tag == "button" and _is_control(node))
            or (toolbars and tag not in ("img", "br", "hr") and _is_toolbar(node))
        ):
            _remove(node)
        else:
            tags.add(tag)
    # Other elements give way to their content (lxml's strip_tags: drop_tag for each, in C).
    # ``tags`` may name tags only removed subtrees held, which strip_tags then does not find.
    unwrapped = tags - KEPT_TAGS
    if unwrapped:
        etree.strip_tags(container, *unwrapped)
    for node in container.iterdescendants():
        _clean_attributes(page, node, node.tag)
    for node in reversed(list(container.iter("p", "div", "span", "li", "b", "strong", "em"))):
        if node is not container and is_empty(node):
            _remove(node)


def _clean_attributes(page: Page, node: etree._Element, tag: str) -> None:
    kept = KEPT_ATTRIBUTES.get(tag, ())
    dropped = [name for name in node.keys() if name not in kept]  # noqa: SIM118 (not a dict)
    if dropped:
        attributes = node.attrib
        for name in dropped:
            del attributes[name]
    if tag == "a" and node.get("href") is not None:
        href = node.get("href", "").strip()
        # An e-mail address in the text stays a link; any other scheme but http(s) does not.
        url = href if href.lower().startswith("mailto:") else page.absolute(href)
        if url:
            node.set("href", url)
        else:
            del node.attrib["href"]


def names_a_file(link: etree._Element) -> bool:
    """Whether a link fetches a document: its address's path ends as one's name does (.pdf,
    .docx), or its ``download`` attribute names one (a CMS's ``download?fileUrl=…`` link)."""
    path = (link.get("href") or "").split("?", 1)[0].split("#", 1)[0].strip().lower()
    saved_as = (link.get("download") or "").strip().lower()
    return path.endswith(DOCUMENT_EXTENSIONS) or saved_as.endswith(DOCUMENT_EXTENSIONS)


def _attachments(page: Page, container: etree._Element) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    seen: set[str] = set()
    for link in container.iter("a"):
        url = link.get("href")
        if not url or url in seen or not is_fetchable(url):
            continue
        name = normalize_text(link.text_content())
        path = url.split("?", 1)[0].split("#", 1)[0].lower()
        if names_a_file(link) or (
            name.lower().endswith(DOCUMENT_EXTENSIONS)
            or (any(word in name for word in ATTACHMENT_WORDS) and "." in path.rsplit("/", 1)[-1])
        ):
            seen.add(url)
            found.append({"url": url, "name": name or path.rsplit("/", 1)[-1]})
    return found


def _text(node: etree._Element) -> str:
    return etree.tostring(node, method="text", encoding="unicode", with_tail=False)


def _any_text(node: etree._Element, holds: Callable[[str], object]) -> bool:
    """Whether a piece of ``node``'s text (its own, its descendants' text and tails) ``holds``
    something, piece by piece: the first paragraph inside a wrapper settles it, where gathering
    the wrapper's whole text (``_text``) copies the body once for each wrapper around it."""
    text = node.text
    if text and holds(text):
        return True
    for descendant in node.iterdescendants():
        text, tail = descendant.text, descendant.tail
        if (text and holds(text)) or (tail and holds(tail)):
            return True
    return False


def _is_control(button: etree._Element) -> bool:
    """A real button (a label and perhaps an icon), not one the rest of the page sits in."""
    if next(button.iterdescendants(*BLOCKS_IN_BUTTON), None) is not None:
        return False
    return len(_text(button)) <= BUTTON_TEXT_MAX


def _is_toolbar(node: etree._Element) -> bool:
    """``is_utility_text`` of the node's text, which holds a character no toolbar holds in
    some piece when the node is prose (most nodes), or else only toolbar characters."""
    if _any_text(node, NOT_UTILITY_CHAR.search):
        return False
    return is_utility_text(_text(node))


def is_empty(node: etree._Element) -> bool:
    """No text but whitespace and no image, table or rule inside or itself (a ``<br>``, an
    empty ``<p>``): what shows nothing."""
    return not _any_text(node, _is_not_space) and next(node.iter(*KEPT_EMPTY), None) is None


def _is_not_space(text: str) -> bool:
    return not text.isspace()


def _remove(node: etree._Element) -> None:
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
