"""Browse latency: the pages a reader opens, served by a real ``ggcrawl browse`` on the query
archive and timed over one kept-alive HTTP/1.1 connection.

Why one connection: a browser keeps its connection open, and a server that delays responses on
a kept-alive connection (Nagle against the client's delayed ACK, ~40 ms each) is slow only
there. Why the real command: it is what readers run, its upgrade of an older archive included.
A page that does not answer 200 is a failure of that page, not a figure.
"""

from __future__ import annotations

import http.client
import json
import re
import select
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from bench.crawlers import REPO
from bench.measure import LoadMeter
from bench.queries import timed
from bench.replica_proc import process_cpu_seconds

WARM_UP = 2
SEARCH_WORDS = ("关工", "扶贫", "关心下一代")


@contextmanager
def browse_server(db: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """``ggcrawl browse --db DB --port 0`` running; yields the process and its port."""
    process = subprocess.Popen(
        [sys.executable, "-m", "ggcrawl", "browse", "--db", str(db), "--port", "0"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        # An archive of an older schema is upgraded first: minutes at 100,000 articles.
        ready, _, _ = select.select([process.stdout], [], [], 1800)
        line = process.stdout.readline() if ready else ""
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not found:
            raise RuntimeError(f"ggcrawl browse printed no address: {line!r}")
        yield process, int(found.group(1))
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def pages(db: Path, next_path: str) -> list[tuple[str, str]]:
    """(what, path) of every page timed; the column, year, article and snapshot are the
    archive's largest column, its latest year, its newest article and that one's snapshot."""
    name = quote(db.stem)
    conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        [(section,)] = conn.execute(
            "SELECT section FROM articles WHERE section IS NOT NULL "
            "GROUP BY section ORDER BY COUNT(*) DESC LIMIT 1"
        )
        [(year,)] = conn.execute(
            "SELECT MAX(substr(published_at, 1, 4)) FROM articles WHERE section = ?", (section,)
        )
        [(url, snapshot)] = conn.execute(
            "SELECT url, snapshot_id FROM articles ORDER BY published_at DESC LIMIT 1"
        )
    finally:
        conn.close()
    db_path = f"/{name}"
    searches = [
        (f"search page {word}{f', page {page}' if page > 1 else ''}", {"q": word} | extra)
        for word in SEARCH_WORDS
        for page, extra in ((1, {}), (5, {"page": 5}))
    ]
    return [
        ("front page", "/"),
        ("overview", "/-/overview"),
        *((what, f"{db_path}/-/search?{urlencode(args)}") for what, args in searches),
        ("column", f"{db_path}/-/column?{urlencode({'name': section})}"),
        ("column-year", f"{db_path}/-/column?{urlencode({'name': section, 'year': year})}"),
        ("articles table", f"{db_path}/articles"),
        ("articles table, page 2", next_path),
        *(
            (f"articles ?_search={word}", f"{db_path}/articles?{urlencode({'_search': word})}")
            for word in ("关心下一代", "扶贫")
        ),
        ("articles ?published_year=2019", f"{db_path}/articles?published_year=2019"),
        ("reader", f"{db_path}/-/article?{urlencode({'url': url})}"),
        ("snapshot", f"{db_path}/-/snapshot/{snapshot}"),
    ]


class PageFailed(Exception):
    """A page answered something other than 200."""


def _get(conn: http.client.HTTPConnection, path: str) -> bytes:
    """The body of ``path`` read whole, over the connection kept open."""
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise PageFailed(f"HTTP {response.status}")
    return body


def _second_page(conn: http.client.HTTPConnection, db: Path) -> str:
    """The articles table's second page as its own "next" link gives it (``_next``)."""
    body = _get(conn, f"/{quote(db.stem)}/articles.json")
    link = urlsplit(json.loads(body)["next_url"])
    return link.path.removesuffix(".json") + "?" + link.query


def time_browse(db: Path, runs: int, budget_s: float = 30.0) -> dict[str, Any]:
    """p50/p95 of every page over ``runs`` requests (after WARM_UP untimed ones), all on one
    kept-alive connection; a page answering anything but 200 is reported as failed, untimed.
    The first request is reported on its own: it pays for what the server keeps (counts are
    kept per state of the archive, ggcrawl.browse.counts), as a new search does."""
    results = []
    with browse_server(db) as (process, port):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            for what, path in pages(db, _second_page(conn, db)):
                meter = LoadMeter()
                server_cpu = process_cpu_seconds(process.pid)
                row: dict[str, Any] = {"page": what, "path": path}
                try:
                    started = time.perf_counter()
                    row["bytes"] = len(_get(conn, path))
                    row["first_ms"] = (time.perf_counter() - started) * 1000
                    for _ in range(WARM_UP - 1):
                        _get(conn, path)
                    row |= timed(lambda p=path: _get(conn, p), runs, budget_s)
                except PageFailed as exc:
                    row["failed"] = str(exc)
                served = process_cpu_seconds(process.pid) - server_cpu
                row["foreign_cores"] = meter.foreign_cores(served)
                results.append(row)
        finally:
            conn.close()
    return {"runs": runs, "pages": results}
