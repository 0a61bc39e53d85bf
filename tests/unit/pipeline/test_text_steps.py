"""Language, word counts, chunks and safe file names."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from datasources.concept_keys import concept_key
from jobs.pipeline.analyse import analyse_file
from jobs.pipeline.chunking import chunk_blocks, estimate_tokens
from jobs.pipeline.concepts import _COMMON_POSSESSIVE
from jobs.pipeline.definitions import find_definitions
from jobs.pipeline.filenames import safe_filename
from jobs.pipeline.language import detect_language, language_of
from jobs.pipeline.mentions import locate, mention_pattern
from jobs.pipeline.model import Block
from jobs.pipeline.normalise import contained, heading_title
from jobs.pipeline.readers.markdown import parse
from jobs.pipeline.structure import emphasis_name
from jobs.pipeline.terms import collect, shared_head_items
from jobs.pipeline.textutil import sentences, spell_symbols
from jobs.pipeline.words import count_words
from tests.unit.pipeline.samples import EN_CHAPTER, MIXED, ZH_CHAPTER
from tests.unit.pipeline.written import concepts_of


def test_language_of_documents() -> None:
    assert detect_language(parse(EN_CHAPTER)) == "en"
    assert detect_language(parse(ZH_CHAPTER)) == "zh-CN"
    # Chinese prose with English sentences and terms is still a Chinese document
    assert detect_language(parse(MIXED)) == "zh-CN"
    assert detect_language([]) == "en"
    assert language_of("梯度下降") == "zh-CN" and language_of("gradient descent") == "en"


def test_word_counts() -> None:
    assert count_words("A linear equation has two variables.") == 6
    # rjieba: 我们/称/这样/的/阵列/为/矩阵 — seven words, not eleven characters
    assert count_words("我们称这样的阵列为矩阵。") == 7
    assert count_words("所有权（ownership）是 Rust 的规则") == 6  # 所有权 ownership 是 Rust 的 规则
    assert count_words("") == 0


def test_chunks_keep_structure_pages_and_budget() -> None:
    blocks = [
        Block("heading", "Vectors", 1, 1),
        Block("paragraph", "A vector is an ordered list of numbers. " * 20, 1),
        Block("paragraph", "Vectors add component by component. " * 20, 2),
        Block("heading", "Matrices", 2, 2),
        Block("paragraph", "A matrix is a table of numbers. " * 200, 3),
    ]
    chunks = chunk_blocks(blocks, max_tokens=200)
    assert [c.chunk_index for c in chunks] == list(range(len(chunks)))
    assert chunks[0].heading_path == ("Vectors",) and chunks[0].page_number == 1
    assert chunks[1].page_number == 2  # the second paragraph does not fit with the first
    matrix = [c for c in chunks if c.heading_path == ("Vectors", "Matrices")]
    assert len(matrix) > 5 and all(c.page_number == 3 for c in matrix)
    assert all(c.token_count <= 230 for c in chunks)  # estimated count, within ~15 % of the budget


def test_chinese_chunks_end_at_sentence_ends() -> None:
    text = "线性方程组是由几个线性方程组成的整体。" * 100
    chunks = chunk_blocks([Block("paragraph", text, 4)], max_tokens=100)
    assert len(chunks) > 5
    assert all(c.text.endswith("。") for c in chunks[:-1])
    assert all(c.page_number == 4 for c in chunks)


def test_token_estimate() -> None:
    assert estimate_tokens("gradient descent") == 2
    assert estimate_tokens("梯度下降") == 4


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\chapter 1.pdf", "chapter 1.pdf"),
        ("lecture\x00\x1b[31m.docx", "lecture[31m.docx"),
        ("第三章 线性方程.md", "第三章 线性方程.md"),
        ("a<b>:c|d?.txt", "a_b__c_d_.txt"),
        ("...", "document"),
        ("/", "document"),
        ("x" * 300 + ".pdf", "x" * 196 + ".pdf"),
    ],
)
def test_safe_filename(name: str, safe: str) -> None:
    assert safe_filename(name) == safe


def test_concept_keys_identify_across_documents() -> None:
    assert (
        concept_key("Mutable References") == concept_key("mutable reference") == "mutable reference"
    )
    assert concept_key("`Box<T>`") == "box"
    # a markup tag standing alone is the whole name, no type's parameters
    assert concept_key("`<table>`") == "<table>" and concept_key("<h1> ~ <h6>") == "<h1> ~ <h6>"
    assert concept_key("Option <T>") == "option"
    assert concept_key("Systems of Linear Equations") == "system of linear equations"
    # a hyphenated head takes the number of its last part
    assert concept_key("N-grams") == concept_key("n-gram") == "n-gram"
    assert concept_key("trade-offs") == "trade-off" and concept_key("X-rays") == "x-ray"
    assert concept_key("k-means") == "k-means" and concept_key("-s") == "-s"
    assert concept_key("线性 方程组") == "线性方程组"
    assert concept_key("the Heap") == "heap"
    assert contained("reference", "mutable references") and not contained("refer", "reference")
    assert contained("线性方程", "线性方程组") and not contained("线性方程组", "线性方程")
    # one character is a part at a word's edge, never inside a common word of its own
    for whole in ("大顶堆", "堆顶元素", "建堆操作", "堆排序"):
        assert contained("堆", whole), whole
    assert contained("类", "子类") and contained("树", "完全二叉树")
    for part, whole in (("类", "列表类型"), ("类", "数据类型"), ("点", "浮点数"), ("度", "深度"),
                        ("图", "图像处理"), ("表", "表示学习")):  # fmt: skip
        assert not contained(part, whole), whole


def test_a_symbol_inside_a_name_is_spelled_as_text() -> None:
    assert (
        spell_symbols("the $\\ell_2$ norm and the $\\ell_{1}$ norm")
        == "the L2 norm and the L1 norm"
    )
    assert spell_symbols("$L^2$ space, $F_1$ score, $k$-means, a $t$-test") == (
        "L2 space, F1 score, k-means, a t-test"
    )
    assert spell_symbols("向量的$L_1$范数") == "向量的L1范数"
    # variables and formulas stay maths
    for text in ("where $f$ is convex", "the $x_i$ values", "$x_1 + x_2$ sums", "cost $L_2$."):
        assert spell_symbols(text) == text


def test_a_norm_written_in_maths_is_a_concept(tmp_path: Path) -> None:
    text = (
        "# Norms\n\nThe $\\ell_2$ norm measures length. The $\\ell_2$ norm is the square root "
        "of the sum of squares. We compute the $\\ell_2$ norm often; the $\\ell_2$ norm of a "
        "vector is never negative.\n"
    )
    path = tmp_path / "norms.md"
    path.write_text(text, encoding="utf-8")
    assert "l2 norm" in {c.key for c in analyse_file(path).knowledge.concepts}


def test_a_long_sentence_is_never_cut_inside_its_formula(tmp_path: Path) -> None:
    """A paragraph that runs a display formula into its text ("我们得到$$ … $$") is longer
    than a sentence's bound; cut inside the formula, each piece kept one "$" and the
    pieces' LaTeX commands (\\theta, \\nabla, \\left) became terms."""
    formula = (
        "$$ " + " \\\\ ".join(f"\\nabla \\log p_{{\\theta}}(\\tau_{i})" for i in range(30)) + " $$"
    )
    sentence = "对每一条轨迹求梯度" * 20 + formula + "然后把这些梯度加起来就是期望奖励的梯度"
    pieces = list(sentences(sentence))
    assert len(pieces) > 1 and sum(p.count("$$") for p in pieces) == 2
    assert all(p.count("$$") in (0, 2) for p in pieces)  # the formula whole in one piece
    path = tmp_path / "grads.md"
    path.write_text(f"# 策略梯度\n\n{sentence}\n\n{sentence}\n", encoding="utf-8")
    keys = {c.key for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert not keys & {"theta", "nabla", "tau", "log p", "log"}


def test_a_long_web_address_is_never_cut(tmp_path: Path) -> None:
    """A visualiser's link carries its program in the query, a thousand characters with no
    space; cut at the sentence's bound, the pieces after the first no longer read as an
    address and its parameters ("mode", "display") became terms."""
    query = "%20".join(f"step{i}%3D{i}" for i in range(120))
    link = f"https://tutor.example/render.html#code={query}&cumulative=false&mode=display"
    pieces = list(sentences(link))
    assert pieces == [link]
    path = tmp_path / "lists.md"
    path.write_text(f"# 列表\n\n列表是一种数据结构。\n\n{link}\n\n{link}\n", encoding="utf-8")
    keys = {c.key for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert not keys & {"cumulative", "false", "mode", "display"}


def test_a_factorial_in_inline_maths_ends_no_sentence(tmp_path: Path) -> None:
    """ "$n!$ 表示…，即 $4! = 1 \\times 2 \\times 3 \\times 4$．": split at the "!", the rest
    of the formula lost its opening "$" and "times" became a concept of a counting text."""
    text = "$k!$ 表示 $k$ 的阶乘，例如 $4! = 1 \\times 2 \\times 3 \\times 4$．阶乘增长得很快！"
    assert list(sentences(text)) == [
        "$k!$ 表示 $k$ 的阶乘，例如 $4! = 1 \\times 2 \\times 3 \\times 4$．",
        "阶乘增长得很快！",
    ]
    # an exclamation in prose still ends its sentence, beside maths or not
    assert list(sentences("Wow! The value $x$ doubles.")) == ["Wow!", "The value $x$ doubles."]
    path = tmp_path / "计数.md"
    body = "把 $k$ 个球排成一行有 $k!$ 种方法，即 $k! = 1 \\times 2 \\times \\cdots \\times k$．"
    path.write_text(f"# 排列\n\n{body}\n\n## 阶乘\n\n{body}排列与阶乘有关。\n", encoding="utf-8")
    keys = {c.key for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert not keys & {"times", "time", "cdots"}


def test_a_quote_or_bracket_closing_after_the_full_stop_stays_with_its_sentence() -> None:
    """A description ended on "… known as “dry rot." without its closing quote."""
    text = (
        "Wood that decays indoors is known as “dry rot.” Damp timber rots faster. "
        "Fungi feed on it (see the next section.) Spores travel far."
    )
    assert list(sentences(text)) == [
        "Wood that decays indoors is known as “dry rot.”",
        "Damp timber rots faster.",
        "Fungi feed on it (see the next section.)",
        "Spores travel far.",
    ]


def test_an_exclamation_or_question_mark_inside_code_or_a_quotation_ends_no_sentence() -> None:
    """ "x != y", "println!", "?q=1" and "your “Hello, world!” program" were cut in two;
    "!" and "?" still end a sentence before a capital, the text's end or Chinese."""
    text = (
        "Use `x != y` to compare. The macro `println!` prints text. "
        "Open /search?q=1 in a tab. If it is your “Hello, world!” program, run it. "
        "Stop! Is it done? Yes."
    )
    assert list(sentences(text)) == [
        "Use `x != y` to compare.",
        "The macro `println!` prints text.",
        "Open /search?q=1 in a tab.",
        "If it is your “Hello, world!” program, run it.",
        "Stop!",
        "Is it done?",
        "Yes.",
    ]
    assert list(sentences("你好!下一句。“快跑！”然后走了。")) == [
        "你好!",
        "下一句。",
        "“快跑！”",
        "然后走了。",
    ]


def test_a_numbered_bold_line_names_its_topic_without_the_number() -> None:
    assert emphasis_name("1.全期望公式") == "全期望公式"
    assert emphasis_name("2) Ownership") == "Ownership"
    assert emphasis_name("（3）价值迭代") == "价值迭代"
    assert emphasis_name("1.5x speed") == "1.5x speed"  # a number, not a step


def test_a_longer_names_mention_is_none_of_a_character_inside_it() -> None:
    """类 is no part of 列表类型 (`contained`), yet the text "列表类型" mentions 列表类型 and
    not 类: a mention of the longer name never counts for a name inside its text."""
    from dataclasses import dataclass, field

    from jobs.pipeline.mentions import locate

    @dataclass
    class Named:
        key: str
        mentions: list[int] = field(default_factory=list)

    blocks = [
        Block("paragraph", "列表类型可以转换。", 1),
        Block("paragraph", "类是对象的蓝图。", 1),
    ]
    cls, list_type = Named("类"), Named("列表类型")
    locate([cls, list_type], blocks)
    assert cls.mentions == [1] and list_type.mentions == [0]


def test_a_plural_the_lexicon_lacks_has_the_key_of_its_singular() -> None:
    # lemminflect knows neither word; "-es" after a sibilant is the ending, else "-s" is
    assert concept_key("lysosomes") == concept_key("Lysosome") == "lysosome"
    assert concept_key("nucleotides") == "nucleotide" and concept_key("mutexes") == "mutex"
    assert concept_key("structs") == "struct" and concept_key("macOS") == "macos"
    # a learned "-y" noun's plural the lexicon lacks ends in "-ies"; an "-ie" noun keeps it
    assert concept_key("functional dependencies") == concept_key("functional dependency")
    assert concept_key("ontologies") == "ontology"
    assert concept_key("calories") == "calorie"


def test_a_latin_or_greek_plural_has_the_key_of_its_singular() -> None:
    # a psychology chapter writes "nuclei" and "nucleus", "schemata" and "schema"
    assert concept_key("nuclei") == concept_key("nucleus") == "nucleus"
    assert concept_key("event schemata") == "event schema"
    assert concept_key("criteria") == "criterion" and concept_key("vertebrae") == "vertebra"
    assert concept_key("local minima") == concept_key("local minimum")
    # a word whose plural is itself, or whose singular the lexicon is unsure of, stays
    for word in ("data", "media", "bacteria", "agenda", "lambda", "java"):
        assert concept_key(word) == word, word


def test_a_concept_is_found_under_its_latin_or_greek_plural() -> None:
    assert mention_pattern("nucleus").search("the nuclei of two cells")
    assert mention_pattern("event schema").search("Event schemata guide us")
    assert mention_pattern("vertebra").search("the vertebrae")
    assert mention_pattern("formula").search("formulas and formulae")
    # "-ex" nouns plural in "-ices", as "-ix" ones are, or in "-exes"
    assert mention_pattern("vertex").search("Two vertices meet")
    assert mention_pattern("crystal index").search("its crystal indices")
    assert mention_pattern("cortex").search("cortexes")
    # and a block is searched for them: the quick probe of a short key holds no "e"
    found = SimpleNamespace(key="index", mentions=[])
    locate([found], [Block(kind="paragraph", text="Both indices are integers.", page=1)])
    assert found.mentions == [0]
    # English words keep English plurals only
    assert not mention_pattern("function").search("functia")
    assert not mention_pattern("bus").search("a bi plane")


def test_a_possessive_is_found_with_a_typographic_apostrophe() -> None:
    assert concept_key("Kepler’s first law") == "kepler's first law"
    pattern = mention_pattern("kepler's first law")
    assert pattern.search("**Kepler’s first law** states") and pattern.search("Kepler's first law")
    assert mention_pattern("o'neill").search("as O’Neill wrote")


def test_an_accent_does_not_cut_a_word() -> None:
    stats = collect(
        [
            (0, "The Schrödinger equation describes the state. A naïve Bayes classifier counts."),
            (1, "We solve the Schrödinger equation; the naïve Bayes classifier is fast."),
        ]
    )
    assert {"schrödinger equation", "naïve bayes classifier"} <= set(stats)
    assert not {"schr", "dinger equation", "na", "ve bayes classifier"} & set(stats)


def test_a_formulas_letters_are_no_concept(tmp_path: Path) -> None:
    # maths flattened into prose, as a PDF's or a converted chapter's text layer has it
    text = (
        "# Proportions\n\n## The Normal Approximation\n\n"
        "A **population proportion** is tested with a normal test when *np* > 5 and "
        "*nq* > 5. Check *np* and *nq* first. The population proportion is estimated "
        "from the sample; when *np* or *nq* is small, use the binomial distribution. "
        "With *tdf* the t-score, the population proportion has an interval. *tdf* "
        "depends on the sample size; *tdf* grows as it shrinks.\n"
    )
    keys = {c.key for c in concepts_of(tmp_path, text)}
    assert "population proportion" in keys
    assert not {"np", "nq", "tdf"} & keys


def test_kepler_s_laws_in_a_text_set_in_typography(tmp_path: Path) -> None:
    # a physics chapter written with curly apostrophes, as textbooks and word processors
    # set them: before, "Kepler’s first law" was found but never located, so dropped
    text = (
        "# Gravitation\n\n## Kepler’s Laws of Planetary Motion\n\n"
        "**Kepler’s first law** states that every planet moves along an ellipse. "
        "**Kepler’s second law** states that a planet sweeps out equal areas in equal "
        "times. Kepler’s first law and Kepler’s second law follow from Newton’s law of "
        "gravitation. The orbit doesn’t change. It _doesn’t_ matter which planet.\n\n"
        "## Orbits\n\nRust’s standard library is not physics, but Rust’s standard library "
        "and Rust’s standard library appear three times here. Kepler’s first law holds "
        "for every orbit, and Kepler’s second law for every planet.\n"
    )
    concepts = concepts_of(tmp_path, text)
    keys = {c.key for c in concepts}
    assert {"kepler's first law", "kepler's second law"} <= keys
    assert "Kepler’s first law" in {c.title for c in concepts}  # as the text writes it
    assert "doesn't" not in keys and "rust's standard library" not in keys
    # a possessive alone, or a common noun's, is no name; a proper name's opens one
    for title in ("Plato’s", "Goldman's", "person’s genotype", "neuron's outer surface"):
        assert _COMMON_POSSESSIVE.match(title), title
    for title in ("Kepler’s first law", "Broca's area", "Shays' Rebellion"):
        assert not _COMMON_POSSESSIVE.match(title), title


def test_a_latin_phrase_keeps_its_a(tmp_path: Path) -> None:
    # a philosophy chapter: "**A priori knowledge** is knowledge …"; "a" there is no article
    assert concept_key("A priori knowledge") == "a priori knowledge"
    assert concept_key("a posteriori") == "a posteriori"
    assert concept_key("a tree") == "tree"
    # plain text defines it whole ("A priori knowledge is …"), an article still goes
    sentence = "A priori knowledge is knowledge that can be gained using reason alone."
    assert [d.term for d in find_definitions(sentence, 0, False, plain=True)] == [
        "A priori knowledge"
    ]
    sentence = "A stack is a list with one open end."
    assert [d.term for d in find_definitions(sentence, 0, False, plain=True)] == ["stack"]
    text = (
        "# Knowledge\n\n"
        "**A priori knowledge** is knowledge that can be gained using reason alone. "
        "**A posteriori knowledge** is knowledge gained through experience.\n\n"
        "The distinction between a priori knowledge and a posteriori knowledge matters. "
        "Mathematics is a priori knowledge; a posteriori knowledge is empirical.\n"
    )
    titles = {c.title for c in concepts_of(tmp_path, text)}
    assert {"a priori knowledge", "a posteriori knowledge"} <= {t.lower() for t in titles}
    assert not {"priori knowledge", "posteriori knowledge"} & {t.lower() for t in titles}


def test_a_verb_after_its_subject_opens_no_longer_term() -> None:
    # "when we study income": "study" is the verb; "you can push" keeps "push" alone
    text = "When we study income and wealth, you can push commits. We study income again."
    stats = collect([(0, text)], None)
    assert "study income" not in stats and "income" in stats
    assert "push" in stats and "push commit" not in stats
    # after a determiner the same word opens a name: "the merge commit"
    assert "merge commit" in collect([(0, "Git makes the merge commit for you.")], None)


def test_a_bare_verb_before_its_object_is_marked_a_verb_use() -> None:
    # "Plot the values", "you can plot the names", "to plot the cards": each is the verb
    # and its object; "the plot the library offers" (after a determiner) and "after lunch
    # the plot" (after a preposition) are nouns
    text = (
        "Plot the values first. Then you can plot the names. We want to plot the cards. "
        "Pick the plot the library offers. After lunch the plot looked different."
    )
    stats = collect([(0, text)], None)
    assert stats["plot"].clausal == 3 and stats["plot"].count == 5
    assert stats["lunch"].clausal == 0


def test_a_word_used_mostly_as_a_verb_is_no_concept(tmp_path: Path) -> None:
    # a lab handout says "fetch the archive" far more often than it names a fetch; the
    # archive and the checksum it is about stay
    text = (
        "# Preparing the data\n\n"
        "Fetch the archive from the course server. The archive holds a checksum file.\n\n"
        "If the download fails, fetch the archive again and compare the checksum.\n\n"
        "You can fetch the checksum on its own. A checksum guards the archive.\n\n"
        "After each fetch, open the archive and read the checksum. The archive is large.\n"
    )
    keys = {c.key for c in concepts_of(tmp_path, text)}
    assert "fetch" not in keys
    assert {"archive", "checksum"} <= keys


def test_a_name_and_the_verb_of_its_object_are_no_term() -> None:
    # "Rsync copies the files": a name, then a verb's third person before its object
    text = (
        "Rsync copies the files it finds. That is all Rsync copies and compares. "
        "Python lists the modules it loads; Python lists and tuples hold items. "
        "Python lists that grow are slow, and the data structures the program uses vary."
    )
    stats = collect([(0, text)], None)
    assert "rsync copy" not in stats and "rsync" in stats
    assert stats["python list"].count == 2  # "Python lists and tuples", "… lists that grow"
    assert "data structure" in stats  # a common noun's plural before a clause stays


def test_a_noun_and_the_verb_of_its_motion_are_no_term() -> None:
    # "liquid water changes into vapor": a subject and its verb, stopped by "into"
    text = (
        "In summer liquid water changes into vapor. Warm air rises, and liquid water "
        "changes into vapor again. Energy flows through the food web; energy flows "
        "through every level. Collect the matching lines into a vector of matching lines."
    )
    stats = collect([(0, text)], None)
    assert "liquid water" in stats and "liquid water change" not in stats
    assert "energy flow" not in stats
    assert "matching line" in stats  # a plural under its modifier, no verb
    # …and after a conjunction opening a clause: "as price rises, quantity demanded falls"
    stated = collect([(0, "As price rises, demand falls. As price rises, supply grows.")], None)
    assert "price" in stated and "price rise" not in stated
    listed = collect(
        [(0, "It prevents problems such as memory leaks and dangling pointers.")], None
    )
    assert "memory leak" in listed  # "such as" lists names
    # two clauses set apart by a comma coordinate no kinds of their verb
    assert shared_head_items("as price rises, quantity supplied rises") == []


def test_a_generic_word_ends_or_opens_a_compound_beside_a_noun() -> None:
    # "call", "case", "return", "result" are too generic to be terms alone, yet a noun
    # before them ("function call", "base case") or a noun head after them ("return
    # value") makes a name
    text = (
        "Each function call pushes a frame. The base case stops the recursion, and every "
        "test case passes. Check the return value of the system call. The same result "
        "holds in each case, with different results. Python calls it in the worst case "
        "and the univariate case, and functions call helpers."
    )
    stats = collect([(0, text)], None)
    assert {"function call", "base case", "test case", "return value", "system call"} <= set(stats)
    # a determiner or an adjective before the generic word is no modifier, and the generic
    # word is still no term alone
    assert not {"same result", "different result", "result hold", "worst case"} & set(stats)
    assert not {"univariate case", "python call", "functions call"} & set(stats)
    assert not {"case", "call", "result", "return"} & set(stats)


def test_a_code_keyword_before_loop_or_statement_is_part_of_the_name() -> None:
    # "a `for` loop": the keyword is code, and "for" is a stop word in prose
    text = (
        "Write a `for` loop over the rows. Each `if` statement tests one value. "
        "The `return` statement ends it; two `while` loops run. Call `mean` once."
    )
    stats = collect([(0, text)], None)
    assert {"for loop", "if statement", "return statement", "while loop"} <= set(stats)
    assert stats["for loop"].title == "for loop"
    # the keyword is never a term alone, and other code spans still cut terms
    assert not {"for", "if", "return", "while", "mean", "call mean"} & set(stats)
    # plain text lost the backticks: the keyword still opens the name
    plain = collect([(0, "Use a for loop here, and an else clause after the if statements.")])
    assert {"for loop", "else clause", "if statement"} <= set(plain)


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("Using `Box<T>` to Point to Data", "Using Box<T> to Point to Data"),
        ("Matrix--Vector  Products", "Matrix–Vector Products"),
        ("What Is Ownership?", "What Is Ownership?"),
        ("Summary:", "Summary"),
        ("“Quoted heading”", "Quoted heading"),
        ('"class" 语法', '"class" 语法'),  # a quoted word, not a quoted heading
        ("栈(Stack)与堆(Heap)", "栈(Stack)与堆(Heap)"),  # the parenthesis stays
        ("Trait：定义共同行为", "Trait：定义共同行为"),  # full-width punctuation stays
        ("为什么这个模型很重要？", "为什么这个模型很重要？"),
        ("小结：", "小结"),
        # a heading set in capitals, as a title; acronyms stay
        (
            "GIANTS OF WEALTH: CARNEGIE, ROCKEFELLER, AND MORGAN",
            "Giants of Wealth: Carnegie, Rockefeller, and Morgan",
        ),
        ("WORKING-CLASS LIFE", "Working-Class Life"),
        ("THE NATION'S DNA AND THE USA", "The Nation's DNA and the USA"),
        ("A NEW ERA", "A New Era"),
        ("HTTP", "HTTP"),
        ("SOAP", "SOAP"),  # an acronym alone, though it spells a word
        ("DNA Replication in E. coli", "DNA Replication in E. coli"),  # not all capitals
        # where the class reads it in the textbook is no part of the title
        ("Relative Clauses (#2 and #3 on p. 41)", "Relative Clauses"),
        ("Cell Division (pp. 112-115)", "Cell Division"),
        ("Chapter Review (see page 9)", "Chapter Review"),
        ("Momentum (Vector Quantity)", "Momentum (Vector Quantity)"),  # an aside stays
    ],
)
def test_a_heading_as_a_title(heading: str, title: str) -> None:
    assert heading_title(heading) == title


def test_a_long_inline_formula_is_maths_not_words(tmp_path: Path) -> None:
    """Derivation notes write a whole identity inline ("由求导公式$…$可得"), longer than
    300 characters; the "$" then paired with the next formula's and the TeX between was
    read as prose: \\boldsymbol, \\mathrm, \\frac and \\partial became concepts."""
    identity = "=".join(
        f"\\frac{{\\partial\\boldsymbol{{u}}_{i}^{{\\mathrm{{T}}}}\\boldsymbol{{v}}}}"
        f"{{\\partial\\boldsymbol{{v}}}}"
        for i in range(8)
    )
    assert len(identity) > 300
    paragraph = (
        f"由求导公式${identity}$可得下式。其中$\\boldsymbol{{v}}$为列向量，列向量的梯度也是列向量。"
    )
    path = tmp_path / "grads.md"
    path.write_text(f"# 向量求导\n\n{paragraph}\n\n{paragraph}\n", encoding="utf-8")
    keys = {c.key for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert "列向量" in keys
    assert not keys & {"boldsymbol", "mathrm", "frac", "partial"}


def test_a_chinese_heading_the_body_writes_whole_is_one_name(tmp_path: Path) -> None:
    """rjieba cuts names it does not know: "拉格朗日对偶函数" into 拉格朗 + 日 + 对 + 偶函数,
    "类别不平衡问题" into 类别 + 不 + 平衡 + 问题. A heading part of up to ten characters the
    body writes whole is one name, and the pieces are no topics of the heading."""
    text = (
        "# 优化\n\n## 拉格朗日对偶函数\n\n"
        "拉格朗日对偶函数是拉格朗日函数关于原变量的下确界。无论原问题是否为凸问题，"
        "拉格朗日对偶函数总是凹函数。\n\n"
        "## 类别不平衡问题\n\n"
        "当正例远少于反例时，就出现了类别不平衡问题。处理类别不平衡问题常用再缩放。\n"
    )
    path = tmp_path / "dual.md"
    path.write_text(text, encoding="utf-8")
    concepts = {c.key: c for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert {"拉格朗日对偶函数", "类别不平衡问题"} <= set(concepts)
    assert all(
        "heading" not in concepts[k].sources for k in ("拉格朗", "偶函数", "类别") if k in concepts
    )


def test_a_term_of_one_section_that_cites_its_formulas_is_no_worked_example(
    tmp_path: Path,
) -> None:
    """A term only the statistics find, used in one top-level section, in blocks with a
    number of their own, is a worked example's vocabulary ("20 heads of lettuce"). An
    equation's "式(4.6)" or a step's "(2)" is a label, no data: derivation notes cite
    their formulas in every paragraph, and "基尼指数" was dropped as an example's word."""
    text = (
        "# 第4章 决策树\n\n## 4.1 基本流程\n\n决策树按属性递归地划分样本。决策树很直观。\n\n"
        "## 4.2 划分选择\n\n"
        "基尼指数反映了数据集的纯度，定义见式(4.5)。基尼指数越小，纯度越高。\n\n"
        "构造决策树时按以下步骤进行：(1)对每个属性计算基尼指数；(2)选择基尼指数最小的属性。\n\n"
        "由式(4.6)可知，基尼指数与类别的比例有关。\n\n"
        "## 4.3 剪枝处理\n\n剪枝可以降低过拟合的风险。剪枝分为预剪枝和后剪枝。\n"
    )
    path = tmp_path / "tree.md"
    path.write_text(text, encoding="utf-8")
    keys = {c.key for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert "基尼指数" in keys


def test_a_chinese_chapter_number_goes_from_a_heading_however_it_is_spaced() -> None:
    """ "第 2 章 马尔可夫决策过程" kept its number (a course's module was titled so), and
    "第一部分 基础" lost 部 only ("分 基础")."""
    from jobs.pipeline.structure import HEADING_NUMBER

    headings = {
        "第 2 章 马尔可夫决策过程": "马尔可夫决策过程",
        "第2章 马尔可夫决策过程": "马尔可夫决策过程",
        "第一部分 基础": "基础",
        "第3讲 线性回归": "线性回归",
        "第十二课：函数": "函数",
        "第五版说明": "第五版说明",
    }
    assert {h: HEADING_NUMBER.sub("", h) for h in headings} == headings


def test_a_parts_quiz_or_homework_goes_with_its_number_before_the_topic() -> None:
    """A course site titles each unit's quiz "第N单元测验：topic": the quiz word stayed
    before the colon, a concept and the head of a week's title."""
    from jobs.pipeline.structure import HEADING_NUMBER

    assert HEADING_NUMBER.sub("", "第二单元测验：数据的描述统计") == "数据的描述统计"
    assert HEADING_NUMBER.sub("", "第7章作业: 细胞周期") == "细胞周期"
    # the word stays where no topic follows it after a colon
    assert HEADING_NUMBER.sub("", "第三讲 练习与讨论") == "练习与讨论"
    assert HEADING_NUMBER.sub("", "第一章习题") == "习题"


def test_a_section_number_followed_by_a_colon_goes_whole() -> None:
    """An online textbook may title each page "12.3: Name": the colon after the number
    went on into the module's title (": Name")."""
    from jobs.pipeline.structure import HEADING_NUMBER

    headings = {
        "12.3: Tissue Repair": "Tissue Repair",
        "7: Soil Formation": "Soil Formation",
        "3.2. Climate Zones": "Climate Zones",
    }
    assert {h: HEADING_NUMBER.sub("", h) for h in headings} == headings


def test_an_old_books_roman_chapter_number_goes_from_its_heading() -> None:
    """A nineteenth-century book heads a chapter "CHAPTER IV. OF RIVERS": the week took the
    label along ("Chapter IV. of Rivers"). Only capitals count as a numeral, so a word
    after the label that is spelled with those letters keeps its place."""
    from jobs.pipeline.structure import HEADING_NUMBER

    headings = {
        "CHAPTER IV. OF RIVERS": "OF RIVERS",
        "Part XII: Estuaries": "Estuaries",
        "Section II The Delta": "The Delta",
        "Chapter Vivid Colour": "Chapter Vivid Colour",
        "Part Civil Works": "Part Civil Works",
    }
    assert {h: HEADING_NUMBER.sub("", h) for h in headings} == headings


def test_a_unicode_roman_numeral_goes_from_a_heading() -> None:
    """A revision sheet numbers its parts "Ⅰ.", "Ⅱ、" in the Roman numerals Unicode has
    of their own: a course's first week was titled "Ⅰ. …". A numeral naming a type keeps
    its place."""
    from jobs.pipeline.structure import HEADING_NUMBER

    headings = {
        "Ⅲ. 人口与城市": "人口与城市",
        "Ⅳ、农业区位": "农业区位",
        "ⅱ 小结": "小结",
        "Ⅰ型超新星": "Ⅰ型超新星",
    }
    assert {h: HEADING_NUMBER.sub("", h) for h in headings} == headings


def test_a_count_in_a_unit_opening_a_heading_is_no_section_number() -> None:
    """A heading that opens with a quantity ("1 位 ALU": a one-bit ALU) keeps it: read as
    section 1, the slide was titled "位 ALU" and 位 became a concept. A measure word that
    goes on into a word is the section's title after its number."""
    from jobs.pipeline.structure import HEADING_NUMBER

    headings = {
        "1 位 ALU": "1 位 ALU",
        "16位加法器": "16位加法器",
        "8 bit registers": "8 bit registers",
        "3 种 排序": "3 种 排序",
        "2 位置与位移": "位置与位移",
        "4.1 位运算": "位运算",
        "3 Results": "Results",
    }
    assert {h: HEADING_NUMBER.sub("", h) for h in headings} == headings


def test_a_name_written_as_maths_is_spelled_as_text() -> None:
    """ "$\\text{ROC}$曲线", "$F1$", "$\\mathrm{AUC}$": the name vanished into a maths
    placeholder, so ROC曲线 read as 曲线 and AUC was no term."""
    assert spell_symbols("绘制$\\text{ROC}$曲线，计算$\\mathrm{AUC}$与$F1$。") == (
        "绘制ROC曲线，计算AUC与F1。"
    )
    assert spell_symbols("the $\\operatorname{softmax}$ output and the $KL$ divergence") == (
        "the softmax output and the KL divergence"
    )
    assert spell_symbols("$\\text{macro-}F1$是平均值") == "macro-F1是平均值"
    # a differential, a transpose, a variable, a formula stay maths
    for text in ("$\\mathrm{d}x$", "$x^\\mathrm{T}$", "$P$：", "$m \\times \\mathrm{FNR}$"):
        assert spell_symbols(text) == text


def test_an_acronym_beside_han_characters_is_mentioned(tmp_path: Path) -> None:
    """ "此即为AUC。", "AUC则指的是…": a Latin acronym touching Han characters had no
    mention (the word boundary saw 为 and 则 as letters), so AUC, defined there, was dropped."""
    text = (
        "# 评估\n\n## 曲线下面积\n\n对曲线下的面积求和，此即为$\\text{AUC}$。\n\n"
        "根据上式可知，AUC则指的是随机抽取一对正反例时排序正确的概率。\n\n"
        "AUC越大越好，比较两个模型时常看AUC。\n"
    )
    path = tmp_path / "auc.md"
    path.write_text(text, encoding="utf-8")
    concepts = {c.key: c for c in analyse_file(path, language="zh-CN").knowledge.concepts}
    assert "auc" in concepts
    assert (concepts["auc"].description or "").startswith("根据上式可知，AUC则指的是")


def test_a_number_against_capitals_is_a_names_and_a_full_width_point_ends_a_number() -> None:
    """ "3S" (a GIS chapter's heading for RS, GIS and GNSS) lost its 3 and a course module
    was titled "S"; "1．知识目标" kept its full-width point ("．知识目标"). A number glued to
    a word in a PDF's text layer is still the section's."""
    from jobs.pipeline.structure import HEADING_NUMBER

    headings = {
        "3S": "3S",
        "5G 网络的架构": "5G 网络的架构",
        "3D 打印": "3D 打印",
        "1．知识目标": "知识目标",
        "2． 教学重点": "教学重点",
        "1Introduction": "Introduction",
        "2.1 Layers": "Layers",
    }
    assert {h: HEADING_NUMBER.sub("", h).strip() for h in headings} == headings


def test_a_number_led_compound_stays_whole_in_terms() -> None:
    # a threshold written "3-of-5" is one modifier; split at its digit, the sentence named
    # a term that starts "of-5"
    stats = collect([(0, "The vault releases funds only with a 3-of-5 quorum signature.")], None)
    assert "3-of-5 quorum signature" in stats
    assert not any(key.startswith("of-") for key in stats)
    # a measure before a noun is no part of the term, as a bare number is not
    stats = collect([(0, "Each patient wore a 24-hour heart monitor at home.")], None)
    assert "heart monitor" in stats
    assert not any(key.startswith(("24", "hour")) for key in stats)


def test_a_number_before_capitals_is_part_of_the_compound_it_names() -> None:
    # "5-HT" is serotonin's name: the number and its capitals stay in the term
    stats = collect([(0, "Drugs that block the 5-HT receptor reduce nausea.")], None)
    assert "5-ht receptor" in stats
    assert "receptor" in stats  # and the head alone, as for any name


def test_a_name_abbreviation_ends_no_sentence() -> None:
    text = "The trail climbs Mt. Baker past Dr. Lee's hut. Then it falls to Ft. Worth."
    assert list(sentences(text)) == [
        "The trail climbs Mt. Baker past Dr. Lee's hut.",
        "Then it falls to Ft. Worth.",
    ]


def test_the_budgets_length_leaves_out_formulas() -> None:
    from jobs.pipeline.knowledge import prose_words

    # a law's name and its formula: the TeX's control words are no prose to count
    blocks = [
        Block(kind="paragraph", page=1, text="库仑定律：$F = k\\frac{q_1 q_2}{r^2}$，真空中成立。"),
        Block(
            kind="paragraph", page=1, text="位移电流密度：\\(\\vec{J}_d = \\partial_t \\vec{D}\\)"
        ),
        Block(kind="formula", page=1, text="\\nabla \\cdot \\vec{B} = 0"),
        Block(
            kind="paragraph",
            page=1,
            text="环路定理 $$\\oint_c \\vec{H} \\cdot d\\vec{l} = I$$ 成立",
        ),
        Block(kind="code", page=1, text="print(x)"),
    ]
    assert prose_words(blocks) == count_words("库仑定律：，真空中成立。位移电流密度：环路定理成立")
    # dollars of money are prose: "$5 and $3", "$5-$10"
    money = [Block(kind="paragraph", page=1, text="It cost $5 and $3, or $5-$10 a month.")]
    assert prose_words(money) == count_words("It cost $5 and $3, or $5-$10 a month.")
    # the density is counted in the prose: 24 terms marked in 1,000 words of it, 2,320 with
    # the formulas' TeX, is a review sheet's density, a place for each marked term
    from jobs.pipeline.concepts import concept_budget

    assert concept_budget(2320, marked=43, body_marked=24) == 32
    assert concept_budget(2320, marked=43, body_marked=24, prose_words=1000) == 43


def test_a_title_opening_on_a_capitalised_unit_word_keeps_its_section_number_apart() -> None:
    """ "3.2.2 Byte pair encoding": a section's number, then a title whose first word, set
    with a capital, is also a unit's name; read as "2 bytes" the heading kept its number
    and named no topic, and byte pair encoding was no concept. A count in the unit, set
    lower case, is still a quantity ("8 bit registers")."""
    from jobs.pipeline.structure import HEADING_NUMBER

    headings = {
        "3.2.2 Byte pair encoding": "Byte pair encoding",
        "4 Bit manipulation": "Bit manipulation",
        "8 bit registers": "8 bit registers",
        "16 bytes per line": "16 bytes per line",
    }
    assert {h: HEADING_NUMBER.sub("", h).strip() for h in headings} == headings
