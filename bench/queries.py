"""The four benchmarked GraphQL operations and what each answer adds up to.

`summary_*` reduce a GraphQL answer to counts and ids; bench/raw.py reduces the
raw-driver rows the same way, so the runner can check both fetched the same data.
"""

from __future__ import annotations

import base64
from collections import Counter
from typing import Any

# The fixed cost of a request (HTTP, auth, rate limit, audit, parse/validate/execute).
TYPENAME = "query Ping { __typename }"

COURSE = """
query Course($id: ID!) {
  course(id: $id) {
    id title
    concepts {
      week order
      concept {
        id title
        prerequisites { concept { title } }
        sources { document { filename } }
      }
    }
  }
}"""

COURSES = """
query Courses {
  courses(first: 50) {
    edges {
      node {
        id title status
        author { username }
        concepts {
          concept {
            title
            prerequisites { concept { title } }
            sources { page document { filename owner { username } } }
          }
        }
      }
    }
  }
}"""

SEARCH = """
query Search($q: String!) {
  semanticSearch(query: $q, limit: 10) {
    __typename
    ... on ChunkHit { id score highlight document { filename } }
    ... on ConceptHit { id score concept { title } }
    ... on QuestionAnswerHit { id score answer course { title } }
  }
}"""

PATH = """
query Path($id: ID!) {
  learningPath(toConceptId: $id) {
    target { title }
    steps { id title }
    cyclesBroken { id }
  }
}"""


def raw_id(global_id: str) -> str:
    padded = global_id + "=" * (-len(global_id) % 4)
    return base64.urlsafe_b64decode(padded).decode().partition(":")[2]


def summary_course(data: dict[str, Any]) -> tuple[Any, ...]:
    course = data["course"]
    placed = course["concepts"]
    return (
        raw_id(course["id"]),
        len(placed),
        sum(len(p["concept"]["prerequisites"]) for p in placed),
        tuple(sorted(Counter(
            s["document"]["filename"] for p in placed for s in p["concept"]["sources"]
        ).items())),
    )  # fmt: skip


def summary_courses(data: dict[str, Any]) -> tuple[Any, ...]:
    nodes = [e["node"] for e in data["courses"]["edges"]]
    concepts = [p["concept"] for n in nodes for p in n["concepts"]]
    sources = [s for c in concepts for s in c["sources"]]
    return (
        tuple(raw_id(n["id"]) for n in nodes),
        tuple(sorted(Counter(n["author"]["username"] for n in nodes).items())),
        len(concepts),
        sum(len(c["prerequisites"]) for c in concepts),
        len(sources),
        tuple(sorted(Counter(s["document"]["owner"]["username"] for s in sources).items())),
    )


def summary_search(data: dict[str, Any]) -> tuple[Any, ...]:
    kinds = {"ChunkHit": "chunk", "ConceptHit": "concept", "QuestionAnswerHit": "qa"}
    return tuple(sorted((kinds[h["__typename"]], raw_id(h["id"])) for h in data["semanticSearch"]))


def summary_path(data: dict[str, Any]) -> tuple[Any, ...]:
    path = data["learningPath"]
    return (path["target"]["title"], tuple(raw_id(s["id"]) for s in path["steps"]))


def summary_typename(data: dict[str, Any]) -> tuple[Any, ...]:
    return (data["__typename"] == "Query",)
