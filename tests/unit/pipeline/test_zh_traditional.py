"""Traditional Chinese (繁體) documents read with the Chinese rules, which spell their
words in Simplified characters: the text is converted for the rules, and what they find
comes back in the document's own characters."""

from __future__ import annotations

from jobs.pipeline.knowledge import extract_knowledge
from jobs.pipeline.model import Block
from jobs.pipeline.traditional import Restorer, is_traditional, to_simplified


def _blocks(*texts: tuple[str, str]) -> list[Block]:
    return [
        Block(kind, text, 1, level=2 if kind == "heading" else 0)  # type: ignore[arg-type]
        for kind, text in texts
    ]


def test_the_conversion_keeps_every_offset() -> None:
    text = "頭髮與發展，著作與乾燥：統計學的變異數"
    simple = to_simplified(text)
    assert len(simple) == len(text)
    assert simple.startswith("头发与发展")


def test_only_a_traditional_text_is_taken_for_one() -> None:
    assert is_traditional(
        ["電腦網路將資料分成封包，經由路由器轉送到目的地的主機。", "每個封包都帶著來源與目的位址。"]
    )
    assert not is_traditional(
        ["计算机网络把数据分成分组，经由路由器转发到目的主机。", "每个分组都带着源地址和目的地址。"]
    )
    assert not is_traditional(["A packet carries 資料 and an address."])


def test_texts_come_back_as_the_document_writes_them() -> None:
    restorer = Restorer(["經濟發展與頭髮無關。", "發現、發明與發展。"])
    assert restorer.text("头发") == "頭髮"
    assert restorer.text("发展") == "發展"
    # not a span of the document: character by character, as the document mostly writes
    # each (发 is 發 three times, 髮 once)
    assert restorer.text("发展经济") == "發展經濟"
    assert restorer.text("plain ASCII") == "plain ASCII"


def test_a_traditional_handout_is_read_with_the_chinese_rules() -> None:
    blocks = _blocks(
        ("heading", "課後測驗"),
        ("paragraph", "回答下列問題。"),
        ("heading", "變異數"),
        ("paragraph", "變異數被定義為各數值與平均數之差的平方的平均。"),
        ("paragraph", "樣本的變異數越大，資料越分散。"),
        ("heading", "標準差"),
        ("paragraph", "標準差是變異數的平方根，與資料的單位相同。"),
    )
    knowledge = extract_knowledge(blocks, "zh-CN")
    by_title = {c.title: c for c in knowledge.concepts}
    assert "課後測驗" not in by_title  # apparatus, as 课后测验 is
    assert by_title["變異數"].description == "變異數被定義為各數值與平均數之差的平方的平均。"
    assert by_title["標準差"].key == "標準差"
