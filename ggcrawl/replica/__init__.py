"""The project's deterministic stand-in for 天水关工网: generator, ground truth, HTTP server.

    site = build_site(articles=60, seed=7)
    with ReplicaServer(site, dialect="dede") as srv:
        crawl(srv.base_url)
        truth = srv.ground_truth()

The live site cannot be reached and its CMS is unknown, so the replica speaks several plausible
dialects (DIALECTS) and carries the quirks a real crawl meets: capped listings, chains as the
only way to old articles, 404/301/302 links, GBK pages without a charset header, off-site links.
"""

from __future__ import annotations

from .dialects import DIALECTS
from .model import Site, build_site
from .server import ReplicaServer

__all__ = ["DIALECTS", "ReplicaServer", "Site", "build_site"]
