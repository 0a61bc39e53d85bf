"""LearningObjective nodes from the graph."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from datasources.neo4j.records import ObjectiveRecord
from resolvers import objectives as objective_resolvers
from resolvers.context import Info
from resolvers.ids import to_global_id
from schema.common import BloomLevel, Node, enum_or_none, node_for

if TYPE_CHECKING:
    from schema.course import Course


@strawberry.type
class LearningObjective(Node):
    record: strawberry.Private[ObjectiveRecord]
    id: strawberry.ID
    description: str
    bloom_level: BloomLevel | None
    measurable: bool

    @classmethod
    def from_record(cls, r: ObjectiveRecord) -> LearningObjective:
        return cls(
            record=r,
            id=strawberry.ID(to_global_id("LearningObjective", r.id)),
            description=r.description,
            bloom_level=enum_or_none(BloomLevel, r.bloom_level),
            measurable=r.measurable,
        )

    @strawberry.field
    async def courses(
        self, info: Info
    ) -> list[Annotated[Course, strawberry.lazy("schema.course")]] | None:
        from schema.course import Course

        ctx = info.context
        found = await objective_resolvers.objective_courses(ctx, self.record.id)
        return [node_for(ctx, Course, c) for c in found]
