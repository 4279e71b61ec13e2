"""The columns bar on the reading pages: the site's nav order, only columns with articles, each
leading to its column page; on the reader, column and search pages alike."""

from __future__ import annotations

import html
import re
import urllib.parse

from tests.test_browse import get, rows

BAR = re.compile(r'<nav class="ggcrawl-columns-bar"[^>]*>(.*?)</nav>', re.S)


def bar(page: str) -> list[tuple[str, str]]:
    found = BAR.search(page)
    assert found, "no columns bar"
    return [
        (html.unescape(href), name)
        for href, name in re.findall(r'<a href="([^"]+)">([^<]+)</a>', found.group(1))
    ]


def test_the_bar_is_the_sites_nav_order_of_columns_with_articles(ds, db) -> None:
    expected = [
        row[0]
        for row in rows(
            db,
            "SELECT name FROM sections WHERE name IN (SELECT section FROM articles) "
            "ORDER BY position",
        )
    ]
    assert len(expected) > 3
    url = rows(db, "SELECT url FROM articles LIMIT 1")[0][0]
    pages = [
        "/tsggw/-/article?" + urllib.parse.urlencode({"url": url}),
        "/tsggw/-/column?" + urllib.parse.urlencode({"name": expected[0]}),
        "/tsggw/-/search?q=%E5%85%B3%E5%B7%A5",
    ]
    for path in pages:
        assert [name for _, name in bar(get(ds, path).text)] == expected, path
    for href, name in bar(get(ds, pages[0]).text):
        assert f"<h1>{name}</h1>" in get(ds, href).text
