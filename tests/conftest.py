"""Shared fixtures: real processes, real servers on loopback, real SQLite files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


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
