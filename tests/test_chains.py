"""When the chain makes a listing's next page unnecessary, and every way it can fail to."""

from __future__ import annotations

from ggcrawl.chains import chain_covers_next_page

# A column, newest first: n1 n2 n3 (page 1, all new), n4 n5 (would be on page 2, new),
# k1 k2 (archived before this crawl). 上一篇 points to the older article, 下一篇 to the newer.
ORDER = ["n1", "n2", "n3", "n4", "n5", "k1", "k2"]
ARCHIVED = {"k1", "k2"}


def chain(order: list[str], *, fetched: set[str]) -> dict[str, tuple[str | None, str | None]]:
    links = {}
    for i, url in enumerate(order):
        older = order[i + 1] if i + 1 < len(order) else None
        newer = order[i - 1] if i > 0 else None
        links[url] = (older, newer)
    return {url: pair for url, pair in links.items() if url in fetched}


def covers(listed, links) -> bool:
    return chain_covers_next_page(listed, links, ARCHIVED.__contains__)


def test_chain_in_listing_order_reaching_an_archived_article_covers_the_next_page() -> None:
    links = chain(ORDER, fetched={"n1", "n2", "n3", "n4", "n5"})
    assert covers(["n1", "n2", "n3"], links)


def test_either_link_may_point_to_the_older_article() -> None:
    links = {
        url: (newer, older) for url, (older, newer) in chain(ORDER, fetched=set(ORDER)).items()
    }
    assert covers(["n1", "n2", "n3"], {u: v for u, v in links.items() if u not in ARCHIVED})


def test_a_gap_in_the_chain_leaves_the_page_needed() -> None:
    # n4 was not fetched (a failure, or a link the chain does not have): n5 may be listed only.
    links = chain(ORDER, fetched={"n1", "n2", "n3", "n5"})
    assert not covers(["n1", "n2", "n3"], links)


def test_a_chain_in_another_order_than_the_listing_leaves_the_page_needed() -> None:
    # A site-wide chain: the next article in the chain belongs to another column.
    links = chain(["n1", "x1", "n2", "n3", "n4", "k1"], fetched={"n1", "x1", "n2", "n3", "n4"})
    assert not covers(["n1", "n2", "n3"], links)


def test_a_chain_that_ends_or_loops_before_an_archived_article_leaves_the_page_needed() -> None:
    ends = chain(["n1", "n2", "n3", "n4"], fetched={"n1", "n2", "n3", "n4"})
    assert not covers(["n1", "n2", "n3"], ends)
    loops = chain(ORDER, fetched={"n1", "n2", "n3", "n4"}) | {"n4": ("n2", "n3")}
    assert not covers(["n1", "n2", "n3"], loops)


def test_an_unfetched_listed_article_or_a_single_one_decides_nothing() -> None:
    links = chain(ORDER, fetched={"n1", "n3", "n4", "n5"})
    assert not covers(["n1", "n2", "n3"], links)
    assert not covers(["n5"], chain(ORDER, fetched=set(ORDER) - ARCHIVED))
