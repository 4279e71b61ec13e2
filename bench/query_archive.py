"""A large archive for the query figures, written without a crawl.

Why synthesised: crawling 100,000 articles would take most of the benchmark's half hour, and
the query figures depend only on what the archive holds. So the replica's generator draws each
article page (the exact bytes its server would send, kept as the snapshot), the ground truth
gives the fields a perfect extraction yields, and everything goes through the project's own
write path (``Archive.record_fetch``), so the schema, the ids and the full-text index
(``fts.index_text``) are exactly what a crawl writes. Only ``body_html`` is approximated (one
``<p>`` per line of the true body text): the truth has no cleaned HTML, and extracting 100,000
pages would cost minutes. A second process draws the pages while this one writes, so the two
cores share the work.
"""

from __future__ import annotations

import html
import multiprocessing
import time
from collections import deque
from collections.abc import Iterator
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import Any

from ggcrawl.items import Article, Fetch, Snapshot
from ggcrawl.replica import build_site
from ggcrawl.replica.dialects import DIALECT_CLASSES
from ggcrawl.replica.truth import ground_truth
from ggcrawl.store import Archive, utc_now
from ggcrawl.urls import normalize_url

BASE = "http://127.0.0.1:8000/"  # never contacted: only the URLs' form
OFFSITE = "http://127.0.0.1:8001/"
CHUNK = 500  # pages per task of the drawing process
WINDOW = 6  # tasks in flight, so drawn pages never pile up in memory
Drawn = tuple[int, int, tuple[tuple[str, str], ...], bytes]  # article id, status, headers, body
_worker: dict[str, Any] = {}


def _start_worker(articles: int, seed: int, dialect: str) -> None:
    site = build_site(articles, seed)
    _worker["site"] = site
    _worker["renderer"] = DIALECT_CLASSES[dialect](site, BASE, OFFSITE)


def _draw(span: tuple[int, int]) -> list[Drawn]:
    """The article pages of ``site.articles[start:stop]`` as the server would send them."""
    site, renderer = _worker["site"], _worker["renderer"]
    drawn = []
    for art in site.articles[span[0] : span[1]]:
        answer = renderer.respond("GET", renderer.article_path(art))
        drawn.append((art.id, answer.status, answer.headers, answer.body))
    return drawn


class _Drawer:
    """Every article page in order, drawn by a second process a few chunks ahead; it starts
    drawing as soon as it is entered, while this process computes the ground truth."""

    def __init__(self, articles: int, seed: int, dialect: str, count: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.pool = context.Pool(1, initializer=_start_worker, initargs=(articles, seed, dialect))
        self.spans = iter([(i, min(i + CHUNK, count)) for i in range(0, count, CHUNK)])
        self.pending: deque[AsyncResult[list[Drawn]]] = deque()
        for _ in range(WINDOW):
            self._submit()

    def _submit(self) -> None:
        span = next(self.spans, None)
        if span is not None:
            self.pending.append(self.pool.apply_async(_draw, (span,)))

    def __iter__(self) -> Iterator[Drawn]:
        while self.pending:
            chunk = self.pending.popleft().get()
            self._submit()
            yield from chunk

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()


def build_query_archive(db: Path, articles: int, *, seed: int, dialect: str) -> dict[str, Any]:
    """Write an archive of ``articles`` articles to ``db``; returns how long each step took."""
    started = time.perf_counter()
    site = build_site(articles, seed)
    renderer = DIALECT_CLASSES[dialect](site, BASE, OFFSITE)
    drawer = _Drawer(articles, seed, dialect, len(site.articles))
    truth = ground_truth(renderer)
    generated = time.perf_counter()
    archive = Archive.open(db, batch_size=2000)
    archive.conn.execute("PRAGMA cache_size=-262144")  # 256 MB: a bulk load, not a crawl
    try:
        crawl_id = archive.begin_crawl(BASE, {"synthesised": True}, mode="full", first=[])
        for art, record, page in zip(site.articles, truth["articles"], drawer, strict=True):
            art_id, status, pairs, body_bytes = page
            if art_id != art.id:
                raise RuntimeError(f"drawn page of article {art_id} where {art.id} was due")
            headers: dict[str, list[str]] = {}
            for name, value in pairs:
                headers.setdefault(name, []).append(value)
            url = normalize_url(record["url"])
            now = utc_now()
            snapshot = Snapshot(url, status, headers, body_bytes, renderer.encoding, now)
            body = record["body_text"] or ""
            article = Article(
                url=url,
                section=record["section"],
                title=record["title"],
                published_at=record["published_at"],
                source=record["source"],
                body_text=body,
                body_html="".join(f"<p>{html.escape(line)}</p>" for line in body.split("\n")),
                images=record["images"],
                attachments=record["attachments"],
                prev_url=normalize_url(record["prev_url"]) if record["prev_url"] else None,
                next_url=normalize_url(record["next_url"]) if record["next_url"] else None,
                parse_warnings=[],
                snapshot_sha256=snapshot.sha256,
                snapshot_status=status,
                fetched_at=now,
            )
            fetch = Fetch(url, "article", now, snapshot=snapshot, article=article)
            archive.record_fetch(fetch, crawl_id)
        archive.finish_crawl(crawl_id, "finished", {"synthesised": True})
        archive.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        archive.close()
        drawer.close()
    done = time.perf_counter()
    return {
        "articles": len(site.articles),
        "dialect": dialect,
        "generate_s": round(generated - started, 1),
        "write_s": round(done - generated, 1),
        "file_bytes": db.stat().st_size,
    }
