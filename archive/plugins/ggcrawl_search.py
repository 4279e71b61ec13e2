"""Chinese full-text search in the browse view (logic in ggcrawl.browse.search), its search page
(ggcrawl.browse.search_page), and the SQL function that reads compressed snapshot bodies, as in
the sqlite3 shell."""

from datasette import hookimpl

from ggcrawl.browse import archive_names, search, search_page
from ggcrawl.store import compression


@hookimpl
def prepare_connection(conn):
    search.register(conn)
    compression.register(conn)


# trylast: called after Datasette's own search filter, so that our search box context wins.
@hookimpl(trylast=True)
def filters_from_request(request, database, table, datasette):
    if table == "articles" and database in archive_names(datasette):
        return search.articles_search(request)
    return None


@hookimpl
def register_routes():
    return search_page.routes()
