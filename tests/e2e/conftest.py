"""E2E: the real app in its own process (uvicorn), over HTTP and WebSocket."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest
from redis.asyncio import Redis
from sqlalchemy import text

from datasources.settings import Settings
from datasources.stores import Stores, open_stores
from tests.e2e.test_authz_harness import LOGIN, PASSWORD, Account, Client, isolated, register
from tests.processes import die_with_tests, same_database, store_env

ROOT = Path(__file__).resolve().parents[2]
# The edge tests' own Redis database (others: 15 the shared test runs, 13 security).
EDGE_REDIS_DB = 12
# Cheap password hashing and limits out of the way: the edge tests send many requests.
EDGE_ENV = {
    "AUTH_ARGON2_TIME_COST": "1",
    "AUTH_ARGON2_MEMORY_KIB": "8192",
    "AUTH_ARGON2_PARALLELISM": "1",
    **{
        f"RATE_LIMIT_{name}": "1000000"
        for name in (
            "QUERIES_PER_MINUTE",
            "MUTATIONS_PER_MINUTE",
            "SUBSCRIPTIONS_PER_MINUTE",
            "LOGIN_PER_MINUTE",
            "LOGIN_PER_ACCOUNT_PER_MINUTE",
        )
    },
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(settings: Settings, **extra: str) -> dict[str, str]:
    defaults = {
        "APP_ENV": "test",
        "SECRET_KEY": "e2e-secret-key-that-is-long-enough-0123456789",
        "LOG_LEVEL": "WARNING",
    }
    return store_env(settings, **(defaults | extra))


def server_log(port: int) -> Path:
    return ROOT / ".stack" / "e2e" / f"app-{port}.log"


def start_server(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    """The app as users run it (`curriculum serve`: its uvicorn settings, logging and
    shutdown settings; one worker process) on a free port. Its output goes to
    .stack/e2e/app-<port>.log: a pipe nobody reads fills up (64 kB of logs) and then
    blocks the server for good."""
    port = _free_port()
    log_path = server_log(port)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = ["gateway.cli", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", *command],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_tests,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = log_path.read_text(errors="replace")
            raise RuntimeError(f"the app exited early ({log_path}):\n{output[-3000:]}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"the app did not answer /healthz within 60 s ({log_path})")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def server_url(test_settings: Settings, test_database: str) -> Iterator[str]:
    process, url = start_server(server_env(test_settings))
    try:
        yield url
    finally:
        stop_server(process)


@dataclass(frozen=True)
class EdgeApp:
    url: str
    settings: Settings
    stores: Stores  # the same stores, opened by the test process

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://") + "/graphql"


async def _flush(url: str) -> None:
    client = Redis.from_url(url)
    try:
        await client.flushdb()
    finally:
        await client.aclose()


@pytest.fixture(scope="session")
async def edge_app(stack_settings: Settings) -> AsyncIterator[EdgeApp]:
    """The app under uvicorn for the edge tests (JS clients, bad input, fuzz): a
    PostgreSQL database of its own (dropped afterwards), Redis database 12, so whatever
    they create or break touches no other test's data."""
    async with isolated(stack_settings) as base:
        redis_url = urlunsplit(urlsplit(base.redis.url)._replace(path=f"/{EDGE_REDIS_DB}"))
        namespace = "Edge" if base.vector_backend == "weaviate" else "vectors_edge"
        settings = base.model_copy(
            update={
                "redis": base.redis.model_copy(
                    update={
                        "url": redis_url,
                        "cache_url": same_database(base.redis.cache_url, redis_url),
                    }
                ),
                "vector_namespace": namespace,
            }
        )
        await _flush(redis_url)
        await _flush(same_database(base.redis.cache_url, redis_url))
        process, url = start_server(server_env(settings, **EDGE_ENV))
        try:
            async with open_stores(settings) as stores:
                yield EdgeApp(url=url, settings=settings, stores=stores)
        finally:
            stop_server(process)
            await _flush(redis_url)


async def edge_account(app: EdgeApp, *, admin: bool = False) -> Account:
    """A new account (`register`), signed in by a real `login` over HTTP; the token is
    the login's."""
    async with httpx.AsyncClient(base_url=app.url, timeout=30) as http:
        account = await register(http)
        body = await Client(http).gql(LOGIN, login=account.username, password=PASSWORD)
    if admin:
        async with app.stores.engine.begin() as conn:
            promote = text("UPDATE users SET role = 'admin' WHERE id = :id")
            await conn.execute(promote, {"id": account.user_id})
    return replace(account, token=body["data"]["login"]["token"])
