"""The three crawlers of the benchmark, each a separate process: ggcrawl, wget, scrapy bench.

Each is measured from outside (bench.measure) and counted by the server that answered it
(bench.replica_proc), so no crawler reports on itself.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from pathlib import Path
from statistics import mean
from typing import Any

from bench.measure import clean_env, run_measured
from bench.replica_proc import ReplicaProcess
from ggcrawl.runner import REPLICA_SETTINGS

REPO = Path(__file__).resolve().parents[1]
LOGSTATS = re.compile(r"Crawled (\d+) pages \(at (\d+) pages/min\)")


def setting_args(overrides: dict[str, Any]) -> list[str]:
    """``-s NAME=VALUE`` for REPLICA_SETTINGS (politeness off) with ``overrides`` on top."""
    merged = {**REPLICA_SETTINGS, **overrides}
    return [arg for name, value in merged.items() for arg in ("-s", f"{name}={value}")]


def ggcrawl_crawl(
    server: ReplicaProcess,
    db: Path,
    log: Path,
    *,
    extra: tuple[str, ...] = (),
    overrides: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """`ggcrawl crawl` of the replica as a user runs it; requests as the server saw them."""
    since = server.mark()
    argv = [
        sys.executable,
        "-m",
        "ggcrawl",
        "crawl",
        "--start-url",
        server.base_url,
        "--db",
        str(db),
        *setting_args(overrides or {}),
        *extra,
    ]
    run = run_measured(argv, log, cwd=REPO, env=clean_env(), server=server)
    if run.returncode != 0:
        raise RuntimeError(f"ggcrawl crawl failed ({run.returncode}); see {log}")
    traffic = server.traffic(since)
    crawl = _last_crawl(db)
    requests = traffic["requests"]
    stats = crawl["stats"]
    elapsed = float(stats.get("elapsed_time_seconds") or 0)
    return {
        "process": run.as_dict(),
        "traffic": traffic,
        "crawl": {k: v for k, v in crawl.items() if k != "stats"},
        "scrapy_stats": {
            k: stats.get(k)
            for k in (
                "downloader/request_count",
                "response_received_count",
                "elapsed_time_seconds",
                "item_scraped_count",
                "finish_reason",
            )
        },
        "requests": requests,
        "pages_per_s": round(requests / run.wall_s, 1),
        "pages_per_s_scrapy_elapsed": round(requests / elapsed, 1) if elapsed else None,
        "cpu_s_per_1000": round(run.cpu_s / requests * 1000, 2) if requests else None,
        "server_cpu_share": round(run.server_cpu_s / run.wall_s, 3) if run.server_cpu_s else 0,
    }


def _last_crawl(db: Path) -> dict[str, Any]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        row = conn.execute(
            "SELECT id, mode, outcome, started_at, finished_at, articles_new, articles_changed, "
            "articles_unchanged, articles_gone, stats, "
            "(SELECT COUNT(*) FROM articles) AS articles_in_archive FROM crawls "
            "ORDER BY id DESC LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    crawl = dict(row)
    crawl["stats"] = json.loads(crawl["stats"] or "{}")
    return crawl


def wget_mirror(server: ReplicaProcess, folder: Path, log: Path) -> dict[str, Any]:
    """`wget --mirror` of the same replica (robots.txt obeyed, no parent, 127.0.0.1 only)."""
    since = server.mark()
    argv = [
        "wget",
        "--mirror",
        "-e",
        "robots=on",
        "--no-parent",
        "--domains",
        "127.0.0.1",
        "-q",
        "-P",
        str(folder),
        server.base_url,
    ]
    run = run_measured(argv, log, env=clean_env(), server=server)
    traffic = server.traffic(since)
    requests = traffic["requests"]
    files = sum(1 for p in folder.rglob("*") if p.is_file())
    return {
        "process": run.as_dict(),  # wget exits 8 when some answers were errors (the 404s)
        "traffic": traffic,
        "requests": requests,
        "files_saved": files,
        "pages_per_s": round(requests / run.wall_s, 1),
        "cpu_s_per_1000": round(run.cpu_s / requests * 1000, 2) if requests else None,
        "server_cpu_share": round(run.server_cpu_s / run.wall_s, 3) if run.server_cpu_s else 0,
    }


def scrapy_bench(seconds: int, folder: Path, log: Path) -> dict[str, Any]:
    """`scrapy bench` (its own server on 127.0.0.1, follows links as fast as it can): the
    framework's ceiling on this machine. Run outside the project, so our polite settings
    (scrapy.cfg → ggcrawl.settings) do not apply."""
    argv = [sys.executable, "-m", "scrapy", "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}"]
    run = run_measured(argv, log, cwd=folder, env=clean_env(), timeout=seconds + 120)
    text = log.read_text(encoding="utf-8", errors="replace")
    per_minute = [int(m.group(2)) for m in LOGSTATS.finditer(text)]
    readings = per_minute[1:]  # the first line is printed as the crawl starts (0 pages)
    received = re.search(r"'response_received_count': (\d+)", text)
    elapsed = re.search(r"'elapsed_time_seconds': ([\d.]+)", text)
    if run.returncode != 0 or not readings:
        raise RuntimeError(f"scrapy bench failed ({run.returncode}); see {log}")
    overall = int(received.group(1)) / float(elapsed.group(1)) if received and elapsed else None
    return {
        "process": run.as_dict(),
        "pages_per_min_readings": per_minute,
        "pages_per_s": round(mean(readings) / 60, 1),
        "pages_per_s_overall": round(overall, 1) if overall else None,
        "seconds": seconds,
    }
