"""Shared by the security tests: the real app served in-process, and a small client.

The app runs under uvicorn in the test's own event loop (so a test can also look at
its audit queue), on a free port, against the dev stack's servers — but each test
module gets its own freshly migrated PostgreSQL database and the security tests use
Redis database 13, so they neither see nor disturb other test runs (which recreate
`curriculum_test` and flush Redis database 15 as they go).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import socket
import sys
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import uvicorn
from alembic import command
from alembic.config import Config
from redis.asyncio import Redis
from sqlalchemy import insert, text
from starlette.applications import Starlette

from datasources.errors import UpstreamUnavailable
from datasources.postgres.models import GenerationTask
from datasources.redis.sessions import user_state_key
from datasources.settings import Settings
from gateway.app import create_app
from gateway.security.runtime import SecurityRuntime
from tests.graph_leftovers import forget_graph, isolated_name, with_database

PASSWORD = "correct horse battery staple"
SECRET = "security-tests-secret-key-0123456789abcdef"
REDIS_DB = 13
ROOT = Path(__file__).resolve().parents[2]


def _with_path(url: str, path: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=path))


def _migrate(url: str) -> None:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.attributes.update(database_url=url, configure_logging=False)
    command.upgrade(config, "head")


@contextlib.asynccontextmanager
async def isolated(stack: Settings) -> AsyncIterator[Settings]:
    """The stack's servers with a database of our own (dropped afterwards, after the graph
    its rows stand for: tests/graph_leftovers.py) and Redis db 13."""
    name = isolated_name(secrets.token_hex(4))
    admin = await asyncpg.connect(stack.postgres.asyncpg_dsn)
    own = with_database(stack, name)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        await asyncio.to_thread(_migrate, own.postgres.url)
        yield own.model_copy(
            update={
                "redis": stack.redis.model_copy(
                    update={"url": _with_path(stack.redis.url, f"/{REDIS_DB}")}
                ),
                "app_env": "test",
            }
        )
    finally:
        with contextlib.suppress(UpstreamUnavailable):  # the database goes all the same
            await forget_graph(own)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def flush_redis(settings: Settings) -> None:
    """Empty the security tests' own Redis database (never the one other tests use)."""
    assert settings.redis.url.endswith(f"/{REDIS_DB}")
    client = Redis.from_url(settings.redis.url)
    try:
        await client.flushdb()
    finally:
        await client.aclose()


def fast_settings(base: Settings, **groups: dict[str, Any]) -> Settings:
    """The test stores, cheap password hashing, quick flushes; `groups` override more."""
    updates: dict[str, dict[str, Any]] = {
        "auth": {
            "argon2_time_cost": 1,
            "argon2_memory_kib": 8192,
            "argon2_parallelism": 1,
            "recheck_seconds": 0.3,
            "key_usage_flush_seconds": 0.2,
        },
        "audit": {"flush_seconds": 0.1},
        "rate_limit": {
            "queries_per_minute": 100_000,
            "mutations_per_minute": 100_000,
            "subscriptions_per_minute": 100_000,
            "login_per_minute": 100_000,
            "login_per_account_per_minute": 100_000,
        },
    }
    for name, values in groups.items():
        updates.setdefault(name, {}).update(values)
    return base.model_copy(
        update={
            "secret_key": base.secret_key.__class__(SECRET),
            **{
                name: getattr(base, name).model_copy(update=values)
                for name, values in updates.items()
            },
        }
    )


@dataclass
class Served:
    app: Starlette
    url: str

    @property
    def security(self) -> SecurityRuntime:
        runtime: SecurityRuntime = self.app.state.security
        return runtime

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://") + "/graphql"

    async def audit_drained(self) -> None:
        trail = self.security.audit
        assert trail is not None
        await trail.drained()


@contextlib.asynccontextmanager
async def serve(settings: Settings, **options: Any) -> AsyncIterator[Served]:
    app = create_app(settings, **options)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", ws="websockets-sansio", lifespan="on")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        for _ in range(600):
            if server.started or task.done():
                break
            await asyncio.sleep(0.05)
        if task.done():
            task.result()
        assert server.started, "the app did not start"
        yield Served(app=app, url=f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        try:
            await _stopped(server, task)
        finally:
            sock.close()


SHUTDOWN_SECONDS = 30.0


async def _stopped(server: uvicorn.Server, task: asyncio.Task[None]) -> None:
    """Wait for uvicorn to stop. Without a grace timeout it waits for every connection
    and task to end: one that never does hung the whole run (seen once in CI). Past
    SHUTDOWN_SECONDS the test fails naming what still ran, and the server is forced down."""
    done, _ = await asyncio.wait({task}, timeout=SHUTDOWN_SECONDS)
    if done:
        task.result()
        return
    stuck = _stacks(task)
    print(f"the server did not stop within {SHUTDOWN_SECONDS:.0f} s:\n{stuck}", file=sys.stderr)
    server.force_exit = True  # past the connections and tasks; the lifespan still ends
    done, _ = await asyncio.wait({task}, timeout=SHUTDOWN_SECONDS)
    if not done:
        still = _stacks(task)
        task.cancel()
        stuck += f"\nand, forced, its lifespan did not end either:\n{still}"
    raise AssertionError(f"the server did not stop within {SHUTDOWN_SECONDS:.0f} s:\n{stuck}")


def _stacks(server_task: asyncio.Task[None]) -> str:
    """Every other pending task of the loop and where it waits, outermost call first."""
    lines = []
    for task in asyncio.all_tasks():
        if task is server_task or task is asyncio.current_task():
            continue
        lines.append(f"- {task.get_name()}: {' -> '.join(_awaiting(task.get_coro()))}")
    return "\n".join(sorted(lines))


def _awaiting(coro: Any) -> list[str]:
    """The chain of calls a suspended coroutine waits in (Task.get_stack gives only its
    outermost frame)."""
    calls = []
    while coro is not None:
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "ag_frame", None)
        frame = frame or getattr(coro, "gi_frame", None)
        if frame is not None:
            calls.append(
                f"{frame.f_code.co_name} ({Path(frame.f_code.co_filename).name}:{frame.f_lineno})"
            )
        coro = (
            getattr(coro, "cr_await", None)
            or getattr(coro, "ag_await", None)
            or getattr(coro, "gi_yieldfrom", None)
        )
    return calls


class Client:
    """GraphQL over HTTP as one caller (a bearer token, an API key, or nobody)."""

    def __init__(
        self, http: httpx.AsyncClient, *, token: str | None = None, key: str | None = None
    ) -> None:
        self.http = http
        self.token = token
        self.key = key

    def headers(self) -> dict[str, str]:
        if self.token:
            return {"authorization": f"Bearer {self.token}"}
        if self.key:
            return {"x-api-key": self.key}
        return {}

    async def post(self, query: str, **variables: Any) -> httpx.Response:
        return await self.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=self.headers()
        )

    async def gql(self, query: str, **variables: Any) -> dict[str, Any]:
        response = await self.post(query, **variables)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body


REGISTER = """mutation($input: RegisterInput!) { register(input: $input) {
  __typename
  ... on AuthPayload { token expiresAt user { id username email role } }
  ... on EmailTaken { message } ... on UsernameTaken { message }
  ... on InvalidInput { message field } } }"""
LOGIN = """mutation($login: String!, $password: String!) {
  login(emailOrUsername: $login, password: $password) {
    __typename ... on AuthPayload { token user { id username } }
    ... on InvalidCredentials { message } } }"""
CREATE_KEY = """mutation($name: String!, $permissions: [String!]!, $expiresAt: DateTime,
  $rateLimit: Int) {
  createApiKey(name: $name, permissions: $permissions, expiresAt: $expiresAt,
    rateLimit: $rateLimit) {
    __typename ... on CreatedApiKey { key apiKey { id name permissions rateLimit } }
    ... on InvalidInput { message field } } }"""


@dataclass
class Account:
    user_id: uuid.UUID
    global_id: str
    username: str
    email: str
    token: str


def unique_name(prefix: str = "u") -> str:
    return f"{prefix}{uuid.uuid4().hex[:12]}"


async def register(http: httpx.AsyncClient, *, name: str | None = None) -> Account:
    from resolvers.ids import from_global_id

    name = name or unique_name()
    body = await Client(http).gql(
        REGISTER,
        input={"email": f"{name}@example.org", "username": name, "password": PASSWORD},
    )
    result = body["data"]["register"]
    assert result["__typename"] == "AuthPayload", body
    user = result["user"]
    return Account(
        user_id=from_global_id(user["id"])[1],
        global_id=user["id"],
        username=name,
        email=f"{name}@example.org",
        token=result["token"],
    )


async def create_key(client: Client, permissions: list[str], **extra: Any) -> tuple[str, str]:
    body = await client.gql(CREATE_KEY, name="test key", permissions=permissions, **extra)
    created = body["data"]["createApiKey"]
    assert created["__typename"] == "CreatedApiKey", body
    return created["key"], created["apiKey"]["id"]


async def make_admin(served: Served, user_id: uuid.UUID) -> None:
    """Promote in SQL, as an operator would; then drop the gateway's copy of the account's
    state, which docs/security.md tells operators to do (or to wait
    AUTH_STATE_CACHE_SECONDS): tests/e2e/test_authz_transport.py checks both."""
    engine = served.app.state.stores.engine
    async with engine.begin() as conn:
        await conn.execute(text("UPDATE users SET role = 'admin' WHERE id = :id"), {"id": user_id})
    await served.app.state.stores.redis.client.delete(user_state_key(user_id))


async def ws_messages(ws: Any, until: set[str], *, within: float = 10.0) -> list[dict[str, Any]]:
    """Messages from the socket up to (and including) one whose type is in `until`."""
    seen = []
    async with asyncio.timeout(within):
        while True:
            message = json.loads(await ws.recv())
            seen.append(message)
            if message.get("type") in until:
                return seen


async def direct_account(served: Served, *, name: str | None = None) -> Account:
    """An account and a session made through the stores (no HTTP, so no rate limit)."""
    from resolvers.ids import to_global_id

    services = served.security.accounts
    assert services is not None
    name = name or unique_name()
    user = await services.accounts.register(
        email=f"{name}@example.org", username=name, password=PASSWORD, full_name=None
    )
    assert not isinstance(user, str)
    session = await services.sessions.create(user.id)
    return Account(
        user_id=user.id,
        global_id=to_global_id("User", user.id),
        username=name,
        email=f"{name}@example.org",
        token=session.token,
    )


async def own_task(
    served: Served,
    account: Account,
    *,
    status: str = "completed",
    result: dict[str, Any] | None = None,
) -> str:
    """A course-generation task of `account` (its progress channel is named after the
    task); its global id."""
    from resolvers.ids import to_global_id

    task_id = uuid.uuid4()
    async with served.app.state.stores.sessions() as session, session.begin():
        await session.execute(
            insert(GenerationTask).values(
                id=task_id,
                user_id=account.user_id,
                task_type="course_generation",
                status=status,
                payload={},
                result=result,
            )
        )
    return to_global_id("GenerationTask", task_id)
