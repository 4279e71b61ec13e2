"""The browse view's search page and its CSV/JSON exports, served by Datasette with the project's
plugins against a real crawled archive: every hit on one page of 20 with the total, linked to the
reader, the words marked, filters, the order in words, exports that open in Excel, bad input."""

from __future__ import annotations

import codecs
import csv
import html
import io
import re
import urllib.parse

import pytest

from ggcrawl.browse.search_page import PAGE_SIZE
from ggcrawl.store import Archive
from ggcrawl.store.search import SearchFilter
from tests.test_browse import containing, fetch, get, rows

HIT = re.compile(
    r'<li>\s*<a class="ggcrawl-hit-title" href="([^"]+)">(.*?)</a>.*?'
    r'<p class="ggcrawl-snippet">(.*?)</p>',
    re.S,
)


def search_url(**args) -> str:
    return "/tsggw/-/search?" + urllib.parse.urlencode(args)


def hits_of(page: str) -> list[tuple[str, str, str]]:
    return [(html.unescape(href), title, snippet) for href, title, snippet in HIT.findall(page)]


def article_url(href: str) -> str:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)["url"][0]


def walk(ds, first: str) -> list[str]:
    """Every hit's article URL, page after page through the next links."""
    urls, path = [], first
    while path:
        page = get(ds, path).text
        found = hits_of(page)
        assert 0 < len(found) <= PAGE_SIZE
        urls += [article_url(href) for href, _, _ in found]
        following = re.search(r'<a href="([^"]+)" rel="next">', page)
        path = html.unescape(following.group(1)) if following else None
    return urls


@pytest.mark.parametrize("word", ["关工", "关心下一代"])
def test_pages_of_20_hold_every_hit_once_in_the_archives_order(ds, db, word) -> None:
    expected = containing(db, word)
    assert len(expected) > PAGE_SIZE, "the archive needs more than a page of hits"
    first = get(ds, search_url(q=word)).text
    total = int(re.search(r"<strong>([\d,]+)</strong> 篇文章符合", first).group(1).replace(",", ""))
    assert total == len(expected)
    pages = -(-total // PAGE_SIZE)
    assert f"第 1 / {pages} 页" in first
    walked = walk(ds, search_url(q=word))
    with Archive.open(db, create=False, readonly=True) as archive:
        assert walked == [hit.url for hit in archive.search_page(word, limit=1000).hits]
    assert set(walked) == expected and len(walked) == total
    last = get(ds, search_url(q=word, page=pages)).text
    assert 'rel="next"' not in last and 'rel="prev"' in last
    assert re.search(r'<ol class="ggcrawl-hits" start="(\d+)">', last).group(1) == str(
        (pages - 1) * PAGE_SIZE + 1
    )


def test_each_hit_links_to_its_reader_page_with_the_word_marked(ds, db) -> None:
    page = get(ds, search_url(q="扶贫")).text
    found = hits_of(page)
    assert found
    for href, title, snippet in found:
        assert href.startswith("/tsggw/-/article?url=")
        reader = get(ds, href).text
        plain_title = re.sub(r"</?mark>", "", title)
        assert f"<h1>{plain_title}</h1>" in reader
        body = rows(db, "SELECT body_text FROM articles WHERE url = ?", (article_url(href),))[0]
        if "扶贫" in body[0]:
            assert "<mark>扶贫</mark>" in snippet
    assert "<mark>" not in re.sub(r"<mark>扶贫</mark>", "", page)
    assert re.search(r'<time datetime="[^"]+">\d{4}年\d{1,2}月\d{1,2}日', page)
    assert "排序 / Order: 按相关度排序" in page
    assert not re.search(r">\s*-?\d+\.\d+\s*<", page), "no relevance number is shown"


def test_no_link_on_the_search_page_leaves_the_archive(ds) -> None:
    page = get(ds, search_url(q="关工")).text
    content = page.split('<section class="content">')[1].split("</section>")[0]
    links = re.findall(r'(?:href|action|src)="([^"]*)"', content)
    assert links and all(link.startswith("/") for link in links), links


@pytest.mark.parametrize(
    "where", [SearchFilter(year=2019), SearchFilter(section="__first__")], ids=str
)
def test_filters_keep_the_hits_of_one_column_or_year(ds, db, where) -> None:
    if where.section == "__first__":
        section = rows(
            db,
            "SELECT section FROM articles WHERE instr(body_text, '关工') > 0 "
            "GROUP BY section ORDER BY count(*) DESC LIMIT 1",
        )[0][0]
        where = SearchFilter(section=section)
    args = {"q": "关工"} | {k: v for k, v in vars(where).items() if v is not None}
    expected = {
        url
        for url in containing(db, "关工")
        for section, published in rows(
            db, "SELECT section, published_at FROM articles WHERE url = ?", (url,)
        )
        if (where.section is None or section == where.section)
        and (where.year is None or published.startswith(str(where.year)))
    }
    assert expected
    assert set(walk(ds, search_url(**args))) == expected
    page = get(ds, search_url(**args)).text
    selected = where.section or str(where.year)
    assert re.search(rf'<option value="{selected}" selected>', page)


def test_the_csv_opens_in_excel_as_utf8_with_bilingual_headers_and_every_hit(ds, db) -> None:
    response = get(ds, "/tsggw/-/search.csv?" + urllib.parse.urlencode({"q": "关工"}))
    assert response.headers["content-type"].startswith("text/csv")
    raw = response.content
    assert raw.startswith(codecs.BOM_UTF8)
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table[0][:3] == ["序号 / position", "标题 / title", "发布时间 / published_at"]
    assert "摘录 / snippet" in table[0] and "存档网址 / archive_url" in table[0]
    body = table[1:]
    with Archive.open(db, create=False, readonly=True) as archive:
        hits = archive.search_page("关工", limit=1000).hits
    assert [row[5] for row in body] == [hit.url for hit in hits]
    assert [row[1] for row in body] == [hit.title for hit in hits]
    assert [row[0] for row in body] == [str(n) for n in range(1, len(hits) + 1)]
    reader = urllib.parse.urlsplit(body[0][6])
    assert get(ds, f"{reader.path}?{reader.query}").status_code == 200
    assert any("关工" in row[7] for row in body)


def test_the_json_has_the_total_the_order_and_the_hits_in_page_order(ds, db) -> None:
    query = {"q": "关心下一代", "year": "2019"}
    data = get(ds, "/tsggw/-/search.json?" + urllib.parse.urlencode(query)).json()
    assert data["q"] == "关心下一代" and data["year"] == 2019 and data["section"] is None
    walked = walk(ds, search_url(**query))
    assert data["total"] == len(data["hits"]) == len(walked) > 0
    assert [hit["url"] for hit in data["hits"]] == walked
    assert data["order"] == "ranked" and "按相关度排序" in data["order_note"]
    assert {"title", "published_at", "section", "source", "archive_url", "snippet"} <= set(
        data["hits"][0]
    )


def test_no_query_shows_the_form_and_bad_input_is_refused(ds) -> None:
    empty = get(ds, "/tsggw/-/search").text
    assert '<input type="search" id="q" name="q" value=""' in empty
    assert "篇文章符合" not in empty
    nothing = get(ds, search_url(q="，。")).text
    assert "没有可以搜索的文字" in nothing
    none_found = get(ds, search_url(q="不存在的词语")).text
    assert "<strong>0</strong> 篇文章符合" in none_found and "下载全部结果" not in none_found
    refused = fetch(
        ds,
        search_url(q="关工", year="19"),
        search_url(q="关工", page="二"),
        search_url(q="关" * 201),
        "/tsggw/-/search.csv",
    )
    assert [r.status_code for r in refused] == [400, 400, 400, 400]
    assert "year must be four digits" in refused[0].text


def test_the_front_page_search_box_submits_to_the_search_page(ds) -> None:
    front = get(ds, "/").text
    assert '<form class="ggcrawl-search" action="/tsggw/-/search" method="get">' in front
