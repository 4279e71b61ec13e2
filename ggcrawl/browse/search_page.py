"""The browse view's search page, and its results as CSV and JSON for researchers.

``/<db>/-/search?q=关工&section=关工要闻&year=2019&page=2`` a page of 20 hits: title linked to
the reader, time, column, source and the passage of the body where the words occur, marked; the
total; the order explained in words. ``/<db>/-/search.csv`` and ``.json`` give every hit of the
same query and filters, in the same order (CSV with a BOM, so Excel reads it as UTF-8, and
headers in Chinese and English). The hits are :func:`ggcrawl.store.search.search`'s, as
``ggcrawl search`` finds them.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from datasette.database import Database
from datasette.utils.asgi import AsgiStream, BadRequest

from ggcrawl.browse import views
from ggcrawl.browse.pages import article_path, column_path
from ggcrawl.browse.views import COMMON_HEADERS
from ggcrawl.store import fts
from ggcrawl.store.search import (
    SearchFilter,
    SearchHit,
    SearchPlan,
    SearchResults,
    filter_choices,
    plan,
    search,
)

PAGE_SIZE = 20
# Hits read at a time while an export streams.
EXPORT_BATCH = 500
# Characters of body shown around the first searched word, and before it.
SNIPPET_WIDTH = 110
SNIPPET_LEAD = 30
MAX_QUERY = 200
# Page numbers shown either side of the current one.
PAGER_SPAN = 3

EXPORT_COLUMNS = (
    ("position", "序号"),
    ("title", "标题"),
    ("published_at", "发布时间"),
    ("section", "栏目"),
    ("source", "来源"),
    ("url", "原网址"),
    ("archive_url", "存档网址"),
    ("snippet", "摘录"),
)

ORDER_NOTES = {
    "ranked": (
        "按相关度排序：搜索词在标题和正文中出现得越多、越集中，越靠前；同样相关的，最近存档的在前。",
        "Best match first (bm25 over title and body); equally good ones most recently "
        "archived first.",
    ),
    "ranked window": (
        "最近存档的 {ranked:,} 篇按相关度排序，排在前面；其余 {rest:,} 篇按存档时间从新到旧。",
        "The {ranked:,} most recently archived hits come first, best match first; the other "
        "{rest:,} follow, most recently archived first.",
    ),
    "archive order": (
        "按存档时间从新到旧（这个词组出现在很多文章里，按相关度排序会太慢）。",
        "Most recently archived first: the phrase is in so many articles that ranking them "
        "all would be slow.",
    ),
}


def routes() -> list[tuple[str, Any]]:
    """The (regex, view) pairs for Datasette's register_routes hook."""
    db = r"^/(?P<database>[^/]+)/-/search"
    return [(db + r"$", search_view), (db + r"\.(?P<format>csv|json)$", export_view)]


def search_path(datasette, database: str, query: dict[str, Any], extension: str = "") -> str:
    shown = {key: value for key, value in query.items() if value not in (None, "")}
    return f"{datasette.urls.database(database)}/-/search{extension}?{urlencode(shown)}"


@dataclass(frozen=True)
class SearchRequest:
    """What was asked: the words and the filters, as given in the address."""

    query: str
    section: str | None
    year: int | None

    @classmethod
    def of(cls, request) -> SearchRequest:
        query = (request.args.get("q") or "").strip()
        if len(query) > MAX_QUERY:
            raise BadRequest(f"搜索词太长 / The query is longer than {MAX_QUERY} characters")
        year = request.args.get("year") or None
        if year is not None and not re.fullmatch(r"[0-9]{4}", year):
            raise BadRequest("年份是四位数字 / year must be four digits")
        return cls(query, request.args.get("section") or None, int(year) if year else None)

    @property
    def filter(self) -> SearchFilter:
        return SearchFilter(self.section, self.year)

    def args(self) -> dict[str, Any]:
        return {"q": self.query, "section": self.section, "year": self.year}


def marked(text: str, words: list[str]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is a searched word) pairs, for <mark>."""
    if not words or not text:
        return [(text, False)] if text else []
    pattern = _words_pattern(words)
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            pieces.append((text[position : match.start()], False))
        pieces.append((match.group(), True))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def snippet(text: str | None, words: list[str]) -> list[tuple[str, bool]]:
    """The passage of ``text`` around the first searched word (its start when no word is in
    it: the hit was in the title), marked; an ellipsis where the text goes on."""
    text = re.sub(r"\s+", " ", text or "").strip()
    match = _words_pattern(words).search(text) if words else None
    start = max(0, match.start() - SNIPPET_LEAD) if match else 0
    end = start + SNIPPET_WIDTH
    pieces = marked(text[start:end], words)
    if start > 0:
        pieces.insert(0, ("…", False))
    if end < len(text):
        pieces.append(("…", False))
    return pieces


def _words_pattern(words: list[str]) -> re.Pattern[str]:
    longest_first = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(re.escape(word) for word in longest_first), re.IGNORECASE)


async def search_view(datasette, request):
    db = await views.archive(datasette, request, "articles")
    asked = SearchRequest.of(request)
    page = max(views.number(request, "page") or 1, 1)
    results = None
    if asked.query:
        results = await db.execute_fn(
            lambda conn: search(
                conn,
                asked.query,
                limit=PAGE_SIZE,
                offset=(page - 1) * PAGE_SIZE,
                where=asked.filter,
            )
        )
    sections, years = await db.execute_fn(filter_choices)
    words = fts.query_words(asked.query)
    hits = await _shown_hits(datasette, db, results.hits if results else [], words)
    pages = math.ceil(results.total / PAGE_SIZE) if results else 0
    args = asked.args()
    context = {
        "database": db.name,
        "query": asked.query,
        "section": asked.section,
        "year": asked.year,
        "searchable": results is not None,
        "total": results.total if results else 0,
        "first": (page - 1) * PAGE_SIZE + 1,
        "hits": hits,
        "page": page,
        "pages": pages,
        "order_note": _order_note(results) if results and results.total else None,
        "pager": [
            {"number": n, "href": search_path(datasette, db.name, args | {"page": n})}
            for n in range(max(1, page - PAGER_SPAN), min(pages, page + PAGER_SPAN) + 1)
        ],
        "previous": search_path(datasette, db.name, args | {"page": page - 1})
        if page > 1 and pages
        else None,
        "next": search_path(datasette, db.name, args | {"page": page + 1})
        if page < pages
        else None,
        "csv_href": search_path(datasette, db.name, args, ".csv"),
        "json_href": search_path(datasette, db.name, args, ".json"),
        "action": f"{datasette.urls.database(db.name)}/-/search",
        "sections": sections,
        "years": years,
    }
    return await views.page(datasette, request, "ggcrawl_search.html", context)


async def export_view(datasette, request) -> AsgiStream:
    """Every hit of the query, streamed a batch at a time, whatever their number."""
    db = await views.archive(datasette, request, "articles")
    asked = SearchRequest.of(request)
    if not asked.query:
        raise BadRequest("缺少搜索词 / The q parameter is required")
    as_csv = request.url_vars["format"] == "csv"
    words = fts.query_words(asked.query)

    found = await db.execute_fn(lambda conn: plan(conn, asked.query, where=asked.filter))

    async def rows() -> AsyncIterator[dict[str, Any]]:
        for offset in range(0, found.total if found else 0, EXPORT_BATCH):
            hits = await db.execute_fn(
                lambda conn, offset=offset: found.page(conn, offset, EXPORT_BATCH)
            )
            for position, hit in enumerate(
                await _shown_hits(datasette, db, hits, words), offset + 1
            ):
                yield {
                    "position": position,
                    "title": hit["title"],
                    "published_at": hit["published_at"],
                    "section": hit["section"],
                    "source": hit["source"],
                    "url": hit["url"],
                    "archive_url": datasette.absolute_url(request, hit["href"]),
                    "snippet": "".join(piece for piece, _ in hit["snippet"]),
                }

    async def stream_csv(response) -> None:
        await response.write("\ufeff" + _csv_line(f"{zh} / {en}" for en, zh in EXPORT_COLUMNS))
        async for row in rows():
            await response.write(_csv_line(row[en] for en, _ in EXPORT_COLUMNS))

    async def stream_json(response) -> None:
        head = asked.args() | {
            "total": found.total if found else 0,
            "order": found.order if found else None,
            "order_note": " / ".join(_order_note(found)) if found else None,
        }
        await response.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "hits": [')
        separator = ""
        async for row in rows():
            await response.write(separator + json.dumps(row, ensure_ascii=False))
            separator = ", "
        await response.write("]}\n")

    name = "search." + request.url_vars["format"]
    return AsgiStream(
        stream_csv if as_csv else stream_json,
        headers=COMMON_HEADERS | {"Content-Disposition": f'inline; filename="{name}"'},
        content_type="text/csv; charset=utf-8" if as_csv else "application/json; charset=utf-8",
    )


def _csv_line(values: Iterator[Any]) -> str:
    out = io.StringIO()
    csv.writer(out).writerow(["" if value is None else value for value in values])
    return out.getvalue()


def _order_note(results: SearchResults | SearchPlan) -> tuple[str, str]:
    zh, en = ORDER_NOTES[results.order]
    counts = {"ranked": results.ranked, "rest": results.total - results.ranked}
    return zh.format(**counts), en.format(**counts)


async def _shown_hits(
    datasette, db: Database, hits: list[SearchHit], words: list[str]
) -> list[dict[str, Any]]:
    """The hits with their links, marked title and snippet of the body."""
    bodies = {
        row["url"]: row["body_text"]
        for row in await views.rows(
            db,
            "SELECT url, body_text FROM articles WHERE url IN (SELECT value FROM json_each(?))",
            [json.dumps([hit.url for hit in hits])],
        )
    }
    return [
        {
            "url": hit.url,
            "title": hit.title,
            "title_marked": marked(hit.title or hit.url, words),
            "published_at": hit.published_at,
            "section": hit.section,
            "section_href": column_path(datasette, db.name, hit.section) if hit.section else None,
            "source": hit.source,
            "href": article_path(datasette, db.name, hit.url),
            "snippet": snippet(bodies.get(hit.url), words),
        }
        for hit in hits
    ]
