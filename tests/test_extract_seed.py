"""The one real article we hold, served by the replica in every dialect, extracts exactly.

Expected values come from the seed page's text itself (ggcrawl/replica/seed_article.txt, the
browser text of the real page), read here with the field rules, not from the replica's truth.
"""

from __future__ import annotations

import urllib.request
from importlib import resources

import pytest

from ggcrawl.extract import extract_article, load_page, normalize_text
from ggcrawl.replica import DIALECTS, ReplicaServer, build_site

SEED_LINES = (
    resources.files("ggcrawl.replica").joinpath("seed_article.txt").read_text("utf-8").split("\n")
)
TITLE = "抓好基层组织建设 充分发挥关工作用"
PREV_TITLE = "坚持六突出一提升 实现一组织一亮点"
NEXT_TITLE = "浅谈如何在新时代传承红色基因中 引导青少年健康成长"
# How each dialect prints 2019-01-29 09:57:20: with seconds, without, or as a date alone.
PUBLISHED = {
    "phpcms": "2019-01-29T09:57:20+08:00",
    "dede": "2019-01-29T09:57:00+08:00",
    "asp": "2019-01-29",
}


def seed_body_text() -> str:
    start = SEED_LINES.index("时间:2019-01-29 09:57:20    来源:市关工办") + 1
    end = next(i for i, line in enumerate(SEED_LINES) if line.startswith("上一篇:"))
    lines = (normalize_text(line) for line in SEED_LINES[start:end])
    return "\n".join(line for line in lines if line)


def fetch(url: str):
    with urllib.request.urlopen(url) as response:
        return load_page(url, response.read(), dict(response.headers))


@pytest.fixture(scope="module", params=DIALECTS)
def served(request):
    with ReplicaServer(build_site(articles=40, seed=1), dialect=request.param) as server:
        truth = server.ground_truth()
        seed = next(a for a in truth["articles"] if a["title"] == TITLE)
        yield request.param, seed["url"], fetch(seed["url"])


def test_every_dialect_has_an_expected_time() -> None:
    assert set(PUBLISHED) == set(DIALECTS)


def test_seed_fields_are_exact(served) -> None:
    dialect, _url, page = served
    fields = extract_article(page)
    assert page.encoding == ("utf-8" if dialect == "phpcms" else "gb18030")
    assert fields.title == TITLE
    assert fields.section == "调研与思考"
    assert fields.source == "市关工办"
    assert fields.published_at == PUBLISHED[dialect]
    assert fields.body_text == seed_body_text()
    assert fields.body_text.startswith(
        "抓好基层组织建设 充分发挥关工作用\n清水县关工委\n关工委的工作根基"
    )
    assert fields.warnings == []


def test_seed_body_html_is_clean_and_absolute(served) -> None:
    _dialect, _url, page = served
    body = extract_article(page).body_html
    for junk in ("<script", "<style", "<!--", "onclick", "打印", "关闭窗口", "上一篇", "版权所有"):
        assert junk not in body
    assert "清水县关工委" in body
    assert ' href="/' not in body and ' src="/' not in body


def test_seed_neighbours_are_the_real_ones(served) -> None:
    _dialect, _url, page = served
    fields = extract_article(page)
    assert extract_article(fetch(fields.prev_url)).title == PREV_TITLE
    assert extract_article(fetch(fields.next_url)).title == NEXT_TITLE
