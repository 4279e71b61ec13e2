"""Datasette plugin: times as people read them, in Beijing time (see ggcrawl.browse.times)."""

from datasette import hookimpl

from ggcrawl.browse import archive_names
from ggcrawl.browse.times import time_cell


@hookimpl
def render_cell(value, column, database, datasette):
    if database in archive_names(datasette):
        return time_cell(column, value)
    return None
