"""Addresses in tables and query results link to the archive, not to the live site.

Datasette links every value that looks like a URL to that URL: on an archive, to the live site,
which may have changed or gone since. Here an article's address (``url``, ``prev_url``,
``next_url``, ``article_url``) links to its archived reader page, any other page's address to
its archived snapshot, and the live address stays beside the link as text. An article's title
(in the articles tables and in query results that have its ``url``) links to its reader page.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ggcrawl.browse.pages import article_path, snapshot_of_path

ARTICLE_COLUMNS = frozenset(("url", "prev_url", "next_url", "article_url"))
ARTICLE_TABLES = frozenset(("articles", "article_versions", "article_history"))
PAGE_COLUMNS = frozenset(("url", "from_url", "to_url", "listing_url", "referer", "asset_url"))
# Every column archived_cell may draw: any other cell is left to Datasette at once.
LINKED_COLUMNS = ARTICLE_COLUMNS | PAGE_COLUMNS | {"title"}
CELL = '<a href="{}" title="{}">{}</a> <span class="ggcrawl-live">{}</span>'
READ = ("存档中的文章 / The archived article", "阅读 / Read")
ARCHIVED = ("存档中的网页 / The archived page", "存档 / Archived")


def archived_cell(
    datasette: object, database: str, table: str | None, row: Any, column: str, value: object
) -> Markup | None:
    """The cell of an address or a title in an archive's table (or a query, ``table`` None),
    or None to leave the cell as Datasette draws it."""
    if column == "title" and (table is None or table in ARTICLE_TABLES):
        return title_cell(datasette, database, row, value)
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        return None
    article = column in ARTICLE_COLUMNS and (
        table in ARTICLE_TABLES or table is None or (table, column) == ("listings", "article_url")
    )
    if article:
        href = article_path(datasette, database, value)
        return Markup(CELL).format(
            href, "存档中的文章 / The archived article", "阅读 / Read", value
        )
    if column in PAGE_COLUMNS and table is not None:
        href = snapshot_of_path(datasette, database, value)
        return Markup(CELL).format(
            href, "存档中的网页 / The archived page", "存档 / Archived", value
        )
    return None


def title_cell(datasette: object, database: str, row: Any, value: object) -> Markup | None:
    """A title linked to its article's reader page, when the row has the article's address."""
    columns = row.keys()  # a sqlite3.Row: `in row` would look among the values
    url_column = next((c for c in ("url", "article_url") if c in columns), None)
    url = row[url_column] if url_column else None
    if isinstance(url, dict):  # a foreign key Datasette has expanded to its label
        url = url.get("value")
    if not isinstance(value, str) or not isinstance(url, str) or not url:
        return None
    href = article_path(datasette, database, url)
    return Markup('<a href="{}">{}</a>').format(href, value)
