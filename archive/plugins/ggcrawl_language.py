"""Datasette plugin: every HTML page says it is in Chinese (see ggcrawl.browse.language)."""

from datasette import hookimpl

from ggcrawl.browse.language import with_language


@hookimpl
def asgi_wrapper(datasette):
    return with_language
