"""Datasette plugin: addresses and titles link to the archive, not the live site
(ggcrawl.browse.links)."""

from datasette import hookimpl

from ggcrawl.browse import is_archive
from ggcrawl.browse.links import LINKED_COLUMNS, archived_cell


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if column in LINKED_COLUMNS and is_archive(datasette, database):
        return archived_cell(datasette, database, table, row, column, value)
    return None
