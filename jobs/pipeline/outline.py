"""A syllabus's course outline: the topics it lists, one a list item, under an outline
heading ("Course Outline", "Topics", "Schedule", 课程大纲, 教学内容, 教学进度) or after a
week's label ("Week 3: …", "**第2周：Kotlin基础**"), read as a schedule table's topic
cells are (`structure.table_topics`): each item names what the course teaches, as a
sub-section heading would ("Introduction to Relational Databases" → Relational Databases),
whether or not the rest of the syllabus (mostly its policies) names it again."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from jobs.pipeline.lexicon import OUTLINE_HEADING, apparatus
from jobs.pipeline.model import Block
from jobs.pipeline.normalise import clean_title
from jobs.pipeline.structure import HEADING_NUMBER, schedule_text

# a run-in label of the outline's parts: what a week covers ("Topics:", "内容：") or
# something else ("Readings:", "Slides:", "Assignments:"), which ends the topics
_LABEL = re.compile(r"^\s*([^\s:：][^:：]{0,30}?)\s*[:：]\s*$")
_TOPIC_LABEL = re.compile(
    r"(?:(?:main|key|core)\s+)?(?:topics?(?:\s+covered)?|contents?|subjects?)"
    r"|(?:主要|教学|课程|讲授)?内容|知识点|主题",
    re.IGNORECASE,
)
# a week's, a lecture's or a session's label before what it teaches: "Week 3: Regression",
# "Lecture 4 - Hashing", "第2周：Kotlin基础", "第三讲 概率"
WEEK_LABEL = re.compile(
    r"^\s*(?:(?:week|lecture|lesson|session|class|day|module|unit)\s*\d{1,2}[a-z]?"
    r"|第\s*[\d一二三四五六七八九十]{1,3}\s*(?:周|讲|课|次课|单元))"
    r"\s*(?:[:：.、\-\u2013\u2014]\s*|\s+)(?P<topic>\S.*)$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[•◦▪‣·]\s*")
# an ordered list's printed number, which a PDF's item keeps ("1. Linear Algebra")
_ITEM_NUMBER = re.compile(r"^\d{1,2}[.)]\s+")
MAX_ITEM_WORDS = 10  # an outline's item is a name or two, not a sentence
MAX_ITEM_HAN = 30
_CLAUSE_END = re.compile(r"[。；;！？!?][”’」』）)]*$")
_LEAD_IN = re.compile(r"[:：]$")


def outline_topics(blocks: Sequence[Block]) -> dict[int, str]:
    """By block: the topic text of each list item a course outline lists, and of each
    week's label (its dates, section numbers and label gone)."""
    found: dict[int, str] = {}
    outline_level = 0  # inside an outline heading's section: its level, else 0
    listing = False  # the list items here are topics
    run: list[int] = []  # the list items since the topics began
    for index, block in enumerate(blocks):
        text = block.text.strip()
        bullet = _BULLET.match(text)
        if bullet and block.kind == "paragraph":
            # a PDF keeps a list's bullets in its text, each item a paragraph of its own
            block = replace(block, kind="list_item", text=text[bullet.end() :])
            text = block.text
        if block.kind in ("heading", "paragraph") and run:
            _drop_statements(run, blocks, found)
            run = []
        if block.kind == "heading":
            if outline_level and block.level <= outline_level:
                outline_level = 0
            title = HEADING_NUMBER.sub("", clean_title(text)).strip(" :：")
            if not outline_level and OUTLINE_HEADING.fullmatch(title):
                outline_level = block.level
            week = WEEK_LABEL.match(text)
            listing = bool(outline_level or week)
            continue
        if block.kind == "list_item":
            if listing:
                run.append(index)
                topic = schedule_item(_ITEM_NUMBER.sub("", text))
                if topic:
                    found[index] = topic
            continue
        if block.kind != "paragraph":
            continue
        bare = text.strip("*_ \t")  # "**第1周：导论**", "*Topics:*": set in bold or italics
        week = WEEK_LABEL.match(bare)
        label = _LABEL.match(bare)
        if week:
            listing = True
            topic = schedule_item(week.group("topic"))
            if topic:
                found[index] = topic
        elif label:
            listing = _TOPIC_LABEL.fullmatch(label.group(1).strip("*_ ")) is not None or (
                bool(outline_level) and OUTLINE_HEADING.fullmatch(label.group(1)) is not None
            )
        elif not outline_level:
            listing = False  # prose after a week's list: the week's topics are over
    _drop_statements(run, blocks, found)
    return found


def _drop_statements(run: list[int], blocks: Sequence[Block], found: dict[int, str]) -> None:
    """A list of which half the items or more state something in Chinese is a lesson's
    content under its heading ("第 1 课 鸦片战争", then "英国发动鸦片战争的根本原因：<u>打开中国
    市场</u>。"), no outline of topics: none of its items is one. A textbook's or a review
    sheet's lessons are labelled as a syllabus's weeks are; read as topics, each question's
    wording was a concept ("英国发动鸦片战争", "根本原因")."""
    han = [i for i in run if re.search(r"[\u3400-\u9fff]", blocks[i].text)]
    stating = sum(1 for i in han if _states(blocks[i]))
    if han and 2 * stating >= len(run):
        for index in run:
            found.pop(index, None)
    # An English item that states something names no topic either: a unit's notes titled
    # as a syllabus labels its weeks ("Unit 2 Notes: Supply and Demand") list the unit's
    # topics ("Equilibrium") over sentences about each, and "price rises", "cars" and
    # "gasoline" were read out of those as topics
    for index in run:
        if index not in han and _en_states(blocks[index].text):
            found.pop(index, None)


# the fewest words an English item ending on a full stop, or a label's gloss, states in
MIN_STATEMENT_WORDS = 5
MAX_LABEL_WORDS = 4  # a run-in label's words before its colon


def _en_states(text: str) -> bool:
    """An English item that is a sentence ("A demand curve slopes downward.") or a run-in
    label and what it says ("Law of supply: as price rises, quantity supplied rises.")."""
    text = text.strip()
    label, colon, rest = text.partition(":")
    if colon and len(label.split()) <= MAX_LABEL_WORDS and len(rest.split()) >= MIN_STATEMENT_WORDS:
        return True
    return len(text.split()) >= MIN_STATEMENT_WORDS and text.endswith((".", "!", "?"))


def _states(block: Block) -> bool:
    """A Chinese item that ends as a clause does or leads in to the items under it ("…的
    关系："), or marks part of itself as the answer ("一是<u>同等情况同等对待</u>"; after a
    run-in label, "…的根本原因：<u>打开中国市场</u>")."""
    text = block.text.strip()
    if _CLAUSE_END.search(text) or _LEAD_IN.search(text):
        return True
    marked = [span.strip() for span in block.emphasis if span.strip()]
    return any(span in text and len(span) < len(text) for span in marked)


def schedule_item(text: str) -> str:
    """An outline's item as the topic it names: its week's label, its date and its textbook
    section numbers gone; empty for an item of administration ("Midterm Exam", 习题课) or
    a sentence ("Viewing the lecture videos and demonstrations.")."""
    week = WEEK_LABEL.match(text)
    topic = week.group("topic") if week else text
    topic = schedule_text(topic)
    plain = clean_title(topic).strip()
    if not plain or apparatus(plain):
        return ""
    if re.search(r"[\u3400-\u9fff]", plain):
        long = len(re.findall(r"[\u3400-\u9fff]", plain)) > MAX_ITEM_HAN or plain.endswith("。")
    else:
        words = plain.split()
        long = len(words) > MAX_ITEM_WORDS or (len(words) > 4 and plain.endswith("."))
    return "" if long else " ".join(topic.split())
