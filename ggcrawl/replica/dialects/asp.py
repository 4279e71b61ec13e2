"""An old ASP article system (PowerEasy-like) on IIS: table layout, GBK, relative links.

URLs (written relative to the site root, '&' unescaped, matched case-insensitively as IIS
does): listing ShowClass.asp?ClassID={n} (pager adds &page={k}), article
ShowArticle.asp?ArticleID={id}, old article Article/ShowArticle.asp?ArticleID={id} (301),
about About.asp, guestbook GuestBook.asp, uploads UploadFiles/{yyyymm}/{id}_{n}.ext, helpers
Count.asp, Print.asp, Comment.asp, Search.asp, admin Admin/Admin_Login.asp. Dates are shown
without a time: 发布日期：2019年01月29日 (the truth is the bare date 2019-01-29).
HTTP as IIS 6 with ASP: Last-Modified but no ETag (so only If-Modified-Since can answer 304),
identity encoding only, "HTTP/1.1 404 Object Not Found" for missing pages, a session cookie
on every page and a second cookie on the home page.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import ClassVar

from ..corpus import Asset
from ..model import Article, Entry, Section
from .base import (
    ADDRESS,
    BUILDER,
    EMAIL,
    ICP,
    OWNER,
    PHONE,
    POSTCODE,
    SITE_NAME,
    Dialect,
    Response,
    ThemeFile,
    attr,
    cut,
    esc,
    number,
)

# ClassIDs of the columns, by section name: classes were added and deleted over the years.
CLASS_IDS = {
    "领导关怀": 2,
    "关工要闻": 3,
    "文件快递": 5,
    "银发风采": 6,
    "青少年风华": 7,
    "活力基层": 9,
    "琢璞润玉": 10,
    "励我成才": 11,
    "法制讲堂": 13,
    "爱心奉献": 14,
    "科普窗口": 16,
    "他山之石": 17,
    "调研与思考": 21,
}
_ASSET = re.compile(r"/UploadFiles/\d{6}/(\d+)_\d+\.[a-z]+")


class Asp(Dialect):
    """ASP/IIS dialect."""

    name = "asp"
    encoding = "gbk"
    server = "Microsoft-IIS/6.0"
    html_type = "text/html; Charset=gb2312"
    sends_etag = False
    reasons: ClassVar[dict[int, str]] = {404: "Object Not Found"}
    home_cookies = (
        "PowerEasy=LastVisit=2026%2D07%2D01; expires=Mon, 01-Jul-2030 00:00:00 GMT; path=/",
    )
    robots = (
        "User-agent: *\n"
        "Disallow: /Admin/\n"
        "Disallow: /Inc/\n"
        "Disallow: /Database/\n"
        "Disallow: /Count.asp\n"
        "Disallow: /Print.asp\n"
        "Disallow: /Comment.asp\n"
        "Disallow: /Search.asp\n"
        "Disallow: /GuestBook.asp?Action=Save\n"
    )
    # The skin: a GBK stylesheet that does not say so (no charset anywhere) and the images of
    # the table layout (<img>, a cell's background=, and one the stylesheet loads).
    theme = (
        ThemeFile("/Skin/DefaultSkin.css", "stylesheet"),
        ThemeFile("/Skin/Default/top_bg.jpg", "image"),
        ThemeFile("/Skin/Default/logo.jpg", "image"),
        ThemeFile("/Skin/Default/arrow.gif", "image"),
        ThemeFile("/Skin/Default/menu_bg.gif", "image", "/Skin/DefaultSkin.css"),
    )
    stylesheets: ClassVar[dict[str, str]] = {
        "/Skin/DefaultSkin.css": (
            "/* 天水关工网 默认风格 */\n"
            "body{font-size:9pt;font-family:宋体}\n"
            "td.menu{background-image:url(Default/menu_bg.gif)}\n"
        ),
    }
    stylesheet_encoding = "gbk"
    body_styles = (("br", "fullwidth", 6), ("p", "fullwidth", 2), ("p", "soup", 2))
    soup_tag = ('<font face="宋体" size="3">', "</font>")
    empty_paragraph = "<p>\u3000</p>"

    def section_path(self, section: Section) -> str:
        """Nav target of a section."""
        if section.kind == "page":
            return "/About.asp"
        if section.kind == "guestbook":
            return "/GuestBook.asp"
        return f"/ShowClass.asp?ClassID={CLASS_IDS[section.name]}"

    def listing_path(self, section: Section, page: int) -> str:
        """Listing page address (page 1 is the nav URL)."""
        return self.section_path(section) + (f"&page={page}" if page > 1 else "")

    def article_path(self, art: Article) -> str:
        """Current article address."""
        return f"/ShowArticle.asp?ArticleID={art.id}"

    def part_path(self, art: Article, part: int) -> str:
        """动易 pages an article with ArticlePage=N."""
        return f"{self.article_path(art)}&ArticlePage={part}"

    def old_article_path(self, art: Article) -> str:
        """Where articles lived when the system sat in /Article/."""
        return f"/Article/ShowArticle.asp?ArticleID={art.id}"

    def asset_path(self, art: Article, asset: Asset) -> str:
        """Upload address."""
        return f"/UploadFiles/{art.published:%Y%m}/{art.id}_{asset.n}.{asset.ext}"

    def href(self, path: str) -> str:
        """Links relative to the root folder, where every page lives."""
        return path if path == "/" else path[1:]

    def shown_time(self, when: datetime) -> str:
        """Date only, Chinese style."""
        return f"{when.year}年{when.month:02d}月{when.day:02d}日"

    def truth_time(self, when: datetime) -> str:
        """No time is shown, so only the date is true."""
        return f"{when:%Y-%m-%d}"

    def date_and_source(self, art: Article) -> str:
        """发布日期 and 文章来源; on every other article the date sits in ``<small>`` with the
        source right after it, parted only by markup (``日</small>文章来源：``)."""
        shown, source = self.shown_time(art.published), esc(art.source)
        if art.id % 2:
            return f"<small>发布日期：{shown}</small>文章来源：{source}"
        return f"发布日期：{shown}&nbsp;&nbsp;&nbsp;文章来源：{source}"

    def page(self, text: str, status: int = 200, modified: datetime | None = None) -> Response:
        """IIS adds its own headers, including an ASP session cookie."""
        answer = super().page(text, status, modified)
        extra = (
            ("X-Powered-By", "ASP.NET"),
            ("Cache-Control", "private"),
            ("Set-Cookie", "ASPSESSIONIDQQSRTCBD=GKBHKPLCNMAPFHOLEBIIJMDA; path=/"),
        )
        return answer._replace(headers=answer.headers + extra)

    # ----- routes
    def route(self, method: str, path: str, query: dict[str, str]) -> Response | None:
        """IIS matches paths and ASP reads parameters case-insensitively."""
        low = path.lower()
        query = {k.lower(): v for k, v in query.items()}
        if method == "POST":
            if low == "/guestbook.asp":
                return self.page(self.draw_notice("留言成功！请等待管理员审核。"))
            return None
        if low in ("/", "/default.asp", "/index.asp"):
            return self.home()
        aid = number(query, "articleid")
        art = self.site.by_id.get(aid) if aid is not None else None
        if low == "/showclass.asp":
            cid = number(query, "classid")
            section = next((s for s in self.site.columns if CLASS_IDS[s.name] == cid), None)
            return self.listing_page(section, number(query, "page") or 1) if section else None
        if low == "/showarticle.asp":
            return self.serve_article(art, number(query, "articlepage") or 1)
        if low == "/article/showarticle.asp":
            return self.serve_old_url(art)
        if low == "/about.asp":
            return self.page(self.draw_about(self.site.section("关工委概况")))
        if low == "/guestbook.asp":
            return self.page(self.draw_guestbook())
        if low in ("/comment.asp", "/search.asp"):
            return self.page(self.draw_notice("对不起，本功能暂未开放！"))
        if low.startswith("/admin/"):
            return self.page(self.draw_notice("请输入管理员用户名和密码。"))
        if art is not None and art.status == "live":
            if low == "/count.asp":
                return self.data(
                    f"document.write('{art.hits}');".encode(), "application/x-javascript"
                )
            if low == "/print.asp":
                return self.article_page(self.draw_print(art), art)
        if m := _ASSET.fullmatch(path):
            return self.serve_asset(path, int(m[1]))
        if low.startswith("/skin/"):
            return self.serve_theme(path)
        return None

    # ----- drawing
    def layout(self, title: str, crumbs: str, main: str, side: str) -> str:
        """Three nested tables: banner and menu, sidebar and content, links and copyright."""
        nav = "&nbsp;|&nbsp;".join(
            f'<a href="{h}" class="menu">{esc(n)}</a>' for n, h in self.nav_items()
        )
        friends = "&nbsp;&nbsp;".join(
            f'<a href="{u}" target="_blank">{esc(n)}</a>' for n, u in self.friends()
        )
        return f"""<html>
<head>
<title>{esc(title)}</title>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<link href="Skin/DefaultSkin.css" rel="stylesheet" type="text/css">
<script language="JavaScript" src="Skin/menu.js"></script>
</head>
<body leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td height="100" background="Skin/Default/top_bg.jpg"><a href="/"><img \
src="Skin/Default/logo.jpg" width="400" height="80" border="0" alt="{SITE_NAME}"></a></td></tr>
<tr><td class="menu" height="32" align="center">{nav}</td></tr>
</table>
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">
<tr>
<td width="230" valign="top" class="left">
{side}
</td>
<td width="10">&nbsp;</td>
<td valign="top">
<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr><td class="guide">您现在的位置：\
{crumbs}</td></tr></table>
{main}
</td>
</tr>
</table>
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" class="link">
<tr><td class="link_title">友情链接</td></tr>
<tr><td>{friends}</td></tr>
</table>
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" class="bottom">
<tr><td align="center">主办:{OWNER} 版权所有:{SITE_NAME}<br>
地址:{ADDRESS} 邮编:{POSTCODE} 电话:{PHONE} 邮箱:{EMAIL}<br>
<a href="{self.offsite}beian/" target="_blank">{ICP}</a>&nbsp;&nbsp;技术支持:<a \
href="{self.offsite}boran/" target="_blank">{BUILDER}</a>&nbsp;&nbsp;<a \
href="/Admin/Admin_Login.asp" target="_blank">管理登录</a></td></tr>
</table>
</body>
</html>
"""

    def crumbs(self, section: Section, tail: str = "") -> str:
        """您现在的位置：首页 >> 调研与思考 >> 正文."""
        trail = (
            f'<a href="/">首页</a>&nbsp;&gt;&gt;&nbsp;<a '
            f'href="{self.href(self.section_path(section))}">{esc(section.name)}</a>'
        )
        return trail + (f"&nbsp;&gt;&gt;&nbsp;{tail}" if tail else "")

    def draw_sidebar(self, section: Section | None) -> str:
        """热点文章 and 最新文章 boxes (dated), each a table."""

        def rows(arts: tuple[Article, ...], dated: bool) -> str:
            return "\n".join(
                f'<tr><td width="12"><img src="Skin/Default/arrow.gif"></td><td height="22"><a '
                f'href="{self.article_href(a)}" title="{attr(a.title)}">{esc(cut(a.title, 14))}</a>'
                f"</td>"
                + (f'<td align="right">{a.published:%m-%d}</td>' if dated else "")
                + "</tr>"
                for a in arts
            )

        return (
            f'<table width="100%" class="side"><tr><td class="side_title" colspan="3">热点文章</td>'
            f"</tr>\n{rows(self.site.hot(), False)}\n</table>\n"
            f'<table width="100%" class="side"><tr><td class="side_title" colspan="3">最新文章'
            f"</td></tr>\n{rows(self.site.latest(section), True)}\n</table>"
        )

    def draw_home(self) -> str:
        """Latest six per column, two columns of boxes."""
        boxes = []
        for section in self.site.columns:
            rows = "\n".join(
                f'<tr><td>·<a href="{self.article_href(a)}" title="{attr(a.title)}" '
                f'target="_blank">{esc(cut(a.title, 20))}</a></td><td align="right">'
                f"{a.published:%Y-%m-%d}</td></tr>"
                for a in self.site.latest(section, 6)
            )
            href = self.href(self.section_path(section))
            boxes.append(
                f'<table width="100%" class="box"><tr><td class="box_title">{esc(section.name)}'
                f'</td><td align="right"><a href="{href}">更多&gt;&gt;</a></td></tr>\n{rows}\n'
                "</table>"
            )
        about = self.site.section("关工委概况")
        side = (
            f'<table width="100%" class="side"><tr><td class="side_title">{esc(about.name)}'
            f"</td></tr><tr><td>{esc(self.site.about[1][0][:50])}…"
            f'<a href="{self.href(self.section_path(about))}">'
            f"详细</a></td></tr></table>\n{self.sidebar(None)}"
        )
        return self.layout(
            f"{SITE_NAME}--天水市关心下一代工作委员会",
            '<a href="/">首页</a>',
            "\n".join(boxes),
            side,
        )

    def draw_listing(self, section: Section, page: int, pages: list[tuple[Entry, ...]]) -> str:
        """A class listing with the classic 共N页 首页 上一页 … 下一页 尾页 pager."""
        rows = "\n".join(
            f'<tr><td width="12"><img src="Skin/Default/arrow.gif"></td><td height="24"><a '
            f'href="{self.entry_href(art, old)}" title="{attr(art.title)}" target="_blank">'
            f'{esc(cut(art.title, 22))}</a></td><td width="80" align="right" class="date">'
            f"{art.published.year}-{art.published.month}-{art.published.day}</td></tr>"
            for art, old in pages[page - 1]
        )
        last = len(pages)

        def link(n: int, label: str) -> str:
            return f'<a href="{self.href(self.listing_path(section, n))}">{label}</a>'

        pager = [f"共 {last} 页"]
        pager += [link(1, "首页"), link(page - 1, "上一页")] if page > 1 else ["首页", "上一页"]
        pager += [
            f'<font color="red">{n}</font>' if n == page else link(n, str(n))
            for n in range(1, last + 1)
        ]
        pager += (
            [link(page + 1, "下一页"), link(last, "尾页")] if page < last else ["下一页", "尾页"]
        )
        options = "".join(
            f'<option value="{n}"{" selected" if n == page else ""}>第{n}页</option>'
            for n in range(1, last + 1)
        )
        cid = CLASS_IDS[section.name]
        jump = (
            f'转到：<select name="page" onchange="javascript:window.location=\'ShowClass.asp?'
            f"ClassID={cid}&page='+this.options[this.selectedIndex].value;\">{options}</select>"
        )
        main = (
            f'<table width="100%" class="list"><tr><td class="list_title">{esc(section.name)}</td>'
            '</tr>\n<tr><td><table width="100%" border="0" cellspacing="0" cellpadding="0">\n'
            f"{rows}\n"
            f'</table></td></tr>\n<tr><td align="center" class="pager">{"&nbsp;".join(pager)}'
            f"&nbsp;{jump}</td></tr>\n</table>"
        )
        return self.layout(
            f"{section.name}--{SITE_NAME}", self.crumbs(section), main, self.sidebar(section)
        )

    def article_pager(self, art: Article, part: int) -> str:
        """Page numbers in brackets, this one bold, and 下一页 while there is one."""
        last = self.parts(art)
        if last == 1:
            return ""

        def link(n: int, label: str) -> str:
            return f'<a href="{attr(self.part_href(art, n))}">{label}</a>'

        numbers = [f"<b>[{n}]</b>" if n == part else link(n, f"[{n}]") for n in range(1, last + 1)]
        onward = [link(part + 1, "下一页")] if part < last else []
        return f'<p align="center">{"&nbsp;".join([*numbers, *onward])}</p>\n'

    def draw_article(self, art: Article, part: int = 1) -> str:
        """ShowArticle.asp: title, info row, content cell, tools, one 上一篇/下一篇 line."""
        older, newer = self.site.neighbours(art)

        def context(label: str, other: Article | None) -> str:
            if other is None:
                return f"{label}：没有了"
            return f'{label}：<a href="{self.article_href(other)}">{esc(other.title)}</a>'

        junk = "<style>#fontzoom p{margin-top:0;margin-bottom:0}</style>\n" if art.id % 2 else ""
        aid = art.id
        main = f"""<table width="100%" border="0" cellpadding="0" cellspacing="0" class="article">
<tr><td height="50" align="center" class="title"><font size="4" color="#BF0000"><b>{esc(art.title)}\
</b></font></td></tr>
<tr><td align="center" class="info">{self.date_and_source(art)}&nbsp;&nbsp;&nbsp;点击数：\
<script language="javascript" src="Count.asp?ArticleID={aid}"></script>&nbsp;&nbsp;&nbsp;\
【字体：<a href="javascript:fontZoom(16)">大</a> <a href="javascript:fontZoom(14)">中</a> <a \
href="javascript:fontZoom(12)">小</a>】</td></tr>
<tr><td height="1" bgcolor="#CCCCCC"></td></tr>
<tr><td class="content" id="fontzoom" valign="top">
{junk}<!-- 文章内容 -->
{self.draw_body(art, part)}
{self.article_pager(art, part)}
</td></tr>
<tr><td align="right">【<a href="Comment.asp?ArticleID={aid}" target="_blank">发表评论</a>】【<a \
href="Print.asp?ArticleID={aid}" target="_blank">打印本页</a>】【<a \
href="javascript:window.close();">关闭窗口</a>】</td></tr>
<tr><td class="share">分享到：<a href="javascript:shareTo('qzone')">QQ空间</a> <a \
href="javascript:shareTo('tsina')">新浪微博</a> <a \
href="javascript:shareTo('weixin')">微信</a></td></tr>
<tr><td class="prevnext">{context("上一篇", older)}&nbsp;&nbsp;{context("下一篇", newer)}</td></tr>
</table>
<script language="javascript">function fontZoom(size){{document.getElementById('fontzoom')\
.style.fontSize=size+'px';}}</script>"""
        return self.layout(
            f"{art.title}--{SITE_NAME}",
            self.crumbs(art.section, "正文"),
            main,
            self.sidebar(art.section),
        )

    def draw_about(self, section: Section) -> str:
        """About.asp."""
        heading, paragraphs = self.site.about
        text = "<br>\n".join(f"\u3000\u3000{esc(p)}" for p in paragraphs)
        main = (
            f'<table width="100%" class="article"><tr><td align="center" class="title"><b>'
            f'{esc(heading)}</b></td></tr>\n<tr><td class="content">{text}</td></tr></table>'
        )
        crumbs = f'<a href="/">首页</a>&nbsp;&gt;&gt;&nbsp;{esc(section.name)}'
        return self.layout(f"{section.name}--{SITE_NAME}", crumbs, main, self.sidebar(None))

    def draw_guestbook(self) -> str:
        """GuestBook.asp: messages above the form."""
        notes = "\n".join(
            f'<tr><td class="gb_title">{esc(m.author)}&nbsp;留言时间：'
            f"{m.posted:%Y-%m-%d %H:%M:%S}</td>"
            f'</tr><tr><td>{esc(m.text)}</td></tr><tr><td class="gb_reply">管理员回复：'
            f"{esc(m.reply)}</td></tr>"
            for m in self.site.messages
        )
        main = f"""<table width="100%" class="guestbook">
{notes}
</table>
<form name="form1" method="post" action="GuestBook.asp?Action=Save">
<table width="100%"><tr><td>姓名：<input name="GuestName" type="text" size="20"></td></tr>
<tr><td>内容：<textarea name="Content" cols="60" rows="6"></textarea></td></tr>
<tr><td><input type="submit" name="Submit" value="发表留言"></td></tr></table>
</form>"""
        crumbs = '<a href="/">首页</a>&nbsp;&gt;&gt;&nbsp;网友留言'
        return self.layout(f"网友留言--{SITE_NAME}", crumbs, main, self.sidebar(None))

    def draw_print(self, art: Article) -> str:
        """Print.asp."""
        return (
            f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            f'<title>{esc(art.title)}</title></head><body onload="window.print()"><h3>'
            f"{esc(art.title)}</h3>{self.draw_body(art)}</body></html>"
        )

    def draw_notice(self, message: str) -> str:
        """A PowerEasy message box."""
        return (
            f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            f'<title>{SITE_NAME}--提示信息</title></head><body><table align="center"><tr><td>'
            f'{esc(message)}</td></tr><tr><td><a href="/">返回首页</a></td></tr></table></body>'
            "</html>"
        )

    def draw_404(self) -> str:
        """IIS 6's Chinese 404 page."""
        return (
            f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            "<title>无法找到该页</title></head><body><h1>无法找到该页</h1>"
            "<p>您正在搜索的页面可能已经删除、更名或暂时不可用。</p><hr>"
            "<p>HTTP 错误 404 - 文件或目录未找到。<br>Internet 信息服务 (IIS)</p>"
            f'<p><a href="/">返回{SITE_NAME}首页</a></p></body></html>'
        )
