# ruff: noqa: RUF001 - Chinese text uses full-width punctuation on purpose
"""Two realistic small knowledge graphs (our own text): statistics (en), linear algebra (zh)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

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

COURSE_ID = "3f0e9a52-6f7e-4c55-9d3e-7f2a8a1b0c01"


def _concept(
    cid: str,
    title: str,
    difficulty: Any,
    where: list[tuple[str, int, int]],
    *,
    language: str,
    definition: str = "",
    example: str = "",
    formula: str = "",
    volume: int = 400,
) -> ConceptInput:
    doc, page, _ = where[0]
    texts = [
        Extraction(kind, text, doc, page + offset)  # type: ignore[arg-type]
        for offset, (kind, text) in enumerate(
            (("definition", definition), ("example", example), ("formula", formula))
        )
        if text
    ]
    return ConceptInput(
        id=cid,
        title=title,
        language=language,
        difficulty=difficulty,
        description=definition,
        mentions=tuple(Mention(d, p, 0.9 - 0.01 * o % 0.3, o) for d, p, o in where),
        extractions=tuple(texts),
        text_volume=volume,
    )


def _edges(spec: list[tuple[str, str, bool, float]]) -> tuple[PrerequisiteInput, ...]:
    return tuple(PrerequisiteInput(a, b, m, w) for a, b, m, w in spec)


STATS = "doc-stats"
PROB = "doc-prob"
STATISTICS_DOCUMENTS = (
    DocumentInput(STATS, "Statistics Notes", "statistics-notes.pdf", "en", 40, 0),
    DocumentInput(PROB, "", "probability-primer.pdf", "en", 25, 1),
)


def statistics_input(**request: Any) -> PlanningInput:
    en = "en"
    c = [
        _concept("s-types", "Types of data", "beginner", [(STATS, 1, 0)], language=en,
                 definition="Data are categorical when they name groups and numerical when "
                 "they measure quantities."),
        _concept("s-hist", "Histogram", "beginner", [(STATS, 3, 1)], language=en,
                 definition="A histogram shows how many values fall into each interval.",
                 example="Exam scores grouped into bins of ten points."),
        _concept("s-mean", "Mean", "beginner", [(STATS, 5, 2)], language=en,
                 definition="The mean is the sum of the values divided by their number.",
                 formula="x̄ = (x₁ + … + xₙ) / n"),
        _concept("s-median", "Median", "beginner", [(STATS, 6, 3)], language=en,
                 definition="The median is the middle value of the sorted data.",
                 example="The median of 3, 9, 4 is 4."),
        _concept("s-var", "Variance", "intermediate", [(STATS, 8, 4)], language=en,
                 definition="Variance is the mean squared distance from the mean.",
                 formula="s² = Σ(xᵢ − x̄)² / (n − 1)", volume=900),
        _concept("s-sd", "Standard deviation", "intermediate", [(STATS, 9, 5)], language=en,
                 definition="The standard deviation is the square root of the variance.",
                 example="Heights with a standard deviation of 7 cm.", formula="s = √s²"),
        _concept("s-sampling", "Sampling distribution", "intermediate",
                 [(STATS, 20, 6), (PROB, 22, 6)], language=en,
                 definition="The distribution of a statistic over repeated samples."),
        _concept("s-ci", "Confidence interval", "advanced", [(STATS, 24, 7)], language=en,
                 definition="A range that covers the true parameter in a stated share of "
                 "samples.", example="A 95 % interval for mean height.",
                 formula="x̄ ± z·s/√n"),
        _concept("s-test", "Hypothesis testing", "advanced", [(STATS, 27, 8)], language=en,
                 definition="A procedure that weighs data against a null hypothesis.",
                 example="Testing whether a coin is fair."),
        _concept("s-p", "p-value", "advanced", [(STATS, 29, 9)], language=en,
                 definition="The probability of data at least this extreme if the null "
                 "hypothesis holds."),
        _concept("s-corr", "Correlation", "intermediate", [(STATS, 30, 10)], language=en,
                 definition="Correlation measures how strongly two variables move together.",
                 example="Hours studied and exam score.", formula="r = cov(x, y) / (sₓ s_y)"),
        _concept("s-reg", "Linear regression", "advanced", [(STATS, 34, 11)], language=en,
                 definition="Fitting a straight line that predicts y from x.",
                 example="Predicting rent from floor area.", formula="ŷ = a + b x",
                 volume=1500),
        _concept("p-prob", "Probability", "beginner", [(PROB, 1, 0)], language=en,
                 definition="Probability is the long-run share of times an event happens.",
                 example="A fair die shows six with probability 1/6."),
        _concept("p-cond", "Conditional probability", "intermediate", [(PROB, 4, 1)],
                 language=en, definition="The probability of A once B is known to hold.",
                 formula="P(A|B) = P(A ∩ B) / P(B)"),
        _concept("p-bayes", "Bayes' theorem", "advanced", [(PROB, 7, 2)], language=en,
                 definition="Bayes' theorem turns P(B|A) into P(A|B).",
                 example="The chance of illness after a positive test.",
                 formula="P(A|B) = P(B|A) P(A) / P(B)"),
        _concept("p-rv", "Random variable", "intermediate", [(PROB, 10, 3)], language=en,
                 definition="A random variable assigns a number to each outcome."),
        _concept("p-normal", "Normal distribution", "intermediate", [(PROB, 14, 4)],
                 language=en, definition="The bell-shaped distribution fixed by its mean "
                 "and standard deviation.", formula="f(x) = e^(−(x−μ)²/2σ²) / (σ√2π)"),
        _concept("p-clt", "Central limit theorem", "advanced", [(PROB, 19, 5)], language=en,
                 definition="Means of large samples are close to normally distributed.",
                 example="Averages of 50 dice rolls."),
    ]  # fmt: skip
    edges = _edges([
        ("s-mean", "s-var", True, 0.9), ("s-var", "s-sd", True, 0.95),
        ("p-prob", "p-cond", True, 0.9), ("p-cond", "p-bayes", True, 0.9),
        ("p-prob", "p-rv", True, 0.8), ("p-rv", "p-normal", True, 0.8),
        ("s-sd", "p-normal", True, 0.7), ("p-normal", "p-clt", True, 0.9),
        ("s-sampling", "p-clt", True, 0.8), ("p-rv", "s-sampling", True, 0.7),
        ("p-clt", "s-ci", True, 0.85), ("s-sampling", "s-test", True, 0.8),
        ("s-test", "s-p", True, 0.9), ("s-mean", "s-corr", True, 0.6),
        ("s-sd", "s-corr", True, 0.7), ("s-corr", "s-reg", True, 0.9),
        ("s-types", "s-hist", False, 0.5), ("s-types", "s-mean", False, 0.4),
        ("s-mean", "s-median", False, 0.3),
    ])  # fmt: skip
    relations = (
        RelationInput("s-mean", "s-median", "similar", 0.8),
        RelationInput("s-hist", "p-normal", "example", 0.5),
        RelationInput("s-ci", "s-test", "similar", 0.7),
        RelationInput("s-corr", "s-reg", "similar", 0.9),
    )
    base = CourseRequest(document_ids=(STATS, PROB), duration_weeks=6, hours_per_week=3)
    return PlanningInput(
        course_id=COURSE_ID,
        request=replace(base, **request),
        documents=STATISTICS_DOCUMENTS,
        concepts=tuple(c),
        prerequisites=edges,
        relations=relations,
    )


LA = "doc-la"
EX = "doc-ex"
LINEAR_ALGEBRA_DOCUMENTS = (
    DocumentInput(LA, "线性代数讲义", "线性代数讲义.pdf", "zh-CN", 60, 0),
    DocumentInput(EX, "线性代数习题集", "习题集.docx", "zh-CN", 30, 1),
)


def linear_algebra_input(**request: Any) -> PlanningInput:
    zh = "zh-CN"
    c = [
        _concept("v", "向量", "beginner", [(LA, 1, 0)], language=zh,
                 definition="向量是既有大小又有方向的量，可以写成一列数。"),
        _concept("v-add", "向量加法", "beginner", [(LA, 3, 1), (EX, 1, 0)], language=zh,
                 definition="两个向量相加就是把对应分量分别相加。",
                 example="(1, 2) 加 (3, 4) 等于 (4, 6)。"),
        _concept("v-scale", "数乘", "beginner", [(LA, 4, 2)], language=zh,
                 definition="数乘是用一个数去乘向量的每一个分量。",
                 formula="k(a, b) = (ka, kb)"),
        _concept("comb", "线性组合", "intermediate", [(LA, 6, 3)], language=zh,
                 definition="若干向量分别数乘后再相加，得到它们的线性组合。",
                 example="3a + 2b 是 a 和 b 的一个线性组合。"),
        _concept("dep", "线性相关", "intermediate", [(LA, 9, 4), (EX, 5, 1)], language=zh,
                 definition="若存在不全为零的系数使线性组合为零向量，则这些向量线性相关。"),
        _concept("m", "矩阵", "beginner", [(LA, 12, 5)], language=zh,
                 definition="矩阵是按行和列排列的一张数表。"),
        _concept("m-mul", "矩阵乘法", "intermediate", [(LA, 15, 6), (EX, 8, 2)], language=zh,
                 definition="矩阵乘积的每个元素是前一矩阵的行与后一矩阵的列的内积。",
                 example="二阶矩阵相乘的计算步骤。", formula="(AB)ᵢⱼ = Σₖ aᵢₖ bₖⱼ",
                 volume=1200),
        _concept("sys", "线性方程组", "beginner", [(LA, 18, 7)], language=zh,
                 definition="由若干个一次方程组成的方程组。"),
        _concept("gauss", "高斯消元法", "intermediate", [(LA, 21, 8), (EX, 12, 3)],
                 language=zh, definition="用初等行变换把增广矩阵化为阶梯形来解方程组。",
                 example="用消元法解三元一次方程组。"),
        _concept("det", "行列式", "intermediate", [(LA, 26, 9)], language=zh,
                 definition="行列式是方阵对应的一个数，反映线性变换对体积的缩放。",
                 formula="det A = ad − bc"),
        _concept("inv", "逆矩阵", "intermediate", [(LA, 30, 10)], language=zh,
                 definition="若 AB = BA = I，则 B 是 A 的逆矩阵。",
                 example="求二阶矩阵的逆。"),
        _concept("rank", "秩", "advanced", [(LA, 34, 11)], language=zh,
                 definition="矩阵的秩是其线性无关的行的最大个数。"),
        _concept("eig", "特征值", "advanced", [(LA, 40, 12), (EX, 20, 4)], language=zh,
                 definition="若 Av = λv 且 v 非零，则 λ 是 A 的特征值。",
                 formula="det(A − λI) = 0", volume=1600),
        _concept("eigv", "特征向量", "advanced", [(LA, 41, 13)], language=zh,
                 definition="满足 Av = λv 的非零向量 v 称为特征向量。"),
        _concept("diag", "对角化", "advanced", [(LA, 46, 14)], language=zh,
                 definition="把方阵写成 PDP⁻¹ 的形式，其中 D 是对角矩阵。",
                 example="对角化一个二阶对称矩阵。"),
        _concept("orth", "正交", "intermediate", [(LA, 52, 15)], language=zh,
                 definition="两个向量的内积为零时称它们正交。"),
    ]  # fmt: skip
    edges = _edges([
        ("v", "v-add", True, 0.9), ("v", "v-scale", True, 0.9),
        ("v-add", "comb", True, 0.9), ("v-scale", "comb", True, 0.9),
        ("comb", "dep", True, 0.85), ("m", "m-mul", True, 0.9),
        ("v", "m", False, 0.5), ("m", "sys", False, 0.4), ("sys", "gauss", True, 0.9),
        ("m", "gauss", True, 0.7), ("m-mul", "inv", True, 0.8), ("det", "inv", True, 0.7),
        ("m", "det", True, 0.8), ("dep", "rank", True, 0.8), ("gauss", "rank", True, 0.6),
        ("det", "eig", True, 0.8), ("eig", "eigv", True, 0.95), ("eigv", "diag", True, 0.9),
        ("inv", "diag", True, 0.7), ("v", "orth", True, 0.6),
    ])  # fmt: skip
    relations = (
        RelationInput("eig", "eigv", "similar", 0.95),
        RelationInput("gauss", "rank", "example", 0.6),
        RelationInput("dep", "rank", "similar", 0.7),
    )
    base = CourseRequest(document_ids=(LA, EX), duration_weeks=8, hours_per_week=2)
    return PlanningInput(
        course_id=COURSE_ID,
        request=replace(base, **request),
        documents=LINEAR_ALGEBRA_DOCUMENTS,
        concepts=tuple(c),
        prerequisites=edges,
        relations=relations,
    )
