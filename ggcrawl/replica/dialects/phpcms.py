"""PHPCMS v9 style: query-string URLs written absolute, UTF-8 declared in the header.

URLs (links are absolute, like PHPCMS's APP_PATH): listing
/index.php?m=content&c=index&a=lists&catid={n} (pager adds &page={k}), article
/index.php?m=content&c=index&a=show&catid={n}&id={id}, old static article
/html/{slug}/{yyyy}/{mmdd}/{id}.html (301), uploads /uploadfile/{yyyy}/{mmdd}/{id}_{n}.ext,
guestbook /index.php?m=guestbook&c=index&a=init&siteid=1, hit counter /api.php, comments and
admin under index.php?m=comment / m=admin. Times with seconds, half-width labels as on the
real page: 时间:2019-01-29 09:57:20. The 关工要闻 listing's first page is served with a bare
"text/html" Content-Type (meta charset only).
HTTP as nginx with `gzip on; gzip_vary on;` in front of PHP: ETag and Last-Modified, HTML
gzipped for clients that accept it (Vary: Accept-Encoding on every HTML answer), standard
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

_OLD = re.compile(r"/html/([a-z]+)/\d{4}/\d{4}/(\d+)\.html")
_ASSET = re.compile(r"/uploadfile/\d{4}/\d{4}/(\d+)_\d+\.[a-z]+")
CHARSETLESS_SECTION = "关工要闻"
GUESTBOOK = "/index.php?m=guestbook&c=index&a=init&siteid=1"


class Phpcms(Dialect):
    """PHPCMS v9-like dialect."""

    name = "phpcms"
    encoding = "utf-8"
    server = "nginx/1.10.3"
    html_type = "text/html; charset=utf-8"
    gzips_html = True
    home_cookies = (
        "PHPSESSID=r2t8sk1l6f0o5u3d7n4m9q1b6e; path=/",
        "ZiFEa_siteid=1; path=/",
    )
    robots = (
        "User-agent: *\n"
        "Disallow: /api.php\n"
        "Disallow: /admin.php\n"
        "Disallow: /index.php?m=admin\n"
        "Disallow: /index.php?m=member\n"
        "Disallow: /index.php?m=comment\n"
        "Disallow: /index.php?m=search\n"
        "Disallow: /index.php?m=guestbook&c=index&a=register\n"
        "Disallow: /caches/\n"
        "Disallow: /phpcms/\n"
    )
    # Two stylesheets, one importing a third, and their background images. (No address of the
    # other website in them: their bytes, and so the truth, would change with its port.)
    theme = (
        ThemeFile("/statics/css/reset.css", "stylesheet"),
        ThemeFile("/statics/css/default_blue.css", "stylesheet"),
        ThemeFile("/statics/images/logo.png", "image"),
        ThemeFile("/statics/css/common.css", "stylesheet", "/statics/css/default_blue.css"),
        ThemeFile("/statics/images/header_bg.png", "image", "/statics/css/default_blue.css"),
        ThemeFile("/statics/images/nav_bg.png", "image", "/statics/css/common.css"),
    )
    stylesheets: ClassVar[dict[str, str]] = {
        "/statics/css/reset.css": "html,body,div,ul,li,p{margin:0;padding:0}\n",
        "/statics/css/default_blue.css": (
            '@import url("common.css");\n'
            "/* url(old_header.png) is commented out */\n"
            ".header{height:90px;background:url( '../images/header_bg.png' ) no-repeat}\n"
            ".dot{background:url(data:image/gif;base64,R0lGODlhAQABAAAAACw=)}\n"
        ),
        "/statics/css/common.css": (
            ".nav-bar{background:#1c5fa5 url(/statics/images/nav_bg.png)}\n"
        ),
    }
    stylesheet_encoding = "utf-8"
    body_styles = (("p", "textindent", 5), ("p", "fullwidth", 3), ("p", "soup", 3))
    soup_tag = (
        '<span style="font-size:16px;"><span style="font-family:仿宋_GB2312;">',
        "</span></span>",
    )
    empty_paragraph = "<p><br />\n</p>"

    def catid(self, section: Section) -> int:
        """PHPCMS catids start after the demo categories of a fresh install."""
        return section.index + 6

    def section_path(self, section: Section) -> str:
        """Nav target; 关工委概况 is a single-page category with the same URL form."""
        if section.kind == "guestbook":
            return GUESTBOOK
        return f"/index.php?m=content&c=index&a=lists&catid={self.catid(section)}"

    def listing_path(self, section: Section, page: int) -> str:
        """Listing page address (page 1 is the nav URL)."""
        return self.section_path(section) + (f"&page={page}" if page > 1 else "")

    def article_path(self, art: Article) -> str:
        """Current (dynamic) article address."""
        return f"/index.php?m=content&c=index&a=show&catid={self.catid(art.section)}&id={art.id}"

    def old_article_path(self, art: Article) -> str:
        """The static address used before the site switched to dynamic URLs."""
        return f"/html/{art.section.slug}/{art.published:%Y/%m%d}/{art.id}.html"

    def asset_path(self, art: Article, asset: Asset) -> str:
        """Upload address."""
        return f"/uploadfile/{art.published:%Y/%m%d}/{art.id}_{asset.n}.{asset.ext}"

    def part_path(self, art: Article, part: int) -> str:
        """PHPCMS pages an article with &page=N."""
        return f"{self.article_path(art)}&page={part}"

    def href(self, path: str) -> str:
        """PHPCMS writes links absolute."""
        return self.url(path)

    def shown_time(self, when: datetime) -> str:
        """Full timestamp, as inputtime prints."""
        return f"{when:%Y-%m-%d %H:%M:%S}"

    def truth_time(self, when: datetime) -> str:
        """Seconds are shown, so they are true."""
        return when.strftime("%Y-%m-%dT%H:%M:%S+08:00")

    # ----- routes
    def finish(self, target: str, answer: Response) -> Response:
        """One listing page relies on its meta tag: the header carries no charset."""
        if target == self.section_path(self.site.section(CHARSETLESS_SECTION)):
            return answer._replace(headers=(("Content-Type", "text/html"),))
        return answer

    def route(self, method: str, path: str, query: dict[str, str]) -> Response | None:
        """index.php dispatches on m/c/a like PHPCMS's router."""
        if method == "POST":
            if path == "/index.php" and query.get("m") == "guestbook":
                return self.page(self.draw_notice("留言提交成功，请等待审核。"))
            return None
        if path == "/" or (path == "/index.php" and not query):
            return self.home()
        if path == "/index.php":
            return self.dispatch(query)
        if path == "/api.php":
            art = self.site.by_id.get(number(query, "id") or 0)
            hits = art.hits if art else 0
            return self.data(f"$('#hits').html('{hits}');".encode(), "application/x-javascript")
        if m := _OLD.fullmatch(path):
            art = self.site.by_id.get(int(m[2]))
            return self.serve_old_url(art) if art and self.old_article_path(art) == path else None
        if m := _ASSET.fullmatch(path):
            return self.serve_asset(path, int(m[1]))
        if path.startswith("/statics/"):
            return self.serve_theme(path)
        return None

    def dispatch(self, query: dict[str, str]) -> Response | None:
        """The m=content / m=guestbook / m=comment / m=admin modules."""
        module, action = query.get("m"), query.get("a")
        if module == "guestbook":
            return self.page(self.draw_guestbook())
        if module == "admin":
            return self.page(self.draw_notice("请输入用户名和密码登录后台。"))
        if module in ("comment", "search"):
            return self.page(self.draw_notice("暂无评论。"))
        if module != "content" or query.get("c") != "index":
            return None
        catid = number(query, "catid")
        section = next(
            (s for s in self.site.sections if s.kind != "guestbook" and self.catid(s) == catid),
            None,
        )
        if section is None:
            return None
        if action == "lists":
            if section.kind == "page":
                return self.page(self.draw_about(section))
            return self.listing_page(section, number(query, "page") or 1)
        if action == "show":
            art = self.site.by_id.get(number(query, "id") or 0)
            part = number(query, "page") or 1
            return self.serve_article(art, part) if art and art.section is section else None
        return None

    # ----- drawing
    def layout(self, title: str, crumbs: str, main: str, side: str, description: str = "") -> str:
        """PHPCMS default template frame."""
        base = attr(self.base)
        nav = '\n<li class="line">|</li>'.join(
            f'<li><a href="{attr(h)}"><span>{esc(n)}</span></a></li>' for n, h in self.nav_items()
        )
        friends = "\n".join(
            f'<li><a href="{attr(u)}" target="_blank">{esc(n)}</a></li>' for n, u in self.friends()
        )
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" \
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=7" />
<title>{esc(title)}</title>
<meta name="keywords" content="天水关工网,关心下一代" />
<meta name="description" content="{attr(description)}" />
<link href="{base}statics/css/reset.css" rel="stylesheet" type="text/css" />
<link href="{base}statics/css/default_blue.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="{base}statics/js/jquery.min.js"></script>
</head>
<body>
<div class="body-top"><div class="content">欢迎访问{SITE_NAME}！</div></div>
<div class="header">
<div class="logo"><a href="{base}"><img src="{base}statics/images/logo.png" \
alt="{SITE_NAME}" /></a></div>
<div class="search"><form action="{base}index.php" method="get" target="_blank">\
<input type="hidden" name="m" value="search"/><input type="text" name="q" id="q"/>\
<input type="submit" value="搜 索"/></form></div>
<div class="nav-bar"><map><ul class="nav-site">
{nav}
</ul></map></div>
</div>
<div class="main">
<div class="col-left">
<div class="crumbs">{crumbs}</div>
{main}
</div>
<div class="col-auto">
{side}
</div>
</div>
<div class="footer">
<div class="links"><h5>友情链接</h5><ul>
{friends}
</ul></div>
<p class="info">主办:{OWNER} 版权所有:{SITE_NAME}<br />
地址:{ADDRESS} 邮编:{POSTCODE} 电话:{PHONE} 邮箱:{EMAIL}<br />
<a href="{attr(self.offsite)}beian/" target="_blank">{ICP}</a>&nbsp;&nbsp;技术支持:<a \
href="{attr(self.offsite)}boran/" target="_blank">{BUILDER}</a>&nbsp;&nbsp;<a \
href="{base}index.php?m=admin&amp;c=index&amp;a=login">管理登录</a></p>
</div>
</body>
</html>
"""

    def crumbs(self, section: Section, tail: str = "") -> str:
        """The bare trail of the real page: 首页 > 调研与思考 > 正文."""
        return (
            f'<a href="{attr(self.base)}">首页</a><span> &gt; </span><a '
            f'href="{attr(self.href(self.section_path(section)))}">{esc(section.name)}</a>'
            + (f" &gt;  {tail}" if tail else "")
        )

    def draw_sidebar(self, section: Section | None) -> str:
        """热点文章 with hit counts, 最新文章 with dates."""
        hot = "\n".join(
            f'<li><a href="{attr(self.article_href(a))}" title="{attr(a.title)}">'
            f"{esc(cut(a.title, 16))}</a><span>({a.hits})</span></li>"
            for a in self.site.hot()
        )
        new = "\n".join(
            f'<li><span class="rt">{a.published:%Y-%m-%d}</span>·<a '
            f'href="{attr(self.article_href(a))}">{esc(a.title)}</a></li>'
            for a in self.site.latest(section)
        )
        return (
            f'<div class="box"><h5 class="title-2">热点文章</h5><ul class="content digg">\n{hot}\n'
            f'</ul></div>\n<div class="box"><h5 class="title-2">最新文章</h5><ul class="content '
            f'list f14">\n{new}\n</ul></div>'
        )

    def draw_home(self) -> str:
        """Latest six per column in PHPCMS's box style."""
        boxes = []
        for section in self.site.columns:
            link = attr(self.href(self.section_path(section)))
            items = "\n".join(
                f'<li><span class="rt">{a.published:%m-%d}</span>·<a '
                f'href="{attr(self.article_href(a))}" target="_blank">{esc(a.title)}</a></li>'
                for a in self.site.latest(section, 6)
            )
            boxes.append(
                f'<div class="box cat-area"><h5 class="title-1">{esc(section.name)}<a '
                f'href="{link}" class="more">更多>></a></h5><ul class="content">\n{items}\n'
                "</ul></div>"
            )
        about = self.site.section("关工委概况")
        intro = (
            f'<div class="box"><h5 class="title-2">{esc(about.name)}</h5><p>'
            f"{esc(self.site.about[1][0][:60])}……"
            f'<a href="{attr(self.href(self.section_path(about)))}">'
            "[详细]</a></p></div>"
        )
        side = intro + self.sidebar(None)
        return self.layout(
            f"{SITE_NAME} - 天水市关心下一代工作委员会",
            f'<a href="{attr(self.base)}">首页</a>',
            "\n".join(boxes),
            side,
        )

    def draw_listing(self, section: Section, page: int, pages: list[tuple[Entry, ...]]) -> str:
        """A PHPCMS list page with the #pages pager."""
        rows = "\n".join(
            f'<li><span class="rt">{art.published:%Y-%m-%d %H:%M:%S}</span>·<a '
            f'href="{attr(self.entry_href(art, old))}" target="_blank">{esc(art.title)}</a></li>'
            for art, old in pages[page - 1]
        )
        last, count = len(pages), sum(len(p) for p in pages)

        def href(n: int) -> str:
            return attr(self.href(self.listing_path(section, n)))

        pager = [f'<a class="a1">{count}条</a>']
        pager.append(
            f'<a class="a1" href="{href(page - 1)}">上一页</a>'
            if page > 1
            else '<a class="a1">上一页</a>'
        )
        pager += [
            f"<span>{n}</span>" if n == page else f'<a href="{href(n)}">{n}</a>'
            for n in range(1, last + 1)
        ]
        pager.append(
            f'<a class="a1" href="{href(page + 1)}">下一页</a>'
            if page < last
            else '<a class="a1">下一页</a>'
        )
        main = (
            f'<div class="box"><ul class="list lh24 f14">\n{rows}\n</ul>\n'
            f'<div id="pages" class="text-c">{" ".join(pager)}</div></div>'
        )
        return self.layout(
            f"{section.name} - {SITE_NAME}", self.crumbs(section), main, self.sidebar(section)
        )

    def article_pager(self, art: Article, part: int) -> str:
        """content_pages(): 上一页 and 下一页 link the page itself at either end."""
        last = self.parts(art)
        if last == 1:
            return ""

        def link(n: int, label: str = "", css: str = "") -> str:
            return f'<a{css} href="{attr(self.part_href(art, n))}">{label or n}</a>'

        numbers = [f"<span>{n}</span>" if n == part else link(n) for n in range(1, last + 1)]
        previous = link(max(part - 1, 1), "上一页", ' class="a1"')
        return " ".join([previous, *numbers, link(min(part + 1, last), "下一页", ' class="a1"')])

    def draw_article(self, art: Article, part: int = 1) -> str:
        """show.html: meta inside the <h1>, body in .content, 上一篇/下一篇 in <p>s."""
        older, newer = self.site.neighbours(art)

        def context(label: str, other: Article | None) -> str:
            if other is None:
                return f"<p>{label}:没有了</p>"
            return (
                f'<p>{label}:<a href="{attr(self.article_href(other))}">{esc(other.title)}</a></p>'
            )

        rng = self.rng_for(art)
        junk = rng.choice(
            (
                "<script type=\"text/javascript\">$(function(){$('.content img').each(function(){"
                "if($(this).width()>640){$(this).width(640);}});});</script>",
                "<!--正文内容-->",
            )
        )
        comment = f"content_{self.catid(art.section)}-{art.id}-1"
        base = attr(self.base)
        main = f"""<div id="Article">
<h1>{esc(art.title)}<br />
<span>时间:{self.shown_time(art.published)}&nbsp;&nbsp;&nbsp;&nbsp;来源:{esc(art.source)}\
&nbsp;&nbsp;&nbsp;&nbsp;评论:<a href="#comment_iframe" id="comment">0</a> 条 点击:<span \
id="hits"></span></span></h1>
<div class="content">
{junk}
{self.draw_body(art, part)}
</div>
<!--正文结束-->
<div id="pages" class="text-c">{self.article_pager(art, part)}</div>
<div class="bdshare_t bds_tools get-codes-bdshare" id="bdshare">\
<span class="bds_more">分享到：</span>\
<a class="bds_qzone">QQ空间</a><a class="bds_tsina">新浪微博</a><a class="bds_weixin">微信</a></div>
<script type="text/javascript" id="bdshell_js"></script>
<p class="f14 print">【<a href="javascript:window.print();">打印本页</a>】【<a \
href="javascript:window.close();">关闭窗口</a>】</p>
<div class="prevnext">
{context("上一篇", older)}
{context("下一篇", newer)}
</div>
<iframe src="{base}index.php?m=comment&amp;c=index&amp;a=init&amp;commentid={comment}\
&amp;iframe=1" \
width="100%" height="100%" id="comment_iframe" frameborder="0" scrolling="no"></iframe>
</div>
<script language="JavaScript" \
src="{base}api.php?op=count&amp;id={art.id}&amp;modelid=1"></script>"""
        return self.layout(
            f"{art.title} - {art.section.name} - {SITE_NAME}",
            self.crumbs(art.section, "正文"),
            main,
            self.sidebar(art.section),
            self.description(art),
        )

    def draw_about(self, section: Section) -> str:
        """A PHPCMS single page (page.html)."""
        heading, paragraphs = self.site.about
        text = "\n".join(f'<p style="text-indent:2em">{esc(p)}</p>' for p in paragraphs)
        main = (
            f'<div id="Article"><h1>{esc(heading)}</h1>\n<div class="content">\n{text}\n'
            "</div></div>"
        )
        return self.layout(
            f"{section.name} - {SITE_NAME}", self.crumbs(section), main, self.sidebar(None)
        )

    def draw_guestbook(self) -> str:
        """The guestbook module's index."""
        base = attr(self.base)
        notes = "\n".join(
            f'<div class="guestbook-item"><h6>{esc(m.author)}<span>{m.posted:%Y-%m-%d %H:%M:%S}'
            f'</span></h6><p>{esc(m.text)}</p><p class="reply">回复：{esc(m.reply)}</p></div>'
            for m in self.site.messages
        )
        main = f"""<div class="box guestbook">
<form action="{base}index.php?m=guestbook&amp;c=index&amp;a=register&amp;siteid=1" method="post">
<p>昵称：<input type="text" name="guestbook[name]" /></p>
<p>留言：<textarea name="guestbook[introduce]" rows="6" cols="60"></textarea></p>
<p><input type="submit" name="dosubmit" value="提交" /></p>
</form>
{notes}
</div>"""
        crumbs = f'<a href="{base}">首页</a><span> &gt; </span>网友留言'
        return self.layout(f"网友留言 - {SITE_NAME}", crumbs, main, self.sidebar(None))

    def draw_notice(self, message: str) -> str:
        """PHPCMS showmessage()."""
        return (
            f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; '
            f'charset=utf-8" /><title>提示信息</title></head><body><div class="showMsg">'
            f'<h5>提示信息</h5><div class="content">{esc(message)}</div></div></body></html>'
        )

    def draw_404(self) -> str:
        """Not found, in PHPCMS's message style."""
        return (
            f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; '
            f'charset=utf-8" /><title>404 - {SITE_NAME}</title></head><body><div class="showMsg">'
            '<h5>提示信息</h5><div class="content">抱歉，您要访问的信息不存在或已被删除！</div>'
            f'<a href="{attr(self.base)}">返回首页</a></div></body></html>'
        )
