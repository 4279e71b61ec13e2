"""The replica's fault mode over real HTTP: every fault happens where and as its plan says.

Clients are urllib, http.client and raw sockets with short timeouts; hangs last a second here.
Tests reassign `srv.faults` first, which starts the plan's transient faults over, and read only
their own part of `srv.fault_log`.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import subprocess
import sys
import threading
import time
import tracemalloc
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from protego import Protego

from ggcrawl.replica import DIALECTS, FaultPlan, ReplicaServer, Site, Transient, build_site
from ggcrawl.replica.faults import GB, MB, TRAP_IDS, TRAP_LIMIT, as_plan
from tests.raw_http import fetch

ENCODING = {"dede": "gbk", "phpcms": "utf-8", "asp": "gbk"}
CONTENT_TYPE = {"dede": "text/html", "phpcms": "text/html; charset=utf-8", "asp": None}
ALIAS = re.compile(r"/a/[a-z]+/list_\d+_1\.html$")  # DedeCMS's second name of page 1
UNKNOWN_ITEM = re.compile(rf"(?<!\d){str(TRAP_IDS)[0]}\d{{8}}(?!\d)")  # ids from TRAP_IDS
OFF = Transient(0)
# On the site below, seed 16 gives every dialect every transient fault, 500s and 503s, and
# both kinds of reset.
PLAN = FaultPlan(seed=16, hang_seconds=1.0, gzip_bomb=16 * MB)
STEADY = replace(PLAN, errors=OFF, hangs=OFF, resets=OFF, truncations=OFF)  # permanent only


def attempt(url: str) -> str:
    """What one GET of `url` ends with: its status, or the client's exception."""
    try:
        return str(fetch(url)[0])
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__


def raw(srv: ReplicaServer, target: str, timeout: float = 5) -> tuple[bytes, type | None]:
    """Every byte a GET of `target` receives, and what ended it (None: a clean close)."""
    split = urlsplit(srv.base_url)
    assert split.hostname is not None and split.port is not None
    with socket.create_connection((split.hostname, split.port), timeout=timeout) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        data = b""
        try:
            while chunk := sock.recv(1 << 16):
                data += chunk
        except OSError as error:
            return data, type(error)
    return data, None


def parse(data: bytes) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of a raw answer."""
    head, _, body = data.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    return int(status.split()[1]), dict(line.split(": ", 1) for line in lines), body


def target(srv: ReplicaServer, url: str) -> str:
    return url[len(srv.base_url) - 1 :]


def page_links(url: str, body: bytes, encoding: str) -> set[str]:
    """Absolute targets of the page's <a href>."""
    tree = lxml.html.document_fromstring(body.decode(encoding))
    return {urljoin(url, href).split("#")[0] for href in tree.xpath("//a/@href")}


def links_of(url: str, encoding: str) -> set[str]:
    status, _, body = fetch(url)
    assert status == 200, url
    return page_links(url, body, encoding)


def relative(srv: ReplicaServer, truth: dict[str, Any]) -> str:
    text = json.dumps(truth, ensure_ascii=False, sort_keys=True)
    return text.replace(srv.base_url, "SITE/").replace(srv.offsite_base_url, "OFFSITE/")


def unbased(srv: ReplicaServer, body: bytes) -> bytes:
    """A page with the server's own addresses taken out, to compare pages of two servers."""
    body = body.replace(srv.base_url.encode(), b"SITE/")
    return body.replace(srv.offsite_base_url.encode(), b"OFFSITE/")


def transient(truth: dict[str, Any], fault: str) -> list[tuple[str, int]]:
    """(URL, k) with transient `fault` in the truth, but for the over-size and bomb items."""
    permanent = truth["faults"]["permanent"]
    return [
        (url, found["times"])
        for url, found in truth["faults"]["transient"].items()
        if found["fault"] == fault
        and permanent.get(url, {}).get("fault") not in ("oversize", "gzip_bomb")
    ]


def normal_status(truth: dict[str, Any], url: str) -> int:
    """What `url` answers with faults on once its transient fault is over."""
    if url in {m["url"] for m in truth["missing"]}:
        return 404
    if url in {r["from"] for r in truth["redirects"]}:
        return 301
    if url in {r["from"] for r in truth["offsite_redirects"]}:
        return 302
    found = truth["faults"]["permanent"].get(url)
    return 302 if found and found["fault"] == "redirect_loop" else 200


def permanent(truth: dict[str, Any], fault: str) -> dict[str, dict[str, Any]]:
    return {u: f for u, f in truth["faults"]["permanent"].items() if f["fault"] == fault}


def inflate(body: bytes, limit: int) -> int:
    """Bytes of zeros a gzip body inflates to, read 1 MB at a time, stopping at `limit`."""
    inflater, total, rest = zlib.decompressobj(31), 0, body
    while not inflater.eof and total < limit:
        out = inflater.decompress(rest, MB)
        rest = inflater.unconsumed_tail
        assert out and out.count(0) == len(out)
        total += len(out)
    return total


@pytest.fixture(scope="module")
def site() -> Site:
    return build_site(articles=40, seed=5)


@pytest.fixture(scope="module", params=DIALECTS)
def faulty(request: pytest.FixtureRequest, site: Site) -> Iterator[tuple[ReplicaServer, dict]]:
    with ReplicaServer(site, dialect=request.param, faults=PLAN) as srv:
        yield srv, srv.ground_truth()


# ----- the plan


def test_plan_defaults_and_checks(site: Site) -> None:
    plan = FaultPlan()
    assert (plan.seed, plan.hang_seconds, plan.retry_after, plan.variants) == (0, 20.0, 1, 0.25)
    assert (plan.oversize, plan.gzip_bomb, plan.wrong_charsets) == (40 * MB, GB, 3)
    assert plan.redirect_loops and plan.trap and plan.spared == ("/", "/robots.txt")
    assert dict(plan.transients()) == {
        "error": Transient(0.08, (1, 3)),
        "hang": Transient(0.03, (1, 1)),
        "reset": Transient(0.04, (1, 2)),
        "truncate": Transient(0.04, (1, 2)),
    }
    assert as_plan(True) == plan and as_plan(False) is None and as_plan(None) is None
    assert ReplicaServer(site, faults=True).faults == plan
    assert ReplicaServer(site).faults is None
    for wrong in (
        {"errors": Transient(0.9), "hangs": Transient(0.2)},
        {"resets": Transient(0.1, (0, 1))},
        {"truncations": Transient(0.1, (3, 2))},
        {"hangs": Transient(-0.1)},
        {"hang_seconds": -1},
        {"variants": 2.0},
        {"oversize": 10},
        {"gzip_bomb": -1},
    ):
        with pytest.raises(ValueError):
            FaultPlan(**wrong)
    with pytest.raises(TypeError):
        FaultPlan(errors=(0.1, (1, 2)))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ReplicaServer(site, faults="on")  # type: ignore[arg-type]


def test_transient_faults_are_a_hash_of_seed_and_target() -> None:
    targets = [f"/a/ggyw/2020010{i % 10}/{i}.html" for i in range(4000)]
    plan = FaultPlan(seed=4)
    chosen = [plan.transient(t) for t in targets]
    assert chosen == [FaultPlan(seed=4, hang_seconds=1).transient(t) for t in targets]
    assert chosen != [FaultPlan(seed=5).transient(t) for t in targets]
    for name, fault in plan.transients():
        times = [c[1] for c in chosen if c and c[0] == name]
        assert abs(len(times) / len(targets) - fault.share) < 0.02, name
        assert set(times) == set(range(fault.times[0], fault.times[1] + 1)), name
    assert plan.transient("/") is None and plan.transient("/robots.txt") is None


def test_no_faults_unless_asked(site: Site) -> None:
    with ReplicaServer(site, "phpcms") as srv:
        truth = srv.ground_truth()
        assert "faults" not in truth
        for url in [p["url"] for p in truth["pages"]] + [a["url"] for a in truth["articles"]]:
            assert fetch(url)[0] == 200
        assert srv.fault_log == []


def test_truth_is_the_fault_free_site(faulty: tuple[ReplicaServer, dict], site: Site) -> None:
    srv, truth = faulty
    with ReplicaServer(site, srv.dialect) as clean:
        assert relative(srv, {k: v for k, v in truth.items() if k != "faults"}) == relative(
            clean, clean.ground_truth()
        )
    faults = truth["faults"]
    assert set(faults) == {"seed", "permanent", "trap", "variants", "transient"}
    assert faults["seed"] == PLAN.seed
    kinds = Counter(found["fault"] for found in faults["permanent"].values())
    assert kinds == {"wrong_charset": 3, "redirect_loop": 3, "oversize": 1, "gzip_bomb": 1}
    articles = {a["url"] for a in truth["articles"]}
    pages = {p["url"] for p in truth["pages"]} | {s["url"] for s in truth["sections"]}
    for url, found in faults["permanent"].items():
        assert (url in articles) == (found["fault"] == "wrong_charset"), url
    assert set(faults["variants"].values()) <= articles | pages
    assert not set(faults["variants"]) & (articles | pages)
    assert faults["trap"]["section"] in {s["name"] for s in truth["sections"]}
    assert {f["fault"] for f in faults["transient"].values()} == {
        "error",
        "hang",
        "reset",
        "truncate",
    }


# ----- transient faults


def test_errors_come_in_bursts_then_clear(faulty: tuple[ReplicaServer, dict]) -> None:
    srv, truth = faulty
    srv.faults = PLAN
    start = len(srv.fault_log)
    bursts, served = transient(truth, "error"), []
    assert bursts
    for url, times in bursts:
        for _ in range(times):
            status, headers, body = fetch(url)
            served.append((target(srv, url), f"error_{status}"))
            assert status in (500, 503) and headers["Content-Type"] == "text/html"
            assert f"<h1>{status} ".encode() in body
            assert headers.get("Retry-After") == ("1" if status == 503 else None)
        assert fetch(url)[0] == fetch(url)[0] == normal_status(truth, url), url
    logged = [(e["path"], e["fault"]) for e in srv.fault_log[start:] if "error" in e["fault"]]
    assert logged == served
    assert {fault for _, fault in served} == {"error_500", "error_503"}


def test_resets_then_answers(faulty: tuple[ReplicaServer, dict]) -> None:
    srv, truth = faulty
    srv.faults = PLAN
    kinds: Counter[str] = Counter()
    for url, times in transient(truth, "reset"):
        path = target(srv, url)
        for _ in range(times):
            data, ended = raw(srv, path)
            logged = srv.fault_log[-1]
            assert ended is ConnectionResetError and logged["path"] == path, url
            assert b"\r\n\r\n" not in data
            if logged["fault"] == "reset":
                assert data == b""
            else:  # half the header block, then the reset
                assert logged["fault"] == "reset_headers" and data.startswith(b"HTTP/1.1 ")
            kinds[logged["fault"]] += 1
        data, ended = raw(srv, path)
        assert ended is None and parse(data)[0] == normal_status(truth, url)
    assert kinds["reset"] and kinds["reset_headers"]


def test_truncated_bodies_then_whole_ones(faulty: tuple[ReplicaServer, dict]) -> None:
    srv, truth = faulty
    srv.faults = PLAN
    start = len(srv.fault_log)
    cut = transient(truth, "truncate")
    for url, times in cut:
        for _ in range(times):
            data, ended = raw(srv, target(srv, url))
            status, headers, body = parse(data)
            assert ended is None and 0 < int(headers["Content-Length"]) // 2 == len(body), url
        data, ended = raw(srv, target(srv, url))
        status, headers, body = parse(data)
        assert ended is None and int(headers["Content-Length"]) == len(body)
        assert status == normal_status(truth, url)
    logged = [e["path"] for e in srv.fault_log[start:] if e["fault"] == "truncate"]
    assert logged == [target(srv, url) for url, times in cut for _ in range(times)]
    srv.faults = PLAN  # and as http.client sees it
    split = urlsplit(srv.base_url)
    connection = http.client.HTTPConnection(split.hostname or "", split.port, timeout=5)
    connection.request("GET", target(srv, cut[0][0]))
    with pytest.raises(http.client.IncompleteRead):
        connection.getresponse().read()
    connection.close()


def test_hangs_outlast_the_client_then_answer(faulty: tuple[ReplicaServer, dict]) -> None:
    srv, truth = faulty
    (url, times), *_ = transient(truth, "hang")
    path = target(srv, url)
    assert times == 1
    srv.faults = PLAN
    assert raw(srv, path, timeout=0.3) == (b"", TimeoutError)  # the client gives up first
    srv.faults = PLAN  # again: now the server gives up after hang_seconds, having sent nothing
    began = time.monotonic()
    assert raw(srv, path, timeout=5) == (b"", None)
    assert PLAN.hang_seconds <= time.monotonic() - began < PLAN.hang_seconds + 1
    data, ended = raw(srv, path)
    assert ended is None and parse(data)[0] == normal_status(truth, url)
    assert srv.fault_log.count({"path": path, "fault": "hang"}) == 2


def test_hangs_block_nothing_and_stop_is_quick(site: Site) -> None:
    srv = ReplicaServer(site, "asp", faults=replace(PLAN, hang_seconds=60)).start()
    results: list[tuple[bytes, type | None]] = []
    try:
        truth = srv.ground_truth()
        hanging = [target(srv, url) for url, _ in transient(truth, "hang")]
        quiet = [p["url"] for p in truth["pages"] if p["url"] not in truth["faults"]["transient"]]
        threads = [
            threading.Thread(target=lambda p=p: results.append(raw(srv, p, timeout=30)))
            for p in hanging
        ]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 5
        while sum(e["fault"] == "hang" for e in srv.fault_log) < len(hanging):
            assert time.monotonic() < deadline
            time.sleep(0.01)
        began = time.monotonic()
        assert [fetch(url)[0] for url in quiet] == [200] * len(quiet)
        assert time.monotonic() - began < 5
    finally:
        began = time.monotonic()
        srv.stop()
        stopping = time.monotonic() - began
    assert stopping < 2
    for thread in threads:
        thread.join(timeout=5)
        assert not thread.is_alive()
    assert results == [(b"", None)] * len(hanging)  # closed without an answer


# ----- permanent faults


def test_wrong_charset_pages_are_otherwise_right(faulty: tuple[ReplicaServer, dict]) -> None:
    srv, truth = faulty
    srv.faults = STEADY
    start = len(srv.fault_log)
    real = ENCODING[srv.dialect]
    declared = "gbk" if real == "utf-8" else "utf-8"
    articles = {a["url"]: a for a in truth["articles"]}
    wrong = permanent(truth, "wrong_charset")
    assert len(wrong) == PLAN.wrong_charsets
    for url, found in wrong.items():
        status, headers, body = fetch(url)
        assert status == 200
        assert headers["Content-Type"] == found["content_type"] == f"text/html; charset={declared}"
        with pytest.raises(UnicodeDecodeError):
            body.decode(declared)
        tree = lxml.html.document_fromstring(body.decode(real))
        assert articles[url]["title"] in " ".join(tree.text_content().split())
        assert f"charset={'utf-8' if real == 'utf-8' else 'gb2312'}" in body.decode(real)
    right = next(url for url in articles if url not in wrong)
    assert fetch(right)[1]["Content-Type"] == (
        CONTENT_TYPE[srv.dialect] or "text/html; Charset=gb2312"
    )
    logged = [e for e in srv.fault_log[start:] if e["fault"] == "wrong_charset"]
    assert [e["path"] for e in logged] == [target(srv, url) for url in wrong]


def test_redirect_loops_never_end(faulty: tuple[ReplicaServer, dict]) -> None:
    srv, truth = faulty
    srv.faults = STEADY
    start = len(srv.fault_log)
    loops = permanent(truth, "redirect_loop")
    assert len(loops) == 3
    assert [url for url, found in loops.items() if found["location"] == url] != []
    for url in loops:
        visited, current = [], url
        for _ in range(6):
            status, headers, _ = fetch(current)
            assert status == 302
            visited.append(current)
            current = headers["Location"]
        assert set(visited) <= set(loops) and len(set(visited)) <= 2
        assert url not in {a["url"] for a in truth["articles"]}
    linked = {url: found["linked_from"] for url, found in loops.items() if "linked_from" in found}
    assert len(linked) == 2
    for url, listing in linked.items():
        assert url in links_of(listing, ENCODING[srv.dialect])
    assert [e["fault"] for e in srv.fault_log[start:]] == ["redirect_loop"] * 18


def test_oversize_page_is_streamed(faulty: tuple[ReplicaServer, dict]) -> None:
    srv, truth = faulty
    srv.faults = STEADY
    ((url, found),) = permanent(truth, "oversize").items()
    assert found["size"] == 40 * MB
    assert url in links_of(found["linked_from"], ENCODING[srv.dialect])
    split = urlsplit(srv.base_url)
    connection = http.client.HTTPConnection(split.hostname or "", split.port, timeout=10)
    tracemalloc.start()
    try:
        connection.request("GET", target(srv, url))
        answer = connection.getresponse()
        assert answer.status == 200 and int(answer.headers["Content-Length"]) == 40 * MB
        first = answer.read(1 << 16)
        total = len(first)
        while chunk := answer.read(MB):
            total += len(chunk)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        connection.close()
    assert first.startswith(b"<html>") and total == 40 * MB
    assert peak < 8 * MB  # the server never held the page (nor did this client)
    status, headers, body = fetch(url, method="HEAD")
    assert (status, headers["Content-Length"], body) == (200, str(40 * MB), b"")
    assert srv.fault_log[-1] == {"path": target(srv, url), "fault": "oversize"}


def test_gzip_bomb_is_small_and_inflates_to_zeros(faulty: tuple[ReplicaServer, dict]) -> None:
    srv, truth = faulty
    srv.faults = STEADY
    ((url, found),) = permanent(truth, "gzip_bomb").items()
    assert url in links_of(found["linked_from"], ENCODING[srv.dialect])
    status, headers, body = fetch(url)  # no Accept-Encoding: gzip all the same
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert headers["Content-Type"].startswith("text/html")
    assert int(headers["Content-Length"]) == len(body) < found["size"] // 500
    assert inflate(body, found["size"] + 1) == found["size"] == 16 * MB
    assert fetch(url, headers={"Accept-Encoding": "gzip"})[2] == body  # never gzipped twice
    assert srv.fault_log[-1] == {"path": target(srv, url), "fault": "gzip_bomb"}


def test_default_gzip_bomb_is_a_gigabyte_in_a_megabyte(site: Site) -> None:
    plan = replace(FaultPlan(seed=16), errors=OFF, hangs=OFF, resets=OFF, truncations=OFF)
    with ReplicaServer(site, "phpcms", faults=plan) as srv:
        ((url, found),) = permanent(srv.ground_truth(), "gzip_bomb").items()
        status, headers, body = fetch(url, headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip" and found["size"] == GB
    assert len(body) < 1.1 * MB and body[:3] == b"\x1f\x8b\x08"
    assert int.from_bytes(body[-4:], "little") == GB  # ISIZE: what it inflates to
    assert inflate(body, 8 * MB) == 8 * MB


def test_trap_pager_always_has_a_next_page(faulty: tuple[ReplicaServer, dict]) -> None:
    srv, truth = faulty
    srv.faults = STEADY
    start = len(srv.fault_log)
    encoding, trap = ENCODING[srv.dialect], truth["faults"]["trap"]
    number = re.search(r"(\d+)\D*$", trap["first_page"])
    assert number is not None
    first = int(number[1])

    def page(n: int) -> str:
        return trap["first_page"][: number.start(1)] + str(n) + trap["first_page"][number.end(1) :]

    assert page(first - 1) in {p["url"] for p in truth["pages"]}  # the last real page
    assert page(first) not in {p["url"] for p in truth["pages"]}
    listed = {a["url"] for a in truth["articles"] if trap["section"] in a["listed_in"]}
    variants = truth["faults"]["variants"]
    url, unknown, known = trap["url"], set(), set()
    for n in [*range(1, first + 6), 1000]:
        links = links_of(url if n == 1 else page(n), encoding)
        assert page(n + 1) in links, n
        if n >= first:
            unknown |= {link for link in links if UNKNOWN_ITEM.search(link)}
            known |= {variants.get(link, link) for link in links} & listed
    assert unknown and known
    assert all(fetch(link)[0] == 404 for link in unknown)
    assert fetch(page(TRAP_LIMIT + 1))[0] == 404
    trapped = [e["path"] for e in srv.fault_log[start:] if e["fault"] == "trap"]
    assert trapped == [target(srv, page(n)) for n in [*range(first, first + 6), 1000]]


def test_variants_answer_as_their_canonical_page(faulty: tuple[ReplicaServer, dict]) -> None:
    srv, truth = faulty
    srv.faults = STEADY
    start = len(srv.fault_log)
    variants = truth["faults"]["variants"]
    assert len(variants) >= 10
    for variant, canonical in variants.items():
        got, want = fetch(variant), fetch(canonical)
        assert got[0] == want[0] == 200 and got[2] == want[2], variant
        assert got[1]["Content-Type"] == want[1]["Content-Type"]
    logged = [e["path"] for e in srv.fault_log[start:] if e["fault"] == "variant"]
    assert logged == [target(srv, v) for v in variants]
    tracking = [v for v in variants if re.search(r"[?&](utm_source|spm|from)=", v)]
    session = [v for v in variants if re.search(r";jsessionid=|[?&](PHPSESSID|sid)=", v)]
    aliases = [v for v in variants if v.endswith("/index.html") or "/?m=" in v]
    assert tracking and session and (aliases or srv.dialect == "asp")
    linked: set[str] = set()
    for url in [p["url"] for p in truth["pages"]] + [a["url"] for a in truth["articles"]]:
        linked |= links_of(url, ENCODING[srv.dialect])
    assert set(variants) <= linked


def test_every_link_is_a_page_a_variant_or_a_fault(faulty: tuple[ReplicaServer, dict]) -> None:
    """A tiny polite crawl of the faulty site: it still reaches exactly the truth's pages and
    articles, and every other link is a known dead end, a variant, a fault or a trap page."""
    srv, truth = faulty
    srv.faults = STEADY
    faults = truth["faults"]
    robots = Protego.parse(fetch(srv.base_url + "robots.txt")[2].decode("ascii"))
    wanted = {p["url"] for p in truth["pages"]} | {a["url"] for a in truth["articles"]}
    dead_ends = (
        {m["url"] for m in truth["missing"]}
        | {r["from"] for r in truth["redirects"] + truth["offsite_redirects"]}
        | {a["url"] for a in truth["assets"]}
        | {url for url, found in faults["permanent"].items() if url not in wanted}
    )
    first = faults["trap"]["first_page"]
    number = re.search(r"(\d+)(\D*)$", first)
    assert number is not None
    trap_page = re.compile(re.escape(first[: number.start(1)]) + r"\d+" + re.escape(number[2]))
    seen, queue = {srv.base_url}, [srv.base_url]
    while queue:
        for link in links_of(queue.pop(), ENCODING[srv.dialect]):
            if not link.startswith(srv.base_url) or not robots.can_fetch(link, "ggcrawl"):
                continue
            canonical = faults["variants"].get(link, link)
            if canonical in seen or link in dead_ends or ALIAS.search(link):
                continue
            if trap_page.fullmatch(link) and canonical not in wanted:
                assert int(re.findall(r"\d+", link)[-1]) >= int(number[1]), link
                continue
            assert canonical in wanted, link
            seen.add(canonical)
            queue.append(canonical)
    assert seen == wanted


# ----- switching, determinism, command line


def test_switching_faults_off_and_on(faulty: tuple[ReplicaServer, dict], site: Site) -> None:
    srv, truth = faulty
    srv.faults = None
    assert srv.faults is None and "faults" not in srv.ground_truth()
    start = len(srv.fault_log)
    with ReplicaServer(site, srv.dialect) as clean:
        for url in [srv.base_url] + [p["url"] for p in truth["pages"][:8]]:
            got, want = fetch(url), fetch(clean.base_url + target(srv, url)[1:])
            assert got[0] == want[0] == 200 and unbased(srv, got[2]) == unbased(clean, want[2])
    wanted = {p["url"] for p in truth["pages"]} | {a["url"] for a in truth["articles"]}
    wanted |= {a["url"] for a in truth["assets"] if a["url"].startswith(srv.base_url)}
    for url in set(truth["faults"]["transient"]) & wanted:
        assert fetch(url)[0] == 200, url
    for url, found in truth["faults"]["permanent"].items():
        status, headers, _ = fetch(url)
        if found["fault"] == "wrong_charset":
            assert status == 200 and headers["Content-Type"] != found["content_type"]
        else:
            assert status == 404
    assert srv.fault_log[start:] == []
    srv.faults = PLAN  # on again, from the first request
    url, times = transient(truth, "error")[0]
    assert [fetch(url)[0] in (500, 503) for _ in range(times)] == [True] * times
    assert fetch(url)[0] == normal_status(truth, url)


def test_same_seed_same_faults(site: Site) -> None:
    runs = []
    for plan in (PLAN, PLAN, replace(PLAN, seed=17)):
        with ReplicaServer(site, "dede", faults=plan) as srv:
            truth = srv.ground_truth()
            faults = truth["faults"]
            for url, found in faults["transient"].items():
                if found["fault"] != "hang" and url not in faults["permanent"]:
                    for _ in range(found["times"] + 1):
                        attempt(url)
            runs.append((relative(srv, faults), list(srv.fault_log)))
    assert runs[0] == runs[1] and runs[0][1]
    assert runs[2][0] != runs[0][0] and runs[2][1] != runs[0][1]


@pytest.mark.server
def test_command_line_faults(tmp_path: Path) -> None:
    truth_path = tmp_path / "truth.json"
    command = [sys.executable, "-m", "ggcrawl.replica", "--articles", "40", "--seed", "5"]
    command += ["--port", "0", "--faults", "16", "--truth", str(truth_path)]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip()
        faults = json.loads(truth_path.read_text(encoding="utf-8"))["faults"]
        assert faults["seed"] == 16 and faults["trap"]["url"].startswith(base_url)
        loop = next(
            url
            for url, found in faults["permanent"].items()
            if found["fault"] == "redirect_loop" and url not in faults["transient"]
        )
        assert fetch(loop)[0] == 302
    finally:
        process.terminate()
        process.wait(timeout=10)
