"""Which archived URL a reader means by an address they paste.

People paste addresses as they find them: without ``http://``, with or without ``www.``, with
``https://``, without the trailing slash of a directory, or under the address the site has
moved to since the archive's first crawl, while the archive keeps every URL in one normalised
form under the site's first origin (ggcrawl.urls, ggcrawl.scope). These are the forms to look
for, most literal first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

from ggcrawl.scope import SiteScope
from ggcrawl.urls import is_fetchable, normalize_url

SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def candidates(text: str, sites: Iterable[str], stored: str | None) -> list[str]:
    """The archived forms ``text`` may name, most literal first: as pasted (``http://`` added
    when it has no scheme), with a directory's trailing slash added or removed, each also
    under ``stored`` (the origin the archive keeps the site's URLs under) when its origin is
    one of the names of the site seen at ``sites`` (the crawls' start URLs and sites)."""
    text = text.strip()
    if not SCHEME.match(text):
        text = "http://" + text.lstrip("/")
    try:
        url = normalize_url(text)
    except ValueError:
        return []
    if not is_fetchable(url):
        return []
    parts = urlsplit(url)
    forms = [url]
    if parts.path.endswith("/") and len(parts.path) > 1:
        forms.append(urlunsplit(parts._replace(path=parts.path[:-1])))
    elif not parts.path.endswith("/") and "." not in parts.path.rsplit("/", 1)[-1]:
        forms.append(urlunsplit(parts._replace(path=parts.path + "/")))
    scopes = [SiteScope.of(site, canonical=stored) for site in sites]
    found = []
    for form in forms:
        found.append(form)
        found += [scope.to_store(form) for scope in scopes if scope.is_site(form)]
    return list(dict.fromkeys(found))
