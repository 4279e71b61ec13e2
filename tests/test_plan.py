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
