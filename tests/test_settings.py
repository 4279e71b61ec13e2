"""Live-site defaults are polite, and every one of them can be overridden with -s."""

from __future__ import annotations

from pathlib import Path

from scrapy.settings import Settings

from ggcrawl.runner import build_settings, parse_overrides
from ggcrawl.spiders.tsggw import TsggwSpider


def project_settings(**overrides: str) -> Settings:
    settings = build_settings(Path("x.db"), overrides)
    TsggwSpider.update_settings(settings)
    return settings


def test_polite_defaults() -> None:
    settings = project_settings()
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2
    assert settings.getint("CONCURRENT_REQUESTS") <= 2
    assert settings.getfloat("DOWNLOAD_DELAY") >= 1
    assert settings.get("USER_AGENT").startswith("ggcrawl/")
    assert "operator contact not set" in settings.get("USER_AGENT")
    assert settings.get("ARCHIVE_DB") == "x.db"


def test_operator_contact_goes_into_the_user_agent() -> None:
    settings = project_settings(OPERATOR_CONTACT="mailto:archivist@example.org")
    assert settings.get("USER_AGENT").startswith("ggcrawl/")
    assert "+mailto:archivist@example.org" in settings.get("USER_AGENT")


def test_command_line_settings_win() -> None:
    overrides = parse_overrides(["ROBOTSTXT_OBEY=False", "DOWNLOAD_DELAY=3", "USER_AGENT=mine/1"])
    settings = project_settings(**overrides)
    assert not settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getfloat("DOWNLOAD_DELAY") == 3
    assert settings.get("USER_AGENT") == "mine/1"
