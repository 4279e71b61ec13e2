"""The reading pages of the browse view, as Datasette routes under each archive database.

``/<db>/-/article?url=U``          an article: fields, body, attachments, versions, snapshots
``/<db>/-/diff?url=U&from=1&to=2`` what changed between two versions of it
``/<db>/-/snapshot/<id>``          a snapshot's record, the page itself in a sandboxed frame
``/<db>/-/snapshot/<id>/raw``      the page as served, re-encoded as UTF-8 and made inert
``/<db>/-/column?name=N&year=Y``  a column (栏目): its years with counts, a year's titles
``/<db>/-/snapshot-of?url=U``      redirect to the archive's snapshot of a URL (links in replays)
``/<db>/-/captures?url=U``         every capture of a URL, as pasted in any of its forms
``/<db>/-/asset/<sha256>``         an archived image or attachment
``/<db>/-/stylesheet?url=U``       an archived stylesheet, its references made archive paths

Everything the site wrote is shown through ``sanitize`` and served with a Content-Security-Policy
that forbids scripts and every origin but the archive's own: an archived page must never run a
script or reach the live web.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, unquote, urlencode, urlsplit

from datasette import Response
from datasette.database import Database
from datasette.utils import path_from_row_pks
from datasette.utils.asgi import BadRequest, NotFound
from markupsafe import Markup

from ggcrawl.browse import diff, lookup, sanitize, views
from ggcrawl.browse.views import COMMON_HEADERS, MAX_PARAM
from ggcrawl.extract.document import codec_name, decode_html
from ggcrawl.urls import normalize_url

# A replayed page: archived images and stylesheets and its own inline styles, nothing else;
# `sandbox` gives it an opaque origin even when opened outside the snapshot page's sandboxed frame.
RAW_CSP = (
    "default-src 'none'; img-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'none'; "
    "base-uri 'none'; frame-ancestors 'self'; sandbox"
)
# Assets are served for download or as images, never as documents that could run.
ASSET_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"

INLINE_TYPES = frozenset(
    "image/png image/jpeg image/gif image/webp image/bmp image/x-icon "
    "image/vnd.microsoft.icon".split()
)
STYLESHEET_TYPE = "text/css; charset=utf-8"
# Which assets are stylesheets: what the crawl called one, or what was served as CSS.
STYLESHEET_ASSET = "(a.kind = 'stylesheet' OR lower(a.content_type) LIKE 'text/css%')"
CSS_CHARSET = re.compile(rb'^@charset "([A-Za-z0-9_-]{1,40})";')
MIME_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$")
HTML_TYPES = frozenset({"", "text/html", "application/xhtml+xml"})
VERSION_FIELDS = ("title", "published_at", "source", "section")
# Titles per page of a column's year, and at most (?size=).
COLUMN_PAGE = 50
MAX_COLUMN_PAGE = 500


def routes() -> list[tuple[str, Any]]:
    """The (regex, view) pairs for Datasette's register_routes hook."""
    db = r"^/(?P<database>[^/]+)/-/"
    return [
        (db + r"article$", article_view),
        (db + r"diff$", diff_view),
        (db + r"snapshot/(?P<id>[^/]+)$", snapshot_view),
        (db + r"snapshot/(?P<id>[^/]+)/raw$", raw_view),
        (db + r"snapshot-of$", snapshot_of_view),
        (db + r"asset/(?P<sha256>[^/]+)$", asset_view),
        (db + r"column$", column_view),
        (db + r"captures$", captures_view),
        (db + r"stylesheet$", stylesheet_view),
    ]


def column_path(datasette, database: str, name: str, year: str | None = None) -> str:
    query = {"name": name} | ({"year": year} if year else {})
    return f"{datasette.urls.database(database)}/-/column?{urlencode(query)}"


def article_path(datasette, database: str, url: str) -> str:
    return f"{datasette.urls.database(database)}/-/article?{urlencode({'url': url})}"


def diff_path(datasette, database: str, url: str, old: int, new: int) -> str:
    query = urlencode({"url": url, "from": old, "to": new})
    return f"{datasette.urls.database(database)}/-/diff?{query}"


def snapshot_path(datasette, database: str, snapshot_id: int, raw: bool = False) -> str:
    suffix = "/raw" if raw else ""
    return f"{datasette.urls.database(database)}/-/snapshot/{snapshot_id}{suffix}"


def snapshot_of_path(
    datasette, database: str, url: str, at: str | None = None, raw: bool = False
) -> str:
    query = {"url": url} | ({"at": at} if at else {}) | ({"raw": "1"} if raw else {})
    return f"{datasette.urls.database(database)}/-/snapshot-of?{urlencode(query)}"


def asset_path(datasette, database: str, sha256: str) -> str:
    return f"{datasette.urls.database(database)}/-/asset/{sha256}"


def captures_path(datasette, database: str, url: str) -> str:
    return f"{datasette.urls.database(database)}/-/captures?{urlencode({'url': url})}"


def stylesheet_path(datasette, database: str, url: str) -> str:
    return f"{datasette.urls.database(database)}/-/stylesheet?{urlencode({'url': url})}"


async def article_view(datasette, request) -> Response:
    db = await views.archive(datasette, request, "articles")
    row = await _article(db, views.param(request, "url"))
    url = row["url"]
    body = None
    if row["body_html"] is not None:
        body = Markup(await _clean_body(datasette, db, row["body_html"], url))
    neighbours = await views.rows(
        db,
        "SELECT url, title FROM articles WHERE url IN (?, ?)",
        [row["prev_url"], row["next_url"]],
    )
    titles = {r["url"]: r["title"] for r in neighbours}
    versions = await views.rows(
        db,
        "SELECT version, crawl_id, seen_at, title FROM article_versions "
        "WHERE article_url = ? ORDER BY version",
        [url],
    )
    snapshots = await views.rows(
        db,
        "SELECT id, crawl_id, fetched_at, last_fetched_at, status, size FROM snapshots "
        "WHERE url = ? ORDER BY fetched_at, id",
        [url],
    )
    pages = await views.rows(
        db,
        "SELECT page, url, snapshot_id FROM article_pages "
        "WHERE article_url = ? AND version = ? ORDER BY page",
        [url, row["version"]],
    )
    context = {
        "database": db.name,
        "article": dict(row),
        "body": body,
        "row_href": datasette.urls.row(
            db.name, "articles", path_from_row_pks(row, ["url"], use_rowid=False)
        ),
        "section_href": column_path(datasette, db.name, row["section"]) if row["section"] else None,
        "year_href": (
            column_path(datasette, db.name, row["section"], row["published_at"][:4])
            if row["section"] and row["published_at"]
            else None
        ),
        "neighbours": [
            {
                "label": label,
                "url": target,
                "title": titles.get(target),
                "href": article_path(datasette, db.name, target) if target in titles else None,
            }
            for label, target in (
                ("上一篇 / Previous", row["prev_url"]),
                ("下一篇 / Next", row["next_url"]),
            )
        ],
        "attachments": await _attachments(datasette, db, row["attachments"]),
        "versions": [
            dict(v)
            | {
                "diff_href": diff_path(datasette, db.name, url, v["version"] - 1, v["version"])
                if v["version"] > 1
                else None
            }
            for v in versions
        ],
        "snapshots": [
            dict(s) | {"href": snapshot_path(datasette, db.name, s["id"])} for s in snapshots
        ],
        "pages": [
            dict(p) | {"href": snapshot_path(datasette, db.name, p["snapshot_id"])} for p in pages
        ],
    }
    return await views.page(datasette, request, "ggcrawl_article.html", context)


async def column_view(datasette, request) -> Response:
    """A column (栏目) as a reader walks it: its years with their counts, newest first, then
    a year's titles newest first (or those between ``from`` and ``to``), a page at a time,
    each linked to the reader."""
    db = await views.archive(datasette, request, "articles")
    name = views.param(request, "name")
    years = await views.rows(
        db,
        "SELECT substr(published_at, 1, 4) AS year, COUNT(*) AS n FROM articles "
        "WHERE section = ? AND published_at IS NOT NULL GROUP BY 1 ORDER BY 1 DESC",
        [name],
    )
    if not years:
        raise NotFound(f"No column {name} in {db.name}")
    year = request.args.get("year")
    start, end = request.args.get("from"), request.args.get("to")
    if year is not None and not re.fullmatch(r"[0-9]{4}", year):
        raise BadRequest("year must be four digits")
    for value in (start, end):
        if value is not None and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            raise BadRequest("from and to are dates: YYYY-MM-DD")
    if year:
        start, end = f"{year}-01-01", f"{year}-12-31"
    size = min(views.number(request, "size") or COLUMN_PAGE, MAX_COLUMN_PAGE)
    page = max(views.number(request, "page") or 1, 1)
    titles = []
    if start or end:
        titles = await views.rows(
            db,
            "SELECT url, title, published_at FROM articles WHERE section = ? "
            "AND published_at >= ? AND published_at < ? ORDER BY published_at DESC, id DESC "
            "LIMIT ? OFFSET ?",
            [name, start or "0000", f"{end or '9999-12-31'}\uffff", size + 1, (page - 1) * size],
        )
    here = {"name": name} | {
        key: request.args[key] for key in ("year", "from", "to") if request.args.get(key)
    }
    base = f"{datasette.urls.database(db.name)}/-/column?"
    context = {
        "database": db.name,
        "name": name,
        "year": year,
        "start": start,
        "end": end,
        "years": [
            dict(y) | {"href": column_path(datasette, db.name, name, y["year"])} for y in years
        ],
        "titles": [
            dict(t) | {"href": article_path(datasette, db.name, t["url"])} for t in titles[:size]
        ],
        "previous": base + urlencode(here | {"page": page - 1, "size": size}) if page > 1 else None,
        "next": base + urlencode(here | {"page": page + 1, "size": size})
        if len(titles) > size
        else None,
        "column_href": column_path(datasette, db.name, name),
    }
    return await views.page(datasette, request, "ggcrawl_column.html", context)


async def diff_view(datasette, request) -> Response:
    db = await views.archive(datasette, request, "article_versions")
    new_number, old_number = views.number(request, "to"), views.number(request, "from")
    row = await _article(db, views.param(request, "url"))
    url = row["url"]
    if new_number is None:
        new_number = row["version"]
    if old_number is None:
        old_number = max(new_number - 1, 1)
    versions = {
        v["version"]: dict(v)
        for v in await views.rows(
            db,
            "SELECT * FROM article_history WHERE article_url = ? AND version IN (?, ?)",
            [url, old_number, new_number],
        )
    }
    if old_number not in versions or new_number not in versions:
        raise NotFound(f"Article {url} has no version {old_number} or {new_number}")
    old, new = versions[old_number], versions[new_number]
    context = {
        "database": db.name,
        "url": url,
        "title": row["title"],
        "article_href": article_path(datasette, db.name, url),
        "old": old,
        "new": new,
        "fields": diff.field_changes(old, new, VERSION_FIELDS),
        "body": diff.text_diff(old["body_text"] or "", new["body_text"] or ""),
        "images": diff.text_diff(_lines(old["images"]), _lines(new["images"])),
        "attachments": diff.text_diff(_lines(old["attachments"]), _lines(new["attachments"])),
    }
    return await views.page(datasette, request, "ggcrawl_diff.html", context)


async def snapshot_view(datasette, request) -> Response:
    db = await views.archive(datasette, request, "snapshots")
    snapshot_id = _id(request)
    row = (
        await db.execute(
            "SELECT id, url, crawl_id, fetched_at, last_crawl_id, last_fetched_at, status, "
            "headers, encoding, sha256, size, warc_filename, warc_record_id, warc_offset, "
            "warc_length, warc_payload_digest, warc_date FROM snapshots WHERE id = ?",
            [snapshot_id],
        )
    ).first()
    if row is None:
        raise NotFound(f"No snapshot {snapshot_id}")
    extracted = await views.rows(
        db,
        "SELECT article_url, version FROM article_versions WHERE snapshot_id = ? "
        "ORDER BY article_url, version",
        [snapshot_id],
    )
    context = {
        "database": db.name,
        "snapshot": dict(row),
        "banner": await _banner(datasette, db, row, raw=False),
        "headers": _header_lines(row["headers"]),
        "raw_href": snapshot_path(datasette, db.name, snapshot_id, raw=True),
        "versions": [
            dict(v) | {"href": article_path(datasette, db.name, v["article_url"])}
            for v in extracted
        ],
    }
    return await views.page(datasette, request, "ggcrawl_snapshot.html", context)


async def raw_view(datasette, request) -> Response:
    db = await views.archive(datasette, request, "snapshots")
    snapshot_id = _id(request)
    row = (
        await db.execute(
            "SELECT id, url, fetched_at, last_fetched_at, status, headers, encoding, "
            "sqlar_uncompress(body, size) AS body FROM snapshots WHERE id = ?",
            [snapshot_id],
        )
    ).first()
    if row is None:
        raise NotFound(f"No snapshot {snapshot_id}")
    content_type = _header(row["headers"], "content-type")
    text = decode(row["body"], row["encoding"], content_type)
    headers = COMMON_HEADERS | {"Content-Security-Policy": RAW_CSP}
    if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return Response.text(text, headers=headers)
    found = sanitize.page_references(text, row["url"])
    links = {}
    for target, kind, path in await _link_kinds(datasette, db, found.links):
        if kind != "asset":  # replay goes on among the captures of the same time
            path = snapshot_of_path(datasette, db.name, target, row["fetched_at"], raw=True)
        links[target] = path
    images = await _image_targets(datasette, db, found.images)
    stylesheets = await _stylesheet_targets(datasette, db, found.stylesheets)
    targets = sanitize.Targets(row["url"], images, links, stylesheets)
    banner = await datasette.render_template(
        "ggcrawl_banner.html", {"banner": await _banner(datasette, db, row, raw=True)}
    )
    return Response.html(sanitize.clean_page(text, targets, banner), headers=headers)


async def snapshot_of_view(datasette, request) -> Response:
    db = await views.archive(datasette, request, "snapshots")
    url = views.param(request, "url")
    at = request.args.get("at")
    if at is not None and len(at) > 64:
        raise BadRequest("Bad at parameter")
    row = (
        await db.execute(
            # a successful response before a redirect or an error, the URL before where it
            # redirected; then the latest capture at or before `at` (or the latest of all),
            # else the first one after it
            "SELECT s.id FROM json_each(:urls) c JOIN snapshots s ON s.url = c.value "
            "ORDER BY s.status >= 300, c.key, "
            "CASE WHEN :at IS NULL OR s.fetched_at <= :at THEN 0 ELSE 1 END, "
            "CASE WHEN :at IS NOT NULL AND s.fetched_at > :at THEN s.fetched_at END, "
            "s.fetched_at DESC, s.id DESC LIMIT 1",
            {"urls": json.dumps(await _candidates(db, url)), "at": at},
        )
    ).first()
    if row is not None:
        raw = request.args.get("raw") == "1"
        target = snapshot_path(datasette, db.name, row["id"], raw=raw)
        return Response.redirect(target, headers=dict(COMMON_HEADERS))
    return await _not_captured(datasette, request, db, url)


async def captures_view(datasette, request) -> Response:
    """Every capture of a URL, whichever of its forms was pasted (see ggcrawl.browse.lookup);
    without one, the look-up form alone."""
    db = await views.archive(datasette, request, "snapshots")
    text = request.args.get("url", "").strip()
    if len(text) > MAX_PARAM:
        raise BadRequest("The url parameter is too long")
    context: dict[str, Any] = {"database": db.name, "asked": text, "captures": []}
    if not text:
        return await views.page(datasette, request, "ggcrawl_captures.html", context)
    found = (
        await db.execute(
            "SELECT c.value AS url FROM json_each(?) c "
            "WHERE EXISTS (SELECT 1 FROM snapshots WHERE url = c.value) ORDER BY c.key LIMIT 1",
            [json.dumps(await _candidates(db, text))],
        )
    ).first()
    if found is None:
        return await _not_captured(datasette, request, db, text)
    url = found["url"]
    redirect = (await db.execute("SELECT to_url FROM redirects WHERE from_url = ?", [url])).first()
    context |= {
        "url": url,
        "captures": [
            c
            | {
                "href": snapshot_path(datasette, db.name, c["id"]),
                "raw_href": snapshot_path(datasette, db.name, c["id"], raw=True),
                "crawl_href": datasette.urls.row(db.name, "crawls", str(c["crawl_id"])),
            }
            for c in await _captures(db, url)
        ],
        "article": await _reader(datasette, db, url),
        "redirect": {
            "url": redirect["to_url"],
            "href": captures_path(datasette, db.name, redirect["to_url"]),
        }
        if redirect
        else None,
    }
    return await views.page(datasette, request, "ggcrawl_captures.html", context)


async def stylesheet_view(datasette, request) -> Response:
    """An archived stylesheet as a replay loads it: its url() and @import references made
    archive paths (images and other stylesheets the archive holds) or dropped."""
    db = await views.archive(datasette, request, "asset_blobs")
    url = views.param(request, "url")
    row = (
        await db.execute(
            "SELECT a.url, a.content_type, b.body FROM assets a "
            "JOIN asset_blobs b ON b.sha256 = a.sha256 WHERE a.url = ? AND " + STYLESHEET_ASSET,
            [url],
        )
    ).first()
    if row is None:
        raise NotFound(f"No stylesheet archived at {url}")
    text = _css_text(row["body"], row["content_type"] or "")
    found = sanitize.stylesheet_references(text, url)
    targets = sanitize.Targets(
        url,
        await _image_targets(datasette, db, found.images),
        {},
        await _stylesheet_targets(datasette, db, found.stylesheets),
    )
    headers = COMMON_HEADERS | {"Content-Security-Policy": ASSET_CSP}
    return Response(
        sanitize.clean_stylesheet(text, targets), headers=headers, content_type=STYLESHEET_TYPE
    )


async def asset_view(datasette, request) -> Response:
    db = await views.archive(datasette, request, "asset_blobs")
    sha256 = request.url_vars["sha256"].lower()
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise BadRequest("An asset is named by its SHA-256 (64 hex digits)")
    row = (
        await db.execute(
            "SELECT b.body, a.url, a.content_type FROM asset_blobs b "
            "LEFT JOIN assets a ON a.sha256 = b.sha256 WHERE b.sha256 = ? "
            "ORDER BY a.content_type IS NULL LIMIT 1",
            [sha256],
        )
    ).first()
    if row is None:
        raise NotFound(f"No asset {sha256}")
    content_type = (row["content_type"] or "").split(";")[0].strip().lower()
    if not MIME_TYPE.match(content_type):
        content_type = "application/octet-stream"
    headers = COMMON_HEADERS | {
        "Content-Security-Policy": ASSET_CSP,
        "Cache-Control": "public, max-age=31536000, immutable",
    }
    if content_type not in INLINE_TYPES:
        name = await _attachment_name(db, row["url"]) or sha256
        headers["Content-Disposition"] = _disposition(name, row["url"])
    return Response(row["body"], headers=headers, content_type=content_type)


async def _attachment_name(db: Database, url: str | None) -> str | None:
    """The name an article gave the attachment at ``url`` (its link text, 关于….doc), with the
    address's extension where the text has none; else the address's file name (119-1.doc)."""
    if not url:
        return None
    filename = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    extension = filename.rpartition(".")[2] if "." in filename else ""
    linking = await db.execute(
        "SELECT a.attachments FROM article_assets l JOIN articles a ON a.url = l.article_url "
        "WHERE l.asset_url = ? LIMIT 5",
        [url],
    )
    for (attachments,) in linking.rows:
        for attachment in json.loads(attachments or "[]"):
            name = " ".join(str(attachment.get("name") or "").split()).strip(" /\\")
            if attachment.get("url") == url and name:
                if extension and not name.lower().endswith("." + extension.lower()):
                    name = f"{name}.{extension}"
                return name.replace("/", "_")
    return filename or None


def _disposition(name: str, url: str | None) -> str:
    """An attachment's Content-Disposition: the name the article gives it in UTF-8 (RFC 5987)
    for browsers, the address's file name in ASCII (119-1.doc) for clients that know only
    ``filename``."""
    address = unquote(urlsplit(url or "").path.rsplit("/", 1)[-1])
    stem, _dot, extension = address.rpartition(".") if "." in address else (address, "", "")
    extension = re.sub(r"[^A-Za-z0-9]+", "", extension)
    fallback = (re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("_") or "attachment") + (
        f".{extension}" if extension else ""
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def decode(body: bytes, encoding: str | None, content_type: str = "") -> str:
    """A snapshot's text, decoded with the charset the crawl recorded (or detected when none
    was recorded or Python does not know it)."""
    codec = codec_name(encoding)
    if codec is None:
        return decode_html(body, content_type or None)[0]
    return body.decode(codec, errors="replace")


async def _article(db: Database, url: str):
    """The article row for ``url`` as given or in its archived (normalised) form."""
    try:
        normalized = normalize_url(url)
    except ValueError:
        normalized = url
    sql = "SELECT * FROM articles WHERE url IN (?, ?)"
    row = (await db.execute(sql, [url, normalized])).first()
    if row is None:
        raise NotFound(f"No article archived at {url}")
    return row


async def _candidates(db: Database, text: str) -> list[str]:
    """The archived URLs an address may name (ggcrawl.browse.lookup), then where the site
    redirected them."""
    sites = await views.rows(
        db, "SELECT start_url AS site FROM crawls UNION SELECT site FROM crawls WHERE site > ''", []
    )
    stored = (
        await db.execute("SELECT site FROM crawls WHERE site > '' ORDER BY id LIMIT 1")
    ).first()
    urls = lookup.candidates(text, [r["site"] for r in sites], stored["site"] if stored else None)
    redirects = await views.rows(
        db,
        "SELECT r.to_url FROM json_each(?) c JOIN redirects r ON r.from_url = c.value "
        "ORDER BY c.key",
        [json.dumps(urls)],
    )
    return list(dict.fromkeys(urls + [r["to_url"] for r in redirects]))


async def _captures(db: Database, url: str) -> list[dict]:
    return [
        dict(r)
        for r in await views.rows(
            db,
            "SELECT id, crawl_id, fetched_at, last_crawl_id, last_fetched_at, status, size "
            "FROM snapshots WHERE url = ? ORDER BY fetched_at, id",
            [url],
        )
    ]


async def _banner(datasette, db: Database, snapshot, *, raw: bool) -> dict:
    """What the capture banner says of ``snapshot``: when, of what address, its place among
    the captures of that address (the neighbours linked to their replays when ``raw``, else to
    their snapshot pages), the reader page of an article, the look-up page."""
    url = snapshot["url"]
    captures = await _captures(db, url)
    for capture in captures:
        capture["href"] = snapshot_path(datasette, db.name, capture["id"], raw=raw)
    place = next(i for i, c in enumerate(captures) if c["id"] == snapshot["id"])
    return {
        "raw": raw,
        "snapshot": {
            k: snapshot[k] for k in ("id", "url", "fetched_at", "last_fetched_at", "status")
        },
        "captures": captures,
        "place": place + 1,
        "previous": captures[place - 1] if place > 0 else None,
        "next": captures[place + 1] if place + 1 < len(captures) else None,
        "article": await _reader(datasette, db, url),
        "captures_href": captures_path(datasette, db.name, url),
        "lookup_href": f"{datasette.urls.database(db.name)}/-/captures",
        "snapshot_href": snapshot_path(datasette, db.name, snapshot["id"]),
    }


async def _reader(datasette, db: Database, url: str) -> dict | None:
    """The title and reader page of the article at ``url``, None if it is no article."""
    row = (await db.execute("SELECT title FROM articles WHERE url = ?", [url])).first()
    return {"title": row["title"], "href": article_path(datasette, db.name, url)} if row else None


async def _not_captured(datasette, request, db: Database, url: str) -> Response:
    """The 404 of an address the archive holds no capture of, with a look-up and a search."""
    context = {"database": db.name, "asked": url, "captures": [], "missing": True}
    response = await views.page(datasette, request, "ggcrawl_captures.html", context)
    response.status = 404
    return response


async def _clean_body(datasette, db: Database, body_html: str, url: str) -> str:
    """An article body sanitized again, its images and links pointing into the archive."""
    found = sanitize.fragment_references(body_html, url)
    links = {}
    for target, kind, path in await _link_kinds(datasette, db, found.links):
        if kind == "article":
            path = article_path(datasette, db.name, target)
        elif kind == "page":
            path = snapshot_of_path(datasette, db.name, target)
        links[target] = path
    images = await _image_targets(datasette, db, found.images)
    return sanitize.clean_fragment(body_html, sanitize.Targets(url, images, links))


async def _image_targets(datasette, db: Database, urls: Iterable[str]) -> dict[str, str]:
    rows = await views.rows(
        db,
        "SELECT a.url, a.sha256 FROM assets a JOIN asset_blobs b ON b.sha256 = a.sha256 "
        "WHERE a.url IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(urls))],
    )
    return {r["url"]: asset_path(datasette, db.name, r["sha256"]) for r in rows}


async def _stylesheet_targets(datasette, db: Database, urls: Iterable[str]) -> dict[str, str]:
    """The stylesheets among ``urls`` the archive holds, by URL: their replay paths."""
    rows = await views.rows(
        db,
        "SELECT a.url FROM assets a JOIN asset_blobs b ON b.sha256 = a.sha256 "
        "WHERE a.url IN (SELECT value FROM json_each(?)) AND " + STYLESHEET_ASSET,
        [json.dumps(sorted(urls))],
    )
    return {r["url"]: stylesheet_path(datasette, db.name, r["url"]) for r in rows}


def _css_text(body: bytes, content_type: str) -> str:
    """A stylesheet's text: in the charset its response or its @charset rule names, else UTF-8,
    else GB18030 (the site's Chinese font names are often in GBK)."""
    match = re.search(r"charset=([A-Za-z0-9_-]{1,40})", content_type)
    declared = match.group(1) if match else None
    if declared is None and (rule := CSS_CHARSET.match(body)):
        declared = rule.group(1).decode("ascii")
    for codec in filter(None, (codec_name(declared), "utf-8")):
        try:
            return body.decode(codec)
        except UnicodeDecodeError:
            continue
    return body.decode("gb18030", errors="replace")


async def _link_kinds(datasette, db: Database, urls: Iterable[str]) -> list[tuple[str, str, str]]:
    """(url, kind, asset path) for each archived link target: kind is article, asset (its
    path given) or page (a snapshot of it or of where it redirected); others are left out."""
    rows = await views.rows(
        db,
        "SELECT value AS url, "
        "EXISTS (SELECT 1 FROM articles WHERE url = value) AS article, "
        "(SELECT a.sha256 FROM assets a JOIN asset_blobs b ON b.sha256 = a.sha256 "
        " WHERE a.url = value) AS sha256, "
        "EXISTS (SELECT 1 FROM snapshots WHERE url = value) "
        " OR EXISTS (SELECT 1 FROM redirects r JOIN snapshots s ON s.url = r.to_url "
        "  WHERE r.from_url = value) AS page "
        "FROM json_each(?)",
        [json.dumps(sorted(urls))],
    )
    kinds = []
    for r in rows:
        if r["article"]:
            kinds.append((r["url"], "article", ""))
        elif r["sha256"]:
            kinds.append((r["url"], "asset", asset_path(datasette, db.name, r["sha256"])))
        elif r["page"]:
            kinds.append((r["url"], "page", ""))
    return kinds


async def _attachments(datasette, db: Database, attachments: str | None) -> list[dict]:
    """The article's attachments, each downloadable from the archive or saying why not."""
    listed = [a for a in _json_list(attachments) if isinstance(a, dict) and a.get("url")]
    rows = await views.rows(
        db,
        "SELECT a.url, a.offsite, a.skipped, a.status, b.sha256 FROM assets a "
        "LEFT JOIN asset_blobs b ON b.sha256 = a.sha256 "
        "WHERE a.url IN (SELECT value FROM json_each(?))",
        [json.dumps([str(a["url"]) for a in listed])],
    )
    known = {r["url"]: r for r in rows}
    result = []
    for item in listed:
        url = str(item["url"])
        asset = known.get(url)
        note = None
        if asset is None:
            note = "not archived"
        elif asset["sha256"] is None:
            note = (
                "on another site, not fetched"
                if asset["offsite"]
                else f"not fetched: {asset['skipped']}"
                if asset["skipped"]
                else f"not archived (HTTP {asset['status']})"
            )
        result.append(
            {
                "name": str(item.get("name") or url),
                "url": url,
                "href": asset_path(datasette, db.name, asset["sha256"]) if note is None else None,
                "note": note,
            }
        )
    return result


def _id(request) -> int:
    value = request.url_vars["id"]
    if not re.fullmatch(r"[0-9]{1,18}", value):
        raise BadRequest("A snapshot id is a number")
    return int(value)


def _json_list(text: str | None) -> list:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def _lines(text: str | None) -> str:
    """A JSON list of image URLs or attachments as lines, to diff like text."""
    return "\n".join(
        f"{item.get('name', '')} {item.get('url', '')}" if isinstance(item, dict) else str(item)
        for item in _json_list(text)
    )


def _headers(text: str | None) -> dict:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _header_lines(text: str | None) -> list[tuple[str, str]]:
    return [
        (str(name), str(value))
        for name, values in _headers(text).items()
        for value in (values if isinstance(values, list) else [values])
    ]


def _header(text: str | None, name: str) -> str:
    return next((value for key, value in _header_lines(text) if key.lower() == name.lower()), "")
