"""The Cypher of datasources/neo4j/documents.py (every value a parameter).

`document_ids` on RELATES_TO / PREREQUISITE: the documents whose evidence supports the
edge; absent on edges a person (or the seed) made, which these statements never touch.
"""

from __future__ import annotations

from typing import LiteralString

from datasources.neo4j.graph import CONCEPTS_BY_IDS

CONCEPTS: LiteralString = CONCEPTS_BY_IDS

# Serialises every transaction that adds PREREQUISITE edges (uniqueness constraint on
# name: concurrent MERGEs of the node cannot create two).
LOCK: LiteralString = "MERGE (l:GraphLock {name: 'prerequisites'}) SET l.taken_at = timestamp()"

KNOWN_CONCEPTS: LiteralString = (
    "MATCH (c:Concept)-[:EXTRACTED_FROM]->(d:Document) "
    "WHERE d.id <> $document AND d.language IS NOT NULL "
    "WITH c, d.language AS language, collect(d.id) AS documents LIMIT $limit "
    "RETURN c.id AS id, c.title AS title, c.description AS description, language, documents"
)

SOLE_SOURCE: LiteralString = (
    "MATCH (c:Concept)-[:EXTRACTED_FROM]->(:Document {id: $document}) "
    "WHERE NOT c.id IN $keep "
    "AND NOT EXISTS { MATCH (c)-[:EXTRACTED_FROM]->(o:Document) WHERE o.id <> $document } "
    "RETURN c.id AS id"
)

DOCUMENT: LiteralString = (
    "MERGE (d:Document {id: $id}) ON CREATE SET d.created_at = datetime() "
    "SET d.title = $title, d.type = $type, d.language = $language"
)

SOURCED_FROM: LiteralString = (
    "MATCH (c:Concept)-[:EXTRACTED_FROM]->(:Document {id: $document}) RETURN c.id AS id"
)

EXISTING: LiteralString = "UNWIND $ids AS id MATCH (c:Concept {id: id}) RETURN c.id AS id"

# A longer description wins; the other properties are the first document's (or fill a gap).
# updated_at comes first so it sees the description before this SET changes it.
MERGE_CONCEPTS: LiteralString = (
    "UNWIND $rows AS row MERGE (n:Concept {id: row.id}) "
    "ON CREATE SET n.created_at = datetime(), n.updated_at = datetime(), n.title = row.title, "
    "n.description = row.description, n.difficulty = row.difficulty, "
    "n.category = row.category, n.tags = row.tags "
    "ON MATCH SET n.updated_at = CASE WHEN row.description IS NOT NULL AND "
    "(n.description IS NULL OR size(row.description) > size(n.description)) "
    "THEN datetime() ELSE n.updated_at END, "
    "n.description = CASE WHEN row.description IS NOT NULL AND "
    "(n.description IS NULL OR size(row.description) > size(n.description)) "
    "THEN row.description ELSE n.description END, "
    "n.title = coalesce(n.title, row.title), "
    "n.difficulty = coalesce(n.difficulty, row.difficulty), "
    "n.category = coalesce(n.category, row.category), "
    "n.tags = CASE WHEN n.tags IS NULL OR size(n.tags) = 0 THEN row.tags ELSE n.tags END"
)

DROP_STALE_SOURCES: LiteralString = (
    "MATCH (c:Concept)-[r:EXTRACTED_FROM]->(:Document {id: $document}) "
    "WHERE NOT c.id IN $keep DELETE r"
)

MERGE_SOURCES: LiteralString = (
    "MATCH (d:Document {id: $document}) UNWIND $rows AS row "
    "MATCH (c:Concept {id: row.id}) MERGE (c)-[r:EXTRACTED_FROM]->(d) "
    "SET r.page = row.page, r.confidence = row.confidence, r.context = row.context, "
    "r.order = row.order "
    "RETURN c.id AS id"
)

# Take the document off the edges around `concepts` that its new evidence no longer
# supports (all of them when the lists are empty); delete the edges left unsupported.
FORGET_EDGES: LiteralString = (
    "UNWIND $concepts AS id "
    "MATCH (:Concept {id: id})-[r:PREREQUISITE|RELATES_TO]-(:Concept) "
    "WHERE $document IN r.document_ids "
    "WITH DISTINCT r, startNode(r).id AS a, endNode(r).id AS b "
    "WHERE NOT ((type(r) = 'PREREQUISITE' AND [a, b] IN $prerequisites) "
    "OR (type(r) = 'RELATES_TO' AND ([a, b] IN $relates OR [b, a] IN $relates))) "
    "SET r.document_ids = [x IN r.document_ids WHERE x <> $document] "
    "WITH r WHERE size(r.document_ids) = 0 DELETE r"
)

COURSES_LOSING: LiteralString = (
    "UNWIND $ids AS id MATCH (c:Concept {id: id}) "
    "WHERE NOT EXISTS { (c)-[:EXTRACTED_FROM]->() } "
    "MATCH (k:Course)-[:CONTAINS]->(c) RETURN DISTINCT k.id AS id"
)

DELETE_SOURCELESS: LiteralString = (
    "UNWIND $ids AS id MATCH (c:Concept {id: id}) "
    "WHERE NOT EXISTS { (c)-[:EXTRACTED_FROM]->() } "
    "DETACH DELETE c RETURN id"
)

DELETE_DOCUMENT: LiteralString = "MATCH (d:Document {id: $document}) DETACH DELETE d"

MERGE_RELATIONS: LiteralString = (
    "UNWIND $rows AS row MATCH (a:Concept {id: row.a}) MATCH (b:Concept {id: row.b}) "
    "OPTIONAL MATCH (a)-[e:RELATES_TO]-(b) "
    "WITH a, b, row, head(collect(e)) AS e "
    "FOREACH (_ IN CASE WHEN e IS NULL THEN [1] ELSE [] END | "
    "  CREATE (a)-[:RELATES_TO {type: row.type, strength: row.strength, "
    "document_ids: [$document]}]->(b)) "
    "FOREACH (_ IN CASE WHEN e IS NOT NULL AND e.document_ids IS NOT NULL THEN [1] ELSE [] END | "
    "  SET e.strength = CASE WHEN e.document_ids = [$document] "
    "OR row.strength > coalesce(e.strength, 0.0) THEN row.strength ELSE e.strength END, "
    "e.type = CASE WHEN e.document_ids = [$document] THEN row.type "
    "ELSE coalesce(e.type, row.type) END, "
    "e.document_ids = CASE WHEN $document IN e.document_ids THEN e.document_ids "
    "ELSE e.document_ids + $document END) "
    "RETURN row.a AS a"
)
