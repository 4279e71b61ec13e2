"""Datasette plugin: an archive's counts and facet counts are computed once per state of the
file, not on every page (ggcrawl.browse.counts)."""

from datasette import hookimpl

from ggcrawl.browse import archive_names, counts


@hookimpl
def startup(datasette):
    for name in archive_names(datasette):
        counts.install(datasette.databases[name])
