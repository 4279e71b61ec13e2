"""Every command, given bad input, says what is wrong and exits 2, leaving the files alone.

Each case runs `ggcrawl` as a real process. For each command (crawl, demo, search, reparse,
crawls, report, browse, schedule, export): wrong arguments (bad option values, unknown options, bad
ports, negative ids), and as --db a missing file, a foreign SQLite database (also one in WAL
mode), a file that is not SQLite, a directory and an archive of a newer schema. The answer is
exit status 2, one ``Error:`` line that names the problem and says what to do, no traceback;
the file keeps its bytes and mtime and no -wal, -shm, -journal or .lock file appears beside it.

tests/test_cli_errors.py has the start-URL cases, a malformed -s, an unknown demo dialect, an
empty search query and the first foreign/text-file cases; they are not repeated here.
"""

from __future__ import annotations

import os
import socket
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from ggcrawl.store.schema import SCHEMA_VERSION
from tests.conftest import run_cli


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# How each command is given a --db (the other arguments valid, so the file is what is wrong).
COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "crawl": lambda db: ["crawl", "--start-url", f"http://127.0.0.1:{closed_port()}/", "--db", db],
    "demo": lambda db: ["demo", "--articles", "10", "--port", "0", "--db", db],
    "search": lambda db: ["search", "关工", "--db", db],
    "reparse": lambda db: ["reparse", "--db", db],
    "crawls": lambda db: ["crawls", "--db", db],
    "report": lambda db: ["report", "1", "--db", db],
    "browse": lambda db: ["browse", "--port", "0", "--db", db],
    "schedule": lambda db: ["schedule", "--start-url", "http://127.0.0.1:9/", "--db", db],
    "export": lambda db: ["export", "--wacz", "out.wacz", "--db", db],
}
# Commands that read an archive that must already exist (the others create it).
READERS = ("search", "reparse", "crawls", "report", "browse", "export")


def run(*args: str, cwd: Path):
    # browse would serve until stopped if it accepted the file: bound the wait.
    return run_cli(*args, cwd=cwd, timeout=120)


def assert_refused(result, *fragments: str, usage: bool = False) -> None:
    """Exit status 2, no traceback, one ``Error:`` line holding every fragment. A usage error
    (click's) also points at --help; any other refusal is that one line alone."""
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Traceback" not in output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    for fragment in fragments:
        assert fragment in errors[0], errors[0]
    if usage:
        assert "--help' for help." in result.stderr
    else:
        assert result.stderr.strip() == errors[0], result.stderr


def state(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every entry of ``folder``: its mtime and, for a file, its bytes."""
    return {
        entry.name: (
            entry.stat().st_mtime_ns,
            entry.read_bytes() if entry.is_file() else None,
        )
        for entry in sorted(folder.iterdir())
    }


def copy_archive(source: Path, target: Path) -> Path:
    """A consistent copy of a WAL-mode archive."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    return target


def make_foreign(path: Path, *, wal: bool = False) -> Path:
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('mine')")
    conn.commit()
    conn.close()
    return path


def make_newer(history_archive, path: Path) -> Path:
    copy_archive(history_archive[0], path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    return path


def aged(path: Path) -> Path:
    """Set the mtime an hour back, so a write within the same second would still show."""
    past = path.stat().st_mtime - 3600
    os.utime(path, (past, past))
    return path


# --- a bad --db, for every command ----------------------------------------------------------

# kind → (what the Error line says, what it tells the user to do)
BAD_FILES = {
    "foreign": ("is an SQLite database but not a ggcrawl archive (it holds notes)", "another"),
    "foreign-wal": ("is an SQLite database but not a ggcrawl archive (it holds notes)", "another"),
    "not-sqlite": ("is not an SQLite database", "give another --db path"),
    "newer": (f"newer ggcrawl (schema {SCHEMA_VERSION + 1}", "upgrade ggcrawl"),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unusable_database_is_refused_and_untouched(
    command: str, kind: str, tmp_path: Path, history_archive
) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    db = folder / "tsggw.db"
    if kind == "foreign":
        make_foreign(db)
    elif kind == "foreign-wal":
        make_foreign(db, wal=True)
    elif kind == "not-sqlite":
        db.write_bytes(b"# my notes, not a database\n" + bytes(range(256)) * 8)
    else:
        make_newer(history_archive, db)
    aged(db)
    before = state(folder)
    result = run(*COMMANDS[command](str(db)), cwd=tmp_path)
    problem, remedy = BAD_FILES[kind]
    assert_refused(result, str(db), problem, remedy)
    assert state(folder) == before  # same bytes, same mtime, no -wal/-shm/-journal/.lock


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_directory_as_database_is_refused(command: str, tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "keep.txt").write_text("x")
    aged(folder)
    before = state(tmp_path)
    result = run(*COMMANDS[command](str(folder)), cwd=tmp_path)
    assert_refused(result, "--db", "is a directory", usage=True)
    assert state(tmp_path) == before
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize("command", READERS)
def test_missing_database_is_not_created(command: str, tmp_path: Path) -> None:
    db = tmp_path / "archive" / "none.db"
    result = run(*COMMANDS[command](str(db)), cwd=tmp_path)
    assert_refused(result, f"{db} does not exist", "run `ggcrawl crawl --db")
    assert list(tmp_path.iterdir()) == []  # not even the folder


@pytest.mark.parametrize("command", READERS)
def test_empty_file_is_not_an_archive_yet(command: str, tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    db.touch()
    aged(db)
    before = state(tmp_path)
    result = run(*COMMANDS[command](str(db)), cwd=tmp_path)
    assert_refused(result, f"{db} is empty", "run `ggcrawl crawl` into it first")
    assert state(tmp_path) == before


@pytest.mark.parametrize("command", ["crawl", "demo", "schedule"])
def test_archive_that_cannot_be_created(command: str, tmp_path: Path) -> None:
    """The writers create a missing archive, but not under a file posing as a folder."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    aged(blocker)
    before = state(tmp_path)
    result = run(*COMMANDS[command](str(blocker / "sub" / "a.db")), cwd=tmp_path)
    assert_refused(result, str(blocker), "give another --db path")
    assert state(tmp_path) == before


# --- wrong arguments ------------------------------------------------------------------------

# (arguments after the command, fragment of the Error line, a click usage error?)
WRONG_ARGUMENTS: dict[str, list[tuple[list[str], str, bool]]] = {
    "crawl": [
        (["--start-url", "http://127.0.0.1:99999/"], "invalid port", False),
        (["--start-url", "http://127.0.0.1:9/", "--revisit", "sometimes"], "--revisit", False),
        (["--start-url", "http://127.0.0.1:9/", "--revisit", "days:-3"], "--revisit", False),
        (["--start-url", "http://127.0.0.1:9/", "--deep"], "No such option '--deep'", True),
    ],
    "demo": [
        (["--port", "70000"], "'--port': 70000 is not in the range 0<=x<=65535", True),
        (["--port", "-1"], "'--port': -1 is not in the range", True),
        (["--port", "http"], "'--port': 'http' is not a valid integer", True),
        (["--articles", "5"], "'--articles': 5 is not in the range 10<=x<=100000", True),
        (["--seed", "seven"], "'--seed': 'seven' is not a valid integer", True),
        (["--quick"], "No such option '--quick'", True),
    ],
    "search": [
        ([], "Missing argument 'QUERY'", True),
        (["关工", "--limit", "0"], "'--limit': 0 is not in the range 1<=x<=10000", True),
        (["关工", "--limit", "many"], "'--limit': 'many' is not a valid integer", True),
        (["关工", "--jsn"], "No such option '--jsn'", True),
        (["关工", "扶贫"], "unexpected extra argument (扶贫)", True),
    ],
    "reparse": [
        (["--all"], "No such option '--all'", True),
        (["7"], "unexpected extra argument (7)", True),
    ],
    "crawls": [
        (["--limit", "0"], "'--limit': 0 is not in the range 1<=x<=100000", True),
        (["--limit", "-5"], "'--limit': -5 is not in the range", True),
        (["--since", "2019"], "No such option '--since'", True),
    ],
    "report": [
        ([], "Missing argument 'CRAWL_ID'", True),
        (["-1"], "-1 is not a crawl id; ids start at 1", True),
        (["-42", "--json"], "-42 is not a crawl id", True),
        (["0"], "0 is not in the range x>=1", True),
        (["seven"], "'seven' is not a valid integer", True),
        (["1", "--jsno"], "No such option '--jsno'. Did you mean '--json'?", True),
    ],
    "browse": [
        (["--port", "70000"], "'--port': 70000 is not in the range 0<=x<=65535", True),
        (["--port", "-8001"], "'--port': -8001 is not in the range", True),
        (["--port", "eighty"], "'--port': 'eighty' is not a valid integer", True),
        (["--host", "0.0.0.0"], "No such option '--host'", True),
    ],
    "schedule": [
        (["--start-url", "http://127.0.0.1:9/", "--every", "fortnightly"], "fortnightly", False),
        (["--start-url", "http://127.0.0.1:9/", "--every", "61 * * * *"], "61 * * * *", False),
        (["--start-url", "ftp://127.0.0.1/"], "not an http:// or https:// URL", False),
        (["--start-url", "http://127.0.0.1:9/", "-s", "DELAY"], "NAME=VALUE", False),
        (["--start-url", "http://127.0.0.1:9/", "--cron"], "No such option '--cron'", True),
    ],
    "export": [
        ([], "Missing option '--wacz'", True),
        (["--wacz", "out.zip"], "'--wacz': out.zip: a WACZ file's name ends in .wacz", True),
        (["--wacz", "out.wacz", "--warc"], "No such option '--warc'", True),
    ],
}
WRONG = [
    pytest.param(command, args, fragment, usage, id=f"{command}-{index}")
    for command, cases in WRONG_ARGUMENTS.items()
    for index, (args, fragment, usage) in enumerate(cases)
]


def test_every_command_has_wrong_argument_cases() -> None:
    assert set(WRONG_ARGUMENTS) == set(COMMANDS)


@pytest.mark.parametrize(("command", "args", "fragment", "usage"), WRONG)
def test_wrong_argument(
    command: str, args: list[str], fragment: str, usage: bool, tmp_path: Path, history_archive
) -> None:
    """With a real archive as --db: the archive is untouched and nothing else is written."""
    folder = tmp_path / "archive"
    folder.mkdir()
    db = aged(copy_archive(history_archive[0], folder / "tsggw.db"))
    before = state(folder)
    result = run(command, *args, "--db", str(db), cwd=tmp_path)
    assert_refused(result, fragment, usage=usage)
    assert state(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive"]


def test_report_of_a_crawl_that_is_not_there(tmp_path: Path, history_archive) -> None:
    db = copy_archive(history_archive[0], tmp_path / "tsggw.db")
    result = run("report", "99", "--db", str(db), cwd=tmp_path)
    assert_refused(result, "there is no crawl 99", "`ggcrawl crawls` lists them")


def test_unreadable_database_location_is_explained(tmp_path: Path) -> None:
    """A path under a file (not a folder) cannot be read either: a message, not a traceback."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("search", "关工", "--db", str(blocker / "a.db"), cwd=tmp_path)
    assert_refused(result, "does not exist")


@pytest.mark.parametrize("name", ["x#y.db", "q?m.db", "p%41.db", "sp ace.db"])
def test_database_paths_with_uri_characters(name: str, tmp_path: Path, history_archive) -> None:
    """Read-only opens went through an unquoted SQLite URI: `x#y.db` opened (and created) a file
    `x`, reported "empty", and `p%41.db` ended in a traceback."""
    db = copy_archive(history_archive[0], tmp_path / name)
    result = run("crawls", "--db", str(db), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "finished" in result.stdout
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(name)] == []
