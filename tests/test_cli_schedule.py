"""`ggcrawl schedule`: the crontab line or systemd timer for a recurring crawl."""

from __future__ import annotations

from pathlib import Path


def test_prints_a_crontab_line_with_a_lock(cli, tmp_path: Path) -> None:
    db = tmp_path / "archive" / "tsggw.db"
    result = cli(
        "schedule",
        "--start-url",
        "http://example.org/",
        "--db",
        str(db),
        "--every",
        "weekly",
        "-s",
        "OPERATOR_CONTACT=mailto:me@example.org",
    )
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    assert line.startswith("0 0 * * 1 flock -n ")
    assert f"{db}.run.lock" in line and "crawl --start-url http://example.org/" in line
    assert "-s OPERATOR_CONTACT=mailto:me@example.org" in line and line.endswith("# ggcrawl")


def test_installs_a_systemd_user_timer(cli, tmp_path: Path) -> None:
    home = tmp_path / "home"
    db = tmp_path / "archive" / "tsggw.db"
    result = cli(
        "schedule",
        "--start-url",
        "http://example.org/",
        "--db",
        str(db),
        "--systemd",
        "--install",
        env={"HOME": str(home)},
    )
    assert result.returncode == 0, result.stderr
    units = home / ".config" / "systemd" / "user"
    timer = (units / "ggcrawl-crawl.timer").read_text()
    service = (units / "ggcrawl-crawl.service").read_text()
    assert "OnCalendar=daily" in timer or "OnCalendar=*-*-* 00:00:00" in timer
    assert "Type=oneshot" in service and "crawl --start-url http://example.org/" in service
    assert "systemctl --user enable --now ggcrawl-crawl.timer" in result.stdout
    assert db.parent.is_dir()


def test_bad_schedule_input(cli, tmp_path: Path) -> None:
    bad = cli("schedule", "--start-url", "http://example.org/", "--every", "sometimes")
    assert bad.returncode == 2 and "sometimes" in bad.stderr and "Traceback" not in bad.stderr
    missing = cli("schedule", cwd=tmp_path)
    assert missing.returncode == 2 and "--start-url" in missing.stderr
