"""Scheduling with Scrapyd: the project is deployed with `scrapyd-deploy` to a real Scrapyd.

Scrapyd runs as a subprocess with its own config, directories and HOME under tmp_path, so the
test depends on no Scrapyd, config file or crontab of the machine it runs on.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ggcrawl.replica import ReplicaServer, build_site
from ggcrawl.runner import REPLICA_SETTINGS

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PROJECT = "ggcrawl"  # the project name in scrapy.cfg's [deploy] section
STARTUP_TIMEOUT = 30.0
JOB_TIMEOUT = 180.0


@dataclass(frozen=True)
class Scrapyd:
    url: str
    home: Path
    root: Path  # working directory: scrapyd.conf, eggs/, logs/, dbs/, its output

    def get(self, endpoint: str, **params: str) -> dict[str, Any]:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        with urllib.request.urlopen(f"{self.url}{endpoint}{query}", timeout=10) as response:
            return json.load(response)

    def post(self, endpoint: str, fields: list[tuple[str, str]]) -> dict[str, Any]:
        data = urllib.parse.urlencode(fields).encode()
        with urllib.request.urlopen(f"{self.url}{endpoint}", data=data, timeout=10) as response:
            return json.load(response)


def isolated_env(home: Path) -> dict[str, str]:
    """The environment with HOME in tmp_path: no user-level Scrapy/Scrapyd config or .netrc."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GGCRAWL_", "SCRAPY_", "SCRAPYD_")) and k != "XDG_CONFIG_HOME"
    }
    env["HOME"] = str(home)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[Scrapyd]:
    """A real Scrapyd on a free loopback port; it and its crawls are killed at the end."""
    root = tmp_path / "scrapyd"
    home = tmp_path / "home"
    for directory in (root, home):
        directory.mkdir()
    port = free_port()
    # Scrapyd reads ./scrapyd.conf from its working directory; ~/.scrapyd.conf, which would
    # override it, is out of the way because HOME is ours.
    (root / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        "bind_address = 127.0.0.1\n"
        f"http_port = {port}\n"
        "username =\n"
        "password =\n"
        f"eggs_dir = {root / 'eggs'}\n"
        f"logs_dir = {root / 'logs'}\n"
        f"dbs_dir = {root / 'dbs'}\n"
        "items_dir =\n"
        "jobs_dir =\n"
        "poll_interval = 0.2\n",
        encoding="utf-8",
    )
    output = root / "scrapyd.out"
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "scrapyd"],
            cwd=root,
            env=isolated_env(home),
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, with the crawls it spawns
        )
    server = Scrapyd(f"http://127.0.0.1:{port}/", home, root)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"Scrapyd exited with {process.returncode}:\n{output.read_text()}")
            try:
                if server.get("daemonstatus.json")["status"] == "ok":
                    break
            except OSError:  # not listening yet (URLError and connection errors)
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"Scrapyd did not answer in {STARTUP_TIMEOUT} s:\n{output.read_text()}")
            time.sleep(0.1)
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def not_in_a_clone(directory: str, names: list[str]) -> set[str]:
    """What a fresh clone would not have: the venv, archives, caches and build output."""
    skip = {n for n in names if n == "__pycache__" or n.endswith((".egg-info", "_cache"))}
    if Path(directory) == REPO:
        skip |= {".git", ".venv", "build", "dist"} & set(names)
    if Path(directory) == REPO / "archive":  # the browse view's configuration is packaged too
        skip |= {n for n in names if n.endswith((".db", ".db-wal", ".db-shm", ".warc.gz", ".lock"))}
    return skip


def deploy(scrapyd: Scrapyd, tmp_path: Path) -> dict[str, Any]:
    """Deploy as a user would, with `scrapyd-deploy TARGET`; return Scrapyd's answer.

    scrapy.cfg is used as committed. The test's URL comes from a target `test` in the
    user-level ~/.scrapy.cfg (HOME is ours), which scrapyd-deploy reads besides the project's
    file and which inherits `project` from its [deploy] section. The egg is built in a copy of
    the repository because scrapyd-deploy writes build/ and *.egg-info where scrapy.cfg is.
    """
    (scrapyd.home / ".scrapy.cfg").write_text(f"[deploy:test]\nurl = {scrapyd.url}\n")
    checkout = tmp_path / "checkout"
    shutil.copytree(REPO, checkout, ignore=not_in_a_clone)
    result = subprocess.run(
        [str(BIN / "scrapyd-deploy"), "test", "--version", "r1"],
        cwd=checkout,
        env=isolated_env(scrapyd.home),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    return json.loads(result.stdout)


def wait_for_job(scrapyd: Scrapyd, job: str) -> None:
    deadline = time.monotonic() + JOB_TIMEOUT
    while time.monotonic() < deadline:
        finished = scrapyd.get("listjobs.json", project=PROJECT)["finished"]
        if any(entry["id"] == job for entry in finished):
            return
        time.sleep(0.5)
    pytest.fail(f"job {job} not finished after {JOB_TIMEOUT} s:\n{job_log(scrapyd, job)}")


def job_log(scrapyd: Scrapyd, job: str) -> str:
    log = scrapyd.root / "logs" / PROJECT / "tsggw" / f"{job}.log"
    scrapyd_output = (scrapyd.root / "scrapyd.out").read_text(errors="replace")
    return (log.read_text(errors="replace") if log.exists() else "(no job log)") + scrapyd_output


def test_scheduled_crawl_archives_the_replica(scrapyd: Scrapyd, tmp_path: Path) -> None:
    db = tmp_path / "scheduled.db"
    site = build_site(articles=40, seed=5)
    with ReplicaServer(site, dialect="phpcms") as replica:
        deployed = deploy(scrapyd, tmp_path)
        assert deployed["status"] == "ok" and deployed["spiders"] == 1, deployed
        assert scrapyd.get("listspiders.json", project=PROJECT)["spiders"] == ["tsggw"]
        with zipfile.ZipFile(scrapyd.root / "eggs" / PROJECT / "r1.egg") as egg:
            assert "ggcrawl/replica/seed_article.txt" in egg.namelist()
            assert "settings = ggcrawl.settings" in egg.read("EGG-INFO/entry_points.txt").decode()

        settings = {"ARCHIVE_DB": db, **REPLICA_SETTINGS}
        scheduled = scrapyd.post(
            "schedule.json",
            [
                ("project", PROJECT),
                ("spider", "tsggw"),
                ("start_url", replica.base_url),
                *(("setting", f"{name}={value}") for name, value in settings.items()),
            ],
        )
        assert scheduled["status"] == "ok", scheduled
        job = scheduled["jobid"]
        wait_for_job(scrapyd, job)
        truth = replica.ground_truth()

    assert db.exists(), f"no archive written:\n{job_log(scrapyd, job)}"
    conn = sqlite3.connect(db)
    try:
        articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        crawls = conn.execute("SELECT outcome FROM crawls").fetchall()
    finally:
        conn.close()
    assert articles == len(truth["articles"]), job_log(scrapyd, job)
    assert crawls == [("finished",)], job_log(scrapyd, job)
