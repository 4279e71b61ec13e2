"""What a crawl starts from: a resumed frontier, or a new crawl with its revisits.

Derived from the archive when the crawl opens, so a crawl killed at any moment and started
again carries on where its last committed page left it, and a re-crawl knows what is archived.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ggcrawl.items import FrontierEntry
from ggcrawl.store import Archive
from ggcrawl.store.archive import KnownArticle

REVISIT_HELP = "none, all, or days:N (articles published in the last N days)"
REVISIT_PRIORITY = 8


@dataclass(frozen=True)
class RevisitPolicy:
    """Which archived articles a re-crawl fetches again to catch edits and removals."""

    scope: str  # none | all | days
    days: int = 0

    def wants(self, article: KnownArticle, today: date) -> bool:
        if self.scope == "all":
            return True
        if self.scope == "days" and article.published_at:
            published = date.fromisoformat(article.published_at[:10])
            return today - published <= timedelta(days=self.days)
        return False


def parse_revisit(text: str) -> RevisitPolicy:
    """``none``, ``all`` or ``days:N``; ValueError with the accepted forms otherwise."""
    value = (text or "none").strip().lower()
    if value in ("none", "all"):
        return RevisitPolicy(value)
    match = re.fullmatch(r"days:(\d{1,5})", value)
    if match:
        return RevisitPolicy("days", int(match.group(1)))
    raise ValueError(f"REVISIT={text!r} is not one of: {REVISIT_HELP}")


@dataclass
class CrawlPlan:
    crawl_id: int
    mode: str  # full | incremental
    resumed: bool
    pending: list[FrontierEntry]
    seen: set[str]
    known: dict[str, KnownArticle] = field(default_factory=dict)
    settled: set[str] = field(default_factory=set)
    finished_assets: set[str] = field(default_factory=set)
    # Where the archive keeps the site's URLs (its first crawl's site), and where this crawl
    # found the site before it was killed (a resumed crawl fetches from there): ggcrawl.scope.
    canonical: str | None = None
    site: str | None = None
    # Per column, the listing page numbers a resumed crawl had asked for already.
    listing_pages: dict[str, set[int]] = field(default_factory=dict)

    def archived(self, url: str) -> bool:
        """True for URLs an incremental crawl leaves alone: archived articles, redirects, 404s."""
        return self.mode == "incremental" and (url in self.known or url in self.settled)


def make_plan(
    archive: Archive,
    first: FrontierEntry,
    *,
    full: bool,
    revisit: RevisitPolicy,
    settings: dict[str, Any],
) -> CrawlPlan:
    """Resume the start URL's interrupted crawl if there is one, else begin a new crawl: full
    when asked or when nothing is archived yet, incremental otherwise."""
    known = archive.known_articles()
    settled = archive.settled_urls()
    finished_assets = archive.finished_assets()
    canonical = archive.first_site()
    interrupted = archive.interrupted_crawl(first.url)
    if interrupted is not None and interrupted["pending"] and not full:
        archive.resume_crawl(interrupted["id"])
        pending, seen = archive.frontier(interrupted["id"])
        return CrawlPlan(
            interrupted["id"],
            interrupted["mode"],
            True,
            pending,
            seen,
            known,
            settled,
            finished_assets,
            canonical,
            interrupted["site"],
            archive.listing_pages(interrupted["id"]),
        )
    if interrupted is not None:
        archive.close_interrupted(
            interrupted["id"], "killed" if interrupted["pending"] else "finished"
        )
    mode = "full" if full or not known else "incremental"
    entries = [first, *(e for e in archive.retry_entries() if e.url != first.url)]
    if mode == "incremental":
        today = datetime.now(UTC).date()
        entries += [
            revisit_entry(article)
            for url, article in known.items()
            if url == article.url and revisit.wants(article, today)
        ]
    crawl_id = archive.begin_crawl(first.url, settings, mode=mode, first=entries)
    return CrawlPlan(
        crawl_id,
        mode,
        False,
        entries,
        {e.url for e in entries},
        known,
        settled,
        finished_assets,
        canonical,
    )


def revisit_entry(article: KnownArticle) -> FrontierEntry:
    """A conditional request: the server answers 304 with no body if nothing changed."""
    headers = {}
    if article.etag:
        headers["If-None-Match"] = article.etag
    if article.last_modified:
        headers["If-Modified-Since"] = article.last_modified
    return FrontierEntry(
        article.url, "article", REVISIT_PRIORITY, {"headers": headers, "revisit": True}
    )
