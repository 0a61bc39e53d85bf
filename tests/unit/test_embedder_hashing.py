"""HashingEmbedder: deterministic, normalised, and similar texts score higher."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys

import pytest

from datasources.embeddings import EMBEDDING_DIMENSIONS, Embedder, HashingEmbedder
from datasources.embeddings.hashing import features, hash_embed


def cosine(a: list[float], b: list[float]) -> float:
    return math.fsum(x * y for x, y in zip(a, b, strict=True))  # inputs are unit vectors


async def embed(*texts: str) -> list[list[float]]:
    return await HashingEmbedder().embed(list(texts))


def test_is_an_embedder_of_1536_dimensions() -> None:
    embedder = HashingEmbedder()
    assert isinstance(embedder, Embedder)
    assert embedder.dimensions == EMBEDDING_DIMENSIONS == 1536


async def test_vectors_are_unit_length_and_in_input_order() -> None:
    texts = ["first text about cells", "second text about markets", "第三段中文文本"]
    vectors = await embed(*texts)
    assert len(vectors) == 3
    for text, vector in zip(texts, vectors, strict=True):
        assert len(vector) == 1536
        assert math.fsum(x * x for x in vector) == pytest.approx(1.0)
        assert vector == hash_embed(text)


@pytest.mark.parametrize("text", ["", "   ", "!!! ... ---", "\n\t"])
async def test_text_without_tokens_is_the_zero_vector(text: str) -> None:
    [vector] = await embed(text)
    assert vector == [0.0] * 1536
    assert not any(math.isnan(x) for x in vector)


async def test_empty_batch() -> None:
    assert await embed() == []


async def test_a_single_string_is_refused() -> None:
    with pytest.raises(TypeError):
        await HashingEmbedder().embed("not a list")


async def test_similar_english_texts_score_higher_than_unrelated() -> None:
    base, similar, unrelated = await embed(
        "The mitochondria is the powerhouse of the cell and produces energy.",
        "Mitochondria produce the energy of the cell; they are its powerhouse.",
        "Stock markets fell sharply on Tuesday after the central bank raised rates.",
    )
    assert cosine(base, similar) > 0.5
    assert cosine(base, similar) > cosine(base, unrelated) + 0.3


async def test_similar_chinese_texts_score_higher_than_unrelated() -> None:
    base, similar, unrelated = await embed(
        "机器学习是人工智能的一个分支",
        "人工智能领域中的机器学习方法",
        "今天天气很好，适合去公园散步",  # noqa: RUF001 - Chinese punctuation
    )
    assert cosine(base, similar) > 0.3
    assert cosine(base, similar) > cosine(base, unrelated) + 0.2
    assert cosine(base, unrelated) < 0.15


async def test_normalisation_full_width_and_case() -> None:
    a, b, c = await embed("ＧＰＵ Computing", "gpu computing", "GPU COMPUTING")  # noqa: RUF001
    assert a == b == c


def test_features_split_words_and_cjk_ngrams() -> None:
    assert list(features("GPU加速计算 fast")) == [
        "w:gpu",
        "u:加",
        "b:加速",
        "u:速",
        "b:速计",
        "u:计",
        "b:计算",
        "u:算",
        "w:fast",
    ]
    assert list(features("Straße café_1")) == ["w:strasse", "w:café_1"]


async def test_repetition_is_damped() -> None:
    once, many = await embed("energy market", "energy energy energy energy energy market")
    # Sublinear TF: repeating a word raises its weight, but far less than linearly.
    assert 0.5 < cosine(once, many) < 1.0


def test_stable_across_processes_with_different_hash_seeds() -> None:
    code = (
        "import json; from datasources.embeddings.hashing import hash_embed; "
        "v = hash_embed('stable 稳定 vectors'); "
        "print(json.dumps([i for i, x in enumerate(v) if x]))"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
            [sys.executable, "-W", "ignore", "-c", code],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(done.stdout.strip())
    assert len(outputs) == 1
    here = [i for i, x in enumerate(hash_embed("stable 稳定 vectors")) if x]
    assert json.loads(outputs.pop()) == here


async def test_large_batches_run_off_the_event_loop_with_the_same_result() -> None:
    texts = [f"document number {i} about topic {i % 7} " * 20 for i in range(60)]
    vectors = await HashingEmbedder().embed(texts)
    assert vectors == [hash_embed(t) for t in texts]


def test_dimensions_must_be_positive() -> None:
    with pytest.raises(ValueError):
        HashingEmbedder(dimensions=0)
