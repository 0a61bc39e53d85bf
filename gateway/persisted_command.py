"""`curriculum persisted-queries register FILE...|export`: the allow-list's manifest.

`register` adds the operations of .graphql files; `export` adds every query clients
registered through APQ (in Redis), e.g. after a staging run of the SPA. Each document
is checked against the schema first (a document that does not validate is refused with
its errors, never written), then stored by its SHA-256 in the manifest that
`PERSISTED_QUERIES=allowlist` serves (PERSISTED_QUERIES_MANIFEST).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from graphql import GraphQLError, OperationDefinitionNode, parse, validate
from redis.asyncio import Redis

from datasources.redis.persisted import PersistedQueryStore
from datasources.settings import Settings
from gateway.security.persisted import (
    ManifestError,
    load_manifest,
    manifest_document,
    query_hash,
)
from schema.root import build_schema

Entry = tuple[str, str | None, str]  # body, operation name, operation type


class CommandError(Exception):
    """What is wrong, in words; the command prints it and exits 1."""


def checked(body: str, where: str) -> Entry:
    """(body, name, type) of a document that validates against the schema."""
    schema = build_schema()._schema
    try:
        document = parse(body)
    except GraphQLError as exc:
        raise CommandError(f"{where}: {exc.message}") from None
    errors = validate(schema, document)
    if errors:
        raise CommandError(f"{where}: " + "; ".join(e.message for e in errors))
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if not operations:
        raise CommandError(f"{where}: no operation in the document")
    first = operations[0]
    name = first.name.value if len(operations) == 1 and first.name else None
    return body, name, first.operation.value


def _existing(path: Path) -> dict[str, Entry]:
    if not path.exists():
        return {}
    try:
        found = load_manifest(path)
    except ManifestError as exc:
        raise CommandError(str(exc)) from None
    return {h: checked(body, f"{path} ({h[:12]})") for h, body in found.items()}


def _write(path: Path, entries: dict[str, Entry]) -> None:
    """Atomically: a reader never sees half a manifest."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".manifest-")
    with os.fdopen(fd, "wb") as out:
        out.write(manifest_document(entries))
    os.replace(temporary, path)


def register(manifest: Path, files: list[Path]) -> str:
    entries = _existing(manifest)
    added = 0
    for file in files:
        try:
            body = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{file}: cannot be read ({exc})") from None
        sha256 = query_hash(body)
        if sha256 not in entries:
            entries[sha256] = checked(body, str(file))
            added += 1
    _write(manifest, entries)
    return f"{added} operation(s) added; {len(entries)} in {manifest}"


async def export(settings: Settings, manifest: Path) -> str:
    entries = _existing(manifest)
    redis = Redis.from_url(settings.redis.url, socket_timeout=5, socket_connect_timeout=5)
    try:
        store = PersistedQueryStore(redis, timeout=30, ttl=settings.persisted.ttl_seconds)
        registered = await store.all()
    finally:
        await redis.aclose()
    added, skipped = 0, []
    for sha256, body in sorted(registered.items()):
        if sha256 in entries or query_hash(body) != sha256:
            continue
        try:
            entries[sha256] = checked(body, sha256[:12])
            added += 1
        except CommandError as exc:
            skipped.append(str(exc))
    _write(manifest, entries)
    lines = [f"{added} operation(s) added from APQ; {len(entries)} in {manifest}"]
    lines += [f"skipped (does not validate): {s}" for s in skipped]
    return "\n".join(lines)
