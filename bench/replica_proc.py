"""The replica server in a process of its own, driven through a pipe.

Why a process: on a 2-core machine the crawler and the server must not share one GIL, or the
server's work would slow the crawler and be counted as its own; in its own process the server's
CPU can be read from /proc and reported. Why a pipe: the site's mutation API
(``Site.add_articles``) and the request log live with the server (the replica has no control
endpoint or command-line flag for them), so the benchmark asks the child to call them.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import traceback
from collections import Counter
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any
from urllib.parse import unquote

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
CONDITIONAL = ("if-none-match", "if-modified-since")


def process_cpu_seconds(pid: int) -> float:
    """utime + stime of a running process (all its threads), from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        stat = handle.read()
    fields = stat[stat.rfind(")") + 2 :].split()  # fields[0] is field 3 (state)
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


class ReplicaProcess:
    """A replica site served by ``ReplicaServer`` in a child process (spawned, so it starts
    clean), with the few calls the benchmark needs."""

    def __init__(
        self,
        dialect: str,
        articles: int,
        *,
        seed: int = 7,
        page_size: int | None = None,
        listing_page_cap: int | None = None,
    ) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self.process = context.Process(
            target=_child,
            args=(child, dialect, articles, seed, page_size, listing_page_cap),
            name=f"replica-{dialect}-{articles}",
            daemon=True,
        )
        self.process.start()
        child.close()
        info = self._reply()
        self.base_url: str = info["base_url"]
        self.offsite_base_url: str = info["offsite_base_url"]
        self.pid = int(self.process.pid or 0)

    def _call(self, command: str, **kwargs: Any) -> Any:
        self._conn.send((command, kwargs))
        return self._reply()

    def _reply(self) -> Any:
        status, value = self._conn.recv()
        if status != "ok":
            raise RuntimeError(f"replica process failed:\n{value}")
        return value

    def cpu_seconds(self) -> float:
        """CPU the server process has used so far."""
        return process_cpu_seconds(self.pid)

    def mark(self) -> dict[str, int]:
        """Where the request logs stand now (pass it to :meth:`traffic`)."""
        return self._call("mark")

    def truth(self) -> dict[str, Any]:
        """Counts from the ground truth, and the minimum a crawl of the site needs."""
        return self._call("truth")

    def traffic(self, since: dict[str, int]) -> dict[str, Any]:
        """What the site received since ``since``, compared with the minimum."""
        return self._call("traffic", since=since)

    def add_articles(self, n: int, chain_only: int, seed: int) -> dict[str, Any]:
        """Publish ``n`` articles (``chain_only`` reachable only through a chain)."""
        return self._call("add", n=n, chain_only=chain_only, seed=seed)

    def stop(self) -> None:
        if self.process.is_alive():
            with contextlib.suppress(EOFError, BrokenPipeError, OSError):
                self._call("stop")
            self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(timeout=5)
        self._conn.close()

    def __enter__(self) -> ReplicaProcess:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


# ----- the child process


def _child(
    conn: Connection,
    dialect: str,
    articles: int,
    seed: int,
    page_size: int | None,
    listing_page_cap: int | None,
) -> None:
    try:
        from ggcrawl.replica import ReplicaServer, build_site

        site = build_site(articles, seed, page_size, listing_page_cap)
        server = ReplicaServer(site, dialect=dialect).start()
        state = _State(site, server)
        conn.send(
            ("ok", {"base_url": server.base_url, "offsite_base_url": server.offsite_base_url})
        )
    except Exception:
        conn.send(("error", traceback.format_exc()))
        return
    while True:
        try:
            command, kwargs = conn.recv()
        except EOFError:
            break
        if command == "stop":
            server.stop()
            conn.send(("ok", None))
            return
        try:
            conn.send(("ok", getattr(state, command)(**kwargs)))
        except Exception:
            conn.send(("error", traceback.format_exc()))
    server.stop()


class _State:
    """The child's side: the site, its server, and the minimum derived from the truth."""

    def __init__(self, site: Any, server: Any) -> None:
        self.site = site
        self.server = server
        self._summary: dict[str, Any] | None = None
        self._summary_version = -1
        self._minimum: set[str] = set()
        self._kinds: dict[str, str] = {}

    def mark(self) -> dict[str, int]:
        return {"requests": len(self.server.requests), "offsite": self.server.offsite_hits}

    def truth(self) -> dict[str, Any]:
        if self._summary is not None and self._summary_version == self.site.version:
            return self._summary
        truth = self.server.ground_truth()
        base = truth["base_url"]

        def path(url: str) -> str:
            return _key(url[len(base) - 1 :] if url.startswith(base) else url)

        assets = {a["url"] for a in truth["assets"] if not a["offsite"]}
        # Page requisites, fetched where robots.txt disallows them (REQUISITES_OBEY_ROBOTSTXT).
        requisites = {r["url"] for r in truth["requisites"] if not r["offsite"]}
        kinds: dict[str, str] = {"/robots.txt": "robots.txt"}
        kinds.update({path(p["url"]): p["kind"] for p in truth["pages"]})
        kinds.update({path(a["url"]): "article" for a in truth["articles"]})
        kinds.update({path(url): "asset" for url in assets})
        kinds.update({path(url): "page requisite" for url in requisites})
        self._minimum = set(kinds)
        # Listing links that turn out not to be articles: a crawler has to ask to find out.
        for entry in truth["missing"]:
            kinds[path(entry["url"])] = "listed link that answers 404"
        for entry in truth["redirects"]:
            kinds[path(entry["from"])] = "listed old URL that answers 301"
        for entry in truth["offsite_redirects"]:
            kinds[path(entry["from"])] = "listed link that answers 302 off the site"
        self._kinds = kinds
        page_kinds = Counter(p["kind"] for p in truth["pages"])
        self._summary = {
            "version": truth["version"],
            "articles": len(truth["articles"]),
            "chain_only_articles": sum(not a["listed"] for a in truth["articles"]),
            "pages": len(truth["pages"]),
            "page_kinds": dict(page_kinds),
            "same_site_assets": len(assets),
            "offsite_assets": len({a["url"] for a in truth["assets"] if a["offsite"]}),
            "same_site_requisites": len(requisites),
            "sections": len(truth["sections"]),
            "listing_sections": sum(s["kind"] == "listing" for s in truth["sections"]),
            "listed_non_articles": len(truth["missing"])
            + len(truth["redirects"])
            + len(truth["offsite_redirects"]),
            "minimum_requests": len(self._minimum),
            "page_size": self.site.page_size,
            "listing_page_cap": self.site.listing_page_cap,
        }
        self._summary_version = self.site.version
        return self._summary

    def traffic(self, since: dict[str, int]) -> dict[str, Any]:
        self.truth()
        log = self.server.request_log[since["requests"] :]
        counts: Counter[str] = Counter()
        patterns: Counter[str] = Counter()
        examples: dict[str, str] = {}
        seen: set[str] = set()
        duplicates = conditional = 0
        for entry in log:
            key = _key(entry["path"])
            if key in seen:
                duplicates += 1
            seen.add(key)
            if any(name.lower() in CONDITIONAL for name, _ in entry["headers"]):
                conditional += 1
            kind = self._kinds.get(key)
            if kind is None:
                kind = "other"
                pattern = re.sub(r"\d+", "N", key)
                patterns[pattern] += 1
                examples.setdefault(pattern, key)
            counts[kind] += 1
        in_minimum = len(seen & self._minimum)
        return {
            "requests": len(log),
            "methods": dict(Counter(entry["method"] for entry in log)),
            "unique": len(seen),
            "duplicates": duplicates,
            "conditional": conditional,
            "by_kind": dict(counts.most_common()),
            "minimum_covered": in_minimum,
            "minimum_missed": len(self._minimum) - in_minimum,
            "other_patterns": [
                {"pattern": p, "requests": n, "example": examples[p]}
                for p, n in patterns.most_common(12)
            ],
            "offsite_requests": self.server.offsite_hits - since["offsite"],
        }

    def add(self, n: int, chain_only: int, seed: int) -> dict[str, Any]:
        """Publish articles and say what an ideal incremental re-crawl must fetch for them."""
        old = self.server.ground_truth()
        before = {p["url"] for p in old["pages"]}
        made = self.site.add_articles(n, chain_only=chain_only, seed=seed)
        new_ids = {a.id for a in made}
        truth = self.server.ground_truth()
        new_urls = {a["url"] for a in truth["articles"]} - {a["url"] for a in old["articles"]}
        new_assets = {
            a["url"] for a in truth["assets"] if not a["offsite"] and a["article_url"] in new_urls
        }
        chain = [a for a in truth["articles"] if a["url"] in new_urls and not a["listed"]]
        # Listing pages beyond the first that show nothing already archived: a walk that
        # trusted listings alone would read them; the chains reach every article they list.
        deeper = 0
        for section in self.site.columns:
            for number, entries in enumerate(self.site.listing_pages(section), 1):
                if number > 1:
                    deeper += 1
                if any(e.article.id not in new_ids for e in entries):
                    break
        summary = self.truth()
        return {
            "added": len(made),
            "chain_only": len(chain),
            "new_same_site_assets": len(new_assets),
            "deeper_listing_pages": deeper,
            "new_pages": len({p["url"] for p in truth["pages"]} - before),
            "minimum_extra_requests": len(made) + len(new_assets),
            "truth": summary,
        }


def _key(path: str) -> str:
    """One form for a request target and a truth URL's path: percent-decoded."""
    return unquote(path)
