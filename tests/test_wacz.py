"""`ggcrawl export --wacz`: a WACZ file that py-wacz's own `wacz validate` accepts, whose page
list is the archive's (titles and body text, as UTF-8) and from which pywb replays articles."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
import subprocess
import zipfile
from hashlib import sha256
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.timeutils import iso_date_to_timestamp, timestamp_to_iso_date

from ggcrawl.export import Page
from ggcrawl.store import Archive
from tests.conftest import examples, run_cli
from tests.pywb_replay import BIN, page_text, replay

EDITED_TITLE = "关工委工作修订稿"  # the article history_archive edits before its second crawl


def assert_refused(result, *fragments: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


def query(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(sql, params).fetchall()


def pages_of(wacz: Path) -> tuple[bytes, list[dict]]:
    """pages/pages.jsonl as stored, and its entries after the header."""
    with zipfile.ZipFile(wacz) as package:
        raw = package.read("pages/pages.jsonl")
    header, *entries = [json.loads(line) for line in raw.decode("utf-8").splitlines()]
    assert header == {
        "format": "json-pages-1.0",
        "id": "pages",
        "title": "天水关工网",
        "hasText": True,
    }
    return raw, entries


def to_second(warc_date: str) -> str:
    """2026-12-06T08:24:45.925316Z as 2026-12-06T08:24:45Z."""
    return timestamp_to_iso_date(iso_date_to_timestamp(warc_date))


def validate(wacz: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "wacz"), "validate", "-f", str(wacz)], capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def exported(history_archive, tmp_path_factory):
    """history_archive (two crawls, two WARC files) exported: (db, its WACZ, the command)."""
    db = history_archive[0]
    wacz = tmp_path_factory.mktemp("wacz") / "out" / "tsggw.wacz"
    result = run_cli("export", "--wacz", str(wacz), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db, wacz, result


def test_wacz_validate_accepts_it(exported) -> None:
    _db, wacz, _result = exported
    checked = validate(wacz)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Validation succeeded, the passed WACZ is valid" in checked.stdout


def test_it_packs_every_warc_file_as_it_is_with_its_index(exported) -> None:
    db, wacz, result = exported
    names = [row[0] for row in query(db, "SELECT filename FROM warc_files ORDER BY filename")]
    assert names == ["tsggw-crawl00001-01.warc.gz", "tsggw-crawl00002-01.warc.gz"]
    with zipfile.ZipFile(wacz) as package:
        entries = {info.filename: info for info in package.infolist()}
        assert set(entries) == {
            *(f"archive/{name}" for name in names),
            "indexes/index.cdx.gz",
            "indexes/index.idx",
            "pages/pages.jsonl",
            "datapackage.json",
            "datapackage-digest.json",
        }
        for name in names:
            # Stored, not deflated: replay tools read records at their offsets in the zip.
            assert entries[f"archive/{name}"].compress_type == zipfile.ZIP_STORED
            assert package.read(f"archive/{name}") == (db.parent / name).read_bytes()
        assert entries["indexes/index.cdx.gz"].compress_type == zipfile.ZIP_STORED
        index = gzip.decompress(package.read("indexes/index.cdx.gz")).decode("utf-8")
    captures = set()
    for line in index.splitlines():
        _key, ts, fields = line.split(" ", 2)
        found = json.loads(fields)
        assert found["filename"] in names
        captures.add((found["url"], ts))
    # Every listed page is in the index at the capture it names: it replays.
    _raw, pages = pages_of(wacz)
    assert {(page["url"], iso_date_to_timestamp(page["ts"])) for page in pages} <= captures
    for name in names:
        assert f"[ggcrawl] indexing {name}" in result.stderr
        assert f"[ggcrawl] packing {name}" in result.stderr


def test_pages_are_the_archives_articles_with_their_title_and_text(exported) -> None:
    db, wacz, result = exported
    raw, pages = pages_of(wacz)
    articles = {
        url: (ts, title, text)
        for url, ts, title, text in query(
            db,
            "SELECT s.url, s.warc_date, a.title, a.body_text FROM articles a "
            "JOIN snapshots s ON s.id = a.snapshot_id",
        )
    }
    listed = [page for page in pages if page["id"].startswith("article-")]
    assert len(listed) == len(articles) == len({page["url"] for page in listed})
    for page in listed:
        ts, title, text = articles[page["url"]]
        assert (page["ts"], page["title"], page["text"]) == (to_second(ts), title, text)
    edited = next(page for page in listed if page["title"] == EDITED_TITLE)
    assert "修订" in edited["text"]
    # UTF-8 as it is, not \u escapes: 关工 once per article that has it, at least.
    assert raw.count("关工".encode()) >= sum("关工" in text for _ts, _t, text in articles.values())
    assert b"\\u" not in raw
    # The front page, then the columns by their names, before the articles.
    sections = [name for (name,) in query(db, "SELECT name FROM sections ORDER BY position")]
    assert pages[0]["id"] == "home" and pages[0]["title"] == "天水关工网 首页"
    assert [page["title"] for page in pages[1 : 1 + len(sections)]] == sections
    assert all("text" not in page for page in pages[: 1 + len(sections)])
    assert result.stdout.strip().endswith(
        f"{len(pages)} pages ({len(articles)} articles with their text)."
    )


def test_datapackage_describes_the_archive_and_lists_every_file(exported) -> None:
    db, wacz, _result = exported
    with zipfile.ZipFile(wacz) as package:
        datapackage = json.loads(package.read("datapackage.json").decode("utf-8"))
        digest = json.loads(package.read("datapackage-digest.json"))
        assert digest["hash"] == "sha256:" + sha256(package.read("datapackage.json")).hexdigest()
        for resource in datapackage["resources"]:
            content = package.read(resource["path"])
            assert resource["hash"] == "sha256:" + sha256(content).hexdigest()
            assert resource["bytes"] == len(content)
        assert {r["path"] for r in datapackage["resources"]} == set(package.namelist()) - {
            "datapackage.json",
            "datapackage-digest.json",
        }
    first, last, start_url = query(
        db,
        "SELECT substr(MIN(started_at), 1, 10), substr(MAX(finished_at), 1, 10), "
        "(SELECT start_url FROM crawls ORDER BY id DESC LIMIT 1) FROM crawls",
    )[0]
    span = first if first == last else f"{first} – {last}"
    assert datapackage["title"] == f"天水关工网档案 / Archive of 天水关工网, {span}"
    assert datapackage["description"].startswith(
        f"天水关工网 ({start_url}) as ggcrawl archived it in tsggw.db: "
    )
    assert f"from 2 crawls ({span}), 2 WARC files." in datapackage["description"]
    assert datapackage["software"].startswith("ggcrawl 0.1.0 (py-wacz 0.")
    _raw, pages = pages_of(wacz)
    assert (datapackage["mainPageURL"], datapackage["mainPageDate"]) == (start_url, pages[0]["ts"])
    assert datapackage["wacz_version"] == "1.1.1"


@pytest.mark.server
def test_pywb_replays_articles_from_the_wacz(exported, tmp_path: Path) -> None:
    _db, wacz, _result = exported
    _raw, pages = pages_of(wacz)
    edited = next(page for page in pages if page["title"] == EDITED_TITLE)
    other = next(p for p in pages if p["id"].startswith("article-") and p is not edited)
    bodies = replay(
        tmp_path,
        wacz,
        [f"{iso_date_to_timestamp(page['ts'])}id_/{page['url']}" for page in (edited, other)],
    )
    # The edited article as its second crawl found it, the other as archived.
    assert EDITED_TITLE in page_text(bodies[0])
    assert other["title"] in page_text(bodies[1])


def test_a_missing_warc_file_is_left_out_with_a_warning(history_archive, tmp_path: Path) -> None:
    source = history_archive[0]
    db = tmp_path / "tsggw.db"
    with sqlite3.connect(source) as original, sqlite3.connect(db) as copy:
        original.backup(copy)
    shutil.copy(source.parent / "tsggw-crawl00001-01.warc.gz", tmp_path)
    wacz = tmp_path / "first.wacz"
    result = run_cli("export", "--wacz", str(wacz), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert (
        f"[ggcrawl] warning: tsggw-crawl00002-01.warc.gz is listed in the archive but not in "
        f"{tmp_path}; left out"
    ) in result.stderr
    assert validate(wacz).returncode == 0
    with zipfile.ZipFile(wacz) as package:
        assert [n for n in package.namelist() if n.startswith("archive/")] == [
            "archive/tsggw-crawl00001-01.warc.gz"
        ]
    _raw, pages = pages_of(wacz)
    in_first = query(
        db,
        "SELECT s.url FROM articles a JOIN snapshots s ON s.id = a.snapshot_id "
        "WHERE s.warc_filename = 'tsggw-crawl00001-01.warc.gz'",
    )
    assert sorted(p["url"] for p in pages if p["id"].startswith("article-")) == sorted(
        url for (url,) in in_first
    )
    assert EDITED_TITLE not in {page.get("title") for page in pages}
    # With none of its WARC files there, there is nothing to pack.
    (tmp_path / "tsggw-crawl00001-01.warc.gz").unlink()
    assert_refused(
        run_cli("export", "--wacz", str(tmp_path / "none.wacz"), "--db", str(db)),
        f"{db} has no WARC files to pack (tsggw-crawl00001-01.warc.gz, "
        f"tsggw-crawl00002-01.warc.gz missing from {tmp_path})",
    )
    assert not list(tmp_path.glob("none.wacz*"))


def test_unwritable_or_wrong_output_paths_are_refused(history_archive, tmp_path: Path) -> None:
    db = history_archive[0]
    blocker = tmp_path / "file"
    blocker.write_text("x")
    output = blocker / "a.wacz"
    assert_refused(
        run_cli("export", "--wacz", str(output), "--db", str(db)),
        f"cannot write {output}: {blocker} is a file, not a folder",
    )
    result = run_cli("export", "--wacz", str(tmp_path / "a.zip"), "--db", str(db))
    assert result.returncode == 2 and "a.zip: a WACZ file's name ends in .wacz" in result.stderr
    (tmp_path / "dir.wacz").mkdir()
    result = run_cli("export", "--wacz", str(tmp_path / "dir.wacz"), "--db", str(db))
    assert result.returncode == 2 and "dir.wacz' is a directory" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir.wacz", "file"]
    assert blocker.read_text() == "x"


def test_archives_without_warc_files_are_refused(tmp_path: Path) -> None:
    wacz = str(tmp_path / "a.wacz")
    assert_refused(
        run_cli("export", "--wacz", wacz, "--db", str(tmp_path / "no.db")), "does not exist"
    )
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    assert_refused(run_cli("export", "--wacz", wacz, "--db", str(foreign)), "not a ggcrawl archive")
    Archive.open(tmp_path / "empty.db").close()
    assert_refused(
        run_cli("export", "--wacz", wacz, "--db", str(tmp_path / "empty.db")),
        "has no WARC files to pack (no crawl of it wrote one",
    )
    assert not list(tmp_path.glob("a.wacz*"))
    result = run_cli("export", "--db", str(tmp_path / "empty.db"))
    assert result.returncode == 2 and "Missing option '--wacz'" in result.stderr


@settings(max_examples=examples(300), deadline=None)
@given(title=st.text(min_size=1), text=st.text(min_size=1))
def test_a_page_is_one_line_of_json_that_keeps_its_title_and_text(title: str, text: str) -> None:
    line = Page("article-1", "http://127.0.0.1/a/1.html", "2026-12-06T08:24:45Z", title, text)
    encoded = line.json_line()
    assert encoded.endswith("\n") and len(encoded.splitlines()) == 1
    assert json.loads(encoded) == {
        "id": "article-1",
        "url": "http://127.0.0.1/a/1.html",
        "ts": "2026-12-06T08:24:45Z",
        "title": title,
        "text": text,
    }


def test_help_says_what_goes_in() -> None:
    result = run_cli("export", "--help")
    assert result.returncode == 0
    words = " ".join(result.stdout.split())
    for fragment in ("--wacz FILE", "--db", "ReplayWeb.page", "pywb", "its title and text"):
        assert fragment in words
    assert "export" in run_cli("--help").stdout
