"""`python -m bench [--quick]`: the whole benchmark in one run, figures to bench/results/.

Steps, one at a time so that no two measurements share the machine's cores:

1. `scrapy bench`, the framework's ceiling on this machine;
2. a replica of ``--articles`` articles in its own process; `ggcrawl crawl` of it (full), an
   unchanged re-crawl, then 50 articles added (3 reachable only through a chain) and a re-crawl;
3. `wget --mirror` of the same replica, served afresh;
4. a smaller crawl (5,000 articles) for the memory comparison, and small crawls in the two
   other dialects for their saved pages;
5. extraction alone over ~2,000 saved article pages per dialect, on one core;
6. an archive of ``--query-articles`` articles, synthesised through the archive's own write
   path, and full-text query latency on it;
7. the browse view's pages on that archive, served by ``ggcrawl browse`` (``--only browse``
   runs this step alone, on an archive kept from an earlier run with ``--query-db``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import scrapy

import ggcrawl
from bench.browse import time_browse
from bench.crawlers import REPO, ggcrawl_crawl, scrapy_bench, wget_mirror
from bench.extraction import load_samples, profile_extraction, time_extraction
from bench.measure import Quiet
from bench.queries import time_queries
from bench.query_archive import build_query_archive
from bench.replica_proc import ReplicaProcess
from bench.report import (
    BROWSE_END,
    BROWSE_START,
    README_END,
    README_START,
    evaluate,
    render_browse,
    render_markdown,
)
from bench.size import archive_size

RESULTS = REPO / "bench" / "results"
DIALECTS = ("dede", "phpcms", "asp")


@dataclass(frozen=True)
class Plan:
    """Sizes of one run. Listings show 20 articles a page and 2 pages a column (older articles
    are reachable only through 上一篇/下一篇, as on the real site), because the replica can add
    50 articles with 3 chain-only ones only when a listing shows fewer than 48."""

    dialect: str = "dede"
    seed: int = 7
    articles: int = 20_000
    small_articles: int = 5_000
    dialect_articles: int = 2_000
    extraction_pages: int = 2_000
    query_articles: int = 100_000
    query_runs: int = 200
    browse_runs: int = 30
    add: int = 50
    chain_only: int = 3
    page_size: int = 20
    listing_page_cap: int = 2
    bench_seconds: int = 10  # scrapy bench's own default; its rate falls the longer it runs
    quick: bool = False


QUICK = Plan(
    articles=2_000,
    small_articles=500,
    dialect_articles=500,
    query_articles=10_000,
    quick=True,
)


def log(message: str, started: float) -> None:
    print(f"[bench {time.perf_counter() - started:6.0f} s] {message}", file=sys.stderr, flush=True)


def meta(plan: Plan) -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    wget = subprocess.run(["wget", "--version"], capture_output=True, text=True, check=False)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "scrapy": scrapy.__version__,
        "sqlite": sqlite3.sqlite_version,
        "wget": wget.stdout.split("\n", 1)[0].removeprefix("GNU Wget ").split(" ")[0],
        "ggcrawl": ggcrawl.__version__,
        "commit": commit + (" (with uncommitted changes)" if dirty else ""),
        "plan": asdict(plan),
    }


def crawl_and_recrawl(plan: Plan, work: Path, quiet: Quiet, started: float) -> dict[str, Any]:
    """The main replica: full crawl, archive size, unchanged re-crawl, +50 and re-crawl."""
    out: dict[str, Any] = {}
    db = work / "main" / "tsggw.db"
    db.parent.mkdir()
    with _replica(plan, plan.dialect, plan.articles) as server:
        out["replica"] = server.truth()
        log(f"replica of {plan.articles:,} articles at {server.base_url}; crawling it", started)
        quiet.settle("crawl")
        out["full"] = ggcrawl_crawl(server, db, work / "logs" / "crawl-full.log")
        log(f"full crawl: {out['full']['requests']:,} requests", started)
        out["size"] = archive_size(db)
        quiet.settle("unchanged re-crawl")
        out["unchanged"] = ggcrawl_crawl(server, db, work / "logs" / "crawl-unchanged.log")
        log(f"unchanged re-crawl: {out['unchanged']['requests']} requests", started)
        out["mutation"] = server.add_articles(plan.add, plan.chain_only, seed=plan.seed + 1)
        quiet.settle("re-crawl after adding")
        out["added"] = ggcrawl_crawl(server, db, work / "logs" / "crawl-added.log")
        log(f"re-crawl after +{plan.add}: {out['added']['requests']} requests", started)
    out["db"] = str(db)
    return out


def _replica(plan: Plan, dialect: str, articles: int) -> ReplicaProcess:
    return ReplicaProcess(
        dialect,
        articles,
        seed=plan.seed,
        page_size=plan.page_size,
        listing_page_cap=plan.listing_page_cap,
    )


def run(plan: Plan, work: Path) -> dict[str, Any]:
    started = time.perf_counter()
    (work / "logs").mkdir(parents=True)
    results: dict[str, Any] = {"meta": meta(plan)}
    quiet = Quiet()

    log(f"scrapy bench ({plan.bench_seconds} s)", started)
    quiet.settle("scrapy bench")
    bench_dir = work / "scrapy-bench"
    bench_dir.mkdir()
    results["scrapy_bench"] = scrapy_bench(
        plan.bench_seconds, bench_dir, work / "logs" / "scrapy-bench.log"
    )

    main = crawl_and_recrawl(plan, work, quiet, started)
    results["crawl"] = main

    log("wget --mirror of the same replica, served afresh", started)
    with _replica(plan, plan.dialect, plan.articles) as server:
        mirror = work / "wget"
        mirror.mkdir()
        server.truth()  # computed now, not while wget runs
        quiet.settle("wget")
        results["wget"] = wget_mirror(server, mirror, work / "logs" / "wget.log")
        results["wget"]["replica"] = server.truth()
    shutil.rmtree(mirror, ignore_errors=True)

    log(f"crawl of {plan.small_articles:,} articles (memory comparison)", started)
    small_db = work / "small" / "tsggw.db"
    small_db.parent.mkdir()
    with _replica(plan, plan.dialect, plan.small_articles) as server:
        server.truth()
        quiet.settle("small crawl")
        results["small"] = ggcrawl_crawl(server, small_db, work / "logs" / "crawl-small.log")
        results["small"]["replica"] = server.truth()

    dbs = {plan.dialect: Path(main["db"])}
    for dialect in (d for d in DIALECTS if d != plan.dialect):
        log(f"crawl of {plan.dialect_articles:,} articles, {dialect} dialect", started)
        db = work / dialect / "tsggw.db"
        db.parent.mkdir()
        with _replica(plan, dialect, plan.dialect_articles) as server:
            server.truth()
            quiet.settle(f"{dialect} crawl")
            crawl = ggcrawl_crawl(server, db, work / "logs" / f"crawl-{dialect}.log")
        results.setdefault("dialect_crawls", {})[dialect] = crawl
        dbs[dialect] = db

    log("extraction alone, one core", started)
    extraction: dict[str, Any] = {}
    for dialect in DIALECTS:
        samples = load_samples(dbs[dialect], plan.extraction_pages)
        quiet.settle(f"{dialect} extraction")
        extraction[dialect] = time_extraction(samples)
    samples = load_samples(dbs[plan.dialect], 300)
    extraction["profile"] = {"dialect": plan.dialect, "pages": len(samples)}
    extraction["profile"]["top"] = profile_extraction(samples)
    results["extraction"] = extraction

    query_db, built = query_archive(plan, work, None, started)
    log("timing queries", started)
    quiet.settle("queries")
    results["queries"] = {
        "archive": built,
        "runs": plan.query_runs,
        "results": time_queries(query_db, plan.query_runs),
    }
    log("timing the browse view's pages", started)
    quiet.settle("browse")
    results["browse"] = time_browse(query_db, plan.browse_runs)
    results["quiet"] = quiet.log
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["targets"] = evaluate(results)
    return results


def query_archive(
    plan: Plan, work: Path, kept: Path | None, started: float
) -> tuple[Path, dict[str, Any]]:
    """The archive of ``plan.query_articles`` articles: synthesised in ``work``, or ``kept``
    from an earlier run (``--query-db``), which takes minutes less."""
    if kept is not None:
        with sqlite3.connect(kept.resolve().as_uri() + "?mode=ro", uri=True) as conn:
            [(articles,)] = conn.execute("SELECT COUNT(*) FROM articles")
        log(f"reusing {kept} ({articles:,} articles)", started)
        return kept, {"articles": articles, "kept": str(kept), "file_bytes": kept.stat().st_size}
    log(f"synthesising an archive of {plan.query_articles:,} articles", started)
    db = work / "query" / "tsggw.db"
    db.parent.mkdir()
    built = build_query_archive(db, plan.query_articles, seed=plan.seed, dialect=plan.dialect)
    log(f"query archive written ({built['write_s']} s)", started)
    return db, built


def run_browse(plan: Plan, work: Path, kept: Path | None) -> dict[str, Any]:
    """``--only browse``: the browse view's pages alone."""
    started = time.perf_counter()
    results: dict[str, Any] = {"meta": meta(plan)}
    db, built = query_archive(plan, work, kept, started)
    results["queries"] = {"archive": built}
    quiet = Quiet()
    quiet.settle("browse")
    log("timing the browse view's pages", started)
    results["browse"] = time_browse(db, plan.browse_runs)
    results["quiet"] = quiet.log
    results["seconds"] = round(time.perf_counter() - started, 1)
    return results


def update_readme(table: str, start_marker: str, end_marker: str) -> bool:
    """Replace a generated part of README's Benchmark section (between its markers)."""
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(start_marker), text.find(end_marker)
    if start < 0 or end < start:
        return False
    new = text[: start + len(start_marker)] + "\n" + table.strip() + "\n" + text[end:]
    readme.write_text(new, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--articles", type=int, help="replica size (default 20,000; quick 2,000)")
    parser.add_argument("--query-articles", type=int, help="size of the query archive")
    parser.add_argument("--dialect", choices=DIALECTS, help="dialect of the main replica")
    parser.add_argument("--keep", action="store_true", help="keep the archives and logs")
    parser.add_argument(
        "--only", choices=("browse",), help="run one step alone (browse: the browse view's pages)"
    )
    parser.add_argument(
        "--query-db",
        type=Path,
        help="with --only browse: an archive kept by an earlier run (--keep), not a new one",
    )
    parser.add_argument(
        "--update-readme", action="store_true", help="put the table into README's Benchmark"
    )
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else Plan()
    if args.articles:
        plan = replace(plan, articles=args.articles)
    if args.query_articles:
        plan = replace(plan, query_articles=args.query_articles)
    if args.dialect:
        plan = replace(plan, dialect=args.dialect)
    if args.query_db and not args.only:
        parser.error("--query-db goes with --only browse")
    if args.query_db and not args.query_db.is_file():
        parser.error(f"no archive at {args.query_db}")
    if not args.only and shutil.which("wget") is None:
        parser.error("wget is not installed")
    work = Path(tempfile.mkdtemp(prefix="ggcrawl-bench-"))
    print(f"[bench] working in {work}", file=sys.stderr)
    try:
        results = run_browse(plan, work, args.query_db) if args.only else run(plan, work)
    except BaseException:
        print(f"[bench] failed; logs kept in {work / 'logs'}", file=sys.stderr)
        raise
    RESULTS.mkdir(parents=True, exist_ok=True)
    suffix = ("-quick" if plan.quick else "") + (f"-{args.only}" if args.only else "")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + suffix
    json_path = RESULTS / f"{stamp}.json"
    json_path.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    table = render_browse(results) if args.only else render_markdown(results)
    latest = RESULTS / f"latest{suffix}.md"
    latest.write_text(table, encoding="utf-8")
    print(table)
    print(f"[bench] {json_path.relative_to(REPO)}, {latest.relative_to(REPO)}", file=sys.stderr)
    if args.update_readme:
        markers = (BROWSE_START, BROWSE_END) if args.only else (README_START, README_END)
        done = update_readme(table, *markers)
        print(f"[bench] README {'updated' if done else 'has no markers'}", file=sys.stderr)
    if args.keep:
        print(f"[bench] archives and logs kept in {work}", file=sys.stderr)
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0
