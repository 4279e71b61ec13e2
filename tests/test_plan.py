"""Revisit policies: which archived articles a re-crawl fetches again."""

from __future__ import annotations

from datetime import date

import pytest

from ggcrawl.plan import parse_revisit, revisit_entry
from ggcrawl.store.archive import KnownArticle


def article(published: str | None) -> KnownArticle:
    return KnownArticle("http://h/1", '"abc"', "Tue, 29 Jan 2019 01:57:20 GMT", published, False)


def test_policies() -> None:
    today = date(2026, 11, 29)
    assert not parse_revisit("none").wants(article("2026-11-28T10:00:00+08:00"), today)
    assert parse_revisit("all").wants(article("2012-01-01"), today)
    recent = parse_revisit("days:30")
    assert recent.wants(article("2026-11-01T09:00:00+08:00"), today)
    assert not recent.wants(article("2026-10-29"), today)
    assert not recent.wants(article(None), today)


@pytest.mark.parametrize("bad", ["sometimes", "days:", "days:-1", "days:x", "weeks:2"])
def test_bad_policies_say_what_is_accepted(bad: str) -> None:
    with pytest.raises(ValueError, match="none, all, or days:N"):
        parse_revisit(bad)


def test_revisit_is_a_conditional_request() -> None:
    entry = revisit_entry(article("2019-01-29"))
    assert entry.role == "article"
    assert entry.meta["headers"] == {
        "If-None-Match": '"abc"',
        "If-Modified-Since": "Tue, 29 Jan 2019 01:57:20 GMT",
    }


def test_a_crawl_killed_after_its_last_page_is_closed_not_resumed(tmp_path) -> None:
    from ggcrawl.items import FrontierEntry
    from ggcrawl.plan import make_plan
    from ggcrawl.store import Archive

    first = FrontierEntry("http://h/", "home", 100, {})
    with Archive.open(tmp_path / "a.db") as archive:
        killed = archive.begin_crawl("http://h/", {}, mode="full", first=[first])
        archive.conn.execute("UPDATE frontier SET state = 'done'")  # all work done, then killed
        plan = make_plan(archive, first, full=False, revisit=parse_revisit("none"), settings={})
        rows = archive.conn.execute("SELECT id, outcome FROM crawls ORDER BY id").fetchall()
    assert not plan.resumed and plan.crawl_id != killed
    assert [tuple(r) for r in rows] == [(killed, "finished"), (plan.crawl_id, "running")]
