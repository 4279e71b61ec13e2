"""The SQLite archive: schema, writes, full-text search."""

from ggcrawl.store.archive import Archive, ArchiveError, SearchHit, utc_now

__all__ = ["Archive", "ArchiveError", "SearchHit", "utc_now"]
