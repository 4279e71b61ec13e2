"""Datasette plugin: addresses and titles link to the archive, not the live site
(ggcrawl.browse.links)."""

from datasette import hookimpl

from ggcrawl.browse import archive_names
from ggcrawl.browse.links import LINKED_COLUMNS, archived_cell


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if column in LINKED_COLUMNS and database in archive_names(datasette):
        return archived_cell(datasette, database, table, row, column, value)
    return None
