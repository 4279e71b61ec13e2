"""Datasette plugin: the article, snapshot, diff and asset pages (see ggcrawl.browse.pages), and
the columns bar they show (ggcrawl.browse.nav)."""

from datasette import hookimpl

from ggcrawl.browse import nav
from ggcrawl.browse.pages import routes


@hookimpl
def register_routes():
    return routes()


@hookimpl
def extra_template_vars(template, database, datasette):
    return nav.columns_bar(template, database, datasette)
