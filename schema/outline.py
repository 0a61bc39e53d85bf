"""Typed views of the course JSONB columns (outline, objectives, assessments, resources).

Stored JSON is read leniently: an entry of the wrong shape is skipped, never a
failed response, because older or hand-edited rows must still render.
"""

from __future__ import annotations

from typing import Any

import strawberry

from schema.common import BloomLevel, enum_or_none


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _strs(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


@strawberry.type(
    description="A run of a week's concepts that belong together: a section of the "
    "documents (its heading is the title), or concepts linked by prerequisites."
)
class OutlineModule:
    title: str | None
    minutes: int | None
    topics: list[str] = strawberry.field(description="Its concepts' titles, in teaching order.")
    concept_ids: list[str]

    @classmethod
    def parse(cls, data: dict[str, Any]) -> OutlineModule:
        concepts = _dicts(data.get("concepts"))
        return cls(
            title=_str(data.get("title")),
            minutes=_int(data.get("minutes")),
            topics=[t for c in concepts if (t := _str(c.get("title"))) is not None],
            concept_ids=[i for c in concepts if (i := _str(c.get("concept_id"))) is not None],
        )


@strawberry.type
class OutlineWeek:
    week: int
    title: str | None = strawberry.field(
        description="The documents' section the week teaches (docs/courses.md), else its "
        "main concept."
    )
    topics: list[str]
    concept_ids: list[str]
    hours: float | None
    modules: list[OutlineModule]


@strawberry.type
class CourseOutline:
    summary: str | None
    weeks: list[OutlineWeek]

    @classmethod
    def parse(cls, data: Any) -> CourseOutline:
        data = data if isinstance(data, dict) else {}
        weeks = [
            OutlineWeek(
                week=_int(w.get("week")) or i + 1,
                title=_str(w.get("title")),
                topics=_strs(w.get("topics")),
                concept_ids=_strs(w.get("concept_ids")),
                hours=_num(w.get("hours")),
                modules=[OutlineModule.parse(m) for m in _dicts(w.get("modules"))],
            )
            for i, w in enumerate(_dicts(data.get("weeks")))
        ]
        return cls(summary=_str(data.get("summary")), weeks=weeks)


@strawberry.type
class ObjectiveItem:
    description: str
    bloom_level: BloomLevel | None
    measurable: bool | None


@strawberry.type
class Assessment:
    type: str | None
    title: str | None
    description: str | None
    week: int | None
    weight: float | None


@strawberry.type
class Resource:
    title: str | None
    type: str | None
    url: str | None
    document_id: str | None
    pages: list[int]


def parse_objectives(data: Any) -> list[ObjectiveItem]:
    out = []
    for item in data if isinstance(data, list) else []:
        if isinstance(item, str):
            out.append(ObjectiveItem(description=item, bloom_level=None, measurable=None))
        elif isinstance(item, dict) and isinstance(item.get("description"), str):
            out.append(
                ObjectiveItem(
                    description=item["description"],
                    bloom_level=enum_or_none(BloomLevel, _str(item.get("bloom_level"))),
                    measurable=item.get("measurable")
                    if isinstance(item.get("measurable"), bool)
                    else None,
                )
            )
    return out


def parse_strings(data: Any) -> list[str]:
    if not isinstance(data, list):
        return []
    return [
        v if isinstance(v, str) else str(v.get("title", ""))
        for v in data
        if isinstance(v, str) or (isinstance(v, dict) and v.get("title"))
    ]


def parse_assessments(data: Any) -> list[Assessment]:
    return [
        Assessment(
            type=_str(a.get("type")),
            title=_str(a.get("title")),
            description=_str(a.get("description")),
            week=_int(a.get("week")),
            weight=_num(a.get("weight")),
        )
        for a in _dicts(data)
    ]


def parse_resources(data: Any) -> list[Resource]:
    return [
        Resource(
            title=_str(r.get("title")),
            type=_str(r.get("type")),
            url=_str(r.get("url")),
            document_id=_str(r.get("document_id")),
            pages=[p for p in r.get("pages", []) if _int(p) is not None]
            if isinstance(r.get("pages"), list)
            else [],
        )
        for r in _dicts(data)
    ]
