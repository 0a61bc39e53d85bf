"""The root schema, assembled from per-domain parts, with request limits."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import strawberry
from graphql import NoSchemaIntrospectionCustomRule
from starlette.websockets import WebSocket
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.tools import merge_types

from resolvers.context import Context
from schema.errors import ErrorPolicy
from schema.execution import GatewayExecutionContext
from schema.fast_reads import FastOptions
from schema.limits import CostLimit
from schema.mutation import MUTATIONS
from schema.query import QUERIES
from schema.subscription import Subscription


@dataclass(frozen=True, slots=True)
class SchemaOptions:
    max_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 3000
    max_cost: int = 250_000
    max_page_size: int = 100
    introspection: bool = True
    # More extension factories, run after ours (the gateway's tracing, when it is on).
    extensions: tuple[Callable[[], SchemaExtension], ...] = ()


class PerOperationCaches(SchemaExtension):
    """Each operation on a WebSocket runs with its own loaders and node objects.

    strawberry hands every operation of a connection the connection's one context, so
    without this a query after a mutation on the same socket answered from what an
    earlier operation had loaded. An HTTP request already has a context of its own.
    """

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context.context
        if isinstance(context, Context) and isinstance(context.request, WebSocket):
            self.execution_context.context = context.for_operation()
        yield


class GatewaySchema(strawberry.Schema):
    fast_options: FastOptions | None = None

    def process_errors(self, errors: Any, execution_context: Any = None) -> None:
        """Silenced: ErrorPolicy already logged the unexpected ones, with a request id."""


def build_schema(options: SchemaOptions | None = None) -> strawberry.Schema:
    o = options or SchemaOptions()
    # Rule classes made once per schema: ValidationCache keys on them, and the limiter
    # extensions make a new class per instance, so as per-request factories they made
    # every request miss the cache (validation ran on every request).
    rules: list[Any] = [
        *QueryDepthLimiter(max_depth=o.max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=o.max_aliases).validation_rules,
    ]
    if not o.introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    schema = GatewaySchema(
        query=merge_types("Query", QUERIES),
        mutation=merge_types("Mutation", MUTATIONS),
        subscription=Subscription,
        execution_context_class=GatewayExecutionContext,
        # Factories: strawberry builds fresh extensions per request; the parser and
        # validation caches live at module level and are shared regardless.
        extensions=[
            PerOperationCaches,  # first, so every other extension sees the same context
            lambda: MaxTokensLimiter(max_token_count=o.max_tokens),
            lambda: ParserCache(maxsize=512),
            lambda: AddValidationRules(rules),
            lambda: ValidationCache(maxsize=512),
            lambda: CostLimit(max_cost=o.max_cost, max_page_size=o.max_page_size),
            ErrorPolicy,
            *o.extensions,
        ],
    )
    # What those extensions enforce, for operations answered without them
    # (schema/fast_reads.py); extra extensions (tracing) must see every operation.
    schema.fast_options = (
        None
        if o.extensions
        else FastOptions(
            max_tokens=o.max_tokens,
            max_cost=o.max_cost,
            max_page_size=o.max_page_size,
            rules=tuple(rules),
        )
    )
    return schema
