"""DedeCMS 5.x style: generated static paths, GBK pages, and a Content-Type without charset.

URLs: listing /a/{slug}/ (pager: list_{tid}_{n}.html, page 1 aliased as list_{tid}_1.html),
article /a/{slug}/{yyyymmdd}/{id}.html, old article /a/{slug}/{yyyy}/{mmdd}/{id}.html (301),
images /uploads/allimg/{yymmdd}/{id}-{n}.ext, attachments /uploads/soft/{yymmdd}/{id}-{n}.ext,
dynamic helpers under /plus/ (view, print, feedback, count, guestbook), admin /dede/login.php.
Times are shown to the minute: 发布时间：2019-01-29 09:57.
HTTP as Apache serves static files: ETag and Last-Modified, identity encoding only, standard
reason phrases; the home page sets two cookies.
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

_ARTICLE = re.compile(r"/a/([a-z]+)/\d{8}/(\d+)(?:_(\d+))?\.html")
_OLD = re.compile(r"/a/([a-z]+)/\d{4}/\d{4}/(\d+)\.html")
_LIST = re.compile(r"/a/([a-z]+)/list_(\d+)_(\d+)\.html")
_SECTION = re.compile(r"/a/([a-z]+)/(?:index\.html)?")
_ASSET = re.compile(r"/uploads/(?:allimg|soft)/\d{6}/(\d+)-\d+\.[a-z]+")


class Dede(Dialect):
    """DedeCMS-like dialect."""

    name = "dede"
    encoding = "gbk"
    server = "Apache/2.2.22 (Win32) PHP/5.2.17"
    html_type = "text/html"  # Apache's default: no charset; the meta tag says gb2312
    robots = (
        "User-agent: *\n"
        "Allow: /plus/guestbook.php\n"
        "Disallow: /plus/\n"
        "Disallow: /dede/\n"
        "Disallow: /include/\n"
        "Disallow: /member/\n"
        "Disallow: /data/\n"
        "Disallow: /templets/\n"
    )
    home_cookies = (
        "PHPSESSID=9c1185a5c5e9fc54612808977ee8f548; path=/",
        "DedeStUUID=7e2a91c4; expires=Mon, 01-Jul-2030 00:00:00 GMT; path=/",
    )
    # All under /templets/, which DedeCMS's robots.txt keeps crawlers out of: a crawl that
    # obeys it lists the stylesheet and the logo, refused, and never learns what the stylesheet
    # loads. The friends' logo is on the other website.
    theme = (
        ThemeFile("/templets/default/style/dedecms.css", "stylesheet"),
        ThemeFile("/templets/default/images/logo.gif", "image"),
        ThemeFile(
            "/templets/default/images/top_bg.gif",
            "image",
            "/templets/default/style/dedecms.css",
        ),
        ThemeFile("/images/gsggw_logo.gif", "image", offsite=True),
    )
    stylesheets: ClassVar[dict[str, str]] = {
        "/templets/default/style/dedecms.css": (
            '@charset "gb2312";\n'
            "/* 天水关工网 默认模板 */\n"
            "body{margin:0;font-size:12px;font-family:宋体}\n"
            ".header{background:#fff url(../images/top_bg.gif) repeat-x}\n"
        ),
    }
    stylesheet_encoding = "gbk"
    body_styles = (
        ("p", "nbsp", 6),
        ("p", "textindent", 2),
        ("p", "soup", 2),
        ("br", "fullwidth", 1),
    )

    def tid(self, section: Section) -> int:
        """DedeCMS typeid: sections were created in nav order."""
        return section.index + 1

    def section_path(self, section: Section) -> str:
        """Nav target of a section."""
        return "/plus/guestbook.php" if section.kind == "guestbook" else f"/a/{section.slug}/"

    def listing_path(self, section: Section, page: int) -> str:
        """Listing page address."""
        if page == 1:
            return self.section_path(section)
        return f"/a/{section.slug}/list_{self.tid(section)}_{page}.html"

    def article_path(self, art: Article) -> str:
        """Current article address."""
        return f"/a/{art.section.slug}/{art.published:%Y%m%d}/{art.id}.html"

    def old_article_path(self, art: Article) -> str:
        """Article address under the site's previous naming rule."""
        return f"/a/{art.section.slug}/{art.published:%Y/%m%d}/{art.id}.html"

    def asset_path(self, art: Article, asset: Asset) -> str:
        """Upload address."""
        folder = "allimg" if asset.kind == "image" else "soft"
        return f"/uploads/{folder}/{art.published:%y%m%d}/{art.id}-{asset.n}.{asset.ext}"

    def part_path(self, art: Article, part: int) -> str:
        """A static page per page of the article: 123_2.html."""
        return self.article_path(art).removesuffix(".html") + f"_{part}.html"

    def shown_time(self, when: datetime) -> str:
        """Minutes only, as MyDate('Y-m-d H:i') prints."""
        return f"{when:%Y-%m-%d %H:%M}"

    def summary_box(self, art: Article) -> str:
        """The article's description (its opening, cut short with "...") that the template
        prints between the info line and the body, for every third article: no body text."""
        if art.id % 3:
            return ""
        opening = next((line.text for line in self.site.body(art) if line.text.strip()), "")
        return f'<div class="intro"><strong>内容摘要：</strong>{esc(opening[:40])}...</div>\n'

    # ----- routes
    def route(self, method: str, path: str, query: dict[str, str]) -> Response | None:
        """Static paths first, then the /plus/ helpers."""
        if method == "POST":
            if path == "/plus/guestbook.php":
                return self.page(self.draw_notice("留言成功，请等待管理员审核！"))
            return None
        if path in ("/", "/index.html"):
            return self.home()
        if m := _ARTICLE.fullmatch(path):
            art, part = self.site.by_id.get(int(m[2])), int(m[3] or 1)
            if art is None or (m[3] and part < 2):
                return None
            shown = self.part_path(art, part) if m[3] else self.article_path(art)
            return self.serve_article(art, part) if shown == path else None
        if m := _OLD.fullmatch(path):
            art = self.site.by_id.get(int(m[2]))
            return self.serve_old_url(art) if art and self.old_article_path(art) == path else None
        if m := _LIST.fullmatch(path):
            section = self.by_slug(m[1])
            if section and section.kind == "listing" and int(m[2]) == self.tid(section):
                return self.listing_page(section, int(m[3]))
            return None
        if m := _SECTION.fullmatch(path):
            section = self.by_slug(m[1])
            if section and section.kind == "page":
                return self.page(self.draw_about(section))
            return self.listing_page(section, 1) if section else None
        if m := _ASSET.fullmatch(path):
            return self.serve_asset(path, int(m[1]))
        if path.startswith("/plus/"):
            return self.plus(path, query)
        if path.startswith("/dede/"):
            return self.page(self.draw_login())
        if path.startswith(("/templets/", "/include/")):
            return self.serve_theme(path)
        return None

    def by_slug(self, slug: str) -> Section | None:
        """The section whose folder is /a/{slug}/ (the guestbook has none)."""
        found = [s for s in self.site.sections if s.slug == slug and s.kind != "guestbook"]
        return found[0] if found else None

    def plus(self, path: str, query: dict[str, str]) -> Response | None:
        """DedeCMS's dynamic helpers; robots.txt keeps crawlers out of all but the guestbook."""
        name = path[len("/plus/") :]
        if name == "guestbook.php":
            return self.page(self.draw_guestbook())
        if name in ("search.php", "stow.php", "recommend.php", "erraddsave.php"):
            return self.page(self.draw_notice("请先登录会员中心！"))
        aid = number(query, "aid")
        art = self.site.by_id.get(aid) if aid is not None else None
        if art is None or art.status != "live":
            return None
        if name == "view.php":
            return self.article_page(self.draw_article(art), art)
        if name == "print.php":
            return self.article_page(self.draw_print(art), art)
        if name == "feedback.php":
            return self.page(self.draw_notice(f"《{art.title}》的评论：暂无评论。"))
        if name == "count.php":
            return self.data(f"document.write('{art.hits}');".encode(), "application/x-javascript")
        return None

    # ----- drawing
    def layout(self, title: str, place: str, main: str, side: str, description: str = "") -> str:
        """The shared page frame: header, nav, two columns, 友情链接, footer."""
        nav = "\n".join(
            f"<li><a href='{attr(h)}'><span>{esc(n)}</span></a></li>" for n, h in self.nav_items()
        )
        friends = "\n".join(
            f"<li><a href='{attr(u)}' target='_blank'>{esc(n)}</a></li>" for n, u in self.friends()
        )
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" \
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{esc(title)}</title>
<meta name="keywords" content="关心下一代,关工委,天水" />
<meta name="description" content="{attr(description)}" />
<link href="/templets/default/style/dedecms.css" rel="stylesheet" media="screen" type="text/css" />
<script language="javascript" type="text/javascript" src="/include/dedeajax2.js"></script>
</head>
<body class="articleview">
<div class="header">
 <div class="top w960 center">
  <div class="title"><h1><a href="/"><img src="/templets/default/images/logo.gif" height="54" \
width="216" alt="{SITE_NAME}"/></a></h1></div>
  <div class="search"><form name="formsearch" action="/plus/search.php"><input type="hidden" \
name="kwtype" value="0" /><input name="q" type="text" class="search-keyword" \
value="在这里搜索..." />\
<button type="submit" class="search-submit">搜索</button></form></div>
 </div>
 <div class="module blue mT10 wrapper w963"><div id="navMenu"><ul>
{nav}
 </ul></div></div>
</div>
<div class="w960 center clear mt1">
<div class="pleft">
<div class="place"><strong>当前位置：</strong>{place}</div>
{main}
</div>
<div class="pright">
{side}
</div>
</div>
<div class="flink w960 center clear"><dl class="tbox"><dt><strong>友情链接</strong><a \
href='{attr(self.offsite)}gsggw/' target='_blank'><img \
src='{attr(self.offsite)}images/gsggw_logo.gif' width='88' height='31' alt='' /></a></dt>
<dd><ul class="f5">
{friends}
</ul></dd></dl></div>
<div class="footer w960 center mt1 clear">
<div class="footer_body">
<p class="powered">主办:{OWNER} 版权所有:{SITE_NAME}<br />
地址:{ADDRESS} 邮编:{POSTCODE} 电话:{PHONE} 邮箱:{EMAIL}<br />
<a href='{attr(self.offsite)}beian/' target='_blank'>{ICP}</a>&nbsp;&nbsp;技术支持:<a \
href='{attr(self.offsite)}boran/' target='_blank'>{BUILDER}</a>&nbsp;&nbsp;<a \
href='/dede/login.php'>管理登录</a></p>
</div>
</div>
</body>
</html>
"""

    def crumbs(self, section: Section, tail: str = "") -> str:
        """当前位置 trail."""
        return (
            f"<a href='/'>首页</a> &gt; <a href='{attr(self.section_path(section))}'>"
            f"{esc(section.name)}</a> &gt; {tail}"
        )

    def draw_sidebar(self, section: Section | None) -> str:
        """热点文章 (truncated titles) and 最新文章 (with dates)."""
        hot = "\n".join(
            f"<li><a href='{attr(self.article_href(a))}'>{esc(cut(a.title, 15))}</a></li>"
            for a in self.site.hot()
        )
        new = "\n".join(
            f"<li><span>{a.published:%m-%d}</span><a href='{attr(self.article_href(a))}'>"
            f"{esc(a.title)}</a></li>"
            for a in self.site.latest(section)
        )
        return f"""<div class="commend mt1"><dl class="tbox light"><dt class="light">\
<strong>热点文章</strong></dt><dd class="light"><ul class="d4">
{hot}
</ul></dd></dl></div>
<div class="infos_userinfo"><dl class="tbox"><dt><strong>最新文章</strong></dt><dd>\
<ul class="c1 ico2">
{new}
</ul></dd></dl></div>"""

    def draw_home(self) -> str:
        """Latest six articles of every column."""
        boxes = []
        for section in self.site.columns:
            items = "".join(
                f"<li><span>{a.published:%m-%d}</span><a href='{attr(self.article_href(a))}' "
                f"title='{attr(a.title)}'>{esc(cut(a.title, 20))}</a></li>\n"
                for a in self.site.latest(section, 6)
            )
            link = attr(self.section_path(section))
            boxes.append(
                f"<dl class='tbox'><dt><strong><a href='{link}'>{esc(section.name)}</a>"
                f"</strong><span class='more'><a href='{link}'>更多...</a></span></dt>"
                f"<dd><ul class='d1 ico3'>\n{items}</ul></dd></dl>"
            )
        about, guestbook = self.site.section("关工委概况"), self.site.section("网友留言")
        side = (
            f"<dl class='tbox'><dt><strong>{esc(about.name)}</strong></dt><dd><p>"
            f"{esc(self.site.about[1][0][:60])}…<a href='{attr(self.section_path(about))}'>详细"
            f"</a></p></dd></dl>\n<p><a href='{attr(self.section_path(guestbook))}'>我要留言"
            "</a></p>"
            f"\n{self.sidebar(None)}"
        )
        return self.layout(
            f"{SITE_NAME}_天水市关心下一代工作委员会",
            "<a href='/'>首页</a>",
            "\n".join(boxes),
            side,
        )

    def draw_listing(self, section: Section, page: int, pages: list[tuple[Entry, ...]]) -> str:
        """A column page with DedeCMS's pagelist."""
        items = []
        for art, old in pages[page - 1]:
            items.append(
                f"<li><a href='{attr(self.entry_href(art, old))}' class='title'>"
                f"{esc(art.title)}</a><span class='info'><small>日期：</small>"
                f"{art.published:%Y-%m-%d} <small>点击：</small>{art.hits}</span>"
                f"<p class='intro'>{esc(self.description(art))}...</p></li>"
            )
        tid, last = self.tid(section), len(pages)

        def link(n: int, label: str) -> str:
            return f"<li><a href='list_{tid}_{n}.html'>{label}</a></li>"

        pager = (
            [link(1, "首页"), link(page - 1, "上一页")]
            if page > 1
            else ["<li><a>首页</a></li>", "<li><a>上一页</a></li>"]
        )
        pager += [
            f'<li class="thisclass">{n}</li>' if n == page else link(n, str(n))
            for n in range(1, last + 1)
        ]
        pager += (
            [link(page + 1, "下一页"), link(last, "末页")]
            if page < last
            else ["<li><a>下一页</a></li>", "<li><a>末页</a></li>"]
        )
        count = sum(len(p) for p in pages)
        pager.append(
            f'<li><span class="pageinfo">共 <strong>{last}</strong>页<strong>{count}'
            f"</strong>条</span></li>"
        )
        main = (
            '<div class="listbox"><ul class="e2">\n' + "\n".join(items) + "\n</ul></div>\n"
            f'<div class="dede_pages"><ul class="pagelist">{"".join(pager)}</ul></div>'
        )
        title = f"{section.name}_{SITE_NAME}" + (f"_第{page}页" if page > 1 else "")
        return self.layout(title, self.crumbs(section), main, self.sidebar(section))

    def article_pager(self, art: Article, part: int) -> str:
        """{dede:pagebreak/}: file names relative to the page, ``#`` where there is none."""
        last = self.parts(art)
        if last == 1:
            return ""

        def item(n: int, label: str = "") -> str:
            href = self.part_href(art, n).rsplit("/", 1)[-1] if 1 <= n <= last else "#"
            return f"<li><a href='{attr(href)}'>{label or n}</a></li>"

        numbers = [
            f"<li class=\"thisclass\"><a href='#'>{n}</a></li>" if n == part else item(n)
            for n in range(1, last + 1)
        ]
        return (
            f'<div class="dede_pages"><ul class="pagelist"><li><a>共{last}页: </a></li>'
            f"{item(part - 1, '上一页')}{''.join(numbers)}{item(part + 1, '下一页')}</ul></div>\n"
        )

    def draw_article(self, art: Article, part: int = 1) -> str:
        """An article view with the DedeCMS info bar, context links and helpers."""
        older, newer = self.site.neighbours(art)

        def context(label: str, other: Article | None) -> str:
            if other is None:
                return f"<li>{label}：没有了 </li>"
            href = attr(self.article_href(other))
            return f"<li>{label}：<a href='{href}'>{esc(other.title)}</a> </li>"

        rng = self.rng_for(art)
        junk = rng.choice(
            (
                "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View><w:Zoom>0</w:Zoom>"
                "</w:WordDocument></xml><![endif]-->",
                '<style type="text/css">p.MsoNormal{margin:0cm;font-size:10.5pt;'
                "font-family:宋体}</style>",
            )
        )
        aid = art.id
        main = f"""<div class="viewbox">
<div class="title"><h2>{esc(art.title)}</h2></div>
<div class="info"><small>发布时间：</small>{self.shown_time(art.published)} <small>来源：</small>\
{esc(art.source)} <small>作者：</small>佚名 <small>点击：</small><script \
src="/plus/count.php?view=yes&amp;aid={aid}&amp;mid=1" type='text/javascript' \
language="javascript"></script>次</div>
{self.summary_box(art)}<div class="content">
<table width='100%'><tr><td>
{junk}
<!-- 正文开始 -->
{self.draw_body(art, part)}
<!-- 正文结束 -->
</td></tr></table>
{self.article_pager(art, part)}
</div>
<div class="printbar">【<a href="/plus/print.php?aid={aid}" target="_blank">打印本页</a>】\
【<a href="javascript:window.close();">关闭窗口</a>】</div>
<div class="bdsharebuttonbox"><a href="#" class="bds_more" data-cmd="more">分享到：</a><a \
href="#" class="bds_qzone" data-cmd="qzone" title="分享到QQ空间"></a><a href="#" class="bds_tsina" \
data-cmd="tsina" title="分享到新浪微博"></a><a href="#" class="bds_weixin" data-cmd="weixin" \
title="分享到微信"></a></div>
<script>window._bd_share_config={{"common":{{"bdSnsKey":{{}},"bdText":"","bdMini":"2"}},\
"share":{{}}}};</script>
<div class="boxoff"><strong>------分隔线----------------------------</strong></div>
<div class="handle">
<div class="context"><ul>
{context("上一篇", older)}
{context("下一篇", newer)}
</ul></div>
<div class="actbox"><ul>
<li id="act-fav"><a href="/plus/stow.php?aid={aid}" target="_blank">收藏</a></li>
<li id="act-pus"><a href="/plus/recommend.php?aid={aid}" target="_blank">推荐</a></li>
<li id="act-pnt"><a href="/plus/print.php?aid={aid}" target="_blank">打印</a></li>
<li id="act-view"><a href="/plus/view.php?aid={aid}">动态浏览</a></li>
</ul></div>
</div>
</div>
<div class="feedback"><iframe src="/plus/feedback.php?aid={aid}" width="100%" height="200" \
frameborder="0"></iframe><a href="/plus/feedback.php?aid={aid}">查看所有评论</a></div>"""
        title = f"{art.title}_{art.section.name}_{SITE_NAME}"
        return self.layout(
            title,
            self.crumbs(art.section, "正文"),
            main,
            self.sidebar(art.section),
            self.description(art),
        )

    def draw_about(self, section: Section) -> str:
        """The single page 关工委概况."""
        heading, paragraphs = self.site.about
        text = "\n".join(f"<p>&nbsp; &nbsp; {esc(p)}</p>" for p in paragraphs)
        main = (
            f'<div class="viewbox"><div class="title"><h2>{esc(heading)}</h2></div>\n'
            f'<div class="content">\n{text}\n</div></div>'
        )
        place = f"<a href='/'>首页</a> &gt; {esc(section.name)}"
        return self.layout(f"{section.name}_{SITE_NAME}", place, main, self.sidebar(None))

    def draw_guestbook(self) -> str:
        """网友留言: the form and the published messages."""
        notes = "\n".join(
            f'<div class="gbook"><div class="gbtitle">{esc(m.author)} 发表于 '
            f'{m.posted:%Y-%m-%d %H:%M}</div><div class="gbcontent">{esc(m.text)}</div>'
            f'<div class="gbreply">管理员回复：{esc(m.reply)}</div></div>'
            for m in self.site.messages
        )
        main = f"""<div class="gbookbox">
<form action="/plus/guestbook.php?action=save" method="post" name="form1">
<p>姓名：<input type="text" name="uname" size="20" /></p>
<p>内容：<textarea name="msg" cols="60" rows="6"></textarea></p>
<p><input type="submit" value="提交留言" /></p>
</form>
{notes}
</div>"""
        place = "<a href='/'>首页</a> &gt; 网友留言"
        return self.layout(f"网友留言_{SITE_NAME}", place, main, self.sidebar(None))

    def draw_print(self, art: Article) -> str:
        """The /plus/print.php view."""
        return (
            f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />'
            f"<title>{esc(art.title)}</title></head><body><h2>{esc(art.title)}</h2>"
            f"<p>{self.shown_time(art.published)}</p>{self.draw_body(art)}</body></html>"
        )

    def draw_notice(self, message: str) -> str:
        """DedeCMS's ShowMsg page."""
        return (
            f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />'
            f"<title>{SITE_NAME} 提示信息</title></head><body><div class='msg'>{esc(message)}"
            f"<br /><a href='/'>返回首页</a></div></body></html>"
        )

    def draw_login(self) -> str:
        """/dede/login.php."""
        return (
            f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />'
            f"<title>{SITE_NAME} 管理登录</title></head><body><form action='/dede/login.php' "
            "method='post'>用户名：<input name='userid' /> 密码：<input type='password' "
            "name='pwd' /><input type='submit' value='登录' /></form></body></html>"
        )

    def draw_404(self) -> str:
        """Apache ErrorDocument in the site's encoding."""
        return (
            f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />'
            f"<title>404 页面不存在 - {SITE_NAME}</title></head><body><h1>404 Not Found</h1>"
            f"<p>对不起，您访问的页面不存在或已被删除！</p><p><a href='/'>返回{SITE_NAME}首页</a>"
            "</p></body></html>"
        )
