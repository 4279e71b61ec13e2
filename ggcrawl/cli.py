"""`ggcrawl …`: crawl the site, run the demo, search the archive."""

from __future__ import annotations

import json
import os
import sys
import time
import tomllib
import unicodedata
from pathlib import Path

import click

from ggcrawl import __version__
from ggcrawl.plan import parse_revisit
from ggcrawl.runner import REPLICA_SETTINGS, build_settings, parse_overrides, reachable, run_crawl
from ggcrawl.store import Archive, ArchiveError
from ggcrawl.urls import check_start_url

DEFAULT_DB = Path("archive/tsggw.db")
DEMO_DB = Path("archive/demo.db")
CONFIG_FILE = Path("ggcrawl.toml")
START_URL_ENV = "GGCRAWL_START_URL"


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ggcrawl")
def main() -> None:
    """Archive 天水关工网 into SQLite: every article with its fields, every page as served.

    \b
    Start with `ggcrawl demo` (crawls a bundled replica of the site), then
    `ggcrawl search 关工 --db archive/demo.db`.
    """


@main.command()
@click.option(
    "--start-url",
    help=f"The site's home page. Or set ${START_URL_ENV}, or start_url in ./{CONFIG_FILE}.",
)
@db_option
@click.option(
    "-s",
    "--set",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    help="A Scrapy setting (repeatable).",
)
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
        f"  sqlite-utils tables {db} --counts\n"
        f'  sqlite-utils {db} "SELECT published_at, section, title FROM articles '
        f'ORDER BY published_at DESC LIMIT 10" --table'
    )


@main.command()
@click.argument("query")
@db_option
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Most hits to show.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
def search(query: str, db: Path, limit: int, as_json: bool) -> None:
    """Full-text search of titles and bodies, ranked by relevance.

    Chinese words of any length are found (关工, 扶贫, 关心下一代); several words must all
    occur; "double quotes" keep a phrase together.
    """
    if not query.strip():
        raise BadInput("the search query is empty")
    archive = _open_archive(db, readonly=True)
    try:
        started = time.perf_counter()
        hits = archive.search(query, limit=limit)
        elapsed = time.perf_counter() - started
    finally:
        archive.close()
    if as_json:
        click.echo(json.dumps([hit.__dict__ for hit in hits], ensure_ascii=False, indent=2))
        return
    for number, hit in enumerate(hits, 1):
        click.echo(f"{number:3}. {hit.title or '(no title)'}")
        click.echo(f"     {hit.published_at or '?'}  {hit.section or '?'}  {hit.url}")
    click.echo(
        f"{len(hits)} hit{'s' if len(hits) != 1 else ''} for {query!r} ({elapsed * 1000:.1f} ms)",
        err=True,
    )


@main.command()
@db_option
def reparse(db: Path) -> None:
    """Extract every article again from its stored snapshot, without fetching anything.

    Run it after upgrading ggcrawl: improved extraction rules reach the whole archive.
    """
    from ggcrawl.extract import extract_article, load_page
    from ggcrawl.items import Article

    archive = _open_archive(db)
    changed = total = 0
    try:
        for url, snapshot_id, snapshot in archive.article_snapshots():
            fields = extract_article(load_page(snapshot.url, snapshot.body, snapshot.headers))
            changed += archive.reparse_article(
                Article.from_fields(url, fields, snapshot), snapshot_id
            )
            total += 1
            if total % 1000 == 0:
                click.echo(f"[ggcrawl] {total} articles re-extracted, {changed} changed", err=True)
    finally:
        archive.close()
    click.echo(f"Re-extracted {total} articles from their snapshots; {changed} changed.")


def _pad(text: str, width: int) -> str:
    """Left-align ``text`` in ``width`` terminal columns (Chinese characters take two)."""
    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - columns, 0)


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


def _config_start_url() -> str | None:
    if not CONFIG_FILE.exists():
        return None
    try:
        config = tomllib.loads(CONFIG_FILE.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BadInput(f"./{CONFIG_FILE} is not valid TOML: {exc}") from None
    value = config.get("start_url")
    return str(value) if value else None


def _open_archive(db: Path, *, readonly: bool = False) -> Archive:
    try:
        return Archive.open(db, create=not readonly, readonly=readonly)
    except ArchiveError as exc:
        raise BadInput(str(exc)) from None


def _check_archive(db: Path) -> None:
    _open_archive(db).close()


def _crawl_and_report(url: str, db: Path, overrides: dict[str, object]) -> None:
    started = time.monotonic()
    result = run_crawl(url, build_settings(db, overrides))
    elapsed = time.monotonic() - started
    archive = _open_archive(db)
    try:
        summary = archive.crawl_summary(result.crawl_id)
    finally:
        archive.close()
    stats = result.stats
    click.echo(f"\nCrawl {result.crawl_id} of {url}: {result.finish_reason} in {elapsed:.1f} s")
    click.echo(
        f"  {stats.get('response_received_count', 0)} responses, "
        f"{stats.get('ggcrawl/articles_new', 0)} new / "
        f"{stats.get('ggcrawl/articles_changed', 0)} changed / "
        f"{stats.get('ggcrawl/articles_unchanged', 0)} unchanged articles, "
        f"{summary['articles_total']} in the archive ({db})"
    )
    click.echo("  Articles per column:")
    for section, count in summary["sections"]:
        click.echo(f"    {_pad(section, 12)} {count:>6}")
    failures = summary["failures"]
    click.echo(f"  Failures: {len(failures)}")
    for failure in failures[:20]:
        click.echo(f"    {failure['status'] or '-'}  {failure['url']}  ({failure['error']})")
    if len(failures) > 20:
        click.echo(
            f"    … {len(failures) - 20} more: "
            f"SELECT * FROM failures WHERE crawl_id = {result.crawl_id}"
        )
    if stats.get("ggcrawl/error"):
        raise BadInput(str(stats["ggcrawl/error"]))
    if not stats.get("response_received_count"):
        click.echo("The start page could not be fetched; see the failures above.", err=True)
        sys.exit(1)
