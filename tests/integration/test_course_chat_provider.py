"""The optional chat provider, against a fake OpenAI-compatible server on loopback.

The one test that turns CHAT_PROVIDER on: everywhere else it is off. The fake server
rewrites what it is sent (and slips markup into one text, which must be refused),
then fails with HTTP 500, then answers too late: the course is generated every time,
with the planner's text wherever the model's was not usable.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web

from datasources.chat import OpenAIChat
from datasources.postgres.models import Course
from datasources.stores import Stores
from tests.course_data import statistics
from tests.integration.courses import Courses

pytestmark = pytest.mark.integration


@dataclasses.dataclass
class FakeModel:
    mode: str = "rewrite"  # rewrite | error | slow
    requests: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    headers: list[str] = dataclasses.field(default_factory=list)

    def reply(self, texts: list[dict[str, str]]) -> list[str]:
        out = []
        for i, item in enumerate(texts):
            text = item["text"]
            if item["kind"] == "question" and i % 2:
                out.append(f"**{text}**")  # markup: must be refused
            elif item["kind"] == "objective":
                out.append(text.rstrip(".") + ", step by step.")
            else:
                out.append("In short: " + text)
        return out

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        self.headers.append(request.headers.get("Authorization", ""))
        if self.mode == "error":
            return web.json_response({"error": {"message": "overloaded"}}, status=500)
        if self.mode == "slow":
            await asyncio.sleep(3)
        texts = json.loads(body["messages"][1]["content"])["texts"]
        content = json.dumps({"texts": self.reply(texts)}, ensure_ascii=False)
        return web.json_response(
            {"choices": [{"message": {"role": "assistant", "content": content}}]}
        )


@pytest.fixture
async def fake_model() -> AsyncIterator[tuple[FakeModel, str]]:
    model = FakeModel()
    app = web.Application()
    app.router.add_post("/v1/chat/completions", model.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield model, f"http://127.0.0.1:{port}/v1"
    finally:
        await runner.cleanup()


async def generated(courses: Courses, stores: Stores, owner: Any, loaded: Any) -> Course:
    course_id, task_id = await courses.generate(owner, loaded)
    outcome = await courses.run_generation(task_id, stores=stores)
    assert outcome.status == "completed", outcome
    async with stores.sessions() as session:
        row = await session.get(Course, course_id)
    assert row is not None
    return row


async def test_the_chat_model_rewords_what_passes_the_checks_and_never_fails_a_course(
    courses: Courses, fake_model: tuple[FakeModel, str]
) -> None:
    model, url = fake_model
    chat = OpenAIChat(base_url=url, model="fake-model", api_key="sk-test-secret", timeout=0.5)
    stores = dataclasses.replace(courses.stores, chat=chat)
    courses.settings = courses.settings.model_copy(
        update={"chat": courses.settings.chat.model_copy(update={"model": "fake-model",
                                                                 "timeout_seconds": 0.5})}
    )  # fmt: skip
    owner = await courses.world.user()
    loaded = await courses.load(statistics(), owner)
    try:
        row = await generated(courses, stores, owner, loaded)
        assert model.headers == ["Bearer sk-test-secret"]
        assert model.requests[0]["model"] == "fake-model"
        assert row.description and row.description.startswith("In short: A 4-week course")
        objectives = [o for w in row.outline["weeks"] for o in w["objectives"]]
        assert all(o["description"].endswith(", step by step.") for o in objectives)
        assert all(o["description"].startswith(o["verb"]) for o in objectives)
        questions = (await stores.vectors.qa_for_courses([row.id]))[row.id]
        assert not any("**" in q.question for q in questions)  # markup refused
        assert any(q.question.startswith("In short: ") for q in questions)
        originals = ("What does “", "How is “", "What is the formula for “")
        assert any(q.question.startswith(originals) for q in questions)  # kept
        report = (row.metadata_ or {})["generation"]["rewritten"]
        assert report["model"] == "fake-model" and 0 < report["accepted"] < report["asked"]
        assert "sk-test-secret" not in json.dumps(row.metadata_)

        for mode, says in (("error", "HTTP 500"), ("slow", "no answer within 0.5s")):
            model.mode = mode
            row = await generated(courses, stores, owner, loaded)
            assert row.description and row.description.startswith("A 4-week course")
            report = (row.metadata_ or {})["generation"]["rewritten"]
            assert report["accepted"] == 0 and says in report["error"], report
    finally:
        await chat.close()
