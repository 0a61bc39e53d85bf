"""One Chinese name written two ways in one document is one concept: its two words in
either order ("文件压缩", "压缩文件"), or a Latin-script name with and without the kind
of thing it names ("Raft 算法", "Raft"); and a name set in bold and glossed in English
is a name, whatever its first word reads as. Text written for the test."""

from __future__ import annotations

from pathlib import Path

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.structure import english_name_pairs

_SWAPPED = """# 存储管理

## 文件压缩

文件压缩（file compression）把数据编码成更短的形式。压缩文件占用的空间更少，
但读取压缩文件之前要先解压。压缩文件的格式很多。常见的压缩文件有两种。
文件压缩分为无损压缩和有损压缩。无损压缩可以完全还原数据。

## 磁盘配额

磁盘配额限制每个用户可用的空间。管理员为每个用户设置磁盘配额。
"""

_KIND = """# 分布式共识

## Raft

Raft 是一种共识算法，它把共识问题分解为领导者选举和日志复制。
Raft 集群中的服务器处于三种状态之一。

### Raft 算法的安全性

Raft 算法保证已提交的日志不会丢失。领导者选举（leader election）在任期开始时进行。
日志复制（log replication）由领导者负责。Raft 算法要求多数派确认。
"""


def _titles(tmp_path: Path, name: str, text: str) -> set[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return {c.title for c in analyse_file(path, language="zh-CN").knowledge.concepts}


def test_a_name_and_its_words_swapped_are_one_concept(tmp_path: Path) -> None:
    titles = _titles(tmp_path, "存储.md", _SWAPPED)
    assert "文件压缩" in titles
    assert "压缩文件" not in titles


def test_a_latin_name_and_the_name_with_its_kind_are_one_concept(tmp_path: Path) -> None:
    titles = _titles(tmp_path, "共识.md", _KIND)
    assert "Raft" in titles
    assert not {"Raft 算法", "Raft算法"} & titles


_BOLD_AND_GLOSSED = """# 查询优化

数据库收到一条查询后，先生成 **执行计划** (execution plan)，再按计划读取数据。
优化器比较几个执行计划的代价，选出代价最小的那个。执行计划写明连接的顺序和用到的索引。
执行计划可以用 EXPLAIN 查看。**系统有缓冲池** (buffer pool)，读过的页留在内存里。

索引加快查找，但会拖慢写入。优化器根据统计信息估计代价。
"""


def test_a_bold_and_glossed_name_opening_on_a_light_verb_is_a_name(tmp_path: Path) -> None:
    """执行 opens "执行排序" (to carry out a sort), a clause; set in bold and glossed in
    English, "执行计划" is the name of a thing. A bold and glossed statement is not."""
    titles = _titles(tmp_path, "查询.md", _BOLD_AND_GLOSSED)
    assert "执行计划" in titles
    # only the light verb is forgiven: a statement set in bold and glossed stays one
    assert "系统有缓冲池" not in titles


_ENGLISH_HEADING = """# 生态学

## 种群

种群是同一地区同种生物的总和。种群数量会随环境变化。

### Communities and ecosystems

*群落（Community）* 指同一地区所有种群的集合。群落中的物种相互作用。
*生态系统（Ecosystem）*：群落与无机环境相互作用形成的整体。生态系统有物质循环。

## 演替

群落会随时间发生演替。生态系统的稳定性与群落结构有关。
"""


def test_an_english_heading_word_a_chinese_name_is_glossed_with_is_one_concept_with_it(
    tmp_path: Path,
) -> None:
    titles = _titles(tmp_path, "生态.md", _ENGLISH_HEADING)
    assert {"群落", "生态系统"} <= titles
    assert not {"Community", "Ecosystem", "Communities", "Ecosystems"} & titles


def test_a_gloss_spelt_as_a_names_own_identifier_is_no_translation() -> None:
    """ "基于物品的协同过滤（ItemCF）": ItemCF is the method's own name, a concept beside
    协同过滤, not its English; "群落（Community）" is a translation."""
    assert english_name_pairs("基于物品的协同过滤（ItemCF）关注物品之间的相似度。") == []
    assert english_name_pairs("群落（Community）指同一地区所有种群的集合。") == [
        ("群落", "Community")
    ]
