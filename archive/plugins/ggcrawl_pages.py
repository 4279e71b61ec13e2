"""Datasette plugin: the article, snapshot, diff and asset pages (see ggcrawl.browse.pages)."""

from datasette import hookimpl

from ggcrawl.browse.pages import routes


@hookimpl
def register_routes():
    return routes()
