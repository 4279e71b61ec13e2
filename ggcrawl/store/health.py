"""Extraction health, kept per crawl: of the articles a crawl extracted, how many had each field.

A template change on the site shows here first: fields that were found on nearly every article
go missing, crawl after crawl, with only a note in ``parse_warnings``. The judgement of what is a
drop is :mod:`ggcrawl.health`'s; this module counts and keeps.
"""

from __future__ import annotations

import sqlite3

from ggcrawl.extract.chain import SPLIT_WARNING

# crawl_fields.field → what "found" counts, over articles a (and their snapshot s).
HEALTH_FIELDS: dict[str, str] = {
    "title": "a.title IS NOT NULL AND a.title != ''",
    "published_at": "a.published_at IS NOT NULL",
    "source": "a.source IS NOT NULL AND a.source != ''",
    "section": "a.section IS NOT NULL AND a.section != ''",
    "body_text": "a.body_text IS NOT NULL AND a.body_text != ''",
    "prev_next": "a.prev_url IS NOT NULL OR a.next_url IS NOT NULL",
    # A warning other than that the site split the article over pages (which is the site's
    # way, not a sign its templates changed).
    "parse_warnings": (
        "CASE WHEN a.parse_warnings IN ('[]', '') THEN 0 ELSE json_array_length(a.parse_warnings)"
        f" > (a.parse_warnings LIKE '%{SPLIT_WARNING}%') END"
    ),
}
# The articles a crawl extracted: fetched with a body in it (a 304 extracts nothing).
EXTRACTED = (
    "FROM articles a JOIN snapshots s ON s.id = a.snapshot_id "
    "WHERE a.last_crawl_id = :crawl AND s.last_crawl_id = :crawl"
)


def measure(conn: sqlite3.Connection, crawl_id: int) -> dict[str, tuple[int, int]]:
    """field → (articles extracted, articles with the field), counted now."""
    found = ", ".join(f"COALESCE(SUM({test}), 0)" for test in HEALTH_FIELDS.values())
    row = conn.execute(f"SELECT COUNT(*), {found} {EXTRACTED}", {"crawl": crawl_id}).fetchone()
    return {field: (row[0], row[i + 1]) for i, field in enumerate(HEALTH_FIELDS)}


def keep(conn: sqlite3.Connection, crawl_id: int) -> None:
    """Count and keep the crawl's health (inside the caller's transaction)."""
    conn.executemany(
        "INSERT OR REPLACE INTO crawl_fields (crawl_id, field, articles, found) "
        "VALUES (?, ?, ?, ?)",
        [(crawl_id, field, *counts) for field, counts in measure(conn, crawl_id).items()],
    )


def kept(conn: sqlite3.Connection, crawl_id: int) -> dict[str, tuple[int, int]] | None:
    """The health kept for a finished crawl, None if it has none (running, or older than
    schema 6)."""
    if not has_table(conn):
        return None
    rows = conn.execute(
        "SELECT field, articles, found FROM crawl_fields WHERE crawl_id = ?", (crawl_id,)
    ).fetchall()
    return {row[0]: (row[1], row[2]) for row in rows} or None


def missing_examples(
    conn: sqlite3.Connection, crawl_id: int, field: str, limit: int = 3
) -> list[str]:
    """URLs of articles the crawl extracted without ``field`` (with a warning, for
    parse_warnings)."""
    test = HEALTH_FIELDS[field]
    negate = "" if field == "parse_warnings" else "NOT "
    return [
        row[0]
        for row in conn.execute(
            f"SELECT a.url {EXTRACTED} AND {negate}({test}) ORDER BY a.id LIMIT :limit",
            {"crawl": crawl_id, "limit": limit},
        )
    ]


def previous_crawl(conn: sqlite3.Connection, crawl_id: int) -> int | None:
    """The last earlier crawl whose health was kept."""
    if not has_table(conn):
        return None
    row = conn.execute(
        "SELECT MAX(crawl_id) FROM crawl_fields WHERE crawl_id < ?", (crawl_id,)
    ).fetchone()
    return row[0]


def has_table(conn: sqlite3.Connection) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'crawl_fields'"
        ).fetchone()
        is not None
    )
