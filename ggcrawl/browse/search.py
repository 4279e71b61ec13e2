"""Chinese full-text search in Datasette, through our bigram index.

Datasette's own search cannot use ``articles_fts``: it quotes the whole query as one FTS term,
which finds a two-character word but misses longer ones (the index holds bigrams), and it only
offers a search box for an FTS table whose ``content=`` names the table. So the SQL function
``ggcrawl_match(q)`` turns a query into our MATCH expression (:func:`match_expression`), the
canned query ``search`` ranks the hits as ``ggcrawl search`` does (at most the RANK_WINDOW
most recently archived; a common phrase unranked, most recently archived first, see
:mod:`ggcrawl.store.fts`), and the articles table's ``_search`` is our own filter (every hit).
"""

from __future__ import annotations

from typing import Any

from datasette.database import Database
from datasette.filters import FilterArguments

from ggcrawl.browse import hits
from ggcrawl.store.fts import RANK_WINDOW, holds_phrase, match_expression, window_bound

MATCH_FUNCTION = "ggcrawl_match"
PHRASE_FUNCTION = "ggcrawl_phrase"
# An empty phrase: matches nothing, where a NULL or empty MATCH would be a syntax error.
MATCH_NOTHING = '""'
SEARCH_PARAM = "ggcrawl_search"


def search_sql(window: int) -> str:
    """The canned query: the hits of ``:q`` ranked as :meth:`Archive.search` ranks them (at
    most ``window``, the most recently archived; when the query holds a phrase and has more
    hits, most recently archived first and without relevance)."""
    match = f"{MATCH_FUNCTION}(:q)"
    return f"""SELECT a.title, a.published_at, a.section, a.source, a.url, a.gone_at,
  CASE WHEN w.newest THEN NULL ELSE round(-articles_fts.rank, 2) END AS relevance
FROM (SELECT bound, bound IS NOT NULL AND {PHRASE_FUNCTION}(:q) AS newest
      FROM (SELECT {window_bound(match, window)} AS bound)) w
  JOIN articles_fts JOIN articles a ON a.id = articles_fts.rowid
WHERE articles_fts MATCH {match} AND articles_fts.rowid > COALESCE(w.bound, 0)
ORDER BY CASE WHEN w.newest THEN 0 ELSE articles_fts.rank END, articles_fts.rowid DESC"""


SEARCH_SQL = search_sql(RANK_WINDOW)


def sql_match(query: str | None) -> str:
    """``ggcrawl_match(q)``: the MATCH expression for a search box query (every term must
    occur; words of any length, 关工 and 扶贫 included)."""
    return match_expression(query or "") or MATCH_NOTHING


def register(conn: Any) -> None:
    """The SQL functions the search needs, on a Datasette (or any sqlite3) connection."""
    conn.create_function(MATCH_FUNCTION, 1, sql_match, deterministic=True)
    hits.register(conn)
    conn.create_function(
        PHRASE_FUNCTION, 1, lambda q: int(holds_phrase(q or "")), deterministic=True
    )


async def articles_search(request: Any, db: Database) -> FilterArguments:
    """``?_search=`` on the articles table, through our index instead of Datasette's quoting.

    Its hits are found first, once per state of the archive (:mod:`ggcrawl.browse.hits`), and
    how many they are decides the plan of every statement of the page:
    - few (under 1 % of the articles): SQLite starts from them, looking each up by id;
    - many, for a word: each statement matches the word again (one list of the index, a few
      milliseconds) and tests the articles against it in C, walking the index of published_at
      newest first until the page has 50 (``likelihood`` tells SQLite most articles match;
      its guess is a few, and it would read and sort every hit's row);
    - many, for a phrase (three characters or more, whose bigrams' positions must line up,
      ~100 ms a match): tested by id against the bitmap of its hits, so it is matched once.
      The test is a Python call per article (about 1 µs), too slow to replace a word's match.
    """
    query = (request.args.get("_search") or "").strip()
    extra = {"supports_search": True, "search": query}
    if not query:
        return FilterArguments([], extra_context=extra)
    name, found = await hits.hits_of(db, query)
    matching = (
        f"id IN (SELECT rowid FROM articles_fts "
        f"WHERE articles_fts MATCH {MATCH_FUNCTION}(:{SEARCH_PARAM}))"
    )
    if not found.dense:
        where, params = matching, {SEARCH_PARAM: query}
    elif holds_phrase(query):
        where, params = f"{hits.HIT_FUNCTION}(:{SEARCH_PARAM}, id)", {SEARCH_PARAM: name}
    else:
        where, params = f"likelihood({matching}, 0.9)", {SEARCH_PARAM: query}
    return FilterArguments([where], params, [f'search matches "{query}"'], extra)
