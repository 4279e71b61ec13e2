"""When extraction health flags a crawl (ggcrawl.health.judge), on counts as the archive keeps
them: field → (articles extracted, articles with the field)."""

from __future__ import annotations

from ggcrawl.health import DROP, MIN_SAMPLE, judge


def counts(articles: int, **found: int) -> dict[str, tuple[int, int]]:
    fields = ("title", "published_at", "source", "section", "body_text", "prev_next")
    return {name: (articles, found.get(name, articles)) for name in fields} | {
        "parse_warnings": (articles, found.get("parse_warnings", 0))
    }


def test_a_healthy_crawl_is_not_flagged() -> None:
    assert judge(counts(100, source=97), counts(100, source=98)) == []
    assert judge(counts(100), None) == []


def test_a_field_that_drops_sharply_is_flagged() -> None:
    flags = judge(counts(100, source=10), counts(200, source=196))
    assert [(f.field, f.rate, f.previous) for f in flags] == [("source", 0.10, 0.98)]
    assert flags[0].reason == "found on 10%, was 98%"
    # A fall of DROP or less is the site's own variation, not a template change.
    assert judge(counts(100, source=int(100 * (0.98 - DROP))), counts(100, source=98)) == []


def test_mostly_warnings_is_flagged_even_on_a_first_crawl() -> None:
    flags = judge(counts(40, parse_warnings=30), None)
    assert [(f.field, f.reason) for f in flags] == [
        ("parse_warnings", "75% of the articles carry warnings")
    ]


def test_too_few_articles_tell_nothing() -> None:
    small = MIN_SAMPLE - 1
    assert judge(counts(small, source=0, parse_warnings=small), counts(100)) == []
    # Nor does a previous crawl that extracted too few to compare with.
    assert judge(counts(100, source=0), counts(small)) == []
