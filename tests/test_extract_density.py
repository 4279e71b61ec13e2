"""Content density on its own: how lines weigh as prose and which block is the text."""

from __future__ import annotations

from ggcrawl.extract import load_page
from ggcrawl.extract.density import LINE_COST, dense_block, line_weights

PROSE = "市关工委组织“五老”宣讲团走进秦州区育才小学，为师生讲述红色故事，同学们深受教育。"
OTHER = "活动结束后，同学们纷纷表示要珍惜今天的幸福生活，努力学习，长大以后报效祖国。"


def page(body: str):
    html = f"<html><head><title>t</title></head><body>{body}</body></html>"
    return load_page("http://h/a.html", html.encode(), {"Content-Type": "text/html"})


def weights_of(body: str) -> dict[str, int]:
    loaded = page(body)
    return dict(zip((line.text for line in loaded.lines), line_weights(loaded), strict=True))


def test_lines_weigh_prose_against_links_and_boilerplate() -> None:
    weights = weights_of(
        f"<p>{PROSE}</p><p>{PROSE}</p><div><a href='/1'>相关新闻标题一</a></div>"
        "<div>版权所有：天水市关心下一代工作委员会</div><div>【打印本页】</div>"
        "<div><a href='/f.doc'>附件1 宣讲安排表.doc</a></div>"
        "<div>北京 上海 广州 天津 南京 杭州 成都 重庆</div>"
        "<div>会议现场</div>"
    )
    # The dict keeps the later of the two equal lines: a second copy weighs against the text.
    assert weights[PROSE] == -len(PROSE) - LINE_COST
    assert weights["相关新闻标题一"] == -7 - LINE_COST
    assert weights["版权所有：天水市关心下一代工作委员会"] == -2 * LINE_COST
    assert weights["【打印本页】"] == -2 * LINE_COST
    assert weights["附件1 宣讲安排表.doc"] == 0
    assert weights["北京 上海 广州 天津 南京 杭州 成都 重庆"] == 0  # no punctuation vouches for it
    assert weights["会议现场"] == 4 - LINE_COST


def test_a_prose_line_weighs_its_characters_less_the_cost() -> None:
    assert weights_of(f"<p>{PROSE}</p>")[PROSE] == len(PROSE) - LINE_COST


def test_the_text_block_beats_a_sidebar_and_comments_and_keeps_its_signature() -> None:
    loaded = page(
        "<div class='side'>"
        + "".join(f"<p><a href='/{i}'>热点文章标题第{i}篇</a></p>" for i in range(6))
        + f"</div><div class='main'><div class='text'><p>{PROSE}</p><p>{OTHER}</p></div>"
        "<p>市关工委办公室</p><p>2019年3月5日</p><h3>网友评论</h3></div>"
        "<div class='footer'>版权所有：天水关工网</div>"
    )
    block = dense_block(loaded)
    assert block is not None
    assert [line.text for line in loaded.lines[block.start : block.end]] == [
        PROSE,
        OTHER,
        "市关工委办公室",
        "2019年3月5日",
    ]


def test_a_page_without_prose_has_no_block() -> None:
    loaded = page(
        "<ul>" + "".join(f"<li><a href='/{i}'>栏目{i}</a></li>" for i in range(5)) + "</ul>"
    )
    assert dense_block(loaded) is None
