"""A start URL that leads to no site ends with exit status 3 and one line saying why: the
crawl is still recorded, and `ggcrawl probe` explains the same before any crawl."""

from __future__ import annotations

from pathlib import Path

import pytest

from ggcrawl.diagnosis import EXIT_NO_SITE
from tests.conftest import FAST, run_cli
from tests.static_site import HTML, ROBOTS, StaticSite, html

pytestmark = pytest.mark.e2e

PLACEHOLDER = html("<h1>网站建设中</h1><p>敬请期待</p>", "网站建设中")
CHALLENGE = html(
    "<script>var x=function(){document.cookie='__jsl_clearance=1603;max-age=3600;path=/';"
    "location.href=location.pathname+location.search};setTimeout(x,1500);</script>"
)
LOGIN = html(
    "<form action='/login' method='post'><p>用户名 <input name='u'></p>"
    "<p>密码 <input type='password' name='p'></p><button>登录</button></form>",
    "统一身份认证 登录",
)


def crawl(tmp_path: Path, pages: dict) -> tuple[int, str, StaticSite]:
    with StaticSite({"/robots.txt": ROBOTS, **pages}) as site:
        result = run_cli(
            "crawl", "--start-url", site.base_url, "--db", str(tmp_path / "a.db"), *FAST
        )
    return result.returncode, result.stderr, site


@pytest.mark.parametrize(
    ("page", "said"),
    [
        ((200, HTML, PLACEHOLDER), "no nav bar with column links on the start page"),
        ((521, HTML, CHALLENGE), "JavaScript challenge (HTTP 521"),
        ((200, HTML, LOGIN), "login form"),
        ((500, HTML, html("<p>Internal error</p>")), "HTTP 500"),
    ],
    ids=["placeholder", "challenge", "login", "error"],
)
def test_a_start_page_with_no_site_on_it(tmp_path: Path, page: tuple, said: str) -> None:
    status, stderr, _site = crawl(tmp_path, {"/": page})
    assert status == EXIT_NO_SITE, stderr
    lines = [line for line in stderr.splitlines() if line.startswith("No site found:")]
    assert len(lines) == 1 and said in lines[0], stderr
    crawls = run_cli("crawls", "--db", str(tmp_path / "a.db"), "--json")
    assert crawls.returncode == 0, crawls.stderr
    assert '"outcome": "finished"' in crawls.stdout


def test_a_nav_whose_columns_list_nothing(tmp_path: Path) -> None:
    names = ("关工要闻", "文件快递", "银发风采", "青少年风华", "活力基层")
    nav = "".join(f"<a href='/c{i}/'>{name}</a> " for i, name in enumerate(names))
    pages = {"/": (200, HTML, html(f"<div class='nav'><a href='/'>首页</a> {nav}</div>", "关工网"))}
    pages |= {f"/c{i}/": (200, HTML, html("<p>本栏目暂无内容</p>")) for i in range(len(names))}
    status, stderr, site = crawl(tmp_path, pages)
    assert status == EXIT_NO_SITE, stderr
    assert "columns list no articles" in stderr
    assert "/c0/" in site.requests
