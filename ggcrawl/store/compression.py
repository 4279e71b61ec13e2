"""Snapshot bodies are stored zlib-compressed, in SQLite's own *sqlar* convention.

Why this convention: a served page compresses to about 40 % of its size, which keeps the
archive within twice the HTML it holds, and yet researchers read bodies with plain SQL. The
body column holds ``zlib.compress(raw)`` when that is shorter, else the raw bytes, and the
``size`` column holds the raw length; SQLite's command-line shell ships the function that undoes
it, ``sqlar_uncompress(body, size)`` (raw bytes come back unchanged, so older uncompressed rows
read the same way). ggcrawl registers the same function on every connection it opens and in
the browse view, and ``unpack`` is the Python side for pandas or sqlite-utils users.
"""

from __future__ import annotations

import sqlite3
import zlib

UNCOMPRESS_FUNCTION = "sqlar_uncompress"


def pack(raw: bytes) -> bytes:
    """What the body column stores for ``raw``: compressed only when that saves bytes."""
    packed = zlib.compress(raw, 6)
    return packed if len(packed) < len(raw) else raw


def unpack(stored: bytes | None, size: int | None) -> bytes | None:
    """The raw bytes of a stored body (``size`` is the raw length from the same row)."""
    if stored is None or size is None or size <= 0 or len(stored) == size:
        return stored
    return zlib.decompress(stored)


def register(conn: sqlite3.Connection) -> None:
    """Give ``conn`` the shell's ``sqlar_uncompress(body, size)``, so one query works in the
    sqlite3 shell, in Python and in Datasette."""
    conn.create_function(UNCOMPRESS_FUNCTION, 2, unpack, deterministic=True)
