"""The site's names: a start URL that redirects, http/https and www./bare variants, and an
archive that keeps its URLs under one origin when the site moves (ggcrawl.scope)."""

from __future__ import annotations

from ggcrawl.scope import SiteScope, origin_url, variants


def test_variants_are_the_other_scheme_and_the_www_or_bare_host() -> None:
    assert variants(("https", "www.tsggw.cn", 443)) == {
        ("http", "www.tsggw.cn", 80),
        ("http", "tsggw.cn", 80),
        ("https", "tsggw.cn", 443),
    }
    assert ("https", "www.tsggw.cn", 443) in variants(("http", "tsggw.cn", 80))
    # An address has no www. form, and a port of its own serves one scheme.
    assert variants(("http", "127.0.0.1", 8000)) == set()
    assert variants(("http", "127.0.0.1", 80)) == {("https", "127.0.0.1", 443)}
    assert variants(("http", "site.cn", 8000)) == {("http", "www.site.cn", 8000)}


def test_origin_url_shows_a_port_only_where_it_is_not_the_default() -> None:
    assert origin_url(("https", "www.tsggw.cn", 443)) == "https://www.tsggw.cn/"
    assert origin_url(("http", "127.0.0.1", 8000)) == "http://127.0.0.1:8000/"


def test_a_start_url_that_does_not_move_is_the_site() -> None:
    scope = SiteScope.of("http://tsggw.cn/")
    assert scope.stored == scope.live == ("http", "tsggw.cn", 80)
    assert scope.is_site("http://tsggw.cn/a/1.html")
    assert scope.is_site("https://www.tsggw.cn/a/1.html")
    assert not scope.is_site("http://other.cn/a/1.html")
    assert not scope.is_site("mailto:gw@tsggw.cn")
    # Links to the other names are the same page, kept and fetched under the start URL's.
    assert scope.to_store("https://www.tsggw.cn/a/1.html?id=2") == "http://tsggw.cn/a/1.html?id=2"
    assert scope.to_fetch("https://tsggw.cn/a/1.html") == "http://tsggw.cn/a/1.html"
    assert scope.to_store("http://other.cn/x") == "http://other.cn/x"


def test_on_a_first_crawl_the_redirect_target_becomes_the_site() -> None:
    scope = SiteScope.of("http://127.0.0.2:8001/")
    assert scope.moved_to("http://127.0.0.1:8000/index.html")
    assert scope.live == scope.stored == ("http", "127.0.0.1", 8000)
    # The address given is a name of the site too: its links are kept under the real one.
    assert scope.to_store("http://127.0.0.2:8001/a/1.html") == "http://127.0.0.1:8000/a/1.html"
    assert scope.is_site("http://127.0.0.1:8000/a/2.html")
    assert not scope.moved_to("http://127.0.0.1:8000/")


def test_a_site_that_moved_since_the_first_crawl_keeps_the_archives_urls() -> None:
    scope = SiteScope.of("http://tsggw.cn/", canonical="http://tsggw.cn/")
    scope.moved_to("https://www.tsggw.cn/")
    assert scope.live == ("https", "www.tsggw.cn", 443)
    assert scope.stored == ("http", "tsggw.cn", 80)
    # Fetched where the site is now, kept where the archive has always kept it.
    assert scope.to_fetch("http://tsggw.cn/a/1.html") == "https://www.tsggw.cn/a/1.html"
    assert scope.to_store("https://www.tsggw.cn/a/1.html") == "http://tsggw.cn/a/1.html"


def test_extra_origins_are_fetched_under_their_own_name() -> None:
    scope = SiteScope.of("http://tsggw.cn/", extra=("http://img.tsggw.cn:8080/",))
    assert scope.is_site("http://img.tsggw.cn:8080/upload/1.jpg")
    assert scope.to_store("http://img.tsggw.cn:8080/upload/1.jpg") == (
        "http://img.tsggw.cn:8080/upload/1.jpg"
    )
    assert not scope.is_site("http://img.tsggw.cn/upload/1.jpg")
