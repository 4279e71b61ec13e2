"""Archives made before the current schema are upgraded in place, losing nothing.

Schema 1 is what ggcrawl wrote before ``articles.published_year`` existed (commit 48c98dc,
the last one with SCHEMA_VERSION = 1); its DDL is copied below as it was, not derived from
today's. The v1 archive holds real data: a replica crawled twice (an article edited, one
removed, some added), its rows copied table by table into a file made with the v1 DDL, and
its full-text index made as ggcrawl then made it (schema 4 added a prefix index).

- Opening it writable (any crawl, ``ggcrawl reparse``, ``ggcrawl browse``) migrates it to
  SCHEMA_VERSION, keeping every row and value, and it then looks like a new archive.
- Opening it read-only (``ggcrawl search``, ``crawls``, ``report``) reads it as it is, without
  upgrading: those commands query nothing that schema 1 lacks, and they must work on a file
  they may not write. The browse view upgrades it first (tests/test_browse.py).
- A crawl into it works, incrementally, knowing its articles.
- Two processes opening it at once upgrade it once.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from ggcrawl.replica import ReplicaServer, build_site
from ggcrawl.store import Archive
from ggcrawl.store.fts import index_text
from ggcrawl.store.schema import APPLICATION_ID, SCHEMA_VERSION
from tests.conftest import FAST, run_cli

# Every test reads archives crawled from the replica through a real Scrapy process.
pytestmark = pytest.mark.e2e

# ggcrawl/store/schema.py at 48c98dc (`git show 48c98dc:ggcrawl/store/schema.py`).
V1_TABLES = """
CREATE TABLE IF NOT EXISTS crawls (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    start_url TEXT NOT NULL,
    outcome TEXT NOT NULL DEFAULT 'running',
    settings TEXT NOT NULL DEFAULT '{}',
    stats TEXT NOT NULL DEFAULT '{}',
    ggcrawl_version TEXT,
    mode TEXT NOT NULL DEFAULT 'full',
    resumes INTEGER NOT NULL DEFAULT 0,
    articles_new INTEGER,
    articles_changed INTEGER,
    articles_unchanged INTEGER,
    articles_gone INTEGER
);
CREATE TABLE IF NOT EXISTS snapshots (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    fetched_at TEXT NOT NULL,
    status INTEGER NOT NULL,
    headers TEXT NOT NULL,
    encoding TEXT,
    body BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    last_crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    last_fetched_at TEXT NOT NULL,
    warc_filename TEXT,
    warc_record_id TEXT,
    warc_offset INTEGER,
    warc_length INTEGER,
    warc_payload_digest TEXT,
    warc_date TEXT,
    UNIQUE (url, status, sha256)
);
CREATE INDEX IF NOT EXISTS snapshots_crawl ON snapshots(crawl_id);
CREATE INDEX IF NOT EXISTS snapshots_sha256 ON snapshots(sha256);
CREATE TABLE IF NOT EXISTS articles (
    url TEXT PRIMARY KEY,
    id INTEGER NOT NULL UNIQUE,
    section TEXT,
    title TEXT,
    published_at TEXT,
    source TEXT,
    body_text TEXT,
    body_html TEXT,
    images TEXT NOT NULL DEFAULT '[]',
    attachments TEXT NOT NULL DEFAULT '[]',
    prev_url TEXT,
    next_url TEXT,
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    first_crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    last_crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    parse_warnings TEXT NOT NULL DEFAULT '[]',
    version INTEGER NOT NULL DEFAULT 1,
    changed_at TEXT,
    gone_at TEXT,
    gone_crawl_id INTEGER REFERENCES crawls(id),
    gone_status INTEGER
);
CREATE TABLE IF NOT EXISTS article_versions (
    article_url TEXT NOT NULL REFERENCES articles(url),
    version INTEGER NOT NULL,
    crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
    seen_at TEXT NOT NULL,
    section TEXT,
    title TEXT,
    published_at TEXT,
    source TEXT,
    body_text TEXT,
    body_html TEXT,
    images TEXT NOT NULL,
    attachments TEXT NOT NULL,
    parse_warnings TEXT NOT NULL,
    PRIMARY KEY (article_url, version)
);
CREATE INDEX IF NOT EXISTS article_versions_crawl ON article_versions(crawl_id);
CREATE TABLE IF NOT EXISTS asset_blobs (
    sha256 TEXT PRIMARY KEY,
    body BLOB NOT NULL,
    size INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS assets (
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    offsite INTEGER NOT NULL,
    sha256 TEXT REFERENCES asset_blobs(sha256),
    content_type TEXT,
    size INTEGER,
    status INTEGER,
    skipped TEXT,
    first_seen_at TEXT NOT NULL,
    fetched_at TEXT,
    crawl_id INTEGER REFERENCES crawls(id)
);
CREATE TABLE IF NOT EXISTS article_assets (
    article_url TEXT NOT NULL REFERENCES articles(url),
    asset_url TEXT NOT NULL REFERENCES assets(url),
    PRIMARY KEY (article_url, asset_url)
);
CREATE INDEX IF NOT EXISTS article_assets_asset ON article_assets(asset_url);
CREATE TABLE IF NOT EXISTS frontier (
    crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    url TEXT NOT NULL,
    role TEXT NOT NULL,
    meta TEXT NOT NULL,
    priority INTEGER NOT NULL,
    state TEXT NOT NULL,
    discovered_at TEXT NOT NULL,
    done_at TEXT,
    PRIMARY KEY (crawl_id, url)
);
CREATE INDEX IF NOT EXISTS frontier_pending ON frontier(crawl_id, state);
CREATE TABLE IF NOT EXISTS warc_files (
    filename TEXT PRIMARY KEY,
    crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    created_at TEXT NOT NULL,
    committed_end INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS articles_section_published ON articles(section, published_at);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published_at);
CREATE TABLE IF NOT EXISTS sections (
    name TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    kind TEXT,
    position INTEGER NOT NULL,
    known INTEGER NOT NULL,
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    last_crawl_id INTEGER NOT NULL REFERENCES crawls(id)
);
CREATE TABLE IF NOT EXISTS listings (
    section TEXT NOT NULL,
    article_url TEXT NOT NULL,
    listing_url TEXT NOT NULL,
    page INTEGER,
    position INTEGER NOT NULL,
    last_crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    PRIMARY KEY (section, article_url)
);
CREATE TABLE IF NOT EXISTS redirects (
    from_url TEXT PRIMARY KEY,
    to_url TEXT NOT NULL,
    status INTEGER NOT NULL,
    last_crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    seen_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS failures (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    status INTEGER,
    error TEXT NOT NULL,
    referer TEXT,
    crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    failed_at TEXT NOT NULL,
    UNIQUE (crawl_id, url)
);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, body, content='', tokenize='unicode61 remove_diacritics 2'
);
"""


# --- building a schema-1 archive with real data -----------------------------------------------


def copy_tables(source: Path, target: sqlite3.Connection) -> None:
    """Every row of every table of ``source`` into the tables ``target`` already has, the
    columns ``target`` knows (so a v1 target leaves published_year out), versions as ggcrawl
    wrote them before schema 3 (the current one with its text too), and the full-text index
    made by ``target``'s own definition of it, from every article."""
    target.execute("ATTACH DATABASE ? AS src", (str(source),))
    for table in tables(target):
        columns = column_list(columns_of(target, table))
        target.execute(f'DELETE FROM main."{table}"')
        target.execute(
            f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM src."{table}"'
        )
    target.execute(
        "UPDATE main.article_versions SET "
        "body_text = (SELECT a.body_text FROM main.articles a WHERE a.url = article_url), "
        "body_html = (SELECT a.body_html FROM main.articles a WHERE a.url = article_url) "
        "WHERE version = (SELECT a.version FROM main.articles a WHERE a.url = article_url)"
    )
    target.create_function("index_text", 1, index_text)
    target.execute(
        "INSERT INTO main.articles_fts (rowid, title, body) "
        "SELECT id, index_text(title), index_text(body_text) FROM main.articles"
    )
    target.commit()
    target.execute("DETACH DATABASE src")


def tables(conn: sqlite3.Connection) -> list[str]:
    """Tables that hold the archive's rows: every table but the full-text index and its
    shadow tables, which hold the articles' text in the index's own form (searches show it)."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'articles_fts%' ORDER BY name"
        )
    ]


def columns_of(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA main.table_info("{table}")')]


def column_list(columns: list[str]) -> str:
    return ", ".join(f'"{column}"' for column in columns)


# The indexes schema 7 made or made again (ARTICLE_INDEXES and article_versions_snapshot).
SCHEMA_7_INDEXES = {
    "articles_published",
    "articles_section_published",
    "articles_year",
    "articles_source",
    "articles_month",
    "articles_gone",
    "article_versions_snapshot",
}


def make_v1_archive(source: Path, target: Path) -> Path:
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA journal_mode=WAL")  # as every ggcrawl archive
    conn.executescript(V1_TABLES)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute("PRAGMA user_version=1")
    copy_tables(source, conn)
    conn.close()
    return target


def contents(db: Path, schema: dict[str, list[str]]) -> dict[str, list[tuple]]:
    """Every row of every table, as ``schema`` (table → columns) names them, in a fixed order."""
    conn = sqlite3.connect(db)
    try:
        return {
            table: sorted(conn.execute(f'SELECT {column_list(cols)} FROM "{table}"'), key=repr)
            for table, cols in schema.items()
        }
    finally:
        conn.close()


def schema_of(db: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(db)
    try:
        return {table: columns_of(conn, table) for table in tables(conn)}
    finally:
        conn.close()


def shape(db: Path) -> dict[str, object]:
    """What a schema is: each table's columns (with type, constraints and hidden/generated
    flag), each index with its definition (schema 7 made two again with more columns), and the
    FTS table's definition."""
    conn = sqlite3.connect(db)
    try:
        return {
            "columns": {
                table: [tuple(row) for row in conn.execute(f'PRAGMA table_xinfo("{table}")')]
                for table in tables(conn)
            },
            "indexes": sorted(
                conn.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index'")
            ),
            "fts": conn.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'articles_fts'"
            ).fetchone(),
            "version": conn.execute("PRAGMA user_version").fetchone()[0],
            "application_id": conn.execute("PRAGMA application_id").fetchone()[0],
        }
    finally:
        conn.close()


def user_version(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def snapshot_of(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.fixture(scope="module")
def replica():
    """The replica (phpcms dialect: gzip, images, attachments) the archives are crawled from."""
    with ReplicaServer(build_site(articles=30, seed=4), dialect="phpcms") as server:
        yield server


@pytest.fixture(scope="module")
def current(replica, tmp_path_factory) -> Path:
    """A current archive of the replica crawled twice: in full, then after an edit, a removal
    (410) and three new articles, with every archived article revisited."""
    db = tmp_path_factory.mktemp("migrations") / "current.db"
    first = replica.ground_truth()["articles"]
    for step in ("first", "second"):
        if step == "second":
            replica.site.edit_article(
                first[3]["url"], title="关工委工作修订稿", body="扶贫助学修订。"
            )
            replica.site.remove_article(first[6]["url"], status=410)
            replica.site.add_articles(3, seed=8)
        extra = ["--revisit", "all"] if step == "second" else []
        result = run_cli("crawl", "--start-url", replica.base_url, "--db", str(db), *FAST, *extra)
        assert result.returncode == 0, result.stderr
    return db


@pytest.fixture
def v1(current, tmp_path) -> Path:
    return make_v1_archive(current, tmp_path / "old.db")


# --- the tests ------------------------------------------------------------------------------


def test_the_v1_archive_is_schema_1_with_rows_in_every_table(current, v1) -> None:
    assert user_version(v1) == 1
    old_shape = shape(v1)
    assert "published_year" not in [column[1] for column in old_shape["columns"]["articles"]]
    assert "prefix" not in old_shape["fts"][0]
    # Everything else is as today: schema 2 added that one column, schema 3 a view, schema 4
    # the index's prefix index, schema 5 failures.kind, schema 6 crawls.site and the table
    # crawl_fields, schema 7 the browse view's indexes (two of them made again, wider), schema
    # 8 the table article_pages.
    new_shape = shape(current)
    del new_shape["columns"]["crawl_fields"], new_shape["columns"]["article_pages"]
    for found in (old_shape, new_shape):
        found["indexes"] = [
            index
            for index in found["indexes"]
            if index[1] not in ("crawl_fields", "article_pages")
            and index[0] not in SCHEMA_7_INDEXES
        ]
    for table, added in (("articles", "published_year"), ("failures", "kind"), ("crawls", "site")):
        new_shape["columns"][table] = [
            column for column in new_shape["columns"][table] if column[1] != added
        ]
    for found in (old_shape, new_shape):  # column numbers aside: the added ones shift them
        found["columns"] = {
            table: [column[1:] for column in columns] for table, columns in found["columns"].items()
        }
    assert {k: v for k, v in old_shape.items() if k not in ("version", "fts")} == {
        k: v for k, v in new_shape.items() if k not in ("version", "fts")
    }
    rows = contents(v1, schema_of(v1))
    assert [table for table, found in rows.items() if not found] == []
    conn = sqlite3.connect(v1)
    assert conn.execute("SELECT count(*) FROM article_versions WHERE version > 1").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM articles WHERE gone_at IS NOT NULL").fetchone()[0]
    conn.close()


def test_schema_3_keeps_version_text_once_and_the_history_whole(v1) -> None:
    conn = sqlite3.connect(v1)
    versions = "SELECT article_url, version, title, body_text, body_html FROM {} ORDER BY 1, 2"
    before = conn.execute(versions.format("article_versions")).fetchall()
    conn.close()
    Archive.open(v1).close()
    conn = sqlite3.connect(v1)
    assert conn.execute(versions.format("article_history")).fetchall() == before

    def count(where: str) -> int:
        return conn.execute(
            "SELECT COUNT(*) FROM article_versions v JOIN articles a ON a.url = v.article_url "
            f"WHERE {where}"
        ).fetchone()[0]

    assert count("v.version = a.version AND v.body_text IS NULL") == len({r[0] for r in before})
    assert count("v.version < a.version AND v.body_text IS NOT NULL")
    conn.close()


def test_opening_writable_migrates_keeping_every_row_and_value(current, v1, tmp_path) -> None:
    old_schema = schema_of(v1)
    before = contents(v1, old_schema)
    Archive.open(v1).close()
    assert user_version(v1) == SCHEMA_VERSION
    after = contents(v1, old_schema)
    # Schema 3 keeps the current version's text once, in articles; the history shows it whole.
    history = contents(v1, {"article_history": old_schema["article_versions"]})
    assert history["article_history"] == before.pop("article_versions")
    after.pop("article_versions")
    assert after == before
    # It is now shaped exactly like an archive made by this ggcrawl.
    fresh = tmp_path / "fresh.db"
    Archive.open(fresh).close()
    assert shape(v1) == shape(fresh)
    assert "prefix='1'" in shape(v1)["fts"][0]
    conn = sqlite3.connect(v1)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # The index was made again from every article, and is sound.
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        indexed = conn.execute("SELECT COUNT(*) FROM articles_fts_docsize").fetchone()[0]
        assert indexed == conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        years = conn.execute(
            "SELECT published_year, substr(published_at, 1, 4) FROM articles"
        ).fetchall()
        assert years and all(year == expected for year, expected in years)
    finally:
        conn.close()
    # Opening it again changes nothing.
    migrated = contents(v1, schema_of(v1))
    Archive.open(v1).close()
    assert contents(v1, schema_of(v1)) == migrated


def index_columns(db: Path, index: str) -> list[tuple[str, int]]:
    """(column or expression, descending) of an index's key."""
    conn = sqlite3.connect(db)
    try:
        return [
            (row[2] or "<expression>", row[3])
            for row in conn.execute(f"PRAGMA index_xinfo({index})")
            if row[5]  # the key, not the rowid SQLite adds
        ]
    finally:
        conn.close()


def test_schema_7_makes_the_browse_views_indexes(v1) -> None:
    assert index_columns(v1, "articles_published") == [("published_at", 0)]
    assert index_columns(v1, "articles_year") == []
    Archive.open(v1).close()
    assert index_columns(v1, "articles_published") == [("published_at", 1), ("url", 0), ("id", 0)]
    assert index_columns(v1, "articles_section_published") == [
        ("section", 0),
        ("published_at", 0),
        ("id", 0),
    ]
    assert index_columns(v1, "articles_year")[0] == ("published_year", 0)
    assert index_columns(v1, "articles_month")[0] == ("<expression>", 0)
    assert index_columns(v1, "article_versions_snapshot") == [("snapshot_id", 0)]
    conn = sqlite3.connect(v1)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        gone = conn.execute("SELECT COUNT(*) FROM articles WHERE gone_at IS NOT NULL").fetchone()
        # The count of articles gone comes from its partial index, and is still right.
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM articles WHERE gone_at IS NOT NULL"
        ).fetchall()
        assert "COVERING INDEX articles_gone" in plan[0][3]
        assert (
            gone[0]
            == conn.execute(
                "SELECT COUNT(*) FROM articles NOT INDEXED WHERE gone_at IS NOT NULL"
            ).fetchone()[0]
        )
    finally:
        conn.close()


def test_schema_5_gives_earlier_failures_their_kind_from_their_message(v1) -> None:
    """The messages earlier ggcrawls stored, one of each kind; from schema 5 on the spider sets
    the kind itself (tests/test_spider_callbacks.py)."""
    earlier = {
        "http://a/404": (404, "HTTP 404", "http"),
        "http://a/503": (503, "HTTP 503", "http"),
        "http://a/dns": (None, "DNSLookupError: DNS lookup failed", "network"),
        "http://a/cut": (None, "ResponseDataLossError: body cut short", "network"),
        "http://a/robots": (None, "IgnoreRequest: Forbidden by robots.txt", "refused"),
        "http://b/x": (None, "redirect from http://a/r leaves the site", "off-origin"),
        "http://b/y": (None, "outside the archived site", "off-origin"),
        "http://a/loop": (
            302,
            "redirect loop: http://a/loop → http://a/l2 → http://a/loop",
            "redirect-loop",
        ),
        "http://a/far": (302, "more than 5 redirects", "too-many-redirects"),
        "http://a/nowhere": (301, "redirect without a Location header", "bad-redirect"),
        "http://a/big": (None, "DownloadCancelledError: exceeded DOWNLOAD_MAXSIZE", "too-large"),
    }
    conn = sqlite3.connect(v1)
    crawl_id = conn.execute("SELECT MIN(id) FROM crawls").fetchone()[0]
    conn.execute("DELETE FROM failures")
    conn.executemany(
        "INSERT INTO failures (url, status, error, referer, crawl_id, failed_at) "
        "VALUES (?, ?, ?, NULL, ?, '2020-01-01T00:00:00Z')",
        [(url, status, error, crawl_id) for url, (status, error, _) in earlier.items()],
    )
    conn.commit()
    conn.close()
    Archive.open(v1).close()
    conn = sqlite3.connect(v1)
    rows = conn.execute("SELECT url, kind, status, error FROM failures").fetchall()
    conn.close()
    assert {url: (status, error, kind) for url, kind, status, error in rows} == earlier


def test_search_after_migration_finds_what_it_found_before(current, v1) -> None:
    words = ("关工", "扶贫", "关心下一代", "修订", "委", "2016年", "工作 委")
    with Archive.open(current, readonly=True) as archive:
        expected = {word: archive.search(word, limit=100) for word in words}
    assert all(expected.values())
    with Archive.open(v1) as archive:
        assert {word: archive.search(word, limit=100) for word in words} == expected
    result = run_cli("search", "关工", "--db", str(v1), "--json", "--limit", "100")
    assert result.returncode == 0, result.stderr
    assert [hit["url"] for hit in json.loads(result.stdout)] == [h.url for h in expected["关工"]]


def test_read_only_commands_read_an_old_archive_as_it_is(current, v1) -> None:
    """search, crawls and report read a schema-1 archive without upgrading it (they must work
    on a file they cannot write), and find what the same archive of today's schema holds."""
    before = snapshot_of(v1)
    with Archive.open(current, readonly=True) as archive:
        expected = [hit.url for hit in archive.search("扶贫")]
    with Archive.open(v1, create=False, readonly=True) as archive:
        assert [hit.url for hit in archive.search("扶贫")] == expected
        assert len(archive.crawls()) == 2 and archive.crawl_report(2) is not None
    for args in (("search", "关工"), ("crawls",), ("report", "2"), ("report", "1", "--json")):
        result = run_cli(*args, "--db", str(v1))
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert snapshot_of(v1) == before
    assert user_version(v1) == 1


def test_read_only_on_a_write_protected_old_archive(v1) -> None:
    """A schema-1 archive on read-only media: readable, and no upgrade is attempted."""
    v1.chmod(0o444)
    try:
        with Archive.open(v1, create=False, readonly=True) as archive:
            assert archive.search("关工")
    finally:
        v1.chmod(0o644)
    assert user_version(v1) == 1


def test_a_crawl_into_an_old_archive(replica, current, v1) -> None:
    """An incremental crawl of the same site into the schema-1 copy: it is upgraded, knows
    every archived article (none is new again), and archives the articles added since."""
    conn = sqlite3.connect(v1)
    known = {row[0] for row in conn.execute("SELECT url FROM articles")}
    crawls_before = conn.execute("SELECT count(*) FROM crawls").fetchone()[0]
    conn.close()
    replica.site.add_articles(2, seed=21)
    result = run_cli("crawl", "--start-url", replica.base_url, "--db", str(v1), *FAST)
    assert result.returncode == 0, result.stderr
    assert user_version(v1) == SCHEMA_VERSION
    assert f"from archive schema 1 to {SCHEMA_VERSION}, once" in result.stderr
    conn = sqlite3.connect(v1)
    conn.row_factory = sqlite3.Row
    try:
        crawl = conn.execute("SELECT * FROM crawls ORDER BY id DESC LIMIT 1").fetchone()
        assert crawl["id"] == crawls_before + 1
        assert crawl["outcome"] == "finished" and crawl["mode"] == "incremental"
        assert crawl["articles_new"] == 2
        urls = {row[0] for row in conn.execute("SELECT url FROM articles")}
        assert known < urls and len(urls - known) == 2
        new = conn.execute(
            "SELECT published_year, published_at FROM articles WHERE first_crawl_id = ?",
            (crawl["id"],),
        ).fetchall()
        assert len(new) == 2 and all(row[0] == row[1][:4] for row in new)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_two_processes_opening_an_old_archive_upgrade_it_once(v1) -> None:
    """Another process upgrades the archive while this one waits for the write lock: the
    upgrade must not run twice ("duplicate column name: published_year")."""
    other = sqlite3.connect(v1, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # holds the write lock, as a migrating process would
    opened: list[object] = []

    def open_archive() -> None:
        try:
            Archive.open(v1).close()
            opened.append("ok")
        except Exception as exc:  # reported below
            opened.append(exc)

    thread = threading.Thread(target=open_archive)
    thread.start()
    time.sleep(0.5)  # it has read user_version 1 and waits for the lock
    other.execute(
        "ALTER TABLE articles ADD COLUMN published_year TEXT "
        "GENERATED ALWAYS AS (substr(published_at, 1, 4)) VIRTUAL"
    )
    other.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    other.execute("COMMIT")
    other.close()
    thread.join(timeout=60)
    assert opened == ["ok"]
    assert user_version(v1) == SCHEMA_VERSION
