"""Datasette plugin: times as people read them, in Beijing time (see ggcrawl.browse.times)."""

from datasette import hookimpl

from ggcrawl.browse import is_archive
from ggcrawl.browse.times import shown, time_cell


@hookimpl
def render_cell(value, column, database, datasette):
    if column.endswith("_at") and is_archive(datasette, database):
        return time_cell(column, value)
    return None


@hookimpl
def prepare_jinja2_environment(env, datasette):
    env.filters["readable_time"] = shown
