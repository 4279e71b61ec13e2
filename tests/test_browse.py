"""The browse view (Datasette) on a real archive with history: the front page, every table's
bilingual descriptions, Chinese search exact against SQL, the canned queries, facets, the
overview chart, read-only access, and a real `ggcrawl browse` process on 127.0.0.1."""

from __future__ import annotations

import asyncio
import html
import json
import re
import select
import socket
import sqlite3
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import httpx
import pytest
from datasette.utils import tilde_encode
from markupsafe import escape

from ggcrawl.browse import CONFIG_DIR, make_datasette
from ggcrawl.browse.metadata import COLUMNS_ZH, FTS_COLUMNS, TABLES, column_descriptions
from ggcrawl.browse.search import search_sql
from ggcrawl.store import Archive
from ggcrawl.store.schema import COLUMNS, SCHEMA_VERSION
from tests.conftest import REPO

HAN = re.compile(r"[\u4e00-\u9fff]")
WORDS = ["关工", "扶贫", "关心下一代", "留守儿童"]


def fetch(ds, *paths: str) -> list[httpx.Response]:
    """GET each path through Datasette's own test client."""

    async def run() -> list[httpx.Response]:
        return [await ds.client.get(path) for path in paths]

    return asyncio.run(run())


def get(ds, path: str) -> httpx.Response:
    response = fetch(ds, path)[0]
    assert response.status_code == 200, (path, response.text[:2000])
    return response


def rows(db: Path, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def copy_archive(db: Path, target: Path) -> Path:
    """A consistent copy (the archive is in WAL mode) that a test may change."""
    source, copy = sqlite3.connect(db), sqlite3.connect(target)
    source.backup(copy)
    source.close()
    copy.close()
    return target


# --- front page -------------------------------------------------------------------------------


def test_front_page_says_what_whose_and_when(ds, db) -> None:
    page = get(ds, "/").text
    assert "天水关工网档案 / Archive of 天水关工网" in page
    assert "天水市关心下一代工作委员会" in page
    assert "The texts belong to 天水市关心下一代工作委员会" in page
    assert "research and" in page and "preservation only" in page
    assert "Data source: 天水关工网" in page
    crawls = rows(db, "SELECT * FROM crawls ORDER BY id")
    assert len(crawls) == 2
    first, last = crawls[0], crawls[-1]
    assert f"<dd>{first['started_at']}</dd>" in page
    assert f">#{last['id']}</a> {last['started_at']} → {last['finished_at']}" in page
    assert re.search(r"抓取次数 / Crawls</dt>\s*<dd>2</dd>", page)
    articles = rows(db, "SELECT COUNT(*) FROM articles")[0][0]
    assert f"<dd>{articles}（其中 1 篇已从网站删除" in page
    assert last["start_url"] in page
    assert '<form class="ggcrawl-search" action="/tsggw/-/search" method="get">' in page
    assert 'name="q"' in page
    assert 'href="/-/overview#tsggw"' in page
    assert 'href="/static/ggcrawl.css"' in page
    assert get(ds, "/static/ggcrawl.css").text.startswith("/*")


# --- tables and columns -----------------------------------------------------------------------


def test_every_column_has_chinese_and_english() -> None:
    for table, english in [*COLUMNS.items(), ("articles_fts", FTS_COLUMNS)]:
        assert table in TABLES, table
        zh_title, en_title, zh_description, en_description = TABLES[table]
        assert HAN.search(zh_title) and HAN.search(zh_description), table
        assert re.search("[A-Za-z]", en_title + en_description), table
        assert sorted(COLUMNS_ZH[table]) == sorted(english), table
        descriptions = column_descriptions(table)
        for column, en_column in english.items():
            zh_column, en_label, zh_column_description = COLUMNS_ZH[table][column]
            assert HAN.search(zh_column) and HAN.search(zh_column_description), (table, column)
            assert re.search("[A-Za-z]", en_label), (table, column)
            assert en_column and descriptions[column] == (
                f"{zh_column} / {en_label} — {zh_column_description} / {en_column}"
            )
    assert sorted(TABLES) == sorted([*COLUMNS, "articles_fts"])


def test_every_table_page_describes_every_column_in_both_languages(ds, db) -> None:
    kinds = {
        r[0]: r[1]
        for r in rows(db, "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')")
        if not r[0].startswith("articles_fts_")
    }
    assert {"articles_fts", "frontier", "article_history"} <= set(kinds)
    for table, kind in kinds.items():
        page = get(ds, f"/tsggw/{table}").text
        zh_title, en_title, zh_description, en_description = TABLES[table]
        suffix = " (view)" if kind == "view" else ""
        assert f"<h1>{zh_title} / {en_title}{suffix}</h1>" in page, table
        assert str(escape(f"{zh_description} / {en_description}")) in page, table
        columns = [r["name"] for r in rows(db, f"PRAGMA table_xinfo({table})") if r["hidden"] != 1]
        descriptions = column_descriptions(table)
        assert sorted(columns) == sorted(descriptions), table
        for column in columns:
            assert f"<dt>{column}</dt><dd>{escape(descriptions[column])}</dd>" in page, column


def test_internal_tables_are_hidden_but_queryable(ds, db) -> None:
    database = get(ds, "/tsggw.json").json()
    hidden = {t["name"] for t in database["tables"] if t["hidden"]}
    assert {"frontier", "articles_fts", "articles_fts_data"} <= hidden
    assert "articles" not in hidden
    front = get(ds, "/").text
    assert "/tsggw/frontier" not in front and "/tsggw/articles_fts" not in front
    frontier = get(ds, "/tsggw/frontier.json?_shape=array&_size=max").json()
    assert len(frontier) == rows(db, "SELECT COUNT(*) FROM frontier")[0][0] > 0
    assert get(ds, "/tsggw.json?sql=SELECT+COUNT(*)+AS+n+FROM+articles_fts&_shape=array").json()


# --- search -----------------------------------------------------------------------------------


def containing(db: Path, word: str) -> set[str]:
    """The ground truth: articles whose title or body contains the word."""
    return {
        r[0]
        for r in rows(
            db,
            "SELECT url FROM articles WHERE instr(title, ?) > 0 OR instr(body_text, ?) > 0",
            (word, word),
        )
    }


@pytest.mark.parametrize("word", WORDS)
def test_search_query_finds_exactly_the_articles_with_the_word_best_first(ds, db, word) -> None:
    query = urllib.parse.quote(word)
    hits = get(ds, f"/tsggw/search.json?q={query}&_shape=array").json()
    expected = containing(db, word)
    assert expected, word
    assert {hit["url"] for hit in hits} == expected
    assert len(hits) == len(expected)
    relevance = [hit["relevance"] for hit in hits]
    assert relevance == sorted(relevance, reverse=True)
    with Archive.open(db, create=False, readonly=True) as archive:
        assert [hit["url"] for hit in hits] == [h.url for h in archive.search(word, limit=1000)]
    first = rows(
        db, "SELECT title, published_at, section FROM articles WHERE url = ?", (hits[0]["url"],)
    )[0]
    assert (hits[0]["title"], hits[0]["published_at"], hits[0]["section"]) == tuple(first)


def test_search_sql_lists_a_common_phrase_most_recently_archived_first(ds, db) -> None:
    """The canned query's SQL with a window of 3 hits, through Datasette's SQL endpoint."""

    def search(word: str) -> list[dict]:
        args = {"sql": search_sql(3), "q": word, "_shape": "array", "_size": "max"}
        return get(ds, "/tsggw.json?" + urllib.parse.urlencode(args)).json()

    def newest(word: str) -> list[str]:
        found = containing(db, word)
        ordered = rows(db, "SELECT url FROM articles ORDER BY id DESC")
        return [r["url"] for r in ordered if r["url"] in found][:3]

    with Archive.open(db, create=False, readonly=True) as archive:
        assert len(containing(db, "关心下一代")) > 3 and len(containing(db, "关工")) > 3
        phrase = search("关心下一代")
        assert [hit["url"] for hit in phrase] == newest("关心下一代")
        assert [hit["relevance"] for hit in phrase] == [None, None, None]
        listed = archive.search("关心下一代", limit=3, window=3)
        assert [hit["url"] for hit in phrase] == [h.url for h in listed]
        words = search("关工")
        assert {hit["url"] for hit in words} == set(newest("关工"))
        relevance = [hit["relevance"] for hit in words]
        assert None not in relevance and relevance == sorted(relevance, reverse=True)
        ranked = archive.search("关工", limit=3, window=3)
        assert [hit["url"] for hit in words] == [h.url for h in ranked]


def test_search_needs_every_word_and_an_empty_query_finds_nothing(ds, db) -> None:
    both = get(ds, "/tsggw/search.json?q=%E5%85%B3%E5%B7%A5+%E6%89%B6%E8%B4%AB&_shape=array")
    assert {hit["url"] for hit in both.json()} == containing(db, "关工") & containing(db, "扶贫")
    assert get(ds, "/tsggw/search.json?q=&_shape=array").json() == []
    assert get(ds, "/tsggw/search.json?q=%22%22+%2A&_shape=array").json() == []


def test_search_page_links_each_title_to_the_archived_article(ds, db) -> None:
    page = get(ds, "/tsggw/search?q=%E6%89%B6%E8%B4%AB").text
    assert "<h1" in page and "搜索 / Search" in page
    for url in containing(db, "扶贫"):
        title = rows(db, "SELECT title FROM articles WHERE url = ?", (url,))[0][0]
        link = "/tsggw/-/article?" + urllib.parse.urlencode({"url": url})
        assert f'<a href="{escape(link)}">{escape(title)}</a>' in page


@pytest.mark.parametrize("word", WORDS)
def test_articles_search_box_uses_the_chinese_index(ds, db, word) -> None:
    query = urllib.parse.quote(word)
    found = get(ds, f"/tsggw/articles.json?_search={query}&_shape=array&_size=max").json()
    assert {row["url"] for row in found} == containing(db, word)
    page = get(ds, f"/tsggw/articles?_search={query}").text
    assert f'<input id="_search" type="search" name="_search" value="{word}">' in page
    assert f"{len(found)} rows" in page


def test_articles_table_offers_the_search_box_without_a_search(ds, db) -> None:
    page = get(ds, "/tsggw/articles").text
    assert '<input id="_search" type="search" name="_search" value="">' in page
    everything = get(ds, "/tsggw/articles.json?_search=&_shape=array&_size=max").json()
    assert len(everything) == rows(db, "SELECT COUNT(*) FROM articles")[0][0]


# --- canned queries and facets ----------------------------------------------------------------


def canned(ds, name: str, **params: object) -> list[dict]:
    query = urllib.parse.urlencode({**params, "_shape": "array"})
    return get(ds, f"/tsggw/{name}.json?{query}").json()


def test_every_canned_query_is_titled_in_both_languages(ds) -> None:
    queries = {q["name"]: q for q in get(ds, "/tsggw.json").json()["queries"]}
    assert set(queries) == {
        "search",
        "articles_by_section_year",
        "latest_crawls",
        "crawl_failures",
        "changed_between_crawls",
        "assets_of_article",
    }
    for name, query in queries.items():
        assert HAN.search(query["title"]) and " / " in query["title"], name
        page = get(ds, f"/tsggw/{name}").text
        assert escape(query["title"]) in page
        assert escape(query["description"]) in page


def test_articles_of_a_section_in_a_year(ds, db) -> None:
    section, year = rows(
        db,
        "SELECT section, substr(published_at, 1, 4) FROM articles GROUP BY 1, 2 "
        "ORDER BY COUNT(*) DESC LIMIT 1",
    )[0]
    found = canned(ds, "articles_by_section_year", section=section, year=year)
    expected = rows(
        db,
        "SELECT url FROM articles WHERE section = ? AND published_at LIKE ? ORDER BY published_at",
        (section, f"{year}-%"),
    )
    assert [row["url"] for row in found] == [r[0] for r in expected]
    assert len(found) > 1


def test_latest_crawls(ds, db) -> None:
    found = canned(ds, "latest_crawls")
    expected = rows(
        db,
        "SELECT c.id, c.articles_new, c.articles_changed, c.articles_unchanged, "
        "c.articles_gone, (SELECT COUNT(*) FROM failures f WHERE f.crawl_id = c.id) "
        "FROM crawls c ORDER BY c.id DESC",
    )
    assert [
        (
            r["id"],
            r["articles_new"],
            r["articles_changed"],
            r["articles_unchanged"],
            r["articles_gone"],
            r["failures"],
        )
        for r in found
    ] == [tuple(r) for r in expected]
    assert [r["articles_new"] for r in found] == [12, 40]
    assert all(r["requests"] > 0 for r in found)


def test_failures_of_a_crawl(ds, db) -> None:
    for crawl_id in (1, 2):
        found = canned(ds, "crawl_failures", crawl_id=crawl_id)
        expected = rows(
            db,
            "SELECT url, status, error FROM failures WHERE crawl_id = ? ORDER BY id",
            (crawl_id,),
        )
        assert [(r["url"], r["status"], r["error"]) for r in found] == [tuple(r) for r in expected]
        assert found


def test_articles_new_or_changed_between_two_crawls(ds, db, history_archive) -> None:
    _, _, edited, removed = history_archive
    found = {
        row["url"]: row for row in canned(ds, "changed_between_crawls", from_crawl=1, to_crawl=2)
    }
    new = {r[0] for r in rows(db, "SELECT url FROM articles WHERE first_crawl_id = 2")}
    assert len(new) == 12
    assert set(found) == new | {edited}
    assert found[edited]["change"] == "changed" and found[edited]["versions"] == "2"
    assert all(found[url]["change"] == "new" for url in new)
    assert removed not in found
    assert canned(ds, "changed_between_crawls", from_crawl=2, to_crawl=2) == []
    assert len(canned(ds, "changed_between_crawls", from_crawl=0, to_crawl=1)) == 40


def test_assets_of_an_article(ds, db) -> None:
    url = rows(db, "SELECT article_url FROM article_assets GROUP BY 1 ORDER BY COUNT(*) DESC")[0][0]
    found = canned(ds, "assets_of_article", url=url)
    expected = rows(
        db,
        "SELECT s.url, s.kind, s.sha256 FROM article_assets aa JOIN assets s "
        "ON s.url = aa.asset_url WHERE aa.article_url = ? ORDER BY s.kind, s.url",
        (url,),
    )
    assert [(r["url"], r["kind"], r["sha256"]) for r in found] == [tuple(r) for r in expected]
    assert len(found) > 1


def test_articles_facet_by_section_year_and_source(ds, db) -> None:
    facets = get(ds, "/tsggw/articles.json").json()["facet_results"]
    assert set(facets) == {"section", "published_year", "source"}
    for column, sql in [
        ("section", "section"),
        ("published_year", "substr(published_at, 1, 4)"),
        ("source", "source"),
    ]:
        expected = {
            r[0]: r[1]
            for r in rows(
                db, f"SELECT {sql}, COUNT(*) FROM articles WHERE {sql} IS NOT NULL GROUP BY 1"
            )
        }
        assert {f["value"]: f["count"] for f in facets[column]["results"]} == expected, column
    page = get(ds, "/tsggw/articles").text
    for column in ("section", "published_year", "source"):
        assert f'id="facet-{column}"' in page


# --- overview ---------------------------------------------------------------------------------


def test_overview_chart_and_crawls(ds, db) -> None:
    page = get(ds, "/-/overview").text
    svg = re.search(r"<svg.*?</svg>", page, re.S)
    assert svg, page[:3000]
    chart = svg.group(0)
    assert "<script" not in chart
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", chart)
    # Each bar leads to its column's articles of that month, each name to its column.
    bar = r'<a href="([^"]+)"><rect[^>]*><title>\d{4}-\d{2} [^<]+: (\d+)</title>'
    links = re.findall(bar, chart)
    assert links and all(href.startswith("/tsggw/-/column?") for href, _ in links)
    href, n = links[0]
    month_page = get(ds, html.unescape(href)).text
    assert len(re.findall(r"/-/article\?url=", month_page)) == int(n)
    per_month = rows(
        db,
        "SELECT substr(published_at, 1, 7), section, COUNT(*) FROM articles GROUP BY 1, 2",
    )
    for month, section, n in per_month:
        assert f"<title>{month} {section}: {n}</title>" in chart
        assert f'text-anchor="end">{section}</text>' in chart
    bars = re.findall(r"<title>\d{4}-\d{2} [^<]+: (\d+)</title>", chart)
    assert sum(map(int, bars)) == rows(db, "SELECT COUNT(*) FROM articles")[0][0]
    for crawl in rows(db, "SELECT * FROM crawls"):
        assert f'<a href="/tsggw/crawls/{crawl["id"]}">{crawl["id"]}</a>' in page
        assert crawl["started_at"] in page and crawl["finished_at"] in page
        assert f"/tsggw/crawl_failures?crawl_id={crawl['id']}" in page
        # Each crawl's extraction health, linked to its per-field counts.
        assert f'crawl_fields?crawl_id={crawl["id"]}">正常 / ok</a>' in page
    assert "/tsggw/changed_between_crawls?from_crawl=1&amp;to_crawl=2" in page
    assert '<link rel="stylesheet" href="/static/ggcrawl.css">' in page


# --- Chinese first ----------------------------------------------------------------------------


def test_every_page_says_it_is_in_chinese(ds, db) -> None:
    [(url, snapshot_id)] = rows(db, "SELECT url, snapshot_id FROM articles LIMIT 1")
    reader = "/tsggw/-/article?" + urllib.parse.urlencode({"url": url})
    for path in (
        "/",
        "/-/overview",
        "/tsggw",
        "/tsggw/articles",
        "/tsggw/crawls/1",
        "/tsggw/search?q=关工",
        reader,
        f"/tsggw/-/snapshot/{snapshot_id}",
    ):
        page = get(ds, path).text
        assert page.count('<html lang="zh-CN"') == 1, path
    # JSON is left as it is, and so is an archived page served as the site served it.
    assert get(ds, "/tsggw/articles.json?_shape=array&_size=1").json()[0]["url"]
    # (only the archive's capture banner above it says it is in Chinese)
    raw = get(ds, f"/tsggw/-/snapshot/{snapshot_id}/raw").text
    assert "<html>" in raw and raw.count('lang="zh-CN"') == 1
    assert '<div id="ggcrawl-banner" class="ggcrawl-capture" lang="zh-CN"' in raw


# --- links stay in the archive ----------------------------------------------------------------


def reader(database: str, url: str) -> str:
    return f"/{database}/-/article?" + urllib.parse.urlencode({"url": url})


def live_links(page: str, db: Path) -> list[str]:
    """Links of a page that lead to the live site (the archive's URLs as they were crawled)."""
    [(site,)] = rows(db, "SELECT site FROM crawls ORDER BY id LIMIT 1")
    return re.findall(rf'href="({re.escape(site)}[^"]*)"', page)


def test_addresses_in_tables_and_queries_link_to_the_archive(ds, db) -> None:
    [article] = rows(
        db,
        "SELECT url, prev_url, next_url FROM articles WHERE prev_url IS NOT "
        "NULL AND next_url IS NOT NULL LIMIT 1",
    )
    table = get(ds, "/tsggw/articles?_size=100&_sort=id").text
    query = get(
        ds,
        "/tsggw?"
        + urllib.parse.urlencode(
            {
                "sql": "SELECT url, prev_url, next_url FROM articles WHERE url = :u",
                "u": article["url"],
            }
        ),
    ).text
    for page in (table, query):
        for url in article:
            # The link goes to the archived article; the live address stays beside it as text.
            cell = f'<a href="{html.escape(reader("tsggw", url))}"'
            assert cell in page and f'<span class="ggcrawl-live">{html.escape(url)}</span>' in page
        assert live_links(page, db) == []
    snapshots = get(ds, "/tsggw/snapshots?_size=20").text
    assert "/tsggw/-/snapshot-of?url=" in snapshots and live_links(snapshots, db) == []


def test_titles_in_article_tables_and_queries_link_to_the_reader(ds, db) -> None:
    [(url, title)] = rows(db, "SELECT url, title FROM articles ORDER BY id LIMIT 1")
    link = f'<a href="{html.escape(reader("tsggw", url))}">{html.escape(title)}</a>'
    for path in (
        "/tsggw/articles?_sort=id&_size=1",
        "/tsggw/article_versions?" + urllib.parse.urlencode({"article_url": url}),
        "/tsggw/article_history?" + urllib.parse.urlencode({"article_url": url}),
        "/tsggw/search?q=" + urllib.parse.quote(title.split()[0][:2]),
        "/tsggw?" + urllib.parse.urlencode({"sql": "SELECT title, url FROM articles LIMIT 1"}),
    ):
        assert link in get(ds, path).text, path


def test_the_articles_table_leaves_the_bodies_out_unless_asked(ds, db) -> None:
    [(url, body)] = rows(db, "SELECT url, body_text FROM articles ORDER BY id LIMIT 1")
    page = get(ds, "/tsggw/articles?_sort=id&_size=5").text
    assert 'data-column="title"' in page and 'data-column="url"' in page
    assert 'data-column="body_text"' not in page and 'data-column="body_html"' not in page
    assert 'class="col-body_text' not in page
    # Asked for, shown; and JSON, CSV and the row page have them all.
    asked = get(ds, "/tsggw/articles?_sort=id&_size=5&_col=title&_col=body_text").text
    assert 'data-column="body_text"' in asked
    assert (
        get(ds, "/tsggw/articles.json?_sort=id&_size=1&_shape=array").json()[0]["body_text"] == body
    )
    assert "body_html" in get(ds, "/tsggw/articles.csv?_sort=id&_size=1").text.splitlines()[0]
    assert 'class="col-body_text' in get(ds, f"/tsggw/articles/{tilde_encode(url)}").text


def test_tables_show_times_as_people_read_them(ds, db) -> None:
    [crawl] = rows(db, "SELECT started_at FROM crawls ORDER BY id LIMIT 1")
    page = get(ds, "/tsggw/crawls").text
    assert f'<time datetime="{crawl["started_at"]}"' in page and " 北京时间</time>" in page
    [(published,)] = rows(db, "SELECT published_at FROM articles ORDER BY id LIMIT 1")
    articles = get(ds, "/tsggw/articles?_sort=id&_size=1").text
    assert re.search(rf'<time datetime="{re.escape(published)}"[^>]*>\d{{4}}年\d+月\d+日', articles)


def test_the_row_page_leads_to_the_archived_copy_whatever_the_file_is_called(db, tmp_path):
    name = "kept-2026"
    copy = make_datasette(copy_archive(db, tmp_path / f"{name}.db"))
    [(url, snapshot_id)] = rows(db, "SELECT url, snapshot_id FROM articles LIMIT 1")
    row = get(copy, f"/{name}/articles/{tilde_encode(url)}").text
    [href] = re.findall(r'<a href="([^"]+)">阅读这篇文章 / Read this article</a>', row)
    path, _, query = html.unescape(href).partition("?")
    assert path == f"/{name}/-/article" and urllib.parse.parse_qs(query)["url"] == [url]
    snapshot = get(copy, f"/{name}/snapshots/{snapshot_id}").text
    assert f'<a href="/{name}/-/snapshot/{snapshot_id}">查看抓取时的网页' in snapshot


# --- columns and years ------------------------------------------------------------------------


def column(name: str, **args: str) -> str:
    return "/tsggw/-/column?" + urllib.parse.urlencode({"name": name, **args})


def test_the_front_page_leads_to_every_column(ds, db) -> None:
    front = get(ds, "/").text
    counts = rows(db, "SELECT section, COUNT(*) FROM articles GROUP BY section")
    assert counts
    for section, n in counts:
        href = escape(column(section))
        assert f'<li><a href="{href}">{section}</a> <span class="ggcrawl-count">{n}</span>' in front


def test_a_column_shows_its_years_then_a_years_titles_newest_first(ds, db) -> None:
    [(section,)] = rows(
        db, "SELECT section FROM articles GROUP BY section ORDER BY COUNT(*) DESC LIMIT 1"
    )
    years = rows(
        db,
        "SELECT substr(published_at, 1, 4), COUNT(*) FROM articles WHERE section = ? "
        "GROUP BY 1 ORDER BY 1 DESC",
        (section,),
    )
    page = get(ds, column(section)).text
    shown = re.findall(r"(\d{4})年</a> <span class=\"ggcrawl-count\">(\d+) 篇", page)
    assert [(y, int(n)) for y, n in shown] == [tuple(y) for y in years]
    year, n = max(years, key=lambda y: y[1])
    expected = [
        r[0]
        for r in rows(
            db,
            "SELECT url FROM articles WHERE section = ? AND substr(published_at, 1, 4) = ? "
            "ORDER BY published_at DESC, id DESC",
            (section, year),
        )
    ]
    walked, path = [], column(section, year=year, size="1")
    while path:  # one title a page, next page after next page
        html_page = get(ds, path).text
        walked += [
            urllib.parse.unquote(u) for u in re.findall(r'/-/article\?url=([^"]+)"', html_page)
        ]
        found = re.search(r'<a href="([^"]+)" rel="next">', html_page)
        path = found and found.group(1).replace("&amp;", "&")
    assert walked == expected and len(walked) == n


def test_a_column_between_two_dates(ds, db) -> None:
    [(section, first)] = rows(
        db,
        "SELECT section, MIN(published_at) FROM articles GROUP BY section "
        "ORDER BY COUNT(*) DESC LIMIT 1",
    )
    page = get(ds, column(section, **{"from": first[:10], "to": first[:10]})).text
    titles = re.findall(r"/-/article\?url=", page)
    assert (
        len(titles)
        == rows(
            db,
            "SELECT COUNT(*) FROM articles WHERE section = ? AND substr(published_at, 1, 10) = ?",
            (section, first[:10]),
        )[0][0]
    )
    assert fetch(ds, column(section, year="19"))[0].status_code == 400
    assert fetch(ds, column(section, **{"from": "2019/01/01"}))[0].status_code == 400
    assert fetch(ds, column("没有这个栏目"))[0].status_code == 404


def test_the_readers_crumbs_lead_to_its_column_and_year(ds, db) -> None:
    [(url, section, published)] = rows(
        db, "SELECT url, section, published_at FROM articles WHERE section IS NOT NULL LIMIT 1"
    )
    page = get(ds, "/tsggw/-/article?" + urllib.parse.urlencode({"url": url})).text
    assert f'<a href="{escape(column(section))}">{section}</a>' in page
    assert f'<a href="{escape(column(section, year=published[:4]))}">{published[:4]}年</a>' in page


def test_the_reader_speaks_chinese_first(ds, db) -> None:
    [(url, published, fetched)] = rows(
        db,
        "SELECT a.url, a.published_at, s.fetched_at FROM articles a "
        "JOIN snapshots s ON s.id = a.snapshot_id WHERE a.published_at LIKE '%T%' LIMIT 1",
    )
    page = get(ds, reader("tsggw", url)).text
    for label in (
        "时间 / Time",
        "栏目 / Section",
        "原网址 / Original address",
        "上一篇 / Previous",
        "下一篇 / Next",
        "版本 / Versions",
        "快照 / Snapshots",
    ):
        assert label in page, label
    day = f"{int(published[:4])}年{int(published[5:7])}月{int(published[8:10])}日"
    assert f'<time datetime="{published}">{day} {published[11:16]}' in page
    assert f'<time datetime="{fetched}">' in page and " 北京时间</time>" in page


# --- read-only, yet live ----------------------------------------------------------------------


def test_the_archive_is_opened_read_only(ds, db) -> None:
    before = rows(db, "SELECT COUNT(*) FROM crawls")[0][0]
    refused = fetch(ds, "/tsggw.json?sql=DELETE+FROM+crawls")[0]
    assert refused.status_code == 400
    database = ds.get_database("tsggw")
    assert database.is_mutable  # read-only, not immutable: a crawl may be writing
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        asyncio.run(database.execute("DELETE FROM crawls"))
    assert rows(db, "SELECT COUNT(*) FROM crawls")[0][0] == before


def test_what_a_crawl_commits_meanwhile_is_shown(db, tmp_path) -> None:
    copy = copy_archive(db, tmp_path / "tsggw.db")
    ds = make_datasette(copy)
    assert re.search(r"抓取次数 / Crawls</dt>\s*<dd>2</dd>", get(ds, "/").text)
    with sqlite3.connect(copy) as conn:
        conn.execute(
            "INSERT INTO crawls (started_at, start_url) VALUES ('2030-01-01T00:00:00Z', 'x')"
        )
    assert re.search(r"抓取次数 / Crawls</dt>\s*<dd>3</dd>", get(ds, "/").text)


def test_configuration_directory_mode_serves_every_archive_in_it(db, tmp_path) -> None:
    """What `datasette archive/` does, on a folder holding the same configuration."""
    from datasette.app import Datasette

    for name in ("metadata.yml", "settings.json", "templates", "plugins", "static"):
        (tmp_path / name).symlink_to(CONFIG_DIR / name)
    copy_archive(db, tmp_path / "copy.db")
    ds = Datasette(config_dir=tmp_path)
    assert ds.setting("sql_time_limit_ms") == 3000
    front = get(ds, "/").text
    assert "天水关工网档案" in front and 'action="/copy/-/search"' in front
    hits = get(ds, "/copy/search.json?q=%E6%89%B6%E8%B4%AB&_shape=array").json()
    assert {hit["url"] for hit in hits} == containing(db, "扶贫")
    assert "<h1>文章 / Articles</h1>" in get(ds, "/copy/articles").text


# --- the real command -------------------------------------------------------------------------


def start_browse(*args: str) -> tuple[subprocess.Popen, str]:
    """`ggcrawl browse ARGS` as a user runs it; returns the process and the address it printed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "ggcrawl", "browse", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    ready, _, _ = select.select([process.stdout], [], [], 60)
    if not ready:
        process.kill()
        pytest.fail("ggcrawl browse printed no address")
    line = process.stdout.readline()
    match = re.search(r"http://[\d.]+:\d+/", line)
    if not match:
        process.kill()
        pytest.fail(f"no address in {line!r}: {process.stderr.read()}")
    return process, match.group(0)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def http_get(url: str) -> str:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    with opener.open(url, timeout=30) as response:
        assert response.status == 200
        return response.read().decode("utf-8")


@pytest.mark.server
def test_ggcrawl_browse_serves_on_loopback(db) -> None:
    process, address = start_browse("--port", "0", "--db", str(db))
    try:
        assert address.startswith("http://127.0.0.1:")
        assert int(address.rsplit(":", 1)[1].strip("/")) > 0
        front = http_get(address)
        assert "天水关工网档案 / Archive of 天水关工网" in front
        assert "抓取次数 / Crawls" in front
        hits = json.loads(http_get(address + "tsggw/search.json?q=%E5%85%B3%E5%B7%A5&_shape=array"))
        assert {hit["url"] for hit in hits} == containing(db, "关工")
        assert "<svg" in http_get(address + "-/overview")
        assert process.poll() is None
    finally:
        stop(process)


@pytest.mark.server
def test_ggcrawl_browse_upgrades_an_archive_from_an_older_ggcrawl(db, tmp_path) -> None:
    old = copy_archive(db, tmp_path / "old.db")
    with sqlite3.connect(old) as conn:
        conn.execute("DROP INDEX articles_year")  # schema 7 added it
        conn.execute("ALTER TABLE articles DROP COLUMN published_year")  # schema 2 added it
        conn.execute("ALTER TABLE crawls DROP COLUMN site")  # schema 6 added it
        conn.execute("PRAGMA user_version = 1")
    process, address = start_browse("--port", "0", "--db", str(old))
    try:
        facets = http_get(address + "old/articles.json?_size=0")
        assert '"published_year"' in facets
    finally:
        stop(process)
    said = process.stderr.read()
    assert f"from archive schema 1 to {SCHEMA_VERSION}, once" in said and "Upgraded" in said
    assert said.index("Upgrading") < said.index("Upgraded")
    assert rows(old, "PRAGMA user_version")[0][0] == SCHEMA_VERSION


def test_ggcrawl_browse_refuses_bad_input(cli, db, tmp_path) -> None:
    missing = cli("browse", "--db", str(tmp_path / "none.db"), "--port", "0")
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    foreign = cli("browse", "--db", str(other), "--port", "0")
    assert foreign.returncode == 2 and "not a ggcrawl archive" in foreign.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = cli("browse", "--db", str(db), "--port", str(port), timeout=60)
    assert busy.returncode == 2, busy.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in busy.stderr
    assert "Traceback" not in busy.stderr


def test_an_archive_not_crawled_yet_can_be_browsed(tmp_path) -> None:
    Archive.open(tmp_path / "empty.db").close()
    ds = make_datasette(tmp_path / "empty.db")
    assert re.search(r"抓取次数 / Crawls</dt>\s*<dd>0</dd>", get(ds, "/").text)
    assert "还没有文章 / No articles yet." in get(ds, "/-/overview").text
    assert get(ds, "/empty/search.json?q=%E5%85%B3%E5%B7%A5&_shape=array").json() == []
