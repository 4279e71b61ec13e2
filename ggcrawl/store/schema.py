"""The archive's schema, in one place, as researchers will read it (see README, "The archive")."""

from __future__ import annotations

# 'ggcw' — marks a SQLite file as a ggcrawl archive (PRAGMA application_id).
APPLICATION_ID = 0x67676377
SCHEMA_VERSION = 1

TABLES = """
CREATE TABLE IF NOT EXISTS crawls (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    start_url TEXT NOT NULL,
    outcome TEXT NOT NULL DEFAULT 'running',
    settings TEXT NOT NULL DEFAULT '{}',
    stats TEXT NOT NULL DEFAULT '{}',
    ggcrawl_version TEXT
);
CREATE TABLE IF NOT EXISTS snapshots (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    fetched_at TEXT NOT NULL,
    status INTEGER NOT NULL,
    headers TEXT NOT NULL,
    encoding TEXT,
    body BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    last_crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    last_fetched_at TEXT NOT NULL,
    UNIQUE (url, status, sha256)
);
CREATE INDEX IF NOT EXISTS snapshots_crawl ON snapshots(crawl_id);
CREATE INDEX IF NOT EXISTS snapshots_sha256 ON snapshots(sha256);
CREATE TABLE IF NOT EXISTS articles (
    url TEXT PRIMARY KEY,
    id INTEGER NOT NULL UNIQUE,
    section TEXT,
    title TEXT,
    published_at TEXT,
    source TEXT,
    body_text TEXT,
    body_html TEXT,
    images TEXT NOT NULL DEFAULT '[]',
    attachments TEXT NOT NULL DEFAULT '[]',
    prev_url TEXT,
    next_url TEXT,
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    first_crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    last_crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    parse_warnings TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS articles_section_published ON articles(section, published_at);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published_at);
CREATE TABLE IF NOT EXISTS sections (
    name TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    kind TEXT,
    position INTEGER NOT NULL,
    known INTEGER NOT NULL,
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    last_crawl_id INTEGER NOT NULL REFERENCES crawls(id)
);
CREATE TABLE IF NOT EXISTS listings (
    section TEXT NOT NULL,
    article_url TEXT NOT NULL,
    listing_url TEXT NOT NULL,
    page INTEGER,
    position INTEGER NOT NULL,
    last_crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    PRIMARY KEY (section, article_url)
);
CREATE TABLE IF NOT EXISTS redirects (
    from_url TEXT PRIMARY KEY,
    to_url TEXT NOT NULL,
    status INTEGER NOT NULL,
    last_crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    seen_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS failures (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    status INTEGER,
    error TEXT NOT NULL,
    referer TEXT,
    crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    failed_at TEXT NOT NULL,
    UNIQUE (crawl_id, url)
);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, body, content='', tokenize='unicode61 remove_diacritics 2'
);
"""

# Column documentation, the source of the README's schema section and (later) of the
# Datasette metadata.
COLUMNS: dict[str, dict[str, str]] = {
    "articles": {
        "url": "Canonical absolute URL of the article (primary key).",
        "id": "Stable integer id; the rowid of articles_fts.",
        "section": "Column (栏目) from the breadcrumb.",
        "title": "Title as displayed.",
        "published_at": "ISO 8601 in Asia/Shanghai (+08:00); a date alone when the page "
        "shows no time.",
        "source": "来源 (issuing unit); NULL when empty.",
        "body_text": "Body text, one line per paragraph.",
        "body_html": "Cleaned body HTML: no scripts, styles, comments or boilerplate; "
        "absolute links.",
        "images": "JSON list of absolute image URLs in the body.",
        "attachments": 'JSON list of {"url", "name"} for linked documents.',
        "prev_url": "URL of the 上一篇 article, NULL at the end of the chain.",
        "next_url": "URL of the 下一篇 article, NULL at the end of the chain.",
        "snapshot_id": "The snapshot the fields were extracted from.",
        "first_seen_at": "When a crawl first archived the article (UTC).",
        "last_seen_at": "When a crawl last fetched the article (UTC).",
        "first_crawl_id": "Crawl that first archived the article.",
        "last_crawl_id": "Crawl that last fetched the article.",
        "parse_warnings": "JSON list of fields that could not be found, and why.",
    },
    "snapshots": {
        "id": "Snapshot id.",
        "url": "URL that served the bytes (after any redirect).",
        "crawl_id": "Crawl that first fetched these bytes.",
        "fetched_at": "When these bytes were first fetched (UTC).",
        "status": "HTTP status.",
        "headers": "JSON object: header name → list of values.",
        "encoding": "Charset the page was decoded with (declared or detected).",
        "body": "Exact bytes received, after content-encoding is undone.",
        "sha256": "SHA-256 of body.",
        "size": "Length of body in bytes.",
        "last_crawl_id": "Last crawl that fetched the same bytes from this URL.",
        "last_fetched_at": "When the same bytes were last fetched (UTC).",
    },
    "sections": {
        "name": "Column name as the nav bar shows it.",
        "url": "Address the nav bar links to.",
        "kind": "listing, page (a single page), guestbook, or article.",
        "position": "Order in the nav bar.",
        "known": "1 if the column is in the list of known columns of 天水关工网.",
        "first_seen_at": "First crawl time it was seen (UTC).",
        "last_seen_at": "Last crawl time it was seen (UTC).",
        "last_crawl_id": "Last crawl that saw it.",
    },
    "listings": {
        "section": "Column whose listing shows the article.",
        "article_url": "The article's URL as the listing links it.",
        "listing_url": "Listing page the link was found on.",
        "page": "Listing page number, when known.",
        "position": "Position on that page (0 = top).",
        "last_crawl_id": "Last crawl that saw the entry.",
    },
    "redirects": {
        "from_url": "Address that redirected.",
        "to_url": "Where it redirected to.",
        "status": "Redirect status (301, 302…).",
        "last_crawl_id": "Last crawl that saw the redirect.",
        "seen_at": "When (UTC).",
    },
    "failures": {
        "id": "Failure id.",
        "url": "URL that could not be archived.",
        "status": "HTTP status, NULL for network errors and refusals.",
        "error": "What went wrong.",
        "referer": "Page that linked the URL.",
        "crawl_id": "Crawl in which it failed.",
        "failed_at": "When (UTC).",
    },
    "crawls": {
        "id": "Crawl id.",
        "started_at": "Start (UTC).",
        "finished_at": "End (UTC), NULL while running or after a crash.",
        "start_url": "Start URL.",
        "outcome": "running, finished, or Scrapy's close reason (shutdown, …).",
        "settings": "JSON: the Scrapy settings that differ from the defaults.",
        "stats": "JSON: Scrapy's crawl statistics.",
        "ggcrawl_version": "Version of ggcrawl that ran the crawl.",
    },
}
