"""`ggcrawl probe URL`: what ggcrawl makes of a site before hours of polite crawling go into it.

At most :data:`MAX_REQUESTS` requests, one at a time with a pause between them, robots.txt
obeyed: the rules robots.txt sets, where the start URL's redirects lead, the charset, the nav
bar's columns against the known list, a few columns' listings (items per page, the pager, how
many pages), three sample articles with every extracted field, and an estimate of the crawl.
Extraction is the crawl's own (:mod:`ggcrawl.extract`), so what the probe shows is what the
archive will hold; :mod:`ggcrawl.diagnosis` says why a site cannot be read.
"""

from __future__ import annotations

import gzip
import time
import urllib.error
import urllib.request
import urllib.robotparser
import zlib
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urljoin

from ggcrawl.diagnosis import blocker
from ggcrawl.extract import (
    Overrides,
    Page,
    extract_article_with,
    listing_with,
    load_page,
    nav_sections,
    page_kind_with,
    parse_selectors,
)
from ggcrawl.extract.document import header_value
from ggcrawl.extract.labels import KNOWN_SECTIONS
from ggcrawl.scope import SiteScope, origin_url
from ggcrawl.urls import is_fetchable, is_utility, normalize_url

MAX_REQUESTS = 30
MAX_REDIRECTS = 5
COLUMNS = 3  # columns whose listing is read
SAMPLES = 3  # articles read
TIMEOUT = 30.0


class ProbeError(Exception):
    """The site cannot be read; the message is the one-line diagnosis."""


@dataclass
class Answer:
    url: str  # where the answer came from, after redirects
    status: int
    headers: dict[str, str]
    body: bytes
    redirects: list[str] = field(default_factory=list)


@dataclass
class ColumnReport:
    name: str
    url: str
    kind: str
    items: int
    pages: int | None
    next_page: str | None


@dataclass
class Report:
    start_url: str
    site: str = ""
    redirects: list[str] = field(default_factory=list)
    robots: list[str] = field(default_factory=list)  # the Disallow rules that apply to us
    charset: str = ""
    columns: list[str] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)
    new_columns: list[str] = field(default_factory=list)
    listings: list[ColumnReport] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)
    estimated_articles: int | None = None
    estimated_hours: float | None = None
    requests: int = 0
    problem: str | None = None
    selectors: list[str] = field(default_factory=list)  # fields ggcrawl.toml decides

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Fetcher:
    """One request at a time, ``delay`` seconds apart, never more than ``budget``, none
    that robots.txt forbids."""

    def __init__(self, user_agent: str, delay: float, budget: int = MAX_REQUESTS):
        self.user_agent = user_agent
        self.delay = delay
        self.budget = budget
        self.made = 0
        self.robots: urllib.robotparser.RobotFileParser | None = None
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect)
        self._last = 0.0

    def allowed(self, url: str) -> bool:
        return self.robots is None or self.robots.can_fetch(self.user_agent, url)

    def get(self, url: str) -> Answer:
        """``url`` as served (redirects not followed), its body decompressed."""
        if self.made >= self.budget:
            raise ProbeError(f"the probe's {self.budget} requests are spent")
        wait = self._last + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self.made += 1
        request = urllib.request.Request(
            url, headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"}
        )
        try:
            with self._opener.open(request, timeout=TIMEOUT) as response:
                status, headers, body = response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            status, headers, body = error.code, dict(error.headers), error.read()
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise ProbeError(f"{url} could not be fetched ({reason})") from None
        finally:
            self._last = time.monotonic()
        return Answer(url, status, headers, _decoded(body, headers))

    def follow(self, url: str) -> Answer:
        """``url`` with its redirects followed as the crawl follows them: at most
        MAX_REDIRECTS hops, http(s) only, no loops."""
        chain: list[str] = []
        while True:
            answer = self.get(url)
            location = header_value(answer.headers, "Location")
            if answer.status not in (301, 302, 303, 307, 308) or not location:
                answer.redirects = chain
                return answer
            chain.append(url)
            target = normalize_url(location, url)
            if len(chain) > MAX_REDIRECTS or target in chain or not is_fetchable(target):
                raise ProbeError(f"the redirects from {chain[0]} do not end: {' → '.join(chain)}")
            url = target


def probe(
    start_url: str, *, user_agent: str, delay: float = 1.0, overrides: Overrides | None = None
) -> Report:
    """Read the site at ``start_url`` as a crawl with the operator's ``overrides`` would; the
    report's ``problem`` says why it cannot be read."""
    overrides = overrides or parse_selectors({})
    report = Report(start_url, selectors=overrides.names)
    fetcher = Fetcher(user_agent, delay)
    try:
        _probe(report, fetcher, overrides)
    except ProbeError as error:
        report.problem = str(error)
    report.requests = fetcher.made
    return report


def _probe(report: Report, fetcher: Fetcher, overrides: Overrides) -> None:
    _read_robots(report, fetcher, report.start_url)
    home = fetcher.follow(report.start_url)
    report.redirects = home.redirects
    scope = SiteScope.of(report.start_url)
    scope.moved_to(home.url)
    report.site = origin_url(scope.live)
    if home.redirects and origin_url(scope.live) != origin_url(scope.start):
        _read_robots(report, fetcher, home.url)
    page = _page(home)
    report.charset = page.encoding if page else ""
    found = blocker(home.status, page)
    if found or page is None:
        raise ProbeError(found or f"the start page answered HTTP {home.status}")
    sections = [s for s in nav_sections(page) if scope.is_site(s.url)]
    names = [s.text for s in sections]
    report.columns = names
    report.missing_columns = [n for n in KNOWN_SECTIONS if n not in names]
    report.new_columns = [n for n in names if n not in KNOWN_SECTIONS]
    if not sections:
        raise ProbeError(
            f"no nav bar with column links on the start page {home.url} "
            f"({len(page.root.xpath('//a[@href]'))} links): is it the site's home page?"
        )
    article_urls: list[str] = []
    for section in _columns_to_read(sections):
        if not fetcher.allowed(section.url):
            continue
        answer = fetcher.follow(section.url)
        listed = _page(answer)
        if listed is None or answer.status >= 400:
            report.listings.append(ColumnReport(section.text, section.url, "error", 0, None, None))
            continue
        kind = page_kind_with(listed, overrides)
        found_listing = listing_with(listed, overrides)
        items = [i for i in found_listing.items if scope.is_site(i.url) and not is_utility(i.url)]
        numbers = [p.number for p in found_listing.pages if p.number is not None]
        following = [p.url for p in found_listing.pages if p.number == 2]
        report.listings.append(
            ColumnReport(
                section.text,
                section.url,
                kind,
                len(items),
                max(numbers, default=1) if kind == "listing" else None,
                following[0] if following else None,
            )
        )
        article_urls += [i.url for i in items[:1]]
    if not any(column.items for column in report.listings):
        raise ProbeError(
            f"the columns read ({', '.join(c.name for c in report.listings) or 'none'}) list "
            "no articles: their pages hold no list of article links ggcrawl recognises"
        )
    for url in article_urls[:SAMPLES]:
        if fetcher.allowed(url):
            report.articles.append(_sample(fetcher, url, overrides))
    listed_columns = [c for c in report.listings if c.kind == "listing" and c.items]
    if listed_columns:
        per_column = sum(c.items * (c.pages or 1) for c in listed_columns) / len(listed_columns)
        report.estimated_articles = round(per_column * len(sections))
        listing_pages = sum(c.pages or 1 for c in listed_columns) / len(listed_columns)
        requests = report.estimated_articles + listing_pages * len(sections)
        report.estimated_hours = round(requests * max(fetcher.delay, 1.0) / 3600, 1)


def _read_robots(report: Report, fetcher: Fetcher, url: str) -> None:
    """robots.txt of ``url``'s site: its rules for us, obeyed by every later request."""
    address = urljoin(url, "/robots.txt")
    answer = fetcher.get(address)
    parser = urllib.robotparser.RobotFileParser(address)
    if answer.status >= 400:
        parser.parse([])
    else:
        lines = answer.body.decode("utf-8", "replace").splitlines()
        parser.parse(lines)
        report.robots = [
            line.strip() for line in lines if line.strip().lower().startswith("disallow:")
        ]
    fetcher.robots = parser


def _columns_to_read(sections: list[Any]) -> list[Any]:
    """A few columns, known ones first (the site's news columns list articles)."""
    known = [s for s in sections if s.text in KNOWN_SECTIONS[2:]]
    return (known or sections)[:COLUMNS]


def _sample(fetcher: Fetcher, url: str, overrides: Overrides) -> dict[str, Any]:
    answer = fetcher.follow(url)
    page = _page(answer)
    if page is None or answer.status >= 400:
        return {"url": url, "status": answer.status}
    fields = extract_article_with(page, overrides)
    text = fields.body_text or ""
    return {
        "url": answer.url,
        "status": answer.status,
        "title": fields.title,
        "section": fields.section,
        "published_at": fields.published_at,
        "source": fields.source,
        "body_start": " ".join(text[:40].split()),
        "body_end": " ".join(text[-40:].split()),
        "body_chars": len(text),
        "images": len(fields.images),
        "attachments": len(fields.attachments),
        "prev_url": fields.prev_url,
        "next_url": fields.next_url,
        "warnings": fields.warnings,
    }


def _page(answer: Answer) -> Page | None:
    if not answer.body:
        return None
    return load_page(answer.url, answer.body, answer.headers)


def _decoded(body: bytes, headers: dict[str, str]) -> bytes:
    encoding = (header_value(headers, "Content-Encoding") or "").lower()
    try:
        if encoding == "gzip":
            return gzip.decompress(body)
        if encoding == "deflate":
            return zlib.decompress(body)
    except (OSError, zlib.error, EOFError):
        return body
    return body


def render(report: Report) -> str:
    """The report as people read it."""
    lines = [f"Probe of {report.start_url} ({report.requests} requests)"]
    if report.redirects:
        lines.append(f"  Redirects: {' → '.join(report.redirects)} → {report.site}")
    if report.site:
        lines.append(f"  Site: {report.site}  charset {report.charset or '?'}")
    lines.append(
        "  robots.txt: " + ("; ".join(report.robots) if report.robots else "forbids nothing")
    )
    if report.selectors:
        lines.append(f"  Selectors from ggcrawl.toml decide: {', '.join(report.selectors)}")
    if report.columns:
        lines.append(f"  Columns ({len(report.columns)}): {' '.join(report.columns)}")
        if report.missing_columns:
            lines.append(f"    not in the nav bar: {' '.join(report.missing_columns)}")
        if report.new_columns:
            lines.append(f"    new (not in the known list): {' '.join(report.new_columns)}")
    for column in report.listings:
        pager = (
            f"pages 1…{column.pages}, page 2 at {column.next_page}"
            if column.next_page
            else "no pager"
        )
        lines.append(f"  {column.name}: {column.kind}, {column.items} articles on page 1, {pager}")
    for sample in report.articles:
        lines.append(f"  Article {sample['url']}")
        for name in ("title", "section", "published_at", "source", "prev_url", "next_url"):
            lines.append(f"    {name}: {sample.get(name)}")
        if "body_chars" in sample:
            lines.append(
                f"    body: {sample['body_chars']} characters, "
                f"“{sample['body_start']}…{sample['body_end']}”; "
                f"{sample['images']} images, {sample['attachments']} attachments"
            )
        for warning in sample.get("warnings", []):
            lines.append(f"    warning: {warning}")
    if report.estimated_articles is not None:
        lines.append(
            f"  Estimate: the listings hold about {report.estimated_articles} articles (the "
            f"chains may reach more); a polite crawl takes about {report.estimated_hours} hours"
        )
    if report.problem:
        lines.append(f"Cannot read the site: {report.problem}")
    return "\n".join(lines)
