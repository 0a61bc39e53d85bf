"""Quiz banks exported as text (Moodle's GIFT and Aiken formats): each question is read as
what it teaches, its right answer in its blank or after its "?", wrong options and
feedback dropped, false statements left out; a question's topic-like name and each
category head it. The banks are written for the test."""

from __future__ import annotations

from pathlib import Path

from datasources.files.detect import detect
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.model import ReadDocument
from jobs.pipeline.readers import read
from jobs.pipeline.readers.quizbank import quiz_blocks

_GIFT = """// River geography, unit 2
$CATEGORY: $course$/top/Geography/Rivers

::R1 Watershed:: The whole area of land that drains into one river is its
{=drainage basin ~delta ~levee ~meander}.

::R2:: Which landform is built where a river deposits sediment at its mouth? {
=delta#Right, well done.
~oxbow lake#No.
~gorge
}

::R3 Meanders:: A meander is a bend in a river channel. {T}

::R4:: A levee forms only in deserts. {F}

::Which river feature is a crescent-shaped lake?::
Which river feature is a crescent-shaped lake? {=%100%oxbow lake ~%0%gorge}

::R6 Discharge\\: volume:: Discharge is measured in {=cubic metres per second ~metres ~kilograms}.
"""

_AIKEN = """Which rock forms when magma cools below the surface?
A. Sedimentary rock
B. Intrusive igneous rock
C. Metamorphic rock
ANSWER: B

The process that turns loose sediment into solid rock is called
A) erosion
B) weathering
C) lithification
ANSWER: C

What is the outermost solid layer of the Earth called?
A. Mantle
B. Crust
ANSWER: B
"""


def _texts(lines: list[str]) -> list[tuple[str, str]]:
    blocks = quiz_blocks(lines)
    assert blocks is not None
    return [(b.kind, b.text) for b in blocks]


def test_a_gift_question_reads_as_its_stem_with_the_right_answer() -> None:
    texts = _texts(_GIFT.splitlines())
    assert texts[0] == ("heading", "Rivers")  # the category's last part
    assert ("heading", "Watershed") in texts  # the name without its number
    assert (
        "paragraph",
        "The whole area of land that drains into one river is its drainage basin.",
    ) in texts
    # a question ending "?" gets its answer after it, with no feedback
    assert (
        "paragraph",
        "Which landform is built where a river deposits sediment at its mouth? Delta.",
    ) in texts
    assert ("paragraph", "A meander is a bend in a river channel.") in texts
    assert ("paragraph", "Discharge is measured in cubic metres per second.") in texts
    assert ("heading", "Discharge: volume") in texts  # an escaped colon is a colon
    joined = " ".join(t for _, t in texts)
    # a false statement, wrong options, a number-only name and a stem-like name are gone
    assert "deserts" not in joined and "gorge" not in joined and "R2" not in joined
    assert not any(k == "heading" and t.startswith("Which river") for k, t in texts)
    assert ("heading", "Meanders") in texts
    assert "{" not in joined and "#" not in joined and "%" not in joined


def test_an_aiken_question_reads_as_its_stem_with_the_right_option() -> None:
    texts = _texts(_AIKEN.splitlines())
    assert texts == [
        (
            "paragraph",
            "Which rock forms when magma cools below the surface? Intrusive igneous rock.",
        ),
        (
            "paragraph",
            "The process that turns loose sediment into solid rock is called lithification.",
        ),
        ("paragraph", "What is the outermost solid layer of the Earth called? Crust."),
    ]


def test_a_right_answer_shaped_as_a_term_is_stressed() -> None:
    # a few words naming a thing are the term the question tests; one word ("Crust",
    # "lithification"), a person's name or a number may be any answer at all
    aiken = quiz_blocks(_AIKEN.splitlines())
    assert aiken is not None
    assert [list(b.emphasis) for b in aiken] == [["Intrusive igneous rock"], [], []]
    gift = quiz_blocks(
        [
            "Who first ordered graves by their pottery? {=Flinders Petrie ~Howard Carter}",
            "",
            "A river's sediment fan at its mouth is a {=delta ~gorge}.",
            "",
            "Layers are dated in order by {=the law of superposition ~chance}.",
        ]
    )
    assert gift is not None
    assert [list(b.emphasis) for b in gift] == [[], [], ["law of superposition"]]


def test_prose_with_a_brace_or_an_answer_line_is_no_quiz_bank() -> None:
    prose = [
        "Sets are written in braces, {1, 2, 3}, in most textbooks.",
        "",
        "A river carries sediment downstream.",
        "",
        "Deltas form at a river's mouth.",
        "",
        "Floodplains lie beside rivers.",
    ]
    assert quiz_blocks(prose) is None
    # formulas typed as TeX in plain notes: braces, but no answer block among them
    tex = [
        "Stress is force over area, s = \\frac{F}{A}.",
        "",
        "Strain is a change of length, e = \\frac{dL}{L}.",
        "",
        "A ratio {F} of forces.",
        "",
        "Young's modulus is E = \\frac{s}{e}.",
    ]
    assert quiz_blocks(tex) is None
    answered_then_prose = ["What is 2 + 2?", "A. 3", "B. 4", "ANSWER: B", "Then notes follow."]
    assert quiz_blocks(answered_then_prose) is None


def test_a_gift_file_gives_the_concepts_its_questions_test(tmp_path: Path) -> None:
    path = tmp_path / "rivers.gift"
    path.write_text(_GIFT, encoding="utf-8")
    assert read(path, detect(path)).blocks()[0].text == "Rivers"
    concepts = {c.key: c for c in analyse_file(path, language="en").knowledge.concepts}
    # the topics the questions are named by are concepts of the bank
    assert {"watershed", "discharge"} <= set(concepts)


# A Moodle XML export, as Moodle writes one: a category question first, then questions
# with HTML stems in CDATA, graded answers, general feedback and grading apparatus
_MOODLE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 0  -->
  <question type="category">
    <category><text>$course$/top/Default for GEO1/Coasts</text></category>
    <info format="moodle_auto_format"><text></text></info>
  </question>
<!-- question: 12  -->
  <question type="multichoice">
    <name><text>Longshore drift</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>What carries sand along a beach when waves arrive at an angle?</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[
        <p>Longshore drift is the movement of sediment along a coast by waves.</p>]]></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <shuffleanswers>true</shuffleanswers>
    <correctfeedback format="html"><text>Your answer is correct.</text></correctfeedback>
    <answer fraction="100" format="html"><text><![CDATA[<p>longshore drift</p>]]></text>
      <feedback format="html"><text>Yes.</text></feedback></answer>
    <answer fraction="0" format="html"><text><![CDATA[<p>a rip current</p>]]></text>
      <feedback format="html"><text>No.</text></feedback></answer>
  </question>
<!-- question: 13  -->
  <question type="truefalse">
    <name><text>Q2</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>A spit grows into open sea.</p>]]></text>
    </questiontext>
    <generalfeedback format="html"><text></text></generalfeedback>
    <answer fraction="100" format="moodle_auto_format"><text>true</text></answer>
    <answer fraction="0" format="moodle_auto_format"><text>false</text></answer>
  </question>
  <question type="truefalse">
    <name><text>Q3</text></name>
    <questiontext format="plain_text"><text>Cliffs form only from sand.</text></questiontext>
    <answer fraction="100" format="moodle_auto_format"><text>false</text></answer>
    <answer fraction="0" format="moodle_auto_format"><text>true</text></answer>
  </question>
  <question type="shortanswer">
    <name><text>Q4</text></name>
    <questiontext format="moodle_auto_format">
      <text>A ridge of sand joining an island to the coast is a ____ .</text></questiontext>
    <answer fraction="100" format="moodle_auto_format"><text>tombolo</text></answer>
  </question>
  <question type="multianswer">
    <name><text>Q5</text></name>
    <questiontext format="html">
      <text><![CDATA[
        <p>Waves that build a beach are
        {1:MULTICHOICE:=constructive waves#Yes~destructive waves}.</p>]]></text>
    </questiontext>
  </question>
</quiz>
"""


def _xml_bank(tmp_path: Path, xml: str, kind: str) -> ReadDocument:
    """`xml` saved as an .xml upload, detected as `kind` and read."""
    path = tmp_path / "bank.xml"
    path.write_text(xml, encoding="utf-8")
    detected = detect(path, filename="bank.xml")
    assert detected.kind == kind
    return read(path, detected)


def test_a_moodle_xml_export_reads_as_what_its_questions_teach(tmp_path: Path) -> None:
    texts = [(b.kind, b.text) for b in _xml_bank(tmp_path, _MOODLE_XML, "moodlexml").blocks()]
    assert texts == [
        ("heading", "Coasts"),  # the category's last part
        ("heading", "Longshore drift"),  # a name that names a topic
        (
            "paragraph",
            "What carries sand along a beach when waves arrive at an angle? Longshore drift.",
        ),
        ("paragraph", "Longshore drift is the movement of sediment along a coast by waves."),
        ("paragraph", "A spit grows into open sea."),  # true; the false one is gone
        ("paragraph", "A ridge of sand joining an island to the coast is a tombolo."),
        ("paragraph", "Waves that build a beach are constructive waves."),
    ]
    # none of Moodle's apparatus is text of the document
    joined = " ".join(t for _, t in texts)
    assert "correct" not in joined and "rip current" not in joined and "CDATA" not in joined


def test_a_stem_that_breaks_off_is_finished_by_its_answer() -> None:
    # "…said to be:" opens the answer's sentence, as an Aiken stem without "?" does; a
    # question's answer stays a sentence after it
    gift = quiz_blocks(
        [
            "A rock that has been changed by heat and pressure is called: {=metamorphic ~igneous}",
            "",
            "The layer under the crust is the {=mantle ~core}",
            "",
            "Which layer is liquid? {=the outer core ~the crust}",
        ]
    )
    assert gift is not None
    assert [b.text for b in gift] == [
        "A rock that has been changed by heat and pressure is called metamorphic.",
        "The layer under the crust is the mantle.",
        "Which layer is liquid? The outer core.",
    ]


def test_a_matching_question_teaches_its_pairs() -> None:
    # a term matched with the sentence that defines it is a glossary entry, whichever side
    # it stands on; two short sides are one statement; the instruction is no lesson
    gift = quiz_blocks(
        [
            "::Rock words:: Match each word with its meaning. {",
            "=Rock formed from cooled magma or lava -> igneous rock",
            "=sedimentary rock -> Rock formed from layers of compacted sediment",
            "=Quartz -> a mineral",
            "}",
            "",
            "A mineral has a crystal structure. {T}",
            "",
            "Granite is {=igneous ~sedimentary}.",
        ]
    )
    assert gift is not None
    assert [(b.text, list(b.emphasis)) for b in gift[:4]] == [
        ("Rock words", []),
        ("igneous rock: Rock formed from cooled magma or lava", ["igneous rock"]),
        ("sedimentary rock: Rock formed from layers of compacted sediment", ["sedimentary rock"]),
        ("Quartz: a mineral.", []),
    ]
    assert "Match each" not in " ".join(b.text for b in gift)


def test_a_moodle_xml_matching_question_teaches_its_pairs(tmp_path: Path) -> None:
    path = tmp_path / "tides.xml"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="matching">
    <name><text>Q1</text></name>
    <questiontext format="html"><text>Match the terms.</text></questiontext>
    <subquestion format="html">
      <text><![CDATA[<p>The tide when the Sun and the Moon pull along one line</p>]]></text>
      <answer><text>spring tide</text></answer>
    </subquestion>
    <subquestion format="html"><text></text><answer><text>neap tide</text></answer></subquestion>
  </question>
</quiz>
""",
        encoding="utf-8",
    )
    texts = [b.text for b in read(path, detect(path)).blocks()]
    assert texts == ["spring tide: The tide when the Sun and the Moon pull along one line"]


# An IMS QTI 1.2 quiz as an LMS exports one: namespaced, metadata fields, the stem's HTML
# escaped in <mattext>, the right option named by a scoring condition, and feedback on
# any answer and on a wrong one
_QTI = """<?xml version="1.0" encoding="UTF-8"?>
<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2">
  <assessment ident="a1" title="Glaciers check">
    <section ident="root_section">
      <item ident="i1" title="Question">
        <itemmetadata><qtimetadata><qtimetadatafield><fieldlabel>question_type</fieldlabel>
          <fieldentry>multiple_choice_question</fieldentry></qtimetadatafield></qtimetadata>
        </itemmetadata>
        <presentation>
          <material><mattext texttype="text/html">&lt;p&gt;What is the ridge of debris
            a glacier leaves at its snout?&lt;/p&gt;</mattext></material>
          <response_lid ident="response1"><render_choice>
            <response_label ident="7"><material><mattext>A cirque</mattext></material>
            </response_label>
            <response_label ident="8"><material><mattext>A terminal moraine</mattext>
            </material></response_label>
          </render_choice></response_lid>
        </presentation>
        <resprocessing>
          <respcondition><conditionvar><varequal respident="response1">8</varequal>
          </conditionvar><setvar action="Set" varname="SCORE">100</setvar></respcondition>
        </resprocessing>
        <itemfeedback ident="general_fb"><flow_mat><material><mattext>A terminal moraine
          marks the furthest advance of a glacier.</mattext></material></flow_mat>
        </itemfeedback>
        <itemfeedback ident="general_incorrect_fb"><flow_mat><material><mattext>A cirque
          is a hollow.</mattext></material></flow_mat></itemfeedback>
      </item>
    </section>
  </assessment>
</questestinterop>
"""


def test_a_qti_quiz_reads_as_what_its_items_teach(tmp_path: Path) -> None:
    document = _xml_bank(tmp_path, _QTI, "qti")
    assert document.title == "Glaciers check"
    texts = [(b.kind, b.text) for b in document.blocks()]
    assert texts == [
        ("heading", "Glaciers check"),
        (
            "paragraph",
            "What is the ridge of debris a glacier leaves at its snout? A terminal moraine.",
        ),
        ("paragraph", "A terminal moraine marks the furthest advance of a glacier."),
    ]
    joined = " ".join(t for _, t in texts)
    for apparatus in ("question_type", "mattext", "<p>", "cirque", "SCORE"):
        assert apparatus not in joined, apparatus


def test_a_quiz_template_spreadsheet_reads_as_its_answered_questions(tmp_path: Path) -> None:
    """A quiz app's spreadsheet template (Kahoot!, Quizizz): instruction rows, a header with
    a note in each cell, then one question a row, its right option given by number."""
    from jobs.pipeline.readers.quiz_sheet import table_blocks
    from tests.upload_files import xlsx_bytes

    rows: list[list[str | int]] = [
        ["Quiz template"],
        ["Add questions and choose the correct answers."],
        [],
        [
            *("Question - max 120 characters", "Answer 1 - max 75 characters", "Answer 2"),
            *("Answer 3", "Correct answer(s) - choose at least one"),
        ],
        ["Which gas do plants take in for photosynthesis?", "Oxygen", "Carbon dioxide", "Argon", 2],
        [
            "The green pigment in leaves is called...",
            "Keratin",
            "Chlorophyll pigment",
            "Melanin",
            2,
        ],
        ["Water moves up a stem through the...", "Phloem", "Xylem vessels", "Cortex", "2"],
        ["Which are plant organs?", "Roots", "Leaves", "Hooves", "1,2"],
        ["A question nobody marked", "Yes", "No", "", ""],
    ]
    path = tmp_path / "plants.xlsx"
    path.write_bytes(xlsx_bytes({"Sheet1": rows}))
    texts = [b.text for b in read(path, detect(path, filename=path.name)).blocks()]
    assert texts == [
        "Which gas do plants take in for photosynthesis? Carbon dioxide.",
        # the stem's "..." is the answer's blank, and the button's capital is lowered
        "The green pigment in leaves is called chlorophyll pigment.",
        "Water moves up a stem through the xylem vessels.",
        "Which are plant organs? Roots and Leaves.",
    ]
    # a sheet with no Correct column is no quiz
    assert table_blocks([["Question", "Answer 1", "Answer 2"], ["Why?", "A", "B"]]) is None


def test_a_chinese_question_bank_sheet_reads_by_letter_with_its_explanations() -> None:
    """A Chinese quiz platform's question-bank sheet (题目, 选项A…, 正确答案 by letter,
    答案解析): the right option goes into the stem's bracketed blank, a 判断题's 对/错 says
    whether the stem stands, a fill-in's answer fills its blank, and each explanation,
    an essay question's too, is kept after its question."""
    from jobs.pipeline.readers.quiz_sheet import table_blocks

    rows = [
        ["说明：请勿修改表头。"],
        ["题型", "题目", "选项A", "选项B", "选项C", "正确答案", "答案解析"],
        [
            "单选题",
            "水在标准大气压下的沸点是（ ）。",
            "50℃",
            "100℃",
            "0℃",
            "B",
            "沸点是液体沸腾的温度。",
        ],
        ["判断题", "冰的密度大于水。", "对", "错", "", "B", "冰中氢键使分子排列疏松。"],
        ["判断题", "水由氢和氧组成。", "对", "错", "", "A", ""],
        ["填空题", "水的化学式是______。", "", "", "", "H2O", ""],
        ["简答题", "简述蒸发。", "", "", "", "", "蒸发是液体表面发生的汽化现象。"],
    ]
    blocks = table_blocks(rows)
    assert blocks is not None
    assert [b.text for b in blocks] == [
        "水在标准大气压下的沸点是100℃。",
        "沸点是液体沸腾的温度。",
        "冰中氢键使分子排列疏松。",  # the false statement gone, its explanation kept
        "水由氢和氧组成。",
        "水的化学式是H2O。",
        "蒸发是液体表面发生的汽化现象。",
    ]


def test_several_right_chinese_options_join_as_a_chinese_list() -> None:
    """Several right options in Chinese read as a Chinese list, with no English "and"."""
    from jobs.pipeline.readers.quizbank import options_answer

    assert options_answer(["红色", "黄色", "蓝色"]) == "红色、黄色和蓝色"
    assert options_answer(["Roots", "Leaves"]) == "Roots and Leaves"
