"""`ggcrawl demo`: the newcomer's first command serves the replica and archives it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def test_demo_crawls_the_replica_and_says_how_to_look(cli, tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = cli("demo", "--articles", "40", "--port", "0", "--db", str(db), "--dialect", "asp")
    assert result.returncode == 0, result.stderr
    assert "Replica of 天水关工网 (asp dialect, 40 articles)" in result.stderr
    assert "40 in the archive" in result.stdout
    assert "Off-site requests made: 0" in result.stdout
    assert f"ggcrawl search 关工 --db {db}" in result.stdout
    hits = json.loads(cli("search", "关工", "--db", str(db), "--json", "--limit", "1000").stdout)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 40
        containing = {
            url
            for (url,) in conn.execute(
                "SELECT url FROM articles WHERE instr(title, '关工') OR instr(body_text, '关工')"
            )
        }
    assert containing and {hit["url"] for hit in hits} == containing
