"""Weaviate: its own backup module (filesystem backend), for this namespace's collections.

Weaviate writes the backup under its BACKUP_FILESYSTEM_PATH (the dev stack starts it
with `.stack/weaviate-backups`, and tells us that path as WEAVIATE_BACKUP_PATH); we
copy the folder into the backup, and back into the target's folder to restore it.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from weaviate.backup.backup import BackupStorage
from weaviate.client import WeaviateAsyncClient

from datasources.settings import Settings
from datasources.vectors.weaviate_client import make_client
from datasources.vectors.weaviate_schema import collection_names
from gateway.backup.manifest import BackupError

DIR = "weaviate"
TIMEOUT_SECONDS = 120.0


def client_for(settings: Settings) -> WeaviateAsyncClient:
    weaviate = settings.weaviate
    return make_client(
        http_url=weaviate.url,
        grpc_url=weaviate.grpc_url,
        api_key=weaviate.api_key.get_secret_value() if weaviate.api_key else None,
        timeout=TIMEOUT_SECONDS,
    )


def backup_path(settings: Settings) -> Path:
    path = settings.weaviate.backup_path
    if path is None:
        raise BackupError(
            "WEAVIATE_BACKUP_PATH is not set: set it to the folder Weaviate's "
            "BACKUP_FILESYSTEM_PATH names, as this machine sees it (the dev stack sets it)"
        )
    return path


def _names(settings: Settings) -> list[str]:
    """The collections the app uses: VECTOR_NAMESPACE prefixes them only when Weaviate
    is the backend (with pgvector it names a PostgreSQL schema)."""
    weaviate = settings.vector_backend == "weaviate"
    prefix = settings.vector_namespace or "" if weaviate else ""
    return list(collection_names(prefix).values())


async def _existing(client: WeaviateAsyncClient, settings: Settings) -> list[str]:
    return [name for name in _names(settings) if await client.collections.exists(name)]


async def _counts(client: WeaviateAsyncClient, names: list[str]) -> dict[str, int]:
    out = {}
    for name in names:
        total = await client.collections.use(name).aggregate.over_all(total_count=True)
        out[name] = int(total.total_count or 0)
    return out


async def save(settings: Settings, target: Path, backup_id: str) -> dict[str, Any]:
    source = backup_path(settings) / backup_id
    async with client_for(settings) as client:
        names = await _existing(client, settings)
        if not names:
            return {"backup_id": None, "collections": [], "counts": {}}
        meta = await client.get_meta()
        await client.backup.create(
            backup_id=backup_id,
            backend=BackupStorage.FILESYSTEM,
            include_collections=names,
            wait_for_completion=True,
        )
        counted = await _counts(client, names)
    if not source.is_dir():
        raise BackupError(f"Weaviate reported the backup done, but {source} does not exist")
    shutil.copytree(source, target / DIR / backup_id)
    return {
        "backup_id": backup_id,
        "dir": f"{DIR}/{backup_id}",
        "version": meta.get("version"),
        "collections": names,
        "counts": counted,
    }


async def is_empty(settings: Settings) -> bool:
    """No collection of this namespace holds an object (empty ones are dropped on load)."""
    async with client_for(settings) as client:
        counted = await _counts(client, await _existing(client, settings))
    return not any(counted.values())


async def load(settings: Settings, source: Path, part: dict[str, Any]) -> None:
    backup_id = part["backup_id"]
    target = backup_path(settings) / backup_id
    if target.exists():
        shutil.rmtree(target)  # an older copy of this same backup: ours is verified
    shutil.copytree(source / part["dir"], target)
    async with client_for(settings) as client:
        # Weaviate restores a collection only where none of that name exists.
        existing = await _existing(client, settings)
        if existing:
            await client.collections.delete(existing)
        await client.backup.restore(
            backup_id=backup_id,
            backend=BackupStorage.FILESYSTEM,
            include_collections=part["collections"],
            wait_for_completion=True,
        )


async def counts(settings: Settings) -> dict[str, int]:
    async with client_for(settings) as client:
        return await _counts(client, await _existing(client, settings))
