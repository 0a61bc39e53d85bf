"""Rules met on problem sets, worksheets, review questions and exam papers (试卷, 练习题,
复习题), each on text written for the test: an exam's parts (一、选择题, 二、非选择题), its
answer key (参考答案与解析, "Answer Key") and the key's formulas (故选, 符合题意, "B错误")
name no topic; the procedures its questions describe (加入…, 发生…反应) are no names."""

from __future__ import annotations

import re
from pathlib import Path

import rjieba

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.answer_keys import blanks_filled_by_key
from jobs.pipeline.definitions import find_definitions, zh_statement_to_judge
from jobs.pipeline.formulas import _looks_mathematical
from jobs.pipeline.lexicon import apparatus
from jobs.pipeline.model import Block, Concept
from jobs.pipeline.normalise import heading_title
from jobs.pipeline.questions import (
    asked_topics,
    choices,
    option_names,
    option_runs,
    option_texts,
)
from jobs.pipeline.structure import HEADING_NUMBER, heading_terms
from jobs.pipeline.terms import collect
from tests.unit.pipeline.written import concepts_of, sections_of


def titles_of(tmp_path: Path, text: str, name: str = "paper.md") -> set[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return {c.title for c in analyse_file(path).knowledge.concepts}


def concepts_by_key(tmp_path: Path, text: str, name: str) -> dict[str, Concept]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return {c.key: c for c in analyse_file(path).knowledge.concepts}


def keys(text: str) -> set[str]:
    return set(collect([(0, text)], rjieba.Jieba()))


def test_an_exam_papers_parts_and_answer_key_are_apparatus() -> None:
    for heading in ("非选择题", "单项选择题", "解答题", "答案解析", "参考答案与解析", "Answer Key"):
        assert apparatus(heading), heading
    assert apparatus("Solutions to Selected Problems")
    assert not apparatus("Primary Key")
    assert not apparatus("Buffer Solutions")


def test_a_lessons_quizzes_challenge_and_self_study_are_apparatus() -> None:
    for heading in ("Pre-lecture quiz", "Post-class quiz", "Challenge", "Review & Self Study"):
        assert apparatus(heading), heading
    # a page's questions for its class, named by their kind alone
    for heading in ("Quiz", "Quizzes", "Self-check"):
        assert apparatus(heading), heading
    # a study of something, a self-named concept and challenges discussed stay topics
    for topic in ("Cohort study", "Self", "Self-efficacy", "Challenges", "Assignment"):
        assert not apparatus(topic), topic


def test_a_worksheet_parts_points_in_english_leave_it_apparatus() -> None:
    # a quiz's part named by its kind and what it scores, in points or marks; a topic
    # with a number in brackets stays a topic
    scored = ["True or False (1 point each)", "Short Answer (12 marks)", "Multiple Choice (4 pts)"]
    topics = ["Points of View (2 examples)", "Price Points", "Photosynthesis (3 stages)"]
    assert [apparatus(h) for h in scored + topics] == [True] * 3 + [False] * 3


def test_a_papers_written_parts_named_by_their_format_are_apparatus() -> None:
    # "Part B: Structured questions", "Extended Response", "Pop Quiz": the paper's parts,
    # no topic; formats a subject teaches ("Matching", "Essay questions") stay topics
    parts = ["Structured questions", "Short-answer questions", "Extended Response", "Pop Quiz"]
    assert [apparatus(h) for h in parts] == [True] * 4
    assert not apparatus("Matching") and not apparatus("Structured query language")


def test_a_sections_self_test_named_a_knowledge_check_is_apparatus() -> None:
    for heading in ("Knowledge Check", "Knowledge Checks"):
        assert apparatus(heading), heading
    assert not apparatus("Knowledge Representation")


def test_a_term_review_heading_is_apparatus() -> None:
    # a student's notes open on when they were written for ("期中复习", a 复习提纲): the
    # revision itself, no topic of the course
    reviews = ("期中复习", "期末总复习", "考前复习", "复习提纲", "期末复习资料", "期末复习题")
    assert [h for h in reviews if not apparatus(h)] == []
    # review as a subject taught, and a review of something named, stay topics
    assert [t for t in ("复习策略", "间隔复习", "文献复习") if apparatus(t)] == []


def test_a_short_answer_questions_topic_is_a_concept(tmp_path: Path) -> None:
    # a review set's essay questions name each topic once, in the question's stem: the
    # topic asked about is taught, though the sheet never uses it again
    text = (
        "# 期末复习题\n\n## 一、计算题\n\n"
        "1．某公司的负债为 500 万元，权益为 300 万元，求其负债权益比。\n\n"
        "2．某公司的负债为 200 万元，权益为 400 万元，求其负债权益比。\n\n"
        "## 二、简答题\n\n"
        "1．谈谈你对供应链金融的看法\n\n"
        "2．如何用波特五力模型分析一个行业的竞争格局\n\n"
        "3．何为营运资本？它与流动比率有何关系？\n"
    )
    titles = titles_of(tmp_path, text)
    assert {"供应链金融", "波特五力模型", "营运资本"} <= titles, titles
    # prose that reports what a chapter describes asks nothing
    assert not titles_of(tmp_path, "# 导论\n\n本章简述了供应链金融的发展，并给出例子。\n") & {
        "供应链金融"
    }


def test_an_exercises_solution_answer_and_hint_headings_are_apparatus() -> None:
    # an exercise sheet as PDF or Word heads each exercise's worked answer "Solution" (or
    # "Answer", "Hint"): repeated under every exercise, it was the sheet's first concept,
    # a week's title and a module's
    for heading in ("Solution", "Answer", "Answers", "Hint", "Hints", "Solution:"):
        assert apparatus(heading), heading
    # a chemistry section on solutions, and solutions of a kind, stay topics
    for topic in ("Solutions", "Buffer Solutions", "Solution Concentration"):
        assert not apparatus(topic), topic


def test_a_hands_on_tutorials_aims_and_outcomes_are_apparatus() -> None:
    # a workshop page lists what it sets out to do, then what was learnt, under such headings
    for heading in ("Tutorial Aims", "Workshop aims", "Tutorial outcomes", "Lesson Aims"):
        assert apparatus(heading), heading
    # the aims of something taught, or a tutor's name for a topic, stay topics
    for topic in ("Aims of the Treaty of Rome", "Tutorial"):
        assert not apparatus(topic), topic


def test_a_lectures_bare_aims_heading_is_apparatus() -> None:
    # a slide deck opens each lecture on "Aims" as others open on "Objectives" or "Goals":
    # what the lecture sets out to teach, no topic of its own
    for heading in ("Aims", "AIMS", "Aims and objectives"):
        assert apparatus(heading), heading
    assert not apparatus("Aims of the League of Nations")


def test_a_handouts_general_instructions_are_apparatus() -> None:
    # how to use the sheet, the notebook or the exam paper, not what it teaches
    for heading in ("General instructions", "Exam Instructions", "Lab instructions"):
        assert apparatus(heading), heading
    # what a processor executes stays a topic, named alone or by its kind
    for topic in ("Instructions", "Machine instructions", "Branch instructions"):
        assert not apparatus(topic), topic


def test_a_heading_about_the_document_itself_is_apparatus() -> None:
    for heading in (
        "Goals of this lesson",
        "Objectives for today's class",
        "How to use these slides",
        "About this course",
        "Using this textbook",
    ):
        assert apparatus(heading), heading
    # the goals, the use or the subject of something else stay topics
    for topic in ("Goals of the Marshall Plan", "Using the slide rule", "About the author"):
        assert not apparatus(topic), topic


def test_an_answer_keys_verdict_on_an_option_is_no_name() -> None:
    found = keys("A、氯化钠是离子化合物，A正确；B、干冰是分子晶体，B错误；故选：A。")
    assert not found & {"b 错误", "a 正确", "故选"}
    assert {"离子化合物", "分子晶体"} <= found
    assert "语法错误" in keys("编译器报告了语法错误。")


def test_an_english_truth_value_keying_a_chinese_statement_is_no_name() -> None:
    found = keys("事务具有原子性。\n\nTRUE\n\n触发器可以替代外键约束。\n\nFalse")
    assert not found & {"true", "false"}
    assert {"事务", "原子性", "触发器", "外键约束"} <= found


def test_a_one_character_modal_and_its_verb_are_no_name() -> None:
    found = keys("出错的语句应放在监视块里，返回值须满足约束。")
    assert not found & {"应放在", "语句应放在", "语句应", "须满足", "返回值须"}
    assert {"语句", "返回值", "约束"} <= found


def test_a_choice_questions_stem_defines_nothing() -> None:
    judged = {
        "在员工表中为工号列建立名称为idx_no的唯一索引的语句中，正确的是（ ）。": True,
        "下列关于唯一索引的说法，不正确的是：": True,
        "以下属于线性结构的是（　　）": True,
        # a statement, and one with 的是 inside it, stay statements
        "唯一索引是列值不能重复的索引。": False,
        "要注意的是主键不允许空值。": False,
    }
    assert {text: zh_statement_to_judge(text) for text in judged} == judged


def test_an_answer_keys_formulas_are_no_names() -> None:
    found = keys("①③符合题意；②不合题意；④说法错误。")
    assert not found & {"符合题意", "不合题意", "说法错误", "题意", "说法"}


def test_a_procedure_or_a_reaction_in_a_question_is_no_name() -> None:
    found = keys("先加入缓冲液，再加入底物，最后加入淀粉酶；乙烯能发生加成反应，放出热量。")
    assert not found & {"加入缓冲液", "加入底物", "加入淀粉酶", "发生加成反应", "放出热量"}
    assert {"缓冲液", "底物", "淀粉酶", "加成反应"} <= found


def test_a_chinese_exam_papers_apparatus_is_no_concept(tmp_path: Path) -> None:
    text = (
        "# 高二化学期末检测题\n\n姓名：________　班级：________　得分：________\n\n"
        "## 一、选择题（每小题5分）\n\n"
        "1．下列关于离子化合物的说法正确的是（　　）\n\n"
        "A．离子化合物中一定含有离子键\nB．离子化合物一定不含共价键\n"
        "C．离子键就是阴阳离子间的静电引力\nD．共价化合物中可能含有离子键\n\n"
        "## 二、非选择题\n\n2．离子键与共价键有何区别？离子化合物和共价化合物各举一例。\n\n"
        "## 参考答案与解析\n\n1．A　离子化合物中一定含有离子键，A正确；氢氧化钠含共价键，"
        "B错误；离子键是静电作用，C错误；共价化合物中不含离子键，D错误。故选A。\n\n"
        "2．离子键是阴阳离子间的静电作用，共价键是原子间的共用电子对。符合题意的例子："
        "氯化钠是离子化合物，氯化氢是共价化合物。\n"
    )
    titles = titles_of(tmp_path, text, "期末检测题.md")
    assert {"离子化合物", "离子键", "共价键"} <= titles
    assert not titles & {"姓名", "非选择题", "故选", "B 错误", "C 错误", "D 错误", "符合题意"}


def test_a_questions_options_that_are_names_are_offered_names() -> None:
    from jobs.pipeline.questions import option_names, option_texts

    texts = option_texts("A. osmosis B. active transport C. diffusion D. all of the above")
    assert texts == ["osmosis", "active transport", "diffusion", "all of the above"]
    assert option_names(texts, False) == ["osmosis", "active transport", "diffusion"]
    # values to choose among, no names; statements offer none
    assert option_names(option_texts("A. sweet B. salty C. umami D. sour"), False) == ["umami"]
    assert option_names(option_texts("A. low-pitched B. high-pitched"), False) == []
    statements = "A. The cell wall is made of cellulose. B. Mitochondria make ATP."
    assert option_names(option_texts(statements), False) == []
    assert option_names(option_texts("A．乙醇和乙酸　　B．苯\nC．甲烷　　D．乙烯"), True) == [
        "乙醇",
        "乙酸",
        "苯",
        "甲烷",
        "乙烯",
    ]
    assert option_names(option_texts("A．大力发展实体经济 B．提高税率"), True) == []


def test_options_one_a_line_are_one_questions_options(tmp_path: Path) -> None:
    from jobs.pipeline.model import Block
    from jobs.pipeline.questions import option_runs

    lines = (
        "1. Which organelle makes ATP?",
        "A. ribosome",
        "B. mitochondrion",
        "C. nucleus",
        "A. A lone lettered item is no option.",
        "2. Which one stores DNA? A. nucleus B. vacuole",
    )
    blocks = [Block("paragraph", line, 1) for line in lines]
    assert option_runs(blocks) == {1: 1, 2: 1, 3: 1}


def test_a_worksheets_offered_names_are_its_concepts(tmp_path: Path) -> None:
    text = (
        "# Unit 3 Review: Cells\n\nName: ________\n\n## Part A. Multiple Choice\n\n"
        "Circle the letter of the best answer.\n\n"
        "1. Water crossing a membrane from low to high solute concentration is ________.\n\n"
        "A. osmosis\nB. active transport\nC. endocytosis\nD. all of the above\n\n"
        "2. Which organelle is the site of aerobic respiration?\n\n"
        "A. ribosome\nB. mitochondrion\nC. lysosome\nD. Golgi apparatus\n\n"
        "3. Which of the following tastes is detected by glutamate receptors?\n\n"
        "A. sweet\nB. bitter\nC. umami\nD. sour\n\n"
        "## Answer Key\n\n1. A 2. B 3. C\n"
    )
    titles = titles_of(tmp_path, text, "worksheet.md")
    assert {"osmosis", "active transport", "mitochondrion", "umami"} <= titles
    assert not titles & {"all of the above", "sweet", "sour", "Answer Key", "Name"}


def test_a_vocabulary_tables_term_column_lists_the_worksheets_terms(tmp_path: Path) -> None:
    # a study guide's "Term | Definition" table: the definitions are blanks for the
    # student and most terms appear nowhere else; each is a concept, one word or several
    text = (
        "# Soils Study Guide\n\nName: ________\n\n## Part A: Vocabulary\n\n"
        "Define each term in your own words.\n\n"
        "| Term | Definition | Example |\n|---|---|---|\n"
        "| Humus | Dark organic matter in soil. | |\n"
        "| Leaching | | |\n| Loam | | |\n| Soil horizon | | |\n"
        "| Parent material | | |\n\n"
        "## Part B: Questions\n\n1. Why does leaching leave topsoil poor in nutrients?\n"
    )
    titles = {t.lower() for t in titles_of(tmp_path, text, "soils.md")}
    assert {"humus", "leaching", "loam", "soil horizon", "parent material"} <= titles
    # a table of measurements keeps its cells out: only a term column lists names
    plain = "# Tides\n\nThe table gives heights.\n\n| Time | Height |\n|---|---|\n| Noon | 3 |\n"
    assert "noon" not in {t.lower() for t in titles_of(tmp_path, plain, "tides.md")}


def test_a_vocabulary_tables_filled_row_defines_its_term_in_the_bodys_case(
    tmp_path: Path,
) -> None:
    from jobs.pipeline.definitions import table_entries
    from jobs.pipeline.model import Block

    def entries(table: str) -> list[tuple[str, str]]:
        return [(d.term, d.sentence) for d in table_entries(Block("table", table, 1), 0)]

    # the one row the teacher filled in ("done for you") is a glossary's entry; a cell's
    # first capital is the cell's ("Loam" is loam), a name the dictionary lacks keeps it
    table = (
        "Word | Meaning\nHumus | Dark organic matter in soil. \nLoam |  \n"
        "Podzol | An acid soil of cool forests.\nNitrogen cycle | yes"
    )
    assert entries(table) == [
        ("humus", "Humus: Dark organic matter in soil."),
        ("Podzol", "Podzol: An acid soil of cool forests."),
    ]
    assert entries("Time | Height\nNoon | three metres above datum") == []
    text = (
        "# Soils Study Guide\n\n## Vocabulary\n\n"
        "| Word | Meaning |\n|---|---|\n| Humus | Dark organic matter in soil. |\n"
        "| Loam | |\n\n## Questions\n\n1. Why is loam good for crops?\n"
    )
    concepts = concepts_by_key(tmp_path, text, "soils.md")
    assert concepts["humus"].title == "humus"
    assert "Dark organic matter" in (concepts["humus"].description or "")


def test_a_sentence_whose_name_is_a_blank_defines_nothing(tmp_path: Path) -> None:
    from jobs.pipeline.definitions import head_of_a_blank

    # "is called a ______ dune": the name is the pupil's answer, the sentence describes
    # that kind, not "dune"; a blank elsewhere in a sentence leaves its naming alone
    called = "A dune shaped like a crescent by one steady wind is called a ________ dune."
    assert head_of_a_blank("a dune", called)
    assert head_of_a_blank("a dune", "Wind-blown sand piles are known as ______.")
    assert not head_of_a_blank("a dune", "A hill of sand piled by wind is called a dune.")
    text = (
        "# Deserts Worksheet\n\n1. " + called + "\n\n"
        "2. A dune moves downwind as sand blows up its gentle side.\n\n"
        "3. Draw a dune and label its slip face.\n\n"
        "4. Why does a dune need a steady supply of sand?\n"
    )
    concepts = concepts_by_key(tmp_path, text, "deserts.md")
    assert "________" not in (concepts["dune"].description or "")


def test_element_symbols_with_plain_counts_are_a_formula_no_concept(tmp_path: Path) -> None:
    text = (
        "# 有机化学练习\n\n1．丁烷的同分异构体有几种？\n\n"
        "答案解析：丁烷有正丁烷CH3 CH2 CH2 CH3和异丁烷两种，正丁烷中CH3 CH2的氢原子有两种。\n\n"
        "2．丙烷的一氯代物有几种？\n\n"
        "答案解析：丙烷CH3 CH2 CH3中有两种氢原子，一氯代物为CH3 CH2 CH2 Cl和CH3 CHCl CH3。\n\n"
        "3．戊烷的同分异构体有几种？\n\n"
        "答案解析：正戊烷CH3 CH2 CH2 CH2 CH3，异戊烷CH3 CH2 CH(CH3)2，新戊烷C(CH3)4，共三种。\n"
    )
    titles = titles_of(tmp_path, text, "有机化学练习.md")
    assert not titles & {"CH2 CH2", "CH2 CH2 CH3", "CH3 CH2", "CH3"}


SOIL_QUIZ = """土力学期中测验

一、填空题

1. 单位体积土中土粒的质量称为干密度，土中孔隙体积与土的总体积之比称为______。

2. 土体抵抗剪切破坏的极限能力称为______，常用库仑公式表示。

3. 土中水的体积与孔隙体积之比称为饱和度，完全干燥的土饱和度为（  ）。

二、判断题

1. 渗透系数是一个没有量纲的数。（  ）

2. 有效应力等于总应力减去孔隙水压力。（ ）
"""


def _descriptions(tmp_path: Path, text: str, name: str) -> dict[str, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    concepts = analyse_file(path, language="zh-CN").knowledge.concepts
    return {c.title: c.description or "" for c in concepts}


def test_a_fill_in_clause_is_cut_from_the_definition_before_it(tmp_path: Path) -> None:
    described = _descriptions(tmp_path, SOIL_QUIZ, "quiz.txt")
    assert described["干密度"] == "单位体积土中土粒的质量称为干密度。"
    assert described["饱和度"] == "土中水的体积与孔隙体积之比称为饱和度。"
    assert not any("______" in d or "（  ）" in d for d in described.values())


def test_a_true_or_false_items_statement_defines_nothing(tmp_path: Path) -> None:
    described = _descriptions(tmp_path, SOIL_QUIZ, "quiz.txt")
    assert not any("没有量纲" in d for d in described.values())
    assert not any("减去孔隙水压力" in d for d in described.values())


def test_an_exam_papers_header_fields_are_no_concepts(tmp_path: Path) -> None:
    header = "考试时间：90分钟　　考试方式：开卷　　满分：100分\n\n班级：______　姓名：______\n\n"
    titles = set(_descriptions(tmp_path, header + SOIL_QUIZ, "quiz.txt"))
    assert not titles & {"考试时间", "考试方式", "满分", "班级", "姓名"}
    assert "干密度" in titles


def test_a_form_field_stamped_with_a_date_and_time_is_still_a_field(tmp_path: Path) -> None:
    # an export's header line ends on a timestamp whose clock time has a colon of its own
    header = "科目：土力学（2025秋）  导出人：李老师  打印时间：2025-12-01 09:05\n\n"
    titles = set(_descriptions(tmp_path, header + SOIL_QUIZ, "quiz.txt"))
    assert not titles & {"科目", "导出人", "打印时间"}
    assert "干密度" in titles


def test_form_fields_set_apart_by_no_break_spaces_are_fields_too(tmp_path: Path) -> None:
    # a saved web page spaces its fields with "&nbsp;" between ordinary spaces
    header = "开放时间：2025年10月8日 08:00 \xa0 得分为：9/10分 \xa0 作答时间：2025-10-09\n\n"
    titles = set(_descriptions(tmp_path, header + SOIL_QUIZ, "quiz.txt"))
    assert not titles & {"开放时间", "得分为", "作答时间"}
    assert "干密度" in titles


def test_the_short_answer_and_question_and_answer_parts_name_no_topic() -> None:
    # a paper's parts named by their question type, with or without their marks
    from jobs.pipeline.lexicon import ZH_GENERIC

    assert apparatus("简述题（每题6分，共18分）")
    assert apparatus("简述题")
    assert apparatus("问答题（共20分）")
    assert {"简述题", "问答题"} <= ZH_GENERIC
    assert not apparatus("大气环流（10分钟）")  # a topic stays a topic


def test_an_exam_parts_heading_with_its_marks_is_apparatus() -> None:
    assert apparatus("填空题（每空2分，共10分）")
    assert apparatus("简答题（共30分）")
    assert apparatus("多项选择题(每题3分)")
    assert not apparatus("土的压缩性（10分钟）")
    assert not apparatus("有效应力原理（20分）")  # a topic with its marks stays a topic


# a quiz export's question, its kind in brackets; the stem names a term, its abbreviation
# in brackets and 为 as if it glossed it
KIND_LABELLED_QUIZ = (
    "测验\n\n8. (单选题) 声环境指数（SEI）为160时，声环境等级为（ ）。\n\n"
    "A. 优\n\nB. 轻度噪声\n\n正确答案: B\n\n答案解析: 声环境指数越大，噪声越严重。\n\n"
    "难易程度: 难    知识点: 声环境指数\n"
)


def test_a_form_lines_labels_repeated_under_every_question_are_no_term(tmp_path: Path) -> None:
    # each question closes on the same fields; their labels are the export's, their values
    # the course's terms
    field = "难度系数: 中    考查要点: {}\n\n"
    items = ["干密度", "饱和度", "孔隙比", "干密度", "饱和度", "孔隙比", "干密度", "饱和度"]
    quiz = SOIL_QUIZ + "".join(field.format(t) for t in items)
    titles = set(_descriptions(tmp_path, quiz, "quiz.txt"))
    assert "难度系数" not in titles and "考查要点" not in titles
    assert "干密度" in titles


def test_a_question_labelled_with_its_kind_defines_nothing(tmp_path: Path) -> None:
    # the stem sets up what is asked: no answer to "什么是声环境指数？"
    described = _descriptions(tmp_path, KIND_LABELLED_QUIZ, "quiz.txt")
    assert "单选题" not in described.get("声环境指数", "")


def test_a_quiz_exports_short_part_names_are_apparatus() -> None:
    # a learning platform names a quiz's parts 单选题 and 多选题, with their counts and marks
    assert apparatus("单选题（共10题，30分）")
    assert apparatus("多选题")


def test_a_fill_in_definition_whose_description_is_all_blanks_defines_nothing(
    tmp_path: Path,
) -> None:
    # a worksheet blanks out what the term is and leaves only its naming verb: the clause
    # left ("称为光合速率。") says nothing a pupil could learn the term from
    sheet = (
        "植物生理练习\n\n"
        "1. 单位时间内植物______的量，称为光合速率。\n\n"
        "2. 叶片中______与______之比，叫做叶绿素比值。\n\n"
        "3. 植物体内水分以气体状态散失到大气中的过程，称为蒸腾作用。\n"
    )
    described = _descriptions(tmp_path, sheet, "sheet.txt")
    assert described.get("光合速率", "") == ""
    assert described.get("叶绿素比值", "") == ""
    assert described["蒸腾作用"] == "植物体内水分以气体状态散失到大气中的过程，称为蒸腾作用。"


def test_a_question_stem_set_as_a_heading_names_no_section(tmp_path: Path) -> None:
    """A review site heads each question with its stem, left open on a colon for the
    options below it: the stem is no topic, and what it asks about belongs to the
    section above (a quiz's weeks and modules were named "... occurs when")."""
    text = """# Review: Water Supply

## 1. A watershed protection plan mainly tries to:

1. Raise the price of bottled water
2. Keep pollutants out of the streams that feed a reservoir

The correct answer is **B**. A **source water protection** plan keeps pollutants out of
the streams and aquifers that feed a public water supply.

## Chlorination

**Chlorination** is the addition of chlorine to drinking water to kill pathogens.
"""
    section = sections_of(tmp_path, text, "review.md")
    assert section["source water protection"] == ("Review: Water Supply",)
    assert section["chlorination"] == ("Review: Water Supply", "Chlorination")


def test_a_gloss_with_a_blank_after_its_term_defines_nothing(tmp_path: Path) -> None:
    from jobs.pipeline.definitions import head_of_a_blank

    # "X is a method for ______ that …": part of what the term means is the pupil's
    # answer, so the question stem is no definition of it
    stem = "SWOT is a framework for ______ that lists strengths, weaknesses and threats."
    assert head_of_a_blank("SWOT", stem)
    # a blank before the term leaves what is said of the term whole
    assert not head_of_a_blank("SWOT", "After ______, SWOT is a framework for planning.")
    text = (
        "# Strategy Review\n\n1. " + stem + "\n\n   A. planning\n   B. hiring\n\n"
        "2. Which firm used SWOT before it entered a new market?\n\n"
        "3. Why does SWOT list threats beside strengths?\n"
    )
    concepts = concepts_by_key(tmp_path, text, "strategy.md")
    assert not [c.title for c in concepts.values() if "______" in (c.description or "")]


def test_a_worksheets_directions_label_defines_nothing() -> None:
    """ "Directions: Read the passage below …" was a concept defined by its instruction; a
    glossary's "Instructions:" before what they are still defines them."""

    def entries(sentence: str) -> list[str]:
        label = re.split(r"[:：]", sentence, maxsplit=1)[0]
        chinese = not sentence.isascii()
        return [d.term for d in find_definitions(sentence, 0, chinese, emphasis=(label,))]

    assert entries("Directions: Answer each question in a full sentence.") == []
    assert entries("Instructions: Match each word with its meaning.") == []
    assert entries("说明：本卷共三大题，请在答题卡上作答。") == []
    assert entries("Instructions: the commands a processor fetches and executes.") == [
        "Instructions"
    ]


def test_a_task_labels_instruction_in_lower_case_defines_nothing() -> None:
    """A quiz's "Directions: underline the verb …" is its instruction as much as one that
    opens on a capital: the label says an instruction follows, and it was a concept
    defined by its instruction and a module's title."""

    def entries(sentence: str) -> list[str]:
        label = sentence.split(":", 1)[0]
        return [d.term for d in find_definitions(sentence, 0, False, emphasis=(label,))]

    assert entries("Directions: underline the verb in each sentence.") == []
    assert entries("Instructions: tick one box for each statement.") == []
    assert entries("Instructions: the commands a processor fetches and executes.") == [
        "Instructions"
    ]


def test_a_vocabulary_cell_in_title_case_keeps_its_capitals() -> None:
    from jobs.pipeline.structure import cell_case

    # a proper name capitalises its later words too: lowering the first alone wrote
    # "treaty of Utrecht"; a sentence-case cell still gives its common noun
    assert cell_case("Treaty of Utrecht") == "Treaty of Utrecht"
    assert cell_case("Silk Road") == "Silk Road"
    assert cell_case("Trade winds") == "trade winds"


def test_a_title_case_name_ending_on_a_verbs_plural_is_a_term() -> None:
    from jobs.pipeline.definitions import table_entries
    from jobs.pipeline.model import Block
    from jobs.pipeline.structure import acceptable

    # the lexicon knows "act" and "resolve" only as verbs: a law's name in title case
    # ("Navigation Acts") is still a name, the same words in lower case a clause
    table = (
        "Term | Definition\nNavigation Acts | laws that bound colonial trade to English ships\n"
        "Fairfax Resolves | a county's statement of colonial rights and grievances"
    )
    terms = [d.term for d in table_entries(Block("table", table, 1), 0)]
    assert terms == ["Navigation Acts", "Fairfax Resolves"]
    assert not acceptable("the assembly acts")
    assert not acceptable("parliament acts", heading=True)


def test_a_worksheet_part_named_by_its_answer_format_is_apparatus(tmp_path: Path) -> None:
    # a test's parts headed by how they are answered name no topic; a format a subject
    # teaches ("Matching" in graph theory) stays a heading that may be one
    for heading in ("Multiple Choice", "Part B: Short Answer", "True or False", "Free Response"):
        assert apparatus(heading.split(": ")[-1]), heading
    assert not apparatus("Matching")
    text = (
        "# Volcanoes Test\n\n## Part A: Multiple Choice\n\n"
        "1. Which magma is the most viscous?\n\nA. basalt\nB. rhyolite\n\n"
        "## Part B: Short Answer\n\n2. Why does a stratovolcano erupt explosively?\n"
    )
    titles = {t.lower() for t in titles_of(tmp_path, text, "test.md")}
    assert not titles & {"multiple choice", "multiple-choice", "short answer"}


def test_a_handouts_gathered_summaries_are_apparatus() -> None:
    # a handout collecting each section's summary heads them in the plural
    assert apparatus("Section Summaries")
    assert apparatus("Chapter Summaries")
    assert not apparatus("Executive Summaries of Mergers")


def test_a_vocabulary_term_a_heading_also_names_stays_a_concept(tmp_path: Path) -> None:
    # the table teaches the term though the body never writes it; a heading joining it to
    # another name ("Tides and Spring Tides") must not make it a heading's unnamed topic
    text = (
        "# Oceans Vocabulary\n\n| Term | Definition |\n|---|---|\n"
        "| Neap Tides | tides of small range near the moon's quarters |\n"
        "| ocean current | a steady flow of sea water in one direction |\n\n"
        "## Summaries\n\n### Currents and Neap Tides\n\n"
        "Currents carry heat toward the poles. Winds drive the surface flow of the sea.\n"
    )
    titles = {t.lower() for t in titles_of(tmp_path, text, "oceans.md")}
    assert "neap tides" in titles


def test_a_study_guides_labelled_answer_defines_what_its_question_asks(tmp_path: Path) -> None:
    """ "Q: What is osmosis?" then "A: Osmosis is …", in one paragraph or two: the answer's
    label kept it from reading as a definition and the question named the term only in a
    question (a guide of three such pairs gave one concept and no definition)."""
    text = (
        "# Transport Review\n\n"
        "**Q: What is diffusion?**\nA: Diffusion is the movement of particles from high to "
        "low concentration.\n\n"
        "**Q: What is a vesicle?**\n\nA: A small sac of membrane that carries materials.\n\n"
        "**Q: What is your favourite organelle?**\nA: The nucleus, because it holds the DNA.\n\n"
        "**Q: What is the main idea of the passage?**\nA: Cells move materials in and out.\n"
    )
    concepts = {c.title: c for c in concepts_of(tmp_path, text, "guide.md")}
    assert concepts["diffusion"].description.startswith("Diffusion is the movement")
    assert concepts["vesicle"].description == "A small sac of membrane that carries materials."
    # a question about the text asks for no name
    assert not {"favourite organelle", "main idea", "main idea of the passage"} & set(concepts)
    assert asked_topics("Q: What is the theme of the story?") == []
    assert asked_topics("Q3: What are enzymes?") == ["enzymes"]
    zh = "# 复习题\n\n问：什么是扩散？\n\n答：扩散是物质从浓度高处向浓度低处运动的现象。\n"
    described = {c.title: c.description for c in concepts_of(tmp_path, zh, "复习.md", "zh-CN")}
    assert described["扩散"] == "扩散是物质从浓度高处向浓度低处运动的现象。"


def test_a_multiple_choice_questions_choices_define_nothing(tmp_path: Path) -> None:
    # the choices under a stem are statements to weigh, most of them false: "A comet is a
    # star …" offered as a wrong answer was given as the definition of "comet"
    sheet = (
        "Review Sheet\n\n"
        "Directions: Circle the best answer.\n\n"
        "1. Which statement about small bodies of the solar system is most accurate?\n"
        "a. A comet is a star that burns out within a single night.\n"
        "b. An asteroid is a moon that has left the planet it circled.\n"
        "c. A meteoroid is a small rocky body travelling through space.\n"
        "2. Why do comets grow tails near the Sun?\n"
        "3. An orbit is the curved path of one body around another.\n"
    )
    path = tmp_path / "sheet.txt"  # a line a paragraph, as a word processor saves it
    path.write_text(sheet.replace("\n", "\n\n"), encoding="utf-8")
    described = {
        c.title.lower(): c.description or "" for c in analyse_file(path).knowledge.concepts
    }
    assert not any(
        word in text for text in described.values() for word in ("burns out", "has left")
    ), described
    # a numbered line after the choices, no stem before it, still states what it says
    assert "curved path" in described.get("orbit", ""), described


def test_a_questions_numbered_answer_is_no_set_of_choices() -> None:
    """ "What are the stages of mitosis?" over "1. Prophase: …", "2. Metaphase: …": the
    answer's parts, each defining its stage, not choices to weigh."""
    blocks = [
        Block("paragraph", "What are the stages of mitosis?", 1),
        Block("list_item", "1. Prophase: the chromosomes condense and become visible.", 1),
        Block("list_item", "2. Metaphase: the chromosomes line up at the cell's middle.", 1),
        Block("paragraph", "Which stage comes first?", 1),
        Block("list_item", "a. prophase", 1),
        Block("list_item", "b. metaphase", 1),
    ]
    assert choices(blocks) == {4, 5}


def test_options_in_small_letters_one_a_block_offer_their_names() -> None:
    """A word processor's lettered list gives a question's options as "a. …", "b. …",
    one a paragraph; they are options as "A. …" are, and the names offered are cues."""
    items = (
        "1. Which organelle makes most of a cell's ATP?",
        "a. ribosome",
        "b. mitochondrion",
        "c) lysosome",
        "d. Golgi apparatus",
        "2. Name one product of photosynthesis.",
    )
    blocks = [Block("list_item", text, 1) for text in items]
    runs = option_runs(blocks)
    assert set(runs) == {1, 2, 3, 4}
    texts = [t for i in sorted(runs) for t in option_texts(blocks[i].text)]
    assert option_names(texts, chinese=False) == [
        "ribosome",
        "mitochondrion",
        "lysosome",
        "Golgi apparatus",
    ]
    # a small letter alone opens no run, nor does one inside prose
    lone = [Block("paragraph", "a. The first point.", 1), Block("paragraph", "Text.", 1)]
    assert option_runs(lone) == {}
    assert option_runs([Block("paragraph", "Vitamin a. and b. are named.", 1)]) == {}


def test_an_options_leading_article_is_no_part_of_the_name() -> None:
    """Options worded to finish the stem's sentence ("a covalent bond", "an ionic bond",
    "the nucleus") offer the names after the article; "all of the above" still none."""
    texts = ["a covalent bond", "an ionic bond", "the metallic bond", "all of the above"]
    assert option_names(texts, chinese=False) == ["covalent bond", "ionic bond", "metallic bond"]


def test_a_review_sets_bare_name_is_no_concept(tmp_path: Path) -> None:
    """ "Chapter 3 Review" and "第三章 复习题" left "Review" and 复习题 as the first concept
    of a review set; "Peer Review" stays a topic."""
    english = (
        "# Chapter 3 Review\n\n1. What is photosynthesis?\n\nPhotosynthesis is the process "
        "by which plants make glucose from light, water and carbon dioxide.\n"
    )
    assert "review" not in {c.key for c in concepts_of(tmp_path, english, "review.md")}
    chinese = "# 第三章 复习题\n\n1．什么是光合作用？\n\n光合作用是绿色植物制造有机物的过程。\n"
    titles = {c.title for c in concepts_of(tmp_path, chinese, "复习.md", "zh-CN")}
    assert "复习题" not in titles and "光合作用" in titles
    assert not apparatus("Peer Review")


def test_a_worksheets_lettered_parts_are_numbered_headings() -> None:
    """ "Part A – Multiple Choice", "Part B: Short Answer": a letter numbers a worksheet's
    part as a digit does (its weeks and modules were titled so); "Part A. Plate
    Tectonics" names its topic."""
    assert HEADING_NUMBER.sub("", "Part A – Multiple Choice") == "Multiple Choice"
    assert HEADING_NUMBER.sub("", "Section C: Vocabulary") == "Vocabulary"
    assert [c.term for c in heading_terms("Part B – Short Answer", 0, 2)] == []
    assert [c.term for c in heading_terms("Part A. Plate Tectonics", 0, 2)] == ["Plate Tectonics"]
    assert HEADING_NUMBER.sub("", "Section Headings") == "Section Headings"


def test_a_question_on_a_topic_and_its_aspect_asks_about_the_topic() -> None:
    """ "简述X及其Y": 其 ("its") ties the aspect to the topic, and read as a pair ("X" and
    "其Y") the question named nothing, so a review set's theories asked this way were lost."""
    assert asked_topics("2．简述通货膨胀及其成因。") == ["通货膨胀"]
    assert asked_topics("论述市场失灵及其对策") == ["市场失灵"]
    # a clause after 及其 is still no topic of its own
    assert "其对策" not in asked_topics("论述市场失灵及其对策")


def test_a_question_on_one_side_of_a_topic_asks_about_the_topic() -> None:
    """ "X的主要观点是什么？", "X的特征有哪些？": a review question asking for one side of a
    topic (its main points, its features) names the topic as surely as "什么是X？" does."""
    assert asked_topics("3. 边际效用的主要观点是什么？") == ["边际效用"]
    assert asked_topics("社会分层的特征有哪些？") == ["社会分层"]
    # a side of something no name ("他的观点") asks about no topic
    assert asked_topics("他的观点是什么？") == []


def test_fill_in_questions_read_as_the_statements_the_answer_key_completes(
    tmp_path: Path,
) -> None:
    """An exam's fill-in item leaves its term blank and the key at the end gives it:
    "12．植物利用光能把二氧化碳和水合成有机物的过程叫做________。" and "12．光合作用".
    Read with the blank the sentence defined nothing; filled, it defines the answer. A key
    with fewer answers than blanks fills nothing. A school paper's title names its unit
    amid its frame ("九年级生物第三单元《绿色植物》测试卷"): the unit is the topic."""
    assert [c.term for c in heading_terms("九年级生物第三单元《绿色植物》测试卷", 0, 1)] == [
        "绿色植物"
    ]
    # …and titles a week by it; a unit's number keeps its 单元
    assert heading_title("九年级生物第三单元《绿色植物》测试卷") == "《绿色植物》"
    assert heading_title("第三单元测试卷") == "第三单元"
    text = (
        "# 第三单元测试卷\n\n## 二、填空题\n\n"
        "12．植物利用光能把二氧化碳和水合成有机物的过程叫做________。\n\n"
        "13．植物体内水分以气体状态从体表散失到大气中的过程叫做________，"
        "它主要通过叶片的________进行。\n\n"
        "14．________是绿色植物进行光合作用的场所，________是呼吸作用的场所。\n\n"
        "## 参考答案\n\n12．光合作用　13．蒸腾作用；气孔　14．叶绿体\n"
    )
    described = {c.title: c.description for c in concepts_of(tmp_path, text, "卷.md", "zh-CN")}
    assert described["光合作用"] == "植物利用光能把二氧化碳和水合成有机物的过程叫做光合作用。"
    assert "测试卷" not in described  # what the paper is, no topic
    blocks = [
        Block("heading", p.lstrip("# "), 1, p.count("#"))
        if p.startswith("#")
        else Block("paragraph", p, 1)
        for p in text.strip().split("\n\n")
    ]
    filled = [b.text for b in blanks_filled_by_key(blocks)]
    assert "散失到大气中的过程叫做蒸腾作用，它主要通过叶片的气孔进行。" in filled[3]
    assert filled[4].startswith("14．________是")  # two blanks, one answer: left as it was


def test_an_answer_key_fills_typed_numbers_only_and_leaves_choices_alone() -> None:
    """The key's letters answer choices ("1．B"), which have no write-in blank; its words
    fill the blanks of the question its number types."""
    blocks = [
        Block("paragraph", "1．下列属于化合物的是（　　）", 1),
        Block("paragraph", "2．由两种元素组成、其中一种是氧元素的化合物叫做______。", 1),
        Block("paragraph", "Answers: 1. B 2. 氧化物", 1),
    ]
    filled = [b.text for b in blanks_filled_by_key(blocks)]
    assert filled[0] == "1．下列属于化合物的是（　　）"
    assert filled[1] == "2．由两种元素组成、其中一种是氧元素的化合物叫做氧化物。"


def test_a_stem_joined_to_its_options_defines_nothing(tmp_path: Path) -> None:
    """Markdown joins a numbered question's lines into one item: "A watershed is A. a
    river's mouth B. the land that drains into one river C. a dam". The stem and its
    options read as one definition of the watershed; a stem is no statement."""
    text = (
        "# Rivers Quiz\n\n"
        "1. A watershed is\n   A. a river's mouth\n   B. the land that drains into one river\n"
        "   C. a dam across a valley\n\n"
        "2. Which river is longest?\n   A. Nile\n   B. Thames\n   C. Seine\n"
    )
    described = {c.key: c.description for c in concepts_of(tmp_path, text, "quiz.md")}
    assert not described.get("watershed"), described
    # prose naming two plans is no question
    assert not choices([Block("paragraph", "Plan A. failed, so plan B. was tried.", 1)])


def test_a_teachers_copy_writes_the_named_answer_in_brackets(tmp_path: Path) -> None:
    """A fill-in sheet's teacher's copy (教师版) writes each answer in the pupil's empty
    brackets: "……的现象叫做（扩散）". After a naming verb the brackets hold the name,
    read as an aside, and 扩散 was no concept; elsewhere brackets stay as written."""
    text = (
        "# 分子热运动 知识清单\n\n## 知识点一 扩散\n\n"
        "1．不同的物质在互相接触时彼此进入对方的现象叫做（扩散）。"
        "扩散现象说明分子在不停地做（无规则）运动。\n\n"
        "2．温度越高，扩散越快。扩散在气体、液体和固体之间都能发生。\n"
    )
    described = {c.title: c.description for c in concepts_of(tmp_path, text, "清单.md", "zh-CN")}
    assert described["扩散"] == "不同的物质在互相接触时彼此进入对方的现象叫做扩散。"
    filled = blanks_filled_by_key([Block("paragraph", "分子在不停地做（无规则）运动。", 1)])
    assert filled[0].text == "分子在不停地做（无规则）运动。"


def test_a_fill_in_questions_own_answer_on_the_next_line_fills_it(tmp_path: Path) -> None:
    """A 知识清单 or a worksheet with its answers gives each question's answer on the line
    after it ("【答案】惯性", "答案：…", "Answer: …"); such a line opens no answer key."""
    text = (
        "# 光现象 知识清单\n\n1．光在同种均匀介质中沿直线传播，影子的形成说明了光的______。\n\n"
        "【答案】直线传播\n\n2．平行光射到粗糙的表面上，反射光射向各个方向，这种反射叫做______。\n\n"
        "答案：漫反射\n\n漫反射使我们能从不同方向看到本身不发光的物体。\n"
    )
    described = {c.title: c.description for c in concepts_of(tmp_path, text, "清单.md", "zh-CN")}
    assert described["漫反射"] == "平行光射到粗糙的表面上，反射光射向各个方向，这种反射叫做漫反射。"
    blocks = [
        Block("paragraph", "1. Water moving through a plant and out of its leaves is ______.", 1),
        Block("paragraph", "Answer: transpiration", 1),
    ]
    filled = blanks_filled_by_key(blocks)
    assert (
        filled[0].text == "1. Water moving through a plant and out of its leaves is transpiration."
    )


def test_a_chinese_task_heading_names_the_nouns_it_asks_about_not_its_verbs() -> None:
    # an exercise set heads each task with its sentence: what the student is told to do
    # ("编写算法", "统计", "已知", "求") is no topic, the things the task is about are
    terms = [c.term for c in heading_terms("5.2.3 编写算法，统计二叉树中叶子结点的个数", 0, 3)]
    assert "叶子结点" in terms
    assert not [t for t in terms if t.startswith(("编写", "统计"))], terms
    terms = [c.term for c in heading_terms("5.2.4 已知一棵二叉树，求其叶子结点个数", 0, 3)]
    assert "二叉树" in terms and not [t for t in terms if t.startswith(("已知", "求"))], terms
    # a title of one phrase keeps a verb's name: it may be the operation taught
    assert [c.term for c in heading_terms("遍历与查找", 0, 2)] == ["遍历", "查找"]


def test_a_keys_letter_completes_a_multiple_choice_stem_with_its_blank() -> None:
    """ "1. The gas plants take in to make sugar is ______." over "A. oxygen", "B. carbon
    dioxide", … and the key's "1. B": the stem completed by the option the letter picks is
    the statement the quiz teaches; its options, after the stem or on lines of their own,
    are left as they were. A stem that asks ("Which …?") has no blank to fill."""
    lines = [
        "1. The gas plants take in to make sugar is ______.",
        "A. oxygen",
        "B. carbon dioxide",
        "C. nitrogen",
        "2. Which gas do plants give off? A. oxygen B. argon C. helium",
        "3. Green pigment in leaves is called ______. A. chlorophyll B. xylem C. cortex",
        "Answer Key: 1. B 2. A 3. A",
    ]
    filled = [b.text for b in blanks_filled_by_key([Block("paragraph", t, 1) for t in lines])]
    assert filled[0] == "1. The gas plants take in to make sugar is carbon dioxide."
    assert filled[1:5] == lines[1:5]
    assert filled[5].startswith("3. Green pigment in leaves is called chlorophyll.")


def test_a_keys_letter_completes_a_stem_that_stops_where_its_answer_goes() -> None:
    """A stem without a typed blank ends where the answer goes: the picked option, a
    name, ends its sentence ("is called a", "is the"); after a short subject and "is" (or
    "是") a longer option is what the subject is. A stem that asks ("Which … is",
    "下列…的是") or bids ("Name …") picks, it states nothing."""
    lines = [
        "1. A plant's green pigment is called A. chlorophyll B. xylem C. cortex",
        "2. Photosynthesis is A. burning sugar B. making sugar from light, water and carbon"
        " dioxide C. growing roots",
        "3. Which of these is A. a gas B. a liquid",
        "4. 光合作用是 A．分解有机物 B．利用光能把二氧化碳和水合成有机物",
        "5. 下列属于生产者的是 A．草 B．兔",
        "6. The organ that pumps blood is the A. heart B. lung",
        "7. Name the organ that pumps blood A. heart B. lung",
        "Answer Key: 1. A 2. B 3. A 4. B 5. A 6. A 7. A",
    ]
    filled = [b.text for b in blanks_filled_by_key([Block("paragraph", t, 1) for t in lines])]
    assert filled[0].startswith("1. A plant's green pigment is called chlorophyll.")
    assert filled[1].startswith(
        "2. Photosynthesis is making sugar from light, water and carbon dioxide."
    )
    assert filled[2] == lines[2] and filled[4] == lines[4]
    assert filled[3].startswith("4. 光合作用是利用光能把二氧化碳和水合成有机物。")
    # any stem cut off where a name goes ends on it; a stem that bids ("Name …") is left
    assert filled[5] == "6. The organ that pumps blood is the heart."
    assert filled[6] == lines[6]


def test_a_keys_letter_run_over_a_range_answers_each_question() -> None:
    """ "1-5 BCADB" and "6～7：CA" answer questions one to seven, a letter each; a run
    whose letters and range disagree answers none."""
    lines = [
        "1. The unit of heredity is called ______. A. gene B. cell",
        "2. Blood is pumped by the ______. A. lung B. heart",
        "3. Water loss from leaves is called ______. A. transpiration B. digestion",
        "Answer Key",
        "1-2 AB 3～4：ABA",
    ]
    filled = [b.text for b in blanks_filled_by_key([Block("paragraph", t, 1) for t in lines])]
    assert filled[0].startswith("1. The unit of heredity is called gene.")
    assert filled[1].startswith("2. Blood is pumped by the heart.")
    assert filled[2] == lines[2]


def test_a_chinese_choice_questions_empty_brackets_take_the_keyed_option() -> None:
    """A Chinese paper's choice question leaves empty brackets for the letter
    ("…的过程叫做（　　）"): the keyed option written there is the statement taught. A stem
    that asks ("下列…（　）") picks one, and English "f()" is a call, no blank."""
    lines = [
        "1．绿色植物利用光能把二氧化碳和水合成有机物的过程叫做（　　）"
        "A．呼吸作用 B．光合作用 C．蒸腾作用",
        "2．下列属于生产者的是（　）A．草 B．兔",
        "3. Calling f() with no arguments returns ______. A. zero B. one",
        "参考答案：1-2 BA 3. A",
    ]
    filled = [b.text for b in blanks_filled_by_key([Block("paragraph", t, 1) for t in lines])]
    assert filled[0].startswith("1．绿色植物利用光能把二氧化碳和水合成有机物的过程叫做光合作用")
    assert "A．呼吸作用" not in filled[0]
    assert filled[1] == lines[1]
    assert filled[2].startswith("3. Calling f() with no arguments returns zero.")


def test_a_chinese_options_label_is_no_part_of_the_option_before_it(tmp_path: Path) -> None:
    """Options set apart by a full-width space ("A．呼吸作用　B．光合作用"): the next
    option's letter is its label, not a letter of the name before it as "维生素 C" has
    one; a letter glued to its name ("维生素C、维生素D") stays the name's."""
    zh = (
        "# 第三单元测试\n\n"
        "1．水分从植物体内散失到体外的过程叫做（　）A．光合作用　B．呼吸作用　C．蒸腾作用\n\n"
        "2．细胞分解有机物释放能量的过程叫做（　）A．蒸腾作用　B．呼吸作用　C．光合作用\n\n"
        "3．植物制造有机物的过程叫做（　）A．呼吸作用　B．光合作用　C．蒸腾作用\n\n"
        "4．缺乏维生素C、维生素D会怎样？维生素C、维生素D都很重要，维生素C、维生素D要补充。\n"
    )
    titles = {c.title for c in concepts_of(tmp_path, zh, "测试.md", "zh-CN")}
    assert {"光合作用", "呼吸作用", "蒸腾作用"} <= titles, titles
    assert not [t for t in titles if t.rstrip(" ABCD") in ("光合作用", "呼吸作用") and " " in t]
    assert "维生素C" in {t.replace(" ", "") for t in titles}, titles


def test_a_keys_answers_after_its_parts_numeral_are_read() -> None:
    """A Chinese key numbers its parts too, "一、1-2 BA", "二、3. 气孔": the first answer
    after the part's numeral is one; a statement completed at its closing brackets ends
    with a full stop."""
    lines = [
        "1．植物制造有机物的过程叫做（　）A．呼吸作用 B．光合作用",
        "2．细胞分解有机物释放能量的过程叫做（　）A．呼吸作用 B．光合作用",
        "3．由两个保卫细胞围成的空腔叫做______。",
        "参考答案",
        "一、1-2 BA",
        "二、3. 气孔",
    ]
    filled = [b.text for b in blanks_filled_by_key([Block("paragraph", t, 1) for t in lines])]
    assert filled[:3] == [
        "1．植物制造有机物的过程叫做光合作用。",
        "2．细胞分解有机物释放能量的过程叫做呼吸作用。",
        "3．由两个保卫细胞围成的空腔叫做气孔。",
    ]


def test_a_part_named_by_its_kind_and_letter_alone_is_apparatus(tmp_path: Path) -> None:
    """ "Part B: Fill in the blank." names the quiz's part, not a thing it teaches; nor
    do "Section C", "Activity 2", "Exercise 1.2". A name with a letter stays one."""
    for label in ("Part B", "Section C", "Activity 2", "Exercise 1.2", "Lesson iv"):
        assert apparatus(label), label
    for name in ("Vitamin A", "Plan B", "Type 2 diabetes", "Part of speech"):
        assert not apparatus(name), name
    quiz = "# Quiz\n\nPart B: Fill in the blank.\n\n1. The change from a gas to a liquid.\n"
    assert "part B" not in {c.title for c in concepts_of(tmp_path, quiz, "quiz.md")}


def test_a_worksheets_numbers_closed_by_a_bracket_and_a_keys_dashed_letters() -> None:
    """Questions numbered "1)" and a key written "1-b, 2) volume": each answer fills the
    question its number names, a letter among options in small letters too."""
    lines = [
        "1) Water vapour turning into liquid water is called ______. a) evaporation"
        " b) condensation",
        "2) The space an object takes up is its ______.",
        "Answers: 1-b, 2) volume",
    ]
    blocks = [Block("paragraph", t, 1) for t in lines]
    filled = [b.text for b in blanks_filled_by_key(blocks)]
    assert filled[1] == "2) The space an object takes up is its volume."
    # the options in small letters inside the question's text, as Markdown joins the
    # lines typed under it: the key's "b" picks the second
    assert filled[0] == "1) Water vapour turning into liquid water is called condensation."


def test_a_knowledge_lists_bold_answer_is_defined_only_as_its_sentences_subject() -> None:
    """A 知识清单 sets each statement's answer in bold. A copula after an object of a verb
    of having is its clause subject's ("…内含有**藻蓝素**和叶绿素，是…自养生物"), and a
    copula opening a list with its colon names none of the items ("…依次是：…→**种群**→…").
    The copula right before the name names it, and 即 after an object glosses it."""

    def defined(sentence: str, *bold: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, True, emphasis=bold, item=True)]

    assert defined("蓝细菌细胞内含有藻蓝素和叶绿素，是能进行光合作用的自养生物。", "藻蓝素") == []
    assert defined("生命系统的结构层次依次是：细胞→组织→器官→个体→种群→群落。", "种群") == []
    assert defined("在一定的自然区域内，同种生物的所有个体是一个种群。", "种群") == ["种群"]
    assert defined("每一个用户账号都有一个命名空间，即该用户项目的逻辑集合。", "命名空间") == [
        "命名空间"
    ]


def test_a_matching_exercises_key_pairs_each_name_with_its_description() -> None:
    """A matching exercise lists names by number, each with a line for a letter, and
    lettered descriptions; its key's letters pair them: each name is read as a glossary's
    entry for its description, stressed, and the descriptions' own block, all given out,
    goes (read again, its phrases counted twice)."""
    blocks = [
        Block("paragraph", "Match each term with its description.", 1),
        Block("list_item", "____ mitosis", 1, number=1),
        Block("list_item", "____ meiosis", 1, number=2),
        Block("list_item", "cytokinesis ______", 1, number=3),
        Block(
            "paragraph",
            "a. division of the cytoplasm b. division giving two identical nuclei"
            " c. division giving four sex cells",
            1,
        ),
        Block("paragraph", "Answer Key", 1),
        Block("paragraph", "1-b, 2-c, 3-a", 1),
    ]
    filled = blanks_filled_by_key(blocks)
    assert [(b.text, b.emphasis) for b in filled[1:4]] == [
        ("mitosis: division giving two identical nuclei", ("mitosis",)),
        ("meiosis: division giving four sex cells", ("meiosis",)),
        ("cytokinesis: division of the cytoplasm", ("cytokinesis",)),
    ]
    assert [b.text for b in filled[4:]] == ["Answer Key", "1-b, 2-c, 3-a"]
    # a key giving out only some descriptions leaves their block where it was
    partial = blanks_filled_by_key([*blocks[:-1], Block("paragraph", "1-b", 1)])
    assert partial[4] == blocks[4] and partial[1].text.startswith("mitosis: ")


def test_a_keys_answer_to_what_a_name_is_defines_the_name(tmp_path: Path) -> None:
    """ "6. What is osmosis?" and the key's "6. The diffusion of water …": labelled as a
    study guide labels its pairs, the answer defines what the question asks; its line in
    the key goes (read again, its phrases counted twice). A question asking anything else
    keeps its key's answer where it was."""
    blocks = [
        Block("list_item", "What is osmosis?", 1, number=1),
        Block("list_item", "Explain why cells need energy for active transport.", 1, number=2),
        Block("list_item", "什么是渗透作用？", 1, number=3),
        Block("paragraph", "Answer Key", 1),
        Block("list_item", "The diffusion of water across a membrane.", 1, number=1),
        Block("list_item", "It moves substances against their gradient.", 1, number=2),
        Block("list_item", "水分子透过半透膜的扩散。", 1, number=3),
    ]
    filled = [b.text for b in blanks_filled_by_key(blocks)]
    assert filled == [
        "Q: What is osmosis? A: The diffusion of water across a membrane.",
        "Explain why cells need energy for active transport.",
        "问：什么是渗透作用？ 答：水分子透过半透膜的扩散。",
        "Answer Key",
        "It moves substances against their gradient.",
    ]
    sheet = (
        "# Cell Review\n\n1. What is osmosis?\n2. What is a vesicle?\n\n## Answer Key\n\n"
        "1. The diffusion of water across a membrane.\n"
        "2. A small sac of membrane that carries materials.\n"
    )
    described = {c.title: c.description for c in concepts_of(tmp_path, sheet, "review.md")}
    assert described["osmosis"] == "The diffusion of water across a membrane."
    assert described["vesicle"] == "A small sac of membrane that carries materials."


def test_a_keys_answers_for_several_blanks_may_be_listed_as_a_list_is() -> None:
    """ "二氧化碳、水、有机物、氧气" for four blanks, "carbon dioxide, oxygen" for two: listed
    with 、 or commas, the parts fill the blanks when their count is the blanks'; one blank
    takes the answer whole, its comma and all."""
    lines = [
        "1．光合作用的原料是______和______，产物是______和______。",
        "2. Plants take in ______ and give off ______.",
        "3. The powerhouse of the cell is the ______.",
        "4. Plants need ______ and ______ to grow.",
        "参考答案：1．二氧化碳、水、有机物、氧气 2. carbon dioxide, oxygen"
        " 3. mitochondrion, the site of respiration 4. light, water, warmth",
    ]
    filled = [b.text for b in blanks_filled_by_key([Block("paragraph", t, 1) for t in lines])]
    assert filled[:4] == [
        "1．光合作用的原料是二氧化碳和水，产物是有机物和氧气。",
        "2. Plants take in carbon dioxide and give off oxygen.",
        "3. The powerhouse of the cell is the mitochondrion, the site of respiration.",
        lines[3],
    ]


def test_a_worksheets_labelled_question_numbers_are_its_numbers() -> None:
    """ "Q1.", "Question 2:", "第3题：" number a worksheet's questions as "1." does; a time
    ("10:30") or a quiz's own number ("Quiz 3.") numbers none."""
    lines = [
        "Q1. What is osmosis?",
        "Question 2: The powerhouse of the cell is the ______.",
        "第3题：光合作用的场所是______。",
        "Quiz 4. The meeting is at 10:30 in room ______.",
        "Answers: 1. The diffusion of water across a membrane. 2. mitochondrion 3. 叶绿体"
        " 4. twelve",
    ]
    filled = [b.text for b in blanks_filled_by_key([Block("paragraph", t, 1) for t in lines])]
    assert filled[:4] == [
        "Q: What is osmosis? A: The diffusion of water across a membrane.",
        "Question 2: The powerhouse of the cell is the mitochondrion.",
        "第3题：光合作用的场所是叶绿体。",
        lines[3],
    ]


def test_a_line_with_blanks_to_fill_in_is_no_formula() -> None:
    # a worksheet asks the pupil to work a value out ("range = ______"); its underscores
    # are no maths, and a course asked for "the formula for “range”" and gave the blank
    assert not _looks_mathematical("range = ________")
    assert not _looks_mathematical("3. Spread (S) = ____ – ____ = ____")
    assert _looks_mathematical("range = max − min = 9 − 2 = 7")


def test_an_answer_comparing_by_a_superlative_alone_defines_nothing() -> None:
    # an answer key compares measures ("The range is the widest."): a superlative with no
    # noun after it ranks the thing and says not what it is; one naming a kind still does
    assert not list(find_definitions("The range is the widest.", 0, False))
    assert not list(find_definitions("The variance is the most sensitive.", 0, False))
    found = find_definitions("Jupiter is the largest planet of the solar system.", 0, False)
    assert [d.term for d in found] == ["Jupiter"]


def test_small_letter_options_inside_a_questions_text_need_their_order() -> None:
    """ "a) … b) …" after the stem are its options only in order from a, two at least: a
    lone "a." or letters out of order are the question's own words."""
    lines = [
        "1. Frozen water is called a) ice b) steam",
        "2. Item b) comes before item a) here, so the stem is ______.",
        "Answer Key: 1. a 2. b",
    ]
    filled = [b.text for b in blanks_filled_by_key([Block("paragraph", t, 1) for t in lines])]
    assert filled[0] == "1. Frozen water is called ice."
    assert filled[1] == lines[1]


def test_a_keys_verdict_on_a_true_or_false_item_keeps_a_true_statement(tmp_path: Path) -> None:
    """A true-or-false item with its key's "√" or "T" is a statement the text makes: its
    place for the verdict goes ("…。（　）", "______ …"); one the key calls false keeps it,
    and a verdict is never a word written into a blank."""
    lines = [
        "1．叶绿体是绿色植物进行光合作用的场所。（　　）",
        "2．根吸收水分的主要部位是伸长区。（　　）",
        "3. ______ Osmosis is the diffusion of water across a membrane.",
        "4. ______ Diffusion needs energy from the cell.",
        "参考答案：1．√ 2．× 3. T 4. F",
    ]
    filled = [b.text for b in blanks_filled_by_key([Block("paragraph", t, 1) for t in lines])]
    assert filled[:4] == [
        "1．叶绿体是绿色植物进行光合作用的场所。",
        lines[1],
        "3. Osmosis is the diffusion of water across a membrane.",
        lines[3],
    ]
    sheet = "# 单元测试\n\n" + "\n\n".join(lines[:2]) + "\n\n参考答案：1．√ 2．×\n"
    described = {c.title: c.description for c in concepts_of(tmp_path, sheet, "测试.md", "zh-CN")}
    assert described.get("叶绿体", "").startswith("叶绿体是绿色植物进行光合作用的场所")


def test_a_question_under_its_label_line_takes_the_labels_number() -> None:
    """ "Question 1" on a line of its own over the question, as a Word sheet or a slide sets
    it: the key's "1." answers the question below; a question with its own number keeps it."""
    blocks = [
        Block("heading", "Question 1", 1, level=2),
        Block("paragraph", "The powerhouse of the cell is the ______.", 1),
        Block("paragraph", "第2题", 1),
        Block("paragraph", "3. Plants make food in the ______.", 1),
        Block("heading", "Answer Key", 1, level=2),
        Block("paragraph", "1. mitochondrion 2. chloroplast 3. leaves", 1),
    ]
    filled = [b.text for b in blanks_filled_by_key(blocks)]
    assert filled[1] == "The powerhouse of the cell is the mitochondrion."
    assert filled[3] == "3. Plants make food in the leaves."


def test_a_keys_answers_to_a_questions_parts_fill_each_part() -> None:
    """A question in parts, "（1）…（2）…" in its own text or a line each under it, and its
    key's "5．（1）叶绿体　（2）气孔" (or a part a line): each part takes its own answer, its
    label gone, as a whole question does; one answer over all the blanks (its labels written
    into them) was what the key read before."""
    blocks = [
        Block(
            "paragraph",
            "5．读图回答：（1）光合作用的场所是______。（2）植物散失水分的“门户”是______。",
            1,
        ),
        Block("paragraph", "6．根据材料回答问题：", 1),
        Block("paragraph", "大豆种子萌发时需要水分。", 1),
        Block(
            "paragraph", "(a) The part of the seed that grows into the new plant is the ______.", 1
        ),
        Block("paragraph", "(b) What is germination?", 1),
        Block("paragraph", "参考答案", 1),
        Block("paragraph", "5．（1）叶绿体　（2）气孔", 1),
        Block("paragraph", "6．(a) embryo", 1),
        Block("paragraph", "(b) The sprouting of a seed into a seedling.", 1),
    ]
    filled = [b.text for b in blanks_filled_by_key(blocks)]
    assert filled[:5] == [
        "5．读图回答：光合作用的场所是叶绿体。植物散失水分的“门户”是气孔。",
        "6．根据材料回答问题：",
        "大豆种子萌发时需要水分。",
        "The part of the seed that grows into the new plant is the embryo.",
        "Q: What is germination? A: The sprouting of a seed into a seedling.",
    ]


def test_a_line_of_options_in_small_letters_under_its_stem_is_the_questions() -> None:
    """A word processor's quiz sets a question's options on one line under it in small
    letters, "a) gills   b) lungs   c) skin": the key's letter picks one of them, as
    from options in capitals. A line that opens on "a)" and labels nothing more is no
    such line."""
    blocks = [
        Block("list_item", "Fish take oxygen from water through their ______.", 1, number=1),
        Block("list_item", "a) gills   b) lungs   c) skin", 1),
        Block("list_item", "A frog's young that lives in water is a ______.", 1, number=2),
        Block("list_item", "a) tadpole", 1),
        Block("paragraph", "Answer Key", 1),
        Block("list_item", "a", 1, number=1),
        Block("list_item", "a", 1, number=2),
    ]
    filled = [b.text for b in blanks_filled_by_key(blocks)]
    assert filled[:4] == [
        "Fish take oxygen from water through their gills.",
        "a) gills   b) lungs   c) skin",
        "A frog's young that lives in water is a ______.",
        "a) tadpole",
    ]


def test_a_name_the_key_writes_in_is_the_statements_term(tmp_path: Path) -> None:
    """The key's answer is the term its question teaches: "The distance between two
    neighbouring crests is the ______." and "wavelength" define wavelength (the subject,
    "distance", is none), as a textbook's bold term at the sentence's end is defined. The
    key's stress is no author's: a quiz set without emphasis still reads its other
    statements as plain text's ("Climate is the average weather …")."""
    quiz = (
        "# Waves Quiz\n\n"
        "1. The distance between two neighbouring crests is the ______.\n"
        "2. The highest point of a wave is called the ______.\n"
        "3. Climate is\n   A. the weather on one day B. the average weather of a place over"
        " many years\n\n"
        "## Answer Key\n\n1. wavelength\n2. crest\n3. B\n"
    )
    described = {c.title: c.description for c in concepts_of(tmp_path, quiz, "waves.md")}
    assert described["wavelength"] == (
        "The distance between two neighbouring crests is the wavelength."
    )
    assert described["crest"] == "The highest point of a wave is called the crest."
    assert described["climate"] == "Climate is the average weather of a place over many years."
    assert "distance" not in described


def test_a_keys_explanation_of_a_name_asked_alone_defines_it() -> None:
    """A paper's 名词解释 part or "Define each term." lists names alone ("1．渗透作用",
    "2. Mitosis"); the key's explanation reads as a glossary's entry for the name (one
    that opens on the name stands as written). A bidding question ("3．简述…", "4.
    Explain …") and a short reply ("5．细胞壁") stay as they were."""
    blocks = [
        Block("paragraph", "1．渗透作用", 1),
        Block("list_item", "Mitosis", 1, number=2),
        Block("paragraph", "3．简述根吸水的过程", 1),
        Block("paragraph", "4. Explain diffusion", 1),
        Block("paragraph", "5．植物细胞", 1),
        Block("paragraph", "答案", 1),
        Block("paragraph", "1．水分子通过半透膜从低浓度溶液向高浓度溶液扩散的现象。", 1),
        Block("paragraph", "2. Mitosis is the division of a nucleus into two identical nuclei.", 1),
        Block("paragraph", "3．根毛细胞吸水后，水分经皮层进入导管。", 1),
        Block("paragraph", "4. Particles spread from high to low concentration.", 1),
        Block("paragraph", "5．细胞壁", 1),
    ]
    filled = blanks_filled_by_key(blocks)
    assert [b.text for b in filled[:5]] == [
        "渗透作用：水分子通过半透膜从低浓度溶液向高浓度溶液扩散的现象。",
        "Mitosis is the division of a nucleus into two identical nuclei.",
        "3．简述根吸水的过程",
        "4. Explain diffusion",
        "5．植物细胞",
    ]
    assert filled[0].emphasis == ("渗透作用",)
    # the key's lines now read at their questions go (read twice, their words counted so)
    assert [b.text for b in filled[5:]] == [b.text for b in blocks[5:6] + blocks[8:]]


def test_a_matching_exercise_in_two_columns_pairs_each_row_as_the_key_says(
    tmp_path: Path,
) -> None:
    """A 连线题 sets its two columns a row a line, "①肾脏　　　　A．输送血液的器官", the
    left's names beside descriptions they do not go with; the key's "①—B　②—A" pairs
    them: each name is read with its own description. The part's name "连线题" is no
    concept."""
    blocks = [
        Block("paragraph", "①肾脏　　　　A．输送血液的器官", 1),
        Block("paragraph", "②心脏　　　　B．形成尿液的器官", 1),
        Block("paragraph", "(3) lung      C. the organ of gas exchange", 1),
        Block("paragraph", "答案", 1),
        Block("paragraph", "①—B　②—A　(3)-C", 1),
    ]
    assert [b.text for b in blanks_filled_by_key(blocks)[:3]] == [
        "肾脏：形成尿液的器官",
        "心脏：输送血液的器官",
        "lung: the organ of gas exchange",
    ]
    paper = (
        "# 人体的器官\n\n## 二、连线题\n\n①肾脏　　　　A．输送血液的器官\n\n"
        "②心脏　　　　B．形成尿液的器官\n\n## 参考答案\n\n①—B　②—A\n"
    )
    described = {c.title: c.description for c in concepts_of(tmp_path, paper, "试卷.md", "zh-CN")}
    assert described["肾脏"] == "肾脏：形成尿液的器官"
    assert described["心脏"] == "心脏：输送血液的器官"
    assert "连线题" not in described


def test_a_keys_line_of_names_and_written_answers_goes_once_all_are_read_in() -> None:
    """A PDF joins a key's lines: "6．（1）叶绿体 7．（1）光合作用是指…" answers a part with
    a name and another with a sentence. Once every answer is read in its question the line
    goes (read again, its clauses made phrases of no name); a line of names alone stays."""
    blocks = [
        Block("paragraph", "5．植物生长需要的三种无机盐是氮、磷和________。", 1),
        Block("paragraph", "6．（1）光合作用的场所是________。", 1),
        Block("paragraph", "7．（1）什么是光合作用？", 1),
        Block("paragraph", "参考答案", 1),
        Block("paragraph", "二、5．钾", 1),
        Block(
            "paragraph",
            "三、6．（1）叶绿体 7．（1）光合作用是指绿色植物利用光能制造有机物的过程。",
            1,
        ),
    ]
    filled = [b.text for b in blanks_filled_by_key(blocks)]
    assert filled == [
        "5．植物生长需要的三种无机盐是氮、磷和钾。",
        "6．光合作用的场所是叶绿体。",
        "7．问：什么是光合作用？ 答：光合作用是指绿色植物利用光能制造有机物的过程。",
        "参考答案",
        "二、5．钾",
    ]


def test_a_stressed_name_after_a_copula_of_cause_or_result_is_not_defined() -> None:
    """ "…差异的主要原因是**纬度位置**" says what brings the subject about, "…的结果是**X**"
    what follows from it: neither says what the name is (a 解析版 paper's answer, stressed,
    was so defined). A copula after the subject itself still names it."""

    def defined(sentence: str, *bold: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, True, emphasis=bold)]

    assert defined("我国冬季南北气温差异的主要原因是纬度位置。", "纬度位置") == []
    assert defined("形成昼夜交替现象的原因是地球自转。", "地球自转") == []
    assert defined("一个地区多年的天气平均状况叫做气候。", "气候") == ["气候"]
    assert defined("根吸收水分的主要部位是成熟区。", "成熟区") == ["成熟区"]


def test_a_choice_questions_own_answer_line_picks_its_option() -> None:
    """A paper 解析版 (or a worksheet) gives each question's answer on the line after it,
    "【答案】B" after the option lines, "Answer: B" after a stem with its options: the
    stem is completed by the option the letter picks, as by a key's; a stem that asks
    stays as it was."""
    blocks = [
        Block("paragraph", "1．一个地区多年的天气平均状况叫做（　　）", 1),
        Block("paragraph", "A．天气　B．气候", 1),
        Block("paragraph", "C．气温　D．降水", 1),
        Block("paragraph", "【答案】B", 1),
        Block("paragraph", "【解析】气候具有相对稳定性。", 1),
        Block(
            "list_item",
            "The role an organism plays in its ecosystem is called its A. habitat B. niche",
            1,
            number=2,
        ),
        Block("list_item", "Answer: B", 1),
        Block("paragraph", "3．下列属于气候现象的是（　　）", 1),
        Block("paragraph", "A．阴转多云　B．四季如春", 1),
        Block("paragraph", "【答案】B", 1),
    ]
    filled = [b.text for b in blanks_filled_by_key(blocks)]
    assert filled[0] == "1．一个地区多年的天气平均状况叫做气候。"
    assert filled[5].startswith("The role an organism plays in its ecosystem is called its niche.")
    assert filled[1:5] + filled[6:] == [b.text for b in blocks[1:5] + blocks[6:]]


def test_a_sections_supplements_heading_is_apparatus() -> None:
    # notes close a section on what they add to it from its exercises or elsewhere: the
    # additions are the topics, the heading over them is none
    for heading in (
        "Supplements",
        "Supplement",
        "Supplementary Exercises",
        "Supplementary Problems",
    ):
        assert apparatus(heading), heading
    # what a subject teaches under that word stays a topic
    for topic in ("Dietary Supplements", "Supplementary Angles"):
        assert not apparatus(topic), topic


def test_a_keys_answer_to_what_a_name_means_asked_in_other_words_defines_it(
    tmp_path: Path,
) -> None:
    """ "Define X.", "What is meant by X?", "What does the term "X" mean?", "什么叫X？",
    "X的概念是什么？", "解释X。" each ask what X is, as "What is X?" does: the key's answer
    defines X. "What does X do?" and "解释为什么…" ask something else."""
    sheet = (
        "# Review\n\n1. Define diffusion.\n2. What is meant by turgor?\n"
        '3. What does the term "stoma" mean?\n4. What does the stoma do?\n\n'
        "## Answer Key\n\n1. The spread of particles from high to low concentration.\n"
        "2. The pressure of water pushing against the cell wall.\n"
        "3. A pore in a leaf through which gases pass.\n4. It lets gases in and out.\n"
    )
    described = {c.title: c.description for c in concepts_of(tmp_path, sheet, "review.md")}
    assert described["diffusion"] == "The spread of particles from high to low concentration."
    assert described["turgor"] == "The pressure of water pushing against the cell wall."
    assert described["stoma"] == "A pore in a leaf through which gases pass."
    assert "meant by turgor" not in described
    # a study guide's own pair asks it so too, with no key
    from jobs.pipeline.questions import asked_topics

    assert asked_topics("Q: What is meant by the term turgor?") == ["turgor"]
    blocks = [
        Block("paragraph", "1．什么叫蒸腾作用？", 1),
        Block("paragraph", "2．渗透作用的概念是什么？", 1),
        Block("paragraph", "3．解释呼吸作用。", 1),
        Block("paragraph", "4．解释为什么叶片是绿色的。", 1),
        Block("paragraph", "答案", 1),
        Block("paragraph", "1．水分以气体状态散失到体外的过程。", 1),
        Block("paragraph", "2．水分子透过半透膜扩散的现象。", 1),
        Block("paragraph", "3．细胞分解有机物释放能量的过程。", 1),
        Block("paragraph", "4．叶片含有叶绿素。", 1),
    ]
    assert [b.text for b in blanks_filled_by_key(blocks)[:4]] == [
        "问：什么是蒸腾作用？ 答：水分以气体状态散失到体外的过程。",
        "问：什么是渗透作用？ 答：水分子透过半透膜扩散的现象。",
        "问：什么是呼吸作用？ 答：细胞分解有机物释放能量的过程。",
        "4．解释为什么叶片是绿色的。",
    ]


def test_a_key_set_as_a_table_answers_its_questions() -> None:
    """A paper's key as a table, a row of numbers over a row of answers ("题号 | 1 | 2"
    over "答案 | A | C"), or a row each ("3 | stomata"): its answers are read as a key
    line's are."""
    blocks = [
        Block("paragraph", "1．将血液从心脏送出的血管叫做（　　）A．动脉　B．静脉", 1),
        Block("paragraph", "2．血液与细胞交换物质的血管叫做（　　）A．动脉　B．毛细血管", 1),
        Block("paragraph", "3. Pores in a leaf's surface are called ______.", 1),
        Block("heading", "参考答案", 1, level=2),
        Block("table", "题号 | 1 | 2\n答案 | A | B", 1),
        Block("table", "Question | Answer\n3 | stomata", 1),
    ]
    filled = [b.text for b in blanks_filled_by_key(blocks)]
    assert filled[:3] == [
        "1．将血液从心脏送出的血管叫做动脉。",
        "2．血液与细胞交换物质的血管叫做毛细血管。",
        "3. Pores in a leaf's surface are called stomata.",
    ]


def test_a_key_table_read_as_text_answers_its_questions() -> None:
    """A PDF gives a key's table as text, the numbers' row after its label, then the
    answers' ("题号 1 2答案 B A"): the answers go to the numbers in order; rows whose counts
    differ answer nothing."""
    blocks = [
        Block("paragraph", "1．将血液从心脏送出的血管叫做（　　）A．静脉　B．动脉", 1),
        Block("paragraph", "2．血液与细胞交换物质的血管叫做（　　）A．毛细血管　B．静脉", 1),
        Block("paragraph", "参考答案", 1),
        Block("paragraph", "题号 1 2答案 B A", 1),
    ]
    filled = [b.text for b in blanks_filled_by_key(blocks)]
    assert filled[:2] == [
        "1．将血液从心脏送出的血管叫做动脉。",
        "2．血液与细胞交换物质的血管叫做毛细血管。",
    ]
    blocks[3] = Block("paragraph", "题号 1 2答案 B", 1)
    assert [b.text for b in blanks_filled_by_key(blocks)][:2] == [b.text for b in blocks[:2]]


def _choice(stem: str, *options: str) -> list[str]:
    """A multiple-choice item as a sheet lists it: the stem, then "a. …", "b. …" a line."""
    return [stem, *(f"{chr(ord('a') + at)}. {option}" for at, option in enumerate(options))]


def _keyed_items(*items: list[str], key: str) -> list[str]:
    """The items' lines after their key ("1. b 2. a", an answer a line) fills them."""
    lines = [*(line for item in items for line in item), "Answer Key", *key.split("  ")]
    return [b.text for b in blanks_filled_by_key([Block("list_item", t, 1) for t in lines])]


def test_a_stem_ending_on_a_colon_stops_where_its_answer_goes() -> None:
    """A stem typed with a colon before its options ("… This is called:") ends where the
    answer goes as one with none does: the keyed option completes it. One that bids
    ("Choose the organ:") still picks and states nothing."""
    bidding = "2. Choose the organ that pumps blood:"
    filled = _keyed_items(
        _choice(
            "1. Water lost through the leaves of a plant. This is called:",
            "digestion",
            "transpiration",
        ),
        _choice(bidding, "heart", "lung"),
        key="1. b  2. a",
    )
    assert filled[0] == "1. Water lost through the leaves of a plant. This is called transpiration."
    assert filled[3] == bidding


def test_a_which_question_keyed_to_a_name_states_what_the_name_is() -> None:
    """ "Which organelle makes proteins?" keyed to "ribosome" says the ribosome is the
    organelle that makes proteins; asked, it stated nothing. A question whose kind is
    no plain noun phrase before its verb ("Which of these …", "Which gas molecules
    pass …") is left as asked."""
    choosing = "2. Which of these stores water?"
    filled = _keyed_items(
        _choice("1. Which organelle makes proteins?", "ribosome", "nucleus"),
        _choice(choosing, "vacuole", "wall"),
        key="1. a  2. a",
    )
    assert filled[0] == "1. Ribosome is the organelle that makes proteins."
    assert filled[3] == choosing


def test_a_keys_letter_spelled_out_with_its_option_completes_the_stem() -> None:
    """A teacher's key often writes the picked option after the letter ("2. c — heart",
    "3. a (xylem)"): the letter still picks, when the words agree with its option; a key
    whose words name another option than its letter is unsure and fills nothing."""
    unsure = "3. Sugar moves down a stem through the"
    filled = _keyed_items(
        _choice("1. The organ that pumps blood is the", "lung", "kidney", "heart"),
        _choice("2. Water moves up a stem through the", "xylem", "phloem"),
        _choice(unsure, "xylem", "phloem"),
        key="1. c — heart  2. a (xylem)  3. a — phloem",
    )
    assert filled[0] == "1. The organ that pumps blood is the heart."
    assert filled[4] == "2. Water moves up a stem through the xylem."
    assert filled[7] == unsure


def test_an_english_papers_kind_after_its_topic_leaves_the_topic(tmp_path: Path) -> None:
    """ "Ecosystems Quiz", "Volcanoes Unit Review", "Optics Study Guide": the paper's kind
    after its topic goes, the topic stays; a name whose kind is its own ("Turing Test",
    "Peer Review", "Unit Test") keeps it."""
    for heading, topic in (
        ("Ecosystems Quiz", "ecosystem"),
        ("Volcanoes Unit Review", "volcano"),
        ("Optics Study Guide", "optics"),
        ("Fractions Practice Test", "fraction"),
        ("Magnets Worksheet (Teacher's Copy)", "magnet"),
    ):
        text = f"# {heading}\n\n1. What is the main idea?\n\nNotes on the lesson follow.\n"
        keys = {c.key for c in concepts_of(tmp_path, text, "paper.md")}
        assert topic in keys and heading.lower() not in keys, (heading, keys)
    from jobs.pipeline.lexicon import EN_DOCUMENT_KIND

    for name in ("Turing Test", "Peer Review", "Unit Test", "Chi-square Test", "Pop Quiz"):
        assert EN_DOCUMENT_KIND.sub("", name) == name


def test_a_teachers_copy_answers_each_choice_in_its_brackets() -> None:
    """A 教师版 writes the letter in the brackets the pupil's copy leaves empty, "…是（ B ）"
    over its options or with them after it: the stem is completed by the option it picks.
    Options labelled in brackets, "（A）…（B）…", are no answer."""
    blocks = [
        Block("paragraph", "1．细胞生命活动的控制中心是（ C ）", 1),
        Block("paragraph", "A．细胞壁　B．细胞膜　C．细胞核", 1),
        Block(
            "paragraph",
            "2．能将光能转化为化学能的结构是（D）A．线粒体　B．液泡　C．细胞核　D．叶绿体",
            1,
        ),
        Block("paragraph", "3．细胞的外层是（A）细胞壁（B）细胞核", 1),
    ]
    filled = [b.text for b in blanks_filled_by_key(blocks)]
    assert filled[0] == "1．细胞生命活动的控制中心是细胞核。"
    assert filled[2].startswith("2．能将光能转化为化学能的结构是叶绿体。")
    assert filled[3] == blocks[3].text


def test_a_teachers_copy_sets_the_right_option_in_bold() -> None:
    """A teacher's copy sets the right option of each question in bold, an option a line:
    it picks the option as a key's letter does. Two options in bold, or an option line
    that is not bold whole, pick none."""
    blocks = [
        Block("list_item", "Water turning into vapour is called", 1, number=1),
        Block("list_item", "A. condensation", 1),
        Block("list_item", "B. evaporation", 1, emphasis=("B. evaporation",)),
        Block("list_item", "Ice turning into water is called", 1, number=2),
        Block("list_item", "A. melting", 1, emphasis=("A. melting",)),
        Block("list_item", "B. freezing", 1, emphasis=("B. freezing",)),
        Block("list_item", "The solid form of water is", 1, number=3),
        Block("list_item", "A. steam", 1),
        Block("list_item", "B. ice cubes", 1, emphasis=("ice",)),
    ]
    read = blanks_filled_by_key(blocks)
    filled = [b.text for b in read]
    assert filled[0] == "Water turning into vapour is called evaporation."
    assert filled[3] == blocks[3].text and filled[6] == blocks[6].text
    # the bold option's name is what the key wrote, its label no part of it
    assert read[2].emphasis == ("evaporation",) and read[2].written_in == ("evaporation",)
