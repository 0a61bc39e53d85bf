"""Building the Weaviate client from URLs, and which of its failures mean 'down'."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx
import weaviate
from weaviate.classes.init import AdditionalConfig, Auth, Timeout
from weaviate.client import WeaviateAsyncClient
from weaviate.exceptions import (
    UnexpectedStatusCodeError,
    WeaviateClosedClientError,
    WeaviateConnectionError,
    WeaviateGRPCUnavailableError,
    WeaviateQueryError,
    WeaviateRetryError,
    WeaviateStartUpError,
    WeaviateTimeoutError,
)

_UNAVAILABLE = (
    OSError,
    TimeoutError,
    httpx.TransportError,
    WeaviateClosedClientError,
    WeaviateConnectionError,
    WeaviateGRPCUnavailableError,
    WeaviateRetryError,
    WeaviateStartUpError,
    WeaviateTimeoutError,
)
# gRPC status names the client folds into WeaviateQueryError's message text.
_GRPC_DOWN = ("UNAVAILABLE", "DEADLINE_EXCEEDED", "Connection refused", "failed to connect")


def is_unavailable(exc: BaseException) -> bool:
    if isinstance(exc, _UNAVAILABLE):
        return True
    if isinstance(exc, UnexpectedStatusCodeError):
        return exc.status_code >= 500
    if isinstance(exc, WeaviateQueryError):
        return any(marker in str(exc) for marker in _GRPC_DOWN)
    cause = exc.__cause__
    return cause is not None and cause is not exc and is_unavailable(cause)


def _host_port(url: str, default_port: int) -> tuple[str, int, bool]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"expected an http(s) URL with a host, got {url!r}")
    return parts.hostname, parts.port or default_port, parts.scheme == "https"


def make_client(
    *, http_url: str, grpc_url: str, api_key: str | None, timeout: float
) -> WeaviateAsyncClient:
    """An async client for REST at `http_url` and gRPC at `grpc_url`; not yet connected."""
    http_host, http_port, http_secure = _host_port(http_url, 8080)
    grpc_host, grpc_port, grpc_secure = _host_port(grpc_url, 50051)
    return weaviate.use_async_with_custom(
        http_host=http_host,
        http_port=http_port,
        http_secure=http_secure,
        grpc_host=grpc_host,
        grpc_port=grpc_port,
        grpc_secure=grpc_secure,
        auth_credentials=Auth.api_key(api_key) if api_key else None,
        # Batch imports of many 1,536-float vectors need longer than a query.
        additional_config=AdditionalConfig(
            timeout=Timeout(init=timeout, query=timeout, insert=max(timeout, 30.0))
        ),
    )
