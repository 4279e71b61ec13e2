"""What every dialect shares: responses, escaping, body drawing and the serving skeleton.

A dialect is one CMS's way of addressing, drawing and serving the model. Subclasses supply
the URL scheme, the page templates and the routes; this module keeps them honest by drawing
every body from the model's lines, so the ground truth never depends on markup.

HTTP details an archiver must keep are per dialect too (class attributes). On every 200:
`sends_etag`, a strong ETag (the SHA-256 of the body as sent), and `sends_last_modified`,
Last-Modified: an article's own edit or publication time for its pages and uploads, the newest
change among what they show for listings and the home page, the newest change on the site for
other pages, the site's launch for theme files and robots.txt. Also gzip of HTML on request
(`gzips_html`), non-standard reason phrases (`reasons`) and the two Set-Cookie headers of the
home page (`home_cookies`). Article pages keep their Last-Modified when only a neighbour's
title or link changes, as CMSs that stamp pages from the article record do: If-Modified-Since
then misses a relink, If-None-Match does not.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import random
import re
import zlib
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime
from typing import ClassVar, NamedTuple
from urllib.parse import parse_qsl, unquote, urlsplit

from .. import media
from ..corpus import Asset, Line, Seg
from ..model import START, Article, Entry, Section, Site

SITE_NAME = "天水关工网"
OWNER = "天水市关心下一代工作委员会"
ADDRESS = "天水市秦州区籍河北路金华大厦"
POSTCODE = "741000"
PHONE = "0938-8212799"
EMAIL = "tssggw@126.com"
ICP = "陇ICP备12000071号-2"
BUILDER = "浡然科技"
# 友情链接: every one of them points at the off-site server.
FRIENDS = (
    ("中国关心下一代工作委员会", "zgggw/"),
    ("甘肃省关心下一代工作委员会", "gsggw/"),
    ("天水市人民政府", "tianshui/"),
    ("中国天水网", "tsrb/"),
    ("甘肃文明网", "gswm/"),
)


SHANGHAI = timezone(timedelta(hours=8))  # the model's times are wall-clock times there


class ThemeFile(NamedTuple):
    """A page requisite of the templates: a stylesheet or image the pages load, or what a
    stylesheet loads. Where it is (a root-relative path, or a path on the off-site server),
    and what loads it: the pages themselves (None) or the stylesheet at that path (``url()``,
    ``@import``)."""

    path: str
    kind: str  # stylesheet, image or font, as assets.kind has them
    loaded_by: str | None = None
    offsite: bool = False


class Response(NamedTuple):
    """A complete HTTP answer; the server adds Date, Server and Content-Length."""

    status: int
    headers: tuple[tuple[str, str], ...]  # in order, a name may repeat (Set-Cookie)
    body: bytes
    modified: datetime | None = None  # what Last-Modified says, for a 200
    reason: str | None = None  # the status line's phrase, when not the standard one


def http_date(when: datetime) -> str:
    """An HTTP-date (IMF-fixdate, GMT) of a model time."""
    return format_datetime(when.replace(tzinfo=SHANGHAI).astimezone(UTC), usegmt=True)


def etag(body: bytes) -> str:
    """A strong entity tag: the body's hash, so equal bytes always get the same tag."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def header(answer: Response, name: str) -> str | None:
    """The first value of header `name` in `answer`."""
    return next((v for n, v in answer.headers if n.lower() == name.lower()), None)


def esc(text: str) -> str:
    """Escape element text; NBSP becomes &nbsp; (GBK has no such character)."""
    return html.escape(text, quote=False).replace("\xa0", "&nbsp;")


def attr(text: str) -> str:
    """Escape an attribute value for double quotes."""
    return html.escape(text, quote=True).replace("\xa0", "&nbsp;")


def cut(text: str, n: int) -> str:
    """Truncate a title the way list templates do (no ellipsis)."""
    return text[:n]


class Dialect:
    """Base of the CMS dialects; an instance serves one site at one base URL."""

    name: ClassVar[str]
    encoding: ClassVar[str]  # of every HTML page
    server: ClassVar[str]  # the Server header
    robots: ClassVar[str]
    html_type: ClassVar[str]  # Content-Type of HTML pages
    # Weights of (container mode, indent style) for generated bodies.
    body_styles: ClassVar[tuple[tuple[str, str, int], ...]]
    soup_tag: ClassVar[tuple[str, str]] = ('<span style="font-size:16px;">', "</span>")
    empty_paragraph: ClassVar[str] = "<p>&nbsp;</p>"
    # HTTP as the dialect's server speaks it (see the module docstring).
    sends_etag: ClassVar[bool] = True
    sends_last_modified: ClassVar[bool] = True
    gzips_html: ClassVar[bool] = False
    reasons: ClassVar[dict[int, str]] = {}
    home_cookies: ClassVar[tuple[str, ...]]
    # Every page requisite the templates use (the truth's "requisites"), and the text of each
    # stylesheet among them by path, in `stylesheet_encoding`: served as they are, never drawn
    # from the model.
    theme: ClassVar[tuple[ThemeFile, ...]]
    stylesheets: ClassVar[dict[str, str]]
    stylesheet_encoding: ClassVar[str]

    def __init__(self, site: Site, base_url: str, offsite_base_url: str) -> None:
        self.site = site
        self.base = base_url
        self.offsite = offsite_base_url
        self._sidebars: dict[Section | None, str] = {}
        self._sidebars_version = site.version
        # Words every HTML page prints differently (a template change: 来源 → 出处).
        self.relabel: dict[str, str] = {}
        # Body lines per page of an article the site splits over pages (0: none split).
        self.split_at = 0

    # ----- addresses: root-relative path + query, as a browser requests them
    def section_path(self, section: Section) -> str:
        """Where the nav links a section (page 1 of a listing)."""
        raise NotImplementedError

    def listing_path(self, section: Section, page: int) -> str:
        """Page `page` (1-based) of a column listing, as the pager links it."""
        raise NotImplementedError

    def article_path(self, art: Article) -> str:
        """The current URL of an article."""
        raise NotImplementedError

    def old_article_path(self, art: Article) -> str:
        """The pre-migration URL of an article (answers 301)."""
        raise NotImplementedError

    def asset_path(self, art: Article, asset: Asset) -> str:
        """Where a local image or attachment is served."""
        raise NotImplementedError

    def part_path(self, art: Article, part: int) -> str:
        """Page ``part`` (2, 3, …) of an article the site splits over pages."""
        raise NotImplementedError

    def shown_time(self, when: datetime) -> str:
        """The publication time as the article page prints it."""
        raise NotImplementedError

    def truth_time(self, when: datetime) -> str:
        """ISO 8601 of exactly what `shown_time` shows (missing seconds are :00)."""
        return when.strftime("%Y-%m-%dT%H:%M:00+08:00")

    def url(self, path: str) -> str:
        """Absolute URL of a root-relative path on this server."""
        return self.base + path[1:]

    def href(self, path: str) -> str:
        """How the markup writes a same-site link (root-relative unless overridden)."""
        return path

    def asset_url(self, art: Article, asset: Asset) -> str:
        """Absolute URL of an asset, off-site ones included."""
        if asset.offsite:
            return f"{self.offsite}uploads/{art.published:%Y}/{art.id}_{asset.n}.{asset.ext}"
        return self.url(self.asset_path(art, asset))

    def offsite_target(self, art: Article) -> str:
        """Where the listing item that is really a link to another website redirects."""
        return f"{self.offsite}news/{art.published:%Y%m}/{art.id}.html"

    def article_id(self, url: str) -> int | None:
        """The id of the article (live or not) whose current URL is `url` on this server."""
        if not url.startswith(self.base):
            return None
        path = "/" + url[len(self.base) :]
        for number in map(int, re.findall(r"\d{1,9}", path)):
            art = self.site.by_id.get(number)
            if art is not None and self.article_path(art) == path:
                return number
        return None

    def asset_bytes(self, art: Article, asset: Asset) -> bytes:
        """The bytes served for a local image or attachment."""
        return media.asset_bytes(asset.ext, art.id * 10 + asset.n, asset.name, asset.size)

    # ----- serving
    def respond(self, method: str, target: str) -> Response:
        """Answer one request (identity encoding); unknown targets get the dialect's 404 page."""
        parts = urlsplit(target)
        path = unquote(parts.path)
        if path == "/robots.txt":
            answer = self.data(self.robots.encode("ascii"), "text/plain")
        else:
            answer = self.route(method, path, dict(parse_qsl(parts.query)))
            answer = self.finish(target, answer or self.page(self.draw_404(), 404))
        return self.stamp(answer)

    def stamp(self, answer: Response) -> Response:
        """Add the dialect's validators to a 200, Vary where it compresses, its reason phrase."""
        headers = answer.headers
        if answer.status == 200 and answer.modified is not None and self.sends_last_modified:
            headers += (("Last-Modified", http_date(answer.modified)),)
        if answer.status == 200 and self.sends_etag:
            headers += (("ETag", etag(answer.body)),)
        if self.compressible(answer):
            headers += (("Vary", "Accept-Encoding"),)
        return answer._replace(headers=headers, reason=self.reasons.get(answer.status))

    def compressible(self, answer: Response) -> bool:
        """Whether the dialect's server gzips `answer` for clients that accept it (HTML only)."""
        return self.gzips_html and (header(answer, "Content-Type") or "").startswith("text/html")

    def compress(self, answer: Response) -> Response:
        """The gzip variant of a compressible answer: its own strong ETag, since its own bytes."""
        body = gzip.compress(answer.body, compresslevel=6, mtime=0)
        headers = tuple((n, etag(body) if n == "ETag" else v) for n, v in answer.headers)
        return answer._replace(headers=(*headers, ("Content-Encoding", "gzip")), body=body)

    def finish(self, target: str, answer: Response) -> Response:
        """Last touch on an answer, for per-URL header quirks."""
        return answer

    def route(self, method: str, path: str, query: dict[str, str]) -> Response | None:
        """Dialect routes; None means 404."""
        raise NotImplementedError

    def page(self, text: str, status: int = 200, modified: datetime | None = None) -> Response:
        """An HTML response in the dialect's encoding, by default as new as the site."""
        for word, instead in self.relabel.items():
            text = text.replace(word, instead)
        body = text.encode(self.encoding, "xmlcharrefreplace")
        return Response(
            status, (("Content-Type", self.html_type),), body, modified or self.site.clock
        )

    def data(self, body: bytes, content_type: str, modified: datetime = START) -> Response:
        """A non-HTML response, by default unchanged since the site's launch."""
        return Response(200, (("Content-Type", content_type),), body, modified)

    def home(self) -> Response:
        """The home page, as new as what it shows, setting the dialect's cookies."""
        shown = [a for s in self.site.columns for a in self.site.latest(s, 6)]
        answer = self.page(
            self.draw_home(), modified=self.site.newest_change(shown + self.sidebar_articles(None))
        )
        cookies = tuple(("Set-Cookie", cookie) for cookie in self.home_cookies)
        return answer._replace(headers=answer.headers + cookies)

    def article_page(self, text: str, art: Article) -> Response:
        """A page drawn from one article (its view, print view), stamped with its own time."""
        return self.page(text, modified=self.site.modified(art))

    def redirect(self, location: str, status: int) -> Response:
        """A 301/302 with an absolute Location and a tiny body."""
        text = f'<html><body><a href="{attr(location)}">Moved</a></body></html>'
        return Response(
            status, (("Location", location), ("Content-Type", "text/html")), text.encode("ascii")
        )

    def serve_article(self, art: Article | None, part: int = 1) -> Response | None:
        """An article page (or page ``part`` of one split over pages), or the quirk its
        listing item stands for (404, 302), or 404/410 for an article removed since the
        build."""
        if art is None or art.status == "deleted" or not 1 <= part <= self.parts(art):
            return None
        if art.status == "offsite":
            return self.redirect(self.offsite_target(art), 302)
        if art.status == "removed":
            return self.page(self.draw_404(), self.site.removed[art.id])
        return self.article_page(self.draw_article(art, part), art)

    def parts(self, art: Article) -> int:
        """How many pages the site splits the article over."""
        return len(self.part_starts(art))

    def part_starts(self, art: Article) -> list[int]:
        """The body line each page of the article starts at: a page holds at least
        ``split_at`` lines, and the next starts at a paragraph, where editors break pages."""
        if not self.split_at or art.status != "live":
            return [0]
        starts = [0]
        for i, line in enumerate(self.site.body(art)):
            if i - starts[-1] >= self.split_at and line.role == "para":
                starts.append(i)
        return starts

    def part_href(self, art: Article, part: int) -> str:
        """How an article's pager links its page ``part``."""
        return self.article_href(art) if part == 1 else self.href(self.part_path(art, part))

    def serve_old_url(self, art: Article | None) -> Response | None:
        """301 from a pre-migration article URL to the current one."""
        if art is None or art.status != "live":
            return None
        return self.redirect(self.url(self.article_path(art)), 301)

    def serve_asset(self, path: str, article_id: int) -> Response | None:
        """The bytes of an image or attachment, if `path` is exactly where one lives."""
        art = self.site.by_id.get(article_id)
        if art is None or art.status != "live":
            return None
        for line in self.site.body(art):
            for seg in line.segs:
                asset = seg.asset
                if asset and not asset.offsite and self.asset_path(art, asset) == path:
                    return self.data(
                        self.asset_bytes(art, asset),
                        media.CONTENT_TYPES[asset.ext],
                        art.published,  # uploaded with the article, never changed since
                    )
        return None

    def serve_theme(self, path: str) -> Response | None:
        """Stylesheets (the dialect's `stylesheets`, none other), scripts and template images
        that pages and stylesheets reference."""
        ext = path.rsplit(".", 1)[-1].lower()
        if ext == "css" and path not in self.stylesheets:
            return None
        if ext == "js":
            return self.data(b"/* theme script */\n", media.CONTENT_TYPES[ext])
        if ext in ("css", "png", "jpg", "gif"):
            return self.data(self.theme_bytes(path), media.CONTENT_TYPES[ext])
        return None

    def theme_bytes(self, path: str) -> bytes:
        """The bytes served for a stylesheet or template image at `path`."""
        if path in self.stylesheets:
            return self.stylesheets[path].encode(self.stylesheet_encoding)
        return media.asset_bytes(media.extension(path), zlib.crc32(path.encode()), "")

    def shown_pages(self, section: Section, page: int) -> list[tuple[Entry, ...]]:
        """The listing pages as drawn when showing page `page` (a fault plan adds some)."""
        return self.site.listing_pages(section)

    def listing_page(self, section: Section, page: int) -> Response | None:
        """Page `page` of a column, or None beyond the capped pager."""
        pages = self.shown_pages(section, page)
        if not 1 <= page <= len(pages):
            return None
        shown = [entry.article for entry in pages[page - 1]] + self.sidebar_articles(section)
        return self.page(
            self.draw_listing(section, page, pages),
            modified=self.site.newest_change(shown, section),
        )

    # ----- drawing, supplied by subclasses
    def sidebar(self, section: Section | None) -> str:
        """The sidebar of pages of `section` (None: site-wide), drawn once per site version."""
        if self._sidebars_version != self.site.version:
            self._sidebars.clear()
            self._sidebars_version = self.site.version
        if section not in self._sidebars:
            self._sidebars[section] = self.draw_sidebar(section)
        return self._sidebars[section]

    def sidebar_articles(self, section: Section | None) -> list[Article]:
        """The articles a sidebar shows (热点文章, 最新文章), for Last-Modified."""
        return [*self.site.hot(), *self.site.latest(section)]

    def draw_sidebar(self, section: Section | None) -> str:
        """热点文章 / 最新文章 boxes."""
        raise NotImplementedError

    def draw_home(self) -> str:
        """The home page: latest articles per column."""
        raise NotImplementedError

    def draw_listing(self, section: Section, page: int, pages: list[tuple[Entry, ...]]) -> str:
        """One listing page; `pages` holds the entries of every shown page."""
        raise NotImplementedError

    def draw_article(self, art: Article, part: int = 1) -> str:
        """An article page (page ``part`` of it, when the site splits it over pages)."""
        raise NotImplementedError

    def draw_404(self) -> str:
        """The not-found page."""
        raise NotImplementedError

    # ----- body drawing shared by all dialects
    def rng_for(self, art: Article) -> random.Random:
        """Per-article, per-dialect randomness for markup choices (stable across runs)."""
        return random.Random(zlib.crc32(f"{self.name}:{self.site.seed}:{art.id}".encode()))

    def image_tag(self, src: str) -> str:
        """An <img> inside a body."""
        return f'<img alt="" src="{attr(src)}" />'

    def asset_src(self, art: Article, asset: Asset) -> str:
        """The src/href an asset gets in markup (off-site ones are absolute)."""
        if asset.offsite:
            return self.asset_url(art, asset)
        return self.href(self.asset_path(art, asset))

    def draw_segment(self, art: Article, seg: Seg, soup: random.Random | None) -> str:
        """One run of a body line; `soup` splits plain text into styled spans."""
        if seg.asset and seg.asset.kind == "image":
            return self.image_tag(self.asset_src(art, seg.asset))
        if seg.asset:
            return (
                f'<a href="{attr(self.asset_src(art, seg.asset))}" target="_blank">'
                f"{esc(seg.asset.name)}</a>"
            )
        if seg.href:
            return f'<a href="{attr(self.offsite + seg.href)}" target="_blank">{esc(seg.text)}</a>'
        if soup is None or len(seg.text) < 4:
            return esc(seg.text)
        cuts = sorted(soup.sample(range(1, len(seg.text)), 2))
        pieces = (seg.text[: cuts[0]], seg.text[cuts[0] : cuts[1]], seg.text[cuts[1] :])
        start, end = self.soup_tag
        return "".join(f"{start}{esc(piece)}{end}" for piece in pieces)

    def draw_body(self, art: Article, part: int = 0) -> str:
        """The body's lines in this dialect's editor style (seed lines verbatim): all of them
        (a print view), or those on page ``part`` of the article."""
        rng = self.rng_for(art)
        lines = self.site.body(art)
        if part:
            starts = [*self.part_starts(art), len(lines)]
            lines = lines[starts[part - 1] : starts[part]]
        if art.seed_lines is not None:
            mode, style = self.body_styles[0][0], "raw"
        else:
            choices = self.body_styles
            mode, style, _ = rng.choices(choices, weights=[w for *_, w in choices])[0]
        soup = rng if style == "soup" else None
        drawn = []
        for line in lines:
            inner = "".join(
                self.draw_segment(art, seg, soup if line.role == "para" else None)
                for seg in line.segs
            )
            drawn.append(self.draw_line(line, inner, mode, style))
            if mode == "p" and style != "raw" and rng.random() < 0.15:
                drawn.append(self.empty_paragraph)
        if mode == "br":
            return '<div style="line-height:180%">' + "<br />\n".join(drawn) + "<br />\n</div>"
        return "\n".join(drawn)

    def draw_line(self, line: Line, inner: str, mode: str, style: str) -> str:
        """Wrap one line: a paragraph in "p" mode, a bare run in "br" mode."""
        role = line.role
        indent = {"nbsp": "&nbsp; &nbsp; ", "fullwidth": "\u3000\u3000"}.get(style, "")
        if role == "heading":
            inner = f"<strong>{inner}</strong>"
        if mode == "br":
            return inner if role in ("image", "caption", "sign") else indent + inner
        if role in ("image", "caption", "lead"):
            return f'<p style="text-align: center;">{inner}</p>'
        if role == "sign":
            return f'<p style="text-align: right;">{inner}</p>'
        if style == "textindent":
            return f'<p style="text-indent: 2em;">{inner}</p>'
        return f"<p>{indent}{inner}</p>"

    # ----- shared content
    def nav_items(self) -> list[tuple[str, str]]:
        """(label, href) of the 16 nav entries."""
        return [("首页", self.href("/"))] + [
            (s.name, self.href(self.section_path(s))) for s in self.site.sections
        ]

    def friends(self) -> list[tuple[str, str]]:
        """(name, absolute off-site URL) of the 友情链接."""
        return [(name, self.offsite + path) for name, path in FRIENDS]

    def article_href(self, art: Article) -> str:
        """How the markup links an article."""
        return self.href(self.article_path(art))

    def entry_href(self, art: Article, old_url: bool) -> str:
        """How a listing links one of its entries."""
        return self.href(self.old_article_path(art) if old_url else self.article_path(art))

    def description(self, art: Article) -> str:
        """The first words of the body, for <meta name="description"> and list intros."""
        text = "".join(line.text for line in self.site.body(art) if line.role == "para")
        return " ".join(text.replace("\xa0", " ").split())[:60]


def number(query: dict[str, str], key: str) -> int | None:
    """An integer query parameter, or None when missing or malformed."""
    value = query.get(key, "")
    return int(value) if re.fullmatch(r"\d{1,9}", value) else None
