"""Scrapy settings: polite defaults for the live site. Override any with ``-s NAME=VALUE``."""

from ggcrawl import __version__

BOT_NAME = "ggcrawl"
# The repository's spiders/ folder, installed as ggcrawl.spiders (see pyproject.toml).
SPIDER_MODULES = ["ggcrawl.spiders"]
NEWSPIDER_MODULE = "ggcrawl.spiders"

# Where the archive is written; `ggcrawl crawl --db` and `-s ARCHIVE_DB=…` set it.
ARCHIVE_DB = "archive/tsggw.db"
# Re-crawls are incremental; FULL_CRAWL=True (`ggcrawl crawl --full`) walks everything again.
FULL_CRAWL = False
# Which archived articles a re-crawl fetches again (conditionally) to catch edits and removals:
# none, all, or days:N (published in the last N days).
REVISIT = "none"
# Other origins (scheme://host:port) whose pages and assets belong to the site too, e.g. a
# separate upload host. Everything else is off-site: listed, never fetched.
EXTRA_ORIGINS: list[str] = []
# The operator's selectors for fields the rules get wrong on the site's templates: field →
# "css:…" or "xpath:…" (ggcrawl.extract.overrides; `ggcrawl crawl` reads them from the
# [selectors] table of ./ggcrawl.toml).
SELECTORS: dict[str, str] = {}
# At most this many listing pages per column (a pager that always has a next page is a trap;
# 300 pages of 20 is more than any column of the site has).
MAX_LISTING_PAGES = 300
# At most this many pages of one article the site splits over pages (a 下一页 that never ends
# is a trap; the article is kept with the text so far, and says where it goes on).
MAX_ARTICLE_PAGES = 50
# Images and attachments larger than this are recorded, not fetched.
ASSET_MAXSIZE = 20 * 1024 * 1024
# Page requisites (stylesheets, template images) are what a browser loads to show a page, so,
# as Archive-It does for embedded content, they are fetched where robots.txt forbids crawlers
# (DedeCMS's usual robots.txt forbids its whole theme folder /templets/); True obeys it there too.
REQUISITES_OBEY_ROBOTSTXT = False
# Commit the archive every this many writes or seconds, whichever comes first.
ARCHIVE_BATCH_SIZE = 200
ARCHIVE_BATCH_SECONDS = 2.0

# Who runs this crawler, for the site's administrators (a URL or mailto:): it goes into the
# User-Agent as "ggcrawl/VERSION (archival crawler; +CONTACT)". Set it for the live site.
OPERATOR_CONTACT = ""
USER_AGENT_TEMPLATE = "ggcrawl/{version} (archival crawler for the tsggw archive; +{contact})"
USER_AGENT = USER_AGENT_TEMPLATE.format(version=__version__, contact="operator contact not set")

# Politeness toward a small government server.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 2
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_BACKOFF_BASE = 2.0
RETRY_BACKOFF_MAX = 60.0
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Pages larger than this are refused, not stored (a government article page is ~50 KB).
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024

# Breadth-first, so listings and chains advance together and memory stays flat.
DEPTH_PRIORITY = 1
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"

DOWNLOADER_MIDDLEWARES = {
    # Before robots.txt (100) so off-origin URLs never even get their robots.txt fetched.
    "ggcrawl.middlewares.OriginGuardMiddleware": 50,
    # Scrapy's retries, with a pause that doubles between attempts (and Retry-After obeyed).
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "ggcrawl.middlewares.BackoffRetryMiddleware": 550,
    # Closest to the network: sees responses before decompression (590) or retries (550).
    "ggcrawl.middlewares.WarcRecorderMiddleware": 950,
}
# The stock HTTP/1.1 handler, keeping the status line's reason phrase for the WARC.
DOWNLOAD_HANDLERS = {
    "http": "ggcrawl.download.ExactHTTPDownloadHandler",
    "https": "ggcrawl.download.ExactHTTPDownloadHandler",
}
# Write a WARC 1.1 file per crawl next to the archive.
WARC_ENABLED = True
ITEM_PIPELINES = {
    "ggcrawl.pipelines.ArchivePipeline": 300,
}
EXTENSIONS = {
    # Opens the archive, its lock, the crawl's plan and WARC file, and closes them: the
    # spider, the WARC recorder and the pipeline find it through the crawler.
    "ggcrawl.session.CrawlSession": 100,
    "ggcrawl.extensions.Progress": 500,
}
# Seconds between progress lines on stderr; 0 turns them off.
PROGRESS_INTERVAL = 10.0

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
