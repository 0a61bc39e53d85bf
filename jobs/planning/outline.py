"""The packed weeks as weeks → modules → concepts, with pages and objectives.

A module is a run of concepts in one week that belong together: those of one section of
the documents (jobs/planning/headings.py), or, where the week has no sections to go by,
a run in which each concept has a prerequisite or RELATES_TO link to the module so far.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from lemminflect import getAllLemmas

from jobs.planning.graph import CourseGraph
from jobs.planning.headings import (
    MAX_MODULE_MINUTES,
    section_modules,
    shared_section,
    week_title,
)
from jobs.planning.objectives import as_course_objectives, concept_level, week_objectives
from jobs.planning.ordering import Ordering
from jobs.planning.result import ConceptSlot, Module, Objective, PageRef, Week
from jobs.planning.wording import is_chinese


@dataclass(frozen=True, slots=True)
class OutlineInputs:
    course_id: str
    language: str
    graph: CourseGraph
    ordering: Ordering
    minutes: Mapping[str, int]
    pages: Mapping[str, tuple[PageRef, ...]]
    review_title: str
    course_objectives: Sequence[Objective] = ()


def build_weeks(packed: Sequence[Sequence[str]], inputs: OutlineInputs) -> list[Week]:
    weeks: list[Week] = []
    priority = 1_000  # week objectives rank after the course's (ACHIEVES priority)
    section = inputs.graph.section
    course = shared_section([section[c] for week in packed for c in week if section[c]])
    needs = partial(_needs, ordering=inputs.ordering)
    for number, concept_ids in enumerate(packed, start=1):
        concepts = [inputs.graph.concepts[c] for c in concept_ids]
        objectives = as_course_objectives(
            week_objectives(
                inputs.course_id, number, concepts, language=inputs.language, first=priority
            ),
            inputs.course_objectives,
        )
        priority += len(objectives)
        by_section = section_modules(
            concept_ids, section, inputs.minutes, course, needs, inputs.ordering.taught_for
        )
        groups = by_section or [(None, group) for group in _modules(concept_ids, inputs)]
        modules: list[Module] = []
        for heading, group in groups:
            first_order = sum(len(m.concepts) for m in modules) + 1
            modules.append(_module(group, inputs, objectives, first_order, heading))
        minutes = sum(m.minutes for m in modules)
        earlier = {w.title for w in weeks}
        title = week_title(
            concept_ids, section, inputs.minutes, course, inputs.language, earlier
        ) or (max(modules, key=lambda m: m.minutes).title if modules else inputs.review_title)
        weeks.append(Week(number, title, minutes, tuple(modules), tuple(objectives)))
    return weeks


def _needs(a: str, b: str, *, ordering: Ordering) -> bool:
    """b is taught for a: one of a's prerequisites in the course."""
    return b in ordering.requires[a] or b in ordering.advised[a]


def _linked(a: str, b: str, inputs: OutlineInputs) -> bool:
    ordering = inputs.ordering
    return (
        b in inputs.graph.related[a]
        or a in ordering.requires[b]
        or a in ordering.advised[b]
        or b in ordering.requires[a]
        or b in ordering.advised[a]
    )


def _modules(concept_ids: Sequence[str], inputs: OutlineInputs) -> list[list[str]]:
    """Runs of concepts linked to the run before; concepts linked to nothing beside them
    are taught together, up to MAX_MODULE_MINUTES (one module each, a mechanics week of
    one section was six modules named after their one concept, "守恒律: 守恒律")."""
    groups: list[list[str]] = []
    for concept in concept_ids:
        if groups and any(_linked(concept, other, inputs) for other in groups[-1]):
            groups[-1].append(concept)
        else:
            groups.append([concept])
    joined: list[list[str]] = []
    for group in groups:
        if (
            joined
            and len(group) == 1
            and _loose(joined[-1], inputs)
            and sum(inputs.minutes[c] for c in [*joined[-1], *group]) <= MAX_MODULE_MINUTES
        ):
            joined[-1] = [*joined[-1], *group]
        else:
            joined.append(group)
    return joined


def _loose(group: Sequence[str], inputs: OutlineInputs) -> bool:
    """No concept of the group linked to another of it: single concepts gathered."""
    return not any(_linked(a, b, inputs) for a in group for b in group if a != b)


def _module(
    group: Sequence[str],
    inputs: OutlineInputs,
    objectives: Sequence[Objective],
    first_order: int,
    heading: str | None,
) -> Module:
    """Named after its section's heading, else after its concept that most others in it
    build on (the first on ties), one the documents mark or define when there is one."""
    graph, ordering = inputs.graph, inputs.ordering
    inside = set(group)
    slots = []
    for position, concept_id in enumerate(group):
        concept = graph.concepts[concept_id]
        slots.append(
            ConceptSlot(
                concept_id=concept_id,
                title=concept.title,
                order=first_order + position,
                minutes=inputs.minutes[concept_id],
                difficulty=concept.difficulty,
                bloom_level=concept_level(concept)[0],
                pages=inputs.pages[concept_id],
                requires=ordering.requires[concept_id],
                advised=ordering.advised[concept_id],
                objective_ids=tuple(o.id for o in objectives if concept_id in o.concept_ids),
            )
        )
    built_on = {
        c: sum(
            1 for other in group if c in ordering.requires[other] or c in ordering.advised[other]
        )
        for c in inside
    }
    # a word the documents use but never define nor mark (`CourseGraph.vocabulary`) names
    # no module while a concept they teach is in it: a handout's first module was
    # "meaning", the word its glossary's definitions lean on, over "morpheme"
    anchor = max(group, key=lambda c: (c not in graph.vocabulary, built_on[c], -group.index(c)))
    return Module(
        title=heading or as_title(graph.concepts[anchor].title, inputs.language),
        minutes=sum(s.minutes for s in slots),
        concepts=tuple(slots),
    )


def as_title(name: str, language: str) -> str:
    """A concept's name as a module's title, capitalised as the documents' headings are
    ("quality control" → "Quality control": a week of a spreadsheet lesson without
    headings was titled "quality control"). A name with a word the dictionary does not
    hold keeps its letters: code ("ls", "pwd", "grep"), "k-means", "iOS"."""
    if is_chinese(language) or not _PLAIN.fullmatch(name):
        return name
    if all(getAllLemmas(w) for w in re.findall(r"[a-z]+", name)):
        return name[0].upper() + name[1:]
    return name


# lowercase words, joined by spaces, hyphens or apostrophes: no code, no digits
_PLAIN = re.compile(r"[a-z]+(?:[ '-][a-z]+)*")
