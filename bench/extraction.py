"""Extraction alone: ``load_page`` + ``extract_article`` over pages saved by a crawl.

Why from the archive: these are the exact bytes the crawl received (GBK, gzip undone), so the
figure is the extractor's cost on real input, without network, Scrapy or SQLite around it. The
process is pinned to one CPU while it runs, so the figure is per core.
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

from bench.measure import LoadMeter
from ggcrawl.extract import extract_article, load_page
from ggcrawl.store.compression import unpack

Sample = tuple[str, bytes, dict[str, list[str]]]


def load_samples(db: Path, limit: int) -> list[Sample]:
    """Up to ``limit`` article pages as archived: (url, body, headers)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT s.url, s.body, s.size, s.headers FROM articles a JOIN snapshots s "
            "ON s.id = a.snapshot_id ORDER BY a.id LIMIT ?",
            (limit,),
        ).fetchall()
    finally:
        conn.close()
    return [(url, unpack(body, size), json.loads(headers)) for url, body, size, headers in rows]


def _extract_all(samples: list[Sample]) -> int:
    warned = 0
    for url, body, headers in samples:
        fields = extract_article(load_page(url, body, headers))
        warned += bool(fields.warnings)
    return warned


def time_extraction(samples: list[Sample]) -> dict[str, Any]:
    """Pages per second on one core (wall and CPU), after a short warm-up."""
    cpus = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cpus)})
    try:
        _extract_all(samples[:20])
        meter = LoadMeter()
        wall, cpu = time.perf_counter(), time.process_time()
        warned = _extract_all(samples)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        foreign = meter.foreign_cores()
    finally:
        os.sched_setaffinity(0, cpus)
    size = sum(len(body) for _, body, _ in samples)
    return {
        "pages": len(samples),
        "mean_page_bytes": round(size / len(samples)) if samples else 0,
        "seconds": round(wall, 2),
        "pages_per_s": round(len(samples) / wall, 1),
        "pages_per_cpu_s": round(len(samples) / cpu, 1),
        "pages_with_warnings": warned,
        "foreign_cores": foreign,
    }


def profile_extraction(samples: list[Sample], top: int = 12) -> list[dict[str, Any]]:
    """Where extraction's time goes: the functions with the most own time (cProfile)."""
    profiler = cProfile.Profile()
    profiler.runcall(_extract_all, samples)
    stats = pstats.Stats(profiler)
    total = sum(row[2] for row in stats.stats.values())  # type: ignore[attr-defined]
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]  # type: ignore[attr-defined]
    return [
        {
            "function": _label(file, line, name),
            "own_s": round(own, 3),
            "own_share": round(own / total, 3) if total else None,
            "cumulative_s": round(cumulative, 3),
        }
        for (file, line, name), (_calls, _prim, own, cumulative, _callers) in rows
    ]


def _label(file: str, line: int, name: str) -> str:
    """``document.py:357 text_runs``, or ``re.Pattern.sub`` for a built-in."""
    if file != "~":
        return f"{Path(file).name}:{line} {name}"
    method = re.fullmatch(r"<method '(\w+)' of '([\w.]+)' objects>", name)
    if method:
        return f"{method.group(2)}.{method.group(1)}"
    return name.removeprefix("<built-in method ").removesuffix(">")
