"""schema/errors.ErrorPolicy: no store's error text reaches a client, in any result
(a query, each event of a subscription), while errors raised on purpose keep theirs."""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from typing import Any

import neo4j.exceptions
import pytest
import redis.exceptions
import sqlalchemy.exc
import strawberry
from graphql import GraphQLError

from datasources.errors import UpstreamUnavailable
from resolvers.errors import bad_input
from schema.errors import ErrorPolicy

LEAKS = ("SELECT", "asyncpg", "password_hash", "MATCH", "WRONGTYPE", "bolt://", "secret")


def _sql_error() -> Exception:
    return sqlalchemy.exc.DBAPIError(
        "SELECT users.password_hash FROM users WHERE lower(users.username) = lower($1)",
        ("x",),
        Exception("asyncpg.exceptions.DataError: invalid input for query argument $1"),
    )


FAILURES: dict[str, Exception] = {
    "sql": _sql_error(),
    "cypher": neo4j.exceptions.CypherSyntaxError("Invalid input 'MATCH (n:secret)'"),
    "redis": redis.exceptions.ResponseError("WRONGTYPE Operation against a key"),
    "python": ValueError("Invalid isoformat string: 'secret'"),
}


@dataclass
class Ctx:
    request_id: str = "req42"


def fail(kind: str) -> Any:
    if kind == "down":
        raise UpstreamUnavailable("neo4j", "ServiceUnavailable: bolt://127.0.0.1:7687 secret")
    if kind == "intended":
        raise bad_input("`title` must not be empty", field="title")
    raise FAILURES[kind]


@strawberry.type
class Query:
    @strawberry.field
    def boom(self, kind: str) -> str | None:
        return fail(kind)

    @strawberry.field
    def fine(self) -> str:
        return "ok"


@strawberry.type
class Subscription:
    @strawberry.subscription
    async def events(self, kind: str) -> AsyncGenerator[str | None, None]:
        yield "first"
        fail(kind)
        yield "never"

    @strawberry.subscription
    async def field_errors(self, kind: str) -> AsyncGenerator[Query, None]:
        yield Query()
        yield Query()


schema = strawberry.Schema(query=Query, subscription=Subscription, extensions=[ErrorPolicy])


def assert_masked(error: Any) -> None:
    assert error["message"] == "internal server error (request req42)"
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": "req42"}
    assert not [leak for leak in LEAKS if leak in str(error)], error


@pytest.mark.parametrize("kind", sorted(FAILURES))
async def test_unexpected_errors_are_masked_and_logged(
    kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="gateway.errors"):
        result = await schema.execute(
            "query($k: String!) { fine boom(kind: $k) }",
            variable_values={"k": kind},
            context_value=Ctx(),
        )
    assert result.data == {"fine": "ok", "boom": None}
    assert result.errors is not None
    assert_masked(result.errors[0].formatted)
    assert result.errors[0].path == ["boom"]
    logged = [r for r in caplog.records if "req42" in r.getMessage()]
    assert logged and logged[0].exc_info is not None  # the detail is in the logs


async def test_outages_name_the_store_only() -> None:
    result = await schema.execute('{ boom(kind: "down") }', context_value=Ctx())
    assert result.errors is not None
    assert result.errors[0].formatted["message"] == "neo4j is unavailable"
    assert result.errors[0].formatted["extensions"] == {
        "code": "UPSTREAM_UNAVAILABLE",
        "store": "neo4j",
    }


async def test_errors_raised_on_purpose_keep_their_message_and_code() -> None:
    result = await schema.execute('{ boom(kind: "intended") }', context_value=Ctx())
    assert result.errors is not None
    assert result.errors[0].formatted["message"] == "`title` must not be empty"
    assert result.errors[0].formatted["extensions"] == {"code": "BAD_USER_INPUT", "field": "title"}
    invalid = await schema.execute("{ nope }", context_value=Ctx())
    assert invalid.errors is not None
    assert invalid.errors[0].formatted["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}


async def _events(query: str, kind: str) -> list[Any]:
    stream = await schema.subscribe(query, variable_values={"k": kind}, context_value=Ctx())
    assert not isinstance(stream, GraphQLError)
    return [result async for result in stream]  # type: ignore[union-attr]


@pytest.mark.parametrize("kind", sorted(FAILURES))
async def test_a_stream_that_fails_midway_is_masked_too(kind: str) -> None:
    results = await _events("subscription($k: String!) { events(kind: $k) }", kind)
    assert results[0].data == {"events": "first"} and not results[0].errors
    assert_masked(results[-1].errors[0].formatted)


@pytest.mark.parametrize("kind", sorted(FAILURES))
async def test_field_errors_in_each_event_are_masked(kind: str) -> None:
    results = await _events(
        "subscription($k: String!) { fieldErrors(kind: $k) { fine boom(kind: $k) } }", kind
    )
    assert len(results) == 2
    for result in results:
        assert result.data == {"fieldErrors": {"fine": "ok", "boom": None}}
        assert_masked(result.errors[0].formatted)
