"""Downloader middleware that keeps the crawl inside the start URL's origin."""

from __future__ import annotations

import logging

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from ggcrawl.urls import is_fetchable, origin

logger = logging.getLogger(__name__)


class OffOriginRequest(IgnoreRequest):
    """A request (or a redirect) that would leave the archived site."""


class OriginGuardMiddleware:
    """Refuses every request whose scheme, host or port differs from the start URL's, and
    every non-http(s) URL. It sits in the downloader chain, so redirects, which Scrapy sends
    back through the chain, are checked too: a redirect off the site is recorded, not followed.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OriginGuardMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        allowed = getattr(self.crawler.spider, "allowed_origins", None)
        if not allowed:
            return
        if not is_fetchable(request.url) or origin(request.url) not in allowed:
            self.crawler.stats.inc_value("ggcrawl/off_origin_refused")
            reason = (
                f"redirect from {request.meta.get('referer')} leaves the site"
                if request.meta.get("redirect_hops")
                else "outside the archived site"
            )
            logger.debug("Refused %s: %s", request.url, reason)
            raise OffOriginRequest(reason)
