"""The same data as each benchmarked GraphQL operation, fetched with the raw drivers only.

asyncpg, the neo4j async driver and pgvector SQL over asyncpg; no SQLAlchemy, no
strawberry, no dataloaders, no Redis. Batching is the gateway's: one statement per
store per nesting level, and statements of one level that the gateway runs
concurrently run concurrently here too. The Cypher is the gateway's own
(imported from datasources/neo4j/graph.py) so the comparison isolates the gateway's Python cost;
SQL uses `= ANY($1)` where SQLAlchemy renders `IN (...)`. The viewer is an admin, so
no visibility filter applies, as for the gateway's admin caller.

Rows are turned into Python values (asyncpg Records, neo4j Records) and reduced to the
same summaries as bench/queries.py, which the runner compares before timing.
"""

# ruff: noqa: S608 - column lists come from the record dataclasses, values are parameters

from __future__ import annotations

import asyncio
import json
from collections import Counter
from typing import Any
from uuid import UUID

import asyncpg
from neo4j import AsyncDriver, AsyncGraphDatabase, RoutingControl

from datasources.embeddings.hashing import hash_embed
from datasources.neo4j.graph import (
    ANCESTRY,
    CONCEPTS_BY_IDS,
    COURSE_CONCEPTS,
    SOURCES,
    prerequisites_query,
)
from datasources.neo4j.ordering import topological_order
from datasources.postgres.records import CourseRecord, DocumentRecord, UserRecord, field_names
from datasources.settings import Settings
from datasources.vectors import init_connection
from datasources.vectors.pgvector_sql import quote_schema, search

COURSE_COLS = ", ".join(field_names(CourseRecord))
DOCUMENT_COLS = ", ".join(field_names(DocumentRecord))
USER_COLS = ", ".join(field_names(UserRecord))

PREREQUISITES = prerequisites_query(1, reverse=False)


class Raw:
    def __init__(
        self, pool: asyncpg.Pool, driver: AsyncDriver, *, database: str, vector_schema: str
    ) -> None:
        self.pool = pool
        self.driver = driver
        self.database = database
        self.search_sql = search(
            quote_schema(vector_schema), ["chunk", "concept", "qa"], by_document=False
        )

    @classmethod
    async def connect(cls, settings: Settings, *, size: int) -> Raw:
        """Its own asyncpg pool of `size` and neo4j driver, on the gateway's stores."""
        n = settings.neo4j
        driver = AsyncGraphDatabase.driver(n.uri, auth=(n.user, n.password.get_secret_value()))
        pool = await asyncpg.create_pool(
            settings.postgres.asyncpg_dsn, min_size=size, max_size=size, init=init_connection
        )
        return cls(
            pool,
            driver,
            database=n.database,
            vector_schema=settings.vector_namespace or "vectors",
        )

    async def close(self) -> None:
        await self.pool.close()
        await self.driver.close()

    async def _cypher(self, query: str, **params: Any) -> list[Any]:
        records, _, _ = await self.driver.execute_query(
            query, params, database_=self.database, routing_=RoutingControl.READ
        )
        return records

    async def _concept_edges(self, concept_ids: list[str]) -> tuple[list[Any], list[Any]]:
        prerequisites, sources = await asyncio.gather(
            self._cypher(PREREQUISITES, ids=concept_ids, mandatory_only=False),
            self._cypher(SOURCES, ids=concept_ids),
        )
        # One record: the edges ([id, other id, depth, mandatory, weight]) and the maps.
        return prerequisites[0]["edges"], sources

    async def ping(self) -> dict[str, Any]:
        """(z) the cheapest round trip: one `SELECT 1` on PostgreSQL."""
        return {"one": await self.pool.fetchval("SELECT 1")}

    async def course(self, course_id: str) -> dict[str, Any]:
        """(a) course → concepts → prerequisites / sources → documents."""
        course = await self.pool.fetchrow(
            f"SELECT {COURSE_COLS} FROM courses WHERE id = $1", UUID(course_id)
        )
        placed = await self._cypher(COURSE_CONCEPTS, ids=[str(course["id"])])
        concept_ids = list(dict.fromkeys(row["c"]["id"] for row in placed))
        prerequisites, sources = await self._concept_edges(concept_ids)
        doc_ids = list(dict.fromkeys(UUID(s["document_id"]) for s in sources))
        docs = await self.pool.fetch(
            f"SELECT {DOCUMENT_COLS} FROM documents WHERE id = ANY($1::uuid[])", doc_ids
        )
        return {"course": course, "placed": placed, "prerequisites": prerequisites,
                "sources": sources, "documents": docs}  # fmt: skip

    async def courses(self) -> dict[str, Any]:
        """(b) 50 courses → author, concepts → prerequisites / sources → document → owner."""
        courses = await self.pool.fetch(
            f"SELECT {COURSE_COLS} FROM courses ORDER BY created_at DESC, id DESC LIMIT 51"
        )
        courses = courses[:50]
        authors, placed = await asyncio.gather(
            self.pool.fetch(
                f"SELECT {USER_COLS} FROM users WHERE id = ANY($1::uuid[])",
                list({c["user_id"] for c in courses}),
            ),
            self._cypher(COURSE_CONCEPTS, ids=[str(c["id"]) for c in courses]),
        )
        concept_ids = list(dict.fromkeys(row["c"]["id"] for row in placed))
        prerequisites, sources = await self._concept_edges(concept_ids)
        doc_ids = list(dict.fromkeys(UUID(s["document_id"]) for s in sources))
        docs = await self.pool.fetch(
            f"SELECT {DOCUMENT_COLS} FROM documents WHERE id = ANY($1::uuid[])", doc_ids
        )
        owners = await self.pool.fetch(
            f"SELECT {USER_COLS} FROM users WHERE id = ANY($1::uuid[])",
            list({d["user_id"] for d in docs}),
        )
        return {"courses": courses, "authors": authors, "placed": placed,
                "prerequisites": prerequisites, "sources": sources, "documents": docs,
                "owners": owners}  # fmt: skip

    async def search(self, query: str) -> dict[str, Any]:
        """(c) embed, one pgvector statement over all kinds, then each hit's parent."""
        hits = await self.pool.fetch(self.search_sql, hash_embed(query), 10)
        rows = [(h["kind"], json.loads(h["row"])) for h in hits]
        doc_ids = [UUID(r["document_id"]) for k, r in rows if k == "chunk"]
        course_ids = [UUID(r["course_id"]) for k, r in rows if k == "qa" and r["course_id"]]
        concept_ids = [r["id"] for k, r in rows if k == "concept"]
        docs, courses, concepts = await asyncio.gather(
            self.pool.fetch(
                f"SELECT {DOCUMENT_COLS} FROM documents WHERE id = ANY($1::uuid[])", doc_ids
            ),
            self.pool.fetch(
                f"SELECT {COURSE_COLS} FROM courses WHERE id = ANY($1::uuid[])", course_ids
            ),
            self._cypher(CONCEPTS_BY_IDS, ids=concept_ids),
        )
        return {"hits": rows, "documents": docs, "courses": courses, "concepts": concepts}

    async def path(self, concept_id: str) -> dict[str, Any]:
        """(d) the ancestry in one statement, put in order as the gateway orders it.

        The ordering (pure Python, datasources/neo4j/ordering.py) is included: without
        it the rows are not yet the answer.
        """
        rows = await self._cypher(ANCESTRY, id=concept_id)
        titles = {row["a"]["id"]: row["a"]["title"] for row in rows}
        edges = [
            (row["a"]["id"], b, bool(m)) for row in rows for b, m in row["outs"] if b is not None
        ]
        ordering = topological_order(
            list(titles), edges, sort_key=lambda n: (titles[n].casefold(), str(n))
        )
        steps = [n for n in ordering.order if n != concept_id]
        return {"target": titles.get(concept_id), "steps": steps}


# Reductions of the fetched rows to the summaries of bench/queries.py (for the check
# that both sides fetched the same data; not part of the timed work).


def summary_ping(f: dict[str, Any]) -> tuple[Any, ...]:
    return (f["one"] == 1,)


def summary_course(f: dict[str, Any]) -> tuple[Any, ...]:
    filename = {d["id"]: d["filename"] for d in f["documents"]}
    prerequisites = Counter(edge[0] for edge in f["prerequisites"])
    sources: dict[str, list[str]] = {}
    for s in f["sources"]:
        sources.setdefault(s["id"], []).append(filename[UUID(s["document_id"])])
    ids = [row["c"]["id"] for row in f["placed"]]
    return (
        str(f["course"]["id"]),
        len(ids),
        sum(prerequisites[c] for c in ids),
        tuple(sorted(Counter(name for c in ids for name in sources.get(c, [])).items())),
    )


def summary_courses(f: dict[str, Any]) -> tuple[Any, ...]:
    username = {u["id"]: u["username"] for u in [*f["authors"], *f["owners"]]}
    owner_of = {str(d["id"]): username[d["user_id"]] for d in f["documents"]}
    prerequisites = Counter(edge[0] for edge in f["prerequisites"])
    sources: dict[str, list[str]] = {}
    for s in f["sources"]:
        sources.setdefault(s["id"], []).append(owner_of[s["document_id"]])
    ids = [row["c"]["id"] for row in f["placed"]]
    return (
        tuple(str(c["id"]) for c in f["courses"]),
        tuple(sorted(Counter(username[c["user_id"]] for c in f["courses"]).items())),
        len(ids),
        sum(prerequisites[c] for c in ids),
        sum(len(sources.get(c, [])) for c in ids),
        tuple(sorted(Counter(o for c in ids for o in sources.get(c, [])).items())),
    )


def summary_search(f: dict[str, Any]) -> tuple[Any, ...]:
    found = (
        {("chunk", str(d["id"])) for d in f["documents"]}
        | {("qa", str(c["id"])) for c in f["courses"]}
        | {("concept", c["c"]["id"]) for c in f["concepts"]}
    )
    parent = {"chunk": "document_id", "qa": "course_id", "concept": "id"}
    return tuple(sorted((k, r["id"]) for k, r in f["hits"] if (k, str(r[parent[k]])) in found))


def summary_path(f: dict[str, Any]) -> tuple[Any, ...]:
    return f["target"], tuple(f["steps"])
