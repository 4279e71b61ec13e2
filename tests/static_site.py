"""A site of a few fixed pages on a loopback address, for what stands in front of a real site:
a placeholder page, an anti-bot JavaScript challenge, a login wall, a redirecting front."""

from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

# path → (status, headers, body); a callable gets the request's Host header and answers.
Answer = tuple[int, dict[str, str], bytes]
Pages = dict[str, Answer | Callable[[str], Answer]]


class StaticSite:
    """Serves ``pages`` on ``host`` and ``port`` (0: any free one); every other path is a 404.
    ``requests`` lists the paths asked for, in order."""

    def __init__(self, pages: Pages, host: str = "127.0.0.1", port: int = 0):
        self.pages = pages
        self.requests: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append(self.path)
                page = site.pages.get(self.path.split("?")[0], (404, {}, b"not found"))
                status, headers, body = (
                    page(self.headers.get("Host", "")) if callable(page) else page
                )
                self.send_response(status)
                for name, value in {"Content-Length": str(len(body)), **headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> StaticSite:
        self.thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.server.shutdown()
        self.server.server_close()


def html(body: str, title: str = "", charset: str = "utf-8") -> bytes:
    return (
        f"<html><head><meta charset='{charset}'><title>{title}</title></head>"
        f"<body>{body}</body></html>"
    ).encode(charset)


HTML = {"Content-Type": "text/html; charset=utf-8"}
ROBOTS = (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow:\n")


# What stands in front of a site instead of it: a page under construction, an anti-bot
# challenge (a script that sets a cookie and reloads), a login form.
PLACEHOLDER = html("<h1>网站建设中</h1><p>敬请期待</p>", "网站建设中")
CHALLENGE = html(
    "<script>var x=function(){document.cookie='__jsl_clearance=1603;max-age=3600;path=/';"
    "location.href=location.pathname+location.search};setTimeout(x,1500);</script>"
)
LOGIN = html(
    "<form action='/login' method='post'><p>用户名 <input name='u'></p>"
    "<p>密码 <input type='password' name='p'></p><button>登录</button></form>",
    "统一身份认证 登录",
)
