"""The browse view: the archive served by Datasette, for readers and researchers.

The repository's ``archive/`` is Datasette's configuration directory (``metadata.yml``,
``settings.json``, ``templates/``, ``plugins/``, ``static/``), so ``datasette archive/`` serves
every archive in it. The same folder is installed as the package ``ggcrawl.datasette_config``
(pyproject.toml maps it), which is where ``ggcrawl browse`` finds those pieces, checkout or wheel
alike, to serve one archive wherever it lies. The plugins stay thin: what they do lives in this
package, where it is tested.
"""

from __future__ import annotations

import functools
import gc
import socket
import sqlite3
from pathlib import Path

import uvicorn
from datasette.app import Datasette
from datasette.utils import parse_metadata

from ggcrawl import datasette_config
from ggcrawl.store.schema import APPLICATION_ID, SCHEMA_VERSION

# A folder on disk, not a resource read through importlib: Datasette takes the templates,
# plugins and static files as directories.
CONFIG_DIR = Path(datasette_config.__file__).resolve().parent
HOST = "127.0.0.1"


def make_datasette(db: Path) -> Datasette:
    """Datasette configured as ``datasette archive/`` is, serving the one archive ``db``.

    The file is opened read-only but not immutable (Datasette's default): a crawl may still be
    writing to it, and each page shows what is committed."""
    return Datasette(
        [str(db)],
        metadata=parse_metadata((CONFIG_DIR / "metadata.yml").read_text(encoding="utf-8")),
        settings=parse_metadata((CONFIG_DIR / "settings.json").read_text(encoding="utf-8")),
        template_dir=str(CONFIG_DIR / "templates"),
        plugins_dir=str(CONFIG_DIR / "plugins"),
        static_mounts=[("static", str(CONFIG_DIR / "static"))],
    )


def listening_socket(port: int) -> socket.socket:
    """A TCP socket bound to 127.0.0.1:``port`` and listening. Made with IPPROTO_TCP as its
    protocol: asyncio sets TCP_NODELAY on the connections it accepts only then, and without
    it every response on a kept-alive connection waits ~40 ms for the client's delayed ACK."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
        sock.listen()  # connections wait in the backlog until the server takes them
    except OSError:
        sock.close()
        raise
    return sock


def serve(datasette: Datasette, sock: socket.socket) -> None:
    """Serve until interrupted, on a socket already bound (so its address could be printed).

    What the imports and Datasette have made by now lives as long as the server: it is moved
    out of the cyclic garbage collector's reach (``gc.freeze``), which otherwise walks all of
    it in every full collection, a pause that made one table page in ten ~30 ms slower."""
    config = uvicorn.Config(datasette.app(), log_level="warning")
    gc.freeze()
    uvicorn.Server(config).run(sockets=[sock])


def archive_names(datasette: Datasette) -> list[str]:
    """The served databases that are ggcrawl archives of the current schema: the plugins leave
    any other database alone (an older archive is upgraded by ``ggcrawl browse`` or a crawl)."""
    return [name for name in datasette.databases if is_archive(datasette, name)]


def is_archive(datasette: Datasette, name: str | None) -> bool:
    """Whether the database ``name`` is one of :func:`archive_names`, asked of one database
    (the cell plugins ask it for every cell of a page)."""
    database = datasette.databases.get(name) if name else None
    return bool(database and database.path and _is_current_archive(str(database.path)))


@functools.cache
def _is_current_archive(path: str) -> bool:
    try:
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return (
            conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
            and conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        )
    except sqlite3.Error:
        return False
    finally:
        conn.close()
