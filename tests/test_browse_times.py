"""Times in the browse view as the site's readers write them (ggcrawl.browse.times)."""

from __future__ import annotations

import pytest

from ggcrawl.browse.times import readable, shown, time_cell


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("2019-01-29T09:57:00+08:00", "2019年1月29日 09:57"),
        ("2019-05-18T13:55:12+08:00", "2019年5月18日 13:55:12"),
        ("2019-01-29", "2019年1月29日"),  # the page showed a date alone
        # A crawl's UTC time, in Beijing time and named so: a day later past 16:00 UTC.
        ("2026-12-06T02:12:40Z", "2026年12月6日 10:12:40 北京时间"),
        ("2026-12-31T16:30:00Z", "2027年1月1日 00:30:00 北京时间"),
    ],
)
def test_times_read_as_people_write_them(stored: str, shown: str) -> None:
    assert readable(stored) == shown


@pytest.mark.parametrize("value", ["", "soon", "2019-13-01", "2019-01-29T09:57:00", "12345"])
def test_what_is_not_a_time_is_left_alone(value: str) -> None:
    assert readable(value) is None
    assert time_cell("published_at", value) is None


def test_a_time_cell_keeps_the_stored_value_for_machines() -> None:
    cell = str(time_cell("fetched_at", "2026-12-06T02:12:40Z"))
    assert cell == (
        '<time datetime="2026-12-06T02:12:40Z" title="2026-12-06T02:12:40Z">'
        "2026年12月6日 10:12:40 北京时间</time>"
    )
    assert time_cell("title", "2019-01-29") is None  # only …_at columns are times


def test_the_template_filter_shows_times_and_leaves_the_rest() -> None:
    assert shown("2019-01-29") == "2019年1月29日"
    assert shown("not a time") == "not a time"
    assert shown(None) == "" and shown(7) == "7"
