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
# a port in range without a leading zero, a path with no dot segments (w3lib from 2.6 resolves
# them, and writes an empty path as "/"), a query that is not empty, and only characters it
# never escapes (no %, no #, no ' in the query). Most links on a page are like this; for them
# the match gives the parts too, where w3lib and urllib would parse the URL three times over
# in Python. A host whose last label is a number is an IPv4 address to browsers (URL Standard,
# "ends in a number"), which w3lib from 2.6 rewrites (1.2.3 is 1.2.0.3) or refuses
# (0.0.0.0.0): only 127.0.0.1's form is safe.
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_NUMBER_LABEL = r"(?:[0-9]+|0x[0-9a-f]*)(?![a-z0-9-])"
ALREADY_SAFE_URL = re.compile(
    rf"(?P<scheme>https?)://(?P<host>(?:{_OCTET}\.){{3}}{_OCTET}"
    rf"|(?:[a-z0-9-]+\.)*(?!{_NUMBER_LABEL})[a-z0-9-]+)"
    r"(?::(?P<port>[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]"
    r"|6553[0-5]))?"
    r"(?P<path>(?:/(?!\.\.?(?:/|\?|$))[A-Za-z0-9!$&'()*+,;=:@._~-]*)+)"
    r"(?:\?(?P<query>[A-Za-z0-9!$&()*+,;=:@._~/?-]+))?"
)
# A path segment that is neither empty nor a dot segment, of characters urljoin and w3lib leave
# alone, with no ":" (which could make a scheme) and no ";" (parameters).
_PLAIN_SEGMENT = r"[A-Za-z0-9!$&'()*+,=@_~-][A-Za-z0-9!$&'()*+,=@._~-]*"
# A relative reference that urljoin resolves by concatenation alone: a path of plain segments,
# rooted ("/a/b.html") or not ("b.html", "c/d/"), and a query that is not empty.
PLAIN_REFERENCE = re.compile(
    rf"(?P<rooted>/)?(?:{_PLAIN_SEGMENT}(?:/{_PLAIN_SEGMENT})*/?)?"
    r"(?:\?[A-Za-z0-9!$&()*+,;=:@._~/?-]+)?"
)
# A base URL's directory (its path up to the last "/") made of plain segments only, so that
# urljoin has no empty or dot segment of the base's to drop.
PLAIN_DIRECTORY = re.compile(rf"(?:/{_PLAIN_SEGMENT})*/")


def normalize_url(url: str, base: str | None = None) -> str:
    """The form an archived URL is stored under: absolute, no fragment, lower-case scheme and
    host, no default port, safe percent-encoding, no tracking or session parameters, a static
    directory index as its directory. The other query parameters keep their order."""
    absolute = join_url(base, url.strip()) if base else url.strip()
    if safe := ALREADY_SAFE_URL.fullmatch(absolute):
        scheme, host, path, query = safe.group("scheme", "host", "path", "query")
        port = int(safe["port"]) if safe["port"] else None
    else:
        parts = urlsplit(safe_url_string(absolute))
        scheme, host, path, query = parts.scheme.lower(), parts.hostname, parts.path, parts.query
        port = parts.port
    netloc = (host or "").lower()
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{port}"
    path = STATIC_INDEX.sub("/", SESSION_PATH_PARAMETER.sub("", path or "")) or "/"
    query = "&".join(
        pair
        for pair in (query or "").split("&")
        if pair and not TRACKING_PARAMETERS.match(pair.split("=", 1)[0])
    )
    return urlunsplit((scheme, netloc, path, query, ""))


def join_url(base: str, reference: str) -> str:
    """``urljoin(base, reference)``, without its two parses in Python for the links most pages
    hold (an absolute safe URL, "/a/b.html", "b.asp?id=1") against a safe base: those resolve by
    concatenation, which urljoin would do only after parsing both. Anything else is urljoin's."""
    safe_base = ALREADY_SAFE_URL.fullmatch(base)
    if safe_base is not None and ";" not in reference:
        if ALREADY_SAFE_URL.fullmatch(reference):
            return reference
        plain = PLAIN_REFERENCE.fullmatch(reference)
        if plain is not None and plain.end() > 0 and reference[0] != "?":
            origin = base[: safe_base.start("path")]
            if plain["rooted"]:
                return origin + reference
            path = safe_base["path"]
            directory = path[: path.rfind("/") + 1]
            if PLAIN_DIRECTORY.fullmatch(directory):
                return origin + directory + reference
    return urljoin(base, reference)


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
