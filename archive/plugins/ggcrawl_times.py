"""Datasette plugin: times as people read them, in Beijing time (see ggcrawl.browse.times)."""

from datasette import hookimpl

from ggcrawl.browse import archive_names
from ggcrawl.browse.times import shown, time_cell


@hookimpl
def render_cell(value, column, database, datasette):
    if column.endswith("_at") and database in archive_names(datasette):
        return time_cell(column, value)
    return None


@hookimpl
def prepare_jinja2_environment(env, datasette):
    env.filters["readable_time"] = shown
