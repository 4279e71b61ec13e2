"""pywb, the standard replay tool, run as an archivist would: a collection made with
`wb-manager`, `wayback` serving it on 127.0.0.1, pages asked of it over HTTP."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent
COLLECTION = "tsggw"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def replay(workdir: Path, archive: Path, paths: list[str]) -> list[bytes]:
    """What pywb answers for each path under the collection (``2100id_/http://…``) once
    `archive` is added to it: a WARC file, or a WACZ file, whose WARC files and index
    `wb-manager add --unpack-wacz` takes in."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    manager = str(BIN / "wb-manager")
    unpack = ["--unpack-wacz"] if archive.suffix == ".wacz" else []
    for args in (["init", COLLECTION], ["add", *unpack, COLLECTION, str(archive)]):
        subprocess.run([manager, *args], cwd=workdir, check=True, env=env, capture_output=True)
    port = free_port()
    wayback = subprocess.Popen(
        [str(BIN / "wayback"), "-b", "127.0.0.1", "-p", str(port)],
        cwd=workdir,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert time.monotonic() < deadline and wayback.poll() is None, "pywb did not start"
                time.sleep(0.2)
        bodies = []
        for path in paths:
            url = f"http://127.0.0.1:{port}/{COLLECTION}/{path}"
            with urllib.request.urlopen(url, timeout=30) as reply:
                bodies.append(reply.read())
        return bodies
    finally:
        os.killpg(wayback.pid, signal.SIGTERM)
        wayback.wait(timeout=30)


def page_text(body: bytes) -> str:
    """A replayed page as text, in the charset its markup declares (GBK on some dialects)."""
    chinese = re.search(rb"charset=[\"']?(gb2312|gbk|gb18030)", body[:2000], re.IGNORECASE)
    return body.decode("gb18030" if chinese else "utf-8")
