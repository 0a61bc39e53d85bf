"""Optional rewording of a planned course by a chat model (CHAT_PROVIDER).

The planner's text is complete and correct on its own; a model may only make the
course description, the objectives and the questions read better. Each rewritten
text is checked before use and the planner's text is kept whenever the check fails,
the model fails, or it does not answer in time: a provider never fails a course.

Checks (`acceptable`): plain text (no HTML, Markdown or control characters), a
length near the original's and under its column's size, the same share of Chinese
characters as the original (the course language is kept), and, for an objective,
the same measurable verb where the planner put it (its Bloom level stays true).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from datasources.chat import ChatError, ChatMessage, ChatModel
from jobs.planning.result import CoursePlan, Objective, Question
from jobs.planning.wording import is_chinese

log = logging.getLogger("jobs.rewrite")
BATCH = 40  # texts per request: one answer stays well under any model's output limit
MAX_CHARS = {"description": 2000, "objective": 400, "question": 400}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_MARKUP = re.compile(
    r"<[A-Za-z/!][^>]*>|```|\*\*|__|\[[^\]]*\]\([^)]*\)|^\s{0,3}(#{1,6}\s|[-*+]\s|>\s)",
    re.MULTILINE,
)
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$")


@dataclass(frozen=True, slots=True)
class Item:
    kind: str  # description | objective | question
    text: str
    verb: str | None = None  # an objective's measurable verb, which must stay first


@dataclass(frozen=True, slots=True)
class RewriteReport:
    asked: int
    accepted: int
    error: str | None  # why the model's answers were not (all) used, when they were not


def _cjk_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return len(_CJK.findall(text)) / len(letters) if letters else 0.0


def _keeps_verb(item: Item, text: str) -> bool:
    """The objective's measurable verb where the planner put it: first ("Explain …"),
    or, where the language puts it later (用自己的话解释…), anywhere."""
    verb = item.verb or ""
    return text.startswith(verb) if item.text.startswith(verb) else verb in text


def acceptable(item: Item, new: Any) -> str | None:
    """The rewritten text, cleaned, when it passes every check; else None."""
    if not isinstance(new, str):
        return None
    text = " ".join(unicodedata.normalize("NFC", new).split())
    if not text or len(text) > MAX_CHARS[item.kind]:
        return None
    if not 0.4 * len(item.text) <= len(text) <= 3 * len(item.text) + 40:
        return None
    if _MARKUP.search(text) or any(
        ch in _BIDI or unicodedata.category(ch) in ("Cc", "Cs") for ch in text
    ):
        return None
    if abs(_cjk_share(text) - _cjk_share(item.text)) > 0.35:
        return None
    if item.verb and not _keeps_verb(item, text):
        return None
    return text


def _messages(language: str, items: Sequence[Item]) -> list[ChatMessage]:
    lang = "Simplified Chinese" if is_chinese(language) else "English"
    system = (
        "You edit course materials for teachers. Reword each text so it reads clearly and "
        f"naturally in {lang}, keeping its meaning and every concept name exactly. Plain "
        "text only: no Markdown, no HTML, no lists. An objective must still begin with "
        'the same verb. Answer with one JSON object {"texts": [...]}: exactly one string '
        "per input text, in the same order."
    )
    user = orjson.dumps({"texts": [{"kind": i.kind, "text": i.text} for i in items]}).decode()
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def _answers(reply: str, expected: int) -> list[Any]:
    body = _FENCE.sub("", reply.strip())
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise ValueError(f"the reply is not JSON ({exc})") from None
    texts = data.get("texts") if isinstance(data, dict) else None
    if not isinstance(texts, list) or len(texts) != expected:
        raise ValueError(f"expected {expected} texts in the reply")
    return texts


async def _reword(
    chat: ChatModel, language: str, items: list[Item]
) -> tuple[list[str], str | None]:
    out = [i.text for i in items]
    error = None
    for start in range(0, len(items), BATCH):
        batch = items[start : start + BATCH]
        try:
            reply = await chat.complete(_messages(language, batch), max_tokens=4000)
            answers = _answers(reply, len(batch))
        except (ChatError, ValueError) as exc:
            error = str(exc)[:300]
            log.warning("chat rewrite of %d texts not used: %s", len(batch), error)
            continue
        for offset, (item, new) in enumerate(zip(batch, answers, strict=True)):
            checked = acceptable(item, new)
            if checked is not None:
                out[start + offset] = checked
    return out, error


async def rewrite_plan(
    plan: CoursePlan, chat: ChatModel, *, deadline_seconds: float
) -> tuple[CoursePlan, RewriteReport]:
    """The plan with the texts the model improved; the planner's wherever it did not."""
    objectives = plan.objectives
    items = [
        Item("description", plan.description),
        *(Item("objective", o.description, o.verb) for o in objectives),
        *(Item("question", q.question) for q in plan.questions),
    ]
    try:
        async with asyncio.timeout(deadline_seconds):
            texts, error = await _reword(chat, plan.language, items)
    except TimeoutError:
        log.warning(
            "chat rewrite took longer than %gs; the planner's text is kept", deadline_seconds
        )
        return plan, RewriteReport(asked=len(items), accepted=0, error="timed out")
    accepted = sum(new != item.text for new, item in zip(texts, items, strict=True))
    described = dict(zip((o.id for o in objectives), texts[1 : 1 + len(objectives)], strict=True))
    asked_questions = texts[1 + len(objectives) :]
    return _with_texts(plan, texts[0], described, asked_questions), RewriteReport(
        asked=len(items), accepted=accepted, error=error
    )


def _with_texts(
    plan: CoursePlan, description: str, objectives: dict[str, str], questions: Sequence[str]
) -> CoursePlan:
    def objective(o: Objective) -> Objective:
        return dataclasses.replace(o, description=objectives.get(o.id, o.description))

    def question(q: Question, text: str) -> Question:
        return dataclasses.replace(q, question=text)

    return dataclasses.replace(
        plan,
        description=description,
        learning_objectives=tuple(objective(o) for o in plan.learning_objectives),
        weeks=tuple(
            dataclasses.replace(w, objectives=tuple(objective(o) for o in w.objectives))
            for w in plan.weeks
        ),
        questions=tuple(question(q, t) for q, t in zip(plan.questions, questions, strict=True)),
    )
