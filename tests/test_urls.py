import re
from collections.abc import Callable
from unittest.mock import patch
from urllib.parse import urljoin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from w3lib.url import safe_url_string

from ggcrawl import urls
from ggcrawl.urls import (
    ALREADY_SAFE_URL,
    PLAIN_REFERENCE,
    check_start_url,
    fingerprint_url,
    is_fetchable,
    is_utility,
    join_url,
    normalize_url,
    same_origin,
)
from tests.conftest import examples


def test_normalize_url() -> None:
    assert normalize_url("HTTP://Example.COM:80/a/b.html#top") == "http://example.com/a/b.html"
    assert (
        normalize_url("../c.html?b=2&a=1", "http://h:8000/a/b/") == "http://h:8000/a/c.html?b=2&a=1"
    )
    assert normalize_url("http://h/关工.html") == "http://h/%E5%85%B3%E5%B7%A5.html"


@settings(max_examples=examples(1500), deadline=None)
@given(st.from_regex(ALREADY_SAFE_URL, fullmatch=True))
def test_already_safe_urls_take_the_short_way_to_the_same_result(url: str) -> None:
    """normalize_url skips safe_url_string for these and reads the parts off the match: right
    only if w3lib would return the URL unchanged and the full parse gives the same URL."""
    assert safe_url_string(url) == url
    with patch.object(urls, "ALREADY_SAFE_URL", re.compile(r"(?!)")):
        slow = normalize_url(url)
    assert normalize_url(url) == slow


@pytest.mark.parametrize(
    "url",
    [
        "http://h/a%20b.html",
        "http://h/a b.html",
        "http://H/a.html",
        "http://h:080/a.html",
        "http://h?a=1",
        "http://h/?",
        "http://h/a.html#top",
        "http://h/?q='x'",
        "http://h/a|b",
        "http://h/关工.html",
        "http://user@h/",
        "http://h/a\\b",
    ],
)
def test_urls_w3lib_would_change_are_not_taken_as_safe(url: str) -> None:
    assert not ALREADY_SAFE_URL.fullmatch(url)
    assert normalize_url(url) == normalize_url(safe_url_string(url))


@pytest.mark.parametrize(
    "url",
    [
        "http://1.2.3/",
        "http://0.0.0.0.0/",
        "http://256.1.1.1/",
        "http://01.1.1.1/",
        "http://0x7f.1/",
        "http://a.12/",
        "http://h",
        "http://h?a=1",
        "http://h/./a.html",
        "http://h/a/..",
        "http://h/a/../?b=1",
    ],
)
def test_hosts_read_as_numbers_empty_paths_and_dot_segments_take_w3libs_way(url: str) -> None:
    """w3lib from 2.6 parses such hosts as IPv4 addresses (rewriting or refusing them), writes
    an empty path as "/" and resolves dot segments: the short way would keep what it changes."""
    assert not ALREADY_SAFE_URL.fullmatch(url)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/a.html", "http://a.1b/", "http://h.cn/"])
def test_written_out_addresses_and_host_names_stay_on_the_short_way(url: str) -> None:
    assert ALREADY_SAFE_URL.fullmatch(url)


def test_a_port_out_of_range_is_refused_as_before() -> None:
    assert not ALREADY_SAFE_URL.fullmatch("http://h:65536/a.html")
    with pytest.raises(ValueError):
        normalize_url("http://h:65536/a.html")


# Pieces of URLs that urljoin treats specially: empty and dot segments, parameters, schemes,
# network paths, queries and fragments, escapes, upper case and non-ASCII.
_SEGMENTS = st.sampled_from(
    ["a", "b.html", "", ".", "..", ".x", "a;p", "a;", "c:d", "%41", "关", "A"]
)
_QUERIES = st.sampled_from(["", "?", "?q=1", "?a=1&b=:;/?", "?#"])
_FRAGMENTS = st.sampled_from(["", "#f", "#"])
_PREFIXES = st.sampled_from(["", "/", "//g/", "//", "http://g/", "https://h/", "mailto:", "a:"])


def _url(prefix: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda p, segments, q, f: p + "/".join(segments) + q + f,
        prefix,
        st.lists(_SEGMENTS, max_size=4),
        _QUERIES,
        _FRAGMENTS,
    )


_BASES = st.one_of(
    st.from_regex(ALREADY_SAFE_URL, fullmatch=True),
    _url(st.sampled_from(["http://h/", "https://h:8000/", "HTTP://h/", "http://h", "ftp://h/"])),
)
_TAILS = st.sampled_from([";", ";p", "/.", "/..", "//", "?", "#", "%", ":"])
_REFERENCES = st.one_of(
    st.from_regex(PLAIN_REFERENCE, fullmatch=True),
    st.from_regex(ALREADY_SAFE_URL, fullmatch=True),
    # Near misses: a reference of either kind with a piece that needs urljoin after it.
    st.builds(str.__add__, st.from_regex(PLAIN_REFERENCE, fullmatch=True), _TAILS),
    st.builds(str.__add__, st.from_regex(ALREADY_SAFE_URL, fullmatch=True), _TAILS),
    _url(_PREFIXES),
)


def _outcome(join: Callable[[str, str], str], base: str, reference: str) -> str | type[Exception]:
    try:
        return join(base, reference)
    except ValueError as error:
        return type(error)


@settings(max_examples=examples(1000), deadline=None)
@given(_BASES, _REFERENCES)
def test_join_url_is_urljoin(base: str, reference: str) -> None:
    """join_url resolves the common links by concatenation: right only if urljoin agrees on
    every base and reference, the ones it leaves to urljoin included."""
    assert _outcome(join_url, base, reference) == _outcome(urljoin, base, reference)


@pytest.mark.parametrize(
    ("base", "reference", "joined"),
    [
        ("http://h:1/a/b.asp?id=1", "b.asp?id=2", "http://h:1/a/b.asp?id=2"),
        ("http://h/a/b.html", "/c/d.html", "http://h/c/d.html"),
        ("http://h/a/", "c/", "http://h/a/c/"),
        ("http://h/a/b.html", "http://g/x.html?q=1", "http://g/x.html?q=1"),
        ("http://h//a/b.html", "c.html", "http://h/a/c.html"),
        ("http://h/a/../b.html", "c.html", "http://h/c.html"),
        ("http://h/a/b.html", "../c.html", "http://h/c.html"),
        ("http://h/a/b.html", "?q=1", "http://h/a/b.html?q=1"),
        ("http://h/a/b.html", "c;p", "http://h/a/c;p"),
        ("http://h/a/b.html", "http://g/x;", "http://g/x"),
    ],
)
def test_join_url_examples(base: str, reference: str, joined: str) -> None:
    assert join_url(base, reference) == joined == urljoin(base, reference)


def test_fingerprint_ignores_query_order() -> None:
    assert fingerprint_url("http://h/?b=2&a=1") == fingerprint_url("http://h/?a=1&b=2")


def test_origin_includes_the_port() -> None:
    assert same_origin("http://127.0.0.1:8000/a", "http://127.0.0.1:8000/b")
    assert not same_origin("http://127.0.0.1:8000/a", "http://127.0.0.1:8001/a")
    assert not same_origin("http://h/a", "https://h/a")
    assert same_origin("http://h/a", "http://h:80/b")


@pytest.mark.parametrize(
    "url",
    [
        "http://h/plus/view.php?aid=1",
        "http://h/plus/print.php?aid=2",
        "http://h/admin/",
        "http://h/dede/login.php",
        "http://h/index.php?m=comment&a=init",
        "http://h/member/index.php",
    ],
)
def test_utility_pages(url: str) -> None:
    assert is_utility(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://h/a/news/2019/1.html",
        "http://h/index.php?m=content&c=index&a=show&catid=1&id=2",
        "http://h/ShowArticle.asp?ArticleID=3",
        "http://h/uploads/soft/x.doc",
    ],
)
def test_content_pages(url: str) -> None:
    assert not is_utility(url)


def test_only_http_is_fetchable() -> None:
    assert is_fetchable("https://h/")
    for url in (
        "file:///etc/passwd",
        "data:text/html,x",
        "javascript:alert(1)",
        "mailto:a@b",
        "ftp://h/",
    ):
        assert not is_fetchable(url)


@pytest.mark.parametrize("bad", ["", "example.org", "ftp://h/", "http://", "http://h:99999/"])
def test_bad_start_urls(bad: str) -> None:
    with pytest.raises(ValueError):
        check_start_url(bad)
