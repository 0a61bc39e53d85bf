"""uvicorn's httptools protocol, with a response's head and body sent in one write.

uvicorn writes the status line and headers, then the body, as two `transport.write`
calls; uvloop sends each at once, so every response was two `send` system calls and,
with Nagle's algorithm off, two TCP segments that the client reads and parses as two
arrivals. Here writes made in the same turn of the event loop are joined and sent at the
end of it: a response answered without awaiting anything in between (nearly all of
them) leaves in one segment, as Node's servers send theirs. Anything that needs the bytes
on the wire (closing, aborting, a write large enough to be streamed) sends what is held
first, so the order of bytes never changes.
"""

from __future__ import annotations

import asyncio
from typing import Any, cast

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

# A write at least this large is sent at once (after what is held): joining copies it,
# and a streamed download's chunks gain nothing from waiting for the loop's turn.
HOLD_BELOW_BYTES = 16 * 1024


class _JoinedWrites:
    """A transport that holds small writes until the loop's turn ends, then sends them as one."""

    __slots__ = ("_held", "_loop", "transport")

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self.transport = transport
        self._loop = loop
        self._held: list[bytes] | None = None

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if len(data) >= HOLD_BELOW_BYTES:
            self.flush()
            self.transport.write(data)
            return
        if self._held is None:
            self._held = [bytes(data)]
            self._loop.call_soon(self.flush)
        else:
            self._held.append(bytes(data))

    def flush(self) -> None:
        held, self._held = self._held, None
        if held and not self.transport.is_closing():
            self.transport.write(held[0] if len(held) == 1 else b"".join(held))

    def close(self) -> None:
        self.flush()
        self.transport.close()

    def abort(self) -> None:
        self._held = None  # abort discards what is buffered, held bytes included
        self.transport.abort()

    def write_eof(self) -> None:
        self.flush()
        self.transport.write_eof()

    def get_write_buffer_size(self) -> int:
        held = sum(len(b) for b in self._held) if self._held else 0
        return held + self.transport.get_write_buffer_size()

    def __getattr__(self, name: str) -> Any:
        # Everything else (reading, flow control, extra info) is the real transport's.
        return getattr(self.transport, name)


class JoinedWritesHttpToolsProtocol(HttpToolsProtocol):
    """`uvicorn --http` protocol: httptools, with each turn's writes joined."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # (uvloop's transports do not subclass asyncio.Transport; they have its methods.)
        joined = _JoinedWrites(cast("asyncio.Transport", transport), self.loop)
        super().connection_made(joined)  # type: ignore[arg-type]

    def handle_websocket_upgrade(self) -> None:
        # The WebSocket protocol takes the real transport: its frames are written as they
        # come, and nothing of this protocol's may be left held behind them.
        joined = self.transport
        if isinstance(joined, _JoinedWrites):
            joined.flush()
            self.transport = joined.transport
        super().handle_websocket_upgrade()
