"""Compiled relational reads (schema/compiled) against the normal executor, byte for byte.

Every query of the corpus below, and the fuzz generator's requests for the relational
root fields, run through both paths (GRAPHQL_COMPILED_READS on and off) as several
callers: an admin, the owner, another user, API keys with one scope each, anonymous.
The serialized answers (data and errors) must be identical. The data has the awkward
cases: ties and nulls in link order, stored values outside the enums, JSON metadata with
floats and unicode, text with quotes and control characters, times with and without
microseconds, drafts, another user's documents.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

import orjson
import pytest
from sqlalchemy import event, text

from datasources.postgres import prepared as driver
from datasources.stores import Stores
from resolvers.context import Principal
from resolvers.ids import to_global_id
from schema.root import build_schema
from tests.e2e import fuzz
from tests.factories import World, context_for

SCHEMA = build_schema()
REQUEST_ID = re.compile(rb"[0-9a-f]{32}")

COURSE_ALL = """id title description targetAudience difficultyLevel durationWeeks hoursPerWeek
  language status metadata publishedAt createdAt updatedAt documentCount __typename"""
DOCUMENT_ALL = """id title filename originalFilename fileSize mimeType status language pageCount
  wordCount processingStartedAt processingCompletedAt processingError metadata createdAt
  updatedAt __typename"""
USER_ALL = "id username fullName email role isActive isVerified lastLogin createdAt __typename"
ISSUE_COURSE = "title status author { username } documents { document { filename } }"

# (query, whether it must compile) — variables: $c published course, $draft, $other
# (another user's published course), $odd (values outside the enums), $d/$d2 the
# owner's documents, $od another user's document, $ids a mix, $concept a Concept id.
CORPUS: list[tuple[str, bool]] = [
    (f"query($c: ID!) {{ course(id: $c) {{ {ISSUE_COURSE} }} }}", True),
    (f"query($c: ID!) {{ course(id: $c) {{ {COURSE_ALL} }} }}", True),
    (f"query($odd: ID!) {{ course(id: $odd) {{ {COURSE_ALL} }} }}", True),
    (f"query($draft: ID!) {{ course(id: $draft) {{ {COURSE_ALL} }} }}", True),
    (f"query($other: ID!) {{ course(id: $other) {{ {ISSUE_COURSE} }} }}", True),
    ("query($c: ID!) { course(id: $c) { t: title, title, s: status, st: status } }", True),
    (
        "query($c: ID!, $draft: ID!) { a: course(id: $c) { title }"
        " b: course(id: $draft) { title } }",
        True,
    ),
    (
        "fragment C on Course { id title author { ...U } } fragment U on User { username fullName }"
        " query($c: ID!) { course(id: $c) { ...C documents { relevanceScore usageType } } }",
        True,
    ),
    (
        "query($c: ID!) { course(id: $c) { __typename ... on Course { title }"
        " ... on Node { id } } }",
        True,
    ),
    (
        "query($c: ID!, $yes: Boolean!, $no: Boolean!) { course(id: $c) {"
        " title @include(if: $yes) status @skip(if: $yes) author @include(if: $no) { username }"
        " documents @skip(if: $no) { document { filename @include(if: $yes)"
        " id @skip(if: $yes) } } } }",
        True,
    ),
    (f"query($c: ID!) {{ course(id: $c) {{ author {{ {USER_ALL} }} }} }}", True),
    (f"query($other: ID!) {{ course(id: $other) {{ author {{ {USER_ALL} }} }} }}", True),
    ("query($c: ID!) { course(id: $c) { author { username } author { id } } }", True),
    (
        "query($c: ID!) { course(id: $c) { documents { __typename relevanceScore usageType"
        f" document {{ {DOCUMENT_ALL} owner {{ {USER_ALL} }} }} }} }} }}",
        True,
    ),
    (
        "query($c: ID!) { course(id: $c) { documents { document { courses { relevanceScore"
        " course { title documents { document { filename } } } } } } } }",
        True,
    ),
    ("query($c: ID!) { course(id: $c) { documentCount documents { usageType } } }", True),
    (f"query($d: ID!) {{ document(id: $d) {{ {DOCUMENT_ALL} }} }}", True),
    (f"query($d2: ID!) {{ document(id: $d2) {{ {DOCUMENT_ALL} }} }}", True),
    (f"query($od: ID!) {{ document(id: $od) {{ {DOCUMENT_ALL} }} }}", True),
    (
        "query($d: ID!) { document(id: $d) { filename owner { username email role }"
        " courses { __typename relevanceScore usageType"
        " course { title status author { username } } } } }",
        True,
    ),
    (
        "query($c: ID!) { node(id: $c) { id __typename ... on Course { title documents {"
        " document { id filename } } } ... on Document { filename } } }",
        True,
    ),
    (
        "query($d: ID!) { node(id: $d) { id ... on Course { title }"
        " ... on Document { filename } } }",
        True,
    ),
    ("query($draft: ID!) { node(id: $draft) { id ... on Course { title } } }", True),
    (
        "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Course { title status"
        " author { username } documents { document { filename } } }"
        " ... on Document { filename owner { username } } } }",
        True,
    ),
    (
        "fragment N on Node { id } query($ids: [ID!]!) { nodes(ids: $ids) { ...N ... on Course {"
        " ...on Course { t: title } } } }",
        True,
    ),
    (
        "{ courses(first: 50) { edges { cursor node { " + ISSUE_COURSE + " } }"
        " pageInfo { hasNextPage endCursor } } }",
        True,
    ),
    (
        "{ courses(first: 3) { __typename edges { __typename cursor } pageInfo { __typename"
        " hasNextPage endCursor } nodes { __typename id } } }",
        True,
    ),
    ("{ courses { nodes { title } edges { node { id status } } } }", True),
    ("{ courses(first: 2) { edges { node { ... on Course { title } } cursor } } }", True),
    ("{ courses(filter: {status: PUBLISHED}) { nodes { title status } } }", True),
    ("{ courses(filter: {difficulty: BEGINNER}) { nodes { title } } }", True),
    ('{ courses(filter: {text: "quote"}) { nodes { title description } } }', True),
    ('{ courses(filter: {text: "%_\\\\"}) { nodes { title } } }', True),
    ("query($u: ID!) { courses(filter: {authorId: $u}) { nodes { title } } }", True),
    (
        "query($o: CourseOrder, $n: Int!) { courses(orderBy: $o, first: $n) {"
        " edges { cursor node { id title createdAt updatedAt } }"
        " pageInfo { hasNextPage endCursor } } }",
        True,
    ),
    (
        "{ documents(first: 100) { edges { node { filename owner { username } } } } }",
        True,
    ),
    (
        f"{{ documents {{ edges {{ cursor node {{ {DOCUMENT_ALL}"
        " courses { course { title } } } }"
        " pageInfo { hasNextPage endCursor } } }",
        True,
    ),
    ("{ documents(filter: {status: COMPLETED}) { nodes { filename status } } }", True),
    ('{ documents(filter: {language: "en"}) { nodes { filename language } } }', True),
    (
        "query($do: DocumentOrder, $n: Int!) { documents(orderBy: $do, first: $n) {"
        " edges { cursor node { id filename } } pageInfo { hasNextPage endCursor } } }",
        True,
    ),
    (
        "query($c: ID!, $d: ID!) { __typename a: course(id: $c) { title }"
        " b: courses(first: 2) { nodes { title } } c: document(id: $d) { filename } }",
        True,
    ),
    # Not compiled: graph, vector and typed-JSON fields, arguments below the root.
    ("query($c: ID!) { course(id: $c) { title concepts { concept { title } } } }", False),
    ("query($c: ID!) { course(id: $c) { title outline { summary } } }", False),
    ("query($c: ID!) { course(id: $c) { weeks { week } prerequisites } }", False),
    ("query($c: ID!) { course(id: $c) { questions(first: 2) { question } } }", False),
    ("query($d: ID!) { document(id: $d) { chunks { content } } }", False),
    ("query($d: ID!) { document(id: $d) { extractions { content } } }", False),
    ("query($d: ID!) { document(id: $d) { concepts { page } } }", False),
    ("query($concept: ID!) { node(id: $concept) { id } }", False),
    ("query($c: ID!, $concept: ID!) { nodes(ids: [$c, $concept]) { id } }", False),
    ("{ courses(first: 2) { nodes { title learningObjectives { priority } } } }", False),
    ("query($u: ID!) { node(id: $u) { id ... on User { username } } }", False),
    # Errors: the same ones, from the same checks, on both paths.
    ('{ course(id: "bad") { title } }', False),
    ("query($d: ID!) { course(id: $d) { title } }", False),
    ("{ courses(first: 0) { nodes { title } } }", False),
    ("{ courses(first: 1000) { nodes { title } } }", False),
    ('{ courses(after: "garbage") { nodes { title } } }', False),
    ('{ documents(after: "bm90IGpzb24") { nodes { filename } } }', False),
    ('{ nodes(ids: ["bad", "worse"]) { id } }', False),
    ("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", True),
]

COURSE_ORDERS = [
    {"field": f, "descending": d}
    for f in ("CREATED_AT", "UPDATED_AT", "TITLE", "ID")
    for d in (True, False)
]
DOCUMENT_ORDERS = [
    {"field": f, "descending": d}
    for f in ("CREATED_AT", "UPDATED_AT", "FILENAME", "ID")
    for d in (True, False)
]


@dataclass
class Data:
    admin: Principal
    owner: Principal
    other: Principal
    variables: dict[str, Any]
    known_ids: dict[str, list[str]]

    def callers(self) -> dict[str, Principal | None]:
        key = uuid.uuid4()
        return {
            "admin": self.admin,
            "owner": self.owner,
            "other": self.other,
            "key courses": replace(
                self.owner, api_key_id=key, permissions=frozenset({"courses:read"})
            ),
            "key documents": replace(
                self.owner, api_key_id=key, permissions=frozenset({"documents:read"})
            ),
            "anonymous": None,
        }


async def build(world: World) -> Data:
    admin = await world.user(role="admin")
    owner = await world.user(role="teacher")
    other = await world.user()
    d1 = await world.document(owner)
    d2 = await world.document(owner, filename='Öffnung "quoted"\n\t\x01 😀 \u2028.pdf')
    d3 = await world.document(owner, filename="b-first.txt")
    od = await world.document(other, filename="theirs.pdf")
    published = await world.course(owner, title='A "quote" \\ course\n', status="published")
    draft = await world.course(owner, title="Draft 草稿", documents=[d1])
    others = await world.course(other, title="Theirs", status="published", documents=[d1, od])
    odd = await world.course(owner, title="Odd", status="weird", documents=[d3])
    concept = await world.concept("Only in the graph")
    metadata = {
        "b": 1.0,
        "a": [1, 2.5, 1e-7, 12345678901234567890, -0.0],
        "ü": '\u2028 sep \x01 \\ "',
        "nested": {"x": None, "t": True, "emoji": "😀"},
    }
    async with world.stores.engine.begin() as conn:
        # Ties and a null in link relevance, a usage type outside the enum.
        for doc, score, usage in ((d1, 0.5, "primary"), (d2, 0.5, "reference"),
                                  (d3, None, "bogus"), (od, 0.9, "supplementary")):  # fmt: skip
            await conn.execute(
                text(
                    "INSERT INTO course_documents (course_id, document_id, relevance_score,"
                    " usage_type) VALUES (:c, :d, :s, :u)"
                ),
                {"c": published, "d": doc, "s": score, "u": usage},
            )
        await conn.execute(
            text(
                "UPDATE courses SET metadata = CAST(:m AS jsonb), description = NULL,"
                " published_at = '2026-01-02 03:04:05+00', target_audience = 'everyone'"
                " WHERE id = :id"
            ),
            {"m": orjson.dumps(metadata).decode(), "id": published},
        )
        await conn.execute(
            text(
                "UPDATE courses SET difficulty_level = 'expert', language = NULL,"
                " published_at = '2026-01-02 03:04:05.1+00', metadata = NULL WHERE id = :id"
            ),
            {"id": odd},
        )
        await conn.execute(
            text(
                "UPDATE documents SET status = 'failed', page_count = 3, word_count = 0,"
                " processing_started_at = '2026-03-04 05:06:07.000001+00',"
                " processing_error = 'line\nbreak', metadata = CAST(:m AS jsonb) WHERE id = :id"
            ),
            {"m": orjson.dumps(metadata).decode(), "id": d2},
        )
        await conn.execute(
            text(
                "UPDATE documents SET status = 'pending', language = 'zh-CN', mime_type = NULL"
                " WHERE id = :id"
            ),
            {"id": d3},
        )
        # Document.title: a number, spaces only and a string (with a quote, Chinese, a
        # newline) in metadata.title; d2's metadata has no title at all.
        for doc, title in ((d1, 5), (d3, "   "), (od, 'Their "notes" 笔记\n\t')):
            await conn.execute(
                text("UPDATE documents SET metadata = CAST(:m AS jsonb) WHERE id = :id"),
                {"m": orjson.dumps({"title": title}).decode(), "id": doc},
            )
        await conn.execute(
            text(
                "UPDATE users SET full_name = NULL, last_login = '2026-05-06 07:08:09+00'"
                " WHERE id = :id"
            ),
            {"id": owner.user_id},
        )
    gid = to_global_id
    variables = {
        "c": gid("Course", published),
        "draft": gid("Course", draft),
        "other": gid("Course", others),
        "odd": gid("Course", odd),
        "d": gid("Document", d1),
        "d2": gid("Document", d2),
        "od": gid("Document", od),
        "u": gid("User", owner.user_id),
        "concept": gid("Concept", concept),
        "ids": [
            gid("Course", published),
            gid("Document", d2),
            gid("Course", draft),
            gid("Document", od),
            gid("Course", uuid.uuid4()),
            gid("Course", published),
            gid("Course", odd),
        ],
        "yes": True,
        "no": False,
        "n": 3,
        "o": None,
        "do": None,
    }
    known = {
        "Course": [gid("Course", i) for i in (published, draft, others, odd)],
        "Document": [gid("Document", i) for i in (d1, d2, d3, od)],
        "User": [gid("User", owner.user_id)],
        "Concept": [gid("Concept", concept)],
    }
    return Data(admin, owner, other, variables, known)


async def answer(
    stores: Stores,
    principal: Principal | None,
    query: str,
    variables: dict[str, Any],
    *,
    compiled: bool,
) -> bytes:
    result = await SCHEMA.execute(
        query,
        variable_values=variables,
        context_value=context_for(stores, principal, compiled_reads=compiled),
    )
    errors = [e.formatted for e in result.errors or []]
    # An internal error names its request, which differs from run to run.
    return REQUEST_ID.sub(b"<request>", orjson.dumps({"data": result.data, "errors": errors}))


@contextmanager
def statements(stores: Stores) -> Iterator[Counter[str]]:
    """Statements sent to PostgreSQL: through SQLAlchemy (its cursor events) and the
    compiled reads' own path on the driver's connection (datasources/postgres/prepared)."""
    counts: Counter[str] = Counter()
    fetch = driver.fetch

    def on_sql(*_: Any) -> None:
        counts["postgres"] += 1

    async def counted(*args: Any) -> Any:
        counts["postgres"] += 1
        return await fetch(*args)

    event.listen(stores.engine.sync_engine, "before_cursor_execute", on_sql)
    driver.fetch = counted  # type: ignore[assignment]
    try:
        yield counts
    finally:
        driver.fetch = fetch  # type: ignore[assignment]
        event.remove(stores.engine.sync_engine, "before_cursor_execute", on_sql)


def used(query: str, variables: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in variables.items() if f"${k}" in query}


def variants(query: str, variables: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The query's variables, once per order when it takes an order."""
    if "$o:" in query:
        yield from ({**variables, "o": order} for order in COURSE_ORDERS)
    elif "$do:" in query:
        yield from ({**variables, "do": order} for order in DOCUMENT_ORDERS)
    else:
        yield variables


async def test_every_corpus_query_answers_the_same_for_every_caller(world: World) -> None:
    data = await build(world)
    assert len(CORPUS) >= 50
    compared = 0
    for query, _ in CORPUS:
        for variables in variants(query, used(query, data.variables)):
            for name, principal in data.callers().items():
                normal = await answer(world.stores, principal, query, variables, compiled=False)
                fast = await answer(world.stores, principal, query, variables, compiled=True)
                assert fast == normal, (name, query, variables)
                compared += 1
    assert compared > 400


async def test_compiled_queries_take_one_statement_per_root_field(world: World) -> None:
    data = await build(world)
    for query, must_compile in CORPUS:
        if not must_compile:
            continue
        variables = used(query, data.variables)
        with statements(world.stores) as counts:
            result = await SCHEMA.execute(
                query,
                variable_values=variables,
                context_value=context_for(world.stores, data.admin),
            )
        assert result.errors is None, query
        roots = [k for k in (result.data or {}) if k != "__typename"]
        assert counts["postgres"] == len(roots), (query, counts)


async def test_not_compiled_queries_fall_back(world: World) -> None:
    """What does not compile still answers (through the resolvers: more statements)."""
    data = await build(world)
    query = "query($c: ID!) { course(id: $c) { title concepts { concept { title } } } }"
    with statements(world.stores) as counts:
        result = await SCHEMA.execute(
            query,
            variable_values=used(query, data.variables),
            context_value=context_for(world.stores, data.owner),
        )
    assert result.errors is None
    assert result.data == {"course": {"title": 'A "quote" \\ course\n', "concepts": []}}
    assert counts["postgres"] >= 1


@pytest.mark.parametrize("root", ["courses", "documents"])
async def test_every_order_pages_through_everything_once(world: World, root: str) -> None:
    """Keyset cursors in every order and direction, on both paths: each row once, in
    order, and the same pages on both."""
    data = await build(world)
    orders = COURSE_ORDERS if root == "courses" else DOCUMENT_ORDERS
    input_type = "CourseOrder" if root == "courses" else "DocumentOrder"
    query = (
        f"query($o: {input_type}, $after: String) {{ {root}(orderBy: $o, first: 2, after: $after)"
        " { edges { cursor node { id createdAt updatedAt } } pageInfo { hasNextPage endCursor } } }"
    )
    mine = set(data.known_ids["Course" if root == "courses" else "Document"][:3])
    # A soft-deleted document is no one's on either path (deleteDocument).
    gone = await world.document(data.owner, filename="gone.pdf")
    async with world.stores.engine.begin() as conn:
        await conn.execute(
            text("UPDATE documents SET status = 'deleted' WHERE id = :id"), {"id": gone}
        )
    for order in orders:
        seen: dict[bool, list[dict[str, Any]]] = {}
        for compiled in (False, True):
            after, nodes = None, []
            while True:
                result = await SCHEMA.execute(
                    query,
                    variable_values={"o": order, "after": after},
                    context_value=context_for(world.stores, data.owner, compiled_reads=compiled),
                )
                assert result.errors is None, (order, result.errors)
                page = result.data[root]
                nodes += [e["node"] for e in page["edges"]]
                if not page["pageInfo"]["hasNextPage"]:
                    break
                after = page["pageInfo"]["endCursor"]
            seen[compiled] = nodes
            ids = [n["id"] for n in nodes]
            assert len(ids) == len(set(ids)) and mine <= set(ids), order
            assert to_global_id("Document", gone) not in ids, order
            key = {"CREATED_AT": "createdAt", "UPDATED_AT": "updatedAt"}.get(order["field"])
            if key is not None:
                values = [n[key] for n in nodes]
                assert values == sorted(values, reverse=order["descending"]), order
        assert seen[True] == seen[False], order


async def test_bad_order_values_get_clear_errors(world: World) -> None:
    data = await build(world)
    for query in (
        "{ courses(orderBy: {field: FILENAME}) { nodes { id } } }",
        "{ documents(orderBy: {field: TITLE}) { nodes { id } } }",
        '{ courses(orderBy: {field: "title"}) { nodes { id } } }',
        "{ courses(orderBy: {field: null}) { nodes { id } } }",
        "{ documents(orderBy: {descending: 1}) { nodes { id } } }",
    ):
        result = await SCHEMA.execute(query, context_value=context_for(world.stores, data.admin))
        assert result.errors, query
        message = result.errors[0].message
        assert "Order" in message or "Boolean" in message, message
    # A cursor of one order is not silently read in another: a time cursor is refused
    # where a title is expected only if it does not parse, so check the other way.
    first = await SCHEMA.execute(
        "{ courses(first: 1, orderBy: {field: TITLE}) { pageInfo { endCursor } } }",
        context_value=context_for(world.stores, data.admin),
    )
    cursor = first.data["courses"]["pageInfo"]["endCursor"]
    wrong = await SCHEMA.execute(
        "query($a: String) { courses(after: $a) { nodes { id } } }",
        variable_values={"a": cursor},
        context_value=context_for(world.stores, data.admin),
    )
    assert wrong.errors and wrong.errors[0].extensions["code"] == "BAD_USER_INPUT"
    assert "cursor" in wrong.errors[0].message


FUZZED = ["course", "courses", "document", "documents", "node", "nodes"]


@pytest.mark.parametrize("field", FUZZED)
async def test_fuzzed_requests_answer_the_same(world: World, field: str) -> None:
    data = await build(world)
    cases = fuzz.cases(
        SCHEMA._schema, "query", field, seed=15, random_cases=12, known_ids=data.known_ids
    )
    assert cases
    for case in cases:
        for principal in (data.admin, data.owner):
            normal = await answer(
                world.stores, principal, case.query, case.variables, compiled=False
            )
            fast = await answer(world.stores, principal, case.query, case.variables, compiled=True)
            assert fast == normal, (case.query, case.variables)


@pytest.mark.parametrize("compiled", [True, False])
async def test_a_lone_surrogate_in_a_filter_is_bad_input(world: World, compiled: bool) -> None:
    """Not a driver's encoding error (an internal error) on either path: in process a
    variable can hold "\\ud800", which HTTP's decoder (gateway/wire.py) refuses earlier."""
    admin = Principal(user_id=uuid.uuid4(), role="admin")
    for query in (
        "query($t: String) { courses(filter: {text: $t}) { nodes { title } } }",
        "query($t: String) { courses(filter: {text: $t}) { edges { cursor } } }",
    ):
        result = await SCHEMA.execute(
            query,
            variable_values={"t": "a\ud800"},
            context_value=context_for(world.stores, admin, compiled_reads=compiled),
        )
        assert result.data is None
        [error] = result.errors or []
        assert error.extensions == {"code": "BAD_USER_INPUT", "field": "filter.text"}
        assert "lone surrogate" in error.message


async def test_a_remembered_plan_follows_the_variables_of_include_and_skip(world: World) -> None:
    """The same text (one parsed document) with its directives' variables flipped: what
    compiles is remembered per document only when no directive takes a variable."""
    data = await build(world)
    query = next(q for q, _ in CORPUS if "@include(if: $yes)" in q)
    for yes in (True, False, True, False):
        variables = {**used(query, data.variables), "yes": yes, "no": not yes}
        normal = await answer(world.stores, data.admin, query, variables, compiled=False)
        fast = await answer(world.stores, data.admin, query, variables, compiled=True)
        assert fast == normal, yes
        assert (b'"title"' in fast) is yes


@pytest.mark.parametrize("caller", ["admin", "owner", "other"])
async def test_one_course_by_id_keeps_a_generic_plan(world: World, caller: str) -> None:
    """The statement of `course(id)` is prepared once per connection; PostgreSQL must be
    able to keep its generic plan instead of planning it again at every execution (which
    cost four times the execution itself): after the five custom plans it tries first,
    the following executions use the generic one, for an admin and a signed-in user."""
    data = await build(world)
    principal = {"admin": data.admin, "owner": data.owner, "other": data.other}[caller]
    query = f"query($c: ID!) {{ course(id: $c) {{ {ISSUE_COURSE} }} }}"
    sent: list[tuple[Any, list[Any]]] = []
    fetch = driver.fetch

    async def kept(conn: Any, prepared: Any, values: Any) -> Any:
        sent.append((prepared, prepared.arguments(values)))
        return await fetch(conn, prepared, values)

    driver.fetch = kept  # type: ignore[assignment]
    try:
        result = await SCHEMA.execute(
            query,
            variable_values=used(query, data.variables),
            context_value=context_for(world.stores, principal),
        )
    finally:
        driver.fetch = fetch  # type: ignore[assignment]
    assert result.errors is None and result.data and result.data["course"]
    [(prepared, arguments)] = sent
    async with world.stores.engine.connect() as conn, driver.driver_connection(conn) as raw:
        for _ in range(8):
            await raw.fetch(prepared.sql, *arguments)
        plans = await raw.fetchrow(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = $1",
            prepared.sql,
        )
    assert plans is not None and plans["generic_plans"] >= 3, dict(plans or {})
