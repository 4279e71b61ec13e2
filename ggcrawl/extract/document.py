"""A served page as extraction sees it: decoded text, a parsel selector, and its text runs.

Every rule in this package reads the page as a *stream of text runs in document order* (each
run knows the element that holds it and the link it sits in), because labels and their values
are often split over sibling elements (``<span>来源：</span><a>市关工办</a>``) and a regular
expression over the joined stream finds them whatever the markup.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from parsel import Selector
from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

from ggcrawl.urls import ALREADY_SAFE_URL, is_fetchable, normalize_url

# Dropped before anything is read: never text, never body.
NOISE_TAGS = ("script", "style", "noscript", "template", "iframe", "frame", "object", "embed")
BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section table "
    "tbody td tfoot th thead tr ul".split()
)
LINE_BREAK_TAGS = BLOCK_TAGS | {"br"}
VOID_CONTENT_TAGS = frozenset(("img", "input", "textarea", "select"))
# Share of undecodable bytes above which a declared charset is taken to be wrong.
MISDECODED_SHARE = 0.002
# Python codecs that are not a web page's charset: they unescape (\ud800 → a lone surrogate,
# \x00 → NUL), transcode host names, or refuse to decode anything. A page or server that
# names one is ignored, as a browser ignores a charset it does not know.
NOT_CHARSETS = frozenset(("unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined"))
# The Encoding Standard's labels of GBK, which browsers decode with GB18030's decoder, and
# Python's codecs for GB2312 and GBK (cp936, euc-cn…), which decode only their own repertoire:
# sites that declare them use characters only GB18030 has. w3lib below 2.6 resolved most
# labels to gb18030 itself but knew no x-gbk; from 2.6 it names gbk. So the widening is ours.
GBK_LABELS = frozenset(
    "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk".split()
)
GB18030_SUBSETS = frozenset(("gb2312", "gbk"))
# Characters XML forbids: lxml parses them into the tree but refuses them when text is set
# again (a dropped comment's tail, a cleaned body), so they go before parsing. Browsers show
# none of them; vertical tab and form feed are spaces.
NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The control characters among them as bytes, and the codecs in which such a byte decodes only
# to itself and no other bytes decode to one: for a page in these, one C pass over its bytes
# (translate) tells whether the regex pass over its text has anything to do.
NOT_XML_CONTROL_BYTES = bytes(range(0x20)).translate(None, b"\t\n\r")
CONTROL_FAITHFUL_CODECS = frozenset(("utf-8", "gb18030"))
# The same characters written as numeric character references (&#1;, &#x1F;, &#65535;), which
# the parser would turn into them: only the references that can name one are matched.
NOT_XML_CHAR_REFS = re.compile(
    r"&#(?:[xX]0*([0-9a-fA-F]|1[0-9a-fA-F]|[fF]{3}[eEfF])(?![0-9a-fA-F])"
    r"|0*([0-9]|[12][0-9]|3[01]|6553[45])(?![0-9]));?"
)
# ``</br>``, which browsers read as ``<br>`` (HTML Standard, "in body" insertion mode) and
# libxml2 drops: a headline and its subtitle split by one would run together.
END_BR = re.compile(r"</br\s*>", re.IGNORECASE)
# An end of the document with more after it (a second document served after the first, or
# what a server appends): browsers show what follows in the body, libxml2 drops it all, so
# the document's end tags go and the parser closes the document at the end of the text.
MORE_AFTER_END = re.compile(r"</html\s*>\s*\S", re.IGNORECASE)
DOCUMENT_END_TAGS = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
# A <meta> declaration is ASCII, so a page that carries one cannot be UTF-16/32; browsers read
# such pages as UTF-8 (HTML Standard, "prescan a byte stream").
WIDE_CHARSETS = ("utf-16", "utf-32")
# A host name a browser can look up (IDNA already applied): "http:// center/" is no link.
HOST_NAME = re.compile(r"[a-z0-9_.-]+")
# Elements a browser does not show: an inline style saying so (case and spaces aside; only
# styles that can say "none" reach Python), or the ``hidden`` attribute, looked for only when
# the page writes one (a second scan of every element costs more than a search of the text).
HIDING_STYLES = etree.XPath(
    "//@style[contains(., 'one') or contains(., 'ONE') or contains(., 'idden')"
    " or contains(., 'IDDEN')]"
)
# A box of no height that hides what overflows it: text for search engines, not for readers
# (a second meta line with seconds and the editor's name, under the one shown).
NO_HEIGHT = re.compile(r"(?:^|;)height:0(?:px|em|rem|pt|%)?(?:;|$)")
HIDDEN_ELEMENTS = etree.XPath("//*[@hidden]")
# Text for screen readers only, which stylesheets hide from the eye by these class names
# (Bootstrap's sr-only, WordPress's screen-reader-text; a gallery's 上一篇/下一篇 buttons on
# 香港政府新聞網), looked for only when the page names one.
SCREEN_READER_CLASSES = ("sr-only", "visually-hidden", "screen-reader-text")
SCREEN_READER_CLASS = re.compile(rf"\b(?:{'|'.join(SCREEN_READER_CLASSES)})\b")
SCREEN_READER_ELEMENTS = etree.XPath(
    f"//*[{' or '.join(f'contains(@class, {name!r})' for name in SCREEN_READER_CLASSES)}]"
)
# How many characters a hidden element holds at least before it may be the page's article,
# shown by a script the page loads from elsewhere.
ARTICLE_TEXT_MIN = 200
# A hidden element that a script of the page shows by its id (getElementById("x").style.display
# = "block", $("#x").show()), as sites that pick a desktop or a mobile copy of the article do:
# a reader sees it.
REVEALED = re.compile(
    r"""getElementById\(\s*["']([\w-]+)["']\s*\)\s*\.style\.display\s*=\s*["'](?!none)"""
    r"""|\$\(\s*["']#([\w-]+)["']\s*\)\s*\.(?:show|fadeIn|slideDown)\("""
)
# A shown element that a script of the page hides by its id as the page loads (a slideshow's
# list of file names and image addresses, which the script turns into a gallery; $('x') is
# the getElementById of Prototype-style libraries): a reader never sees its text.
HIDDEN_BY_SCRIPT = re.compile(
    r"""(?:getElementById|\$)\(\s*["']([\w-]+)["']\s*\)\s*\.style\.display\s*=\s*["']none"""
    r"""|\$\(\s*["']#([\w-]+)["']\s*\)\s*\.hide\(\s*\)"""
)
# Every element an lxml.html HtmlElement, the class chosen in C: lxml.html's own lookup calls
# Python for each element it hands out (to give form controls classes of their own, which
# extraction never uses), a large share of the cost of walking a page.
HTML_CLASSES = etree.ElementDefaultClassLookup(
    element=HtmlElement,
    comment=HtmlComment,
    pi=HtmlProcessingInstruction,
    entity=HtmlEntity,
)


# Characters a page may hold that show nothing: zero-width spaces and joiners, a stray BOM.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def normalize_text(text: str) -> str:
    """One line of text as a reader sees it: nbsp, full-width and other Unicode spaces as
    spaces, runs of whitespace collapsed, both ends stripped, and the characters that show
    nothing (a zero-width space opening a headline) gone. ``str.split()`` splits on exactly
    the characters ``\\s`` matches (``str.isspace``), so this is the regex rule in one C call."""
    if not text.isascii():
        text = INVISIBLE.sub("", text)
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Runs:
    """The page's pieces of text in document order, one list per attribute: ``text[i]``;
    ``owner[i]``, the element whose content it is; ``start[i]``, its offset in
    ``Page.joined``, and ``start[len(runs)]`` the length of ``joined``. Columns, not an object
    per run: a page has hundreds of runs, and building an object for each was the largest
    single cost of reading a page."""

    text: list[str]
    owner: list[etree._Element]
    start: list[int]

    @classmethod
    def of(cls, flat: list[Any]) -> Runs:
        """Columns from a flat list of text, owner, text, owner…"""
        texts = flat[0::2]
        return cls(texts, flat[1::2], list(accumulate(map(len, texts), initial=0)))

    def __len__(self) -> int:
        return len(self.text)

    def anchor(self, index: int) -> etree._Element | None:
        """The ``<a>`` run ``index`` sits in, or None: its owner or the owner's nearest ``<a>``
        ancestor (a tail's owner is the parent, so text after a link is outside it). Looked up
        when asked, for the few runs rules ask about, rather than tracked for every run."""
        owner = self.owner[index]
        return owner if owner.tag == "a" else next(owner.iterancestors("a"), None)


class Line(NamedTuple):
    """What a browser would show on one line: runs ``start`` to ``end`` (exclusive)."""

    start: int
    end: int
    text: str


# Line(start, end, text) without the Python ``__new__`` a NamedTuple class runs for each.
MAKE_LINE = tuple.__new__


# The page's title as a browser reads it: the first <title> outside an inline <svg>, whose
# own titles (an icon's 搜尋) are tooltips.
TITLE_TEXT = etree.XPath("(//title[not(ancestor::svg)])[1]//text()")
# The headings a title may be printed in, and the level of a line in none of them.
HEADINGS = ("h1", "h2", "h3", "h4")
NOT_HEADING = 9


@dataclass
class Page:
    url: str
    html: str
    encoding: str
    root: etree._Element = field(repr=False)
    runs: Runs = field(repr=False)
    # element → (first run index, one past its last run index)
    spans: dict[etree._Element, tuple[int, int]] = field(repr=False)
    base_url: str = ""

    @cached_property
    def joined(self) -> str:
        return "".join(self.runs.text)

    def offset(self, run_index: int) -> int:
        """Where run ``run_index`` starts in ``joined`` (its length past the last run)."""
        return self.runs.start[run_index]

    @cached_property
    def lines(self) -> list[Line]:
        """Non-empty lines in document order (block boundaries and ``<br>`` break lines): the
        text between two ``"\\n"`` runs, cut from ``joined`` rather than joined run by run."""
        texts, offsets, joined = self.runs.text, self.runs.start, self.joined
        breaks = [index for index, text in enumerate(texts) if text == "\n"]
        breaks.append(len(texts))
        lines: list[Line] = []
        start = 0
        for end in breaks:
            if end > start:
                text = normalize_text(joined[offsets[start] : offsets[end]])
                if text:
                    lines.append(MAKE_LINE(Line, (start, end, text)))
            start = end + 1
        return lines

    def line_index_at(self, run_index: int) -> int:
        """Index in ``lines`` of the line holding run ``run_index`` (or the next line)."""
        return bisect_right(self._line_ends, run_index)

    @cached_property
    def _line_ends(self) -> list[int]:
        return [line.end for line in self.lines]

    @cached_property
    def title_text(self) -> str:
        """The ``<title>`` as a browser's tab shows it (article, column and site names)."""
        return normalize_text(" ".join(TITLE_TEXT(self.root)))

    @cached_property
    def selector(self) -> Selector:
        """The page as a parsel selector, for XPath and CSS queries (made when first asked
        for: the rules here walk the tree and the runs)."""
        return Selector(root=self.root, type="html")

    def run_at(self, offset: int) -> int:
        """Index of the run that holds character ``offset`` of ``joined``."""
        return max(0, bisect_right(self.runs.start, offset, hi=len(self.runs)) - 1)

    def text_of(self, element: etree._Element) -> str:
        start, end = self.spans.get(element, (0, 0))
        return normalize_text(self.joined[self.offset(start) : self.offset(end)])

    def absolute(self, href: str) -> str | None:
        """``href`` as an absolute http(s) URL, or None: fragments, other schemes
        (javascript:, data:, mailto:, file:…) and malformed URLs (a host with spaces or
        brackets in it, a port out of range) are no links to follow."""
        return absolute_url(href, self.base_url)

    def elsewhere(self, url: str | None) -> str | None:
        """``url`` (absolute) where it leads to another page than this one, not to a
        fragment of it: a link a reader follows away."""
        return url if url and url.split("#", 1)[0] != self.url.split("#", 1)[0] else None


def absolute_url(href: str, base: str) -> str | None:
    """``href`` read against ``base`` as an absolute http(s) URL, or None (see
    :meth:`Page.absolute`); also for addresses outside pages, a stylesheet's ``url()``."""
    href = (href or "").strip()
    if not href or href.startswith("#"):
        return None
    try:
        url = normalize_url(href, base)
    except ValueError:
        return None
    if ALREADY_SAFE_URL.fullmatch(url):  # http(s), and a host name of letters, digits, - and .
        return url
    host = urlsplit(url).hostname or ""
    return url if is_fetchable(url) and HOST_NAME.fullmatch(host) else None


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, encoding): the BOM, then the Content-Type charset, then the ``<meta>`` charset,
    then UTF-8 and GB18030, taking the first that decodes cleanly. A declared charset that
    leaves many bytes undecodable is taken to be wrong (servers lie), not obeyed."""
    bom_encoding, _ = read_bom(body)
    best: tuple[float, str, str] | None = None
    seen: set[str] = set()
    for candidate in _charset_candidates(body, bom_encoding, content_type):
        encoding = codec_name(candidate)
        if encoding is None or encoding in seen:
            continue
        seen.add(encoding)
        try:
            text = body.decode(encoding, errors="replace")
        except (LookupError, UnicodeError, ValueError):  # a codec that decodes no web page
            continue
        if bom_encoding and encoding == codec_name(bom_encoding):
            text = text.lstrip("\ufeff")
        share = text.count("\ufffd") / max(len(text), 1)
        if share <= MISDECODED_SHARE:
            return text, encoding
        if best is None or share < best[0]:
            best = (share, text, encoding)
    assert best is not None
    return best[1], best[2]


def _charset_candidates(
    body: bytes, bom_encoding: str | None, content_type: str | None
) -> Iterator[str | None]:
    """The charsets :func:`decode_html` tries, in order. The ``<meta>`` one is looked for only
    when the BOM and the header do not decode the page: a regex scan of the page's head that
    served pages, which name their charset in the header, seldom need."""
    yield bom_encoding
    if content_type:
        yield http_content_type_encoding(content_type)
    declared = codec_name(html_body_declared_encoding(body))
    yield None if declared and declared.startswith(WIDE_CHARSETS) else declared
    yield "utf-8"
    yield "gb18030"


def codec_name(label: str | None) -> str | None:
    """The Python codec a charset label names, as browsers resolve labels; None for a label
    no web page can mean."""
    if not label:
        return None
    if label.strip().lower() in GBK_LABELS:
        return "gb18030"
    resolved = resolve_encoding(label)  # latin-1 → cp1252, as browsers do
    if resolved is None:
        return None
    try:
        info = codecs.lookup(resolved)
    except LookupError:
        return None
    # rot13, base64, zlib… are codecs.lookup()'s too, but bytes.decode() refuses them.
    if not getattr(info, "_is_text_encoding", True) or info.name in NOT_CHARSETS:
        return None
    return "gb18030" if info.name in GB18030_SUBSETS else info.name


def header_value(headers: Mapping[str, object] | None, name: str) -> str | None:
    """A header's first value from a plain dict or Scrapy ``Headers`` (bytes or str, lists)."""
    if not headers:
        return None
    for key, value in headers.items():
        key_text = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        if key_text.lower() != name.lower():
            continue
        if isinstance(value, list | tuple):
            value = value[0] if value else None
        if isinstance(value, bytes):
            return value.decode("latin-1")
        return None if value is None else str(value)
    return None


def load_page(url: str, body: bytes, headers: Mapping[str, object] | None = None) -> Page:
    """Decode and parse one served page. Never raises on malformed markup or bytes."""
    html, encoding = decode_html(body, header_value(headers, "Content-Type"))
    decoded = html
    if _may_hold_not_xml_chars(body, html, encoding):
        html = NOT_XML_CHARS.sub(_xml_char, html)
    if "&#" in html:
        html = NOT_XML_CHAR_REFS.sub(_xml_char_ref, html)
    html = as_browsers_read(html)
    root = parse_html(html, url, _stripped_utf8(body, html, encoding) if html is decoded else None)
    _strip_noise(
        root,
        hidden_attribute=" hidden" in html,
        screen_reader_text=any(name in html for name in SCREEN_READER_CLASSES),
    )
    runs, spans = text_runs(root)
    return Page(url, html, encoding, root, runs, spans, _base_url(root, url))


def as_browsers_read(html: str) -> str:
    """``html`` with the markup libxml2 reads unlike browsers rewritten as browsers read it:
    ``</br>`` as ``<br>``, and the document's end tags gone where more follows them."""
    if "</br" in html or "</BR" in html:
        html = END_BR.sub("<br>", html)
    if MORE_AFTER_END.search(html):
        html = DOCUMENT_END_TAGS.sub("", html)
    return html


def _may_hold_not_xml_chars(body: bytes, html: str, encoding: str) -> bool:
    """False only when ``html`` (``body`` decoded as ``encoding``) surely holds none of
    :data:`NOT_XML_CHARS`."""
    if encoding not in CONTROL_FAITHFUL_CODECS:
        return True
    if len(body.translate(None, NOT_XML_CONTROL_BYTES)) != len(body):
        return True
    return "\ufffe" in html or "\uffff" in html


def _xml_char(match: re.Match[str]) -> str:
    """A character XML forbids, as a browser shows it: vertical tab and form feed as spaces,
    the others as nothing."""
    return " " if match[0] in "\x0b\x0c" else ""


def _xml_char_ref(match: re.Match[str]) -> str:
    """A character reference to a character XML forbids, as :func:`_xml_char` has it; a
    reference to an allowed one (&#9;, &#10;, &#13;) stays."""
    hexadecimal, decimal = match.groups()
    char = NOT_XML_CHARS.match(chr(int(hexadecimal, 16) if hexadecimal else int(decimal)))
    return _xml_char(char) if char else match[0]


def parse_html(text: str, url: str, stripped_utf8: bytes | None = None) -> etree._Element:
    """The tree parsel builds from ``text`` (stripped, as UTF-8, libxml2 recovering from any
    markup, huge trees allowed), with :data:`HTML_CLASSES`; an empty document for text that
    yields no element. ``text`` holds no NUL (see ``NOT_XML_CHARS``). ``stripped_utf8``, when
    given, is ``text.strip().encode("utf-8")`` already (see :func:`_stripped_utf8`)."""
    parser = etree.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)
    parser.set_element_class_lookup(HTML_CLASSES)
    source = stripped_utf8 or text.strip().encode("utf-8") or b"<html/>"
    root = etree.fromstring(source, parser, base_url=url)
    if not isinstance(root, etree._Element):
        root = etree.fromstring(b"<html/>", parser, base_url=url)
    return root


def _stripped_utf8(body: bytes, html: str, encoding: str) -> bytes | None:
    """``html.strip().encode("utf-8")`` cut from ``body`` instead of encoded again, when
    ``html`` is ``body`` decoded as UTF-8 (no BOM, no byte replaced) and the whitespace around
    it is ASCII, which ``bytes.strip`` removes as ``str.strip`` does; else None."""
    if encoding != "utf-8" or body.startswith(codecs.BOM_UTF8) or "\ufffd" in html:
        return None
    lead = len(body) - len(body.lstrip())
    trail = len(body) - len(body.rstrip())
    if lead + trail >= len(body) or html[lead].isspace() or html[-trail - 1].isspace():
        return None
    return body[lead : len(body) - trail]


def _base_url(root: etree._Element, url: str) -> str:
    """The ``<base href>`` the page sets, if it is a usable http(s) URL; else the page's own
    URL (browsers likewise ignore a base that does not parse, and javascript:/data: bases)."""
    for base in root.iter("base"):
        href = base.get("href")
        if href is not None:
            return absolute_url(href, url) or url
    return url


def _strip_noise(root: etree._Element, *, hidden_attribute: bool, screen_reader_text: bool) -> None:
    """Drop comments, processing instructions, :data:`NOISE_TAGS` and what the page hides
    (``hidden``, an inline ``display:none`` or a box of no height hiding its overflow: a share
    box's copy of the title and lead, a mobile copy of the article, a search engine's meta
    line) but a script of the page shows by its id (:data:`REVEALED`), and what a script hides
    by its id as the page loads (:data:`HIDDEN_BY_SCRIPT`), in document order
    (each drop moves the text after a node onto what precedes it, so the order does not
    matter). ``hidden_attribute``: the page's text writes " hidden", so elements may carry
    the attribute; ``screen_reader_text``: it names a class that hides text for screen
    readers only (:data:`SCREEN_READER_CLASSES`)."""
    revealed: set[str] = set()
    concealed: set[str] = set()
    for node in list(root.iter(etree.Comment, etree.ProcessingInstruction, *NOISE_TAGS)):
        text = node.text if node.tag == "script" else None
        if text and ("display" in text or ".show(" in text or ".hide(" in text):
            revealed.update(a or b for a, b in REVEALED.findall(text))
            concealed.update(a or b for a, b in HIDDEN_BY_SCRIPT.findall(text))
        _drop(node)
    hidden = [
        style.getparent()
        for style in HIDING_STYLES(root)
        if _hides(style) and style.getparent().get("id") not in revealed
    ]
    hidden = _without_the_article(root, hidden)
    # An id a script both shows and hides is toggled (tabs, a "more" button): left as served.
    for name in concealed - revealed:
        node = root.get_element_by_id(name, None)  # the first with the id, as a script's is
        if node is not None and node not in hidden:
            hidden.append(node)
    if hidden_attribute:
        hidden += HIDDEN_ELEMENTS(root)
    if screen_reader_text:
        hidden += [
            node
            for node in SCREEN_READER_ELEMENTS(root)
            if SCREEN_READER_CLASS.search(node.get("class", ""))
        ]
    for node in hidden:
        _drop(node)


def _without_the_article(
    root: etree._Element, hidden: list[etree._Element]
) -> list[etree._Element]:
    """``hidden`` less an element that holds most of what the page says (央视网's text box,
    hidden as served under a 正在加载 loader until its script fetched from elsewhere shows
    it): a page does not hide its article, so a reader sees it. A copy for the other screen
    (half the text at most, with the page's furniture) stays hidden. The page's text is
    measured only when an element holds text enough to be an article."""
    sizes = [len(node.text_content()) for node in hidden]
    if not any(size >= ARTICLE_TEXT_MIN for size in sizes):
        return hidden
    half = len(root.text_content()) / 2
    return [
        node
        for node, size in zip(hidden, sizes, strict=True)
        if size < ARTICLE_TEXT_MIN or size <= half
    ]


def _hides(style: str) -> bool:
    """Whether an inline style hides its element from readers: ``visibility:hidden`` too (a
    hidden anchor's text between the article and its author tab)."""
    style = "".join(style.lower().split())
    return (
        "display:none" in style
        or "visibility:hidden" in style
        or ("overflow:hidden" in style and NO_HEIGHT.search(style) is not None)
    )


def _drop(node: etree._Element) -> None:
    """Remove ``node`` but keep the text that follows it."""
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail
    previous = node.getprevious()
    parent.remove(node)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def text_runs(root: etree._Element) -> tuple[Runs, dict[etree._Element, tuple[int, int]]]:
    """Walk the tree once, without recursion (pages may nest thousands deep): elements in
    document order from ``iter`` (C), each element's end found by counting down its children,
    a fifth cheaper than ``iterwalk``'s start and end events. The tree holds elements
    only (no comments or processing instructions: see ``_strip_noise``)."""
    runs: list[Any] = []  # text, owner of each run in turn (see Runs.of)
    add = runs.extend
    spans: dict[etree._Element, tuple[int, int]] = {}
    # Each element still open: [element, where in ``runs`` it began, children left, tag].
    path: list[list[Any]] = []
    for element in root.iter():
        tag = element.tag
        first = len(runs)
        if tag in LINE_BREAK_TAGS:
            add(("\n", element))
        text = element.text
        if text:
            add((text, element))
        elif tag in VOID_CONTENT_TAGS:
            # An empty run gives images a place in the stream, so a cut keeps them.
            add(("", element))
        children = len(element)
        if children:
            path.append([element, first, children, tag])
            continue
        while True:  # ``element`` ends here, and with it each parent it was the last child of
            if tag in BLOCK_TAGS:
                add(("\n", element))
            spans[element] = (first >> 1, len(runs) >> 1)
            if not path:
                break
            parent = path[-1]
            tail = element.tail
            if tail:
                add((tail, parent[0]))
            parent[2] -= 1
            if parent[2]:
                break
            path.pop()
            element, first, _, tag = parent
    return Runs.of(runs), spans


def heading_level(page: Page, line: Line) -> int:
    """1 to 4 for a line inside ``<h1>``..``<h4>``, :data:`NOT_HEADING` otherwise."""
    node: etree._Element | None = page.runs.owner[line.start]
    while node is not None:
        if node.tag in HEADINGS:
            return int(node.tag[1])
        node = node.getparent()
    return NOT_HEADING


def block_of(page: Page, line: Line) -> etree._Element | None:
    """The nearest block element around ``line``'s first run."""
    node: etree._Element | None = page.runs.owner[line.start]
    while node is not None and node.tag not in BLOCK_TAGS:
        node = node.getparent()
    return node


def box_of(page: Page, line: Line) -> etree._Element | None:
    """The element around ``line``'s own block: the box a headline shares with its deck, a
    byline cell's name with its date."""
    block = block_of(page, line)
    return block.getparent() if block is not None else None
