"""Fault mode: the replica server failing in every way a crawler must survive, from a seed.

    plan = FaultPlan(seed=3)
    with ReplicaServer(site, "dede", faults=plan) as srv:
        crawl(srv.base_url)  # meets the faults
        srv.faults = None  # the second run: every URL answers as it does without faults
        crawl(srv.base_url)
        truth = srv.ground_truth()  # the fault-free site (plus "faults" while a plan is set)

How a URL fails is a pure function of the plan and the request target (a hash of the seed with
the target), so the same URLs fail the same way on every run with faults on. Transient faults hit
the first k requests of a target, then it answers normally:

    error      500, or 503 with Retry-After
    hang       nothing is sent for `hang_seconds`, then the connection closes
    reset      the connection is reset (RST), before any answer or after half its header block
    truncate   Content-Length says N, N/2 bytes are sent, then the connection closes

Permanent faults last while faults are on:

    wrong_charset  a few article pages declare the other charset (utf-8 on GBK, gbk on UTF-8)
    redirect_loop  a listing item that 302s to itself, another that 302s between two URLs
    oversize       a listing item of `oversize` bytes, streamed as it is sent
    gzip_bomb      a listing item: ~1 MB of gzip (Content-Encoding: gzip, whatever the client
                   accepts) that inflates to `gzip_bomb` bytes of zeros
    trap           one column's pager always links one page more; trap pages list the column's
                   own articles and unknown ones (404)
    variant        links to some articles and sections carry tracking or session parameters or
                   an index alias; every such variant is answered as its canonical URL

Fault items and the trap's unknown items are fake articles (ids from FAULT_IDS and TRAP_IDS),
drawn and addressed like articles, but never in the site model or its ground truth.

srv.ground_truth() always describes the fault-free site; while a plan is set it also has
"faults": {"seed", "permanent": {url: {"fault", "location" | "size" | "content_type",
"linked_from" (the listing of a fake item)}}, "trap": {"section", "url", "first_page"},
"variants": {variant URL: canonical URL}, "transient": {url: {"fault", "times"}} for every
same-site URL the truth names (any other target: plan.transient(target))}. Variants are
answered as their canonical page only while faults are on.

The server's fault_log gets {"path": request target, "fault": name} for each fault served, with
the names above, but error_500 / error_503 for errors and reset_headers for a reset after half
the header block; a variant's request logs "variant", then its page's permanent fault if any.
"""

from __future__ import annotations

import hashlib
import random
import re
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import Message
from functools import cache, lru_cache
from typing import Any, NamedTuple, cast

from . import corpus
from .dialects.base import Dialect, Response
from .model import Article, Entry, Section, Site

MB = 1024 * 1024
GB = 1024 * MB
FAULT_IDS = 900_000_000  # the fake articles behind loop, over-size and bomb items: FAULT_IDS + n
TRAP_IDS = 700_000_000  # the trap's unknown items: TRAP_IDS + page * page_size + position
TRAP_LIMIT = 100_000  # pages past this answer 404: a pager of N pages draws N links
TRAP_UNKNOWN = 0.3  # share of trap items that are unknown articles
FAKE_EPOCH = datetime(2024, 1, 1, 8)  # fake articles are dated within the year after this
RESET_PAUSE = 0.05  # between half a header block and the reset, so the client gets the half
CHUNK = MB  # the bomb is built from this many zeros, repeated
FILLER = (b"<p>" + b"0123456789" * 12 + b"</p>\n") * 512  # 64 KB of an over-size page
OVERSIZE_HEAD = b"<html><head><title>oversize</title></head><body>\n"
OVERSIZE_TAIL = b"</body></html>\n"
FAKE_FAULTS = ("redirect_loop", "redirect_loop_pair", "oversize", "gzip_bomb")
# How a link may name a page it does not own: tracking and session parameters, index aliases.
VARIANT_KINDS = ("utm_source", "spm", "from", "jsessionid", "PHPSESSID", "sid", "index")
# Query parameters that never name a different page on these servers (lower case).
IGNORED_PARAMETERS = frozenset(
    ("utm_source", "utm_medium", "utm_campaign", "spm", "from", "phpsessid", "sid", "jsessionid")
)
SESSION_PATH = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/?]*", re.IGNORECASE)
REASONS = {500: "Internal Server Error", 503: "Service Temporarily Unavailable"}  # as nginx


class Transient(NamedTuple):
    """A transient fault: the share of URLs it hits, and how many first requests fail."""

    share: float
    times: tuple[int, int] = (1, 1)  # fewest and most failing requests of one URL


# The default plan's transient faults.
ERRORS = Transient(0.08, (1, 3))
HANGS = Transient(0.03)
RESETS = Transient(0.04, (1, 2))
TRUNCATIONS = Transient(0.04, (1, 2))


@dataclass(frozen=True)
class FaultPlan:
    """Which faults a server injects, and where: every choice is a hash of `seed` with a URL.

    Transient shares are of all request targets, disjoint (a URL has at most one transient
    fault); `spared` targets never fail transiently, so a crawl can start and read robots.txt.
    Zero (or False) turns a permanent fault off.
    """

    seed: int = 0
    errors: Transient = ERRORS
    hangs: Transient = HANGS
    resets: Transient = RESETS
    truncations: Transient = TRUNCATIONS
    hang_seconds: float = 20.0  # longer than the replica crawl's DOWNLOAD_TIMEOUT of 15 s
    retry_after: int = 1  # seconds, on every 503
    wrong_charsets: int = 3  # article pages
    redirect_loops: bool = True
    oversize: int = 40 * MB
    gzip_bomb: int = GB  # bytes it inflates to
    trap: bool = True
    variants: float = 0.25  # share of (link context, article or section) that link a variant
    spared: tuple[str, ...] = ("/", "/robots.txt")

    def __post_init__(self) -> None:
        for name, fault in self.transients():
            if not isinstance(fault, Transient):
                raise TypeError(f"{name}: give a Transient(share, (fewest, most))")
            low, high = fault.times
            if not 0 <= fault.share <= 1 or not 1 <= low <= high:
                raise ValueError(f"{name}: share must be in [0, 1] and 1 <= fewest <= most")
        if sum(fault.share for _, fault in self.transients()) > 1:
            raise ValueError("the transient shares add up to more than 1")
        if not 0 <= self.variants <= 1:
            raise ValueError("variants must be in [0, 1]")
        if self.hang_seconds < 0 or self.retry_after < 0 or self.wrong_charsets < 0:
            raise ValueError("hang_seconds, retry_after and wrong_charsets cannot be negative")
        if self.gzip_bomb < 0 or not (self.oversize == 0 or self.oversize >= 1024):
            raise ValueError("oversize is 0 (off) or at least 1024 bytes; gzip_bomb is >= 0")

    def transients(self) -> tuple[tuple[str, Transient], ...]:
        """(fault name, its share and times), in the order the shares are laid out."""
        return (
            ("error", self.errors),
            ("hang", self.hangs),
            ("reset", self.resets),
            ("truncate", self.truncations),
        )

    def unit(self, *parts: object) -> float:
        """A number in [0, 1) decided by the seed and `parts` alone (stable across runs)."""
        digest = hashlib.sha256(repr((self.seed, *parts)).encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64

    def transient(self, target: str) -> tuple[str, int] | None:
        """(fault, k): the first k requests of `target` (path and query) fail that way."""
        if target in self.spared:
            return None
        point, edge = self.unit("transient", target), 0.0
        for name, fault in self.transients():
            edge += fault.share
            if point < edge:
                low, high = fault.times
                return name, low + int(self.unit("times", target) * (high - low + 1))
        return None


def as_plan(faults: FaultPlan | bool | None) -> FaultPlan | None:
    """A server's `faults` argument as a plan: True is the default plan, False or None none."""
    if isinstance(faults, FaultPlan) or faults is None:
        return faults
    if isinstance(faults, bool):
        return FaultPlan() if faults else None
    raise TypeError(f"faults must be a FaultPlan, a bool or None, not {type(faults).__name__}")


class Misbehave(NamedTuple):
    """What the server's handler does instead of sending an answer as it is."""

    fault: str  # "hang" | "reset" | "reset_headers" | "truncate" | "oversize"
    answer: Response = Response(200, (), b"")  # what is cut short, or the over-size headers
    seconds: float = 0.0  # hang
    size: int = 0  # oversize: Content-Length and the bytes streamed


@lru_cache(maxsize=2)
def gzip_bomb(size: int) -> bytes:
    """A gzip member of `size` zeros: one MB compressed once (a full flush makes every MB's
    deflate blocks the same bytes), repeated; only the CRC runs over all the zeros."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(bytes(CHUNK)) + packer.flush(zlib.Z_FULL_FLUSH)
    count, rest = divmod(size, CHUNK)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(bytes(CHUNK), crc)
    tail = b""
    if rest:
        tail = packer.compress(bytes(rest)) + packer.flush(zlib.Z_FULL_FLUSH)
        crc = zlib.crc32(bytes(rest), crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # deflate, no name, mtime 0, unix
    trailer = struct.pack("<II", crc, size & 0xFFFFFFFF)
    return header + block * count + tail + packer.flush() + trailer


def oversize_body(size: int) -> Iterator[bytes]:
    """`size` bytes of HTML, made as they are sent: never more than 64 KB at once."""
    yield OVERSIZE_HEAD
    left = size - len(OVERSIZE_HEAD) - len(OVERSIZE_TAIL)
    while left > 0:
        chunk = FILLER[:left]
        yield chunk
        left -= len(chunk)
    yield OVERSIZE_TAIL


def error_page(status: int, retry_after: int) -> Response:
    """A 500 or 503 as a front-end server sends it (503 says when to come back)."""
    reason = REASONS[status]
    body = (
        f"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n"
        f"<center><h1>{status} {reason}</h1></center>\r\n</body>\r\n</html>\r\n"
    ).encode("ascii")
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html"),)
    if status == 503:
        headers += (("Retry-After", str(retry_after)),)
    return Response(status, headers, body, reason=reason)


def index_alias(dialect: str, path: str) -> str | None:
    """The other name a dialect's server gives the page at `path`, if it has one."""
    if dialect == "phpcms" and path.startswith("/index.php?"):
        return "/" + path[len("/index.php") :]
    if dialect == "dede" and re.fullmatch(r"/a/[a-z]+/", path):
        return path + "index.html"
    return None


def variant_path(dialect: str, path: str, kind: str, token: str) -> str:
    """`path` as a link of `kind` writes it (VARIANT_KINDS); `token` fills session ids."""
    if kind == "index":
        alias = index_alias(dialect, path)
        if alias is not None:
            return alias
        kind = "utm_source"
    if kind == "jsessionid":
        head, mark, query = path.partition("?")
        return f"{head};jsessionid={token[:32].upper()}{mark}{query}"
    pair = {
        "utm_source": "utm_source=weixin&utm_medium=social",
        "spm": f"spm=a1z10.{token[:4]}.0.0",
        "from": "from=timeline",
        "PHPSESSID": f"PHPSESSID={token[:26]}",
        "sid": f"sid={token[:16]}",
    }[kind]
    return path + ("&" if "?" in path else "?") + pair


def canonical_target(dialect: str, target: str) -> str:
    """The target a variant stands for: session path parameters and ignored query parameters
    dropped, index aliases undone; any other target is returned as it is."""
    path, _, query = target.partition("?")
    bare = SESSION_PATH.sub("", path)
    pairs = [p for p in query.split("&") if p]
    kept = [p for p in pairs if p.split("=", 1)[0].lower() not in IGNORED_PARAMETERS]
    if dialect == "dede" and bare.endswith("/index.html"):
        bare = bare[: -len("index.html")]
    if dialect == "phpcms" and bare == "/" and kept:
        bare = "/index.php"
    if bare == path and len(kept) == len(pairs):
        return target
    return bare + ("?" + "&".join(kept) if kept else "")


class Placement(NamedTuple):
    """A fake article a plan puts on the first page of a column's listing."""

    fault: str  # one of FAKE_FAULTS
    article: Article
    section: Section
    position: int  # index among the page's items


class Layout(NamedTuple):
    """Where a plan puts its permanent faults on the site as it stands."""

    placements: tuple[Placement, ...]
    permanent: dict[str, dict[str, Any]]  # target -> {"fault", and "location" | "size" | ...}
    trap: Section | None
    trap_pages: int  # pages the trap column really has
    trap_page: re.Pattern[str] | None  # its listing targets, group 1 the page number
    candidates: frozenset[str]  # paths whose links may be variants: articles and sections


class FaultyDialect(Dialect):
    """Mixed in before a dialect class (see faulty_dialect): draws the site with a plan's fake
    items, trap pages and variant links, and answers the loops and wrong charsets."""

    plan: FaultPlan
    _fault_layout: tuple[int, Layout] | None = None

    def fault_layout(self) -> Layout:
        """The plan's layout for the current site version (callers hold the site's lock)."""
        if self._fault_layout is None or self._fault_layout[0] != self.site.version:
            self._fault_layout = (self.site.version, self._plan_layout())
        return self._fault_layout[1]

    def _plan_layout(self) -> Layout:
        plan, site = self.plan, self.site
        enabled = {
            "redirect_loop": plan.redirect_loops,
            "redirect_loop_pair": plan.redirect_loops,
            "oversize": plan.oversize > 0,
            "gzip_bomb": plan.gzip_bomb > 0,
        }
        placements = []
        for number, fault in enumerate(FAKE_FAULTS, 1):
            if not enabled[fault]:
                continue
            section = min(site.columns, key=lambda s, f=fault: plan.unit("host", f, s.slug))
            shown = len(site.listing_pages(section)[0])
            position = int(plan.unit("position", fault) * (shown + 1))
            fake = self.fake(FAULT_IDS + number, section, fault)
            placements.append(Placement(fault, fake, section, position))
        permanent: dict[str, dict[str, Any]] = {}
        for placement in placements:
            path = self.article_path(placement.article)
            if placement.fault == "redirect_loop":
                permanent[path] = {"fault": "redirect_loop", "location": path}
            elif placement.fault == "redirect_loop_pair":
                other = self.old_article_path(placement.article)
                permanent[path] = {"fault": "redirect_loop", "location": other}
                permanent[other] = {"fault": "redirect_loop", "location": path}
            else:
                permanent[path] = {"fault": placement.fault, "size": getattr(plan, placement.fault)}
        wrong = "text/html; charset=" + ("gbk" if self.encoding == "utf-8" else "utf-8")
        charset = sorted(site.articles, key=lambda a: plan.unit("charset", self.article_path(a)))
        for art in charset[: plan.wrong_charsets]:
            permanent[self.article_path(art)] = {"fault": "wrong_charset", "content_type": wrong}
        trap = min(site.columns, key=lambda s: plan.unit("trap", s.slug)) if plan.trap else None
        trap_page = None
        if trap is not None:
            sentinel = "987654321"
            pattern = re.escape(self.listing_path(trap, int(sentinel)))
            trap_page = re.compile(pattern.replace(sentinel, r"(\d+)"))
        candidates = {self.article_path(a) for a in site.articles}
        candidates |= {self.section_path(s) for s in site.sections}
        return Layout(
            tuple(placements),
            permanent,
            trap,
            len(site.listing_pages(trap)) if trap is not None else 0,
            trap_page,
            frozenset(candidates),
        )

    def fake(self, number: int, section: Section, salt: str) -> Article:
        """A fake article of `section`: looks like the column's others, is nowhere in the model."""
        rng = random.Random(f"{self.plan.seed}:{salt}")
        published = FAKE_EPOCH + timedelta(minutes=rng.randrange(365 * 24 * 60))
        return Article(
            id=number,
            section=section,
            title=corpus.title(rng, section.name, published.year, False, False),
            published=published,
            source="",
            status="fault",
            gg=False,
            fp=False,
            hits=rng.randint(20, 3000),
        )

    def fault_at(self, target: str) -> dict[str, Any] | None:
        """The permanent fault a canonical target answers with ({"fault": "trap"} for trap
        pages past the column's real ones), or None."""
        layout = self.fault_layout()
        found = layout.permanent.get(target)
        if found is None and layout.trap_page is not None:
            match = layout.trap_page.fullmatch(target)
            if match and layout.trap_pages < int(match[1]) <= TRAP_LIMIT:
                found = {"fault": "trap"}
        return found

    def variant(self, path: str, context: str) -> str:
        """How a link in `context` ("listing" items, any other "link") writes `path`."""
        plan = self.plan
        candidate = path in self.fault_layout().candidates
        if not candidate or plan.unit("variant", context, path) >= plan.variants:
            return path
        kind = VARIANT_KINDS[int(plan.unit("variant kind", context, path) * len(VARIANT_KINDS))]
        token = hashlib.sha256(f"{plan.seed}:{context}:{path}".encode()).hexdigest()
        return variant_path(self.name, path, kind, token)

    # ----- drawing and answering, on top of the dialect's
    def href(self, path: str) -> str:
        """Sidebars, chains, nav, crumbs and the home page link some pages by a variant."""
        return super().href(self.variant(path, "link"))

    def entry_href(self, art: Article, old_url: bool) -> str:
        """Listing items link some articles by a variant of their own."""
        if old_url:
            return super().entry_href(art, old_url)
        return super().href(self.variant(self.article_path(art), "listing"))

    def description(self, art: Article) -> str:
        """A fake article has no body to quote."""
        return art.title if art.status == "fault" else super().description(art)

    def shown_pages(self, section: Section, page: int) -> list[tuple[Entry, ...]]:
        """The real pages with the plan's fake items, and for the trap column one more page
        than the one shown (up to TRAP_LIMIT)."""
        pages = list(super().shown_pages(section, page))
        layout = self.fault_layout()
        for placement in layout.placements:
            if placement.section is section:
                first = list(pages[0])
                first.insert(placement.position, Entry(placement.article))
                pages[0] = tuple(first)
        if section is layout.trap and page <= TRAP_LIMIT:
            last = len(pages)
            pages += [self.trap_items(section, max(page, last + 1))] * (max(page, last) + 1 - last)
        return pages

    def trap_items(self, section: Section, page: int) -> tuple[Entry, ...]:
        """Trap page `page`: the column's listed articles over again, and unknown ones."""
        listed = [
            entry.article
            for shown in self.site.listing_pages(section)
            for entry in shown
            if entry.article.status == "live" and not entry.old_url
        ]
        size = self.site.page_size
        items = []
        for key in range(page * size, (page + 1) * size):
            if not listed or self.plan.unit("trap item", key) < TRAP_UNKNOWN:
                items.append(Entry(self.fake(TRAP_IDS + key, section, f"trap:{key}")))
            else:
                items.append(Entry(listed[key % len(listed)]))
        return tuple(items)

    def respond(self, method: str, target: str) -> Response:
        """Redirect loops answer before any route."""
        found = self.fault_layout().permanent.get(target)
        if found is not None and found["fault"] == "redirect_loop":
            return self.stamp(self.redirect(self.url(found["location"]), 302))
        return super().respond(method, target)

    def finish(self, target: str, answer: Response) -> Response:
        """A wrong-charset page keeps its bytes and declares the other charset."""
        answer = super().finish(target, answer)
        found = self.fault_layout().permanent.get(target)
        if found is None or found["fault"] != "wrong_charset":
            return answer
        headers = tuple(
            (n, found["content_type"] if n == "Content-Type" else v) for n, v in answer.headers
        )
        return answer._replace(headers=headers)

    # ----- what the ground truth says about the faults
    def describe(self, truth: dict[str, Any]) -> dict[str, Any]:
        """The truth's "faults": permanent faults, trap, variants, and the transient faults of
        every same-site URL the truth and this dict name (callers hold the site's lock)."""
        layout, url, site = self.fault_layout(), self.url, self.site
        permanent = {
            url(path): {k: url(v) if k == "location" else v for k, v in found.items()}
            for path, found in layout.permanent.items()
        }
        for placement in layout.placements:
            listing_url = url(self.listing_path(placement.section, 1))
            permanent[url(self.article_path(placement.article))]["linked_from"] = listing_url
        listed = {
            entry.article.id
            for section in site.columns
            for shown in site.listing_pages(section)
            for entry in shown
            if not entry.old_url
        }
        variants = {}
        for art in site.articles:
            path = self.article_path(art)
            for context in ("listing", "link") if art.id in listed else ("link",):
                if (alias := self.variant(path, context)) != path:
                    variants[url(alias)] = url(path)
        for section in site.sections:
            path = self.section_path(section)
            if (alias := self.variant(path, "link")) != path:
                variants[url(alias)] = url(path)
        trap = None
        if layout.trap is not None:
            trap = {
                "section": layout.trap.name,
                "url": url(self.section_path(layout.trap)),
                "first_page": url(self.listing_path(layout.trap, layout.trap_pages + 1)),
            }
        urls = [p["url"] for p in truth["pages"]] + [a["url"] for a in truth["articles"]]
        urls += [a["url"] for a in truth["assets"]] + [m["url"] for m in truth["missing"]]
        urls += [r["from"] for r in truth["redirects"] + truth["offsite_redirects"]]
        urls += [*permanent, *variants, *([trap["first_page"]] if trap else [])]
        transient = {}
        for address in urls:
            if address.startswith(self.base):
                found = self.plan.transient("/" + address[len(self.base) :])
                if found is not None:
                    transient[address] = {"fault": found[0], "times": found[1]}
        return {
            "seed": self.plan.seed,
            "permanent": permanent,
            "trap": trap,
            "variants": variants,
            "transient": transient,
        }


@cache
def _faulty_class(cls: type[Dialect]) -> type[FaultyDialect]:
    return cast(type[FaultyDialect], type(f"Faulty{cls.__name__}", (FaultyDialect, cls), {}))


def faulty_dialect(
    cls: type[Dialect], plan: FaultPlan, site: Site, base_url: str, offsite_base_url: str
) -> FaultyDialect:
    """A renderer of dialect `cls` that draws and answers the site as `plan` says."""
    renderer = _faulty_class(cls)(site, base_url, offsite_base_url)
    renderer.plan = plan
    return renderer


Answer = Callable[[str, str, Message], Response]


class Injector:
    """A plan at work on one server: decides each request's answer and counts the requests of
    URLs with transient faults (a new injector, a new count)."""

    def __init__(
        self,
        plan: FaultPlan,
        renderer: FaultyDialect,
        answer: Answer,
        record: Callable[[str, str], None],
    ) -> None:
        self.plan = plan
        self.renderer = renderer
        self._answer = answer  # the renderer's answers, with the server's gzip and 304
        self._record = record
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()

    def __call__(self, method: str, target: str, headers: Message) -> Response | Misbehave:
        """The answer to one request, or what to do instead; every fault is recorded."""
        chosen = self.plan.transient(target)
        if chosen is not None:
            fault, times = chosen
            with self._lock:
                count = self._counts[target] = self._counts.get(target, 0) + 1
            if count <= times:
                return self._transient(fault, count, method, target, headers)
        return self._regular(method, target, headers, record=True)

    def _regular(
        self, method: str, target: str, headers: Message, *, record: bool
    ) -> Response | Misbehave:
        canonical = canonical_target(self.renderer.name, target)
        with self.renderer.site.lock:
            found = self.renderer.fault_at(canonical)
        if record and canonical != target:
            self._record(target, "variant")
        if found is None:
            return self._answer(method, canonical, headers)
        if record:
            self._record(target, found["fault"])
        html = (("Content-Type", self.renderer.html_type),)
        if found["fault"] == "oversize":
            return Misbehave("oversize", Response(200, html, b""), size=found["size"])
        if found["fault"] == "gzip_bomb":
            encoded = (*html, ("Content-Encoding", "gzip"))
            return Response(200, encoded, gzip_bomb(found["size"]))
        return self._answer(method, canonical, headers)

    def _transient(
        self, fault: str, count: int, method: str, target: str, headers: Message
    ) -> Response | Misbehave:
        plan = self.plan
        if fault == "error":
            status = 503 if plan.unit("status", target, count) < 0.5 else 500
            self._record(target, f"error_{status}")
            return error_page(status, plan.retry_after)
        if fault == "hang":
            self._record(target, "hang")
            return Misbehave("hang", seconds=plan.hang_seconds)
        if fault == "reset" and plan.unit("reset", target, count) < 0.5:
            self._record(target, "reset")
            return Misbehave("reset")
        regular = self._regular(method, target, headers, record=False)
        cut = regular.answer if isinstance(regular, Misbehave) else regular
        fault = "reset_headers" if fault == "reset" else fault
        self._record(target, fault)
        return Misbehave(fault, cut)
