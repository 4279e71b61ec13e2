"""Downloader middlewares: keep the crawl inside the start URL's origin; retry transient
failures after a growing pause; record every exchange in the crawl's WARC file before anything
decodes it."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Headers, Response
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import task

from ggcrawl.scope import SiteScope
from ggcrawl.session import CrawlSession
from ggcrawl.warc import Exchange

logger = logging.getLogger(__name__)


class OffOriginRequest(IgnoreRequest):
    """A request (or a redirect) that would leave the archived site."""


class OriginGuardMiddleware:
    """Refuses every request outside the site (:class:`ggcrawl.scope.SiteScope`: the start
    URL's origin, where its redirects lead, the site's http/https and www./bare names, and
    EXTRA_ORIGINS), and every non-http(s) URL. It sits in the downloader chain, so redirects,
    which Scrapy sends back through the chain, are checked too: a redirect off the site is
    recorded, not followed. A spider without a scope (not ggcrawl's) is not guarded."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OriginGuardMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        scope: SiteScope | None = getattr(self.crawler.spider, "scope", None)
        if scope is None:
            return
        if not scope.is_site(request.url):
            self.crawler.stats.inc_value("ggcrawl/off_origin_refused")
            reason = (
                f"redirect from {request.meta.get('referer')} leaves the site"
                if request.meta.get("redirect_hops")
                else "outside the archived site"
            )
            logger.debug("Refused %s: %s", request.url, reason)
            raise OffOriginRequest(reason)


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries (same codes, same RETRY_TIMES), but each after a pause that doubles
    (RETRY_BACKOFF_BASE, 2×, 4× … up to RETRY_BACKOFF_MAX seconds) and honours a server's
    Retry-After: a small server in trouble gets room to recover instead of a burst of repeats."""

    def __init__(self, settings: BaseSettings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        result = super().process_response(request, response)
        if isinstance(result, Request):
            asked = _seconds(response.headers.get("Retry-After"))
            result.meta["retry_delay"] = max(
                result.meta.get("retry_delay", 0), min(asked, self.cap)
            )
        return result

    def _retry(self, request: Request, reason: str | Exception | type[Exception]) -> Request | None:
        retry = super()._retry(request, reason)
        if retry is not None:
            attempt = retry.meta.get("retry_times", 1)
            retry.meta["retry_delay"] = min(self.cap, self.base * 2 ** (attempt - 1))
        return retry

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        delay = request.meta.pop("retry_delay", 0)
        if delay > 0:
            from twisted.internet import reactor

            await maybe_deferred_to_future(task.deferLater(reactor, delay, lambda: None))


def _seconds(value: bytes | None) -> float:
    """Retry-After as seconds (an HTTP date, the other allowed form, counts as 0)."""
    try:
        return max(float(value or 0), 0.0)
    except ValueError:
        return 0.0


class WarcRecorderMiddleware:
    """Writes each response, exactly as received, to the crawl's WARC file.

    It sits closest to the download handler (order 950, after HttpCompressionMiddleware's 590
    in response order), so it sees the body still compressed. The WARC file is the crawl
    session's (:class:`ggcrawl.session.CrawlSession`), which knows the crawl and what to cut
    back after a crash; where the record went rides on in ``meta["warc_ref"]``.
    """

    def __init__(self, session: CrawlSession):
        self.session = session

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcRecorderMiddleware:
        return cls(CrawlSession.of(crawler))

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        warc = self.session.warc
        if warc is not None:
            request.meta["warc_ref"] = warc.record(exchange_of(request, response), warc_now())
        return response


def exchange_of(request: Request, response: Response) -> Exchange:
    """The exchange as it went over the wire: the raw status line and header lines where the
    download handler kept them (see :mod:`ggcrawl.download`), Scrapy's view otherwise."""
    parts = urlsplit(request.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    protocol = getattr(response, "protocol", None) or "HTTP/1.1"
    reason = ""
    headers = _pairs(response.headers)
    head = request.meta.get("http_head")
    if head is not None:
        status_line, headers = head
        protocol, _, rest = status_line.partition(" ")
        reason = rest.partition(" ")[2]
    return Exchange(
        url=response.url,
        method=request.method,
        target=target,
        request_headers=[("Host", parts.netloc), *_pairs(request.headers)],
        protocol=protocol,
        status=response.status,
        reason=reason,
        response_headers=headers,
        body=response.body,
        ip=str(response.ip_address) if getattr(response, "ip_address", None) else None,
    )


def _pairs(headers: Headers) -> list[tuple[str, str]]:
    """Scrapy headers as (name, value) pairs, a repeated header once per value."""
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    ]


def warc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
