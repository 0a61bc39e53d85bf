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
from typing import Any

from graphql import GraphQLObjectType, GraphQLSchema, Undefined, get_named_type
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from resolvers import concepts, courses, documents, users
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
    # Course: CourseRecord
    ("Course", "author"): lambda ctx, c, _args: users.user(ctx, c.user_id),
    ("Course", "concepts"): lambda ctx, c, _args: courses.course_concepts(ctx, c.id),
    ("Course", "documents"): lambda ctx, c, _args: courses.course_documents(ctx, c.id),
    ("Course", "learningObjectives"): lambda ctx, c, _args: courses.course_objectives(ctx, c.id),
    ("CourseConcept", "concept"): lambda _ctx, e, _args: e.concept,
    ("CourseDocument", "document"): _second,
    ("CourseObjective", "objective"): lambda _ctx, e, _args: e.objective,
    # Concept: ConceptRecord
    ("Concept", "prerequisites"): _prerequisites(reverse=False),
    ("Concept", "dependents"): _prerequisites(reverse=True),
    ("Concept", "related"): lambda ctx, c, args: concepts.related(ctx, c.id, args["type"]),
    ("Concept", "sources"): lambda ctx, c, _args: concepts.sources(ctx, c.id),
    ("Concept", "courses"): lambda ctx, c, _args: concepts.concept_courses(ctx, c.id),
    ("ConceptPrerequisite", "concept"): lambda _ctx, e, _args: e.prerequisite,
    ("RelatedConcept", "concept"): lambda _ctx, e, _args: e.concept,
    ("ConceptSource", "document"): _second,
    # Document: DocumentRecord
    ("Document", "owner"): lambda ctx, d, _args: users.user(ctx, d.user_id),
    ("Document", "concepts"): lambda ctx, d, _args: documents.document_concepts(ctx, d.id),
    ("Document", "courses"): lambda ctx, d, _args: documents.document_courses(ctx, d.id),
    ("DocumentConcept", "concept"): lambda _ctx, e, _args: e.concept,
    ("DocumentCourse", "course"): _second,
}


async def prefetch(info: Info, type_name: str, records: Sequence[Any]) -> None:
    """Warm the loaders for everything selected below the current field.

    `records` are the field's results as datasource records, `type_name` the GraphQL
    object type they become (for a connection: one parent, the list of its rows).
    """
    schema: GraphQLSchema = info._raw_info.schema
    ctx = info.context
    selected = [s for s in info.selected_fields if isinstance(s, SelectedField)]
    level = [(type_name, list(records), [c for s in selected for c in s.selections])]
    while level:
        queued: list[tuple[str, list[Any], list[Any]]] = []
        for parent_type, parents, selections in level:
            gql_type = schema.get_type(parent_type)
            if not isinstance(gql_type, GraphQLObjectType) or not parents:
                continue
            for field in _fields(schema, parent_type, selections):
                step = STEPS.get((parent_type, field.name))
                definition = gql_type.fields.get(field.name)
                if step is None or definition is None or not field.selections:
                    continue
                child_type = get_named_type(definition.type).name
                args = _arguments(definition.args, field.arguments)
                try:
                    results = [step(ctx, p, args) for p in parents]
                except Exception:  # noqa: S112 - the resolver meets and reports it properly
                    continue
                queued.append((child_type, results, field.selections))
        await _settle(queued)
        level = [(t, _flatten(results), sel) for t, results, sel in queued]


async def _settle(queued: list[tuple[str, list[Any], list[Any]]]) -> None:
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
    out: list[Any] = []
    for r in results:
        if isinstance(r, list):
            out.extend(r)
        elif r is not None:
            out.append(r)
    return out


def _fields(
    schema: GraphQLSchema, type_name: str, selections: list[Selection]
) -> list[SelectedField]:
    """The fields selected on `type_name`, fragments flattened, @skip/@include honoured."""
    out: list[SelectedField] = []
    for s in selections:
        if not _included(s.directives):
            continue
        if isinstance(s, SelectedField):
            out.append(s)
        elif isinstance(s, FragmentSpread | InlineFragment) and _applies(
            schema, s.type_condition, type_name
        ):
            out.extend(_fields(schema, type_name, s.selections))
    return out


def _applies(schema: GraphQLSchema, condition: str | None, type_name: str) -> bool:
    if condition is None or condition == type_name:
        return True
    named = schema.get_type(type_name)
    abstract = schema.get_type(condition)
    return (
        isinstance(named, GraphQLObjectType)
        and abstract is not None
        and not isinstance(abstract, GraphQLObjectType)
        and schema.is_sub_type(abstract, named)  # type: ignore[arg-type]
    )


def _included(directives: dict[str, dict[str, Any]]) -> bool:
    if directives.get("skip", {}).get("if") is True:
        return False
    return directives.get("include", {}).get("if", True) is not False


def _arguments(definitions: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """The field's arguments as the resolver sees them: given values, else defaults."""
    args = {
        name: (None if arg.default_value is Undefined else arg.default_value)
        for name, arg in definitions.items()
    }
    args.update(given)
    return args
