"""Crawl reports, read from the archive (never from a process's memory, which a kill loses)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from ggcrawl.extract.chain import SPLIT_WARNING
from ggcrawl.health import judge
from ggcrawl.store import health


def crawl_report(conn: sqlite3.Connection, crawl_id: int) -> dict[str, Any] | None:
    crawl = conn.execute("SELECT * FROM crawls WHERE id = ?", (crawl_id,)).fetchone()
    if crawl is None:
        return None
    stats = json.loads(crawl["stats"] or "{}")
    counts = _article_counts(conn, crawl_id)
    per_section = conn.execute(
        "SELECT COALESCE(section, '(none)') AS section, COUNT(*) AS n FROM articles "
        "WHERE last_crawl_id = ? GROUP BY 1 ORDER BY n DESC, section",
        (crawl_id,),
    ).fetchall()
    changed = conn.execute(
        "SELECT v.article_url AS url, v.title, v.version FROM article_versions v "
        "WHERE v.crawl_id = ? AND v.version > 1 ORDER BY v.article_url",
        (crawl_id,),
    ).fetchall()
    gone = conn.execute(
        "SELECT url, title, gone_status FROM articles WHERE gone_crawl_id = ? ORDER BY url",
        (crawl_id,),
    ).fetchall()
    # Articles the site splits over pages whose later pages could not all be joined (failed,
    # off the site, or past MAX_ARTICLE_PAGES): the warning names where the text goes on.
    split = conn.execute(
        "SELECT url, title FROM articles WHERE last_crawl_id = ? AND parse_warnings LIKE ? "
        "ORDER BY url",
        (crawl_id, f"%{SPLIT_WARNING}%"),
    ).fetchall()
    # An archive older than schema 5, read as it is (read-only), has no failures.kind.
    has_kind = any(row[1] == "kind" for row in conn.execute("PRAGMA table_info(failures)"))
    failures = conn.execute(
        f"SELECT url, {'kind' if has_kind else 'NULL AS kind'}, status, error, referer "
        "FROM failures WHERE crawl_id = ? ORDER BY id",
        (crawl_id,),
    ).fetchall()
    assets = conn.execute(
        "SELECT SUM(sha256 IS NOT NULL) AS fetched, SUM(skipped IS NOT NULL) AS skipped "
        "FROM assets WHERE crawl_id = ?",
        (crawl_id,),
    ).fetchone()
    offsite = conn.execute(
        "SELECT COUNT(*) FROM assets WHERE offsite = 1 AND first_seen_at >= ?",
        (crawl["started_at"],),
    ).fetchone()[0]
    warc = [
        r[0]
        for r in conn.execute("SELECT filename FROM warc_files WHERE crawl_id = ?", (crawl_id,))
    ]
    return {
        "id": crawl_id,
        "start_url": crawl["start_url"],
        "mode": crawl["mode"],
        "outcome": crawl["outcome"],
        "started_at": crawl["started_at"],
        "finished_at": crawl["finished_at"],
        "duration_s": _duration(crawl["started_at"], crawl["finished_at"]),
        "resumes": crawl["resumes"],
        "articles": {
            **counts,
            "archived": conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
        },
        "sections": [(r["section"], r["n"]) for r in per_section],
        "changed": [dict(r) for r in changed],
        "gone": [dict(r) for r in gone],
        "split": [dict(r) for r in split],
        "assets": {
            "fetched": assets["fetched"] or 0,
            "skipped": assets["skipped"] or 0,
            "offsite_listed": offsite,
        },
        "failures": [dict(r) for r in failures],
        "requests": stats.get("downloader/request_count", 0),
        "responses": stats.get("response_received_count", 0),
        "bytes": stats.get("downloader/response_bytes", 0),
        "warc_files": warc,
        "site": dict(crawl).get("site"),
        "health": crawl_health(conn, crawl_id),
    }


def crawl_health(conn: sqlite3.Connection, crawl_id: int) -> dict[str, Any]:
    """The crawl's extraction health: articles extracted, per field how many had it, and the
    flags of a probable template change (against the previous crawl), with example URLs."""
    counts = health.kept(conn, crawl_id)
    if counts is None:
        if not health.has_table(conn):
            return {"articles": None, "found": {}, "flags": []}
        counts = health.measure(conn, crawl_id)
    previous_id = health.previous_crawl(conn, crawl_id)
    previous = health.kept(conn, previous_id) if previous_id is not None else None
    flags = [
        {
            "field": flag.field,
            "rate": flag.rate,
            "previous": flag.previous,
            "reason": flag.reason,
            "examples": health.missing_examples(conn, crawl_id, flag.field),
        }
        for flag in judge(counts, previous)
    ]
    return {
        "articles": max((n for n, _ in counts.values()), default=0),
        "found": {name: counts[name][1] for name in health.HEALTH_FIELDS if name in counts},
        "flags": flags,
        "compared_with": previous_id,
    }


def crawls(conn: sqlite3.Connection, limit: int) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT * FROM crawls ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
    result = []
    for row in rows:
        stats = json.loads(row["stats"] or "{}")
        result.append(
            {
                "id": row["id"],
                "started_at": row["started_at"],
                "duration_s": _duration(row["started_at"], row["finished_at"]),
                "mode": row["mode"],
                "outcome": row["outcome"],
                **_article_counts(conn, row["id"]),
                "failures": conn.execute(
                    "SELECT COUNT(*) FROM failures WHERE crawl_id = ?", (row["id"],)
                ).fetchone()[0],
                "requests": stats.get("downloader/request_count", 0),
                "start_url": row["start_url"],
                "health": crawl_health(conn, row["id"]),
            }
        )
    return result


def _article_counts(conn: sqlite3.Connection, crawl_id: int) -> dict[str, int]:
    """As recorded when the crawl ended; counted now for a crawl still running or killed."""
    row = conn.execute(
        "SELECT articles_new, articles_changed, articles_unchanged, articles_gone FROM crawls "
        "WHERE id = ?",
        (crawl_id,),
    ).fetchone()
    if row is not None and row[0] is not None:
        return {"new": row[0], "changed": row[1], "unchanged": row[2], "gone": row[3]}
    return live_article_counts(conn, crawl_id)


def live_article_counts(conn: sqlite3.Connection, crawl_id: int) -> dict[str, int]:
    row = conn.execute(
        "SELECT (SELECT COUNT(*) FROM articles WHERE first_crawl_id = :c) AS new, "
        "(SELECT COUNT(DISTINCT article_url) FROM article_versions "
        " WHERE crawl_id = :c AND version > 1) AS changed, "
        "(SELECT COUNT(*) FROM articles WHERE last_crawl_id = :c) AS seen, "
        "(SELECT COUNT(*) FROM articles WHERE gone_crawl_id = :c) AS gone",
        {"c": crawl_id},
    ).fetchone()
    return {
        "new": row["new"],
        "changed": row["changed"],
        "unchanged": max(row["seen"] - row["new"] - row["changed"], 0),
        "gone": row["gone"],
    }


def _duration(started: str | None, finished: str | None) -> float | None:
    if not started or not finished:
        return None
    parse = lambda text: datetime.fromisoformat(text.replace("Z", "+00:00"))  # noqa: E731
    return (parse(finished) - parse(started)).total_seconds()
