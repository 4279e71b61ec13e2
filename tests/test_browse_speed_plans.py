"""The browse view's pages read the archive through indexes (schema 7), and still show the
right rows and counts.

Every SQL statement a page runs is captured with Datasette's own tracer and its plan read with
EXPLAIN QUERY PLAN, on a real archive: no statement reads the articles or their versions row
by row (an article row is kilobytes, and at 100,000 articles such a scan took a second); a
listing's page (the articles table, its next page, a year, a search) comes out of an index in
its order, without sorting the rows. The speed itself is measured by the benchmark
(``python -m bench --only browse``), not here.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from datasette.tracer import capture_traces

from ggcrawl.browse import hits, make_datasette, search
from ggcrawl.store import compression
from tests.test_browse import get, rows

# A full scan of a table: "SCAN articles", not "SCAN articles USING [COVERING] INDEX …".
FULL_SCAN = re.compile(r"^SCAN (articles|article_versions)$")
LISTING = re.compile(r"\blimit 51\b", re.I)  # the table view's page of rows (50 and one more)


@pytest.fixture
def ds(db):
    """A Datasette of its own for each test: counts a page ran before are kept while the archive
    is unchanged (ggcrawl.browse.counts), and here every statement of a page is to be seen."""
    return make_datasette(db)


def traced(ds, path: str) -> list[dict[str, Any]]:
    """The SQL statements (sql, params) the page at ``path`` ran, once it answered 200."""
    traces: list[dict[str, Any]] = []

    async def run() -> int:
        with capture_traces(traces):
            return (await ds.client.get(path)).status_code

    assert asyncio.run(run()) == 200, path
    return [t for t in traces if t["type"] == "sql" and t.get("database") == "tsggw"]


def plan(db: Path, sql: str, params: Any) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    search.register(conn)
    compression.register(conn)
    try:
        return [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params or [])]
    finally:
        conn.close()


def plans(ds, db: Path, path: str) -> dict[str, list[str]]:
    """Each statement of the page that reads articles or their versions, with its plan."""
    return {
        t["sql"]: plan(db, t["sql"], t["params"])
        for t in traced(ds, path)
        if re.search(r"\b(articles|article_versions)\b", t["sql"], re.I)
    }


def next_page(ds) -> str:
    link = urlsplit(get(ds, "/tsggw/articles.json").json()["next_url"])
    return f"{link.path.removesuffix('.json')}?{link.query}"


def pages(ds, db: Path) -> list[str]:
    [(section, year, url, snapshot)] = rows(
        db,
        "SELECT section, substr(published_at, 1, 4), url, snapshot_id FROM articles "
        "WHERE section IS NOT NULL AND published_at IS NOT NULL ORDER BY id LIMIT 1",
    )
    return [
        "/",
        "/-/overview",
        f"/tsggw/-/column?name={quote(section)}",
        f"/tsggw/-/column?name={quote(section)}&year={year}",
        "/tsggw/articles",
        next_page(ds),
        f"/tsggw/articles?_search={quote('关心下一代')}",
        f"/tsggw/articles?_search={quote('扶贫')}",
        f"/tsggw/articles?published_year={year}",
        f"/tsggw/-/article?url={quote(url)}",
        f"/tsggw/-/snapshot/{snapshot}",
    ]


def test_no_page_reads_the_articles_or_their_versions_row_by_row(ds, db) -> None:
    for path in pages(ds, db):
        statements = plans(ds, db, path)
        assert statements, path
        for sql, steps in statements.items():
            assert not [s for s in steps if FULL_SCAN.match(s)], (path, sql, steps)
            if LISTING.search(sql):  # a page of rows comes out of an index in its order
                assert not [s for s in steps if "TEMP B-TREE" in s], (path, sql, steps)


def test_the_articles_table_and_its_next_page_come_from_the_published_index(ds, db) -> None:
    for path in ("/tsggw/articles", next_page(ds), f"/tsggw/articles?_search={quote('扶贫')}"):
        [listing] = [steps for sql, steps in plans(ds, db, path).items() if LISTING.search(sql)]
        assert listing[0] == "SCAN articles USING INDEX articles_published", (path, listing)


def test_facets_are_counted_from_covering_indexes(ds, db) -> None:
    facets = {
        column: steps
        for sql, steps in plans(ds, db, "/tsggw/articles").items()
        for column in ("section", "published_year", "source")
        if sql.startswith(f"select {column} as value, count(*)")
    }
    assert facets["section"][0].startswith(
        "SEARCH articles USING COVERING INDEX articles_section_published"
    )
    assert facets["source"][0].startswith("SEARCH articles USING COVERING INDEX articles_source")
    # published_year is generated from published_at, which the index holds.
    assert facets["published_year"][0].startswith("SEARCH articles USING INDEX articles_year")


def test_a_year_and_a_search_are_counted_in_an_index(ds, db, monkeypatch) -> None:
    """A year is counted in its index; a search many articles match tests the ids of the
    narrowest index (a phrase against its kept hits, ggcrawl.browse.hits), one few articles
    match looks its hits up by id."""
    [(year,)] = rows(db, "SELECT MIN(published_year) FROM articles")

    def counted(path: str) -> str:
        steps = next(s for sql, s in plans(ds, db, path).items() if sql.startswith("select count("))
        return steps[0].split(" (")[0]

    assert counted(f"/tsggw/articles?published_year={year}") == (
        "SEARCH articles USING INDEX articles_year"
    )
    assert counted(f"/tsggw/articles?_search={quote('关工委')}") == (
        "SCAN articles USING COVERING INDEX sqlite_autoindex_articles_2"
    )
    assert counted(f"/tsggw/articles?_search={quote('扶贫')}") == (  # a word many articles hold
        "SEARCH articles USING COVERING INDEX sqlite_autoindex_articles_2"
    )
    monkeypatch.setattr(hits, "DENSE", 1.0)  # a phrase few articles hold (all are "few")
    assert counted(f"/tsggw/articles?_search={quote('修订稿')}") == (
        "SEARCH articles USING COVERING INDEX sqlite_autoindex_articles_2"
    )


def test_the_front_page_the_overview_and_the_snapshot_page_use_their_indexes(ds, db) -> None:
    front = " | ".join(s for steps in plans(ds, db, "/").values() for s in steps)
    assert "SEARCH articles USING COVERING INDEX articles_gone" in front
    overview = plans(ds, db, "/-/overview")
    [months] = [steps for sql, steps in overview.items() if "substr(published_at, 1, 7)" in sql]
    assert months == ["SCAN articles USING COVERING INDEX articles_month"]
    [(snapshot,)] = rows(db, "SELECT snapshot_id FROM articles ORDER BY id LIMIT 1")
    [versions] = [
        steps
        for sql, steps in plans(ds, db, f"/tsggw/-/snapshot/{snapshot}").items()
        if "FROM article_versions" in sql
    ]
    assert versions[0].startswith("SEARCH article_versions USING INDEX article_versions_snapshot")


# --- still the right rows and counts ----------------------------------------------------------


def test_the_next_page_goes_on_where_the_first_ended_newest_first(ds, db) -> None:
    expected = [
        r["url"] for r in rows(db, "SELECT url FROM articles ORDER BY published_at DESC, url")
    ]
    seen: list[str] = []
    path = "/tsggw/articles.json?_size=7&_shape=objects"
    while path:
        page = get(ds, path).json()
        seen += [row["url"] for row in page["rows"]]
        path = (
            page["next_url"] and urlsplit(page["next_url"])._replace(scheme="", netloc="").geturl()
        )
    assert seen == expected


def test_a_search_and_a_year_count_and_facet_what_sql_counts(ds, db) -> None:
    [(year,)] = rows(db, "SELECT MIN(published_year) FROM articles")
    for path, where, params in [
        (
            "/tsggw/articles.json?_shape=objects&_search=扶贫",
            "id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
            ("扶贫",),
        ),
        (
            f"/tsggw/articles.json?_shape=objects&published_year={year}",
            "published_year = ?",
            (year,),
        ),
    ]:
        page = get(ds, path).json()
        [(count,)] = rows(db, f"SELECT COUNT(*) FROM articles WHERE {where}", params)
        assert count and page["filtered_table_rows_count"] == count, path
        sections = rows(
            db,
            f"SELECT section, COUNT(*) FROM articles WHERE {where} AND section IS NOT NULL "
            "GROUP BY section",
            params,
        )
        facet = page["facet_results"]["section"]["results"]
        assert {f["value"]: f["count"] for f in facet} == dict(sections), path
        first = rows(
            db,
            f"SELECT url FROM articles WHERE {where} ORDER BY published_at DESC, url LIMIT 50",
            params,
        )
        assert [r["url"] for r in page["rows"]] == [r["url"] for r in first], path


def test_the_front_page_counts_the_articles_gone(ds, db) -> None:
    [(gone,)] = rows(db, "SELECT COUNT(*) FROM articles WHERE gone_at IS NOT NULL")
    assert gone == 1
    assert f"（其中 {gone} 篇已从网站删除" in get(ds, "/").text
