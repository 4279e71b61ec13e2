"""A phrase's hits, found once per state of the archive and tested by id in every statement.

The articles table's ``?_search=`` is a filter in every statement of a page: the page of rows,
the count, each facet. As ``id IN (SELECT rowid FROM articles_fts WHERE … MATCH …)`` each of
them matches the query again and lists all its hits before its first row. For a word that is
one list of the index, a few milliseconds; for a phrase, whose bigrams' positions must line up,
much more: for 关心下一代, in 91 % of 100,000 articles, 100 ms before the page could show its
50 newest. So such a query is matched once per state of the archive
(:mod:`ggcrawl.browse.state`), its hits kept as a bitmap of article ids (12.5 KB for 100,000
articles), and the filter is ``ggcrawl_hit(:token, id)``: the page walks the index of
published_at newest first and stops at its 50th hit, under a millisecond. The test is a Python
call per article (about 1 µs), so it is used only where the hits are many (1 % of the articles
or more, see :func:`ggcrawl.browse.search.articles_search`).
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass

from datasette.database import Database

from ggcrawl.browse.state import state_of
from ggcrawl.store.fts import match_expression

HIT_FUNCTION = "ggcrawl_hit"
# Hits in at least this share of the articles are tested by id; fewer are looked up.
DENSE = 0.01
KEPT = 16  # hit sets kept: a few kilobytes each
SEP = "\x1f"


@dataclass(frozen=True)
class Hits:
    """What a query matches in one state of the archive: the bitmap of the hits' ids (bit
    ``id`` set), how many they are and how many articles there are (the highest id)."""

    bits: bytes
    count: int
    articles: int

    @property
    def dense(self) -> bool:
        """Many enough to be tested by id (the page stops at its 50th hit soon)."""
        return self.count > 0 and self.count >= DENSE * self.articles

    def __contains__(self, article_id: int) -> bool:
        return has_bit(self.bits, article_id)


def has_bit(bits: bytes, article_id: int) -> bool:
    """Whether bit ``article_id`` of the bitmap is set."""
    byte = article_id >> 3
    return byte < len(bits) and bool(bits[byte] >> (article_id & 7) & 1)


class HitSets:
    """The hit sets found lately, by token, for every connection of the process."""

    def __init__(self, size: int = KEPT) -> None:
        self._size = size
        self._sets: OrderedDict[str, Hits] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, token: str) -> Hits | None:
        with self._lock:
            hits = self._sets.get(token)
            if hits is not None:
                self._sets.move_to_end(token)
            return hits

    def put(self, token: str, hits: Hits) -> None:
        with self._lock:
            self._sets[token] = hits
            while len(self._sets) > self._size:
                self._sets.popitem(last=False)


KEPT_SETS = HitSets()


def token(path: str, version: int, query: str) -> str:
    """The name of ``query``'s hits in the file at ``path`` in the state ``version``."""
    return SEP.join((path, str(version), query))


def find(conn: sqlite3.Connection, query: str) -> Hits:
    """The hits of ``query`` (a search box query) in the archive ``conn`` reads."""
    expression = match_expression(query)
    sql = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
    ids = [row[0] for row in conn.execute(sql, (expression,))] if expression else []
    bits = bytearray((max(ids) >> 3) + 1 if ids else 0)
    for article_id in ids:
        bits[article_id >> 3] |= 1 << (article_id & 7)
    articles = conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
    return Hits(bytes(bits), len(ids), articles)


async def hits_of(db: Database, query: str) -> tuple[str, Hits]:
    """``query``'s hits in ``db`` as it is now, and their token, found once per state."""
    path = str(db.path)
    name = token(path, state_of(path).version(), query)
    hits = KEPT_SETS.get(name)
    if hits is None:
        hits = await db.execute_fn(lambda conn: find(conn, query))
        KEPT_SETS.put(name, hits)
    return name, hits


def register(conn: sqlite3.Connection) -> None:
    """``ggcrawl_hit(token, id)``: whether article ``id`` is one of the hits the token names.
    A token no longer kept (many other searches since) is matched again on this connection.

    It runs once per article a statement reads (100,000 for a count), so the connection keeps
    the bitmap of the last token it was asked about rather than looking the token up each time."""
    last: list = [None, b""]

    def hit(name: str, article_id: int) -> bool:
        if name != last[0]:
            hits = KEPT_SETS.get(name)
            if hits is None:
                hits = find(conn, name.split(SEP, 2)[2])
                KEPT_SETS.put(name, hits)
            last[:] = [name, hits.bits]
        return has_bit(last[1], article_id)

    conn.create_function(HIT_FUNCTION, 2, hit, deterministic=True)
