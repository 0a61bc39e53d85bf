"""How errors leave the server: stable codes, store outages named, internals masked."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from datasources.errors import UpstreamUnavailable

log = logging.getLogger("gateway.errors")


def internal_message(request_id: str | None) -> str:
    """What a client reads instead of an unexpected error; the logs have the rest."""
    return f"internal server error (request {request_id})"


class ErrorPolicy(SchemaExtension):
    """Give every error an `extensions.code`, in every result: HTTP, and each event of
    a stream (a subscription's `next`, an operation over the socket).

    - a store that is down: UPSTREAM_UNAVAILABLE with `store` (the rest of the
      response is intact because only that field failed);
    - errors we raised on purpose (GraphQLError) keep their code and message;
    - anything else is a bug or a store's own error (asyncpg, SQLAlchemy, neo4j,
      redis, weaviate, httpx): logged with the request id, and in every mode
      (development, test, production) answered with `internal_message` only, so no
      driver, SQL or Cypher text reaches a client.
    """

    def on_operation(self) -> Iterator[None]:
        yield
        self._shape_all(self.execution_context.result)

    def on_stream_result(self, result: Any) -> Iterator[None]:
        # Each streamed result goes out before on_operation's end: shape it here.
        self._shape_all(result)
        yield

    def _shape_all(self, result: Any) -> None:
        errors = getattr(result, "errors", None)
        if errors:
            result.errors = [self._shape(e) for e in errors]

    def _shape(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if original is None or isinstance(original, GraphQLError):
            if error.extensions and "code" in error.extensions:
                return error
            code = "GRAPHQL_VALIDATION_FAILED" if original is None and not error.path else None
            if original is not None and original.extensions:
                return _copy(error, error.message, original.extensions)
            return _copy(error, error.message, {"code": code or "BAD_REQUEST"})
        if isinstance(original, UpstreamUnavailable):
            return _copy(
                error,
                f"{original.store} is unavailable",
                {"code": "UPSTREAM_UNAVAILABLE", "store": original.store},
            )
        context = self.execution_context.context
        request_id = getattr(context, "request_id", None)
        log.error(
            "unexpected error in %s (request %s)",
            ".".join(map(str, error.path or [])),
            request_id,
            exc_info=original,
        )
        return _copy(
            error,
            internal_message(request_id),
            {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
        )


def _copy(error: GraphQLError, message: str, extensions: dict[str, object]) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions=extensions,
    )
