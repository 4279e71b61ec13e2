"""ExactHTTPDownloadHandler against a real HTTP server on 127.0.0.1 that sends what Scrapy would
tidy away: a reason phrase of its own, header names in odd case, repeated headers, a gzip body.

The handler needs a running Twisted reactor, which a test process should not install (the
reactor cannot be restarted, and the other tests make their crawlers without one), so it is
driven in a short child process (DRIVER): the handler alone, built with ``build_from_crawler``,
asked for several URLs at once and then one after another on a kept-alive connection. A tiny real
crawl through ``ggcrawl crawl`` then checks that the same head reaches the WARC file.
"""

from __future__ import annotations

import base64
import gzip
import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from ggcrawl.diagnosis import EXIT_NO_SITE
from tests.archive_checks import query
from tests.conftest import FAST, REPO, run_cli

PAGE = (
    "<html><head><meta charset='utf-8'><title>天水市关工委</title></head>"
    "<body><p>首页</p></body></html>"
).encode()
GZIPPED = gzip.compress(PAGE, mtime=0)

# path → (status line, header lines, body, keep the connection open after it)
ANSWERS: dict[str, tuple[str, list[tuple[str, str]], bytes, bool]] = {
    "/": (
        "HTTP/1.1 200 Fine Thanks",
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("X-Mixed-CASE", "yes"),
            ("set-cookie", "a=1; Path=/"),
            ("Set-Cookie", "b=2; Path=/"),
            ("ETag", '"5e-1a"'),
            ("Content-Encoding", "gzip"),
            ("Content-Length", str(len(GZIPPED))),
            ("Connection", "close"),
        ],
        GZIPPED,
        False,
    ),
    "/missing.asp": (
        "HTTP/1.1 404 Object Not Found",
        [("Server", "Microsoft-IIS/6.0"), ("Content-Length", "9"), ("Connection", "close")],
        b"not found",
        False,
    ),
    "/old.html": (
        "HTTP/1.0 200 ok",
        [("content-type", "text/plain"), ("Content-Length", "3")],
        b"old",
        False,
    ),
    "/keep/1": ("HTTP/1.1 200 First One", [("Content-Length", "1"), ("X-Seq", "1")], b"1", True),
    "/keep/2": ("HTTP/1.1 200 Second One", [("Content-Length", "1"), ("X-Seq", "2")], b"2", True),
    "/robots.txt": (
        "HTTP/1.1 404 No Robots Here",
        [("Content-Length", "0"), ("Connection", "close")],
        b"",
        False,
    ),
}


class RawServer:
    """Answers each request with the exact bytes of ANSWERS, on one thread per connection;
    remembers which connection served which path."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.served: list[tuple[int, str]] = []  # (connection number, path)
        self._connections = 0
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> RawServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.sock.close()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self._connections += 1
            threading.Thread(
                target=self._serve, args=(conn, self._connections), daemon=True
            ).start()

    def _serve(self, conn: socket.socket, number: int) -> None:
        buffer = b""
        with conn:
            conn.settimeout(10)
            while True:
                while b"\r\n\r\n" not in buffer:
                    try:
                        chunk = conn.recv(65536)
                    except OSError:
                        return
                    if not chunk:
                        return
                    buffer += chunk
                head, _, buffer = buffer.partition(b"\r\n\r\n")
                path = head.split(b"\r\n", 1)[0].split(b" ")[1].decode()
                self.served.append((number, path))
                status, headers, body, keep = ANSWERS[path]
                lines = [status, *(f"{name}: {value}" for name, value in headers)]
                conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
                if not keep:
                    return


@pytest.fixture(scope="module")
def server() -> Iterator[RawServer]:
    with RawServer() as raw:
        yield raw


# Run in a child process: the handler alone, on Scrapy's asyncio reactor.
DRIVER = r"""
import asyncio, base64, json, sys
from scrapy.utils.reactor import install_reactor
install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
from twisted.internet import reactor
from scrapy import Request
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler
from ggcrawl.download import ExactHTTPDownloadHandler

base, together, in_turn = sys.argv[1], sys.argv[2].split(","), sys.argv[3].split(",")

def seen(request, response):
    return {
        "url": response.url,
        "status": response.status,
        "http_head": request.meta.get("http_head"),
        "scrapy_headers": [
            [k.decode("latin-1"), v.decode("latin-1")]
            for k, vs in response.headers.items() for v in vs
        ],
        "body": base64.b64encode(response.body).decode(),
    }

async def main():
    crawler = get_crawler()
    handler = build_from_crawler(ExactHTTPDownloadHandler, crawler)
    try:
        requests = [Request(base + path) for path in together]
        responses = await asyncio.gather(*(handler.download_request(r) for r in requests))
        results = [seen(q, r) for q, r in zip(requests, responses)]
        for path in in_turn:
            request = Request(base + path)
            results.append(seen(request, await handler.download_request(request)))
    finally:
        await handler.close()
    print(json.dumps(results))

outcome = []
def run():
    d = deferred_from_coro(main())
    d.addErrback(lambda failure: outcome.append(failure) or failure.printTraceback(file=sys.stderr))
    d.addBoth(lambda _: reactor.stop())
reactor.callWhenRunning(run)
reactor.run()
sys.exit(1 if outcome else 0)
"""


def drive(server: RawServer, together: list[str], in_turn: list[str]) -> dict[str, dict]:
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, server.base_url, ",".join(together), ",".join(in_turn)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return {
        entry["url"].removeprefix(server.base_url): entry for entry in json.loads(result.stdout)
    }


@pytest.fixture(scope="module")
def downloads(server: RawServer) -> tuple[RawServer, dict[str, dict]]:
    return server, drive(server, ["/", "/missing.asp", "/old.html"], ["/keep/1", "/keep/2"])


def test_the_status_line_and_header_lines_are_kept_exactly(downloads) -> None:
    _server, seen = downloads
    for path in ("/", "/missing.asp", "/old.html", "/keep/1", "/keep/2"):
        status_line, headers, _body, _keep = ANSWERS[path]
        assert seen[path]["http_head"] == [status_line, [list(h) for h in headers]], path
        assert seen[path]["status"] == int(status_line.split(" ")[1])


def test_scrapys_own_view_is_tidied_which_is_why_the_head_is_kept(downloads) -> None:
    _server, seen = downloads
    names = [name for name, _value in seen["/"]["scrapy_headers"]]
    assert "X-Mixed-Case" in names and "X-Mixed-CASE" not in names
    assert "Etag" in names and "ETag" not in names
    cookies = [v for k, v in seen["/"]["scrapy_headers"] if k == "Set-Cookie"]
    assert cookies == ["a=1; Path=/", "b=2; Path=/"]


def test_the_body_is_left_as_transferred(downloads) -> None:
    _server, seen = downloads
    assert base64.b64decode(seen["/"]["body"]) == GZIPPED  # decompressing is a middleware's job
    assert base64.b64decode(seen["/missing.asp"]["body"]) == b"not found"


def test_each_request_of_a_kept_alive_connection_gets_its_own_head(downloads) -> None:
    server, seen = downloads
    connections = dict((path, number) for number, path in server.served)
    assert connections["/keep/1"] == connections["/keep/2"]  # the pool reused the connection
    assert seen["/keep/1"]["http_head"][0] == "HTTP/1.1 200 First One"
    assert seen["/keep/2"]["http_head"][0] == "HTTP/1.1 200 Second One"
    assert seen["/keep/2"]["http_head"][1] == [["Content-Length", "1"], ["X-Seq", "2"]]


@pytest.mark.e2e
def test_a_crawl_writes_the_head_as_received_into_the_warc(server: RawServer, tmp_path: Path):
    db = tmp_path / "t.db"
    result = run_cli("crawl", "--start-url", server.base_url + "/", "--db", str(db), *FAST)
    # A page with no site on it (no nav bar): archived all the same, and said so.
    assert result.returncode == EXIT_NO_SITE, result.stderr
    assert "No site found: no nav bar" in result.stderr
    home = server.base_url + "/"
    [(filename, offset)] = query(
        db, "SELECT warc_filename, warc_offset FROM snapshots WHERE url = ?", home
    )
    with (tmp_path / filename).open("rb") as handle:
        handle.seek(offset)
        record = next(iter(ArchiveIterator(handle)))
        assert record.rec_headers.get_header("WARC-Target-URI") == home
        http = record.http_headers
        assert (http.protocol, http.statusline) == ("HTTP/1.1", "200 Fine Thanks")
        assert http.headers == ANSWERS["/"][1]
        assert record.raw_stream.read() == GZIPPED
    # The snapshot holds the body decoded, and the header lines by name as the server spelt
    # them (the spider groups meta["http_head"]).
    [(body, headers)] = query(
        db, "SELECT sqlar_uncompress(body, size), headers FROM snapshots WHERE url = ?", home
    )
    assert body == PAGE
    grouped: dict[str, list[str]] = {}
    for name, value in ANSWERS["/"][1]:
        grouped.setdefault(name, []).append(value)
    assert json.loads(headers) == grouped
    assert {"set-cookie", "Set-Cookie", "X-Mixed-CASE", "ETag"} <= set(grouped)
