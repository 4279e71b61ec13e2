"""Where the article's text begins below the meta line: past furniture, a reprint's own
title and meta line, summary boxes (摘要/导读, a pull quote, the opening cut with "…") and the
headline printed again."""

from __future__ import annotations

import re
from itertools import pairwise

from lxml import etree

from ggcrawl.extract.document import (
    NOT_HEADING,
    Line,
    Page,
    block_of,
    box_of,
    heading_level,
)
from ggcrawl.extract.labels import (
    CAPTION_MARK,
    CONTINUATION,
    DOCUMENT_NUMBER,
    FIRST_SECTION,
    SUMMARY_LABELS,
    label_pattern,
)
from ggcrawl.extract.line_kinds import (
    LEADING_LABELLED_LINE,
    ORIGINAL_TITLE,
    SHORT_LINE,
    is_document_title,
    is_furniture,
    is_link_line,
    is_meta_like,
    rejoined,
)

# A tag a headline shows before itself (【记者即时播报】), which the text's copy leaves out.
KICKER_TAG = re.compile(r"^【[^】]{1,10}】\s*")
# A document's headline names its subject (关于…的通知); its formal heading over the text
# names its issuers before it, in this many characters at most, and no sentence.
FORMAL_SUBJECT = "关于"
ISSUERS_MAX = 40
# What only a sentence holds, never a name or a heading.
SENTENCE_MARKS = ("。", "！", "？", "；", "，")
# A headline's kicker, the words before its dash or colon (新生服务——…, 专访：…).
KICKER_SEPARATOR = re.compile(r"——|—|：|:|[|｜]")
# A note's mark closing a heading (…统计公报[1]).
NOTE_MARK = re.compile(r"\s*(?:\[\d{1,2}\]|［\d{1,2}］)$")
# The fewest characters the headline's part after its kicker needs to count as the headline.
HEADLINE_PART_MIN = 6
# A summary box's line: its label, or the opening of the text cut short with an ellipsis.
SUMMARY_LINE = re.compile(rf"^[【\[]?(?:{label_pattern(SUMMARY_LABELS)})(?:[】\]]|\s*[:：])")
# The label alone on its line, heading the summary on the next (中国日报网's 导读).
SUMMARY_HEADING = re.compile(rf"^[【\[]?(?:{label_pattern(SUMMARY_LABELS)})[】\]]?$")
ELLIPSIS = ("...", "…", "……", "。。。")
# What templates call a summary box in its class or id (words split at - _, spaces and a
# camel case's capitals: articleDesc, newsSummary), in English or pinyin (简介, 概要, 提要).
SUMMARY_NAMES = frozenset(
    "zhaiyao summary abstract digest description desc daodu intro introduction lead lede brief"
    " jianjie gaiyao tiyao".split()
)
NAME_PARTS = re.compile(r"[\s_-]+|(?<=[a-z0-9])(?=[A-Z])")
# How much of a summary's opening the text must start with again; how long a summary that
# quotes a paragraph is at least, and how many lines further on the paragraph may stand.
SUMMARY_PREFIX = 12
SUMMARY_QUOTE_MIN = 24
SUMMARY_QUOTE_REACH = 60
# How long a paragraph in a box named a summary is at least to be the story's lead.
LEAD_MIN = 100
# A picture element's text is its caption, this long at most; prose follows it within this
# many lines (a cross-head may come first).
CAPTION_MAX = 200
CAPTION_PROSE_REACH = 3
# How many lines a caption takes at most: its words and the photographer's credit.
CAPTION_LINES = 2


def body_start(page: Page, index: int) -> int:
    """First line of the body from line ``index`` on: past label and toolbar lines, a
    reprint's own title and meta line, and a summary box (摘要/导读, or the text's opening cut
    short with "…")."""
    lines = page.lines
    index = _past_furniture(page, index)
    if (
        index + 1 < len(lines)
        and len(lines[index].text) <= SHORT_LINE
        and _opens_meta(lines[index + 1].text)
    ):
        index = _past_furniture(page, index + 2)
    return _past_summaries(page, index)


def summary_label(text: str) -> str:
    """The label a line opens with when it is a summary (摘要：, 【导读】); what is left of
    such a line at the text's start is the text's first paragraph (:func:`_is_summary`)."""
    match = SUMMARY_LINE.match(text)
    return match[0] if match else ""


def _opens_meta(text: str) -> bool:
    """A reprint's meta line, or its 来源 line under the medium's name (华尔街见闻 | 来源：
    牛弹琴); never a （原标题：…） line, which the portal prints as the text's."""
    return is_meta_like(text) or (
        LEADING_LABELLED_LINE.match(text) is not None and ORIGINAL_TITLE.match(text) is None
    )


def past_headline(page: Page, index: int) -> int:
    """The text's first line after the headline on line ``index``: past a reprint's medium
    and its 来源 line (华尔街见闻 | 来源：牛弹琴) and a summary box under it."""
    return body_start(page, index + 1)


def _past_furniture(page: Page, index: int) -> int:
    lines = page.lines
    while index < len(lines) and (
        is_furniture(lines[index].text) or is_document_title(page, lines[index])
    ):
        index += 1
    return index


def _past_summaries(page: Page, index: int) -> int:
    while index + 1 < len(page.lines) and (
        _is_summary(page, index) or _is_lead_caption(page, page.lines[index])
    ):
        index = _past_furniture(page, index + 1)
    return index


def _is_lead_caption(page: Page, line: Line) -> bool:
    """A caption of the photo above the text, which a reader reads as the picture's, not as
    the text's first words: in a ``<figure>``, or beside its image with nothing but the
    caption (in the image's list item or table, or in the element after one that holds only
    an image, line breaks between in a text of ``<br>`` lines), marked as one
    (:data:`CAPTION_MARK`) on its own line or the credit's below it (無票民眾等候補位… |
    記者鄭清元／攝影)."""
    owner = page.runs.owner[line.start]
    figure = next(owner.iterancestors("figure"), None) if owner.tag != "figure" else owner
    if figure is not None and len(page.text_of(figure)) <= CAPTION_MAX:
        return _prose_after(page, figure)
    block = block_of(page, line)
    block = owner if block is None else block
    inline = []  # the caption's own inline elements, in a text of <br> lines
    node = owner
    while node is not None and node is not block:
        inline.append(node)
        node = node.getparent()
    for element in (*inline, block, *block.iterancestors()):
        if element not in page.spans:
            continue
        first, end = page.spans[element]
        if page.line_index_at(end) - page.line_index_at(first) > CAPTION_LINES:
            break  # checked first: a large element's text is not read at all
        shown = page.text_of(element)
        if element.getparent() is None or len(shown) > CAPTION_MAX:
            break
        if line.text not in shown or CAPTION_MARK.search(shown) is None:
            continue
        before = _previous_shown(element)
        if next(element.iter("img"), None) is not None or (
            before is not None
            and next(before.iter("img"), None) is not None
            and not page.text_of(before)
        ):
            return _prose_after(page, element)
    return False


def _previous_shown(element: etree._Element) -> etree._Element | None:
    """The element before ``element``, past the line breaks between (a caption in a
    ``<span>`` under the photo's, in a text of ``<br>`` lines)."""
    before = element.getprevious()
    while before is not None and before.tag == "br" and not (before.tail or "").strip():
        before = before.getprevious()
    return before


def _prose_after(page: Page, element: etree._Element) -> bool:
    """Whether a sentence of prose follows ``element`` within a few lines: a caption opens a
    text, and a photo news item that is a photo and its caption has no other text."""
    after = page.line_index_at(page.spans[element][1])
    return any(
        len(line.text) >= SUMMARY_QUOTE_MIN and "。" in line.text
        for line in page.lines[after : after + CAPTION_PROSE_REACH]
    )


def _is_summary(page: Page, index: int) -> bool:
    """A summary box: labelled as one, or under its label alone on the line above (导读),
    unless the text below goes on from it (因此…); the
    opening of the next line cut short with "…", or a line of its own whose opening the text
    says again further on (a pull quote of a paragraph; neither a link's words nor a copy of
    a line above are the text's: a notice's opening that names it as its headline does,
    listed again below it). A sentence the text repeats in its own block (a lead in bold) is
    text."""
    lines = page.lines
    text, following = lines[index].text, lines[index + 1 :]
    if SUMMARY_HEADING.match(text):
        return True
    if (
        SUMMARY_LINE.match(text)
        or (index > 0 and SUMMARY_HEADING.match(lines[index - 1].text))
        or (_in_summary_box(page, lines[index], following[0]) and not _is_lead(text, following))
    ):
        return CONTINUATION.match(following[0].text) is None
    if text.endswith(ELLIPSIS):
        opening = "".join(text.rstrip(".…。").split())[:SUMMARY_PREFIX]
        return len(opening) >= 4 and "".join(following[0].text.split()).startswith(opening)
    opening = text[:SUMMARY_QUOTE_MIN]
    if len(text) < SUMMARY_QUOTE_MIN or not _stands_apart(page, lines[index], following[0]):
        return False
    repeats = [
        line
        for line in following[:SUMMARY_QUOTE_REACH]
        if opening in line.text and text != line.text and not is_link_line(page, line)
    ]
    if not repeats:
        return False
    above = tuple(line.text for line in lines[:index] if len(line.text) >= SUMMARY_QUOTE_MIN)
    return any(not line.text.startswith(above) for line in repeats)


def _is_lead(text: str, following: list[Line]) -> bool:
    """A box the template names a summary that holds the story's lead paragraph (苹果日报's
    【邱俊吉╱台北報導】近日天冷…, UN News's, a city portal's): a whole paragraph, neither cut
    short nor said again below, which a reader reads as the text's first. A teaser is short
    (顺便给模型测了下智商), a CMS description cut or repeated."""
    opening = text[:SUMMARY_QUOTE_MIN]
    return (
        len(text) >= LEAD_MIN
        and not text.endswith(ELLIPSIS)
        and not any(opening in line.text for line in following[:SUMMARY_QUOTE_REACH])
    )


def _in_summary_box(page: Page, line: Line, below: Line) -> bool:
    """Whether ``line`` fills a box the template names a summary (``div.zhaiyao``,
    ``p.summary``, ``div.main-introduction``) that the text below does not stand in."""
    box = block_of(page, line)
    if box is None or box is block_of(page, below):
        return False
    while box is not None and page.text_of(box) == line.text:
        names = f"{box.get('class', '')} {box.get('id', '')}"
        if not SUMMARY_NAMES.isdisjoint(part.lower() for part in NAME_PARTS.split(names)):
            return True
        box = box.getparent()
    return False


def _stands_apart(page: Page, line: Line, below: Line) -> bool:
    """Whether ``line`` is an element of its own, not a line of the same block as the text
    below it (a lead the text breaks off with <br>)."""
    box = block_of(page, line)
    return box is not None and box is not block_of(page, below)


def headline_opens_text(page: Page, start: int, title: str | None) -> bool:
    """Whether the text's first line is the headline, not the text's: the headline itself
    printed under the meta line (当前位置 …, 发布时间 … 来源 …, then the title, shown nowhere
    else), or the template's copy of the headline above (the same characters, spacing and
    all). A title the author typed again at the top of the text is the text's (the seed page:
    two spaces inside where the headline has one)."""
    lines = page.lines
    if title is None or start >= len(lines) or lines[start].text != title:
        return False
    first = _shown(page, lines[start])
    above = [
        line for line in lines[:start] if line.text == title and not is_document_title(page, line)
    ]
    if above:
        return any(_shown(page, line) == first for line in above)
    # Shown nowhere above, unless split there by a line break: the headline itself.
    return not any(
        title in rejoined(upper.text, lower.text) for upper, lower in pairwise(lines[:start])
    )


def untagged_headline(page: Page, start: int, title: str | None) -> int:
    """How many of the text's first lines print the headline again without the tag it shows
    before it (【记者即时播报】), or as a document's formal heading: without the number the
    headline shows after it and led by its issuers (国家发展改革委 交通运输部关于印发 |
    《…》的通知 under 关于印发《…》的通知(发改经贸〔2026〕1241号)): one, or two a line break
    splits it in."""
    if title is None:
        return 0
    tag = KICKER_TAG.match(title)
    number = DOCUMENT_NUMBER.search(title)
    if tag is not None:
        bare = title[tag.end() :]
    elif number is not None and number.end() == len(title) and title.startswith(FORMAL_SUBJECT):
        bare = title[: number.start()]
    else:
        return 0
    lines = page.lines
    for count in (1, 2):
        if start + count > len(lines):
            break
        shown = (
            (lines[start].text,)
            if count == 1
            else rejoined(lines[start].text, lines[start + 1].text)
        )
        if bare in shown or (number is not None and _issued(shown[-1], bare)):
            return count
    return 0


def _issued(shown: str, bare: str) -> bool:
    """Whether ``shown`` is the headline ``bare`` led by the issuers' names and nothing else."""
    issuers = shown[: -len(bare)]
    return (
        shown.endswith(bare)
        and len(issuers) <= ISSUERS_MAX
        and not any(mark in issuers for mark in SENTENCE_MARKS)
    )


def _shown(page: Page, line: Line) -> str:
    """The line's characters as the page has them, spacing inside kept."""
    return "".join(page.runs.text[run] for run in range(line.start, line.end)).strip()


def past_title(page: Page, start: int, end: int, title: str | None) -> int:
    """Past the headline, the template's copy of it (:func:`headline_opens_text`) or a
    variant of it (:func:`_is_headline_variant`), the ``<title>``'s own text (on a page whose
    one container is the text) and furniture, where the text was found by density (labels
    would have started the body below the meta line)."""
    lines = page.lines
    headline: Line | None = None
    while start < end:
        text = lines[start].text
        if (
            text == page.title_text
            or headline_opens_text(page, start, title)
            or _is_headline_variant(text, title)
            or _is_headline_half(text, title)
        ):
            headline = lines[start]
        elif not (is_furniture(text) or (headline and _is_subtitle(page, start, headline))):
            break
        start += 1
    return start


def _is_subtitle(page: Page, index: int, headline: Line) -> bool:
    """A line under the headline that holds no sentence: a heading (<h1>…</h1><h4>第3周升旗仪式
    </h4>), or the last line of the headline's own box (人权观察's deck, a ``<p>`` beside the
    ``<h1>`` in the page's header, the text in a box of its own): the headline's subtitle, not
    the text's first line (unless it opens a notice's sections: 一、…)."""
    line = page.lines[index]
    if (
        len(line.text) > SHORT_LINE
        or any(mark in line.text for mark in "。！？")
        or FIRST_SECTION.match(line.text) is not None
    ):
        return False
    if heading_level(page, line) < NOT_HEADING:
        return True
    box = box_of(page, headline)
    return (
        box is not None
        and box in (box_of(page, line), block_of(page, line))  # a <p> in it, or its own text
        and index + 1 < len(page.lines)
        and not _holds(box, page, page.lines[index + 1])
    )


def _holds(box: etree._Element, page: Page, line: Line) -> bool:
    owner = page.runs.owner[line.start]
    return owner is box or box in owner.iterancestors()


def _is_headline_half(text: str, title: str | None) -> bool:
    """One of the two lines a break splits the headline in (旭日东升未来可期 | 吐故纳新梦想起航,
    read as one title with a space between)."""
    return title is not None and title.count(" ") == 1 and text in title.split(" ")


def _is_headline_variant(text: str, title: str | None) -> bool:
    """The headline again as the text's heading, with a note's mark (…统计公报[1]) or
    without its kicker (新生服务——重庆交通大学… shown as 重庆交通大学…)."""
    if title is None:
        return False
    bare = NOTE_MARK.sub("", text)
    if bare != text and bare == title:
        return True
    kicker = KICKER_SEPARATOR.search(title)
    return (
        kicker is not None
        and len(text) >= HEADLINE_PART_MIN
        and title[kicker.end() :].strip() == text
    )
