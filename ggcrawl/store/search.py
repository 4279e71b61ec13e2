"""A page of full-text search hits over an archive's connection, with their total and order.

One implementation serves ``ggcrawl search``, the browse view's search page and its CSV/JSON,
so a hit is found, counted and placed the same way everywhere. How words are matched and why
at most ``window`` hits are ranked is :mod:`ggcrawl.store.fts`'s business; here the hits are
laid out in pages: the ranked ones first, best first, then (when the query has more hits than
the window) the older ones, most recently archived first, so every hit has a page to be on.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Literal

from ggcrawl.store import fts

# The index finds the hits and each is looked up in articles to be filtered: the other way round
# SQLite would walk a column's articles and match the query again for each (seconds at 100,000
# articles for a phrase), so CROSS JOIN keeps the index outermost.
FILTER_JOIN = "CROSS JOIN articles a ON a.id = articles_fts.rowid"
NEWER = "AND articles_fts.rowid > :bound"  # the window's hits
OLDER = "AND articles_fts.rowid <= :bound"
# How the hits are ordered: every hit ranked; the window's hits ranked then the older ones
# newest first; (a phrase with more hits than the window) all newest first, unranked.
SearchOrder = Literal["ranked", "ranked window", "archive order"]


@dataclass(frozen=True)
class SearchHit:
    url: str
    title: str | None
    published_at: str | None
    section: str | None
    source: str | None
    rank: float | None  # bm25, lower is better; None when listed most recently archived first


@dataclass(frozen=True)
class SearchFilter:
    """Hits kept: of one column (栏目) and/or published in one year."""

    section: str | None = None
    year: int | None = None

    def sql(self) -> str:
        clauses = []
        if self.section is not None:
            clauses.append("a.section = :section")
        if self.year is not None:
            clauses.append("a.published_at >= :year_from AND a.published_at < :year_to")
        return "".join(f" AND {clause}" for clause in clauses)

    def params(self) -> dict[str, object]:
        year = (
            {}
            if self.year is None
            else {"year_from": f"{self.year}", "year_to": f"{self.year + 1}"}
        )
        return {"section": self.section} | year

    def __bool__(self) -> bool:
        return self.section is not None or self.year is not None


@dataclass(frozen=True)
class SearchResults:
    hits: list[SearchHit]
    total: int  # every hit of the query and filter
    ranked: int  # how many of them are ranked (the first ones)
    order: SearchOrder


@dataclass(frozen=True)
class Stretch:
    """A run of the hits in one order: the window's, ranked, or the older ones, newest first."""

    within: str  # the SQL that keeps its hits
    ranked: bool
    size: int


@dataclass(frozen=True)
class SearchPlan:
    """How the hits of one query and filter are laid out, counted once: any page of them is
    then one query (an export reads every page without counting again)."""

    params: dict[str, object]
    where: SearchFilter
    stretches: tuple[Stretch, ...]
    order: SearchOrder

    @property
    def total(self) -> int:
        return sum(stretch.size for stretch in self.stretches)

    @property
    def ranked(self) -> int:
        return sum(stretch.size for stretch in self.stretches if stretch.ranked)

    def page(self, conn: sqlite3.Connection, offset: int, limit: int) -> list[SearchHit]:
        """The hits from ``offset`` on, at most ``limit``."""
        hits: list[SearchHit] = []
        for stretch in self.stretches:
            if offset >= stretch.size:
                offset -= stretch.size
                continue
            hits += _hits(conn, stretch, self.where, self.params, limit - len(hits), offset)
            offset = 0
            if len(hits) >= limit:
                break
        return hits


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    limit: int = 20,
    offset: int = 0,
    where: SearchFilter | None = None,
    window: int | None = fts.RANK_WINDOW,
) -> SearchResults | None:
    """The hits of ``query`` from ``offset`` on, at most ``limit``; None when the query has no
    searchable text (see :func:`ggcrawl.store.fts.match_expression`)."""
    found = plan(conn, query, where=where, window=window)
    if found is None:
        return None
    return SearchResults(found.page(conn, offset, limit), found.total, found.ranked, found.order)


def plan(
    conn: sqlite3.Connection,
    query: str,
    *,
    where: SearchFilter | None = None,
    window: int | None = fts.RANK_WINDOW,
) -> SearchPlan | None:
    """The layout of the hits of ``query`` (its order, and how many hits each stretch has);
    None when the query has no searchable text."""
    expression = fts.match_expression(query)
    if expression is None:
        return None
    where = where or SearchFilter()
    params: dict[str, object] = {"match": expression, "bound": None} | where.params()
    bound = None if window is None else _window_bound(conn, expression, window)
    total = _count(conn, where, params)
    if bound is None:
        return SearchPlan(params, where, (Stretch("", True, total),), "ranked")
    if fts.holds_phrase(query):
        return SearchPlan(params, where, (Stretch("", False, total),), "archive order")
    params["bound"] = bound
    ranked = _count(conn, where, params, NEWER) if where else window
    stretches = (Stretch(NEWER, True, ranked), Stretch(OLDER, False, total - ranked))
    return SearchPlan(params, where, stretches, "ranked window")


def _window_bound(conn: sqlite3.Connection, expression: str, window: int) -> int | None:
    return conn.execute(f"SELECT {fts.window_bound('?', window)}", (expression,)).fetchone()[0]


def _count(conn: sqlite3.Connection, where: SearchFilter, params: dict, within: str = "") -> int:
    join = f" {FILTER_JOIN}" if where else ""
    return conn.execute(
        f"SELECT count(*) FROM articles_fts{join} "
        f"WHERE articles_fts MATCH :match {within}{where.sql()}",
        params,
    ).fetchone()[0]


def _hits(
    conn: sqlite3.Connection,
    stretch: Stretch,
    where: SearchFilter,
    params: dict,
    limit: int,
    offset: int,
) -> list[SearchHit]:
    """One stretch of a result page: the best of the ranked part, or the newest of the rest.
    Without a filter the index alone picks the page and only its hits are joined."""
    within = stretch.within
    order = (
        "articles_fts.rank, articles_fts.rowid DESC"
        if stretch.ranked
        else "articles_fts.rowid DESC"
    )
    rank = "articles_fts.rank" if stretch.ranked else "NULL"
    page = {"limit": limit, "offset": offset}
    if where:
        sql = (
            f"SELECT a.url, a.title, a.published_at, a.section, a.source, {rank} AS rank "
            f"FROM articles_fts {FILTER_JOIN} "
            f"WHERE articles_fts MATCH :match {within}{where.sql()} "
            f"ORDER BY {order} LIMIT :limit OFFSET :offset"
        )
    else:
        sql = (
            "SELECT a.url, a.title, a.published_at, a.section, a.source, p.rank "
            f"FROM (SELECT articles_fts.rowid, {rank} AS rank FROM articles_fts "
            f"WHERE articles_fts MATCH :match {within} ORDER BY {order} "
            "LIMIT :limit OFFSET :offset) p JOIN articles a ON a.id = p.rowid "
            f"ORDER BY {order.replace('articles_fts.', 'p.')}"
        )
    rows = conn.execute(sql, params | page).fetchall()
    return [SearchHit(*row) for row in rows]


def filter_choices(conn: sqlite3.Connection) -> tuple[list[str], list[str]]:
    """The archive's columns (栏目), alphabetical, and the years it has articles of, newest
    first: what a search can be filtered by. Each is found by hopping through an index from
    one value to the next (a few dozen lookups, not a scan of every article)."""
    sections: list[str] = []
    while section := _next_value(conn, "min(section)", "section > ?", sections[-1:] or [""]):
        sections.append(section)
    years: list[str] = []
    while latest := _next_value(conn, "max(published_at)", "published_at < ?", years[-1:] or ["9"]):
        years.append(latest[:4])
    return sections, years


def _next_value(conn: sqlite3.Connection, value: str, where: str, after: list[str]) -> str | None:
    return conn.execute(f"SELECT {value} FROM articles WHERE {where}", after).fetchone()[0]
