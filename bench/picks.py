"""What the benchmark asks for: seeded course ids, deep concepts, fresh search texts."""

from __future__ import annotations

import random
from dataclasses import dataclass

import asyncpg
from neo4j import AsyncGraphDatabase

from datasources.settings import Settings
from gateway.seed.data import DEMO_TAG, SeedSpec, build_dataset
from gateway.seed.vocab import ASPECTS_EN, ASPECTS_ZH, SUBJECTS


@dataclass(frozen=True, slots=True)
class Picks:
    courses: list[str]
    deep_concepts: list[str]
    queries: list[str]
    sizes: dict[str, int]


def search_texts() -> list[str]:
    """10,000 distinct queries in English and Chinese, in a fixed shuffled order."""
    texts = []
    for subject in SUBJECTS:
        zh = subject.language == "zh-CN"
        for term in subject.terms:
            for aspect in ASPECTS_ZH if zh else ASPECTS_EN:
                if zh:
                    texts += [f"{term}的{aspect}", f"{aspect} {term}"]
                else:
                    texts += [f"{term.lower()} {aspect}", f"{aspect} of {term.lower()}"]
    random.Random("bench:search").shuffle(texts)  # noqa: S311 - an order, not a secret
    return texts


async def pick(settings: Settings, *, scale: int) -> Picks:
    spec = SeedSpec.for_scale(scale)
    data = build_dataset(spec)
    per_subject = spec.concepts_per_subject
    # The last 20 concepts of each subject sit on the longest prerequisite chains.
    deep = [str(c.id) for c in data.concepts if c.index % per_subject >= per_subject - 20]
    conn = await asyncpg.connect(settings.postgres.asyncpg_dsn)
    try:
        courses = [
            str(r["id"])
            for r in await conn.fetch(
                "SELECT id FROM courses WHERE metadata->>'seed' = $1 ORDER BY id", DEMO_TAG
            )
        ]
        sizes = {
            table: await conn.fetchval(f"SELECT count(*) FROM {table}")  # noqa: S608
            for table in ("users", "courses", "documents", "course_documents",
                          "knowledge_extractions")
        }  # fmt: skip
        schema = settings.vector_namespace or "vectors"
        if settings.vector_backend == "pgvector":
            for table in ("document_chunks", "concept_embeddings", "question_answers"):
                sizes[table] = await conn.fetchval(f'SELECT count(*) FROM "{schema}".{table}')  # noqa: S608
    finally:
        await conn.close()
    n = settings.neo4j
    driver = AsyncGraphDatabase.driver(n.uri, auth=(n.user, n.password.get_secret_value()))
    try:
        records, _, _ = await driver.execute_query(
            "MATCH (c:Concept) WHERE c.id IN $ids RETURN count(c) AS n", ids=deep,
            database_=n.database,
        )  # fmt: skip
        if records[0]["n"] != len(deep) or not courses:
            raise SystemExit("the demo dataset is not seeded: run `curriculum seed-demo --scale 1`")
        for label in ("Concept", "Course", "Document", "LearningObjective"):
            records, _, _ = await driver.execute_query(
                f"MATCH (n:{label}) RETURN count(n) AS n", database_=n.database
            )
            sizes[f"neo4j {label}"] = records[0]["n"]
        for kind in ("PREREQUISITE", "RELATES_TO", "EXTRACTED_FROM", "CONTAINS", "ACHIEVES"):
            records, _, _ = await driver.execute_query(
                f"MATCH ()-[r:{kind}]->() RETURN count(r) AS n", database_=n.database
            )
            sizes[f"neo4j {kind}"] = records[0]["n"]
    finally:
        await driver.close()
    return Picks(courses=courses, deep_concepts=deep, queries=search_texts(), sizes=sizes)
