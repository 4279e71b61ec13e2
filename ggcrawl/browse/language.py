"""Every page of the browse view says it is in Chinese: ``<html lang="zh-CN">``.

Datasette's own templates open with a bare ``<html>``, outside any block a template could
override, so the attribute is added to HTML responses on their way out (an ASGI wrapper, the
plugin hook Datasette offers for this): screen readers, browsers' fonts and translation then
treat the pages as Chinese, Datasette's table and query pages included. Archived pages served
as they were (a snapshot's raw view) are left as the site served them.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Message = MutableMapping[str, Any]
ASGIApp = Callable[
    [Message, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]],
    Awaitable[None],
]
LANGUAGE = b"zh-CN"
# The document's <html> start tag when it names no language; it opens the page's first bytes.
BARE_HTML = re.compile(rb"<html(?![^>]*\slang=)")
OPENING = 1024
# Archived pages served as they were (a snapshot's raw view, assets) are the site's, not ours.
ARCHIVED = re.compile(r"/-/(?:snapshot/[^/]+/raw|asset/)")


def with_language(app: ASGIApp) -> ASGIApp:
    """``app`` whose HTML pages carry ``lang="zh-CN"``."""

    async def wrapped(
        scope: Message,
        receive: Callable[[], Awaitable[Message]],
        send: Callable[[Message], Awaitable[None]],
    ) -> None:
        if scope["type"] != "http" or ARCHIVED.search(scope.get("path", "")):
            await app(scope, receive, send)
            return
        state = {"html": False, "first": True}

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                kind = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                state["html"] = kind.lower().startswith(b"text/html")
                if state["html"]:  # the body grows by a few bytes
                    headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
                    message = {**message, "headers": headers}
            elif message["type"] == "http.response.body" and state["html"] and state["first"]:
                state["first"] = False
                body = message.get("body", b"")
                opening = BARE_HTML.sub(b'<html lang="' + LANGUAGE + b'"', body[:OPENING], 1)
                message = {**message, "body": opening + body[OPENING:]}
            await send(message)

        await app(scope, receive, sending)

    return wrapped
