"""Scope and containment against a hostile site: only the start URL's origin (and origins the
user adds) is fetched, never file:, data: or other schemes, never a redirect elsewhere; nothing
a page says can write outside the archive's folder; page and asset sizes are capped."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from tests.archive_checks import query
from tests.conftest import FAST, run_cli

pytestmark = pytest.mark.e2e

NAV = "".join(
    f'<a href="/c{i}/">{name}</a> '
    for i, name in enumerate(["关工要闻", "文件快递", "银发风采", "领导关怀", "调研与思考"])
)
TRAVERSAL_ASSETS = [
    "/up/../../../../../../tmp/ggcrawl-evil.png",
    "/up/..%2F..%2F..%2Fggcrawl-evil2.png",
    "/up/%2e%2e/%2e%2e/ggcrawl-evil3.png",
]


class Site(BaseHTTPRequestHandler):
    """A small hostile site: scheme tricks, traversal asset names, redirects away."""

    protocol_version = "HTTP/1.1"
    hits: ClassVar[list[str]] = []
    other = ""  # the off-site server's base URL

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        path = self.path
        if path == "/robots.txt":
            return self.answer(200, b"User-agent: *\nDisallow:\n", "text/plain")
        if path == "/":
            body = (
                f"<html><body><div>{NAV}<a href='/'>首页</a></div>"
                "<a href='file:///etc/passwd'>文件</a><a href='data:text/html,<b>x</b>'>数据</a>"
                f"<a href='ftp://127.0.0.1/x'>ftp</a><a href='{Site.other}'>外站</a>"
                "<p>主办：天水市关心下一代工作委员会 版权所有</p></body></html>"
            )
            return self.answer(200, body.encode())
        if path.startswith("/c") and path.endswith("/"):
            n = path[2:-1]
            items = "".join(
                f"<li><a href='/a/{n}-{k}.html'>文章标题{n}-{k}</a> 2019-01-0{k + 1}</li>"
                for k in range(3)
            )
            body = (
                f"<html><body><div>{NAV}</div>"
                f"<div>当前位置：<a href='/'>首页</a> &gt; 栏目{n}</div>"
                f"<ul>{items}<li><a href='/go-file'>跳转</a> 2019-01-09</li></ul>"
                "<p>版权所有</p></body></html>"
            )
            return self.answer(200, body.encode())
        if path == "/go-file":
            return self.answer(302, b"", headers=[("Location", "file:///etc/passwd")])
        if path.startswith("/a/"):
            images = "".join(f"<img src='{src}'>" for src in TRAVERSAL_ASSETS)
            body = (
                f"<html><body><div>{NAV}</div>"
                "<div>当前位置：<a href='/'>首页</a> &gt; 关工要闻 &gt; 正文</div>"
                "<h1>标题</h1><div>发布时间：2019-01-29 09:57 来源：市关工办</div>"
                f"<div><p>正文第一段。{images}<img src='{Site.other}x.png'></p>"
                "<p><a href='/up/..\\\\..\\\\ggcrawl-evil.doc'>附件.doc</a></p></div>"
                "<ul><li>上一篇：没有了</li><li>下一篇：没有了</li></ul></body></html>"
            )
            return self.answer(200, body.encode())
        if path.startswith(("/up/", "/tmp/")) or path.endswith(".png") or "evil" in path:
            return self.answer(200, b"\x89PNG\r\n\x1a\n" + path.encode(), "image/png")
        return self.answer(404, b"<html>404</html>")

    def answer(self, status: int, body: bytes, kind: str = "text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        """Quiet."""


def serve(handler) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_hostile_site_cannot_widen_the_scope_or_write_outside_the_archive(tmp_path: Path) -> None:
    class Other(Site):
        hits: ClassVar[list[str]] = []

    Site.hits = []
    other = serve(Other)
    site = serve(Site)
    Site.other = f"http://127.0.0.1:{other.server_port}/"
    folder = tmp_path / "archive"
    db = folder / "tsggw.db"
    outside_before = {p.name for p in Path("/tmp").glob("ggcrawl-evil*")}
    try:
        result = run_cli(
            "crawl", "--start-url", f"http://127.0.0.1:{site.server_port}/", "--db", str(db), *FAST
        )
    finally:
        site.shutdown()
        other.shutdown()
    assert result.returncode == 0, result.stderr
    assert Other.hits == []
    files = sorted(p.name for p in folder.iterdir())
    assert [f for f in files if not f.startswith("tsggw")] == []
    assert {p.name for p in Path("/tmp").glob("ggcrawl-evil*")} == outside_before
    assert not list(tmp_path.glob("**/*evil*"))
    for table, column in (
        ("snapshots", "url"),
        ("frontier", "url"),
        ("assets", "url"),
    ):
        urls = [row[0] for row in query(db, f"SELECT {column} FROM {table}")]
        assert all(u.startswith("http://127.0.0.1:") for u in urls), (table, urls)
    redirect = query(db, "SELECT to_url FROM redirects")
    assert [r[0] for r in redirect] == ["file:///etc/passwd"]
    assert (
        "leaves the site"
        in query(db, "SELECT error FROM failures WHERE url = 'file:///etc/passwd'")[0][0]
    )
    fetched = query(db, "SELECT url, sha256 FROM assets WHERE sha256 IS NOT NULL")
    assert len(fetched) >= 3
    blobs = {row[0] for row in query(db, "SELECT sha256 FROM asset_blobs")}
    assert {row["sha256"] for row in fetched} <= blobs
    offsite = query(db, "SELECT url FROM assets WHERE offsite = 1")
    assert [row[0] for row in offsite] == [f"{Site.other}x.png"]
    assert not [h for h in Site.hits if "passwd" in h]


def test_extra_origins_widen_the_scope_only_as_asked(tmp_path: Path) -> None:
    class Other(Site):
        hits: ClassVar[list[str]] = []

    Site.hits = []
    other = serve(Other)
    site = serve(Site)
    Site.other = f"http://127.0.0.1:{other.server_port}/"
    db = tmp_path / "tsggw.db"
    try:
        result = run_cli(
            "crawl",
            "--start-url",
            f"http://127.0.0.1:{site.server_port}/",
            "--db",
            str(db),
            *FAST,
            "-s",
            f"EXTRA_ORIGINS={Site.other}",
        )
    finally:
        site.shutdown()
        other.shutdown()
    assert result.returncode == 0, result.stderr
    assert "/x.png" in Other.hits
    row = query(db, "SELECT offsite, sha256 FROM assets WHERE url = ?", f"{Site.other}x.png")[0]
    assert row[0] == 0 and row[1] is not None
