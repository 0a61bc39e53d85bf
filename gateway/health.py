"""/healthz (the process answers) and /readyz (every store answers, with timings)."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from datasources.stores import Stores


async def healthz(_: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def store_status(stores: Stores) -> dict[str, dict[str, Any]]:
    checks = {
        "postgres": stores.postgres.ping(),
        "neo4j": stores.graph.ping(),
        "redis": stores.redis.ping(),
        stores.vector_store_name: stores.vectors.ping(),
    }
    results = await asyncio.gather(*checks.values(), return_exceptions=True)
    report: dict[str, dict[str, Any]] = {}
    for name, result in zip(checks, results, strict=True):
        if isinstance(result, BaseException):
            report[name] = {"status": "down", "error": type(result).__name__}
        else:
            report[name] = {"status": "up", "roundTripMs": round(result * 1000, 2)}
    return report


async def readyz(request: Request) -> JSONResponse:
    report = await store_status(request.app.state.stores)
    ready = all(s["status"] == "up" for s in report.values())
    return JSONResponse(
        {"status": "ready" if ready else "unavailable", "stores": report},
        status_code=200 if ready else 503,
    )
