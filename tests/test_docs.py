"""Documentation is part of the product: the schema and the commands must be in the README."""

from __future__ import annotations

from pathlib import Path

from ggcrawl.cli import main
from ggcrawl.store import Archive
from ggcrawl.store.schema import COLUMNS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_table_and_column_is_documented(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        tables = archive.db.table_names() + archive.db.view_names()
        for table in tables:
            if table.startswith("articles_fts"):
                continue
            # table_xinfo, unlike table_info, lists generated columns too.
            columns = [r[1] for r in archive.conn.execute(f"PRAGMA table_xinfo({table})")]
            assert table in COLUMNS, table
            assert sorted(columns) == sorted(COLUMNS[table]), table
    for table, columns in COLUMNS.items():
        assert f"`{table}`" in README, table
        for column in columns:
            assert f"`{column}`" in README, f"{table}.{column}"


def test_every_command_is_in_the_readme() -> None:
    for name, command in main.commands.items():
        assert f"ggcrawl {name}" in README, name
        assert command.help, name
