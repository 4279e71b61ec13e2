"""Search results laid out in pages (ggcrawl.store.search) on a real archive written through the
store: every hit on exactly one page, in one order, with the total; the filters by column and
year; the three orders; and the pieces the search page marks (query_words, snippet)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from ggcrawl.browse.search_page import marked, snippet
from ggcrawl.store import Archive
from ggcrawl.store.fts import query_words
from ggcrawl.store.search import SearchFilter, filter_choices, plan
from tests.crawler_helpers import article_fetch

SECTIONS = ("工作动态", "关工要闻", "活力基层")


def body(number: int) -> str:
    """Every article says 关工 (some three times, so ranking has something to rank), two in three
    关心下一代, one in five 扶贫."""
    parts = [f"第{number}篇。市关工委召开会议。"]
    if number % 4 == 0:
        parts.append("关工委员会的老同志再次讲话，关工工作取得成效。")
    if number % 3 != 2:
        parts.append("会议强调要做好关心下一代工作。")
    if number % 5 == 0:
        parts.append("教育扶贫是阻断贫困代际传递的根本之策。")
    return "".join(parts)


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Archive:
    path: Path = tmp_path_factory.mktemp("search") / "search.db"
    with Archive.open(path) as archive:
        crawl = archive.begin_crawl("http://h/", {}, mode="full", first=[])
        for number in range(60):
            url = f"http://h/a/{number}.html"
            fetch = article_fetch(url, title=f"文章{number}")
            text = body(number)
            fetch = dataclasses.replace(
                fetch,
                article=dataclasses.replace(
                    fetch.article,
                    section=SECTIONS[number % 3],
                    published_at=f"{2017 + number % 4}-0{1 + number % 9}-15T10:00:00+08:00",
                    body_text=text,
                    body_html=f"<p>{text}</p>",
                ),
            )
            archive.record_fetch(fetch, crawl)
        archive.finish_crawl(crawl, "finished", {})
    archive = Archive.open(path, readonly=True)
    yield archive
    archive.close()


def every_hit(archive: Archive, query: str, **kwargs) -> list[str]:
    results = archive.search_page(query, limit=1000, **kwargs)
    assert results is not None
    return [hit.url for hit in results.hits]


def paged(archive: Archive, query: str, size: int, **kwargs) -> list[str]:
    urls: list[str] = []
    offset = 0
    while True:
        page = archive.search_page(query, limit=size, offset=offset, **kwargs)
        assert page is not None
        urls += [hit.url for hit in page.hits]
        offset += size
        if offset >= page.total:
            assert len(urls) == page.total
            return urls


def matching(archive: Archive, word: str, where: SearchFilter | None = None) -> set[str]:
    where = where or SearchFilter()
    rows = archive.conn.execute(
        "SELECT url, section, published_at FROM articles WHERE body_text LIKE ?", (f"%{word}%",)
    ).fetchall()
    return {
        url
        for url, section, published in rows
        if (where.section is None or section == where.section)
        and (where.year is None or published.startswith(str(where.year)))
    }


@pytest.mark.parametrize(
    ("word", "window", "order"),
    [
        ("关工", None, "ranked"),
        ("关工", 7, "ranked window"),
        ("关心下一代", 7, "archive order"),
        ("扶贫", 100, "ranked"),
    ],
)
@pytest.mark.parametrize(
    "where", [SearchFilter(), SearchFilter("关工要闻"), SearchFilter(year=2018)], ids=str
)
def test_every_hit_is_on_exactly_one_page_in_one_order(archive, word, window, order, where):
    results = archive.search_page(word, limit=1000, window=window, where=where)
    assert results is not None
    assert results.order == order
    expected = matching(archive, word, where)
    assert expected
    whole = [hit.url for hit in results.hits]
    assert set(whole) == expected and len(whole) == len(expected) == results.total
    for size in (1, 7, 20):
        assert paged(archive, word, size, window=window, where=where) == whole


def test_the_window_is_ranked_first_and_the_older_hits_follow_newest_first(archive) -> None:
    results = archive.search_page("关工", limit=1000, window=7)
    assert results is not None and results.total == 60 and results.ranked == 7
    ranked, rest = results.hits[:7], results.hits[7:]
    ids = {
        url: rowid for url, rowid in archive.conn.execute("SELECT url, id FROM articles").fetchall()
    }
    newest = sorted(ids, key=ids.get, reverse=True)
    assert {hit.url for hit in ranked} == set(newest[:7])
    assert [hit.rank for hit in ranked] == sorted(hit.rank for hit in ranked)
    assert None not in [hit.rank for hit in ranked]
    assert [hit.url for hit in rest] == newest[7:]
    assert {hit.rank for hit in rest} == {None}
    # the articles that say 关工 three times come first among the ranked
    assert ranked[0].url in {u for u in newest[:7] if int(u.split("/")[-1][:-5]) % 4 == 0}


def test_a_filtered_window_counts_only_its_own_hits_as_ranked(archive) -> None:
    where = SearchFilter("活力基层")
    results = archive.search_page("关工", limit=3, window=7, where=where)
    assert results is not None
    newest7 = [
        url for (url,) in archive.conn.execute("SELECT url FROM articles ORDER BY id DESC LIMIT 7")
    ]
    assert results.ranked == len(matching(archive, "关工", where) & set(newest7))
    assert results.total == len(matching(archive, "关工", where)) == 20


def test_search_hits_carry_the_fields_a_result_page_shows(archive) -> None:
    hit = archive.search_page("扶贫", limit=1).hits[0]
    row = archive.conn.execute(
        "SELECT title, published_at, section, source FROM articles WHERE url = ?", (hit.url,)
    ).fetchone()
    assert (hit.title, hit.published_at, hit.section, hit.source) == tuple(row)


def test_a_query_with_nothing_to_search_has_no_results(archive) -> None:
    assert archive.search_page("  ，。") is None
    assert archive.search("“”") == []
    assert archive.search_page("不存在的词").total == 0


def test_query_words_are_the_terms_as_written() -> None:
    assert query_words('关工 "child care" 扶贫') == ["关工", "child care", "扶贫"]
    assert query_words(" ，。 关心下一代 ") == ["关心下一代"]
    assert query_words("") == []


def test_snippet_is_the_passage_around_the_first_word_with_every_word_marked() -> None:
    text = "开头" * 40 + "会议强调做好关心下一代工作，推动关工事业发展。" + "结尾" * 60
    pieces = snippet(text, ["关工", "关心下一代"])
    shown = "".join(piece for piece, _ in pieces)
    assert shown.startswith("…") and shown.endswith("…")
    assert [piece for piece, found in pieces if found] == ["关心下一代", "关工"]
    assert text.index("关心下一代") - text.index(shown[1:-1]) <= 30
    assert snippet("标题里才有这个词。", ["扶贫"]) == [("标题里才有这个词。", False)]
    assert snippet(None, ["扶贫"]) == []


def test_marking_is_case_blind_and_takes_the_longest_word() -> None:
    assert marked("ICP备案 icp", ["icp"]) == [("ICP", True), ("备案 ", False), ("icp", True)]
    assert marked("关工委", ["关工", "关工委"]) == [("关工委", True)]
    assert marked("无", []) == [("无", False)]


def test_filter_choices_are_every_column_and_year_of_the_archive(archive) -> None:
    sections, years = filter_choices(archive.conn)
    assert sections == sorted(SECTIONS)
    found = {row[0][:4] for row in archive.conn.execute("SELECT published_at FROM articles")}
    assert years == sorted(found, reverse=True) == ["2020", "2019", "2018", "2017"]


def test_a_plan_counts_once_and_any_page_of_it_is_the_same_as_a_search(archive) -> None:
    where = SearchFilter(year=2018)
    laid_out = plan(archive.conn, "关工", where=where, window=7)
    whole = archive.search_page("关工", limit=1000, where=where, window=7)
    assert (laid_out.total, laid_out.ranked, laid_out.order) == (
        whole.total,
        whole.ranked,
        whole.order,
    )
    pages = [
        hit
        for offset in range(0, laid_out.total, 4)
        for hit in laid_out.page(archive.conn, offset, 4)
    ]
    assert pages == whole.hits
    assert plan(archive.conn, "，。") is None
