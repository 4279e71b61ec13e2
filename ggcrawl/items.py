"""What the spider hands to the pipelines: plain typed records.

Each response becomes exactly one :class:`Fetch`, holding everything learnt from it (snapshot,
article, links discovered, failure…). The archive writes a Fetch as one unit inside one
transaction, so a crash never keeps half of what a page taught: either the page and the links it
led to are archived, or the page is still pending and is fetched again on resume."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ggcrawl.extract import ArticleFields


@dataclass
class Snapshot:
    """A response exactly as served: the body bytes after content-encoding is undone."""

    url: str
    status: int
    headers: dict[str, list[str]]
    body: bytes
    encoding: str | None
    fetched_at: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


class SnapshotRef(NamedTuple):
    """The snapshot an article's fields came from, once the response is gone: an article the
    site splits over pages is kept when its last page arrives, from its first page's fields."""

    sha256: str
    status: int
    fetched_at: str

    @classmethod
    def of(cls, snapshot: Snapshot) -> SnapshotRef:
        return cls(snapshot.sha256, snapshot.status, snapshot.fetched_at)


class ArticlePage(NamedTuple):
    """A later page (2, 3, …) of an article the site splits over pages, whose text the
    article's joins: the snapshot it was read from (article_pages)."""

    url: str
    sha256: str
    status: int


@dataclass
class Article:
    """An article's extracted fields; ``snapshot_sha256`` names the snapshot they came from."""

    url: str
    section: str | None
    title: str | None
    published_at: str | None
    source: str | None
    body_text: str | None
    body_html: str | None
    images: list[str]
    attachments: list[dict[str, str]]
    prev_url: str | None
    next_url: str | None
    parse_warnings: list[str]
    snapshot_sha256: str
    snapshot_status: int
    fetched_at: str
    # The later pages whose text is joined, for an article the site splits over pages.
    pages: list[ArticlePage] = field(default_factory=list)

    @classmethod
    def from_fields(
        cls,
        url: str,
        fields: ArticleFields,
        snapshot: Snapshot | SnapshotRef,
        pages: list[ArticlePage] | None = None,
    ) -> Article:
        return cls(
            url=url,
            section=fields.section,
            title=fields.title,
            published_at=fields.published_at,
            source=fields.source,
            body_text=fields.body_text,
            body_html=fields.body_html,
            images=fields.images,
            attachments=fields.attachments,
            prev_url=fields.prev_url,
            next_url=fields.next_url,
            parse_warnings=fields.warnings,
            snapshot_sha256=snapshot.sha256,
            snapshot_status=snapshot.status,
            fetched_at=snapshot.fetched_at,
            pages=pages or [],
        )


@dataclass
class Section:
    """A column from the nav bar, and what kind of page its link led to."""

    name: str
    url: str
    position: int
    known: bool
    kind: str | None = None


@dataclass
class ListingEntry:
    """Article ``url`` is listed on page ``page`` of ``section`` at ``position``."""

    section: str
    url: str
    listing_url: str
    page: int | None
    position: int


@dataclass
class Redirect:
    from_url: str
    to_url: str
    status: int


@dataclass
class Failure:
    url: str
    kind: str  # one of ggcrawl.store.schema.FAILURE_KINDS, decided where the failure arose
    status: int | None
    error: str
    referer: str | None
    failed_at: str


@dataclass
class FrontierEntry:
    """A request the crawl still has to make; kept in the archive so a killed crawl resumes."""

    url: str
    role: str
    priority: int
    meta: dict[str, object]
    # Held back until the chains show whether it is needed (ggcrawl.chains); a resumed crawl
    # requests it.
    held: bool = False


@dataclass
class WarcRef:
    """Where the WARC response (or revisit) record of a fetch lies."""

    filename: str
    record_id: str
    offset: int
    length: int
    payload_digest: str
    date: str


@dataclass
class AssetData:
    """An asset (an image, attachment or other page requisite: ggcrawl.store.schema.ASSET_KINDS)
    as fetched; ``body`` None when it was not fetched (``skipped``)."""

    url: str
    kind: str
    status: int | None
    content_type: str | None
    body: bytes | None
    skipped: str | None = None

    @property
    def sha256(self) -> str | None:
        return hashlib.sha256(self.body).hexdigest() if self.body is not None else None


@dataclass
class AssetLink:
    """An asset that an article, a page or a stylesheet uses."""

    url: str
    kind: str
    offsite: bool


@dataclass
class Fetch:
    """Everything one response (or failed request) told the crawl."""

    url: str
    role: str
    fetched_at: str
    snapshot: Snapshot | None = None
    warc: WarcRef | None = None
    article: Article | None = None
    asset: AssetData | None = None
    asset_links: list[AssetLink] = field(default_factory=list)  # the article's own assets
    # The page's (or stylesheet's) requisites seen first in this crawl: listed as assets.
    requisites: list[AssetLink] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    listings: list[ListingEntry] = field(default_factory=list)
    redirect: Redirect | None = None
    failure: Failure | None = None
    not_modified: bool = False
    gone_status: int | None = None
    discovered: list[FrontierEntry] = field(default_factory=list)
    site: str | None = None  # the start page settled where the site is (crawls.site)
