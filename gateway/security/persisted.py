"""Persisted queries on the request path: Apollo's APQ protocol and the allow-list mode.

APQ: a client sends `extensions.persistedQuery.sha256Hash` without the query; a hash
the gateway does not know answers `PersistedQueryNotFound` (HTTP 200, as Apollo's
link expects), and the client sends hash and query together, which registers the query
(in Redis, for PERSISTED_QUERIES_TTL_SECONDS) once its SHA-256 is checked. GET works the
same way, so HTTP caches can hold the answers of queries (gateway/graphql_view.py).

Allow-list (`PERSISTED_QUERIES=allowlist`): only the operations of the manifest run,
by hash or by full text; nothing is registered at run time.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from datasources.redis.persisted import PersistedQueryStore

HASH_PATTERN = re.compile(r"[0-9a-f]{64}")
MAX_REMEMBERED = 2048  # hash -> text, per process (content-addressed: never stale)
MANIFEST_FORMAT = "apollo-persisted-query-manifest"


@dataclass(frozen=True, slots=True)
class Refusal:
    status: int
    message: str
    code: str


NOT_FOUND = Refusal(200, "PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
NOT_SUPPORTED = Refusal(200, "PersistedQueryNotSupported", "PERSISTED_QUERY_NOT_SUPPORTED")
NOT_IN_LIST = Refusal(
    400,
    "this operation is not registered: only persisted operations run here",
    "PERSISTED_QUERY_NOT_IN_LIST",
)


def query_hash(query: str) -> str:
    return hashlib.sha256(query.encode("utf-8")).hexdigest()


class PersistedQueries:
    def __init__(
        self, mode: str, store: PersistedQueryStore | None, allowlist: Mapping[str, str]
    ) -> None:
        self.mode = mode
        self.store = store
        self.allowlist = dict(allowlist)
        self._known: dict[str, str] = {}

    def admits(self, query: Any) -> bool:
        """Whether a query text may run (for transports that send only full texts: a
        multipart upload, a WebSocket subscribe message)."""
        return self.mode != "allowlist" or (
            isinstance(query, str) and query_hash(query) in self.allowlist
        )

    async def resolve(self, payload: Any) -> Any:
        """The request body with its query filled in from its hash, or a Refusal."""
        if not isinstance(payload, Mapping):
            return payload
        query = payload.get("query")
        extensions = payload.get("extensions")
        persisted = extensions.get("persistedQuery") if isinstance(extensions, Mapping) else None
        if persisted is None:
            if self.mode == "allowlist" and isinstance(query, str):
                return payload if query_hash(query) in self.allowlist else NOT_IN_LIST
            return payload
        if self.mode == "off":
            return NOT_SUPPORTED
        sha256 = _checked_hash(persisted)
        if isinstance(sha256, Refusal):
            return sha256
        if query is not None:
            return await self._register(payload, query, sha256)
        text = await self._lookup(sha256)
        if text is None:
            return NOT_IN_LIST if self.mode == "allowlist" else NOT_FOUND
        return {**payload, "query": text}

    async def _register(self, payload: Any, query: Any, sha256: str) -> Any:
        if not isinstance(query, str):
            return Refusal(400, "`query` must be a string", "BAD_REQUEST")
        if query_hash(query) != sha256:
            return Refusal(
                400,
                "extensions.persistedQuery.sha256Hash is not the SHA-256 of the query",
                "PERSISTED_QUERY_HASH_MISMATCH",
            )
        if self.mode == "allowlist":
            return payload if sha256 in self.allowlist else NOT_IN_LIST
        if sha256 not in self._known:
            assert self.store is not None
            await self.store.put(sha256, query)
            self._remember(sha256, query)
        return payload

    async def _lookup(self, sha256: str) -> str | None:
        if self.mode == "allowlist":
            return self.allowlist.get(sha256)
        text = self._known.get(sha256)
        if text is None and self.store is not None:
            text = await self.store.get(sha256)
            if text is not None and query_hash(text) == sha256:
                self._remember(sha256, text)
            else:
                text = None
        return text

    def _remember(self, sha256: str, query: str) -> None:
        if len(self._known) >= MAX_REMEMBERED:
            self._known.clear()
        self._known[sha256] = query


def _checked_hash(persisted: Any) -> str | Refusal:
    if not isinstance(persisted, Mapping):
        return Refusal(400, "extensions.persistedQuery must be an object", "BAD_REQUEST")
    if persisted.get("version") != 1:
        return Refusal(
            400, "extensions.persistedQuery.version must be 1 (the only version)", "BAD_REQUEST"
        )
    sha256 = persisted.get("sha256Hash")
    if not isinstance(sha256, str) or not HASH_PATTERN.fullmatch(sha256):
        return Refusal(
            400,
            "extensions.persistedQuery.sha256Hash must be 64 lower-case hexadecimal digits",
            "BAD_REQUEST",
        )
    return sha256


# -- the manifest (Apollo's persisted query manifest format) ---------------------------


class ManifestError(ValueError):
    """The manifest file cannot be used; the message says why and where."""


def load_manifest(path: Path) -> dict[str, str]:
    """Operations by hash; every id is checked against its body's SHA-256."""
    try:
        document = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        raise ManifestError(f"{path}: no such file (PERSISTED_QUERIES_MANIFEST)") from None
    except orjson.JSONDecodeError as exc:
        raise ManifestError(f"{path}: not JSON ({exc})") from None
    if not isinstance(document, dict) or document.get("format") != MANIFEST_FORMAT:
        raise ManifestError(f'{path}: expected {{"format": "{MANIFEST_FORMAT}", ...}}')
    operations = document.get("operations")
    if not isinstance(operations, list):
        raise ManifestError(f"{path}: `operations` must be a list")
    found: dict[str, str] = {}
    for n, entry in enumerate(operations):
        body = entry.get("body") if isinstance(entry, dict) else None
        op_id = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(body, str) or not isinstance(op_id, str):
            raise ManifestError(f"{path}: operations[{n}] needs a string `id` and `body`")
        if query_hash(body) != op_id:
            raise ManifestError(f"{path}: operations[{n}].id is not the SHA-256 of its body")
        found[op_id] = body
    return found


def manifest_document(operations: Mapping[str, tuple[str, str | None, str]]) -> bytes:
    """operations: hash -> (body, name, type); sorted by hash, so diffs stay small."""
    entries = [
        {"id": h, "body": body, "name": name, "type": kind}
        for h, (body, name, kind) in sorted(operations.items())
    ]
    return orjson.dumps(
        {"format": MANIFEST_FORMAT, "version": 1, "operations": entries},
        option=orjson.OPT_INDENT_2,
    )
