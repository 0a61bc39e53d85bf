"""Per-request dataloaders: one batched round trip per store per nesting level.

Each loader lives in `Context.loaders` under a key that includes every argument that
changes its result (depth, filters), so two fields asking different questions never
share answers. Loaders are created per request and so never leak data across users.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any, TypeVar
from uuid import UUID

from aiodataloader import DataLoader

from datasources.telemetry import loader_batch
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

    name = str(key[0] if isinstance(key, tuple) else key)  # "course.concepts": few names

    async def batch(keys: list[Any]) -> list[Any]:
        loader_batch(name, len(keys))
        try:
            found = await fetch(keys)
        except Exception as exc:
            # Returned rather than raised: aiodataloader forgets keys whose batch raised,
            # so the next field to ask (after a prefetch walk, every one) would call the
            # failed store again, and wait out its timeout again. Returned errors stay
            # in the request's cache: one attempt per key per request.
            return [exc] * len(keys)
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


def settled(pending: Awaitable[V], then: Callable[[V], Any]) -> Any:
    """`then(value)` at once if `pending` is a finished future, else an awaitable of it.

    A loader that already holds the answer (resolvers/prefetch.py warmed it) returns a
    finished future: handing graphql-core the plain value spares a coroutine, a task
    and a suspension per object, which is most of the cost of a big nested list. The
    result is `then`'s type or an awaitable of it; graphql-core accepts both.
    """
    if isinstance(pending, asyncio.Future) and pending.done():
        return then(pending.result())  # re-raises the batch's error, as `await` would
    return _then_later(pending, then)


async def _then_later(pending: Awaitable[V], then: Callable[[V], Any]) -> Any:
    return then(await pending)


E = TypeVar("E")


async def join(
    edges: dict[UUID, list[E]],
    end: Callable[[E], UUID],
    load_one: Callable[[UUID], Awaitable[V | None]],
) -> dict[UUID, list[tuple[E, V]]]:
    """Each parent's edges paired with what `load_one` finds at their far ends.

    Every distinct end is queued before anything is awaited, so they load in one batch;
    an end that is missing or hidden from the caller (None) drops its edge.
    """
    ends = unique([end(e) for found in edges.values() for e in found])
    loaded = await asyncio.gather(*(load_one(i) for i in ends))
    values = dict(zip(ends, loaded, strict=True))
    return {
        parent: [(e, v) for e in found if (v := values[end(e)]) is not None]
        for parent, found in edges.items()
    }


def unique(ids: Sequence[UUID]) -> list[UUID]:
    return list(dict.fromkeys(ids))
