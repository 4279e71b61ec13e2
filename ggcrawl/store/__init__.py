"""The SQLite archive: schema, writes, full-text search."""

from ggcrawl.store.archive import Archive, ArchiveError, CrawlLock, SearchHit, utc_now

__all__ = ["Archive", "ArchiveError", "CrawlLock", "SearchHit", "utc_now"]
