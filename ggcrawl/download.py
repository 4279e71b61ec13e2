"""Scrapy's HTTP/1.1 download handler, keeping the response head exactly as it was received.

Scrapy keeps a status code (``404 Object Not Found`` becomes 404) and headers with their names
re-capitalised (``ETag`` becomes ``Etag``), and a WARC must hold the real status line and
headers. The parser below notes the raw status line and header lines in arrival order; they ride
on in the request's ``meta["http_head"]``, where the WARC middleware reads them. This leans on
Scrapy internals, hence the narrow Scrapy version range in pyproject.toml; tests/test_warc.py
fails if they move.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.core.downloader.handlers.http11 import (
    HTTP11DownloadHandler,
    _LenientHTTP11ClientFactory,
    _LenientHTTP11ClientProtocol,
    _LenientHTTPClientParser,
    _ScrapyAgent,
    wrap_twisted_exceptions,
)
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future


class _HeadKeepingParser(_LenientHTTPClientParser):
    def statusReceived(self, status: bytes) -> None:
        super().statusReceived(status)
        self.response._ggcrawl_head = (status, [])

    def headerReceived(self, name: bytes, value: bytes) -> None:
        head = getattr(self.response, "_ggcrawl_head", None)
        if head is not None:
            head[1].append((name, value))
        super().headerReceived(name, value)


class _HeadKeepingProtocol(_LenientHTTP11ClientProtocol):
    def request(self, request: Any) -> Any:
        result = super().request(request)
        self._parser.__class__ = _HeadKeepingParser  # as Scrapy itself swaps the parser
        return result


class _HeadKeepingFactory(_LenientHTTP11ClientFactory):
    def buildProtocol(self, addr: Any) -> _HeadKeepingProtocol:
        return _HeadKeepingProtocol(self._quiescentCallback)


class _HeadKeepingAgent(_ScrapyAgent):
    """One agent per request (as in Scrapy), so the request it serves can be remembered."""

    def download_request(self, request: Request) -> Any:
        self._ggcrawl_request = request
        return super().download_request(request)

    def _cb_bodydone(self, result: Any, url: str) -> Response:
        response = super()._cb_bodydone(result, url)
        head = getattr(result["txresponse"], "_ggcrawl_head", None)
        if head is not None:
            status, headers = head
            self._ggcrawl_request.meta["http_head"] = (
                status.decode("latin-1"),
                [(name.decode("latin-1"), value.decode("latin-1")) for name, value in headers],
            )
        return response


class ExactHTTPDownloadHandler(HTTP11DownloadHandler):
    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self._pool._factory = _HeadKeepingFactory

    async def download_request(self, request: Request) -> Response:
        agent = _HeadKeepingAgent(
            contextFactory=self._contextFactory,
            bindAddress=self._bind_address,
            pool=self._pool,
            maxsize=self._default_maxsize,
            warnsize=self._default_warnsize,
            fail_on_dataloss=self._fail_on_dataloss,
            crawler=self._crawler,
            tls_verbose_logging=self._tls_verbose_logging,
        )
        with wrap_twisted_exceptions():
            return await maybe_deferred_to_future(agent.download_request(request))
