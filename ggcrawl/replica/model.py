"""The replica's site model: sections, articles, listings, chains and quirks, free of markup.

Everything is a pure function of (articles, seed) and of the mutations applied since
(add_articles, edit_article, remove_article: what happens on the live site between two crawls).
Dialects only decide how the model is addressed and drawn, and the ground truth is read from
here, never from rendered HTML. Bodies are composed lazily (and cached) so that a
20,000-article site builds in seconds.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from . import corpus
from .corpus import Line, Seg
from .seed import load_seed

# (name, kind, slug) in nav order after 首页; the slug is what an admin would have typed.
NAV = (
    ("关工委概况", "page", "ggwgk"),
    ("领导关怀", "listing", "ldgh"),
    ("关工要闻", "listing", "ggyw"),
    ("文件快递", "listing", "wjkd"),
    ("银发风采", "listing", "yffc"),
    ("青少年风华", "listing", "qsnfh"),
    ("活力基层", "listing", "hljc"),
    ("琢璞润玉", "listing", "zpry"),
    ("励我成才", "listing", "lwcc"),
    ("法制讲堂", "listing", "fzjt"),
    ("爱心奉献", "listing", "axfx"),
    ("科普窗口", "listing", "kpck"),
    ("他山之石", "listing", "tszs"),
    ("调研与思考", "listing", "dyysk"),
    ("网友留言", "guestbook", "wyly"),
)
# Uneven shares (percent) so that a few columns outgrow their capped listings at test sizes.
WEIGHTS = {
    "领导关怀": 5,
    "关工要闻": 22,
    "文件快递": 6,
    "银发风采": 5,
    "青少年风华": 6,
    "活力基层": 10,
    "琢璞润玉": 4,
    "励我成才": 4,
    "法制讲堂": 5,
    "爱心奉献": 5,
    "科普窗口": 4,
    "他山之石": 4,
    "调研与思考": 20,
}
# Columns that must hold more than one article for their quirks (seed chain, 301, 404).
MINIMUM = {"调研与思考": 3, "关工要闻": 2, "活力基层": 2}
MIN_ARTICLES = 20
PICTURE_COLUMNS = ("领导关怀", "关工要闻", "银发风采", "青少年风华", "活力基层", "爱心奉献")
START = datetime(2012, 1, 1)
END = datetime(2026, 6, 30)

# Which article carries which quirk (the newest article of the column, so it is listed).
CROSS_FROM, CROSS_TO = "关工要闻", "领导关怀"  # listed in a second column too
DELETED_IN = "关工要闻"  # a listing item whose article was deleted (404)
OLD_URL_IN = "活力基层"  # a listing item that uses a pre-migration URL (301)
OFFSITE_ITEM_IN = "他山之石"  # a listing item that answers 302 to the other website
EMPTY_SOURCE_IN = "银发风采"
OFFSITE_IMAGE_IN = "他山之石"
OFFSITE_LINK_IN = "科普窗口"
PICTURE_IN = "青少年风华"
LARGE_IN = "文件快递"  # its newest article's first attachment is large (size caps)
LARGE_SIZE = 3 * 1024 * 1024
REMOVED_STATUSES = (404, 410)
LATEST = 8  # articles a 最新文章 box shows


@dataclass(frozen=True, slots=True)
class Section:
    """A nav item other than 首页."""

    index: int  # position among the 15 sections, in nav order
    name: str
    kind: str  # "listing" | "page" | "guestbook"
    slug: str


@dataclass(frozen=True, slots=True, eq=False)
class Article:
    """One article as the CMS stores it; `status` marks the items that are not (or no more) ones."""

    id: int
    section: Section
    title: str
    published: datetime  # Asia/Shanghai wall-clock time
    source: str  # "" when the page shows the 来源 label with no value
    # "live" | "deleted" (listing link answers 404) | "offsite" (answers 302)
    # | "removed" (taken down after the build: answers Site.removed[id])
    # | "fault" (an item a fault plan adds to a listing: never in Site.by_id)
    status: str
    gg: bool  # title/body contain 关工
    fp: bool  # title/body contain 扶贫
    hits: int
    images: int = 0
    attachments: int = 0
    offsite_image: bool = False
    offsite_link: bool = False
    seed_lines: tuple[str, ...] | None = None
    edited: datetime | None = None  # last change by an editor (or removal), wall-clock time
    large_attachment: int = 0  # bytes of its first attachment when that one is the large file


class Entry(NamedTuple):
    """One item of a column listing."""

    article: Article
    old_url: bool = False  # linked through the pre-migration URL that answers 301


@dataclass(slots=True)
class _Draft:
    section: Section
    published: datetime
    title: str = ""
    status: str = "live"
    seed: bool = False


class Site:
    """A generated site, shared by servers of every dialect.

    It changes only through add_articles / edit_article / remove_article, which hold `lock`
    (as servers do while drawing) and bump `version`, so servers know their caches are stale.
    """

    def __init__(
        self,
        seed: int,
        sections: tuple[Section, ...],
        articles: tuple[Article, ...],
        extras: tuple[Article, ...],
        page_size: int,
        listing_page_cap: int,
        cross: Article,
        old_url: Article,
    ) -> None:
        self.seed = seed
        self.sections = sections
        self.articles = articles  # live articles in id (= publication) order
        self.extras = extras  # the deleted item and the off-site redirect item
        self.page_size = page_size
        self.listing_page_cap = listing_page_cap
        self.about = (corpus.ABOUT_TITLE, corpus.ABOUT)
        self.messages = corpus.messages(random.Random(seed), datetime(2025, 1, 1))
        self.lock = threading.RLock()
        self.version = 0  # mutations applied so far
        self.clock = max(a.published for a in articles + extras)  # time of the newest change
        self.removed: dict[int, int] = {}  # article id -> status it answers, in removal order
        # URL -> article id, one per running server (so mutations accept any server's URLs).
        self.resolvers: list[Callable[[str], int | None]] = []
        self._seed_id = next(a.id for a in articles if a.seed_lines is not None)
        self._cross_id = cross.id
        self._old_url_id = old_url.id
        self._gone: tuple[Article, ...] = ()
        self._bodies: dict[int, tuple[Line, ...]] = {}  # bodies as editors left them
        self._removed_at: dict[str, datetime] = {}  # column name -> its latest removal
        self.body = lru_cache(maxsize=4096)(self._body)
        self._index()

    def _index(self) -> None:
        """Derive lookups, chains, listings and hot list from the articles as they stand."""
        live = self.articles
        self.by_id = {a.id: a for a in live + self.extras + self._gone}
        self._chains: dict[str, list[Article]] = {s.name: [] for s in self.sections}
        for art in live:
            self._chains[art.section.name].append(art)
        self._position = {a.id: i for chain in self._chains.values() for i, a in enumerate(chain)}
        cross = self.by_id[self._cross_id]
        self._listings: dict[str, tuple[Entry, ...]] = {}
        for section in self.columns:
            items = sorted(
                (a for a in live + self.extras if a.section is section),
                key=lambda a: a.published,
                reverse=True,
            )
            entries = [Entry(a, old_url=a.id == self._old_url_id) for a in items]
            if section.name == CROSS_TO and cross.status == "live":
                entries.insert(0, Entry(cross))  # pushed to the top, as CMSs allow
            self._listings[section.name] = tuple(entries)
        self._hot = tuple(sorted(live, key=lambda a: (-a.hits, a.id))[:10])

    @property
    def seed_article(self) -> Article:
        """The one real article, as it stands now."""
        return self.by_id[self._seed_id]

    @property
    def columns(self) -> tuple[Section, ...]:
        """The 13 article columns, in nav order."""
        return tuple(s for s in self.sections if s.kind == "listing")

    def section(self, name: str) -> Section:
        """The section called `name`."""
        return next(s for s in self.sections if s.name == name)

    def _body(self, article: Article) -> tuple[Line, ...]:
        edited = self._bodies.get(article.id)
        if edited is not None:
            return edited
        return corpus.body(random.Random(self.seed * 1_000_003 + article.id), article)

    def listing_pages(self, section: Section) -> list[tuple[Entry, ...]]:
        """The pages the column's listing actually shows: at most `listing_page_cap`."""
        items = self._listings[section.name]
        size = self.page_size
        count = min(self.listing_page_cap, max(1, -(-len(items) // size)))
        return [items[i * size : (i + 1) * size] for i in range(count)]

    def neighbours(self, article: Article) -> tuple[Article | None, Article | None]:
        """(上一篇 = older, 下一篇 = newer) in the article's own column; None at the ends."""
        chain = self._chains[article.section.name]
        i = self._position[article.id]
        return (chain[i - 1] if i else None, chain[i + 1] if i + 1 < len(chain) else None)

    def latest(self, section: Section | None = None, n: int = LATEST) -> tuple[Article, ...]:
        """The newest live articles of a column (or of the whole site)."""
        pool = self._chains[section.name] if section else self.articles
        return tuple(reversed(pool[-n:]))

    def hot(self, n: int = 8) -> tuple[Article, ...]:
        """The most-read live articles (热点文章)."""
        return self._hot[:n]

    def modified(self, article: Article) -> datetime:
        """When the article last changed in the CMS: its edit, else its publication."""
        return article.edited or article.published

    def newest_change(self, shown: Iterable[Article], column: Section | None = None) -> datetime:
        """Last-Modified of a page showing `shown` from `column` (None: from every column).

        A removal changes which items a list shows without any of them changing, so the
        column's latest removal counts too.
        """
        removals = (
            t for name, t in self._removed_at.items() if column is None or name == column.name
        )
        return max((*map(self.modified, shown), *removals), default=START)

    # ----- mutations: the live site between two crawls
    def live_article(self, ref: int | str) -> Article:
        """The live article with id `ref`, or at URL `ref` on a server serving this site."""
        if isinstance(ref, str):
            found = [i for resolve in self.resolvers if (i := resolve(ref)) is not None]
            if not found:
                raise KeyError(f"no article at {ref!r} on a running server of this site")
            ref = found[0]
        art = self.by_id.get(ref)
        if art is None or art.status != "live":
            raise KeyError(f"no live article with id {ref}")
        return art

    def add_articles(
        self, n: int, *, chain_only: int = 0, seed: int | None = None
    ) -> tuple[Article, ...]:
        """Publish `n` articles after everything else, so they top their listings.

        They go to three columns, except that with `chain_only` = k one more column gets
        max(page_size * listing_page_cap, LATEST) + k of them: its listing and 最新文章 box
        then show only newer ones, and its k oldest new ones, read too little for 热点文章,
        are reachable through the 上一篇/下一篇 chain alone.
        """
        shown = max(self.page_size * self.listing_page_cap, LATEST)
        deep_count = chain_only and shown + chain_only
        if n < 1 or chain_only < 0 or deep_count > n:
            raise ValueError(
                f"cannot add {n} articles with {chain_only} chain-only (needs n >= {deep_count})"
            )
        with self.lock:
            rng = random.Random(f"add:{self.seed}:{self.version}" if seed is None else seed)
            pool = [s for s in self.columns if s.name != CROSS_TO]  # its listing has a pin
            deep = rng.choice(pool)
            spread = rng.sample([s for s in pool if s is not deep], 3)
            plan = [deep] * deep_count + [spread[i % 3] for i in range(n - deep_count)]
            rng.shuffle(plan)
            titles = {a.title for a in self.by_id.values()}
            first_id, when = max(self.by_id) + 1, self.clock
            made: list[Article] = []
            for number, section in enumerate(plan, first_id):
                hidden = section is deep and sum(a.section is deep for a in made) < chain_only
                when += timedelta(seconds=rng.randint(1800, 6 * 3600))
                gg, fp = rng.random() < 0.5, rng.random() < 0.3
                title = corpus.title(rng, section.name, when.year, gg, fp)
                for _ in range(50):
                    if title not in titles:
                        break
                    title = corpus.title(rng, section.name, when.year, gg, fp)
                while title in titles:
                    title += "（续）"
                titles.add(title)
                pictures = section.name in PICTURE_COLUMNS and rng.random() < 0.25
                made.append(
                    Article(
                        id=number,
                        section=section,
                        title=title,
                        published=when,
                        source=corpus.source(rng, gg),
                        status="live",
                        gg=gg,
                        fp=fp,
                        hits=rng.randint(1, 19) if hidden else rng.randint(20, 3000),
                        images=rng.randint(1, 2) * pictures,
                        attachments=rng.randint(1, 3) if section.name == "文件快递" else 0,
                    )
                )
            self.clock = when
            self.articles += tuple(made)
            self._commit()
            return tuple(made)

    def edit_article(
        self, ref: int | str, *, title: str | None = None, body: str | None = None
    ) -> Article:
        """An editor's change of title and/or body (one paragraph per line, replacing the old
        body with its pictures and attachments); the edit time becomes its Last-Modified."""
        if title is None and body is None:
            raise ValueError("give a new title, a new body or both")
        paragraphs = [text.strip() for text in (body or "").split("\n") if text.strip()]
        if (title is not None and not title.strip()) or (body is not None and not paragraphs):
            raise ValueError("an article needs a title and a body")
        with self.lock:
            old = self.live_article(ref)
            lines = tuple(Line("para", (Seg(text),)) for text in paragraphs) or self.body(old)
            new_title = old.title if title is None else title
            text = " ".join((new_title, old.source, *(line.text for line in lines)))
            gg, fp = corpus.GG in text, corpus.FP in text  # keep the keyword flags true
            edited = replace(old, title=new_title, edited=self._tick(), gg=gg, fp=fp)
            self._bodies[old.id] = lines
            self.articles = tuple(edited if a.id == old.id else a for a in self.articles)
            self._commit()
            return edited

    def remove_article(self, ref: int | str, status: int = 404) -> Article:
        """Take an article down: its URL answers `status` (404 or 410), it leaves every listing
        and its neighbours link each other."""
        if status not in REMOVED_STATUSES:
            raise ValueError(f"status must be one of {REMOVED_STATUSES}")
        with self.lock:
            old = self.live_article(ref)
            when = self._tick()
            for name, entries in self._listings.items():
                if name == old.section.name or any(e.article.id == old.id for e in entries):
                    self._removed_at[name] = when
            gone = replace(old, status="removed", edited=when)
            self.removed[old.id] = status
            self._gone += (gone,)
            self.articles = tuple(a for a in self.articles if a.id != old.id)
            self._commit()
            return gone

    def _tick(self) -> datetime:
        """The time of an edit or removal: an hour after the newest change."""
        self.clock += timedelta(hours=1)
        return self.clock

    def _commit(self) -> None:
        self._index()
        self.version += 1


def _counts(total: int, columns: tuple[Section, ...]) -> dict[str, int]:
    """Split `total` over the columns by WEIGHTS (largest remainder), honouring minimums."""
    quotas = {s.name: total * WEIGHTS[s.name] / 100 for s in columns}
    counts = {name: max(MINIMUM.get(name, 1), int(quota)) for name, quota in quotas.items()}
    while (spare := total - sum(counts.values())) != 0:
        if spare > 0:
            name = min(counts, key=lambda n: (counts[n] - quotas[n], -WEIGHTS[n]))
            counts[name] += 1
        else:
            name = max(
                (n for n in counts if counts[n] > MINIMUM.get(n, 1)),
                key=lambda n: counts[n] - quotas[n],
            )
            counts[name] -= 1
    return counts


def _moment(rng: random.Random, lo: datetime, hi: datetime, used: set[datetime]) -> datetime:
    """A fresh time in (lo, hi); within office hours unless the window is only a few days."""
    span = int((hi - lo).total_seconds())
    for _ in range(10_000):
        when = lo + timedelta(seconds=rng.randrange(1, span))
        if when not in used and (span < 3 * 86400 or 8 <= when.hour <= 18):
            used.add(when)
            return when
    raise RuntimeError(f"no free moment between {lo} and {hi}")


def _defaults(articles: int) -> tuple[int, int]:
    """(page_size, listing_page_cap): small sites keep several columns chain-only."""
    if articles < 100:
        return 3, 2
    if articles < 1000:
        return 5, 2
    return 20, 10


def build_site(
    articles: int = 60,
    seed: int = 7,
    page_size: int | None = None,
    listing_page_cap: int | None = None,
) -> Site:
    """Generate a site deterministically from (articles, seed); `articles` counts live ones."""
    if articles < MIN_ARTICLES:
        raise ValueError(f"articles must be at least {MIN_ARTICLES}")
    default_size, default_cap = _defaults(articles)
    page_size = page_size or default_size
    listing_page_cap = listing_page_cap or default_cap
    rng = random.Random(seed)
    sections = tuple(Section(i, name, kind, slug) for i, (name, kind, slug) in enumerate(NAV))
    columns = tuple(s for s in sections if s.kind == "listing")
    real = load_seed()
    used: set[datetime] = {real.published}
    drafts: list[_Draft] = []
    for section, count in zip(columns, _counts(articles, columns).values(), strict=True):
        if section.name != real.section:
            drafts += [_Draft(section, _moment(rng, START, END, used)) for _ in range(count)]
            continue
        older = _moment(rng, real.published - timedelta(days=40), real.published, used)
        newer = _moment(
            rng, real.published + timedelta(days=1), real.published + timedelta(days=40), used
        )
        drafts += [
            _Draft(section, older, real.prev_title),
            _Draft(section, real.published, real.title, seed=True),
            _Draft(section, newer, real.next_title),
        ]
        for _ in range(count - 3):
            when = _moment(rng, START, END, used)
            while older <= when <= newer:
                when = _moment(rng, START, END, used)
            drafts.append(_Draft(section, when))
    newest = {s.name: max(d.published for d in drafts if d.section is s) for s in columns}
    for name, status in ((DELETED_IN, "deleted"), (OFFSITE_ITEM_IN, "offsite")):
        section = next(s for s in columns if s.name == name)
        second = sorted(d.published for d in drafts if d.section is section)[-2:][0]
        lo = min(second, newest[name] - timedelta(hours=1))
        drafts.append(_Draft(section, _moment(rng, lo, newest[name], used), status=status))
    drafts.sort(key=lambda d: (d.published, d.section.index))

    live = [d for d in drafts if d.status == "live"]
    gg_flags = [i < len(live) // 2 for i in range(len(live))]
    fp_flags = [i < len(live) * 3 // 10 for i in range(len(live))]
    rng.shuffle(gg_flags)
    rng.shuffle(fp_flags)
    flags = {id(d): (gg, fp) for d, gg, fp in zip(live, gg_flags, fp_flags, strict=True)}
    titles: set[str] = set()
    made: list[Article] = []
    for number, draft in enumerate(drafts, 1):
        name = draft.section.name
        gg, fp = flags.get(id(draft), (False, False))
        if draft.seed:
            gg = fp = True
        title = draft.title
        for _ in range(5):
            if title and title not in titles:
                break
            title = corpus.title(rng, name, draft.published.year, gg, fp)
        titles.add(title)
        is_newest = draft.published == newest[name]
        pictures = name in PICTURE_COLUMNS and rng.random() < 0.25
        made.append(
            Article(
                id=number,
                section=draft.section,
                title=title,
                published=draft.published,
                source=real.source if draft.seed else corpus.source(rng, gg),
                status=draft.status,
                gg=gg,
                fp=fp,
                hits=rng.randint(20, 3000),
                images=max(rng.randint(1, 2) * pictures, int(is_newest and name == PICTURE_IN)),
                attachments=rng.randint(1, 3) if name == "文件快递" else 0,
                offsite_image=is_newest and name == OFFSITE_IMAGE_IN,
                offsite_link=is_newest and name == OFFSITE_LINK_IN,
                seed_lines=real.lines if draft.seed else None,
                large_attachment=LARGE_SIZE if is_newest and name == LARGE_IN else 0,
            )
        )
    for i, art in enumerate(made):
        if art.section.name == EMPTY_SOURCE_IN and art.published == newest[EMPTY_SOURCE_IN]:
            made[i] = replace(art, source="")
    live_articles = tuple(a for a in made if a.status == "live")
    return Site(
        seed=seed,
        sections=sections,
        articles=live_articles,
        extras=tuple(a for a in made if a.status != "live"),
        page_size=page_size,
        listing_page_cap=listing_page_cap,
        cross=_newest(live_articles, CROSS_FROM),
        old_url=_newest(live_articles, OLD_URL_IN),
    )


def _newest(articles: tuple[Article, ...], column: str) -> Article:
    return max((a for a in articles if a.section.name == column), key=lambda a: a.published)
