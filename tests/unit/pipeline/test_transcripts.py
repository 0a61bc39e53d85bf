"""A lecture's transcript, as a course site publishes it: speaker labels opening the
paragraphs ("LECTURER: …", "STUDENT: …") and definitions said as speech."""

from __future__ import annotations

from pathlib import Path

from jobs.pipeline.definitions import find_definitions, spoken_statement
from jobs.pipeline.model import Block
from jobs.pipeline.transcripts import speaker_labels, without_speakers
from tests.unit.pipeline.written import concepts_of

_TALK = """LECTURER: Good morning. Today we look at how water moves through soil, and why
some fields drain in an hour while others stay wet for days.

LECTURER: The first idea is porosity. Porosity is the share of a soil's volume that is
empty space between its grains. Sandy soil has large pores, clay has tiny ones.

STUDENT: Does clay hold more water then?

LECTURER: Often it does, because its pores are so many. But holding is not moving. How
fast water moves is the hydraulic conductivity, and clay has a low hydraulic conductivity.

STUDENT: So a clay field floods more easily?

LECTURER: Exactly. When rain falls faster than the infiltration rate, water runs off the
surface. The infiltration rate of clay is low, so runoff starts sooner.

STUDENT: And sand is the opposite case.

LECTURER: Right. Porosity, hydraulic conductivity and the infiltration rate together tell
you how a field drains.
"""


def test_a_speaker_label_that_opens_many_paragraphs_is_no_concept(tmp_path: Path) -> None:
    concepts = concepts_of(tmp_path, _TALK, "lecture.txt")
    keys = {c.key for c in concepts}
    assert "lecturer" not in keys and "student" not in keys
    assert "porosity" in keys
    # the speech is what a concept's description quotes, without the label
    assert not any((c.description or "").startswith(("LECTURER", "STUDENT")) for c in concepts)


def test_labels_in_capitals_repeated_are_turns_and_a_glossary_entry_is_not() -> None:
    blocks = [
        Block("paragraph", "HOST: Welcome back to the show.", 1),
        Block("paragraph", "GUEST SPEAKER 2: Thanks for having me.", 1),
        Block("paragraph", "HOST: Let us start with tides.", 1),
        Block("paragraph", "GUEST SPEAKER 2: Tides follow the moon.", 1),
        Block("paragraph", "HOST: And the sun?", 1),
        Block("paragraph", "GUEST SPEAKER 2: The sun pulls too, less strongly.", 1),
        Block("paragraph", "NEAP TIDE: the smallest range of the month.", 1),
        Block("paragraph", "Example: a harbour at the quarter moon.", 1),
        Block("paragraph", "Example: a harbour at the full moon.", 1),
        Block("paragraph", "Example: a harbour in a storm.", 1),
    ]
    assert speaker_labels(blocks) == {"HOST", "GUEST SPEAKER 2"}
    texts = [b.text for b in without_speakers(blocks)]
    assert texts[0] == "Welcome back to the show."
    assert texts[1] == "Thanks for having me."
    # once only: a term glossed; in Title Case: an exercise's or a box's label, left as is
    assert texts[6].startswith("NEAP TIDE:") and texts[7].startswith("Example:")


def test_a_bold_speaker_label_loses_its_emphasis_with_it() -> None:
    blocks = [Block("paragraph", f"TUTOR: point {n}.", 1, emphasis=("TUTOR:",)) for n in range(3)]
    assert all(b.emphasis == () and b.text.startswith("point") for b in without_speakers(blocks))


def test_a_definition_said_as_speech_is_read_as_the_statement_it_makes() -> None:
    said = "And a watershed is really just the land that drains to one river, right?"
    assert spoken_statement(said) == "a watershed is the land that drains to one river."
    assert spoken_statement("Well, so an aquifer is basically a layer of wet rock.") == (
        "an aquifer is a layer of wet rock."
    )
    # plain text (a transcript) only: there the tag no longer hides the statement
    found = [d.term for d in find_definitions(said, 0, False, plain=True)]
    assert found == ["watershed"]
    # a real question stays one
    assert not list(find_definitions("Is a watershed a kind of river?", 0, False, plain=True))


def test_a_degree_after_the_copula_is_no_genus() -> None:
    said = "The second map is a little blurry near the coast."
    assert not list(find_definitions(said, 0, False, plain=True))
    assert [d.term for d in find_definitions("A delta is a landform at a river mouth.", 0, False)]


def test_a_speakers_notion_is_no_concept(tmp_path: Path) -> None:
    # a lecturer says "this notion of …" as often as "this idea of …": the word is neither
    text = (
        "So today the notion we start from is a river delta. This notion matters for the "
        "whole course.\n\nA delta is a landform built where a river drops its sediment "
        "into still water. The notion of a delta lobe follows from that notion: a delta lobe "
        "is the part of a delta that one channel builds.\n\nKeep that notion in mind, "
        "because the notion comes back when channels switch and a new delta lobe grows. "
        "Each delta lobe then sinks as its sediment settles, and the notion of sediment "
        "compaction explains why.\n"
    )
    keys = {c.key for c in concepts_of(tmp_path, text, name="lecture.txt")}
    assert "delta lobe" in keys
    assert "notion" not in keys


def test_a_chinese_dialogue_names_its_speakers_by_a_word_for_a_person() -> None:
    # an interview, a class or a talk show written down as turns: "主持人：…", "嘉宾：…"
    turns = [("主持人", "欢迎收听本期节目。"), ("嘉宾", "谢谢邀请。")] * 3
    blocks = [Block("paragraph", f"{who}：{said}", 1, emphasis=(who,)) for who, said in turns]
    # an exercise's parts repeat too, but name no person: they are left for other rules
    blocks += [Block("paragraph", f"解析：第{n}题考查潮汐。", 1) for n in range(3)]
    blocks.append(Block("paragraph", "消费者：购买商品或服务的人。", 1))
    assert speaker_labels(blocks) == {"主持人", "嘉宾"}
    spoken = without_speakers(blocks)
    assert spoken[0].text == "欢迎收听本期节目。" and spoken[0].emphasis == ()
    assert spoken[6].text.startswith("解析：") and spoken[-1].text.startswith("消费者：")


def test_the_speakers_of_a_chinese_interview_are_no_concepts(tmp_path: Path) -> None:
    text = "\n\n".join(
        [
            "# 缓存面试",
            "**考官**：你在项目里用过缓存吗？",
            "**应聘者**：用过，我们把热点数据放进缓存，减少数据库的压力。",
            "**考官**：那缓存穿透是什么？",
            "**应聘者**：缓存穿透是指查询一个一定不存在的数据，请求每次都落到数据库上。",
            "**考官**：缓存雪崩呢？",
            "**应聘者**：缓存雪崩是指大量缓存同时失效，请求一下子全部打到数据库。",
            "**考官**：怎么避免缓存雪崩？",
            "**应聘者**：给过期时间加一个随机值，避免缓存穿透也可以用布隆过滤器。",
            "（考官点点头，考官接着问起了分布式锁。）",
        ]
    )
    keys = {c.key for c in concepts_of(tmp_path, text, "interview.md", "zh-CN")}
    assert "考官" not in keys and "应聘者" not in keys
    assert "缓存穿透" in keys
