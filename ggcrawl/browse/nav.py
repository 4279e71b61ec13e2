"""The columns bar of the reading pages: the site's own nav (栏目 in the order the site showed
them), each leading to its column page, so a reader can change column from anywhere."""

from __future__ import annotations

from typing import Any

from datasette.app import Datasette

from ggcrawl.browse import is_archive
from ggcrawl.browse.pages import column_path

# The reading pages' templates (archive/templates/ggcrawl_*.html) that show the bar.
TEMPLATE_PREFIX = "ggcrawl_"


def columns_bar(template: str, database: str | None, datasette: Datasette) -> Any:
    """Datasette's extra_template_vars: ``ggcrawl_columns``, the columns with articles in nav
    order, each with its column page; None for other pages."""
    if not template.startswith(TEMPLATE_PREFIX) or not is_archive(datasette, database):
        return None

    async def columns() -> dict[str, list[dict[str, str]]]:
        rows = await datasette.get_database(database).execute(
            "SELECT name FROM sections s WHERE EXISTS "
            "(SELECT 1 FROM articles WHERE section = s.name) ORDER BY position"
        )
        return {
            "ggcrawl_columns": [
                {"name": row["name"], "href": column_path(datasette, database, row["name"])}
                for row in rows
            ]
        }

    return columns
