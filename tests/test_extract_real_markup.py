"""The kinds of markup real Chinese article pages use that the site's own family does not, one
minimal page of our own for each (issue 13's failure classes): what a reader sees on the page
is what extraction gives, whether or not the template prints labels."""

from __future__ import annotations

from ggcrawl.extract import ArticleFields, extract_article, load_page
from ggcrawl.extract.layout import Layout
from ggcrawl.extract.meta import MetaLine
from ggcrawl.extract.title import find_title

URL = "http://news.example.cn/2020/1004/88.html"
HEADERS = {"Content-Type": "text/html; charset=utf-8"}
TITLE = "关工委开展主题宣讲活动"
FIRST = "10月4日，市关工委组织“五老”宣讲团走进秦州区育才小学，为师生讲述红色故事。"
SECOND = "宣讲团成员结合亲身经历，讲述了革命先辈的英雄事迹，同学们听得认真，深受教育。"
LAST = "活动结束后，同学们纷纷表示要珍惜今天的幸福生活，努力学习，长大报效祖国。"
NAV = "".join(f"<li><a href='/c{i}/'>{n}</a></li>" for i, n in enumerate(("首页", "要闻", "动态")))
RELATED = (
    "<div class='related'><h3>相关新闻</h3><ul>"
    + "".join(f"<li><a href='/{i}.html'>相关新闻标题第{i}条内容</a></li>" for i in range(5))
    + "</ul></div>"
)
FOOTER = "<div class='footer'>版权所有：天水市关心下一代工作委员会 陇ICP备12000071号-2</div>"


def page(body: str, title: str = f"{TITLE}_新闻动态_天水关工网") -> ArticleFields:
    html = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return extract_article(load_page(URL, html.encode(), HEADERS))


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


# Readers' comments as old portals print them with no heading: a name, the comment, its time.
SAID = (
    "这篇文章写得很好，关心下一代工作意义重大，希望各地都能学习借鉴。",
    "老同志们退休不褪色，为孩子们付出了很多心血，向他们致敬！",
    "我们学校也组织了类似的活动，同学们收获很大，感谢关工委的关心。",
    "希望以后多开展这样的宣讲活动，让更多农村孩子也能参加。",
    "看了很受感动，五老志愿者的精神值得我们年轻人学习，点赞。",
)


def readers_comments(said: tuple[str, ...] = SAID) -> str:
    return "".join(
        f"<div><span>网友{i}：</span><p>{text}</p><span>2021-03-0{i} 10:0{i}</span></div>"
        for i, text in enumerate(said, 1)
    )


def article(meta: str, *, before: str = "", after: str = "") -> ArticleFields:
    return page(
        f"<ul class='nav'>{NAV}</ul>{before}<div class='main'><h1>{TITLE}</h1>{meta}"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>{after}</div>"
        f"{RELATED}{FOOTER}"
    )


def in_text_box(meta: str, text: str, after: str = "") -> ArticleFields:
    """A page of the headline, its meta line and the text's own box (then ``after``)."""
    return page(f"<h1>{TITLE}</h1><div>{meta}</div><div class='text'>{text}</div>{after}{FOOTER}")


# --- 1. a date with no time label ---------------------------------------------------------


def test_a_date_and_source_without_a_time_label_are_the_meta_line() -> None:
    fields = article(
        "<div class='info'><span class='time'>2020-10-04 20:30</span> 来源: 长江网</div>"
    )
    assert fields.published_at == "2020-10-04T20:30:00+08:00"
    assert fields.source == "长江网"
    assert fields.title == TITLE
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert any("no time label" in w for w in fields.warnings)


def test_the_time_labels_cms_templates_print_are_time_labels() -> None:
    """添加日期 (动易), 录入日期, 上传时间, 创建时间, 公布时间, 刊发时间, 登载时间, 发稿日期: a
    labelled meta line, no date read beside the text."""
    labels = "添加日期 录入日期 上传时间 创建时间 公布时间 刊发时间 登载时间"
    for label in labels.split():
        fields = article(f"<p>{label}：2019-01-29 来源：秦州区关工委 浏览次数：12</p>")
        assert (fields.published_at, fields.source) == ("2019-01-29", "秦州区关工委"), label
        assert not any(w.startswith("published_at") for w in fields.warnings), label
    fields = article("<p>发稿日期：2019-01-29</p>")
    assert fields.published_at == "2019-01-29"
    assert not any(w.startswith("published_at") for w in fields.warnings)


def test_an_empty_source_label_takes_no_value_from_the_text_below_it() -> None:
    """An empty 来源 label ends the meta line; the text's first line below it (a regulation's
    第一章 总 则) is no source, as a value in the next table cell is."""
    fields = article(
        "<div class='source'>发布时间：2010-06-11 来源：</div>",
        before="",
    )
    assert fields.source is None
    regulation = page(
        f"<div class='main'><h1>{TITLE}</h1><div class='source'>发布时间：2010-06-11 来源：</div>"
        f"<div class='text'><p>第一章 总 则</p>{paragraphs(FIRST, SECOND, LAST)}</div></div>"
        f"{RELATED}{FOOTER}"
    )
    assert regulation.source is None
    assert regulation.body_text == f"第一章 总 则\n{FIRST}\n{SECOND}\n{LAST}"
    in_a_layout_table = page(
        f"<table><tr><td><h1>{TITLE}</h1><div class='source'>发布时间：2010-06-11 来源：</div>"
        f"<div class='text'><p>第一章 总 则</p>{paragraphs(FIRST, SECOND, LAST)}</div></td></tr>"
        f"</table>{FOOTER}"
    )
    assert in_a_layout_table.source is None
    minified = article("<div>2012-01-15 15:30 <font>来源：</font><a href='/'>大江网</a></div>")
    assert minified.source == "大江网"


def test_a_source_labelled_laiyuanyu_is_the_source() -> None:
    """来源于：人民网 (and 來源於：) names the source as 来源： does."""
    assert article("<p>发布时间：2020-10-04 来源于：人民网</p>").source == "人民网"
    assert article("<p>发布时间：2020-10-04 來源於：人民網</p>").source == "人民網"


def test_a_date_beside_the_text_takes_its_time_from_a_labelled_line_of_the_same_day() -> None:
    fields = article(
        "<p class='info'>来源：《中国教育报》2015-1-30</p>",
        after="<div class='time'>[更新：2015-01-30 14:06:32]</div>",
    )
    assert fields.published_at == "2015-01-30T14:06:32+08:00"
    assert fields.source == "《中国教育报》"
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_labelled_time_of_another_day_leaves_the_date_alone() -> None:
    fields = article(
        "<p class='info'>来源：《中国教育报》2015-1-30</p>",
        after="<div class='time'>[更新：2015-02-03 09:00:00]</div>",
    )
    assert fields.published_at == "2015-01-30"


def test_a_source_label_before_an_unlabelled_date() -> None:
    fields = article("<p class='info'>来源：太原晚报 2021-11-25 16:26:07</p>")
    assert (fields.published_at, fields.source) == ("2021-11-25T16:26:07+08:00", "太原晚报")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_time_in_brackets_and_a_source_running_into_the_date() -> None:
    fields = article("<p>(2017/7/11 11:28:09)  来源:清水县委外宣办  打印本页</p>")
    assert (fields.published_at, fields.source) == ("2017-07-11T11:28:09+08:00", "清水县委外宣办")
    fields = article("<p>来源: 新天水2020-05-26 11:19:35</p>")
    assert (fields.published_at, fields.source) == ("2020-05-26T11:19:35+08:00", "新天水")


def test_labels_and_values_in_separate_table_cells() -> None:
    fields = article(
        "<table><tr><td>发布时间：</td><td>2019-03-05 10:20</td>"
        "<td>来源：</td></tr><tr><td>市关工办</td></tr></table>"
    )
    assert (fields.published_at, fields.source) == ("2019-03-05T10:20:00+08:00", "市关工办")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_disclosure_table_dates_the_article_without_placing_it() -> None:
    table = (
        "<table class='xxgk'><tr><td>索引号：</td><td>014742224A/2023-0043406</td>"
        "<td>发布机构：</td><td>万载县统计局</td></tr><tr><td>生成日期：</td>"
        "<td>\n  2023-05-11\n</td><td>文号：</td><td>无</td></tr></table>"
    )
    fields = page(
        f"<ul>{NAV}</ul>{table}<h2>{TITLE}</h2><div class='text'>{paragraphs(FIRST, SECOND, LAST)}"
        "</div><p>（http://www.wanzai.gov.cn）</p>" + FOOTER,
        title="万载县人民政府",
    )
    assert (fields.title, fields.published_at) == (TITLE, "2023-05-11")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    fields = page(
        f"{table}<h2>{TITLE}</h2><p>发布日期：2023-05-16</p>{paragraphs(FIRST, LAST)}",
        title="万载县人民政府",
    )
    assert fields.published_at == "2023-05-16"


def test_a_source_at_the_end_of_the_text() -> None:
    """The 来源 is read from it; the line stays in the text, as a （… 供稿） line does."""
    fields = page(
        f"<h1>{TITLE}</h1><p>发布时间：2020-10-04</p>"
        f"<div class='text'>{paragraphs(FIRST, LAST)}<p>（来源：秦州区关工委）</p></div>{FOOTER}"
    )
    assert fields.source == "秦州区关工委"
    assert fields.body_text == f"{FIRST}\n{LAST}\n（来源：秦州区关工委）"


def test_warnings_name_only_what_was_not_found() -> None:
    """A source found below the text and a date a page declares are no missing fields."""
    fields = page(
        "<html><head><meta property='article:published_time' content='2020-10-04T20:30:00'>"
        f"</head></html><h1>{TITLE}</h1><div class='text'>{paragraphs(FIRST, LAST)}"
        f"<p>（来源：秦州区关工委）</p></div>{FOOTER}"
    )
    assert (fields.published_at, fields.source) == ("2020-10-04T20:30:00+08:00", "秦州区关工委")
    assert not [w for w in fields.warnings if w.startswith(("published_at", "source"))]


def test_a_date_shown_in_an_element_marked_as_the_publication_date() -> None:
    """明報 shows its edition's date above the headline with no label, in an element that
    schema.org marks as the article's (<div itemprop="datePublished">): the date as shown, a
    <time>'s too, and neither where a labelled meta line dates the article."""
    for shown in (
        "<div itemprop='datePublished' class='date'>2018年12月17日星期一</div>",
        "<time datetime='2018-12-17T06:00:00+08:00'>2018年12月17日</time>",
        "<span itemprop='datePublished' content='2018-12-17'></span>",
    ):
        fields = page(
            f"<ul class='nav'>{NAV}</ul><div class='main'>{shown}<p>港聞</p><h1>{TITLE}</h1>"
            f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}"
        )
        assert fields.published_at == "2018-12-17", shown
    fields = article(
        "<p>时间：2020-10-04 来源：市关工办</p>",
        before="<div itemprop='datePublished'>2018年12月17日</div>",
    )
    assert fields.published_at == "2020-10-04"


def test_a_wordpress_date_with_its_month_named_in_chinese() -> None:
    """unwire.hk's theme prints 四月 27, 2019 •生活科技 • under a headline that links to the
    page and a 讚好此文: prompt: the date, so the headline above it is the title."""
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'>"
        f"<h1><a href='{URL}'>{TITLE}</a></h1><div>讚好此文:</div>"
        "<div class='meta'>四月 27, 2019 •<a href='/c/life/'>生活科技</a> •</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}"
    )
    assert (fields.title, fields.published_at) == (TITLE, "2019-04-27")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_byline_dated_relative_to_the_visit_then_a_summary_box() -> None:
    """36氪's page, rendered by its script: the author and 6小时前 under the headline (no date
    to read), then its summary box: neither opens the text, and no date is made up."""
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<div class='byline'><a href='/user/1'>李振梁</a><span> · 6小时前</span></div>"
        "<div class='summary'>市关工委组织宣讲团走进校园，讲述红色故事。</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert fields.published_at is None


def test_a_translators_credit_a_reprint_warning_and_a_tip_line_close_no_text() -> None:
    """FT中文网 closes its text with 译者/和风, 36氪 with 原创文章，作者：…，违规转载法律必究。,
    明報 with its tip line."""
    for closing in (
        "译者/和风",
        "原创文章，作者：李振梁。转载或内容合作请点击 转载说明 ，违规转载法律必究。",
        "■明報報料熱線﹕inews@mingpao.com/ 9181 4676",  # a paper's tip line under every article
    ):
        fields = article("<p>时间：2020-10-04 来源：市关工办</p>", after=f"<p>{closing}</p>")
        assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}", closing


def test_an_authors_card_and_a_headline_under_the_date() -> None:
    """机器之心 prints the column, the date and the author's card (Derek 作者) above the
    headline; 百家号 the account and a date with a two-digit year (18-08-01 10:07)."""
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><div><a href='/c/'>腾讯技术工程</a>原创</div>"
        "<div class='time'>2019/02/18 16:24</div><div><span>Derek</span>作者</div>"
        f"<h1>{TITLE}</h1><div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>"
        f"{FOOTER}",
        title=f"{TITLE} | 机器之心",
    )
    assert (fields.title, fields.published_at) == (TITLE, "2019-02-18T16:24:00+08:00")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<div class='author'><p>狼群讲历史</p><p><span>18-08-01</span><span>10:07</span></p></div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}"
    )
    assert fields.published_at == "2018-08-01T10:07:00+08:00"
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_reprints_medium_and_source_under_the_headlines_copy() -> None:
    """喷嚏网 opens a reprint with its headline again, the medium it came through and its 来源
    line (华尔街见闻 | 来源：牛弹琴): none of them the text."""
    fields = page(
        f"<div class='main'><h1>{TITLE}</h1><p>caijing 发布于 2019-5-20 12:49:00</p>"
        f"<div class='content'><p>{TITLE}</p><p>华尔街见闻</p><p>来源：牛弹琴</p>"
        f"{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}"
    )
    assert fields.body_text.endswith(f"{FIRST}\n{SECOND}\n{LAST}")
    assert "华尔街见闻" not in fields.body_text and fields.source == "牛弹琴"


def test_traditional_labels() -> None:
    fields = article("<p>發布時間：2019-01-29 09:57 來源：天水關工委</p>")
    assert (fields.published_at, fields.source) == ("2019-01-29T09:57:00+08:00", "天水關工委")


# --- 2. no 上一篇/下一篇: the body ends with the text, not at the footer -----------------------


def test_without_a_chain_the_body_stops_before_related_lists_and_comments() -> None:
    comments = (
        "<div class='comments'><h3>网友评论</h3>"
        + "".join(
            f"<div><a href='/u/{i}'>网友{i}</a> 2020-10-05 说：<span>写得好！</span></div>"
            for i in range(4)
        )
        + "</div>"
    )
    fields = article("<p>时间：2020-10-04 20:30 来源：市关工办</p>", after=comments)
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert fields.prev_url is None and fields.next_url is None


def test_a_reading_heading_over_the_reporters_own_prose_is_a_cross_head() -> None:
    """A paper's digital edition (潇湘晨报) prints the reporter's sidebar under the article in
    its box: [延伸阅读], a subhead, paragraphs. That is more of the text; the same heading over
    links, a statement's heading or an editor's line over prose, still ends it."""
    more = (
        "特殊嫌犯如何关押",
        FIRST.replace("10月4日", "此前"),
        SECOND.replace("宣讲团", "讲师团"),
    )
    sidebar = paragraphs("[延伸阅读]", *more)
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        f"<p>时间：2020-10-04 来源：市关工办</p><div class='content'>"
        f"{paragraphs(FIRST, SECOND, LAST)}{sidebar}</div></div>{FOOTER}"
    )
    assert fields.body_text == "\n".join((FIRST, SECOND, LAST, "[延伸阅读]", *more))
    links = "".join(f"<p><a href='/{i}.html'>{line}</a></p>" for i, line in enumerate(more))
    statement = paragraphs("免责声明：", *more[1:])
    edited = paragraphs("责任编辑：王五", *more[1:])
    for after in (f"<p>[延伸阅读]</p>{links}", statement, edited):
        fields = page(
            f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
            f"<p>时间：2020-10-04 来源：市关工办</p><div class='content'>"
            f"{paragraphs(FIRST, SECOND, LAST)}{after}</div></div>{FOOTER}"
        )
        assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}", after


def test_a_comments_time_label_under_the_text_does_not_place_it() -> None:
    """Linux 中国 prints the article's date with no label, then the text, then readers'
    comments (…用户 发表于 2022-04-17 08:01 的评论), then 上一篇/下一篇: the one labelled
    time is a comment's, and the few lines from it to the chain are no article."""
    said = "".join(
        f"<div class='comment'><p>来自甘肃天水的 Chrome 10{i}.0|Windows 10 用户 发表于 "
        f"2020-10-0{i + 5} 0{i}:12 的评论：</p><p>{i} 赞 回复</p><p>{text}</p></div>"
        for i, text in enumerate(("写得好，学习了！", "五老精神值得学习。"))
    )
    chain = (
        "<div class='chain'><a href='/87.html'>上一篇：关工委召开年度工作会议</a>"
        "<a href='/89.html'>下一篇：市关工委走访慰问老同志</a></div>"
    )
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        f"<p>作者：市关工办 | 2020-10-04 20:30 评论: 2</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>"
        f"<div class='comments'>{said}</div>{chain}{FOOTER}"
    )
    assert (fields.title, fields.published_at) == (TITLE, "2020-10-04T20:30:00+08:00")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert (fields.prev_url, fields.next_url) == (
        "http://news.example.cn/87.html",
        "http://news.example.cn/89.html",
    )


def test_readers_comments_under_their_writers_headings_are_not_text() -> None:
    """杭州日报's page prints its readers' comments in the text's own box with no heading over
    them, each under its writer's (瑞雪 对…的评论:), and the sentences weigh as prose."""
    comments = "".join(
        f"<p>{name} 对关工委开展主题宣讲活动的评论:</p><p>{text}</p>"
        for name, text in zip(("瑞雪", "刘英", "六月飞雪"), SAID, strict=False)
    )
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<p>时间：2020-10-04 来源：市关工办</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}{comments}</div></div>{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    # A sentence of the text that says what someone said of something is no such heading.
    said = "市关工委主任对这次宣讲活动的评论是：内容生动，形式新颖，效果很好。"
    fields = article("<p>时间：2020-10-04 来源：市关工办</p>", after=f"<p>{said}</p>")
    assert fields.body_text.endswith(said)


def test_credits_printed_as_labels_over_their_values_after_the_text_are_not_body() -> None:
    """A university news site's box after the text: 作者： | 张文清 | 摄影： | 梅秋武 |
    供稿单位： | 新闻中心, each on a line of its own. A text that ends on a label of its own
    and a sentence (联系人： | 请于本周五前报名。) keeps both."""
    credits = (
        "<div class='credits'><p><span>作者：</span></p><p>张文清</p>"
        "<p><span>摄影：</span></p><p>梅秋武</p><p><span>供稿单位：</span></p><p>新闻中心</p>"
        "<p><a href='javascript:print()'>打印本页</a> <a href='javascript:close()'>关闭窗口</a>"
        "</p></div>"
    )
    fields = page(
        f"<h1>{TITLE}</h1><p>2019年09月20日 责任编辑：李敏妍</p>"
        f"<div class='text'>{paragraphs(FIRST, SECOND, LAST)}</div>{credits}{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    closing = "请于本周五前报名。"
    notice = page(
        f"<h1>{TITLE}</h1><p>时间：2019-09-20 来源：市关工办</p>"
        f"<div class='text'>{paragraphs(FIRST, SECOND, '联系人：', closing)}</div>{FOOTER}"
    )
    assert notice.body_text == f"{FIRST}\n{SECOND}\n联系人：\n{closing}"


def test_a_footer_word_inside_a_sentence_does_not_end_the_body() -> None:
    sentence = "会上，市科技局介绍了技术支持青少年科普活动的做法，受到与会者好评。"
    fields = page(
        f"<h1>{TITLE}</h1><p>时间：2020-10-04 来源：市关工办</p>"
        f"{paragraphs(FIRST, sentence, LAST)}{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{sentence}\n{LAST}"


def test_who_provides_the_recommendations_below_the_text_is_not_text() -> None:
    """人民网's mobile page closes its text on a recommendation widget: 以下内容由今日头条提供,
    then 相关推荐 and the items. The provider's line goes with the widget."""
    widget = (
        "<div class='tt'><p>以下内容由今日头条提供</p><h3>相关推荐</h3><ul>"
        + "".join(f"<li><a href='/q/{i}'>你怎么看这个问题第{i}条？</a></li>" for i in range(3))
        + "</ul></div>"
    )
    fields = page(
        f"<h1>{TITLE}</h1><p>时间：2019-05-27 09:20 来源：环球网</p>"
        f"<div class='text'>{paragraphs(FIRST, SECOND, LAST)}{widget}</div>{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_an_editor_line_and_a_disclaimer_after_the_text_are_not_body() -> None:
    caption = "(调研秦州区皂郊镇王家店村关工工作)"
    fields = page(
        f"<h1>{TITLE}</h1><p>来源: 新天水2020-05-26 11:19:35</p>"
        f"<div class='text'>{paragraphs(FIRST, caption, LAST)}<p>(天水在线编辑:陶静)</p></div>"
        "<div class='statement'><p>版权与免责声明：</p><p>凡本网注明“来源：天水在线”的所有作品，"
        "版权均属天水在线所有，转载请注明出处。</p></div>"
        f"{RELATED}{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{caption}\n{LAST}"
    assert (fields.published_at, fields.source) == ("2020-05-26T11:19:35+08:00", "新天水")


# --- 3. the meta line printed below the body ---------------------------------------------


def test_a_meta_line_below_the_body() -> None:
    fields = page(
        f"<ul>{NAV}</ul><div class='main'><h1>{TITLE}</h1><div class='tools'>A+ A-</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>"
        "<p class='meta'>发布时间：2020-10-04 20:30 来源：市关工办</p>"
        "<p>上一篇：<a href='87.html'>前一篇文章</a></p><p>下一篇：<a href='89.html'>后一篇文章</a>"
        f"</p></div>{FOOTER}"
    )
    assert fields.title == TITLE
    assert (fields.published_at, fields.source) == ("2020-10-04T20:30:00+08:00", "市关工办")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert fields.next_url == "http://news.example.cn/2020/1004/89.html"
    assert "body: no text between the meta line and 上一篇/下一篇; found by density" in (
        fields.warnings
    )


# --- 4. the title line -------------------------------------------------------------------


def test_a_column_name_above_the_title_is_not_the_title() -> None:
    fields = page(
        f"<ul>{NAV}</ul><h2 class='column'>新闻动态</h2><h1>{TITLE}</h1>"
        f"<p>时间：2020-10-04 来源：市关工办</p>{paragraphs(FIRST, LAST)}",
        title="新闻动态 - 北医新闻网",
    )
    assert fields.title == TITLE
    fields = page(
        f"<ul>{NAV}</ul><div class='crumb'><span>当前位置：</span><div><a href='/'>首页</a></div>"
        "<div><a href='/c1/'>新闻动态</a></div><div><a href='/c1/x/'>县区动态</a></div></div>"
        f"<div>{TITLE}</div><p>时间：2020-10-04 来源：市关工办</p>{paragraphs(FIRST, LAST)}",
        title="县区动态_天水关工网",
    )
    assert (fields.title, fields.section) == (TITLE, "新闻动态")


def test_a_calendar_beside_the_title_is_not_the_title() -> None:
    calendar = "".join(f"<h3>{day}</h3>" for day in "一二三四五六日")
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='side'>{calendar}</div>"
        f"<div class='main'><div class='tit'>{TITLE}</div><p>时间：2020-10-04 来源：市关工办</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}",
        title=TITLE,
    )
    assert fields.title == TITLE


def test_a_back_to_home_link_beside_the_chain_is_no_breadcrumb() -> None:
    fields = page(
        f"<h1>{TITLE}</h1><p>时间：2020-10-04 来源：市关工办</p>{paragraphs(FIRST, LAST)}"
        "<div class='bottom'><div><a href='/'>返回首页</a></div>"
        "<div>上一篇：<a href='87.html'>前一篇</a></div></div>"
    )
    assert (fields.title, fields.section) == (TITLE, None)
    assert fields.body_text == f"{FIRST}\n{LAST}"


def test_a_documents_number_beside_its_headline_is_not_the_headlines() -> None:
    """国家税务总局 prints a notice's 文号 on its headline's line (…的通知 财税〔2013〕81号) and
    a date the page's script never formatted (成文日期:1382860800000) under it: the headline is
    the <title>'s, without the number; the raw date is no title."""
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'>"
        f"<div class='tit'>{TITLE} 甘关委〔2020〕5号</div><div>成文日期:1382860800000</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}",
        title=TITLE,
    )
    assert fields.title == TITLE
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_the_heading_not_its_subtitle() -> None:
    fields = page(
        f"<h1>{TITLE}</h1><h3>——记秦州区关工委“五老”志愿者</h3>"
        f"<p>时间：2020-10-04 来源：市关工办</p>{paragraphs(FIRST, LAST)}",
        title="天水关工网",
    )
    assert fields.title == TITLE


def test_a_heading_that_exclaims_is_the_title_of_a_page_with_no_meta_line() -> None:
    """A WeChat article saved with its date still empty (a script fills it) and an empty
    ``<title>``: the ``<h2>`` above the text is the headline though it ends in ！, as news
    headlines do; a plain line ending so is a sentence, no title."""
    headline = "刚刚，习近平总书记为他们颁奖！交大校友被授予国家最高荣誉！"
    fields = page(
        f"<div class='rich_media'><h2 class='rich_media_title'>{headline}</h2>"
        "<div class='meta'><a href='#'>上海交通大学</a> <em id='publish_time'></em></div>"
        f"<div id='js_content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>",
        title="",
    )
    assert fields.title == headline
    exclaimed = page(
        f"<div class='text'>{paragraphs('祝贺我校学子再获佳绩！', FIRST, SECOND, LAST)}</div>",
        title="",
    )
    assert exclaimed.title != "祝贺我校学子再获佳绩！"


def test_a_trail_parted_by_bars_is_a_breadcrumb_and_never_the_title() -> None:
    """当前位置： 首页 | 启智新闻 | 正文 (a school platform's trail, bars between its crumbs)
    names the column; on a page that shows no headline above its text the ``<title>`` is
    the title, whole: its Chinese dash (——) parts a headline's halves, not the site's name."""
    headline = "专业赋能、潜心育人——启智学校开展青年教师班主任工作研讨活动"
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='crumb'>当前位置： 首页 | 启智新闻 | 正文</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>"
        f"<div class='source'>发布日期：2024-01-15 来源：启智学校</div>{FOOTER}",
        title=headline,
    )
    assert fields.section == "启智新闻"
    assert fields.title == headline
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    named = page(
        f"<div class='crumb'>当前位置： 首页 | 启智新闻 | 正文</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=f"{headline}—启智学校",
    )
    assert named.title == headline
    dotted = page(
        f"<div class='crumb'>当前位置： 首页 · 启智新闻 · 正文</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=headline,
    )
    assert dotted.title == headline  # a trail not read as one is still no title


def test_a_text_opening_with_its_headlines_first_words_keeps_them_and_the_title_is_whole() -> None:
    """A 中国政府网 gazette item shows no headline: its text opens with the issuing ministries,
    one a line, over the order's number and the rules it issues, which the ``<title>`` names
    whole. The title is the ``<title>``'s, the ministries the text's first lines."""
    issuers = ("中华人民共和国国家发展和改革委员会", "中华人民共和国工业和信息化部")
    headline = f"{issuers[0]} {issuers[1]}令 （第20号） 电子招标投标办法"
    fields = page(
        "<div class='crumb'>首页 > 国务院公报 > 2013年第13号</div>"
        "<div class='tools'>字号：默认 大 超大 | 打印 |</div>"
        f"<div class='content'>{paragraphs(*issuers, '令', '第 20 号', FIRST, SECOND, LAST)}"
        f"</div>{FOOTER}",
        title=f"{headline}_2013年第13号国务院公报_中国政府网",
    )
    assert fields.title == headline
    assert fields.body_text.startswith(f"{issuers[0]}\n{issuers[1]}\n令")
    assert fields.body_text.endswith(LAST)


def test_a_home_link_below_the_text_is_no_breadcrumb_that_hides_the_article() -> None:
    """搜狐号's page ends with a widget of 返回 | 首页 | 用户 | 反馈: 首页 after another word is
    no trail drawn as a list; and a trail printed under the text (首页 > 新闻 in a footer),
    with no text below it, is none either: the article above it is read, with a note."""
    meta = "<p>2019-05-26 15:11 来源:澎湃新闻</p>"
    widget = "<ul class='back'><li>返回</li><li>首页</li><li>用户</li><li>反馈</li></ul>"
    fields = page(
        f"<h1>{TITLE}</h1>{meta}"
        f"<div class='text'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}{widget}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert (fields.title, fields.source) == (TITLE, "澎湃新闻")
    assert not any("trail" in warning for warning in fields.warnings), fields.warnings
    below = page(
        f"<h1>{TITLE}</h1>{meta}<div class='text'>{paragraphs(FIRST, SECOND, LAST)}</div>"
        f"<div class='foot'>首页 > 新闻中心</div>"
    )
    assert below.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert below.section is None
    assert any("has no text below it" in warning for warning in below.warnings)


def test_a_headline_in_an_h2_under_a_logos_longer_name_is_the_title() -> None:
    """DedeCMS's default template prints the site's name as an ``<h1>`` linking home and the
    headline as an ``<h2>`` (an institute's intranet): where the name is the longer part of
    the ``<title>``, the part a heading prints, not the widest, is the article's."""
    site = "甘肃省天水市关心下一代工作委员会网站"
    fields = page(
        f"<div class='header'><h1><a href='/'>{site}</a></h1></div>"
        "<div class='place'>当前位置: <a href='/'>主页</a> &gt; "
        "<a href='/a/gg/'>关工要闻</a> &gt;</div>"
        f"<div class='viewbox'><div class='title'><h2>{TITLE}</h2></div>"
        "<div class='info'>时间:2019-02-03 15:39来源:未知 作者:所办公室</div>"
        f"<div class='intro'>{TITLE}</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}",
        title=f"{TITLE}_{site}",
    )
    assert fields.title == TITLE
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert fields.section == "关工要闻"


# --- 5. a body wrapped in a form ---------------------------------------------------------


def test_a_body_inside_a_form_keeps_its_text() -> None:
    fields = page(
        f"<h1>{TITLE}</h1><p>时间：2020-10-04 来源：市关工办</p>"
        f"<div class='content'><form id='form1' action='show.aspx'>{paragraphs(FIRST, LAST)}"
        "<input type='hidden' name='__VIEWSTATE' value='x'></form></div>"
        "<p>上一篇：<a href='87.html'>前一篇</a></p>"
    )
    assert fields.body_text == f"{FIRST}\n{LAST}"


# --- 6. the article printed more than once -----------------------------------------------


def test_a_second_copy_of_the_article_is_not_kept() -> None:
    copy = f"<div class='m'><h1>{TITLE}</h1>{paragraphs(FIRST, SECOND, LAST)}</div>"
    fields = page(
        f"<div class='pc'><h1>{TITLE}</h1><p>时间：2020-10-04 来源：市关工办</p>"
        f"{paragraphs(FIRST, SECOND, LAST)}</div>{copy}{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_hidden_copy_is_not_read() -> None:
    fields = page(
        f"<h1>{TITLE}</h1><p>时间：2020-10-04 来源：市关工办</p>{paragraphs(FIRST, LAST)}"
        f"<div style='DISPLAY: none'><h1>{TITLE}</h1><p>{FIRST}</p></div>"
        f"<div hidden><p>{SECOND}</p></div><p>上一篇：<a href='87.html'>前一篇</a></p>"
    )
    assert fields.body_text == f"{FIRST}\n{LAST}"


# --- 7. a self-closed tag that is not void -----------------------------------------------


def test_a_self_closed_button_does_not_swallow_the_page() -> None:
    fields = page(
        f"<header><button class='menu'/><ul>{NAV}</ul></header>"
        f"<h1>{TITLE}</h1><p>时间：2020-10-04 来源：市关工办</p>"
        f"<div class='content'><button class=speak/>{paragraphs(FIRST, LAST)}</div>"
        "<p>上一篇：<a href='87.html'>前一篇</a></p>"
    )
    assert fields.body_text == f"{FIRST}\n{LAST}"
    assert fields.title == TITLE


def test_a_second_document_after_the_first_is_shown_as_browsers_show_it() -> None:
    """启智学校's pages are a stub document (its <title> the headline) and then the page:
    browsers show what follows </html> in the body, where libxml2 drops it."""
    stub = f"<!DOCTYPE html><html><head><title>{TITLE}</title></head><body></body></html>\n"
    html = (
        f"{stub}<!DOCTYPE html><html><head><meta charset='utf-8'><title></title></head><body>"
        f"<ul class='nav'>{NAV}</ul><div class='main'><h2>{TITLE}</h2>"
        f"<p>发布时间：2013-06-03 来源：启智学校</p><div class='content'>"
        f"{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}</body></html>"
    )
    fields = extract_article(load_page(URL, html.encode(), HEADERS))
    assert fields.title == TITLE
    assert (fields.published_at, fields.source) == ("2013-06-03", "启智学校")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    trailing = (
        f"<html><head><title>{TITLE}</title></head><body><p>x</p></body></html><p>{FIRST}</p>"
    )
    assert FIRST in load_page(URL, trailing.encode(), HEADERS).joined


# --- 8. toolbars at the start of the body -------------------------------------------------


def test_toolbar_text_at_the_start_of_the_body() -> None:
    fields = article(
        "<p>时间：2020-10-04 来源：市关工办</p>"
        "<div class='tools'><a>放大</a> <a>正常</a> <a>缩小</a> <a>×</a> <a>打印本页</a></div>"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_meta_line_above_a_share_bar_and_the_headline_is_the_articles() -> None:
    """The meta line, then a share bar of five lines, then the headline and the text (国家金融
    监督管理总局's template): the toolbars between do not set the labelled line apart from
    the text, so its date and source are the article's, read as labelled."""
    share = (
        "<div><a href='javascript:print()'>打印</a> <a href='#'>微博</a></div>"
        "<div>分享到微信</div><div>用微信扫一扫，点击右上角分享按钮，将本文分享给您的好友或朋友圈。</div>"
        "<div>微信</div><div>更多</div>"
    )
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='crumb'>当前位置：首页 > 政务信息 > 行政处罚</div>"
        "<div class='meta'>发布时间：2024-07-12 来源：保险和非银机构检查局</div>"
        f"{share}<div class='t'>{TITLE}</div>"
        f"<div class='c'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}"
    )
    assert (fields.title, fields.published_at) == (TITLE, "2024-07-12")
    assert fields.source == "保险和非银机构检查局"
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert not any(w.startswith("published_at") for w in fields.warnings), fields.warnings


def test_a_share_boxs_prompt_around_the_text_is_not_text() -> None:
    """东北新闻网's share bar: 分享到: after the meta line, then its box's prompt on two lines
    (用微信扫码二维码 | 分享至好友和朋友圈) right above the text; and the same prompt below it."""
    prompt = "<div class='qr'><p>用微信扫码二维码</p><p>分享至好友和朋友圈</p></div>"
    fields = article(f"<p>2024-10-28 09:54:09 来源：辽宁日报 分享到:</p>{prompt}", after=prompt)
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert fields.source == "辽宁日报"


def test_a_reprints_own_title_and_meta_line_are_not_the_text() -> None:
    fields = article(
        "<p>发布日期：2017-09-29 作者：上师初中</p>"
        "<p>学习身边的榜样</p><p>2017-09-29 11:04:00 来源：上观新闻</p>"
        "<p>原标题：学习身边的榜样</p>"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


# --- the site's own family: summary boxes and a date-only time ----------------------------


def test_a_summary_box_between_the_meta_line_and_the_body() -> None:
    for summary in (
        "<div class='summary'>摘要：市关工委组织“五老”宣讲团走进育才小学。</div>",
        f"<div class='description'>{FIRST[:30]}...</div>",
        "<p><b>【导读】</b>市关工委组织宣讲团走进校园</p>",
    ):
        fields = article(f"<p>时间：2020-10-04 来源：市关工办</p>{summary}")
        assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}", summary


def test_a_labelled_lead_the_text_goes_on_from_is_the_texts_first_paragraph() -> None:
    """cnBeta labels its lead 摘要 and the text below opens with 因此, going on from it: the
    lead is the text's first paragraph, not a summary box to drop, and its label, which names
    the box, is no word of it, whether in an element of its own or not."""
    lead = "北京时间10月4日，市关工委组织“五老”宣讲团走进秦州区育才小学。"
    going_on = f"因此，{SECOND}"
    for labelled in (f"<b>摘要：</b>{lead}", f"摘要 ：{lead}", f"【导读】 <span>{lead}</span>"):
        fields = page(
            f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
            f"<p>时间：2020-10-04 来源：市关工办</p><div class='content'>"
            f"{paragraphs(labelled, going_on, LAST)}</div></div>{RELATED}{FOOTER}"
        )
        assert fields.body_text == f"{lead}\n{going_on}\n{LAST}", labelled
        assert f"<p>{lead}</p><p>因此" in fields.body_html, labelled


def test_an_opening_that_names_the_headline_again_is_text() -> None:
    """A notice's first sentence that opens with its own headline's words, listed again in the
    sidebar's list of notices, is the text: the line it matches is a copy of the headline."""
    headline = "天水市关心下一代工作委员会2025年五老宣讲团成员选拔办法"
    opening = "天水市关心下一代工作委员会2025年五老宣讲团成员选拔实行推荐制，现将办法公布如下："
    sidebar = (
        "<div class='side'><h3>重要通知</h3><ul>"
        f"<li><a href='/n1.html'>{headline}</a><span>11-30</span></li>"
        "<li><a href='/n2.html'>关于举办2025年冬令营的通知</a><span>12-23</span></li></ul></div>"
    )
    fields = page(
        f"<div class='main'><h1>{headline}</h1><p>2024.11.30</p>"
        f"<div class='content'>{paragraphs(opening, FIRST, SECOND, LAST)}</div></div>"
        f"{sidebar}{FOOTER}",
        title=headline,
    )
    assert fields.body_text == f"{opening}\n{FIRST}\n{SECOND}\n{LAST}"


def test_a_notice_of_fields_with_no_sentence_runs_to_the_footer() -> None:
    """A procurement notice (河北政府采购网) is fields and tables with no sentence: its densest
    line is one field's value (地址 ： …313室), which is no text's end; the labelled meta line
    starts the text and the footer ends it, its last fields and its attachment kept."""
    fields_ = [
        "一、项目编号：",
        "ZC130800202101632",
        "二、项目名称：",
        "村级信息资源共享支中心电脑项目",
        "三、中标（成交）信息",
        *("供应商名称", "货物名称", "货物品牌", "规格型号", "数量", "单价", "中标金额", "优惠价"),
        *("承德发金商贸有限公司", "计算机", "紫光", "156", "4780.00", "745680"),
        "名称 ： 围场县政府采购中心",
        "地址 ： 围场满族蒙古族自治县公共资源交易中心三楼政府采购中心313室",
        "联系方式 ： 王岭 黄志刚 0314-7883999",
        "十、附件",
        "<a href='/files/zb.pdf'>2021年村级信息资源共享支中心电脑采购项目</a>",
    ]
    rows = "".join(f"<tr><td>{cell}</td></tr>" for cell in fields_)
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        f"<p>发布时间： 2021-10-11</p><table>{rows}</table></div>{FOOTER}"
    )
    assert fields.body_text.startswith("一、项目编号：\nZC130800202101632")
    assert fields.body_text.endswith("十、附件\n2021年村级信息资源共享支中心电脑采购项目")


def test_a_notices_first_numbered_section_is_text_however_bare() -> None:
    """A procurement notice's text opens with a bare numbered heading and a code (一、项目编号：
    | ZC1308…): the text's first section, not furniture to skip to the first sentence."""
    rows = "".join(
        f"<tr><td>{cell}</td></tr>"
        for cell in (
            "一、项目编号：",
            "ZC130800202101632",
            "二、项目名称：",
            "村级信息资源共享支中心电脑项目",
        )
    )
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='head'><h1>{TITLE}</h1>"
        f"<p>发布时间：2021-10-11</p></div><div class='detail'><table>{rows}</table>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}"
    )
    assert fields.body_text.startswith("一、项目编号：\nZC130800202101632\n二、项目名称：")
    assert fields.body_text.endswith(LAST)


def test_a_pull_quote_in_its_own_box_is_not_the_text_but_a_lead_in_the_text_is() -> None:
    quote = LAST[LAST.index("同学们") :]
    fields = article(f"<p>时间：2020-10-04 来源：市关工办</p><p class='quote'>{quote}</p>")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    # The same sentence in bold, broken off from the text with <br> in the text's own block,
    # is the text's lead (a commentary's opening that a later paragraph says again).
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<p>时间：2020-10-04 来源：市关工办</p>"
        f"<div class='content'><b>{quote}</b><br><br>{FIRST}<br><br>{SECOND}<br><br>{LAST}"
        f"</div></div>{RELATED}{FOOTER}"
    )
    assert fields.body_text == f"{quote}\n{FIRST}\n{SECOND}\n{LAST}"


def test_a_date_alone_then_a_source_parted_only_by_markup() -> None:
    fields = article("<p><small>时间：2019年01月29日</small>来源：市关工办</p>")
    assert (fields.published_at, fields.source) == ("2019-01-29", "市关工办")
    fields = article(
        "<p><small>发布日期：2019年1月9日</small><small>来源：清水县关工委</small></p>"
    )
    assert (fields.published_at, fields.source) == ("2019-01-09", "清水县关工委")


# --- a CMS's download list after the text -----------------------------------------------------


def test_a_download_list_after_the_text_gives_attachments_not_text() -> None:
    downloads = (
        "<ul>"
        "<li>附件【<a href='/system/_content/download.jsp?wbfileid=1'>附件1：报名登记表.docx</a>】"
        "已下载<span><script>getClickTimes(1)</script></span>次</li>"
        "<li>附件【<a href='/system/_content/download.jsp?wbfileid=2'>附件2：材料清单.doc</a>】"
        "已下载<span>12</span>次</li></ul>"
    )
    fields = article("<div class='info'>时间：2021-12-02 来源：总务处</div>", after=downloads)
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert "已下载" not in (fields.body_html or "")
    assert [a["name"] for a in fields.attachments] == [
        "附件1：报名登记表.docx",
        "附件2：材料清单.doc",
    ]
    assert fields.attachments[0]["url"] == (
        "http://news.example.cn/system/_content/download.jsp?wbfileid=1"
    )


def test_a_download_list_between_a_signature_and_the_chain_after_a_break() -> None:
    """武汉大学's VSB pages print each file as a paragraph of its own (【附件一：….doc】已下载次)
    after a <br> under the signature, then 上一条/下一条: the signature closes the text."""
    downloads = "".join(
        f"<p>【<a href='/system/_content/download.jsp?wbfileid={i}'>附件{n}：{name}</a>】已下载"
        f"<span><script>getClickTimes({i})</script></span>次</p>"
        for i, (n, name) in enumerate((("一", "申请审核表.doc"), ("二", "考核表.docx")))
    )
    fields = page(
        f"<div class='main'><h1>{TITLE}</h1><p>发布时间：2024-09-09</p><div class='content'>"
        f"{paragraphs(FIRST, SECOND, LAST, '学院本科教学管理办公室', '2024年9月9日')}</div>"
        f"<br>{downloads}<br><p>上一条：<a href='87.html'>前一篇文章</a></p>"
        f"<p>下一条：<a href='89.html'>后一篇文章</a></p></div>{FOOTER}"
    )
    assert fields.body_text.endswith(f"{LAST}\n学院本科教学管理办公室\n2024年9月9日")
    assert [a["name"] for a in fields.attachments] == [
        "附件一：申请审核表.doc",
        "附件二：考核表.docx",
    ]


def test_a_notices_number_over_its_text_is_the_texts_not_its_title() -> None:
    """武汉大学本科生院's notice: the headline and 时间： run together on one line, then the
    document's number (武大本函〔2024〕210号) opening the text, which is no headline."""
    fields = page(
        f"<div class='main'><div class='tit'>{TITLE}<span>时间：2024-11-27</span></div>"
        f"<div class='content'><p>武大本函〔2024〕210号</p><p>各学院：</p>"
        f"{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}",
        title=f"{TITLE}-武汉大学本科生院",
    )
    assert fields.title == TITLE
    assert fields.body_text.startswith("武大本函〔2024〕210号\n各学院：")
    # Minified, the trail runs into the column's name over it (学生通知首页 > 通知公告 > …):
    # still a trail, never the title.
    fields = page(
        "<div class='crumb'><span>学生通知</span><a href='/'>首页</a> &gt; "
        "<a href='/tzgg/'>通知公告</a> &gt; 正文</div>"
        f"<div class='main'><div class='tit'>{TITLE}<span>时间：2024-11-27</span></div>"
        f"<div class='content'><p>武大本函〔2024〕210号</p><p>各学院：</p>"
        f"{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}",
        title=f"{TITLE}-武汉大学本科生院",
    )
    assert fields.title == TITLE


def test_files_named_in_the_text_stay_in_the_text() -> None:
    files = "<p>附件：<a href='/files/1.docx'>报名登记表.docx</a></p>"
    fields = article("<div class='info'>时间：2021-12-02 来源：总务处</div>", after=files)
    assert fields.body_text.endswith("附件：报名登记表.docx")
    assert [a["name"] for a in fields.attachments] == ["报名登记表.docx"]


def test_a_government_template_s_phone_prompt_is_no_text() -> None:
    for prompt in ("扫一扫在手机打开当前页", "【我要纠错】 【打印本页】 【关闭窗口】", "扫一扫"):
        fields = article(
            "<div class='info'>发布时间：2023-05-01 来源：本站</div>",
            after=f"<div class='tools'>{prompt}</div>",
        )
        assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}", prompt


def test_a_bracketed_source_and_date_lose_their_brackets() -> None:
    fields = article("<p class='info'>【来源：央视新闻】 【发布时间：2023-05-01】</p>")
    assert (fields.source, fields.published_at) == ("央视新闻", "2023-05-01")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_kicker_or_a_subtitle_around_the_title_leaves_an_unlabelled_meta_line_found() -> None:
    meta = "<div class='info'><span>2023-05-01 10:20:33</span> 来源：新华网</div>"
    content = f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>"
    for before, after in [
        ("<h3>五老宣讲进校园</h3>", ""),
        ("<h3>引题：五老宣讲进校园</h3>", ""),
        ("", "<h2>——秦州区育才小学迎来特殊课堂</h2>"),
        ("<h3>五老宣讲进校园</h3>", "<h2>——秦州区育才小学迎来特殊课堂</h2>"),
    ]:
        fields = page(
            f"<ul class='nav'>{NAV}</ul><div class='main'>{before}<h1>{TITLE}</h1>{after}"
            f"{meta}{content}</div>{RELATED}{FOOTER}"
        )
        assert fields.title == TITLE, (before, after)
        assert (fields.published_at, fields.source) == ("2023-05-01T10:20:33+08:00", "新华网")
        assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}", (before, after)


def test_a_byline_between_the_title_and_an_unlabelled_meta_line() -> None:
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='news'><h1>{TITLE}</h1><div class='about'>"
        "<p>澎湃新闻记者 张三</p><p>2023-05-01 10:20 来源：澎湃新闻</p></div>"
        f"<div class='txt'>{paragraphs(FIRST, SECOND, LAST)}</div>"
        f"<div class='editor'>责任编辑：李四</div></div>{RELATED}{FOOTER}"
    )
    assert (fields.published_at, fields.source) == ("2023-05-01T10:20:00+08:00", "澎湃新闻")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_dated_line_the_text_opens_with_is_no_meta_line() -> None:
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        f"<div class='content'><p>天水市关工委</p><p>2023年5月1日</p>"
        f"{paragraphs(FIRST, SECOND, LAST)}</div></div>{RELATED}{FOOTER}"
    )
    assert fields.body_text.startswith("天水市关工委\n2023年5月1日\n")


def test_toolbar_words_before_an_editor_line_after_the_text() -> None:
    for tail in (
        "<div><span>【纠错】</span><span>【责任编辑:王五】</span></div>",
        "<p><a href='//www.sohu.com/'>返回搜狐，查看更多</a></p><p>责任编辑：<span></span></p>",
    ):
        fields = article("<div class='info'>时间：2023-05-01 10:20 来源：新华网</div>", after=tail)
        assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}", tail


def test_a_meta_line_hidden_in_a_box_of_no_height_is_not_read() -> None:
    fields = article(
        "<div class='msg'><span>2017-03-10 09:58</span> <span>来源：网易科学人</span></div>"
        "<div style='height:0px; line-height:0px; font-size:0; overflow:hidden;'>"
        "<span>2017-03-10 09:58:03</span><span>来源：网易科学人</span>"
        "<span>责任编辑：肖春芳</span></div>"
    )
    assert (fields.published_at, fields.source) == ("2017-03-10T09:58:00+08:00", "网易科学人")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_box_of_no_height_that_shows_its_overflow_is_read() -> None:
    fields = article("<div style='height:0'><p>时间：2017-03-10 09:58 来源：网易科学人</p></div>")
    assert fields.source == "网易科学人"


def test_the_site_s_own_name_after_the_source_is_not_the_source() -> None:
    fields = page(
        f"<ul class='nav'>{NAV}</ul><h1>{TITLE}</h1>"
        "<p>发稿时间：2017-03-10 08:42:00 来源： 人民日报海外版 中国青年网</p>"
        f"<div class='text'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=f"{TITLE}_教育频道_中国青年网",
    )
    assert fields.source == "人民日报海外版"


def test_a_comment_count_after_the_source_is_not_the_source() -> None:
    fields = article(
        "<div class='info'>2014-04-15 08:32:13　来源: 网易房产 跟贴 0 条 手机看新闻</div>"
    )
    assert fields.source == "网易房产"


def test_counters_and_a_platform_disclaimer_after_the_text_are_not_text() -> None:
    tail = (
        "<div>图集</div><div>+1</div>"
        "<p>平台声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。</p>"
        "<p>阅读 ()</p>"
    )
    fields = article("<div class='info'>时间：2023-05-01 10:20 来源：搜狐政务</div>", after=tail)
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_source_or_original_title_closing_the_text_is_the_text_s() -> None:
    for closing in ("来源：央视新闻客户端", "（原标题：五老宣讲团走进育才小学）"):
        fields = page(
            f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
            "<div class='info'>时间：2023-05-01 10:20</div><div class='content'>"
            f"{paragraphs(FIRST, SECOND, LAST, closing, '责任编辑：王五', '阅读原文')}"
            f"<p>分享让更多人看到</p></div></div>{RELATED}{FOOTER}"
        )
        assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}\n{closing}"
        if closing.startswith("来源"):
            assert fields.source == "央视新闻客户端"


def test_a_page_of_one_container_starts_its_text_past_its_title() -> None:
    fields = page(f"<h1>{TITLE}</h1>{paragraphs(FIRST, SECOND, LAST)}", title=f"{TITLE}_腾讯新闻")
    assert fields.title == TITLE
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_promotion_heading_after_the_text_ends_it() -> None:
    fields = article(
        "<div class='info'>时间：2023-05-01 10:20</div>",
        after="<p>本期精彩回顾</p><p>呵呵，想和中国人比数学，再回去学个一百年吧！欢迎关注我们。</p>",
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_an_original_title_in_brackets_opens_the_text_a_bare_one_does_not() -> None:
    meta = "<div class='info'>2020-03-03 15:20:33 来源：新华网</div>"
    for opening, kept in (
        ("（原标题：五老宣讲团走进育才小学）", True),
        ("原标题：五老宣讲团走进育才小学", False),
    ):
        fields = page(
            f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>{meta}"
            f"<div class='content'>{paragraphs(opening, FIRST, SECOND, LAST)}</div></div>"
            f"{RELATED}{FOOTER}"
        )
        text = f"{FIRST}\n{SECOND}\n{LAST}"
        assert fields.body_text == (f"{opening}\n{text}" if kept else text)


def test_a_dated_caption_is_no_meta_line_and_a_pager_and_web_editor_end_the_text() -> None:
    caption = "2014年5月12日宜宾市14路公交车爆燃现场。（新华社/图）"
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<div class='author'>作者：南方周末记者 雍兴中</div>"
        "<div class='info'>发自：四川宜宾 2014-05-15 11:11:43 来源：南方周末</div>"
        f"<div class='content'><p><img src='/a.jpg'></p><p>{caption}</p>"
        f"{paragraphs(FIRST, SECOND, LAST)}<div class='pager'>上一页1下一页</div></div>"
        f"<p>网络编辑: 瓦特 责任编辑: 叶伟民 实习生 岑欣杭</p></div>{RELATED}{FOOTER}"
    )
    assert (fields.published_at, fields.source) == ("2014-05-15T11:11:43+08:00", "南方周末")
    assert fields.body_text == f"{caption}\n{FIRST}\n{SECOND}\n{LAST}"


def test_a_recommendation_aside_inside_the_text_is_not_text() -> None:
    aside = (
        "<aside title='推荐'><a href='/9.html'>关工委召开全体会议部署年度工作</a>"
        "<p>会议强调，要进一步做好新时代关心下一代工作，推动各项任务落地见效。</p></aside>"
    )
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<div class='info'>时间：2020-03-03 10:20 来源：环球网</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}{aside}</div></div>{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_source_closing_a_text_that_a_promotion_heading_ends_is_read() -> None:
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<div class='info'><span>2017-07-27 07:35</span></div><div class='content'>"
        f"{paragraphs(FIRST, SECOND, LAST, '来源：新浪体育、凤凰体育', '本期精彩回顾')}"
        + "".join(f"<p>往期文章的一段介绍文字，第{i}篇，欢迎阅读。</p>" for i in range(6))
        + f"</div></div>{FOOTER}"
    )
    assert fields.source == "新浪体育、凤凰体育"
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}\n来源：新浪体育、凤凰体育"


def test_a_date_in_three_boxes_above_the_title() -> None:
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='header'><div class='header-time'>"
        "<span class='year'><em> 2023</em></span><span class='day'><em> 05</em>/<em>01</em>"
        "</span><span class='time'> 10:20:33</span></div><div class='source'>来源：新华网</div>"
        f"<h1><span class='title'>{TITLE}</span></h1></div>"
        f"<div id='detail'>{paragraphs(FIRST, SECOND, LAST)}</div>{RELATED}{FOOTER}"
    )
    assert (fields.published_at, fields.source) == ("2023-05-01T10:20:33+08:00", "新华网")
    assert fields.title == TITLE
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_editors_named_without_a_colon_after_the_text_are_not_text() -> None:
    fields = article(
        "<div class='info'>时间：2023-05-01 10:20</div>",
        after="<p class='editor'>编辑 张三 校对 李四</p>",
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    closing = "编辑部全体同事向读者致以节日的问候，感谢一年来的支持与陪伴。"
    kept = article("<div class='info'>时间：2023-05-01 10:20</div>", after=f"<p>{closing}</p>")
    assert kept.body_text.endswith(closing)


# --- markup a reader never sees, found by re-serving the corpus's pages -------------------


def latest(items: int) -> str:
    """A box of the latest articles, each dated: 最新动态 over ``items`` lines of links."""
    return (
        "<div class='side'><h3>最新动态</h3><ul>"
        + "".join(
            f"<li><a href='/n/{i}.html'>市关工委召开第{i}次主任办公会议</a>"
            f" <span>2021-03-0{i}</span></li>"
            for i in range(1, items + 1)
        )
        + "</ul></div>"
    )


def test_a_dated_list_beside_an_unlabelled_text_gives_neither_date_nor_title() -> None:
    fields = page(
        f"{latest(7)}<div class='main'><font>{TITLE}</font>{paragraphs(FIRST, SECOND, LAST)}"
        f"</div>{FOOTER}",
        title=TITLE,
    )
    assert fields.title == TITLE
    assert fields.published_at is None
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_dated_list_in_the_texts_box_above_the_title_is_not_the_text() -> None:
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='crumb'>首页 &gt; 要闻 &gt; 内容</div>"
        f"<div class='main'>{latest(2)}<h3>{TITLE}</h3><span>来源：人民日报 2015-5-19</span>"
        f"{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}"
    )
    assert fields.title == TITLE
    assert fields.published_at == "2015-05-19"
    assert fields.source == "人民日报"
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_source_value_ends_with_its_element_a_full_width_space_or_another_label() -> None:
    squeezed = article(
        "<div class='info'><span>来源：人民日报海外版</span><span>中国青年网</span>"
        "<span>2017-03-10 08:42</span></div>"
    )
    assert squeezed.source == "人民日报海外版"
    assert squeezed.published_at == "2017-03-10T08:42:00+08:00"
    linked = article(
        "<div class='info'>2015-07-03 05:09:56 来源: <a href='/21'>21世纪经济报道</a>(广州)</div>"
    )
    assert linked.source == "21世纪经济报道(广州)"
    reporter = article(
        "<div id='subjection'>http://ent.163.com\u30002005-10-26 09:10:17\u3000来源: "
        "<a href='http://www.thefirst.cn/'>竞报</a>(北京)\u3000杨柳\u3000\u3000"
        "<a href='#0'>网友评论 <span>0</span>&nbsp;条</a></div>"
    )
    assert reporter.source == "竞报(北京)"
    typed = article(
        "<div class='info'>发布时间：2024-07-12 来源：保险和非银机构检查局 文章类型：原创</div>"
    )
    assert typed.source == "保险和非银机构检查局"
    assert reporter.published_at == "2005-10-26T09:10:17+08:00"


def test_the_tab_title_is_no_title_line_however_the_head_is_spaced() -> None:
    html = (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>\n\n"
        "<title>清华大学两办信息办公网</title>"
        f"</head><body><table><tr><td><strong>(2017.05.19){TITLE}</strong></td></tr>"
        "<tr><td><font>发布时间：2017-05-19 访问计数： 3263</font></td></tr>"
        f"<tr><td><h1><span>{TITLE}</span></h1>{paragraphs(FIRST, SECOND, LAST)}</td></tr>"
        "</table></body></html>"
    )
    fields = extract_article(load_page(URL, html.encode(), HEADERS))
    assert fields.title == TITLE
    assert fields.published_at == "2017-05-19"


def test_an_unlabelled_meta_line_is_found_above_a_stack_of_toolbars() -> None:
    toolbars = "".join(
        f"<div>{word}</div>" for word in ("分享到：", "关注本站", "微信", "微博", "Qzone", "评论")
    )
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><div>{TITLE}</div>"
        f"<span>2020-02-19 20:29:58 来源： 半月谈</span>{toolbars}"
        f"<div class='text'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{RELATED}{FOOTER}"
    )
    assert fields.published_at == "2020-02-19T20:29:58+08:00"
    assert fields.source == "半月谈"
    assert fields.title == TITLE
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_toolbar_inside_the_headline_is_not_the_title() -> None:
    for toolbar in ("<span>分享到：微信 微博 QQ空间</span>", " 【字体：大 中 小】"):
        fields = page(
            f"<div class='main'><h1>{TITLE}{toolbar}</h1>"
            f"<div class='info'>发布时间：2020-10-04 20:30 来源：长江网</div>"
            f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}"
        )
        assert fields.title == TITLE, toolbar
    reading = page(
        "<div class='main'><h1>倡导全民阅读</h1><div class='info'>发布时间：2020-10-04 20:30</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}",
        title="倡导全民阅读",
    )
    assert reading.title == "倡导全民阅读"


# --- round 6: news sites of Hong Kong, Taiwan and the mainland's tech press -----------------


def test_editor_and_translator_lines_and_a_reprint_warning_after_the_text_are_not_text() -> None:
    for after in (
        "<p>執行、核稿編輯：孫雅為</p>",
        "<p>翻译：柳沉</p>",
        "<p>值班编辑：王五</p>",
        "<p><em>版权所有，未经授权不得以任何形式转载及使用，违者必究。</em></p>",
    ):
        fields = article("<div class='info'>发布时间：2020-10-04 20:30</div>", after=after)
        assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}", after


def test_addresses_the_text_introduces_are_text() -> None:
    references = "<p>参考内容：</p><p>https://mp.weixin.qq.com/s/Di0-3Enf</p><p>https://yanshuicheng.info/</p>"
    fields = page(
        f"<div class='main'><h1>{TITLE}</h1><div class='info'>2020-10-04 20:30 来源：量子位</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}{references}</div></div>{FOOTER}"
    )
    assert fields.body_text.endswith(
        f"{LAST}\n参考内容：\nhttps://mp.weixin.qq.com/s/Di0-3Enf\nhttps://yanshuicheng.info/"
    )
    site = article(
        "<div class='info'>发布时间：2020-10-04 20:30</div>",
        after="<div>（http://news.example.cn）</div>",
    )
    assert site.body_text.endswith(LAST)


def test_a_summary_box_the_template_names_is_not_text() -> None:
    for box in (
        "<div class='zhaiyao'><p>顺便给模型测了下智商</p></div>",
        "<div class='main-introduction'>政治與時尚的密切交織，體現於日常生活的所穿所戴</div>",
        "<div id='articleDesc'>市关工委组织宣讲团走进育才小学，讲述红色故事</div>",
        "<p class='news_jianjie'>市关工委组织宣讲团走进育才小学，讲述红色故事</p>",
    ):
        fields = article(
            f"<div class='info'>2023-09-13 10:00:39 来源：量子位</div>{box}",
        )
        assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}", box
    lead = article(
        "<div class='info'>发布时间：2020-10-04 20:30</div><div class='lead'>本报讯</div>"
    )
    assert lead.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_chain_links_whose_href_is_a_script_go_where_their_data_url_says() -> None:
    fields = article(
        "<div class='info'>发布时间：2020-10-04 20:30</div>",
        after="<div class='shortcut'>上一篇：<a href='javascript:void(0)' "
        "data-url='/article/18377'>拿破崙</a> 下一篇：<a href='#' data-href='https://news.example.cn/article/18368'>約瑟芬</a>"
        "</div>",
    )
    assert fields.prev_url == "http://news.example.cn/article/18377"
    assert fields.next_url == "https://news.example.cn/article/18368"


def test_a_byline_date_above_share_buttons_and_font_sizes_dates_the_text() -> None:
    columns = "".join(
        f"<li><a href='/{i}/'>{name}</a></li>"
        for i, name in enumerate(("首页", "国际", "中国", "商业", "科技", "文化", "风尚", "旅游"))
    )
    share = "".join(
        f"<li><a href='http://share.example.com/{n}'>{n}</a></li>"
        for n in ("sina", "tencent", "facebook", "sohu", "netease", "twitter", "fanfou", "renren")
    )
    fields = page(
        f"<h1>纽约时报中文网 国际纵览</h1><h2>国际</h2><ul>{columns}</ul>"
        "<a href='/zh/'>中文</a><a href='/en/'>英文</a>"
        f"<h3>{TITLE}</h3><span>ERIK ECKHOLM 报道 2012年08月02日</span>"
        "<p>Michael Stravato for The New York Times</p>"
        "<p>泰德·克鲁兹周二在休斯顿竞选，德克萨斯州投票者来到投票现场。</p>"
        f"<ul>{share}</ul><div>打印 转发 寄信给编辑 字号</div><p>小</p><p>中</p><p>大</p>"
        f"<div class='text'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=f"{TITLE} - 纽约时报中文网",
    )
    assert fields.published_at == "2012-08-02"
    assert fields.title == TITLE
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_time_printed_before_its_date_is_the_time() -> None:
    fields = article("<div class='info'>金融經濟 <span>19:05</span> <span>2020/02/28</span></div>")
    assert fields.published_at == "2020-02-28T19:05:00+08:00"


def test_the_text_ends_at_the_responsible_editors_line() -> None:
    fields = article(
        "<div class='info'>发布时间：2020-10-04 20:30</div>",
        after="<div class='content'><p>責任編輯：趙偉津</p><div>肺炎 新冠肺炎 香港股票 疫情</div>"
        "<div>緊貼財經時事新聞分析，讚好hket Facebook 專版，掌握最新資訊。</div></div>",
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_with_the_meta_line_below_the_text_the_breadcrumb_is_neither_text_nor_title() -> None:
    fields = page(
        f"<table><tr><td><ul>{NAV}</ul></td></tr><tr><td><table><tr><td>您现在的位置：首页 &gt;&gt;"
        f" 要闻 &gt;&gt; 正文</td></tr><tr><td><b>{TITLE}</b></td></tr>"
        f"<tr><td>{paragraphs(FIRST, SECOND, LAST)}</td></tr></table></td></tr>"
        "<tr><td>【发表评论】【打印本页】【关闭窗口】</td></tr>"
        "<tr><td><small>发布日期：2016年02月25日 文章来源：本站原创</small></td></tr>"
        "<tr><td>上一篇：没有了 下一篇：<a href='/n/2.html'>银发生辉 助力精准扶贫</a></td></tr>"
        f"</table>{FOOTER}"
    )
    assert fields.title == TITLE
    assert fields.section == "要闻"
    assert fields.published_at == "2016-02-25"
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_reprint_closing_on_its_original_link_keeps_it_without_a_chain() -> None:
    original = "<p>原文链接：<a href='/news/94.html'>点击查看原文</a></p>"
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<div class='info'>发布时间：2020-10-04 20:30</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}{original}</div></div>"
        f"{RELATED}{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}\n原文链接：点击查看原文"


def test_a_neighbouring_sites_labels_in_traditional_characters() -> None:
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='crumb'>當前位置：首頁 &gt; 關工要聞 &gt; 正文</div>"
        f"<div class='main'><h1>{TITLE}</h1>"
        "<div class='info'>發布時間：2020-10-04 20:30　來源：清水縣關工委　點擊數：12</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}<p>責任編輯：王五</p></div>"
        "<div class='pn'>上一篇：<a href='/a/1.html'>秋季助學金發放</a><br>下一篇：沒有了</div>"
        f"</div>{FOOTER}"
    )
    assert fields.title == TITLE
    assert fields.section == "關工要聞"
    assert fields.published_at == "2020-10-04T20:30:00+08:00"
    assert fields.source == "清水縣關工委"
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert fields.prev_url == "http://news.example.cn/a/1.html"
    assert fields.next_url is None


def test_an_end_br_splits_the_headline_from_its_subtitle_as_browsers_do() -> None:
    fields = page(
        f"<div class='main'><h1>{TITLE}</br>中国学者国际上率先揭示肝癌分子特征全景</h1>"
        "<div class='info'>发布时间：2019-10-11 10:00 来源：复旦大学</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}"
    )
    assert fields.title == TITLE


def test_a_credits_line_with_a_source_and_an_author_after_the_text_is_not_text() -> None:
    fields = article(
        "<div class='info'>2019-10-08 来源：徐汇文明网</div>",
        after="<p><font>选稿:蒋昕婕 来源:徐汇文明网 作者:徐汇女性、徐汇区长桥街道</font></p>",
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    closing = article(
        "<div class='info'>发布时间：2020-10-04 20:30</div>",
        after="<p>来源：央视新闻客户端</p>",
    )
    assert closing.body_text.endswith("来源：央视新闻客户端")


def test_a_related_list_closing_the_texts_own_box_is_not_text() -> None:
    long = (
        "活动中，“五老”志愿者结合亲身经历，向青少年讲述了老一辈革命家艰苦奋斗的事迹，引导大家"
        "听党话、跟党走。据统计，今年以来累计筹集助学资金106万元，资助贫困学生45名，开展读书"
        "征文、法治宣讲、科普进校园等活动32场次，受教育青少年达4100余人次，收到了良好的社会"
        "效果，得到了学生家长和社会各界的广泛好评。"
    )
    items = "".join(
        f"<li><a href='/n/{i}.html'>全市关心下一代工作推进会议第{i}次召开</a></li>"
        for i in range(1, 7)
    )
    for heading in ("<h4>相关新闻</h4>", ""):
        fields = page(
            f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
            f"<div class='text'>{paragraphs(FIRST, long, LAST)}{heading}<ul>{items}</ul></div>"
            f"</div>{FOOTER}"
        )
        assert fields.body_text == f"{FIRST}\n{long}\n{LAST}", heading
    chained = article(
        "<div class='info'>发布时间：2020-10-04 20:30</div>",
        after=f"<ul>{items}</ul><div>上一篇：<a href='/a/1.html'>秋季助学金发放</a></div>",
    )
    assert chained.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert chained.prev_url == "http://news.example.cn/a/1.html"


# --- round 7: Shanghai government, Party, union and university sites --------------------------


def test_a_title_the_tab_names_beside_a_list_of_keywords_is_the_title() -> None:
    fields = page(
        f"<div class='crumb'><a href='/'>东方网 &gt;&gt; 东方评论 &gt;&gt; 正文</a></div>"
        "<a href='javascript:void(0)'>我要投稿 新闻热线：021-60850333</a>"
        f"<div>{TITLE}</div><span>2019-10-13 10:03:10</span><span>来源:东方网 作者:王羡古</span>"
        f"<div class='text'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=f"{TITLE}-宣讲,五老,红色故事,育才小学,秦州区,关工委,-东方评论-东方网",
    )
    assert fields.title == TITLE
    assert fields.published_at == "2019-10-13T10:03:10+08:00"


def test_a_line_the_tab_names_outranks_a_column_heading_above_it() -> None:
    fields = page(
        f"<h3>焦点新闻</h3><p>{TITLE}</p><div>时间：2019-10-09</div><div>来源：医学宣传部</div>"
        f"<div class='text'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=f"复旦大学上海医学院-{TITLE}",
    )
    assert fields.title == TITLE
    assert fields.source == "医学宣传部"


def test_a_bracketed_counter_label_after_the_text_is_not_text() -> None:
    fields = article(
        "<div class='info'>发布时间：2020-10-04 20:30</div>",
        after="<div>【浏览次数】：人</div>",
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_date_only_the_pages_scripts_hold_dates_it_when_nothing_shown_does() -> None:
    data = '<script>window.DATA = {"media": "光明网", "pubtime": "2021-06-10 17:05:40"};</script>'
    fields = page(
        f"{data}<div class='main'><h1>{TITLE}</h1>"
        f"<div class='content-article'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}"
    )
    assert fields.published_at == "2021-06-10T17:05:40+08:00"
    linked = page(
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished":'
        ' "2020-02-28T19:05:00+08:00"}</script>'
        f"<h1>{TITLE}</h1><div>{paragraphs(FIRST, SECOND, LAST)}</div>"
    )
    assert linked.published_at == "2020-02-28T19:05:00+08:00"
    variable = page(  # WeChat's, whose page shows its date only once a script writes it
        '<script>var publish_time = "2018-08-28" || "";</script>'
        f"<h2>{TITLE}</h2><em id='publish_time'></em><div>{paragraphs(FIRST, SECOND, LAST)}</div>"
    )
    assert variable.published_at == "2018-08-28"
    posted = page(  # an older WeChat page holds only the Unix time it was posted
        '<script>var ct = "1569726442";</script>'
        f"<h2>{TITLE}</h2><em id='publish_time'></em><div>{paragraphs(FIRST, SECOND, LAST)}</div>"
    )
    assert posted.published_at == "2019-09-29"
    shown = article("<div class='info'>发布时间：2020-10-04 20:30</div>", before=data)
    assert shown.published_at == "2020-10-04T20:30:00+08:00"


# --- redesigns of the family as 天水's neighbours print them, found by re-serving the replica --

STATEMENT = (
    "<div class='statement'><p>版权与免责声明：</p><p>凡本网注明“来源：天水在线”的所有作品，"
    "版权均属于天水在线，未经本网授权不得转载、摘编或利用其它方式使用上述作品。</p></div>"
)
CHAIN = (
    "<div class='pn'><p>上一篇：<a href='87.html'>前一篇文章</a></p>"
    "<p>下一篇：<a href='89.html'>后一篇文章</a></p></div>"
)


def test_a_source_value_in_a_cell_of_its_own_is_not_the_texts_first_line() -> None:
    fields = page(
        f"<div class='main'><h1>{TITLE}</h1><table><tr><td>发布时间：</td>"
        "<td>2019-03-05 10:20</td><td>来源：</td><td>市关工办</td></tr></table>"
        f"<div class='content'>{paragraphs('清水县关工委', FIRST, LAST)}</div>{CHAIN}</div>"
    )
    assert (fields.published_at, fields.source) == ("2019-03-05T10:20:00+08:00", "市关工办")
    assert fields.body_text == f"清水县关工委\n{FIRST}\n{LAST}"


def test_a_statement_after_the_text_ends_it_and_its_quoted_source_is_no_source() -> None:
    content = f"<div class='content'>{paragraphs(FIRST, LAST, '(天水在线编辑:陶静)')}</div>"
    labelled = page(
        f"<div class='main'><h1>{TITLE}</h1><p>时间:2019-01-29 09:57:20 来源:市关工办</p>"
        f"{content}{STATEMENT}{CHAIN}</div>"
    )
    assert labelled.body_text == f"{FIRST}\n{LAST}"
    assert labelled.source == "市关工办"
    unsourced = page(f"<h1>{TITLE}</h1><p>时间:2019-01-29 09:57:20</p>{content}{STATEMENT}")
    assert unsourced.body_text == f"{FIRST}\n{LAST}"
    assert unsourced.source is None


def test_an_editors_line_before_other_articles_in_the_texts_box_is_not_text() -> None:
    recommended = "<div class='rec'><a href='/9.html'>世卫：中国境外单日新增1598例</a></div>"
    fields = page(
        f"<h1>{TITLE}</h1><p>2020-03-03 10:17:57 来源：环球网</p><div class='content'>"
        f"{paragraphs(FIRST, SECOND, LAST, '(天水在线编辑:陶静)', 'Tag:关工委')}{recommended}"
        f"</div>{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_disclaimer_in_the_box_around_the_text_does_not_widen_the_text() -> None:
    notice = (
        "<p>凡本网注明“来源：天水在线”的所有作品，版权均属于天水在线，未经本网授权不得转载、摘编或"
        "利用其它方式使用上述作品。本网转载的作品，不代表本网赞同其观点和对其真实性负责。</p>"
    )
    fields = page(
        f"<div class='main'><h1>{TITLE}</h1><div class='info'>发布时间：2019-09-12 10:30 "
        f"来源：市关工办</div><div class='content'>{paragraphs(FIRST, LAST)}</div>{notice}</div>"
    )
    assert fields.body_text == f"{FIRST}\n{LAST}"


def test_the_tab_titles_own_line_never_opens_the_text() -> None:
    fields = page(
        f"<div class='title'>{TITLE}</div><div class='content'>{paragraphs(FIRST, SECOND, LAST)}"
        "</div>",
        title=f"{TITLE}_腾讯新闻",
    )
    assert fields.title == TITLE
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_labels_spaced_out_to_line_up_are_labels() -> None:
    fields = page(
        f"<div class='main'><h1>{TITLE}</h1><p>时\u3000间：2019-01-29 09:57:20</p>"
        f"<p>来\u3000源：市关工办</p><p>作 者：张三</p>"
        f"<div class='content'>{paragraphs(FIRST, LAST)}</div>{CHAIN}</div>"
    )
    assert (fields.published_at, fields.source) == ("2019-01-29T09:57:20+08:00", "市关工办")
    assert fields.body_text == f"{FIRST}\n{LAST}"


def test_chain_labels_in_brackets_or_with_a_word_after_them() -> None:
    for prev, following in (("【上一篇】", "【下一篇】"), ("上一篇文章：", "下一篇文章：")):
        fields = article(
            "<p>时间：2020-10-04 来源：市关工办</p>",
            after=f"<p>{prev}<a href='87.html'>前一篇文章</a></p>"
            f"<p>{following}<a href='89.html'>后一篇文章</a></p>",
        )
        assert fields.prev_url == "http://news.example.cn/2020/1004/87.html", prev
        assert fields.next_url == "http://news.example.cn/2020/1004/89.html", prev
        assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_headline_under_the_meta_line_is_the_title_not_text() -> None:
    summary = "<p class='summary'>内容摘要：10月4日，市关工委组织…</p>"
    fields = page(
        "<div class='place'>当前位置：首页 > 关工要闻 > 正文</div>"
        "<div class='info'>发布时间：2020-10-04 20:30 来源：市关工办</div>"
        f"<div class='title'>{TITLE}</div>{summary}"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>{CHAIN}"
    )
    assert fields.title == TITLE
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_the_templates_copy_of_the_headline_is_not_text_the_authors_own_is() -> None:
    headline = "抓好基层组织建设 充分发挥关工作用"
    for meta in (
        "<div>时间:2019-01-29 09:57:20 来源:市关工办</div>",
        "<div>(2019/1/29 9:57:20)</div>",
    ):
        copied = page(
            f"<h1>{headline}</h1>{meta}"
            f"<div class='content'>{paragraphs(headline, FIRST, LAST)}</div>{CHAIN}"
        )
        assert copied.body_text == f"{FIRST}\n{LAST}", meta
        typed = page(  # the seed page: the author's title, two spaces inside, and unit
            f"<h1>{headline}</h1>{meta}<div class='content'>"
            f"{paragraphs(headline.replace(' ', '  '), '清水县关工委', FIRST, LAST)}</div>{CHAIN}"
        )
        assert typed.body_text == f"{headline}\n清水县关工委\n{FIRST}\n{LAST}", meta


def test_the_sites_note_that_it_took_the_article_is_not_the_source() -> None:
    fields = article("<div class='info'>时间：2009-11-01 来源：新浪科技 酷勤网收集</div>")
    assert fields.source == "新浪科技"
    alone = article("<div class='info'>时间：2009-11-01 来源：本站整理</div>")
    assert alone.source == "本站整理"


def test_an_events_time_and_place_do_not_date_the_notice_its_signature_does() -> None:
    fields = page(
        f"<div class='main'><h1>{TITLE}</h1><div class='info'><p>时间：2024-11-15 14:00</p>"
        f"<p>地点：八里台校区风雨操场</p><p>浏览量：4793</p></div><div class='content'>"
        f"{paragraphs(FIRST, SECOND, LAST, '南开大学学生就业指导中心', '2024年10月28日')}"
        "</div></div>"
    )
    assert fields.published_at == "2024-10-28"
    assert "published_at: none shown; the date the text is signed with" in fields.warnings
    official = page(  # an official document's signature, in Chinese numerals
        f"<div class='main'><h1>{TITLE}</h1><div class='content'>"
        f"{paragraphs(FIRST, SECOND, LAST, '天水市关心下一代工作委员会', '二〇二四年十月二十八日')}"
        "</div></div>"
    )
    assert official.published_at == "2024-10-28"
    assert official.body_text.endswith("天水市关心下一代工作委员会\n二〇二四年十月二十八日")
    unsigned = page(
        f"<h1>{TITLE}</h1><p>时间：2024年11月15日（星期五）14:00-17:00</p><p>地点：会议室</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>"
    )
    assert unsigned.published_at is None


def test_a_notice_with_its_date_beside_the_headline_and_its_event_in_numbered_items() -> None:
    """上海交通大学's 通知公告: the headline with its date in brackets on its line, no label,
    then the notice, whose items 一、时间：… 二、地点：… are its event's, not its date."""
    fields = page(
        "<div class='nav'><h2>通知公告</h2></div><div class='main'>"
        f"<h2>{TITLE} ( 2020年09月29日 )</h2><div class='content'>"
        + paragraphs(
            "全校师生：",
            FIRST,
            "一、时间：2020年10月1日上午8时整",
            "二、地点：闵行校区菁菁堂广场",
            LAST,
            "天水市关心下一代工作委员会",
            "2020年9月28日",
        )
        + "</div></div>",
        title=f"天水关工网_{TITLE}_",
    )
    assert (fields.title, fields.published_at) == (TITLE, "2020-09-29")
    assert fields.body_text.startswith(f"全校师生：\n{FIRST}\n一、时间：")
    assert fields.body_text.endswith("天水市关心下一代工作委员会\n2020年9月28日")


def test_a_labelled_date_in_brackets() -> None:
    """南京大学新闻网: 发布时间：[2017-05-10] 作者：[团委], under a visit counter and a date
    the header shows for the day the page was read."""
    fields = page(
        f"<div class='top'>2017年5月13日</div><ul class='nav'>{NAV}</ul>"
        f"<div class='main'><p>[本篇访问： 1115]</p><h3>{TITLE}</h3>"
        "<p>发布时间：[2017-05-10] 作者：[团委] 字体大小：[ 小 中 大 ]</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}"
    )
    assert (fields.title, fields.published_at) == (TITLE, "2017-05-10")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_headline_broken_in_two_and_its_subtitle_above_the_text() -> None:
    """A school's site: the date, then <h1>旭日东升未来可期<br>吐故纳新梦想起航</h1>, which the
    ``<title>`` shows parted by a comma, then an <h4> subtitle: the title is both lines, and
    the text starts below the subtitle."""
    upper, lower = "旭日东升未来可期", "吐故纳新梦想起航"
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='post'><p class='date'>September 13, 2021</p>"
        f"<h1>{upper}<br>{lower}</h1><h4>第3周升旗仪式</h4>"
        f"{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=f"{upper}，{lower}--第3周升旗仪式_天水关工网",
    )
    assert (fields.title, fields.published_at) == (f"{upper} {lower}", "2021-09-13")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_an_institutes_template_dates_with_two_digits_and_closes_on_its_sources_address() -> None:
    """中国科学院's institutes' template: | 20-10-28 | 【大 中 小】【打印】【关闭】 under the
    headline, and a 新闻来源：http://… line linking where the news came from, which closes the
    text as a 原文链接 line does."""
    address = "http://www.pmo.cas.cn/hzjl/hzdt/201908/t20190814_5359604.html"
    fields = page(
        f"<ul class='nav'>{NAV}</ul><p>现在位置：首页 > 新闻动态 > 新闻</p><h3>{TITLE}</h3>"
        "<p>| 20-10-28 | 【大 中 小】【打印】【关闭】</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}"
        f"<p>新闻来源：<a href='{address}'>{address}</a></p></div>{FOOTER}"
    )
    assert fields.published_at == "2020-10-28"
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}\n新闻来源：{address}"


def test_a_cms_statement_that_the_article_is_not_the_sites_view_closes_no_text() -> None:
    """A portal's template line under every article: 本文由…发布，不代表…立场，转载联系作者并
    注明出处：… (no sentence of the text, though no disclaimer word opens it)."""
    statement = (
        "本文由天水关工网发布，不代表天水关工网立场，转载联系作者并注明出处："
        "http://news.example.cn/2020/1004/88.html"
    )
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<p>作者： • 更新时间：2024-02-02 22:33:41 •</p><div class='content'>"
        f"{paragraphs(FIRST, SECOND, LAST, statement)}</div><p>0</p></div>{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_the_neighbours_headlines_between_arrows_are_the_chain() -> None:
    """Solidot, as Slashdot, prints no 上一篇/下一篇: « 上一篇的标题 | 下一篇的标题 » under the
    text. A bar with one arrow (a 更多 » link) is no chain."""
    bar = (
        "<div class='prev-next'>« <a href='/87.html'>关工委召开年度工作会议</a> | "
        "<a href='/89.html'>市关工委走访慰问老同志</a> »</div>"
    )
    fields = article("<p>发布时间：2020-10-04 20:30</p>", after=bar)
    assert (fields.prev_url, fields.next_url) == (
        "http://news.example.cn/87.html",
        "http://news.example.cn/89.html",
    )
    more = "<p><a href='/list/'>更多关工动态</a> »</p>"
    fields = article("<p>发布时间：2020-10-04 20:30</p>", after=more)
    assert (fields.prev_url, fields.next_url) == (None, None)


def test_a_headline_spaced_where_han_and_latin_meet_is_no_list_of_keywords() -> None:
    """从 screen 切换到 tmux in the ``<title>`` is the headline, spaced as Chinese is around
    Latin words, not the site's name in the logo's <h1>; 国保 工业遗产 良渚 国家文物局 (Han
    words side by side) is a keyword list."""
    headline = "从 screen 切换到 tmux"
    fields = page(
        f"<h1>天水关工网</h1><ul class='nav'>{NAV}</ul>"
        f"<div class='post'><div class='title'>{headline}</div><p>2011-04-15 Toy Posted in Tips</p>"
        f"{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=f"{headline} — 天水关工网",
    )
    assert fields.title == headline


def test_a_text_hidden_under_a_loader_until_a_script_from_elsewhere_shows_it() -> None:
    """央视网 serves its text in a box with display:none under a 正在加载 loader; a script it
    loads from elsewhere shows it. A page does not hide most of what it says: the box is the
    text (a short hidden copy, such as a share box's, stays hidden)."""
    more = (FIRST.replace("10月4日", "此前"), SECOND.replace("宣讲团", "讲师团"), LAST[:-1] + "！")
    fields = page(
        f"<div class='title_area'><h1>{TITLE}</h1><div class='info'><span class='source'>"
        "<a href='/'>天水关工网</a></span><span>2021年09月28日 22:20</span></div></div>"
        "<div class='more'><span>正在加载</span></div>"
        "<div style='display:none'><p>分享一篇好文章</p></div>"
        "<div class='text_area' id='text_area' style='display:none;'>"
        f"{paragraphs(FIRST, SECOND, LAST, *more)}</div>"
        "<div class='share'>扫二维码 访问天水关工网</div>"
    )
    assert fields.body_text == "\n".join((FIRST, SECOND, LAST, *more))
    assert fields.published_at == "2021-09-28T22:20:00+08:00"


def test_a_summary_under_its_label_alone_and_editors_credited_with_bars() -> None:
    """中国日报网: 导读 on a line of its own over the summary, then the text; under it
    责编 | 布英娜 and 编辑 | 张钊, editors credited with a bar for a colon."""
    lead = "美国近期从阿富汗仓促撤军，再次证明了“国霸必衰”的历史规律。"
    fields = article(
        "<p>作者：苏丁德拉 来源：天水关工网</p><p>2021-09-28 18:53</p>"
        f"<div class='daodu'><h4>导读</h4><p>{lead}</p></div>",
        after="<p>责编 | 布英娜</p><p>编辑 | 张钊 郑博临（实习）</p>",
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    edited = article("<p>时间：2021-09-28</p>", after="<p>编辑 | 张钊 郑博临（实习）</p>")
    assert edited.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_taiwanese_read_count_over_the_dates_and_a_credit_for_the_figures() -> None:
    """台灣基督長老教會總會's notices: 點閱次數：2892 and the chain over 發布日期 and 更新日期,
    the headline under them, and 資料提供單位：… after the text: neither line is the title or
    the text."""
    fields = page(
        f"<ul class='nav'>{NAV}</ul><p>首頁 > 最新消息 > 總會消息</p><p>點閱次數：2892</p>"
        "<p><a href='/87.html'>上一則</a> | <a href='/89.html'>下一則</a></p>"
        "<p>發布日期：2020/4/15</p><p>更新日期：2020/5/28</p>"
        f"<div class='content'><h3>{TITLE}</h3>{paragraphs(FIRST, SECOND, LAST)}"
        "<p>資料提供單位： 教會與社會委員會</p></div>"
    )
    assert (fields.title, fields.published_at) == (TITLE, "2020-04-15")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_blog_themes_english_heading_over_related_posts_ends_the_text() -> None:
    """LinuxTOY's WordPress theme: Read More: over a related post and its excerpt."""
    post = (
        "<p><a href='/p1.html'>窗口管理器 Openbox 入门指南</a></p>"
        "<p>Openbox 是一款轻量级的窗口管理器，本文介绍它的安装、配置和常用的快捷键设置方法。</p>"
    )
    fields = article("<p>2011-04-15 Toy Posted in Tips</p>", after=f"<h3>Read More:</h3>{post}")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_readers_comments_under_the_text_with_no_heading_are_not_text() -> None:
    said = ("写得很好，值得学习借鉴。", "向五老志愿者致敬！", "我们学校也要开展这样的活动。")
    comments = readers_comments(said)
    fields = page(
        f"<div class='main'><h1>{TITLE}</h1><p>时间：2021-03-01 来源：市关工办</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST, '市关工办', '2021年3月1日')}</div>"
        f"<div class='comments'>{comments}</div></div>{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}\n市关工办\n2021年3月1日"


def test_comments_with_no_heading_inside_the_texts_box_neither_extend_nor_date_it() -> None:
    """With no labels, density places the text: comments in its box (name, comment, time) and
    the teasers under them (sentences, each cut with ...) weigh nothing for it, and a
    comment's time is never the article's date."""
    comments = readers_comments()
    teasers = "".join(
        f"<li><a href='/{i}.html'>相关报道第{i}篇</a><p>{text[:20]}，{text[8:30]}...</p></li>"
        for i, text in enumerate((FIRST, SECOND, LAST, FIRST), 1)
    )
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<p>发自：天水 2020-10-04 20:30:15 南方周末</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}{comments}</div>"
        f"<ul class='more'>{teasers}</ul></div>{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert fields.published_at == "2020-10-04T20:30:15+08:00"
    signed = page(
        f"<div class='main'><h1>{TITLE}</h1><div class='content'>"
        f"{paragraphs(FIRST, SECOND, LAST, '联系人：王老师', '市关工办', '2020年10月4日')}</div>"
        f"<div class='comments'>{comments}</div>{RELATED}</div>{FOOTER}"
    )
    assert signed.body_text.endswith(f"{LAST}\n联系人：王老师\n市关工办\n2020年10月4日")
    assert signed.published_at == "2020-10-04"


def test_a_notices_attachments_linked_by_name_and_its_reference_link_close_its_text() -> None:
    """Where density places the text, a line linking a file of the notice (附件1：…通知, its
    address a .pdf) is the notice's, as one naming the file is, and so is a line that labels
    the link the text refers to (链接：http://…); a link to another article is not."""
    files = "".join(
        f"<p><a href='/upload/2021/{i}.{kind}'>附件{i}：第七届大学生创新创业大赛{name}</a></p>"
        for i, (kind, name) in enumerate((("pdf", "的通知"), ("docx", "报名表")), 1)
    )
    notice = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<p>2021-04-27 15:12:02 教务处</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST, '教务处', '2021年4月27日')}"
        f"{files}</div></div>{RELATED}{FOOTER}"
    )
    assert notice.body_text.endswith(
        "2021年4月27日\n附件1：第七届大学生创新创业大赛的通知\n附件2：第七届大学生创新创业大赛报名表"
    )
    assert [a["name"] for a in notice.attachments] == [
        "附件1：第七届大学生创新创业大赛的通知",
        "附件2：第七届大学生创新创业大赛报名表",
    ]
    address = "http://std.samr.gov.cn/gb/8BA1.html"
    referred = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<p>2020-06-16 09:41:07</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}"
        f"<p>链接：<a href='{address}'>{address}</a></p></div></div>{RELATED}{FOOTER}"
    )
    assert referred.body_text == f"{FIRST}\n{SECOND}\n{LAST}\n链接：{address}"
    # A long address outweighs a paragraph: the text's box, a related list closing it, is
    # found from its heaviest paragraph up to where its lines weigh most, and the line after.
    address = "http://std.samr.gov.cn/gb/search/gbDetailedCNF?id=5DDA8BA1FFE918DEE05397BE0A0A95A7"
    boxed = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<p>2020-06-16 09:41:07</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}"
        f"<p>链接：<a href='{address}'>{address}</a></p>{RELATED}</div></div>{FOOTER}"
    )
    assert boxed.body_text == f"{FIRST}\n{SECOND}\n{LAST}\n链接：{address}"


def test_a_notices_opening_that_names_its_headline_is_no_pull_quote() -> None:
    """A first paragraph whose opening a later line says again is a pull quote only where the
    text says it again: the notice's headline listed as a link below it is not the text."""
    opening = "天水市关心下一代工作委员会2025年五老宣讲团成员选聘办法"
    first = f"{opening}经研究实行公开选聘，现将有关事项公布如下："
    listed = "".join(
        f"<li><a href='/tz/{i}.html'>{name}</a></li>"
        for i, name in enumerate((opening, "关于开展暑期关爱留守儿童活动的通知", "第二期通讯"))
    )
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{opening}</h1>"
        "<p>2024.11.30</p>"
        f"<div class='content'>{paragraphs(first, '一、组织管理', SECOND, LAST)}</div></div>"
        f"<ul class='list'>{listed}</ul>{FOOTER}"
    )
    assert fields.body_text.startswith(first)


def test_a_heading_ending_in_a_colon_introduces_a_box_it_is_no_headline() -> None:
    """A note box's heading over the text (注释：, as 国家税务总局 prints a repealed policy's
    status) is no headline, even where the headline line carries the document's number,
    which is not the headline's: the <title> shows it without."""
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><div class='title'>{TITLE} 天关工〔2013〕81号"
        "</div><div class='tool'>打印本页</div><div class='content'><h3>注释：</h3>"
        "<p>全文废止。参见：《关于开展主题宣讲活动的通知》（天关工〔2016〕10号）。</p>"
        f"{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}",
        title=TITLE,
    )
    assert fields.title == TITLE
    assert fields.body_text.endswith(f"{FIRST}\n{SECOND}\n{LAST}")


def test_an_attachment_table_the_text_closes_with_is_the_texts() -> None:
    """A notice whose attachment is printed inline after its signature (附件, its title, a
    table of rows, the file's link) keeps it, where density placed the text; a table of
    other articles after it is no attachment."""
    rows = "".join(
        f"<tr><td>{i}</td><td>秦州区第{i}中学</td><td>{i + 2}</td></tr>" for i in range(1, 5)
    )
    attachment = (
        "<p>附件</p><p>2023年市区关爱留守儿童活动安排表</p>"
        f"<p><table><tr><td>序号</td><td>学校</td><td>人数</td></tr>{rows}"
        "<tr><td>合计</td><td></td><td>18</td></tr></table></p>"
        "<p><a href='/module/download/downfile.jsp?filename=be5f.pdf'>活动安排表.pdf</a></p>"
    )
    signed = paragraphs(FIRST, SECOND, LAST, "天水市关心下一代工作委员会", "2023年10月16日")
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<p>发布日期：2023-10-23 来源：市关工办</p>"
        f"<div class='content'><div class='text'>{signed}</div>{attachment}</div></div>"
        f"{RELATED}{FOOTER}"
    )
    assert fields.body_text.endswith(
        "2023年10月16日\n附件\n2023年市区关爱留守儿童活动安排表\n序号\n学校\n人数\n1\n秦州区第1中学"
        "\n3\n2\n秦州区第2中学\n4\n3\n秦州区第3中学\n5\n4\n秦州区第4中学\n6\n合计\n18\n活动安排表.pdf"
    )
    others = "".join(
        f"<tr><td><a href='/{i}.html'>相关新闻标题第{i}条内容</a></td><td>2023-10-1{i}</td></tr>"
        for i in range(4)
    )
    listed = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<p>发布日期：2023-10-23 来源：市关工办</p>"
        f"<div class='content'><div class='text'>{signed}</div><table>{others}</table></div>"
        f"</div>{FOOTER}"
    )
    assert listed.body_text.endswith(f"{LAST}\n天水市关心下一代工作委员会\n2023年10月16日")


def test_a_copyright_line_ends_the_text_whatever_contact_lines_follow_it() -> None:
    """A DedeCMS page whose text and footer share one box: the 版权所有 line, then a phone
    number and an address (their colons read as prose), are the site's, not the notice's;
    a notice's own 主办： line is its text."""
    footer = (
        "<p>宁夏西邮文化艺术品交易中心有限公司 版权所有</p>"
        "<p>客服电话：4000-738-817 邮箱：ybk@81xiyou.com</p>"
        "<p>地址：宁夏自治区银川市开发区新昌西路110号金钻名座财富中心22楼</p>"
    )
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        f"<p>发布时间：2016-07-14 12:12 来源：未知</p>"
        f"<div class='box'>{paragraphs(FIRST, SECOND, LAST, '特此公告！')}{footer}</div></div>"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}\n特此公告！"
    event = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        f"<p>发布时间：2016-07-14 12:12 来源：市关工办</p><div class='box'>"
        f"{paragraphs(FIRST, '主办：天水市关心下一代工作委员会', SECOND, LAST)}</div></div>{FOOTER}"
    )
    assert event.body_text == f"{FIRST}\n主办：天水市关心下一代工作委员会\n{SECOND}\n{LAST}"


def test_a_footer_naming_its_sponsor_closes_the_text_it_shares_a_box_with() -> None:
    """河北's procurement portal: the site's 主办单位: … | Email: … | 地址: … line, then its
    技术支持 line, in the box that holds the notice; the notice's last line is its text's end."""
    footer = (
        "<p>主办单位:甘肃省财政厅 | Email:gszfcg@example.cn | 地址:兰州市南滨河东路 | "
        "邮编:730030</p><p>技术支持:甘肃省财政厅信息中心 | 技术支持电话：（0931）8888888</p>"
    )
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        f"<p>发布时间：2021-07-14 12:12 来源：市关工办</p>"
        f"<div class='box'>{paragraphs(FIRST, SECOND, LAST, '十、附件', '采购需求书')}"
        f"{footer}</div></div>"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}\n十、附件\n采购需求书"


def test_a_wechat_articles_date_and_account_and_its_call_to_share() -> None:
    """A WeChat article as served (mp.weixin.qq.com): the headline, then the date, the
    author and the account's name (华商报), all in the one box density takes; the account is
    the source, and 欢迎分享到朋友圈~ after the text is no line of it."""
    fields = page(
        "<div class='rich_media'><h2 class='rich_media_title'>4月6日周五【新闻速览一分钟】</h2>"
        "<div class='rich_media_meta_list'><em id='post-date'>2018-04-06</em> "
        "<em>华商君</em> <a id='js_name'>华商报</a></div>"
        f"<div class='rich_media_content'>{paragraphs(FIRST, SECOND, LAST)}"
        "<p>欢迎分享到朋友圈~</p></div></div>",
        title="4月6日周五【新闻速览一分钟】",
    )
    assert (fields.published_at, fields.source) == ("2018-04-06", "华商报")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_readers_group_a_count_of_savers_and_the_editors_picks_close_no_text() -> None:
    """Tech portals (雷锋网, 51CTO): a call to follow an account, however long its line, and
    one to join the readers' group (…主群（群号：…）), a
    count of readers who saved the page (11人收藏) and an 【编辑推荐】 box after the text."""
    picks = "".join(
        f"<li><a href='/art/{i}.htm'>相关新闻标题第{i}条内容</a></li>" for i in range(2)
    )
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<p>2015-12-04 10:20 雷锋网</p><div class='content'>"
        f"{paragraphs(FIRST, SECOND, LAST)}"
        "<p>关注“硬创邦”（微信号：leiphone_bang），可实时跟进最新活动消息！而且，雷锋网"
        "将在未来三个月内选一个合适的时间，在北上深选择一个地点，举办创客马拉松专场！</p>"
        "<p>此外还可加入全球创客马拉松主群（群号：259592983），参与我们的互动讨论~</p>"
        "<p>11人收藏</p><p>【编辑推荐】</p>"
        f"<ul>{picks}</ul></div></div>{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_share_bar_naming_its_services_is_a_toolbar() -> None:
    bar = "<div class='share'>分享到东方微博新浪微博腾讯微博微信</div>"
    fields = page(
        f"<h1>{TITLE}</h1><p>2019-10-13 09:28:03 来源：上观新闻</p>{bar}"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>{bar}{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert fields.source == "上观新闻"


def test_an_article_split_over_pages_says_where_it_goes_on() -> None:
    pager = (
        "<div id='pages'><a href='#'>上一页</a> <span>1</span> <a href='88_2.html'>2</a>"
        " <a href='88_2.html'>下一页</a></div>"
    )
    fields = article("<p>时间：2020-10-04 来源：市关工办</p>", after=pager)
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert fields.continued_at == "http://news.example.cn/2020/1004/88_2.html"
    assert (
        "body: the article goes on at http://news.example.cn/2020/1004/88_2.html (下一页),"
        " whose text is not in this body"
    ) in fields.warnings
    single = article(
        "<p>时间：2020-10-04 来源：市关工办</p>",
        after="<div id='pages'><a>上一页</a> <span>1</span> <a>下一页</a></div>",
    )
    assert not any("goes on" in warning for warning in single.warnings)


def test_a_headline_broken_in_two_is_the_whole_title_a_subtitle_is_not() -> None:
    headline = "抓好基层组织建设 充分发挥关工作用"
    meta = "<p>时间:2019-01-29 09:57:20 来源:市关工办</p>"
    broken = page(
        f"<h1>抓好基层组织建设<br>充分发挥关工作用</h1>{meta}"
        f"<div class='content'>{paragraphs(headline.replace(' ', '  '), FIRST, LAST)}</div>{CHAIN}",
        title=f"{headline}_调研与思考_天水关工网",
    )
    assert broken.title == headline
    assert broken.body_text == f"{headline}\n{FIRST}\n{LAST}"  # the author's own copy
    subtitled = page(
        f"<h1>抓好基层组织建设<br>——清水县关工委调研报告</h1>{meta}"
        f"<div class='content'>{paragraphs(FIRST, LAST)}</div>{CHAIN}",
        title="抓好基层组织建设_调研与思考_天水关工网",
    )
    assert subtitled.title == "抓好基层组织建设"
    tooled = page(
        "<h1>抓好基层组织建设<br>充分发挥关工作用<span>分享到：<a href='javascript:;'>微信</a>"
        " <a href='javascript:;'>微博</a> <a href='javascript:window.print()'>打印</a></span>"
        f"</h1>{meta}<div class='content'>{paragraphs(FIRST, LAST)}</div>{CHAIN}",
        title=f"{headline}_调研与思考_天水关工网",
    )
    assert tooled.title == headline  # a toolbar closing the second half is no part of it


def test_an_article_a_script_shows_is_read_once_though_both_copies_are_hidden() -> None:
    """A desktop and a mobile copy, both display:none until a script shows one by its id (the
    CONAC page): the text is the reader's, once; a hidden box no script shows stays out."""
    meta = "<p>时间：2015-09-07 16:42:30 来源：本站原创</p>"
    copy = f"<h1>{TITLE}</h1>{meta}<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>"
    script = (
        "<script>if(/Mobile/.test(navigator.userAgent)){"
        'document.getElementById("show_mb").style.display = "block";}else{'
        'document.getElementById("show_pc").style.display = "block";}</script>'
    )
    hidden_box = (
        "<div id='share' style='display:none'>分享给朋友：关工委开展主题宣讲活动，欢迎转发。</div>"
    )
    fields = page(
        f"<div id='show_pc' style='display: none;'>{copy}</div>"
        f"<div id='show_mb' style='display: none;'>{copy}</div>{hidden_box}{script}{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert (fields.title, fields.source) == (TITLE, "本站原创")
    assert fields.published_at == "2015-09-07T16:42:30+08:00"
    shown_by_jquery = page(
        f"<div id='main' style='display:none'>{copy}</div>{FOOTER}"
        "<script>$(function(){ $('#main').show(); });</script>"
    )
    assert shown_by_jquery.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_slideshow_list_a_script_hides_as_the_page_loads_is_not_text() -> None:
    """A photo gallery's list of file names and image addresses inside the text's box, hidden
    by the page's script by id as the page loads ($('slideshow').style.display='none', then a
    slideshow built from it; a Minhang school platform): a reader sees the photos, never the
    list. An id a script both hides and shows (a tab) is left as served."""
    gallery = (
        "<ul id='slideshow'>"
        + "".join(
            f"<li><h3>微信图片_2021080516{i:04d}</h3>"
            f"<span>https://img.example.cn/upload/2021/0806{i:04d}.jpg</span>"
            f"<a href='#'><img src='/upload/2021/0806{i:04d}.jpg'></a></li>"
            for i in range(4)
        )
        + "</ul>"
    )
    script = (
        "<script>$('slideshow').style.display='none';"
        "var slideshow=new TINY.slideshow('slideshow');</script>"
    )
    meta = "<p>发布日期：2021-08-06 来源：莘光学校</p>"
    fields = page(
        f"<h1>{TITLE}</h1>{meta}<div class='rong'>{gallery}{script}"
        f"{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    hidden_by_jquery = page(
        f"<h1>{TITLE}</h1>{meta}<div class='rong'><p id='note'>（图片加载中，请稍候）</p>"
        f"{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}"
        "<script>$(function(){ $('#note').hide(); });</script>"
    )
    assert hidden_by_jquery.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    tab = (
        "<script>function tab(n){document.getElementById('more').style.display='none';"
        "if(n){document.getElementById('more').style.display='block';}}</script>"
    )
    toggled = page(
        f"<h1>{TITLE}</h1>{meta}<div class='rong'>{paragraphs(FIRST, SECOND)}"
        f"<p id='more'>{LAST}</p></div>{tab}{FOOTER}"
    )
    assert toggled.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_print_link_worded_for_a_manuscript_opens_no_text() -> None:
    meta = (
        "<div class='laiyuan'><span>2022年09月22日 09:05</span>&nbsp;&nbsp;"
        "<span>来源：中国经济网</span></div><div class='xian'></div>"
    )
    fields = page(
        f"<div class='neirong'><h1>{TITLE}</h1>{meta}<div class='fabiao'><div>"
        f"[<a href='javascript:doPrint();'>打印本稿</a>]</div></div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_chain_links_run_together_with_no_space_are_both_read() -> None:
    """上一篇 and 下一篇 as two links with their targets only in title attributes, minified
    into one run of text (上一篇下一篇), as the 荔枝网 template is once whitespace goes."""
    chain = (
        "<div class='review'><a class='prev' href='/a/1.shtml' title='前一篇的标题'>上一篇</a>"
        "<a class='next' href='/a/2.shtml' title='后一篇的标题'>下一篇</a></div>"
    )
    fields = article("<p>2020年10月04日 18:59:33 | 来源：市关工办</p>", after=chain)
    assert (fields.prev_url, fields.next_url) == (
        "http://news.example.cn/a/1.shtml",
        "http://news.example.cn/a/2.shtml",
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_font_size_toolbar_an_app_promotion_and_share_services_are_no_text() -> None:
    """荔枝网's template: 字号变大|字号变小 above the text, its app's promotion and the share
    services (微信好友 among them) below it, then readers' comments with no heading."""
    comments = "".join(
        f"<div><span>网友{i}：</span><p>写得很好，向老同志们致敬，值得学习。</p>"
        f"<span>2021-03-0{i} 10:0{i}</span></div>"
        for i in range(1, 5)
    )
    fields = page(
        f"<div class='article'><h3>{TITLE}</h3><p class='info'>2020年11月30日 18:59:33 | "
        "来源：环球时报</p><div class='tools'><a>字号变大</a>| <a>字号变小</a></div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>"
        f"<div class='app'>{comments}<p>下载荔枝新闻APP客户端，随时随地看新闻！</p>"
        "<ul><li>新浪微博</li><li>微信朋友圈</li><li>微信好友</li><li>QQ空间</li></ul></div>"
        f"</div>{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_mobile_meta_line_an_empty_original_title_and_a_loader_open_no_text() -> None:
    """央视网's template under its labelled meta line: the mobile layout's own (央视网 | date),
    an 原标题： heading left empty, and a 正在加载 box, all above the text (here with a share
    bar inside the headline, which places the text by the labelled line)."""
    fields = page(
        f"<div class='title_area'><h1>{TITLE}<span>分享到：微信 微博 QQ空间 打印</span></h1>"
        "<div class='info'>来源：央视网 | 2022年09月21日 17:55:07</div>"
        "<div class='info1'>央视网 | 2022年09月21日 17:55:07</div><h6>原标题：</h6></div>"
        "<div class='more'><span>正在加载</span></div>"
        f"<div class='content_area'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert (fields.source, fields.published_at) == ("央视网", "2022-09-21T17:55:07+08:00")


def test_a_source_the_template_prints_in_square_brackets_after_the_text_is_not_text() -> None:
    """红网's template closes the text with [稿源：红网] and [编辑：杨洁]: its furniture, where a
    （来源：新华社） line the editor typed in round brackets stays the text's own."""
    fields = article(
        "<p>2012-01-12 09:31 来源：红网</p>",
        after="<p>[稿源：红网]</p><p>[编辑：杨洁]</p>",
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    typed = page(
        f"<h1>{TITLE}</h1><p>2012-01-12 09:31</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST, '（来源：新华社）')}</div>{FOOTER}"
    )
    assert typed.body_text == f"{FIRST}\n{SECOND}\n{LAST}\n（来源：新华社）"


def test_a_toolbar_offering_to_mail_the_article_opens_no_text() -> None:
    fields = article(
        "<p>2012-01-17 20:05:11 来源: 京华时报 暂无网友评论</p>"
        "<p>浏览字号：<a>大</a> <a>中</a> <a>小</a> | <a>打印本页</a> | "
        "<a>通过Email推荐给好友</a>：</p>"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_the_texts_copy_of_a_tagged_headline_split_in_two_is_not_text() -> None:
    """解放牛网: the headline shows a tag (【记者即时播报】) the text's copy of it leaves out, and
    the copy is split over two lines (主题, 副题); a 本文栏目：… 作者：… line closes the text."""
    fields = page(
        f"<h1>【记者即时播报】{TITLE} 五老宣讲走进校园</h1>"
        "<p>发布者：李宝花 时间：2012-01-12 15:34:35 来源：解放牛网</p>"
        f"<div class='content'><p><strong>{TITLE}</strong></p><p>五老宣讲走进校园</p>"
        f"{paragraphs(FIRST, SECOND, LAST)}<p>本文栏目：消费 作者：李宝花</p></div>{FOOTER}"
    )
    assert fields.title == f"【记者即时播报】{TITLE} 五老宣讲走进校园"
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_source_in_brackets_or_before_a_comment_link_and_a_thanks_line() -> None:
    """来源：( 华声在线 ) is 华声在线; 来源：搜狐娱乐 我来说两句 is 搜狐娱乐; the site's thanks for
    the visit under the text (感谢您访问京华网(www.jinghua.cn)) is not text."""
    bracketed = article(
        "<p>2012-01-17 08:30 来源：( 华声在线 )</p>",
        after="<p>感谢您访问京华网(www.jinghua.cn)</p>",
    )
    assert bracketed.source == "华声在线"
    assert bracketed.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    comment_link = article("<p>2012-01-11 09:12 来源：搜狐娱乐 <a href='#c'>我来说两句</a></p>")
    assert comment_link.source == "搜狐娱乐"


def test_a_medium_named_beside_the_date_with_no_label_is_the_source() -> None:
    """Portals print the medium with no 来源 label: beside the date (2012-01-17 中國時報
    邱俐穎／台北報導, 東森新聞╱東森新聞 2012-01-17 16:04), or alone below a line of the time."""
    beside = article("<p>2012-01-17 中國時報 邱俐穎／台北報導</p>")
    assert beside.source == "中國時報"
    assert beside.published_at == "2012-01-17"
    assert "source: no 来源 label; the medium named beside the date" in beside.warnings
    assert beside.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    before = article("<p>東森新聞╱東森新聞 2012-01-17 16:04</p>")
    assert before.source == "東森新聞"
    below = article("<div class='info'><p>2012-01-17 01:19</p><p>中國時報</p></div>")
    assert below.source == "中國時報"
    assert below.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    agency = article("<p>2011年01月01日 23:11中新网【大 中 小】 【打印】</p>")
    assert agency.source == "中新网"
    minified = article(
        "<p><span>2025年04月23日 05:38</span><a href='/'>新浪网</a>作者 <a>国际在线</a></p>"
    )
    assert minified.source == "新浪网"
    paired = article(
        "<div class='fun_left'>2009-07-20 08:43:57 <a href='/'>大洋网-信息时报</a> | "
        "<a href='#c'>发表评论(0)</a> | 正文背景色：</div>"
    )
    assert paired.source == "大洋网-信息时报"


def test_a_magazine_or_a_site_named_beside_the_date_is_the_source() -> None:
    """A magazine (中時雜誌 alone under the time) and a site that calls itself one (數位時代網站,
    a bar then the writer's labelled name and the date) are media as a paper is."""
    magazine = article("<div class='info'><p>2012-02-09 02:42</p><p>中時雜誌</p></div>")
    assert magazine.source == "中時雜誌"
    assert article("<p>财经杂志 2012-02-09 02:42</p>").source == "财经杂志"
    site = article("<p>數位時代網站｜撰文者：許凱玲編譯發表日期：2012-05-16</p>")
    assert site.source == "數位時代網站"
    assert site.published_at == "2012-05-16"


def test_a_portals_channel_beside_the_date_is_the_source_its_other_services_are_not() -> None:
    """新浪 and 腾讯 in 2009, 凤凰网 in 2025 print their channel as the medium beside the date
    (新浪娱乐, 腾讯音乐, 凤凰网科技·date); a share button's service there (新浪微博) is none."""
    sina = article("<p>http://www.sina.com.cn 2009年11月09日13:48 新浪娱乐</p>")
    assert sina.source == "新浪娱乐"
    qq = article("<p>http://ent.QQ.com 2009年11月09日11:30 腾讯音乐 <a>我要评论(0)</a></p>")
    assert qq.source == "腾讯音乐"
    assert article("<p>凤凰网科技·2025年04月22日 19:50</p>").source == "凤凰网科技"
    assert article("<p>2009年11月09日13:48 <a>新浪微博</a> <a>QQ空间</a></p>").source is None


def test_a_column_or_a_person_beside_the_date_is_no_source_and_a_label_wins() -> None:
    """社会新闻 ends like a medium's name but is the site's column; a person is no medium, nor
    is a breadcrumb's site name; a 来源 line closing the text names the source over the name
    beside the date."""
    assert article("<p>2012-01-17 16:04 社會新聞</p>").source is None
    assert article("<p>2012-01-17 16:04 王利阳</p>").source is None
    crumbs = "<p><a href='/'>自由電子報</a> &gt; 即時新聞總覽 &gt; 生活 2012年1月12日‧星期四</p>"
    assert article(crumbs).source is None  # the trail's first crumb is the site's name
    labelled = article(
        "<div class='info'><p>2017年07月27日07:35</p><p>环球网</p></div>",
        after="<p>来源：新浪体育</p>",
    )
    assert labelled.source == "新浪体育"


def test_a_disclaimer_in_traditional_characters_is_not_text() -> None:
    """新浪香港: (內容由新浪北京提供。未經授權，不得轉載。) closes the text, as 未经授权，不得转载
    does on a simplified page."""
    fields = article(
        "<p>2012-01-17 08:30</p>", after="<p>(內容由新浪北京提供。未經授權，不得轉載。)</p>"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    platform = article(
        "<p>2025-04-22 17:09</p>",
        after="<p>该文观点仅代表作者本人，36氪平台仅提供信息存储空间服务。</p>",
    )
    assert platform.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_counter_above_the_text_is_no_title() -> None:
    """AIbase with its headings drawn as styled ``<div>``s: the view counter (501) nearest
    the text is no headline; the line the ``<title>`` repeats is."""
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='big'>{TITLE}</div><div>AIbase基地</div>"
        "<div>发布于AI新闻资讯 · 1 分钟阅读 · Apr 22, 2025</div><div class='views'>501</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>"
        f"{FOOTER}",
        title=f"{TITLE}_AIbase",
    )
    assert fields.title == TITLE


def test_a_ranking_box_after_the_text_is_not_text() -> None:
    """蕃薯藤: 最多人看的社會新聞 and its headlines follow the last paragraph in its box, with no
    相关新闻 heading; a ranking's heading ends the text as that one does."""
    ranking = "".join(f"<dd><a href='/n{i}.html'>砂石車撞太魯閣號{i}死</a></dd>" for i in range(5))
    fields = article(
        "<p>東森新聞 2012-01-17 16:04</p>",
        after="<div id='hotview'><div class='LeftTitle'><dl><dt>最多人看的社會新聞</dt>"
        f"<dt><a href='/hot/'><img src='/more.gif'></a></dt></dl></div><dl>{ranking}</dl></div>",
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_call_to_subscribe_by_text_message_or_to_the_mobile_site_opens_no_text() -> None:
    """东北新闻网: under the meta line, 订阅东北新闻报，移动发1到10658303 … (106 numbers are SMS
    services) and 东北新闻网手机版 3g.nen.com.cn stand above the text."""
    fields = article(
        "<p>http://news.nen.com.cn 2012-01-12 05:13 东北新闻网</p>"
        "<p>订阅东北新闻报，移动发1到10658303 联通发DBXW至10655800</p>"
        '<p>十指连"新" "掌"握精彩--掌上资讯频道 东北新闻网手机版 3g.nen.com.cn</p>'
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert fields.source == "东北新闻网"


def test_a_box_of_related_links_in_mid_text_is_skipped_not_the_end() -> None:
    """香港經濟日報: 【相關文章】 and two links stand between paragraphs inside the text's
    element, and the text goes on under them; the same heading after the text ends it."""
    box = (
        "<p>【相關文章】</p><p><a href='/a/1.html'>【口罩賣斷市】一文看清口罩產業鏈</a></p>"
        "<p><a href='/a/2.html'>【口罩難求】口罩攻略 屈臣氏賣口罩有冇規律？</a></p>"
        "<p><strong>志願者送口罩</strong></p>"
    )
    more = (
        "志願者亦會在多家分店設立口罩分發站，為顧客及路人提供免費口罩，每人限領一份。",
        "口罩分發站設於銅鑼灣、太古城及將軍澳的分店，分發時間為下午三時至五時。",
    )
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1><p>2020-02-28 19:05</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND)}{box}{paragraphs(*more)}</div>"
        f"</div>{RELATED}{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n志願者送口罩\n{more[0]}\n{more[1]}"
    assert "相關文章" not in fields.body_html
    closing = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1><p>2020-02-28 19:05</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}{box}</div></div>{FOOTER}"
    )
    assert closing.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    # 和讯网 sets a 推荐阅读 box of nine headlines in its text's second paragraph's place.
    nine = "".join(
        f"<li><a href='/s/{i}.html'>本周解禁额118亿 环比下降第{i}成</a></li>" for i in range(9)
    )
    after = (SECOND + more[0], more[1] + LAST, LAST + SECOND, more[0] + more[1])
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1><p>2011-08-22 09:23</p>"
        f"<div class='content'>{paragraphs(FIRST)}<div class='tj'><h4>推荐阅读</h4>"
        f"<ul>{nine}</ul></div>{paragraphs(*after)}</div></div>{FOOTER}"
    )
    assert fields.body_text == "\n".join((FIRST, *after))


def test_captioned_link_lists_closing_the_texts_box_are_no_text() -> None:
    """网易财经 closes the text's own box with its promotions and lists of headlines printed as
    paragraphs, each list under a caption in bold (证券要闻, 行业动态, 公司新闻): the captions
    go with the links."""
    lists = "".join(
        f"<p><b>{caption}</b></p>"
        + "".join(
            f"<p><a href='/{n}{i}.html'>{caption}标题第{i}条 内容较长一些</a></p>" for i in range(2)
        )
        for n, caption in enumerate(("证券要闻", "行业动态", "公司新闻"))
    )
    long = [f"其{n}，{FIRST}{SECOND}{LAST}" for n in "一二三四五六"]  # a long report
    promotion = (
        "<table><tr><td><p><a href='/app/'><b>网易财经<br>会赚钱的客户端：</b></a></p></td></tr>"
        "</table><div class='biaoqian'><h1>重点推荐</h1>"
        "<span><a href='/stock/'>更多精彩资讯请点击 网易股票</a></span></div>"
    )
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<p>2015-07-04 02:30:17 来源: 中国证券报</p>"
        f"<div class='content'>{paragraphs(*long)}{promotion}<div>{lists}</div>"
        f"<div><span>本文来源：中国证券报 作者：王小伟</span></div></div></div>{FOOTER}"
    )
    assert fields.body_text == "\n".join(long)


def test_a_font_size_switcher_alone_on_its_line_opens_no_text() -> None:
    """长寿区人民政府: 大中小 under the meta line, its three characters run together, is the
    switcher, even where comments below draw density past the text's own element."""
    comments = "".join(
        f"<div><span>网友{i}：</span><p>说得好，支持关工委的工作！</p>"
        f"<p>2023-11-0{i} 10:0{i}</p></div>"
        for i in range(1, 6)
    )
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<p>日期：2023-11-03 来源：长寿新闻网</p><div class='tools'>大中小</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>{comments}</div>{FOOTER}"
    )
    assert fields.body_text.split("\n")[0] == FIRST


def test_more_related_content_ends_the_text_and_a_time_in_words_dates_it() -> None:
    """BBC News 中文: 2025年4月22日早上8点12分 dates the article; 更多相关内容 and its dated
    headlines follow the text."""
    more = "".join(
        f"<li><div><a href='/zhongwen/articles/{i}'>相关报道第{i}篇标题文字</a></div>"
        f"<div>2025年3月{i}日</div></li>"
        for i in range(1, 4)
    )
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        f"<p>2025年4月22日早上8点12分</p><div class='content'>{paragraphs(FIRST, SECOND, LAST)}"
        f"<section><h2>更多相关内容</h2><ul>{more}</ul></section></div></div>{FOOTER}"
    )
    assert fields.published_at == "2025-04-22T08:12:00+08:00"
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_linked_reading_heading_in_the_texts_box_ends_the_text() -> None:
    """少数派: 关联阅读： and one link, then the site's calls to get its app, inside the text's
    own element."""
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1><p>2022/05/03 15:00</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}<p>关联阅读：</p>"
        "<p><a href='/post/1'>一张照片，就能知道你在哪里？丨网络迷踪初探</a></p>"
        "<p>&gt; 下载 少数派 2.0 客户端、关注 少数派公众号，解锁全新阅读体验 📰</p>"
        "<p>&gt; 实用、好用的 正版软件，少数派为你呈现 🚀</p></div></div>"
        f"{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_time_in_brackets_closing_the_headline_is_the_dates() -> None:
    """自由時報 即時新聞: 天冷抵抗力弱 齒源膿瘍患者多 【16:15】 with a date alone: the headline
    is without the time, and the date has it."""
    fields = page(
        f"<ul class='nav'>{NAV}</ul><h1>{TITLE} 【16:15】</h1><p>2012年1月12日‧星期四</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title="自由電子報 即時新聞",
    )
    assert fields.title == TITLE
    assert fields.published_at == "2012-01-12T16:15:00+08:00"
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    alone = page(f"<h1>【16:15】</h1><div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>")
    assert alone.title != ""


def test_a_bar_of_links_parted_by_bars_is_no_title() -> None:
    """自由時報 with its headline in a plain ``<div>`` under a crumb that holds the date: the
    bar of links above the crumb (建議我們│ 廣告刊登│ 訂報服務), its links parted by │, is no
    more a title than a nav is."""
    bar = "".join(
        f"<a href='/s{i}/'>{n}</a>│ " for i, n in enumerate(("建議我們", "廣告刊登", "訂報服務"))
    )
    fields = page(
        f"<div class='top'>{bar}<a href='/blog/'>Blog</a></div>"
        "<div class='crumb'>自由電子報 &gt; 即時新聞總覽 &gt; 生活 2012年1月12日‧星期四</div>"
        f"<div class='ttl'>{TITLE} 【16:15】</div><div>分享到：微信 微博 QQ空间 打印</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title="自由電子報 即時新聞",
    )
    assert fields.title is not None and "建議我們" not in fields.title


def test_a_labelled_time_beside_a_medium_and_a_proofreaders_line_closing_the_text() -> None:
    """中财网: 时间：2016年01月19日 14:07:06 中财网 names the medium after a labelled time; the
    text closes on 校对:Mac, then the site's junk and copyright."""
    fields = article(
        "<p>时间：2016年01月19日 14:07:06 中财网</p>",
        after="<p>校对:Mac</p><p>.F.X.1.6.8</p><p>中财网版权所有(C) HTTP://WWW.CFi.CN</p>"
        "<div>pop up description layer</div>",
    )
    assert fields.source == "中财网"
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_last_pages_pager_a_call_to_follow_and_vote_counters_close_no_text() -> None:
    """南方网: 字号减小 字号增大 above the text; under it the pager of its last page
    (上一页 1 ... 6 7 8), 欢迎关注“南方新闻网”公众号 （微信上长按二维码识别）, 赞0 踩0, 编辑."""
    fields = article(
        "<p>2016-01-19 09:16:35来源：新京报作者：我有话说（0条跟帖）</p><p>字号减小 字号增大</p>",
        after="<p><a href='/1.htm'>上一页</a> <a href='/1.htm'>1</a> ... <a href='/6.htm'>6</a>"
        " <a href='/7.htm'>7</a> 8</p><p>欢迎关注“南方新闻网”公众号</p>"
        "<p>（微信上长按二维码识别 ）</p>"
        "<p>赞0</p><p>踩0</p><p>编辑：李杰</p><p>打印正文</p>",
    )
    assert fields.source == "新京报"
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_reprint_label_and_the_sites_statements_around_the_text() -> None:
    """17173: 转载自： names the source; [Ingress17173原创专稿，未经允许请勿转载！] above the text,
    [转载自 北京蓝军公众号] and a 特别提醒 asking to be told of pictures used below it."""
    fields = article(
        "<p>转载自： 北京蓝军公众号 2016-06-23</p>"
        "<p>[Ingress17173原创专稿，未经允许请勿转载！]</p>",
        after="<p>[转载自 北京蓝军公众号]</p><p>特别提醒</p>"
        "<p>如果我们使用了您的图片，请与我们联系索取稿酬，"
        "如您不希望作品出现在本站，可联系我们要求撤下您的作品。感谢！</p>",
    )
    assert fields.source == "北京蓝军公众号"
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_the_titles_part_that_is_the_article_is_the_longest_as_shown() -> None:
    """Mission Day 参与教程_Mission Day China: the article's part is the wider on screen (a
    Han character takes two columns), so the line showing it is the title, not the site's
    name; keywords parted by spaces (国保 工业遗产 良渚 国家文物局) are no title."""
    fields = page(
        "<div class='tag'>活动攻略北京</div><div class='h'>Mission Day 参与教程</div>"
        f"<div class='date'>转载自： 北京蓝军公众号 2016-06-23</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title="Mission Day 参与教程_Mission Day China",
    )
    assert fields.title == "Mission Day 参与教程"
    keywords = page(
        f"<h1>{TITLE}</h1><p>2019-10-12 10:30</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=f"{TITLE}-全国重点文物保护单位 国保 工业遗产 良渚 国家文物局-历史频道-东方网",
    )
    assert keywords.title == TITLE


def test_a_line_the_title_repeats_above_the_text_outranks_its_first_heading() -> None:
    """新浪香港 數碼, an unclosed ``<h1>`` around it all: the headline above the date, which the
    ``<title>`` repeats, is the title, not a caption heading the text (規劃中的…零售店)."""
    fields = page(
        f"<ul class='nav'>{NAV}</ul><h1><div class='newsTitle'>{TITLE}</div>"
        "<div class='text3'>2012-01-16 16:56</div><div>調整字體︰大 中 小</div>"
        f"<div>規劃中的法國普羅旺斯 Apple 零售店</div>{paragraphs(FIRST, SECOND, LAST)}</h1>"
        f"{FOOTER}",
        title=f"{TITLE} - 數碼 - 新浪網",
    )
    assert fields.title == TITLE


def test_readers_comments_with_no_heading_end_the_text_though_a_toolbar_follows() -> None:
    """深圳新闻网 with comments under its text and no heading over them: entries each closing
    on its time, then the site's toolbar and search box; the comments are not text."""
    comments = readers_comments()
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<p>2011-12-14 18:10 来源：深圳新闻网</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}<p>编辑： 傅大伟</p>"
        f"<div>{comments}</div><p>【打印本页】【复制地址】【新闻订阅】</p><p>Baidu</p>"
        f"<p>Google</p></div></div>{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_the_headline_again_without_its_kicker_or_with_a_notes_mark_heads_no_text() -> None:
    """重庆交通大学's notice: the headline 新生服务——… printed again over the text without its
    kicker; 宜春市's bulletin: the headline again with a note's mark ([1]). Neither is text;
    a heading that only shares words with the headline is."""
    kicked = f"新生服务——{TITLE}"
    dropped = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h2>{kicked}</h2>"
        "<p>2021-08-02 作者： 浏览次数：</p>"
        f"<div class='content'><p><b>{TITLE}</b></p>{paragraphs(FIRST, SECOND, LAST)}</div></div>"
        f"{FOOTER}",
        title=f"{kicked}-研究生招生信息网",
    )
    assert dropped.title == kicked
    assert dropped.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    marked = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1><p>访问量：2487</p>"
        f"<div class='content'><p><b>{TITLE}[1]</b></p>{paragraphs(FIRST, SECOND, LAST)}</div>"
        f"</div>{FOOTER}"
    )
    assert marked.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    shared = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h2>{kicked}</h2>"
        "<p>2021-08-02 作者： 浏览次数：</p>"
        f"<div class='content'><p><b>关工委宣讲活动</b></p>{paragraphs(FIRST, SECOND, LAST)}</div>"
        f"</div>{FOOTER}",
        title=f"{kicked}-研究生招生信息网",
    )
    assert shared.body_text == f"关工委宣讲活动\n{FIRST}\n{SECOND}\n{LAST}"


def test_a_link_that_asks_to_be_clicked_for_the_app_closes_no_text() -> None:
    """自由時報's call under its text (現在用APP看新聞 … 點我下載APP) is the portal's, in either
    script; a sentence of the text that says 点击下载 is the text's."""
    promoted = article(
        "<p class='info'>2020-03-25 14:10 来源：自由時報</p>",
        after="<p>不用抽 不用搶 現在用APP看新聞 保證天天中獎 點我下載APP 按我看活動辦法</p>",
    )
    assert promoted.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    said = "活动通知已发布在学校网站，家长可点击下载报名表，填写后交给班主任。"
    told = article("<p class='info'>2020-03-25 14:10 来源：自由時報</p>", after=f"<p>{said}</p>")
    assert told.body_text == f"{FIRST}\n{SECOND}\n{LAST}\n{said}"


def test_an_agency_in_brackets_opening_the_text_is_its_source_where_no_label_names_one() -> None:
    """自由時報's instant news: no 来源 label, the text opens with the agency it came from in
    brackets (〔中央社〕…). A reporter's dateline (〔記者…／台北報導〕) or the paper itself
    (【本报讯】) names no source, and a 来源 label still comes first."""

    def opened_with(dateline: str, info: str = "2012-01-17 16:15") -> ArticleFields:
        return page(
            f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
            f"<p class='info'>{info}</p><div class='content'><p>{dateline}{FIRST}</p>"
            f"{paragraphs(SECOND, LAST)}</div></div>{RELATED}{FOOTER}"
        )

    agency = opened_with("〔中央社〕")
    assert agency.source == "中央社"
    assert "source: no 来源 label; the agency the text opens with" in agency.warnings
    assert opened_with("〔記者巫其倫／台北報導〕").source is None
    assert opened_with("【本报讯】").source is None
    assert opened_with("〔中央社〕", info="2012-01-17 16:15 来源：自由時報").source == "自由時報"


def test_a_drop_down_menus_options_weigh_as_links_not_prose() -> None:
    """搜狐's film guide under its text: a ``<select>`` of cities and films, its options one
    long line with a colon or a dot among them, outweighed the text as prose; a reader sees
    one option of it."""
    films = "".join(
        f"<option>{name}</option>"
        for name in ("北京", "上海", "天水", "兰州") * 12
        + ("迈克尔·杰克逊：就是这样", "唐卡迷踪，秘境之旅", "七天爱上你；恋爱前规则") * 4
    )
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<p>2009年11月08日12:49</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{RELATED}"
        f"<div class='side'><h3>电影</h3>{RELATED}<form><select name='city'>{films}</select>"
        f"</form></div>{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_date_in_english_beside_the_headline_dates_the_article() -> None:
    """AIbase's Chinese news: its meta line prints the date in English (Apr 22, 2025) with no
    time label; it dates the article and places the text under it."""
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>"
        "<div class='meta'>AIbase基地 · 发布于 AI新闻资讯 · 1 分钟阅读 · Apr 22, 2025</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}"
    )
    assert fields.published_at == "2025-04-22"
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_notice_that_is_all_table_under_its_meta_line_is_the_text() -> None:
    """汕头自考网's list of programmes: under 发布日期时间：… a caption and a table of codes,
    names and links, no prose anywhere and no 上一篇/下一篇; the table is the text, not
    nothing, and the sidebar's list after it is not."""
    rows = "".join(
        f"<tr><td>A0201{i:02d}</td><td>专业名称第{i}项（专科）</td>"
        f"<td><a href='/zy/{i}.html'>详细介绍</a></td></tr>"
        for i in range(1, 7)
    )
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h2>{TITLE}</h2>"
        "<ul><li>发布日期时间：2008/9/19 来源：广东自考在线 点击数： 作者：简单爱</li></ul>"
        "<div class='content'><p>汕头自考专业列表:</p>"
        f"<table><tr><th>专业代号</th><th>专业名称</th><th>详细介绍</th></tr>{rows}</table>"
        f"</div></div>{RELATED}{FOOTER}"
    )
    assert fields.published_at == "2008-09-19"
    assert fields.source == "广东自考在线"
    assert fields.body_text is not None
    lines = fields.body_text.split("\n")
    assert lines[0] == "汕头自考专业列表:"
    assert lines[-1] == "详细介绍" and "专业名称第6项（专科）" in lines
    assert "相关新闻" not in fields.body_text
    assert "body: no prose under the meta line; the table there is the text" in fields.warnings


def test_the_titles_cut_headline_opening_the_text_is_the_title() -> None:
    """中国现代基础教育研究院's notices print no headline of their own: the text opens with
    it, and the ``<title>`` shows it cut to the CMS's length (…关于做好残疾儿童_site); a
    zero-width space opening a headline (中央纪委's) is no part of it."""
    whole = "教育部办公厅 中国残联办公厅关于做好残疾儿童少年义务教育招生入学工作的通知"
    cut = page(
        f"<ul class='nav'>{NAV}</ul><div class='crumb'>首页 &gt; 政策 &gt;</div>"
        f"<div class='side'>{RELATED}<div>sidenav background</div></div>"
        f"<div class='main'><div><b>{whole}</b></div>"
        f"<div>{FIRST}</div><div>{SECOND}</div><div>{LAST}</div></div>{FOOTER}",
        title="教育部办公厅 中国残联办公厅关于做好残疾儿童_中国现代基础教育研究院",
    )
    assert cut.title == whole
    assert cut.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    spaced = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>\u200b{TITLE}</h1>"
        f"<p>发布时间：2023-01-06 09:37 来源：新华社</p>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}"
    )
    assert spaced.title == TITLE


def test_a_button_beside_the_date_is_no_medium() -> None:
    """CSDN's blog of 2015: 举报 (report the post) beside the date ends like a paper's name
    (…报) but is a toolbar's word; no source. A medium of two characters (红网) still is."""
    assert article("<p>2015-04-23 00:00 <a href='#'>举报</a></p>").source is None
    rednet = article("<p>http://www.rednet.cn 2012/1/12 17:21:00 红网 字体: 【大 中 小】</p>")
    assert rednet.source == "红网"


def test_a_hot_news_box_after_the_text_ends_it() -> None:
    """二航市政's DedeCMS template: the text's box closes, then a 热点新闻 box of dated links
    with no 上一篇/下一篇 before it; its heading is no line of the text. So with a school's
    相关信息 (诸翟学校's TRS template) and a portal's 相关资讯."""
    hot = "".join(
        f"<li><span>2017-08-{i:02d}</span><a href='/news/{i}.html'>市政公司工会到项目部慰问第{i}次"
        "</a></li>"
        for i in range(10, 16)
    )
    for heading in ("热点新闻", "相关信息", "相关资讯"):
        fields = page(
            f"<ul class='nav'>{NAV}</ul><div class='main'><h2>{TITLE}</h2>"
            "<p>发布时间：2017-11-28 14:53 来源：admin 分享：</p>"
            f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>"
            f"<div class='hot'><div class='hot_title'>{heading}</div><ul>{hot}</ul></div>{FOOTER}"
        )
        assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}", heading


def test_a_share_bar_in_the_headlines_element_lends_it_no_weight_as_prose() -> None:
    """清华研究生院's notice is one attachment under its meta line; with a share bar in the
    headline's element (分享到：微信 微博 QQ空间 打印) the bar's colon once made the headline
    the densest line on the page, its text and title lost."""
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='crumb'>当前位置: <a href='/'>首页</a> "
        "<a href='/tz/'>研究生院办公通知</a></div><div class='main'>"
        f"<h1>{TITLE}<span>分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a> <a>打印</a></span></h1>"
        "<p>发布时间:2017-05-19 访问计数:278</p><p><a href='javascript:close()'>[关闭窗口]</a></p>"
        f"<div class='content'><p><a href='/files/notice.doc'>{TITLE}.doc</a></p></div></div>"
        f"{FOOTER}"
    )
    assert fields.title == TITLE
    assert fields.body_text == f"{TITLE}.doc"


def test_a_call_to_the_mobile_channel_between_the_text_and_its_comments_is_no_text() -> None:
    """新浪娱乐 in 2009: 看明星八卦…，上手机新浪网娱乐频道 ent.sina.cn under the text, readers'
    comments with no heading under that; the call is the portal's, not the text's last line."""
    said = ("写得很好，向老同志们致敬，值得学习。", "关心下一代，功在当代利在千秋。", "点赞五老！")
    comments = readers_comments(said)
    fields = article(
        "<p>http://www.sina.com.cn 2009年11月09日13:56 新浪娱乐</p>",
        after=f"<p>看明星八卦、查影讯电视节目，上手机新浪网娱乐频道 ent.sina.cn</p>{comments}",
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_yearless_time_takes_the_year_the_page_declares_for_that_day() -> None:
    """人民网's mobile pages print ``人民网（来源：环球网） 05-27 09:20`` under the headline and
    the year nowhere but in their head; the date and the 来源 beside it were both lost."""
    meta = "<p>人民网（来源：环球网） 05-27 09:20</p>"
    declared = "<meta name='publishdate' content='2019-05-27 09:22:26'>"
    fields = page(
        f"{declared}<div class='main'><h1>{TITLE}</h1>{meta}{paragraphs(FIRST, SECOND, LAST)}</div>"
    )
    assert (fields.published_at, fields.source) == ("2019-05-27T09:20:00+08:00", "环球网")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    other_day = page(
        f"{declared.replace('05-27', '05-28')}<div class='main'><h1>{TITLE}</h1>{meta}"
        f"{paragraphs(FIRST, SECOND, LAST)}</div>"
    )
    assert other_day.published_at == "2019-05-28T09:22:26+08:00"  # no year for 05-27: none guessed


def test_a_yearless_time_takes_the_year_of_the_day_in_the_pages_address() -> None:
    """Where the head declares nothing, the address's day (/2020/1004/88.html) names the year."""
    fields = article("<p>新华网 10-04 20:30</p>")
    assert fields.published_at == "2020-10-04T20:30:00+08:00"
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_photos_caption_over_the_text_is_the_pictures_not_the_texts() -> None:
    """RTHK, 自由時報, 香港經濟日報 and BBC open the text with the photo and its caption: in a
    ``<figure>``, in the photo's own table or list item with its credit (（記者劉信德攝）), or in
    the element after the photo marked ▲. A reader starts the text below it."""
    photo = "<img src='/images/144.jpg'>"
    caption = "市关工委“五老”宣讲团成员为同学们讲述红色故事"
    for lead in (
        f"<figure>{photo}<figcaption>{caption}</figcaption></figure>",
        f"<table class='picture'><tr><td>{photo}</td></tr>"
        f"<tr><td>{caption}（記者劉信德攝）</td></tr></table>",
        f"<ul><li><a href='/images/144.jpg'>{photo}</a>"
        f"<div><div>{caption}（资料图）</div></div></li></ul>",
        f"<p>{photo}</p><p><span>▲</span> {caption}。</p>",
        f"<table><tr><td>{photo}</td></tr><tr><td>{caption}。</td></tr>"
        "<tr><td>記者鄭清元／攝影</td></tr></table>",
    ):
        fields = article("<p>发布时间：2020-10-04 20:30 来源：天水日报</p>" + lead)
        assert fields.body_text is not None
        assert fields.body_text.startswith(FIRST), lead


def test_a_first_paragraph_beside_a_photo_stays_text() -> None:
    """A paragraph that opens with its photo inline is the text's first, and so is one with
    no caption's mark after a photo: only a caption marked as one, alone by its photo, goes."""
    photo = "<img src='/images/144.jpg'>"
    for lead in (f"<p>{photo}{FIRST}</p>", f"<p>{photo}</p><p>{FIRST}</p>"):
        fields = page(
            f"<div class='main'><h1>{TITLE}</h1><p>发布时间：2020-10-04 20:30 来源：天水日报</p>"
            f"<div class='content'>{lead}{paragraphs(SECOND, LAST)}</div></div>"
        )
        assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}", lead


def test_credits_then_the_gallerys_captions_then_tags_close_the_text() -> None:
    """晴報 prints the reporter's line, then 編輯/美術 credits, the captions of the photos shown
    below, a 內容標籤 box of tags and a 您也可能喜歡... list, all in the text's box down to its
    下一篇: the text ends with the reporter's line."""
    tags = "".join(f"<a href='/tag/{i}'>標籤{i}</a>" for i in range(4))
    liked = "".join(
        f"<li><a href='/{i}.html'>近3成打工仔疫境收入減第{i}則</a></li>" for i in range(6)
    )
    byline = "記者︰脫芷晴"
    fields = page(
        f"<div class='main'><h1>{TITLE}</h1><p>2020-08-07</p><div class='content'>"
        f"{paragraphs(FIRST, SECOND, LAST, byline, '編輯：梁偉澄', '美術：陳超雄')}"
        "<p>▲昨多1印傭初步確診，她曾住上環宿舍。（梁偉榮攝）</p><p>▲張竹君</p>"
        f"<div>內容標籤</div><div>{tags}</div><div>您也可能喜歡...</div><ul>{liked}</ul>"
        "<a href='/share'>分享</a> <a href='/next.html'>下一篇</a></div></div>"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}\n{byline}"


def test_a_caption_closing_the_text_stays_where_no_credits_stand_above_it() -> None:
    """A photo's caption after the last paragraph, with no editor's line above it, is inside
    the text (the corpus counts it)."""
    caption = "▲宣讲现场。（记者 王五 摄）"
    fields = article("<p>发布时间：2020-10-04 20:30 来源：天水日报</p>", after=f"<p>{caption}</p>")
    assert fields.body_text is not None and fields.body_text.endswith(caption)


def test_a_news_sites_licences_and_credits_with_no_colon_close_no_text() -> None:
    """开屏新闻's text closes on 责任编辑 刘自学 | 责任校对 何丹 | 主编 武熙智 | 终审 编委 李荣,
    then a footer of licences (互联网新闻信息服务许可证, 公网安备, 违法和不良信息举报电话) whose
    lines read as prose by their length: none of it is text."""
    credits = ("责任编辑 刘自学", "责任校对 何丹", "主编 武熙智", "终审 编委 李荣")
    footer = (
        "新闻爆料热线：0871－64100000 投稿邮箱：ccwbfk@163.com（副刊） ccwbccsp@163.com（时评）",
        "滇ICP备13000630号-1 滇公网安备53011202001054号",
        "中华人民共和国互联网新闻信息服务许可证编号：53120170005",
        "增值电信业务经营许可证：滇B1.B2-20200070号",
        "未经开屏新闻网书面特别授权，请勿转载或建立镜像，违者依法必究",
        "24小时网站违法和不良信息举报电话：0871-64192197",
    )
    fields = page(
        f"<div class='main'><h1>{TITLE}</h1><p>开屏新闻 2026-04-13 14:59:39</p>"
        f"<div class='textCon'>{paragraphs(FIRST, SECOND, LAST, *credits)}</div></div>"
        f"<div class='foot'>{paragraphs(*footer)}</div>"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_next_label_right_after_the_previous_links_headline_is_a_label() -> None:
    """Linux 中国 prints its chain in two ``<em>`` with no space between: the previous
    article's headline runs into 下一篇, which once read as a word inside that headline."""
    chain = (
        "<div class='pren'><em>上一篇：<a href='/article-6442-1.html'>HTTP Referer 二三事</a></em>"
        "<em>下一篇：<a href='/article-6449-1.html'>如何在 Linux 中永久修改 USB 设备权限</a></em>"
        "</div>"
    )
    fields = article("<p>发布时间：2015-10-21 13:07</p>", after=chain)
    assert fields.prev_url == "http://news.example.cn/article-6442-1.html"
    assert fields.next_url == "http://news.example.cn/article-6449-1.html"
    text = page(f"<h1>{TITLE}</h1><p>发布时间：2015-10-21</p><p>{FIRST}下一篇文章见明日本报</p>")
    assert text.next_url is None  # a word inside a sentence, not after a link


def test_a_photo_news_item_keeps_its_caption_as_its_text() -> None:
    """A 图片新闻 is a photo and its caption, credit and all: with no prose after it, the
    caption is the text."""
    caption = "10月4日，市关工委“五老”宣讲团走进秦州区育才小学，为师生讲述红色故事。（王五 摄）"
    fields = page(
        f"<div class='main'><h1>{TITLE}</h1><p>发布时间：2020-10-04 20:30</p>"
        f"<div class='content'><p><img src='/images/144.jpg'></p><p>{caption}</p></div></div>"
        f"{FOOTER}"
    )
    assert fields.body_text == caption


def test_taiwans_items_chain_by_ze() -> None:
    """中時電子報 chains its news as items (則): 下一則： then 上一則：, each over its link."""
    chain = (
        "<p>關鍵字：救生筏</p>"
        "<div>下一則：</div><div><a href='/news/2.html'>白狼100萬交保</a></div>"
        "<div>上一則：</div><div><a href='/news/1.html'>無羈押必要 張安樂百萬交保</a></div>"
    )
    fields = article("<p>中廣 溫蘭魁 2013年06月29日 18:24</p>", after=chain)
    assert (fields.prev_url, fields.next_url) == (
        "http://news.example.cn/news/1.html",
        "http://news.example.cn/news/2.html",
    )
    assert fields.body_text is not None and fields.body_text.startswith(FIRST)


def test_a_source_printed_under_the_related_list_is_the_articles() -> None:
    """A template that closes the text's box with its related list and prints the 来源 line
    under that list: the list is not the article's, the 来源 still is."""
    fields = article(
        "<div class='info'>发布时间：2025-10-10 15:22</div>",
        after=f"{RELATED}<p>来源：平潭网</p><p>扫一扫在手机上查看当前页面</p>",
    )
    assert fields.source == "平潭网"
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_readers_counted_under_a_headline_with_no_heading_tag_are_no_title() -> None:
    """正北方网 counts its commenters between the headline and the meta line (正有 2 人评论
    我来说两句); with the headline in a styled ``<div>`` and a ``<title>`` that words it
    otherwise, the count was the line above the meta line, so the title."""
    for count in ("正有 2 人评论 我来说两句", "已有1234人参与"):
        fields = page(
            "<div class='crumb'>正北方网 &gt; 新闻 &gt; 要闻 &gt; 正文</div>"
            f"<div class='hd'>{TITLE}</div><div><span>{count}</span></div>"
            "<div>2011年12月09日 18:52 来源：正北方网</div>"
            f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
            title="内蒙古确保两节前农牧民工工资基本无拖欠_要闻_正北方网",
        )
        assert fields.title == TITLE, count
        assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}", count


def test_a_share_bar_in_the_headline_does_not_hand_the_title_to_the_meta_lines_site_name() -> None:
    """A share bar inside the headline's element kept the line from matching the
    ``<title>``'s headline, and the site's name before the meta line's label
    (中国网滨海高新：www.022china.com 时间：…) was taken for the title."""
    fields = page(
        f"<div class='crumb'>首页 &gt;&gt; 文娱 &gt;&gt; 娱乐新闻</div><div class='t'>{TITLE}"
        "<span>分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a> <a>打印</a></span></div>"
        "<div>中国网滨海高新：www.022china.com 时间： 2012-01-12 16:01:03</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=f"{TITLE}-文娱-中国网滨海高新",
    )
    assert fields.title == TITLE
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_links_marked_rel_prev_and_next_chain_a_post_with_no_labels() -> None:
    """科技新報 and hexo blogs print their post navigation as ``← 上一篇的标题 | 下一篇的标题
    →`` with no 上一篇/下一篇 words: the links the page marks ``rel="prev"``/``rel="next"``
    are the chain. Neither a pager's 下一页 nor a ``<link>`` in the head (which no reader
    sees) is."""
    navigation = (
        "<div class='nav'><a href='/2016/01/06/robot/' rel='prev'>← 機器人理財顧問</a> "
        "<a href='/2016/01/06/party/' rel='next'>便宜資本派對結束 →</a></div>"
    )
    fields = article("<p>發布日期 2016 年 01 月 06 日 8:30</p>", after=navigation)
    assert (fields.prev_url, fields.next_url) == (
        "http://news.example.cn/2016/01/06/robot/",
        "http://news.example.cn/2016/01/06/party/",
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    pager = article(
        "<p>发布日期：2016-01-06</p><link rel='prev' href='/2016/01/05/older/'>",
        after="<p><a href='/2020/1004/88_2.html' rel='next'>下一页</a></p>",
    )
    assert (pager.prev_url, pager.next_url) == (None, None)


def test_a_next_link_printed_over_the_headline_where_the_text_has_none_after_it() -> None:
    """明報 prints 下一篇 over its headline and, under the text, a list box of the day's
    articles named 上 / 下一篇新聞: that box leads nowhere, the link over the headline does."""
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><div class='top'><div>港聞</div>"
        "<div><a class='pagenext' href='/pns/2018/89.html'>下一篇</a></div></div>"
        f"<h1>{TITLE}</h1><div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>"
        "<div class='list'>上 / 下一篇新聞<select><option>其他新聞</option></select></div>"
        f"</div>{FOOTER}"
    )
    assert (fields.prev_url, fields.next_url) == (None, "http://news.example.cn/pns/2018/89.html")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_text_for_screen_readers_only_is_not_what_a_reader_sees() -> None:
    """香港政府新聞網's photo carousel names its buttons 下一篇 and 上一篇 in text that only
    screen readers read (<span class="sr-only">): no chain, so the text under it is whole."""
    carousel = (
        "<div class='carousel'><img src='/a.jpg' alt='環保科技'>"
        "<p>環保科技：陳茂波（右六）到訪一家從事回收塑料循環再用的科技公司。</p>"
        "<a href='javascript:void(0)'><i></i><span class='sr-only'>下一篇</span></a>"
        "<a href='javascript:void(0)'><i></i><span class='sr-only'>上一篇</span></a></div>"
    )
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1><p>2024年5月31日</p>"
        f"{carousel}<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}"
    )
    assert fields.body_text.endswith(f"{FIRST}\n{SECOND}\n{LAST}")
    assert "sr-only" not in fields.body_html


def test_a_bare_date_under_a_share_bar_under_the_headline_in_the_texts_box() -> None:
    """A page whose one box holds the headline, a share bar, the date alone (2024年5月31日) and
    the text: the date past the bar dates the article, as it does with no bar."""
    for bar in ("", "<div class='share'>分享到：微信 微博 QQ空间 打印</div>"):
        fields = page(
            f"<ul class='nav'>{NAV}</ul><div class='main'><h1>{TITLE}</h1>{bar}"
            f"<p>2024年5月31日</p>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}"
        )
        assert fields.published_at == "2024-05-31", bar
        assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}", bar


def test_a_reprint_notice_and_a_call_to_like_the_page_close_no_text() -> None:
    """科技新報 closes its text with （本文由 MoneyDJ新聞 授權轉載；首圖來源：…） and then asks
    for a like (如果你喜歡我們的分享和文章，請幫我們按個讚): neither is the article's."""
    fields = article(
        "<p>發布日期：2016-01-06 08:30</p>",
        after="<p>（本文由 MoneyDJ新聞 授權轉載；首圖來源：Flickr/TechStage CC BY 2.0）</p>"
        "<p>如果你喜歡我們的分享和文章，請幫我們按個讚</p>",
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_labelled_time_above_a_row_of_link_buttons_dates_the_text() -> None:
    """比地招标网 prints its toolbar as links on lines of their own (导出 | 全屏 | 打印 | 收藏 |
    特约项目查询) between the labelled 发布日期 and an info box (加入日期 | 2020年10月04日) over
    the text: a reader's eye skips the buttons, so the labelled time stands beside the text,
    and the box's label is no title."""
    buttons = "".join(
        f"<div><a href='/tool/{i}'>{name}</a></div>"
        for i, name in enumerate(("导出", "全屏", "打印", "收藏", "特约项目查询", "项目订阅"))
    )
    fields = page(
        f"<div class='main'><h1>{TITLE}</h1><p>发布日期：2020年10月04日 20:30 | 标签：招标</p>"
        f"{buttons}<table><tr><td>所属地区</td></tr><tr><td>江苏省 淮安市</td></tr>"
        "<tr><td>加入日期</td></tr><tr><td>2020年10月04日</td></tr></table>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}",
        title="招标公告_比地招标网",
    )
    assert (fields.title, fields.published_at) == (TITLE, "2020-10-04T20:30:00+08:00")


def test_a_call_to_follow_the_site_on_a_social_platform_closes_no_text() -> None:
    """新浪香港 closes its articles with a paragraph that ends asking readers to like its
    Facebook page, and a line asking Google+ users to follow it: neither is the text's. A
    sentence of the text that names a platform and 关注我们 is kept."""
    kept = "他在微博上表示，将继续关注我们的城市建设。"
    fields = article(
        "<p>发布时间：2012-01-12 10:00</p>",
        after="<p>除了新浪微博外，香港新浪科技正式登陸Facebook專頁，務求令大家知得更多。 "
        "還不快點到Facebook LIKE 我們的專頁~http://www.facebook.com/sinadigital</p>"
        "<p>我們也開了Google plus page,如有Google plus account的你,也可follow 我們吧!</p>",
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    text = article("<p>发布时间：2012-01-12 10:00</p>", after=f"<p>{kept}</p>")
    assert text.body_text is not None and text.body_text.endswith(kept)


def test_a_headline_printed_under_its_dates_in_a_plain_cell_is_the_title() -> None:
    """台灣基督長老教會總會 prints 發布日期 and 更新日期 first, then the headline in a plain
    table cell (no heading), then the text, which opens with a short dated line (消息更新：…);
    a share bar may stand between headline and text. Nothing above the dates can be the
    title: the line that is the whole ``<title>`` is, and the short line stays the text's."""
    update = "消息更新：2020.05.19"
    share = "<tr><td>分享到：<a href='javascript:;'>微信</a> <a href='#'>微博</a></td></tr>"
    for bar in ("", share):
        fields = page(
            f"<ul class='nav'>{NAV}</ul><table><tr><td>發布日期：2020/4/15</td></tr>"
            f"<tr><td>更新日期：2020/5/28</td></tr><tr><td><b>{TITLE}</b></td></tr>{bar}"
            f"<tr><td>{update}{paragraphs(FIRST, SECOND, LAST)}</td></tr></table>{FOOTER}",
            title=TITLE,
        )
        assert fields.title == TITLE, bar
        assert fields.body_text == f"{update}\n{FIRST}\n{SECOND}\n{LAST}", bar


def test_any_related_or_popular_heading_ends_the_text() -> None:
    """Templates name the lists after the text far beyond any list of words: 联合早报's
    相关热词 over its tag links, 上報's 【熱門點閱】 over its popular stories. A heading of
    相关 or 热门 and two characters more ends the text as 相关新闻 does; a heading that goes on
    in a longer phrase (相关政策规定) is the text's own."""
    tags = "".join(f"<li><a href='/keyword/{w}'>{w}</a></li>" for w in ("日本", "经济", "失业率"))
    for heading in ("相关热词", "【熱門點閱】", "相关推荐"):
        fields = article(
            "<p>发布时间：2021-11-18 17:28</p>",
            after=f"<p>{heading}</p><ul>{tags}</ul>",
        )
        assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}", heading
    own = "相关政策规定"
    kept = page(
        f"<h1>{TITLE}</h1><p>发布时间：2021-11-18 17:28</p><div class='content'>"
        f"{paragraphs(FIRST, SECOND, own, LAST)}</div>{FOOTER}"
    )
    assert kept.body_text == f"{FIRST}\n{SECOND}\n{own}\n{LAST}"


def test_a_trail_parted_by_spaced_dashes_is_a_breadcrumb_and_never_the_title() -> None:
    """清华新闻网 prints its trail with spaced dashes (清华主页 - 清华新闻 - 专题推荐 - 正文)
    over a headline in a plain element, its view count alone on the next line (2072), then
    the text: the trail names the column after the site's home and is no title, and the
    count is no text."""
    headline = "化工系联合举办“百年接力、强国有我——我们这十年”主题党团日活动"
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='crumb'>清华主页 - 清华新闻 - 专题推荐 - 正文</div>"
        f"<div class='title'><p>{headline}</p></div><ul><li><span>2072</span></li></ul>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=f"{headline}-清华大学",
    )
    assert fields.section == "清华新闻"
    assert fields.title == headline
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_the_time_under_the_credits_after_the_text_dates_it_and_is_no_text() -> None:
    """清华新闻网 closes its text with its credits (供稿：… 编辑：… 审核：…) and the time of
    publication under them, and shows no other: the time dates the article and, like the
    credits, is not the text's. A date under the signer's name is the text's signature."""
    fields = page(
        f"<h1>{TITLE}</h1><div class='content'>{paragraphs(FIRST, SECOND, LAST)}"
        "<p>供稿：化工系</p><p>编辑：李华山</p><p>审核：吕婷</p><p>2022年05月10日 11:38:13</p>"
        f"</div>{FOOTER}",
        title=f"{TITLE}-清华大学",
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert fields.published_at == "2022-05-10T11:38:13+08:00"
    assert "published_at: none shown; the time under the credits" in fields.warnings
    signed = page(
        f"<h1>{TITLE}</h1><div class='content'>{paragraphs(FIRST, SECOND, LAST)}"
        f"<p>天水市关工委办公室</p><p>2022年05月10日</p></div>{FOOTER}",
        title=TITLE,
    )
    assert signed.body_text == f"{FIRST}\n{SECOND}\n{LAST}\n天水市关工委办公室\n2022年05月10日"
    assert signed.published_at == "2022-05-10"


def test_a_chain_link_whose_id_is_empty_leads_nowhere() -> None:
    """上報 prints 下一篇 on its newest article with an empty headline and a link whose id is
    empty (news_info.php?SerialNo=): there is no next article, and 上一篇 is still read."""
    fields = article(
        "<p>发布时间：2020-03-12 20:19</p>",
        after="<div class='other'><a class='prev' href='news_info.php?SerialNo=83139'>"
        "<b>上一篇</b><dl><dd>中職二度延賽至4月11日</dd></dl></a>"
        "<a class='next' href='news_info.php?SerialNo='><b>下一篇</b><dl><dd></dd></dl></a></div>",
    )
    assert fields.prev_url == "http://news.example.cn/2020/1004/news_info.php?SerialNo=83139"
    assert fields.next_url is None


def test_a_wechat_articles_calls_and_credits_around_its_text_are_not_text() -> None:
    """A WeChat article, or a CMS page it was pasted into, opens with a call to follow the
    account (点击上方蓝字关注…) and closes with its producer's and editors' credits and a
    like button (监制：… 编辑：… 点赞！): none of it is the text. The text's closing 来源 line
    is, and names the source."""
    fields = page(
        f"<h2>{TITLE}</h2><div id='js_content'><p>点击上方蓝字关注天水关工</p>"
        f"{paragraphs(FIRST, SECOND, LAST)}<p>来源：新华社</p><hr>"
        "<p>监制：葛素表</p><p>编辑：王龙、王绥翊</p><p>点赞！</p></div>",
        title=TITLE,
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}\n来源：新华社"
    assert fields.source == "新华社"


def test_the_titles_headline_further_up_outranks_a_caption_next_to_the_text() -> None:
    """上報 prints its headline in a plain element, then its like and share buttons, the
    byline and the lead photo's caption, a sentence, just over the text, which density
    places (the title is read above it): none of the lines next to the text is in the
    ``<title>``, the headline further up is, and a reader takes it for the title."""
    headline = "稱「憂鬱症是不知足」挨轟 吳宗憲：鼓勵患者別只往負面想"
    caption = "對於日前吳宗憲稱憂鬱症患者是「不知足」，王婉諭直言，發言應該更自律。（取自臉書）"
    html = (
        f"<html><head><title>{headline} -- 上報 / 焦點</title></head><body>"
        f"<div class='title'>{headline}</div><div>讚 2</div><div><a href='#'>分享</a></div>"
        f"<div>上報快訊／范姜佳鈺</div><div class='photo'><img src='/a.jpg'><div>{caption}</div>"
        f"</div><div class='editor'>{paragraphs(FIRST, SECOND, LAST)}</div></body></html>"
    )
    shown = load_page(URL, html.encode(), HEADERS)
    start = next(i for i, line in enumerate(shown.lines) if line.text == FIRST)
    layout = Layout(None, start, len(shown.lines), None, start)
    assert find_title(shown, layout, 0) == (headline, False)


def test_a_last_updated_line_and_a_photo_credited_taiwans_way_open_no_text() -> None:
    """TVBS prints 最後更新時間 under its 發佈時間, the font sizes, then the lead photo with
    its caption credited as Taiwan's papers do (…。（圖／翻攝自日本氣象廳官網）): the text
    starts after them, and the time is the one published."""
    caption = "海葵颱風不排除會再往南修，北台灣不排除因此「連放3天假」。（圖／翻攝自氣象廳官網）"
    fields = page(
        f"<ul class='nav'>{NAV}</ul><h1>{TITLE}</h1><div>編輯 樓冠陞 報導</div>"
        "<div>發佈時間：2023/08/31 22:41</div><div>最後更新時間：2023/09/01 08:10</div>"
        "<ul><li>小</li><li>中</li><li>大</li></ul><div class='img_box'><div class='img'>"
        f"<img src='/a.jpg'></div><span>{caption}</span></div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    assert fields.published_at == "2023-08-31T22:41:00+08:00"
    column = page(  # 上報's: the photographer credited with a colon
        f"<h1>{TITLE}</h1><div>發佈時間：2023/08/31 18:31</div><div class='img_box'>"
        "<div class='img'><img src='/b.jpg'></div><span>「柯氏語錄」既無具體步驟也缺政策可行性。"
        f"（攝影：楊約翰）</span></div><div class='content'>{paragraphs(FIRST, SECOND, LAST)}"
        f"</div>{FOOTER}"
    )
    assert column.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_short_headline_beside_a_longer_site_name_in_the_title_is_the_headline() -> None:
    """A `<title>` of a short headline and a longer site name (什么是4G？ | 互联网的那点事):
    the part the page prints as its ``<h1>`` is the article's, however short, not the site's
    name; an ``<h1>`` that links to the home page is the site's logo and names nothing."""
    headline = "什么是4G？"
    fields = page(
        "<h1><a href='/'>互联网的那点事</a></h1>"
        "<div class='crumb'>您的位置: 首页 > 推荐阅读 > 正文</div>"
        f"<h1>{headline}</h1><div>2012-02-17 21:14 推荐: P迪 浏览: 1,867 views</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=f"{headline} | 互联网的那点事",
    )
    assert fields.title == headline
    logo = page(
        f"<h1><a href='/'>互联网的那点事</a></h1><h2>{TITLE}</h2>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=f"{TITLE} | 互联网的那点事",
    )
    assert logo.title == TITLE


def test_a_source_address_after_the_texts_box_closes_the_text_density_places() -> None:
    """互联网的那点事 prints its reprint's 来源：http://… line after the text's box, then its
    tags and copyright lines: where no label placed the text (its date stands unlabelled by
    the headline) the line is still the text's last, as a 原文链接 line is."""
    origin = "来源：http://article.yeeyan.org/view/25034/252267"
    fields = page(
        f"<div class='post'><h1>{TITLE}</h1><div>2012-02-17 21:14 推荐: P迪 浏览: 1,867 views</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>"
        "<p>来源：<a href='http://article.yeeyan.org/view/25034/252267'>"
        "http://article.yeeyan.org/view/25034/252267</a></p>"
        "<p><a href='/more'>更多</a></p><p>标签: <a href='/tag/4g'>4G</a></p>"
        f"<p>版权所有: 非特殊声明均为本站原创文章，转载请注明出处</p></div>{FOOTER}"
    )
    assert fields.body_text is not None and fields.body_text.endswith(f"{LAST}\n{origin}")


def test_a_closing_line_naming_where_the_text_came_from_by_a_link_is_the_texts() -> None:
    """數位時代 closes a translated story with 出自<a>TechCrunch</a>, a line that is nearly all
    link: the text's own last line, as a 原文链接 line is, not a link to trim."""
    credited = page(
        f"<h1>{TITLE}</h1><div>2012/05/16 數位時代網站</div><div class='content'>"
        f"{paragraphs(FIRST, SECOND, LAST)}<p>出自<a href='http://techcrunch.com/2012/05/15/x/'>"
        f"TechCrunch</a></p></div><div class='related'><h3>相關連結</h3></div>{FOOTER}"
    )
    assert credited.body_text == f"{FIRST}\n{SECOND}\n{LAST}\n出自TechCrunch"


def test_an_unlabelled_time_under_a_lead_under_a_share_bar_dates_the_text() -> None:
    """自由時報 prints its headline, a lead in bold, the time alone and then the text; a share
    bar under the headline (as many templates print one) moves nothing: the time beside the
    text dates it, and the text starts under it."""
    lead = "日本福島核電廠核廢水24日中午開始排放入海，原能會與氣象署合作啟動預報系統。"
    for bar in (
        "",
        "<div>分享到：<a href='#'>微信</a> <a href='#'>微博</a> <a href='#'>打印</a></div>",
    ):
        fields = page(
            f"<ul class='nav'>{NAV}</ul><div class='crumb'>首頁 > 生活</div><div class='whitecon'>"
            f"<h1>{TITLE}</h1>{bar}<p><strong>{lead}</strong></p><span>2023/08/24 20:28</span>"
            f"{paragraphs(FIRST, SECOND, LAST, FIRST[:20] + '。', SECOND[:25] + '。')}</div>"
            f"{FOOTER}"
        )
        assert fields.published_at == "2023-08-24T20:28:00+08:00", bar
        assert fields.body_text is not None and fields.body_text.startswith(FIRST), bar


def test_a_related_heading_decorated_or_led_by_other_ends_the_text() -> None:
    """中時 heads its list after the text ■其他熱門文章: the square and 其他 (or 更多) around a
    related or popular heading still end the text."""
    items = "".join(f"<li><a href='/{i}.html'>其他新闻标题第{i}条</a></li>" for i in range(3))
    for heading in ("■其他熱門文章", "更多相关新闻", "▍相关阅读"):
        fields = article(
            "<p>发布时间：2012-02-09 10:00</p>", after=f"<div>{heading}</div><ul>{items}</ul>"
        )
        assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}", heading


def test_a_pointer_to_the_site_for_more_and_a_share_prompt_close_no_text() -> None:
    """華視 closes its text with 【更多新聞詳情請上 - 華視新聞網 】, an empty 新聞來源： and 分享至:
    none of them is the text's."""
    fields = article(
        "<p>发布时间：2014-11-11 15:36</p>",
        after="<p>【更多新聞詳情請上 - 華視新聞網 】</p><p>新聞來源：<img src='/logo.png'></p>"
        "<p>分享至</p>",
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_columns_tag_after_the_headline_is_no_part_of_the_title() -> None:
    """星島 prints the column after its headline in brackets (廉署貪污舉報今年跌11% (港聞)),
    where the ``<title>`` shows the headline alone; a time in brackets is the headline's own."""
    headline = "廉署貪污舉報今年跌11%"
    fields = page(
        f"<div class='title'>{headline} (港聞)</div><div>2014年12月17日 16:31</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=f"{headline} - 星島日報網頁",
    )
    assert fields.title == headline


def test_readers_comments_right_above_a_dated_list_close_no_text() -> None:
    """Comments with no heading (a name, the comment, its time), then 相關新聞 with each
    headline's time on the line above it, as 自由時報 prints them: the list's times follow the
    comments' too closely to part them, yet the comments are still known by their even
    spacing, and the text ends above them."""
    dated = "".join(
        f"<li><div>2023/08/24 1{i}:13</div><div><a href='/{i}.html'>日本排放核廢水新聞第{i}則</a>"
        + ("</div><div>後升息時代必備基金" if i % 2 else "")
        + "</div></li>"
        for i in range(5)
    )
    fields = article(
        "<p>发布时间：2023-08-24 20:28</p>",
        after=f"{readers_comments()}<h4>相關新聞</h4><ul>{dated}</ul>"
        "<div>上一則：<a href='/87.html'>前一則新聞</a> "
        "下一則：<a href='/89.html'>後一則新聞</a></div>",
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_toolbar_words_in_traditional_characters_are_toolbars() -> None:
    """中廣 prints 字級大小： alone over its text, and Taiwan's and Hong Kong's templates 列印,
    關閉 and 縮小 around it: toolbar words in traditional characters (or Taiwan's own word
    for print) are toolbars as their simplified forms are."""
    fields = page(
        f"<h1>{TITLE}</h1><div>2014/12/11 18:58 報導</div><div>字級大小：</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>"
        f"<div>列印 | 關閉 | 放大 | 縮小</div>{FOOTER}"
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_headline_in_a_link_to_nowhere_beside_its_date_is_the_meta_line() -> None:
    """民視 prints its headline in ``<a href="#">`` with the time run into it (「良心包子」…
    出頭天2014/12/1 18:13), then its share links and 轉寄 | 目前字級：: a link that leads
    nowhere heads no list, so the line is the headline and its time, and the toolbar is none
    of the text."""
    shares = "".join(f"<li><a href='https://{n}.example.com/'>{n}</a></li>" for n in ("plurk", "x"))
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='crumb'>首頁 > 生活新聞 ></div>"
        f"<div><a href='#' class='videotitle'><span>{TITLE}</span></a><span>2014/12/1 18:13</span>"
        f"</div><ul>{shares}</ul><div>轉寄 | 目前字級：</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=TITLE,
    )
    assert (fields.title, fields.published_at) == (TITLE, "2014-12-01T18:13:00+08:00")
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_headline_of_clauses_parted_by_spaces_is_no_list_of_keywords() -> None:
    """台視 writes a headline of clauses parted by spaces (年終平均1.38月 羨慕!科技業最高30個月
    尾牙最期待藝人五月天 三成企業加碼辦): longer than names, they are no keyword list, and the
    ``<title>``'s part is the headline, not the site's name beside it."""
    headline = "年終平均1.38月 羨慕!科技業最高30個月 尾牙最期待藝人五月天 三成企業加碼辦"
    fields = page(
        f"<ul class='nav'>{NAV}</ul><h3>台視新聞</h3><h3>產業新聞</h3>"
        f"<div class='title'>{headline}</div><div>2014/12/12</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=f"{headline} - 台視新聞",
    )
    assert fields.title == headline


def test_tags_a_photos_credit_and_named_lists_after_the_text_close_no_text() -> None:
    """中時 closes its text with a row of hashtags (#黑道 #掃黑), then 中國時報熱門新聞 and
    也許您會感興趣 over lists and 留言規則 over the comment board's rules; TVBS with the photo's
    credit (◎照片來源：PROMPERU), over 字型大小： at the top. None of it is the text's."""
    tags = "".join(f"<p><a href='/tag/{t}'>#{t}</a></p>" for t in ("黑道", "掃黑", "一清專案"))
    tags += "<p>主題標籤：<a href='/tag/1'>#年終</a><a href='/tag/2'>#獎金</a></p>"
    items = "".join(f"<li><a href='/{i}.html'>其他新闻标题第{i}条</a></li>" for i in range(3))
    fields = article(
        "<p>发布时间：2023-08-28 04:10</p><div>字型大小：</div>",
        after=f"{tags}<h4>中國時報熱門新聞</h4><ul>{items}</ul><h4>也許您會感興趣</h4>"
        f"<ul>{items}</ul><h4>留言規則</h4><p>請勿重覆刊登一樣的文章，或大意內容相同的文章。</p>",
    )
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}"
    credited = article("<p>发布时间：2014-12-02 10:00</p>", after="<p>◎照片來源：PROMPERU</p>")
    assert credited.body_text == f"{FIRST}\n{SECOND}\n{LAST}"


def test_a_time_after_the_signature_dates_the_text_and_names_no_source() -> None:
    """公視 prints no date over its text: a Loading indicator, the headline, the text, the
    reporters' signature, then the time and the bulletin it aired in ((2014-12-12 19:00)
    晚間新聞). The time dates the article, the bulletin is no source, the signature stays the
    text's last line; a date alone there would sign the text instead."""
    signature = "台中 嘉義 綜合報導"
    fields = page(
        f"<div>Loading</div><div>公視新聞網 / 生活財經</div><div class='title'>{TITLE}</div>"
        f"<div class='content'>{paragraphs(FIRST, SECOND, LAST, signature)}"
        f"<p>(2014-12-12 19:00) 晚間新聞</p></div>{FOOTER}",
        title="公共電視台 新聞網",
    )
    assert fields.title == TITLE
    assert fields.published_at == "2014-12-12T19:00:00+08:00"
    assert fields.source is None
    assert fields.body_text == f"{FIRST}\n{SECOND}\n{LAST}\n{signature}"


def test_a_caption_marking_where_a_person_stands_is_the_photos() -> None:
    """星島 sets its photo in a small table inside the text's cell, the caption in the row
    under the image marking where the person stands (周松崗(前)。, 占士法蘭高（右）): the
    picture's caption, not the text's first words."""
    caption = "貪污問題諮詢委員會主席周松崗(前)。"
    fields = page(
        f"<h1>{TITLE}</h1><div>2014-12-17 (16:31)</div><table><tr><td>"
        "<table align='right'><tr><td><img src='/a.jpg'></td></tr>"
        f"<tr><td class='caption'>{caption}</td></tr></table>{FIRST}<br><br>{SECOND}<br><br>"
        f"{LAST}</td></tr></table>{FOOTER}"
    )
    assert fields.body_text is not None and fields.body_text.startswith(FIRST)


def test_a_date_above_a_related_box_above_the_text_dates_the_text() -> None:
    """财新 prints its headline, its byline, the time (beside a button to hear the text read),
    a lead, a photo's caption and a box of related headlines, and only then the text: a
    reader's eye skips the box's links on the way up to the time."""
    caption = "上海，一处门店。图：视觉中国"
    items = "".join(
        f"<li><a href='/2023-09-2{i}/{i}.html'>汽车服务平台相关报道标题第{i}条的内容</a></li>"
        for i in range(4)
    )
    box = f"<div class='related'><h4>相关报道</h4><ul>{items}</ul></div>"
    fields = page(
        f"<ul class='nav'>{NAV}</ul><div class='crumb'>财新网 > 汽车 > 正文</div>"
        f"<div class='article'><h1>{TITLE}</h1><div>文｜财新 余聪</div>"
        f"<div><span>2023年09月26日 17:22</span> <a href='#'>试听</a></div>"
        f"<div class='subhead'>{SECOND[:30]}</div><div class='pic'><img src='1.jpg'>"
        f"<p>{caption}</p></div>{box}<div class='text'>{paragraphs(FIRST, SECOND, LAST)}</div>"
        f"</div>{FOOTER}"
    )
    assert fields.published_at == "2023-09-26T17:22:00+08:00"
    assert fields.body_text is not None and fields.body_text.startswith(FIRST)


def test_a_notices_formal_heading_over_its_text_is_the_headline_again() -> None:
    """国家发改委 prints the notice's formal heading over its text: its issuers, then the
    headline without the number it shows after it, on two lines. That is the headline again;
    the number under it opens the text."""
    headline = "关于印发《物流网建设实施方案》的通知(发改经贸〔2026〕1241号)"
    fields = page(
        f"<div class='crumb'>首页 > 政务公开 > 通知</div><h2>{headline}</h2>"
        "<div>发布时间：2026/08/27 来源：经贸司</div><div class='text'>"
        "<p>国家发展改革委 交通运输部关于印发<br>《物流网建设实施方案》的通知</p>"
        f"<p>发改经贸〔2026〕1241号</p>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=f"【{headline}】-国家发展和改革委员会",
    )
    assert fields.title == headline
    assert fields.body_text is not None and fields.body_text.startswith("发改经贸〔2026〕1241号")
    assert fields.body_text.endswith(LAST)


def test_a_heading_that_only_ends_as_the_headline_does_stays_the_texts() -> None:
    """A heading over the text that ends with the headline's words but says more than whose
    notice it is (a sentence) is the text's own line."""
    headline = "关于印发《物流网建设实施方案》的通知(发改经贸〔2026〕1241号)"
    opening = "经研究，现就以下事项关于印发《物流网建设实施方案》的通知"
    fields = page(
        f"<h2>{headline}</h2><div>发布时间：2026/08/27 来源：经贸司</div>"
        f"<div class='text'><p>{opening}</p>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=headline,
    )
    assert fields.body_text is not None and fields.body_text.startswith(opening)


def test_credits_a_paper_prints_under_its_text_close_no_text() -> None:
    """Mainland papers' sites credit their three reviews (（一审：… 二审：… 三审：…）), credit
    reporters with the label in brackets (【记者】陈伊纯 | 【通讯员】李兵), or close on a call to
    follow the site's own account (看浙江新闻，关注浙江在线微信): none of it is text."""
    for after in (
        "<p>（一审：戴寓欧 二审：韩艳 三审：李殷）</p>",
        "<p>【记者】陈伊纯</p><p>【通讯员】李兵</p><p>编辑：陈榕 责任编辑：李润芳</p>",
        "<p>标签： 两性畸形;女孩 责任编辑： 洪慧敏</p><p>看浙江新闻，关注浙江在线微信</p>",
    ):
        fields = in_text_box("时间：2017-04-19 来源：本网", paragraphs(FIRST, SECOND, LAST) + after)
        assert fields.body_text is not None and fields.body_text.endswith(LAST), after


def test_a_bracketed_credit_opening_a_line_of_text_is_the_texts() -> None:
    """A line that opens with a credit's label in brackets and goes on as a sentence is the
    text's: only a name after the label is a credit."""
    closing = "【记者】走访发现，多数学校已经开设了相关课程，效果良好。"
    fields = in_text_box("时间：2017-04-19 来源：本网", paragraphs(FIRST, SECOND, closing))
    assert fields.body_text is not None and fields.body_text.endswith(closing)


def test_an_attachment_a_cms_serves_by_a_download_link_keeps_the_signature_under_it() -> None:
    """浙江省发改委's notice links its attachment through a download service whose address
    names no file (only the link's ``download`` attribute does): it is the notice's
    attachment all the same, and the issuer's signature and date under it close the text."""
    link = (
        "<a download='实施办法.wps' href='/api-gateway/front/document/download?fileUrl=YW5U'>"
        "浙江省固定资产投资项目节能审查和碳排放评价实施办法</a>"
    )
    fields = in_text_box(
        "发布日期：2026-06-05 16:21 信息来源：节能处",
        f"<p>各设区市、县（市、区）人民政府：</p><p>{SECOND}</p><p>附件：{link}</p>"
        "<p>浙江省发展和改革委员会</p><p>2026年6月2日</p>",
        after="<div>打印 关闭</div>",
    )
    assert fields.body_text is not None and fields.body_text.endswith("2026年6月2日")
    assert [a["name"] for a in fields.attachments] == [
        "浙江省固定资产投资项目节能审查和碳排放评价实施办法"
    ]


def test_an_english_share_button_and_a_keywords_heading_are_no_text() -> None:
    """Taiwan's 國防部 prints a Share button over the text, and 關鍵字： with the tags, the
    button again and the files to download after it: the text starts under the button and
    ends above the keywords."""
    fields = page(
        f"<div class='crumb'>首頁 > 新聞</div><div class='news'><h2>{TITLE}</h2>"
        f"<div>2026-03-19</div><div><a href='#'>Share</a></div>"
        f"{paragraphs(FIRST, SECOND, LAST)}<div>關鍵字：</div><div><a href='/t/1'>區域動態</a>"
        f" <a href='/t/2'>臺海</a></div><div><a href='#'>Share</a></div><div>下載專區</div>"
        "<div><a href='/f/1.pdf'>1150319_臺海周邊海、空域活動</a> 下載次數: 35</div>"
        f"</div>{FOOTER}"
    )
    assert fields.body_text == "\n".join((FIRST, SECOND, LAST))


def test_the_sites_name_before_its_date_is_neither_title_nor_source() -> None:
    """青岛新闻网 prints its name, the time and the paper it reprints on one line under the
    headline: the headline is the title, and the paper, not the site, is the source."""
    fields = page(
        f"<div class='crumb'>首页 > 青岛新闻网 > 社会 > 正文</div><div>{TITLE}</div>"
        "<div><a href='http://www.qingdaonews.com'>青岛新闻网</a>　2005-09-21 16:47:52　"
        f"<font>新闻晨报</font></div><div class='text'>{paragraphs(FIRST, SECOND, LAST)}</div>"
        f"{FOOTER}",
        title=f"{TITLE}--青岛新闻网",
    )
    assert fields.title == TITLE
    assert fields.source == "新闻晨报"
    assert fields.published_at == "2005-09-21T16:47:52+08:00"


def test_a_next_label_and_its_link_in_layout_tables_cells_of_their_own() -> None:
    """An old portal prints 下一篇： in one table and the link in a cell of the next, with a
    dozen runs of whitespace between: the link is the chain's all the same."""
    cells = "".join("<tr><td> </td>\n<td> </td></tr>\n" for _ in range(8))
    fields = article(
        "<div>时间：2005-09-21 来源：本网</div>",
        after=(
            f"<table><tr><td>下一篇：</td></tr></table><table>{cells}<tr><td>"
            "<a class='related' href='content_11.htm'></a><a href='/content/11.htm'>"
            "三名少女因违法被依法处理</a> <a href='http://club.example.cn/pl?id=11'>评论</a>"
            "</td></tr></table>"
        ),
    )
    assert fields.next_url == "http://news.example.cn/content/11.htm"


def test_a_caption_labelled_as_a_file_photo_opens_no_text() -> None:
    """A file photo's caption under the picture over the text (资料图：安徽第一变性人黄恩岭) is
    the photo's."""
    photo = "<p><img src='1.jpg'></p><p>资料图：安徽第一变性人黄恩岭</p>"
    fields = in_text_box("时间：2005-09-21 来源：本网", photo + paragraphs(FIRST, SECOND, LAST))
    assert fields.body_text is not None and fields.body_text.startswith(FIRST)


def test_photos_closing_the_text_each_with_its_figcaption_close_no_text() -> None:
    """崑山科大 closes its news with the event's photos, each in a ``<figure>`` with its
    numbered ``<figcaption>``: the pictures' captions, not the text's last lines."""
    figures = "".join(
        f"<figure><img src='{i}.jpg' alt=''><figcaption><strong>0{i}.活动现场照片说明第{i}张"
        "</strong></figcaption></figure>"
        for i in range(1, 4)
    )
    fields = in_text_box("时间：2020-09-01 来源：学务处", paragraphs(FIRST, SECOND, LAST) + figures)
    assert fields.body_text is not None and fields.body_text.endswith(LAST)


def test_a_caption_credited_after_a_slash_over_the_text_is_the_photos() -> None:
    """政大's news lab captions its lead photo in a paragraph of its own after the photo,
    crediting it with no brackets (…的照片。圖／照鏡子提供。): the text starts under it."""
    caption = "網紅照鏡子常常分享自己的過程。圖為參與遊行時的照片。圖／照鏡子提供。"
    fields = page(
        f"<h1>{TITLE}</h1><div>日期：2023-06-23</div><section><p><img src='t1.jpg'></p>"
        f"<p><span>{caption}</span></p>{paragraphs(FIRST, SECOND, LAST)}</section>{FOOTER}"
    )
    assert fields.body_text is not None and fields.body_text.startswith(FIRST)


def test_a_link_after_a_source_that_is_no_link_is_the_pages() -> None:
    """荆楚网 prints a link to its e-paper right after the 来源 value, parted by spaces only
    (来源: 国际在线&nbsp;&nbsp;&nbsp;<a>进入电子报</a>): the link is no part of the source."""
    fields = article(
        "<div>发布时间: 2012-11-10 10:41&nbsp;&nbsp;&nbsp;来源: 国际在线&nbsp;&nbsp;&nbsp;"
        "<a href='http://epaper.example.cn/'>进入电子报</a></div>"
    )
    assert fields.source == "国际在线"
    assert fields.published_at == "2012-11-10T10:41:00+08:00"


def test_a_comment_forms_login_prompt_closes_no_text() -> None:
    """华龙网 prints 未登录 over its comment form under the text: no line of the text."""
    fields = in_text_box(
        "2023-03-07 10:41",
        f"{paragraphs(FIRST, SECOND, LAST)}<div><span>未登录</span></div><h3>发表评论</h3>",
    )
    assert fields.body_text is not None and fields.body_text.endswith(LAST)


def test_a_photos_caption_told_by_its_words_over_the_text_is_the_photos() -> None:
    """Captions over the text say what they are in words: 图为… (the picture shows), or a
    screenshot's mark (…和男友安德鲁斯（网页截图）); the text starts under them."""
    for caption in ("图为学生们在操场上参加升旗仪式。", "凯迪·希尔和男友安德鲁斯（网页截图）"):
        fields = in_text_box(
            "时间：2013-04-19 来源：本网",
            f"<p><img src='1.jpg'></p><p>{caption}</p>{paragraphs(FIRST, SECOND, LAST)}",
        )
        assert fields.body_text is not None and fields.body_text.startswith(FIRST), caption


def test_a_notice_on_who_to_call_about_the_works_rights_closes_no_text() -> None:
    """京报网 closes its text with the 来源 line, the credits, a 版权声明 and a line on whom to
    call about a work's content or rights (如遇作品内容、版权等问题…): the 来源 line ends it."""
    fields = in_text_box(
        "2021-09-22 10:41",
        f"{paragraphs(FIRST, SECOND, LAST)}<p>来源：北京晚报</p><p>作者：蔡辉</p>"
        "<p>流程编辑：L061</p><p>版权声明：文本版权归京报集团所有，未经许可，不得转载或改编。</p>"
        "<p>如遇作品内容、版权等问题，请在相关文章刊发之日起30日内与本网联系。"
        "版权侵权联系电话：010-85202353</p><p>扫描二维码</p><p>下载手机客户端</p>",
        after="<div>分享到</div>",
    )
    assert fields.body_text is not None and fields.body_text.endswith("来源：北京晚报")
    assert fields.source == "北京晚报"


def test_a_photos_caption_in_a_text_of_br_lines_is_still_the_photos() -> None:
    """An editor who pastes paragraphs as ``<span>``s between ``<br>``s leaves the photo's
    caption in a span of its own after the photo's: read past the line breaks, it is the
    photo's, and the text starts under it."""
    lines = "".join(f"<span>{text}</span><br><br>" for text in (FIRST, SECOND, LAST))
    fields = in_text_box(
        "时间：2013-04-19 来源：本网",
        "<br><span><img src='1.jpg'></span><br><br><br><span><span>图为学生们在操场上参加升旗仪式。"
        f"</span></span><br><br>{lines}",
    )
    assert fields.body_text is not None and fields.body_text.startswith(FIRST)


def test_an_academic_articles_header_boxes_open_no_text() -> None:
    """中国民俗学网 prints a paper's 摘要, 关键词 and 作者简介 boxes over its text, and a bare
    文件下载 heading with nothing under it after a notice's text: none of it is text."""
    fields = in_text_box(
        "作者：张举文 | 发布时间：2020-05-26",
        "<p>摘 要：随着现代社会的发展，女性民俗研究逐渐发展起来……</p>"
        "<p>关键词：身体民俗；性别民俗</p>"
        "<p>作者简介：张举文，美国崴涞大学东亚系教授，主要研究民俗学。</p>"
        f"{paragraphs(FIRST, SECOND, LAST)}<p>文件下载</p>",
    )
    assert fields.body_text == "\n".join((FIRST, SECOND, LAST))


def test_a_posters_name_in_the_dates_meta_list_opens_no_text() -> None:
    """A campus CMS prints its meta as a list's items (the date's, then the poster's name with
    an icon and no label) above a lecture notice's few lines: the name is meta, not the text's
    first line (the page's ``<title>`` names another headline, so nothing else places it)."""
    notice = ("文學與文化系列演講八十一", "亞際文化研究國際碩士學位學程（台灣聯合大學系統）、")
    meta = (
        "<ul><li><i class='fa fa-calendar'></i><span> 2016-04-21</span></li>"
        "<li><i class='fa fa-male'></i><span>唐慧宇</span></li><li class='hide'></li></ul>"
    )
    text = "<wbr>".join(f"<span>{line}</span>" for line in notice)
    fields = page(
        f"<h1>文學與文化系列演講活動81：性別認同的軌跡</h1>{meta}<div>{text}</div>{FOOTER}"
    )
    assert fields.published_at == "2016-04-21"
    assert fields.body_text == "".join(notice)


def test_a_shop_box_an_author_tab_and_a_hidden_anchor_after_the_text_close_it() -> None:
    """A Taiwan government publications site closes a book review with a box of links to buy
    the book (│立即訂購│), a hidden anchor (``visibility:hidden``, which no reader sees) and
    the tabs 撰稿人簡介 | 相關文章 over the author's profile, all in the text's own box."""
    fields = in_text_box(
        "上稿時間：2020/03/20",
        paragraphs(FIRST, SECOND, LAST)
        + "<p>│立即訂購│</p><p>國家書店→<a href='https://www.govbooks.com.tw/b/1'>甯甯</a><br>"
        "五南書店→<a href='https://www.wunanbooks.com.tw/p?isbn=9789578614338'>甯甯</a></p>"
        "<a name='person' style='visibility: hidden'>a</a>"
        "<ul><li><a href='#tab1'>撰稿人簡介</a></li><li><a href='#tab2'>相關文章</a></li></ul>"
        "<div><div>羅翊寧</div>興趣一般，閱讀、旅行、烘焙，偶爾爬山寫字、看看電影。</div>",
    )
    assert fields.body_text == "\n".join((FIRST, SECOND, LAST))


def test_a_share_by_mail_box_over_the_text_opens_no_text() -> None:
    """A New Zealand Chinese news site's share bar under its meta line ends in the newsroom's
    mailbox and a copy button (分享到： | 邮箱：news@skykiwi.com | 复制): no text of the article."""
    fields = in_text_box(
        "<h5>作者: Jackie Shan 日期:2019-02-07 15:53 阅读: 来源:天维网编译</h5>"
        "<div>分享到：<div>邮箱：news@skykiwi.com</div><div>复制</div></div>",
        paragraphs(FIRST, SECOND, LAST),
    )
    assert fields.source == "天维网编译"
    assert fields.body_text == "\n".join((FIRST, SECOND, LAST))


def test_taiwans_share_buttons_and_a_send_by_mail_link_open_no_text() -> None:
    """臺中's tourism portal lists its share buttons under the date (分享到Facebook | 推一下! |
    分享到微博 | LINE 给好友), and a lawyers' society prints 打印 | 发送邮件 over a reprint: the
    buttons' words are a toolbar's, never the text's first lines."""
    shares = ("分享到Facebook", "推一下!", "分享到微博", "LINE 给好友")
    buttons = "".join(f"<li><a href='#s{i}'>{word}</a></li>" for i, word in enumerate(shares))
    for toolbar in (
        f"<ul>{buttons}</ul>",
        "<div><img src='p.gif'>打印 <img src='m.gif'>发送邮件</div>",
    ):
        fields = page(
            f"<h2>{TITLE}</h2><div>更新日期：2018-09-27</div>{toolbar}"
            f"{paragraphs(FIRST, SECOND, LAST)}{FOOTER}"
        )
        assert fields.body_text == "\n".join((FIRST, SECOND, LAST)), toolbar


def test_a_recommenders_credit_closes_the_text() -> None:
    """A lawyers' society credits who recommended a reprint under its text (推荐人：福建衡评律师
    事务所 游东亮), as an editor is credited: no line of the text."""
    fields = in_text_box(
        "发布: 2011.10.27",
        paragraphs(FIRST, SECOND, LAST) + "<p>推荐人：福建衡评律师事务所 游东亮</p>",
    )
    assert fields.body_text == "\n".join((FIRST, SECOND, LAST))


def test_a_labelled_box_of_the_texts_opening_over_it_is_a_summary() -> None:
    """科普中国 prints 图文简介： and the text's opening in a box over the text."""
    fields = in_text_box(
        "有来医生 上传时间：2021-09-03",
        f"<p>图文简介： {FIRST[:20]}</p></div><div>{paragraphs(FIRST, SECOND, LAST)}",
    )
    assert fields.body_text == "\n".join((FIRST, SECOND, LAST))


def test_a_call_to_subscribe_and_to_get_the_app_close_the_text() -> None:
    """UN News closes its text with a call to subscribe by mail and one to get its app for a
    phone: neither is the text's."""
    fields = in_text_box(
        "2019年5月30日",
        paragraphs(FIRST, SECOND, LAST)
        + "<div class='panel'><div>直接通过您的邮箱接收每日更新 点击此处订阅相关主题</div></div>"
        "<div class='panel'><div>下载适用于您的iOS或Android设备的联合国新闻应用程序</div></div>",
    )
    assert fields.body_text == "\n".join((FIRST, SECOND, LAST))


def test_an_icons_svg_title_is_no_part_of_the_pages_title() -> None:
    """A hospital's site draws its search button as an inline ``<svg>`` with a ``<title>`` of
    its own (搜尋), a tooltip: the page's title is its first ``<title>``, as a browser's tab
    shows it, and the headline under the date, which that title opens with, is the title,
    not the byline the text opens with."""
    headline = "變性手術(男變女)常見問題"
    byline = "撰文/中國醫藥大學附設醫院 整形外科 施秉庚醫師"
    html = (
        f"<html><head><title>{headline} | 最新消息 - 中國醫藥大學附設醫院</title></head><body>"
        "<ul><li><a href='/award.html'>&gt; 獲獎專區</a></li>"
        "<li><a href='/video.html'>&gt; 影片專區</a></li></ul>"
        "<button><svg viewBox='0 0 24 24'><title>搜尋</title><path d='M0 0h24v24H0z'/></svg>"
        f"</button><div class='date'>2020/9/24</div><h2>{headline}</h2>"
        f"<div>陰道成形術 陰道擴張器 面部女性化手術</div><p>{byline}</p>{paragraphs(FIRST, LAST)}"
        "</body></html>"
    )
    loaded = load_page(URL, html.encode(), HEADERS)
    assert loaded.title_text == f"{headline} | 最新消息 - 中國醫藥大學附設醫院"
    texts = [line.text for line in loaded.lines]
    date, start = texts.index("2020/9/24"), texts.index(byline)
    layout = Layout(
        MetaLine(date, "2020-09-24", None, False, labelled=False), start, len(texts), None, date
    )
    assert find_title(loaded, layout, 0) == (headline, False)


def test_a_korean_sites_chinese_words_for_its_neighbours_are_the_chain() -> None:
    """The Korean Film Council's Chinese pages print 以前文章 and 下一个文章 (이전글, 다음글)
    before the neighbours' headlines."""
    fields = in_text_box(
        "2024-10-17 16:18:18",
        paragraphs(FIRST, SECOND, LAST),
        after="<ul><li><span>以前文章 </span><a href='/06_news/?mode=2&amp;no=3710'>资讯 | 釜山</a>"
        "</li><li><span>下一个文章</span>"
        "<a href='/06_news/?mode=2&amp;no=3708'>资讯 | 上映</a></li></ul>",
    )
    assert fields.prev_url == "http://news.example.cn/06_news/?mode=2&no=3710"
    assert fields.next_url == "http://news.example.cn/06_news/?mode=2&no=3708"
    assert fields.body_text == "\n".join((FIRST, SECOND, LAST))


def test_a_papers_online_edition_before_the_date_is_the_source() -> None:
    """A clippings archive prints the medium with no 来源 label before the date, a paper's
    online edition (新聞晨報網路版 2005-09-13): a reader takes it for the source."""
    fields = in_text_box("新聞晨報網路版 2005-09-13", paragraphs(FIRST, SECOND, LAST))
    assert fields.source == "新聞晨報網路版"
    assert fields.published_at == "2005-09-13"


def test_an_events_day_inside_the_headline_neither_dates_nor_cuts_it() -> None:
    """A university institute's notice names its event's day inside its headline
    (【性別教育推廣實作】106/06/13(二)多元性別X醫療權益論壇) and shows no date of its own: the
    headline stays whole, and the event's day does not date the notice. A meta line printed
    as a heading (2012-01-16 14:55:58 来源： 南方日报), or a date closing a headline before
    its share bar, still dates its article."""
    headline = "【性別教育推廣實作】106/06/13(二)多元性別X醫療權益論壇"
    menu = "".join(f"<li><a href='/menu{i}.html'>Menu item {i}</a></li>" for i in range(8))
    fields = page(
        f"<ul>{menu}</ul><div class='page-header'><h2>{headline}</h2></div>"
        f"<div class='body'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=f"高雄醫學大學 性別研究所 - {headline}",
    )
    assert fields.title == headline
    assert fields.published_at is None
    fields = page(
        f"<h1>{TITLE}</h1><h2>2012-01-16 14:55:58 来源： 南方日报</h2>"
        f"<div>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}"
    )
    assert (fields.published_at, fields.source) == ("2012-01-16T14:55:58+08:00", "南方日报")
    fields = page(
        f"<h2>{TITLE} ( 2020年09月29日 ) <span>分享到：<a href='#w'>微信</a> <a href='#b'>微博</a>"
        f" <a href='#p'>打印</a></span></h2><div>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}"
    )
    assert (fields.title, fields.published_at) == (TITLE, "2020-09-29")


def test_a_deck_beside_the_headline_in_the_pages_header_is_no_text() -> None:
    """人权观察 prints its deck as a ``<p>`` beside the ``<h1>`` in the page's header, the text
    in a box of its own below a video: the deck is the headline's, not the text's first line.
    A salutation opening a notice that shares the headline's box stays the text's."""
    fields = page(
        "<div class='dateline'>2019年 03月 19日 9:30PM EDT</div>"
        f"<div class='header'><h1>{TITLE}</h1><p class='subtitle'>应改革性别认定法律程序</p></div>"
        "<div class='video'><button>Play Video</button></div>"
        f"<div class='article-body'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}"
    )
    assert fields.body_text == "\n".join((FIRST, SECOND, LAST))
    fields = page(
        f"<div class='dateline'>2019-03-19</div><div class='box'><h1>{TITLE}</h1>"
        f"<p>各学院、各部门：</p>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}"
    )
    assert fields.body_text == "\n".join(("各学院、各部门：", FIRST, SECOND, LAST))


def test_the_sources_of_a_tips_box_closing_the_text_are_not_the_articles() -> None:
    """Apple Daily closes a health story with a box of tips and the doctors it drew on
    (資料來源：趙昭明醫師、鄭惠文醫師): the article names no source of its own."""
    fields = in_text_box(
        "2012-01-12",
        paragraphs(FIRST, SECOND, LAST) + "<div><p>泡溫泉注意事項</p><p>1. 飯前飯後1小時內勿泡</p>"
        "<p>資料來源：趙昭明醫師、鄭惠文醫師</p></div>",
    )
    assert fields.source is None


def test_a_short_related_headline_closing_the_texts_table_does_not_date_it() -> None:
    """中評社 prints its related headlines, each with its time, in the table cell of its text;
    the last one (局長變身“舵主”後 (2012-01-10 10:53:24)) is a link to another page, not the
    time the text closes on: the time under the headline dates the page."""
    related = "".join(
        f"<li><a href='/doc/{i}.html'>{headline}</a> <em>({stamp})</em></li>"
        for i, (headline, stamp) in enumerate(
            (
                ("台灣選情的最新觀察", "2012-01-11 10:41:54"),
                ("局長變身“舵主”後", "2012-01-10 10:53:24"),
            )
        )
    )
    fields = page(
        "<table><tr><td>【大 中 小】 【打 印】</td></tr>"
        f"<tr><td><strong>{TITLE}</strong></td></tr>"
        "<tr><td>http://www.chinareviewnews.com 2012-01-11 11:05:39</td></tr>"
        + "".join(f"<tr><td>{text}</td></tr>" for text in (FIRST, SECOND, LAST))
        + f"<tr><td>相關新聞：<ul>{related}</ul></td></tr></table>"
    )
    assert fields.published_at == "2012-01-11T11:05:39+08:00"


def test_a_whole_lead_paragraph_in_a_box_named_summary_is_the_texts() -> None:
    """Apple Daily, UN News and 臺中's portal print the story's lead in a box their template
    names a summary (div.summary, p.highlight in div.spot-summary): a whole paragraph, neither
    cut short nor said again below, it is the text's first. A short teaser in such a box
    (量子位's 顺便给模型测了下智商) is still no text."""
    lead = (
        "【邱俊吉╱台北報導】近日天冷，不少人會選擇去泡溫泉暖身，一名男大學生也去泡溫泉，"
        "但僅泡半小時，便覺得腳趾又痛又癢，甚至冒出水泡，就醫檢查才知道是遭燙傷，醫師提醒"
        "泡溫泉時應每十分鐘起身休息，糖尿病患者尤須小心。"
    )
    assert len(lead) >= 100
    for opening, first in ((lead, lead), ("顺便给模型测了下智商", FIRST)):
        fields = in_text_box(
            "2012年 01月12日",
            f"<div class='summary'><p>{opening}</p></div>"
            f"<div class='article_text'>{paragraphs(FIRST, SECOND, LAST)}</div>",
        )
        assert fields.body_text is not None and fields.body_text.startswith(first), opening


def test_a_medium_over_the_date_in_the_byline_box_is_the_source() -> None:
    """Taiwan News prints the wire's name over the time in its byline cell (中央社 |
    2012-01-11 08:30 PM), no 来源 label: a reader takes it for the source."""
    fields = in_text_box(
        "<table><tr><td class='author'><div>中央社</div><div>2012-01-11 08:30 PM</div></td>"
        "<td>Fonts Size</td></tr></table>",
        paragraphs(FIRST, SECOND, LAST),
    )
    assert (fields.source, fields.published_at) == ("中央社", "2012-01-11T20:30:00+08:00")


def test_a_wires_date_code_closing_the_text_is_the_texts() -> None:
    """中央社 signs each story with its date code (1010111: 民國101年1月11日), a line of the
    text however much it looks like a counter or a page number."""
    fields = in_text_box("2012-01-11", paragraphs(FIRST, SECOND, LAST, "1010111"))
    assert fields.body_text == "\n".join((FIRST, SECOND, LAST, "1010111"))


def test_a_copyright_notice_and_a_line_of_credits_close_the_text() -> None:
    """醫藥日報 closes its text with 本文版權歸醫藥日報所有, 财经网 with its credits, the editor's
    last in brackets (【作者：《财经》综合报道 】 (责任编辑：谢璇)): neither is the text's."""
    for closing in ("本文版權歸醫藥日報所有", "【作者：《财经》综合报道 】 (责任编辑：谢璇)"):
        fields = in_text_box(
            "2012-01-16 18:07",
            paragraphs(FIRST, SECOND, LAST) + f"<div>{closing}</div>",
            after="<div><a href='#mail'>推薦給朋友</a> <a href='#fav'>收藏此頁</a></div>",
        )
        assert fields.body_text == "\n".join((FIRST, SECOND, LAST)), closing


def test_a_repost_bar_closing_the_text_is_a_toolbar() -> None:
    """百姓家电网 closes its text with a share widget's bar of the sites to repost it to
    (转帖到： 腾讯微博 新浪微博 搜狐微博 网易微博 腾讯空间 开心网, links a script fills in),
    inside the text's box, over its related list."""
    targets = ("腾讯微博", "新浪微博", "搜狐微博", "网易微博", "腾讯空间", "开心网")
    fields = in_text_box(
        "2012-01-12",
        paragraphs(FIRST, SECOND, LAST)
        + "<span><div><a href='http://www.jiathis.com/share/'>转帖到：</a> "
        + " ".join(f"<a class='share{i}'>{name}</a>" for i, name in enumerate(targets))
        + "</div></span>",
    )
    assert fields.body_text == "\n".join((FIRST, SECOND, LAST))


def test_a_banners_date_over_the_trail_dates_the_article() -> None:
    """Taiwan's women's centre prints the date and the headline in a banner, then the trail
    (首頁 > 本館動態 > 最新消息), then the text: the date above the trail is the article's,
    where nothing below the trail dates it."""
    menu = "".join(f"<li><a href='/menu{i}.html'>選單項目{i}</a></li>" for i in range(6))
    crumbs = "".join(
        f"<li><a href='/{i}.html'>{name}</a></li>"
        for i, name in enumerate(("首頁", "本館動態", "最新消息"))
    )
    fields = page(
        f"<ul>{menu}</ul><div class='banner'><p class='date'>2024-04-07</p><h2>{TITLE}</h2>"
        f"<nav><ol>{crumbs}</ol></nav></div><div class='text'>{paragraphs(FIRST, SECOND, LAST)}"
        f"</div>{FOOTER}",
        title="台灣國家婦女館 - 最新消息",
    )
    assert fields.published_at == "2024-04-07"
    assert fields.body_text == "\n".join((FIRST, SECOND, LAST))


def test_a_headline_styled_by_its_class_outranks_a_button_between_it_and_the_date() -> None:
    """Templates style the headline by class (``<div class="innerBigNewsTitle">``), not with
    ``<h1>``, and may print a button (产生缩网址) between it and the date, under a ``<title>``
    that is only the site's slogan: the line the template calls the title is the headline."""
    fields = page(
        f"<ul>{NAV}</ul><p>首頁&gt; 新聞&gt; 國際</p>"
        f"<div class='innerBigNewsTitle'>{TITLE}</div>"
        "<div id='btnShort'><div>產生縮網址</div></div>"
        "<p class='info'><a href='/author/9'>編譯中心</a> 2014年12月13日 09:33</p>"
        f"<div>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title="風傳媒 一個有國際觀、專注揭弊的新媒體！",
    )
    assert fields.title == TITLE
    assert fields.body_text == "\n".join((FIRST, SECOND, LAST))
    notice = "财政部 国家税务总局关于保险保障基金有关税收政策继续执行的通知"
    fields = page(
        f"<div class='title'>{notice} 财税〔2013〕81号</div><div>2013-10-28</div>"
        f"<div>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=f"{notice}_国家税务总局",
    )
    assert fields.title == notice  # its number printed after it is no part of the headline


def test_a_note_in_a_box_called_otitle_is_no_headline() -> None:
    """网易 prints the original headline as a note opening the text (``<p class="otitle">
    （原标题：…）</p>``): a bracketed label is a note, whatever its box is called; and a
    sentence in a box called title (央视网's 联播+ lead) is no headline either."""
    headline = "全球媒体聚焦｜美国政府停摆将对整个经济系统产生冲击"
    fields = page(
        f"<p>网易首页 &gt; 新闻中心 &gt; 正文</p><div class='post_title'>{headline}</div>"
        "<div class='post_info'>2025-10-16 20:02:18 来源: 总台环球资讯</div>"
        "<div class='top'><span>0</span><span>分享至</span></div>"
        f"<div class='post_body'><p class='otitle'>（原标题：{headline}）</p>"
        f"{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=f"{headline}_网易新闻",
    )
    assert fields.title == headline
    headline = "联播+ | 打造世界重要人才中心和创新高地"
    fields = page(
        f"<div class='title_area'><div>{headline}</div>"
        "<div class='info'>央视网 2021年09月28日 22:20</div></div>"
        "<div class='more'>正在加载</div><div class='desc'>时政热点，“+”速解读。</div>"
        f"<div class='box'><p class='title'><span><em>联播+</em>{FIRST}</span></p>"
        f"{paragraphs(SECOND, LAST)}</div>{FOOTER}",
        title=headline,
    )
    assert fields.title == headline


def test_a_headline_styled_by_class_under_an_unlabelled_date_opens_no_text() -> None:
    """机器之心 prints the author and the date over the headline, a ``<div
    class="article__title">`` in the text's column: the headline is the title, not the
    text's first line, and not the column's name further up (知识)."""
    fields = page(
        f"<ul>{NAV}</ul><div class='header-nav'><span>知识</span></div>"
        "<div class='article-author'><a href='/users/1'>腾讯技术工程原创</a>"
        "<div><time>2019/02/18 16:24</time></div></div><div><span>Derek</span>作者</div>"
        f"<div class='col'><div class='article__title'>{TITLE}</div>"
        f"<div class='article__content'>{paragraphs(FIRST, SECOND, LAST)}</div></div>{FOOTER}",
        title=f"{TITLE} | 机器之心",
    )
    assert fields.title == TITLE
    assert fields.body_text == "\n".join((FIRST, SECOND, LAST))


def test_the_titles_chinese_part_is_the_headline_over_a_longer_english_name() -> None:
    """A Taiwanese institute's ``<title>`` puts its English name, longer than the headline,
    after it (…性別認同的軌跡 | International Institute for Cultural Studies - 文化研究國際中心):
    where no heading marks the headline, the Chinese part is the article's, not a line
    opening the text. With no line to be the title (a headline under the date and a share
    bar that no heading marks), the ``<title>``'s article part is the title, not its first
    part, the site's name."""
    headline = "文學與文化系列演講活動81：性別認同的軌跡"
    fields = page(
        f"<ul>{NAV}</ul><div class='show'>{headline}</div>"
        "<ul><li>2016-04-21</li><li>唐慧宇</li></ul>"
        f"<div class='post-body'><p>文學與文化系列演講八十一</p>{paragraphs(FIRST, SECOND, LAST)}"
        f"</div>{FOOTER}",
        title=f"{headline} | International Institute for Cultural Studies - 文化研究國際中心",
    )
    assert fields.title == headline
    fields = page(
        f"<ul>{NAV}</ul><div>2024/05/30</div><ul class='share'><li><a href='#t'>轉</a></li>"
        f"<li><a href='#p'>推</a></li></ul><div class='head'><span>【尼莫案】{TITLE}</span></div>"
        f"<div class='post'>{paragraphs(FIRST, SECOND, LAST)}</div>{FOOTER}",
        title=f"台灣伴侶權益推動聯盟 TAPCPR – 【尼莫案】{TITLE}",
    )
    assert fields.title == f"【尼莫案】{TITLE}"
