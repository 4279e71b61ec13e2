"""What stands between a crawl and the site, in one line an operator can act on.

Two readings of the same evidence: :func:`blocker` looks at one served page (an anti-bot
JavaScript challenge, a login wall, a page with no site on it), and :func:`diagnose_crawl` at
what a finished crawl archived (the start page's fate, the nav, the listings, the articles).
``ggcrawl crawl`` exits with :data:`EXIT_NO_SITE` when the latter finds something, and
``ggcrawl probe`` explains the same before any crawl.
"""

from __future__ import annotations

import json
import re
import sqlite3

from ggcrawl.extract import Page, load_page, nav_sections
from ggcrawl.store.compression import unpack

# Exit statuses a scheduler can act on (2 is a usage error, as click's).
EXIT_OK = 0
EXIT_NO_SITE = 3  # archived nothing, or the site's structure was not found
EXIT_HEALTH = 4  # extraction health flagged a probable template change

# A challenge page is a script and next to no text: a real home page has hundreds of characters.
CHALLENGE_TEXT_MAX = 200
CHALLENGE_SCRIPT = re.compile(
    r"document\.cookie|__jsl_clearance|_waf_|challenge|setTimeout\(\s*['\"]?location", re.I
)
CHALLENGE_STATUSES = frozenset((521, 503, 403, 429))
SCRIPT = re.compile(r"<script\b", re.I)
LOGIN_WORDS = re.compile(r"登录|登陆|log\s*in|sign\s*in|用户名|密码", re.I)
LOGIN_TEXT_MAX = 1500
MAX_REDIRECTS = 10


def blocker(status: int, page: Page | None) -> str | None:
    """What a start page that is not the site is, if it is one of the kinds seen in front of
    such sites; None for anything that may be the site."""
    if page is None:
        return f"the start page answered HTTP {status} with an empty body"
    text = page.joined.strip()
    html = page.html
    if (
        SCRIPT.search(html)
        and len(text) < CHALLENGE_TEXT_MAX
        and (status in CHALLENGE_STATUSES or CHALLENGE_SCRIPT.search(html))
    ):
        return (
            f"the start page is a JavaScript challenge (HTTP {status}, a script and "
            f"{len(text)} characters of text): an anti-bot service stands in front of the site "
            "and ggcrawl runs no scripts; ask the site's administrators to let the crawler "
            "through (OPERATOR_CONTACT names you in the User-Agent)"
        )
    title = page.selector.xpath("string(//title)").get("")
    if page.root.xpath("//input[translate(@type, 'PASSWORD', 'password') = 'password']") and (
        len(text) < LOGIN_TEXT_MAX or LOGIN_WORDS.search(title)
    ):
        return (
            "the start page is a login form: the site is not public at this address; give the "
            "address of its public home page"
        )
    if status >= 400:
        return f"the start page answered HTTP {status}"
    return None


def diagnose_crawl(conn: sqlite3.Connection, crawl_id: int) -> str | None:
    """One line on why the crawl found no site, None if it found the site's structure (a nav
    bar, listings, and for a full crawl articles)."""
    crawl = conn.execute("SELECT start_url, mode FROM crawls WHERE id = ?", (crawl_id,)).fetchone()
    if crawl is None:
        return None
    url = _followed(conn, crawl[0])
    failure = conn.execute(
        "SELECT kind, status, error FROM failures WHERE url = ? AND crawl_id = ?",
        (url, crawl_id),
    ).fetchone()
    # The crawl's answer at that address: the page rather than a redirect (a site that moved
    # keeps its old address, where the redirect is kept too).
    snapshot = conn.execute(
        "SELECT status, headers, body, size FROM snapshots WHERE url = ? AND last_crawl_id = ? "
        "ORDER BY status BETWEEN 300 AND 399, id DESC LIMIT 1",
        (url, crawl_id),
    ).fetchone()
    page = None
    if snapshot is not None and snapshot[2]:
        body = unpack(snapshot[2], snapshot[3]) or b""
        page = load_page(url, body, json.loads(snapshot[1] or "{}"))
    if snapshot is None:
        reason = f"{failure[2]}" if failure else "no answer"
        return f"the start page {url} could not be fetched ({reason})"
    found = blocker(snapshot[0], page)
    if found:
        return found
    sections = _count(conn, "SELECT COUNT(*) FROM sections WHERE last_crawl_id = ?", crawl_id)
    if not sections or page is None or not nav_sections(page):
        links = len(page.root.xpath("//a[@href]")) if page is not None else 0
        return (
            f"no nav bar with column links on the start page {url} ({links} links, "
            f"{len(page.joined.strip()) if page is not None else 0} characters of text): "
            "is it the site's home page? `ggcrawl probe URL` shows what ggcrawl sees there"
        )
    listed = _count(conn, "SELECT COUNT(*) FROM listings WHERE last_crawl_id = ?", crawl_id)
    if not listed:
        return (
            f"the nav bar's {sections} columns list no articles: their pages hold no list of "
            "article links ggcrawl recognises (`ggcrawl probe URL` shows a column's page; "
            "ggcrawl.toml can give the listing's selector)"
        )
    extracted = _count(
        conn,
        "SELECT COUNT(*) FROM articles a JOIN snapshots s ON s.id = a.snapshot_id "
        "WHERE s.last_crawl_id = ?",
        crawl_id,
    )
    if crawl[1] == "full" and not extracted:
        return (
            f"the columns list {listed} links but no article was archived: see the crawl's "
            f"failures (`ggcrawl report {crawl_id}`)"
        )
    return None


def _followed(conn: sqlite3.Connection, url: str) -> str:
    """Where ``url``'s recorded redirects lead."""
    for _ in range(MAX_REDIRECTS):
        row = conn.execute("SELECT to_url FROM redirects WHERE from_url = ?", (url,)).fetchone()
        if row is None or row[0] == url:
            break
        url = row[0]
    return url


def _count(conn: sqlite3.Connection, sql: str, crawl_id: int) -> int:
    return int(conn.execute(sql, (crawl_id,)).fetchone()[0])
