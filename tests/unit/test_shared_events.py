"""schema.shared_events: a subscription event is executed once for every subscriber
that asked the same question, and each still gets its own stream's events in order."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any

import strawberry
from strawberry.extensions import ParserCache, SchemaExtension

from schema.execution import GatewayExecutionContext
from schema.shared_events import ANSWERS, Answers, SharedAnswer

EXECUTIONS: list[str] = []


@strawberry.type
class Step(SharedAnswer):
    n: int
    label: str

    @strawberry.field
    def shout(self) -> str:
        EXECUTIONS.append(self.label)  # counts the executions of this selection
        return self.label.upper()


@strawberry.type
class Plain:
    n: int

    @strawberry.field
    def seen(self) -> int:
        EXECUTIONS.append(f"plain-{self.n}")
        return self.n


# The events every subscriber of a "channel" receives, in order.
CHANNELS: dict[str, list[int]] = {"a": [1, 2, 3], "b": [1, 4]}


@strawberry.type
class Query:
    ok: bool = True


@strawberry.type
class Subscription:
    @strawberry.subscription
    async def steps(self, channel: str) -> AsyncGenerator[Step, None]:
        for n in CHANNELS[channel]:
            yield Step(n=n, label=f"step-{n}")  # a new object per subscriber, equal values

    @strawberry.subscription
    async def plain(self) -> AsyncGenerator[Plain, None]:
        for n in (1, 2):
            yield Plain(n=n)


def _schema(*extensions: Any) -> strawberry.Schema:
    # As the gateway's: one parsed document per query text, so one operation to key on.
    return strawberry.Schema(
        query=Query,
        subscription=Subscription,
        execution_context_class=GatewayExecutionContext,
        extensions=[lambda: ParserCache(maxsize=16), *extensions],
    )


STEPS = "subscription($c: String!) { steps(channel: $c) { n shout } }"


async def _run(schema: strawberry.Schema, query: str, **variables: Any) -> list[Any]:
    stream = await schema.subscribe(query, variable_values=variables)
    assert not hasattr(stream, "errors"), stream
    return [(r.data, r.errors) async for r in stream]  # type: ignore[union-attr]


async def test_subscribers_asking_the_same_share_one_execution_per_event() -> None:
    schema = _schema()
    EXECUTIONS.clear()
    hits = ANSWERS.hits
    answers = [await _run(schema, STEPS, c="a") for _ in range(5)]
    expected = [({"steps": {"n": n, "shout": f"STEP-{n}"}}, None) for n in (1, 2, 3)]
    assert answers == [expected] * 5  # every subscriber, every event, in order
    assert EXECUTIONS == ["step-1", "step-2", "step-3"]  # once per event, not per subscriber
    assert ANSWERS.hits - hits == 12


async def test_other_questions_are_answered_on_their_own() -> None:
    schema = _schema()
    EXECUTIONS.clear()
    await _run(schema, STEPS, c="a")
    # Other variables (and so another stream): event 1 has the same values as a's
    # first, but the question differs.
    b = await _run(schema, STEPS, c="b")
    assert [data["steps"]["n"] for data, _ in b] == [1, 4]
    # Another selection over the same events.
    other = await _run(schema, 'subscription { steps(channel: "a") { n label } }')
    assert [data["steps"]["label"] for data, _ in other] == ["step-1", "step-2", "step-3"]
    assert EXECUTIONS == ["step-1", "step-2", "step-3", "step-1", "step-4"]


async def test_types_that_do_not_opt_in_are_executed_per_subscriber() -> None:
    schema = _schema()
    EXECUTIONS.clear()
    for _ in range(2):
        await _run(schema, "subscription { plain { seen } }")
    assert EXECUTIONS == ["plain-1", "plain-2"] * 2


class EveryResolver(SchemaExtension):
    """An extension that wraps every resolver (a `resolve` hook)."""

    def resolve(self, _next: Any, root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
        return _next(root, info, *args, **kwargs)


async def test_extensions_that_see_every_resolver_see_every_execution() -> None:
    schema = _schema(EveryResolver)
    EXECUTIONS.clear()
    for _ in range(2):
        await _run(schema, STEPS, c="a")
    assert EXECUTIONS == ["step-1", "step-2", "step-3"] * 2


def test_the_table_is_bounded_and_forgets_the_oldest() -> None:
    table = Answers(size=2)
    result: Any = object()
    for key in ("a", "b", "c"):
        table.put(key, None, None, result)
    assert table.get("a") is None
    assert table.get("b") is result and table.get("c") is result


def test_unhashable_variables_are_not_shared() -> None:
    class Variables:
        coerced = {"ids": ["x", "y"]}

    table = Answers()
    assert table.key(Step(n=1, label="x"), None, None, Variables()) is None
    assert table.key(Plain(n=1), None, None, None) is None
