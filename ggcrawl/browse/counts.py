"""Counts are computed once per state of the archive, not on every page.

Datasette counts again on every table page: ``count(*)`` of the rows shown, then one
``count(*) … GROUP BY`` per facet. At 100,000 articles those statements are most of a page's
time, and a search (``?_search=``) pays for its full-text match again in each of them, five times
a page, so paging through the hits of 关心下一代 recounted 91,000 hits on every page. An archive
only changes when a crawl commits, so the answer of a counting statement is kept, keyed on the
statement, its parameters and SQLite's ``PRAGMA data_version``, which changes whenever any other
connection (a crawl, sqlite-utils, another process) commits to the file
(:mod:`ggcrawl.browse.state`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from datasette.database import Database

from ggcrawl.browse.state import state_of

# Answers kept per database: counts and facet counts are a few rows each.
KEPT = 256
COUNTING = "count("

Execute = Callable[..., Awaitable[Any]]


class CountCache:
    """Remembers the answers of ``db``'s counting statements while its file is unchanged."""

    def __init__(self, db: Database, size: int = KEPT) -> None:
        self._execute: Execute = db.execute
        self._size = size
        self._answers: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._state = state_of(str(db.path))

    async def execute(self, sql: str, params: Any = None, **kwargs: Any) -> Any:
        """``Database.execute``, answering a counting statement from what is kept when the
        archive has not changed since it was answered."""
        if COUNTING not in sql.lower():
            return await self._execute(sql, params, **kwargs)
        key = (sql, _frozen(params), self._state.version())
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        answer = await self._execute(sql, params, **kwargs)
        with self._lock:
            self._answers[key] = answer
            while len(self._answers) > self._size:
                self._answers.popitem(last=False)
        return answer


def _frozen(params: Any) -> tuple:
    if params is None:
        return ()
    if isinstance(params, dict):
        return tuple(sorted(params.items()))
    return tuple(params)


def install(db: Database) -> CountCache | None:
    """Counting statements on ``db`` are answered through a :class:`CountCache` (None for a
    database without a file, or one already served so)."""
    if not db.path or isinstance(getattr(db.execute, "__self__", None), CountCache):
        return None
    cache = CountCache(db)
    db.execute = cache.execute
    return cache
