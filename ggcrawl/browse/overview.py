"""What the front page and the overview page say about an archive, read at request time (a
crawl may be adding to it while it is browsed): crawl dates and counts, articles per month and
section as a server-rendered SVG chart (no JavaScript, nothing fetched from elsewhere), and one
row per crawl."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Callable
from typing import Any

from datasette.app import Datasette
from datasette.database import Database
from datasette.utils.asgi import Request, Response
from markupsafe import Markup, escape

from ggcrawl.browse import archive_names
from ggcrawl.browse.pages import column_path
from ggcrawl.store import reports

CRAWL_ROWS = 100
NO_SECTION = "（无栏目 / none）"
MONTH = re.compile(r"^\d{4}-\d{2}$")

# Chart geometry, in pixels.
LABEL_WIDTH = 140
TOTAL_WIDTH = 56
ROW_HEIGHT = 34
BAR_MAX = 26
TOP = 6
AXIS_HEIGHT = 22
PLOT_WIDTH = 760
YEAR_LABEL_WIDTH = 36
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)


async def summaries(datasette: Datasette) -> dict[str, dict[str, Any]]:
    """For the front page, per archive: crawl dates, number of crawls, articles."""
    return {
        name: await archive_summary(datasette, datasette.get_database(name))
        for name in archive_names(datasette)
    }


async def archive_summary(datasette: Datasette, db: Database) -> dict[str, Any]:
    counts = (
        await db.execute(
            "SELECT (SELECT COUNT(*) FROM crawls) AS crawls, "
            "(SELECT MIN(started_at) FROM crawls) AS first_crawl, "
            "(SELECT COUNT(*) FROM articles) AS articles, "
            "(SELECT COUNT(*) FROM articles WHERE gone_at IS NOT NULL) AS gone, "
            "(SELECT MIN(published_at) FROM articles) AS first_published, "
            "(SELECT MAX(published_at) FROM articles) AS last_published"
        )
    ).first()
    last = (
        await db.execute(
            "SELECT id, started_at, finished_at, mode, outcome, start_url FROM crawls "
            "ORDER BY id DESC LIMIT 1"
        )
    ).first()
    sections = await db.execute(
        "SELECT section, COUNT(*) AS n FROM articles WHERE section IS NOT NULL "
        "GROUP BY section ORDER BY n DESC, section"
    )
    return {
        **dict(counts),
        "last_crawl": dict(last) if last else None,
        "sections": [
            {
                "name": row["section"],
                "n": row["n"],
                "href": column_path(datasette, db.name, row["section"]),
            }
            for row in sections
        ],
    }


async def overview_page(datasette: Datasette, request: Request) -> Response:
    """``/-/overview``: for every archive served, the chart and the crawls."""
    await datasette.ensure_permissions(request.actor, ["view-instance"])
    archives = [
        await archive_overview(datasette, datasette.get_database(name))
        for name in archive_names(datasette)
    ]
    return Response.html(
        await datasette.render_template("overview.html", {"archives": archives}, request=request)
    )


async def archive_overview(datasette: Datasette, db: Database) -> dict[str, Any]:
    rows = await db.execute(
        "SELECT substr(published_at, 1, 7) AS month, section, COUNT(*) AS n FROM articles "
        "GROUP BY 1, 2"
    )
    counts: Counter[tuple[str, str]] = Counter()
    undated = 0
    for month, section, n in rows.rows:
        if month and MONTH.match(month):
            counts[month, section or NO_SECTION] += n
        else:
            undated += n
    nav = [row[0] for row in (await db.execute("SELECT name FROM sections ORDER BY position")).rows]
    return {
        "name": db.name,
        "chart": chart_svg(
            counts,
            section_order(counts, nav),
            lambda section, month=None: month_path(datasette, db.name, section, month),
        ),
        "articles": sum(counts.values()) + undated,
        "undated": undated,
        "crawls": await db.execute_fn(crawl_rows),
    }


def section_order(counts: Counter[tuple[str, str]], nav: list[str]) -> list[str]:
    """The nav bar's order, then any other section by size (a column since removed, none)."""
    totals: Counter[str] = Counter()
    for (_, section), n in counts.items():
        totals[section] += n
    rest = sorted((s for s in totals if s not in nav), key=lambda s: (-totals[s], s))
    return [s for s in nav if s in totals] + rest


def crawl_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """The latest crawls as ``ggcrawl crawls`` counts them, with their end time."""
    rows = reports.crawls(conn, CRAWL_ROWS)
    finished = {
        row["id"]: row["finished_at"]
        for row in conn.execute(
            "SELECT id, finished_at FROM crawls ORDER BY id DESC LIMIT ?", (CRAWL_ROWS,)
        )
    }
    return [{**row, "finished_at": finished[row["id"]]} for row in rows]


def month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` (``YYYY-MM``), those without articles included."""
    year, month = int(first[:4]), int(first[5:])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_path(datasette: Datasette, database: str, section: str, month: str | None) -> str:
    """A column's page, or its titles of one month (``YYYY-MM``)."""
    if section == NO_SECTION:
        return datasette.urls.table(database, "articles") + "?section__isnull=1"
    path = column_path(datasette, database, section)
    return path + (f"&from={month}-01&to={month}-31" if month else "")


def chart_svg(
    counts: Counter[tuple[str, str]],
    sections: list[str],
    link: Callable[..., str] | None = None,
) -> Markup:
    """Articles per month, one row of bars per section on a shared scale (small multiples:
    each section stays readable, and the Chinese names sit beside their own rows). With
    ``link(section, month)``, each bar and each name leads to those articles in the archive."""
    if not counts:
        return Markup("")
    months = month_range(min(m for m, _ in counts), max(m for m, _ in counts))
    step = max(2, min(16, PLOT_WIDTH // len(months)))
    peak = max(counts.values())
    width = LABEL_WIDTH + step * len(months) + TOTAL_WIDTH
    height = TOP + ROW_HEIGHT * len(sections) + AXIS_HEIGHT
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ggcrawl-chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'font-family="sans-serif" font-size="12">',
        f"<title>每月文章数，按栏目 / Articles per month, by section (tallest bar: {peak})</title>",
    ]
    parts += _year_axis(months, step, height)
    for row, section in enumerate(sections):
        baseline = TOP + row * ROW_HEIGHT + BAR_MAX + 2
        colour = PALETTE[row % len(PALETTE)]
        name = escape(section)
        label = f'<text x="{LABEL_WIDTH - 8}" y="{baseline - 6}" text-anchor="end">{name}</text>'
        parts.append(
            (_linked(link(section), label) if link else label)
            + f'<line x1="{LABEL_WIDTH}" x2="{LABEL_WIDTH + step * len(months)}" y1="{baseline}" '
            f'y2="{baseline}" stroke="#ccc"/>'
        )
        total = 0
        for column, month in enumerate(months):
            n = counts.get((month, section), 0)
            if not n:
                continue
            total += n
            bar = max(1, round(n / peak * BAR_MAX))
            rect = (
                f'<rect x="{LABEL_WIDTH + column * step}" y="{baseline - bar}" '
                f'width="{max(1, step - 1)}" height="{bar}" fill="{colour}">'
                f"<title>{month} {name}: {n}</title></rect>"
            )
            parts.append(_linked(link(section, month), rect) if link else rect)
        parts.append(
            f'<text x="{width - TOTAL_WIDTH + 6}" y="{baseline - 6}" fill="#555">{total}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _linked(href: str, drawn: str) -> str:
    return f'<a href="{escape(href)}">{drawn}</a>'


def _year_axis(months: list[str], step: int, height: int) -> list[str]:
    """A light line where each year starts, labelled where the label has room."""
    axis = []
    labelled = -YEAR_LABEL_WIDTH
    for column, month in enumerate(months):
        if column and not month.endswith("-01"):
            continue
        x = LABEL_WIDTH + column * step
        axis.append(
            f'<line x1="{x}" x2="{x}" y1="{TOP}" y2="{height - AXIS_HEIGHT + 4}" stroke="#eee"/>'
        )
        if x - labelled >= YEAR_LABEL_WIDTH:
            axis.append(f'<text x="{x}" y="{height - 6}" fill="#555">{month[:4]}</text>')
            labelled = x
    return axis
