"""Titles, descriptions, canned queries and facets for every archive served, whatever its file
name; the content is in ggcrawl.browse.metadata."""

from datasette import hookimpl

from ggcrawl.browse import archive_names
from ggcrawl.browse.metadata import database_metadata


@hookimpl
def get_metadata(datasette, key, database, table):
    return {"databases": {name: database_metadata() for name in archive_names(datasette)}}
