"""Per-request dataloaders: one batched round trip per store per nesting level.

Each loader lives in `Context.loaders` under a key that includes every argument that
changes its result (depth, filters), so two fields asking different questions never
share answers. Loaders are created per request and so never leak data across users.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any, TypeVar
from uuid import UUID

from aiodataloader import DataLoader

from resolvers.context import Context

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def loader(
    ctx: Context,
    key: Hashable,
    fetch: Callable[[Sequence[Any]], Awaitable[dict[Any, Any]]],
    *,
    default: Callable[[], Any] = lambda: None,
) -> DataLoader:
    """The request's loader for `key`, created on first use around `fetch(keys) -> {k: v}`."""
    existing = ctx.loaders.get(key)
    if existing is not None:
        return existing

    async def batch(keys: list[Any]) -> list[Any]:
        found = await fetch(keys)
        return [found[k] if k in found else default() for k in keys]

    created = DataLoader(batch_load_fn=batch)
    ctx.loaders[key] = created
    return created


def load(
    ctx: Context,
    key: Hashable,
    fetch: Callable[[Sequence[Any]], Awaitable[dict[Any, Any]]],
    item: Any,
    *,
    default: Callable[[], Any] = lambda: None,
) -> Awaitable[Any]:
    """Queue `item` on the loader; the returned future resolves after the batch runs."""
    return loader(ctx, key, fetch, default=default).load(item)


def load_many(
    ctx: Context,
    key: Hashable,
    fetch: Callable[[Sequence[Any]], Awaitable[dict[Any, Any]]],
    items: Sequence[Any],
) -> Awaitable[list[Any]]:
    return loader(ctx, key, fetch).load_many(list(items))


def unique(ids: Sequence[UUID]) -> list[UUID]:
    return list(dict.fromkeys(ids))
