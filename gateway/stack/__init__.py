"""The dev stack: real PostgreSQL + pgvector, Redis, Neo4j and Weaviate on loopback, no Docker.

    up(with_weaviate=False) -> dict[str, str]   # the env written to .stack/stack.env
    down() -> None
    status() -> list[StoreStatus]

Any store whose URL is already in the environment (DATABASE_URL, REDIS_URL, NEO4J_URI,
WEAVIATE_URL) is external: the stack neither starts nor stops it. See docs/stack.md.
"""

from gateway.stack.base import StoreStatus
from gateway.stack.manager import down, status, up
from gateway.stack.process import StackError

__all__ = ["StackError", "StoreStatus", "down", "status", "up"]
