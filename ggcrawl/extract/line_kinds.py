"""What a line of a page is to a reader, wherever it stands: furniture around a text
(toolbars, label lines, editors, counters, disclaimers), a line of links to other pages, a
second meta line, the ``<title>``'s own text. The title, the text's start and its end all ask.
"""

from __future__ import annotations

import re

from ggcrawl.dates import DATE_PATTERN
from ggcrawl.extract.body import is_utility_text
from ggcrawl.extract.breadcrumb import is_crumb_line
from ggcrawl.extract.chain import PAGER
from ggcrawl.extract.document import (
    Line,
    Page,
)
from ggcrawl.extract.labels import (
    APP_PROMOTION,
    CREDIT_LABELS,
    DISCLAIMER,
    EDITOR_LABELS,
    FOLLOW_PROMOTION,
    HAN_CHARS,
    LABEL_FIELD,
    META_LABELS,
    MOBILE_PROMOTION,
    PHOTO_CREDIT,
    SHARE_PROMPT,
    SOCIAL_CALL,
    SOURCE_LABELS,
    TIP_LINE,
    UTILITY_FILLER_CHARS,
    UTILITY_WORDS,
    label_pattern,
)
from ggcrawl.extract.meta import TIME_LINE

# An editor's line whatever kind of editor (执行、核稿编辑：…, 值班编辑：…, 编辑 | 张钊): after
# the text.
ANY_EDITOR_LINE = re.compile(rf"^[(（\[【]?[{HAN_CHARS}、]{{0,6}}(?:编辑|編輯)[^\S\n]*[:：|｜]")
# A line that is only the site's address, perhaps in brackets: a template's, not the text's.
BARE_ADDRESS = re.compile(
    r"[(（\[【]?\s*(?:https?://)?[A-Za-z0-9.-]+\.[a-z]{2,}[A-Za-z0-9/._-]*\s*[)）\]】]?"
)
# A mailbox's address alone after its label (traditional forms too): a share-by-mail box's
# (邮箱：news@skykiwi.com | 复制) over the text, never the text's first line.
MAILBOX_LINE = re.compile(
    r"(?:(?:电子|電子)?(?:邮箱|郵箱|信箱)|电邮|電郵|E-?mail)\s*[:：]\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    re.IGNORECASE,
)
# A label line, the label perhaps in brackets of its own (【浏览次数】：…).
LEADING_LABELLED_LINE = re.compile(
    rf"^[(（\[【]?\s*(?:{label_pattern(META_LABELS)})[)）\]】]?[^\S\n]*[:：]"
)
LABELLED_LINE = re.compile(
    rf"^(?:[(（\[【]?(?:{label_pattern(META_LABELS)})[)）\]】]"
    rf"|(?:{label_pattern(META_LABELS)})"
    rf"|[(（\[【][^)）\]】:：]{{0,12}}?(?:{label_pattern(EDITOR_LABELS)}))[^\S\n]*[:：]"
)
# （原标题：…） in brackets, as portals print it inside the text (a bare 原标题： line is meta).
ORIGINAL_TITLE = re.compile(r"^[(（]\s*原标题[^\S\n]*[:：]")
# A second meta line that names the source before the date (央视网 | 2022年09月21日 17:55:07).
NAMED_DATE = re.compile(r"^[^\s|｜。，,:：]{1,12}[^\S\n]*[|｜][^\S\n]*")
# An author's name with its label after it, as a profile card prints it (Derek作者, 李振梁 作者).
NAMED_AUTHOR = re.compile(r"[^\s，。：:、]{1,12}[^\S\n]*作者")
# A byline that dates the article only relative to the visit (李振梁 · 6小时前, 刚刚, 昨天 10:20),
# as pages rendered by a script show it: a meta line with no date to read.
RELATIVE_TIME_LINE = re.compile(
    r"^(?:[^\s。，,:：]{1,12}[^\S\n]*[·•|｜][^\S\n]*)?"
    r"(?:\d{1,2}[^\S\n]*(?:秒|分钟|分鐘|小时|小時|天|周|週)前|刚刚|剛剛|昨天|前天)"
    r"(?:[^\S\n]*\d{1,2}:\d{2})?$"
)
# A 来源 or 原标题 line closing the text: the text's own (the source is still read from it),
# unless the template prints it in square brackets ([稿源：红网] above [编辑：杨洁], [转载自 蓝军]).
TRAILING_SOURCE = re.compile(
    rf"^[(（]?\s*(?:{label_pattern((*SOURCE_LABELS, '原标题'))})[^\S\n]*[:：]"
)
TEMPLATE_SOURCE = re.compile(
    rf"^[\[【]\s*(?:{label_pattern(SOURCE_LABELS)})(?:[^\S\n]*[:：]|[^\S\n])"
)
# A short line ending in a colon closing the text introduces what is not there (网友1：).
OPEN_LABEL_MAX = 12
# Editors named without a colon (编辑 张三 校对 李四, 终审 编委 李荣) or after a slash
# (译者/和风), as some newspapers' sites print them.
EDITOR_NAMES = re.compile(
    rf"(?:(?:(?:{label_pattern(EDITOR_LABELS)})(?:[^\S\n]+|[^\S\n]*[/／][^\S\n]*))+"
    rf"[{HAN_CHARS}]{{2,4}}[^\S\n]*)+"
)
# An editor's credit in brackets closing a line of credits (【作者：《财经》综合报道 】
# (责任编辑：谢璇)): the line is the credits', however it opens.
EDITOR_CREDIT_TAIL = re.compile(
    rf"[(（\[【][^\S\n]*(?:{label_pattern(EDITOR_LABELS)})[^\S\n]*[:：][^)）\]】]{{1,20}}[)）\]】]$"
)
# A credit whose label stands in brackets (【记者】陈伊纯, 【通讯员】李兵), as 南方网 closes its
# texts.
BRACKETED_CREDIT = re.compile(
    rf"【(?:{label_pattern(CREDIT_LABELS)})】[^\S\n]*[{HAN_CHARS}、·\s]{{2,16}}"
)
# A number alone (a like or view count: +1, (12)), or people counted (11人收藏).
COUNTER = re.compile(
    r"(?:[赞踩顶][\s:：]*)?[\s\d+()（）]+|\d+\s*人(?:收藏|点赞|喜欢|阅读|浏览|参与)"
)
# 中央社's date code closing each of its stories (1010111: 民國101年1月11日), the text's own
# last line, however much it looks like a counter or a pager.
CNA_DATE_CODE = re.compile(r"1[0-4]\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
# A number of three digits or more alone above the text: the page's view count (2072), never
# a section's number (01), which may open a text.
VIEW_COUNT = re.compile(r"\d{3,}")
# Tags as social platforms write them (#掃黑), a line of their own after the text, perhaps
# labelled (主題標籤：#年終 #獎金).
HASHTAG = re.compile(r"(?:[^\s#:：]{1,6}[:：])?\s*(?:#[^\s#]{1,20}\s*)+")
# Readers counted by the headline (正有 2 人评论, 已有1234人参与), with the toolbar's words
# beside them (我来说两句): never a headline or text.
READERS_COUNTED = re.compile(r"(?:正有|已有|共有|有)?\s*\d+\s*人(?:评论|参与|跟帖|跟贴|評論|參與)")
# Toolbar words (in brackets or not) leading a line, before what the line says.
UTILITY_LEAD = re.compile(
    rf"^(?:[{UTILITY_FILLER_CHARS}]*(?:{UTILITY_WORDS.pattern}))+[{UTILITY_FILLER_CHARS}]*"
)
# What may stand around a list item's date: brackets, bullets, spaces.
LIST_MARKS = " \t\r\n\xa0\u3000()（）[]【】·•-|"
# What parts the links of a bar (首页 | 新闻 │ 关于): no text of its own.
LINK_SEPARATORS = " \t\r\n\xa0\u3000|｜│·•/"
# Lines longer than this are prose, not a label line or toolbar.
SHORT_LINE = 60


def rejoined(upper: str, lower: str) -> tuple[str, str]:
    """A headline a line break split in two, read as one: with a space between, or none."""
    return f"{upper} {lower}", upper + lower


def is_link_line(page: Page, line: Line, *, dated: bool = False) -> bool:
    """A line that is all link text to another page (a crumb, a column's name in a nav, a bar
    of them parted by │ or |): not to the page itself, a fragment or a script (compared as
    written, not resolved). ``dated``: a date beside the links is allowed (a list's item:
    标题 (2021-03-07))."""
    runs = page.runs
    itself = page.url.split("#", 1)[0]
    linked = False
    for index in range(line.start, line.end):
        text = runs.text[index]
        if not text.strip(LINK_SEPARATORS) or (
            dated and not DATE_PATTERN.sub("", text).strip(LIST_MARKS)
        ):
            continue
        anchor = runs.anchor(index)
        href = (anchor.get("href") or "").strip() if anchor is not None else ""
        if (
            not href
            or href.startswith(("#", "javascript:"))
            or href == itself
            or itself.endswith("/" + href.lstrip("./"))
        ):
            return False
        linked = True
    return linked


def is_document_title(page: Page, line: Line) -> bool:
    """Whether ``line`` is the ``<title>``'s own text (the page's first line)."""
    return any(page.runs.owner[run].tag == "title" for run in range(line.start, line.end))


def is_furniture(text: str, *, leading: bool = True) -> bool:
    """Lines around a body that are not body: toolbars, label lines (作者：…, 责任编辑：…).
    Before the body a label line may stand in brackets ((浏览次数:600)); after it only an
    editor's does (（编辑：…）), for a bracketed 作者 line there is the text's signature, and a
    labelled time alone on its line ([更新：2015-01-30 14:06:32]) is the meta, not the text."""
    if not leading and CNA_DATE_CODE.fullmatch(text):
        return False  # the wire's date code signing the text, not a counter or a pager
    if (
        is_utility_text(text)
        or _counts_readers(text)
        or (MOBILE_PROMOTION.search(text) and "。" not in text)
        or SHARE_PROMPT.match(text)
        or is_crumb_line(text)
    ):
        return True
    if not leading and (
        DISCLAIMER.match(text)
        or ("。" not in text and DISCLAIMER.search(text))  # 本文由X发布，不代表X立场，转载…
        or SOCIAL_CALL.match(text)
        or PHOTO_CREDIT.match(text)
        or HASHTAG.fullmatch(text)
        or FOLLOW_PROMOTION.match(text)  # 关注“硬创邦”（微信号：…）, however long its line
        or (
            len(text) <= SHORT_LINE
            and (
                APP_PROMOTION.search(text) or FOLLOW_PROMOTION.search(text) or TIP_LINE.search(text)
            )
        )
        or (len(text) <= OPEN_LABEL_MAX and text.endswith((":", "：")))
        or COUNTER.fullmatch(text)
        or PAGER.fullmatch(text)
        or EDITOR_NAMES.fullmatch(text)
        or BRACKETED_CREDIT.fullmatch(text)
        or ANY_EDITOR_LINE.match(text)
        or ("。" not in text and EDITOR_CREDIT_TAIL.search(text))
    ):
        return True  # a platform's disclaimer is long; a counter after the text (+1) short
    if len(text) > SHORT_LINE:
        return False
    if leading:
        if ORIGINAL_TITLE.match(text):
            return False  # （原标题：…） opening the text: the portal printed it as the text's
        return (
            LEADING_LABELLED_LINE.match(text) is not None
            or VIEW_COUNT.fullmatch(text) is not None
            or FOLLOW_PROMOTION.match(text) is not None
            or NAMED_AUTHOR.fullmatch(text) is not None
            or MAILBOX_LINE.fullmatch(text) is not None
            or is_meta_like(text)
            or (text.startswith(("[", "【")) and DISCLAIMER.search(text) is not None)
        )  # [Ingress17173原创专稿，未经允许请勿转载！] above the text
    if TRAILING_SOURCE.match(text) and len(LABEL_FIELD.findall(text)) == 1:
        return False  # 来源：央视新闻客户端, 原标题：… closing the text are the text's
    # Toolbar words may lead an editor's line: 【纠错】 【责任编辑:王五】.
    return any(
        LABELLED_LINE.match(line) is not None
        or TEMPLATE_SOURCE.match(line) is not None
        or DISCLAIMER.search(line) is not None
        or BARE_ADDRESS.fullmatch(line) is not None
        or TIME_LINE.fullmatch(line.strip("[]【】()（） ")) is not None
        for line in {text, UTILITY_LEAD.sub("", text)}
    )


def _counts_readers(text: str) -> bool:
    if "人" not in text:  # every count names its 人; most lines are ruled out at C speed
        return False
    rest = READERS_COUNTED.sub(" ", text)
    return rest != text and (not rest.strip() or is_utility_text(rest))


def is_meta_like(text: str) -> bool:
    """A line that opens with a whole date and says nothing else but labels (2017-09-29
    11:04:00 来源：上观新闻), or names the source before it (央视网 | 2022年09月21日 17:55):
    a second meta line, a reprint's own or a mobile layout's; or a byline dated relative to
    the visit (李振梁 · 6小时前)."""
    if RELATIVE_TIME_LINE.match(text):
        return True
    named = NAMED_DATE.match(text)
    if named and DATE_PATTERN.fullmatch(text[named.end() :].strip()):
        return True
    opened = text.lstrip("(（[【 ")
    match = DATE_PATTERN.match(opened)
    if match is None or "。" in text:
        return False
    rest = opened[match.end() :].strip(" )）]】")
    return not rest or LEADING_LABELLED_LINE.match(rest) is not None
