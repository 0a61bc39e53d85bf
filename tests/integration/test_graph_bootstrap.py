"""The graph schema bootstrap is idempotent and creates the seed's indexes."""

from __future__ import annotations

from datasources.neo4j.bootstrap import bootstrap_graph
from datasources.stores import Stores


async def test_bootstrap_twice_leaves_the_seed_indexes_and_constraints(stores: Stores) -> None:
    driver = stores.graph.driver
    await bootstrap_graph(driver, database="neo4j")
    await bootstrap_graph(driver, database="neo4j")
    indexes, _, _ = await driver.execute_query(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state "
        "RETURN name, type, labelsOrTypes, properties, state"
    )
    by_name = {r["name"]: r for r in indexes}
    for name in ("concept_title", "concept_difficulty", "course_id", "document_id"):
        assert by_name[name]["state"] == "ONLINE"
    search = by_name["conceptSearch"]
    assert search["type"] == "FULLTEXT"
    assert search["properties"] == ["title", "description", "tags"]
    constraints, _, _ = await driver.execute_query(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN *"
    )
    unique = {
        (r["labelsOrTypes"][0], r["properties"][0])
        for r in constraints
        if r["type"] == "UNIQUENESS"
    }
    assert {
        ("Concept", "id"),
        ("Course", "id"),
        ("Document", "id"),
        ("LearningObjective", "id"),
    } <= unique
