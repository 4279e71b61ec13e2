"""A fetch's assets: the images and attachments an article links and the requisites of pages
(stylesheets, template images, what stylesheets load), off-site ones listed only, and an
asset's bytes, kept once per sha256."""

from __future__ import annotations

from ggcrawl.items import AssetData, AssetLink
from ggcrawl.store.writer import Writer


def list_assets(writer: Writer, links: list[AssetLink], seen: str) -> None:
    """A row per asset not listed yet, with the kind it was first seen as."""
    for link in links:
        writer.execute(
            "INSERT OR IGNORE INTO assets (url, kind, offsite, first_seen_at) VALUES (?, ?, ?, ?)",
            (link.url, link.kind, int(link.offsite), seen),
        )


def link_assets(writer: Writer, article_url: str, links: list[AssetLink], seen: str) -> None:
    """The article's images and attachments, listed, and linked to it (article_assets)."""
    list_assets(writer, links, seen)
    for link in links:
        writer.execute(
            "INSERT OR IGNORE INTO article_assets (article_url, asset_url) VALUES (?, ?)",
            (article_url, link.url),
        )


def store_asset(writer: Writer, asset: AssetData, seen: str, crawl_id: int) -> None:
    """Bytes once per sha256 (content-addressed); the URL row says where they came from."""
    digest = asset.sha256
    if asset.body is not None:
        writer.execute(
            "INSERT OR IGNORE INTO asset_blobs (sha256, body, size) VALUES (?, ?, ?)",
            (digest, asset.body, len(asset.body)),
        )
    writer.execute(
        "INSERT INTO assets (url, kind, offsite, sha256, content_type, size, status, skipped, "
        "first_seen_at, fetched_at, crawl_id) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(url) DO UPDATE SET sha256 = excluded.sha256, "
        "content_type = excluded.content_type, size = excluded.size, status = excluded.status, "
        "skipped = excluded.skipped, fetched_at = excluded.fetched_at, "
        "crawl_id = excluded.crawl_id",
        (
            asset.url,
            asset.kind,
            digest,
            asset.content_type,
            len(asset.body) if asset.body is not None else None,
            asset.status,
            asset.skipped,
            seen,
            seen,
            crawl_id,
        ),
    )
