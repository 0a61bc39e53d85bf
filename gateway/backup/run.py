"""A whole backup and a whole restore, store by store, with the manifest around them."""

from __future__ import annotations

import logging
import shutil
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

from datasources.settings import Settings
from gateway.backup import files, graph, postgres, redis, weaviate
from gateway.backup.manifest import FORMAT, BackupError, Manifest, checksums

log = logging.getLogger("gateway.backup")
FILES = "files"


def _app_version() -> str:
    try:
        return package_version("curriculum-gateway")
    except PackageNotFoundError:
        return "unknown"


def with_weaviate(settings: Settings) -> bool:
    """Weaviate is backed up when it is the vector backend or the stack runs one."""
    return settings.vector_backend == "weaviate" or settings.weaviate.backup_path is not None


async def backup(settings: Settings, parent: Path, *, now: datetime | None = None) -> Path:
    """Write `parent/curriculum-backup-<UTC time>/`; returns it. The folder is built under
    a `.partial` name and renamed when complete, so a failed run never looks like a backup."""
    now = now or datetime.now(UTC)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    folder, partial = _folders(parent, f"curriculum-backup-{stamp}")
    try:
        stores: dict[str, Any] = {}
        log.info("backup: postgres")
        stores["postgres"] = await postgres.save(settings.postgres.url, partial)
        log.info("backup: neo4j")
        stores["neo4j"] = await graph.save(settings.neo4j, partial)
        log.info("backup: redis")
        stores["redis"] = await redis.save(settings.redis.url, partial)
        if with_weaviate(settings):
            log.info("backup: weaviate")
            stores["weaviate"] = await weaviate.save(
                settings, partial, f"curriculum-{stamp.lower()}"
            )
        log.info("backup: files")
        stores["files"] = files.save(settings.files.root, partial / FILES)
        Manifest(
            {
                "format": FORMAT,
                "created_at": now.isoformat(),
                "app_version": _app_version(),
                "vector_backend": settings.vector_backend,
                "vector_namespace": settings.vector_namespace,
                "stores": stores,
                "checksums": checksums(partial),
            }
        ).write(partial)
        partial.rename(folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return folder


def _folders(parent: Path, name: str) -> tuple[Path, Path]:
    folder = parent / name
    partial = parent / f".{name}.partial"
    if folder.exists():
        raise BackupError(f"{folder} already exists; wait a second or choose another DIR")
    parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    return folder, partial


async def _non_empty(settings: Settings, manifest: Manifest) -> list[str]:
    full = []
    if not await postgres.is_empty(settings.postgres.url):
        full.append("PostgreSQL (the database has tables)")
    if not await graph.is_empty(settings.neo4j):
        full.append("Neo4j (it has nodes)")
    if not await redis.is_empty(settings.redis.url):
        full.append("Redis (the database has keys)")
    if "weaviate" in manifest.stores and not await weaviate.is_empty(settings):
        full.append("Weaviate (this namespace's collections hold objects)")
    if not files.is_empty(settings.files.root):
        full.append(f"the FileStore ({settings.files.root} holds files)")
    return full


async def current_counts(settings: Settings, manifest: Manifest) -> dict[str, Any]:
    """The same counts the manifest holds, read from the configured stores."""
    out: dict[str, Any] = {
        "postgres": await postgres.counts(settings.postgres.url),
        "neo4j": await graph.counts(settings.neo4j),
        "redis": {"keys": await redis.count(settings.redis.url)},
        "files": files.count(settings.files.root),
    }
    if manifest.stores.get("weaviate", {}).get("backup_id"):
        out["weaviate"] = await weaviate.counts(settings)
    return out


def differences(manifest: Manifest, now: dict[str, Any], *, redis_expired: int = 0) -> list[str]:
    """Counts that differ from the manifest's; Redis keys that expired between the
    backup and the restore are not expected back."""
    stores = manifest.stores
    redis_keys = stores["redis"]["counts"]["keys"] - redis_expired
    expected: dict[str, Any] = {
        "postgres": stores["postgres"]["counts"],
        "neo4j": stores["neo4j"]["counts"],
        "redis": {"keys": redis_keys},
        "files": stores["files"]["count"],
    }
    if "weaviate" in now:
        expected["weaviate"] = stores["weaviate"]["counts"]
    return [
        f"{store}: backup {expected[store]} != restored {now[store]}"
        for store in expected
        if expected[store] != now[store]
    ]


async def restore(settings: Settings, folder: Path, *, force: bool = False) -> dict[str, Any]:
    """Verify the backup, check the target is empty (unless `force`), restore every store,
    then compare counts with the manifest (Redis keys that expired since are not back)."""
    manifest = Manifest.read(folder)
    manifest.verify(folder)
    files.verify(folder / FILES, manifest.stores["files"]["count"])
    part = manifest.stores.get("weaviate")
    if part and part.get("backup_id"):
        weaviate.backup_path(settings)  # fail now, not after PostgreSQL is restored
    else:
        part = None
    if not force:
        full = await _non_empty(settings, manifest)
        if full:
            raise BackupError(
                "the target is not empty: " + "; ".join(full) + ". Restore into an empty "
                "stack, or pass --force to replace what is there"
            )
    log.info("restore: postgres")
    await postgres.load(settings.postgres.url, folder, force=force)
    log.info("restore: neo4j")
    await graph.load(settings.neo4j, folder, force=force)
    log.info("restore: redis")
    keys, expired = await redis.load(settings.redis.url, folder, force=force)
    if part is not None:
        log.info("restore: weaviate")
        await weaviate.load(settings, folder, part)
    log.info("restore: files")
    copied = files.load(folder / FILES, settings.files.root)
    now = await current_counts(settings, manifest)
    return {
        "restored_from": str(folder),
        "created_at": manifest.data["created_at"],
        "redis_keys": keys,
        "redis_keys_expired": expired,
        "files_copied": copied,
        "counts": now,
        "differences": differences(manifest, now, redis_expired=expired),
    }
