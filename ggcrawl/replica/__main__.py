"""`python -m ggcrawl.replica`: serve a replica until Ctrl-C (for demos and manual crawls)."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import threading
from pathlib import Path

from . import DIALECTS, FaultPlan, ReplicaServer, build_site


def main(argv: list[str] | None = None) -> int:
    """Build a site, serve it, print the base URL, optionally write the ground truth."""
    parser = argparse.ArgumentParser(prog="python -m ggcrawl.replica", description=__doc__)
    parser.add_argument("--dialect", choices=DIALECTS, default="dede")
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument("--offsite-port", type=int, default=0)
    parser.add_argument("--page-size", type=int, default=None)
    parser.add_argument("--listing-page-cap", type=int, default=None)
    parser.add_argument("--truth", type=Path, help="write the ground truth JSON here")
    parser.add_argument(
        "--split-articles",
        type=int,
        default=0,
        metavar="LINES",
        help="split every article longer than LINES body lines over pages (a pager under "
        "the text), as some CMSs do; 0 (the default) splits none",
    )
    parser.add_argument(
        "--faults",
        type=int,
        metavar="SEED",
        help="fail as the default fault plan with this seed says (ggcrawl.replica.faults)",
    )
    args = parser.parse_args(argv)
    site = build_site(args.articles, args.seed, args.page_size, args.listing_page_cap)
    faults = None if args.faults is None else FaultPlan(seed=args.faults)
    with ReplicaServer(site, args.dialect, args.host, args.port, args.offsite_port, faults) as srv:
        srv.split_articles(args.split_articles)
        if args.truth:
            args.truth.write_text(
                json.dumps(srv.ground_truth(), ensure_ascii=False, indent=1), encoding="utf-8"
            )
        print(srv.base_url, flush=True)
        print(f"off-site server: {srv.offsite_base_url}", file=sys.stderr, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
