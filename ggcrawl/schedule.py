"""What `ggcrawl schedule` prints or installs: a recurring `ggcrawl crawl` via cron or systemd.

Every run goes through `flock -n DB.lock`, so a crawl that is still running when the next one is
due makes the next one exit at once instead of crawling the site twice in parallel.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SERVICE = "ggcrawl-crawl.service"
TIMER = "ggcrawl-crawl.timer"
ENABLE_COMMAND = f"systemctl --user enable --now {TIMER}"
USER_UNIT_DIR = Path("~/.config/systemd/user")
# Marks the crontab line `install_crontab` owns, so a new schedule replaces the old one.
CRONTAB_MARKER = "# ggcrawl"

# Keyword → (cron fields, systemd OnCalendar); systemd's `weekly` is Monday 00:00.
KEYWORDS = {
    "hourly": ("0 * * * *", "hourly"),
    "daily": ("0 0 * * *", "daily"),
    "weekly": ("0 0 * * 1", "weekly"),
}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
WEEKDAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
EVERY_HELP = (
    "use hourly, daily, weekly or a 5-field cron expression "
    "(minute hour day-of-month month day-of-week, e.g. '30 2 * * *')"
)


@dataclass(frozen=True)
class Field:
    name: str
    low: int
    high: int
    names: tuple[str, ...] = ()  # names[i] stands for low + i


FIELDS = (
    Field("minute", 0, 59),
    Field("hour", 0, 23),
    Field("day of month", 1, 31),
    Field("month", 1, 12, MONTHS),
    Field("day of week", 0, 7, WEEKDAYS),  # 0 and 7 are both Sunday
)


@dataclass(frozen=True)
class Item:
    """One comma-separated part of a cron field: start-end/step, or * (star)."""

    start: int
    end: int
    step: int
    star: bool


class ScheduleError(RuntimeError):
    """Installing the schedule failed (crontab missing or refusing); the message says why."""


def crontab_line(
    *,
    start_url: str,
    db: Path,
    every: str,
    ggcrawl: str,
    log: Path,
    extra_args: Sequence[str] = (),
) -> str:
    """The crontab entry: `ggcrawl crawl` under flock, output appended to ``log``.

    Relative paths are made absolute here, because cron runs the command from $HOME.
    """
    fields = _cron_fields(every)
    db, log = db.absolute(), log.absolute()
    command = shlex.join(_crawl_argv(start_url, db, ggcrawl, extra_args))
    command = f"{command} >> {shlex.quote(_checked(str(log)))} 2>&1"
    # cron turns an unescaped % in the command into a newline.
    command = command.replace("%", r"\%")
    return f"{' '.join(fields)} {command} {CRONTAB_MARKER}"


def systemd_units(
    *, start_url: str, db: Path, every: str, ggcrawl: str, extra_args: Sequence[str] = ()
) -> dict[str, str]:
    """A oneshot service that crawls under flock and the timer that starts it, by file name."""
    calendar = on_calendar(every)
    db = db.absolute()
    exec_start = " ".join(
        _systemd_quote(arg) for arg in _crawl_argv(start_url, db, ggcrawl, extra_args)
    )
    service = (
        "[Unit]\n"
        f"Description=ggcrawl: crawl {start_url} into {db}\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={exec_start}\n"
    )
    timer = (
        "[Unit]\n"
        f"Description=Start {SERVICE} ({' '.join(every.split())})\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar={calendar}\n"
        # A run missed while the machine was off happens at the next boot.
        "Persistent=true\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {SERVICE: service.replace("%", "%%"), TIMER: timer.replace("%", "%%")}


def install_crontab(line: str, *, crontab_cmd: str = "crontab") -> None:
    """Put ``line`` into the user's crontab in place of any earlier ggcrawl line."""
    if "\n" in line or not line.rstrip().endswith(CRONTAB_MARKER):
        raise ValueError(f"not a ggcrawl crontab line (one line ending in {CRONTAB_MARKER!r})")
    listed = _run_crontab([crontab_cmd, "-l"])
    if listed.returncode == 0:
        current = listed.stdout
    elif "no crontab" in listed.stderr.lower():
        current = ""
    else:
        raise ScheduleError(f"`{crontab_cmd} -l` failed: {listed.stderr.strip()}")
    kept = [old for old in current.splitlines() if not old.rstrip().endswith(CRONTAB_MARKER)]
    written = _run_crontab([crontab_cmd, "-"], "\n".join([*kept, line.rstrip()]) + "\n")
    if written.returncode != 0:
        raise ScheduleError(f"`{crontab_cmd} -` refused the new crontab: {written.stderr.strip()}")


def install_systemd(units: dict[str, str], *, directory: Path = USER_UNIT_DIR) -> list[Path]:
    """Write the unit files; enabling the timer is left to `systemctl` (ENABLE_COMMAND)."""
    directory = directory.expanduser()
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in units.items():
        path = directory / name
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


def on_calendar(every: str) -> str:
    """systemd's OnCalendar= for ``every``; ValueError for what systemd cannot express."""
    keyword = every.strip().lower()
    if keyword in KEYWORDS:
        return KEYWORDS[keyword][1]
    fields = _cron_fields(every)
    minute, hour, dom, month, dow = (
        _parse_field(text, field) for text, field in zip(fields, FIELDS, strict=True)
    )
    if not fields[2].startswith("*") and not fields[4].startswith("*"):
        raise ValueError(
            f"every={every!r}: cron runs when the day of month OR the day of week matches, "
            "systemd only when both do; restrict one of the two, leave the other *"
        )
    days = {day % 7 for item in dow for day in range(item.start, item.end + 1, item.step)}
    # Monday first and Sunday last, as systemd writes them.
    weekdays = ",".join(WEEKDAYS[day].title() for day in sorted(days, key=lambda day: day or 7))
    date_time = (
        f"*-{_systemd_field(month)}-{_systemd_field(dom)} "
        f"{_systemd_field(hour)}:{_systemd_field(minute)}:00"
    )
    return date_time if len(days) == 7 else f"{weekdays} {date_time}"


def _run_crontab(argv: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the crontab command; its absence is a ScheduleError with advice, not a traceback.

    surrogateescape hands back untouched any line of the user's crontab that is not UTF-8.
    """
    try:
        return subprocess.run(
            argv,
            input=stdin,
            capture_output=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
        )
    except FileNotFoundError:
        raise ScheduleError(
            f"no {argv[0]!r} command: install cron (Debian/Ubuntu: apt-get install cron), "
            "or schedule the crawl with systemd instead"
        ) from None
    except OSError as exc:
        raise ScheduleError(f"cannot run {argv[0]!r}: {exc}") from None


def _cron_fields(every: str) -> list[str]:
    """The five validated cron fields of ``every``; ValueError with a usable message."""
    keyword = every.strip().lower()
    if keyword in KEYWORDS:
        return KEYWORDS[keyword][0].split()
    fields = every.split()
    if len(fields) != 5:
        raise ValueError(f"every={every!r} is not a schedule; {EVERY_HELP}")
    for text, field in zip(fields, FIELDS, strict=True):
        try:
            _parse_field(text, field)
        except ValueError as exc:
            raise ValueError(f"every={every!r}: {exc}; {EVERY_HELP}") from None
    return fields


def _parse_field(text: str, field: Field) -> list[Item]:
    return [_parse_item(part, field) for part in text.split(",")]


def _parse_item(text: str, field: Field) -> Item:
    body, slash, step_text = text.partition("/")
    step = 1
    if slash:
        if not step_text.isdecimal() or int(step_text) == 0:
            raise ValueError(f"{field.name} {text!r}: the step after / must be a positive number")
        step = int(step_text)
    if body == "*":
        return Item(field.low, field.high, step, star=True)
    first, dash, last = body.partition("-")
    if slash and not dash:
        raise ValueError(f"{field.name} {text!r}: a step needs a range or *, as in 0-30/5 or */5")
    start = _value(first, field, text)
    end = _value(last, field, text) if dash else start
    if start > end:
        raise ValueError(f"{field.name} {text!r}: the range runs backwards")
    return Item(start, end, step, star=False)


def _value(text: str, field: Field, item: str) -> int:
    if text.lower() in field.names:
        return field.low + field.names.index(text.lower())
    if not text.isdecimal():
        raise ValueError(f"{field.name} {item!r}: {text!r} is not a number")
    value = int(text)
    if not field.low <= value <= field.high:
        raise ValueError(f"{field.name} {value} is out of range {field.low}-{field.high}")
    return value


def _systemd_field(items: list[Item]) -> str:
    """A numeric cron field in OnCalendar syntax: lists, a..b ranges, /step repetition."""
    if any(item.star and item.step == 1 for item in items):
        return "*"
    parts = []
    for item in items:
        if item.start == item.end:
            parts.append(f"{item.start:02}")
            continue
        # systemd's "start/step" repeats up to the field's end, as cron's "*/step" does.
        span = f"{item.start:02}" if item.star else f"{item.start:02}..{item.end:02}"
        parts.append(f"{span}/{item.step}" if item.step > 1 else span)
    return ",".join(parts)


def _crawl_argv(start_url: str, db: Path, ggcrawl: str, extra_args: Sequence[str]) -> list[str]:
    """flock on its own lock file (``<db>.run.lock``): ggcrawl itself locks ``<db>.lock``
    while it writes, and must not find that taken by the flock wrapped around it."""
    lock = Path(f"{db}.run.lock")
    argv = [
        "flock",
        "-n",
        str(lock),
        ggcrawl,
        "crawl",
        "--start-url",
        start_url,
        "--db",
        str(db),
        *extra_args,
    ]
    return [_checked(arg) for arg in argv]


def _checked(arg: str) -> str:
    """A line break would end the crontab line or unit setting in the middle of a word."""
    if any(ch in arg for ch in "\r\n\0"):
        raise ValueError(f"{arg!r} contains a line break or NUL")
    return arg


def _systemd_quote(arg: str) -> str:
    """One ExecStart= word: double-quoted with C escapes when needed, $ doubled.

    `%` is doubled for the whole unit file by the caller.
    """
    arg = arg.replace("$", "$$")
    if re.fullmatch(r"[\w@%+=:,./-]+", arg, flags=re.ASCII):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'
