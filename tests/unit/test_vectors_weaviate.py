"""Weaviate backend pieces that need no server: names, property mapping, error mapping,
which answers switch the batched reads from GraphQL to gRPC."""

from __future__ import annotations

import uuid

import httpx
import pytest
from weaviate.exceptions import (
    UnexpectedStatusCodeError,
    WeaviateConnectionError,
    WeaviateInvalidInputError,
    WeaviateQueryError,
    WeaviateTimeoutError,
)

from datasources.vectors import ChunkRecord, ConceptVectorRecord, QARecord
from datasources.vectors import weaviate_schema as ws
from datasources.vectors.weaviate_client import is_unavailable, make_client
from datasources.vectors.weaviate_index import WeaviateVectorIndex, graphql_disabled

V = [1.0] + [0.0] * 1535


def test_collection_names_follow_the_seed_with_an_optional_prefix() -> None:
    assert ws.collection_names("") == {
        "chunk": "DocumentChunk",
        "concept": "ConceptEmbedding",
        "qa": "QuestionAnswer",
    }
    assert ws.collection_names("T1_")["chunk"] == "T1_DocumentChunk"
    for bad in ("lower", "1A", "A-b", "A B"):
        with pytest.raises(ValueError):
            ws.collection_names(bad)


def test_property_names_are_the_seeds() -> None:
    names = {kind: [p.name for p in props] for kind, props in ws.PROPERTIES.items()}
    assert names == {
        "chunk": ["content", "documentId", "pageNumber", "chunkIndex", "metadata"],
        "concept": ["title", "description", "neo4jNodeId", "category", "tags"],
        "qa": ["question", "answer", "courseId", "difficulty", "topic"],
    }


def test_records_round_trip_through_properties() -> None:
    doc, course = uuid.uuid4(), uuid.uuid4()
    chunk = ChunkRecord.create(
        document_id=doc, chunk_index=2, content="光合作用", vector=V, page_number=3,
        metadata={"标题": "第一章", "n": 1},
    )  # fmt: skip
    props = ws.to_properties(chunk)
    assert props["documentId"] == str(doc)
    assert props["metadata"] == '{"n": 1, "标题": "第一章"}'
    assert ws.record_from("chunk", chunk.id, props) == ChunkRecord(
        id=chunk.id, document_id=doc, content="光合作用", page_number=3, chunk_index=2,
        metadata={"标题": "第一章", "n": 1},
    )  # fmt: skip
    concept = ConceptVectorRecord(id=uuid.uuid4(), title="t", tags=("a", "b"))
    props = ws.to_properties(concept)
    assert "description" not in props  # Weaviate has no null; absent reads back as None
    assert ws.record_from("concept", concept.id, props) == concept
    qa = QARecord(id=uuid.uuid4(), question="q", answer="a", course_id=course, topic="x")
    assert ws.record_from("qa", qa.id, ws.to_properties(qa)) == qa


@pytest.mark.parametrize(
    "error",
    [
        WeaviateConnectionError("refused"),
        WeaviateTimeoutError("slow"),
        WeaviateQueryError("<AioRpcError status = StatusCode.UNAVAILABLE>", "GRPC search"),
        ConnectionRefusedError(),
        httpx.ConnectError("refused"),
    ],
)
def test_down_errors_are_unavailable(error: Exception) -> None:
    assert is_unavailable(error)


@pytest.mark.parametrize(
    "error",
    [
        WeaviateInvalidInputError("bad argument"),
        WeaviateQueryError("no such class DocumentChunk", "GRPC search"),
        ValueError("ours"),
    ],
)
def test_request_errors_are_not_unavailable(error: Exception) -> None:
    assert not is_unavailable(error)


def test_http_status_decides_for_unexpected_status() -> None:
    def status(code: int) -> UnexpectedStatusCodeError:
        response = httpx.Response(code, request=httpx.Request("GET", "http://w.test"))
        return UnexpectedStatusCodeError("x", response)

    assert is_unavailable(status(503))
    assert not is_unavailable(status(422))


def _graphql_answer(code: int, body: object) -> UnexpectedStatusCodeError:
    request = httpx.Request("POST", "http://w.test/v1/graphql")
    return UnexpectedStatusCodeError(
        "Raw GQL query failed", httpx.Response(code, json=body, request=request)
    )


@pytest.mark.parametrize(
    ("error", "disabled"),
    [
        # Weaviate 1.35.2 with DISABLE_GRAPHQL=true
        (_graphql_answer(422, {"error": [{"message": "graphql api is disabled"}]}), True),
        # the router's answer for a path it does not serve (GraphQL removed)
        (_graphql_answer(404, {"code": 404, "message": "path /v1/graphql was not found"}), True),
        (_graphql_answer(422, {"error": [{"message": "no graphql provider present"}]}), False),
        (_graphql_answer(422, {"error": [{"message": "query cannot be empty"}]}), False),
        (_graphql_answer(422, None), False),
        (_graphql_answer(403, {"error": [{"message": "graphql api is disabled"}]}), False),
        (_graphql_answer(500, {"error": [{"message": "graphql api is disabled"}]}), False),
        (WeaviateQueryError("graphql api is disabled", "GraphQL"), False),
        (WeaviateConnectionError("refused"), False),
    ],
)
def test_only_a_server_without_graphql_switches_to_grpc(error: Exception, disabled: bool) -> None:
    assert graphql_disabled(error) is disabled


def test_the_grpc_path_can_be_forced_without_settings() -> None:
    def index(use_graphql: bool) -> WeaviateVectorIndex:
        return WeaviateVectorIndex.from_urls(
            http_url="http://w.test", grpc_url="http://g.test", use_graphql=use_graphql
        )

    assert WeaviateVectorIndex.from_urls(
        http_url="http://w.test", grpc_url="http://g.test"
    )._graphql
    assert index(True)._graphql
    assert not index(False)._graphql


async def test_client_is_built_from_urls_without_connecting() -> None:
    client = make_client(
        http_url="https://w.test:8443", grpc_url="http://g.test:50052", api_key=None, timeout=1
    )
    assert not client.is_connected()
    with pytest.raises(ValueError):
        make_client(http_url="w.test", grpc_url="http://g.test", api_key=None, timeout=1)


async def test_the_factory_passes_the_graphql_choice_through() -> None:
    from datasources.vectors.factory import create_vector_index

    for choice in (True, False):
        index = await create_vector_index(
            "weaviate",
            weaviate_url="http://127.0.0.1:1",
            weaviate_grpc_url="http://127.0.0.1:2",
            weaviate_use_graphql=choice,
        )
        try:
            assert index._graphql is choice  # type: ignore[attr-defined]
        finally:
            await index.close()
