"""`ggcrawl export --wacz`: an archive's WARC files packed as one WACZ file (Web Archive
Collection Zipped), which ReplayWeb.page opens as it is and pywb adds to a collection.

py-wacz (the `wacz` package) indexes the WARC files and lists the package's files with their
hashes, as `wacz create` does. The page list is not detected from the WARC files but comes from
the SQLite archive: the front page, the columns (titled by their names) and every article with
the title and body text ggcrawl extracted, so ReplayWeb.page's search finds articles by their
words; written as UTF-8, not \\u escapes.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import version
from io import BytesIO, TextIOWrapper
from pathlib import Path
from types import SimpleNamespace

from wacz.util import now
from wacz.waczindexer import WACZIndexer
from warcio.timeutils import iso_date_to_timestamp, timestamp_to_iso_date

from ggcrawl import __version__
from ggcrawl.store import Archive

SITE_NAME = "天水关工网"
INDEX = "indexes/index.cdx.gz"
INDEX_BLOCKS = "indexes/index.idx"
PAGES = "pages/pages.jsonl"
# How `wacz create` indexes (wacz.main.create_wacz): blocks of 1024 sorted lines, as
# archiveweb.page writes them, POST bodies in the key, each block's digest.
INDEX_OPTIONS = {
    "sort": True,
    "post_append": True,
    "lines": 1024,
    "digest_records": True,
    "fields": "referrer,req.http:cookie",
    "hash_type": "sha256",
}
MAX_REDIRECTS = 10
HOME = "home"
LINE_BREAKS_ESCAPED = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"}

Progress = Callable[[str], None]


class ExportError(Exception):
    """Nothing to pack, or nowhere to write the package: the command's bad input."""


@dataclass(frozen=True)
class Page:
    """One entry of pages.jsonl: a page ReplayWeb.page lists, opens and searches."""

    id: str
    url: str
    ts: str  # when it was captured (to the second, as in the index): replay opens that capture
    title: str | None
    text: str | None = None

    def json_line(self) -> str:
        entry = {"id": self.id, "url": self.url, "ts": self.ts}
        entry |= {"title": self.title} if self.title else {}
        entry |= {"text": self.text} if self.text else {}
        line = json.dumps(entry, ensure_ascii=False)
        # Escaped, though JSON allows them raw: readers that split lines as Python's
        # str.splitlines() does would break an entry at them.
        return line.translate(LINE_BREAKS_ESCAPED) + "\n"


@dataclass
class Exported:
    """What went into the package, for the command's last lines."""

    warcs: list[str]
    pages: int = 0
    articles: int = 0
    main_page: Page | None = None


def export_wacz(archive: Archive, output: Path, progress: Progress) -> Exported:
    """Write the WACZ of every crawl's WARC files to ``output`` (through ``output.part``, so
    a file that is there is whole); WARC files the archive lists but that are gone are left
    out, each with a warning through ``progress``."""
    folder = archive.path.parent
    warcs, missing = _warc_files(archive.conn, folder)
    if not warcs:
        raise ExportError(
            f"{archive.path} has no WARC files to pack "
            + (
                f"({', '.join(missing)} missing from {folder})"
                if missing
                else "(no crawl of it wrote one: WARC_ENABLED was off, or it was never crawled)"
            )
        )
    for name in missing:
        progress(f"warning: {name} is listed in the archive but not in {folder}; left out")
    partial = _writable_part(output)
    exported = Exported([path.name for path in warcs])
    try:
        with zipfile.ZipFile(partial, "w") as package:
            indexer = _index(package, warcs, progress)
            for number, path in enumerate(warcs, 1):
                progress(f"packing {path.name} ({number}/{len(warcs)}, {_size(path)})")
                package.write(path, f"archive/{path.name}")
            _write_pages(package, archive.conn, exported, progress)
            _write_datapackage(package, indexer, archive, exported)
        os.replace(partial, output)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise ExportError(f"{output} not written: {exc.strerror or exc}{where}") from None
    finally:
        partial.unlink(missing_ok=True)
    return exported


def _warc_files(conn: sqlite3.Connection, folder: Path) -> tuple[list[Path], list[str]]:
    """The archive's WARC files that are there, oldest crawl first, and the names of the
    missing ones."""
    names = [
        row[0]
        for row in conn.execute("SELECT filename FROM warc_files ORDER BY crawl_id, filename")
    ]
    present = [folder / name for name in names if (folder / name).is_file()]
    return present, [name for name in names if not (folder / name).is_file()]


def _writable_part(output: Path) -> Path:
    """Where the package is written until it is whole; refuses a path that cannot be."""
    partial = output.with_name(output.name + ".part")
    folder = next(parent for parent in output.absolute().parents if parent.exists())
    if not folder.is_dir():
        raise ExportError(f"cannot write {output}: {folder} is a file, not a folder")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        partial.open("wb").close()
    except OSError as exc:
        raise ExportError(
            f"cannot write {output}: {exc.strerror or exc}; give another path"
        ) from None
    return partial


class _Indexer(WACZIndexer):
    """py-wacz's indexer, saying which WARC file it reads (the long part of an export)."""

    progress: Progress

    def process_one(self, input_: object, output: object, filename: str) -> None:
        self.progress(f"indexing {Path(filename).name}")
        super().process_one(input_, output, filename)


def _index(package: zipfile.ZipFile, warcs: list[Path], progress: Progress) -> _Indexer:
    """The CDX index, in ZipNum blocks (index.cdx.gz, stored) with their index (index.idx)."""
    blocks = BytesIO()
    with package.open(zipfile.ZipInfo(INDEX, now()), "w") as data:
        indexer = _Indexer(
            TextIOWrapper(blocks, "utf-8", write_through=True),
            [str(path) for path in warcs],
            compress=data,
            data_out_name=Path(INDEX).name,
            **INDEX_OPTIONS,
        )
        indexer.progress = progress
        indexer.process_all()
    info = zipfile.ZipInfo(INDEX_BLOCKS, now())
    info.compress_type = zipfile.ZIP_DEFLATED
    package.writestr(info, blocks.getvalue())
    return indexer


def _write_pages(
    package: zipfile.ZipFile, conn: sqlite3.Connection, exported: Exported, progress: Progress
) -> None:
    info = zipfile.ZipInfo(PAGES, now())
    info.compress_type = zipfile.ZIP_DEFLATED
    header = {"format": "json-pages-1.0", "id": "pages", "title": SITE_NAME, "hasText": True}
    with package.open(info, "w") as out:
        out.write((json.dumps(header, ensure_ascii=False) + "\n").encode("utf-8"))
        for page in _pages(conn, set(exported.warcs)):
            out.write(page.json_line().encode("utf-8"))
            exported.pages += 1
            if page.id.startswith("article-"):
                exported.articles += 1
                if exported.articles % 10_000 == 0:
                    progress(f"{exported.articles:,} articles listed")
            elif page.id == HOME:
                exported.main_page = page
    progress(f"{exported.pages:,} pages listed, {exported.articles:,} of them articles")


def _pages(conn: sqlite3.Connection, packed: set[str]) -> Iterator[Page]:
    """The front page, the columns in nav order, then the articles, newest first: each at its
    latest capture, if that is in a packed WARC file."""
    (start_url,) = conn.execute(
        "SELECT start_url FROM crawls ORDER BY id DESC LIMIT 1"
    ).fetchone() or (None,)
    home = _capture(conn, start_url) if start_url else None
    if home and home[2] in packed:
        yield Page(HOME, home[0], _ts(home[1]), f"{SITE_NAME} 首页")
    for position, name, url in conn.execute(
        "SELECT position, name, url FROM sections ORDER BY position, name"
    ).fetchall():
        found = _capture(conn, url)
        if found and found[2] in packed and (not home or found[0] != home[0]):
            yield Page(f"column-{position}", found[0], _ts(found[1]), name)
    for article_id, url, ts, filename, title, text in conn.execute(
        "SELECT a.id, s.url, s.warc_date, s.warc_filename, a.title, a.body_text "
        "FROM articles a JOIN snapshots s ON s.id = a.snapshot_id "
        "WHERE s.warc_date IS NOT NULL ORDER BY a.published_at DESC, a.id"
    ):
        if filename in packed:
            yield Page(f"article-{article_id}", url, _ts(ts), title, text)


def _capture(conn: sqlite3.Connection, url: str) -> tuple[str, str, str] | None:
    """(url, WARC-Date, WARC file) of the latest 200 capture of a URL, after its redirects."""
    for _hop in range(MAX_REDIRECTS):
        row = conn.execute(
            "SELECT url, warc_date, warc_filename FROM snapshots "
            "WHERE url = ? AND status = 200 AND warc_date IS NOT NULL "
            "ORDER BY last_fetched_at DESC LIMIT 1",
            (url,),
        ).fetchone()
        if row:
            return row[0], row[1], row[2]
        hop = conn.execute("SELECT to_url FROM redirects WHERE from_url = ?", (url,)).fetchone()
        if hop is None:
            return None
        url = hop[0]
    return None


def _write_datapackage(
    package: zipfile.ZipFile, indexer: _Indexer, archive: Archive, exported: Exported
) -> None:
    """datapackage.json (py-wacz lists the files with their hashes; the title, description,
    main page and software are ggcrawl's) and its digest, datapackage-digest.json."""
    crawls, first, last, site = archive.conn.execute(
        "SELECT COUNT(*), substr(MIN(started_at), 1, 10), "
        "substr(MAX(COALESCE(finished_at, started_at)), 1, 10), "
        "(SELECT start_url FROM crawls ORDER BY id DESC LIMIT 1) "
        "FROM crawls WHERE id IN (SELECT crawl_id FROM warc_files WHERE filename IN "
        f"({','.join('?' * len(exported.warcs))}))",
        exported.warcs,
    ).fetchone()
    span = first if first == last else f"{first} – {last}"
    title = f"{SITE_NAME}档案 / Archive of {SITE_NAME}, {span}"
    description = (
        f"{SITE_NAME} ({site}) as ggcrawl archived it in {archive.path.name}: "
        f"{exported.articles:,} articles and {exported.pages - exported.articles:,} other pages "
        f"listed, from {crawls} crawl{'s' if crawls != 1 else ''} ({span}), "
        f"{len(exported.warcs)} WARC file{'s' if len(exported.warcs) != 1 else ''}."
    )
    fields = SimpleNamespace(title=title, desc=description, date=None)
    datapackage = json.loads(indexer.generate_datapackage(fields, package))
    if exported.main_page:
        datapackage["mainPageURL"] = exported.main_page.url
        datapackage["mainPageDate"] = exported.main_page.ts
    datapackage["software"] = f"ggcrawl {__version__} (py-wacz {version('wacz')})"
    encoded = json.dumps(datapackage, ensure_ascii=False, indent=2).encode("utf-8")
    for name, content in (
        ("datapackage.json", encoded),
        ("datapackage-digest.json", indexer.generate_datapackage_digest(encoded).encode()),
    ):
        info = zipfile.ZipInfo(name, now())
        info.compress_type = zipfile.ZIP_DEFLATED
        package.writestr(info, content)


def _ts(warc_date: str) -> str:
    """A WARC-Date to the second, as py-wacz writes a page's time (2026-12-06T08:24:45Z)."""
    return timestamp_to_iso_date(iso_date_to_timestamp(warc_date))


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1_000_000:,.1f} MB"
