"""Checks several tests make of an archive: SQLite integrity, ground truth, WARC agreement."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from ggcrawl.replica.truth import ARTICLE_FIELDS
from ggcrawl.store import compression
from ggcrawl.urls import normalize_url

FIELDS = ARTICLE_FIELDS


def query(db: Path, sql: str, *params) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    compression.register(conn)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def assert_integrity(db: Path) -> None:
    assert query(db, "PRAGMA integrity_check")[0][0] == "ok"
    assert query(db, "PRAGMA foreign_key_check") == []


def assert_matches_truth(db: Path, truth: dict) -> None:
    """Every live article of the truth is archived once, with exact fields; nothing else."""
    archived = {r["url"]: r for r in query(db, "SELECT * FROM articles WHERE gone_at IS NULL")}
    expected = {normalize_url(a["url"]): a for a in truth["articles"]}
    assert sorted(archived) == sorted(expected)
    for url, want in expected.items():
        for name in FIELDS:
            value = want[name]
            if name.endswith("_url") and value:
                value = normalize_url(value)
            assert archived[url][name] == value, f"{name} of {url}"


def assert_warc_agrees(db: Path) -> int:
    """`warcio check` passes on every WARC file, and each snapshot's WARC record holds exactly
    the snapshot's bytes (after content-encoding is undone). Returns the records checked."""
    folder = db.parent
    files = [row[0] for row in query(db, "SELECT filename FROM warc_files")]
    assert files
    for name in files:
        check = subprocess.run(
            [str(Path(sys.executable).with_name("warcio")), "check", str(folder / name)],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stdout + check.stderr
    rows = query(
        db,
        "SELECT url, status, sqlar_uncompress(body, size) AS body, warc_filename, "
        "warc_record_id, warc_offset, warc_length FROM snapshots WHERE warc_filename IS NOT NULL",
    )
    assert rows
    for row in rows:
        with (folder / row["warc_filename"]).open("rb") as handle:
            handle.seek(row["warc_offset"])
            record = next(iter(ArchiveIterator(handle)))
            assert record.rec_headers.get_header("WARC-Record-ID") == row["warc_record_id"]
            assert record.rec_headers.get_header("WARC-Type") == "response"
            assert record.rec_headers.get_header("WARC-Target-URI") == row["url"]
            assert int(record.http_headers.get_statuscode()) == row["status"]
            assert record.content_stream().read() == row["body"]
            assert handle.tell() - row["warc_offset"] >= row["warc_length"]
    return len(rows)
