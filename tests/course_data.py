# ruff: noqa: E501 - a table of test data, one concept a line
"""Small knowledge graphs for the course tests, written by hand (English and Chinese).

As a PlanningInput with readable string ids; bench/course_store.load_graph writes them
into the stores with fresh UUIDs. Each graph has mandatory chains (which a course
must respect), an optional edge, a concept no document mentions (a course
prerequisite) and definitions, examples and formulas (objectives and questions).
"""

from __future__ import annotations

from jobs.planning import (
    ConceptInput,
    CourseRequest,
    DocumentInput,
    Extraction,
    Mention,
    PlanningInput,
    PrerequisiteInput,
    RelationInput,
)

# (id, title, difficulty, document, page, definition, example, formula)
STATISTICS = [
    ("variable", "Variable", "beginner", "stats", 1, "A variable is a characteristic that can take different values.", None, None),
    ("mean", "Mean", "beginner", "stats", 2, "The mean is the sum of the values divided by their number.", None, "mean = (x1 + ... + xn) / n"),
    ("variance", "Variance", "intermediate", "stats", 4, "The variance is the average squared distance from the mean.", "The heights 1, 2, 3 have variance 2/3.", "var = sum((x - mean)^2) / n"),
    ("sd", "Standard deviation", "intermediate", "stats", 5, "The standard deviation is the square root of the variance.", None, "sd = sqrt(var)"),
    ("normal", "Normal distribution", "intermediate", "stats", 8, "The normal distribution is the bell-shaped distribution of many measurements.", "Adult heights are close to normally distributed.", None),
    ("zscore", "Z-score", "advanced", "stats", 10, "A z-score counts standard deviations from the mean.", "A score of 130 with mean 100 and sd 15 has z = 2.", "z = (x - mean) / sd"),
    ("test", "Hypothesis test", "advanced", "stats", 15, "A hypothesis test decides whether data contradict a claim.", "Testing whether a coin is fair from 100 tosses.", None),
    ("probability", "Probability", "beginner", "prob", 1, "Probability measures how likely an event is, from 0 to 1.", "A fair die shows six with probability 1/6.", None),
    ("random", "Random variable", "intermediate", "prob", 2, "A random variable assigns a number to each outcome.", None, None),
]  # fmt: skip
STATISTICS_EDGES = [
    ("variable", "mean", True), ("mean", "variance", True), ("variance", "sd", True),
    ("sd", "zscore", True), ("mean", "zscore", True), ("zscore", "test", True),
    ("normal", "test", True), ("probability", "random", True), ("variable", "random", True),
    ("sets", "probability", True), ("random", "normal", False),
]  # fmt: skip

CHINESE = [
    ("bianliang", "变量", "beginner", "tongji", 1, "变量是可以取不同值的特征。", None, None),
    ("pingjun", "平均数", "beginner", "tongji", 2, "平均数是数值之和除以个数。", "身高1、2、3的平均数是2。", "平均数 = 总和 / 个数"),
    ("fangcha", "方差", "intermediate", "tongji", 3, "方差是各数值与平均数之差的平方的平均数。", None, "方差 = 平方差之和 / 个数"),
    ("biaozhuncha", "标准差", "intermediate", "tongji", 4, "标准差是方差的平方根。", None, None),
    ("zhengtai", "正态分布", "advanced", "tongji", 6, "正态分布是钟形的概率分布。", "成年人的身高近似服从正态分布。", None),
]  # fmt: skip
CHINESE_EDGES = [
    ("bianliang", "pingjun", True), ("pingjun", "fangcha", True),
    ("fangcha", "biaozhuncha", True), ("biaozhuncha", "zhengtai", False),
]  # fmt: skip


def _graph(
    rows: list[tuple[str, str, str, str, int, str, str | None, str | None]],
    edges: list[tuple[str, str, bool]],
    documents: tuple[DocumentInput, ...],
    extra: tuple[ConceptInput, ...] = (),
) -> PlanningInput:
    language = {d.id: d.language for d in documents}
    concepts = []
    for order, (cid, title, difficulty, doc, page, definition, example, formula) in enumerate(rows):
        texts = tuple(
            Extraction(kind, text, doc, page)  # type: ignore[arg-type]
            for kind, text in (
                ("definition", definition),
                ("example", example),
                ("formula", formula),
            )
            if text
        )
        concepts.append(
            ConceptInput(
                id=cid,
                title=title,
                language=language[doc],
                difficulty=difficulty,  # type: ignore[arg-type]
                description=definition,
                mentions=(Mention(doc, page, 0.9, order),),
                extractions=texts,
                text_volume=400,
            )
        )
    return PlanningInput(
        course_id="unused",
        request=CourseRequest(
            document_ids=tuple(d.id for d in documents), duration_weeks=4, hours_per_week=3
        ),
        documents=documents,
        concepts=(*concepts, *extra),
        prerequisites=tuple(PrerequisiteInput(a, b, m, 0.8) for a, b, m in edges),
        relations=(RelationInput(rows[1][0], rows[2][0], "similar", 0.8),),
    )


def statistics() -> PlanningInput:
    """Two English documents (20 and 12 pages); `Set theory` is in neither."""
    sets = ConceptInput(
        id="sets", title="Set theory", language="en", difficulty="beginner",
        description="Sets, elements and operations on them.",
    )  # fmt: skip
    return _graph(
        STATISTICS,
        STATISTICS_EDGES,
        (
            DocumentInput("stats", "Introductory Statistics", "stats.pdf", "en", 20, 0),
            DocumentInput("prob", "", "probability-notes.pdf", "en", 12, 1),
        ),
        (sets,),
    )


def chinese() -> PlanningInput:
    """One Chinese document of 8 pages."""
    return _graph(
        CHINESE,
        CHINESE_EDGES,
        (DocumentInput("tongji", "统计学基础", "统计学.pdf", "zh-CN", 8, 0),),
    )
