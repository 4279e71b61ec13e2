"""The browse view in a real headless Chromium (Debian's, driven by Playwright): a reader opens
the front page, searches 关工, opens an article, its snapshot and a diff. Screenshots go to
test-artifacts/; nothing the pages load may leave 127.0.0.1, and no archived script may run."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Page, sync_playwright

from ggcrawl.urls import normalize_url
from tests.conftest import REPO
from tests.test_browse_pages import hostile  # noqa: F401 (the fixture, shared)
from tests.test_browse_replay import styled  # noqa: F401 (the fixture, shared)

pytestmark = [pytest.mark.e2e, pytest.mark.server, pytest.mark.browser]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def browsing(db: Path) -> Iterator[str]:
    """`ggcrawl browse` as a user starts it, on a free port; yields its base URL."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GGCRAWL_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "ggcrawl", "browse", "--db", str(db), "--port", "0"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert match, line
        yield match.group(0)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def served(history_archive):
    """The history archive being browsed: (base URL, archive facts)."""
    with browsing(history_archive[0]) as base:
        yield base, history_archive


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A page that records every request leaving loopback, every dialog and script error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.outside: list[str] = []
    page.dialogs: list[str] = []
    page.errors: list[str] = []

    def guard(route, request) -> None:
        if urlsplit(request.url).hostname not in ("127.0.0.1", None) and not request.url.startswith(
            "data:"
        ):
            page.outside.append(request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_reader_searches_reads_and_compares(served, page) -> None:
    base, (db, truth, edited_url, _removed) = served
    page.goto(base)
    assert "天水关工网" in page.content()
    shot(page, "01-front-page")

    page.locator("input[name=q]").first.fill("关工")
    page.locator("input[name=q]").first.press("Enter")
    page.wait_for_load_state()
    hits = page.locator("a[href*='/-/article']")
    expected = [a for a in truth["articles"] if "关工" in a["title"] or "关工" in a["body_text"]]
    assert hits.count() >= min(len(expected), 10) > 0
    shot(page, "02-search-关工")

    hits.first.click()
    page.wait_for_load_state()
    title = page.locator("h1").first.inner_text().strip()
    assert any(a["title"] == title for a in truth["articles"])
    article = next(a for a in truth["articles"] if a["title"] == title)
    body_start = article["body_text"].split("\n")[0][:12]
    assert body_start in page.inner_text("body")
    shot(page, "03-article")

    page.locator("a[href*='/-/snapshot/']").first.click()
    page.wait_for_load_state()
    frame = page.frame_locator("iframe")
    assert title.split(" ")[0] in frame.locator("body").inner_text()
    page.wait_for_timeout(500)  # let the frame paint before the screenshot
    assert page.locator("iframe").first.get_attribute("sandbox") is not None
    # the capture banner above the frame, and in the replay inside it
    assert "抓取于 / Captured" in page.locator("#ggcrawl-banner").first.inner_text()
    assert frame.locator("#ggcrawl-banner").is_visible()
    shot(page, "04-snapshot")

    database = Path(db).stem
    page.goto(f"{base}{database}/-/article?url={quote(edited_url, safe='')}")
    page.locator("a[href*='/-/diff']").first.click()
    page.wait_for_load_state()
    assert page.locator("ins").count() > 0 and page.locator("del").count() > 0
    assert "关工委工作修订稿" in page.inner_text("body")
    shot(page, "05-diff")

    assert page.outside == [] and page.dialogs == [] and page.errors == []


def test_article_page_screenshot_for_the_readme(served, page) -> None:
    base, (db, truth, _edited, _removed) = served
    seed = next(a for a in truth["articles"] if a["title"] == "抓好基层组织建设 充分发挥关工作用")
    url = normalize_url(seed["url"])
    page.goto(f"{base}{Path(db).stem}/-/article?url={quote(url, safe='')}")
    assert "清水县关工委" in page.inner_text("body")
    page.screenshot(path=str(ARTIFACTS / "article.png"))
    assert page.outside == [] and page.dialogs == []


def test_hostile_page_neither_runs_nor_loads_anything(hostile, page) -> None:  # noqa: F811
    db, url, snapshot_id, _asset, _target = hostile
    with browsing(db) as base:
        for path in (
            f"tsggw/-/snapshot/{snapshot_id}",
            f"tsggw/-/snapshot/{snapshot_id}/raw",
            f"tsggw/-/article?url={quote(url, safe='')}",
            f"tsggw/-/diff?url={quote(url, safe='')}&from=1&to=2",
        ):
            page.goto(base + path)
            page.wait_for_timeout(1500)  # time for refreshes, onerror handlers, lazy loads
            assert page.url == base + path
            for frame in page.frames:
                assert urlsplit(frame.url).hostname in ("127.0.0.1", None)
        shot(page, "06-hostile-diff")
    assert page.dialogs == []
    assert page.outside == []


def test_a_replay_is_styled_by_its_archived_stylesheets(styled, page) -> None:  # noqa: F811
    db, _base, home, shas = styled
    with browsing(db) as served:
        page.goto(f"{served}tsggw/-/snapshot/{home}/raw")
        page.wait_for_load_state("networkidle")
        lead = page.locator("p.lead")
        # the archived stylesheet applies, and so does the one it @imports
        assert lead.evaluate("node => getComputedStyle(node).color") == "rgb(204, 0, 0)"
        more = page.locator("span.more")
        assert more.evaluate("node => getComputedStyle(node).color") == "rgb(0, 0, 204)"
        background = page.evaluate("getComputedStyle(document.body).backgroundImage")
        assert f"/tsggw/-/asset/{shas['/images/bg.png']}" in background
        logo = page.locator("img[alt=logo]")
        assert logo.evaluate("node => node.complete && node.naturalWidth") == 1
        # the banner keeps its own look whatever the page's stylesheets say
        banner = page.locator("#ggcrawl-banner")
        assert banner.evaluate("n => getComputedStyle(n).backgroundColor") == "rgb(31, 35, 41)"
        shot(page, "07-styled-replay")
    assert page.outside == [] and page.dialogs == [] and page.errors == []
