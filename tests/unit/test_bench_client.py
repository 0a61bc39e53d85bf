"""bench.client: both load clients send the same request and return status and body."""

from __future__ import annotations

import asyncio

import pytest

from bench.client import CLIENTS, open_client


@pytest.mark.parametrize("kind", sorted(CLIENTS))
async def test_a_client_posts_the_body_with_its_headers_on_one_connection(kind: str) -> None:
    seen: list[bytes] = []
    connections = 0

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except asyncio.IncompleteReadError:
                break
            length = next(
                int(line.split(b":", 1)[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            )
            seen.append(head + await reader.readexactly(length))
            body = b'{"data":{"ok":true}}'
            writer.write(
                b"HTTP/1.1 201 Created\r\ncontent-type: application/json\r\n"
                + f"content-length: {len(body)}\r\n\r\n".encode()
                + body
            )
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    client = open_client(
        kind, f"http://127.0.0.1:{port}", {"authorization": "Bearer t0ken"}, connections=1
    )
    try:
        first = await client.post("/graphql", b'{"query":"{ a }"}')
        second = await client.post("/graphql", b'{"query":"{ b }"}')
    finally:
        await client.close()
        server.close()
        await server.wait_closed()
    assert first == (201, b'{"data":{"ok":true}}')
    assert second == first
    assert connections == 1  # keep-alive: the load runs over open connections
    assert [s.split(b"\r\n", 1)[0] for s in seen] == [b"POST /graphql HTTP/1.1"] * 2
    assert all(b"authorization: bearer t0ken" in s.lower() for s in seen)
    assert seen[0].endswith(b'{"query":"{ a }"}') and seen[1].endswith(b'{"query":"{ b }"}')
