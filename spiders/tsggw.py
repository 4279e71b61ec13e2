"""The `tsggw` spider: decides where to go, and nothing else.

Start URL → nav bar → each column's listing and its pages → every article → its 上一篇/下一篇
chain in both directions until it ends. Every response is kept as a snapshot before anything
interprets it; fields come from :mod:`ggcrawl.extract`, storage from the pipelines.
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure as TwistedFailure

from ggcrawl import __version__
from ggcrawl.extract import (
    Page,
    decode_html,
    extract_article,
    listing,
    load_page,
    nav_sections,
    page_kind,
)
from ggcrawl.extract.labels import KNOWN_SECTIONS
from ggcrawl.items import Article, Failure, ListingEntry, Redirect, Section, Snapshot
from ggcrawl.middlewares import OffOriginRequest
from ggcrawl.urls import check_start_url, is_fetchable, is_utility, normalize_url, origin

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5
START_URL_HELP = (
    "no start URL: give the site's address with `-a start_url=URL`, `-s START_URL=URL` or the "
    "GGCRAWL_START_URL environment variable (ggcrawl never guesses the live site's address)"
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class TsggwSpider(Spider):
    name = "tsggw"

    def __init__(self, start_url: str | None = None, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.start_url_argument = start_url
        self.start_url = ""
        self.allowed_origins: set[tuple[str, str, int]] = set()
        # Listing page numbers already requested per column: page 1 under its nav URL and
        # its pager alias (list_12_1.html, &page=1) are one page, fetched once.
        self.pages_requested: dict[str, set[int]] = defaultdict(set)

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        contact = settings.get("OPERATOR_CONTACT")
        if contact:
            user_agent = settings.get("USER_AGENT_TEMPLATE").format(
                version=__version__, contact=contact
            )
            settings.set("USER_AGENT", user_agent, priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> TsggwSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        given = (
            spider.start_url_argument
            or crawler.settings.get("START_URL")
            or os.environ.get("GGCRAWL_START_URL")
        )
        if given:
            spider.start_url = check_start_url(given)
            spider.allowed_origins = {origin(spider.start_url)}
        return spider

    async def start(self) -> AsyncIterator[Request]:
        if not self.start_url:
            logger.error(START_URL_HELP)
            self.crawler.stats.set_value("ggcrawl/error", START_URL_HELP)
            return
        yield self._request(self.start_url, "home", priority=100)

    # --- requests ---------------------------------------------------------------------------

    def _request(self, url: str, role: str, *, referer: str | None = None, **meta: Any) -> Request:
        priority = meta.pop("priority", 0)
        return Request(
            url,
            callback=self.dispatch,
            errback=self.failed,
            priority=priority,
            meta={
                "role": role,
                "referer": referer,
                "dont_redirect": True,
                "handle_httpstatus_list": list(REDIRECT_STATUSES),
                **meta,
            },
        )

    def _in_scope(self, url: str | None) -> bool:
        return bool(url) and is_fetchable(url) and origin(url) in self.allowed_origins

    def _may_follow(self, url: str | None) -> bool:
        """Links found in pages: in scope and not a CMS utility page (print, comments…)."""
        return self._in_scope(url) and not is_utility(url)

    # --- responses --------------------------------------------------------------------------

    def dispatch(self, response: Response) -> Iterator[Any]:
        """Keep the snapshot, follow a redirect, or hand the page to its role's handler."""
        page = load_page(response.url, response.body, response.headers) if response.body else None
        snapshot = snapshot_of(response, page.encoding if page else None)
        yield snapshot
        if response.status in REDIRECT_STATUSES:
            yield from self._redirect(response)
            return
        if page is None:
            return
        role = response.meta["role"]
        if role == "home":
            yield from self.parse_home(response, page)
        elif role in ("nav", "listing"):
            yield from self.parse_listing(response, page, snapshot)
        else:
            yield from self.parse_article(response, page, snapshot)

    def _redirect(self, response: Response) -> Iterator[Any]:
        location = response.headers.get("Location")
        hops = response.meta.get("redirect_hops", 0) + 1
        if not location:
            yield failure_of(
                response.url, response.status, "redirect without a Location header", response.meta
            )
            return
        target = normalize_url(location.decode("latin-1"), response.url)
        yield Redirect(response.url, target, response.status)
        if hops > MAX_REDIRECTS:
            yield failure_of(
                response.url, response.status, f"more than {MAX_REDIRECTS} redirects", response.meta
            )
            return
        meta = {k: v for k, v in response.meta.items() if k in ("section", "page", "position")}
        # Sent to the scheduler like any other request: its dupefilter makes an alias and its
        # target one page, and the origin guard refuses a redirect off the site.
        yield self._request(
            target, response.meta["role"], referer=response.url, redirect_hops=hops, **meta
        )

    def parse_home(self, response: Response, page: Page) -> Iterator[Any]:
        sections = nav_sections(page)
        if not sections:
            logger.error("No nav bar with column links found on the home page %s", response.url)
        names = [s.text for s in sections]
        for missing in (n for n in KNOWN_SECTIONS if n not in names):
            logger.warning("Known column %s is not in the nav bar any more", missing)
        for new in (n for n in names if n not in KNOWN_SECTIONS):
            logger.warning("New column in the nav bar: %s", new)
        for position, link in enumerate(sections):
            yield Section(link.text, link.url, position, link.text in KNOWN_SECTIONS)
            if not self._in_scope(link.url):
                continue
            self.pages_requested[link.text].add(1)
            yield self._request(
                link.url,
                "nav",
                referer=response.url,
                section=link.text,
                page=1,
                position=position,
                priority=50,
            )

    def parse_listing(self, response: Response, page: Page, snapshot: Snapshot) -> Iterator[Any]:
        section = response.meta["section"]
        kind = page_kind(page)
        if response.meta["role"] == "nav":
            yield Section(
                section,
                response.url,
                response.meta.get("position", 0),
                section in KNOWN_SECTIONS,
                kind,
            )
        if kind == "article":
            yield from self.parse_article(response, page, snapshot)
            return
        if kind not in ("listing", "guestbook"):
            return
        found = listing(page)
        if kind == "listing":
            for position, item in enumerate(found.items):
                if not self._may_follow(item.url):
                    continue
                yield ListingEntry(
                    section, item.url, response.url, response.meta.get("page"), position
                )
                yield self._request(
                    item.url, "article", referer=response.url, section=section, priority=10
                )
        requested = self.pages_requested[section]
        for link in found.pages:
            if not self._may_follow(link.url) or (
                link.number is not None and link.number in requested
            ):
                continue
            if link.number is not None:
                requested.add(link.number)
            yield self._request(
                link.url,
                "listing",
                referer=response.url,
                section=section,
                page=link.number,
                priority=20,
            )

    def parse_article(self, response: Response, page: Page, snapshot: Snapshot) -> Iterator[Any]:
        fields = extract_article(page)
        yield Article.from_fields(response.url, fields, snapshot)
        for url in (fields.prev_url, fields.next_url):
            if self._may_follow(url):
                yield self._request(
                    url,
                    "article",
                    referer=response.url,
                    section=response.meta.get("section"),
                    priority=10,
                )

    def failed(self, failure: TwistedFailure) -> Iterator[Any]:
        """Every request that did not yield a page ends up in `failures`, with the reason."""
        request = failure.request
        if failure.check(HttpError):
            response = failure.value.response
            content_type = response.headers.get("Content-Type", b"").decode("latin-1")
            yield snapshot_of(response, decode_html(response.body, content_type)[1])
            yield failure_of(request.url, response.status, f"HTTP {response.status}", request.meta)
            return
        if failure.check(OffOriginRequest):
            error = str(failure.value)
        else:
            error = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        yield failure_of(request.url, None, error, request.meta)


def snapshot_of(response: Response, encoding: str | None) -> Snapshot:
    headers = {
        key.decode("latin-1"): [v.decode("latin-1") for v in values]
        for key, values in response.headers.items()
    }
    return Snapshot(response.url, response.status, headers, response.body, encoding, now())


def failure_of(url: str, status: int | None, error: str, meta: dict[str, Any]) -> Failure:
    return Failure(url, status, error, meta.get("referer"), now())
