"""A fetch's snapshot: the bytes as served, stored once per URL, status and content."""

from __future__ import annotations

import json

from ggcrawl.items import Snapshot, WarcRef
from ggcrawl.store import compression
from ggcrawl.store.writer import Writer


def add_snapshot(writer: Writer, snapshot: Snapshot, warc: WarcRef | None, crawl_id: int) -> int:
    """Store the bytes once per (url, status, sha256); a refetch only updates last_*."""
    digest = snapshot.sha256
    known = snapshot_id(writer, snapshot.url, snapshot.status, digest)
    if known is not None:
        writer.execute(
            "UPDATE snapshots SET last_crawl_id = ?, last_fetched_at = ? WHERE id = ?",
            (crawl_id, snapshot.fetched_at, known),
        )
        return known
    cursor = writer.execute(
        "INSERT INTO snapshots (url, crawl_id, fetched_at, status, headers, encoding, body, "
        "sha256, size, last_crawl_id, last_fetched_at, warc_filename, warc_record_id, "
        "warc_offset, warc_length, warc_payload_digest, warc_date) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            snapshot.url,
            crawl_id,
            snapshot.fetched_at,
            snapshot.status,
            json.dumps(snapshot.headers, ensure_ascii=False),
            snapshot.encoding,
            compression.pack(snapshot.body),
            digest,
            len(snapshot.body),
            crawl_id,
            snapshot.fetched_at,
            warc.filename if warc else None,
            warc.record_id if warc else None,
            warc.offset if warc else None,
            warc.length if warc else None,
            warc.payload_digest if warc else None,
            warc.date if warc else None,
        ),
    )
    return int(cursor.lastrowid or 0)


def snapshot_id(writer: Writer, url: str, status: int, sha256: str) -> int | None:
    """The stored snapshot of ``url`` with these bytes: the one an article's fields came from,
    when the article is kept on a later fetch (its last page, for an article split over pages)."""
    row = writer.row(
        "SELECT id FROM snapshots WHERE url = ? AND status = ? AND sha256 = ?",
        (url, status, sha256),
    )
    return int(row[0]) if row else None
