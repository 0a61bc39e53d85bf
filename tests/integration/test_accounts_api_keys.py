"""API keys against the real app: shown once, stored hashed, scoped, revoked, expired,
and last_used_at written in batches."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import create_async_engine

from datasources.postgres.engine import async_url
from datasources.postgres.models import ApiKey
from datasources.redis.sessions import keyed_digest
from datasources.settings import Settings
from resolvers.ids import from_global_id
from tests.e2e.test_authz_harness import (
    CREATE_KEY,
    SECRET,
    Client,
    Served,
    create_key,
    fast_settings,
    isolated,
    register,
    serve,
)

pytestmark = pytest.mark.integration

KEYS = "{ apiKeys { id name permissions rateLimit lastUsedAt isActive } }"
REVOKE = """mutation($id: ID!) { revokeApiKey(id: $id) { __typename
  ... on ApiKey { isActive } ... on NotFound { message } } }"""


@pytest.fixture(scope="module")
async def served(stack_settings: Settings) -> AsyncIterator[Served]:
    async with isolated(stack_settings) as settings, serve(fast_settings(settings)) as app:
        yield app


@pytest.fixture
async def http(served: Served) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=served.url, timeout=30) as client:
        yield client


def _unauthenticated(response: httpx.Response, message: str) -> None:
    assert response.status_code == 401, response.text
    assert response.json() == {
        "errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]
    }


async def _key_row(served: Served, key_gid: str) -> ApiKey:
    key_id = from_global_id(key_gid)[1]
    async with served.app.state.stores.sessions() as session:
        return (await session.execute(select(ApiKey).where(ApiKey.id == key_id))).scalar_one()


async def test_key_is_shown_once_and_stored_only_as_its_keyed_hash(
    served: Served, http: httpx.AsyncClient
) -> None:
    owner = await register(http)
    key, key_gid = await create_key(
        Client(http, token=owner.token), ["courses:read", "search:read"], rateLimit=50
    )
    assert key.startswith("cgk_") and len(key) == 4 + 43
    row = await _key_row(served, key_gid)
    assert row.key_hash == keyed_digest(SECRET.encode(), key)
    assert key not in str(row.__dict__)
    assert (row.permissions, row.rate_limit, row.user_id) == (
        ["courses:read", "search:read"],
        50,
        owner.user_id,
    )
    listed = (await Client(http, token=owner.token).gql(KEYS))["data"]["apiKeys"]
    assert [k["id"] for k in listed] == [key_gid]
    assert "key" not in listed[0]


async def test_a_key_authenticates_and_its_use_is_recorded_in_batches(
    served: Served, http: httpx.AsyncClient
) -> None:
    owner = await register(http)
    key, key_gid = await create_key(Client(http, token=owner.token), ["courses:read"])
    as_key = Client(http, key=key)
    for _ in range(5):
        me = await as_key.gql("{ me { id } }")
        assert me["data"]["me"]["id"] == owner.global_id
    usage = served.security.key_usage
    assert usage is not None
    # Five requests, at most one pending stamp: nothing is written per request.
    assert usage.pending <= 1
    for _ in range(50):
        if (await _key_row(served, key_gid)).last_used_at is not None:
            break
        await asyncio.sleep(0.1)
    assert (await _key_row(served, key_gid)).last_used_at is not None


async def test_scopes_limit_what_a_key_may_do(served: Served, http: httpx.AsyncClient) -> None:
    owner = await register(http)
    key, _ = await create_key(Client(http, token=owner.token), ["courses:read"])
    as_key = Client(http, key=key)
    listed = await as_key.gql("{ courses { edges { cursor } } }")
    assert "errors" not in listed
    refused = await as_key.gql('mutation { createCourse(input: {title: "x"}) { __typename } }')
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "courses:write" in refused["errors"][0]["message"]
    # Keys never manage accounts, whatever their scopes.
    for mutation in (
        'mutation { createApiKey(name: "k", permissions: ["courses:read"]) { __typename } }',
        'mutation { changePassword(currentPassword: "a", newPassword: "bbbbbbbbbb") '
        "{ __typename } }",
    ):
        body = await as_key.gql(mutation)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", body


async def test_revoked_expired_unknown_and_malformed_keys_get_401(
    served: Served, http: httpx.AsyncClient
) -> None:
    owner = await register(http)
    session = Client(http, token=owner.token)
    revoked, revoked_gid = await create_key(session, ["courses:read"])
    expired, expired_gid = await create_key(session, ["courses:read"])
    revoke = await session.gql(REVOKE, id=revoked_gid)
    assert revoke["data"]["revokeApiKey"] == {"__typename": "ApiKey", "isActive": False}
    async with served.app.state.stores.engine.begin() as conn:
        await conn.execute(
            update(ApiKey)
            .where(ApiKey.id == from_global_id(expired_gid)[1])
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    query = {"query": "{ me { id } }"}
    for key, message in (
        (revoked, "API key revoked"),
        (expired, "API key expired"),
        ("cgk_" + "A" * 43, "invalid API key"),
        ("cgk_short", "malformed API key"),
        ("' OR 1=1 --", "malformed API key"),
        (revoked[:-1] + ("A" if revoked[-1] != "A" else "B"), "invalid API key"),
    ):
        response = await http.post("/graphql", json=query, headers={"x-api-key": key})
        _unauthenticated(response, message)


async def test_only_the_owner_revokes_a_key(served: Served, http: httpx.AsyncClient) -> None:
    owner, other = await register(http), await register(http)
    key, key_gid = await create_key(Client(http, token=owner.token), ["courses:read"])
    stolen = await Client(http, token=other.token).gql(REVOKE, id=key_gid)
    missing = await Client(http, token=other.token).gql(
        REVOKE, id="QXBpS2V5OjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA"
    )
    assert stolen == missing  # "not yours" and "no such key" are indistinguishable
    assert stolen["data"]["revokeApiKey"]["__typename"] == "NotFound"
    assert (await Client(http, key=key).gql("{ me { id } }"))["data"]["me"]["id"]


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"permissions": ["courses:read", "root:everything"]}, "permissions"),
        ({"permissions": []}, "permissions"),
        ({"permissions": ["'; DROP TABLE api_keys; --"]}, "permissions"),
        ({"expiresAt": "2000-01-01T00:00:00Z"}, "expiresAt"),
        ({"rateLimit": 0}, "rateLimit"),
        ({"rateLimit": 10_000_000}, "rateLimit"),
        ({"name": "nul\x00name"}, "name"),
        ({"name": "rtl\u202ename"}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "   "}, "name"),
    ],
)
async def test_bad_key_requests_are_typed_errors_and_create_nothing(
    served: Served, http: httpx.AsyncClient, arguments: dict[str, object], field: str
) -> None:
    owner = await register(http)
    session = Client(http, token=owner.token)
    variables: dict[str, object] = {"name": "k", "permissions": ["courses:read"]}
    variables.update(arguments)
    body = await session.gql(CREATE_KEY, **variables)
    result = body["data"]["createApiKey"]
    assert (result["__typename"], result["field"]) == ("InvalidInput", field), body
    assert (await session.gql(KEYS))["data"]["apiKeys"] == []


async def test_key_use_is_saved_at_shutdown(stack_settings: Settings) -> None:
    async with isolated(stack_settings) as own:
        slow = fast_settings(own, auth={"key_usage_flush_seconds": 300.0})
        async with serve(slow) as app:
            async with httpx.AsyncClient(base_url=app.url, timeout=30) as http:
                owner = await register(http)
                key, key_gid = await create_key(Client(http, token=owner.token), ["tasks:read"])
                assert (await Client(http, key=key).gql("{ me { id } }"))["data"]["me"]
            usage = app.security.key_usage
            assert usage is not None and usage.pending == 1  # not written yet
            engine_url = own.postgres.url
        engine = create_async_engine(async_url(engine_url))
        try:
            async with engine.connect() as conn:
                used = await conn.execute(
                    select(ApiKey.last_used_at).where(ApiKey.id == from_global_id(key_gid)[1])
                )
                assert used.scalar_one() is not None
        finally:
            await engine.dispose()
