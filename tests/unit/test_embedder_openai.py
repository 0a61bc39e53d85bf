"""OpenAIEmbedder against our own fake of the OpenAI-compatible /embeddings endpoint."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from datasources.embeddings import (
    Embedder,
    EmbeddingError,
    EmbeddingUnavailable,
    HashingEmbedder,
    OpenAIEmbedder,
    create_embedder,
)
from datasources.errors import UpstreamUnavailable

DIM = 1536


def vector_for(text: str, dim: int = DIM) -> list[float]:
    return [float(len(text))] + [0.0] * (dim - 1)


class FakeProvider:
    """Answers like the OpenAI API; records what it was sent."""

    def __init__(self, *, dim: int = DIM, shuffle: bool = True) -> None:
        self.requests: list[httpx.Request] = []
        self.dim = dim
        self.shuffle = shuffle

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        body = json.loads(request.content)
        data = [
            {"object": "embedding", "index": i, "embedding": vector_for(t, self.dim)}
            for i, t in enumerate(body["input"])
        ]
        if self.shuffle:
            data.reverse()  # the API does not promise order; `index` does
        return httpx.Response(200, json={"object": "list", "data": data, "model": body["model"]})

    def inputs(self) -> list[list[str]]:
        return [json.loads(r.content)["input"] for r in self.requests]


def embedder(
    handler: Callable[[httpx.Request], httpx.Response], **kwargs: object
) -> OpenAIEmbedder:
    client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    options: dict[str, object] = {
        "base_url": "http://provider.test/v1/",
        "model": "text-embedding-3-small",
        "api_key": "sk-test",
        "client": client,
        **kwargs,
    }
    return OpenAIEmbedder(**options)  # type: ignore[arg-type]


async def test_posts_to_embeddings_with_model_and_key_and_keeps_order() -> None:
    provider = FakeProvider()
    emb = embedder(provider)
    assert isinstance(emb, Embedder)
    texts = ["a", "bb", "ccc"]
    assert await emb.embed(texts) == [vector_for(t) for t in texts]
    [request] = provider.requests
    assert request.method == "POST"
    assert str(request.url) == "http://provider.test/v1/embeddings"
    assert request.headers["authorization"] == "Bearer sk-test"
    body = json.loads(request.content)
    assert body == {"model": "text-embedding-3-small", "input": texts, "encoding_format": "float"}


async def test_batches_inputs_and_skips_blank_texts() -> None:
    provider = FakeProvider()
    emb = embedder(provider, batch_size=2)
    texts = ["one", "", "three", "  ", "five", "six", "seven"]
    vectors = await emb.embed(texts)
    assert provider.inputs() == [["one", "three"], ["five", "six"], ["seven"]]
    assert vectors[1] == vectors[3] == [0.0] * DIM
    assert vectors[6] == vector_for("seven")
    assert await emb.embed([]) == []
    assert len(provider.requests) == 3


async def test_no_authorization_header_without_key_and_optional_dimensions() -> None:
    provider = FakeProvider()
    emb = embedder(provider, api_key=None, send_dimensions=True)
    await emb.embed(["x"])
    assert "authorization" not in provider.requests[0].headers
    assert json.loads(provider.requests[0].content)["dimensions"] == DIM


@pytest.mark.parametrize("status", [400, 401, 404, 422])
async def test_client_errors_are_embedding_errors_with_the_message(status: int) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json={"error": {"message": "Incorrect API key provided"}})

    with pytest.raises(EmbeddingError, match=f"HTTP {status}.*Incorrect API key") as caught:
        await embedder(handler).embed(["x"])
    assert not isinstance(caught.value, UpstreamUnavailable)


@pytest.mark.parametrize("status", [429, 500, 502, 503])
async def test_overload_and_server_errors_mean_unavailable(status: int) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, text="try later")

    with pytest.raises(EmbeddingUnavailable, match=f"HTTP {status}") as caught:
        await embedder(handler).embed(["x"])
    assert isinstance(caught.value, UpstreamUnavailable)
    assert caught.value.store == "embeddings"


async def test_wrong_dimension_is_refused() -> None:
    with pytest.raises(EmbeddingError, match="returned 768 dimensions, expected 1536"):
        await embedder(FakeProvider(dim=768)).embed(["x"])


@pytest.mark.parametrize(
    "payload",
    [
        {"nothing": []},
        {"data": [{"index": 0}]},
        {"data": [{"index": 0, "embedding": "not a list"}]},
        {"data": []},
        {"data": [{"index": 5, "embedding": [0.0] * DIM}]},
        # Python's json module reads the non-standard NaN some servers write.
        '{"data": [{"index": 0, "embedding": [NaN' + ", 0" * (DIM - 1) + "]}]}",
    ],
)
async def test_malformed_answers_are_refused(payload: dict[str, object] | str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if isinstance(payload, str):
            return httpx.Response(200, text=payload)
        return httpx.Response(200, json=payload)

    with pytest.raises(EmbeddingError):
        await embedder(handler).embed(["x"])


async def test_non_json_answer_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="<html>proxy login</html>")

    with pytest.raises(EmbeddingError, match="malformed"):
        await embedder(handler).embed(["x"])


@pytest.fixture
async def silent_server() -> AsyncIterator[str]:
    """A real local server that accepts connections and never answers."""

    async def hang(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1 << 16)
        await asyncio.sleep(30)

    server = await asyncio.start_server(hang, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}/v1"
    server.close()


async def test_timeout_means_unavailable(silent_server: str) -> None:
    emb = OpenAIEmbedder(base_url=silent_server, model="m", timeout=0.2)
    try:
        with pytest.raises(EmbeddingUnavailable, match=r"no answer within 0\.2s"):
            await emb.embed(["x"])
    finally:
        await emb.close()


async def test_refused_connection_means_unavailable() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    emb = OpenAIEmbedder(base_url=f"http://127.0.0.1:{port}/v1", model="m", timeout=2)
    try:
        with pytest.raises(EmbeddingUnavailable, match="ConnectError"):
            await emb.embed(["x"])
    finally:
        await emb.close()


async def test_close_leaves_a_client_it_did_not_create_open() -> None:
    client = httpx.AsyncClient(transport=httpx.MockTransport(FakeProvider()))
    emb = OpenAIEmbedder(base_url="http://p.test", model="m", client=client)
    await emb.close()
    assert not client.is_closed
    await client.aclose()


async def test_factory() -> None:
    hashing = create_embedder(provider="hashing", url="", model="", api_key=None, timeout=1)
    assert isinstance(hashing, HashingEmbedder)
    remote = create_embedder(
        provider="openai", url="http://p.test/v1", model="m", api_key="k", timeout=3
    )
    assert isinstance(remote, OpenAIEmbedder) and remote.dimensions == DIM
    await remote.close()
    with pytest.raises(ValueError, match="unknown embedding provider"):
        create_embedder(provider="magic", url="", model="", api_key=None, timeout=1)
