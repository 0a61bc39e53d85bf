"""Authorization matrix: every operation that takes an id, tried by someone who may not.

For each operation and each outsider — a second user, an anonymous caller, and an API
key of the owner lacking the operation's permission — the response on the owner's
object must equal the response on an id that does not exist (so it cannot reveal
that the object exists), return none of the object's data, and change nothing. The
owner's own call shows the objects are really there. Concepts are shared knowledge
(any signed-in user may edit them), so for them only anonymous callers and keys
without the permission are outsiders.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import httpx
import pytest
import websockets
from sqlalchemy import insert, text

from datasources.postgres.models import Export, GenerationTask, KnowledgeExtraction
from datasources.settings import Settings
from resolvers.accounts import PERMISSIONS
from resolvers.context import Principal
from resolvers.ids import to_global_id
from tests.e2e.test_authz_harness import (
    Account,
    Client,
    Served,
    direct_account,
    fast_settings,
    isolated,
    make_admin,
    serve,
    ws_messages,
)
from tests.factories import World

pytestmark = pytest.mark.e2e

# name in the queries -> (type, whose): "owner" objects are the ones outsiders probe.
OBJECTS = {
    "c": ("Course", "owner"),  # a draft course
    "p": ("Course", "owner"),  # a published course (readable by all, changeable by none)
    "d": ("Document", "owner"),
    "t": ("GenerationTask", "owner"),
    "e": ("Export", "owner"),
    "o": ("LearningObjective", "owner"),
    "k": ("ApiKey", "owner"),
    "u": ("User", "owner"),
    "x": ("Concept", "shared"),
    "y": ("Concept", "shared"),
    "bc": ("Course", "other"),  # the second user's own course
    "bd": ("Document", "other"),
}


@dataclass(frozen=True)
class Case:
    name: str
    query: str
    permissions: tuple[str, ...]  # what a key needs; the outsider key lacks these
    shared: bool = False  # concepts: a second user may legitimately do it
    owner_sees: str | None = None  # for reads: the field the owner gets data in

    @property
    def variables(self) -> list[str]:
        return [n for n in OBJECTS if f"${n}:" in self.query or f"${n} " in self.query]


def q(name: str, body: str, args: str, *perms: str, owner_sees: str | None = None) -> Case:
    return Case(name, f"query({args}) {{ {body} }}", perms, owner_sees=owner_sees or name)


def m(name: str, body: str, args: str, *perms: str, shared: bool = False) -> Case:
    return Case(name, f"mutation({args}) {{ {body} }}", perms, shared=shared)


PROBLEM = "__typename ... on NotFound { message } ... on InvalidInput { message field }"
CASES = [
    q("course", "course(id: $c) { id title status }", "$c: ID!", "courses:read"),
    q("node", "node(id: $c) { id ... on Course { title } }", "$c: ID!", "courses:read"),
    Case(
        "node-document",
        "query($d: ID!) { node(id: $d) { id } }",
        ("documents:read",),
        owner_sees="node",
    ),
    Case("node-task", "query($t: ID!) { node(id: $t) { id } }", ("tasks:read",), owner_sees="node"),
    Case(
        "node-export",
        "query($e: ID!) { node(id: $e) { id } }",
        ("exports:read",),
        owner_sees="node",
    ),
    Case(
        "node-objective",
        "query($o: ID!) { node(id: $o) { id ... on LearningObjective { description } } }",
        ("courses:read",),
        owner_sees="node",
    ),
    Case(
        "nodes",
        "query($c: ID!, $d: ID!) { nodes(ids: [$c, $d]) { id } }",
        ("courses:read", "documents:read"),
        owner_sees="nodes",
    ),
    q("document", "document(id: $d) { id filename }", "$d: ID!", "documents:read"),
    q(
        "knowledgeExtractions",
        "knowledgeExtractions(documentId: $d) { id content }",
        "$d: ID!",
        "documents:read",
    ),
    q("task", "task(id: $t) { id status payload }", "$t: ID!", "tasks:read"),
    q("exports", "exports(courseId: $c) { edges { node { id } } }", "$c: ID!", "exports:read"),
    q(
        "semanticSearch",
        'semanticSearch(query: "secret graph theory notes", documentIds: [$d]) '
        "{ __typename ... on ChunkHit { highlight } }",
        "$d: ID!",
        "search:read",
    ),
    q(
        "courses",
        "courses(filter: {authorId: $u, status: DRAFT}) { edges { node { id title } } }",
        "$u: ID!",
        "courses:read",
    ),
    Case(
        "course-documents",
        "query($c: ID!) { course(id: $c) { documents { document { id } } } }",
        ("courses:read",),
        owner_sees="course",
    ),
    m(
        "updateCourse",
        f'updateCourse(id: $c, input: {{title: "pwned"}}) {{ {PROBLEM} }}',
        "$c: ID!",
        "courses:write",
    ),
    m(
        "updatePublished",
        f'updateCourse(id: $p, input: {{title: "pwned"}}) {{ {PROBLEM} }}',
        "$p: ID!",
        "courses:write",
    ),
    m("publishCourse", f"publishCourse(id: $c) {{ {PROBLEM} }}", "$c: ID!", "courses:write"),
    m(
        "unpublishCourse",
        f"publishCourse(id: $p, publish: false) {{ {PROBLEM} }}",
        "$p: ID!",
        "courses:write",
    ),
    m(
        "deleteCourse",
        "deleteCourse(id: $c) { __typename ... on NotFound { message } }",
        "$c: ID!",
        "courses:write",
    ),
    m(
        "deletePublished",
        "deleteCourse(id: $p) { __typename ... on NotFound { message } }",
        "$p: ID!",
        "courses:write",
    ),
    m(
        "linkIntoTheirCourse",
        f"linkDocument(courseId: $c, documentId: $bd) {{ {PROBLEM} }}",
        "$c: ID!, $bd: ID!",
        "courses:write",
    ),
    m(
        "linkTheirDocument",
        f"linkDocument(courseId: $bc, documentId: $d) {{ {PROBLEM} }}",
        "$bc: ID!, $d: ID!",
        "courses:write",
    ),
    m(
        "unlinkDocument",
        f"unlinkDocument(courseId: $c, documentId: $d) {{ {PROBLEM} }}",
        "$c: ID!, $d: ID!",
        "courses:write",
    ),
    m(
        "addLearningObjective",
        'addLearningObjective(courseId: $c, description: "pwned", bloomLevel: APPLY)'
        f" {{ {PROBLEM} }}",
        "$c: ID!",
        "courses:write",
    ),
    m(
        "removeLearningObjective",
        "removeLearningObjective(courseId: $c, objectiveId: $o)"
        " { __typename ... on NotFound { message } }",
        "$c: ID!, $o: ID!",
        "courses:write",
    ),
    m(
        "generateCourse",
        "generateCourse(input: {documentIds: [$d], durationWeeks: 2, hoursPerWeek: 2})"
        f" {{ {PROBLEM} }}",
        "$d: ID!",
        "courses:write",
    ),
    m(
        "regenerateCourse",
        "regenerateCourse(courseId: $c, input: {documentIds: [$bd], durationWeeks: 2,"
        f" hoursPerWeek: 2}}) {{ {PROBLEM} }}",
        "$c: ID!, $bd: ID!",
        "courses:write",
    ),
    m(
        "exportCourse",
        f"exportCourse(courseId: $c, format: PDF) {{ {PROBLEM} }}",
        "$c: ID!",
        "exports:create",
    ),
    m(
        "deleteDocument",
        "deleteDocument(id: $d) { __typename ... on NotFound { message } }",
        "$d: ID!",
        "documents:write",
    ),
    m(
        "reprocessDocument",
        "reprocessDocument(id: $d) { __typename ... on NotFound { message } }",
        "$d: ID!",
        "documents:write",
    ),
    m(
        "retryTask",
        f"retryTask(taskId: $t) {{ {PROBLEM} ... on Conflict {{ message }} }}",
        "$t: ID!",
        "tasks:read",
    ),
    Case(
        "course-questions",
        "query($c: ID!) { course(id: $c) { id questions { question answer } } }",
        ("courses:read",),
        owner_sees="course",
    ),
    Case(
        "node-export-link",
        "query($e: ID!) { node(id: $e) { id ... on Export { downloadUrl } } }",
        ("exports:read",),
        owner_sees="node",
    ),
    m("revokeApiKey", "revokeApiKey(id: $k) { __typename ... on NotFound { message } }", "$k: ID!"),
    m("setUserRole", f"setUserRole(userId: $u, role: ADMIN) {{ {PROBLEM} }}", "$u: ID!"),
    m("setUserActive", f"setUserActive(userId: $u, active: false) {{ {PROBLEM} }}", "$u: ID!"),
    Case(
        "concept",
        "query($x: ID!) { concept(id: $x) { id title } }",
        ("concepts:read",),
        shared=True,
        owner_sees="concept",
    ),
    Case(
        "learningPath",
        "query($x: ID!) { learningPath(toConceptId: $x) { steps { id } } }",
        ("concepts:read",),
        shared=True,
        owner_sees="learningPath",
    ),
    m(
        "updateConcept",
        f'updateConcept(id: $x, input: {{title: "pwned"}}) {{ {PROBLEM} }}',
        "$x: ID!",
        "concepts:write",
        shared=True,
    ),
    m(
        "deleteConcept",
        "deleteConcept(id: $x) { __typename }",
        "$x: ID!",
        "concepts:write",
        shared=True,
    ),
    m(
        "addPrerequisite",
        f"addPrerequisite(conceptId: $x, prerequisiteId: $y) {{ {PROBLEM} }}",
        "$x: ID!, $y: ID!",
        "concepts:write",
        shared=True,
    ),
    m(
        "removeRelation",
        f"removeRelation(conceptId: $x, relatedId: $y) {{ {PROBLEM} }}",
        "$x: ID!, $y: ID!",
        "concepts:write",
        shared=True,
    ),
]


@dataclass
class Scene:
    served: Served
    world: World
    owner: Account
    other: Account
    ids: dict[str, UUID]
    keys: dict[frozenset[str], str]

    def gids(self, names: list[str], *, missing: bool = False) -> dict[str, str]:
        out = {}
        for name in names:
            type_name, whose = OBJECTS[name]
            probe = missing and whose in ("owner", "shared")
            out[name] = to_global_id(type_name, uuid.uuid4() if probe else self.ids[name])
        return out

    async def key_without(self, permissions: tuple[str, ...]) -> str:
        """The owner's key with every permission except `permissions`."""
        granted = frozenset(PERMISSIONS - set(permissions))
        if granted not in self.keys:
            services = self.served.security.accounts
            assert services is not None
            _, key = await services.accounts.create_api_key(
                user_id=self.owner.user_id,
                name="scoped",
                permissions=sorted(granted),
                expires_at=None,
                rate_limit=100_000,
            )
            self.keys[granted] = key
        return self.keys[granted]

    async def snapshot(self) -> dict[str, Any]:
        """Everything an outsider could have changed."""
        stores = self.served.app.state.stores
        async with stores.engine.connect() as conn:
            rows = {}
            for label, sql in (
                (
                    "courses",
                    "SELECT id, title, status, updated_at FROM courses"
                    " WHERE user_id = :u ORDER BY id",
                ),
                (
                    "documents",
                    "SELECT id, filename, updated_at FROM documents WHERE user_id = :u ORDER BY id",
                ),
                (
                    "links",
                    "SELECT course_id, document_id FROM course_documents cd"
                    " JOIN courses c ON c.id = cd.course_id WHERE c.user_id = :u ORDER BY 1, 2",
                ),
                ("tasks", "SELECT id, status, updated_at FROM generation_tasks WHERE user_id = :u"),
                (  # whoever asked: a task about one of the owner's documents
                    "document_tasks",
                    "SELECT id FROM generation_tasks WHERE payload->>'document_id' IN"
                    " (SELECT id::text FROM documents WHERE user_id = :u) ORDER BY id",
                ),
                ("exports", "SELECT id, status FROM exports WHERE user_id = :u"),
                (
                    "keys",
                    "SELECT id, is_active, updated_at FROM api_keys WHERE user_id = :u ORDER BY id",
                ),
                ("user", "SELECT role, is_active, updated_at FROM users WHERE id = :u"),
            ):
                result = await conn.execute(text(sql), {"u": self.owner.user_id})
                rows[label] = [tuple(r) for r in result]
        graph, _, _ = await stores.graph.driver.execute_query(
            "MATCH (c:Course) WHERE c.id IN $ids OPTIONAL MATCH (c)-[:ACHIEVES]->(o) "
            "RETURN c.id AS id, c.title AS title, collect(o.description) AS objectives "
            "ORDER BY id",
            ids=[str(self.ids["c"]), str(self.ids["p"])],
        )
        concepts, _, _ = await stores.graph.driver.execute_query(
            "MATCH (x:Concept) WHERE x.id IN $ids OPTIONAL MATCH (x)-[r]-() "
            "RETURN x.id AS id, x.title AS title, count(r) AS edges ORDER BY id",
            ids=[str(self.ids["x"]), str(self.ids["y"])],
        )
        rows["graph"] = [dict(r) for r in graph] + [dict(r) for r in concepts]
        return rows


@pytest.fixture(scope="module")
async def scene(stack_settings: Settings) -> AsyncIterator[Scene]:
    async with isolated(stack_settings) as settings, serve(fast_settings(settings)) as served:
        stores = served.app.state.stores
        world = World(stores)
        owner, other = await direct_account(served), await direct_account(served)
        world.users += [owner.user_id, other.user_id]
        a = Principal(user_id=owner.user_id, role="user")
        b = Principal(user_id=other.user_id, role="user")
        d = await world.document(a, filename="owner-secret-notes.pdf")
        c = await world.course(a, title="Owner draft", documents=[d])
        p = await world.course(a, title="Owner published", status="published")
        bd = await world.document(b, filename="other.pdf")
        bc = await world.course(b, title="Other's course")
        await world.chunks(d, ["secret graph theory notes: vertices and edges"])
        x = await world.concept(f"Matrix concept {uuid.uuid4().hex[:8]}")
        y = await world.concept(f"Matrix prerequisite {uuid.uuid4().hex[:8]}")
        await world.prerequisite(y, x)
        objective = uuid.uuid4()
        await stores.graph_writer.add_objective(
            course_id=c,
            objective_id=objective,
            description="owner's secret objective",
            bloom_level="apply",
            measurable=True,
            priority=1,
        )
        task, export = uuid.uuid4(), uuid.uuid4()
        async with stores.sessions() as session, session.begin():
            await session.execute(
                insert(GenerationTask).values(
                    id=task,
                    user_id=owner.user_id,
                    task_type="document_processing",
                    status="completed",
                    payload={"document_id": str(d)},
                )
            )
            await session.execute(
                insert(Export).values(id=export, course_id=c, user_id=owner.user_id, format="pdf")
            )
            await session.execute(
                insert(KnowledgeExtraction).values(
                    document_id=d, extraction_type="definition", content="owner's secret"
                )
            )
        services = served.security.accounts
        assert services is not None
        record, _ = await services.accounts.create_api_key(
            user_id=owner.user_id,
            name="owner key",
            permissions=["courses:read"],
            expires_at=None,
            rate_limit=100,
        )
        ids = {
            "c": c, "p": p, "d": d, "t": task, "e": export, "o": objective, "k": record.id,
            "u": owner.user_id, "x": x, "y": y, "bc": bc, "bd": bd,
        }  # fmt: skip
        try:
            yield Scene(served, world, owner, other, ids, {})
        finally:
            await world.cleanup()


@pytest.fixture
async def http(scene: Scene) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=scene.served.url, timeout=30) as client:
        yield client


def _root(body: dict[str, Any], field: str) -> Any:
    data = body.get("data") or {}
    return data.get(field)


def _empty(value: Any) -> bool:
    """No object data: null, [], or a connection without edges."""
    if value in (None, [], {}):
        return True
    if isinstance(value, dict):
        if "edges" in value:
            return value["edges"] == []
        if "__typename" in value:
            return value["__typename"] in ("NotFound", "InvalidInput")
        return all(_empty(v) for v in value.values())
    if isinstance(value, list):
        return all(_empty(v) for v in value)
    return False


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
async def test_outsiders_learn_nothing_and_change_nothing(
    scene: Scene, http: httpx.AsyncClient, case: Case
) -> None:
    names = case.variables
    assert names, case.name
    outsiders = {
        "anonymous": Client(http),
        "key-without-permission": Client(http, key=await scene.key_without(case.permissions)),
    }
    if not case.shared:
        outsiders["second-user"] = Client(http, token=scene.other.token)
    before = await scene.snapshot()
    field = case.owner_sees
    for who, client in outsiders.items():
        real = await client.gql(case.query, **scene.gids(names))
        missing = await client.gql(case.query, **scene.gids(names, missing=True))
        assert real == missing, f"{who} can tell {case.name} targets exist:\n{real}\n{missing}"
        if field is not None:
            assert _empty(_root(real, field)), f"{who} read {case.name}: {real}"
        else:
            result = next(iter((real.get("data") or {}).values()), None)
            assert result is None or _empty(result), f"{who} ran {case.name}: {real}"
    assert await scene.snapshot() == before, f"{case.name} changed the owner's data"
    if field is not None:
        own = await Client(http, token=scene.owner.token).gql(case.query, **scene.gids(names))
        assert not _empty(_root(own, field)), f"the owner should see {case.name}: {own}"


SUBSCRIBE = "subscription($t: ID!) { taskProgress(taskId: $t) { status } }"


async def _subscribe(
    scene: Scene, payload: dict[str, Any], gid: str, *, query: str = SUBSCRIBE, name: str = "t"
) -> list[dict[str, Any]]:
    async with websockets.connect(
        scene.served.ws_url,
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
    ) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
        assert (await ws_messages(ws, {"connection_ack"}))[-1]["type"] == "connection_ack"
        await ws.send(
            json.dumps(
                {
                    "id": "s",
                    "type": "subscribe",
                    "payload": {"query": query, "variables": {name: gid}},
                }
            )
        )
        return await ws_messages(ws, {"complete", "error"})


async def test_task_progress_subscription_reveals_nothing_to_outsiders(scene: Scene) -> None:
    real, missing = scene.gids(["t"])["t"], scene.gids(["t"], missing=True)["t"]
    key = await scene.key_without(("tasks:read",))
    for who, payload in (
        ("second-user", {"Authorization": f"Bearer {scene.other.token}"}),
        ("anonymous", {}),
        ("key-without-permission", {"X-API-Key": key}),
    ):
        seen_real = await _subscribe(scene, payload, real)
        seen_missing = await _subscribe(scene, payload, missing)
        assert seen_real == seen_missing, who
        assert all(m["type"] != "next" or m["payload"].get("data") is None for m in seen_real), (
            f"{who} received task data: {seen_real}"
        )
    own = await _subscribe(scene, {"Authorization": f"Bearer {scene.owner.token}"}, real)
    assert own[0]["payload"]["data"]["taskProgress"]["status"] == "COMPLETED"


async def test_course_generation_subscription_reveals_nothing_to_outsiders(
    scene: Scene,
) -> None:
    query = "subscription($c: ID!) { courseGeneration(courseId: $c) { status } }"
    key = await scene.key_without(("tasks:read",))
    real, missing = scene.gids(["c"])["c"], scene.gids(["c"], missing=True)["c"]
    for who, payload in (
        ("second-user", {"Authorization": f"Bearer {scene.other.token}"}),
        ("anonymous", {}),
        ("key-without-permission", {"X-API-Key": key}),
    ):
        seen = [
            await _subscribe(scene, payload, gid, query=query, name="c") for gid in (real, missing)
        ]
        assert seen[0] == seen[1], who
        assert all(m["type"] != "next" or m["payload"].get("data") is None for m in seen[0])


async def test_a_scope_also_holds_for_nested_objects(scene: Scene, http: httpx.AsyncClient) -> None:
    """A key reads only the kinds of object its permissions name, however it gets there."""
    courses_only = Client(http, key=await scene.key_without(tuple(PERMISSIONS - {"courses:read"})))
    documents_only = Client(
        http, key=await scene.key_without(tuple(PERMISSIONS - {"documents:read"}))
    )
    search_only = Client(http, key=await scene.key_without(tuple(PERMISSIONS - {"search:read"})))
    ids = scene.gids(["c", "d"])
    course = await courses_only.gql(
        "query($c: ID!) { course(id: $c) { id documents { document { filename } } } }", c=ids["c"]
    )
    assert course["data"]["course"] == {"id": ids["c"], "documents": []}
    document = await documents_only.gql(
        "query($d: ID!) { document(id: $d) { id courses { course { title } } } }", d=ids["d"]
    )
    assert document["data"]["document"] == {"id": ids["d"], "courses": []}
    found = await search_only.gql(
        'query($d: ID!) { semanticSearch(query: "secret graph theory notes", documentIds: [$d])'
        " { __typename } }",
        d=ids["d"],
    )
    assert found["data"]["semanticSearch"] == []
    # The same searches with a session do find the owner's chunk.
    own = await Client(http, token=scene.owner.token).gql(
        'query($d: ID!) { semanticSearch(query: "secret graph theory notes", documentIds: [$d])'
        " { __typename } }",
        d=ids["d"],
    )
    assert own["data"]["semanticSearch"] == [{"__typename": "ChunkHit"}]


async def test_admins_read_other_users_data_and_the_stats(
    scene: Scene, http: httpx.AsyncClient
) -> None:
    admin = await direct_account(scene.served)
    scene.world.users.append(admin.user_id)
    stats = "{ documentProcessingStats { date totalDocuments } }"
    refused = await Client(http, token=admin.token).gql(stats)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    await make_admin(scene.served, admin.user_id)
    as_admin = Client(http, token=admin.token)
    assert (await as_admin.gql(stats))["data"]["documentProcessingStats"]
    ids = scene.gids(["c", "d", "t"])
    found = await as_admin.gql(
        "query($c: ID!, $d: ID!, $t: ID!) { course(id: $c) { title } document(id: $d) "
        "{ filename } task(id: $t) { status } }",
        **ids,
    )
    assert found["data"] == {
        "course": {"title": "Owner draft"},
        "document": {"filename": "owner-secret-notes.pdf"},
        "task": {"status": "COMPLETED"},
    }
