"""URL rules: what form an archived URL takes, what counts as the same site, what is never fetched.

Scope is the start URL's *origin* (scheme, host and port). Scrapy's offsite filter compares host
names only, and on loopback every server shares a host, so the port has to count too.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, safe_url_string

DEFAULT_PORTS = {"http": 80, "https": 443}
FETCHABLE_SCHEMES = frozenset(DEFAULT_PORTS)

# Pages a CMS serves that hold nothing an archive needs: DedeCMS/PHPCMS utility scripts under
# plus/ and api/, print views, comment frames, search, login and admin back ends, and the
# dynamic-view aliases of articles that already have a static address.
UTILITY_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"/plus/",
        r"/api/",
        r"/(admin|dede|manage|manager|houtai|system|login|member|user)(/|\.|$)",
        r"(^|/)(print|feedback|comment|comments|search|count|vote|digg)[^/]*\.(php|asp|aspx|jsp)",
        r"[?&](a|action|m)=(print|comment|login|search|vote|digg)\b",
        r"\.(css|js|ico|swf|flv)(\?|$)",
    )
)


# Query parameters that track visitors or sessions and never name a different page.
TRACKING_PARAMETERS = re.compile(
    r"^(utm_[a-z]+|spm|scm|from|share|scene|fbclid|gclid|phpsessid|jsessionid|sessionid|sid|"
    r"aspsessionid\w*)$",
    re.IGNORECASE,
)
SESSION_PATH_PARAMETER = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#]*", re.IGNORECASE)
# A directory's index page is the directory (/a/ggyw/index.html is /a/ggyw/).
STATIC_INDEX = re.compile(r"/(index|default)\.s?html?$", re.IGNORECASE)
# A script that serves the site root under its own name (/index.php?id=1 is /?id=1).
SCRIPT_INDEX = re.compile(r"/(index|default)\.(php|asp|aspx|jsp)$", re.IGNORECASE)
# An absolute http(s) URL that w3lib's ``safe_url_string`` returns unchanged: lower-case host,
# a port in range without a leading zero, a path before any query, a query that is not empty,
# and only characters it never escapes (no %, no #, no ' in the query). Most links on a page
# are like this, and w3lib parses the URL in Python to find so.
ALREADY_SAFE_URL = re.compile(
    r"https?://[a-z0-9-]+(?:\.[a-z0-9-]+)*"
    r"(?::(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?"
    r"(?:/[A-Za-z0-9!$&'()*+,;=:@._~/-]*(?:\?[A-Za-z0-9!$&()*+,;=:@._~/?-]+)?)?"
)


def normalize_url(url: str, base: str | None = None) -> str:
    """The form an archived URL is stored under: absolute, no fragment, lower-case scheme and
    host, no default port, safe percent-encoding, no tracking or session parameters, a static
    directory index as its directory. The other query parameters keep their order."""
    absolute = urljoin(base, url.strip()) if base else url.strip()
    parts = urlsplit(
        absolute if ALREADY_SAFE_URL.fullmatch(absolute) else safe_url_string(absolute)
    )
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    netloc = host
    if parts.port is not None and parts.port != DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    path = STATIC_INDEX.sub("/", SESSION_PATH_PARAMETER.sub("", parts.path)) or "/"
    query = "&".join(
        pair
        for pair in parts.query.split("&")
        if pair and not TRACKING_PARAMETERS.match(pair.split("=", 1)[0])
    )
    return urlunsplit((scheme, netloc, path, query, ""))


def fingerprint_url(url: str) -> str:
    """The form two URLs share when they name the same page: query order and escaping aside,
    and /index.php?… the same as /?…."""
    parts = urlsplit(canonicalize_url(normalize_url(url)))
    return urlunsplit(parts._replace(path=SCRIPT_INDEX.sub("/", parts.path)))


def origin(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) with the default port filled in."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(scheme, 0)


def same_origin(url: str, other: str) -> bool:
    return origin(url) == origin(other)


def is_fetchable(url: str) -> bool:
    """Only http(s) URLs with a host: never file:, data:, javascript:, mailto: and the like."""
    parts = urlsplit(url)
    return parts.scheme.lower() in FETCHABLE_SCHEMES and bool(parts.hostname)


def is_utility(url: str) -> bool:
    """True for CMS utility pages (print views, comment frames, plus/*.php, admin paths)."""
    parts = urlsplit(url)
    target = parts.path + ("?" + parts.query if parts.query else "")
    return any(p.search(target) for p in UTILITY_PATTERNS)


def check_start_url(url: str) -> str:
    """The normalised start URL, or ValueError saying what is wrong with it."""
    if not url or not url.strip():
        raise ValueError("the start URL is empty")
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in FETCHABLE_SCHEMES:
        raise ValueError(f"{url!r} is not an http:// or https:// URL")
    if not parts.hostname:
        raise ValueError(f"{url!r} has no host name")
    try:
        _ = parts.port
    except ValueError as exc:
        raise ValueError(f"{url!r} has an invalid port: {exc}") from None
    return normalize_url(url)
