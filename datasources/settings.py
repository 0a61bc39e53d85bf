"""All configuration, read from environment variables (and the dev stack's env file).

One `Settings` object, nested per store, built in `create_app()` / the CLI, never at
import time. Variable names follow what deployments already use (DATABASE_URL,
REDIS_URL, NEO4J_URI, ...), so each nested group reads its own names.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-insecure-secret-change-me"  # noqa: S105 - refused outside development
DEFAULT_ENV_FILE = Path(".stack/stack.env")


class SettingsError(RuntimeError):
    """The environment does not describe a usable configuration; says which variable."""


def _group(prefix: str = "") -> SettingsConfigDict:
    return SettingsConfigDict(
        env_prefix=prefix, extra="ignore", case_sensitive=False, env_file_encoding="utf-8"
    )


def _require_scheme(url: str, schemes: tuple[str, ...], variable: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in schemes or not parts.hostname:
        allowed = ", ".join(f"{s}://" for s in schemes)
        raise ValueError(f"{variable} must be a URL starting with {allowed} and naming a host")
    return url


class PostgresSettings(BaseSettings):
    model_config = _group()
    url: str = Field(
        default="postgresql://postgres@127.0.0.1:5432/curriculum_db", alias="DATABASE_URL"
    )
    pool_size: int = Field(default=10, ge=1, le=200, alias="DATABASE_POOL_SIZE")

    @field_validator("url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        return _require_scheme(
            value, ("postgresql", "postgres", "postgresql+asyncpg"), "DATABASE_URL"
        )

    @property
    def sqlalchemy_url(self) -> str:
        """The same URL for SQLAlchemy's asyncpg dialect."""
        scheme, rest = self.url.split("://", 1)
        return f"postgresql+asyncpg://{rest}" if scheme != "postgresql+asyncpg" else self.url

    @property
    def asyncpg_dsn(self) -> str:
        """The same URL for asyncpg itself (which knows no SQLAlchemy dialect suffix)."""
        return "postgresql://" + self.url.split("://", 1)[1]


class RedisSettings(BaseSettings):
    model_config = _group()
    url: str = Field(default="redis://127.0.0.1:6379/0", alias="REDIS_URL")
    # The subscription hub (datasources/redis/hub.py): messages one subscriber may have
    # waiting before it is told it missed some, and the silence before a PING.
    pubsub_queue_size: int = Field(default=256, ge=1, le=100_000, alias="REDIS_PUBSUB_QUEUE_SIZE")
    pubsub_ping_seconds: float = Field(
        default=10.0, gt=0, le=300, alias="REDIS_PUBSUB_PING_SECONDS"
    )
    # The LRU cache instance (docs/operations.md#redis-eviction); unset: the main one.
    cache_url: str | None = Field(default=None, alias="REDIS_CACHE_URL")

    @field_validator("url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        return _require_scheme(value, ("redis", "rediss"), "REDIS_URL")

    @field_validator("cache_url")
    @classmethod
    def _check_cache_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return _require_scheme(value, ("redis", "rediss"), "REDIS_CACHE_URL")


class Neo4jSettings(BaseSettings):
    model_config = _group("NEO4J_")
    uri: str = "bolt://127.0.0.1:7687"
    user: str = "neo4j"
    password: SecretStr = SecretStr("")
    database: str = "neo4j"

    @field_validator("uri")
    @classmethod
    def _check_uri(cls, value: str) -> str:
        return _require_scheme(
            value, ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"), "NEO4J_URI"
        )


class WeaviateSettings(BaseSettings):
    model_config = _group("WEAVIATE_")
    url: str = "http://127.0.0.1:8080"
    grpc_url: str = "http://127.0.0.1:50051"
    api_key: SecretStr | None = None
    # Batched reads over GraphQL (one request per level) until the server refuses it;
    # false sends them over gRPC, one query per id (docs/vectors.md).
    use_graphql: bool = True
    # Where Weaviate's backup-filesystem module writes (its BACKUP_FILESYSTEM_PATH), when
    # this machine can read it: `curriculum backup` copies the backup from there.
    backup_path: Path | None = None

    @field_validator("url", "grpc_url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        return _require_scheme(value, ("http", "https"), "WEAVIATE_URL/WEAVIATE_GRPC_URL")


class EmbeddingSettings(BaseSettings):
    model_config = _group("EMBEDDING_")
    provider: Literal["hashing", "openai"] = "hashing"
    url: str = "http://127.0.0.1:11434/v1"
    model: str = "text-embedding-3-small"
    api_key: SecretStr | None = None
    timeout_seconds: float = Field(default=10.0, gt=0, le=120)


class LimitSettings(BaseSettings):
    """Guards on what one GraphQL request may ask for."""

    model_config = _group("GRAPHQL_")
    max_depth: int = Field(default=12, ge=1, le=100)
    max_aliases: int = Field(default=30, ge=1, le=1000)
    max_tokens: int = Field(default=3000, ge=10, le=100_000)
    max_cost: int = Field(default=250_000, ge=1)
    max_page_size: int = Field(default=100, ge=1, le=1000)
    introspection: bool = True
    store_timeout_seconds: float = Field(default=5.0, gt=0, le=120)
    # GRAPHQL_COMPILED_READS: relational selections as one SQL statement (docs/compiled-reads.md).
    compiled_reads: bool = True
    max_body_bytes: int = Field(default=1_000_000, ge=1024)


class RateLimitSettings(BaseSettings):
    """Sliding-window limits per principal (or client IP) and operation class."""

    model_config = _group("RATE_LIMIT_")
    enabled: bool = True
    queries_per_minute: int = Field(default=600, ge=1)
    mutations_per_minute: int = Field(default=120, ge=1)
    subscriptions_per_minute: int = Field(default=60, ge=1)
    # Per client IP and, separately, per account named in the attempt.
    login_per_minute: int = Field(default=10, ge=1)
    login_per_account_per_minute: int = Field(default=10, ge=1)
    # Anonymous queries (per client IP) are counted in process and sent to Redis in
    # batches (datasources/redis/local_limits.py): a process holds back at most this many
    # hits (and at most 10 % of the limit); 0 asks Redis on every request.
    anonymous_batch: int = Field(default=64, ge=0, le=10_000)
    anonymous_sync_seconds: float = Field(default=0.05, gt=0, le=5)


class AuthSettings(BaseSettings):
    """Sessions, password hashing and API-key bookkeeping."""

    model_config = _group("AUTH_")
    session_ttl_seconds: int = Field(default=86_400, ge=60, le=30 * 86_400)
    # How often a running subscription re-checks that its session is still valid.
    recheck_seconds: float = Field(default=5.0, gt=0, le=300)
    # How long Redis may answer for a user's role/is_active and a key's is_active
    # (changes made through the API apply at once; other writers within this time).
    state_cache_seconds: float = Field(default=5.0, gt=0, le=300)
    key_usage_flush_seconds: float = Field(default=5.0, gt=0, le=300)
    # argon2id parameters; stored hashes with other parameters are rehashed on login.
    argon2_time_cost: int = Field(default=3, ge=1, le=20)
    argon2_memory_kib: int = Field(default=65_536, ge=1024, le=4_194_304)
    argon2_parallelism: int = Field(default=4, ge=1, le=64)


class AuditSettings(BaseSettings):
    """The audit trail: rows are queued in memory and written in batches."""

    model_config = _group("AUDIT_")
    enabled: bool = True
    flush_seconds: float = Field(default=1.0, gt=0, le=60)
    batch_size: int = Field(default=500, ge=1, le=2000)
    queue_size: int = Field(default=10_000, ge=10)
    partitions_ahead: int = Field(default=3, ge=0, le=24)


class FileStoreSettings(BaseSettings):
    """Where uploaded and exported files are kept (datasources/files)."""

    model_config = _group("FILE_STORE_")
    # Relative paths are taken from the working directory when the store is opened.
    root: Path = Path(".stack/files")
    max_bytes: int = Field(default=100 * 1024 * 1024, ge=1, le=10 * 1024**3)

    @field_validator("root", mode="before")
    @classmethod
    def _check_root_text(cls, value: Any) -> Any:
        if isinstance(value, str) and (not value.strip() or "\x00" in value):
            raise ValueError("must name a folder")
        return value

    @field_validator("root")
    @classmethod
    def _check_root(cls, value: Path) -> Path:
        if value.absolute() == Path(value.absolute().anchor):
            raise ValueError("must not be the file system's root")
        return value


class PersistedQuerySettings(BaseSettings):
    """Persisted queries (docs/persisted-queries.md): Apollo's automatic persisted queries
    (`apq`, the default), none (`off`), or only the registered operations (`allowlist`)."""

    model_config = _group("PERSISTED_QUERIES_")
    mode: Literal["off", "apq", "allowlist"] = Field(default="apq", alias="PERSISTED_QUERIES")
    # How long Redis keeps a query registered through APQ (clients re-register after).
    ttl_seconds: int = Field(default=7 * 86_400, ge=60, le=365 * 86_400)
    # The registered operations (Apollo's persisted query manifest, JSON): what runs in
    # `allowlist` mode; `curriculum persisted-queries register|export` writes it.
    manifest: Path = Path("persisted-queries.json")
    # Cache-Control max-age of an anonymous GET query's answer (0: no-cache).
    get_max_age_seconds: int = Field(default=60, ge=0, le=86_400)


class UploadSettings(BaseSettings):
    """Document uploads (uploadDocument, `curriculum ingest`): docs/worker.md#uploads."""

    model_config = _group("UPLOAD_")
    # Largest file accepted (never above FILE_STORE_MAX_BYTES: the smaller one applies).
    # A multipart request may be this plus GRAPHQL_MAX_BODY_BYTES for its other parts.
    max_bytes: int = Field(default=50 * 1024 * 1024, ge=1, le=10 * 1024**3)
    # The document_processing task an upload creates.
    task_priority: int = Field(default=0, ge=-100, le=100)
    task_max_retries: int = Field(default=3, ge=0, le=20)


class ExportSettings(BaseSettings):
    """Course exports: how long a file is kept, how long a download link holds."""

    model_config = _group("EXPORT_")
    # exports.expires_at = completed_at + this; the file is gone (410) after it.
    ttl_days: float = Field(default=7.0, gt=0, le=365)
    # A signed download link expires after this (never after the export itself).
    link_ttl_seconds: int = Field(default=3600, ge=60, le=7 * 86_400)


class ChatSettings(BaseSettings):
    """An optional OpenAI-compatible chat model that may rewrite a generated course's
    description, objectives and questions (off by default: the planner writes them)."""

    model_config = _group("CHAT_")
    provider: Literal["none", "openai"] = "none"
    url: str = "http://127.0.0.1:11434/v1"
    model: str = "gpt-4o-mini"
    api_key: SecretStr | None = None
    timeout_seconds: float = Field(default=20.0, gt=0, le=300)

    @field_validator("url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        return _require_scheme(value, ("http", "https"), "CHAT_URL")


def for_jobs(settings: Settings) -> Settings:
    """The settings a worker (or the CLI running a job) opens its stores with: its store
    calls get WORKER_STORE_TIMEOUT_SECONDS (a graph transaction or a bulk upsert of a whole
    document or course, where a request reads a few rows)."""
    limits = settings.limits.model_copy(
        update={"store_timeout_seconds": settings.worker.store_timeout_seconds}
    )
    return settings.model_copy(update={"limits": limits})


class WorkerSettings(BaseSettings):
    """The background worker (`curriculum worker`, docs/worker.md)."""

    model_config = _group("WORKER_")
    # Longest one job may run; arq cancels it then (a 300-page PDF takes about a minute).
    job_timeout_seconds: int = Field(default=1800, ge=10, le=24 * 3600)
    # Jobs one worker runs at once; each document's CPU work runs in its own process.
    max_jobs: int = Field(default=2, ge=1, le=64)
    # A running job renews its claim this often x3; a worker that dies (SIGKILL) loses
    # the claim within this time and another worker (or the restarted one) takes over.
    lease_seconds: int = Field(default=30, ge=5, le=3600)
    health_check_seconds: int = Field(default=30, ge=1, le=3600)
    poll_seconds: float = Field(default=0.5, gt=0, le=60)
    # Retries of a store that failed for a moment: base x 2^(retry-1), at most max.
    retry_backoff_seconds: float = Field(default=5.0, ge=0, le=3600)
    retry_backoff_max_seconds: float = Field(default=300.0, gt=0, le=24 * 3600)
    # Tries arq itself allows when a task row cannot even be read (PostgreSQL down).
    max_tries: int = Field(default=20, ge=1, le=1000)
    # Address space of the process that reads one document (0: no limit).
    analysis_memory_mb: int = Field(default=4096, ge=0, le=1024 * 1024)
    # Store calls of a job (graph transaction, bulk upserts) get this long: placing 5,000
    # concepts of a course writes thousands of rows in one call.
    store_timeout_seconds: float = Field(default=300.0, gt=0, le=3600)
    # On SIGTERM: stop taking jobs, let running ones finish this long, then cancel them
    # (arq puts a cancelled job back in the queue; another worker runs it again).
    shutdown_grace_seconds: int = Field(default=20, ge=0, le=3600)
    # Prometheus metrics of the worker on http://METRICS_HOST:METRICS_PORT/ (0: off).
    metrics_port: int = Field(default=0, ge=0, le=65535)
    metrics_host: str = "127.0.0.1"

    @field_validator("retry_backoff_max_seconds")
    @classmethod
    def _check_backoff(cls, value: float, info: ValidationInfo) -> float:
        if value < info.data.get("retry_backoff_seconds", 0):
            raise ValueError("must not be below WORKER_RETRY_BACKOFF_SECONDS")
        return value


class Settings(BaseSettings):
    model_config = _group()

    app_env: Literal["development", "test", "production"] = Field(
        default="development", alias="APP_ENV"
    )
    secret_key: SecretStr = Field(default=SecretStr(DEV_SECRET), alias="SECRET_KEY")
    host: str = Field(default="127.0.0.1", alias="HOST")
    port: int = Field(default=8000, ge=1, le=65535, alias="PORT")
    vector_backend: Literal["pgvector", "weaviate"] = Field(
        default="pgvector", alias="VECTOR_BACKEND"
    )
    vector_namespace: str | None = Field(
        default=None,
        alias="VECTOR_NAMESPACE",
        pattern=r"^[A-Za-z][A-Za-z0-9_]{0,40}$",
        description="pgvector schema / Weaviate collection prefix (tests use their own)",
    )
    cors_origins: list[str] = Field(default_factory=list, alias="CORS_ORIGINS")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", alias="LOG_LEVEL"
    )
    # One JSON object per line (with request and trace ids), or `text` for a terminal.
    log_format: Literal["json", "text"] = Field(default="json", alias="LOG_FORMAT")
    # /metrics needs `Authorization: Bearer <this>`; unset, it answers loopback clients only.
    metrics_token: SecretStr | None = Field(default=None, alias="METRICS_TOKEN")
    # Traces go to this OTLP/HTTP collector (e.g. http://collector:4318); unset: no tracing.
    otlp_endpoint: str | None = Field(default=None, alias="OTEL_EXPORTER_OTLP_ENDPOINT")
    # On SIGTERM the server stops accepting, closes sockets (1012) and gives in-flight
    # requests this long to finish.
    shutdown_grace_seconds: int = Field(default=30, ge=0, le=3600, alias="SHUTDOWN_GRACE_SECONDS")

    postgres: PostgresSettings
    redis: RedisSettings
    neo4j: Neo4jSettings
    weaviate: WeaviateSettings
    embedding: EmbeddingSettings
    limits: LimitSettings
    rate_limit: RateLimitSettings = Field(default_factory=RateLimitSettings)
    auth: AuthSettings = Field(default_factory=AuthSettings)
    audit: AuditSettings = Field(default_factory=AuditSettings)
    files: FileStoreSettings = Field(default_factory=FileStoreSettings)
    upload: UploadSettings = Field(default_factory=UploadSettings)
    exports: ExportSettings = Field(default_factory=ExportSettings)
    persisted: PersistedQuerySettings = Field(default_factory=PersistedQuerySettings)
    chat: ChatSettings = Field(default_factory=ChatSettings)
    worker: WorkerSettings = Field(default_factory=WorkerSettings)

    @field_validator("otlp_endpoint", mode="before")
    @classmethod
    def _check_otlp_endpoint(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None  # set but empty: tracing stays off
        return _require_scheme(str(value), ("http", "https"), "OTEL_EXPORTER_OTLP_ENDPOINT")

    @property
    def is_production(self) -> bool:
        return self.app_env == "production"

    @model_validator(mode="after")
    def _refuse_default_secrets(self) -> Settings:
        if self.app_env == "development":
            return self
        if self.secret_key.get_secret_value() == DEV_SECRET:
            raise ValueError(f"SECRET_KEY must be set when APP_ENV={self.app_env}")
        if len(self.secret_key.get_secret_value()) < 32:
            raise ValueError("SECRET_KEY must be at least 32 characters")
        if not self.neo4j.password.get_secret_value():
            raise ValueError(f"NEO4J_PASSWORD must be set when APP_ENV={self.app_env}")
        return self

    @classmethod
    def load(cls, env_file: Path | None = None) -> Settings:
        """Read the environment; `env_file` (default: the dev stack's) fills the gaps."""
        if env_file is None:
            env_file = Path(os.environ.get("CURRICULUM_ENV_FILE", DEFAULT_ENV_FILE))
        source: Any = env_file if env_file.is_file() else None
        groups: dict[str, Any] = {}
        problems: list[str] = []
        for name, group in _GROUPS.items():
            try:
                groups[name] = group(_env_file=source)
            except ValidationError as exc:
                problems.extend(_explain(exc, group.model_config.get("env_prefix", "")))
        if problems:
            raise SettingsError("invalid configuration: " + "; ".join(problems))
        try:
            return cls(_env_file=source, **groups)
        except ValidationError as exc:
            raise SettingsError("invalid configuration: " + "; ".join(_explain(exc, ""))) from None


_GROUPS: dict[str, type[BaseSettings]] = {
    "postgres": PostgresSettings,
    "redis": RedisSettings,
    "neo4j": Neo4jSettings,
    "weaviate": WeaviateSettings,
    "embedding": EmbeddingSettings,
    "limits": LimitSettings,
    "rate_limit": RateLimitSettings,
    "auth": AuthSettings,
    "audit": AuditSettings,
    "files": FileStoreSettings,
    "upload": UploadSettings,
    "exports": ExportSettings,
    "persisted": PersistedQuerySettings,
    "chat": ChatSettings,
    "worker": WorkerSettings,
}


def _explain(exc: ValidationError, prefix: str) -> list[str]:
    """One line per bad variable, named as it is set, without echoing its value."""
    lines = []
    for error in exc.errors():
        name = "_".join(str(part) for part in error["loc"]) or exc.title
        variable = name if name.isupper() else (prefix + name).upper()
        lines.append(f"{variable}: {error['msg']}")
    return lines
