"""The worker's metrics and trace spans per job, and its metrics server.

Every arq function is registered through `measured` (jobs/worker.py): it counts the
job by name and outcome, times it, and runs it under a span that continues the trace
of the request that queued it (the payload's `trace` key, datasources/telemetry.py).
Store calls inside the job are measured by the datasources as in the gateway.
`curriculum worker` serves them on WORKER_METRICS_HOST:WORKER_METRICS_PORT when the
port is set (off by default: several workers on one machine each need their own).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping
from functools import wraps
from typing import Any

from arq import Retry
from prometheus_client import Counter, Gauge, Histogram, start_http_server

from datasources.telemetry import continued_trace

JOBS = Counter(
    "curriculum_jobs_total",
    "Job runs by job name and outcome: the task's status when the job returns one "
    "(completed, failed, ...), done, retry (deferred by the job), cancelled (worker "
    "stopped: arq queues it again), error (raised)",
    ["job", "outcome"],
)
JOB_SECONDS = Histogram(
    "curriculum_job_seconds",
    "Time of one job run, by job name and outcome",
    ["job", "outcome"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600),
)
JOBS_RUNNING = Gauge("curriculum_jobs_running", "Jobs running in this worker", ["job"])

Job = Callable[..., Awaitable[Any]]  # an arq job: (ctx, *args) -> result


def outcome_of(result: Any) -> str:
    status = result.get("status") if isinstance(result, Mapping) else None
    return status if isinstance(status, str) and len(status) <= 32 else "done"


def measured(function: Job, name: str) -> Any:
    """`function` counted, timed and traced as job `name`."""
    running = JOBS_RUNNING.labels(name)

    @wraps(function)
    async def run(ctx: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        outcome = "error"
        running.inc()
        try:
            with continued_trace(
                args[0] if args else None, f"job {name}", job=name, job_id=str(ctx.get("job_id"))
            ):
                result = await function(ctx, *args, **kwargs)
            outcome = outcome_of(result)
            return result
        except Retry:
            outcome = "retry"
            raise
        except asyncio.CancelledError:
            outcome = "cancelled"
            raise
        finally:
            running.dec()
            JOBS.labels(name, outcome).inc()
            JOB_SECONDS.labels(name, outcome).observe(time.perf_counter() - started)

    return run


def serve_metrics(host: str, port: int) -> None:
    """Prometheus text on http://host:port/ from a daemon thread (prometheus_client's)."""
    start_http_server(port, addr=host)
