"""Chinese full-text search in the browse view (logic in ggcrawl.browse.search), its search page
(ggcrawl.browse.search_page), and the SQL function that reads compressed snapshot bodies, as in
the sqlite3 shell."""

from datasette import hookimpl

from ggcrawl.browse import is_archive, search, search_page
from ggcrawl.store import compression


@hookimpl
def prepare_connection(conn):
    search.register(conn)
    compression.register(conn)


# trylast: called after Datasette's own search filter, so that our search box context wins.
@hookimpl(trylast=True)
def filters_from_request(request, database, table, datasette):
    if table == "articles" and is_archive(datasette, database):
        return search.articles_search(request, datasette.get_database(database))
    return None


@hookimpl
def register_routes():
    return search_page.routes()
