"""WARC 1.1 files that other web-archive tools read (warcio, pywb, …), written with warcio.

Records hold what the server sent: the status line with its own reason phrase, every header
(repeated ones repeated), and the body as transferred, Content-Encoding and all. A response whose
payload is identical to the URL's last capture becomes a revisit record pointing at it. Each
record is its own gzip member, so a file cut short by a crash is valid up to its last whole
record, and the archive knows (``warc_files.committed_end``) how far that is.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ggcrawl import __version__
from ggcrawl.items import WarcRef

WARC_VERSION = "WARC/1.1"


@dataclass(frozen=True)
class Capture:
    """A URL's last archived response record, for revisit records."""

    payload_digest: str
    record_id: str
    date: str


@dataclass(frozen=True)
class Exchange:
    """One request and its response, exactly as they went over the wire."""

    url: str
    method: str
    target: str  # path and query, as in the request line
    request_headers: list[tuple[str, str]]
    protocol: str
    status: int
    reason: str
    response_headers: list[tuple[str, str]]
    body: bytes  # as transferred: still compressed if Content-Encoding says so
    ip: str | None


def payload_digest(body: bytes) -> str:
    """The digest WARC uses (``sha1:`` + base32), as pywb and warcio compute it."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


class WarcFile:
    """Appends records to one WARC file; opened per crawl (and per resume of a crawl)."""

    def __init__(self, path: Path, *, info: dict[str, str], previous: dict[str, Capture]):
        self.path = path
        self.previous = previous
        fresh = not path.exists() or path.stat().st_size == 0
        self.handle = path.open("ab")
        self.writer = WARCWriter(self.handle, gzip=True, warc_version=WARC_VERSION)
        if fresh:
            fields = {"software": f"ggcrawl/{__version__} (warcio)", "format": WARC_VERSION, **info}
            self._write(self.writer.create_warcinfo_record(path.name, fields))

    def record(self, exchange: Exchange, date: str) -> WarcRef:
        """Write the request record, then its response (or revisit) record; returns where the
        response record lies. The request goes first so that the response record's end is the
        pair's end: a file cut back to what the archive committed (``committed_end``, the end of
        a committed response) keeps both records of every committed page."""
        digest = payload_digest(exchange.body)
        http = StatusAndHeaders(
            f"{exchange.status} {exchange.reason}".rstrip(),
            exchange.response_headers,
            protocol=exchange.protocol,
        )
        warc_headers = {"WARC-Date": date}
        if exchange.ip:
            warc_headers["WARC-IP-Address"] = exchange.ip
        earlier = self.previous.get(exchange.url)
        if earlier is not None and earlier.payload_digest == digest and exchange.body:
            response = self.writer.create_revisit_record(
                exchange.url,
                digest,
                exchange.url,
                earlier.date,
                http_headers=http,
                warc_headers_dict=warc_headers,
            )
            response.rec_headers.add_header("WARC-Refers-To", earlier.record_id)
        else:
            response = self.writer.create_warc_record(
                exchange.url,
                "response",
                payload=BytesIO(exchange.body),
                length=len(exchange.body),
                http_headers=http,
                warc_headers_dict=warc_headers,
            )
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        request = self.writer.create_warc_record(
            exchange.url,
            "request",
            http_headers=StatusAndHeaders(
                f"{exchange.method} {exchange.target} {exchange.protocol}",
                exchange.request_headers,
                is_http_request=True,
            ),
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": record_id},
        )
        self._write(request)
        offset, length = self._write(response)
        self.handle.flush()
        return WarcRef(self.path.name, record_id, offset, length, digest, date)

    def _write(self, record: ArcWarcRecord) -> tuple[int, int]:
        offset = self.handle.tell()
        self.writer.write_record(record)
        return offset, self.handle.tell() - offset

    def close(self) -> None:
        self.handle.close()
