"""`ggcrawl browse` listens on a socket whose accepted connections get TCP_NODELAY from asyncio
(as uvicorn serves it): without it each response on a kept-alive connection waited ~40 ms for
the client's delayed ACK. Checked on the connection the server accepts, not by timing."""

from __future__ import annotations

import asyncio
import socket

from ggcrawl.browse import HOST, listening_socket


async def nodelay_of_accepted(sock: socket.socket) -> int:
    accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        raw = writer.get_extra_info("socket")
        accepted.set_result(raw.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        writer.close()

    server = await asyncio.start_server(handle, sock=sock)
    async with server:
        _reader, writer = await asyncio.open_connection(HOST, sock.getsockname()[1])
        value = await asyncio.wait_for(accepted, 5)
        writer.close()
    return value


def test_the_browse_socket_gives_its_connections_tcp_nodelay() -> None:
    sock = listening_socket(0)
    assert sock.getsockname()[0] == HOST and sock.proto == socket.IPPROTO_TCP
    assert asyncio.run(nodelay_of_accepted(sock)) != 0


def test_a_socket_made_with_protocol_0_does_not() -> None:
    """What `ggcrawl browse` did before: asyncio leaves such connections with Nagle on."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((HOST, 0))
    sock.listen()
    assert asyncio.run(nodelay_of_accepted(sock)) == 0
