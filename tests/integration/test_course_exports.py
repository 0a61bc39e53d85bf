"""exportCourse and the export job against the real stores and FileStore."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import func, insert, select, update

from datasources.exports import ExportStore
from datasources.postgres.base import Viewer
from datasources.postgres.models import Course, Document, Export, GenerationTask
from datasources.postgres.records import CourseRecord
from datasources.stores import Stores
from jobs.rendering import ExportCourse, render
from resolvers.context import Principal
from resolvers.ids import to_global_id
from tests.course_data import chinese, statistics
from tests.factories import context_for
from tests.integration.courses import EXPORT, REGENERATE, SCHEMA, Courses, gql, raw
from tests.readers import docx_text, missing_texts, pdf_text, squash

pytestmark = pytest.mark.integration


async def generated(courses: Courses, owner: Principal, data: Any = None, **extra: Any) -> UUID:
    loaded = await courses.load(data or statistics(), owner)
    course_id, task_id = await courses.generate(owner, loaded, **extra)
    assert (await courses.run_generation(task_id)).status == "completed"
    return course_id


async def start_export(
    courses: Courses, who: Principal, course_id: UUID, fmt: str, options: Any = None
) -> dict[str, Any]:
    data = await gql(courses.stores, who, EXPORT, id=to_global_id("Course", course_id),
                     format=fmt, options=options)  # fmt: skip
    return data["exportCourse"]  # type: ignore[no-any-return]


async def exported(
    courses: Courses, who: Principal, course_id: UUID, fmt: str, **kw: Any
) -> Export:
    started = await start_export(courses, who, course_id, fmt, **kw)
    assert started["__typename"] == "ExportStarted", started
    outcome = await courses.run_export(raw(started["task"]["id"]))
    assert outcome.status == "completed", outcome
    async with courses.stores.sessions() as session:
        row = await session.get(Export, raw(started["export"]["id"]))
    assert row is not None
    return row


async def file_bytes(stores: Stores, key: str) -> bytes:
    return b"".join([chunk async for chunk in stores.files.read(key)])


async def course(stores: Stores, course_id: UUID) -> Course:
    async with stores.sessions() as session:
        row = await session.get(Course, course_id)
    assert row is not None
    return row


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_every_format_holds_the_whole_course(courses: Courses, language: str) -> None:
    owner = await courses.world.user()
    course_id = await generated(courses, owner, chinese() if language == "zh" else statistics())
    row = await course(courses.stores, course_id)
    for fmt in ("PDF", "DOCX", "HTML", "MARKDOWN"):
        export = await exported(courses, owner, course_id, fmt)
        assert export.status == "completed" and export.user_id == owner.user_id
        assert export.file_path and export.completed_at and export.expires_at
        assert abs(export.expires_at - export.completed_at - timedelta(days=7)) < timedelta(
            seconds=5
        )
        data = await file_bytes(courses.stores, export.file_path)
        assert len(data) == export.file_size
        text = {
            "PDF": pdf_text,
            "DOCX": docx_text,
            "HTML": lambda b: b.decode(),
            "MARKDOWN": lambda b: b.decode().replace("\\", ""),
        }[fmt](data)
        assert missing_texts(row, text) == [], fmt
        if fmt == "HTML":
            assert "<svg" in text  # the prerequisite diagram, where the format allows


async def test_options_and_the_task_result(courses: Courses) -> None:
    owner = await courses.world.user()
    course_id = await generated(courses, owner)
    export = await exported(courses, owner, course_id, "HTML", options={"includeDiagram": False})
    assert export.options == {"includeDiagram": False}
    assert "<svg" not in (await file_bytes(courses.stores, export.file_path or "")).decode()
    async with courses.stores.sessions() as session:
        task = (
            await session.execute(
                select(GenerationTask).where(
                    GenerationTask.payload["export_id"].astext == str(export.id)
                )
            )
        ).scalar_one()
    assert task.task_type == "export" and task.status == "completed"
    assert (
        task.result is not None
        and task.result["filename"] == "Introductory Statistics; Probability notes.html"
    )
    row = await course(courses.stores, course_id)
    assert task.result["course_updated_at"] == row.updated_at.isoformat()  # type: ignore[union-attr]


def _deep(levels: int) -> Any:
    value: Any = 1
    for _ in range(levels):
        value = [value]
    return value


DEEP = _deep(300)  # deeper than JSON encoders go


async def exports_count(stores: Stores) -> int:
    async with stores.sessions() as session:
        return int((await session.execute(select(func.count()).select_from(Export))).scalar() or 0)


@pytest.mark.parametrize(
    ("options", "field", "says"),
    [
        ("pdf please", "options", "must be an object"),
        ([1, 2], "options", "must be an object"),
        ({"includeDiagram": "yes"}, "options.includeDiagram", "true or false"),
        ({"includeAnswers": "no"}, "options.includeAnswers", "true or false"),
        ({"paper": "A4"}, "options.paper", "unknown export option 'paper'"),
        ({"includeDiagram": True, "x": "y" * 5000}, "options", "limited to 1024 bytes"),
        ({"includeDiagram": DEEP}, "options", "limited to 1024 bytes"),
    ],
)
async def test_bad_options_are_typed_errors_and_store_nothing(
    courses: Courses, options: Any, field: str, says: str
) -> None:
    owner = await courses.world.user()
    course_id = await courses.world.course(owner)
    before = await exports_count(courses.stores)
    started = await start_export(courses, owner, course_id, "PDF", options)
    assert started["__typename"] == "InvalidInput" and started["field"] == field, started
    assert says in started["message"]
    assert await exports_count(courses.stores) == before


async def test_unknown_formats_courses_and_readers(courses: Courses) -> None:
    owner, other = await courses.world.user(), await courses.world.user()
    course_id = await courses.world.course(owner)
    result = await SCHEMA.execute(
        EXPORT,
        variable_values={"id": to_global_id("Course", course_id), "format": "ODT"},
        context_value=context_for(courses.stores, owner),
    )
    assert result.errors and "ExportFormat" in result.errors[0].message  # refused by the schema
    before = await exports_count(courses.stores)
    assert (await start_export(courses, other, course_id, "PDF"))["__typename"] == "NotFound"
    deleted = await courses.world.course(owner)
    await courses.stores.course_writer.delete(deleted, editor=Viewer(owner.user_id))
    assert (await start_export(courses, owner, deleted, "PDF"))["__typename"] == "NotFound"
    data = await gql(courses.stores, owner, EXPORT, id="not-an-id", format="PDF")
    assert data["exportCourse"]["field"] == "courseId"
    assert await exports_count(courses.stores) == before
    # A published course may be exported by any reader; the export is theirs.
    published = await courses.world.course(owner, status="published")
    export = await exported(courses, other, published, "MARKDOWN")
    assert export.user_id == other.user_id


async def test_a_course_deleted_while_its_export_waits_fails_it_and_leaves_no_file(
    courses: Courses,
) -> None:
    owner = await courses.world.user()
    course_id = await courses.world.course(owner)
    started = await start_export(courses, owner, course_id, "HTML")
    await courses.stores.course_writer.delete(course_id, editor=Viewer(owner.user_id))
    outcome = await courses.run_export(raw(started["task"]["id"]))
    assert outcome.error == "the export is gone: its course was deleted"

    # Deleted while it renders: the stored file is released again, the task says why.
    course_id = await courses.world.course(owner, title="Deleted midway")
    started = await start_export(courses, owner, course_id, "MARKDOWN")
    deleting = DeletedMidway(courses.stores, owner)
    stores = dataclasses.replace(courses.stores, exports=deleting)
    outcome = await courses.run_export(raw(started["task"]["id"]), stores=stores)
    assert outcome.error == "the course was deleted while it was being exported"
    assert deleting.read is not None
    columns = {f.name: getattr(deleting.read, f.name) for f in dataclasses.fields(deleting.read)}
    key = hashlib.sha256(render(ExportCourse.from_columns(columns), "markdown")).hexdigest()
    assert not await courses.stores.files.exists(key)


class DeletedMidway(ExportStore):
    """The real ExportStore; the course is deleted right after the job read it."""

    def __init__(self, stores: Stores, owner: Principal) -> None:
        super().__init__(stores.sessions, stores.files, timeout=stores.exports.timeout)
        self.writer = stores.course_writer
        self.owner = owner
        self.read: CourseRecord | None = None

    async def course_row(self, course_id: UUID) -> CourseRecord | None:
        self.read = await super().course_row(course_id)
        await self.writer.delete(course_id, editor=Viewer(self.owner.user_id))
        return self.read


async def test_deleting_a_course_removes_its_exports_and_their_unshared_files(
    courses: Courses,
) -> None:
    owner = await courses.world.user()
    course_id = await generated(courses, owner)
    stores = courses.stores
    pdf = await exported(courses, owner, course_id, "PDF")
    html = await exported(courses, owner, course_id, "HTML")
    again = await exported(courses, owner, course_id, "HTML")
    assert again.file_path == html.file_path  # the same bytes, one file
    # Someone uploaded exactly the HTML file as a document: that file must stay.
    async with stores.sessions() as session, session.begin():
        await session.execute(
            insert(Document).values(
                user_id=owner.user_id, filename="course.html", original_filename="course.html",
                file_path=html.file_path, file_size=html.file_size, status="completed",
            )
        )  # fmt: skip
    await stores.course_writer.delete(course_id, editor=Viewer(owner.user_id))
    async with stores.sessions() as session:
        left = (await session.execute(select(Export).where(Export.course_id == course_id))).all()
    assert left == []
    assert not await stores.files.exists(pdf.file_path or "")
    assert await stores.files.exists(html.file_path or "")
    assert (await stores.vectors.qa_for_courses([course_id]))[course_id] == []


class RegeneratedMidway(ExportStore):
    """The real ExportStore; right after the job read the course, the course is
    regenerated (and the new plan written) before the job renders."""

    def __init__(self, stores: Stores, regenerate: Any) -> None:
        super().__init__(stores.sessions, stores.files, timeout=stores.exports.timeout)
        self.regenerate = regenerate
        self.read: CourseRecord | None = None

    async def course_row(self, course_id: UUID) -> CourseRecord | None:
        self.read = await super().course_row(course_id)
        await self.regenerate()
        return self.read


async def test_an_export_renders_the_version_it_read_even_if_regenerated_meanwhile(
    courses: Courses,
) -> None:
    owner = await courses.world.user()
    loaded = await courses.load(statistics(), owner)
    course_id, task_id = await courses.generate(owner, loaded, durationWeeks=6)
    assert (await courses.run_generation(task_id)).status == "completed"
    before = await course(courses.stores, course_id)

    async def regenerate() -> None:
        request = courses.request(loaded, durationWeeks=1, hoursPerWeek=1)
        course = to_global_id("Course", course_id)
        data = await gql(courses.stores, owner, REGENERATE, id=course, input=request)
        outcome = await courses.run_generation(raw(data["regenerateCourse"]["task"]["id"]))
        assert outcome.status == "completed"

    midway = RegeneratedMidway(courses.stores, regenerate)
    started = await start_export(courses, owner, course_id, "MARKDOWN")
    outcome = await courses.run_export(
        raw(started["task"]["id"]), stores=dataclasses.replace(courses.stores, exports=midway)
    )
    assert outcome.status == "completed"
    after = await course(courses.stores, course_id)
    assert after.updated_at != before.updated_at and len(after.outline["weeks"]) == 1
    assert outcome.result["course_updated_at"] == before.updated_at.isoformat()  # type: ignore[union-attr]
    async with courses.stores.sessions() as session:
        export = await session.get(Export, raw(started["export"]["id"]))
    assert export is not None and export.file_path
    text = (await file_bytes(courses.stores, export.file_path)).decode().replace("\\", "")
    assert missing_texts(before, text) == []  # the whole version it read ...
    assert "Week 6" in text and after.description and after.description not in text  # no mix
    # the questions stored now are the new version's: the file has none rather than a mix
    assert outcome.result["questions"] == 0  # type: ignore[index]
    assert "regenerated" in outcome.result["questions_left_out"]  # type: ignore[index]
    assert datetime.now(UTC) < (export.expires_at or datetime.min.replace(tzinfo=UTC))


def _unescaped(text: str) -> str:
    """Text as the Markdown shows it, compared without whitespace: the export escapes
    Markdown's characters with backslashes."""
    return squash(text.replace("\\", ""))


async def test_exports_carry_the_questions_and_their_answer_key(courses: Courses) -> None:
    owner = await courses.world.user()
    course_id = await generated(courses, owner)
    stored = (await courses.stores.vectors.qa_for_courses([course_id]))[course_id]
    assert len(stored) >= 5
    export = await exported(courses, owner, course_id, "MARKDOWN")
    text = _unescaped((await file_bytes(courses.stores, export.file_path or "")).decode())
    assert "Self-assessmentquestions" in text and "Answerkey" in text
    assert [q.question for q in stored if _unescaped(q.question) not in text] == []
    assert [q.answer for q in stored if _unescaped(q.answer) not in text] == []
    result = await task_result(courses.stores, export.id)
    assert result["questions"] == len(stored) and result["questions_left_out"] is None

    # a students' copy: the questions without the answer key
    students = await exported(courses, owner, course_id, "PDF", options={"includeAnswers": False})
    assert students.options == {"includeDiagram": True, "includeAnswers": False}
    text = squash(pdf_text(await file_bytes(courses.stores, students.file_path or "")))
    assert squash(stored[0].question) in text and "Answerkey" not in text
    answers = [q.answer for q in stored if len(q.answer) > 30 and "\\" not in q.answer]
    assert answers and not any(squash(a) in text for a in answers)
    # and none at all
    bare = await exported(courses, owner, course_id, "HTML", options={"includeQuestions": False})
    html = (await file_bytes(courses.stores, bare.file_path or "")).decode()
    assert "Self-assessment questions" not in html and "Answer key" not in html
    assert (await task_result(courses.stores, bare.id))["questions"] == 0


async def task_result(stores: Stores, export_id: UUID) -> dict[str, Any]:
    async with stores.sessions() as session:
        task = (
            await session.execute(
                select(GenerationTask).where(
                    GenerationTask.payload["export_id"].astext == str(export_id)
                )
            )
        ).scalar_one()
    assert task.result is not None
    return task.result  # type: ignore[no-any-return]


async def set_status(stores: Stores, task_id: UUID, status: str) -> None:
    async with stores.sessions() as session, session.begin():
        await session.execute(
            update(GenerationTask).where(GenerationTask.id == task_id).values(status=status)
        )


async def test_an_export_waits_for_the_generation_to_store_its_questions(
    courses: Courses,
) -> None:
    """The generation job writes the course row, then its questions: an export in
    between is retried rather than showing the previous version's questions."""
    owner = await courses.world.user()
    course_id = await generated(courses, owner)
    row = await course(courses.stores, course_id)
    generation = UUID(row.metadata_["generation"]["task_id"])  # type: ignore[index]
    await set_status(courses.stores, generation, "processing")  # between row and questions
    started = await start_export(courses, owner, course_id, "HTML")
    export_task = raw(started["task"]["id"])
    outcome = await courses.run_export(export_task)
    assert outcome.status == "retry" and "questions are not all stored yet" in (outcome.error or "")
    # the last try renders the file all the same, without the questions, and says why
    last = raw((await start_export(courses, owner, course_id, "MARKDOWN"))["task"]["id"])
    async with courses.stores.sessions() as session, session.begin():
        await session.execute(
            update(GenerationTask).where(GenerationTask.id == last).values(max_retries=0)
        )
    outcome = await courses.run_export(last)
    assert outcome.status == "completed" and outcome.result["questions"] == 0  # type: ignore[index]
    assert "still being generated" in outcome.result["questions_left_out"]  # type: ignore[index]
    await set_status(courses.stores, generation, "completed")
    outcome = await courses.run_export(export_task)
    assert outcome.status == "completed" and outcome.result["questions"] > 0  # type: ignore[index]

    # a generation that failed after writing the row left no whole set: none are shown
    await set_status(courses.stores, generation, "failed")
    export = await exported(courses, owner, course_id, "MARKDOWN")
    result = await task_result(courses.stores, export.id)
    assert result["questions"] == 0 and "failed" in result["questions_left_out"]
    text = (await file_bytes(courses.stores, export.file_path or "")).decode()
    assert "Self-assessment questions" not in text
