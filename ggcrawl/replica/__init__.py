"""The project's deterministic stand-in for 天水关工网: generator, ground truth, HTTP server.

    site = build_site(articles=60, seed=7)
    with ReplicaServer(site, dialect="dede") as srv:
        crawl(srv.base_url)
        truth = srv.ground_truth()

The live site cannot be reached and its CMS is unknown, so the replica speaks several plausible
dialects (DIALECTS) and carries the quirks a real crawl meets: capped listings, chains as the
only way to old articles, 404/301/302 links, GBK pages without a charset header, off-site links.

For archivists, the site also changes between two crawls while the server runs
(site.add_articles / edit_article / remove_article; the truth then has a new "version"), and
the server speaks HTTP in the dialect's way: ETag and/or Last-Modified with 304 answers, gzip
(phpcms), repeated Set-Cookie headers, IIS's "404 Object Not Found"; srv.request_log keeps
every request's headers.

And it can fail in every way a crawler must survive, the same way for the same seed:
ReplicaServer(site, dialect, faults=FaultPlan(seed=3)) serves 500/503 bursts, hangs, resets,
truncated bodies, wrong charsets, redirect loops, an over-size page, a gzip bomb, an endless
pager and URL variants until `srv.faults = None` (see ggcrawl.replica.faults).
"""

from __future__ import annotations

from .dialects import DIALECTS
from .faults import FaultPlan, Transient
from .model import Site, build_site
from .server import ReplicaServer

__all__ = ["DIALECTS", "FaultPlan", "ReplicaServer", "Site", "Transient", "build_site"]
