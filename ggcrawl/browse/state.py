"""Whether an archive has changed: what the browse view keeps (counts, a search's hits) is kept
per state of the file, read from SQLite's ``PRAGMA data_version``."""

from __future__ import annotations

import functools
import sqlite3
import threading
from pathlib import Path


class FileState:
    """SQLite's data_version of one file, read on a connection of its own that never writes:
    it moves on every commit by any other connection (a crawl, sqlite-utils, another process).
    The connection reads no table, so it holds no snapshot open."""

    def __init__(self, path: str) -> None:
        self._conn = sqlite3.connect(
            Path(path).resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False
        )
        self._lock = threading.Lock()

    def version(self) -> int:
        """A number that changes whenever anything is committed to the file."""
        with self._lock:
            return self._conn.execute("PRAGMA data_version").fetchone()[0]


@functools.cache
def state_of(path: str) -> FileState:
    """The one FileState of the file at ``path``, for as long as the process serves it."""
    return FileState(path)
