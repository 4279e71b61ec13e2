"""The front page's crawl dates and the overview page; the logic is in ggcrawl.browse.overview."""

from datasette import hookimpl

from ggcrawl.browse import overview


@hookimpl
def extra_template_vars(template, datasette):
    if template != "index.html":
        return None

    async def archives():
        return {"ggcrawl_archives": await overview.summaries(datasette)}

    return archives


@hookimpl
def register_routes():
    return [(r"^/-/overview$", overview.overview_page)]
