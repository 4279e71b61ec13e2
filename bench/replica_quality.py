"""ggcrawl's fields on the replica's own dialects, compared with the ground truth exactly.

Why in-process: a dialect's ``respond`` draws the very bytes ``ReplicaServer`` sends (the
server only adds Date, Server and Content-Length, and gzip on request), so no server, socket
or crawl is needed to extract every article page. The fields and the URL rule are the ones the
end-to-end tests hold an archive to (ARTICLE_FIELDS): equality, URLs normalized.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ggcrawl.extract import extract_article, load_page
from ggcrawl.replica import DIALECTS, build_site
from ggcrawl.replica.dialects import DIALECT_CLASSES
from ggcrawl.replica.truth import ARTICLE_FIELDS as FIELDS
from ggcrawl.replica.truth import ground_truth
from ggcrawl.urls import normalize_url

# Addresses the pages are drawn for; nothing listens there.
BASE_URL = "http://127.0.0.1:8000/"
OFFSITE_URL = "http://127.0.0.1:8001/"
KEEP_WRONG = 20  # URLs kept per field for --failures
# A change to a served page before extraction:
# (url, body, headers, the article's truth) -> (body, headers).
Change = Callable[
    [str, bytes, Mapping[str, str], Mapping[str, Any]], tuple[bytes, Mapping[str, str]]
]


def comparable(name: str, value: Any) -> Any:
    """A field as the archive tests compare it: URLs normalized, everything else as is."""
    if name.endswith("_url") and value:
        return normalize_url(value)
    return value


def dialect_accuracy(
    dialect: str, articles: int, seed: int, change: Change | None = None
) -> dict[str, Any]:
    """Every live article of a fresh site in ``dialect``: per field, how many are exactly the
    truth; and the first wrong ones, with what was expected and got. ``change``: what is done
    to each page as served before it is read (bench.extraction_robustness)."""
    renderer = DIALECT_CLASSES[dialect](build_site(articles, seed), BASE_URL, OFFSITE_URL)
    truth = ground_truth(renderer)
    right = dict.fromkeys(FIELDS, 0)
    wrong: dict[str, list[dict[str, Any]]] = {name: [] for name in FIELDS}
    for article in truth["articles"]:
        url = article["url"]
        answer = renderer.respond("GET", "/" + url[len(renderer.base) :])
        body, headers = answer.body, dict(answer.headers)
        if change is not None:
            body, headers = change(url, body, headers, article)
        fields = extract_article(load_page(url, body, headers))
        for name in FIELDS:
            want, got = comparable(name, article[name]), comparable(name, getattr(fields, name))
            if got == want:
                right[name] += 1
            elif len(wrong[name]) < KEEP_WRONG:
                wrong[name].append({"url": url, "expected": want, "got": got})
    pages = len(truth["articles"])
    return {
        "articles": pages,
        "fields": {
            name: {
                "right": right[name],
                "share": round(right[name] / pages, 3) if pages else None,
                "wrong": wrong[name],
            }
            for name in FIELDS
        },
    }


def replica_accuracy(articles: int, seed: int) -> dict[str, Any]:
    """:func:`dialect_accuracy` for every dialect the replica speaks."""
    return {dialect: dialect_accuracy(dialect, articles, seed) for dialect in DIALECTS}
