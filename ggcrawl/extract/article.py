"""Article fields from labels and page structure, and from content density where they fail.

The page is read the way a person reads it: the breadcrumb names the section
(:mod:`~ggcrawl.extract.breadcrumb`), the meta line (:mod:`~ggcrawl.extract.meta`) gives the
time and the source, the line just above it is the title (:mod:`~ggcrawl.extract.title`), the
body runs from below the meta line to the 上一篇/下一篇 labels, and those labels carry the chain
links (:mod:`~ggcrawl.extract.chain`). Where the labels do not settle the body, the densest
block of prose (:mod:`~ggcrawl.extract.density`) does (:mod:`~ggcrawl.extract.layout`); the
text's first and last lines are then settled line by line (:mod:`~ggcrawl.extract.text_start`,
:mod:`~ggcrawl.extract.text_end`). None of it depends on class names or ids, so an unseen
template works.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ggcrawl.extract.body import without_toolbar
from ggcrawl.extract.breadcrumb import breadcrumb, section_from_crumbs
from ggcrawl.extract.chain import (
    NEXT_LABEL,
    PREV_LABEL,
    arrowed_links,
    chain_above,
    chain_link,
    continued_at,
    related_by_rel,
    split_warning,
)
from ggcrawl.extract.document import Page
from ggcrawl.extract.layout import Layout, find_layout
from ggcrawl.extract.meta import (
    SOURCE_BELOW_REACH,
    MetaLine,
    dateline_source,
    declared_date,
    finer_time,
    media_source,
    signed_date,
    source_below,
    source_in,
)
from ggcrawl.extract.text_end import credits_date, past_related_list, text_body
from ggcrawl.extract.text_start import (
    headline_opens_text,
    past_headline,
    past_title,
    untagged_headline,
)
from ggcrawl.extract.title import find_title, headline_time, page_names, whole_headline

# How a site's note that it took an article ends (酷勤网收集, 本网整理), and its length at most.
TAKEN_WORDS = ("收集", "整理")
TAKEN_NOTE_MAX = 8


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
    # The next page of an article the site splits over pages (its pager's 下一页), whose text
    # this page's body does not hold (ggcrawl.extract.continuation joins them).
    continued_at: str | None = None
    warnings: list[str] = field(default_factory=list)


def extract_article(page: Page) -> ArticleFields:
    """All article fields of ``page``; never raises on odd markup (fields become None)."""
    fields = ArticleFields()
    crumbs, after, layout = _trail_and_layout(page, fields.warnings)
    fields.section = section_from_crumbs(crumbs[1]) if crumbs else None
    meta = layout.meta
    fields.title, title_opens_body = find_title(page, layout, after, fields.section)
    fields.title = whole_headline(page, without_toolbar(fields.title))
    dated = layout.dated_by if layout.dated_by and (not meta or not meta.labelled) else meta
    source_found = dated is not None and dated.source_found
    if dated:
        fields.published_at, fields.source = dated.published_at, dated.source
    if not source_found:
        fields.source, source_found = source_below(page, layout.end)
    if not source_found and (beyond := past_related_list(page, layout.end)) > layout.end:
        fields.source, source_found = source_below(page, beyond)
    if fields.published_at is None:
        fields.published_at = declared_date(page)
    elif dated is not None and not dated.labelled:
        fields.published_at = finer_time(page, fields.published_at)
    fields.title, fields.published_at = headline_time(fields.title, fields.published_at)
    fields.prev_url, fields.next_url = _chain_links(page, layout, after)
    start = layout.start
    if title_opens_body or (
        meta is not None and meta.labelled and headline_opens_text(page, start, fields.title)
    ):
        start = past_headline(page, start)
    if meta is None or not meta.labelled:
        start = past_title(page, start, layout.end, fields.title)
    start += untagged_headline(page, start, fields.title)
    body = text_body(page, start, layout.end, drop_link_lists=layout.chain_at is None)
    if body is not None:
        fields.body_html, fields.body_text = body.html or None, body.text or None
        fields.images, fields.attachments = body.images, body.attachments
    if not source_found and fields.body_text:  # 来源：… closing a text that ended above
        fields.source, source_found = source_in(fields.body_text.split("\n")[-SOURCE_BELOW_REACH:])
    if fields.published_at is None and fields.body_text:
        fields.published_at = signed_date(fields.body_text)
        if fields.published_at is not None:
            fields.warnings.append("published_at: none shown; the date the text is signed with")
        else:
            last = fields.body_text.rsplit("\n", 1)[-1]
            fields.published_at = credits_date(page, last, start, min(layout.end, len(page.lines)))
            if fields.published_at is not None:
                fields.warnings.append("published_at: none shown; the time under the credits")
    if not source_found and dated is not None:
        fields.source = media_source(page, dated)
        source_found = fields.source is not None
        if source_found:
            fields.warnings.append("source: no 来源 label; the medium named beside the date")
    if not source_found and fields.body_text:
        fields.source = dateline_source(fields.body_text)
        source_found = fields.source is not None
        if source_found:
            fields.warnings.append("source: no 来源 label; the agency the text opens with")
    fields.source = _without_site_name(page, fields.source)
    fields.continued_at = continued_at(page, layout.end)
    if fields.continued_at is not None:
        fields.warnings.append(split_warning(fields.continued_at))
    fields.warnings.extend(layout.notes)
    _warn_missing(fields, crumbs, dated, source_found, layout.chain_at)
    return fields


def _chain_links(page: Page, layout: Layout, after: int) -> tuple[str | None, str | None]:
    """(prev, next): after the 上一篇/下一篇 labels below the text; where those lead nowhere
    (no labels, or a list box named 上 / 下一篇新聞), the links marked ``rel``, then those
    after labels printed above the text, then a bar of the neighbours' headlines between
    arrows after it (« … | … »)."""
    links = _labelled_links(page, layout.chain_at)
    if links == (None, None):
        links = related_by_rel(page)
    if links == (None, None):
        links = _labelled_links(page, chain_above(page, after, layout.start))
    if links == (None, None):
        links = arrowed_links(page, layout.end)
    return links


def _labelled_links(page: Page, chain_at: int | None) -> tuple[str | None, str | None]:
    """(prev, next) after the labels from run ``chain_at``, if any."""
    if chain_at is None:
        return None, None
    return chain_link(page, PREV_LABEL, chain_at), chain_link(page, NEXT_LABEL, chain_at)


# How many lines above the trail a banner's date may stand, its headline between them.
TRAIL_UNDER_HEADLINE = 6


def _trail_and_layout(
    page: Page, warnings: list[str]
) -> tuple[tuple[int, list[str]] | None, int, Layout]:
    """The breadcrumb, the line below it, and the layout of the page from there. A trail with
    no text below it is none (a footer's 返回 | 首页, a trail printed under the text): the
    page is then read whole, where that finds a text, and ``warnings`` says so."""
    crumbs = breadcrumb(page)
    after = crumbs[0] + 1 if crumbs else 0
    layout = find_layout(page, after)
    if crumbs is None or (layout.end > layout.start and layout.meta is not None):
        return crumbs, after, layout
    whole = find_layout(page, 0)
    if layout.end <= layout.start:
        if whole.end > whole.start:
            warnings.append(f"section: the trail on line {crumbs[0]} has no text below it")
            return None, 0, whole
    elif (
        whole.meta is not None
        and crumbs[0] - TRAIL_UNDER_HEADLINE <= whole.meta.line < crumbs[0]
        and whole.start >= after
    ):
        return crumbs, whole.meta.line, whole  # a banner's date and headline over the trail
    return crumbs, after, layout


def _without_site_name(page: Page, source: str | None) -> str | None:
    """A 来源 value less the site's own name printed after it (来源：人民日报海外版 中国青年网
    on 中国青年网), or its note that it took the article (新浪科技 酷勤网收集): where the
    article came from, not where it is."""
    if not source or " " not in source:
        return source
    value, last = source.rsplit(" ", 1)
    taken = len(last) <= TAKEN_NOTE_MAX and last.endswith(TAKEN_WORDS)
    return value if taken or last in page_names(page) else source


def _warn_missing(
    fields: ArticleFields,
    crumbs: tuple[int, list[str]] | None,
    meta: MetaLine | None,
    source_found: bool,
    chain_at: int | None,
) -> None:
    if crumbs is None:
        fields.warnings.append("section: no breadcrumb (首页 > 栏目) found")
    elif fields.section is None:
        fields.warnings.append("section: breadcrumb names no column")
    if fields.published_at is None and meta is None:
        fields.warnings.append("published_at: no time label (时间/发布时间/日期) with a date found")
    elif fields.published_at is None:
        fields.warnings.append("published_at: the date next to the time label is not a valid date")
    if not source_found and meta is None:
        fields.warnings.append("source: no meta line (时间 … 来源) to read it from")
    elif not source_found:
        fields.warnings.append("source: no 来源 label on the meta line")
    if fields.title is None:
        fields.warnings.append("title: no title found")
    if fields.body_text is None:
        fields.warnings.append("body: no body text found")
    if chain_at is None:
        fields.warnings.append("prev/next: no 上一篇/下一篇 labels found")
