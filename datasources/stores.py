"""The `Stores` bundle: every datasource, opened from Settings and closed together.

The app opens it in its lifespan, the worker in its start-up, the CLI and tests
around their work; resolvers and jobs both receive it, so it lives below both.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from neo4j import AsyncGraphDatabase
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from datasources.chat import ChatModel, create_chat
from datasources.course_plans import CoursePlanWriter
from datasources.courses import CourseWriter
from datasources.downloads import DownloadLinks
from datasources.embeddings import Embedder, create_embedder
from datasources.errors import UpstreamUnavailable
from datasources.exports import ExportStore
from datasources.files import FileStore, LocalFileStore
from datasources.neo4j.bootstrap import bootstrap_graph
from datasources.neo4j.graph import GraphReader
from datasources.neo4j.planning import PlanningReader
from datasources.neo4j.writes import GraphWriter
from datasources.postgres.base import PostgresHealth
from datasources.postgres.courses import CourseReader
from datasources.postgres.documents import DocumentReader
from datasources.postgres.engine import create_engine, create_sessionmaker
from datasources.postgres.json_reads import JsonReader
from datasources.postgres.users import UserReader
from datasources.redis.hub import HubSettings, PubSubHub
from datasources.redis.queue import JobQueue
from datasources.redis.store import RedisStore
from datasources.settings import Settings
from datasources.tasks import TaskStore
from datasources.uploads import DocumentUploads
from datasources.vectors import VectorIndex, create_vector_index

log = logging.getLogger("datasources.stores")


@dataclass(frozen=True, slots=True)
class Stores:
    """Every datasource, opened once in the app's lifespan and shared by requests."""

    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    postgres: PostgresHealth
    courses: CourseReader
    documents: DocumentReader
    users: UserReader
    json_reads: JsonReader  # compiled relational reads: whole answers as JSON
    graph: GraphReader
    graph_writer: GraphWriter
    course_writer: CourseWriter
    redis: RedisStore
    hub: PubSubHub  # subscriptions: one Redis pub/sub connection per process, on first use
    vectors: VectorIndex
    vector_store_name: str
    embedder: Embedder
    files: FileStore
    exports: ExportStore
    tasks: TaskStore
    queue: JobQueue
    planning: PlanningReader
    plans: CoursePlanWriter
    chat: ChatModel | None  # CHAT_PROVIDER; None (the default) keeps the planner's text
    downloads: DownloadLinks  # signed export links (SECRET_KEY, EXPORT_LINK_TTL_SECONDS)
    uploads: DocumentUploads  # uploadDocument / curriculum ingest, deleteDocument


async def vector_index_for(settings: Settings, *, timeout_seconds: float) -> VectorIndex:
    """The configured vector index (VECTOR_BACKEND and its store's settings)."""
    weaviate = settings.weaviate
    return await create_vector_index(
        settings.vector_backend,
        database_url=settings.postgres.url,
        weaviate_url=weaviate.url,
        weaviate_grpc_url=weaviate.grpc_url,
        weaviate_api_key=weaviate.api_key.get_secret_value() if weaviate.api_key else None,
        weaviate_use_graphql=weaviate.use_graphql,
        timeout_seconds=timeout_seconds,
        namespace=settings.vector_namespace,
    )


def _redis(url: str, timeout: float) -> Redis:
    return Redis.from_url(
        url, socket_timeout=timeout, socket_connect_timeout=timeout, health_check_interval=30
    )


@asynccontextmanager
async def open_stores(settings: Settings, *, bootstrap: bool = True) -> AsyncIterator[Stores]:
    """Clients connect lazily: the app starts even when a store is down (/readyz says so)."""
    timeout = settings.limits.store_timeout_seconds
    engine = create_engine(settings.postgres.url, pool_size=settings.postgres.pool_size)
    driver = AsyncGraphDatabase.driver(
        settings.neo4j.uri,
        auth=(settings.neo4j.user, settings.neo4j.password.get_secret_value()),
        connection_timeout=timeout,
        # Retries must fit inside a request's deadline, not the driver's default 30 s.
        max_transaction_retry_time=timeout,
        max_connection_pool_size=50,
        # Schema warnings (e.g. an edge type not created yet) are not errors for us.
        notifications_min_severity="OFF",
    )
    redis = _redis(settings.redis.url, timeout)
    cache = _redis(settings.redis.cache_url, timeout) if settings.redis.cache_url else None
    vectors = await vector_index_for(settings, timeout_seconds=timeout)
    embedder = create_embedder(
        provider=settings.embedding.provider,
        url=settings.embedding.url,
        model=settings.embedding.model,
        api_key=(
            settings.embedding.api_key.get_secret_value() if settings.embedding.api_key else None
        ),
        timeout=settings.embedding.timeout_seconds,
    )
    chat_settings = settings.chat
    chat = create_chat(
        provider=chat_settings.provider,
        url=chat_settings.url,
        model=chat_settings.model,
        api_key=chat_settings.api_key.get_secret_value() if chat_settings.api_key else None,
        timeout=chat_settings.timeout_seconds,
    )
    database = settings.neo4j.database
    graph_writer = GraphWriter(driver, database=database, timeout=timeout)
    sessions = create_sessionmaker(engine)
    redis_store = RedisStore(redis, timeout=timeout, cache=cache)
    hub = PubSubHub.from_url(
        settings.redis.url,
        connect_timeout=timeout,
        settings=HubSettings(
            queue_size=settings.redis.pubsub_queue_size,
            ping_seconds=settings.redis.pubsub_ping_seconds,
            subscribe_timeout=timeout,
        ),
    )
    files = LocalFileStore(settings.files.root)
    exports = ExportStore(sessions, files, timeout=timeout)
    course_writer = CourseWriter(sessions, graph_writer, redis_store, exports, vectors)
    tasks = TaskStore(sessions, redis_store, timeout=timeout)
    queue = JobQueue(redis, timeout=timeout)
    stores = Stores(
        engine=engine,
        sessions=sessions,
        postgres=PostgresHealth(engine, timeout=timeout),
        courses=CourseReader(engine, timeout=timeout),
        documents=DocumentReader(engine, timeout=timeout),
        users=UserReader(engine, timeout=timeout),
        json_reads=JsonReader(engine, timeout=timeout),
        graph=GraphReader(driver, database=database, timeout=timeout),
        graph_writer=graph_writer,
        course_writer=course_writer,
        redis=redis_store,
        hub=hub,
        vectors=vectors,
        vector_store_name=settings.vector_backend,
        embedder=embedder,
        files=files,
        exports=exports,
        tasks=tasks,
        queue=queue,
        planning=PlanningReader(driver, database=database, timeout=timeout),
        plans=CoursePlanWriter(course_writer),
        chat=chat,
        downloads=DownloadLinks(
            settings.secret_key.get_secret_value(), ttl_seconds=settings.exports.link_ttl_seconds
        ),
        uploads=DocumentUploads(sessions, files, tasks, queue, settings, timeout=timeout),
    )
    if bootstrap:
        await bootstrap_schemas(stores, database=database)
    try:
        yield stores
    finally:
        closers = [
            hub.close,
            vectors.close,
            embedder.close,
            redis.aclose,
            driver.close,
            engine.dispose,
        ]
        if cache is not None:
            closers.append(cache.aclose)
        if chat is not None:
            closers.append(chat.close)
        for close in closers:
            await _closed(close, timeout)


async def _closed(close: Callable[[], Awaitable[object]], seconds: float) -> None:
    """One store's client closed within `seconds` (at shutdown a store that no longer
    answers must not hold the process: SIGTERM's grace period covers requests only)."""
    try:
        async with asyncio.timeout(seconds):
            await close()
    except TimeoutError:
        log.warning("closing %s took over %g s; left behind", _name(close), seconds)
    except Exception as exc:
        log.warning("closing %s failed: %s", _name(close), type(exc).__name__)


def _name(close: Callable[[], Awaitable[object]]) -> str:
    owner = getattr(close, "__self__", None)
    return type(owner).__name__ if owner is not None else getattr(close, "__name__", "a store")


async def bootstrap_schemas(stores: Stores, *, database: str) -> None:
    """Idempotent graph and vector schemas; a store that is down is logged, not fatal."""
    try:
        await bootstrap_graph(stores.graph.driver, database=database)
    except Exception as exc:  # the app still serves what the other stores can
        log.warning("neo4j bootstrap skipped: %s", type(exc).__name__)
    try:
        await stores.vectors.bootstrap()
    except (UpstreamUnavailable, OSError) as exc:
        log.warning("vector index bootstrap skipped: %s", exc)
