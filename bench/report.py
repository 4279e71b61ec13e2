"""The figures against their targets, and the Markdown that README's Benchmark section shows.

The targets are the project's, written down once here so that each run says plainly which are
met and which are missed.
"""

from __future__ import annotations

from typing import Any

from ggcrawl.store.fts import RANK_WINDOW

README_START = "<!-- bench:results:start (python -m bench --update-readme writes this part) -->"
README_END = "<!-- bench:results:end -->"
BROWSE_START = (
    "<!-- bench:browse:start (python -m bench --only browse --update-readme writes this part) -->"
)
BROWSE_END = "<!-- bench:browse:end -->"
REQUEST_SLACK = 1.05
RECRAWL_SECONDS = 5.0
SPEED_SHARE = 0.70
EXTRACTION_RATE = 500
RSS_LIMIT_MB = 300
RSS_FLAT = 1.25  # "flat": 4 times the articles may cost at most 25% more peak memory
SIZE_RATIO = 2.0
FTS_P95_MS = 50.0
BROWSE_P95_MS = 200.0
BUSY = 0.3  # cores of other programs' load above which a figure is flagged


def _n(value: float) -> str:
    return f"{value:,.0f}"


def _kb(value: float) -> str:
    return f"{value / 1024:,.1f} KB"


def evaluate(results: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per target: what was measured, the target, and whether it is met."""
    crawl = results["crawl"]
    full, unchanged, added = crawl["full"], crawl["unchanged"], crawl["added"]
    replica, mutation = crawl["replica"], crawl["mutation"]
    plan = results["meta"]["plan"]
    minimum = replica["minimum_requests"]
    ceiling = results["scrapy_bench"]["pages_per_s"]
    small = results["small"]
    size = crawl["size"]
    rows: list[dict[str, Any]] = []

    def row(measure: str, figure: str, target: str, met: bool | str, foreign: float = 0.0) -> None:
        rows.append(
            {
                "measure": measure,
                "figure": figure,
                "target": target,
                "met": met,
                "foreign_cores": round(foreign, 2),
            }
        )

    row(
        f"Requests, first crawl of {plan['articles']:,} articles",
        f"{_n(full['requests'])} = {full['requests'] / minimum:.3f} × minimum {_n(minimum)}",
        f"≤ {REQUEST_SLACK} × minimum",
        full["requests"] <= REQUEST_SLACK * minimum,
    )
    row(
        "Crawl speed",
        f"{full['pages_per_s']} pages/s = {full['pages_per_s'] / ceiling:.0%} of scrapy bench "
        f"({ceiling} pages/s)",
        f"≥ {SPEED_SHARE:.0%} of scrapy bench",
        full["pages_per_s"] >= SPEED_SHARE * ceiling,
        max(full["process"]["foreign_cores"], results["scrapy_bench"]["process"]["foreign_cores"]),
    )
    peak, peak_small = full["process"]["max_rss_mb"], small["process"]["max_rss_mb"]
    row(
        f"Peak RSS at {plan['articles']:,} / {plan['small_articles']:,} articles",
        f"{peak:.0f} MB / {peak_small:.0f} MB (× {peak / peak_small:.2f})",
        f"< {RSS_LIMIT_MB} MB, flat (≤ × {RSS_FLAT})",
        peak < RSS_LIMIT_MB and peak <= RSS_FLAT * peak_small,
    )
    row(
        "Archive per article: snapshots + text + FTS",
        f"{_kb(size['kept_per_article'])} vs {_kb(size['raw_html_per_article'])} raw HTML "
        f"(× {size['ratio']})",
        f"≤ {SIZE_RATIO:g} × raw HTML",
        size["ratio"] <= SIZE_RATIO,
    )
    allowed = 2 + replica["sections"]
    seconds = unchanged["process"]["wall_s"]
    row(
        "Re-crawl, site unchanged",
        f"{unchanged['requests']} requests, {seconds:.1f} s",
        f"≤ 2 + {replica['sections']} sections = {allowed} requests, < {RECRAWL_SECONDS:g} s",
        unchanged["requests"] <= allowed and seconds < RECRAWL_SECONDS,
        unchanged["process"]["foreign_cores"],
    )
    more = added["requests"] - unchanged["requests"]
    assets = mutation["new_same_site_assets"]
    pages = mutation["deeper_listing_pages"]
    found = added["crawl"]["articles_new"] == mutation["added"]
    row(
        f"Re-crawl after +{mutation['added']} articles ({mutation['chain_only']} chain-only)",
        f"+{more} requests = +{more - assets} pages + {assets} images and attachments of the new "
        f"articles (least possible: +{mutation['minimum_extra_requests']}; a walk of listings "
        f"alone would also read {pages} deeper listing page{'s' if pages != 1 else ''} of new "
        f"articles only), {added['process']['wall_s']:.1f} s, "
        f"{added['crawl']['articles_new']} new articles archived",
        f"≤ +{plan['add']} requests for the pages; their new images and attachments, which "
        "the minimum counts, once each",
        found and more - assets <= plan["add"] and more <= mutation["minimum_extra_requests"],
    )
    rates = {d: v["pages_per_s"] for d, v in results["extraction"].items() if d != "profile"}
    row(
        "Extraction alone, one core",
        ", ".join(f"{d} {r:,.0f}" for d, r in rates.items()) + " pages/s",
        f"≥ {EXTRACTION_RATE} pages/s",
        min(rates.values()) >= EXTRACTION_RATE,
        max(v["foreign_cores"] for d, v in results["extraction"].items() if d != "profile"),
    )
    queries = results["queries"]["results"]
    row(
        f"Full-text search p95 at {results['queries']['archive']['articles']:,} articles, "
        "every query (two-character words, a phrase, a rare word, a term ending in one character)",
        ", ".join(f"{q['query']} {q['search']['p95_ms']:.1f} ms" for q in queries),
        f"< {FTS_P95_MS:g} ms",
        all(q["search"]["p95_ms"] < FTS_P95_MS for q in queries),
        max(q["foreign_cores"] for q in queries),
    )
    rows.append(browse_target(results))
    return rows


def browse_target(results: dict[str, Any]) -> dict[str, Any]:
    """The browse view's row: every page answered, each within BROWSE_P95_MS at p95."""
    pages = results["browse"]["pages"]
    failed = [p["page"] for p in pages if "failed" in p]
    slowest = max((p for p in pages if "failed" not in p), key=lambda p: p["p95_ms"])
    over = [p["page"] for p in pages if "failed" not in p and p["p95_ms"] > BROWSE_P95_MS]
    figure = f"slowest: {slowest['page']} {slowest['p95_ms']:.0f} ms"
    if over:
        figure += f"; over the target: {', '.join(over)}"
    if failed:
        figure += f"; not answering 200: {', '.join(failed)}"
    return {
        "measure": f"Browse view p95 at {results['queries']['archive']['articles']:,} articles, "
        f"{len(pages)} pages on a kept-alive connection",
        "figure": figure,
        "target": f"≤ {BROWSE_P95_MS:g} ms, every page",
        "met": not failed and not over,
        "foreign_cores": max(p["foreign_cores"] for p in pages),
    }


def render_browse(results: dict[str, Any]) -> str:
    """The browse view's table: every page's p50 and p95, or why it has none."""
    meta = results["meta"]
    browse = results["browse"]
    lines = [
        f"Browse view measured {meta['date'][:10]} on {meta['cores']} cores ({meta['cpu']}), "
        f"SQLite {meta['sqlite']}, ggcrawl {meta['ggcrawl']} at {meta['commit']}: `ggcrawl "
        f"browse` on the archive of {results['queries']['archive']['articles']:,} articles, "
        f"each page requested up to {browse['runs']} times (after 2 untimed requests) over one "
        "kept-alive HTTP/1.1 connection, milliseconds. *First* is the first of the untimed "
        "requests: counts and facet counts are kept while the archive is unchanged, so a new "
        "search or filter pays for them once.",
        "",
        "| Page | Address | First | p50 | p95 | ≤ 200 ms | Other load |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for page in browse["pages"]:
        address = page["path"].replace("|", "%7C")
        if "failed" in page:
            cells = f"— | — | — | **no** ({page['failed']})"
        else:
            met = "yes" if page["p95_ms"] <= BROWSE_P95_MS else "**no**"
            first = f"{page['first_ms']:.0f}" if "first_ms" in page else "—"
            cells = f"{first} | {page['p50_ms']:.1f} | {page['p95_ms']:.1f} | {met}"
        lines.append(f"| {page['page']} | `{address}` | {cells} | {page['foreign_cores']:.2f} |")
    return "\n".join(lines) + "\n"


def render_markdown(results: dict[str, Any]) -> str:
    """The tables: targets, crawlers side by side, size, extraction, queries."""
    meta = results["meta"]
    plan = meta["plan"]
    crawl = results["crawl"]
    full, replica = crawl["full"], crawl["replica"]
    lines = [
        f"Measured {meta['date'][:10]} ({'quick run' if plan['quick'] else 'full run'}, "
        f"{results['seconds'] / 60:.1f} min) on {meta['cores']} cores ({meta['cpu']}, "
        f"{meta['memory_gb']} GB), {meta['os']}; Python {meta['python']}, "
        f"Scrapy {meta['scrapy']}, SQLite {meta['sqlite']}, wget {meta['wget']}; "
        f"ggcrawl {meta['ggcrawl']} at {meta['commit']}. Replica: {plan['dialect']} dialect, "
        f"{plan['articles']:,} articles (seed {plan['seed']}), {replica['page_size']} per "
        f"listing page, {replica['listing_page_cap']} pages per column.",
        "",
        "| Measure | Figure | Target | Met |",
        "| --- | --- | --- | --- |",
    ]
    flagged = False
    for row in results["targets"]:
        met = row["met"] if isinstance(row["met"], str) else "yes" if row["met"] else "**no**"
        figure = row["figure"]
        if row["foreign_cores"] >= BUSY:
            figure += f" (†{row['foreign_cores']:.1f})"
            flagged = True
        lines.append(f"| {row['measure']} | {figure} | {row['target']} | {met} |")
    waited = sum(step["waited_s"] for step in results["quiet"].values())
    lines += [
        "",
        (
            "† measured while other programs kept that many cores busy (figures so marked are "
            "pessimistic). "
            if flagged
            else ""
        )
        + f"Other programs' load is measured during every step (machine-wide busy time from "
        f"/proc/stat minus the benchmark's own processes); the run waited {waited:.0f} s in "
        "all for a quiet machine before its steps.",
    ]

    lines += [
        "",
        f"Minimum = robots.txt + {replica['pages']:,} pages (home, "
        f"{replica['page_kinds'].get('listing', 0)} listing pages, the single page and the "
        f"guestbook) + {replica['articles']:,} articles + {replica['same_site_assets']:,} "
        f"same-site images and attachments + {replica['same_site_requisites']} page requisites "
        f"(stylesheets and template images); {replica['listed_non_articles']} more listing "
        "links are not articles "
        "(404, 301, 302 off the site) and cost a request to find out.",
        "",
        "| Crawler | Requests to the site | × minimum | Time | Pages/s | CPU s per 1,000 | "
        "Peak RSS | Replica server CPU | Other load |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    small = results["small"]
    wget = results["wget"]
    bench = results["scrapy_bench"]
    for name, run, truth in (
        (f"ggcrawl, {plan['articles']:,} articles", full, replica),
        (f"ggcrawl, {plan['small_articles']:,} articles", small, small["replica"]),
        (f"wget --mirror, {plan['articles']:,} articles", wget, wget["replica"]),
    ):
        lines.append(
            f"| {name} | {_n(run['requests'])} | "
            f"{run['requests'] / truth['minimum_requests']:.2f} | "
            f"{run['process']['wall_s']:,.0f} s | {run['pages_per_s']} | "
            f"{run['cpu_s_per_1000']} | {run['process']['max_rss_mb']:.0f} MB | "
            f"{run['server_cpu_share']:.0%} of a core | {run['process']['foreign_cores']:.2f} |"
        )
    lines.append(
        f"| scrapy bench (its own site) | — | — | {bench['seconds']} s | {bench['pages_per_s']} "
        f"({bench['pages_per_s_overall']} overall) | — | — | — | "
        f"{bench['process']['foreign_cores']:.2f} |"
    )
    extras = wget["traffic"]["other_patterns"][:4]
    if extras:
        lines += [
            "",
            "wget's requests beyond the minimum, most common: "
            + "; ".join(f"`{e['pattern']}` × {e['requests']:,}" for e in extras)
            + f"; off-site server: {wget['traffic']['offsite_requests']:,} requests "
            f"(ggcrawl: {full['traffic']['offsite_requests']}).",
        ]

    size = crawl["size"]
    articles = size["articles"]
    groups = size["groups"]
    lines += [
        "",
        f"Archive after the first crawl ({articles:,} articles, per article): "
        f"snapshots {_kb(groups.get('snapshots', 0) / articles)}, extracted text "
        f"{_kb(groups.get('text', 0) / articles)} (articles "
        f"{_kb(size['tables'].get('articles', 0) / articles)} + article_versions "
        f"{_kb(size['tables'].get('article_versions', 0) / articles)}), full-text index "
        f"{_kb(groups.get('fts', 0) / articles)}; raw HTML {_kb(size['raw_html_per_article'])} "
        f"({_kb(size['raw_article_html_bytes'] / articles)} of it article pages); assets "
        f"{_kb(groups.get('assets', 0) / articles)}; whole file "
        f"{_kb(size['file_bytes'] / articles)}; WARC {_kb(size['warc_bytes'] / articles)}.",
        "",
        "| Extraction (one core) | Pages | Mean page | Pages/s | Pages per CPU-s | Other load |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for dialect, figures in results["extraction"].items():
        if dialect == "profile":
            continue
        lines.append(
            f"| {dialect} | {figures['pages']:,} | {_kb(figures['mean_page_bytes'])} | "
            f"{figures['pages_per_s']} | {figures['pages_per_cpu_s']} | "
            f"{figures['foreign_cores']:.2f} |"
        )
    profile = results["extraction"]["profile"]
    lines += [
        "",
        f"Where extraction's time goes (cProfile, {profile['pages']} {profile['dialect']} "
        "pages, own time): "
        + ", ".join(f"`{f['function']}` {f['own_share']:.0%}" for f in profile["top"][:6])
        + ".",
    ]
    queries = results["queries"]
    built = queries["archive"]
    lines += [
        "",
        f"Full-text queries on {built['articles']:,} articles ({built['file_bytes'] / 2**20:,.0f} "
        f"MB file), up to {queries['runs']} runs each (at least 50, ~30 s at most), "
        "milliseconds p50 / p95:",
        "",
        "| Query | Hits | Archive.search (best 20) | Ranking every hit | SQL unranked, 20 | "
        "SQL COUNT(*) | Other load |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for q in queries["results"]:
        cells = [
            f"{q[part]['p50_ms']:.1f} / {q[part]['p95_ms']:.1f}"
            for part in ("search", "search_all", "sql_unranked", "sql_count")
        ]
        if q["order"] == "archive order":
            cells[0] += (
                f" (a phrase in more than {RANK_WINDOW:,}: most recently archived first, unranked)"
            )
        elif q["order"] == "ranked window":
            cells[0] += f" (the {RANK_WINDOW:,} most recently archived ranked)"
        lines.append(
            f"| {q['query']} ({q['kind']}) | {q['hits']:,} | "
            + " | ".join(cells)
            + f" | {q['foreign_cores']:.2f} |"
        )
    lines += ["", BROWSE_START, render_browse(results).strip(), BROWSE_END]
    return "\n".join(lines) + "\n"
