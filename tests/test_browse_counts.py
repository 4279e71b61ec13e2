"""Counts and facet counts are computed once per state of the archive (ggcrawl.browse.counts):
a page asked again counts nothing again, and anything committed to the file, by any connection,
is counted anew on the next page. Datasette's own tracer shows which statements really ran."""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any
from urllib.parse import quote

from datasette.tracer import capture_traces

from ggcrawl.browse import make_datasette
from ggcrawl.browse.counts import CountCache, install
from tests.test_browse import rows

SEARCH = f"/tsggw/articles.json?_search={quote('关工')}"


def page(ds, path: str) -> tuple[dict[str, Any], list[str]]:
    """The JSON of a table page and the counting statements it really ran."""
    traces: list[dict[str, Any]] = []

    async def run():
        with capture_traces(traces):
            return await ds.client.get(path)

    response = asyncio.run(run())
    assert response.status_code == 200, response.text[:500]
    ran = [t["sql"] for t in traces if t["type"] == "sql" and "count(" in t["sql"].lower()]
    return response.json(), ran


def facet(data: dict[str, Any], column: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in data["facet_results"][column]["results"]}


def test_a_page_asked_again_counts_nothing_again(db) -> None:
    ds = make_datasette(db)
    first, counted = page(ds, SEARCH)
    again, counted_again = page(ds, SEARCH)
    # The count and the three facets ran once: the second page ran no counting statement.
    assert len(counted) == 4, counted
    assert counted_again == []
    assert again["filtered_table_rows_count"] == first["filtered_table_rows_count"]
    assert again["facet_results"] == first["facet_results"]
    hits = rows(
        db,
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
        ('"关工"',),
    )[0][0]
    assert first["filtered_table_rows_count"] == hits > 0


def test_another_search_or_filter_is_counted_for_itself(db) -> None:
    ds = make_datasette(db)
    page(ds, SEARCH)
    other, counted = page(ds, f"/tsggw/articles.json?_search={quote('扶贫')}")
    assert len(counted) == 4
    assert (
        other["filtered_table_rows_count"]
        == rows(db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", ('"扶贫"',))[0][
            0
        ]
    )


def test_a_commit_by_another_connection_is_counted_at_once(archive_copy) -> None:
    ds = make_datasette(archive_copy)
    before, _ = page(ds, "/tsggw/articles.json")
    writer = sqlite3.connect(archive_copy)
    with writer:
        moved = writer.execute(
            "UPDATE articles SET section = '新设栏目' WHERE id IN "
            "(SELECT id FROM articles ORDER BY id LIMIT 3)"
        ).rowcount
        writer.execute("DELETE FROM articles WHERE id = (SELECT max(id) FROM articles)")
    writer.close()
    after, counted = page(ds, "/tsggw/articles.json")
    assert len(counted) == 4  # counted anew, not answered from before the commit
    assert after["filtered_table_rows_count"] == before["filtered_table_rows_count"] - 1
    assert facet(after, "section")["新设栏目"] == moved == 3
    assert "新设栏目" not in facet(before, "section")


def test_the_answers_kept_are_bounded(db) -> None:
    ds = make_datasette(db)
    database = ds.get_database("tsggw")
    cache = CountCache(database, size=2)

    async def count(year: str) -> tuple[int, int]:
        traces: list[dict[str, Any]] = []
        with capture_traces(traces):
            result = await cache.execute(
                "select count(*) from articles where published_year = :y", {"y": year}
            )
        return result.rows[0][0], len([t for t in traces if t["type"] == "sql"])

    years = ("2018", "2019", "2018", "2020", "2019", "2018")

    async def walk() -> list[tuple[int, int]]:
        return [await count(year) for year in years]

    answers = asyncio.run(walk())
    # 2018 asked again is answered and moves ahead of 2019, so 2020 pushes 2019 out; 2019,
    # counted again, pushes 2018 out, which is counted again too.
    assert [ran for _, ran in answers] == [1, 1, 0, 1, 1, 1]
    for year, (value, _) in zip(years, answers, strict=True):
        sql = "SELECT count(*) FROM articles WHERE published_year = ?"
        assert value == rows(db, sql, (year,))[0][0]


def test_installed_once_and_only_on_a_file(db) -> None:
    ds = make_datasette(db)
    database = ds.get_database("tsggw")
    asyncio.run(ds.invoke_startup())
    assert install(database) is None  # the plugin's startup installed it already
    assert install(ds.add_memory_database("scratch")) is None
