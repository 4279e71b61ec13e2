"""The archive: the only code that writes SQL.

Writes are batched into transactions (a commit every ``batch_size`` writes or ``batch_seconds``)
because a commit per page would make SQLite's fsyncs the crawl's bottleneck. WAL mode lets
readers (Datasette, researchers' notebooks) query the file while a crawl writes to it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from tenacity import retry, retry_if_exception, stop_after_delay, wait_exponential

from ggcrawl import __version__
from ggcrawl.items import Article, Failure, ListingEntry, Redirect, Section, Snapshot
from ggcrawl.store import fts
from ggcrawl.store.schema import APPLICATION_ID, SCHEMA_VERSION, TABLES

SQLITE_HEADER = b"SQLite format 3\x00"


class ArchiveError(Exception):
    """The file cannot be used as an archive; the message says why and what to do."""


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _is_busy(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and (
        "locked" in str(exc) or "busy" in str(exc)
    )


# A database another process holds locked past busy_timeout is retried with backoff, bounded.
_retry_busy = retry(
    retry=retry_if_exception(_is_busy),
    wait=wait_exponential(multiplier=0.1, max=2),
    stop=stop_after_delay(60),
    reraise=True,
)


@dataclass(frozen=True)
class SearchHit:
    url: str
    title: str | None
    published_at: str | None
    section: str | None
    rank: float


class Archive:
    """An open ggcrawl archive. Use :meth:`open`; close it (or use ``with``)."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, *, batch_size: int, batch_seconds: float
    ):
        self.conn = conn
        self.path = path
        self.db = sqlite_utils.Database(conn)
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self._pending = 0
        self._since = time.monotonic()

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        create: bool = True,
        readonly: bool = False,
        batch_size: int = 200,
        batch_seconds: float = 2.0,
    ) -> Archive:
        """Open (and with ``create``, make) an archive, refusing files that are not ours."""
        path = Path(path)
        check_archive_path(path, create=create)
        if readonly:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        else:
            conn = sqlite3.connect(path, isolation_level=None, timeout=10)
        conn.row_factory = sqlite3.Row
        archive = cls(conn, path, batch_size=batch_size, batch_seconds=batch_seconds)
        try:
            archive._prepare(readonly=readonly)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise ArchiveError(f"{path} is not a usable SQLite database ({exc})") from None
        except ArchiveError:
            conn.close()
            raise
        return archive

    def _prepare(self, *, readonly: bool) -> None:
        app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        tables = [
            r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        if app_id != APPLICATION_ID and tables:
            raise ArchiveError(
                f"{self.path} is an SQLite database but not a ggcrawl archive "
                f"(it holds {', '.join(sorted(tables)[:5])}); give another --db path"
            )
        if version > SCHEMA_VERSION:
            raise ArchiveError(
                f"{self.path} was written by a newer ggcrawl (schema {version}; this one reads "
                f"up to {SCHEMA_VERSION}); upgrade ggcrawl to use it"
            )
        if readonly:
            if app_id != APPLICATION_ID:
                raise ArchiveError(f"{self.path} is empty: run `ggcrawl crawl` into it first")
            return
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA busy_timeout=10000")
        if version < SCHEMA_VERSION:
            with self.transaction():
                for statement in _statements(TABLES):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                self.conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        self.commit()
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions ----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of writes, committed at the end (outside the batching)."""
        self.commit()
        self._begin()
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self._commit_now()

    @_retry_busy
    def _begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    @_retry_busy
    def _commit_now(self) -> None:
        self.conn.execute("COMMIT")
        self._pending = 0
        self._since = time.monotonic()

    def _write(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> sqlite3.Cursor:
        if not self.conn.in_transaction:
            self._begin()
        return self.conn.execute(sql, params)

    def _wrote(self) -> None:
        """Count one logical write; commit when the batch is full or old."""
        self._pending += 1
        if self._pending >= self.batch_size or time.monotonic() - self._since >= self.batch_seconds:
            self.commit()

    def commit(self) -> None:
        if self.conn.in_transaction:
            self._commit_now()

    # --- crawls ----------------------------------------------------------------------------

    def begin_crawl(self, start_url: str, settings: dict[str, Any]) -> int:
        with self.transaction():
            cursor = self.conn.execute(
                "INSERT INTO crawls (started_at, start_url, settings, ggcrawl_version) "
                "VALUES (?, ?, ?, ?)",
                (
                    utc_now(),
                    start_url,
                    json.dumps(settings, ensure_ascii=False, default=str),
                    __version__,
                ),
            )
        return int(cursor.lastrowid or 0)

    def finish_crawl(self, crawl_id: int, outcome: str, stats: dict[str, Any]) -> None:
        self.commit()
        with self.transaction():
            self.conn.execute(
                "UPDATE crawls SET finished_at = ?, outcome = ?, stats = ? WHERE id = ?",
                (utc_now(), outcome, json.dumps(stats, ensure_ascii=False, default=str), crawl_id),
            )

    # --- pages -----------------------------------------------------------------------------

    def add_snapshot(self, snapshot: Snapshot, crawl_id: int) -> int:
        """Store the bytes once per (url, status, sha256); a refetch only updates last_*."""
        digest = snapshot.sha256
        row = self._write(
            "SELECT id FROM snapshots WHERE url = ? AND status = ? AND sha256 = ?",
            (snapshot.url, snapshot.status, digest),
        ).fetchone()
        if row:
            self._write(
                "UPDATE snapshots SET last_crawl_id = ?, last_fetched_at = ? WHERE id = ?",
                (crawl_id, snapshot.fetched_at, row[0]),
            )
            self._wrote()
            return int(row[0])
        cursor = self._write(
            "INSERT INTO snapshots (url, crawl_id, fetched_at, status, headers, encoding, body, "
            "sha256, size, last_crawl_id, last_fetched_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                snapshot.url,
                crawl_id,
                snapshot.fetched_at,
                snapshot.status,
                json.dumps(snapshot.headers, ensure_ascii=False),
                snapshot.encoding,
                snapshot.body,
                digest,
                len(snapshot.body),
                crawl_id,
                snapshot.fetched_at,
            ),
        )
        self._wrote()
        return int(cursor.lastrowid or 0)

    def snapshot_id(self, url: str, status: int, sha256: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM snapshots WHERE url = ? AND status = ? AND sha256 = ?",
            (url, status, sha256),
        ).fetchone()
        return int(row[0]) if row else None

    def upsert_article(self, article: Article, crawl_id: int, snapshot_id: int) -> str:
        """Insert or update the article row and its full-text entry; returns ``new``,
        ``changed`` or ``unchanged``."""
        old = self._article_row(article.url)
        values = _article_values(article, snapshot_id)
        if old is None:
            cursor = self._write(
                "INSERT INTO articles (url, id, section, title, published_at, source, body_text, "
                "body_html, images, attachments, prev_url, next_url, snapshot_id, first_seen_at, "
                "last_seen_at, first_crawl_id, last_crawl_id, parse_warnings) VALUES (:url, "
                "(SELECT COALESCE(MAX(id), 0) + 1 FROM articles), :section, :title, "
                ":published_at, :source, :body_text, :body_html, :images, :attachments, "
                ":prev_url, :next_url, :snapshot_id, :seen, :seen, :crawl_id, :crawl_id, "
                ":parse_warnings) RETURNING id",
                {**values, "seen": article.fetched_at, "crawl_id": crawl_id},
            )
            self._index(cursor.fetchone()[0], article.title, article.body_text)
            self._wrote()
            return "new"
        self._set_fields(old, values)
        self._write(
            "UPDATE articles SET last_seen_at = ?, last_crawl_id = ? WHERE url = ?",
            (article.fetched_at, crawl_id, article.url),
        )
        self._wrote()
        return "unchanged" if old["snapshot_id"] == snapshot_id else "changed"

    def reparse_article(self, article: Article, snapshot_id: int) -> bool:
        """Replace the fields of an archived article with ``article``'s (a new extraction of
        the same snapshot); True if anything changed."""
        old = self._article_row(article.url)
        if old is None:
            return False
        values = _article_values(article, snapshot_id)
        changed = any(old[name] != value for name, value in values.items())
        if changed:
            self._set_fields(old, values)
            self._wrote()
        return changed

    def article_snapshots(self) -> Iterator[tuple[str, int, Snapshot]]:
        """(article url, snapshot id, snapshot) of every article, for re-extraction."""
        pairs = self.conn.execute("SELECT url, snapshot_id FROM articles ORDER BY id").fetchall()
        for url, snapshot_id in pairs:
            row = self.conn.execute(
                "SELECT * FROM snapshots WHERE id = ?", (snapshot_id,)
            ).fetchone()
            yield (
                url,
                snapshot_id,
                Snapshot(
                    row["url"],
                    row["status"],
                    json.loads(row["headers"]),
                    row["body"],
                    row["encoding"],
                    row["fetched_at"],
                ),
            )

    def _article_row(self, url: str) -> sqlite3.Row | None:
        return self._write("SELECT * FROM articles WHERE url = ?", (url,)).fetchone()

    def _set_fields(self, old: sqlite3.Row, values: dict[str, Any]) -> None:
        self._write(
            "UPDATE articles SET section = :section, title = :title, "
            "published_at = :published_at, source = :source, body_text = :body_text, "
            "body_html = :body_html, images = :images, attachments = :attachments, "
            "prev_url = :prev_url, next_url = :next_url, snapshot_id = :snapshot_id, "
            "parse_warnings = :parse_warnings WHERE url = :url",
            values,
        )
        if (old["title"], old["body_text"]) != (values["title"], values["body_text"]):
            self._unindex(old["id"], old["title"], old["body_text"])
            self._index(old["id"], values["title"], values["body_text"])

    def _index(self, article_id: int, title: str | None, body: str | None) -> None:
        self._write(
            "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
            (article_id, fts.index_text(title), fts.index_text(body)),
        )

    def _unindex(self, article_id: int, title: str | None, body: str | None) -> None:
        # A contentless FTS5 table forgets a row only when given the exact indexed values.
        self._write(
            "INSERT INTO articles_fts (articles_fts, rowid, title, body) "
            "VALUES ('delete', ?, ?, ?)",
            (article_id, fts.index_text(title), fts.index_text(body)),
        )

    def upsert_section(self, section: Section, crawl_id: int, seen_at: str) -> None:
        self._write(
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
                seen_at,
                seen_at,
                crawl_id,
            ),
        )
        self._wrote()

    def add_listing_entry(self, entry: ListingEntry, crawl_id: int) -> None:
        self._write(
            "INSERT INTO listings "
            "(section, article_url, listing_url, page, position, last_crawl_id) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(section, article_url) DO UPDATE SET "
            "listing_url = excluded.listing_url, page = excluded.page, "
            "position = excluded.position, last_crawl_id = excluded.last_crawl_id",
            (entry.section, entry.url, entry.listing_url, entry.page, entry.position, crawl_id),
        )
        self._wrote()

    def add_redirect(self, redirect: Redirect, crawl_id: int, seen_at: str) -> None:
        self._write(
            "INSERT INTO redirects (from_url, to_url, status, last_crawl_id, seen_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(from_url) DO UPDATE SET to_url = excluded.to_url, "
            "status = excluded.status, last_crawl_id = excluded.last_crawl_id, "
            "seen_at = excluded.seen_at",
            (redirect.from_url, redirect.to_url, redirect.status, crawl_id, seen_at),
        )
        self._wrote()

    def add_failure(self, failure: Failure, crawl_id: int) -> None:
        self._write(
            "INSERT INTO failures (url, status, error, referer, crawl_id, failed_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(crawl_id, url) DO UPDATE SET "
            "status = excluded.status, error = excluded.error, failed_at = excluded.failed_at",
            (
                failure.url,
                failure.status,
                failure.error,
                failure.referer,
                crawl_id,
                failure.failed_at,
            ),
        )
        self._wrote()

    # --- reading ---------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Articles whose title or body holds every term of ``query``, best first."""
        expression = fts.match_expression(query)
        if expression is None:
            return []
        rows = self.conn.execute(
            "SELECT a.url, a.title, a.published_at, a.section, f.rank FROM articles_fts f "
            "JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH ? "
            "ORDER BY f.rank LIMIT ?",
            (expression, limit),
        ).fetchall()
        return [
            SearchHit(r["url"], r["title"], r["published_at"], r["section"], r["rank"])
            for r in rows
        ]

    def crawl(self, crawl_id: int) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM crawls WHERE id = ?", (crawl_id,)).fetchone()
        return dict(row) if row else None

    def crawl_summary(self, crawl_id: int) -> dict[str, Any]:
        """Articles per section, failures and timing of one crawl, for the end-of-crawl report."""
        crawl = self.crawl(crawl_id) or {}
        per_section = self.conn.execute(
            "SELECT COALESCE(section, '(none)') AS section, COUNT(*) AS n FROM articles "
            "WHERE last_crawl_id = ? GROUP BY 1 ORDER BY n DESC, section",
            (crawl_id,),
        ).fetchall()
        failures = self.conn.execute(
            "SELECT url, status, error, referer FROM failures WHERE crawl_id = ? ORDER BY id",
            (crawl_id,),
        ).fetchall()
        counts = self.conn.execute(
            "SELECT (SELECT COUNT(*) FROM articles) AS articles, "
            "(SELECT COUNT(*) FROM articles WHERE first_crawl_id = :c) AS new_articles, "
            "(SELECT COUNT(*) FROM snapshots WHERE last_crawl_id = :c) AS snapshots",
            {"c": crawl_id},
        ).fetchone()
        return {
            "crawl": crawl,
            "sections": [(r["section"], r["n"]) for r in per_section],
            "failures": [dict(r) for r in failures],
            "articles_total": counts["articles"],
            "articles_new": counts["new_articles"],
            "snapshots": counts["snapshots"],
        }


def _article_values(article: Article, snapshot_id: int) -> dict[str, Any]:
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


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";\n") if s.strip()]


def check_archive_path(path: Path, *, create: bool) -> None:
    """Refuse, with a message that says what to do, paths that cannot be an archive."""
    if path.is_dir():
        raise ArchiveError(f"{path} is a directory; give the path of a .db file inside it")
    if path.exists():
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header and header != SQLITE_HEADER:
            raise ArchiveError(f"{path} is not an SQLite database; give another --db path")
        if create and not _writable(path):
            raise ArchiveError(
                f"{path} is not writable; fix its permissions or give another --db path"
            )
        return
    if not create:
        raise ArchiveError(f"{path} does not exist: run `ggcrawl crawl --db {path}` first")
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ArchiveError(f"cannot create the folder {parent}: {exc.strerror}") from None
    if not _writable(parent):
        raise ArchiveError(f"the folder {parent} is not writable; give another --db path")


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)
