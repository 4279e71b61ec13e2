"""When the 上一篇/下一篇 chain makes a listing's next page unnecessary.

Why: an incremental crawl walks a newest-first listing until it shows an archived article. When
a whole page is new, the next page would be fetched only to list articles that the chain of the
page's last article reaches anyway. The spider holds that page back until the chains are walked
and asks this module whether it is still needed: it is not when the page's own articles are
linked one to the next in listing order (so the chain runs in listing order in this column) and
the chain from its last article runs, through articles this crawl fetched, into one archived
before. Anything else (a chain in another order, a broken or failed link, a chain that ends)
leaves the page needed, so nothing can be missed; at worst the page costs its one request.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise

# (上一篇, 下一篇) of an article fetched by this crawl; None where the page shows no link.
Neighbours = tuple[str | None, str | None]


def chain_covers_next_page(
    listed: Sequence[str],
    neighbours: Mapping[str, Neighbours],
    archived: Callable[[str], bool],
) -> bool:
    """True when every article the listing's next page could add is reached by the chain:
    ``listed`` are one page's articles in listing order (all new, all fetched by now),
    ``neighbours`` the chain links of the articles fetched, ``archived`` whether a URL was in
    the archive before this crawl. URLs in all three are in one form, as the spider requests
    them."""
    if len(listed) < 2 or any(url not in neighbours for url in listed):
        return False
    for side in (0, 1):
        if all(neighbours[newer][side] == older for newer, older in pairwise(listed)):
            break
    else:
        return False
    visited = set(listed)
    url = neighbours[listed[-1]][side]
    while url is not None and url not in visited:
        if archived(url):
            return True
        if url not in neighbours:
            return False
        visited.add(url)
        url = neighbours[url][side]
    return False
