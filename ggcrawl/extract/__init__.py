"""Pure extraction: (url, body bytes, headers) → fields and links. No network, no database.

Because it is a pure function of a stored snapshot, the archive can always be re-parsed from
its own snapshots when the rules improve.
"""

from ggcrawl.extract.article import ArticleFields, extract_article
from ggcrawl.extract.document import Page, decode_html, load_page, normalize_text
from ggcrawl.extract.navigation import Link, Listing, PageLink, listing, nav_sections, page_kind
from ggcrawl.extract.overrides import (
    Overrides,
    extract_article_with,
    listing_with,
    page_kind_with,
    parse_selectors,
)
from ggcrawl.extract.requisites import (
    Requisite,
    decode_stylesheet,
    page_requisites,
    stylesheet_references,
)

__all__ = [
    "ArticleFields",
    "Link",
    "Listing",
    "Overrides",
    "Page",
    "PageLink",
    "Requisite",
    "decode_html",
    "decode_stylesheet",
    "extract_article",
    "extract_article_with",
    "listing",
    "listing_with",
    "load_page",
    "nav_sections",
    "normalize_text",
    "page_kind",
    "page_kind_with",
    "page_requisites",
    "parse_selectors",
    "stylesheet_references",
]
