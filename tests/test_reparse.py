"""`ggcrawl reparse` brings an archive up to the current extraction from its own snapshots,
and says which fields changed in how many articles (a real process on a real archive)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from ggcrawl.extract import extract_article, load_page
from ggcrawl.items import Article, Fetch, Snapshot
from ggcrawl.store import Archive

PAGE = (
    "<html><head><title>{title}_天水关工网</title></head><body><h1>{title}</h1>"
    "<div class='info'><span>2020-10-04 20:30</span> 来源: 市关工办</div>"
    "<div class='content'><p>{text}，老同志为青少年讲述红色故事，同学们深受教育。</p>"
    "<p>活动结束后，同学们纷纷表示要珍惜今天的幸福生活，努力学习。</p></div>"
    "<div class='footer'>版权所有：天水市关心下一代工作委员会</div></body></html>"
)
PAGES = {
    "http://h/1.html": ("关工委开展主题宣讲活动", "10月4日，市关工委组织宣讲团走进育才小学"),
    "http://h/2.html": ("五老志愿者走进社区", "10月5日，秦州区关工委组织五老志愿者走进社区"),
}


def archive_as_an_older_release_left_it(path: Path) -> None:
    """Both pages archived with the fields an extractor that knew no unlabelled date gave:
    no date, no source, the body run from the title to the footer."""
    with Archive.open(path) as archive:
        crawl = archive.begin_crawl("http://h/", {}, mode="full", first=[])
        for url, (title, text) in PAGES.items():
            body = PAGE.format(title=title, text=text).encode()
            snap = Snapshot(
                url,
                200,
                {"Content-Type": ["text/html; charset=utf-8"]},
                body,
                "utf-8",
                "2026-12-01T00:00:00Z",
            )
            stale = Article(
                url=url, section=None, title=title, published_at=None, source=None,
                body_text=f"{title}\n{text}", body_html=f"<p>{text}</p>", images=[],
                attachments=[], prev_url=None, next_url=None,
                parse_warnings=["published_at: no time label with a date found"],
                snapshot_sha256=snap.sha256, snapshot_status=200, fetched_at=snap.fetched_at,
            )  # fmt: skip
            archive.record_fetch(
                Fetch(url, "article", snap.fetched_at, snapshot=snap, article=stale), crawl
            )
        archive.commit()


def test_reparse_updates_the_archive_and_counts_changed_fields(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    archive_as_an_older_release_left_it(db)
    run = subprocess.run(
        [sys.executable, "-m", "ggcrawl", "reparse", "--db", str(db)],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    lines = run.stdout.splitlines()
    assert lines[0] == "Re-extracted 2 articles from their snapshots; 2 changed."
    counts = dict(line.strip().split(": ") for line in lines[1:])
    for name in ("published_at", "source", "body_text", "body_html", "parse_warnings"):
        assert counts[name] == "2 articles", (name, counts)
    assert "title" not in counts
    conn = sqlite3.connect(db)
    for url, (title, _) in PAGES.items():
        body = PAGE.format(title=title, text=PAGES[url][1]).encode()
        fields = extract_article(load_page(url, body, {"Content-Type": "text/html"}))
        row = conn.execute(
            "SELECT published_at, source, body_text FROM articles WHERE url = ?", (url,)
        ).fetchone()
        assert row == (fields.published_at, fields.source, fields.body_text)
        assert row[:2] == ("2020-10-04T20:30:00+08:00", "市关工办")
    again = subprocess.run(
        [sys.executable, "-m", "ggcrawl", "reparse", "--db", str(db)],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert again.stdout.splitlines() == ["Re-extracted 2 articles from their snapshots; 0 changed."]
