"""The one real article we hold (browser text, shipped as package data), as replica input.

The replica embeds it verbatim so that every dialect serves at least one page whose text is
known to be real, not generated.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from importlib import resources
from typing import NamedTuple

_META = re.compile(r"^时间:(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\s+来源:(\S*)\s*$")


class SeedArticle(NamedTuple):
    """Fields of the seed page, read from its labelled lines."""

    section: str
    title: str
    published: datetime
    source: str
    lines: tuple[str, ...]  # body lines as they stand, indents and blank lines included
    prev_title: str
    next_title: str


@cache
def load_seed() -> SeedArticle:
    """Read seed_article.txt from the package (never from the shared folder)."""
    text = resources.files(__package__).joinpath("seed_article.txt").read_text("utf-8")
    lines = text.split("\n")
    meta = next(i for i, line in enumerate(lines) if _META.match(line))
    found = _META.match(lines[meta])
    assert found is not None
    prev = next(i for i, line in enumerate(lines) if line.startswith("上一篇:"))
    body = lines[meta + 1 : prev]
    while body and not body[-1].strip():
        body.pop()
    crumbs = [c.strip() for c in lines[meta - 2].split(">")]
    return SeedArticle(
        section=crumbs[1],
        title=" ".join(lines[meta - 1].split()),
        published=datetime.strptime(found[1], "%Y-%m-%d %H:%M:%S"),
        source=found[2],
        lines=tuple(body),
        prev_title=lines[prev].split(":", 1)[1].strip(),
        next_title=lines[prev + 1].split(":", 1)[1].strip(),
    )
