"""schema.execution: the scalar fast path answers exactly as graphql-core does."""

from __future__ import annotations

import enum
import json
from typing import Any

import pytest
import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from schema.execution import GatewayExecutionContext


@strawberry.enum
class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Refused(strawberry.BasePermission):
    message = "not for you"

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        return False


@strawberry.type
class Item:
    name: str
    note: str | None
    count: int
    colour: Colour | None
    ratio: float | None

    @strawberry.field
    def shout(self) -> str:
        return self.name.upper()

    @strawberry.field
    async def later(self) -> str:
        return self.name + "!"

    @strawberry.field
    def child(self) -> Item | None:
        return ITEMS[1] if self is ITEMS[0] else None

    @strawberry.field
    def tagged(
        self, info: strawberry.Info, times: int = 1, loud: bool = False, tint: Colour | None = None
    ) -> str:
        text = f"{self.name}:{info.field_name}:{tint.value if tint else '-'}" * times
        return text.upper() if loud else text

    @strawberry.field(permission_classes=[Refused])
    def secret(self) -> str | None:
        return "never shown"

    @strawberry.field
    def where(self, info: strawberry.Info) -> str:
        """The path graphql-core would give this field, as a resolver sees it."""
        return f"{info.path.as_list()} in {info.path.typename}"


def _bad(**changes: Any) -> Item:
    item = Item(name="bad", note=None, count=1, colour=None, ratio=None)
    for key, value in changes.items():
        object.__setattr__(item, key, value)
    return item


ITEMS = [
    Item(name="a", note="first", count=1, colour=Colour.RED, ratio=0.5),
    Item(name="b", note=None, count=2, colour=None, ratio=None),
]
BROKEN = [
    _bad(name=None),  # null in a non-null field
    _bad(count="many"),  # a value Int refuses
    _bad(count=2**40),  # out of Int's range
    _bad(colour="green"),  # not a Colour
    _bad(ratio=float("nan")),
]


@strawberry.interface
class Node:
    id: strawberry.ID


RESOLVED: list[str] = []  # calls of Shared.loud, to see what was completed twice


@strawberry.type
class Shared(Node):
    name: str

    @strawberry.field
    def loud(self) -> str:
        RESOLVED.append(self.name)
        return self.name.upper()

    @strawberry.field
    def items(self) -> list[Item]:
        return ITEMS


@strawberry.type
class Holder:
    """A plain (non-Node) object that holds a node: like ConceptPrerequisite."""

    shared: Shared


ONE = Shared(id=strawberry.ID("1"), name="one")
TWO = Shared(id=strawberry.ID("2"), name="two")


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item]:
        return ITEMS

    @strawberry.field
    def holders(self) -> list[Holder]:
        # ONE three times, as one request's identity map hands out one object per node.
        return [Holder(shared=ONE), Holder(shared=TWO), Holder(shared=ONE), Holder(shared=ONE)]

    @strawberry.field
    def broken(self) -> list[Item | None]:
        return BROKEN

    @strawberry.field
    def broken_strict(self) -> list[Item]:
        return BROKEN[:1]


QUERIES = [
    "{ items { name note count colour ratio } }",
    "{ items { __typename b: name a: count name shout later child { name count } } }",
    "{ items { ...F colour } } fragment F on Item { note name }",
    "{ broken { name count colour ratio note } }",
    "{ broken { note count } }",
    "{ brokenStrict { name } }",
    "{ items { name @skip(if: true) count @include(if: false) note } }",
    "{ items { a: tagged b: tagged(times: 2, loud: true, tint: BLUE)"
    " child { tagged(tint: RED) } } }",
    "{ items { name secret } }",
    "query($n: Int!) { items { tagged(times: $n) } }",
    "{ holders { shared { id name loud items { name } } } }",
    "{ a: holders { shared { loud } } b: holders { shared { name loud } } }",
    "{ items { where child { where } } }",
]


def _schema(context: type) -> strawberry.Schema:
    return strawberry.Schema(query=Query, execution_context_class=context)


FAST = _schema(GatewayExecutionContext)
PLAIN = _schema(StrawberryGraphQLCoreExecutionContext)


def _answer(result: Any) -> str:
    errors = [(e.message, e.path) for e in result.errors or []]
    return json.dumps({"data": result.data, "errors": errors})  # keeps key order


@pytest.mark.parametrize("query", QUERIES)
async def test_same_answer_as_graphql_core(query: str) -> None:
    fast = await FAST.execute(query, variable_values={"n": 3})
    plain = await PLAIN.execute(query, variable_values={"n": 3})
    assert _answer(fast) == _answer(plain)


async def test_errors_of_refused_values_are_graphql_cores() -> None:
    result = await FAST.execute("{ broken { name count } }")
    assert result.data is not None
    messages = [e.message for e in result.errors or []]
    assert any("Cannot return null for non-nullable field Item.name" in m for m in messages)
    assert any("Int cannot represent" in m for m in messages)


def _counting() -> tuple[list[str], strawberry.Schema]:
    calls: list[str] = []

    class Counting(GatewayExecutionContext):
        def execute_field(self, parent_type: Any, source: Any, details: Any, *rest: Any) -> Any:
            calls.append(details[0].node.name.value)
            return super().execute_field(parent_type, source, details, *rest)

    return calls, _schema(Counting)


async def test_a_settled_subtree_is_completed_in_one_pass() -> None:
    calls, schema = _counting()
    result = await schema.execute("{ items { name note count shout child { name } } }")
    assert result.errors is None
    assert calls == ["items"]  # no field below the root went through graphql-core


async def test_plain_scalars_skip_graphql_cores_field_machinery_elsewhere() -> None:
    calls, schema = _counting()
    # `later` is async, so the subtree is not settled and graphql-core completes it.
    result = await schema.execute("{ items { name note count later } }")
    assert result.errors is None
    assert result.data == (await PLAIN.execute("{ items { name note count later } }")).data
    assert calls == ["items", "later", "later"]  # the scalars were read directly


async def test_resolvers_with_scalar_arguments_are_called_directly() -> None:
    calls, schema = _counting()
    result = await schema.execute("{ items { tagged(times: 2, tint: RED) } }")
    assert result.errors is None
    assert result.data == {
        "items": [{"tagged": "a:tagged:reda:tagged:red"}, {"tagged": "b:tagged:redb:tagged:red"}]
    }
    assert calls == ["items"]


async def test_a_field_with_a_permission_still_goes_through_strawberry() -> None:
    result = await FAST.execute("{ items { name secret } }")
    assert result.data == {"items": [{"name": "a", "secret": None}, {"name": "b", "secret": None}]}
    assert [e.message for e in result.errors or []] == ["not for you", "not for you"]


async def test_a_repeated_node_is_completed_once_per_selection() -> None:
    RESOLVED.clear()
    query = "{ a: holders { shared { id loud } } b: holders { shared { loud name } } }"
    result = await FAST.execute(query)
    assert result.errors is None
    # Each of the two selections completes ONE and TWO once, however often they appear.
    assert sorted(RESOLVED) == ["one", "one", "two", "two"]
    assert [h["shared"] for h in result.data["a"]] == [
        {"id": "1", "loud": "ONE"},
        {"id": "2", "loud": "TWO"},
        {"id": "1", "loud": "ONE"},
        {"id": "1", "loud": "ONE"},
    ]
    assert result.data["b"][3]["shared"] == {"loud": "ONE", "name": "one"}
    RESOLVED.clear()
    plain = await PLAIN.execute(query)
    assert plain.data == result.data
    assert len(RESOLVED) == 8  # graphql-core completes every occurrence


async def test_a_resolver_in_a_settled_subtree_sees_graphql_cores_path() -> None:
    # The settled pass keeps paths as plain tuples until a resolver needs one. (A node
    # reached again reuses its first completion, so node resolvers must not depend on
    # the path; none of the gateway's do.)
    calls, schema = _counting()
    query = "{ items { where child { where } } }"
    result = await schema.execute(query)
    assert result.errors is None
    assert calls == ["items"]  # settled: graphql-core built no path of its own below
    assert result.data == (await PLAIN.execute(query)).data
    assert result.data["items"][0]["child"]["where"] == "['items', 0, 'child', 'where'] in Item"
