"""Look-ahead: warm, level by level, every loader a query will use below a field.

graphql-core resolves a nested list object by object. An edge field that awaits its
loader costs a coroutine, a future, a task and a suspension for every parent object,
and in a big nested answer that overhead outweighs the stores (PERFORMANCE.md,
BENCHMARKS.md). So a field that returns records (a root query field) first calls
`prefetch`: it walks the selection set breadth-first and, for each edge registered in
`STEPS`, asks that edge's own resolver function for every parent at once. Those
functions queue on the request's dataloaders, so a level still costs one batch per
loader, exactly as before. Once the walk is done, every edge resolver finds its
loader's future settled and returns the value at once (`loaders.settled`), and
graphql-core completes the whole tree without suspending.

It is only an optimisation and never changes an answer: the steps are the resolvers'
own functions (same loader keys, same authorization), an edge missing here is loaded
by its resolver as usual, and a step that fails (bad arguments, a store down) is
skipped so the resolver meets the same error where it reports it properly.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLIncludeDirective,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLSkipDirective,
    GraphQLUnionType,
    InlineFragmentNode,
    get_argument_values,
    get_directive_values,
    get_named_type,
)
from graphql.execution.values import VariableValues

from resolvers import concepts, courses, documents, objectives, users
from resolvers.context import Context, Info

# One step: (context, parent record, field arguments with defaults) -> the child
# record(s), a plain value or an awaitable (usually a loader's future).
Step = Callable[[Context, Any, dict[str, Any]], Any]


def _same(_ctx: Context, record: Any, _args: dict[str, Any]) -> Any:
    return record


def _second(_ctx: Context, pair: tuple[Any, Any], _args: dict[str, Any]) -> Any:
    return pair[1]


def _prerequisites(*, reverse: bool) -> Step:
    def step(ctx: Context, concept: Any, args: dict[str, Any]) -> Any:
        return concepts.prerequisites(
            ctx,
            concept.id,
            depth=args["depth"],
            mandatory_only=args["mandatoryOnly"],
            reverse=reverse,
        )

    return step


def _concept_extractions(kind: str) -> Step:
    def step(ctx: Context, concept: Any, args: dict[str, Any]) -> Any:
        return concepts.concept_extractions(ctx, concept.id, kind, first=args["first"])

    return step


async def _weeks(ctx: Context, course: Any, _args: dict[str, Any]) -> list[list[Any]]:
    """Course.weeks: the course's CONTAINS edges grouped by week, as the field groups them."""
    edges = await courses.course_concepts(ctx, course.id)
    return [list(group) for _, group in groupby(edges, key=lambda e: e.week)]


# (GraphQL type, field) -> step. The records each type's steps receive are the ones
# its parent's step returns: the walk carries datasource records, not schema objects.
STEPS: dict[tuple[str, str], Step] = {
    # Connections carry their list of records; an edge carries one.
    ("CourseConnection", "edges"): _same,
    ("CourseConnection", "nodes"): _same,
    ("CourseEdge", "node"): _same,
    ("DocumentConnection", "edges"): _same,
    ("DocumentConnection", "nodes"): _same,
    ("DocumentEdge", "node"): _same,
    ("ConceptConnection", "edges"): _same,
    ("ConceptConnection", "nodes"): _same,
    ("ConceptEdge", "node"): _same,
    ("LearningPath", "target"): lambda _ctx, path, _args: path.target,
    ("LearningPath", "steps"): lambda _ctx, path, _args: path.steps,
    ("LearningPath", "cyclesBroken"): lambda _ctx, path, _args: [
        c for pair in path.cycles_broken for c in pair
    ],
    # Course: CourseRecord
    ("Course", "author"): lambda ctx, c, _args: users.user(ctx, c.user_id),
    ("Course", "concepts"): lambda ctx, c, _args: courses.course_concepts(ctx, c.id),
    ("Course", "documents"): lambda ctx, c, _args: courses.course_documents(ctx, c.id),
    ("Course", "learningObjectives"): lambda ctx, c, _args: courses.course_objectives(ctx, c.id),
    ("Course", "questions"): lambda ctx, c, _args: courses.course_questions(ctx, c.id),
    ("Course", "weeks"): _weeks,
    ("CourseWeek", "concepts"): _same,
    ("CourseConcept", "concept"): lambda _ctx, e, _args: e.concept,
    ("CourseDocument", "document"): _second,
    ("CourseObjective", "objective"): lambda _ctx, e, _args: e.objective,
    # LearningObjective: ObjectiveRecord
    ("LearningObjective", "courses"): lambda ctx, o, _args: objectives.objective_courses(ctx, o.id),
    # Concept: ConceptRecord
    ("Concept", "prerequisites"): _prerequisites(reverse=False),
    ("Concept", "dependents"): _prerequisites(reverse=True),
    ("Concept", "related"): lambda ctx, c, args: concepts.related(ctx, c.id, args["type"]),
    ("Concept", "sources"): lambda ctx, c, _args: concepts.sources(ctx, c.id),
    ("Concept", "courses"): lambda ctx, c, _args: concepts.concept_courses(ctx, c.id),
    ("Concept", "similar"): lambda ctx, c, args: concepts.similar(ctx, c.id, args["limit"]),
    ("SimilarConcept", "concept"): _second,
    ("ConceptPrerequisite", "concept"): lambda _ctx, e, _args: e.prerequisite,
    ("RelatedConcept", "concept"): lambda _ctx, e, _args: e.concept,
    ("ConceptSource", "document"): _second,
    ("Concept", "definitions"): _concept_extractions("definition"),
    ("Concept", "examples"): _concept_extractions("example"),
    ("Concept", "formulas"): _concept_extractions("formula"),
    ("ConceptExtraction", "document"): _second,
    # Document: DocumentRecord
    ("Document", "owner"): lambda ctx, d, _args: users.user(ctx, d.user_id),
    ("Document", "concepts"): lambda ctx, d, _args: documents.document_concepts(ctx, d.id),
    ("Document", "courses"): lambda ctx, d, _args: documents.document_courses(ctx, d.id),
    ("Document", "task"): lambda ctx, d, _args: documents.document_task(ctx, d.id),
    ("DocumentConcept", "concept"): lambda _ctx, e, _args: e.concept,
    ("DocumentCourse", "course"): _second,
}

# Edges the walk deliberately stops at: (type, field) -> why. Every other field of a
# type the walk reaches that leads to a loader is in STEPS
# (tests/unit/test_prefetch_steps.py fails otherwise).
NOT_WALKED: dict[tuple[str, str], str] = {
    ("Document", "chunks"): "a page of vector-index rows (offset/limit) with no edge below",
    ("Document", "extractions"): "PostgreSQL rows of one document, with no edge below",
}


async def prefetch(info: Info, type_name: str, records: Sequence[Any]) -> None:
    """Warm the loaders for everything selected below the current field.

    `records` are the field's results as datasource records, `type_name` the GraphQL
    object type they become (for a connection: one parent, the list of its rows).
    """
    raw = info._raw_info
    # strawberry's resolve info carries the coerced dict; graphql-core's own, the container.
    given: Any = raw.variable_values
    variables = given if isinstance(given, VariableValues) else VariableValues({}, dict(given))
    walk = _Walk(raw.schema, raw.fragments, variables)
    ctx = info.context
    level = [(type_name, list(records), walk.subfields(type_name, raw.field_nodes))]
    while level:
        queued: list[tuple[str, list[Any], list[FieldNode]]] = []
        for parent_type, parents, fields in level:
            gql_type = raw.schema.get_type(parent_type)
            if not isinstance(gql_type, GraphQLObjectType) or not parents:
                continue
            for node in fields:
                step = STEPS.get((parent_type, node.name.value))
                definition = gql_type.fields.get(node.name.value)
                if step is None or definition is None or node.selection_set is None:
                    continue
                child_type = get_named_type(definition.type).name
                try:
                    args = get_argument_values(definition, node, walk.variables)
                    results = [step(ctx, p, args) for p in parents]
                except Exception:  # noqa: S112 - the resolver meets and reports it properly
                    continue
                queued.append((child_type, results, walk.subfields(child_type, [node])))
        await _settle(queued)
        level = [(t, _flatten(results), fields) for t, results, fields in queued]


@dataclass(frozen=True, slots=True)
class _Walk:
    schema: GraphQLSchema
    fragments: dict[str, FragmentDefinitionNode]
    variables: VariableValues

    def subfields(self, type_name: str, nodes: Sequence[FieldNode]) -> list[FieldNode]:
        """The fields selected below `nodes` on `type_name`, as graphql-core collects them:
        fragments flattened where their type condition applies, @skip/@include honoured."""
        out: list[FieldNode] = []
        for node in nodes:
            if node.selection_set is not None:
                self._collect(type_name, node.selection_set.selections, out)
        return out

    def _collect(self, type_name: str, selections: Sequence[Any], out: list[FieldNode]) -> None:
        for s in selections:
            if not self._included(s):
                continue
            if isinstance(s, FieldNode):
                out.append(s)
            elif isinstance(s, InlineFragmentNode):
                condition = s.type_condition.name.value if s.type_condition else None
                if self._applies(condition, type_name):
                    self._collect(type_name, s.selection_set.selections, out)
            elif isinstance(s, FragmentSpreadNode):
                fragment = self.fragments.get(s.name.value)
                if fragment and self._applies(fragment.type_condition.name.value, type_name):
                    self._collect(type_name, fragment.selection_set.selections, out)

    def _included(self, node: Any) -> bool:
        skip = get_directive_values(GraphQLSkipDirective, node, self.variables)
        if skip is not None and skip.get("if") is True:
            return False
        include = get_directive_values(GraphQLIncludeDirective, node, self.variables)
        return include is None or include.get("if") is not False

    def _applies(self, condition: str | None, type_name: str) -> bool:
        if condition is None or condition == type_name:
            return True
        named = self.schema.get_type(type_name)
        abstract = self.schema.get_type(condition)
        return (
            isinstance(named, GraphQLObjectType)
            and isinstance(abstract, GraphQLInterfaceType | GraphQLUnionType)
            and self.schema.is_sub_type(abstract, named)
        )


async def _settle(queued: list[tuple[str, list[Any], list[FieldNode]]]) -> None:
    """Await every awaitable of one level together, replacing each by its value."""
    waiting = [
        (results, i)
        for _, results, _ in queued
        for i, r in enumerate(results)
        if asyncio.isfuture(r) or asyncio.iscoroutine(r)
    ]
    if not waiting:
        return
    values = await asyncio.gather(*(results[i] for results, i in waiting), return_exceptions=True)
    for (results, i), value in zip(waiting, values, strict=True):
        results[i] = None if isinstance(value, BaseException) else value


def _flatten(results: list[Any]) -> list[Any]:
    """The next level's parents, each node once.

    A node reached from many parents (a document behind many sources) has the same
    children whichever way it was reached, so walking it again would only ask its
    loaders for answers they already hold. Records without an `id` (edges) all stay.
    """
    out: list[Any] = []
    seen: set[Any] = set()
    for r in results:
        for item in r if isinstance(r, list) else (r,):
            if item is None:
                continue
            node_id = getattr(item, "id", None)
            if node_id is not None:
                if node_id in seen:
                    continue
                seen.add(node_id)
            out.append(item)
    return out
