"""Small but valid file bytes for images, attachments and theme files.

Crawlers and archivers may sniff or store these, so they carry real signatures (a PNG that
decodes, a baseline JPEG, a PDF with a correct xref, OLE2 headers for Office files). A file
can be padded to a given size (the large attachment that size caps are tested on) with
seeded random bytes: made on demand, never stored, and incompressible like a scan.
"""

from __future__ import annotations

import random
import struct
import zlib
from functools import lru_cache

CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "pdf": "application/pdf",
    "css": "text/css",
    "js": "application/x-javascript",
}


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(key: int, size: int = 16) -> bytes:
    """A solid-colour RGB PNG whose colour depends on `key`."""
    colour = bytes(((key * 67) % 256, (key * 151) % 256, (key * 29 + 90) % 256))
    rows = b"".join(b"\x00" + colour * size for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def jpeg() -> bytes:
    """An 8x8 mid-grey baseline JPEG: one block, DC difference 0, end of block."""
    one_code = bytes([1] + [0] * 15) + b"\x00"  # one Huffman code of length 1 for symbol 0
    return b"".join(
        (
            b"\xff\xd8",
            _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
            _segment(0xDB, b"\x00" + b"\x01" * 64),
            _segment(0xC0, struct.pack(">BHHB", 8, 8, 8, 1) + b"\x01\x11\x00"),
            _segment(0xC4, b"\x00" + one_code),
            _segment(0xC4, b"\x10" + one_code),
            _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00"),
            b"\x3f",  # bits 0 (DC category 0) and 0 (EOB), padded with ones
            b"\xff\xd9",
        )
    )


def gif() -> bytes:
    """A 1x1 transparent GIF, the classic spacer of table layouts."""
    return bytes.fromhex(
        "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
    )


def pdf(text: str) -> bytes:
    """A one-page PDF showing an ASCII `text`, with a byte-exact cross-reference table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def office(name: str) -> bytes:
    """Bytes that start like a legacy Office (OLE2) file and carry the document's name."""
    header = bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff"
    return header.ljust(512, b"\x00") + name.encode("utf-16-le")


def _natural(ext: str, key: int, name: str) -> bytes:
    if ext == "png":
        return png(key)
    if ext == "jpg":
        return jpeg()
    if ext == "gif":
        return gif()
    if ext == "pdf":
        return pdf(f"ggcrawl replica attachment {key}")
    return office(name)


@lru_cache(maxsize=4)
def _padding(key: int, size: int) -> bytes:
    return random.Random(key).randbytes(size)


def asset_bytes(ext: str, key: int, name: str, size: int = 0) -> bytes:
    """The served bytes of an image or attachment with extension `ext`, padded to `size`."""
    data = _natural(ext, key, name)
    return data + _padding(key, size - len(data)) if size > len(data) else data


def extension(target: str) -> str:
    """The lower-case extension of a request target's path."""
    return target.split("?")[0].rsplit(".", 1)[-1].lower()


def offsite_image(target: str) -> bytes:
    """What the off-site server answers for an image at `target` (path and query)."""
    return asset_bytes(extension(target), len(target), "")
