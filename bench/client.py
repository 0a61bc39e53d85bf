"""The load client that sends the gateway's side of a benchmark: one POST, its answer.

The client's own work (building the request, parsing the answer) lands on the measured
latency and, on this two-core machine, takes CPU from the server. So the default is
aiohttp, whose HTTP parsing is in C: `{ __typename }` against the same server, median of
1,000 requests, was 1.8-2.7 ms with aiohttp, 1.4-3.3 ms with a bare socket and
4.9-5.5 ms with httpx (BENCHMARKS.md, Method). `--client httpx` keeps the earlier client
for comparison with runs before the change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import aiohttp
import httpx


class PostClient(Protocol):
    async def post(self, path: str, body: bytes) -> tuple[int, bytes]:
        """POST `body` to `path` on a keep-alive connection; (status, response body)."""

    async def close(self) -> None: ...


class AiohttpClient:
    def __init__(self, base_url: str, headers: Mapping[str, str], *, connections: int) -> None:
        self._session = aiohttp.ClientSession(
            base_url,
            headers=dict(headers),
            connector=aiohttp.TCPConnector(limit=connections),
            timeout=aiohttp.ClientTimeout(total=60),
        )

    async def post(self, path: str, body: bytes) -> tuple[int, bytes]:
        async with self._session.post(path, data=body) as answer:
            return answer.status, await answer.read()

    async def close(self) -> None:
        await self._session.close()


class HttpxClient:
    def __init__(self, base_url: str, headers: Mapping[str, str], *, connections: int) -> None:
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        self._client = httpx.AsyncClient(
            base_url=base_url, headers=dict(headers), limits=limits, timeout=60
        )

    async def post(self, path: str, body: bytes) -> tuple[int, bytes]:
        answer = await self._client.post(path, content=body)
        return answer.status_code, answer.content

    async def close(self) -> None:
        await self._client.aclose()


CLIENTS: dict[str, type[AiohttpClient] | type[HttpxClient]] = {
    "aiohttp": AiohttpClient,
    "httpx": HttpxClient,
}


def open_client(
    kind: str, base_url: str, headers: Mapping[str, str], *, connections: int
) -> PostClient:
    return CLIENTS[kind](base_url, headers, connections=connections)
