"""The real pages and the three extractors scored on them, each returning the same few fields.

Why one shape (:class:`Got`): the scoring rules in bench.extraction_quality then never know
which extractor they judge. Why ggcrawl's ``decode_html`` for GNE and trafilatura: they take
text, and decoding the bytes the same way for all three keeps a wrong charset guess out of the
comparison (ggcrawl's own guess is part of what it is judged on, through ``load_page``).
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ggcrawl.extract import decode_html, extract_article, load_page

INSTALL_HINT = "pip install -e '.[bench]'"
# Display name of each extractor, in the order the tables show them.
LABELS = {"ggcrawl": "ggcrawl", "gne": "GNE", "trafilatura": "trafilatura"}
# What expected.json must hold for a page to be scored (prev_url, next_url may be absent: None).
EXPECTED_KEYS = ("title", "published_at", "source", "body_start", "body_end")
# The fields each extractor offers at all; the others are shown as "—", not scored as wrong.
OFFERS = {
    "ggcrawl": frozenset({"body", "date", "title", "source", "links"}),
    "gne": frozenset({"body", "date", "title"}),
    "trafilatura": frozenset({"body", "date", "title"}),
}


@dataclass(frozen=True)
class Sample:
    """One saved page of the real corpus: its bytes as served and what a reader sees on it."""

    name: str
    split: str
    url: str
    body: bytes
    headers: dict[str, str]
    expected: dict[str, Any]

    @property
    def content_type(self) -> str | None:
        return next((v for k, v in self.headers.items() if k.lower() == "content-type"), None)


@dataclass(frozen=True)
class Got:
    """What one extractor returned for one page; None where it found nothing."""

    title: str | None = None
    published_at: str | None = None
    body: str | None = None
    source: str | None = None
    prev_url: str | None = None
    next_url: str | None = None
    warnings: tuple[str, ...] = field(default=())
    error: str | None = None  # the extractor raised; every field counts as not found


Extractor = Callable[[Sample], Got]


def load_corpus(root: Path) -> list[Sample]:
    """Every page folder below ``root`` (any depth) that holds expected.json, body.html and
    meta.json; the folder's parent names its split (dev, holdout, incoming, ...). Folders still
    being written (a file or an expected field missing) are left out and counted on stderr."""
    samples, unfinished = [], 0
    for expected_path in sorted(root.rglob("expected.json")):
        sample = _sample(expected_path.parent)
        if sample is None:
            unfinished += 1
        else:
            samples.append(sample)
    if unfinished:
        print(f"[quality] left out {unfinished} unfinished page folder(s)", file=sys.stderr)
    return samples


def _sample(folder: Path) -> Sample | None:
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        body = (folder / "body.html").read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(expected, dict) or not all(key in expected for key in EXPECTED_KEYS):
        return None
    return Sample(
        name=folder.name,
        split=folder.parent.name,
        url=meta["url"],
        body=body,
        headers=dict(meta.get("headers") or {}),
        expected=expected,
    )


def run_ggcrawl(sample: Sample) -> Got:
    """ggcrawl as the crawl runs it: ``load_page`` on the bytes and headers, then the fields."""
    fields = extract_article(load_page(sample.url, sample.body, sample.headers))
    return Got(
        title=fields.title,
        published_at=fields.published_at,
        body=fields.body_text,
        source=fields.source,
        prev_url=fields.prev_url,
        next_url=fields.next_url,
        warnings=tuple(fields.warnings),
    )


def gne_extractor(module: Any) -> Extractor:
    """GNE 0.4: ``GeneralNewsExtractor().extract(text)``; its ``author`` is not a source."""
    extractor = module.GeneralNewsExtractor()

    def run(sample: Sample) -> Got:
        text, _encoding = decode_html(sample.body, sample.content_type)
        found = extractor.extract(text)
        return Got(
            title=found.get("title") or None,
            published_at=found.get("publish_time") or None,
            body=found.get("content") or None,
        )

    return run


def trafilatura_extractor(module: Any) -> Extractor:
    """trafilatura 2: ``bare_extraction(text, url=..., with_metadata=True)``, its defaults."""
    for name in ("trafilatura", "htmldate", "courlan"):  # per-page chatter on stderr
        logging.getLogger(name).setLevel(logging.ERROR)

    def run(sample: Sample) -> Got:
        text, _encoding = decode_html(sample.body, sample.content_type)
        found = module.bare_extraction(text, url=sample.url, with_metadata=True)
        if found is None:
            return Got()
        return Got(title=found.title or None, published_at=found.date or None, body=found.text)

    return run


def guarded(extractor: Extractor) -> Extractor:
    """An extractor that raises on a page scores nothing there instead of ending the run."""

    def run(sample: Sample) -> Got:
        try:
            return extractor(sample)
        except Exception as error:
            return Got(error=f"{type(error).__name__}: {error}")

    return run


def available_extractors() -> tuple[dict[str, Extractor], list[str]]:
    """ggcrawl always; GNE and trafilatura when importable. Also the names of those missing."""
    extractors: dict[str, Extractor] = {"ggcrawl": guarded(run_ggcrawl)}
    missing = []
    for name, wrap in (("gne", gne_extractor), ("trafilatura", trafilatura_extractor)):
        try:
            module = importlib.import_module(name)
        except ImportError:
            missing.append(name)
            continue
        extractors[name] = guarded(wrap(module))
    return extractors, missing


def version(name: str) -> str | None:
    """The installed distribution's version (ggcrawl's too), None when not installed."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None
