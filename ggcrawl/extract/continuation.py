"""Articles a site splits over pages (a pager's 上一页 1 2 下一页 under the text, PHPCMS's
``&page=2``, DedeCMS's ``_2.html``): each page is extracted alone, and every page after the
first adds its text, images and attachments to the first page's fields, which keep the rest.

Pure functions, so the crawl (page by page, as they arrive) and ``ggcrawl reparse`` (from the
stored snapshots) join pages the same way.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from ggcrawl.extract.article import ArticleFields
from ggcrawl.extract.chain import SPLIT_WARNING
from ggcrawl.settings import MAX_ARTICLE_PAGES


def join_page(
    article: ArticleFields, following: ArticleFields, joined: Collection[str]
) -> ArticleFields:
    """``article`` (its pages so far, whose URLs are ``joined``) with the text of the page it
    goes on at. The warning that it goes on is replaced by that page's own, if it goes on
    further; a 下一页 back to a page already joined ends it."""
    onward = following.continued_at if following.continued_at not in joined else None
    warnings = [w for w in article.warnings if SPLIT_WARNING not in w]
    if not following.body_text:
        warnings.append(f"body: the page {article.continued_at} shows no text of the article")
    warnings += [w for w in following.warnings if SPLIT_WARNING in w and onward]
    urls = {a["url"] for a in article.attachments}
    attachments = [a for a in following.attachments if a["url"] not in urls]
    return replace(
        article,
        body_text=_joined(article.body_text, following.body_text),
        body_html=_joined(article.body_html, following.body_html),
        images=[*article.images, *(u for u in following.images if u not in article.images)],
        attachments=[*article.attachments, *attachments],
        continued_at=onward,
        warnings=warnings,
    )


def next_page(
    article: ArticleFields, joined: Collection[str], limit: int = MAX_ARTICLE_PAGES
) -> str | None:
    """The page to fetch next for ``article``, whose pages ``joined`` are in: none when it
    ends, or has reached ``limit`` pages (a pager that always offers one more is a trap; by
    default the crawl's MAX_ARTICLE_PAGES setting, which ``ggcrawl reparse`` follows too)."""
    if article.continued_at is None or len(joined) >= limit:
        return None
    return article.continued_at


def _joined(text: str | None, more: str | None) -> str | None:
    if text and more:
        return f"{text}\n{more}"
    return text or more
