"""What a fetch taught of the site's structure: the nav's columns, listing entries, redirects,
and the frontier (the crawl's to-do list, kept so a killed crawl resumes)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ggcrawl.items import FrontierEntry, ListingEntry, Redirect, Section
from ggcrawl.store.writer import Writer


def add_sections(writer: Writer, sections: Iterable[Section], seen: str, crawl_id: int) -> None:
    for section in sections:
        writer.execute(
            "INSERT INTO sections (name, url, kind, position, known, first_seen_at, last_seen_at, "
            "last_crawl_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
            "url = excluded.url, kind = COALESCE(excluded.kind, sections.kind), "
            "position = excluded.position, known = excluded.known, "
            "last_seen_at = excluded.last_seen_at, last_crawl_id = excluded.last_crawl_id",
            (
                section.name,
                section.url,
                section.kind,
                section.position,
                int(section.known),
                seen,
                seen,
                crawl_id,
            ),
        )


def add_listings(writer: Writer, entries: Iterable[ListingEntry], crawl_id: int) -> None:
    for entry in entries:
        writer.execute(
            "INSERT INTO listings (section, article_url, listing_url, page, position, "
            "last_crawl_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(section, article_url) DO UPDATE "
            "SET listing_url = excluded.listing_url, page = excluded.page, "
            "position = excluded.position, last_crawl_id = excluded.last_crawl_id",
            (entry.section, entry.url, entry.listing_url, entry.page, entry.position, crawl_id),
        )


def add_redirect(writer: Writer, redirect: Redirect, seen: str, crawl_id: int) -> None:
    writer.execute(
        "INSERT INTO redirects (from_url, to_url, status, last_crawl_id, seen_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(from_url) DO UPDATE SET to_url = excluded.to_url, "
        "status = excluded.status, last_crawl_id = excluded.last_crawl_id, "
        "seen_at = excluded.seen_at",
        (redirect.from_url, redirect.to_url, redirect.status, crawl_id, seen),
    )


def add_frontier(writer: Writer, crawl_id: int, entries: Iterable[FrontierEntry]) -> None:
    for entry in entries:
        writer.execute(
            "INSERT OR IGNORE INTO frontier (crawl_id, url, role, meta, priority, state, "
            "discovered_at) VALUES (?, ?, ?, ?, ?, ?, datetime('now'))",
            (
                crawl_id,
                entry.url,
                entry.role,
                json.dumps(entry.meta, ensure_ascii=False),
                entry.priority,
                "held" if entry.held else "pending",
            ),
        )


def mark_done(writer: Writer, crawl_id: int, url: str, role: str, done_at: str) -> None:
    """The fetched URL is done in the frontier, in the same transaction as what it taught."""
    writer.execute(
        "INSERT INTO frontier (crawl_id, url, role, meta, priority, state, discovered_at, done_at) "
        "VALUES (?, ?, ?, '{}', 0, 'done', ?, ?) ON CONFLICT(crawl_id, url) DO UPDATE SET "
        "state = 'done', done_at = excluded.done_at",
        (crawl_id, url, role, done_at, done_at),
    )
