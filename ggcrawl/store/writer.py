"""The archive's write connection: statements joined into batched transactions.

Writes are batched (a commit every ``batch_size`` logical writes or ``batch_seconds``) because
a commit per page would make SQLite's fsyncs the crawl's bottleneck; a unit of writes, such as
everything one fetch taught, is counted once, after its last statement, so a commit never
splits it. Another process holding the database past ``busy_timeout`` is waited for, bounded.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tenacity import retry, retry_if_exception, stop_after_delay, wait_exponential

Params = tuple[Any, ...] | dict[str, Any]


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


class Writer:
    """Every write of the archive goes through one of these (see :mod:`ggcrawl.store.fetches`
    and :class:`ggcrawl.store.archive.Archive`)."""

    def __init__(self, conn: sqlite3.Connection, *, batch_size: int, batch_seconds: float):
        self.conn = conn
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self._pending = 0
        self._since = time.monotonic()

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        """Run a statement inside the open batch, beginning one if none is open."""
        if not self.conn.in_transaction:
            self._begin()
        return self.conn.execute(sql, params)

    def row(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """One row read inside the batch: what a write about to follow depends on."""
        return self.execute(sql, params).fetchone()

    def wrote(self) -> None:
        """Count one logical write; commit when the batch is full or old."""
        self._pending += 1
        if self._pending >= self.batch_size or time.monotonic() - self._since >= self.batch_seconds:
            self.commit()

    def commit(self) -> None:
        if self.conn.in_transaction:
            self._commit_now()

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
