"""How a fetch is kept: snapshots, article versions, gone pages, assets, the frontier.

Called by :class:`ggcrawl.store.archive.Archive` inside its open transaction; nothing here
commits, so one fetch is always written whole or not at all.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ggcrawl.items import Article, AssetData, AssetLink, Fetch, FrontierEntry, Snapshot, WarcRef
from ggcrawl.store import compression, fts

if TYPE_CHECKING:
    from ggcrawl.store.archive import Archive

# The fields whose change makes a new version. The 上一篇/下一篇 links are not among them: they
# change whenever a neighbour is published, the article does not.
CONTENT_FIELDS = (
    "section",
    "title",
    "published_at",
    "source",
    "body_text",
    "body_html",
    "images",
    "attachments",
)


def record_fetch(archive: Archive, fetch: Fetch, crawl_id: int) -> str | None:
    """Write ``fetch``; returns the article outcome (new, changed, unchanged, gone) if any."""
    outcome: str | None = None
    snapshot_id = (
        add_snapshot(archive, fetch.snapshot, fetch.warc, crawl_id) if fetch.snapshot else None
    )
    if fetch.article is not None and snapshot_id is not None:
        outcome = upsert_article(archive, fetch.article, crawl_id, snapshot_id)
    elif fetch.not_modified and fetch.role == "article":
        outcome = _touch_article(archive, fetch.url, fetch.fetched_at, crawl_id)
    if fetch.gone_status is not None:
        outcome = (
            _mark_gone(archive, fetch.url, fetch.gone_status, fetch.fetched_at, crawl_id) or outcome
        )
    for section in fetch.sections:
        archive._write(
            "INSERT INTO sections (name, url, kind, position, known, first_seen_at, last_seen_at, "
            "last_crawl_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
            "url = excluded.url, kind = COALESCE(excluded.kind, sections.kind), "
            "position = excluded.position, known = excluded.known, "
            "last_seen_at = excluded.last_seen_at, last_crawl_id = excluded.last_crawl_id",
            (
                section.name,
                section.url,
                section.kind,
                section.position,
                int(section.known),
                fetch.fetched_at,
                fetch.fetched_at,
                crawl_id,
            ),
        )
    for entry in fetch.listings:
        archive._write(
            "INSERT INTO listings (section, article_url, listing_url, page, position, "
            "last_crawl_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(section, article_url) DO UPDATE "
            "SET listing_url = excluded.listing_url, page = excluded.page, "
            "position = excluded.position, last_crawl_id = excluded.last_crawl_id",
            (entry.section, entry.url, entry.listing_url, entry.page, entry.position, crawl_id),
        )
    if fetch.redirect is not None:
        redirect = fetch.redirect
        archive._write(
            "INSERT INTO redirects (from_url, to_url, status, last_crawl_id, seen_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(from_url) DO UPDATE SET to_url = excluded.to_url, "
            "status = excluded.status, last_crawl_id = excluded.last_crawl_id, "
            "seen_at = excluded.seen_at",
            (redirect.from_url, redirect.to_url, redirect.status, crawl_id, fetch.fetched_at),
        )
    if fetch.failure is not None:
        failure = fetch.failure
        archive._write(
            "INSERT INTO failures (url, kind, status, error, referer, crawl_id, failed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(crawl_id, url) DO UPDATE SET "
            "kind = excluded.kind, status = excluded.status, error = excluded.error, "
            "failed_at = excluded.failed_at",
            (
                failure.url,
                failure.kind,
                failure.status,
                failure.error,
                failure.referer,
                crawl_id,
                failure.failed_at,
            ),
        )
    if fetch.article is not None:
        _link_assets(archive, fetch.article.url, fetch.asset_links, fetch.fetched_at)
    if fetch.asset is not None:
        _store_asset(archive, fetch.asset, fetch.fetched_at, crawl_id)
    add_frontier(archive, crawl_id, fetch.discovered)
    archive._write(
        "INSERT INTO frontier (crawl_id, url, role, meta, priority, state, discovered_at, done_at) "
        "VALUES (?, ?, ?, '{}', 0, 'done', ?, ?) ON CONFLICT(crawl_id, url) DO UPDATE SET "
        "state = 'done', done_at = excluded.done_at",
        (crawl_id, fetch.url, fetch.role, fetch.fetched_at, fetch.fetched_at),
    )
    if fetch.warc is not None:
        archive._write(
            "UPDATE warc_files SET committed_end = MAX(committed_end, ?) WHERE filename = ?",
            (fetch.warc.offset + fetch.warc.length, fetch.warc.filename),
        )
    return outcome


def add_frontier(archive: Archive, crawl_id: int, entries: Iterable[FrontierEntry]) -> None:
    for entry in entries:
        archive._write(
            "INSERT OR IGNORE INTO frontier (crawl_id, url, role, meta, priority, state, "
            "discovered_at) VALUES (?, ?, ?, ?, ?, ?, datetime('now'))",
            (
                crawl_id,
                entry.url,
                entry.role,
                json.dumps(entry.meta, ensure_ascii=False),
                entry.priority,
                "held" if entry.held else "pending",
            ),
        )


def add_snapshot(archive: Archive, snapshot: Snapshot, warc: WarcRef | None, crawl_id: int) -> int:
    """Store the bytes once per (url, status, sha256); a refetch only updates last_*."""
    digest = snapshot.sha256
    row = archive._write(
        "SELECT id FROM snapshots WHERE url = ? AND status = ? AND sha256 = ?",
        (snapshot.url, snapshot.status, digest),
    ).fetchone()
    if row:
        archive._write(
            "UPDATE snapshots SET last_crawl_id = ?, last_fetched_at = ? WHERE id = ?",
            (crawl_id, snapshot.fetched_at, row[0]),
        )
        return int(row[0])
    cursor = archive._write(
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


def article_values(article: Article, snapshot_id: int) -> dict[str, Any]:
    """The extracted columns of an article row, as stored."""
    return {
        "url": article.url,
        "section": article.section,
        "title": article.title,
        "published_at": article.published_at,
        "source": article.source,
        "body_text": article.body_text,
        "body_html": article.body_html,
        "images": json.dumps(article.images, ensure_ascii=False),
        "attachments": json.dumps(article.attachments, ensure_ascii=False),
        "prev_url": article.prev_url,
        "next_url": article.next_url,
        "snapshot_id": snapshot_id,
        "parse_warnings": json.dumps(article.parse_warnings, ensure_ascii=False),
    }


def upsert_article(archive: Archive, article: Article, crawl_id: int, snapshot_id: int) -> str:
    """Insert or update the article and its full-text entry, adding a version when its content
    changed; returns ``new``, ``changed`` or ``unchanged``."""
    old = _article_row(archive, article.url)
    values = {
        **article_values(article, snapshot_id),
        "seen": article.fetched_at,
        "crawl_id": crawl_id,
    }
    if old is None:
        cursor = archive._write(
            "INSERT INTO articles (url, id, section, title, published_at, source, body_text, "
            "body_html, images, attachments, prev_url, next_url, snapshot_id, first_seen_at, "
            "last_seen_at, first_crawl_id, last_crawl_id, parse_warnings, version, changed_at) "
            "VALUES (:url, (SELECT COALESCE(MAX(id), 0) + 1 FROM articles), :section, :title, "
            ":published_at, :source, :body_text, :body_html, :images, :attachments, "
            ":prev_url, :next_url, :snapshot_id, :seen, :seen, :crawl_id, :crawl_id, "
            ":parse_warnings, 1, :seen) RETURNING id",
            values,
        )
        _index(archive, cursor.fetchone()[0], article.title, article.body_text)
        _add_version(archive, values, 1)
        return "new"
    changed = any(old[name] != values[name] for name in CONTENT_FIELDS)
    version = old["version"] + 1 if changed else old["version"]
    _set_fields(archive, old, values)
    archive._write(
        "UPDATE articles SET last_seen_at = :seen, last_crawl_id = :crawl_id, version = :version, "
        "changed_at = CASE WHEN :changed THEN :seen ELSE changed_at END, gone_at = NULL, "
        "gone_crawl_id = NULL, gone_status = NULL WHERE url = :url",
        {**values, "version": version, "changed": changed},
    )
    if changed:
        # The superseded version takes its text along; the new one's text is the article's.
        archive._write(
            "UPDATE article_versions SET body_text = ?, body_html = ? "
            "WHERE article_url = ? AND version = ?",
            (old["body_text"], old["body_html"], article.url, old["version"]),
        )
        _add_version(archive, values, version)
        return "changed"
    return "unchanged"


def reparse_article(archive: Archive, article: Article, snapshot_id: int) -> list[str]:
    """Replace an archived article's fields with a new extraction of the same snapshot (the
    latest version is corrected in place: it is the same capture); the names of the fields
    that changed, none if nothing did."""
    old = _article_row(archive, article.url)
    if old is None:
        return []
    values = article_values(article, snapshot_id)
    changed = [name for name, value in values.items() if old[name] != value]
    if not changed:
        return []
    _set_fields(archive, old, values)
    archive._write(
        "UPDATE article_versions SET section = :section, title = :title, "
        "published_at = :published_at, source = :source, images = :images, "
        "attachments = :attachments, parse_warnings = :parse_warnings "
        "WHERE article_url = :url AND version = :version",
        {**values, "version": old["version"]},
    )
    return changed


def _add_version(archive: Archive, values: dict[str, Any], version: int) -> None:
    """The current version, its text left to the article row (article_history joins them)."""
    archive._write(
        "INSERT OR REPLACE INTO article_versions (article_url, version, crawl_id, snapshot_id, "
        "seen_at, section, title, published_at, source, images, attachments, parse_warnings) "
        "VALUES (:url, :version, :crawl_id, :snapshot_id, :seen, :section, :title, "
        ":published_at, :source, :images, :attachments, :parse_warnings)",
        {**values, "version": version},
    )


def _article_row(archive: Archive, url: str) -> sqlite3.Row | None:
    return archive._write("SELECT * FROM articles WHERE url = ?", (url,)).fetchone()


def _set_fields(archive: Archive, old: sqlite3.Row, values: dict[str, Any]) -> None:
    archive._write(
        "UPDATE articles SET section = :section, title = :title, "
        "published_at = :published_at, source = :source, body_text = :body_text, "
        "body_html = :body_html, images = :images, attachments = :attachments, "
        "prev_url = :prev_url, next_url = :next_url, snapshot_id = :snapshot_id, "
        "parse_warnings = :parse_warnings WHERE url = :url",
        values,
    )
    if (old["title"], old["body_text"]) != (values["title"], values["body_text"]):
        _unindex(archive, old["id"], old["title"], old["body_text"])
        _index(archive, old["id"], values["title"], values["body_text"])


def _touch_article(archive: Archive, url: str, seen: str, crawl_id: int) -> str | None:
    """A 304 Not Modified: the archived article is still current."""
    cursor = archive._write(
        "UPDATE articles SET last_seen_at = ?, last_crawl_id = ?, gone_at = NULL, "
        "gone_crawl_id = NULL, gone_status = NULL WHERE url = ?",
        (seen, crawl_id, url),
    )
    return "unchanged" if cursor.rowcount else None


def _mark_gone(archive: Archive, url: str, status: int, seen: str, crawl_id: int) -> str | None:
    """An archived article that now answers 404/410 is marked gone, never deleted."""
    cursor = archive._write(
        "UPDATE articles SET gone_at = ?, gone_crawl_id = ?, gone_status = ? "
        "WHERE url = ? AND gone_at IS NULL",
        (seen, crawl_id, status, url),
    )
    return "gone" if cursor.rowcount else None


def _index(archive: Archive, article_id: int, title: str | None, body: str | None) -> None:
    archive._write(
        "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
        (article_id, fts.index_text(title), fts.index_text(body)),
    )


def _unindex(archive: Archive, article_id: int, title: str | None, body: str | None) -> None:
    # A contentless FTS5 table forgets a row only when given the exact indexed values.
    archive._write(
        "INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
        (article_id, fts.index_text(title), fts.index_text(body)),
    )


def _link_assets(archive: Archive, article_url: str, links: list[AssetLink], seen: str) -> None:
    for link in links:
        archive._write(
            "INSERT OR IGNORE INTO assets (url, kind, offsite, first_seen_at) VALUES (?, ?, ?, ?)",
            (link.url, link.kind, int(link.offsite), seen),
        )
        archive._write(
            "INSERT OR IGNORE INTO article_assets (article_url, asset_url) VALUES (?, ?)",
            (article_url, link.url),
        )


def _store_asset(archive: Archive, asset: AssetData, seen: str, crawl_id: int) -> None:
    """Bytes once per sha256 (content-addressed); the URL row says where they came from."""
    digest = asset.sha256
    if asset.body is not None:
        archive._write(
            "INSERT OR IGNORE INTO asset_blobs (sha256, body, size) VALUES (?, ?, ?)",
            (digest, asset.body, len(asset.body)),
        )
    archive._write(
        "INSERT INTO assets (url, kind, offsite, sha256, content_type, size, status, skipped, "
        "first_seen_at, fetched_at, crawl_id) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(url) DO UPDATE SET sha256 = excluded.sha256, "
        "content_type = excluded.content_type, size = excluded.size, status = excluded.status, "
        "skipped = excluded.skipped, fetched_at = excluded.fetched_at, "
        "crawl_id = excluded.crawl_id",
        (
            asset.url,
            asset.kind,
            digest,
            asset.content_type,
            len(asset.body) if asset.body is not None else None,
            asset.status,
            asset.skipped,
            seen,
            seen,
            crawl_id,
        ),
    )
