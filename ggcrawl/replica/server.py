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

With a fault plan (`faults=`, see ggcrawl.replica.faults) the site is drawn by a second renderer
and answers through an Injector; faults can be switched on and off while the server runs. A
request that hangs or streams holds only its own thread (one per connection, all daemons), and
stop() wakes or disconnects such requests instead of waiting for them.
"""

from __future__ import annotations

import contextlib
import socket
import struct
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
from .faults import (
    RESET_PAUSE,
    FaultPlan,
    Injector,
    Misbehave,
    as_plan,
    faulty_dialect,
    oversize_body,
)
from .model import Site
from .truth import ground_truth

App = Callable[[str, str, Message], Response | Misbehave]
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
        self.stopping = threading.Event()  # wakes hanging handlers and ends streams
        self.faulting: set[socket.socket] = set()  # connections a handler is misbehaving on


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    timeout = 60  # idle keep-alive connections give their thread back eventually
    server: _Server
    _abort = False  # end the connection with a reset instead of a FIN

    def do_GET(self) -> None:
        self._answer("GET")

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._answer("POST")

    def _answer(self, method: str) -> None:
        answer = self.server.app(method, self.path, self.headers)
        if isinstance(answer, Misbehave):
            self._misbehave(method, answer)
        else:
            self._send(method, answer)

    def _send(self, method: str, answer: Response, cut: int | None = None) -> None:
        """The answer, with its body cut to `cut` bytes (Content-Length still says all)."""
        self.send_response(answer.status, answer.reason)
        for name, value in answer.headers:
            self.send_header(name, value)
        if answer.status != 304:
            self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(answer.body[:cut])

    def _misbehave(self, method: str, act: Misbehave) -> None:
        """Fail as `act` says, then end the connection; a client that gives up first (as it
        should) ends it quietly."""
        self.close_connection = True
        connection = self.connection
        self.server.faulting.add(connection)
        try:
            if act.fault == "hang":
                self.server.stopping.wait(act.seconds)
            elif act.fault == "truncate":
                self._send(method, act.answer, len(act.answer.body) // 2)
            elif act.fault == "oversize":
                self._stream(method, act)
            else:  # "reset", "reset_headers"
                if act.fault == "reset_headers":
                    head = self._head(act.answer)
                    self.wfile.write(head[: len(head) // 2])
                    self.server.stopping.wait(RESET_PAUSE)
                linger = struct.pack("ii", 1, 0)  # close() then sends RST, not FIN
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
                self._abort = True
        except OSError:
            pass
        finally:
            self.server.faulting.discard(connection)

    def _stream(self, method: str, act: Misbehave) -> None:
        """An over-size 200, its body made as it is sent."""
        self.send_response(200)
        for name, value in act.answer.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(act.size))
        self.end_headers()
        if method == "HEAD":
            return
        for chunk in oversize_body(act.size):
            if self.server.stopping.is_set():
                return
            self.wfile.write(chunk)

    def _head(self, answer: Response) -> bytes:
        """The status line and header block `_send` would write for `answer`."""
        reason = answer.reason or self.responses[answer.status][0]
        lines = [
            f"{self.protocol_version} {answer.status} {reason}",
            f"Server: {self.version_string()}",
            f"Date: {self.date_time_string()}",
            *(f"{name}: {value}" for name, value in answer.headers),
            f"Content-Length: {len(answer.body)}",
        ]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def finish(self) -> None:
        super().finish()
        if self._abort:  # the files are closed, so this closes the socket: a reset
            self.connection.close()

    def version_string(self) -> str:
        return self.server.software

    def log_message(self, format: str, *args: Any) -> None:
        """Silence: a crawl of thousands of pages must not flood stderr."""


class _Answers:
    """One renderer's answers: drawn once per URL and site version, then gzip and 304 per
    request, as the server's front end would do."""

    def __init__(self, renderer: Dialect) -> None:
        self.renderer = renderer
        self._lock = threading.Lock()
        self._seen = renderer.site.version
        self._identity = lru_cache(maxsize=1024)(self._draw)
        self._compressed = lru_cache(maxsize=1024)(self._compress)

    def forget(self) -> None:
        """Drop every answer drawn: the templates changed."""
        with self._lock:
            self._identity.cache_clear()
            self._compressed.cache_clear()

    def _draw(self, version: int, method: str, target: str) -> Response:
        with self.renderer.site.lock:  # a page is drawn from one state of the site
            return self.renderer.respond(method, target)

    def _compress(self, version: int, method: str, target: str) -> Response:
        return self.renderer.compress(self._identity(version, method, target))

    def __call__(self, method: str, target: str, headers: Message) -> Response:
        version = self.renderer.site.version
        with self._lock:
            if self._seen != version:  # the site changed: drop every stale answer
                self._identity.cache_clear()
                self._compressed.cache_clear()
                self._seen = version
        key = (version, "GET" if method == "HEAD" else method, target)
        answer = self._identity(*key)
        if self.renderer.compressible(answer) and _accepts_gzip(headers.get("Accept-Encoding")):
            answer = self._compressed(*key)
        if method in ("GET", "HEAD") and _not_modified(answer, headers):
            kept = tuple((n, v) for n, v in answer.headers if n in KEPT_BY_304)
            return Response(304, kept, b"")
        return answer


class ReplicaServer:
    """The replica site (one dialect) plus the off-site server, on free loopback ports.

    `faults` (a FaultPlan, or True for the default plan) makes the site fail as the plan says
    until `srv.faults = None`; every fault served is appended to `fault_log`.
    """

    def __init__(
        self,
        site: Site,
        dialect: str = "dede",
        host: str = "127.0.0.1",
        port: int = 0,
        offsite_port: int = 0,
        faults: FaultPlan | bool | None = None,
    ) -> None:
        if dialect not in DIALECTS:
            raise ValueError(f"unknown dialect {dialect!r}; choose from {', '.join(DIALECTS)}")
        self.site = site
        self.dialect = dialect
        self.host = host
        self.requests: list[tuple[str, str]] = []  # (method, path with query), in arrival order
        # The same requests as {"method", "path", "headers": [(name, value), ...]}.
        self.request_log: list[dict[str, Any]] = []
        # {"path": request target, "fault": what it got}, in the order served (see faults.py).
        self.fault_log: list[dict[str, str]] = []
        self._plan = as_plan(faults)
        self._injector: Injector | None = None
        self._ports = (port, offsite_port)
        self._lock = threading.Lock()
        self._offsite_hits = 0
        self._servers: list[_Server] = []
        self._threads: list[threading.Thread] = []
        self._renderer: Dialect | None = None
        self._answers: _Answers | None = None

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
        answers = self._answers = _Answers(renderer)
        self._injector = self._inject()

        def app(method: str, target: str, headers: Message) -> Response | Misbehave:
            with self._lock:
                self.requests.append((method, target))
                self.request_log.append(
                    {"method": method, "path": target, "headers": list(headers.items())}
                )
            injector = self._injector
            if injector is None:
                return answers(method, target, headers)
            return injector(method, target, headers)

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
        """Shut both servers down and release their ports; hanging or streaming requests are
        woken and their connections shut, so this never waits for them."""
        if self._renderer is not None and self._renderer.article_id in self.site.resolvers:
            self.site.resolvers.remove(self._renderer.article_id)
        for server in self._servers:
            server.stopping.set()
            for connection in tuple(server.faulting):
                with contextlib.suppress(OSError):  # the client or the handler closed it first
                    connection.shutdown(socket.SHUT_RDWR)
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

    def relabel(self, words: dict[str, str]) -> None:
        """From now on every HTML page prints these words differently (来源 → 出处): the site's
        templates changed, its content did not (the ground truth stays as it was)."""
        self._redraw(relabel=dict(words))

    def split_articles(self, lines: int) -> None:
        """From now on the site splits every article longer than ``lines`` body lines over
        pages of that many, linked by a pager under the text (0: none split). The ground truth
        stays as it was: an article is still its whole text."""
        self._redraw(split_at=lines)

    def _redraw(self, **templates: Any) -> None:
        """Set how the templates draw pages; answers drawn before are forgotten. With faults
        on, the faulty renderer is made again from the new templates (its transient faults
        start over)."""
        for name, value in templates.items():
            setattr(self._running(), name, value)
        if self._answers is not None:
            self._answers.forget()
        if self._injector is not None:
            self._injector = self._inject()

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

    @property
    def faults(self) -> FaultPlan | None:
        """The fault plan in force, or None."""
        return self._plan

    @faults.setter
    def faults(self, faults: FaultPlan | bool | None) -> None:
        """Switch faults on (a plan, or True for the default one) or off (None), even while
        serving; a plan set again starts its transient faults over, so each run with faults
        on meets the same ones."""
        self._plan = as_plan(faults)
        self._injector = self._inject()

    def ground_truth(self) -> dict[str, Any]:
        """What a correct crawl of this server finds (see ggcrawl.replica.truth): always the
        fault-free site; with faults on, "faults" also says where they are (FaultyDialect)."""
        truth = ground_truth(self._running())
        injector = self._injector
        if injector is not None:
            with self.site.lock:
                truth["faults"] = injector.renderer.describe(truth)
        return truth

    # ----- internals
    def _running(self) -> Dialect:
        if self._renderer is None:
            raise RuntimeError("server not started")
        return self._renderer

    def _url(self, server: _Server) -> str:
        return f"http://{self.host}:{server.server_port}/"

    def _inject(self) -> Injector | None:
        """The plan at work on the running renderer's site and URLs (None: no faults)."""
        plan, renderer = self._plan, self._renderer
        if plan is None or renderer is None:
            return None
        faulty = faulty_dialect(type(renderer), plan, self.site, renderer.base, renderer.offsite)
        faulty.relabel, faulty.split_at = renderer.relabel, renderer.split_at
        return Injector(plan, faulty, _Answers(faulty), self._record)

    def _record(self, path: str, fault: str) -> None:
        with self._lock:
            self.fault_log.append({"path": path, "fault": fault})

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
