"""`ggcrawl …`: crawl the site, run the demo, search, browse and export the archive."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from ggcrawl import __version__
from ggcrawl import schedule as schedules
from ggcrawl.diagnosis import EXIT_HEALTH, EXIT_NO_SITE, diagnose_crawl
from ggcrawl.extract.overrides import Overrides, parse_selectors
from ggcrawl.plan import parse_revisit
from ggcrawl.reporting import render_crawls, render_report
from ggcrawl.runner import REPLICA_SETTINGS, build_settings, parse_overrides, reachable, run_crawl
from ggcrawl.store import Archive, ArchiveError, CrawlLock
from ggcrawl.store.fts import RANK_WINDOW
from ggcrawl.store.schema import SCHEMA_VERSION
from ggcrawl.urls import check_start_url

if TYPE_CHECKING:
    from ggcrawl.extract import ArticleFields
    from ggcrawl.items import Snapshot

DEFAULT_DB = Path("archive/tsggw.db")
DEMO_DB = Path("archive/demo.db")
CONFIG_FILE = Path("ggcrawl.toml")
START_URL_ENV = "GGCRAWL_START_URL"
F = TypeVar("F", bound=Callable[..., object])


class BadInput(click.ClickException):
    """Wrong input from the user: a message and exit status 2, never a traceback."""

    exit_code = 2


db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="The SQLite archive.",
)


start_url_option = click.option(
    "--start-url",
    help=f"The site's home page. Or set ${START_URL_ENV}, or start_url in ./{CONFIG_FILE}.",
)


def settings_option(help: str) -> Callable[[F], F]:
    return click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE", help=help)


def json_option(what: str) -> Callable[[F], F]:
    return click.option("--json", "as_json", is_flag=True, help=f"Print {what} as JSON.")


def limit_option(default: int, maximum: int, help: str) -> Callable[[F], F]:
    return click.option(
        "--limit",
        default=default,
        show_default=True,
        type=click.IntRange(1, maximum),
        help=help,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ggcrawl")
def main() -> None:
    """Archive 天水关工网 into SQLite: every article with its fields, every page as served.

    \b
    Start with `ggcrawl demo` (crawls a bundled replica of the site), then
    `ggcrawl search 关工 --db archive/demo.db`.
    """


@main.command()
@start_url_option
@db_option
@settings_option("A Scrapy setting (repeatable).")
@click.option(
    "--full", is_flag=True, help="Walk every listing and chain again (default: only what is new)."
)
@click.option(
    "--revisit",
    default="none",
    show_default=True,
    metavar="POLICY",
    help="Fetch archived articles again, conditionally, to catch edits and removals: "
    "none, all, or days:N (published in the last N days).",
)
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log at INFO level.")
def crawl(
    start_url: str | None,
    db: Path,
    overrides: tuple[str, ...],
    full: bool,
    revisit: str,
    verbose: bool,
) -> None:
    """Crawl the site from START_URL into the archive at --db.

    Polite by default (robots.txt, AutoThrottle, 2 concurrent requests); every setting can be
    changed with -s, e.g. -s DOWNLOAD_DELAY=2 -s OPERATOR_CONTACT=mailto:you@example.org.

    \b
    Exit status:
      0  the crawl found the site and its extraction is healthy
      2  bad input (a wrong option, an archive that is not ours or is locked)
      3  no site found: the start page failed, or showed no nav bar, listings or
         articles (a placeholder, a JavaScript challenge, a login wall…); one line says why
      4  extraction health: a field went missing on many articles since the last crawl,
         or most articles carry parse warnings (a changed template?)
    The crawl is recorded either way, and the next run resumes it if it was cut short.
    """
    url = _resolve_start_url(start_url)
    try:
        settings_overrides = parse_overrides(overrides)
    except ValueError as exc:
        raise BadInput(str(exc)) from None
    try:
        parse_revisit(revisit)
    except ValueError as exc:
        raise BadInput(f"--revisit: {exc}") from None
    settings_overrides.setdefault("REVISIT", revisit)
    selectors = _config_selectors()
    if selectors:
        settings_overrides["SELECTORS"] = selectors.as_settings()
    if full:
        settings_overrides["FULL_CRAWL"] = "True"
    if verbose:
        settings_overrides.setdefault("LOG_LEVEL", "INFO")
    _check_archive(db)
    problem = reachable(url)
    if problem:
        raise BadInput(f"cannot reach {url}: {problem}. Check the address and your network.")
    _crawl_and_report(url, db, settings_overrides)


@main.command()
@click.argument("url", required=False)
@settings_option(
    "A Scrapy setting the probe uses too (repeatable): OPERATOR_CONTACT, USER_AGENT_TEMPLATE, "
    "DOWNLOAD_DELAY (the pause between its requests, 1 s by default)."
)
@json_option("the report")
def probe(url: str | None, overrides: tuple[str, ...], as_json: bool) -> None:
    """Look at the site at URL before crawling it, in at most 30 polite requests.

    Shows robots.txt's rules, where the address redirects to, the charset, the nav bar's
    columns against the known list, a few columns' listings (articles per page, the pager,
    how many pages), three sample articles with every field ggcrawl extracts and its
    warnings, and an estimate of the crawl. URL defaults to the start URL as `ggcrawl crawl`
    finds it.

    \b
    Exit status: 0 the site reads; 2 bad input; 3 the site cannot be read (no nav bar, no
    listing, a JavaScript challenge, a login wall, an error), with one line saying why.
    """
    from ggcrawl.probe import probe as run_probe
    from ggcrawl.probe import render

    start = _resolve_start_url(url)
    try:
        settings = build_settings(DEFAULT_DB, parse_overrides(overrides))
    except ValueError as exc:
        raise BadInput(str(exc)) from None
    contact = settings.get("OPERATOR_CONTACT")
    agent = (
        settings.get("USER_AGENT_TEMPLATE").format(version=__version__, contact=contact)
        if contact
        else settings.get("USER_AGENT")
    )
    found = run_probe(
        start,
        user_agent=agent,
        delay=settings.getfloat("DOWNLOAD_DELAY"),
        overrides=_config_selectors(),
    )
    if as_json:
        click.echo(json.dumps(found.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render(found))
    if found.problem:
        if as_json:
            click.echo(f"Cannot read the site: {found.problem}", err=True)
        sys.exit(EXIT_NO_SITE)


@main.command()
@click.option("--dialect", default="dede", show_default=True, help="Markup dialect of the replica.")
@click.option(
    "--articles",
    default=120,
    show_default=True,
    type=click.IntRange(10, 100_000),
    help="Replica size.",
)
@click.option("--seed", default=7, show_default=True, type=int, help="Replica generator seed.")
@click.option(
    "--port",
    default=8765,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Loopback port (a free one if taken).",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEMO_DB,
    show_default=True,
    help="The SQLite archive.",
)
def demo(dialect: str, articles: int, seed: int, port: int, db: Path) -> None:
    """Serve the bundled replica of the site on 127.0.0.1 and crawl it into --db."""
    from ggcrawl.replica import DIALECTS, ReplicaServer, build_site

    if dialect not in DIALECTS:
        raise BadInput(f"unknown dialect {dialect!r}; choose one of {', '.join(DIALECTS)}")
    _check_archive(db)
    site = build_site(articles=articles, seed=seed)
    server = ReplicaServer(site, dialect=dialect, port=port)
    try:
        server.start()
    except OSError:
        server = ReplicaServer(site, dialect=dialect, port=0)
        server.start()
    click.echo(
        f"Replica of 天水关工网 ({dialect} dialect, {articles} articles) at {server.base_url}",
        err=True,
    )
    try:
        _crawl_and_report(server.base_url, db, dict(REPLICA_SETTINGS))
        click.echo(f"Off-site requests made: {server.offsite_hits}")
    finally:
        server.stop()
    click.echo(
        "\nLook at the result:\n"
        f"  ggcrawl search 关工 --db {db}\n"
        f"  ggcrawl browse --db {db}\n"
        f"  sqlite-utils tables {db} --counts\n"
        f'  sqlite-utils {db} "SELECT published_at, section, title FROM articles '
        f'ORDER BY published_at DESC LIMIT 10" --table'
    )


@main.command()
@click.argument("query")
@db_option
@limit_option(20, 10_000, "Most hits to show.")
@click.option(
    "--window",
    default=RANK_WINDOW,
    show_default=True,
    type=click.IntRange(0),
    help="Rank at most this many hits, the most recently archived; a query with a phrase (a "
    "word of three or more characters) and more hits than this lists them most recently "
    "archived first (0: rank every hit; slower for words found in tens of thousands of "
    "articles).",
)
@json_option("the hits")
def search(query: str, db: Path, limit: int, window: int, as_json: bool) -> None:
    """Full-text search of titles and bodies, ranked by relevance.

    Chinese words of any length are found (关工, 扶贫, 关心下一代); several words must all
    occur; "double quotes" keep a phrase together.
    """
    if not query.strip():
        raise BadInput("the search query is empty")
    archive = _open_archive(db, readonly=True)
    try:
        started = time.perf_counter()
        results = archive.search_page(query, limit=limit, window=window or None)
        elapsed = time.perf_counter() - started
    finally:
        archive.close()
    hits = results.hits if results else []
    if results and results.order != "ranked":
        shown = (
            "the most recently archived come first, unranked (ranking a phrase first matches "
            "it in every article that holds it)"
            if results.order == "archive order"
            else f"the best of the {window:,} most recently archived are shown first"
        )
        click.echo(
            f"More than {window:,} articles match: {shown}; --window 0 ranks them all.", err=True
        )
    if as_json:
        click.echo(json.dumps([hit.__dict__ for hit in hits], ensure_ascii=False, indent=2))
        return
    for number, hit in enumerate(hits, 1):
        click.echo(f"{number:3}. {hit.title or '(no title)'}")
        click.echo(f"     {hit.published_at or '?'}  {hit.section or '?'}  {hit.url}")
    click.echo(
        f"{len(hits)} of {results.total if results else 0:,} hits for {query!r} "
        f"({elapsed * 1000:.1f} ms)",
        err=True,
    )


@main.command()
@db_option
@click.option(
    "--port",
    default=8001,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port on 127.0.0.1 (0: any free port).",
)
def browse(db: Path, port: int) -> None:
    """Browse the archive in Datasette on 127.0.0.1: Chinese full-text search, facets, canned
    queries, an overview of articles per month and of the crawls.

    The archive is opened read-only, so a crawl can go on writing to it meanwhile.
    """
    from ggcrawl.browse import HOST, listening_socket, make_datasette, serve

    _upgrade_for_browsing(db)
    datasette = make_datasette(db)
    try:
        sock = listening_socket(port)
    except OSError as exc:
        raise BadInput(
            f"cannot listen on {HOST}:{port} ({exc.strerror}); choose another --port, "
            "or --port 0 for any free one"
        ) from None
    click.echo(f"Browsing {db} at http://{HOST}:{sock.getsockname()[1]}/ (Ctrl-C to stop)")
    serve(datasette, sock)


@main.command()
@db_option
def reparse(db: Path) -> None:
    """Extract every article again from its stored snapshot, without fetching anything.

    Run it after upgrading ggcrawl, or after giving [selectors] in ./ggcrawl.toml: improved
    extraction reaches the whole archive. It says how many articles changed, and which
    fields how often.
    """
    from collections import Counter

    from ggcrawl.extract import extract_article_with, load_page
    from ggcrawl.extract.continuation import join_page, next_page
    from ggcrawl.items import Article, ArticlePage

    selectors = _config_selectors()
    archive = _open_archive(db, create=False)
    fields: Counter[str] = Counter()
    changed = total = 0

    def extract(snapshot: Snapshot) -> ArticleFields:
        page = load_page(snapshot.url, snapshot.body, snapshot.headers)
        return extract_article_with(page, selectors)

    try:
        for url, snapshot_id, snapshot in archive.article_snapshots():
            extracted = extract(snapshot)
            pages, parts = [url], []
            # An article the site split over pages: its later pages as last archived.
            while (onward := next_page(extracted, pages)) and (
                later := archive.latest_snapshot(onward)
            ):
                pages.append(onward)
                parts.append(ArticlePage(onward, later.sha256, later.status))
                extracted = join_page(extracted, extract(later), pages)
            names = archive.reparse_article(
                Article.from_fields(url, extracted, snapshot, parts), snapshot_id
            )
            fields.update(names)
            changed += bool(names)
            total += 1
            if total % 1000 == 0:
                click.echo(f"[ggcrawl] {total} articles re-extracted, {changed} changed", err=True)
    finally:
        archive.close()
    click.echo(f"Re-extracted {total} articles from their snapshots; {changed} changed.")
    for name, count in sorted(fields.items(), key=lambda item: (-item[1], item[0])):
        click.echo(f"  {name}: {count} article{'s' if count != 1 else ''}")


@main.command()
@db_option
@limit_option(50, 100_000, "Most crawls to list.")
@json_option("the crawls")
def crawls(db: Path, limit: int, as_json: bool) -> None:
    """List past crawls, newest first: mode, outcome, articles new/changed/unchanged/gone."""
    archive = _open_archive(db, readonly=True)
    try:
        rows = archive.crawls(limit)
    finally:
        archive.close()
    click.echo(json.dumps(rows, ensure_ascii=False, indent=2) if as_json else render_crawls(rows))


class _IdCommand(click.Command):
    """A command whose argument is an id: ``-1`` is a wrong id, not an unknown option."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        for arg in args:
            if arg.startswith("-") and arg[1:].isdigit():
                raise click.BadParameter(
                    f"{arg} is not a crawl id; ids start at 1 (`ggcrawl crawls` lists them)",
                    ctx=ctx,
                    param_hint="'CRAWL_ID'",
                )
        return super().parse_args(ctx, args)


@main.command(cls=_IdCommand)
@click.argument("crawl_id", type=click.IntRange(min=1))
@db_option
@json_option("the report")
def report(crawl_id: int, db: Path, as_json: bool) -> None:
    """Show what crawl CRAWL_ID did: articles, assets, failures, requests, bytes, time."""
    archive = _open_archive(db, readonly=True)
    try:
        found = archive.crawl_report(crawl_id)
    finally:
        archive.close()
    if found is None:
        raise BadInput(f"there is no crawl {crawl_id} in {db}; `ggcrawl crawls` lists them")
    click.echo(json.dumps(found, ensure_ascii=False, indent=2) if as_json else render_report(found))


def _wacz_name(_ctx: click.Context, _param: click.Parameter, path: Path) -> Path:
    """Refused before the archive is opened: replay tools know a WACZ by its extension."""
    if path.suffix != ".wacz":
        raise click.BadParameter(f"{path}: a WACZ file's name ends in .wacz")
    return path


@main.command()
@click.option(
    "--wacz",
    "wacz_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    callback=_wacz_name,
    help="Write a WACZ file here (its name ends in .wacz).",
)
@db_option
def export(wacz_file: Path, db: Path) -> None:
    """Pack the archive's WARC files into one WACZ file, for ReplayWeb.page or pywb.

    It holds every crawl's WARC file, their index, the list of pages (the front page, the
    columns, and every article with its title and text, which ReplayWeb.page's search reads)
    and a datapackage.json that describes the archive. A WARC file the archive lists but
    that is gone is left out, with a warning.
    """
    from ggcrawl.export import ExportError, export_wacz

    archive = _open_archive(db, readonly=True)
    try:
        exported = export_wacz(
            archive, wacz_file, lambda line: click.echo(f"[ggcrawl] {line}", err=True)
        )
    except ExportError as exc:
        raise BadInput(str(exc)) from None
    finally:
        archive.close()
    files = len(exported.warcs)
    click.echo(
        f"Wrote {wacz_file} ({wacz_file.stat().st_size / 1_000_000:,.1f} MB): "
        f"{files} WARC file{'s' if files != 1 else ''}, {exported.pages:,} pages "
        f"({exported.articles:,} articles with their text)."
    )


@main.command()
@start_url_option
@db_option
@click.option(
    "--every",
    default="daily",
    show_default=True,
    help="hourly, daily, weekly, or a 5-field cron expression.",
)
@click.option("--systemd", is_flag=True, help="A systemd user timer instead of a crontab line.")
@click.option("--install", is_flag=True, help="Install it (crontab, or ~/.config/systemd/user).")
@click.option(
    "--log",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("archive/crawl.log"),
    show_default=True,
    help="Where cron appends the output.",
)
@settings_option("A setting passed to each crawl (repeatable).")
def schedule(
    start_url: str | None,
    db: Path,
    every: str,
    systemd: bool,
    install: bool,
    log: Path,
    overrides: tuple[str, ...],
) -> None:
    """Print (or --install) a recurring crawl: a crontab line or a systemd timer, under flock so
    two runs never overlap."""
    url = _resolve_start_url(start_url)
    try:
        parse_overrides(overrides)
    except ValueError as exc:
        raise BadInput(str(exc)) from None
    try:
        # Refused now rather than by every scheduled run, into a log nobody reads.
        Archive.check(db)
    except ArchiveError as exc:
        raise BadInput(str(exc)) from None
    extra = [arg for pair in overrides for arg in ("-s", pair)]
    program = shutil.which("ggcrawl") or str(Path(sys.executable).with_name("ggcrawl"))
    try:
        if systemd:
            units = schedules.systemd_units(
                start_url=url, db=db, every=every, ggcrawl=program, extra_args=extra
            )
            if install:
                db.absolute().parent.mkdir(parents=True, exist_ok=True)
                for path in schedules.install_systemd(units):
                    click.echo(f"wrote {path}")
                click.echo(f"now run: {schedules.ENABLE_COMMAND}")
                return
            for name, text in units.items():
                click.echo(f"# {schedules.USER_UNIT_DIR / name}\n{text}")
            click.echo(f"# then: {schedules.ENABLE_COMMAND}")
            return
        line = schedules.crontab_line(
            start_url=url, db=db, every=every, ggcrawl=program, log=log, extra_args=extra
        )
        if install:
            db.absolute().parent.mkdir(parents=True, exist_ok=True)
            log.absolute().parent.mkdir(parents=True, exist_ok=True)
            schedules.install_crontab(line)
            click.echo(f"installed in your crontab:\n{line}")
            return
        click.echo(line)
    except (ValueError, schedules.ScheduleError) as exc:
        raise BadInput(str(exc)) from None


def _resolve_start_url(given: str | None) -> str:
    url = given or os.environ.get(START_URL_ENV) or _config_start_url()
    if not url:
        raise BadInput(
            "no start URL. ggcrawl does not guess the live site's address; give it with "
            f'--start-url URL, the {START_URL_ENV} environment variable, or start_url = "URL" '
            f"in ./{CONFIG_FILE}"
        )
    try:
        return check_start_url(url)
    except ValueError as exc:
        raise BadInput(f"bad start URL: {exc}") from None


def _config() -> dict[str, object]:
    if not CONFIG_FILE.exists():
        return {}
    try:
        return tomllib.loads(CONFIG_FILE.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BadInput(f"./{CONFIG_FILE} is not valid TOML: {exc}") from None


def _config_start_url() -> str | None:
    value = _config().get("start_url")
    return str(value) if value else None


def _config_selectors() -> Overrides:
    """The operator's ``[selectors]`` of ./ggcrawl.toml, checked before any request: a field
    that does not exist or a selector that does not parse is bad input."""
    table = _config().get("selectors") or {}
    if not isinstance(table, dict):
        raise BadInput(f"./{CONFIG_FILE}: selectors must be a table ([selectors])")
    try:
        return parse_selectors(table)
    except ValueError as exc:
        raise BadInput(f"./{CONFIG_FILE}: {exc}") from None


def _open_archive(db: Path, *, readonly: bool = False, create: bool | None = None) -> Archive:
    try:
        return Archive.open(
            db, create=not readonly if create is None else create, readonly=readonly
        )
    except ArchiveError as exc:
        raise BadInput(str(exc)) from None


def _upgrade_for_browsing(db: Path) -> None:
    """Refuse what is not an archive; bring one from an older ggcrawl to the current schema
    (the browse view relies on it), which takes write access once."""
    archive = _open_archive(db, readonly=True)
    try:
        version = archive.conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        archive.close()
    if version == SCHEMA_VERSION:
        return
    try:
        Archive.open(db, create=False).close()
    except (ArchiveError, sqlite3.Error) as exc:
        raise BadInput(
            f"{db} was written by an older ggcrawl and needs a one-time upgrade, which failed "
            f"({exc}); make it writable, or browse a writable copy"
        ) from None
    click.echo(f"Upgraded {db} to archive schema {SCHEMA_VERSION}.", err=True)


def _check_archive(db: Path) -> None:
    """Refuse a database that is not ours, or one another crawl is writing to, before
    Scrapy starts (the pipeline takes the lock for real)."""
    _open_archive(db).close()
    lock = CrawlLock(db)
    try:
        lock.acquire()
    except ArchiveError as exc:
        raise BadInput(str(exc)) from None
    lock.release()


def _crawl_and_report(url: str, db: Path, overrides: dict[str, object]) -> None:
    result = run_crawl(url, build_settings(db, overrides))
    if result.stats.get("ggcrawl/error"):
        raise BadInput(str(result.stats["ggcrawl/error"]))
    archive = _open_archive(db)
    try:
        report = archive.crawl_report(result.crawl_id)
        problem = diagnose_crawl(archive.conn, result.crawl_id) if report else None
    finally:
        archive.close()
    if report is None:
        raise click.ClickException(f"the crawl did not start; see the log above ({db})")
    click.echo("\n" + render_report(report))
    if problem is None and not report["articles"]["archived"]:
        problem = "nothing was archived; see the failures above"
    if problem is not None:
        click.echo(f"No site found: {problem}.", err=True)
        sys.exit(EXIT_NO_SITE)
    if report["health"]["flags"]:
        fields = ", ".join(flag["field"] for flag in report["health"]["flags"])
        click.echo(
            f"Extraction health: a probable template change ({fields}; see above). The pages "
            "are archived as served; `ggcrawl reparse` brings the fields back once extraction "
            "reads the new markup.",
            err=True,
        )
        sys.exit(EXIT_HEALTH)
