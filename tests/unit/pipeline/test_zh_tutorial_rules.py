"""Rules met on Chinese tutorials and maths books (a database course, a maths-for-ML
translation), each on text written for the test: exercise apparatus, "如何…" headings,
a heading's "X的<verb>", glosses that carry their acronym."""

from __future__ import annotations

from pathlib import Path

import pptx
import rjieba

from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.definitions import find_definitions
from jobs.pipeline.structure import (
    acronym_pairs,
    emphasis_terms,
    gloss_terms,
    heading_terms,
    sql_names,
    syntax_placeholders,
    zh_action_object,
)
from jobs.pipeline.terms import collect


def titles_of(tmp_path: Path, name: str, text: str) -> set[str]:
    """The concept titles of `text` saved as `name`."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return {c.title for c in analyse_file(path).knowledge.concepts}


def terms(heading: str, level: int = 2) -> list[str]:
    return [c.term for c in heading_terms(heading, 0, level)]


def test_a_chinese_books_exercise_apparatus_names_nothing() -> None:
    # the kinds of exercise a chapter ends on, and the labels of their answers
    for heading in ("练习题", "填空题", "判断题", "选择题", "简答题", "思考题", "参考答案"):
        assert terms(heading) == [] and terms(heading, 1) == [], heading
        assert emphasis_terms((heading,), 0) == [], heading
    # a heading whose bracket asks for screenshots is still the exercises
    assert terms("练习题（请写出程序并附上运行结果）") == []
    # a topic ending on 题 stays a topic
    assert terms("背包问题") == ["背包问题"]


def test_the_people_who_made_a_book_name_no_topic() -> None:
    """The translator's or the editor's notes at a chapter's end ("译者（某人）笔记") name
    their writer, as the author and the reader name no topic."""
    for heading in ("译者（王五）笔记", "译者笔记", "译者序", "编者按"):
        assert terms(heading) == [], heading
    assert "编者" not in terms("编者的话")


def glossed(text: str) -> list[str]:
    return [c.term for c in gloss_terms(text, 0)]


def test_a_gloss_that_gives_the_english_name_and_its_acronym_glosses_the_term() -> None:
    # a list of kinds, each glossed with its English name and acronym, the comma full-width
    text = "- 分布式文件系统（Distributed File System，DFS）\n- 对象存储（Object Storage，OS）"
    assert glossed(text) == ["分布式文件系统", "对象存储"]
    assert ("分布式文件系统", "DFS") in acronym_pairs(text)
    # an ASCII comma as before, and a plain gloss
    assert glossed("卷积网络（Convolutional Network, CNN）") == ["卷积网络"]
    assert glossed("梯度（gradient）") == ["梯度"]


def test_a_chinese_heading_that_asks_how_or_what_names_its_nouns() -> None:
    # "how to …" asks; the noun it asks about is the topic, not the whole question
    assert terms("如何创建快照") == ["快照"]
    assert terms("怎样计算梯度") == ["梯度"]
    assert terms("进程与线程有什么区别") == ["进程", "线程"]
    assert terms("为什么会存在快照") == ["快照"]
    # a short name with no question word stays whole
    assert terms("自编码器") == ["自编码器"]
    assert terms("计算图") == ["计算图"]


def test_a_verb_after_de_in_a_heading_is_what_is_done_to_the_noun(tmp_path: Path) -> None:
    # "X的创建" (creating X): the body writes "创建X", so the topic is X, not the verb
    text = (
        "# 快照管理\n\n快照记录磁盘在某一时刻的状态。\n\n"
        "## 快照的创建\n\n创建快照时要给出名称。每次创建一个快照，系统都会分配索引节点。\n\n"
        "## 快照的删除和更新\n\n删除快照会释放索引节点。更新快照会改变它的修改时间。\n\n"
        "## 目录的复制\n\n复制是把目录连同其中的文件同步到另一块磁盘的过程。"
        "增量复制只同步改动的文件。\n"
    )
    titles = titles_of(tmp_path, "fs.md", text)
    assert {"快照", "索引节点"} <= titles
    assert not {"创建", "删除", "更新"} & titles
    # 复制 is never written before 目录: a topic of its own (replication), kept
    assert "复制" in titles
    # an operation taught by name, a rare verb, stays a topic though the body writes "遍历树"
    text = "# 树\n\n## 树的遍历\n\n遍历树时每个节点访问一次。遍历有前序和后序两种。\n"
    assert "遍历" in titles_of(tmp_path, "tree.md", text)
    # "复杂一点的查询" describes the queries: no action on a thing, though the body
    # writes "查询复杂一点"
    assert zh_action_object("复杂一点的查询", "查询") == ""
    assert zh_action_object("快照的删除和更新", "更新") == "快照"
    assert zh_action_object("2.1 快照的创建（CREATE SNAPSHOT 语句）", "创建") == "快照"
    # the heading still offers the verb; the body decides
    assert terms("关系数据库的复制") == ["关系数据库", "复制"]


def test_a_measure_word_closing_the_headings_noun_is_part_of_it(tmp_path: Path) -> None:
    # "缓存层的删除": 层 closes the name 缓存层 (rjieba tags it a measure word), and the
    # body deletes 缓存层: the verb is what is done to it, no topic
    text = (
        "# 存储\n\n## 缓存层的删除\n\n缓存层保存热点数据。删除缓存层之前，先停止写入。"
        "缓存层越多，读取越快。\n"
    )
    titles = titles_of(tmp_path, "cache.md", text)
    assert "缓存层" in titles and "删除" not in titles
    assert zh_action_object("缓存层的删除", "删除") == "缓存层"
    # a measure word after a numeral counts: "三层的删除" describes
    assert zh_action_object("三层的删除", "删除") == ""


def test_a_verb_done_to_an_everyday_noun_in_a_heading_is_no_topic(tmp_path: Path) -> None:
    # "问题的提出" (posing the problem) opens many textbook chapters: the body never writes
    # "提出问题", and the problem is no topic either, so nothing is
    text = (
        "# 回归分析\n\n## 问题的提出\n\n"
        "回归分析研究变量之间的关系，最小二乘法由勒让德提出。\n\n"
        "## 最小二乘法\n\n最小二乘法使残差平方和最小。\n"
    )
    titles = titles_of(tmp_path, "reg.md", text)
    assert "最小二乘法" in titles
    assert "提出" not in titles


def test_a_gloss_whose_english_words_are_spaced_with_unicode_spaces_is_a_gloss() -> None:
    # text pasted from a word processor or a web page spaces words with an em space or a
    # no-break space: "块存储（Block\u2003Storage，BS）" is the same gloss
    text = "- 块存储（Block\u2003Storage，BS）\n- 对象存储（Object\u00a0Storage）"
    assert glossed(text) == ["块存储", "对象存储"]
    assert ("块存储", "BS") in acronym_pairs(text)


def test_a_bold_label_with_nothing_after_its_colon_defines_nothing(tmp_path: Path) -> None:
    # "**思考：**" alone in its paragraph leads in to the code or the question after it
    assert not list(find_definitions("思考：", 0, True, ("思考：",)))
    assert not list(find_definitions("Try it:", 0, False, ("Try it:",)))
    # an entry with its definition after the colon still is one
    assert [d.term for d in find_definitions("**栈**：后进先出的表。", 0, True, ("栈",))] == ["栈"]
    text = (
        "# 查询\n\n查询从表中取出数据。\n\n**思考题：**\n\n```sql\nSELECT 1;\n```\n\n"
        "**子查询**：嵌在另一个查询中的查询。子查询先执行。\n"
    )
    titles = titles_of(tmp_path, "q.md", text)
    # an apparatus label, no concept: read as an entry it was defined by "思考题："
    assert "子查询" in titles and "思考题" not in titles


def test_a_chinese_books_exercises_named_in_its_prose_are_no_concept(tmp_path: Path) -> None:
    # the prose refers back to its exercises ("上边的练习题", "参考答案中的写法"), as it
    # says 习题: the book's apparatus, not its subject
    text = (
        "# 排序\n\n排序把元素按大小排列。冒泡排序反复交换相邻元素。\n\n"
        "对于上面的练习题，冒泡排序的参考答案只有几行。练习题的参考答案也用了冒泡排序。\n\n"
        "做完练习题以后，再看参考答案。归并排序把数组分成两半。\n"
    )
    titles = titles_of(tmp_path, "sort.md", text)
    assert "冒泡排序" in titles
    assert not {"练习题", "参考答案"} & titles


def test_a_translators_note_is_no_concept(tmp_path: Path) -> None:
    # a translated textbook marks its additions "（译者注：…）"; an edition's "编者注" too
    text = (
        "# 范数\n\n范数衡量向量的长度（译者注：也叫模长）。欧氏范数是最常见的范数"
        "（译者注：即二范数）。曼哈顿范数对坐标的绝对值求和（译者注：即一范数）。\n\n"
        "编者注：本节的记号沿用原书。\n"
    )
    titles = titles_of(tmp_path, "norm.md", text)
    assert "范数" in titles
    assert not {"译者注", "编者注"} & titles


def test_naming_and_judging_verbs_open_no_name(tmp_path: Path) -> None:
    # "则称矩阵A是可逆的" (then matrix A is called invertible), "判断矩阵是否可逆": the
    # verb that names, the one that judges, and "whether" are a clause's, never a name's
    text = (
        "# 可逆矩阵\n\n若存在矩阵 $B$ 使 $AB=I$，则称矩阵 $A$ 是可逆的，称矩阵 $B$ 为逆矩阵。"
        "判断矩阵是否可逆，可以计算行列式。判断矩阵是否可逆的另一个办法是高斯消元。"
        "称矩阵 $A$ 为奇异矩阵，当且仅当行列式为零。判断矩阵是否奇异也很常见。\n"
    )
    titles = titles_of(tmp_path, "inv.md", text)
    assert "可逆矩阵" in titles
    assert not {"称矩阵", "判断矩阵", "判断矩阵是否", "矩阵是否可逆", "是否可逆"} & titles


def test_a_description_before_de_in_a_heading_names_nothing() -> None:
    # "简单的例子", "复杂一点的查询": an adjective before 的 describes the noun after it
    assert terms("稍复杂一点的排序") == ["排序"]
    assert terms("有趣的性质") == []
    # "X时的Y" (Y when X): the clause of time names nothing
    assert "缓存命中时" not in terms("缓存命中时的延迟")
    assert "延迟" in terms("缓存命中时的延迟")
    # a noun before 的 is a topic still
    assert terms("二叉树的高度") == ["二叉树", "高度"]


def test_an_apparatus_word_its_section_writes_about_is_a_topic(tmp_path: Path) -> None:
    # "索引" over sentences whose subject it is: a database's index, no book's index
    text = (
        "# 第一章 存储\n\n## 1.1 数据页\n\n数据页保存表中的行。数据页可以被缓存。\n\n"
        "## 1.2 索引\n\n索引能够加快查询的速度。没有它，查询只能逐行比较。\n\n"
        "索引记录了每个键所在的数据页，查找时比较的次数很少。\n\n"
        "## 1.3 目录\n\n目录是文件系统中存放文件的容器，目录可以包含别的目录。\n\n"
        "## 1.4 附录\n\n附录给出了一些补充材料，附录不是正文。\n"
    )
    path = tmp_path / "store.md"
    path.write_text(text, encoding="utf-8")
    knowledge = analyse_file(path).knowledge
    titles = {c.title for c in knowledge.concepts}
    assert {"索引", "目录"} <= titles
    # its section keeps its name
    sections = {e.concept_key: e.section for e in knowledge.extractions if e.type == "concept"}
    assert sections["索引"][-1:] == ("索引",)
    # a book's own index and contents, entries under the heading, stay apparatus
    book = (
        "# 线性代数\n\n## 目录\n\n- 第一章 矩阵\n- 第二章 行列式\n\n"
        "## 矩阵\n\n矩阵是数的矩形阵列。矩阵可以相乘。\n\n## 索引\n\n- 矩阵 3\n- 行列式 9\n"
    )
    titles = titles_of(tmp_path, "book.md", book)
    assert "矩阵" in titles
    assert not {"索引", "目录"} & titles
    # plain text reads the section's first line as a heading of its own: still its section
    plain = (
        "第一章 存储\n\n1.1 数据页\n\n数据页保存表中的行。数据页可以被缓存。\n\n"
        "1.2 索引\n\n索引的作用\n\n索引能够加快查询的速度。没有它，查询只能逐行比较。\n\n"
        "索引记录了每个键所在的数据页，查找时比较的次数很少。\n"
    )
    assert "索引" in titles_of(tmp_path, "store.txt", plain)


def test_the_tables_an_examples_sql_creates_or_reads_are_no_concepts(tmp_path: Path) -> None:
    # CREATE TABLE/VIEW names the example's schema, as "fn longest" names the example's code
    assert sql_names("CREATE TABLE goods\n(goods_id CHAR(4) NOT NULL);") == {"goods"}
    assert sql_names("CREATE VIEW goods_sum (kind, cnt) AS SELECT 1;") == {"goods_sum"}
    assert sql_names("SELECT a FROM goods AS g INNER JOIN shop_goods AS s ON g.id = s.id;") == {
        "goods",
        "shop_goods",
    }
    # the language's own names in capitals, and Python's "from … import", are no tables
    assert sql_names("SELECT CURRENT_TIMESTAMP FROM DUAL;") == set()
    assert sql_names("from os import path") == set()
    text = (
        "# 第二章 查询\n\n## 2.1 建表\n\n我们先建一个名为 goods 的表，保存商品的编号和名称：\n\n"
        "```sql\nCREATE TABLE goods\n(goods_id CHAR(4) NOT NULL,\n"
        " PRIMARY KEY (goods_id));\n```\n\n"
        "执行后可以看到新建的表 `goods`。goods 表有两列。\n\n## 2.2 向 goods 表中插入数据\n\n"
        "用 `INSERT` 语句向 goods 表插入数据。goods 表的每一行是一件商品。\n\n"
        "```sql\nINSERT INTO goods VALUES ('0001', 'T恤');\nSELECT goods_id FROM goods;\n```\n\n"
        "## 2.3 视图\n\n视图是一条保存起来的查询。视图本身不保存数据，"
        "goods 表的数据变了，视图也跟着变。\n"
    )
    titles = titles_of(tmp_path, "goods.md", text)
    assert "视图" in titles
    assert not {"goods", "goods 表", "goods表"} & titles


def test_a_keyword_that_is_a_named_thing_defines_the_name() -> None:
    # "`UNIQUE`是唯一约束，…": the keyword in capitals is code; the Chinese name is the term
    def defined(sentence: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, True)]

    assert defined("`UNIQUE`是唯一约束，即该列的值不能重复。") == ["唯一约束"]
    assert defined("`FOREIGN KEY`是外键约束，它指向另一张表的主键。") == ["外键约束"]
    assert defined("DEFAULT 是默认约束。") == ["默认约束"]
    # a judgement about the keyword names nothing, nor does a lower-case variable
    assert defined("`ORDER BY`是很常用的子句。") == []
    assert defined("`DISTINCT`是一种写法。") == []
    assert defined("ABS 是计算绝对值（取正）的函数。") == []
    assert defined("`x`是变量，可以修改。") == []


def test_a_keywords_name_rjieba_cuts_across_is_still_counted(tmp_path: Path) -> None:
    # rjieba reads "是非空约束" as 是非 + 空 + 约束: the name is counted as written
    text = (
        "# 约束\n\n约束限制一列可以保存的值。\n\n"
        "`NOT NULL` 是非空约束，插入一行时必须给出这一列的值。\n\n"
        "`UNIQUE` 是唯一约束，这一列的两行不能相同。\n"
    )
    titles = titles_of(tmp_path, "constraints.md", text)
    assert {"非空约束", "唯一约束"} <= titles


def test_a_means_heading_and_bold_claims_name_no_concept(tmp_path: Path) -> None:
    # "通过X<verb>": the heading names the means, not what is done with it
    assert terms("通过数组快速查找", 4) == ["数组"]
    assert terms("利用队列依次处理", 4) == ["队列"]
    # a rest that holds a noun is read as before
    assert "参数" in terms("通过梯度下降求解参数", 4)
    # a span opening on an indefinite or a demonstrative points at one thing
    for span in ("某一个节点的某一条边", "该方法", "这种结构"):
        assert emphasis_terms((span,), 0, f"看 **{span}** 的例子") == [], span
    # a syntax line's placeholder set in bold where the prose speaks of the argument
    assert syntax_placeholders("语法：`SUBSTR( 源字符串，截取的长度 )`") == {
        "源字符串",
        "截取的长度",
    }
    assert syntax_placeholders("函数f(变量, 参数)") == set()
    text = (
        "# 字符串函数\n\n## 截取\n\n语法：`SUBSTR( 源字符串，截取的长度 )`\n\n"
        "SUBSTR 函数从字符串中截取一段。当 **截取的长度** 超过字符串长度时，返回整个字符串。\n\n"
        "截取常用于字符串处理，截取的结果是新的字符串。\n"
    )
    titles = titles_of(tmp_path, "substr.md", text)
    assert "截取的长度" not in titles


def test_a_keyword_after_a_chinese_name_in_a_heading_is_its_own_name() -> None:
    # "外连结 OUTER JOIN": the keyword in capitals is an apposition, a name of its own, and
    # keeps its function word ("JOIN", "ALL", "BY" are no English stop words here)
    assert terms("外连结 OUTER JOIN", 3) == ["OUTER JOIN", "外连结"]
    assert "GROUP BY" in terms("分组子句 GROUP BY", 3)
    assert "分组子句 GROUP BY" not in terms("分组子句 GROUP BY", 3)
    # a keyword standing alone as a part
    assert "MINUS" in terms("MINUS 与 NOT 谓词", 3)
    # a keyword before its kind stays one name
    assert terms("LIKE谓词", 3) == ["LIKE谓词"]


def test_an_acronym_spelled_out_after_it_names_the_term() -> None:
    # "ABBR（English name，中文名）": the acronym first, then what it stands for, as Chinese
    # tutorials introduce a term; the Chinese name is the term, the acronym its other name
    text = "DDL ：DDL（Data Definition Language，数据定义语言） 用来创建或者删除表等对象。"
    assert glossed(text) == ["数据定义语言"]
    assert acronym_pairs(text) == [("数据定义语言", "DDL")]
    # without a Chinese name, and in English text: the spelled-out name is the term
    text = "Tables are created with DDL (Data Definition Language) statements."
    assert glossed(text) == ["Data Definition Language"]
    assert acronym_pairs(text) == [("Data Definition Language", "DDL")]
    # words the acronym's letters do not abbreviate are no expansion of it
    assert glossed("The API (see the appendix) is stable.") == []
    assert glossed("Run SQL (Structured English Query) daily.") == []


def test_a_plain_text_acronym_entry_is_a_concept(tmp_path: Path) -> None:
    # a bulleted list of acronyms saved as plain text: the markers and the bold are gone
    text = (
        "SQL 语句的种类\n\n"
        "SQL 语句可以分为以下三类。\n\n"
        "DDL ：DDL（Data Definition Language，数据定义语言） 用来创建或者删除表等对象。\n\n"
        "DML ：DML（Data Manipulation Language，数据操纵语言） 用来查询或者变更表中的记录。\n\n"
        "实际使用的 SQL 语句当中大部分属于 DML。\n"
    )
    found = titles_of(tmp_path, "kinds.txt", text)
    assert {"数据定义语言", "数据操纵语言"} <= found


def test_a_name_and_its_acronym_take_one_place_among_the_concepts() -> None:
    # Both are drafts until the acronym joins its name, after the length budget chose
    # what to keep: the pair took two places and pushed out the next term.
    from jobs.pipeline.concepts import concept_budget, find_concepts
    from jobs.pipeline.model import Block

    nouns = ["索引", "视图", "事务", "游标", "触发器", "分区", "快照", "日志", "缓存", "锁",
             "约束", "主键", "外键", "序列", "模式", "角色", "权限", "表空间", "存储过程",
             "查询计划", "连接池", "副本"]  # fmt: skip
    blocks = [Block("heading", "数据库的对象", 1, 1)]
    for rank, noun in enumerate(nouns):
        # earlier nouns are mentioned more, so they rank first
        text = f"{noun}很常用。" * (len(nouns) - rank + 1)
        blocks.append(Block("paragraph", text, 1, 0, (noun,)))
    blocks.insert(1, Block("paragraph", "数据定义语言（Data Definition Language，DDL）用来"
                           "创建对象。" + "DDL 很常用。数据定义语言很常用。" * 30, 1, 0,
                           ("数据定义语言", "DDL")))  # fmt: skip
    words = 0  # the shortest text's budget
    budget = concept_budget(words)
    assert budget < len(nouns) + 1  # the budget cuts, so the pair's places matter
    titles = [d.title for d in find_concepts(blocks, True, words)[0]]
    assert "数据定义语言" in titles and "DDL" not in titles
    assert len(titles) == budget


def test_a_common_verb_before_its_object_in_a_chinese_heading_is_no_topic() -> None:
    # "下载 Python 安装包", "允许多个用户登录": the verb says what is done to the object
    # after it, which is the topic (a Rust book's 获取, 允许, 读取 and 匹配 were concepts)
    assert "下载" not in terms("下载 Python 安装包")
    assert "Python 安装包" in terms("下载 Python 安装包")
    assert "允许" not in terms("允许多个用户登录")
    # a verb with nothing after it is what the heading is about ("X的<verb>", decided
    # by the body: `concepts._actions_on_their_topic`), as is a rare one, an operation
    # taught by name
    assert "卸载" in terms("安装包的下载与卸载")
    assert "遍历" in terms("遍历 Python 列表")
    # where the action goes is no object: "部署到云服务器" is about deploying
    assert "部署" in terms("部署到云服务器")


def test_a_series_name_before_a_spaced_dash_leaves_the_chapters_topic() -> None:
    # notes joined from one repository title each chapter "<series> - <chapter>"
    assert "地震" in terms("地球科学笔记 - 地震", 1)
    assert "板块构造" in terms("地球科学笔记 - 板块构造", 1)
    # a chapter's number before the dash is a number, not a part of the name
    assert terms("第三章 - 火山") == ["火山"] and terms("第3讲 – 岩石循环") == ["岩石循环"]


def test_a_short_chinese_name_after_a_latin_name_is_whole() -> None:
    # rjieba cut it into a verb and a noun and kept neither
    assert "拥塞控制" in terms("UDP 拥塞控制") and "UDP" in terms("UDP 拥塞控制")
    assert "滑动窗口" in terms("QUIC 滑动窗口")
    assert "三次握手" in terms("TCP 的三次握手")


def test_a_chapters_own_topic_outranks_its_sections_topics(tmp_path: Path) -> None:
    # notes of two chapters, each of twelve sections: the budget held the sections'
    # topics (a heading and the term statistics) and left out the first chapter's own,
    # which rjieba tags a verb (a heading alone)
    sections = {
        "侵蚀": "风化作用 物理风化 化学风化 生物风化 冰川作用 河流作用 海浪作用 风力作用 "
        "重力作用 土壤剖面 岩石碎屑 侵蚀基准面",
        "沉积": "沉积岩 碎屑岩 砂岩 页岩 石灰岩 层理构造 交错层理 化石记录 沉积环境 三角洲 "
        "冲积扇 成岩作用",
    }
    text = ""
    for chapter, names in sections.items():
        text += f"# 地质笔记 - {chapter}\n\n{chapter}是地表过程的重要部分。\n\n"
        for name in names.split():
            text += f"## {name}\n\n{name}是地质学的概念。{name}与{chapter}有关。\n\n"
    found = titles_of(tmp_path, "notes.md", text)
    assert {"侵蚀", "沉积"} <= found


def test_a_place_before_de_describes_the_noun_after_it() -> None:
    # "between the plates", "inside the crust": where the noun after 的 is, no name
    assert terms("板块之间的边界") == ["边界"]
    assert terms("地壳之中的裂隙") == ["裂隙"]
    # a name before 的 stays ("缓存的延迟" names 缓存)
    assert "板块" in terms("板块的边界")


def test_an_ordinal_opening_a_name_is_the_names() -> None:
    # 第 and a numeral number a book's parts ("第3章", "第二节"), but open names too
    assert terms("第一定律") == ["第一定律"] and "第二类误差" in terms("第二类误差的来源")
    assert terms("第二次工业革命") == ["第二次工业革命"]
    assert terms("第一宇宙速度") == ["第一宇宙速度"]
    # an ordinal no noun follows is no name
    assert "第三次" not in terms("第三次采样算法")
    assert terms("第二节：岩层") == ["岩层"] and terms("第一步") == []


def test_a_verb_a_suffix_makes_a_kind_opens_the_headings_name() -> None:
    # rjieba tags 离散 a verb: a heading opening on it named "离散" alone, though the
    # suffix 型 makes it the kind in 离散型随机变量; an action opening a heading stays one
    assert terms("3.1 离散型随机变量及其期望") == ["离散型随机变量"]
    assert terms("遍历二叉树") == ["遍历二叉树"]


def test_a_conjunction_inside_a_word_does_not_split_a_heading() -> None:
    # 和 of 求和 is no conjunction: "Einstein 求和约定" gave "Einstein 求" and 约定; a
    # conjunction standing alone still parts the names it joins
    assert terms("1.2 Einstein 求和约定") == ["Einstein", "求和约定"]
    assert terms("进程和线程") == ["进程", "线程"]


def test_a_sentence_pointing_at_an_example_defines_no_kind() -> None:
    """ "上面的代码是合法代码，…" says what the code above is; read as "…的代码是X代码" (a
    description of a kind, then its name) it made 合法代码 a concept and a question."""

    def terms(sentence: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, True, (), True)]

    assert terms("上面的代码是合法代码，它一次声明了两个变量。") == []
    assert terms("下面的程序是完整程序。") == []
    assert terms("这段的写法是常见写法，读起来很清楚。") == []
    # a description of the kind still names it
    kinds = terms("只读一次输入的算法是在线算法，其余的算法是离线算法。")
    assert set(kinds) == {"在线算法", "离线算法"}


def test_a_reason_or_a_condition_clause_defines_nothing() -> None:
    """ "由于0x1234本身是**整数类型**（int），…，所以…" gives the reason for a cast: read as
    "X是**Y**" it defined 整数类型 with that sentence, the answer a course then gave."""

    def terms(sentence: str, *emphasis: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, True, emphasis, False)]

    assert terms("由于0x10本身是整数类型（int），所以需要强制转换。", "整数类型") == []
    assert terms("因为队列是先进先出的结构，所以常用于缓冲。", "队列") == []
    assert terms("虽然散列表是无序的，查找却很快。", "散列表") == []
    # the sentence's own statement still defines, and so does a name given outright
    assert terms("整数类型是表示整数的数据类型。", "整数类型") == ["整数类型"]
    assert terms("如果我们称这种函数为凸函数，那么它的图像向下凸。") == ["凸函数"]


def test_a_markup_tag_titling_a_slide_is_its_own_concept(tmp_path: Path) -> None:
    # a web lesson's deck titles its slides with the tags they teach; a tag alone is no
    # type's parameters (`Box<T>`), and its key once came out empty (the run stopped on it)
    deck = pptx.Presentation()
    slides = (
        ("网页的段落", "网页由标签组成，浏览器按标签渲染内容。"),
        ("<p>", "<p>标签表示一个段落，浏览器在段落前后留出空白。"),
        ("<blockquote>", "<blockquote>标签表示一段引文，浏览器通常缩进显示引文。"),
    )
    for title, line in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text_frame.text = line
    path = tmp_path / "tags.pptx"
    deck.save(str(path))
    titles = {c.title for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert {"<p>", "<blockquote>"} <= titles


def test_an_acronym_spelled_out_after_a_chinese_verb_is_the_name_alone() -> None:
    # the brackets spell out the acronym the run ends on; the verb before it is the
    # sentence's ("通常采用FIFO" was the term)
    assert [c.term for c in gloss_terms("页面置换通常采用FIFO（First In First Out）算法。", 0)] == [
        "FIFO"
    ]
    # a Chinese name glossed in English keeps its Chinese
    assert [c.term for c in gloss_terms("它采用组相联映射（set associative mapping）。", 0)] == [
        "组相联映射"
    ]


def test_a_chinese_texts_english_headings_are_measured_in_words(tmp_path: Path) -> None:
    # the body names each topic in Chinese only; a short English heading is still whole
    text = (
        "# Page Replacement\n\n内存不足时，操作系统需要选出一页换出到磁盘。\n\n"
        "## Optimal Replacement Policy\n\n换出将来最长时间内不会被访问的页，它无法实现。\n\n"
        "## Clock Replacement Policy\n\n用一个指针循环扫描各页，跳过访问位为一的页。\n"
    )
    titles = titles_of(tmp_path, "paging.md", text)
    assert {"Optimal Replacement Policy", "Clock Replacement Policy"} <= titles


def test_a_foreign_persons_name_glossed_in_english_is_no_term() -> None:
    # Chinese sets an interpunct between the parts of a transliterated name
    assert gloss_terms("这门语言由工程师艾伦·图灵（Alan Turing）设计。", 0) == []
    assert gloss_terms("经济学家约翰·梅纳德·凯恩斯（John Maynard Keynes）主张干预。", 0) == []
    assert [c.term for c in gloss_terms("哈希表（hash table）按键查找。", 0)] == ["哈希表"]


def test_an_english_name_with_its_chinese_name_alone_on_a_line_is_a_glossary_entry() -> None:
    # a handout lists the English terms with their Chinese names; the Chinese is the
    # name the text goes on using
    assert [c.term for c in gloss_terms("copy-on-write（写时复制）", 0)] == ["写时复制"]
    assert [c.term for c in gloss_terms("Page Fault（缺页）", 0)] == ["缺页"]
    # a bracket inside a sentence, or one that describes, is no entry
    assert gloss_terms("我们使用Rust（一门系统语言）编写内核。", 0) == []
    assert gloss_terms("Python（蟒蛇）很好", 0) == []


def test_an_emphasised_term_is_not_defined_by_a_frame_or_a_list_it_is_in() -> None:
    """A copula in the sentence's opening frame ("要说明的是，") says nothing of the bold
    term after it, nor does a verb before a list the term is an item of ("即分为…、权重和…");
    a verb after the term, a naming verb before it, or a predicate it closes defines it."""

    def defined(sentence: str, term: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, True, (term,))]

    assert defined("要说明的是，戴维南定理对非线性元件不成立。", "戴维南定理") == []
    assert defined("即分为阈值、权重和偏置三部分。", "权重") == []
    assert defined("戴维南定理是把有源网络化为电压源的方法。", "戴维南定理") == ["戴维南定理"]
    assert defined("若电路中没有电源，则这个电路是一个无源网络。", "无源网络") == ["无源网络"]
    assert defined("我们称这样的端口为二端口网络。", "二端口网络") == ["二端口网络"]
    # 指 inside 指令 ("instruction") or 指针 ("pointer") is no verb of defining
    assert defined("这条指令把任务委派给另一个线程。", "委派") == []
    assert defined("这个指针会转交给调用者。", "转交") == []
    assert defined("委派指把任务交给另一个线程。", "委派") == ["委派"]
    # a clause turning to something else leaves the copula before it to its own statement
    assert defined("细胞膜的结构是稳定的，但细胞可以用胞吞摄入大分子。", "胞吞") == []
    assert defined("电源的电压是恒定的，然而分压电路是由两个电阻串联而成的。", "分压电路") == [
        "分压电路"
    ]


def test_an_acronym_after_a_half_width_comma_in_a_chinese_gloss_is_the_names() -> None:
    """ "中央处理器 (Central Processing Unit, CPU)": typed with ASCII punctuation, the acronym
    after the comma abbreviates the English before it, as after "，"; a comma before words
    the letters do not spell out keeps the gloss whole."""
    assert acronym_pairs("它的核心是中央处理器 (Central Processing Unit, CPU)。") == [
        ("中央处理器", "CPU")
    ]
    assert acronym_pairs("它的核心是中央处理器（Central Processing Unit，CPU）。") == [
        ("中央处理器", "CPU")
    ]
    assert acronym_pairs("数据先写入缓冲区 (buffer, FIFO)。") == []


def test_the_last_item_of_a_listing_is_no_more_defined_than_the_others() -> None:
    """ "…由阈值、权重和**偏置**组成": 和 before the last of three items lists it as 、 lists
    the others (two names after "定义", "定义集合和映射", may still be defined)."""
    defined = [
        d.term for d in find_definitions("即分为阈值、权重和偏置三部分。", 0, True, ("偏置",))
    ]
    assert defined == []


def test_an_acronym_before_a_capitalised_name_it_does_not_abbreviate_stays_apart() -> None:
    # a name in capitals shows the letters it abbreviates as capitals: "Magnetic Resonance
    # Imaging" does for MRI; "PE Tagged" does not for PET (its T only inside "Tagged"), a
    # label of its own that took the acronym's place as a concept
    assert acronym_pairs("MRI（Magnetic Resonance Imaging）是一种成像方式") == [
        ("Magnetic Resonance Imaging", "MRI")
    ]
    assert acronym_pairs("这台设备标为 PET（PE Tagged）") == []
    # a name in small letters takes the letters anywhere in its words
    assert acronym_pairs("DNA（deoxyribonucleic acid）储存遗传信息") == [
        ("deoxyribonucleic acid", "DNA")
    ]


def test_a_one_character_name_said_to_be_a_kind_is_defined() -> None:
    """ "**栈**是一种…": rjieba reads 堆 as a verb ("to pile") and joins 栈 and 图 to the 是
    after them (栈是, 图是); a bold name of one character said to be a kind of something is
    that kind's name all the same."""

    def defined(sentence: str, term: str) -> list[str]:
        return [d.term for d in find_definitions(sentence, 0, True, (term,))]

    assert defined("栈是一种只在一端存取元素的结构。", "栈") == ["栈"]
    assert defined("堆是一种满足特定条件的树。", "堆") == ["堆"]
    # no kind after 是: a statement about the word, as before
    assert defined("堆是空的时候不能弹出。", "堆") == []


def test_a_table_row_set_as_text_gives_its_cells_not_words_across_them() -> None:
    """A table's header row printed as a line of cells ("名称 存储方式 适用场景") and
    repeated on the next page: each cell may be a name, never a run across two cells."""
    row = "名称 存储方式 适用场景 numpy数组格式"
    found = set(collect([(0, row), (1, row)], rjieba.Jieba()))
    assert "存储方式" in found
    cells = row.split()
    assert all(any(k.replace(" ", "") in c for c in cells) for k in found), found
