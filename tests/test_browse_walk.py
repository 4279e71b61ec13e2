"""A reader's walks through the browse view in a real headless Chromium, clicking only links the
pages show: front page → column → year → article → 上一篇 → snapshot (capture banner) → the page as
served → search,
and search 关工 → page 2 → article. On every page: no link leaves 127.0.0.1, nothing loads from
elsewhere, and no label on the reader's path is in English alone. Screenshots of each step go
to test-artifacts/ (two of them are the README's)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from playwright.sync_api import Page

from tests.test_browse import rows
from tests.test_browse_browser import (  # noqa: F401 (fixtures)
    ARTIFACTS,
    browser,
    page,
    served,
    shot,
)

pytestmark = [pytest.mark.e2e, pytest.mark.server, pytest.mark.browser]

# What a reader reads as a label: headings, names of fields, buttons, the links of navigation
# (not the names of HTTP headers, which are data, as the server sent them).
LABELS = (
    "h1, h2, h3, dt, th:not(.ggcrawl-headers th), label, button, legend, summary, caption, "
    "nav a, .ggcrawl-crumbs a"
)
HAN = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]{2,}")


def check(page: Page, step: str) -> None:  # noqa: F811
    """The page's links stay in the archive, its labels say something in Chinese; then its
    screenshot."""
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    outside = [h for h in hrefs if urlsplit(h).hostname not in ("127.0.0.1", None)]
    assert outside == [], (step, outside)
    english_only = [
        text
        for text in page.eval_on_selector_all(LABELS, "nodes => nodes.map(n => n.innerText)")
        if LATIN.search(text) and not HAN.search(text) and not text.startswith("http")
    ]
    assert english_only == [], (step, english_only)
    assert page.locator("html").get_attribute("lang") == "zh-CN", step
    shot(page, step)


def follow(page: Page, selector: str, step: str) -> None:  # noqa: F811
    page.locator(selector).first.click()
    page.wait_for_load_state()
    check(page, step)


def article_of(page: Page) -> str:  # noqa: F811
    return parse_qs(urlsplit(page.url).query)["url"][0]


def position_of(page: Page, selector: str, url: str) -> int | None:  # noqa: F811
    """Which of the links is the reader page of ``url``."""
    hrefs = page.eval_on_selector_all(selector, "links => links.map(a => a.href)")
    found = [parse_qs(urlsplit(href).query).get("url", [None])[0] for href in hrefs]
    return found.index(url) if url in found else None


def test_front_page_to_column_year_article_previous_snapshot_and_search(served, page) -> None:  # noqa: F811
    base, (db, _truth, _edited, _removed) = served
    # an article whose 上一篇 is archived, reached the way a reader would
    url, section, year, previous, previous_title = rows(
        db,
        "SELECT a.url, a.section, substr(a.published_at, 1, 4), p.url, p.title "
        "FROM articles a JOIN articles p ON p.url = a.prev_url "
        "WHERE a.section IS NOT NULL AND a.published_at IS NOT NULL ORDER BY a.id LIMIT 1",
    )[0]
    page.goto(base)
    check(page, "walk-01-front-page")

    follow(page, f".ggcrawl-columns a:text-is('{section}')", "walk-02-column")
    assert page.locator("h1").inner_text() == section

    follow(page, f".ggcrawl-years a:text-is('{year}年')", "walk-03-year")
    assert f"{year}年" in page.locator("h1").inner_text()
    while (index := position_of(page, ".ggcrawl-titles a", url)) is None:
        page.locator("a[rel=next]").click()
        page.wait_for_load_state()
    page.locator(".ggcrawl-titles a").nth(index).click()
    page.wait_for_load_state()
    check(page, "walk-04-article")
    assert article_of(page) == url
    crumbs = page.locator(".ggcrawl-crumbs").inner_text()
    assert crumbs.startswith("首页") and section in crumbs and f"{year}年" in crumbs

    follow(page, ".ggcrawl-neighbours a[rel=prev]", "walk-05-previous")
    assert article_of(page) == previous
    assert page.locator("h1").first.inner_text().strip() == previous_title

    page.locator("a[href*='/-/snapshot/']").last.click()  # the latest capture
    page.wait_for_load_state()
    banner = page.frame_locator("iframe").locator(".ggcrawl-capture")
    assert "存档" in banner.inner_text() and previous in banner.inner_text()
    check(page, "walk-06-snapshot")

    # The page as served, on its own (headless Chromium paints no sandboxed frame in a shot);
    # opened by its address, as Playwright cannot follow a click into a sandboxed document.
    snapshot_page = page.url
    raw = page.locator("a:has-text('单独打开')").first.get_attribute("href")
    page.goto(urljoin(page.url, raw))
    page.wait_for_load_state("networkidle")
    assert previous in page.locator("#ggcrawl-banner").inner_text()
    assert previous_title in page.locator("body").inner_text()
    shot(page, "walk-07-replay")
    page.screenshot(path=str(ARTIFACTS / "replay.png"))  # the README's
    page.goto(snapshot_page)

    page.locator(".ggcrawl-nav-search input[name=q]").fill("扶贫")
    page.locator(".ggcrawl-nav-search button").click()
    page.wait_for_load_state()
    check(page, "walk-08-search")
    assert page.locator(".ggcrawl-hits li").count() > 0
    assert page.outside == [] and page.dialogs == [] and page.errors == []


def test_search_to_page_two_and_an_article(served, page) -> None:  # noqa: F811
    base, (db, _truth, _edited, _removed) = served
    page.goto(base)
    page.locator("form.ggcrawl-search input[name=q]").fill("关工")
    page.locator("form.ggcrawl-search button").click()
    page.wait_for_load_state()
    check(page, "search-01-关工")
    page.screenshot(path=str(ARTIFACTS / "search.png"))  # the README's
    total = int(page.locator(".ggcrawl-total strong").inner_text().replace(",", ""))
    assert total > 20 and page.locator(".ggcrawl-hits li").count() == 20
    assert page.locator(".ggcrawl-hits mark").count() >= 20

    follow(page, "a[rel=next]", "search-02-page-2")
    assert "第 2 /" in page.locator(".ggcrawl-total").inner_text()
    second = page.locator(".ggcrawl-hits li").count()
    assert 0 < second <= 20
    assert page.locator(".ggcrawl-hits").get_attribute("start") == "21"

    title = page.locator(".ggcrawl-hit-title").first.inner_text()
    follow(page, ".ggcrawl-hit-title", "search-03-article")
    assert page.locator("h1").first.inner_text().strip() == title
    archived = rows(db, "SELECT title FROM articles WHERE url = ?", (article_of(page),))
    assert archived[0][0] == title
    assert page.outside == [] and page.dialogs == [] and page.errors == []
