"""Extraction on held-out pages in markup the extractor was not written against.

tests/fixtures/unseen/ holds pages hand-written from what the seed page and neighbouring sites
show, in other CMS styles (one folder a page: body.html as served, meta.json with url and
headers, expected.json with the fields). They were written and fixed in the same commits as the
extractor, so they are fixtures now; tests/fixtures/real/ measures unseen markup.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ggcrawl.extract import extract_article, listing, load_page, nav_sections, page_kind
from ggcrawl.urls import normalize_url

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"
PAGES = sorted(p for p in UNSEEN.iterdir() if (p / "body.html").exists())
ARTICLE_FIELDS = (
    "title",
    "section",
    "published_at",
    "source",
    "body_text",
    "images",
    "attachments",
    "prev_url",
    "next_url",
)


def normalized(value):
    """Expected URLs in the archive's own form (ggcrawl.urls.normalize_url): the fixtures give
    them as the page links them."""
    if isinstance(value, str) and value.startswith("http"):
        return normalize_url(value)
    if isinstance(value, list):
        return [normalized(v) for v in value]
    if isinstance(value, dict):
        return {k: normalized(v) if k == "url" else v for k, v in value.items()}
    return value


def load(folder: Path):
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    raw = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    expected = {
        key: normalized(value) if key != "body_text" else value for key, value in raw.items()
    }
    page = load_page(meta["url"], (folder / "body.html").read_bytes(), meta.get("headers", {}))
    return meta, expected, page


def test_corpus_is_there() -> None:
    kinds = {json.loads((p / "meta.json").read_text())["kind"] for p in PAGES}
    assert len(PAGES) >= 12 and kinds == {"article", "home", "listing"}


@pytest.mark.parametrize("folder", PAGES, ids=[p.name for p in PAGES])
def test_unseen_page(folder: Path) -> None:
    meta, expected, page = load(folder)
    if meta["kind"] == "article":
        fields = extract_article(page)
        got = {name: getattr(fields, name) for name in ARTICLE_FIELDS}
        assert got == {name: expected[name] for name in ARTICLE_FIELDS}
        assert page_kind(page) == "article"
    elif meta["kind"] == "home":
        got = [{"name": link.text, "url": link.url} for link in nav_sections(page)]
        assert got == expected["sections"]
    else:
        found = listing(page)
        assert [link.url for link in found.items] == expected["items"]
        assert [link.url for link in found.pages] == expected["pages"]
        assert page_kind(page) == "listing"
