"""Edge-value requests for every root field of a schema read by introspection.

`cases(schema, kind, name, ...)` gives the requests for one root field, the same
ones for the same seed. Each passes every argument as a variable, and starts from
valid values (ids of the objects the test made, where it made one of that type), so
the request gets past coercion and what is changed reaches the resolvers and the
stores. They are: that valid request; the SWEEPS (one value at every place of a
kind: every string with NUL, every number at its limit, ...); a lone surrogate at
each place that takes text, one place per request; then a fixed number that put ONE
random edge value at one place: lone surrogates, NUL, long text, out-of-range and
negative numbers, malformed and foreign ids, wrong enum values, empty and long
lists, an unknown input field, deep nesting, null where a value is required. The
selection asks for every argument-free field to a small depth, so the resolvers
below the root run too.
"""

from __future__ import annotations

import base64
import copy
import json
import random
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    get_named_type,
    is_leaf_type,
)

SELECTION_DEPTH = 3
DEEP = 200  # levels of the deeply nested values
LONG = "\u00e9" * 50_000 + "x" * 50_000  # 150 kB of UTF-8, under the body limit
NODE_TYPES = ("ApiKey", "Concept", "Course", "Document", "Export", "GenerationTask",
              "KnowledgeExtraction", "LearningObjective", "User")  # fmt: skip

# Edge values a scalar of that type accepts (they reach the resolvers) ...
EDGE: dict[str, list[Any]] = {
    "String": ["\ud800", "abc\udfffdef", "\x00", "nul\x00inside", "", " ", LONG,
               "' OR '1'='1", "1; DROP TABLE users --", "n) DETACH DELETE n //",
               "*:* AND title:(a OR b)~2 \\", "%_\\", "\u202eRTL", "e\u0301", "😀", "中文 文本",
               "\r\n\t", "a" * 256],
    "Int": [0, -1, 1, 2**31 - 1, -(2**31), 101, 1000],
    "Float": [0.0, -0.0, -1.0, 1.0, 1.5, 1e308, -1e308, 5e-324],
    "Boolean": [True, False],
    "Date": ["0001-01-01", "9999-12-31", "2024-02-29", "1970-01-01"],
    "DateTime": ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z",
                 "2024-01-31T10:00:00+14:00", "2024-01-31T10:00:00"],
    "Decimal": ["0", "-1.5", "1e400", "NaN", "Infinity", "9" * 400],
    "JSON": [None, {}, [], {"a": [1, {"b": "\ud800"}]}, "text", 1e308, {"\x00": 1}],
}  # fmt: skip
# ... and values of the wrong kind (coercion must refuse them clearly).
WRONG: list[Any] = [
    "\ud800", 2**31, 2**53, -(2**63), 10**30, 10**400, 1.5, "7", "NaN", "Infinity", "true",
    "2024-02-30", "not a date", {}, [], {"\x00": 1},
]  # fmt: skip
# Cases that put one value at every place of a kind at once, so each place of the
# schema meets the values that matter most in every run, not only by chance.
SWEEPS: list[dict[str, Any]] = [
    {"String": "nul\x00inside", "Int": 0, "Float": -0.0},
    {"String": LONG, "Int": 2**31 - 1, "Float": 1e308, "Date": "9999-12-31"},
    {"String": "", "Int": -(2**31), "Float": -1e308, "Date": "0001-01-01"},
]
# Text that is not Unicode, put at each place that takes text, one place per request.
BAD_TEXT = "\ud800"
TEXT_SCALARS = frozenset({"String", "ID", "Date", "DateTime", "Decimal"})
VALID: dict[str, Any] = {
    "String": "text",
    "Int": 1,
    "Float": 0.5,
    "Boolean": True,
    "Date": "2024-01-31",
    "DateTime": "2024-01-31T10:00:00Z",
    "Decimal": "1.5",
    "JSON": {"a": 1},
}


def global_id(type_name: str, raw: object) -> str:
    """Like resolvers.ids.to_global_id, also for what is not a UUID."""
    return base64.urlsafe_b64encode(f"{type_name}:{raw}".encode()).decode().rstrip("=")


@dataclass(frozen=True)
class Case:
    field: str
    query: str
    variables: dict[str, Any]


def _deep(value: Any, key: str | None = None) -> Any:
    for _ in range(DEEP):
        value = {key: value} if key else [value]
    return value


def _unwrap(type_: GraphQLInputType) -> GraphQLInputType:
    return type_.of_type if isinstance(type_, GraphQLNonNull) else type_


class Generator:
    def __init__(
        self,
        schema: GraphQLSchema,
        rng: random.Random,
        known_ids: Mapping[str, list[str]],
    ) -> None:
        self.schema = schema
        self.rng = rng
        self.known_ids = known_ids

    # -- values ---------------------------------------------------------------------

    def valid(self, type_: GraphQLInputType, name: str) -> Any:
        """A value the schema accepts; for ids, one of a known object of the right type."""
        inner = _unwrap(type_)
        if isinstance(inner, GraphQLList):
            return [self.valid(inner.of_type, name)]
        if isinstance(inner, GraphQLInputObjectType):
            return {n: self.valid(f.type, n) for n, f in inner.fields.items()}
        if isinstance(inner, GraphQLEnumType):
            return self.rng.choice(list(inner.values))
        assert isinstance(inner, GraphQLScalarType)
        if inner.name == "ID":
            return self._id(name)
        return VALID.get(inner.name, "text")

    def _id(self, name: str) -> str:
        type_name = _node_type_for(name) or self.rng.choice(NODE_TYPES)
        known = self.known_ids.get(type_name)
        if known and self.rng.random() < 0.8:
            return self.rng.choice(known)
        return global_id(type_name, uuid.UUID(int=self.rng.getrandbits(128)))

    def edge(self, type_: GraphQLInputType, name: str, value: Any) -> Any:
        """An edge value at a place of type `type_` that now holds `value`."""
        rng = self.rng
        inner = _unwrap(type_)
        roll = rng.random()
        if roll < 0.06:
            return None  # also where the schema requires a value
        if roll < 0.12:
            return _deep(value)
        if isinstance(inner, GraphQLList):
            return rng.choice([[], [value[0]] * 1000 if _small(value[0]) else [], value[0]])
        if isinstance(inner, GraphQLInputObjectType):
            if rng.random() < 0.5:
                return {**value, "unknownField": "x"}
            return _deep(value, next(iter(inner.fields)))
        if roll < 0.25:
            return rng.choice(WRONG)
        if isinstance(inner, GraphQLEnumType):
            names = list(inner.values)
            return rng.choice([*names, "NOPE", names[0].lower(), ""])
        assert isinstance(inner, GraphQLScalarType)
        if inner.name == "ID":
            return rng.choice(self._bad_ids(name))
        return rng.choice(EDGE.get(inner.name, EDGE["String"]))

    def _bad_ids(self, name: str) -> list[Any]:
        fresh = uuid.UUID(int=self.rng.getrandbits(128))
        other_type = self.rng.choice(NODE_TYPES)
        known = [i for ids in self.known_ids.values() for i in ids]
        return [
            global_id(other_type, fresh),  # a well-formed id of no object, maybe a wrong type
            *(known[:1] and [self.rng.choice(known)]),  # a real object, maybe the wrong type
            global_id("Nope", fresh),
            global_id("Course", "not-a-uuid"),
            global_id("Course", "\x00"),
            str(fresh),
            "",
            "!!!not base64!!!",
            "Q291cnNlOg",  # "Course:" unpadded
            "\ud800",
            "A" * 10_000,
        ]

    # -- places -----------------------------------------------------------------------

    def _places(
        self, type_: GraphQLInputType, value: Any, path: tuple[str | int, ...]
    ) -> Iterator[tuple[tuple[str | int, ...], GraphQLInputType]]:
        """Every place in a valid value where an edge value can go, with its type."""
        yield path, type_
        inner = _unwrap(type_)
        if isinstance(inner, GraphQLList) and isinstance(value, list) and value:
            yield from self._places(inner.of_type, value[0], (*path, 0))
        elif isinstance(inner, GraphQLInputObjectType) and isinstance(value, dict):
            for name, field in inner.fields.items():
                yield from self._places(field.type, value[name], (*path, name))

    # -- requests ---------------------------------------------------------------------

    def cases(self, kind: str, name: str, field: GraphQLField, random_cases: int) -> list[Case]:
        """The valid request, the SWEEPS, bad text at each text place, then
        `random_cases` requests with one random edge value each."""
        definitions = ", ".join(f"${a}: {_type_text(arg.type)}" for a, arg in field.args.items())
        arguments = ", ".join(f"{a}: ${a}" for a in field.args)
        head = f"{kind}({definitions})" if definitions else kind
        call = f"{name}({arguments})" if arguments else name
        query = f"{head} {{ {call} {self.selection(field.type)} }}"
        required = {a for a, arg in field.args.items() if isinstance(arg.type, GraphQLNonNull)}

        def variables(optional: set[str] | None = None) -> dict[str, Any]:
            """Valid values for the required arguments, and for `optional` (else some)."""
            return {
                a: self.valid(arg.type, a)
                for a, arg in field.args.items()
                if a in required
                or (a in optional if optional is not None else self.rng.random() < 0.7)
            }

        def places(values: dict[str, Any]) -> list[tuple[tuple[str | int, ...], Any]]:
            found = (self._places(field.args[a].type, v, (a,)) for a, v in values.items())
            return [place for spots in found for place in spots]

        out = [variables()]
        for sweep in SWEEPS:
            values = variables()
            for path, type_ in places(values):
                scalar = _unwrap(type_)
                if isinstance(scalar, GraphQLScalarType) and scalar.name in sweep:
                    _put(values, path, sweep[scalar.name])
            out.append(values)
        # Bad text at each place that takes text, alone, with as little else as may be.
        for argument in field.args:
            base = variables({argument})
            for path, type_ in places(base):
                scalar = _unwrap(type_)
                if path[0] != argument or not isinstance(scalar, GraphQLScalarType):
                    continue
                if scalar.name in TEXT_SCALARS:
                    values = copy.deepcopy(base)
                    _put(values, path, BAD_TEXT)
                    out.append(values)
        for _ in range(random_cases):
            values = variables()
            spots = places(values)
            if spots:
                path, type_ = self.rng.choice(spots)
                _put(values, path, self.edge(type_, str(path[-1]), _get(values, path)))
            out.append(values)
        return [Case(field=f"{kind} {name}", query=query, variables=v) for v in out]

    def selection(self, type_: GraphQLOutputType, depth: int = 0) -> str:
        named = get_named_type(type_)
        if is_leaf_type(named):
            return ""
        if isinstance(named, GraphQLUnionType):
            parts = [f"... on {m.name} {self.selection(m, depth)}" for m in named.types]
            return "{ __typename " + " ".join(parts) + " }"
        assert isinstance(named, GraphQLObjectType | GraphQLInterfaceType)
        parts = ["__typename"]
        for name, field in named.fields.items():
            if any(isinstance(a.type, GraphQLNonNull) for a in field.args.values()):
                continue
            if is_leaf_type(get_named_type(field.type)):
                parts.append(name)
            elif depth < SELECTION_DEPTH:
                parts.append(f"{name} {self.selection(field.type, depth + 1)}")
        return "{ " + " ".join(parts) + " }"


def _node_type_for(argument: str) -> str | None:
    """The type an id argument names: courseId -> Course, taskId -> GenerationTask."""
    stem = argument.removesuffix("s").removesuffix("Id").lower()
    stem = {"prerequisite": "concept", "related": "concept", "author": "user"}.get(stem, stem)
    if not stem:
        return None
    named = (t for t in NODE_TYPES if stem.endswith(t.lower()) or t.lower().endswith(stem))
    return next(named, None)


def _small(value: Any) -> bool:
    return len(json.dumps(value)) < 200


def _get(value: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        value = value[key]
    return value


def _put(value: Any, path: tuple[str | int, ...], new: Any) -> None:
    for key in path[:-1]:
        value = value[key]
    value[path[-1]] = new


def _type_text(type_: GraphQLInputType) -> str:
    if isinstance(type_, GraphQLNonNull):
        return _type_text(type_.of_type) + "!"
    if isinstance(type_, GraphQLList):
        return f"[{_type_text(type_.of_type)}]"
    return type_.name


def root_fields(schema: GraphQLSchema) -> list[tuple[str, str, GraphQLField]]:
    """(operation kind, field name, field) for every root field, in schema order."""
    roots = [
        ("query", schema.query_type),
        ("mutation", schema.mutation_type),
        ("subscription", schema.subscription_type),
    ]
    return [(kind, name, f) for kind, t in roots if t for name, f in t.fields.items()]


def cases(
    schema: GraphQLSchema,
    kind: str,
    name: str,
    *,
    seed: int,
    random_cases: int,
    known_ids: Mapping[str, list[str]],
) -> list[Case]:
    field = next(f for k, n, f in root_fields(schema) if (k, n) == (kind, name))
    generator = Generator(schema, random.Random(f"{seed}:{kind}:{name}"), known_ids)
    return generator.cases(kind, name, field, random_cases)
