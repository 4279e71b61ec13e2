"""The archive's schema, in one place, as researchers will read it (see README, "The archive")."""

from __future__ import annotations

# 'ggcw' — marks a SQLite file as a ggcrawl archive (PRAGMA application_id).
APPLICATION_ID = 0x67676377
SCHEMA_VERSION = 8

# The browse view's indexes (schema 7). An article row is kilobytes (its body), so a query that
# reads rows to count or filter them reads the whole table; these answer from the index alone.
# - published_at newest first, then url: the articles table's order and its next page's
#   (Datasette pages by the sort column, then the primary key); with id, the search box's
#   ``id IN (hits)`` is tested in the index and only a page of rows is read.
# - each faceted column with published_at and id: the facet counts of the whole table, of a
#   next page (published_at) and of a search (id) read only the index.
# - a month's articles per column (the overview), the articles found gone (the front page).
ARTICLE_INDEXES = """
CREATE INDEX IF NOT EXISTS articles_published ON articles(published_at DESC, url, id);
CREATE INDEX IF NOT EXISTS articles_section_published ON articles(section, published_at, id);
CREATE INDEX IF NOT EXISTS articles_year ON articles(published_year, published_at, id);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source, published_at, id);
CREATE INDEX IF NOT EXISTS articles_month
    ON articles(substr(published_at, 1, 7), section, published_at);
CREATE INDEX IF NOT EXISTS articles_gone ON articles(gone_at) WHERE gone_at IS NOT NULL;"""

TABLES = """
CREATE TABLE IF NOT EXISTS crawls (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    start_url TEXT NOT NULL,
    outcome TEXT NOT NULL DEFAULT 'running',
    settings TEXT NOT NULL DEFAULT '{}',
    stats TEXT NOT NULL DEFAULT '{}',
    ggcrawl_version TEXT,
    mode TEXT NOT NULL DEFAULT 'full',
    resumes INTEGER NOT NULL DEFAULT 0,
    articles_new INTEGER,
    articles_changed INTEGER,
    articles_unchanged INTEGER,
    articles_gone INTEGER,
    site TEXT
);
CREATE TABLE IF NOT EXISTS crawl_fields (
    crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    field TEXT NOT NULL,
    articles INTEGER NOT NULL,
    found INTEGER NOT NULL,
    PRIMARY KEY (crawl_id, field)
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
    warc_filename TEXT,
    warc_record_id TEXT,
    warc_offset INTEGER,
    warc_length INTEGER,
    warc_payload_digest TEXT,
    warc_date TEXT,
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
    parse_warnings TEXT NOT NULL DEFAULT '[]',
    version INTEGER NOT NULL DEFAULT 1,
    changed_at TEXT,
    gone_at TEXT,
    gone_crawl_id INTEGER REFERENCES crawls(id),
    gone_status INTEGER,
    published_year TEXT GENERATED ALWAYS AS (substr(published_at, 1, 4)) VIRTUAL
);
CREATE TABLE IF NOT EXISTS article_versions (
    article_url TEXT NOT NULL REFERENCES articles(url),
    version INTEGER NOT NULL,
    crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
    seen_at TEXT NOT NULL,
    section TEXT,
    title TEXT,
    published_at TEXT,
    source TEXT,
    body_text TEXT,
    body_html TEXT,
    images TEXT NOT NULL,
    attachments TEXT NOT NULL,
    parse_warnings TEXT NOT NULL,
    PRIMARY KEY (article_url, version)
);
CREATE INDEX IF NOT EXISTS article_versions_crawl ON article_versions(crawl_id);
CREATE INDEX IF NOT EXISTS article_versions_snapshot ON article_versions(snapshot_id);
CREATE TABLE IF NOT EXISTS article_pages (
    article_url TEXT NOT NULL REFERENCES articles(url),
    version INTEGER NOT NULL,
    page INTEGER NOT NULL,
    url TEXT NOT NULL,
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
    PRIMARY KEY (article_url, version, page)
);
CREATE VIEW IF NOT EXISTS article_history AS
SELECT v.article_url, v.version, v.crawl_id, v.snapshot_id, v.seen_at, v.section, v.title,
    v.published_at, v.source,
    CASE WHEN v.version = a.version THEN a.body_text ELSE v.body_text END AS body_text,
    CASE WHEN v.version = a.version THEN a.body_html ELSE v.body_html END AS body_html,
    v.images, v.attachments, v.parse_warnings
FROM article_versions v JOIN articles a ON a.url = v.article_url;
CREATE TABLE IF NOT EXISTS asset_blobs (
    sha256 TEXT PRIMARY KEY,
    body BLOB NOT NULL,
    size INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS assets (
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    offsite INTEGER NOT NULL,
    sha256 TEXT REFERENCES asset_blobs(sha256),
    content_type TEXT,
    size INTEGER,
    status INTEGER,
    skipped TEXT,
    first_seen_at TEXT NOT NULL,
    fetched_at TEXT,
    crawl_id INTEGER REFERENCES crawls(id)
);
CREATE TABLE IF NOT EXISTS article_assets (
    article_url TEXT NOT NULL REFERENCES articles(url),
    asset_url TEXT NOT NULL REFERENCES assets(url),
    PRIMARY KEY (article_url, asset_url)
);
CREATE INDEX IF NOT EXISTS article_assets_asset ON article_assets(asset_url);
CREATE TABLE IF NOT EXISTS frontier (
    crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    url TEXT NOT NULL,
    role TEXT NOT NULL,
    meta TEXT NOT NULL,
    priority INTEGER NOT NULL,
    state TEXT NOT NULL,
    discovered_at TEXT NOT NULL,
    done_at TEXT,
    PRIMARY KEY (crawl_id, url)
);
CREATE INDEX IF NOT EXISTS frontier_pending ON frontier(crawl_id, state);
CREATE TABLE IF NOT EXISTS warc_files (
    filename TEXT PRIMARY KEY,
    crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    created_at TEXT NOT NULL,
    committed_end INTEGER NOT NULL DEFAULT 0
);
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
"""
FAILURES_TABLE = """CREATE TABLE IF NOT EXISTS failures (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    kind TEXT NOT NULL,
    status INTEGER,
    error TEXT NOT NULL,
    referer TEXT,
    crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    failed_at TEXT NOT NULL,
    UNIQUE (crawl_id, url)
)"""
TABLES += FAILURES_TABLE + ";\n" + ARTICLE_INDEXES.strip() + "\n"

# What went wrong, as failures.kind: set where the failure arises (the spider), never guessed
# from the message. Only network and 5xx failures are worth asking again in the next crawl.
FAILURE_KINDS: dict[str, str] = {
    "http": "the server answered with an error status (4xx, 5xx)",
    "network": "no answer: DNS, connection, timeout, a body cut short",
    "refused": "not requested: robots.txt forbids it, or another rule of the crawl",
    "off-origin": "outside the archived site, or a redirect that leaves it",
    "redirect-loop": "a redirect back to an address already in its chain",
    "too-many-redirects": "a redirect chain longer than the crawl follows",
    "bad-redirect": "a redirect without a Location header",
    "too-large": "larger than DOWNLOAD_MAXSIZE, so not downloaded",
}

# What an asset is, as assets.kind: the article's own files, and the page requisites a replay
# needs to look as the page did (ggcrawl.extract.requisites), whatever page or stylesheet
# links them first. A kind is the way the asset was first linked, kept as first seen.
ASSET_KINDS: dict[str, str] = {
    "image": "an image: in an article's body, a page's template (<img>: logo, banner, nav "
    "images; a table layout's background=) or loaded by a stylesheet (url())",
    "attachment": "a document an article links (.doc, .pdf, .xls …)",
    "stylesheet": "a stylesheet a page links (<link rel=stylesheet>) or a stylesheet imports "
    "(@import)",
    "font": "a font a stylesheet loads (@font-face, or a font file's url())",
}

# The full-text index (see store/fts.py): contentless, keyed by articles.id. prefix='1' keeps
# an index of every token's first character, so that a query ending in one Chinese character
# (委, 2019年), a prefix query over the bigrams, reads one list instead of merging those of
# every bigram that starts with it.
FTS_TABLE = """CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, body, content='', prefix='1', tokenize='unicode61 remove_diacritics 2'
)"""
TABLES += FTS_TABLE

# The SQL function migrations call to write text as the index holds it (fts.index_text).
INDEX_TEXT_FUNCTION = "ggcrawl_index_text"

# What brings an archive of schema version N - 1 to N, statements separated by ";\n" (TABLES
# then adds any new table).
MIGRATIONS: dict[int, str] = {
    # The year as its own column, so the browse view can facet by it.
    2: "ALTER TABLE articles ADD COLUMN published_year TEXT "
    "GENERATED ALWAYS AS (substr(published_at, 1, 4)) VIRTUAL",
    # The current version's text is the article's own: kept once, in articles (the view
    # article_history shows every version whole). Snapshot bodies written from now on are
    # compressed; older ones stay as they are and read the same way (store/compression.py).
    3: "UPDATE article_versions SET body_text = NULL, body_html = NULL "
    "WHERE version = (SELECT a.version FROM articles a WHERE a.url = article_url)",
    # The index gains its one-character prefix index: FTS5 sets that only when a table is
    # made, so the index is made again from the articles (every one is indexed, gone included).
    4: f"DROP TABLE articles_fts;\n{FTS_TABLE};\n"
    f"INSERT INTO articles_fts (rowid, title, body) SELECT id, {INDEX_TEXT_FUNCTION}(title), "
    f"{INDEX_TEXT_FUNCTION}(body_text) FROM articles",
    # Failures gain their kind. Rows of earlier crawls get it from their message, the one place
    # that reads it: from now on the spider sets the kind where the failure arises.
    5: f"ALTER TABLE failures RENAME TO failures_v4;\n{FAILURES_TABLE};\n"
    "INSERT INTO failures (id, url, kind, status, error, referer, crawl_id, failed_at) "
    "SELECT id, url, CASE "
    "WHEN error LIKE '%leaves the site%' OR error LIKE 'outside the archived site%' "
    "THEN 'off-origin' "
    "WHEN error LIKE 'redirect loop%' THEN 'redirect-loop' "
    "WHEN error LIKE 'more than % redirects' THEN 'too-many-redirects' "
    "WHEN error LIKE 'redirect without a Location%' THEN 'bad-redirect' "
    "WHEN error LIKE 'IgnoreRequest%' THEN 'refused' "
    "WHEN error LIKE 'DownloadCancelledError%' THEN 'too-large' "
    "WHEN status IS NOT NULL THEN 'http' ELSE 'network' END, "
    "status, error, referer, crawl_id, failed_at FROM failures_v4;\n"
    "DROP TABLE failures_v4",
    # Crawls record the site's address after the start URL's redirects (crawl_fields, the
    # extraction health of each crawl from now on, is a new table).
    6: "ALTER TABLE crawls ADD COLUMN site TEXT",
    # The browse view's indexes (ARTICLE_INDEXES, article_versions_snapshot): the two older
    # indexes of articles are made again with more columns, the others are new.
    7: "DROP INDEX IF EXISTS articles_published;\nDROP INDEX IF EXISTS articles_section_published",
    # article_pages, the later pages of articles split over pages, is a new table.
    8: "",
}

# Column documentation, the source of the README's schema section and of the browse view's
# column descriptions (ggcrawl/browse/metadata.py adds the Chinese).
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
        "version": "Number of content versions archived (article_versions).",
        "changed_at": "When the current version was first seen (UTC).",
        "gone_at": "When a crawl found the article gone (404/410), NULL while it is online.",
        "gone_crawl_id": "Crawl that found it gone.",
        "gone_status": "Status it answered then (404 or 410).",
        "published_year": "Year of published_at (generated from it, for facets).",
    },
    "article_versions": {
        "article_url": "The article.",
        "version": "1 for the first capture, then one more for each change of content.",
        "crawl_id": "Crawl that saw this version first.",
        "snapshot_id": "Snapshot this version was extracted from.",
        "seen_at": "When (UTC).",
        "section": "Column at this version.",
        "title": "Title at this version.",
        "published_at": "Publication time at this version.",
        "source": "来源 at this version.",
        "body_text": "Body text at this version; NULL for the current version, whose text is "
        "articles.body_text (article_history fills it in).",
        "body_html": "Body HTML at this version; NULL for the current version, whose HTML is "
        "articles.body_html (article_history fills it in).",
        "images": "Images at this version (JSON).",
        "attachments": "Attachments at this version (JSON).",
        "parse_warnings": "Extraction notes at this version (JSON).",
    },
    "article_pages": {
        "article_url": "The article the site splits over pages (its first page's URL).",
        "version": "The article's version whose text joins this page's.",
        "page": "2, 3, …: the page's place in the article (page 1 is the article's snapshot).",
        "url": "URL of the page.",
        "snapshot_id": "Snapshot the page's text was read from.",
    },
    "assets": {
        "url": "Original URL of the asset.",
        "kind": "What it is: " + "; ".join(f"{k}: {v}" for k, v in ASSET_KINDS.items()) + ".",
        "offsite": "1 if it lives on another site (listed, never fetched).",
        "sha256": "SHA-256 of its bytes (the key into asset_blobs); NULL if not fetched.",
        "content_type": "Content-Type it was served with.",
        "size": "Bytes.",
        "status": "HTTP status of the fetch.",
        "skipped": "Why it was not fetched (for example over the size cap).",
        "first_seen_at": "When an article, page or stylesheet first linked it (UTC).",
        "fetched_at": "When it was fetched (UTC).",
        "crawl_id": "Crawl that fetched it.",
    },
    "asset_blobs": {
        "sha256": "SHA-256 of the bytes (content address).",
        "body": "The bytes, stored once however many URLs serve them.",
        "size": "Bytes.",
    },
    "article_assets": {
        "article_url": "Article that uses the asset.",
        "asset_url": "The asset.",
    },
    "frontier": {
        "crawl_id": "Crawl the request belongs to.",
        "url": "URL to fetch.",
        "role": "home, nav, listing, article, part (a later page of an article split over "
        "pages) or asset (images, attachments and page requisites).",
        "meta": "JSON: column, page, referer, conditional headers.",
        "priority": "Scheduling priority.",
        "state": "pending, done, or held (a listing page an incremental crawl held back and "
        "did not need, the chains having reached every new article; see README).",
        "discovered_at": "When it was found (UTC).",
        "done_at": "When it was fetched (UTC).",
    },
    "warc_files": {
        "filename": "WARC file under archive/ (one or more per crawl).",
        "crawl_id": "Crawl that wrote it.",
        "created_at": "When (UTC).",
        "committed_end": "Bytes of the file that the archive's committed rows refer to.",
    },
    "snapshots": {
        "id": "Snapshot id.",
        "url": "URL that served the bytes (after any redirect).",
        "crawl_id": "Crawl that first fetched these bytes.",
        "fetched_at": "When these bytes were first fetched (UTC).",
        "status": "HTTP status.",
        "headers": "JSON object: header name → list of values.",
        "encoding": "Charset the page was decoded with (declared or detected).",
        "body": "Exact bytes received, after content-encoding is undone, zlib-compressed when "
        "that is shorter: read them with sqlar_uncompress(body, size).",
        "sha256": "SHA-256 of the bytes received.",
        "size": "Length of the bytes received (before compression).",
        "last_crawl_id": "Last crawl that fetched the same bytes from this URL.",
        "last_fetched_at": "When the same bytes were last fetched (UTC).",
        "warc_filename": "WARC file holding the response record of these bytes.",
        "warc_record_id": "WARC-Record-ID of that record.",
        "warc_offset": "Offset of the record (a gzip member) in the file.",
        "warc_length": "Length of the record in the file.",
        "warc_payload_digest": "WARC-Payload-Digest of the record (of the body as transferred).",
        "warc_date": "WARC-Date of the record.",
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
        "kind": "What went wrong: "
        + "; ".join(f"{k}: {v}" for k, v in FAILURE_KINDS.items())
        + ".",
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
        "outcome": "finished; running (still, or killed); killed (given up by a --full "
        "crawl); or Scrapy's close reason (shutdown after Ctrl-C, closespider_…). The next "
        "crawl resumes any crawl that is neither finished nor killed.",
        "settings": "JSON: the Scrapy settings that differ from the defaults.",
        "stats": "JSON: Scrapy's crawl statistics.",
        "ggcrawl_version": "Version of ggcrawl that ran the crawl.",
        "mode": "full (every listing and chain) or incremental (only what is new).",
        "resumes": "How often the crawl was resumed after being killed.",
        "articles_new": "Articles the crawl archived for the first time (set when it ends).",
        "articles_changed": "Articles whose content changed (a new version).",
        "articles_unchanged": "Articles fetched again with the same content.",
        "articles_gone": "Articles found gone (404/410).",
        "site": "Where the site was found: the origin the start URL's redirects led to, whose "
        "pages the crawl fetched (URLs are kept under the archive's first site).",
    },
    "crawl_fields": {
        "crawl_id": "The crawl.",
        "field": "title, published_at, source, section, body_text, prev_next (either link), "
        "or parse_warnings (articles with a note of something not found).",
        "articles": "Articles the crawl extracted (fetched with a body, new or not).",
        "found": "Of those, how many have the field (for parse_warnings: carry a warning).",
    },
}

# The view article_history: every version whole, the current one's text taken from articles.
COLUMNS["article_history"] = COLUMNS["article_versions"] | {
    "body_text": "Body text at this version.",
    "body_html": "Body HTML at this version.",
}
