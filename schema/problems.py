"""Expected mutation failures as schema types (returned in result unions)."""

from __future__ import annotations

import strawberry

from resolvers.course_mutations import Problem


@strawberry.type
class NotFound:
    message: str


@strawberry.type
class InvalidInput:
    message: str
    field: str | None


@strawberry.type
class Conflict:
    message: str


def to_problem(problem: Problem) -> NotFound | InvalidInput | Conflict:
    if problem.kind == "not_found":
        return NotFound(message=problem.message)
    if problem.kind == "conflict":
        return Conflict(message=problem.message)
    return InvalidInput(message=problem.message, field=problem.field)


@strawberry.type
class Deleted:
    id: strawberry.ID
