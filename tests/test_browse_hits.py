"""A search's hits are found once per state of the archive and tested by id
(ggcrawl.browse.hits): the bitmap holds exactly what the full-text index matches, the articles
table's ``?_search=`` shows exactly those articles, a token no longer kept is matched again, and
a commit is seen on the next page."""

from __future__ import annotations

import asyncio
import sqlite3
from urllib.parse import quote, urlsplit

import pytest

from ggcrawl.browse import hits, make_datasette, search
from ggcrawl.store import fts
from tests.test_browse import get, rows


def matched(db, word: str) -> set[int]:
    sql = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
    return {r[0] for r in rows(db, sql, (fts.match_expression(word),))}


@pytest.mark.parametrize("word", ["关工", "扶贫", "关心下一代", "工作", "不在档案里的词"])
def test_the_bitmap_holds_exactly_the_index_s_hits(db, word) -> None:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        found = hits.find(conn, word)
        [(articles,)] = conn.execute("SELECT max(id) FROM articles").fetchall()
        every = [i for i in range(articles + 9) if i in found]
    finally:
        conn.close()
    assert set(every) == matched(db, word)
    assert found.count == len(every) and found.articles == articles
    assert found.dense == (found.count > 0 and found.count >= hits.DENSE * articles)


def clause(ds, word: str) -> str:
    """The WHERE clause the articles table's ``?_search=word`` runs."""

    async def where() -> list[str]:
        request = type("Request", (), {"args": {"_search": word}})()
        return (await search.articles_search(request, ds.get_database("tsggw"))).where_clauses

    [where] = asyncio.run(where())
    return where


@pytest.mark.parametrize(
    ("word", "dense", "plan"),
    [
        ("关工委", 1.0 / 100, f"{hits.HIT_FUNCTION}("),  # a phrase many articles hold
        ("扶贫", 1.0 / 100, "likelihood(id IN (SELECT rowid FROM articles_fts"),  # a word
        ("关工委", 1.0, "id IN (SELECT rowid FROM articles_fts"),  # few hits (all are "few")
    ],
)
def test_each_plan_shows_exactly_the_hits_newest_first(db, monkeypatch, word, dense, plan) -> None:
    monkeypatch.setattr(hits, "DENSE", dense)
    ds = make_datasette(db)
    assert clause(ds, word).startswith(plan)
    expected = matched(db, word)
    assert expected
    seen: list[int] = []
    path = f"/tsggw/articles.json?_search={quote(word)}&_size=7&_shape=objects"
    first = get(ds, path).json()
    while path:
        page = get(ds, path).json()
        seen += [row["id"] for row in page["rows"]]
        path = (
            page["next_url"] and urlsplit(page["next_url"])._replace(scheme="", netloc="").geturl()
        )
    assert len(seen) == len(set(seen)) and set(seen) == expected
    assert first["filtered_table_rows_count"] == len(expected)
    ids = ",".join(map(str, expected))
    sql = f"SELECT section, count(*) FROM articles WHERE id IN ({ids}) GROUP BY section"
    sections = {r[0]: r[1] for r in rows(db, sql)}
    facet = first["facet_results"]["section"]["results"]
    assert {f["value"]: f["count"] for f in facet} == sections
    order = [r["id"] for r in rows(db, "SELECT id FROM articles ORDER BY published_at DESC, url")]
    assert seen == [i for i in order if i in expected]


def test_a_token_no_longer_kept_is_matched_again(db) -> None:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    search.register(conn)
    name = hits.token(str(db), -1, "扶贫")  # never put: as if pushed out by other searches
    try:
        assert hits.KEPT_SETS.get(name) is None
        [(count,)] = conn.execute(
            f"SELECT count(*) FROM articles WHERE {hits.HIT_FUNCTION}(?, id)", (name,)
        ).fetchall()
    finally:
        conn.close()
    assert count == len(matched(db, "扶贫")) > 0
    assert hits.KEPT_SETS.get(name) is not None


def test_the_kept_sets_are_bounded() -> None:
    kept = hits.HitSets(size=2)
    for n in range(3):
        kept.put(str(n), hits.Hits(b"\x01", 1, 8))
    assert kept.get("0") is None and kept.get("1") and kept.get("2")


def test_a_commit_is_seen_on_the_next_page(archive_copy) -> None:
    ds = make_datasette(archive_copy)
    word = "关工委"
    assert clause(ds, word).startswith(f"{hits.HIT_FUNCTION}(")
    path = f"/tsggw/articles.json?_search={quote(word)}&_shape=objects&_size=max"
    before = {row["id"] for row in get(ds, path).json()["rows"]}
    assert before == matched(archive_copy, word)
    gone = min(before)
    writer = sqlite3.connect(archive_copy)
    with writer:  # take one article out of the index, as the store does when its text changes
        title, body = writer.execute(
            "SELECT title, body_text FROM articles WHERE id = ?", (gone,)
        ).fetchone()
        writer.execute(
            "INSERT INTO articles_fts (articles_fts, rowid, title, body) "
            "VALUES ('delete', ?, ?, ?)",
            (gone, fts.index_text(title), fts.index_text(body)),
        )
    writer.close()
    page = get(ds, path).json()
    assert {row["id"] for row in page["rows"]} == before - {gone}
    assert page["filtered_table_rows_count"] == len(before) - 1
