"""How many bytes the archive spends per article, and on what.

Why dbstat: SQLite's own page accounting gives each table and index its real size on disk
(page overhead and free space included), so "snapshots + text + full-text index" is measured,
not estimated from column lengths.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

TEXT_TABLES = ("articles", "article_versions")
ASSET_TABLES = ("asset_blobs", "assets", "article_assets")


def _group(table: str) -> str:
    if table == "snapshots":
        return "snapshots"
    if table in TEXT_TABLES:
        return "text"
    if table.startswith("articles_fts"):
        return "fts"
    if table in ASSET_TABLES:
        return "assets"
    return "other"


def archive_size(db: Path) -> dict[str, Any]:
    """Bytes per table group, raw HTML bytes, and the ratio the target is about."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        owner = dict(conn.execute("SELECT name, tbl_name FROM sqlite_master"))
        per_table: dict[str, int] = {}
        for name, size in conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"):
            table = owner.get(name, name)
            per_table[table] = per_table.get(table, 0) + int(size)
        groups: dict[str, int] = {}
        for table, size in per_table.items():
            groups[_group(table)] = groups.get(_group(table), 0) + size
        articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        raw_html, pages = conn.execute("SELECT SUM(size), COUNT(*) FROM snapshots").fetchone()
        raw_articles = conn.execute(
            "SELECT SUM(size) FROM snapshots WHERE id IN (SELECT snapshot_id FROM articles)"
        ).fetchone()[0]
        columns = {
            f"{table}.{column}": conn.execute(
                f"SELECT SUM(length(CAST({column} AS BLOB))) FROM {table}"
            ).fetchone()[0]
            or 0
            for table in TEXT_TABLES
            for column in ("body_text", "body_html")
        }
    finally:
        conn.close()
    kept = groups.get("snapshots", 0) + groups.get("text", 0) + groups.get("fts", 0)
    warc = sum(p.stat().st_size for p in db.parent.glob(f"{db.stem}-crawl*.warc.gz"))
    return {
        "articles": articles,
        "snapshots": pages,
        "raw_html_bytes": raw_html or 0,
        "raw_article_html_bytes": raw_articles or 0,
        "groups": groups,
        "tables": dict(sorted(per_table.items(), key=lambda kv: -kv[1])),
        "text_columns": columns,
        "kept_bytes": kept,
        "kept_per_article": round(kept / articles) if articles else None,
        "raw_html_per_article": round((raw_html or 0) / articles) if articles else None,
        "ratio": round(kept / raw_html, 2) if raw_html else None,
        "file_bytes": db.stat().st_size,
        "warc_bytes": warc,
    }
