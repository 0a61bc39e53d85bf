"""Failures of a backing store, translated from each driver into one exception type.

Resolvers turn `UpstreamUnavailable` into a GraphQL error with
`extensions.code = "UPSTREAM_UNAVAILABLE"` and the store's name, so one store that
is down fails only the fields it serves.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from datasources.telemetry import StoreCall, store_call, tracing_enabled

P = ParamSpec("P")
T = TypeVar("T")


class UpstreamUnavailable(Exception):
    """A store did not answer (down, refused, timed out)."""

    def __init__(self, store: str, detail: str = "") -> None:
        super().__init__(f"{store} is unavailable" + (f": {detail}" if detail else ""))
        self.store = store
        self.detail = detail


def _connection_errors() -> tuple[type[BaseException], ...]:
    """Driver exceptions that mean 'the store is not there', not 'the query is wrong'."""
    import asyncpg
    import neo4j.exceptions
    import redis.exceptions

    return (
        OSError,  # refused / reset / unreachable (ConnectionError is a subclass)
        TimeoutError,
        asyncpg.exceptions.CannotConnectNowError,
        asyncpg.exceptions.ConnectionDoesNotExistError,
        asyncpg.exceptions.InterfaceError,
        asyncpg.exceptions.TooManyConnectionsError,
        neo4j.exceptions.ServiceUnavailable,
        neo4j.exceptions.SessionExpired,
        redis.exceptions.ConnectionError,
        redis.exceptions.TimeoutError,
    )


_CONNECTION_ERRORS: tuple[type[BaseException], ...] | None = None


def is_connection_error(exc: BaseException) -> bool:
    global _CONNECTION_ERRORS
    if _CONNECTION_ERRORS is None:
        _CONNECTION_ERRORS = _connection_errors()
    if isinstance(exc, _CONNECTION_ERRORS):
        return True
    # SQLAlchemy wraps driver errors; look at what it wraps.
    original = getattr(exc, "orig", None) or exc.__cause__
    return original is not None and original is not exc and is_connection_error(original)


async def guard(
    store: str,
    awaitable: Awaitable[T],
    *,
    seconds: float,
    call: StoreCall | None = None,
    unavailable: type[UpstreamUnavailable] = UpstreamUnavailable,
    is_down: Callable[[BaseException], bool] = is_connection_error,
) -> T:
    """Await a store call with a deadline; connection failures (`is_down`) become
    `unavailable` (UpstreamUnavailable or a store's subclass of it).

    Each call is timed and counted (datasources/telemetry.py) under `call`, the
    datasource method when `guarded` passes it.
    """
    call = call or store_call(store)
    started = time.perf_counter()
    try:
        if tracing_enabled():
            with call.span():
                async with asyncio.timeout(seconds):
                    return await awaitable
        async with asyncio.timeout(seconds):
            return await awaitable
    except UpstreamUnavailable:
        call.failed("unavailable")
        raise
    except TimeoutError:
        call.failed("timeout")
        raise unavailable(store, f"no answer within {seconds:g}s") from None
    except Exception as exc:
        if is_down(exc):
            call.failed("unavailable")
            raise unavailable(store, type(exc).__name__) from exc
        call.failed("error")
        raise
    finally:
        call.seconds.observe(time.perf_counter() - started)


def guarded(
    store: str, timeout_attr: str = "timeout"
) -> Callable[[Callable[P, Awaitable[T]]], Callable[P, Awaitable[T]]]:
    """Decorate a datasource method so it runs under `guard` with `self.<timeout_attr>`."""

    def decorate(method: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[T]]:
        call = store_call(store, method.__qualname__)

        @wraps(method)
        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            timeout = float(getattr(args[0], timeout_attr))
            return await guard(store, method(*args, **kwargs), seconds=timeout, call=call)

        return wrapper

    return decorate
