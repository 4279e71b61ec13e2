"""The archive: opening (and migrating) the file, crawls, and what a crawl and the commands read.

Every write goes through the archive's :class:`~ggcrawl.store.writer.Writer` (batched
transactions); what one fetch holds is written by :mod:`ggcrawl.store.fetches`. WAL mode lets
readers (Datasette, researchers' notebooks) query the file while a crawl writes to it.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import sqlite_utils

from ggcrawl import __version__
from ggcrawl.items import Article, Fetch, FrontierEntry, Snapshot
from ggcrawl.store import articles, compression, fetches, fts, health, links, reports, search
from ggcrawl.store.schema import (
    APPLICATION_ID,
    INDEX_TEXT_FUNCTION,
    MIGRATIONS,
    SCHEMA_VERSION,
    TABLES,
)
from ggcrawl.store.search import SearchFilter, SearchHit, SearchResults
from ggcrawl.store.writer import Writer
from ggcrawl.warc import Capture

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
# How crawls end whose frontier is spent: done, or given up (a --full crawl after a killed one).
# Any other outcome (running: killed; shutdown: Ctrl-C; closespider_*: a limit) is resumed.
SPENT_OUTCOMES = ("finished", "killed")


class ArchiveError(Exception):
    """The file cannot be used as an archive; the message says why and what to do."""


class CrawlLock:
    """One crawl at a time per archive: an exclusive lock on ``<db>.lock``, released when the
    crawl ends or its process dies (so a killed crawl never blocks the one that resumes it)."""

    def __init__(self, db: Path):
        self.path = db.with_name(db.name + ".lock")
        self.handle: IO[str] | None = None

    def acquire(self) -> None:
        handle = self.path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise ArchiveError(
                f"another crawl is writing to {self.path.with_suffix('')} (it holds {self.path}); "
                "wait for it to finish"
            ) from None
        self.handle = handle

    def release(self) -> None:
        if self.handle is not None:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class KnownArticle:
    url: str
    etag: str | None
    last_modified: str | None
    published_at: str | None
    gone: bool


class Archive:
    """An open ggcrawl archive. Use :meth:`open`; close it (or use ``with``)."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, *, batch_size: int, batch_seconds: float
    ):
        self.conn = conn
        self.path = path
        self.db = sqlite_utils.Database(conn)
        self.writer = Writer(conn, batch_size=batch_size, batch_seconds=batch_seconds)

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def check(cls, path: str | Path) -> None:
        """Refuse, as :meth:`open` would for a crawl, an existing file that cannot become or be
        an archive (not SQLite, foreign, newer, not writable), without connecting to it: nothing
        is created or written."""
        path = Path(path)
        if path.exists():
            check_archive_path(path, create=True)
            _check_identity(path)
            return
        folder = next(parent for parent in path.absolute().parents if parent.exists())
        if not folder.is_dir() or not _writable(folder):
            raise ArchiveError(
                f"cannot create {path}: {folder} is not a writable folder; give another --db path"
            )

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
        # A foreign or newer file is refused before a real connection could leave -wal and
        # -shm files next to it.
        _check_identity(path)
        try:
            if readonly:
                # A URI, quoted: a path with ?, # or % in it is still that path.
                uri = path.resolve().as_uri() + "?mode=ro"
                conn = sqlite3.connect(uri, uri=True, isolation_level=None)
            else:
                conn = sqlite3.connect(path, isolation_level=None, timeout=10)
        except sqlite3.Error as exc:
            raise ArchiveError(f"{path} is not a usable SQLite database ({exc})") from None
        conn.row_factory = sqlite3.Row
        compression.register(conn)
        archive = cls(conn, path, batch_size=batch_size, batch_seconds=batch_seconds)
        try:
            archive._prepare(readonly=readonly, create=create)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise ArchiveError(f"{path} is not a usable SQLite database ({exc})") from None
        except ArchiveError:
            conn.close()
            raise
        return archive

    def _prepare(self, *, readonly: bool, create: bool) -> None:
        app_id, version, tables = _read_identity(self.conn)
        _refuse_unusable(self.path, app_id, version, tables)
        if (readonly or not create) and app_id != APPLICATION_ID:
            raise ArchiveError(f"{self.path} is empty: run `ggcrawl crawl` into it first")
        if readonly:
            # An archive of an older schema is read as it is: what the read-only commands
            # query exists in every version (the browse view upgrades it first).
            return
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA busy_timeout=10000")
        if version < SCHEMA_VERSION:
            with self.transaction():
                # Again inside the write lock: another process may have upgraded it meanwhile.
                version = self.conn.execute("PRAGMA user_version").fetchone()[0]
                if version:
                    log.warning(
                        "Upgrading %s from archive schema %d to %d, once%s",
                        self.path,
                        version,
                        SCHEMA_VERSION,
                        # schema 4 made the full-text index again
                        " (the full-text index is made again: about a minute per 100,000 articles)"
                        if version < 4
                        else "",
                    )
                    self.conn.create_function(
                        INDEX_TEXT_FUNCTION, 1, fts.index_text, deterministic=True
                    )
                    for step in range(version + 1, SCHEMA_VERSION + 1):
                        for statement in _statements(MIGRATIONS[step]):
                            self.conn.execute(statement)
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

    def transaction(self) -> AbstractContextManager[None]:
        """One atomic unit of writes, committed at the end (outside the batching)."""
        return self.writer.transaction()

    def commit(self) -> None:
        self.writer.commit()

    # --- crawls ----------------------------------------------------------------------------

    def begin_crawl(
        self, start_url: str, settings: dict[str, Any], *, mode: str, first: list[FrontierEntry]
    ) -> int:
        """A new crawl, with its first requests already in the frontier."""
        with self.transaction():
            cursor = self.conn.execute(
                "INSERT INTO crawls (started_at, start_url, settings, ggcrawl_version, mode) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    utc_now(),
                    start_url,
                    json.dumps(settings, ensure_ascii=False, default=str),
                    __version__,
                    mode,
                ),
            )
            crawl_id = int(cursor.lastrowid or 0)
            # Frontiers of finished crawls are spent; only an interrupted crawl's is worth
            # keeping (this one's plan closed the others).
            self.conn.execute(
                "DELETE FROM frontier WHERE crawl_id IN "
                f"(SELECT id FROM crawls WHERE outcome IN {SPENT_OUTCOMES})"
            )
            links.add_frontier(self.writer, crawl_id, first)
        return crawl_id

    def interrupted_crawl(self, start_url: str) -> dict[str, Any] | None:
        """The last crawl of ``start_url`` if it never finished: its process was killed
        (``running``; the caller holds the crawl lock) or stopped early (Ctrl-C's
        ``shutdown``, a CLOSESPIDER_* limit), with ``pending`` telling whether work was left."""
        row = self.conn.execute(
            "SELECT * FROM crawls WHERE start_url = ? ORDER BY id DESC LIMIT 1", (start_url,)
        ).fetchone()
        if row is None or row["outcome"] in SPENT_OUTCOMES:
            return None
        pending = self.conn.execute(
            "SELECT 1 FROM frontier WHERE crawl_id = ? AND state IN ('pending', 'held') LIMIT 1",
            (row["id"],),
        ).fetchone()
        return {**dict(row), "pending": pending is not None}

    def first_site(self) -> str | None:
        """Where the archive's first crawl found the site: its URLs are kept under that
        origin whatever address later crawls find the site at (ggcrawl.scope)."""
        row = self.conn.execute(
            "SELECT site FROM crawls WHERE site IS NOT NULL ORDER BY id LIMIT 1"
        ).fetchone()
        return row[0] if row else None

    def resume_crawl(self, crawl_id: int) -> None:
        with self.transaction():
            self.conn.execute("UPDATE crawls SET resumes = resumes + 1 WHERE id = ?", (crawl_id,))

    def close_interrupted(self, crawl_id: int, outcome: str) -> None:
        """A killed crawl that is not resumed is closed: ``finished`` if it was killed after its
        last page (nothing was pending), ``killed`` if work is given up (``--full``). The stats
        of a run that ended on its own (Ctrl-C) are kept."""
        row = self.conn.execute("SELECT stats FROM crawls WHERE id = ?", (crawl_id,)).fetchone()
        self.finish_crawl(crawl_id, outcome, json.loads(row["stats"] or "{}"))
        with self.transaction():
            self.conn.execute("DELETE FROM frontier WHERE crawl_id = ?", (crawl_id,))

    def frontier(self, crawl_id: int) -> tuple[list[FrontierEntry], set[str]]:
        """(pending requests, every URL the crawl already knows of) for a resumed crawl; pages
        held back for the chains to decide are requested, as the decision died with the crawl."""
        pending: list[FrontierEntry] = []
        seen: set[str] = set()
        for row in self.conn.execute(
            "SELECT url, role, meta, priority, state FROM frontier WHERE crawl_id = ?", (crawl_id,)
        ):
            seen.add(row["url"])
            if row["state"] in ("pending", "held"):
                pending.append(
                    FrontierEntry(row["url"], row["role"], row["priority"], json.loads(row["meta"]))
                )
        return pending, seen

    def listing_pages(self, crawl_id: int) -> dict[str, set[int]]:
        """Per column, the listing page numbers the crawl already asked for: after a resume,
        page 1 under its pager alias (list_12_1.html) is still the page asked for first."""
        pages: dict[str, set[int]] = {}
        for (meta,) in self.conn.execute(
            "SELECT meta FROM frontier WHERE crawl_id = ? AND role IN ('nav', 'listing')",
            (crawl_id,),
        ):
            found = json.loads(meta)
            if found.get("section") and isinstance(found.get("page"), int):
                pages.setdefault(found["section"], set()).add(found["page"])
        return pages

    def record_fetch(self, fetch: Fetch, crawl_id: int) -> str | None:
        """Archive everything one fetch taught, as one unit (see :mod:`ggcrawl.items`)."""
        outcome = fetches.record_fetch(self.writer, fetch, crawl_id)
        self.writer.wrote()
        return outcome

    def register_warc(self, filename: str, crawl_id: int, committed_end: int) -> None:
        """A new WARC file of the crawl, whose first ``committed_end`` bytes (its warcinfo
        record) are complete."""
        with self.transaction():
            self.conn.execute(
                "INSERT OR IGNORE INTO warc_files (filename, crawl_id, created_at, committed_end) "
                "VALUES (?, ?, ?, ?)",
                (filename, crawl_id, utc_now(), committed_end),
            )

    def warc_files(self, crawl_id: int) -> list[tuple[str, int]]:
        """(filename, bytes known to be complete) of a crawl's WARC files."""
        return [
            (row[0], row[1])
            for row in self.conn.execute(
                "SELECT filename, committed_end FROM warc_files WHERE crawl_id = ? "
                "ORDER BY filename",
                (crawl_id,),
            )
        ]

    def finish_crawl(self, crawl_id: int, outcome: str, stats: dict[str, Any]) -> None:
        self.commit()
        with self.transaction():
            health.keep(self.conn, crawl_id)
            counts = reports.live_article_counts(self.conn, crawl_id)
            self.conn.execute(
                "UPDATE crawls SET finished_at = ?, outcome = ?, stats = ?, articles_new = ?, "
                "articles_changed = ?, articles_unchanged = ?, articles_gone = ? WHERE id = ?",
                (
                    utc_now(),
                    outcome,
                    json.dumps(stats, ensure_ascii=False, default=str),
                    counts["new"],
                    counts["changed"],
                    counts["unchanged"],
                    counts["gone"],
                    crawl_id,
                ),
            )

    def reparse_article(self, article: Article, snapshot_id: int) -> list[str]:
        """The names of the fields a new extraction of the snapshot changed (see
        :func:`ggcrawl.store.articles.reparse_article`)."""
        changed = articles.reparse_article(self.writer, article, snapshot_id)
        if changed:
            self.writer.wrote()
        return changed

    # --- reading ---------------------------------------------------------------------------

    def search(
        self, query: str, *, limit: int = 20, window: int | None = fts.RANK_WINDOW
    ) -> list[SearchHit]:
        """The first ``limit`` hits of :meth:`search_page`."""
        results = self.search_page(query, limit=limit, window=window)
        return results.hits if results else []

    def search_page(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        where: SearchFilter | None = None,
        window: int | None = fts.RANK_WINDOW,
    ) -> SearchResults | None:
        """Articles whose title or body holds every term of ``query``, from ``offset`` on:
        best first (equally good ones the most recently archived first) among at most the
        ``window`` most recently archived hits, then the older hits newest first; a query with
        a phrase and more hits than that comes most recently archived first, unranked (see
        :mod:`ggcrawl.store.fts`; ``window=None`` ranks all). None when the query has no
        searchable text."""
        return search.search(
            self.conn, query, limit=limit, offset=offset, where=where, window=window
        )

    def article_snapshots(self) -> Iterator[tuple[str, int, Snapshot]]:
        """(article url, snapshot id, snapshot) of every article, for re-extraction."""
        pairs = self.conn.execute("SELECT url, snapshot_id FROM articles ORDER BY id").fetchall()
        for url, snapshot_id in pairs:
            row = self.conn.execute(
                "SELECT * FROM snapshots WHERE id = ?", (snapshot_id,)
            ).fetchone()
            yield url, snapshot_id, _snapshot(row)

    def latest_snapshot(self, url: str) -> Snapshot | None:
        """The latest 200 snapshot of ``url``: a later page of an article split over pages,
        for re-extraction."""
        row = self.conn.execute(
            "SELECT * FROM snapshots WHERE url = ? AND status = 200 "
            "ORDER BY last_crawl_id DESC, id DESC LIMIT 1",
            (url,),
        ).fetchone()
        return _snapshot(row) if row else None

    def known_articles(self) -> dict[str, KnownArticle]:
        """Every archived article (and each alias that redirected to one) with what a revisit
        needs: the validators for a conditional request and the publication time."""
        known: dict[str, KnownArticle] = {}
        for row in self.conn.execute(
            "SELECT a.url, a.published_at, a.gone_at, s.headers FROM articles a "
            "JOIN snapshots s ON s.id = a.snapshot_id"
        ):
            headers = {k.lower(): v for k, v in json.loads(row["headers"]).items()}
            known[row["url"]] = KnownArticle(
                row["url"],
                (headers.get("etag") or [None])[0],
                (headers.get("last-modified") or [None])[0],
                row["published_at"],
                row["gone_at"] is not None,
            )
        for row in self.conn.execute(
            "SELECT r.from_url, r.to_url FROM redirects r JOIN articles a ON a.url = r.to_url"
        ):
            known.setdefault(row["from_url"], known[row["to_url"]])
        return known

    def warc_captures(self) -> dict[str, Capture]:
        """Each URL's latest response record, so an identical payload becomes a revisit."""
        captures: dict[str, Capture] = {}
        for row in self.conn.execute(
            "SELECT url, warc_payload_digest, warc_record_id, warc_date FROM snapshots "
            "WHERE warc_record_id IS NOT NULL ORDER BY id"
        ):
            captures[row[0]] = Capture(row[1], row[2], row[3])
        return captures

    def retry_entries(self) -> list[FrontierEntry]:
        """The requests the last crawl gave up on for reasons that may pass (network errors,
        5xx, timeouts, truncated bodies), as they stood in its frontier: the next crawl asks
        again. Refusals (off the site, robots.txt, size caps) and 4xx are not retried."""
        rows = self.conn.execute(
            "SELECT f.url, f.role, f.meta, f.priority FROM frontier f "
            "JOIN failures x ON x.url = f.url AND x.crawl_id = f.crawl_id "
            "WHERE f.crawl_id = (SELECT MAX(id) FROM crawls) "
            "AND (x.kind = 'network' OR (x.kind = 'http' AND x.status >= 500)) "
            "AND f.url NOT IN (SELECT url FROM articles)"
        ).fetchall()
        return [
            FrontierEntry(row["url"], row["role"], row["priority"], json.loads(row["meta"]))
            for row in rows
        ]

    def settled_urls(self) -> set[str]:
        """Listing links that are not articles and will not become one: redirects (off the site
        too) and pages that answered 404 or 410. Incremental crawls do not ask for them again."""
        return {row[0] for row in self.conn.execute("SELECT from_url FROM redirects")} | {
            row[0]
            for row in self.conn.execute("SELECT url FROM failures WHERE status IN (404, 410)")
        }

    def finished_assets(self) -> set[str]:
        """Assets already fetched (or refused for their size): never fetched again."""
        return {
            row[0]
            for row in self.conn.execute(
                "SELECT url FROM assets WHERE sha256 IS NOT NULL OR skipped IS NOT NULL"
            )
        }

    def crawl(self, crawl_id: int) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM crawls WHERE id = ?", (crawl_id,)).fetchone()
        return dict(row) if row else None

    def crawl_report(self, crawl_id: int) -> dict[str, Any] | None:
        """What one crawl did, from the archive itself (so a crawl resumed after a kill is
        counted whole): articles new, changed, unchanged and gone, per column; assets;
        failures; requests, bytes and time from the crawl's statistics."""
        return reports.crawl_report(self.conn, crawl_id)

    def crawls(self, limit: int = 50) -> list[dict[str, Any]]:
        """The latest crawls, newest first, with their article counts."""
        return reports.crawls(self.conn, limit)


def _snapshot(row: sqlite3.Row) -> Snapshot:
    return Snapshot(
        row["url"],
        row["status"],
        json.loads(row["headers"]),
        compression.unpack(row["body"], row["size"]),
        row["encoding"],
        row["fetched_at"],
    )


def _check_identity(path: Path) -> None:
    if not path.is_file() or not path.stat().st_size:
        return
    try:
        identity = _identity(path)
    except sqlite3.Error as exc:
        raise ArchiveError(f"{path} is not a usable SQLite database ({exc})") from None
    _refuse_unusable(path, *identity)


def _identity(path: Path) -> tuple[int, int, list[str]]:
    """(application_id, user_version, tables) of an existing SQLite file, read with
    ``immutable=1``: no lock, no -wal or -shm file, nothing written, so a file that is refused
    stays exactly as it was. (Commits still in another process's WAL are not seen here; the
    real connection checks again.)"""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
    try:
        return _read_identity(conn)
    finally:
        conn.close()


def _read_identity(conn: sqlite3.Connection) -> tuple[int, int, list[str]]:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return app_id, version, tables


def _refuse_unusable(path: Path, app_id: int, version: int, tables: list[str]) -> None:
    if app_id != APPLICATION_ID and tables:
        raise ArchiveError(
            f"{path} is an SQLite database but not a ggcrawl archive "
            f"(it holds {', '.join(sorted(tables)[:5])}); give another --db path"
        )
    if version > SCHEMA_VERSION:
        raise ArchiveError(
            f"{path} was written by a newer ggcrawl (schema {version}; this one reads "
            f"up to {SCHEMA_VERSION}); upgrade ggcrawl to use it"
        )


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";\n") if s.strip()]


def check_archive_path(path: Path, *, create: bool) -> None:
    """Refuse, with a message that says what to do, paths that cannot be an archive."""
    if path.is_dir():
        raise ArchiveError(f"{path} is a directory; give the path of a .db file inside it")
    if path.exists():
        try:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise ArchiveError(
                f"cannot read {path}: {exc.strerror}; check its permissions or give another "
                "--db path"
            ) from None
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
        raise ArchiveError(
            f"cannot create the folder {parent}: {exc.strerror}; give another --db path"
        ) from None
    if not _writable(parent):
        raise ArchiveError(f"the folder {parent} is not writable; give another --db path")


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)
