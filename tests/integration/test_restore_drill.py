"""The restore drill: `curriculum backup` of the running stores, a second, empty stack
started from nothing, `curriculum restore` into it, and every store compared.

The source is the test database, test Redis database and a Weaviate namespace of its
own (plus the whole Neo4j graph and a FileStore folder of its own); the target is a
stack in a temporary state folder (`STACK_DIR`) on ports of its own.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import asyncpg
import orjson
import pytest
from neo4j import AsyncGraphDatabase
from redis.asyncio import Redis

from datasources.settings import Settings
from datasources.stores import vector_index_for
from datasources.vectors import ChunkRecord, ConceptVectorRecord, QARecord, WeaviateVectorIndex
from datasources.vectors.weaviate_schema import collection_names
from gateway.stack.envfile import read as read_env
from tests.factories import World

pytestmark = [pytest.mark.integration, pytest.mark.timeout(1500)]
ROOT = Path(__file__).resolve().parents[2]
STORE_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "REDIS_CACHE_URL",
    "NEO4J_URI",
    "NEO4J_USER",
    "NEO4J_PASSWORD",
    "WEAVIATE_URL",
    "WEAVIATE_GRPC_URL",
    "WEAVIATE_BACKUP_PATH",
    "STACK_PORT_BASE",
    "VECTOR_BACKEND",
    "VECTOR_NAMESPACE",
)


def _environ() -> dict[str, str]:
    """This process' environment without any store setting (each command gets its own)."""
    return {k: v for k, v in os.environ.items() if k not in STORE_VARIABLES}


def _stack_settings(env_file: Path) -> Settings:
    """The settings of the stack this env file describes: the store variables of a shell
    that sourced the dev stack's env file must not stand in for its values."""
    with mock.patch.dict(os.environ, _environ(), clear=True):
        return Settings.load(env_file)


def _settings_env(settings: Settings, files: Path) -> dict[str, str]:
    assert settings.weaviate.backup_path is not None
    return _environ() | {
        "CURRICULUM_ENV_FILE": str(files / "no-such.env"),
        "DATABASE_URL": settings.postgres.url,
        "REDIS_URL": settings.redis.url,
        "NEO4J_URI": settings.neo4j.uri,
        "NEO4J_USER": settings.neo4j.user,
        "NEO4J_PASSWORD": settings.neo4j.password.get_secret_value(),
        "WEAVIATE_URL": settings.weaviate.url,
        "WEAVIATE_GRPC_URL": settings.weaviate.grpc_url,
        "WEAVIATE_BACKUP_PATH": str(settings.weaviate.backup_path),
        "VECTOR_BACKEND": settings.vector_backend,
        "VECTOR_NAMESPACE": settings.vector_namespace or "",
        "FILE_STORE_ROOT": str(files),
    }


def _curriculum(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "gateway.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=900,
        check=False,
    )


@pytest.fixture(scope="module")
def empty_stack() -> Iterator[Path]:
    """A second stack, started from nothing in a temporary state folder."""
    state = ROOT / ".stack" / f"drill-{uuid.uuid4().hex[:8]}"
    env = _environ() | {
        "STACK_DIR": str(state),
        "STACK_CACHE_DIR": os.environ.get("STACK_CACHE_DIR", str(ROOT / ".cache")),
    }
    up = _curriculum(env, "stack", "up", "--with-weaviate")
    try:
        assert up.returncode == 0, up.stderr
        assert read_env(state / "stack.env")["WEAVIATE_BACKUP_PATH"]
        yield state
    finally:
        _curriculum(env, "stack", "down")
        shutil.rmtree(state, ignore_errors=True)


@pytest.fixture
async def source(
    world: World, test_settings: Settings, tmp_path: Path
) -> AsyncIterator[tuple[Settings, Path]]:
    """The test stores with a Weaviate namespace and a FileStore folder of their own."""
    namespace = f"Drill{uuid.uuid4().hex[:8]}"
    settings = test_settings.model_copy(
        update={"vector_backend": "weaviate", "vector_namespace": namespace}
    )
    index = await vector_index_for(settings, timeout_seconds=30.0)
    await index.bootstrap()
    assert isinstance(index, WeaviateVectorIndex)
    try:
        yield settings, tmp_path / "files"
    finally:
        await index._client.collections.delete(list(index.names.values()))
        await index.close()


async def _fill(world: World, settings: Settings, files: Path) -> dict[str, Any]:
    """Something of every kind in every store."""
    stores = world.stores
    owner = await world.user()
    document = await world.document(owner, filename="drill.pdf")
    course = await world.course(owner, title="Drill course", documents=[document])
    first = await world.concept("Drill first", description="comes first")
    second = await world.concept("Drill second")
    await world.prerequisite(first, second)
    await world.source(first, document)
    await world.place(course, [first, second])
    await world.chunks(document, ["pgvector chunk one", "pgvector chunk two"])  # pgvector
    index = await vector_index_for(settings, timeout_seconds=30.0)
    try:
        vectors = await stores.embedder.embed(["weaviate chunk", "concept", "question"])
        await index.upsert_chunks(
            [
                ChunkRecord.create(
                    document_id=document, chunk_index=0, content="weaviate chunk", vector=vectors[0]
                )
            ]
        )
        await index.upsert_concepts(
            [
                ConceptVectorRecord.create(
                    concept_id=first,
                    title="Drill first",
                    description="comes first",
                    category="test",
                    tags=("t",),
                    vector=vectors[1],
                )
            ]
        )
        await index.upsert_qa(
            [
                QARecord(
                    id=uuid.uuid4(), question="q?", answer="a", course_id=course, vector=vectors[2]
                )
            ]
        )
    finally:
        await index.close()
    redis = Redis.from_url(settings.redis.url)
    try:
        await redis.hset("session:drill", mapping={"user_id": str(owner.user_id), "data": "{}"})
        await redis.expire("session:drill", 86_400)
        await redis.set("plain:drill", b"\x00binary\xff")
        await redis.zadd("arq:queue", {"drill-job": 1.0})
    finally:
        await redis.aclose()
    data = b"a stored upload \x00\x01"
    key = _store_file(files, data)
    return {"document": document, "course": course, "key": key, "data": data}


def _store_file(root: Path, data: bytes) -> str:
    """A file as the FileStore keeps it: <root>/ab/cd/<sha256>."""
    key = hashlib.sha256(data).hexdigest()
    (root / key[:2] / key[2:4]).mkdir(parents=True)
    (root / key[:2] / key[2:4] / key).write_bytes(data)
    return key


async def _rows(url: str, query: str) -> list[dict[str, Any]]:
    conn = await asyncpg.connect("postgresql://" + url.split("://", 1)[1])
    try:
        return [dict(r) for r in await conn.fetch(query)]
    finally:
        await conn.close()


async def _graph(settings: Settings) -> tuple[list[str], list[str]]:
    driver = AsyncGraphDatabase.driver(
        settings.neo4j.uri,
        auth=(settings.neo4j.user, settings.neo4j.password.get_secret_value()),
        notifications_min_severity="OFF",
    )
    async with driver:
        nodes, _, _ = await driver.execute_query(
            "MATCH (n) WHERE NOT n:GraphLock RETURN labels(n) AS l, properties(n) AS p"
        )
        rels, _, _ = await driver.execute_query(
            "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p"
        )
    return sorted(repr((sorted(r["l"]), sorted(r["p"].items()))) for r in nodes), sorted(
        repr((r["a"], r["t"], r["b"], sorted(r["p"].items()))) for r in rels
    )


async def _weaviate(settings: Settings) -> dict[str, list[Any]]:
    index = await vector_index_for(settings, timeout_seconds=30.0)
    assert isinstance(index, WeaviateVectorIndex)
    out = {}
    try:
        await index.ping()  # connects the client
        for kind in ("chunk", "concept", "qa"):
            found = await index._collection(kind).query.fetch_objects(
                limit=100, include_vector=True
            )
            out[kind] = sorted(
                (str(o.uuid), sorted(o.properties.items()), sorted(o.vector.items()))
                for o in found.objects
            )
    finally:
        await index.close()
    return out


async def _key_names(url: str) -> set[bytes]:
    client = Redis.from_url(url)
    try:
        return set(await client.keys("*"))
    finally:
        await client.aclose()


async def _lasting(url: str, keys: set[bytes], seconds: int = 60) -> set[bytes]:
    """Those of `keys` with no expiry or more than `seconds` of it left: present before and
    after a backup, they were present during it (a 3 s lease renewed by another process,
    lease:server_time, may have lapsed in between)."""
    client = Redis.from_url(url)
    try:
        return {k for k in keys if (ttl := await client.ttl(k)) == -1 or ttl > seconds}
    finally:
        await client.aclose()


async def _redis(url: str) -> dict[str, Any]:
    client = Redis.from_url(url)
    try:
        return {
            "session": await client.hgetall("session:drill"),
            "session_ttl": await client.ttl("session:drill"),
            "plain": await client.get("plain:drill"),
            "plain_ttl": await client.ttl("plain:drill"),
            "queue": await client.zrange("arq:queue", 0, -1, withscores=True),
        }
    finally:
        await client.aclose()


PG_CONTENT = (
    "SELECT id, email, username, password_hash, role FROM users ORDER BY id",
    "SELECT id, user_id, filename, file_path, status, metadata FROM documents ORDER BY id",
    "SELECT id, title, outline::text AS outline FROM courses ORDER BY id",
    "SELECT course_id, document_id, relevance_score FROM course_documents ORDER BY 1, 2",
    "SELECT id, document_id, content, embedding::text AS e FROM vectors_test.document_chunks "
    "ORDER BY id",
    "SELECT version_num FROM alembic_version",
)


async def test_backup_then_restore_into_an_empty_stack_gives_the_same_data(
    world: World,
    source: tuple[Settings, Path],
    empty_stack: Path,
    tmp_path: Path,
) -> None:
    settings, files = source
    planted = await _fill(world, settings, files)
    env = _settings_env(settings, files)

    keys_before = await _key_names(settings.redis.url)
    made = _curriculum(env, "backup", str(tmp_path / "backups"))
    keys_after = await _key_names(settings.redis.url)
    assert made.returncode == 0, made.stderr
    folder = Path(made.stdout.strip())
    assert folder.parent == tmp_path / "backups" and folder.name.startswith("curriculum-backup-")
    manifest = orjson.loads((folder / "manifest.json").read_bytes())
    assert set(manifest["stores"]) == {"postgres", "neo4j", "redis", "weaviate", "files"}
    assert manifest["stores"]["postgres"]["counts"]["public.documents"] >= 1
    # The manifest counts what the database held: the three planted keys, plus any key a
    # process of an earlier test (a worker's health check, a server's time lease) wrote there
    # meanwhile: at least the keys that lasted throughout, at most all it may have seen.
    counted = manifest["stores"]["redis"]["counts"]["keys"]
    assert {b"session:drill", b"plain:drill", b"arq:queue"} <= keys_before & keys_after
    lasting = await _lasting(settings.redis.url, keys_before & keys_after)
    assert len(lasting) <= counted <= len(keys_before | keys_after), (
        counted,
        lasting,
        keys_before,
        keys_after,
    )
    assert manifest["stores"]["files"]["count"] == 1
    assert manifest["stores"]["weaviate"]["counts"] == {
        name: 1 for name in collection_names(settings.vector_namespace or "").values()
    }
    assert "postgres.dump" in manifest["checksums"]

    state = empty_stack
    target = _stack_settings(state / "stack.env").model_copy(
        update={"vector_backend": "weaviate", "vector_namespace": settings.vector_namespace}
    )
    target_files = state / "files"
    into = _settings_env(target, target_files)

    # A damaged backup is refused before anything is written.
    damaged = tmp_path / "damaged"
    shutil.copytree(folder, damaged)
    with (damaged / "redis.jsonl").open("ab") as handle:
        handle.write(b"\n")
    refused = _curriculum(into, "restore", str(damaged))
    assert refused.returncode == 1
    assert "redis.jsonl: checksum differs" in refused.stderr
    assert await _rows(
        target.postgres.url, "SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'"
    ) == [{"n": 0}]

    restored = _curriculum(into, "restore", str(folder))
    assert restored.returncode == 0, restored.stderr + restored.stdout
    report = orjson.loads(restored.stdout)
    assert report["differences"] == []

    for query in PG_CONTENT:
        assert await _rows(target.postgres.url, query) == await _rows(settings.postgres.url, query)
    assert await _graph(target) == await _graph(settings)
    assert await _weaviate(target) == await _weaviate(settings)
    before, after = await _redis(settings.redis.url), await _redis(target.redis.url)
    assert {k: v for k, v in after.items() if k != "session_ttl"} == {
        k: v for k, v in before.items() if k != "session_ttl"
    }
    assert 0 < after["session_ttl"] <= before["session_ttl"] and after["plain_ttl"] == -1
    key = planted["key"]
    assert (target_files / key[:2] / key[2:4] / key).read_bytes() == planted["data"]

    # Now the target holds data: a second restore is refused unless forced.
    again = _curriculum(into, "restore", str(folder))
    assert again.returncode == 1 and "the target is not empty" in again.stderr
    forced = _curriculum(into, "restore", "--force", str(folder))
    assert forced.returncode == 0, forced.stderr
    assert orjson.loads(forced.stdout)["differences"] == []


def test_a_folder_without_a_manifest_is_refused(tmp_path: Path) -> None:
    result = _curriculum(_environ(), "restore", str(tmp_path))
    assert result.returncode == 1
    assert "holds no manifest.json: not a backup folder" in result.stderr


def test_backup_into_an_unwritable_place_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = _environ() | {"CURRICULUM_ENV_FILE": str(ROOT / ".stack" / "stack.env")}
    result = _curriculum(env, "backup", str(blocker / "backups"))
    assert result.returncode != 0
    assert "a-file" in result.stderr
