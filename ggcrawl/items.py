"""What the spider hands to the pipelines: plain typed records, one per fact it observed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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

    @classmethod
    def from_fields(cls, url: str, fields: ArticleFields, snapshot: Snapshot) -> Article:
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
    status: int | None
    error: str
    referer: str | None
    failed_at: str
    details: dict[str, str] = field(default_factory=dict)
