"""Shared fixtures: real processes, real servers on loopback, real SQLite files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parents[1]

# Property tests run their own example counts in the full suite (make test, .ci/run). The edit
# loop's lane (make test-fast) loads the `fast` profile, which runs at most FAST_EXAMPLES of each:
# a test asks for `max_examples=examples(N)`, since an explicit count would override a profile.
FAST_EXAMPLES = 50
settings.register_profile("fast", max_examples=FAST_EXAMPLES)


def examples(full: int) -> int:
    """A property test's example count: `full`, or at most FAST_EXAMPLES under the fast profile."""
    return min(full, FAST_EXAMPLES) if settings.default is settings.get_profile("fast") else full


# Fixtures that crawl the replica through a real Scrapy process: every test that uses one
# (directly or through another fixture) is an e2e test, whichever module it is in.
CRAWLING_FIXTURES = {"history_archive"}


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if CRAWLING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)


def _fast_args() -> list[str]:
    from ggcrawl.runner import REPLICA_SETTINGS

    return [arg for name, value in REPLICA_SETTINGS.items() for arg in ("-s", f"{name}={value}")]


# `-s` arguments that turn politeness off, for crawls of the replica on loopback.
FAST = _fast_args()


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 300
):
    """Run `ggcrawl ARGS` as a separate process, as a user would."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GGCRAWL_")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "ggcrawl", *args],
        cwd=cwd or REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def history_archive(tmp_path_factory):
    """A real archive with history, for the browse view: the dede replica (GBK) crawled in full,
    then changed (articles added, one edited, one removed with 410) and crawled again with
    --revisit all. Returns (db path, ground truth after the changes, the edited article's URL,
    the removed article's URL)."""
    from ggcrawl.replica import ReplicaServer, build_site
    from ggcrawl.urls import normalize_url

    db = tmp_path_factory.mktemp("browse") / "tsggw.db"
    site = build_site(articles=40, seed=3)
    with ReplicaServer(site, dialect="dede") as server:
        first = server.ground_truth()
        edited, removed = first["articles"][4], first["articles"][7]
        for step in ("first", "second"):
            if step == "second":
                site.add_articles(12, seed=5)
                site.edit_article(
                    edited["url"], title="关工委工作修订稿", body="第一段修订。\n扶贫助学第二段。"
                )
                site.remove_article(removed["url"], status=410)
            extra = ["--revisit", "all"] if step == "second" else []
            result = run_cli(
                "crawl", "--start-url", server.base_url, "--db", str(db), *FAST, *extra
            )
            assert result.returncode == 0, result.stderr
        truth = server.ground_truth()
    return db, truth, normalize_url(edited["url"]), normalize_url(removed["url"])


@pytest.fixture(scope="session")
def db(history_archive) -> Path:
    """The history archive's file, for the browse view's tests."""
    return history_archive[0]


@pytest.fixture
def archive_copy(db, tmp_path) -> Path:
    """A copy of the history archive, for a test that commits to it."""
    import sqlite3

    copy = tmp_path / "tsggw.db"
    source = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    return copy


@pytest.fixture(scope="session")
def ds(db):
    """The browse view's Datasette over the history archive, with the project's plugins."""
    from ggcrawl.browse import make_datasette

    return make_datasette(db)
