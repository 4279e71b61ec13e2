"""The `tsggw` spider: decides where to go, and nothing else.

Start URL → nav bar → each column's listing and its pages → every article (and the later pages
of one the site splits over pages, before it is kept) → its 上一篇/下一篇
chain in both directions until it ends, the images and attachments articles use, and the page
requisites of every page (its stylesheets and template images, and what those stylesheets
load), each once a crawl and, once archived, never again. Every response becomes one
:class:`~ggcrawl.items.Fetch` holding the snapshot and whatever it taught; fields come from
:mod:`ggcrawl.extract`, storage from the pipeline.

Re-crawls are incremental: a listing is walked only until it shows an article already archived,
and a chain is followed only into articles not yet archived, so an unchanged site costs the home
page and the first page of each column. Known articles are revisited only as the archivist's
REVISIT policy says, with conditional requests. The crawl's plan (what is known, what is still
pending after a crash) comes from the archive through the crawl's session
(:class:`ggcrawl.session.CrawlSession`), which opens and closes everything a crawl holds.
"""

from __future__ import annotations

import logging
import os
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Iterator
from dataclasses import asdict
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, DownloadCancelledError, IgnoreRequest
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure as TwistedFailure

from ggcrawl import __version__
from ggcrawl.chains import Neighbours, chain_covers_next_page
from ggcrawl.extract import (
    ArticleFields,
    Link,
    Page,
    Requisite,
    decode_stylesheet,
    extract_article_with,
    listing_with,
    load_page,
    nav_sections,
    page_kind_with,
    page_requisites,
    parse_selectors,
    stylesheet_references,
)
from ggcrawl.extract.continuation import join_page, next_page
from ggcrawl.extract.document import decode_html, header_value
from ggcrawl.extract.labels import KNOWN_SECTIONS
from ggcrawl.extract.requisites import STYLESHEET
from ggcrawl.items import (
    Article,
    ArticlePage,
    AssetData,
    AssetLink,
    Failure,
    Fetch,
    FrontierEntry,
    ListingEntry,
    Redirect,
    Section,
    Snapshot,
    SnapshotRef,
)
from ggcrawl.middlewares import OffOriginRequest
from ggcrawl.plan import CrawlPlan
from ggcrawl.scope import SiteScope, origin_url
from ggcrawl.session import CrawlSession
from ggcrawl.store import utc_now
from ggcrawl.urls import (
    SCRIPT_INDEX,
    check_start_url,
    fingerprint_url,
    is_fetchable,
    is_utility,
    normalize_url,
)

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset((301, 302, 303, 307, 308))
GONE_STATUSES = frozenset((404, 410))
MAX_REDIRECTS = 5
# A page of an article the site splits over pages ("part") goes before new articles: the
# article is kept when its last page is in.
PRIORITY = {"home": 100, "nav": 50, "listing": 20, "part": 12, "article": 10, "asset": 5}
START_URL_HELP = (
    "no start URL: give the site's address with `-a start_url=URL`, `-s START_URL=URL` or the "
    "GGCRAWL_START_URL environment variable (ggcrawl never guesses the live site's address)"
)


class TsggwSpider(Spider):
    name = "tsggw"

    def __init__(self, start_url: str | None = None, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.start_url_argument = start_url
        self.start_url = ""
        self.extra_origins: tuple[str, ...] = ()
        self.overrides = parse_selectors({})
        # Fired when the start URL's redirects have settled where the site is: the rest of
        # the frontier waits for it, as it is fetched from there (ggcrawl.scope).
        self.home_settled: Deferred[None] = Deferred()
        # URLs (in fingerprint form) requested or archived already: each is fetched once.
        self.seen: set[str] = set()
        # Listing page numbers already requested per column: page 1 under its nav URL and
        # its pager alias (list_12_1.html, &page=1) are one page, fetched once.
        self.pages_requested: dict[str, set[int]] = defaultdict(set)
        # The script that serves the site root under its own name (/index.php), if the nav
        # bar shows one.
        self.root_script = ""
        # Listing pages fetched per column, bounded by MAX_LISTING_PAGES (pagination traps).
        self.listing_pages: dict[str, int] = defaultdict(int)
        # The 上一篇/下一篇 links of every article fetched, and the listing pages an incremental
        # crawl holds back until the chains show whether they are needed (ggcrawl.chains).
        self.neighbours: dict[str, Neighbours] = {}
        self.held: list[tuple[str, list[str], list[Request]]] = []
        # Page requisites listed in this crawl (their stored URLs): templates repeat them on
        # every page, so each is listed, and asked for, once.
        self.requisites: set[str] = set()

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
            spider.extra_origins = tuple(
                check_start_url(extra) for extra in crawler.settings.getlist("EXTRA_ORIGINS")
            )
        spider.overrides = parse_selectors(crawler.settings.getdict("SELECTORS"))
        crawler.signals.connect(spider.release_held_pages, signal=signals.spider_idle)
        return spider

    @cached_property
    def session(self) -> CrawlSession:
        """The crawl's session; asked for when first needed, as Scrapy makes the spider before
        the extensions."""
        return CrawlSession.of(self.crawler)

    @property
    def plan(self) -> CrawlPlan:
        return self.session.plan

    @cached_property
    def scope(self) -> SiteScope:
        """The site's names: the start URL's, where its redirects lead (where a resumed crawl
        had found the site), and the origin the archive keeps URLs under."""
        plan = self.plan
        scope = SiteScope.of(self.start_url, canonical=plan.canonical, extra=self.extra_origins)
        if plan.site:
            scope.moved_to(plan.site)
        return scope

    def first_request(self) -> FrontierEntry:
        return FrontierEntry(self.start_url, "home", PRIORITY["home"], {})

    async def start(self) -> AsyncIterator[Request]:
        if not self.start_url:
            logger.error(START_URL_HELP)
            self.crawler.stats.set_value("ggcrawl/error", START_URL_HELP)
            return
        plan = self.plan
        self.seen = {fingerprint_url(url) for url in plan.seen}
        for section, numbers in plan.listing_pages.items():
            self.pages_requested[section] |= numbers
        home = [entry for entry in plan.pending if entry.role == "home"]
        rest = [entry for entry in plan.pending if entry.role != "home"]
        for entry in home:
            yield self._request(entry)
        if home and rest:
            await maybe_deferred_to_future(self.home_settled)
        for entry in rest:
            yield self._request(entry)

    # --- requests ---------------------------------------------------------------------------

    def _request(self, entry: FrontierEntry) -> Request:
        meta = dict(entry.meta)
        headers = meta.pop("headers", None)
        return Request(
            self.scope.to_fetch(entry.url),
            callback=self.dispatch,
            errback=self.failed,
            priority=entry.priority,
            headers=headers,
            dont_filter=True,  # dedup is ours (self.seen), kept in the frontier across crashes
            meta={
                **meta,
                "role": entry.role,
                "dont_redirect": True,
                "handle_httpstatus_all": True,
            },
        )

    def _follow(
        self,
        fetch: Fetch,
        url: str | None,
        role: str,
        *,
        anywhere: bool = False,
        held: bool = False,
        again: bool = False,
        **meta: Any,
    ) -> Request | None:
        """A request for ``url`` unless it is out of scope, a CMS utility page (links found in
        pages only; the nav bar's own links are followed ``anywhere``), already requested
        (unless ``again``), or an archived article that an incremental crawl leaves alone."""
        if not url or not self._in_scope(url) or (not anywhere and is_utility(url)):
            return None
        url = self._stored(url)
        key = fingerprint_url(url)
        if key in self.seen and not again:
            return None
        if role == "article" and self.plan.archived(url):
            return None
        self.seen.add(key)
        entry = FrontierEntry(url, role, PRIORITY[role], {"referer": fetch.url, **meta}, held)
        fetch.discovered.append(entry)
        return self._request(entry)

    def _stored(self, url: str) -> str:
        """The form the archive keeps a link of the site under: its origin (ggcrawl.scope)
        and its root script."""
        return self._with_root_script(self.scope.to_store(url))

    def _with_root_script(self, url: str) -> str:
        """``/?m=…`` as ``/index.php?m=…`` once the nav bar has shown that the site names its
        root script (as PHPCMS does): one page, one stored URL, the one the site uses."""
        parts = urlsplit(url)
        if self.root_script and parts.path == "/" and parts.query:
            return urlunsplit(parts._replace(path=self.root_script))
        return url

    def _in_scope(self, url: str) -> bool:
        return self.scope.is_site(url)

    # --- responses --------------------------------------------------------------------------

    def dispatch(self, response: Response) -> Iterator[Any]:
        """One Fetch per response: the snapshot, then what the response's role makes of it.
        URLs are kept under the archive's origin for the site (ggcrawl.scope), whichever of
        its addresses the response came from."""
        role = response.meta["role"]
        url = self.scope.to_store(response.url)
        fetch = Fetch(url, role, utc_now(), warc=response.meta.get("warc_ref"))
        requests: list[Request | None] = []
        status = response.status
        try:
            if role == "asset":
                self._asset(response, fetch)
                if fetch.asset is not None and fetch.asset.kind == STYLESHEET and fetch.asset.body:
                    requests += self._stylesheet_requisites(response, fetch)
            elif status == 304:
                fetch.not_modified = True
            else:
                page = (
                    load_page(response.url, response.body, response.headers)
                    if response.body
                    else None
                )
                fetch.snapshot = snapshot_of(
                    response, url, page.encoding if page else None, fetch.fetched_at
                )
                if status in REDIRECT_STATUSES:
                    requests += self._redirect(response, fetch)
                elif status >= 400:
                    fetch.failure = failure_of(url, "http", status, f"HTTP {status}", response.meta)
                    if status in GONE_STATUSES and role == "article":
                        fetch.gone_status = status
                elif page is not None:
                    handler = {
                        "home": self.parse_home,
                        "nav": self.parse_listing,
                        "listing": self.parse_listing,
                        "part": self.parse_part,
                    }.get(role, self.parse_article)
                    requests += handler(response, page, fetch)
                    requests += self._requisites(fetch, page_requisites(page))
            if role == "part" and fetch.article is None and not _goes_on(requests):
                # The page failed, redirected off the site or showed nothing: the article is
                # kept with the pages it has, and the warning naming where it went on.
                requests += self._keep(fetch, self._held(response.meta["held_article"]))
        finally:
            following = status in REDIRECT_STATUSES and any(requests)
            if role == "home" and not following:
                fetch.site = origin_url(self.scope.live)
                self._settle_home()
        yield fetch
        yield from (r for r in requests if r is not None)

    def _settle_home(self) -> None:
        """The start page (or where its redirects end) answered or failed: the site's address
        is settled, the rest of the frontier may go."""
        if not self.home_settled.called:
            self.home_settled.callback(None)

    def _redirect(self, response: Response, fetch: Fetch) -> list[Request | None]:
        location = response.headers.get("Location")
        hops = response.meta.get("redirect_hops", 0) + 1
        if not location:
            fetch.failure = failure_of(
                fetch.url,
                "bad-redirect",
                response.status,
                "redirect without a Location header",
                response.meta,
            )
            return []
        # Where the server sends us (``live``), and the form the archive keeps it under.
        live = normalize_url(location.decode("latin-1"), response.url)
        role = response.meta["role"]
        if role == "home" and hops <= MAX_REDIRECTS and is_fetchable(live):
            self._site_moved_to(live)
        target = self.scope.to_store(live) if self._in_scope(live) else live
        fetch.redirect = Redirect(fetch.url, target, response.status)
        if hops > MAX_REDIRECTS:
            fetch.failure = failure_of(
                fetch.url,
                "too-many-redirects",
                response.status,
                f"more than {MAX_REDIRECTS} redirects",
                response.meta,
            )
            return []
        if not self._in_scope(target):
            fetch.failure = failure_of(
                target,
                "off-origin",
                None,
                f"redirect from {fetch.url} leaves the site",
                response.meta,
            )
            return []
        # The addresses asked for, as asked: a site that moved keeps its old address in the
        # archive, which the chain must not take for a loop.
        chain = [*response.meta.get("redirect_chain", []), response.url]
        if live in chain:
            loop = " → ".join([*chain, live])
            fetch.failure = failure_of(
                fetch.url,
                "redirect-loop",
                response.status,
                f"redirect loop: {loop}",
                response.meta,
            )
            return []
        carried = {
            k: v
            for k, v in response.meta.items()
            if k in ("section", "page", "position", "held_article")
        }
        # The start page where the site now is is kept under the archive's address, which may
        # be the one just asked for: it is requested whether seen or not.
        return [
            self._follow(
                fetch,
                target,
                role,
                anywhere=True,
                again=role == "home",
                redirect_hops=hops,
                redirect_chain=chain,
                **carried,
            )
        ]

    def _site_moved_to(self, target: str) -> None:
        """The start URL redirects to ``target``: the site is fetched from there (a bounded
        chain, each hop checked as any redirect), and said so, as the operator's start URL
        is then not the site's address."""
        if not self.scope.moved_to(target):
            return
        live = origin_url(self.scope.live)
        logger.warning(
            "The start URL %s redirects to %s: the site is crawled there", self.start_url, live
        )
        stored = origin_url(self.scope.stored)
        if stored != live:
            logger.warning(
                "The site was at %s in the archive's first crawl: its pages are kept under that "
                "address, so that crawls stay comparable",
                stored,
            )

    def parse_home(self, response: Response, page: Page, fetch: Fetch) -> list[Request | None]:
        sections = nav_sections(page)
        if not sections:
            logger.error("No nav bar with column links found on the home page %s", response.url)
        names = [s.text for s in sections]
        for missing in (n for n in KNOWN_SECTIONS if n not in names):
            logger.warning("Known column %s is not in the nav bar any more", missing)
        for new in (n for n in names if n not in KNOWN_SECTIONS):
            logger.warning("New column in the nav bar: %s", new)
        scripts = Counter(
            urlsplit(s.url).path for s in sections if SCRIPT_INDEX.search(urlsplit(s.url).path)
        )
        if scripts and scripts.most_common(1)[0][1] * 2 > len(sections):
            self.root_script = scripts.most_common(1)[0][0]
        requests = []
        for position, link in enumerate(sections):
            fetch.sections.append(
                Section(link.text, self._stored(link.url), position, link.text in KNOWN_SECTIONS)
            )
            if self._in_scope(link.url):
                self.pages_requested[link.text].add(1)
                requests.append(
                    self._follow(
                        fetch,
                        link.url,
                        "nav",
                        anywhere=True,
                        section=link.text,
                        page=1,
                        position=position,
                    )
                )
        return requests

    def parse_listing(self, response: Response, page: Page, fetch: Fetch) -> list[Request | None]:
        section = response.meta["section"]
        kind = page_kind_with(page, self.overrides)
        if response.meta["role"] == "nav":
            fetch.sections.append(
                Section(
                    section,
                    fetch.url,
                    response.meta.get("position", 0),
                    section in KNOWN_SECTIONS,
                    kind,
                )
            )
        if kind == "article":
            return self.parse_article(response, page, fetch)
        if kind not in ("listing", "guestbook"):
            return []
        found = listing_with(page, self.overrides)
        requests: list[Request | None] = []
        listed: list[str] = []
        reached_known = False
        if kind == "listing":
            for position, item in enumerate(found.items):
                if not self._in_scope(item.url) or is_utility(item.url):
                    continue
                stored = self._stored(item.url)
                fetch.listings.append(
                    ListingEntry(section, stored, fetch.url, response.meta.get("page"), position)
                )
                reached_known |= self.plan.mode == "incremental" and stored in self.plan.known
                listed.append(stored)
                requests.append(self._follow(fetch, item.url, "article", section=section))
        if reached_known:
            # Everything below the first archived article on a newest-first listing is archived
            # already; new articles that sit deeper are reached through their chains.
            return requests
        if not self._pages_may_go_on(section, response, found.items, requests):
            return requests
        hold = self.plan.mode == "incremental" and len(listed) > 1
        pages = self._next_pages(found.pages, response.meta.get("page"), only_next=hold)
        requested = self.pages_requested[section]
        more: list[Request] = []
        for link in pages:
            if link.number is not None and link.number in requested:
                continue
            request = self._follow(
                fetch, link.url, "listing", held=hold, section=section, page=link.number
            )
            if request is not None:
                more.append(request)
                if link.number is not None:
                    requested.add(link.number)
        if hold and more:
            self.held.append((section, listed, more))
            return requests
        return requests + more

    @staticmethod
    def _next_pages(pages: list[Link], number: int | None, *, only_next: bool) -> list[Link]:
        """The pager links to follow: all of them, or for an incremental crawl (which stops
        at the first archived article) only the next page, when the pager numbers it."""
        if only_next and number is not None:
            following = [link for link in pages if link.number == number + 1]
            if following:
                return following[:1]
        return pages

    def release_held_pages(self) -> None:
        """When nothing else is left: a held listing page is dropped if the chains brought
        every article it could list (ggcrawl.chains), and requested otherwise."""
        released = False
        while self.held:
            section, listed, requests = self.held.pop()
            if chain_covers_next_page(listed, self.neighbours, self.plan.archived):
                self.crawler.stats.inc_value("ggcrawl/listing_pages_spared", len(requests))
                logger.info(
                    "Not fetching %s: the chains of %s's newer page reached archived articles",
                    ", ".join(r.url for r in requests),
                    section,
                )
                continue
            for request in requests:
                self.crawler.engine.crawl(request)
            released = True
        if released:
            raise DontCloseSpider

    def _pages_may_go_on(
        self, section: str, response: Response, items: list[Link], requests: list[Request | None]
    ) -> bool:
        """A pager is followed while its pages bring new articles and up to MAX_LISTING_PAGES
        pages a column: a pager that always offers one more page (a trap) ends there."""
        self.listing_pages[section] += 1
        limit = self.settings.getint("MAX_LISTING_PAGES")
        if self.listing_pages[section] >= limit:
            logger.warning(
                "Stopped %s's pagination at %d pages (MAX_LISTING_PAGES)", section, limit
            )
            return False
        if response.meta["role"] == "listing" and items and not any(requests):
            logger.info("Stopped %s's pagination at %s: nothing new on it", section, response.url)
            return False
        return True

    def parse_article(self, response: Response, page: Page, fetch: Fetch) -> list[Request | None]:
        assert fetch.snapshot is not None
        fields = self._extract(page)
        # The chain links name articles: in the same form as the requests for them.
        fields.prev_url = fields.prev_url and self._stored(fields.prev_url)
        fields.next_url = fields.next_url and self._stored(fields.next_url)
        if self.plan.mode == "incremental":
            self.neighbours[fetch.url] = (fields.prev_url, fields.next_url)
        section = response.meta.get("section")
        requests = [
            self._follow(fetch, url, "article", section=section)
            for url in (fields.prev_url, fields.next_url)
        ]
        # What an article split over pages carries to its next page: its first page's URL,
        # snapshot and column, the URLs of its pages so far ("pages", the one asked for
        # included) and the later pages whose text is joined ("parts", ArticlePage).
        held = {
            "url": fetch.url,
            "pages": [fetch.url],
            "parts": [],
            "snapshot": SnapshotRef.of(fetch.snapshot),
            "section": section,
        }
        return requests + self._go_on(fetch, fields, held)

    def parse_part(self, response: Response, page: Page, fetch: Fetch) -> list[Request | None]:
        """A later page of an article the site splits over pages: its text joins the pages
        before it (ggcrawl.extract.continuation)."""
        held = response.meta["held_article"]
        joined = join_page(ArticleFields(**held["fields"]), self._extract(page), held["pages"])
        assert fetch.snapshot is not None
        part = ArticlePage(fetch.url, fetch.snapshot.sha256, fetch.snapshot.status)
        return self._go_on(fetch, joined, {**held, "parts": [*held["parts"], part]})

    def _extract(self, page: Page) -> ArticleFields:
        fields = extract_article_with(page, self.overrides)
        fields.continued_at = fields.continued_at and self._stored(fields.continued_at)
        return fields

    def _go_on(
        self, fetch: Fetch, fields: ArticleFields, held: dict[str, Any]
    ) -> list[Request | None]:
        """The article's next page, carrying its pages so far (in the frontier, so a crawl
        resumed after a crash goes on from there), or, once it has no next page to fetch,
        the article kept with this fetch."""
        url = next_page(fields, held["pages"], self.settings.getint("MAX_ARTICLE_PAGES"))
        if url is not None and self._in_scope(url):
            request = self._follow(
                fetch,
                url,
                "part",
                section=held["section"],
                held_article={**held, "fields": asdict(fields), "pages": [*held["pages"], url]},
            )
            if request is not None:
                return [request]
        return self._keep(fetch, self._held(held, fields))

    @staticmethod
    def _held(held: dict[str, Any], fields: ArticleFields | None = None) -> Article:
        """The article as far as its pages are in: ``fields``, or those a part's request
        carries."""
        fields = fields or ArticleFields(**held["fields"])
        pages = [ArticlePage(*part) for part in held["parts"]]
        return Article.from_fields(held["url"], fields, SnapshotRef(*held["snapshot"]), pages)

    def _keep(self, fetch: Fetch, article: Article) -> list[Request | None]:
        """The article goes with ``fetch`` into the archive, with its images and attachments,
        which are requested."""
        fetch.article = article
        requests: list[Request | None] = []
        assets = [(url, "image") for url in article.images] + [
            (a["url"], "attachment") for a in article.attachments
        ]
        for found, kind in assets:
            link = self._asset_link(found, kind)
            fetch.asset_links.append(link)
            requests.append(self._asset_request(fetch, link))
        return requests

    def _asset_link(self, found: str, kind: str) -> AssetLink:
        """An asset as the archive lists it: off the site (never fetched) or under the form
        the archive keeps the site's URLs in."""
        offsite = not self._in_scope(found)
        return AssetLink(found if offsite else self._stored(found), kind, offsite)

    def _asset_request(self, fetch: Fetch, link: AssetLink, **meta: Any) -> Request | None:
        """A request for an asset of the site that no crawl has archived yet (images,
        attachments and page requisites alike: plan.finished_assets), at the assets' low
        priority, under the assets' size cap."""
        if link.offsite or link.url in self.plan.finished_assets:
            return None
        return self._follow(
            fetch,
            link.url,
            "asset",
            anywhere=True,
            kind=link.kind,
            download_maxsize=self.settings.getint("ASSET_MAXSIZE"),
            **meta,
        )

    def _requisites(
        self, fetch: Fetch, found: list[Requisite], *, imported: bool = False
    ) -> list[Request | None]:
        """The page requisites a page or stylesheet names that this crawl has not listed yet:
        listed with the fetch (fetch.requisites) and requested as assets. A page's article
        images and attachments are the article's, listed with it instead. ``imported``: the
        stylesheets among them are @import'ed, and what they import in turn is not followed."""
        own = {link.url for link in fetch.asset_links}
        requests: list[Request | None] = []
        for requisite in found:
            link = self._asset_link(requisite.url, requisite.kind)
            if link.url in self.requisites or link.url in own:
                continue
            self.requisites.add(link.url)
            fetch.requisites.append(link)
            meta = {"imported": True} if imported and link.kind == STYLESHEET else {}
            if not self.settings.getbool("REQUISITES_OBEY_ROBOTSTXT"):
                meta["dont_obey_robotstxt"] = True  # what a browser loads (settings.py)
            requests.append(self._asset_request(fetch, link, **meta))
        return requests

    def _stylesheet_requisites(self, response: Response, fetch: Fetch) -> list[Request | None]:
        """What an archived stylesheet loads: its images and fonts, and the stylesheets it
        @imports, unless it was @import'ed itself (one level of imports is followed, so a
        chain of them ends)."""
        text = decode_stylesheet(response.body, header_value(response.headers, "Content-Type"))
        found = stylesheet_references(text, response.url)
        if response.meta.get("imported"):
            found = [requisite for requisite in found if requisite.kind != STYLESHEET]
        return self._requisites(fetch, found, imported=True)

    def _asset(self, response: Response, fetch: Fetch) -> None:
        ok = 200 <= response.status < 300
        fetch.asset = AssetData(
            fetch.url,
            response.meta.get("kind", "attachment"),
            response.status,
            header_value(response.headers, "Content-Type"),
            response.body if ok else None,
        )
        if not ok:
            fetch.failure = failure_of(
                fetch.url, "http", response.status, f"HTTP {response.status}", response.meta
            )

    def failed(self, failure: TwistedFailure) -> Iterator[Any]:
        """Every request that got no response ends up in `failures`, with the reason; an asset
        refused for its size is recorded as skipped, not as a failure."""
        request = failure.request
        role = request.meta.get("role", "article")
        url = self.scope.to_store(request.url)
        fetch = Fetch(url, role, utc_now())
        kind = failure_kind(failure)
        if kind == "off-origin":
            error = str(failure.value)
        else:
            error = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        if role == "asset" and kind == "too-large":
            limit = request.meta.get("download_maxsize")
            fetch.asset = AssetData(
                url,
                request.meta.get("kind", "attachment"),
                None,
                None,
                None,
                skipped=f"larger than the size cap of {limit} bytes (ASSET_MAXSIZE)",
            )
        else:
            fetch.failure = failure_of(url, kind, None, error, request.meta)
        requests = []
        if role == "part":
            requests = self._keep(fetch, self._held(request.meta["held_article"]))
        if role == "home":
            self._settle_home()
        yield fetch
        yield from (r for r in requests if r is not None)


def _goes_on(requests: list[Request | None]) -> bool:
    """Whether a page of a split article led on to another (its next page, or a redirect)."""
    return any(r is not None and r.meta.get("role") == "part" for r in requests)


def snapshot_of(response: Response, url: str, encoding: str | None, fetched_at: str) -> Snapshot:
    """The response as served: the header lines as received (names as the server spelt them,
    Content-Encoding kept, as the download handler noted them), the body decoded."""
    head = response.meta.get("http_head")
    headers: dict[str, list[str]] = {}
    if head is not None:
        for name, value in head[1]:
            headers.setdefault(name, []).append(value)
    else:
        headers = {
            key.decode("latin-1"): [v.decode("latin-1") for v in values]
            for key, values in response.headers.items()
        }
    if encoding is None and response.body:
        encoding = decode_html(response.body, header_value(response.headers, "Content-Type"))[1]
    return Snapshot(url, response.status, headers, response.body, encoding, fetched_at)


def failure_of(
    url: str, kind: str, status: int | None, error: str, meta: dict[str, Any]
) -> Failure:
    return Failure(url, kind, status, error, meta.get("referer"), utc_now())


def failure_kind(failure: TwistedFailure) -> str:
    """What kind of failure a request that got no response met (failures.kind)."""
    if failure.check(OffOriginRequest):
        return "off-origin"
    if failure.check(IgnoreRequest):
        return "refused"
    if failure.check(DownloadCancelledError):
        return "too-large"
    return "network"
