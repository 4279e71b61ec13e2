"""Datasette plugin: addresses and titles link to the archive, not the live site
(ggcrawl.browse.links)."""

from datasette import hookimpl

from ggcrawl.browse import archive_names
from ggcrawl.browse.links import archived_cell


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if database in archive_names(datasette):
        return archived_cell(datasette, database, table, row, column, value)
    return None
