"""Neo4j: every node and relationship with its labels/type and properties, as JSONL.

Community edition has no online `neo4j-admin backup`, and `neo4j-admin dump` needs the
database stopped; this export runs while the system does. It reads everything in one
transaction that first takes the graph lock (the GraphLock node the document jobs and
prerequisite edits serialise on), so no such write lands half-way through the export.
Temporal values are written as {"$neo4j": type, "iso": ...} and read back exactly.

Restore creates the nodes with a temporary label and key (indexed), then the
relationships between them by key, in batches, then drops the temporary key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, LiteralString, cast

import orjson
from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction
from neo4j.time import Date, DateTime, Time

from datasources.neo4j.bootstrap import bootstrap_graph
from datasources.neo4j.document_queries import LOCK
from datasources.settings import Neo4jSettings
from gateway.backup.manifest import BackupError

NODES = "neo4j/nodes.jsonl"
RELATIONSHIPS = "neo4j/relationships.jsonl"
BATCH = 1000
TEMPORAL = {"DateTime": DateTime, "Date": Date, "Time": Time}
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

READ_NODES: LiteralString = (
    "MATCH (n) RETURN elementId(n) AS key, labels(n) AS labels, properties(n) AS props"
)
READ_RELATIONSHIPS: LiteralString = (
    "MATCH (a)-[r]->(b) RETURN elementId(a) AS start, elementId(b) AS end, type(r) AS type, "
    "properties(r) AS props"
)
RESTORE_INDEX: LiteralString = (
    "CREATE INDEX restoring_key IF NOT EXISTS FOR (n:_Restoring) ON (n._restore_key)"
)


def create_nodes(labels: list[str]) -> LiteralString:
    """Labels cannot be parameters (Neo4j 5.26's dynamic `$(...)` type in CREATE keeps the
    first row's value for the whole plan), so they are written into the statement: only
    names that matched NAME, backquoted; every value is still a parameter."""
    written = "".join(f":`{label}`" for label in labels)
    return cast(
        LiteralString,
        f"UNWIND $rows AS row CREATE (n:_Restoring{written}) "
        "SET n = row.props, n._restore_key = row.key",
    )


def create_relationships(kind: str) -> LiteralString:
    return cast(
        LiteralString,
        "UNWIND $rows AS row MATCH (a:_Restoring {_restore_key: row.start}) "
        f"MATCH (b:_Restoring {{_restore_key: row.end}}) CREATE (a)-[r:`{kind}`]->(b) "
        "SET r = row.props",
    )


FORGET_KEYS: LiteralString = (
    "MATCH (n:_Restoring) CALL (n) { REMOVE n:_Restoring REMOVE n._restore_key } "
    "IN TRANSACTIONS OF 10000 ROWS"
)
DELETE_ALL: LiteralString = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


def _encode(value: Any) -> Any:
    if isinstance(value, list):
        return [_encode(v) for v in value]
    for name, kind in TEMPORAL.items():
        if isinstance(value, kind):
            return {"$neo4j": name, "iso": value.iso_format()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise BackupError(f"cannot export a Neo4j {type(value).__name__} property value")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict) and value.get("$neo4j") in TEMPORAL:
        return TEMPORAL[value["$neo4j"]].from_iso_format(value["iso"])
    return value


def _props(raw: dict[str, Any]) -> dict[str, Any]:
    return {key: _encode(value) for key, value in raw.items()}


def driver_for(settings: Neo4jSettings) -> AsyncDriver:
    return AsyncGraphDatabase.driver(
        settings.uri,
        auth=(settings.user, settings.password.get_secret_value()),
        notifications_min_severity="OFF",
    )


async def version(driver: AsyncDriver, database: str) -> str:
    records, _, _ = await driver.execute_query(
        "CALL dbms.components() YIELD versions, edition RETURN versions[0] + ' ' + edition AS v",
        database_=database,
    )
    return str(records[0]["v"])


async def _export(tx: AsyncManagedTransaction, target: Path) -> dict[str, Any]:
    await tx.run(LOCK)
    labels: dict[str, int] = {}
    types: dict[str, int] = {}
    with (target / NODES).open("wb") as out:
        result = await tx.run(READ_NODES)
        async for record in result:
            row = {
                "key": record["key"],
                "labels": sorted(record["labels"]),
                "props": _props(record["props"]),
            }
            for label in row["labels"]:
                labels[label] = labels.get(label, 0) + 1
            out.write(orjson.dumps(row) + b"\n")
    with (target / RELATIONSHIPS).open("wb") as out:
        result = await tx.run(READ_RELATIONSHIPS)
        async for record in result:
            types[record["type"]] = types.get(record["type"], 0) + 1
            row = {
                "start": record["start"],
                "end": record["end"],
                "type": record["type"],
                "props": _props(record["props"]),
            }
            out.write(orjson.dumps(row) + b"\n")
    return {"nodes": labels, "relationships": types}


async def save(settings: Neo4jSettings, target: Path) -> dict[str, Any]:
    (target / NODES).parent.mkdir(parents=True, exist_ok=True)
    async with driver_for(settings) as driver:
        async with driver.session(database=settings.database) as session:
            counted = await session.execute_write(_export, target)
        return {
            "files": [NODES, RELATIONSHIPS],
            "version": await version(driver, settings.database),
            "counts": counted,
        }


async def counts(settings: Neo4jSettings) -> dict[str, Any]:
    async with driver_for(settings) as driver:
        nodes, _, _ = await driver.execute_query(
            "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n",
            database_=settings.database,
        )
        rels, _, _ = await driver.execute_query(
            "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n", database_=settings.database
        )
    return {
        "nodes": {r["label"]: r["n"] for r in nodes},
        "relationships": {r["type"]: r["n"] for r in rels},
    }


async def is_empty(settings: Neo4jSettings) -> bool:
    async with driver_for(settings) as driver:
        records, _, _ = await driver.execute_query(
            "MATCH (n) RETURN count(n) > 0 AS any", database_=settings.database
        )
    return not records[0]["any"]


def _batches(path: Path, kind: str) -> Iterator[tuple[list[str], list[dict[str, Any]]]]:
    """(labels or [type], rows) in batches of one label set or type each."""
    pending: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    with path.open("rb") as rows:
        for line in rows:
            row = orjson.loads(line)
            names = tuple(row["labels"]) if kind == "labels" else (row["type"],)
            if not all(isinstance(n, str) and NAME.fullmatch(n) for n in names):
                raise BackupError(f"{path}: a label or type is not a plain name: {names}")
            row["props"] = {k: _decode(v) for k, v in row["props"].items()}
            batch = pending.setdefault(names, [])
            batch.append(row)
            if len(batch) >= BATCH:
                yield list(names), pending.pop(names)
    for names, batch in pending.items():
        yield list(names), batch


async def load(settings: Neo4jSettings, source: Path, *, force: bool) -> None:
    database = settings.database
    async with driver_for(settings) as driver:
        if force:
            async with driver.session(database=database) as session:
                await (await session.run(DELETE_ALL)).consume()
        await bootstrap_graph(driver, database=database)
        await driver.execute_query(RESTORE_INDEX, database_=database)
        await driver.execute_query("CALL db.awaitIndexes(60)", database_=database)
        for labels, batch in _batches(source / NODES, "labels"):
            await driver.execute_query(create_nodes(labels), rows=batch, database_=database)
        for (kind,), batch in _batches(source / RELATIONSHIPS, "type"):
            await driver.execute_query(create_relationships(kind), rows=batch, database_=database)
        async with driver.session(database=database) as session:
            await (await session.run(FORGET_KEYS)).consume()
        await driver.execute_query("DROP INDEX restoring_key IF EXISTS", database_=database)
