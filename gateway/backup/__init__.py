"""`curriculum backup DIR` and `curriculum restore DIR` (docs/operations.md).

One backup is one timestamped folder holding every store's part and a manifest.json
that describes it (versions, counts, checksums):

| part | store | how |
|---|---|---|
| `postgres.dump` | PostgreSQL (pgvector vectors included) | pg_dump, custom format |
| `neo4j/nodes.jsonl`, `neo4j/relationships.jsonl` | Neo4j | Cypher export (graph.py) |
| `redis.jsonl` | Redis (the main instance's database) | DUMP of every key with its TTL |
| `weaviate/<id>/` | Weaviate (when used) | its backup module, filesystem backend |
| `files/` | the FileStore | the files, named by their SHA-256 |

Each store has a module with `save(...)` and `load(...)`; run.py puts them together.
"""
