"""Concept and edge mutations."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import strawberry

from datasources.concept_keys import concept_key
from datasources.ids import concept_id_for
from datasources.neo4j.writes import ConceptInput as ConceptData
from resolvers import graph_mutations as resolvers
from resolvers.context import Info
from resolvers.course_mutations import Problem
from resolvers.errors import bad_input
from resolvers.ids import from_global_id, to_global_id
from resolvers.validation import check_unit_interval, clean_tags, clean_text
from schema.common import Difficulty
from schema.concept import Concept
from schema.problems import Conflict, Deleted, InvalidInput, NotFound, to_problem

ConceptResult = Annotated[
    Concept | NotFound | InvalidInput | Conflict, strawberry.union("ConceptResult")
]
EdgeResult = Annotated[Concept | NotFound | InvalidInput | Conflict, strawberry.union("EdgeResult")]
ConceptDeleteResult = Annotated[Deleted | NotFound, strawberry.union("ConceptDeleteResult")]
RELATION_TYPES = ("similar", "opposite", "example", "part_of", "related")


@strawberry.input
class ConceptInput:
    title: str
    description: str | None = None
    difficulty: Difficulty | None = None
    category: str | None = None
    tags: list[str] | None = None
    language: str = "en"


def _concept_id(raw: strawberry.ID) -> UUID:
    return from_global_id(raw, expect="Concept")[1]


def _data(concept_id: UUID | None, data: ConceptInput) -> ConceptData:
    title = clean_text(data.title, field="title", max_length=300, required=True) or ""
    language = clean_text(data.language, field="language", max_length=10, required=True) or "en"
    return ConceptData(
        id=concept_id or concept_id_for(concept_key(title), language),
        title=title,
        description=clean_text(
            data.description, field="description", max_length=10_000, multiline=True
        ),
        difficulty=data.difficulty.value if data.difficulty else None,
        category=clean_text(data.category, field="category", max_length=100),
        tags=clean_tags(data.tags),
    )


async def _concept_after_edge(info: Info, result: bool | Problem, concept_id: UUID) -> EdgeResult:
    if isinstance(result, Problem):
        return to_problem(result)  # type: ignore[return-value]
    found = await resolvers.concept_after_edit(info.context, concept_id)
    return Concept.from_record(found) if found else NotFound(message="no such concept")


@strawberry.type
class GraphMutations:
    @strawberry.mutation(description="Create a concept; its id derives from title + language.")
    async def create_concept(self, info: Info, input: ConceptInput) -> ConceptResult:
        result = await resolvers.save_concept(info.context, _data(None, input), creating=True)
        return to_problem(result) if isinstance(result, Problem) else Concept.from_record(result)  # type: ignore[return-value]

    @strawberry.mutation
    async def update_concept(
        self, info: Info, id: strawberry.ID, input: ConceptInput
    ) -> ConceptResult:
        data = _data(_concept_id(id), input)
        result = await resolvers.save_concept(info.context, data, creating=False)
        return to_problem(result) if isinstance(result, Problem) else Concept.from_record(result)  # type: ignore[return-value]

    @strawberry.mutation
    async def delete_concept(self, info: Info, id: strawberry.ID) -> ConceptDeleteResult:
        result = await resolvers.delete_concept(info.context, _concept_id(id))
        if isinstance(result, Problem):
            return NotFound(message=result.message)
        return Deleted(id=strawberry.ID(to_global_id("Concept", result)))

    @strawberry.mutation(description="`prerequisiteId` must be learnt before `conceptId`.")
    async def add_prerequisite(
        self,
        info: Info,
        concept_id: strawberry.ID,
        prerequisite_id: strawberry.ID,
        mandatory: bool = True,
        weight: float = 1.0,
    ) -> EdgeResult:
        target = _concept_id(concept_id)
        result = await resolvers.add_prerequisite(
            info.context,
            prerequisite_id=_concept_id(prerequisite_id),
            concept_id=target,
            mandatory=mandatory,
            weight=check_unit_interval(weight, field="weight"),
        )
        return await _concept_after_edge(info, result, target)

    @strawberry.mutation
    async def remove_prerequisite(
        self, info: Info, concept_id: strawberry.ID, prerequisite_id: strawberry.ID
    ) -> EdgeResult:
        target = _concept_id(concept_id)
        result = await resolvers.remove_prerequisite(
            info.context, prerequisite_id=_concept_id(prerequisite_id), concept_id=target
        )
        return await _concept_after_edge(info, result, target)

    @strawberry.mutation
    async def add_relation(
        self,
        info: Info,
        concept_id: strawberry.ID,
        related_id: strawberry.ID,
        type: str = "related",
        strength: float = 0.5,
    ) -> EdgeResult:
        if type not in RELATION_TYPES:
            raise bad_input(f"`type` must be one of {', '.join(RELATION_TYPES)}", field="type")
        source = _concept_id(concept_id)
        result = await resolvers.add_relation(
            info.context,
            source_id=source,
            target_id=_concept_id(related_id),
            relation_type=type,
            strength=check_unit_interval(strength, field="strength"),
        )
        return await _concept_after_edge(info, result, source)

    @strawberry.mutation
    async def remove_relation(
        self, info: Info, concept_id: strawberry.ID, related_id: strawberry.ID
    ) -> EdgeResult:
        source = _concept_id(concept_id)
        result = await resolvers.remove_relation(
            info.context, source_id=source, target_id=_concept_id(related_id)
        )
        return await _concept_after_edge(info, result, source)
