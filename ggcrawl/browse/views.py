"""What every reading page of the browse view does alike: find the archive the address names
(and check the reader may see it), read its arguments, query it, and answer with the strict
headers the reading pages are served with (no script at all, nothing from elsewhere)."""

from __future__ import annotations

import re

from datasette import Response
from datasette.database import Database
from datasette.utils import tilde_decode
from datasette.utils.asgi import BadRequest, NotFound
from datasette.version import __version__

# The tables that make a database a ggcrawl archive, for the reading pages.
ARCHIVE_TABLES = frozenset(
    {"articles", "article_versions", "snapshots", "assets", "asset_blobs", "redirects"}
)
# The reading pages: no script at all (they use none), images and frames from the archive only.
PAGE_CSP = (
    "default-src 'none'; img-src 'self'; style-src 'self' 'unsafe-inline'; frame-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'self'"
)
COMMON_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
MAX_PARAM = 4096


async def archive(datasette, request, table: str) -> Database:
    """The archive database the URL names, once the actor may read ``table`` in it."""
    try:
        db = datasette.get_database(route=tilde_decode(request.url_vars["database"]))
    except KeyError:
        raise NotFound("No such database") from None
    if not set(await db.table_names()) >= ARCHIVE_TABLES:
        raise NotFound(f"Database {db.name} is not a ggcrawl archive")
    await datasette.ensure_permissions(
        request.actor,
        [("view-table", (db.name, table)), ("view-database", db.name), "view-instance"],
    )
    return db


async def page(datasette, request, template: str, context: dict) -> Response:
    """A reading page rendered from one of archive/templates' ggcrawl_*.html."""
    context = context | {"datasette_version": __version__}
    body = await datasette.render_template(template, context, request=request)
    return Response.html(body, headers=COMMON_HEADERS | {"Content-Security-Policy": PAGE_CSP})


async def rows(db: Database, sql: str, params) -> list:
    return list(await db.execute(sql, params))


def param(request, name: str) -> str:
    """A required argument, refused when missing or longer than any address needs."""
    value = request.args.get(name)
    if not value or len(value) > MAX_PARAM:
        raise BadRequest(f"The {name} parameter is required")
    return value


def number(request, name: str) -> int | None:
    value = request.args.get(name)
    if value is None:
        return None
    if not re.fullmatch(r"[0-9]{1,9}", value):
        raise BadRequest(f"{name} must be a whole number")
    return int(value)
