"""How errors leave the server: stable codes, store outages named, internals masked."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from datasources.errors import UpstreamUnavailable

log = logging.getLogger("gateway.errors")


class ErrorPolicy(SchemaExtension):
    """Give every error an `extensions.code`.

    - a store that is down: UPSTREAM_UNAVAILABLE with `store` (the rest of the
      response is intact because only that field failed);
    - errors we raised on purpose keep their code and message;
    - anything else is a bug: logged with the request id, and in production its
      message is replaced so no internal detail leaks.
    """

    def __init__(self, *, mask: bool) -> None:
        self.mask = mask

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        result.errors = [self._shape(e) for e in result.errors]

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
        message = "internal server error" if self.mask else error.message
        return _copy(error, message, {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id})


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
