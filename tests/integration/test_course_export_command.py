"""`curriculum export COURSE_ID --format pdf -o FILE`: the export job, from the shell."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from datasources.exports import ExportOptions
from datasources.postgres.models import Course, Export
from datasources.settings import Settings
from gateway.export_command import CommandError, checked_output, export_course
from tests.course_data import chinese
from tests.integration.courses import Courses
from tests.processes import curriculum
from tests.readers import missing_texts, pdf_text

pytestmark = pytest.mark.integration


def command(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return curriculum(settings, "export", *args)


async def test_the_command_writes_the_file_the_job_rendered(
    courses: Courses, tmp_path: Path
) -> None:
    owner = await courses.world.user()
    loaded = await courses.load(chinese(), owner)
    course_id, task_id = await courses.generate(owner, loaded)
    assert (await courses.run_generation(task_id)).status == "completed"
    target = tmp_path / "课程.pdf"
    message = await export_course(courses.settings, course_id, "pdf", target)
    assert message.startswith(f"wrote {target} (") and "统计学基础" in message
    async with courses.stores.sessions() as session:
        row = await session.get(Course, course_id)
        export = (
            await session.execute(select(Export).where(Export.course_id == course_id))
        ).scalar_one()
    assert export.user_id == owner.user_id and export.status == "completed"
    data = target.read_bytes()
    assert len(data) == export.file_size
    assert missing_texts(row, pdf_text(data)) == []
    assert os.listdir(tmp_path) == ["课程.pdf"]  # no temporary file left behind
    assert "自测题" in pdf_text(data) and "参考答案" in pdf_text(data)
    # --no-answers: a students' copy
    copy = tmp_path / "学生版.md"
    await export_course(
        courses.settings, course_id, "markdown", copy, options=ExportOptions(include_answers=False)
    )
    text = copy.read_text(encoding="utf-8")
    assert "自测题" in text and "参考答案" not in text


async def test_bad_arguments_are_refused_before_anything_is_written(
    courses: Courses, tmp_path: Path
) -> None:
    settings = courses.settings
    with pytest.raises(CommandError, match="no course"):
        await export_course(settings, uuid.uuid4(), "pdf", tmp_path / "x.pdf")
    with pytest.raises(CommandError, match="it is a folder"):
        checked_output(str(tmp_path))
    with pytest.raises(CommandError, match="does not exist"):
        checked_output(str(tmp_path / "missing" / "x.pdf"))
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if os.geteuid() != 0:  # root writes anywhere: the permission check needs a user
        with pytest.raises(CommandError, match="cannot write"):
            checked_output(str(locked / "x.pdf"))

    for args, says in (
        (["not-a-uuid", "--format", "pdf", "-o", str(tmp_path / "a.pdf")], "is not a course id"),
        ([str(uuid.uuid4()), "--format", "odt", "-o", str(tmp_path / "a")], "invalid choice"),
        ([str(uuid.uuid4()), "--format", "pdf", "-o", "/nonexistent/a.pdf"], "does not exist"),
        ([str(uuid.uuid4()), "--format", "pdf", "-o", str(tmp_path / "a.pdf")], "no course"),
        (
            [
                str(uuid.uuid4()),
                "--format",
                "pdf",
                "--no-questions",
                "--no-answers",
                "-o",
                str(tmp_path / "a.pdf"),
            ],
            "no course",
        ),
        ([str(uuid.uuid4()), "--format", "pdf", "--answers-only", "-o", "a.pdf"], "unrecognized"),
    ):
        done = command(settings, *args)
        assert done.returncode != 0 and says in done.stderr, (args, done.stderr)
    assert os.listdir(tmp_path) == ["locked"]
