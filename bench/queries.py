"""Full-text query latency: ``Archive.search`` as users call it, and raw SQL beside it.

Why the raw SQL and the unbounded ranking too: ``Archive.search`` ranks (bm25) at most the
RANK_WINDOW most recently archived hits before it returns the best 20; ranking every hit
(``window=None``), the unranked query and the bare count show how much of the time is
matching and how much is ranking.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.measure import LoadMeter
from ggcrawl.store import Archive
from ggcrawl.store.fts import RANK_WINDOW, match_expression

# (what it stands for, query): two-character words (common), a phrase, a rare word (it occurs
# only in the one real article the replica carries), and a term that ends in one character,
# which the index answers as a prefix.
QUERIES = (
    ("two-character word", "关工"),
    ("two-character word", "扶贫"),
    ("phrase", "关心下一代"),
    ("rare word", "瘫痪"),
    ("ends in one character", "2019年"),
)
UNRANKED = (
    "SELECT a.url, a.title FROM articles_fts f JOIN articles a ON a.id = f.rowid "
    "WHERE articles_fts MATCH ? LIMIT 20"
)
COUNT = "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?"
MIN_RUNS = 50


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def timed(call: Callable[[], object], runs: int, budget_s: float) -> dict[str, float]:
    """``runs`` timed calls, or fewer (never under MIN_RUNS) once ``budget_s`` is spent."""
    times: list[float] = []
    deadline = time.perf_counter() + budget_s
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
        if len(times) >= MIN_RUNS and time.perf_counter() > deadline:
            break
    return {
        "runs": len(times),
        "p50_ms": round(percentile(times, 0.50), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "max_ms": round(max(times), 2),
    }


def time_queries(db: Path, runs: int, budget_s: float = 30.0) -> list[dict[str, Any]]:
    """p50/p95 over ``runs`` runs of each query and form (after one untimed run); a slow one
    stops after ``budget_s`` seconds and at least MIN_RUNS runs, so the run stays short."""
    archive = Archive.open(db, readonly=True)
    results = []
    try:
        conn = archive.conn
        for kind, query in QUERIES:
            meter = LoadMeter()
            expression = match_expression(query)
            hits = conn.execute(COUNT, (expression,)).fetchone()[0]
            started = time.perf_counter()
            archive.search(query)
            first = (time.perf_counter() - started) * 1000
            results.append(
                {
                    "kind": kind,
                    "query": query,
                    "match": expression,
                    "hits": hits,
                    "first_ms": round(first, 2),
                    "search": timed(lambda q=query: archive.search(q), runs, budget_s),
                    "order": archive.search_page(query, window=RANK_WINDOW).order,
                    "search_all": timed(
                        lambda q=query: archive.search(q, window=None), runs, budget_s
                    ),
                    "sql_unranked": timed(
                        lambda e=expression: conn.execute(UNRANKED, (e,)).fetchall(),
                        runs,
                        budget_s,
                    ),
                    "sql_count": timed(
                        lambda e=expression: conn.execute(COUNT, (e,)).fetchone(),
                        runs,
                        budget_s,
                    ),
                    "foreign_cores": meter.foreign_cores(),
                }
            )
    finally:
        archive.close()
    return results
