"""The extraction-quality benchmark's scoring rules, and a real scoring run of ggcrawl.

The rules are bench.extraction_quality's (module docstring); the run extracts a page written
here by hand with the real extractor, so the counts are what the command would print.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.extraction_quality import (
    body_right,
    check_page,
    date_parts,
    date_right,
    failures,
    links_invented,
    links_right,
    main,
    normalize,
    score,
)
from bench.quality_extractors import OFFERS, Got, load_corpus, run_ggcrawl
from bench.replica_quality import dialect_accuracy
from ggcrawl.replica.truth import ARTICLE_FIELDS as FIELDS

URL = "http://www.tsggw.cn/a/ggyw/2019/0912/108.html"
PREV = "http://www.tsggw.cn/a/ggyw/2019/0905/101.html"
# A DedeCMS-style article in GBK, the charset in <meta> only, as the real site serves it.
PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
 "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>秋季助学金发放仪式在麦积区举行_关工要闻_天水关工网</title></head>
<body>
<div class="nav"><a href="/">首页</a> | <a href="/a/ggyw/">关工要闻</a> |
 <a href="/a/wjkd/">文件快递</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/a/ggyw/">关工要闻</a>
 &gt; 正文</div>
<div class="article">
<h1>秋季助学金发放仪式在麦积区举行</h1>
<div class="info">发布时间：2019-09-12 10:30&nbsp;&nbsp;来源：麦积区关工委&nbsp;&nbsp;点击：12</div>
<div class="content">
<p>　　9月12日上午，麦积区关工委在区第一中学举行秋季助学金发放仪式，为120名困难学生发放助学金。</p>
<p>　　区关工委主任在讲话中勉励同学们珍惜机会、刻苦学习、回报社会。</p>
<p>　　受助学生代表发言，表示一定不辜负社会各界的关爱，努力成为有用之才。</p>
</div>
<div class="prenext">上一篇：<a href="/a/ggyw/2019/0905/101.html">全市关工委主任会议召开</a><br>
下一篇：没有了</div>
</div>
<div class="footer">版权所有：天水市关心下一代工作委员会　陇ICP备12000071号-2</div>
</body></html>
"""
# What a reader sees on PAGE.
EXPECTED = {
    "title": "秋季助学金发放仪式在麦积区举行",
    "published_at": "2019-09-12T10:30",
    "source": "麦积区关工委",
    "body_start": "9月12日上午，麦积区关工委在区第一中",
    "body_end": "社会各界的关爱，努力成为有用之才。",
    "prev_url": PREV,
    "next_url": None,
    "notes": "",
}
# The same page with expectations it does not meet: another title, no source, a next link.
OFF = {
    **EXPECTED,
    "title": "别的标题",
    "published_at": None,
    "source": None,
    "next_url": "http://www.tsggw.cn/a/ggyw/2019/0920/115.html",
}


# ----- the rules


@pytest.mark.parametrize(
    ("expected", "got", "right"),
    [
        ("2019-01-29", "2019-01-29", True),
        ("2019-01-29", "2019年01月29日", True),
        ("2019-01-29", "2019/1/29", True),
        ("2019-01-29", "2019-01-29T00:00:00+08:00", False),  # a time invents precision
        ("2019-01-29", "2019-01-29 00:00", False),
        ("2019-01-29", "2019-01-30", False),
        ("2019-01-29T09:57", "2019-01-29T09:57:00+08:00", True),  # ggcrawl's :00
        ("2019-01-29T09:57", "2019-01-29 09:57", True),
        ("2019-01-29T09:57", "2019年01月29日 09:57", True),
        ("2019-01-29T09:57", "2019-01-29T09:57:20+08:00", False),
        ("2019-01-29T09:57", "2019-01-29", False),
        ("2019-01-29T09:57", "2019-01-29 09:58", False),
        ("2019-01-29T09:57:20", "2019-01-29T09:57:20+08:00", True),
        ("2019-01-29T09:57:20", "2019-01-29 09:57", False),
        ("2019-01-29T09:57:00", "2019-01-29 09:57", False),
        ("2019-01-29T09:57:20", "2019-01-29T09:57:21", False),
        ("2020-10-04T20:30", "2020年10月4日 20:30", True),
        # A label in the page's own zone is the same moment in Beijing's, at its precision.
        ("2012-12-10T10:41+00:00", "2012-12-10T18:41:00+08:00", True),
        ("2012-12-10T10:41+00:00", "2012-12-10T10:41:00+08:00", False),
        ("2012-12-10T10:41:05+00:00", "2012-12-10T18:41:05+08:00", True),
        ("2019-01-29", None, False),
        ("2019-01-29", "昨天", False),
    ],
)
def test_date_at_the_page_precision(expected: str, got: str | None, right: bool) -> None:
    assert date_right(expected, got) is right


def test_date_parts_show_what_the_value_shows() -> None:
    assert date_parts("2019-01-29") == (2019, 1, 29)
    assert date_parts("发布时间：2020年10月04日 20:30") == (2020, 10, 4, 20, 30)
    assert date_parts("2019-01-29T09:57:20+08:00") == (2019, 1, 29, 9, 57, 20)
    assert date_parts("") is None


def test_body_start_and_end_ignore_whitespace() -> None:
    expected = {"body_start": "抓好基层组织", "body_end": "关工作用。"}
    assert body_right(expected, "\u3000\u3000抓好 基层\n组织建设\xa0……\n充分发挥关工 作用。\n")
    assert not body_right(expected, "抓好基层组织建设……充分发挥关工作用。打印本页")
    assert not body_right(expected, "基层组织建设……关工作用。")
    assert not body_right(expected, None)
    assert not body_right(expected, " \n ")


def test_titles_compare_with_whitespace_runs_as_one_space() -> None:
    assert (
        normalize("  抓好基层组织建设\u3000 充分发挥关工作用\n")
        == "抓好基层组织建设 充分发挥关工作用"
    )
    assert normalize("\xa0 \n") is None
    assert normalize(None) is None


def test_links_compare_normalized() -> None:
    expected = {"prev_url": "http://www.tsggw.cn/a/1.html", "next_url": None}
    assert links_right(expected, Got(prev_url="HTTP://WWW.TSGGW.CN:80/a/1.html#top"))
    assert not links_right(expected, Got(prev_url="http://www.tsggw.cn/a/2.html"))
    assert not links_right(expected, Got())
    invented = Got(prev_url="http://www.tsggw.cn/a/1.html", next_url="http://www.tsggw.cn/a/3.html")
    assert not links_right(expected, invented)
    assert links_invented(expected, invented) is True
    assert links_invented(expected, Got(prev_url="http://www.tsggw.cn/a/1.html")) is False
    both = {"prev_url": "http://www.tsggw.cn/a/1.html", "next_url": "http://www.tsggw.cn/a/3.html"}
    assert links_invented(both, invented) is None


def test_checks_count_only_where_the_page_shows_the_field() -> None:
    got = Got(title="秋季助学金发放仪式在麦积区举行", source="市关工办", prev_url=PREV)
    checks = check_page(OFF, got, OFFERS["ggcrawl"])
    assert "date" not in checks and "source" not in checks
    assert checks["source_invented"] is True
    assert checks["links"] is False
    assert "links_invented" not in checks  # the page has both links
    nothing = check_page(EXPECTED, Got(), OFFERS["ggcrawl"])
    assert nothing == dict.fromkeys(("body", "title", "date", "source", "links"), False) | {
        "links_invented": False
    }
    blank = check_page(EXPECTED, Got(source=" "), OFFERS["ggcrawl"])
    assert blank["source"] is False and "source_invented" not in blank
    # GNE and trafilatura are not scored on what they do not offer.
    assert set(check_page(EXPECTED, got, OFFERS["gne"])) == {"body", "date", "title"}


def test_a_medium_named_with_no_label_is_the_pages_source() -> None:
    unlabelled = {**OFF, "source_unlabelled": "中國時報"}
    right = check_page(unlabelled, Got(source="中國時報"), OFFERS["ggcrawl"])
    assert right["source"] is True and "source_invented" not in right
    assert check_page(unlabelled, Got(), OFFERS["ggcrawl"])["source"] is False
    labelled = {**EXPECTED, "source_unlabelled": "中國時報"}  # a 来源 label wins
    assert check_page(labelled, Got(source="中國時報"), OFFERS["ggcrawl"])["source"] is False


# ----- a real run of ggcrawl


def write_page(folder: Path, expected: dict) -> None:
    folder.mkdir(parents=True)
    (folder / "body.html").write_bytes(PAGE.encode("gbk"))
    meta = {
        "url": URL,
        "headers": {"Content-Type": "text/html"},
        "kind": "article",
        "site": "www.tsggw.cn",
        "category": "关工要闻",
        "origin": {"how": "written for tests/test_extraction_quality.py"},
    }
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    (folder / "expected.json").write_text(json.dumps(expected, ensure_ascii=False), "utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    write_page(tmp_path / "dev" / "good", EXPECTED)
    write_page(tmp_path / "dev" / "off", OFF)
    write_page(tmp_path / "holdout" / "off", OFF)
    unfinished = tmp_path / "dev" / "unfinished"  # still being written: not a page yet
    unfinished.mkdir()
    (unfinished / "expected.json").write_text("{}", encoding="utf-8")
    return tmp_path


def counts(per_split: dict) -> dict[str, str]:
    return {
        name: f"{entry.get('right', entry.get('invented'))}/{entry['counted']}"
        for name, entry in per_split.items()
    }


def test_ggcrawl_scored_on_a_tiny_corpus(corpus: Path) -> None:
    samples = load_corpus(corpus)
    assert [(s.split, s.name) for s in samples] == [
        ("dev", "good"),
        ("dev", "off"),
        ("holdout", "off"),
    ]
    result = score(samples, {"ggcrawl": run_ggcrawl})
    assert result["splits"] == {"dev": 2, "holdout": 1}
    assert result["errors"] == {"ggcrawl": 0}
    scores = result["scores"]["ggcrawl"]
    assert counts(scores["dev"]) == {
        "body": "2/2",
        "date": "1/1",
        "title": "1/2",
        "source": "1/1",
        "source_invented": "1/1",
        "links": "1/2",
        "links_invented": "0/1",
    }
    assert counts(scores["holdout"]) == {
        "body": "1/1",
        "title": "0/1",
        "source_invented": "1/1",
        "links": "0/1",
    }
    assert scores["dev"]["title"]["pages"] == ["off"]
    assert scores["dev"]["source_invented"]["pages"] == ["off"]
    assert scores["dev"]["body"]["pages"] == []


def test_failures_never_show_the_holdout_unasked(corpus: Path) -> None:
    result = score(load_corpus(corpus), {"ggcrawl": run_ggcrawl})
    shown = failures(result, show_holdout=False)
    assert "dev/off" in shown and "别的标题" in shown
    assert "holdout/off" not in shown and "1 holdout page(s)" in shown
    assert "holdout/off" in failures(result, show_holdout=True)


def test_the_command_writes_json_without_holdout_pages(corpus: Path, capsys) -> None:
    out = corpus / "quality.json"
    assert main(["--corpus", str(corpus), "--replica-articles", "0", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "3 real pages (dev 2, holdout 1)" in printed
    figures = json.loads(out.read_text(encoding="utf-8"))["real"]["scores"]["ggcrawl"]
    assert figures["dev"]["title"] == {"counted": 2, "right": 1, "pages": ["off"]}
    assert figures["holdout"]["title"]["right"] == 0
    assert isinstance(figures["holdout"]["title"]["pages"], str)  # hidden


def test_replica_dialect_is_scored_against_the_truth() -> None:
    figures = dialect_accuracy("dede", 40, seed=3)
    assert figures["articles"] == 40
    assert set(figures["fields"]) == set(FIELDS)
    for name, entry in figures["fields"].items():
        assert entry["right"] == 40 and entry["share"] == 1.0, (name, entry["wrong"][:1])
