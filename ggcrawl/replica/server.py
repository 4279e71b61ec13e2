"""Serve a replica site over HTTP on loopback, next to an "other website" it links to.

Two ThreadingHTTPServers run in daemon threads: the site itself, speaking one dialect, and an
off-site server that only counts hits, so tests can prove a crawl never left the site.
HTTP/1.1 keep-alive with Content-Length, Nagle off and responses cached per URL keep the
server from being the bottleneck of a 20,000-article crawl. The cache is keyed by the site's
version, so the site can change under a running server (Site.add_articles and friends).

Per request, on top of the cached answer: gzip when the dialect compresses and the client
accepts it, then 304 Not Modified (no body, no Content-Length) when If-None-Match matches the
ETag (weak comparison, or "*"), or, without If-None-Match, when If-Modified-Since is not older
than Last-Modified. Every request is logged with its headers, in arrival order.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC
from email.message import Message
from email.utils import parsedate_to_datetime
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from . import media
from .dialects import DIALECT_CLASSES, DIALECTS, Dialect, Response
from .dialects.base import header
from .model import Site
from .truth import ground_truth

App = Callable[[str, str, Message], Response]
# What a 304 repeats of the 200 it stands for (RFC 9110 15.4.5).
KEPT_BY_304 = ("ETag", "Last-Modified", "Vary", "Cache-Control")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def __init__(self, address: tuple[str, int], software: str) -> None:
        super().__init__(address, _Handler)
        self.software = software
        self.app: App = lambda method, target, headers: Response(503, (), b"")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    timeout = 60  # idle keep-alive connections give their thread back eventually
    server: _Server

    def do_GET(self) -> None:
        self._answer("GET")

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._answer("POST")

    def _answer(self, method: str) -> None:
        answer = self.server.app(method, self.path, self.headers)
        self.send_response(answer.status, answer.reason)
        for name, value in answer.headers:
            self.send_header(name, value)
        if answer.status != 304:
            self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(answer.body)

    def version_string(self) -> str:
        return self.server.software

    def log_message(self, format: str, *args: Any) -> None:
        """Silence: a crawl of thousands of pages must not flood stderr."""


class ReplicaServer:
    """The replica site (one dialect) plus the off-site server, on free loopback ports."""

    def __init__(
        self,
        site: Site,
        dialect: str = "dede",
        host: str = "127.0.0.1",
        port: int = 0,
        offsite_port: int = 0,
    ) -> None:
        if dialect not in DIALECTS:
            raise ValueError(f"unknown dialect {dialect!r}; choose from {', '.join(DIALECTS)}")
        self.site = site
        self.dialect = dialect
        self.host = host
        self.requests: list[tuple[str, str]] = []  # (method, path with query), in arrival order
        # The same requests as {"method", "path", "headers": [(name, value), ...]}.
        self.request_log: list[dict[str, Any]] = []
        self._ports = (port, offsite_port)
        self._lock = threading.Lock()
        self._offsite_hits = 0
        self._servers: list[_Server] = []
        self._threads: list[threading.Thread] = []
        self._renderer: Dialect | None = None

    # ----- lifecycle
    def start(self) -> ReplicaServer:
        """Bind both servers and serve in daemon threads; returns self."""
        if self._servers:
            raise RuntimeError("server already started")
        cls = DIALECT_CLASSES[self.dialect]
        main = _Server((self.host, self._ports[0]), cls.server)
        offsite = _Server((self.host, self._ports[1]), "nginx")
        self._servers = [main, offsite]
        site = self.site
        renderer = self._renderer = cls(site, self._url(main), self._url(offsite))
        site.resolvers.append(renderer.article_id)

        @lru_cache(maxsize=1024)
        def identity(version: int, method: str, target: str) -> Response:
            with site.lock:  # a page is drawn from one state of the site
                return renderer.respond(method, target)

        @lru_cache(maxsize=1024)
        def compressed(version: int, method: str, target: str) -> Response:
            return renderer.compress(identity(version, method, target))

        seen = site.version

        def app(method: str, target: str, headers: Message) -> Response:
            nonlocal seen
            version = site.version
            with self._lock:
                self.requests.append((method, target))
                self.request_log.append(
                    {"method": method, "path": target, "headers": list(headers.items())}
                )
                if seen != version:  # the site changed: drop every stale answer
                    identity.cache_clear()
                    compressed.cache_clear()
                    seen = version
            key = (version, "GET" if method == "HEAD" else method, target)
            answer = identity(*key)
            if renderer.compressible(answer) and _accepts_gzip(headers.get("Accept-Encoding")):
                answer = compressed(*key)
            if method in ("GET", "HEAD") and _not_modified(answer, headers):
                kept = tuple((n, v) for n, v in answer.headers if n in KEPT_BY_304)
                return Response(304, kept, b"")
            return answer

        main.app = app
        offsite.app = self._offsite_app
        for server in self._servers:
            thread = threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": 0.05},  # quick stop() for tests that start many servers
                name=f"replica:{server.server_port}",
                daemon=True,
            )
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        """Shut both servers down and release their ports."""
        if self._renderer is not None and self._renderer.article_id in self.site.resolvers:
            self.site.resolvers.remove(self._renderer.article_id)
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join()
        self._servers, self._threads = [], []

    def __enter__(self) -> ReplicaServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    # ----- what tests look at
    @property
    def base_url(self) -> str:
        """The site's home page, e.g. http://127.0.0.1:PORT/ (the crawl's start URL)."""
        return self._running().base

    @property
    def offsite_base_url(self) -> str:
        """The other website the replica links to and redirects to."""
        return self._running().offsite

    @property
    def offsite_hits(self) -> int:
        """Requests the off-site server received."""
        with self._lock:
            return self._offsite_hits

    def ground_truth(self) -> dict[str, Any]:
        """What a correct crawl of this server finds (see ggcrawl.replica.truth)."""
        return ground_truth(self._running())

    # ----- internals
    def _running(self) -> Dialect:
        if self._renderer is None:
            raise RuntimeError("server not started")
        return self._renderer

    def _url(self, server: _Server) -> str:
        return f"http://{self.host}:{server.server_port}/"

    def _offsite_app(self, method: str, target: str, headers: Message) -> Response:
        with self._lock:
            self._offsite_hits += 1
        ext = media.extension(target)
        if ext in ("jpg", "png", "gif"):
            content_type = (("Content-Type", media.CONTENT_TYPES[ext]),)
            return Response(200, content_type, media.offsite_image(target))
        body = "<html><body><p>另一个网站 (off-site)</p></body></html>".encode()
        return Response(200, (("Content-Type", "text/html; charset=utf-8"),), body)


def _accepts_gzip(value: str | None) -> bool:
    """Whether an Accept-Encoding value allows gzip (named, or by "*", with q > 0)."""
    weights: dict[str, float] = {}
    for item in (value or "").split(","):
        coding, _, params = item.partition(";")
        q = params.strip().removeprefix("q=")
        try:
            weights[coding.strip().lower()] = float(q) if q else 1.0
        except ValueError:
            continue
    return weights.get("gzip", weights.get("x-gzip", weights.get("*", 0.0))) > 0


def _not_modified(answer: Response, headers: Message) -> bool:
    """Whether a conditional GET/HEAD gets 304 instead of `answer` (If-None-Match first)."""
    if answer.status != 200:
        return False
    tags = headers.get("If-None-Match")
    if tags is not None:
        current = (header(answer, "ETag") or "").removeprefix("W/")
        wanted = [tag.strip().removeprefix("W/") for tag in tags.split(",")]
        return "*" in wanted or (bool(current) and current in wanted)
    since, stamp = headers.get("If-Modified-Since"), header(answer, "Last-Modified")
    if since is None or stamp is None:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False  # an unparseable date is ignored (RFC 9110 13.1.3)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when >= parsedate_to_datetime(stamp)
