"""Idempotent graph schema: uniqueness constraints, the seed's indexes, full-text index."""

from __future__ import annotations

from neo4j import AsyncDriver

# The constraints on Course.id and Document.id carry the seed's index names
# (`course_id`, `document_id`): a uniqueness constraint is backed by a range index on
# the same property, and Neo4j refuses a second index on the same schema.
STATEMENTS: tuple[str, ...] = (
    "CREATE CONSTRAINT concept_id_unique IF NOT EXISTS FOR (c:Concept) REQUIRE c.id IS UNIQUE",
    "CREATE CONSTRAINT course_id IF NOT EXISTS FOR (c:Course) REQUIRE c.id IS UNIQUE",
    "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
    "CREATE CONSTRAINT learning_objective_id_unique IF NOT EXISTS "
    "FOR (o:LearningObjective) REQUIRE o.id IS UNIQUE",
    # The lock node datasources/neo4j/documents.py serialises edge-adding transactions on.
    "CREATE CONSTRAINT graph_lock_name_unique IF NOT EXISTS "
    "FOR (l:GraphLock) REQUIRE l.name IS UNIQUE",
    "CREATE INDEX concept_title IF NOT EXISTS FOR (c:Concept) ON (c.title)",
    "CREATE INDEX concept_difficulty IF NOT EXISTS FOR (c:Concept) ON (c.difficulty)",
    "CREATE FULLTEXT INDEX conceptSearch IF NOT EXISTS "
    "FOR (c:Concept) ON EACH [c.title, c.description, c.tags]",
)


async def bootstrap_graph(driver: AsyncDriver, *, database: str) -> None:
    """Create what is missing; running it again changes nothing."""
    for statement in STATEMENTS:
        await driver.execute_query(statement, database_=database)
    await driver.execute_query("CALL db.awaitIndexes(60)", database_=database)
