"""`curriculum serve`'s HTTP protocol: a turn's writes leave as one, in order, and
nothing held is lost or reordered by closing, streaming or a WebSocket upgrade."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import pytest
import uvicorn

from gateway import http_protocol
from gateway.http_protocol import HOLD_BELOW_BYTES, JoinedWritesHttpToolsProtocol, _JoinedWrites


class RecordingTransport:
    """Our stand-in for uvloop's transport: what reached the socket, write by write."""

    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.events: list[str] = []
        self.closing = False

    def write(self, data: bytes) -> None:
        self.writes.append(bytes(data))
        self.events.append("write")

    def is_closing(self) -> bool:
        return self.closing

    def close(self) -> None:
        self.closing = True
        self.events.append("close")

    def abort(self) -> None:
        self.closing = True
        self.events.append("abort")

    def write_eof(self) -> None:
        self.events.append("eof")

    def get_write_buffer_size(self) -> int:
        return 0

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"peername": ("127.0.0.1", 5)}.get(name, default)


async def _turn() -> None:
    """Let the loop finish its current turn (the held writes' callback runs)."""
    await asyncio.sleep(0)
    await asyncio.sleep(0)


async def test_a_head_and_body_written_in_one_turn_leave_as_one_write() -> None:
    real = RecordingTransport()
    joined = _JoinedWrites(real, asyncio.get_running_loop())  # type: ignore[arg-type]
    joined.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
    joined.write(b"{}")
    assert real.writes == []
    assert joined.get_write_buffer_size() == 40
    await _turn()
    assert real.writes == [b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"]


async def test_writes_of_different_turns_leave_separately_and_in_order() -> None:
    real = RecordingTransport()
    joined = _JoinedWrites(real, asyncio.get_running_loop())  # type: ignore[arg-type]
    joined.write(b"one")
    await _turn()
    joined.write(b"two")
    await _turn()
    assert real.writes == [b"one", b"two"]


async def test_a_large_write_goes_at_once_after_what_was_held() -> None:
    real = RecordingTransport()
    joined = _JoinedWrites(real, asyncio.get_running_loop())  # type: ignore[arg-type]
    chunk = b"x" * HOLD_BELOW_BYTES
    joined.write(b"head")
    joined.write(chunk)
    assert real.writes == [b"head", chunk]
    await _turn()
    assert real.writes == [b"head", chunk]


async def test_close_sends_what_is_held_first_and_abort_drops_it() -> None:
    loop = asyncio.get_running_loop()
    real = RecordingTransport()
    joined = _JoinedWrites(real, loop)  # type: ignore[arg-type]
    joined.write(b"last words")
    joined.close()
    assert real.events == ["write", "close"]
    assert real.writes == [b"last words"]

    aborted = RecordingTransport()
    joined = _JoinedWrites(aborted, loop)  # type: ignore[arg-type]
    joined.write(b"never sent")
    joined.abort()
    await _turn()
    assert aborted.events == ["abort"]


async def test_nothing_is_written_to_a_transport_already_closing() -> None:
    real = RecordingTransport()
    joined = _JoinedWrites(real, asyncio.get_running_loop())  # type: ignore[arg-type]
    joined.write(b"late")
    real.closing = True
    await _turn()
    assert real.writes == []


async def test_other_transport_calls_reach_the_real_transport() -> None:
    real = RecordingTransport()
    joined = _JoinedWrites(real, asyncio.get_running_loop())  # type: ignore[arg-type]
    assert joined.get_extra_info("peername") == ("127.0.0.1", 5)
    joined.write_eof()
    assert real.events == ["eof"]


def test_curriculum_serve_uses_the_joined_writes_protocol(monkeypatch: pytest.MonkeyPatch) -> None:
    from gateway import cli, logs

    seen: dict[str, Any] = {}
    monkeypatch.setattr(cli, "_address_free", lambda *a: None)
    monkeypatch.setattr(logs, "configure_logging", lambda settings: None)
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: seen.update(kw))
    # serve exports HOST and PORT for the app's processes: restored after the test
    monkeypatch.setenv("HOST", "127.0.0.1")
    monkeypatch.setenv("PORT", "8999")
    with pytest.raises(SystemExit) as exited:
        cli.main(["serve", "--port", "8999"])
    assert exited.value.code == 0
    assert seen["http"] is JoinedWritesHttpToolsProtocol
    assert seen["loop"] == "uvloop"


async def _app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    if scope["path"] == "/stream":  # the head, then a body that comes a turn later
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await asyncio.sleep(0.01)
        await send({"type": "http.response.body", "body": b"late", "more_body": False})
        return
    body = b'{"ok":true}'
    headers = [(b"content-type", b"application/json"), (b"content-length", b"11")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def test_a_served_response_reaches_the_socket_in_one_write(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Under uvicorn itself: each response is one write on the real transport, keep-alive
    requests on one connection all answered, a streamed one (head, a wait, its body) too."""
    writes: list[bytes] = []
    real_flush = _JoinedWrites.flush

    def counting_flush(self: _JoinedWrites) -> None:
        if self._held:
            writes.append(b"".join(self._held))
        real_flush(self)

    monkeypatch.setattr(http_protocol._JoinedWrites, "flush", counting_flush)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(_app, http=JoinedWritesHttpToolsProtocol, log_level="error")
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    for _ in range(200):
        if server.started or serving.done():
            break
        await asyncio.sleep(0.01)
    assert server.started, "uvicorn did not start"
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for _ in range(3):
            writer.write(b"GET / HTTP/1.1\r\nhost: t\r\n\r\n")
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            assert head.startswith(b"HTTP/1.1 200 OK\r\n")
            assert await reader.readexactly(11) == b'{"ok":true}'
        writer.write(b"GET /stream HTTP/1.1\r\nhost: t\r\n\r\n")
        head = await reader.readuntil(b"\r\n\r\n")
        assert b"transfer-encoding: chunked" in head
        assert await reader.readuntil(b"0\r\n\r\n") == b"4\r\nlate\r\n0\r\n\r\n"
        writer.close()
    finally:
        server.should_exit = True
        await serving
        sock.close()
    answers = [w for w in writes if w.startswith(b"HTTP/1.1 200")]
    assert len(answers) == 4
    assert all(a.endswith(b'{"ok":true}') for a in answers[:3])
