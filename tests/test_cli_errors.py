"""Bad input: a clear message and exit status 2, never a traceback; files stay as they were."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def assert_usage_error(result, *fragments: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


def test_crawl_without_start_url_says_how_to_give_one(cli, tmp_path: Path) -> None:
    result = cli("crawl", "--db", str(tmp_path / "a.db"), cwd=tmp_path)
    assert_usage_error(result, "--start-url", "GGCRAWL_START_URL", "ggcrawl.toml")
    assert not (tmp_path / "a.db").exists()


def test_start_url_from_config_file_is_checked(cli, tmp_path: Path) -> None:
    (tmp_path / "ggcrawl.toml").write_text('start_url = "ftp://example.org/"\n')
    result = cli("crawl", "--db", str(tmp_path / "a.db"), cwd=tmp_path)
    assert_usage_error(result, "not an http:// or https:// URL")


def test_start_url_from_environment_is_used(cli, tmp_path: Path) -> None:
    port = closed_port()
    result = cli(
        "crawl",
        "--db",
        str(tmp_path / "a.db"),
        cwd=tmp_path,
        env={"GGCRAWL_START_URL": f"http://127.0.0.1:{port}/"},
    )
    assert_usage_error(result, f"cannot reach http://127.0.0.1:{port}/")


def test_malformed_and_non_http_start_urls(cli, tmp_path: Path) -> None:
    for bad, message in (
        ("example.org", "not an http"),
        ("javascript:alert(1)", "not an http"),
        ("http://", "no host"),
    ):
        assert_usage_error(
            cli("crawl", "--start-url", bad, "--db", str(tmp_path / "a.db")), message
        )


def test_unreachable_host(cli, tmp_path: Path) -> None:
    port = closed_port()
    result = cli(
        "crawl", "--start-url", f"http://127.0.0.1:{port}/", "--db", str(tmp_path / "a.db")
    )
    assert_usage_error(result, "cannot reach")


def test_foreign_database_is_refused_and_untouched(cli, tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('mine')")
    before = path.read_bytes()
    result = cli("crawl", "--start-url", "http://127.0.0.1:9/", "--db", str(path))
    assert_usage_error(result, "not a ggcrawl archive")
    assert path.read_bytes() == before
    assert_usage_error(cli("search", "关工", "--db", str(path)), "not a ggcrawl archive")


def test_unwritable_archive_location(cli, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli("crawl", "--start-url", "http://127.0.0.1:9/", "--db", str(blocker / "a.db"))
    assert_usage_error(result, "cannot create the folder")
    assert_usage_error(
        cli("crawl", "--start-url", "http://127.0.0.1:9/", "--db", str(tmp_path)), "is a directory"
    )


def test_text_file_as_archive(cli, tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database")
    assert_usage_error(cli("search", "关工", "--db", str(path)), "not an SQLite database")
    assert path.read_text() == "not a database"


def test_search_needs_an_existing_archive_and_a_query(cli, tmp_path: Path) -> None:
    assert_usage_error(cli("search", "关工", "--db", str(tmp_path / "none.db")), "does not exist")
    assert not (tmp_path / "none.db").exists()
    assert_usage_error(cli("search", "  ", "--db", str(tmp_path / "none.db")), "empty")


def test_malformed_setting(cli, tmp_path: Path) -> None:
    result = cli(
        "crawl",
        "--start-url",
        "http://127.0.0.1:9/",
        "--db",
        str(tmp_path / "a.db"),
        "-s",
        "NOEQUALS",
    )
    assert_usage_error(result, "NAME=VALUE")


def test_unknown_demo_dialect(cli, tmp_path: Path) -> None:
    assert_usage_error(
        cli("demo", "--dialect", "wordpress", "--db", str(tmp_path / "d.db")), "unknown dialect"
    )


def test_help_explains_every_command(cli) -> None:
    result = cli("--help")
    assert result.returncode == 0
    for command in ("crawl", "demo", "search"):
        assert command in result.stdout
        sub = cli(command, "--help")
        assert sub.returncode == 0 and "--db" in sub.stdout
