"""How a fetch is kept, as one unit: its snapshot, article and versions, links and frontier,
assets and failure, each written by the module named after it.

Called by :meth:`ggcrawl.store.archive.Archive.record_fetch`; nothing here commits, so one
fetch is always written whole or not at all.
"""

from __future__ import annotations

from ggcrawl.items import Fetch
from ggcrawl.store import articles, assets, failures, links, snapshots
from ggcrawl.store.writer import Writer


def record_fetch(writer: Writer, fetch: Fetch, crawl_id: int) -> str | None:
    """Write ``fetch``; returns the article outcome (new, changed, unchanged, gone) if any."""
    outcome: str | None = None
    seen = fetch.fetched_at
    if fetch.snapshot:
        snapshots.add_snapshot(writer, fetch.snapshot, fetch.warc, crawl_id)
    if fetch.article is not None:
        article = fetch.article
        # Kept from another fetch's snapshot when the site split it over pages (its first).
        source_id = snapshots.snapshot_id(
            writer, article.url, article.snapshot_status, article.snapshot_sha256
        )
        if source_id is not None:
            outcome = articles.upsert_article(writer, article, crawl_id, source_id)
    elif fetch.not_modified and fetch.role == "article":
        outcome = articles.touch_article(writer, fetch.url, seen, crawl_id)
    if fetch.gone_status is not None:
        outcome = (
            articles.mark_gone(writer, fetch.url, fetch.gone_status, seen, crawl_id) or outcome
        )
    links.add_sections(writer, fetch.sections, seen, crawl_id)
    links.add_listings(writer, fetch.listings, crawl_id)
    if fetch.redirect is not None:
        links.add_redirect(writer, fetch.redirect, seen, crawl_id)
    if fetch.failure is not None:
        failures.add_failure(writer, fetch.failure, crawl_id)
    if fetch.article is not None:
        assets.link_assets(writer, fetch.article.url, fetch.asset_links, seen)
    assets.list_assets(writer, fetch.requisites, seen)
    if fetch.asset is not None:
        assets.store_asset(writer, fetch.asset, seen, crawl_id)
    links.add_frontier(writer, crawl_id, fetch.discovered)
    links.mark_done(writer, crawl_id, fetch.url, fetch.role, seen)
    if fetch.site is not None:
        writer.execute("UPDATE crawls SET site = ? WHERE id = ?", (fetch.site, crawl_id))
    if fetch.warc is not None:
        writer.execute(
            "UPDATE warc_files SET committed_end = MAX(committed_end, ?) WHERE filename = ?",
            (fetch.warc.offset + fetch.warc.length, fetch.warc.filename),
        )
    return outcome
