"""Configuration from the environment: bad values are named, secrets are guarded."""

from pathlib import Path

import pytest

from datasources.settings import Settings, SettingsError

EMPTY = Path("/nonexistent/env")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "DATABASE_URL",
        "REDIS_URL",
        "NEO4J_URI",
        "NEO4J_PASSWORD",
        "APP_ENV",
        "SECRET_KEY",
        "GRAPHQL_MAX_DEPTH",
        "VECTOR_BACKEND",
        "WEAVIATE_USE_GRAPHQL",
        "PORT",
    ):
        monkeypatch.delenv(name, raising=False)


def test_defaults_load_in_development() -> None:
    settings = Settings.load(EMPTY)
    assert settings.app_env == "development"
    assert settings.postgres.sqlalchemy_url.startswith("postgresql+asyncpg://")
    assert settings.weaviate.use_graphql is True


def test_weaviate_graphql_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEAVIATE_USE_GRAPHQL", "false")
    assert Settings.load(EMPTY).weaviate.use_graphql is False


@pytest.mark.parametrize(
    ("name", "value", "named"),
    [
        ("DATABASE_URL", "mysql://x/y", "DATABASE_URL"),
        ("REDIS_URL", "http://localhost", "REDIS_URL"),
        ("NEO4J_URI", "localhost:7687", "NEO4J_URI"),
        ("GRAPHQL_MAX_DEPTH", "deep", "GRAPHQL_MAX_DEPTH"),
        ("GRAPHQL_MAX_DEPTH", "0", "GRAPHQL_MAX_DEPTH"),
        ("VECTOR_BACKEND", "faiss", "VECTOR_BACKEND"),
        ("WEAVIATE_USE_GRAPHQL", "sometimes", "WEAVIATE_USE_GRAPHQL"),
        ("PORT", "70000", "PORT"),
        ("LOG_FORMAT", "xml", "LOG_FORMAT"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318", "OTEL_EXPORTER_OTLP_ENDPOINT"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "grpc://collector:4317", "OTEL_EXPORTER_OTLP_ENDPOINT"),
        ("SHUTDOWN_GRACE_SECONDS", "soon", "SHUTDOWN_GRACE_SECONDS"),
    ],
)
def test_bad_values_are_named(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, named: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as raised:
        Settings.load(EMPTY)
    assert named in str(raised.value)


def test_production_refuses_default_and_short_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("NEO4J_PASSWORD", "a-real-password")
    with pytest.raises(SettingsError, match="SECRET_KEY must be set"):
        Settings.load(EMPTY)
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(SettingsError, match="at least 32"):
        Settings.load(EMPTY)
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    assert Settings.load(EMPTY).is_production


def test_secrets_do_not_appear_in_errors_or_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "hunter2-secret")
    settings = Settings.load(EMPTY)
    assert "hunter2-secret" not in repr(settings)
    monkeypatch.setenv("DATABASE_URL", "not a url hunter2-secret")
    with pytest.raises(SettingsError) as raised:
        Settings.load(EMPTY)
    assert "hunter2-secret" not in str(raised.value)


def test_an_empty_otlp_endpoint_leaves_tracing_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", " ")
    assert Settings.load(EMPTY).otlp_endpoint is None
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
    assert Settings.load(EMPTY).otlp_endpoint == "http://collector:4318"


def test_the_metrics_token_is_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("METRICS_TOKEN", "scrape-token-123")
    settings = Settings.load(EMPTY)
    assert settings.metrics_token is not None
    assert "scrape-token-123" not in repr(settings)
