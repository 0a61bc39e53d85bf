# ruff: noqa: RUF001 - full-width punctuation and typographic quotes on purpose
"""The planner's sentences in the course language (Chinese or English).

Objectives start with a measurable verb for their Bloom level (Anderson &
Krathwohl's revised taxonomy); the verb is also kept apart in `verb`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import opencc

from jobs.pipeline.traditional import is_traditional as is_traditional_script

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W\u3400-\u9fff\uf900-\ufaff]+")


def is_chinese(language: str) -> bool:
    return language.lower().startswith("zh")


def reading_units(text: str) -> int:
    """Words for alphabetic text, characters for Chinese (as documents.word_count)."""
    return len(_CJK.findall(text)) + len(_WORD.findall(text))


@dataclass(frozen=True, slots=True)
class ObjectiveWording:
    verb: str
    template: str  # {x}: the concepts


# (bloom level, variant) -> wording; variant "formula" only for apply. {x} is one to three
# concept titles of any subject, a technique ("hash table") or a thing ("lysosome"): each
# sentence reads for either, and for one title or several ("Evaluate when to use
# lysosomes" and "compare it with" for three titles did not, nor "comparing each with" for one),
# and in a subject without exercises ("Apply what you know of slavery to problems like the
# examples" read wrong in a history course).
OBJECTIVES_EN = {
    ("remember", ""): ObjectiveWording("Define", "Define {x} and recall the key terms."),
    ("understand", ""): ObjectiveWording("Explain", "Explain {x} in your own words."),
    ("apply", ""): ObjectiveWording(
        "Apply", "Apply what you know of {x} to new situations like those in the examples."
    ),
    ("apply", "formula"): ObjectiveWording("Compute", "Compute results with the formulas of {x}."),
    ("analyze", ""): ObjectiveWording(
        "Analyse", "Analyse {x} in comparison with related concepts."
    ),
    ("evaluate", ""): ObjectiveWording(
        "Evaluate", "Evaluate claims and solutions that involve {x}, and justify the judgement."
    ),
}
OBJECTIVES_ZH = {
    ("remember", ""): ObjectiveWording("说出", "说出{x}的定义和关键术语。"),
    ("understand", ""): ObjectiveWording("解释", "用自己的话解释{x}。"),
    ("apply", ""): ObjectiveWording("运用", "运用{x}的知识分析与书中例子类似的新情境。"),
    ("apply", "formula"): ObjectiveWording("计算", "运用{x}的公式计算结果。"),
    ("analyze", ""): ObjectiveWording("分析", "分析{x}，并与相关概念进行比较。"),
    ("evaluate", ""): ObjectiveWording("评价", "评价涉及{x}的论断和解法，并说明理由。"),
}

EN = {
    "quiz_title": "Week {week} quiz",
    "quiz": "Short questions on {x}.",
    "exercise_title": "Week {week} exercises",
    "exercise": "Problems that apply {x}.",
    "project_title": "Final project",
    "project": "A project that brings together {x}.",
    "description": "A {weeks}-week course of {count} concepts, from {first} to {last}, "
    "based on {documents}.",
    # the title in quotes is a term mentioned, so the sentence reads for any noun: "What
    # is dictionary?" lacked its article, "How is composite keys used" its agreement
    "question_definition": "What does “{title}” mean?",
    "question_example": "How is “{title}” used in practice? Give an example.",
    "question_formula": "What is the formula for “{title}”?",
    "review_title": "Review and catch-up",
    "continued_title": "{title} (continued)",
    "span_title": "{first} – {last}",
}
ZH = {
    "quiz_title": "第{week}周测验",
    "quiz": "关于{x}的简答题。",
    "exercise_title": "第{week}周练习",
    "exercise": "运用{x}的练习题。",
    "project_title": "期末项目",
    "project": "综合运用{x}的项目。",
    "description": "本课程共{weeks}周，讲解{count}个概念，从{first}到{last}，取材于{documents}。",
    "question_definition": "什么是{title}？",
    "question_example": "{title}在实际中如何应用？请举例说明。",
    "question_formula": "{title}的公式是什么？",
    "review_title": "复习与巩固",
    "continued_title": "{title}（续）",
    "span_title": "{first}至{last}",
}


# A course planned from documents written in Traditional characters (繁體, a teacher's in
# Taiwan or Hong Kong) is worded in them too: "用自己的話解釋慣性。", not the Simplified
# "用自己的话解释慣性。" around the documents' own titles. The planner says so with this
# language tag (`traditional_wording`); the course keeps its documents' language.
TRADITIONAL = "zh-Hant"


def is_traditional(language: str) -> bool:
    return language.lower().startswith(("zh-hant", "zh-tw", "zh-hk"))


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("s2tw")  # the characters only: 软件 stays a word, as written


@cache
def _hant(text: str) -> str:
    return _converter().convert(text)


def in_script(language: str, text: str) -> str:
    """Chinese wording `text` in the characters `language` asks for: Traditional for
    `TRADITIONAL`, else as written (Simplified). `text` is the project's own wording, a
    template before its values are put in: the conversion is cached by it."""
    return _hant(text) if is_traditional(language) else text


def traditional_wording(language: str, titles: Sequence[str]) -> str:
    """`wording.TRADITIONAL` for a Chinese course whose concepts are written in Traditional
    characters, so that its objectives, titles and questions are worded in them; else
    `language`."""
    # a course's titles are short, and a few are English ("K-Means", "etcd"): a handful of
    # Traditional characters among them says it, as none are in a Simplified course's
    if is_chinese(language) and is_traditional_script(titles, least=3):
        return TRADITIONAL
    return language


def phrase(language: str, name: str, **values: object) -> str:
    if is_chinese(language):
        return in_script(language, ZH[name]).format(**values)
    return EN[name].format(**values)


def objective_wording(language: str, level: str, variant: str) -> ObjectiveWording:
    if not is_chinese(language):
        return OBJECTIVES_EN[level, variant]
    wording = OBJECTIVES_ZH[level, variant]
    return ObjectiveWording(
        in_script(language, wording.verb), in_script(language, wording.template)
    )


def join(language: str, items: Sequence[str], *, limit: int = 4) -> str:
    """ "A, B and C" / "A、B和C"; past `limit` items, "A, B, C and 2 more" / "A、B、C等5项"."""
    zh = is_chinese(language)
    if len(items) > limit:
        shown = items[: limit - 1]
        rest = len(items) - len(shown)
        if zh:
            return "、".join(shown) + in_script(language, "等{n}项").format(n=len(items))
        return ", ".join(shown) + f" and {rest} more"
    if len(items) <= 1:
        return "".join(items)
    if zh:
        return "、".join(items[:-1]) + "和" + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]
