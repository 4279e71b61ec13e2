import os
import sqlite3
from pathlib import Path

import pytest

from ggcrawl.items import Article, Failure, Fetch, FrontierEntry, Snapshot
from ggcrawl.store import Archive, ArchiveError, compression
from ggcrawl.store.schema import SCHEMA_VERSION


def snapshot(url: str, body: bytes = b"<html>x</html>") -> Snapshot:
    return Snapshot(
        url, 200, {"Content-Type": ["text/html"]}, body, "utf-8", "2026-01-01T00:00:00Z"
    )


def article(
    url: str, snap: Snapshot, title: str = "关工委工作", body: str = "关心下一代\n扶贫"
) -> Article:
    return Article(
        url=url,
        section="关工要闻",
        title=title,
        published_at="2019-01-29T09:57:20+08:00",
        source=None,
        body_text=body,
        body_html=f"<p>{body}</p>",
        images=[],
        attachments=[],
        prev_url=None,
        next_url=None,
        parse_warnings=[],
        snapshot_sha256=snap.sha256,
        snapshot_status=200,
        fetched_at=snap.fetched_at,
    )


@pytest.fixture
def archive(tmp_path: Path):
    with Archive.open(tmp_path / "a.db") as opened:
        yield opened


def begin(archive: Archive) -> int:
    return archive.begin_crawl("http://h/", {}, mode="full", first=[])


def store(archive: Archive, crawl: int, url: str, title: str, body: str, raw: bytes) -> str | None:
    snap = snapshot(url, raw)
    fetch = Fetch(
        url, "article", snap.fetched_at, snapshot=snap, article=article(url, snap, title, body)
    )
    return archive.record_fetch(fetch, crawl)


def test_wal_and_identity(archive: Archive) -> None:
    assert archive.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert archive.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_rerun_adds_no_duplicate_rows(archive: Archive) -> None:
    first = begin(archive)
    assert store(archive, first, "http://h/1", "关工", "正文", b"a") == "new"
    second = begin(archive)
    assert store(archive, second, "http://h/1", "关工", "正文", b"a") == "unchanged"
    for _ in range(2):
        failure = Failure("http://h/x", "http", 404, "HTTP 404", "http://h/", "t")
        archive.record_fetch(Fetch("http://h/x", "article", "t", failure=failure), second)
    archive.commit()
    counts = {
        t: archive.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("articles", "snapshots", "failures")
    }
    assert counts == {"articles": 1, "snapshots": 1, "failures": 1}
    row = archive.conn.execute("SELECT first_crawl_id, last_crawl_id FROM articles").fetchone()
    assert tuple(row) == (first, second)


def test_changed_page_keeps_both_snapshots_versions_and_reindexes(archive: Archive) -> None:
    crawl = begin(archive)
    store(archive, crawl, "http://h/1", "关工委员会", "旧的正文扶贫", b"old")
    assert store(archive, crawl, "http://h/1", "新标题", "新的正文助学", b"new") == "changed"
    archive.commit()
    assert archive.conn.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0] == 2
    versions = archive.conn.execute(
        "SELECT version, title FROM article_versions ORDER BY version"
    ).fetchall()
    assert [tuple(v) for v in versions] == [(1, "关工委员会"), (2, "新标题")]
    assert archive.conn.execute("SELECT version FROM articles").fetchone()[0] == 2
    # The text is kept once: the superseded version holds its own, the current one is the
    # article's, and article_history shows both whole.
    stored = archive.conn.execute(
        "SELECT version, body_text FROM article_versions ORDER BY version"
    ).fetchall()
    assert [tuple(v) for v in stored] == [(1, "旧的正文扶贫"), (2, None)]
    history = archive.conn.execute(
        "SELECT version, body_text FROM article_history ORDER BY version"
    ).fetchall()
    assert [tuple(v) for v in history] == [(1, "旧的正文扶贫"), (2, "新的正文助学")]
    assert [h.title for h in archive.search("助学")] == ["新标题"]
    assert archive.search("扶贫") == []
    assert archive.search("关工") == []


def test_search_finds_two_character_words_and_phrases(archive: Archive) -> None:
    crawl = begin(archive)
    store(archive, crawl, "http://h/1", "抓好基层组织建设", "关工委的工作根基在基层", b"1")
    store(archive, crawl, "http://h/2", "精准扶贫", "帮扶留守儿童", b"2")
    store(archive, crawl, "http://h/3", "关心下一代", "工关不是关工", b"3")
    archive.commit()
    assert {h.url for h in archive.search("关工")} == {"http://h/1", "http://h/3"}
    assert [h.url for h in archive.search("扶贫")] == ["http://h/2"]
    assert [h.url for h in archive.search("关工委")] == ["http://h/1"]
    assert [h.url for h in archive.search("关心下一代")] == ["http://h/3"]
    assert [h.url for h in archive.search("基层 根基")] == ["http://h/1"]
    assert archive.search("下一代关工") == []


def store_best_then_four(archive: Archive, word: str) -> None:
    """Five articles holding ``word``; the first archived is the best match (the word in its
    title and thrice in its body)."""
    crawl = begin(archive)
    store(archive, crawl, "http://h/1", word, word * 3, b"1")
    for n in range(2, 6):
        store(archive, crawl, f"http://h/{n}", f"标题{n}", f"正文里有{word}{n}", str(n).encode())
    archive.commit()


def test_search_ranks_at_most_its_window_of_the_most_recently_archived_hits(
    archive: Archive,
) -> None:
    store_best_then_four(archive, "扶贫")
    assert [h.url for h in archive.search("扶贫", limit=1, window=None)] == ["http://h/1"]
    assert [h.url for h in archive.search("扶贫", limit=1)] == ["http://h/1"]  # 5 hits fit
    windowed = archive.search_page("扶贫", limit=10, window=3)
    # the window's 3 ranked (ties newest first), then the older hits, newest first
    assert [h.url for h in windowed.hits] == [f"http://h/{n}" for n in (5, 4, 3, 2, 1)]
    assert [h.rank is None for h in windowed.hits] == [False, False, False, True, True]
    assert (windowed.order, windowed.ranked, windowed.total) == ("ranked window", 3, 5)
    assert archive.search_page("扶贫", window=5).order == "ranked"
    assert archive.search_page("扶贫", window=None).order == "ranked"
    assert len(archive.search("扶贫", limit=10, window=5)) == 5


def test_a_phrase_with_more_hits_than_the_window_comes_most_recently_archived_first(
    archive: Archive,
) -> None:
    store_best_then_four(archive, "关心下一代")
    ranked = archive.search("关心下一代", limit=2, window=5)  # 5 hits fit: ranked
    assert [h.url for h in ranked] == ["http://h/1", "http://h/5"]
    assert all(h.rank is not None and h.rank < 0 for h in ranked)
    newest = archive.search("关心下一代", limit=10, window=4)
    assert [h.url for h in newest] == [f"http://h/{n}" for n in (5, 4, 3, 2, 1)]
    assert [h.rank for h in newest] == [None] * 5
    assert archive.search_page("关心下一代", window=4).order == "archive order"
    assert archive.search_page("  ", window=4) is None
    assert [h.url for h in archive.search("关心下一代", limit=1, window=None)] == ["http://h/1"]
    assert [h.url for h in archive.search("关心 下一代", limit=2, window=4)] == [
        "http://h/5",
        "http://h/4",
    ]
    # Words alone are still ranked, within the window of the newest hits.
    words = archive.search("关心", limit=4, window=4)
    assert {h.url for h in words} == {f"http://h/{n}" for n in (2, 3, 4, 5)}
    assert all(h.rank is not None for h in words)


def test_foreign_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    before = path.read_bytes()
    with pytest.raises(ArchiveError, match="not a ggcrawl archive"):
        Archive.open(path)
    assert path.read_bytes() == before


def test_non_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("hello")
    with pytest.raises(ArchiveError, match="not an SQLite database"):
        Archive.open(path)
    assert path.read_text() == "hello"


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    Archive.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(ArchiveError, match="newer ggcrawl"):
        Archive.open(path)


def test_missing_archive_for_reading(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="does not exist"):
        Archive.open(tmp_path / "none.db", create=False, readonly=True)


def test_new_bytes_with_same_fields_is_no_new_version(archive: Archive) -> None:
    crawl = begin(archive)
    store(archive, crawl, "http://h/1", "标题", "正文", b"<p>sidebar A</p>")
    assert store(archive, crawl, "http://h/1", "标题", "正文", b"<p>sidebar B</p>") == "unchanged"
    archive.commit()
    assert archive.conn.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0] == 2
    assert archive.conn.execute("SELECT COUNT(*) FROM article_versions").fetchone()[0] == 1


def test_gone_article_is_kept_and_marked(archive: Archive) -> None:
    first = begin(archive)
    store(archive, first, "http://h/1", "标题", "正文", b"x")
    second = begin(archive)
    gone = Fetch("http://h/1", "article", "t2", gone_status=410)
    assert archive.record_fetch(gone, second) == "gone"
    archive.commit()
    row = archive.conn.execute("SELECT title, gone_status, gone_crawl_id FROM articles").fetchone()
    assert tuple(row) == ("标题", 410, second)
    assert [h.title for h in archive.search("标题")] == ["标题"]


def test_snapshot_bodies_are_stored_compressed_and_read_back_exactly(archive: Archive) -> None:
    crawl = begin(archive)
    page = ("<html><body>" + "关心下一代工作委员会" * 300 + "</body></html>").encode("gbk")
    noise = os.urandom(2000)
    for url, body in (("http://h/page", page), ("http://h/noise", noise), ("http://h/empty", b"")):
        snap = snapshot(url, body)
        archive.record_fetch(Fetch(url, "page", snap.fetched_at, snapshot=snap), crawl)
    archive.commit()
    stored = {
        row["url"]: row
        for row in archive.conn.execute(
            "SELECT url, body, size, sqlar_uncompress(body, size) AS raw FROM snapshots"
        )
    }
    assert len(stored["http://h/page"]["body"]) < len(page) // 10
    assert stored["http://h/noise"]["body"] == noise  # incompressible: kept as it is
    for url, body in (("http://h/page", page), ("http://h/noise", noise), ("http://h/empty", b"")):
        assert stored[url]["raw"] == body and stored[url]["size"] == len(body)
        assert compression.unpack(stored[url]["body"], stored[url]["size"]) == body
    # Re-extraction reads the bytes as served, not as stored.
    store(archive, crawl, "http://h/article", "关工", "正文", page)
    archive.commit()
    [(url, _snapshot_id, served)] = list(archive.article_snapshots())
    assert (url, served.body) == ("http://h/article", page)


def test_a_held_listing_page_is_requested_when_its_crawl_resumes(archive: Archive) -> None:
    crawl = begin(archive)
    held = FrontierEntry("http://h/list_2.html", "listing", 20, {"page": 2}, held=True)
    pending = FrontierEntry("http://h/9.html", "article", 10, {})
    archive.record_fetch(Fetch("http://h/", "home", "t", discovered=[held, pending]), crawl)
    archive.commit()
    states = archive.conn.execute("SELECT url, state FROM frontier WHERE crawl_id = ?", (crawl,))
    assert dict(map(tuple, states)) == {
        "http://h/": "done",
        "http://h/list_2.html": "held",
        "http://h/9.html": "pending",
    }
    assert archive.interrupted_crawl("http://h/")["pending"]
    entries, _seen = archive.frontier(crawl)
    assert sorted(e.url for e in entries) == ["http://h/9.html", "http://h/list_2.html"]
