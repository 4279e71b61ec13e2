"""Reading a served page: the UTF-8 bytes libxml2 parses are the decoded text's, whichever way
they are made."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ggcrawl.extract.document import _stripped_utf8, codec_name, decode_html
from tests.conftest import examples

# Whitespace str.strip removes and bytes.strip does not (nbsp, ideographic space, NEL, the
# information separators), ASCII whitespace both remove, and text.
_ENDS = st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u3000\u2028", max_size=4)
_MIDDLE = st.text(alphabet=st.sampled_from("<p>关工委 a\ufffd\ufeff\n"), max_size=20)
_EXTRA = st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff", b"\xe5\x85"])


@settings(max_examples=examples(500), deadline=None)
@given(_ENDS, _MIDDLE, _ENDS, _EXTRA, st.booleans())
def test_bytes_cut_from_the_page_are_the_stripped_text_encoded(
    head: str, middle: str, tail: str, extra: bytes, extra_first: bool
) -> None:
    text = (head + middle + tail).encode("utf-8")
    body = extra + text if extra_first else text + extra
    html, encoding = decode_html(body, "text/html; charset=utf-8")
    cut = _stripped_utf8(body, html, encoding)
    assert cut is None or cut == html.strip().encode("utf-8")


def test_a_plain_utf8_page_is_cut_not_encoded_again() -> None:
    body = "\r\n <p>关工委</p>\n".encode()
    html, encoding = decode_html(body, "text/html; charset=utf-8")
    assert _stripped_utf8(body, html, encoding) == "<p>关工委</p>".encode()
    gbk = "<p>关工委</p>".encode("gb18030")
    assert _stripped_utf8(gbk, *decode_html(gbk, "text/html; charset=gbk")) is None


@pytest.mark.parametrize("label", ["gbk", "GB2312", "x-gbk", "gb_2312-80", "chinese", "cp936"])
@pytest.mark.parametrize("declared", ["header", "meta"])
def test_a_page_declaring_gbk_or_gb2312_is_read_as_gb18030(label: str, declared: str) -> None:
    """Browsers decode both with GB18030's decoder and sites that declare them use characters
    only GB18030 holds (a rare surname's 䶮, the euro sign): whichever codec w3lib names for
    the label (gb18030 before 2.6, gbk from it), the page's text comes out whole."""
    text = "<p>刘䶮 捐款 €100</p>"
    head = f"<meta charset='{label}'>" if declared == "meta" else ""
    body = (head + text).encode("gb18030")
    content_type = f"text/html; charset={label}" if declared == "header" else "text/html"
    html, encoding = decode_html(body, content_type)
    assert encoding == "gb18030"
    assert text in html
    assert codec_name(label) == "gb18030"
