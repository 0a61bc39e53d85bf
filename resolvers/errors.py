"""System errors as GraphQL errors with a stable `extensions.code`.

Expected failures of a mutation (not found, invalid, conflict) are schema types
(unions), see schema/errors.py; these are for what a client cannot fix by itself.
"""

from __future__ import annotations

from graphql import GraphQLError


def unauthenticated() -> GraphQLError:
    return GraphQLError("authentication required", extensions={"code": "UNAUTHENTICATED"})


def forbidden(what: str) -> GraphQLError:
    return GraphQLError(f"not allowed: {what}", extensions={"code": "FORBIDDEN"})


def bad_input(message: str, *, field: str | None = None) -> GraphQLError:
    extensions: dict[str, object] = {"code": "BAD_USER_INPUT"}
    if field:
        extensions["field"] = field
    return GraphQLError(message, extensions=extensions)


def not_found(message: str) -> GraphQLError:
    """For fields and subscriptions, which have no typed result to carry it."""
    return GraphQLError(message, extensions={"code": "NOT_FOUND"})
