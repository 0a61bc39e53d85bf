"""The audit trail on the real PostgreSQL: a row per request, secrets redacted, batched
COPYs, nothing lost on a clean stop, partitions created at start."""

from __future__ import annotations

import asyncio
import ipaddress
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from datasources.postgres.engine import async_url
from datasources.settings import Settings
from gateway.security import audit
from gateway.security.audit import AuditEntry, AuditTrail
from resolvers.ids import to_global_id
from tests.e2e.test_authz_harness import (
    CREATE_KEY,
    LOGIN,
    PASSWORD,
    REGISTER,
    Served,
    fast_settings,
    isolated,
    register,
    serve,
    unique_name,
)

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
async def settings(stack_settings: Settings) -> AsyncIterator[Settings]:
    async with isolated(stack_settings) as own:
        yield fast_settings(own)


@pytest.fixture(scope="module")
async def served(settings: Settings) -> AsyncIterator[Served]:
    async with serve(settings) as app:
        yield app


@pytest.fixture
async def http(served: Served) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=served.url, timeout=30) as client:
        yield client


@pytest.fixture
async def engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    created = create_async_engine(async_url(settings.postgres.url))
    try:
        yield created
    finally:
        await created.dispose()


def rid() -> str:
    return uuid.uuid4().hex


async def rows_for(engine: AsyncEngine, *request_ids: str) -> list[dict[str, Any]]:
    async with engine.connect() as conn:
        result = await conn.execute(
            text(
                "SELECT *, request_body::text AS body_text FROM audit_logs"
                " WHERE metadata->>'request_id' = ANY(:ids) ORDER BY id"
            ),
            {"ids": list(request_ids)},
        )
        return [dict(r._mapping) for r in result]


async def test_each_graphql_operation_and_route_writes_one_row(
    served: Served, http: httpx.AsyncClient
) -> None:
    account = await register(http)
    course_id = uuid.uuid4()
    ids = [rid() for _ in range(3)]
    headers = {"authorization": f"Bearer {account.token}", "user-agent": "audit-test/1.0"}
    await http.post(
        "/graphql",
        json={
            "query": "query Course($id: ID!) { course(id: $id) { id } }",
            "variables": {"id": to_global_id("Course", course_id)},
            "operationName": "Course",
        },
        headers={**headers, "x-request-id": ids[0]},
    )
    await http.post(
        "/graphql",
        json={"query": "{ me { id } }"},
        headers={**headers, "x-request-id": ids[1]},
    )
    await http.get("/healthz", headers={"x-request-id": ids[2], "user-agent": "probe"})
    await served.audit_drained()
    course, me, health = await rows_for(served.app.state.stores.engine, *ids)
    assert course["action"] == "Course"
    assert (course["resource_type"], course["resource_id"]) == ("Course", course_id)
    assert course["user_id"] == account.user_id
    assert str(course["ip_address"]) == "127.0.0.1"
    assert course["user_agent"] == "audit-test/1.0"
    assert (course["request_method"], course["request_path"]) == ("POST", "/graphql")
    assert course["response_status"] == 200 and course["response_time_ms"] >= 0
    assert course["metadata"]["operation_type"] == "query"
    assert course["request_body"]["variables"] == {"id": to_global_id("Course", course_id)}
    assert me["action"] == "query me"
    assert (health["action"], health["user_id"], health["response_status"]) == (
        "GET /healthz",
        None,
        200,
    )


async def test_secrets_never_reach_the_audit_log(served: Served, http: httpx.AsyncClient) -> None:
    name, secret = unique_name(), "s3cret-passphrase-" + uuid.uuid4().hex
    ids = [rid() for _ in range(5)]
    anonymous = {"x-request-id": ids[0]}
    registered = await http.post(
        "/graphql",
        json={
            "query": REGISTER,
            "variables": {
                "input": {"email": f"{name}@example.org", "username": name, "password": secret}
            },
        },
        headers=anonymous,
    )
    token = registered.json()["data"]["register"]["token"]
    literal = (
        f'mutation {{ login(emailOrUsername: "{name}", password: "{secret}") {{ __typename }} }}'
    )
    await http.post("/graphql", json={"query": literal}, headers={"x-request-id": ids[1]})
    created = await http.post(
        "/graphql",
        json={"query": CREATE_KEY, "variables": {"name": "k", "permissions": ["courses:read"]}},
        headers={"authorization": f"Bearer {token}", "x-request-id": ids[2]},
    )
    key = created.json()["data"]["createApiKey"]["key"]
    await http.post(
        "/graphql",
        json={"query": "{ me { id } }"},
        headers={"x-api-key": key, "x-request-id": ids[3]},
    )
    await http.post(
        "/healthz",
        json={"token": secret, "nested": {"apiKey": key}},
        headers={"x-request-id": ids[4]},
    )
    await served.audit_drained()
    rows = await rows_for(served.app.state.stores.engine, *ids)
    assert len(rows) == 5
    everything = repr(rows)
    for leaked in (secret, token, key):
        assert leaked not in everything
    assert rows[0]["request_body"]["variables"]["input"]["password"] == "[REDACTED]"
    assert '"[REDACTED]"' in rows[1]["request_body"]["query"]
    # The sign-in is attributed to the account it signed in.
    assert rows[0]["user_id"] is not None and rows[1]["user_id"] == rows[0]["user_id"]
    assert rows[3]["metadata"]["api_key_id"]
    assert rows[4]["request_body"] == {"token": "[REDACTED]", "nested": {"apiKey": "[REDACTED]"}}
    assert rows[4]["response_status"] == 405


async def test_refused_requests_are_audited_with_their_status(
    served: Served, http: httpx.AsyncClient
) -> None:
    ids = [rid() for _ in range(2)]
    await http.post(
        "/graphql",
        json={"query": "{ me { id } }"},
        headers={"authorization": "Bearer " + "A" * 43, "x-request-id": ids[0]},
    )
    limit = served.security.settings.limits.max_body_bytes
    await http.post(
        "/graphql",
        content=b"{" + b" " * limit + b"}",
        headers={"content-type": "application/json", "x-request-id": ids[1]},
    )
    await served.audit_drained()
    bad_token, too_big = await rows_for(served.app.state.stores.engine, *ids)
    assert bad_token["response_status"] == 401
    assert bad_token["metadata"]["auth_error"] == "session expired or invalid"
    assert too_big["response_status"] == 413 and too_big["request_body"] is None


async def test_nul_bytes_and_odd_text_are_stored_safely(
    served: Served, http: httpx.AsyncClient
) -> None:
    request_id = rid()
    await http.post(
        "/graphql",
        json={
            "query": "query($t: String) { courses(filter: {text: $t}) { edges { cursor } } }",
            "variables": {"t": "nul\x00 rtl\u202e '); DROP TABLE audit_logs; --"},
        },
        headers=[
            (b"x-request-id", request_id.encode()),
            (b"user-agent", "agent\u202eevil \u00e9".encode()),
        ],
    )
    await served.audit_drained()
    (row,) = await rows_for(served.app.state.stores.engine, request_id)
    assert row["request_body"]["variables"]["t"].startswith("nul\ufffd rtl\u202e")
    assert row["user_agent"].startswith("agent")


class CountedTrail(AuditTrail):
    """The real trail, noting how many rows each COPY was given."""

    def __init__(self, engine: AsyncEngine, **options: Any) -> None:
        super().__init__(engine, **options)
        self.copies: list[int] = []

    async def _insert(self, rows: list[dict[str, Any]]) -> None:
        self.copies.append(len(rows))
        await super()._insert(rows)


async def test_rows_are_written_in_batches_of_one_copy(engine: AsyncEngine) -> None:
    trail = CountedTrail(engine, flush_seconds=0.05, batch_size=500)
    marker = rid()
    async with trail.running():
        started = time.perf_counter()
        for i in range(2000):
            trail.record(AuditEntry(action="batch-test", metadata={"request_id": marker, "i": i}))
        enqueue_ms = (time.perf_counter() - started) * 1000
        await trail.drained()
        total_ms = (time.perf_counter() - started) * 1000
    assert trail.copies == [500, 500, 500, 500]  # 2000 rows, 500 per COPY
    assert trail.written >= 2000 and trail.dropped == 0
    async with engine.connect() as conn:
        found = await conn.execute(
            text("SELECT count(*) FROM audit_logs WHERE metadata->>'request_id' = :m"),
            {"m": marker},
        )
        assert found.scalar_one() == 2000
    print(f"2000 audit rows: queued in {enqueue_ms:.1f} ms, written in {total_ms:.0f} ms")


async def test_client_addresses_are_stored_as_inet_or_kept_in_metadata(
    engine: AsyncEngine,
) -> None:
    """v4 and v6 go to the inet column (written packed); what is no address (a Unix
    socket's peer, a proxy's junk) stays readable in metadata, the column left empty."""
    clients = {"127.0.0.1": True, "2001:db8::1": True, "::1": True, "::ffff:10.0.0.1": True,
               "not-an-ip": False, "": False}  # fmt: skip
    ids = {client: rid() for client in clients}
    trail = AuditTrail(engine, flush_seconds=0.05)
    async with trail.running():
        for client, request_id in ids.items():
            trail.record(
                AuditEntry(action="address-test", ip_address=client,
                           metadata={"request_id": request_id})
            )  # fmt: skip
        await trail.drained()
    for client, is_address in clients.items():
        (row,) = await rows_for(engine, ids[client])
        expected = ipaddress.ip_address(client) if is_address else None
        assert row["ip_address"] == expected, client
        if client == "not-an-ip":
            assert row["metadata"]["client"] == "not-an-ip"


async def test_rows_arriving_during_a_write_wait_for_the_next_flush(engine: AsyncEngine) -> None:
    """Steady traffic (a row every millisecond) is written a flush period at a time: a
    flush that kept going while rows arrived wrote a few rows per write."""
    trail = CountedTrail(engine, flush_seconds=0.25, batch_size=500)
    marker = rid()
    async with trail.running():
        started = time.perf_counter()
        sent = 0
        while time.perf_counter() - started < 1.0:
            trail.record(AuditEntry(action="steady-test", metadata={"request_id": marker}))
            sent += 1
            await asyncio.sleep(0.001)
        await trail.drained()
    # About one COPY per flush period (4 in a second), plus the last one.
    assert len(trail.copies) <= 10, (trail.copies, sent)
    assert sum(trail.copies) == sent
    async with engine.connect() as conn:
        found = await conn.execute(
            text("SELECT count(*) FROM audit_logs WHERE metadata->>'request_id' = :m"),
            {"m": marker},
        )
        assert found.scalar_one() == sent


async def test_a_clean_stop_loses_no_rows(settings: Settings) -> None:
    slow = settings.model_copy(
        update={"audit": settings.audit.model_copy(update={"flush_seconds": 30.0})}
    )
    ids = [rid() for _ in range(300)]
    async with serve(slow) as app:
        async with httpx.AsyncClient(base_url=app.url, timeout=30) as http:
            await asyncio.gather(
                *(
                    http.post(
                        "/graphql", json={"query": "{ __typename }"}, headers={"x-request-id": i}
                    )
                    for i in ids
                )
            )
        trail = app.security.audit
        assert trail is not None and trail.queued == 300  # nothing flushed yet (30 s)
    engine = create_async_engine(async_url(settings.postgres.url))
    try:
        assert len(await rows_for(engine, *ids)) == 300
    finally:
        await engine.dispose()


async def test_partitions_exist_for_the_coming_months(served: Served) -> None:
    now = datetime.now(UTC)
    months = [divmod(now.year * 12 + now.month - 1 + i, 12) for i in range(4)]
    wanted = {f"audit_logs_y{year:04d}m{month + 1:02d}" for year, month in months}
    async with served.app.state.stores.engine.connect() as conn:
        result = await conn.execute(
            text("SELECT relname FROM pg_class WHERE relname = ANY(:names) AND relispartition"),
            {"names": list(wanted)},
        )
        assert {r[0] for r in result} == wanted


async def test_rows_of_deleted_users_are_kept_without_the_reference(
    served: Served, http: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await register(http)
    async with engine.begin() as conn:
        await conn.execute(text("DELETE FROM users WHERE id = :id"), {"id": account.user_id})
    marker = rid()
    trail = AuditTrail(engine, flush_seconds=0.05)
    async with trail.running():
        trail.record(AuditEntry(action="x", metadata={"request_id": marker}))
        trail.record(
            AuditEntry(action="y", user_id=account.user_id, metadata={"request_id": marker})
        )
        await trail.drained()
    rows = await rows_for(engine, marker)
    assert [r["action"] for r in rows] == ["x", "y"]
    assert rows[1]["user_id"] is None
    assert rows[1]["metadata"]["deleted_user_id"] == str(account.user_id)


async def test_rows_wait_while_postgres_is_down(engine: AsyncEngine) -> None:
    down = create_async_engine("postgresql+asyncpg://nobody@127.0.0.1:9/none")
    trail = AuditTrail(down, flush_seconds=0.05)
    marker = rid()
    try:
        async with trail.running():
            trail.record(AuditEntry(action="while-down", metadata={"request_id": marker}))
            await asyncio.sleep(0.5)
            assert trail.queued == 1 and trail.written == 0
            trail.engine = engine  # PostgreSQL is back
            await trail.drained()
    finally:
        await down.dispose()
    assert trail.written == 1
    assert len(await rows_for(engine, marker)) == 1


async def test_a_full_queue_drops_rows_instead_of_blocking(engine: AsyncEngine) -> None:
    trail = AuditTrail(engine, queue_size=10)
    for _ in range(15):
        trail.record(AuditEntry(action="overflow"))
    assert (trail.queued, trail.dropped) == (10, 5)


async def test_login_failures_are_audited_by_account_name(
    served: Served, http: httpx.AsyncClient
) -> None:
    account = await register(http)
    request_id = rid()
    await http.post(
        "/graphql",
        json={"query": LOGIN, "variables": {"login": account.username, "password": "nope" * 3}},
        headers={"x-request-id": request_id},
    )
    await served.audit_drained()
    (row,) = await rows_for(served.app.state.stores.engine, request_id)
    assert row["request_body"]["variables"] == {"login": account.username, "password": "[REDACTED]"}
    assert row["user_id"] is None  # nobody signed in
    assert PASSWORD not in row["body_text"]


class HangingTrail(AuditTrail):
    """A PostgreSQL that accepts the connection and never answers the COPY."""

    async def _insert(self, rows: list[dict[str, Any]]) -> None:
        await asyncio.Event().wait()


async def test_a_write_that_never_returns_does_not_hold_the_shutdown(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(audit, "SHUTDOWN_DRAIN_SECONDS", 0.3)
    trail = HangingTrail(engine, flush_seconds=30.0)
    started = time.monotonic()
    async with trail.running():
        trail.record(AuditEntry(action="hanging-test", metadata={"request_id": rid()}))
    assert time.monotonic() - started < 10
    assert "writing the last rows took over 0.3 s" in caplog.text
    assert "1 rows could not be written at shutdown" in caplog.text
