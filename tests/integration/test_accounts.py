"""Accounts and sessions against the real app and stores: register, login, logout,
password changes, Redis session layout, uniqueness, deactivation, role changes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select, text, update

from datasources.postgres.accounts import AccountStore
from datasources.postgres.models import User
from datasources.redis.sessions import keyed_digest
from datasources.settings import Settings
from tests.e2e.test_authz_harness import (
    LOGIN,
    PASSWORD,
    REGISTER,
    SECRET,
    Client,
    Served,
    fast_settings,
    isolated,
    make_admin,
    register,
    serve,
    unique_name,
)

pytestmark = pytest.mark.integration

ME = "{ me { id username email role lastLogin } }"
CHANGE = """mutation($c: String!, $n: String!) { changePassword(currentPassword: $c,
  newPassword: $n) { __typename ... on PasswordChanged { otherSessionsEnded }
  ... on InvalidCredentials { message } ... on InvalidInput { message field } } }"""
SET_ROLE = """mutation($id: ID!, $role: UserRole!) { setUserRole(userId: $id, role: $role) {
  __typename ... on User { role } ... on NotFound { message }
  ... on InvalidInput { message field } } }"""
SET_ACTIVE = """mutation($id: ID!, $active: Boolean!) { setUserActive(userId: $id,
  active: $active) { __typename ... on User { isActive } } }"""


@pytest.fixture(scope="module")
async def served(stack_settings: Settings) -> AsyncIterator[Served]:
    async with isolated(stack_settings) as settings, serve(fast_settings(settings)) as app:
        yield app


@pytest.fixture
async def http(served: Served) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=served.url, timeout=30) as client:
        yield client


async def _login(http: httpx.AsyncClient, login: str, password: str = PASSWORD) -> dict[str, Any]:
    body = await Client(http).gql(LOGIN, login=login, password=password)
    result: dict[str, Any] = body["data"]["login"]
    return result


async def _user_count(served: Served) -> int:
    async with served.app.state.stores.engine.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(User))).scalar_one())


def _unauthenticated(response: httpx.Response, message: str) -> None:
    assert response.status_code == 401, response.text
    assert response.json() == {
        "errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]
    }


async def test_register_login_by_email_or_username_and_logout(
    served: Served, http: httpx.AsyncClient
) -> None:
    account = await register(http)
    me = (await Client(http, token=account.token).gql(ME))["data"]["me"]
    assert (me["username"], me["email"], me["role"]) == (account.username, account.email, "user")

    by_name = await _login(http, account.username.upper())
    by_email = await _login(http, account.email.upper())
    assert by_name["__typename"] == by_email["__typename"] == "AuthPayload"
    assert len({account.token, by_name["token"], by_email["token"]}) == 3

    signed_in = Client(http, token=by_name["token"])
    assert (await signed_in.gql("mutation { logout }"))["data"]["logout"] is True
    _unauthenticated(await signed_in.post(ME), "session expired or invalid")
    # Other sessions of the same user are untouched.
    assert (await Client(http, token=by_email["token"]).gql(ME))["data"]["me"]["id"]


async def test_sessions_are_stored_as_the_seed_says_without_the_token(
    served: Served, http: httpx.AsyncClient
) -> None:
    account = await register(http)
    redis = served.app.state.stores.redis.client
    session_id = keyed_digest(SECRET.encode(), account.token)
    stored = await redis.hgetall(f"session:{session_id}")
    assert set(stored) == {b"user_id", b"created_at", b"last_accessed", b"data"}
    assert stored[b"user_id"].decode() == str(account.user_id)
    assert 86_000 < await redis.ttl(f"session:{session_id}") <= 86_400
    assert await redis.sismember(f"user_sessions:{account.user_id}", session_id)
    async for key in redis.scan_iter():
        assert account.token.encode() not in key
        if await redis.type(key) == b"hash":
            assert all(account.token.encode() not in v for v in (await redis.hgetall(key)).values())


async def test_last_login_is_recorded(served: Served, http: httpx.AsyncClient) -> None:
    account = await register(http)
    before = (await Client(http, token=account.token).gql(ME))["data"]["me"]["lastLogin"]
    assert before is None  # registering is not logging in
    token = (await _login(http, account.username))["token"]
    after = (await Client(http, token=token).gql(ME))["data"]["me"]["lastLogin"]
    assert after is not None


async def test_email_and_username_are_unique_ignoring_case(
    served: Served, http: httpx.AsyncClient
) -> None:
    name = unique_name("Mixed")
    await register(http, name=name)
    client = Client(http)
    same_email = await client.gql(
        REGISTER,
        input={
            "email": f"{name.upper()}@EXAMPLE.org",
            "username": unique_name(),
            "password": PASSWORD,
        },
    )
    assert same_email["data"]["register"]["__typename"] == "EmailTaken"
    same_name = await client.gql(
        REGISTER,
        input={
            "email": f"{unique_name()}@example.org",
            "username": name.lower(),
            "password": PASSWORD,
        },
    )
    assert same_name["data"]["register"]["__typename"] == "UsernameTaken"


async def test_concurrent_registrations_of_one_email_create_one_account(
    served: Served, http: httpx.AsyncClient
) -> None:
    name = unique_name("race")
    before = await _user_count(served)
    variants = [name, name.upper(), name.title(), name.swapcase()] * 3

    async def attempt(i: int, local: str) -> str:
        body = await Client(http).gql(
            REGISTER,
            input={"email": f"{local}@example.org", "username": f"{name}{i}", "password": PASSWORD},
        )
        return str(body["data"]["register"]["__typename"])

    outcomes = await asyncio.gather(*(attempt(i, v) for i, v in enumerate(variants)))
    assert sorted(outcomes) == ["AuthPayload"] + ["EmailTaken"] * (len(variants) - 1)
    assert await _user_count(served) == before + 1


async def test_unknown_account_and_wrong_password_look_the_same(
    served: Served, http: httpx.AsyncClient
) -> None:
    account = await register(http)
    wrong = await _login(http, account.username, "not the password at all")
    unknown = await _login(http, unique_name("ghost"), "not the password at all")
    assert (
        wrong
        == unknown
        == {
            "__typename": "InvalidCredentials",
            "message": "wrong email/username or password",
        }
    )
    # Both paths do the same hashing work: one argon2 verification against a hash made
    # with the current parameters. Counted rather than timed, so a busy machine cannot
    # make the check flaky (a wall-clock ratio of two medians was, under load).
    accounts: AccountStore = served.security.accounts.accounts  # type: ignore[union-attr]
    hasher = accounts.hasher
    verified: list[str] = []

    class CountingHasher:
        """The store's hasher, noting every hash it verifies against."""

        def __getattr__(self, name: str) -> Any:
            return getattr(hasher, name)

        def verify(self, stored: str, password: str | bytes) -> bool:
            verified.append(stored)
            return hasher.verify(stored, password)

    accounts.hasher = CountingHasher()  # type: ignore[assignment]
    try:
        assert await accounts.verify_login(account.username, "wrong password!") is None
        assert await accounts.verify_login(unique_name("ghost"), "wrong password!") is None
    finally:
        accounts.hasher = hasher
    assert len(verified) == 2, verified
    known_hash, ghost_hash = verified
    assert known_hash != ghost_hash
    # Same algorithm and cost parameters, so the same work per verification.
    assert not hasher.check_needs_rehash(known_hash)
    assert not hasher.check_needs_rehash(ghost_hash)
    assert known_hash.split("$")[1:4] == ghost_hash.split("$")[1:4]


async def test_hashes_with_old_parameters_are_upgraded_on_login(
    served: Served, http: httpx.AsyncClient
) -> None:
    weak = AccountStore(
        served.app.state.stores.engine,
        timeout=5,
        secret=SECRET.encode(),
        hasher=PasswordHasher(time_cost=1, memory_cost=2048, parallelism=1),
    )
    name = unique_name()
    created = await weak.register(
        email=f"{name}@example.org", username=name, password=PASSWORD, full_name=None
    )
    assert not isinstance(created, str)

    async def stored_hash() -> str:
        async with served.app.state.stores.engine.connect() as conn:
            query = select(User.password_hash).where(User.id == created.id)
            return str((await conn.execute(query)).scalar_one())

    old = await stored_hash()
    assert old.startswith("$argon2id$") and "m=2048" in old
    assert (await _login(http, name))["__typename"] == "AuthPayload"
    new = await stored_hash()
    assert new.startswith("$argon2id$") and "m=8192" in new and "t=1" in new
    assert (await _login(http, name))["__typename"] == "AuthPayload"  # still the same password


async def test_deactivated_users_cannot_log_in_and_their_sessions_stop(
    served: Served, http: httpx.AsyncClient
) -> None:
    account = await register(http)
    async with served.app.state.stores.engine.begin() as conn:
        await conn.execute(update(User).where(User.id == account.user_id).values(is_active=False))
    _unauthenticated(await Client(http, token=account.token).post(ME), "account disabled")
    assert (await _login(http, account.username))["__typename"] == "InvalidCredentials"


async def test_change_password_ends_other_sessions(served: Served, http: httpx.AsyncClient) -> None:
    account = await register(http)
    other = (await _login(http, account.username))["token"]
    me = Client(http, token=account.token)
    wrong = (await me.gql(CHANGE, c="not my password", n="a brand new passphrase"))["data"]
    assert wrong["changePassword"]["__typename"] == "InvalidCredentials"
    weak = (await me.gql(CHANGE, c=PASSWORD, n="short"))["data"]["changePassword"]
    assert (weak["__typename"], weak["field"]) == ("InvalidInput", "newPassword")

    done = (await me.gql(CHANGE, c=PASSWORD, n="a brand new passphrase"))["data"]
    assert done["changePassword"] == {"__typename": "PasswordChanged", "otherSessionsEnded": 1}
    _unauthenticated(await Client(http, token=other).post(ME), "session expired or invalid")
    assert (await me.gql(ME))["data"]["me"]["id"] == account.global_id
    assert (await _login(http, account.username))["__typename"] == "InvalidCredentials"
    fresh = await _login(http, account.username, "a brand new passphrase")
    assert fresh["__typename"] == "AuthPayload"


async def test_admins_change_roles_and_deactivate_users(
    served: Served, http: httpx.AsyncClient
) -> None:
    admin, user = await register(http), await register(http)
    as_user, as_admin = Client(http, token=user.token), Client(http, token=admin.token)
    refused = await as_user.gql(SET_ROLE, id=admin.global_id, role="USER")
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    await make_admin(served, admin.user_id)
    promoted = await as_admin.gql(SET_ROLE, id=user.global_id, role="ADMIN")
    assert promoted["data"]["setUserRole"] == {"__typename": "User", "role": "admin"}
    # The promoted user's existing session sees the new role at once.
    assert (await as_user.gql(ME))["data"]["me"]["role"] == "admin"
    own = (await as_admin.gql(SET_ROLE, id=admin.global_id, role="USER"))["data"]
    assert own["setUserRole"]["__typename"] == "InvalidInput"

    off = await as_admin.gql(SET_ACTIVE, id=user.global_id, active=False)
    assert off["data"]["setUserActive"] == {"__typename": "User", "isActive": False}
    _unauthenticated(await as_user.post(ME), "session expired or invalid")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("Bearer " + "A" * 43, "session expired or invalid"),
        ("Bearer short", "malformed bearer token"),
        ("Bearer " + "A" * 42 + "!", "malformed bearer token"),
        ("Bearer", "the Authorization header must be 'Bearer <token>'"),
        ("Basic dXNlcjpwYXNz", "the Authorization header must be 'Bearer <token>'"),
        ("Bearer ' OR '1'='1' --" + "x" * 24, "malformed bearer token"),
    ],
)
async def test_bad_bearer_tokens_get_401_not_anonymous(
    http: httpx.AsyncClient, header: str, message: str
) -> None:
    response = await http.post("/graphql", json={"query": ME}, headers={"authorization": header})
    _unauthenticated(response, message)
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_tampered_and_non_ascii_tokens_get_401(http: httpx.AsyncClient) -> None:
    account = await register(http)
    flipped = account.token[:-1] + ("A" if account.token[-1] != "A" else "B")
    response = await http.post(
        "/graphql", json={"query": ME}, headers={"authorization": f"Bearer {flipped}"}
    )
    _unauthenticated(response, "session expired or invalid")
    raw = await http.post(
        "/graphql", json={"query": ME}, headers=[(b"authorization", b"Bearer \xff\xfe" + b"x" * 41)]
    )
    _unauthenticated(raw, "malformed bearer token")
    both = await http.post(
        "/graphql",
        json={"query": ME},
        headers={"authorization": f"Bearer {account.token}", "x-api-key": "cgk_x"},
    )
    _unauthenticated(both, "send a bearer token or an API key, not both")


BAD_REGISTRATIONS = [
    ({"email": "nul\x00@example.org"}, "email"),
    ({"email": "rtl\u202egro.elpmaxe@example.org"}, "email"),
    ({"email": "x" * 10_000 + "@example.org"}, "email"),
    ({"email": "'; DROP TABLE users; --@example.org"}, "email"),
    ({"username": "nul\x00name"}, "username"),
    ({"username": "evil\u202eexe"}, "username"),
    ({"username": "a\u0300\u0301\u0302\u0303"}, "username"),
    ({"username": "x" * 10_000}, "username"),
    ({"username": "robert'); DROP TABLE users;--"}, "username"),
    ({"username": "x}) MATCH (n) DETACH DELETE n //"}, "username"),
    ({"password": "short"}, "password"),
    ({"password": "p" * 10_000}, "password"),
    ({"fullName": "Nul\x00Name"}, "fullName"),
    ({"fullName": "Evil \u202eName"}, "fullName"),
    ({"fullName": "x" * 256}, "fullName"),
]


@pytest.mark.parametrize(("override", "field"), BAD_REGISTRATIONS)
async def test_bad_registrations_are_typed_errors_and_store_nothing(
    served: Served, http: httpx.AsyncClient, override: dict[str, str], field: str
) -> None:
    name = unique_name()
    values = {"email": f"{name}@example.org", "username": name, "password": PASSWORD}
    values.update(override)
    before = await _user_count(served)
    body = await Client(http).gql(REGISTER, input=values)
    result = body["data"]["register"]
    assert (result["__typename"], result["field"]) == ("InvalidInput", field), body
    assert await _user_count(served) == before


async def test_injection_strings_as_credentials_change_nothing(
    served: Served, http: httpx.AsyncClient
) -> None:
    before = await _user_count(served)
    for login in ("' OR '1'='1", "admin'--", "x@y.z' OR 1=1 --", "}) MATCH (n) RETURN n //"):
        assert (await _login(http, login, "' OR '1'='1' --"))["__typename"] == "InvalidCredentials"
    assert await _user_count(served) == before
    async with served.app.state.stores.engine.connect() as conn:
        assert (await conn.execute(text("SELECT to_regclass('public.users')"))).scalar()


@pytest.mark.parametrize("bad_id", ["", "not-an-id", "VXNlcjpub3QtYS11dWlk", "x" * 5000, "\x00"])
async def test_malformed_ids_in_account_mutations_are_clear_errors(
    served: Served, http: httpx.AsyncClient, bad_id: str
) -> None:
    admin = await register(http)
    await make_admin(served, admin.user_id)
    body = await Client(http, token=admin.token).gql(SET_ROLE, id=bad_id, role="ADMIN")
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_an_expired_session_gets_401(served: Served, http: httpx.AsyncClient) -> None:
    account = await register(http)
    redis = served.app.state.stores.redis.client
    await redis.pexpire(f"session:{keyed_digest(SECRET.encode(), account.token)}", 50)
    await asyncio.sleep(0.2)
    _unauthenticated(await Client(http, token=account.token).post(ME), "session expired or invalid")
