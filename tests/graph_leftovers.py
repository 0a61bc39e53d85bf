"""The graph a test database's rows stand for, removed before the database is dropped.

PostgreSQL gives every run (`curriculum_test`) and every security or edge test
(`sec_test_<pid>_<hex>`) a database of its own, dropped afterwards, but Neo4j is one graph
for the dev data and all of them. The documents and courses the e2e tests made through a
server stayed there once their rows were gone: `curriculum reconcile` counted them as
drift (`node_without_document`, `course_node_without_row`, `concept_without_vector`),
and a killed run left more, which a later run's graph tests tripped on (prerequisite
edges carrying other documents' ids). The nodes go the way the app removes them: a
document by `DocumentGraphWriter.remove` (its node, its edges, the concepts it alone
supports), a course by `GraphWriter.delete_course`.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit, urlunsplit
from uuid import UUID

import asyncpg
from neo4j import AsyncGraphDatabase

from datasources.neo4j.documents import DocumentGraphWriter
from datasources.neo4j.writes import GraphWriter
from datasources.settings import Settings

ISOLATED_PREFIX = "sec_test_"
# sec_test_<pid of the test process that made it>_<hex>; older runs wrote no pid
_ISOLATED_NAME = re.compile(rf"^{ISOLATED_PREFIX}(?:(?P<pid>\d+)_)?[0-9a-f]+$")
TIMEOUT_SECONDS = 60.0


def isolated_name(token: str) -> str:
    """A new isolated database's name, carrying this process's pid (`leftover`)."""
    return f"{ISOLATED_PREFIX}{os.getpid()}_{token}"


def leftover(name: str) -> bool:
    """An isolated database whose test process is gone (killed before it dropped it): no
    running test reads it. One without a pid predates the pid in the name."""
    found = _ISOLATED_NAME.match(name)
    if found is None:
        return False
    if found["pid"] is None:
        return True
    try:
        os.kill(int(found["pid"]), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # a live process of another user
        return False
    return False


async def forget_graph(settings: Settings) -> dict[str, int]:
    """Remove from Neo4j the documents and courses `settings`' database holds rows for (a
    database that does not exist holds none)."""
    try:
        rows = await asyncpg.connect(settings.postgres.asyncpg_dsn)
    except asyncpg.InvalidCatalogNameError:
        return {"documents": 0, "courses": 0}
    try:
        documents = [r["id"] for r in await rows.fetch("SELECT id FROM documents")]
        courses = [r["id"] for r in await rows.fetch("SELECT id FROM courses")]
    finally:
        await rows.close()
    if documents or courses:
        await _remove(settings, documents, courses)
    return {"documents": len(documents), "courses": len(courses)}


async def _remove(settings: Settings, documents: list[UUID], courses: list[UUID]) -> None:
    graph = settings.neo4j
    driver = AsyncGraphDatabase.driver(
        graph.uri, auth=(graph.user, graph.password.get_secret_value())
    )
    try:
        nodes = DocumentGraphWriter(driver, database=graph.database, timeout=TIMEOUT_SECONDS)
        for document in documents:
            await nodes.remove(document)
        writer = GraphWriter(driver, database=graph.database, timeout=TIMEOUT_SECONDS)
        for course in courses:
            await writer.delete_course(course)
    finally:
        await driver.close()


def with_database(settings: Settings, name: str) -> Settings:
    """`settings` with PostgreSQL's database `name` on the same server."""
    url = urlunsplit(urlsplit(settings.postgres.url)._replace(path=f"/{name}"))
    return settings.model_copy(
        update={"postgres": settings.postgres.model_copy(update={"url": url})}
    )


async def drop_leftover_databases(stack: Settings) -> list[str]:
    """The isolated databases killed runs left (`leftover`), each after its graph."""
    admin = await asyncpg.connect(stack.postgres.asyncpg_dsn)
    try:
        found = await admin.fetch(
            "SELECT datname FROM pg_database WHERE datname LIKE $1", ISOLATED_PREFIX + "%"
        )
        dropped = []
        for name in (r["datname"] for r in found):
            if not leftover(name):  # another run's, still going
                continue
            await forget_graph(with_database(stack, name))
            # the name matched _ISOLATED_NAME: letters, digits and underscores only
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            dropped.append(name)
        return dropped
    finally:
        await admin.close()
