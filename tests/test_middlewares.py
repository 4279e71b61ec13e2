"""The downloader middlewares alone, as Scrapy's own suite tests its middlewares: a crawler from
``get_crawler`` with the project's settings, hand-made requests and responses, and for the WARC
recorder a real session whose WARC file is read back with warcio."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import ipaddress
from dataclasses import dataclass
from pathlib import Path

import pytest
import twisted.internet
from scrapy import Request
from scrapy.http import HtmlResponse, Response
from scrapy.utils.misc import build_from_crawler
from twisted.internet import task
from twisted.internet.error import TCPTimedOutError
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders

from ggcrawl.items import Fetch, Snapshot
from ggcrawl.middlewares import (
    BackoffRetryMiddleware,
    OffOriginRequest,
    OriginGuardMiddleware,
    WarcRecorderMiddleware,
)
from ggcrawl.pipelines import ArchivePipeline
from ggcrawl.session import CrawlSession
from ggcrawl.warc import payload_digest
from tests.crawler_helpers import START_URL, make_crawler, open_crawl, opened

# --- OriginGuardMiddleware --------------------------------------------------------------------


def guard(tmp_path: Path, start_url: str = START_URL, **settings):
    """The guard of a crawl whose session is open: the site's scope comes from its plan."""
    crawler = opened(tmp_path / "t.db", start_url, **settings)
    return crawler, build_from_crawler(OriginGuardMiddleware, crawler)


@pytest.mark.parametrize(
    "url",
    [
        START_URL,
        "http://127.0.0.1:8000/html/news/2024/0101/1.html?page=2#top",
        "HTTP://127.0.0.1:8000/upper-case-scheme",
    ],
)
def test_same_origin_passes(tmp_path: Path, url: str) -> None:
    crawler, middleware = guard(tmp_path)
    assert middleware.process_request(Request(url)) is None
    assert crawler.stats.get_value("ggcrawl/off_origin_refused") is None


def test_default_port_is_the_same_origin(tmp_path: Path) -> None:
    _crawler, middleware = guard(tmp_path, "http://site.example/")
    assert middleware.process_request(Request("http://site.example:80/a.html")) is None
    with pytest.raises(OffOriginRequest):
        middleware.process_request(Request("http://site.example:8080/a.html"))


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:8000/",  # another host (the same machine, another name)
        "http://127.0.0.2:8000/",
        "http://127.0.0.1:8001/",  # another port
        "http://127.0.0.1/",  # the default port is another port too
        "https://127.0.0.1:8000/",  # another scheme
        "ftp://127.0.0.1:8000/file.txt",
        "file:///etc/passwd",
        "data:text/html,<p>hi</p>",
        "about:blank",
        # Scrapy makes no request of "mailto:x" or "javascript:x" (no "://"); these forms it
        # makes, on the site's own host and port.
        "mailto://gwgw@127.0.0.1:8000/",
        "javascript://127.0.0.1:8000/%0Aalert(1)",
    ],
)
def test_off_origin_and_non_http_refused(tmp_path: Path, url: str) -> None:
    crawler, middleware = guard(tmp_path)
    with pytest.raises(OffOriginRequest, match=r"^outside the archived site$"):
        middleware.process_request(Request(url))
    assert crawler.stats.get_value("ggcrawl/off_origin_refused") == 1


def test_extra_origins_widen_the_site(tmp_path: Path) -> None:
    _crawler, middleware = guard(tmp_path, EXTRA_ORIGINS=["http://img.example.org"])
    assert middleware.process_request(Request("http://img.example.org/uploads/a.jpg")) is None
    assert middleware.process_request(Request(START_URL + "a.html")) is None
    for url in ("http://img.example.org:8080/a.jpg", "https://img.example.org/a.jpg"):
        with pytest.raises(OffOriginRequest):
            middleware.process_request(Request(url))


def test_a_redirect_off_the_site_says_so(tmp_path: Path) -> None:
    _crawler, middleware = guard(tmp_path)
    moved = Request(
        "http://elsewhere.example/landing",
        meta={"redirect_hops": 1, "referer": START_URL + "old.html"},
    )
    with pytest.raises(
        OffOriginRequest, match=f"^redirect from {START_URL}old.html leaves the site$"
    ):
        middleware.process_request(moved)
    # Without hops it is a plain link off the site, whatever the referer.
    linked = Request("http://elsewhere.example/", meta={"referer": START_URL})
    with pytest.raises(OffOriginRequest, match=r"^outside the archived site$"):
        middleware.process_request(linked)


def test_refusals_are_counted(tmp_path: Path) -> None:
    crawler, middleware = guard(tmp_path)
    for url in ("http://a.example/", "data:,x", START_URL, "https://b.example/"):
        with contextlib.suppress(OffOriginRequest):
            middleware.process_request(Request(url))
    assert crawler.stats.get_value("ggcrawl/off_origin_refused") == 3


# --- BackoffRetryMiddleware -------------------------------------------------------------------


def backoff(tmp_path: Path, **settings):
    values = {"RETRY_TIMES": 3, "RETRY_BACKOFF_BASE": 2.0, "RETRY_BACKOFF_MAX": 10.0}
    crawler = make_crawler(tmp_path / "t.db", **(values | settings))
    crawler.stats.open_spider()
    return crawler, build_from_crawler(BackoffRetryMiddleware, crawler)


def answer(request: Request, status: int, **headers: str) -> Response:
    return Response(request.url, status=status, headers=headers, request=request)


def test_503_retries_with_a_doubling_pause_until_retry_times(tmp_path: Path) -> None:
    crawler, middleware = backoff(tmp_path)
    request = Request(START_URL + "a.html")
    delays = []
    for _attempt in range(3):
        result = middleware.process_response(request, answer(request, 503))
        assert isinstance(result, Request)
        assert result.url == request.url and result.dont_filter
        delays.append(result.meta["retry_delay"])
        request = result
    assert delays == [2.0, 4.0, 8.0]
    assert request.meta["retry_times"] == 3
    final = answer(request, 503)
    assert middleware.process_response(request, final) is final
    assert crawler.stats.get_value("retry/count") == 3
    assert crawler.stats.get_value("retry/max_reached") == 1


def test_the_pause_stops_at_retry_backoff_max(tmp_path: Path) -> None:
    _crawler, middleware = backoff(tmp_path, RETRY_TIMES=6)
    request = Request(START_URL)
    delays = []
    for _attempt in range(6):
        request = middleware.process_response(request, answer(request, 500))
        delays.append(request.meta["retry_delay"])
    assert delays == [2.0, 4.0, 8.0, 10.0, 10.0, 10.0]


def test_network_errors_are_retried_with_the_same_pause(tmp_path: Path) -> None:
    _crawler, middleware = backoff(tmp_path)
    request = Request(START_URL)
    first = middleware.process_exception(request, TCPTimedOutError())
    second = middleware.process_exception(first, TCPTimedOutError())
    assert (first.meta["retry_delay"], second.meta["retry_delay"]) == (2.0, 4.0)


@pytest.mark.parametrize(
    ("retry_after", "delay"),
    [
        ("7", 7.0),  # longer than the first pause: the server is obeyed
        ("1", 2.0),  # shorter: the pause stands
        ("3600", 10.0),  # capped at RETRY_BACKOFF_MAX
        ("0.5", 2.0),
        ("-30", 2.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 2.0),  # an HTTP date counts as 0
        ("soon", 2.0),
    ],
)
def test_retry_after_raises_the_pause(tmp_path: Path, retry_after: str, delay: float) -> None:
    _crawler, middleware = backoff(tmp_path)
    request = Request(START_URL)
    result = middleware.process_response(
        request, answer(request, 429, **{"Retry-After": retry_after})
    )
    assert isinstance(result, Request)
    assert result.meta["retry_delay"] == delay


def test_retry_after_on_a_later_attempt(tmp_path: Path) -> None:
    _crawler, middleware = backoff(tmp_path)
    request = Request(START_URL)
    request = middleware.process_response(request, answer(request, 503))
    request = middleware.process_response(request, answer(request, 503, **{"Retry-After": "3"}))
    assert request.meta["retry_delay"] == 4.0  # the doubled pause is longer than asked
    request = middleware.process_response(request, answer(request, 503, **{"Retry-After": "9"}))
    assert request.meta["retry_delay"] == 9.0


@pytest.mark.parametrize("status", [200, 301, 304, 404, 410])
def test_other_statuses_pass_through(tmp_path: Path, status: int) -> None:
    crawler, middleware = backoff(tmp_path)
    request = Request(START_URL)
    response = answer(request, status, **{"Retry-After": "5"})
    assert middleware.process_response(request, response) is response
    assert "retry_delay" not in request.meta
    assert crawler.stats.get_value("retry/count") is None


def test_dont_retry_passes_a_503_through(tmp_path: Path) -> None:
    _crawler, middleware = backoff(tmp_path)
    request = Request(START_URL, meta={"dont_retry": True})
    response = answer(request, 503)
    assert middleware.process_response(request, response) is response


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> task.Clock:
    """Twisted's fake clock standing in for the reactor: time moves only when the test says
    (and no real reactor gets installed in the test process)."""
    fake = task.Clock()
    monkeypatch.setattr(twisted.internet, "reactor", fake, raising=False)
    return fake


def test_process_request_waits_the_delay(tmp_path: Path, clock: task.Clock) -> None:
    _crawler, middleware = backoff(tmp_path)
    request = Request(START_URL, meta={"retry_delay": 4.0})
    seen = []

    async def main() -> None:
        waiting = asyncio.ensure_future(middleware.process_request(request))
        for step, expected_done in ((0.0, False), (3.9, False), (0.1, True)):
            clock.advance(step)
            for _ in range(3):
                await asyncio.sleep(0)
            seen.append((clock.seconds(), waiting.done()))
            assert waiting.done() is expected_done, seen
        assert await waiting is None

    asyncio.run(main())
    assert [done for _t, done in seen] == [False, False, True]
    assert "retry_delay" not in request.meta  # taken, so a redirect of it does not wait again
    assert clock.getDelayedCalls() == []


def test_process_request_without_a_delay_does_not_wait(tmp_path: Path, clock: task.Clock) -> None:
    _crawler, middleware = backoff(tmp_path)

    async def main() -> None:
        for meta in ({}, {"retry_delay": 0}):
            waiting = asyncio.ensure_future(
                middleware.process_request(Request(START_URL, meta=meta))
            )
            await asyncio.sleep(0)
            assert waiting.done()
        assert clock.getDelayedCalls() == []

    asyncio.run(main())


# --- WarcRecorderMiddleware -------------------------------------------------------------------

PAGE = "<html><head><title>关工委</title></head><body><p>正文</p></body></html>".encode()
GZIPPED = gzip.compress(PAGE, mtime=0)
HEAD = (
    "HTTP/1.1 200 Fine Thanks",
    [
        ("Content-Type", "text/html; charset=utf-8"),
        ("X-Powered-BY", "ASP.NET"),
        ("Set-Cookie", "a=1; path=/"),
        ("Set-Cookie", "b=2; path=/"),
        ("ETag", '"5e-1a"'),
        ("Content-Encoding", "gzip"),
        ("Content-Length", str(len(GZIPPED))),
    ],
)


@dataclass
class Record:
    type: str
    headers: StatusAndHeaders  # the WARC headers
    http: StatusAndHeaders | None
    payload: bytes  # as stored: not decoded
    offset: int
    length: int


def read_warc(path: Path) -> list[Record]:
    records = []
    with path.open("rb") as handle:
        iterator = ArchiveIterator(handle)
        for record in iterator:
            payload = record.raw_stream.read()
            records.append(
                Record(
                    record.rec_type,
                    record.rec_headers,
                    record.http_headers,
                    payload,
                    iterator.get_record_offset(),
                    iterator.get_record_length(),
                )
            )
    return records


def exchange(
    crawler, url: str, body: bytes, head=HEAD, **response_args
) -> tuple[Request, Response]:
    """A request and its response through the recorder, the download handler's raw head in
    meta["http_head"] as it leaves it."""
    request = Request(url, headers={"User-Agent": "ggcrawl-test", "Accept-Encoding": "gzip"})
    if head is not None:
        request.meta["http_head"] = head
    headers = response_args.pop("headers", None) or {name: value for name, value in head[1]}
    response = HtmlResponse(url, body=body, headers=headers, request=request, **response_args)
    recorder = build_from_crawler(WarcRecorderMiddleware, crawler)
    assert recorder.process_response(request, response) is response
    return request, response


def test_a_response_becomes_a_request_and_response_record(tmp_path: Path) -> None:
    url = START_URL + "news/a.html?id=7"
    with open_crawl(tmp_path / "t.db") as crawler:
        warc_path = CrawlSession.of(crawler).warc.path
        request, _response = exchange(
            crawler, url, GZIPPED, ip_address=ipaddress.ip_address("127.0.0.1")
        )
        ref = request.meta["warc_ref"]
        records = read_warc(warc_path)  # flushed as written, readable while the crawl runs
    # The request first: the response record's end is the pair's end, which is what the
    # archive commits (warc_files.committed_end) and a resumed crawl cuts the file back to.
    assert [r.type for r in records] == ["warcinfo", "request", "response"]
    _info, sent, response = records
    assert ref.filename == warc_path.name
    assert (ref.offset, ref.length) == (response.offset, response.length)
    assert ref.record_id == response.headers.get_header("WARC-Record-ID")
    assert ref.payload_digest == payload_digest(GZIPPED)
    assert ref.date == response.headers.get_header("WARC-Date")
    assert response.headers.get_header("WARC-Target-URI") == url
    assert response.headers.get_header("WARC-IP-Address") == "127.0.0.1"
    assert response.headers.get_header("WARC-Payload-Digest") == ref.payload_digest
    # The status line and the headers as the server sent them: reason phrase, names' case,
    # repeated headers repeated, in their order.
    assert response.http.protocol == "HTTP/1.1"
    assert response.http.statusline == "200 Fine Thanks"
    assert response.http.headers == HEAD[1]
    # The body as transferred: still gzip, its own Content-Length.
    assert response.payload == GZIPPED
    assert gzip.decompress(response.payload) == PAGE
    # The request record, concurrent to the response.
    assert sent.headers.get_header("WARC-Concurrent-To") == ref.record_id
    assert sent.headers.get_header("WARC-Target-URI") == url
    assert f"{sent.http.protocol} {sent.http.statusline}" == "GET /news/a.html?id=7 HTTP/1.1"
    assert sent.http.headers == [
        ("Host", "127.0.0.1:8000"),
        ("User-Agent", "ggcrawl-test"),
        ("Accept-Encoding", "gzip"),
    ]
    assert response.offset == sent.offset + sent.length
    assert ref.offset + ref.length == warc_path.stat().st_size


def test_without_the_raw_head_scrapys_view_is_recorded(tmp_path: Path) -> None:
    """A response from another handler (no meta["http_head"]): Scrapy's status and headers."""
    with open_crawl(tmp_path / "t.db") as crawler:
        warc_path = CrawlSession.of(crawler).warc.path
        headers = {"Content-Type": "text/html", "Set-Cookie": ["a=1", "b=2"]}
        request, _ = exchange(
            crawler, START_URL + "b.html", PAGE, head=None, headers=headers, status=404
        )
    response = next(r for r in read_warc(warc_path) if r.type == "response")
    assert response.http.statusline == "404"
    assert response.http.get_header("Set-Cookie") == "a=1"
    assert [v for k, v in response.http.headers if k == "Set-Cookie"] == ["a=1", "b=2"]
    assert response.payload == PAGE
    assert request.meta["warc_ref"].offset == response.offset


def test_identical_payload_of_the_same_url_becomes_a_revisit(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    url = START_URL + "a.html"
    with open_crawl(db) as crawler:
        request, _ = exchange(crawler, url, GZIPPED)
        first = request.meta["warc_ref"]
        # The archive must know the capture: the snapshot, with its WARC record, is written.
        snapshot = Snapshot(url, 200, {}, PAGE, "utf-8", "2024-01-01T00:00:00Z")
        build_from_crawler(ArchivePipeline, crawler).process_item(
            Fetch(url, "article", snapshot.fetched_at, snapshot=snapshot, warc=first)
        )
    with open_crawl(db, FULL_CRAWL=True) as crawler:
        warc_path = CrawlSession.of(crawler).warc.path
        same, _ = exchange(crawler, url, GZIPPED)
        edited_body = gzip.compress(PAGE.replace("正文".encode(), "改过".encode()), mtime=0)
        edited, _ = exchange(crawler, url, edited_body)
        other, _ = exchange(crawler, START_URL + "copy.html", GZIPPED)
    assert warc_path.name.endswith("-crawl00002-01.warc.gz")
    records = {r.offset: r for r in read_warc(warc_path)}
    revisit = records[same.meta["warc_ref"].offset]
    assert revisit.type == "revisit"
    assert revisit.headers.get_header("WARC-Refers-To") == first.record_id
    assert revisit.headers.get_header("WARC-Refers-To-Target-URI") == url
    assert revisit.headers.get_header("WARC-Refers-To-Date") == first.date
    assert revisit.headers.get_header("WARC-Payload-Digest") == first.payload_digest
    assert revisit.headers.get_header("WARC-Profile").endswith("identical-payload-digest")
    assert revisit.http.statusline == "200 Fine Thanks"
    assert revisit.payload == b""
    assert same.meta["warc_ref"].payload_digest == first.payload_digest
    # Another payload of the URL, or the same payload at another URL: a full response.
    for ref in (edited.meta["warc_ref"], other.meta["warc_ref"]):
        assert records[ref.offset].type == "response"
        assert records[ref.offset].headers.get_header("WARC-Record-ID") == ref.record_id


def test_an_empty_body_is_never_a_revisit(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    url = START_URL + "empty"
    head = ("HTTP/1.1 200 OK", [("Content-Length", "0")])
    with open_crawl(db) as crawler:
        request, _ = exchange(crawler, url, b"", head=head)
        snapshot = Snapshot(url, 200, {}, b"", None, "2024-01-01T00:00:00Z")
        build_from_crawler(ArchivePipeline, crawler).process_item(
            Fetch(
                url,
                "listing",
                snapshot.fetched_at,
                snapshot=snapshot,
                warc=request.meta["warc_ref"],
            )
        )
    with open_crawl(db, FULL_CRAWL=True) as crawler:
        warc_path = CrawlSession.of(crawler).warc.path
        again, _ = exchange(crawler, url, b"", head=head)
    records = {r.offset: r for r in read_warc(warc_path)}
    assert records[again.meta["warc_ref"].offset].type == "response"


def test_warc_disabled_writes_nothing(tmp_path: Path) -> None:
    with open_crawl(tmp_path / "t.db", WARC_ENABLED=False) as crawler:
        assert CrawlSession.of(crawler).warc is None
        request, _ = exchange(crawler, START_URL, GZIPPED)
        assert "warc_ref" not in request.meta
    assert list(tmp_path.glob("*.warc*")) == []
