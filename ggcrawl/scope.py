"""Which addresses are the site, and under which one its pages are kept.

A site is known under several names: ``http://`` and ``https://``, ``www.`` and the bare host,
and whatever address the operator gave that redirects to it. The crawl fetches from the *live*
origin (where the start URL's redirects end) and the archive keeps every URL under the
*canonical* origin (the live origin of the archive's first crawl), so that a site that moves to
``https://www.`` keeps its archived URLs comparable crawl after crawl. Links to any of the
site's names are the same page: fetched once, stored once. EXTRA_ORIGINS are fetched as they
are, under their own names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from ggcrawl.urls import DEFAULT_PORTS, is_fetchable, origin

Origin = tuple[str, str, int]


def origin_url(value: Origin) -> str:
    """``scheme://host[:port]/``, the port only where it is not the scheme's default."""
    scheme, host, port = value
    shown = "" if DEFAULT_PORTS.get(scheme) == port else f":{port}"
    return f"{scheme}://{host}{shown}/"


def variants(value: Origin) -> set[Origin]:
    """The names a site answers under besides ``value``: the ``www.`` or bare host (never for an
    IP address), and on the scheme's default port the other scheme on its own (one port
    serves one scheme: a site on :8000 has no https twin there)."""
    scheme, host, port = value
    on_default = DEFAULT_PORTS.get(scheme) == port
    schemes = set(DEFAULT_PORTS.items()) if on_default else {(scheme, port)}
    hosts = {host}
    if not _is_ip(host) and "." in host:
        hosts.add(host[4:] if host.startswith("www.") else f"www.{host}")
    return {(s, h, p) for s, p in schemes for h in hosts} - {value}


def _is_ip(host: str) -> bool:
    return host.replace(".", "").isdigit() or ":" in host


@dataclass
class SiteScope:
    """The site's names for one crawl. ``canonical`` is None until the start URL's redirects
    have settled where the site is, for an archive with no earlier crawl."""

    start: Origin
    live: Origin
    canonical: Origin | None = None
    extra: frozenset[Origin] = frozenset()
    aliases: set[Origin] = field(default_factory=set)

    @classmethod
    def of(
        cls, start_url: str, *, canonical: str | None = None, extra: tuple[str, ...] = ()
    ) -> SiteScope:
        start = origin(start_url)
        scope = cls(
            start,
            start,
            origin(canonical) if canonical else None,
            frozenset(origin(url) for url in extra),
        )
        scope.moved_to(start_url)
        return scope

    def moved_to(self, url: str) -> bool:
        """The start URL's redirects lead to ``url``: its origin is where pages are fetched
        from now on. True if that changes the live origin."""
        new = origin(url)
        changed = new != self.live
        self.live = new
        names = {self.start, new, *variants(new), *variants(self.start)}
        if self.canonical is not None:
            names |= {self.canonical, *variants(self.canonical)}
        self.aliases = names
        return changed

    @property
    def stored(self) -> Origin:
        """The origin URLs are kept under."""
        return self.canonical if self.canonical is not None else self.live

    def is_site(self, url: str) -> bool:
        """Whether ``url`` is one of the site's pages (under any of its names) or of an
        EXTRA_ORIGINS origin."""
        if not is_fetchable(url):
            return False
        found = origin(url)
        return found in self.aliases or found in self.extra

    def to_store(self, url: str) -> str:
        """``url`` under the canonical origin, if it names the site."""
        return self._rehome(url, self.stored)

    def to_fetch(self, url: str) -> str:
        """``url`` under the live origin, if it names the site."""
        return self._rehome(url, self.live)

    def _rehome(self, url: str, target: Origin) -> str:
        found = origin(url)
        if found == target or found not in self.aliases:
            return url
        scheme, host, port = target
        netloc = host if DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
        return urlunsplit(urlsplit(url)._replace(scheme=scheme, netloc=netloc))
