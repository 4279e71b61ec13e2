"""`ggcrawl.schedule`: crontab lines and systemd units that run `ggcrawl crawl` under flock.

The lock is tested for real: the crontab command runs in bash against a stand-in `ggcrawl`
script that holds its run open until the test lets it finish.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from ggcrawl.schedule import (
    CRONTAB_MARKER,
    SERVICE,
    TIMER,
    ScheduleError,
    crontab_line,
    install_crontab,
    install_systemd,
    on_calendar,
    systemd_units,
)

# A start URL with percent escapes and a query, and paths with a space and Chinese characters:
# all must reach the crawl as the very same argument.
START_URL = "http://127.0.0.1:9/%E5%85%B3%E5%B7%A5/index.php?m=content&c=index"
CRON_FIELD_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))


@pytest.fixture
def stand_in(tmp_path: Path) -> Path:
    """A `ggcrawl` that records each run and its arguments and runs until `release` exists."""
    script = tmp_path / "bin" / "ggcrawl"
    script.parent.mkdir()
    work = shlex.quote(str(tmp_path))
    script.write_text(
        "#!/usr/bin/env bash\n"
        f"cd {work}\n"
        'echo run >> runs\nprintf "%s\\n" "$@" > argv\n'
        "echo crawl output; echo crawl warning >&2\n"
        "for _ in $(seq 200); do [ -e release ] && exit 0; sleep 0.05; done\n"
        "exit 3\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


def cron_command(line: str) -> str:
    """The command cron hands to the shell: after the 5 time fields, with `\\%` made `%`."""
    return line.split(None, 5)[5].replace("\\%", "%")


def wait_for(path: Path, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} did not appear"
        time.sleep(0.02)


def test_crontab_line_is_five_valid_fields_and_a_flocked_command(tmp_path: Path) -> None:
    db = tmp_path / "关工 archive" / "tsggw.db"
    line = crontab_line(
        start_url=START_URL, db=db, every="daily", ggcrawl="/opt/ggcrawl", log=tmp_path / "c.log"
    )
    fields = line.split(None, 5)
    assert fields[:5] == ["0", "0", "*", "*", "*"]
    for field, (low, high) in zip(fields[:5], CRON_FIELD_RANGES, strict=True):
        assert field == "*" or low <= int(field) <= high
    words = shlex.split(cron_command(line), comments=True)
    assert words[:3] == ["flock", "-n", f"{db}.run.lock"]
    assert words[3:] == [
        "/opt/ggcrawl",
        *("crawl", "--start-url", START_URL, "--db", str(db)),
        *(">>", str(tmp_path / "c.log"), "2>&1"),
    ]
    assert "%" not in line.replace("\\%", "")  # cron would cut the line at a bare %
    assert line.endswith(f" {CRONTAB_MARKER}")


def test_crontab_line_keeps_a_cron_expression_and_makes_paths_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    line = crontab_line(
        start_url="http://127.0.0.1:9/",
        db=Path("archive/tsggw.db"),
        every=" 30  2 * * mon-fri ",
        ggcrawl="ggcrawl",
        log=Path("cron.log"),
    )
    assert line.startswith("30 2 * * mon-fri flock -n ")
    assert f"{tmp_path}/archive/tsggw.db.run.lock" in line
    assert f">> {tmp_path}/cron.log 2>&1" in line


def test_second_overlapping_run_exits_while_the_first_holds_the_lock(
    tmp_path: Path, stand_in: Path
) -> None:
    db = tmp_path / "关工 archive" / "tsggw.db"
    db.parent.mkdir()  # flock creates the lock file, not its directory
    log = tmp_path / "cron.log"
    line = crontab_line(
        start_url=START_URL, db=db, every="*/5 * * * *", ggcrawl=str(stand_in), log=log
    )
    command = cron_command(line)
    first = subprocess.Popen(["bash", "-c", command])
    try:
        wait_for(tmp_path / "argv")
        started = time.monotonic()
        second = subprocess.run(["bash", "-c", command], timeout=10)
        assert time.monotonic() - started < 5
        assert second.returncode == 1  # flock -n: the lock is taken
        assert (tmp_path / "runs").read_text() == "run\n"
        assert first.poll() is None
        (tmp_path / "release").touch()
        assert first.wait(timeout=10) == 0
    finally:
        if first.poll() is None:
            first.kill()
    argv = (tmp_path / "argv").read_text(encoding="utf-8").splitlines()
    assert argv == ["crawl", "--start-url", START_URL, "--db", str(db)]
    assert log.read_text() == "crawl output\ncrawl warning\n"

    third = subprocess.run(["bash", "-c", command], timeout=10)  # the lock was released
    assert third.returncode == 0
    assert (tmp_path / "runs").read_text() == "run\nrun\n"
    assert log.read_text() == "crawl output\ncrawl warning\n" * 2


def test_systemd_units_run_the_crawl_under_flock_on_the_calendar(tmp_path: Path) -> None:
    db = tmp_path / "关工 archive" / "tsggw.db"
    units = systemd_units(start_url=START_URL, db=db, every="weekly", ggcrawl="/opt/ggcrawl")
    assert sorted(units) == [SERVICE, TIMER]
    service, timer = units[SERVICE], units[TIMER]
    assert "\nType=oneshot\n" in service
    escaped_url = START_URL.replace("%", "%%")  # systemd expands % specifiers
    assert (
        f'\nExecStart=flock -n "{db}.run.lock" /opt/ggcrawl crawl '
        f'--start-url "{escaped_url}" --db "{db}"\n'
    ) in service
    assert "\nOnCalendar=weekly\n" in timer
    assert "\nPersistent=true\n" in timer
    assert "\nWantedBy=timers.target\n" in timer


@pytest.mark.parametrize(
    ("every", "calendar"),
    [
        ("hourly", "hourly"),
        ("daily", "daily"),
        ("*/15 * * * *", "*-*-* *:00/15:00"),
        ("30 2 * * 1-5", "Mon,Tue,Wed,Thu,Fri *-*-* 02:30:00"),
        ("0 6,18 1 */3 *", "*-01/3-01 06,18:00:00"),
        ("0 9-17/2 * jan-jun *", "*-01..06-* 09..17/2:00:00"),
        ("0 0 * * 0,7", "Sun *-*-* 00:00:00"),
        ("0 0 * * sat,SUN", "Sat,Sun *-*-* 00:00:00"),
    ],
)
def test_cron_expressions_become_on_calendar(every: str, calendar: str) -> None:
    assert on_calendar(every) == calendar
    units = systemd_units(
        start_url="http://127.0.0.1:9/", db=Path("/a.db"), every=every, ggcrawl="g"
    )
    assert f"\nOnCalendar={calendar}\n" in units[TIMER]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_systemd_accepts_the_units(tmp_path: Path, stand_in: Path) -> None:
    units = systemd_units(
        start_url=START_URL,
        db=tmp_path / "关工 archive" / "tsggw.db",
        every="*/15 9-17 * * mon-fri",
        ggcrawl=str(stand_in),
    )
    paths = install_systemd(units, directory=tmp_path / "units")
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_day_of_month_with_day_of_week_is_refused_for_systemd() -> None:
    with pytest.raises(ValueError, match="day of month OR the day of week"):
        on_calendar("0 0 1 * mon")


@pytest.mark.parametrize(
    ("every", "reason"),
    [
        ("", "is not a schedule"),
        ("monthly", "is not a schedule"),
        ("@daily", "is not a schedule"),
        ("* * * *", "is not a schedule"),
        ("* * * * * *", "is not a schedule"),
        ("60 * * * *", "minute 60 is out of range 0-59"),
        ("* 24 * * *", "hour 24 is out of range 0-23"),
        ("* * 0 * *", "day of month 0 is out of range 1-31"),
        ("* * * 13 *", "month 13 is out of range 1-12"),
        ("* * * * 8", "day of week 8 is out of range 0-7"),
        ("*/0 * * * *", "step after / must be a positive number"),
        ("5/10 * * * *", "a step needs a range or *"),
        ("10-5 * * * *", "the range runs backwards"),
        ("x * * * *", "'x' is not a number"),
        ("* * * foo *", "'foo' is not a number"),
        ("1,,2 * * * *", "'' is not a number"),
    ],
)
def test_invalid_every_is_refused_with_the_accepted_forms(every: str, reason: str) -> None:
    common = {"start_url": "http://127.0.0.1:9/", "db": Path("/a.db"), "every": every}
    with pytest.raises(ValueError, match="hourly, daily, weekly or a 5-field cron") as error:
        crontab_line(**common, ggcrawl="g", log=Path("/l"))
    assert reason in str(error.value)
    with pytest.raises(ValueError, match="hourly, daily, weekly or a 5-field cron") as error:
        systemd_units(**common, ggcrawl="g")
    assert reason in str(error.value)


def test_line_breaks_in_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="line break"):
        crontab_line(
            start_url="http://127.0.0.1:9/\n* * * * * evil",
            db=Path("/a.db"),
            every="daily",
            ggcrawl="g",
            log=Path("/l"),
        )


@pytest.fixture
def fake_crontab(tmp_path: Path) -> tuple[Path, Path]:
    """A `crontab` that keeps the table in a file: (the command, the table file)."""
    table = tmp_path / "crontab.txt"
    command = tmp_path / "crontab"
    command.write_text(
        "#!/usr/bin/env bash\n"
        f"table={shlex.quote(str(table))}\n"
        'case "$1" in\n'
        '  -l) [ -e "$table" ] || { echo "no crontab for $USER" >&2; exit 1; }; cat "$table" ;;\n'
        '  -) cat > "$table" ;;\n'
        '  *) echo "usage: crontab [-l | -]" >&2; exit 2 ;;\n'
        "esac\n",
        encoding="utf-8",
    )
    command.chmod(0o755)
    return command, table


def test_install_crontab_into_an_empty_crontab(fake_crontab: tuple[Path, Path]) -> None:
    command, table = fake_crontab
    line = crontab_line(
        start_url=START_URL, db=Path("/srv/a.db"), every="daily", ggcrawl="g", log=Path("/l")
    )
    install_crontab(line, crontab_cmd=str(command))
    assert table.read_text(encoding="utf-8") == line + "\n"


def test_install_crontab_replaces_the_earlier_ggcrawl_line_only(
    fake_crontab: tuple[Path, Path],
) -> None:
    command, table = fake_crontab
    others = "MAILTO=ops@example.org\n15 4 * * * /usr/local/bin/backup # nightly\n"
    old = crontab_line(
        start_url=START_URL, db=Path("/srv/a.db"), every="hourly", ggcrawl="g", log=Path("/l")
    )
    table.write_text(others + old + "\n", encoding="utf-8")
    new = crontab_line(
        start_url=START_URL, db=Path("/srv/a.db"), every="weekly", ggcrawl="g", log=Path("/l")
    )
    install_crontab(new, crontab_cmd=str(command))
    install_crontab(new, crontab_cmd=str(command))
    assert table.read_text(encoding="utf-8") == others + new + "\n"


def test_install_crontab_without_a_crontab_command(tmp_path: Path) -> None:
    line = crontab_line(
        start_url=START_URL, db=Path("/srv/a.db"), every="daily", ggcrawl="g", log=Path("/l")
    )
    with pytest.raises(ScheduleError, match="install cron"):
        install_crontab(line, crontab_cmd=str(tmp_path / "no-crontab"))


def test_install_crontab_reports_a_failing_crontab(tmp_path: Path) -> None:
    broken = tmp_path / "crontab"
    broken.write_text("#!/usr/bin/env bash\necho 'permission denied' >&2\nexit 1\n")
    broken.chmod(0o755)
    line = crontab_line(
        start_url=START_URL, db=Path("/srv/a.db"), every="daily", ggcrawl="g", log=Path("/l")
    )
    with pytest.raises(ScheduleError, match="permission denied"):
        install_crontab(line, crontab_cmd=str(broken))


def test_install_crontab_refuses_a_foreign_line(fake_crontab: tuple[Path, Path]) -> None:
    command, table = fake_crontab
    with pytest.raises(ValueError, match="not a ggcrawl crontab line"):
        install_crontab("* * * * * rm -rf ~", crontab_cmd=str(command))
    assert not table.exists()


def test_install_systemd_writes_the_unit_files(tmp_path: Path) -> None:
    units = systemd_units(
        start_url=START_URL, db=Path("/srv/a.db"), every="daily", ggcrawl="/opt/ggcrawl"
    )
    directory = tmp_path / "config" / "systemd" / "user"
    paths = install_systemd(units, directory=directory)
    assert paths == [directory / SERVICE, directory / TIMER]
    assert {p.name: p.read_text(encoding="utf-8") for p in paths} == units
