"""A fetch's article: its row, its versions (a new one whenever its content changes, never an
overwrite), its full-text entry, and its being gone (kept, marked)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ggcrawl.items import Article
from ggcrawl.store import fts, snapshots
from ggcrawl.store.writer import Writer

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


def upsert_article(writer: Writer, article: Article, crawl_id: int, snapshot_id: int) -> str:
    """Insert or update the article and its full-text entry, adding a version when its content
    changed; returns ``new``, ``changed`` or ``unchanged``."""
    old = _article_row(writer, article.url)
    values = {
        **article_values(article, snapshot_id),
        "seen": article.fetched_at,
        "crawl_id": crawl_id,
    }
    if old is None:
        cursor = writer.execute(
            "INSERT INTO articles (url, id, section, title, published_at, source, body_text, "
            "body_html, images, attachments, prev_url, next_url, snapshot_id, first_seen_at, "
            "last_seen_at, first_crawl_id, last_crawl_id, parse_warnings, version, changed_at) "
            "VALUES (:url, (SELECT COALESCE(MAX(id), 0) + 1 FROM articles), :section, :title, "
            ":published_at, :source, :body_text, :body_html, :images, :attachments, "
            ":prev_url, :next_url, :snapshot_id, :seen, :seen, :crawl_id, :crawl_id, "
            ":parse_warnings, 1, :seen) RETURNING id",
            values,
        )
        _index(writer, cursor.fetchone()[0], article.title, article.body_text)
        _add_version(writer, values, 1)
        _set_pages(writer, article, 1)
        return "new"
    changed = any(old[name] != values[name] for name in CONTENT_FIELDS)
    version = old["version"] + 1 if changed else old["version"]
    _set_fields(writer, old, values)
    writer.execute(
        "UPDATE articles SET last_seen_at = :seen, last_crawl_id = :crawl_id, version = :version, "
        "changed_at = CASE WHEN :changed THEN :seen ELSE changed_at END, gone_at = NULL, "
        "gone_crawl_id = NULL, gone_status = NULL WHERE url = :url",
        {**values, "version": version, "changed": changed},
    )
    if changed:
        # The superseded version takes its text along; the new one's text is the article's.
        writer.execute(
            "UPDATE article_versions SET body_text = ?, body_html = ? "
            "WHERE article_url = ? AND version = ?",
            (old["body_text"], old["body_html"], article.url, old["version"]),
        )
        _add_version(writer, values, version)
        _set_pages(writer, article, version)
        return "changed"
    _set_pages(writer, article, version)
    return "unchanged"


def reparse_article(writer: Writer, article: Article, snapshot_id: int) -> list[str]:
    """Replace an archived article's fields with a new extraction of the same snapshot (the
    latest version is corrected in place: it is the same capture); the names of the fields
    that changed, none if nothing did."""
    old = _article_row(writer, article.url)
    if old is None:
        return []
    values = article_values(article, snapshot_id)
    changed = [name for name, value in values.items() if old[name] != value]
    _set_pages(writer, article, old["version"])
    if not changed:
        return []
    _set_fields(writer, old, values)
    writer.execute(
        "UPDATE article_versions SET section = :section, title = :title, "
        "published_at = :published_at, source = :source, images = :images, "
        "attachments = :attachments, parse_warnings = :parse_warnings "
        "WHERE article_url = :url AND version = :version",
        {**values, "version": old["version"]},
    )
    return changed


def _add_version(writer: Writer, values: dict[str, Any], version: int) -> None:
    """The current version, its text left to the article row (article_history joins them)."""
    writer.execute(
        "INSERT OR REPLACE INTO article_versions (article_url, version, crawl_id, snapshot_id, "
        "seen_at, section, title, published_at, source, images, attachments, parse_warnings) "
        "VALUES (:url, :version, :crawl_id, :snapshot_id, :seen, :section, :title, "
        ":published_at, :source, :images, :attachments, :parse_warnings)",
        {**values, "version": version},
    )


def _set_pages(writer: Writer, article: Article, version: int) -> None:
    """The later pages whose text the version joins (an article the site splits over pages),
    each with the snapshot it was read from; as last seen, like the article's own snapshot."""
    writer.execute(
        "DELETE FROM article_pages WHERE article_url = ? AND version = ?", (article.url, version)
    )
    for number, page in enumerate(article.pages, start=2):
        snapshot_id = snapshots.snapshot_id(writer, page.url, page.status, page.sha256)
        if snapshot_id is not None:
            writer.execute(
                "INSERT INTO article_pages (article_url, version, page, url, snapshot_id) "
                "VALUES (?, ?, ?, ?, ?)",
                (article.url, version, number, page.url, snapshot_id),
            )


def _article_row(writer: Writer, url: str) -> sqlite3.Row | None:
    return writer.row("SELECT * FROM articles WHERE url = ?", (url,))


def _set_fields(writer: Writer, old: sqlite3.Row, values: dict[str, Any]) -> None:
    writer.execute(
        "UPDATE articles SET section = :section, title = :title, "
        "published_at = :published_at, source = :source, body_text = :body_text, "
        "body_html = :body_html, images = :images, attachments = :attachments, "
        "prev_url = :prev_url, next_url = :next_url, snapshot_id = :snapshot_id, "
        "parse_warnings = :parse_warnings WHERE url = :url",
        values,
    )
    if (old["title"], old["body_text"]) != (values["title"], values["body_text"]):
        _unindex(writer, old["id"], old["title"], old["body_text"])
        _index(writer, old["id"], values["title"], values["body_text"])


def touch_article(writer: Writer, url: str, seen: str, crawl_id: int) -> str | None:
    """A 304 Not Modified: the archived article is still current."""
    cursor = writer.execute(
        "UPDATE articles SET last_seen_at = ?, last_crawl_id = ?, gone_at = NULL, "
        "gone_crawl_id = NULL, gone_status = NULL WHERE url = ?",
        (seen, crawl_id, url),
    )
    return "unchanged" if cursor.rowcount else None


def mark_gone(writer: Writer, url: str, status: int, seen: str, crawl_id: int) -> str | None:
    """An archived article that now answers 404/410 is marked gone, never deleted."""
    cursor = writer.execute(
        "UPDATE articles SET gone_at = ?, gone_crawl_id = ?, gone_status = ? "
        "WHERE url = ? AND gone_at IS NULL",
        (seen, crawl_id, status, url),
    )
    return "gone" if cursor.rowcount else None


def _index(writer: Writer, article_id: int, title: str | None, body: str | None) -> None:
    writer.execute(
        "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
        (article_id, fts.index_text(title), fts.index_text(body)),
    )


def _unindex(writer: Writer, article_id: int, title: str | None, body: str | None) -> None:
    # A contentless FTS5 table forgets a row only when given the exact indexed values.
    writer.execute(
        "INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
        (article_id, fts.index_text(title), fts.index_text(body)),
    )
