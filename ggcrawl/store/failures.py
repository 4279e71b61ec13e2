"""A fetch that failed: what, where and of which kind (set by the spider where it arose)."""

from __future__ import annotations

from ggcrawl.items import Failure
from ggcrawl.store.writer import Writer


def add_failure(writer: Writer, failure: Failure, crawl_id: int) -> None:
    """One row per URL and crawl: a retry that fails again replaces the earlier attempt's."""
    writer.execute(
        "INSERT INTO failures (url, kind, status, error, referer, crawl_id, failed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(crawl_id, url) DO UPDATE SET "
        "kind = excluded.kind, status = excluded.status, error = excluded.error, "
        "failed_at = excluded.failed_at",
        (
            failure.url,
            failure.kind,
            failure.status,
            failure.error,
            failure.referer,
            crawl_id,
            failure.failed_at,
        ),
    )
