"""Ground truth: what a correct crawler and extractor must find, read off the model.

Nothing here looks at rendered HTML; the dialect only contributes its URL scheme, the way
it shows the publication time, the bytes it serves for assets and its theme (the page
requisites its templates use, and its robots.txt, which decides which a crawl may fetch).
The truth describes the site as it stands: after mutations, `version` counts them and
`removed` lists what was taken down.
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.robotparser import RobotFileParser

from . import media
from .corpus import Asset
from .dialects import Dialect
from .model import Article

# The fields of an article the truth holds and a correct extraction must equal.
ARTICLE_FIELDS = ("section", "title", "published_at", "source", "body_text", "prev_url", "next_url")


def normalize(text: str) -> str:
    """One displayed line: NBSP and U+3000 are spaces, whitespace runs collapse, ends strip."""
    return " ".join(text.replace("\xa0", " ").replace("\u3000", " ").split())


def ground_truth(dialect: Dialect) -> dict[str, Any]:
    """The JSON-serialisable truth for `dialect`'s site at its base URL."""
    with dialect.site.lock:
        return _truth(dialect)


def _truth(dialect: Dialect) -> dict[str, Any]:
    site = dialect.site
    url = dialect.url
    listed_in: dict[int, list[str]] = {}
    pages: list[dict[str, str]] = [{"url": dialect.base, "kind": "home"}]
    missing, redirects, offsite_redirects = [], [], []
    for section in site.sections:
        if section.kind != "listing":
            pages.append({"url": url(dialect.section_path(section)), "kind": section.kind})
            continue
        for number, entries in enumerate(site.listing_pages(section), 1):
            page_url = url(dialect.listing_path(section, number))
            pages.append({"url": page_url, "kind": "listing"})
            for art, old_url in entries:
                target = url(dialect.article_path(art))
                if art.status == "deleted":
                    missing.append({"url": target, "referer": page_url})
                elif art.status == "offsite":
                    offsite_redirects.append({"from": target, "to": dialect.offsite_target(art)})
                else:
                    names = listed_in.setdefault(art.id, [])
                    if section.name not in names:
                        names.append(section.name)
                    if old_url:
                        redirects.append(
                            {
                                "from": url(dialect.old_article_path(art)),
                                "to": target,
                                "status": 301,
                            }
                        )
    articles, assets = [], []
    for art in site.articles:
        record = _article(dialect, art, listed_in.get(art.id, []))
        articles.append(record)
        files = _files(dialect, art)
        for kind in ("image", "attachment"):
            assets += [_asset(dialect, art, f, record["url"]) for f in files if f.kind == kind]
    return {
        "dialect": dialect.name,
        "base_url": dialect.base,
        "version": site.version,
        "articles": articles,
        "pages": pages,
        "sections": [
            {"name": s.name, "url": url(dialect.section_path(s)), "kind": s.kind}
            for s in site.sections
        ],
        "missing": missing,
        "redirects": redirects,
        "offsite_redirects": offsite_redirects,
        "assets": assets,
        "requisites": requisites(dialect),
        "removed": [
            {"url": url(dialect.article_path(site.by_id[i])), "status": status}
            for i, status in site.removed.items()
        ],
    }


def requisites(dialect: Dialect) -> list[dict[str, Any]]:
    """The page requisites a crawl finds: what the pages load, and what the stylesheets load.
    Each with what its server answers, and whether robots.txt ``disallowed`` it (a crawl
    fetches those all the same unless told to obey it for requisites too); off-site ones are
    listed, never fetched."""
    robots = RobotFileParser()
    robots.parse(dialect.robots.splitlines())
    found: list[dict[str, Any]] = []
    fetched: set[str | None] = {None}  # the pages themselves
    for file in dialect.theme:
        if file.loaded_by not in fetched:
            continue
        url = (dialect.offsite if file.offsite else dialect.base) + file.path[1:]
        disallowed = not file.offsite and not robots.can_fetch("ggcrawl", url)
        record: dict[str, Any] = {
            "url": url,
            "kind": file.kind,
            "offsite": file.offsite,
            "disallowed": disallowed,
            "loaded_by": file.loaded_by and dialect.url(file.loaded_by),
        }
        if not file.offsite:
            data = dialect.theme_bytes(file.path)
            record["size"] = len(data)
            record["sha256"] = hashlib.sha256(data).hexdigest()
            record["content_type"] = media.CONTENT_TYPES[media.extension(file.path)]
            if file.kind == "stylesheet":
                fetched.add(file.path)
        found.append(record)
    return found


def _files(dialect: Dialect, art: Article) -> list[Asset]:
    lines = dialect.site.body(art)
    return [seg.asset for line in lines for seg in line.segs if seg.asset is not None]


def _asset(dialect: Dialect, art: Article, asset: Asset, article_url: str) -> dict[str, Any]:
    """One asset with what its server answers: the off-site server serves off-site images."""
    url = dialect.asset_url(art, asset)
    if asset.offsite:
        data = media.offsite_image("/" + url[len(dialect.offsite) :])
    else:
        data = dialect.asset_bytes(art, asset)
    return {
        "url": url,
        "article_url": article_url,
        "kind": asset.kind,
        "offsite": asset.offsite,
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "content_type": media.CONTENT_TYPES[asset.ext],
    }


def _article(dialect: Dialect, art: Article, listed_in: list[str]) -> dict[str, Any]:
    older, newer = dialect.site.neighbours(art)
    lines = dialect.site.body(art)
    files = _files(dialect, art)
    return {
        "url": dialect.url(dialect.article_path(art)),
        "section": art.section.name,
        "title": normalize(art.title),
        "published_at": dialect.truth_time(art.published),
        "source": normalize(art.source) or None,
        "body_text": "\n".join(t for t in (normalize(line.text) for line in lines) if t),
        "images": [dialect.asset_url(art, f) for f in files if f.kind == "image"],
        "attachments": [
            {"url": dialect.asset_url(art, f), "name": normalize(f.name)}
            for f in files
            if f.kind == "attachment"
        ],
        "prev_url": dialect.url(dialect.article_path(older)) if older else None,
        "next_url": dialect.url(dialect.article_path(newer)) if newer else None,
        "listed": bool(listed_in),
        "listed_in": listed_in,
    }
