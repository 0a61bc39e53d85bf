"""Sentences and prose: the units every extractor works on, bounded in size."""

from __future__ import annotations

import re
from collections.abc import Iterator

import rjieba

MAX_SENTENCE_CHARS = 600
# A title's or a place's abbreviation before a name ends no sentence: "Mount St. Helens",
# "Dr. Smith" (the definition of a lateral blast stopped at "Mount St.")
_NAME_ABBREVIATION = "".join(
    rf"(?<!\b{word}\.)" for word in ("Dr", "Mr", "Ms", "Mrs", "Prof", "St", "Mt", "Ft")
)
# "．" (a full-width full stop, as Chinese maths and science texts write: OI-wiki) ends a
# sentence too, unless it stands between digits (a full-width decimal point, "３．１４"); a
# quote or bracket closing after the full stop stays with its sentence ("… as “thin skin.”"),
# in Chinese too: "…的著作。）在这一方面" (a translation's aside in brackets) began the next
# sentence, and so a definition, with "）"
_SENTENCE_END = re.compile(
    # a quotation's "!" or "?" ends no sentence that goes on in lower case: "If your
    # main.rs is your “Hello, world!” program, …" was cut after "world!”"
    # and an ASCII "!" or "?" ends one only before a space and no lower-case word, the text's
    # end or Chinese: not inside "x != y", "println!", "?q=1" (each cut a sentence in two)
    r"(?<=[。！？；])(?![）)」』”’])\s*|(?<=[!?])(?=\s*$|\s+(?![a-z])|[\u3400-\u9fff])\s*"
    r"|(?<=[。！？][）)」』”’])\s*|(?<=[!?][）)」』”’])(?!\s*[a-z])\s*"
    r"|(?<=[^0-9０-９]．)\s*"
    r"|(?<=．)(?![0-9０-９])\s*|(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))"
    + _NAME_ABBREVIATION
    + r"\s+(?=[A-Z\"“(\[$`\u3400-\u9fff]|\\\[)|(?<=[.!?])(?=[\u3400-\u9fff])|\n{2,}"
    # MathJax's display maths, "… seeds). \[ v_1/v_{1[1]} \] We find …", stands between two
    # sentences: read as one, the next sentence's bold word was defined by the one before
    r"|(?<=\\\])\s+(?=[A-Z])"
    # a citation's number after the full stop, as Wikipedia and saved pages print it: "… a
    # narrative whole.[5] That is, The Great Train Robbery contains …" was one sentence, and
    # the film's title was defined by the sentence before it
    r"|(?:(?<=[.!?\]]\[\d\])|(?<=[.!?\]]\[\d\d\])|(?<=[.!?\]]\[\d\d\d\]))\s+(?=[A-Z\"“(])"
)
_CODE = re.compile(r"`[^`\n]{0,200}`")
# code written without backticks: macros (println!), calls (len()), paths (a::b), snake_case;
# and a web address whole ("https://…/scipy.html" left its scheme, "https", a term), or a mail
# address, also as a syllabus spells it against harvesters ("name [at] rpi [dot] edu": its
# "rpi" and "edu" were terms)
_WEB_ADDRESS = r"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s)\]>，。；、）」]*[^\s)\]>，。；、）」.,;:!?]"
_BARE_CODE = re.compile(
    _WEB_ADDRESS + r"|\b[\w.+-]+(?:@|\s*[\[(]at[\])]\s*)[\w-]+(?:(?:\.|\s*[\[(]dot[\])]\s*)[\w-]+)+"
    r"|\b\w+!(?=\W|$)|\b\w+\(\)|\b\w+(?:::\w+)+|\b[a-z]\w*_\w+\b|\b[\w.-]+/[\w./-]+"
    # a TeX command outside "$…$": plain-text notes write their formulas bare ("Ln
    # \dfrac{z_1}{z_2}", "w=\sqrt[n]{z}"), and "dfrac", "sqrt" were a handout's terms; an
    # environment's name goes with its \begin or \end ("\begin{cases}": "cases" was a
    # term of an exercise sheet whose display maths a page's HTML had broken open)
    r"|\\(?:begin|end)\s*\{[A-Za-z]+\*?\}|\\[A-Za-z]+"
)
# Inline maths is short; a longer stretch between two "$" is maths only when it writes TeX
# commands (derivation notes put a whole identity inline: "由求导公式$\\frac{…}…$可得",
# 400 characters), else two prices' "$" would pair across the prose between them.
_MATH = re.compile(
    r"\$\$[^$]{0,2000}\$\$|\$[^$\n]{1,300}\$|\$(?=[^$\n]{0,2000}\\[A-Za-z]{2})[^$\n]{301,2000}\$"
    # MathJax's own delimiters, as a bookdown, Quarto or Sphinx page serves its maths:
    # "\(\mathbf{N}_0\)", "\[ \lambda = … \]" (read as prose, "mathbf" was a term)
    r"|\\\([^\n]{1,300}?\\\)|\\\[[^$]{1,2000}?\\\]"
)
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# a clause break inside a Chinese line (full-width comma, semicolon, stop): a title names
# its topic in one phrase, a task or a statement runs on in clauses
ZH_CLAUSE_BREAK = re.compile(r"[，；。]")
# a blank a worksheet leaves for the pupil to write in ("______", "＿＿"), no empty brackets
# (a choice's, answered by a letter)
WRITE_IN = re.compile(r"_{3,}|＿{2,}")
PLACEHOLDER = "\u2063"  # invisible separator: breaks terms where code or maths was


# A factorial written in inline maths ("$n!$", "$6! = 1 \\times 2 …$") ends no sentence:
# split there, the rest of the formula lost its opening "$" and "times" became a term.
_FACTORIAL = re.compile(r"(?<=[A-Za-z0-9)}\]])!")
_KEPT_BANG = "\ue000"  # a private-use character holds the factorial's "!" while splitting


def sentences(text: str) -> Iterator[str]:
    """Sentences of a block; pieces longer than MAX_SENTENCE_CHARS are cut (bounded work)."""
    kept = "!" in text and "$" in text
    if kept:
        text = _MATH.sub(lambda found: _FACTORIAL.sub(_KEPT_BANG, found.group(0)), text)
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip()
        if kept:
            piece = piece.replace(_KEPT_BANG, "!")
        while len(piece) > MAX_SENTENCE_CHARS:
            cut = piece.rfind(" ", 0, MAX_SENTENCE_CHARS)
            cut = _outside_math(piece, cut if cut > MAX_SENTENCE_CHARS // 2 else MAX_SENTENCE_CHARS)
            cut = _outside_address(piece, cut)
            yield piece[:cut]
            piece = piece[cut:].strip()
        if piece:
            yield piece


_ADDRESS = re.compile(_WEB_ADDRESS)


def _outside_address(text: str, cut: int) -> int:
    """`cut`, or the edge of the web address it falls in: a visualiser's link of a thousand
    characters (its code in the query) was cut into pieces whose "&cumulative=false&mode=
    display" no longer read as an address, and "cumulative", "false", "mode" and "display"
    were concepts of an algorithms chapter."""
    for match in _ADDRESS.finditer(text, 0, len(text)):
        if match.start() < cut < match.end():
            return match.start() if match.start() > 0 else match.end()
        if match.start() >= cut:
            break
    return cut


def _outside_math(text: str, cut: int) -> int:
    """`cut`, or the edge of the formula it falls in: a cut inside "$$ … $$" leaves one
    "$" on each side, and the pieces then read "\\theta" and "\\nabla" as words."""
    for match in _MATH.finditer(text, 0, min(len(text), cut + 2300)):
        if match.start() < cut < match.end():
            return match.start() if match.start() > 0 else match.end()
        if match.start() >= cut:
            break
    return cut


# A symbol written as maths inside a name: "the $\ell_2$ norm", "$L^2$ space", "$F_1$ score",
# "$k$-means", "$t$-test", "$L_1$范数". A capital (or ℓ) with a one-character index before a
# word, or a letter before a hyphenated word, is spelled as text so the name is one term.
_SYMBOL = re.compile(
    r"\$\s*(\\ell|[A-Za-z])\s*(?:[_^]\s*(?:\{\s*([0-9]|[A-Za-z])\s*\}|([0-9]|[A-Za-z])))?\s*\$"
    r"(?=(-)[A-Za-z]|\s?[A-Za-z\u3400-\u9fff])"
)


# A name written as maths: "$F1$", "$\\text{AUC}$", "$\\mathrm{ROC}$曲线", "$\\text{macro-}F1$",
# "$\\operatorname{softmax}$": a word set upright in maths (two letters or more) or a short
# run of capitals with an optional digit is a word, not a formula ("$\\mathrm{d}x$",
# "$\\mathrm{T}$", "$x_i$" stay maths)
_WORD_MATH = re.compile(
    r"(?<!\$)\$\s*((?:\\(?:text|mathrm|operatorname|textrm)\s*\{\s*[A-Za-z][A-Za-z0-9\-]*\s*\}"
    r"|[A-Za-z0-9\-])+)\s*\$(?!\$)"
)
_UPRIGHT = re.compile(r"\\(?:text|mathrm|operatorname|textrm)\s*\{\s*([A-Za-z0-9\-]*)\s*\}")
_CAPITALS = re.compile(r"[A-Z]{2,4}[0-9]?|[A-Z][0-9]")


def spell_symbols(text: str) -> str:
    """ "the $\\ell_2$ norm" → "the L2 norm", "$\\text{ROC}$曲线" → "ROC曲线", "$F1$" → "F1";
    other maths is left as it is."""
    if "$" not in text:
        return text
    return _WORD_MATH.sub(_spelled_word, _SYMBOL.sub(_spelled, text))


def _spelled_word(match: re.Match[str]) -> str:
    inner = match.group(1)
    upright = _UPRIGHT.findall(inner)
    word = _UPRIGHT.sub(lambda m: m.group(1), inner)
    if any(sum(ch.isalpha() for ch in part) >= 2 for part in upright) or (
        not upright and _CAPITALS.fullmatch(word)
    ):
        return word
    return match.group(0)


def _spelled(match: re.Match[str]) -> str:
    letter = "L" if match.group(1) == "\\ell" else match.group(1)
    index = match.group(2) or match.group(3) or ""
    if match.group(4) or (index and letter.isupper()):
        return letter + index
    return match.group(0)  # "$f$ is convex", "$x_i$ values": variables, not part of a name


def prose(text: str) -> str:
    """Text with inline code and maths replaced by a separator that no term can cross."""
    text = _BARE_CODE.sub(PLACEHOLDER, _MATH.sub(PLACEHOLDER, _CODE.sub(PLACEHOLDER, text)))
    return text.replace("--", "-") if "--" in text else text


def has_han(text: str) -> bool:
    return HAN.search(text) is not None


def letters_only(text: str) -> str:
    """The text's letters and digits, folded: two writings of the same words compare equal
    ("Odd-even (psychological) pricing", "odd-even (Psychological) Pricing")."""
    return "".join(c for c in text.casefold() if c.isalnum())


NAME_DASHES = "-\u2010\u2013"  # hyphen-minus, hyphen, en dash: "Bellman-Ford", "Floyd–Warshall"
# a dash set as punctuation: an em dash, or an en dash with a space on each side ("Kröger–Vink",
# "1990–2000" join words and numbers)
ASIDE_DASH = re.compile(r"—|\s–\s")
# a Greek letter hyphenated to a word opens it as a name's part: "β-blocker", "α-helix",
# "β-reduction" (cut at the letter, "β-normal form" had become "normal form")
GREEK_PREFIX = "(?:[\u0391-\u03a9\u03b1-\u03c9]-)?"
# an ion, an element's symbol and its charge: "K+", "Na+", "Ca2+", "Cl–" (the minus an en
# dash or a minus sign); not "C++", nor a dash joining two words ("A–B")
ION = r"[A-Z][a-z]?[0-9]?[+\u2013\u2212](?![\w+\u2013\u2212])"
# A quantity's symbol typed as plain letters after its Chinese name, its subscript run on
# ("保留时间 tR：", "活化能 Ea：", "波长 λ："), as a PDF, a Word file or typed notes set it:
# one lowercase or Greek letter, alone or with a subscript in capitals or digits ("tR",
# "r21"), or a capital and one lowercase letter ("Ea"); never a lowercase word (code's
# "list", "dict"), one capital ("维生素 C", "方案 A"), a capital and digits ("步骤 S1"), nor
# capitals alone (an abbreviation, a roman numeral: "阶段 II")
QUANTITY_SYMBOL = (
    r"(?:[a-z][A-Z0-9]{0,3}|[\u03b1-\u03c9\u0391-\u03a9][A-Za-z0-9]{0,2}|[A-Z][a-z][0-9]?)"
    r"[′']?(?![A-Za-z0-9])"
)
# Classifiers a count stands before ("n 个结点", "m 条边", "k 组数据"). Not those that also
# open a name after a letter: 类 ("T 类型"), 维 ("n 维向量"), 元 ("n 元组"), 阶 ("n 阶矩阵"),
# 节 ("3 节点"), 张 ("X 张量"), 批, 叉, 门, 点, 道, 对.
ZH_CLASSIFIERS = frozenset("个件条种次位只台棵项组段行列层步轮块颗根份名")
# Classifiers to rjieba that end names after a noun or a verb: 数据集, 训练集, 隐藏层, 卷积层;
# 段 too: rjieba cuts 字段 (a field) into 字 + 段 wherever it stands ("RISC-V 字段" was a
# concept "RISC-V 字"), as it would 数据段 or 线段 were they not in its dictionary
ZH_HEADS = frozenset(["层", "集", "段"])
# nouns of a point of view that 上 after makes an adverb: "逻辑上" (logically), "理论上"
# (in theory), "本质上", "直觉上". rjieba cuts them noun + locality word, and the noun was
# a concept of a chapter that said "逻辑上的矩阵乘法" three times (逻辑, logic); a place
# keeps its 上 apart ("地球上的生物"), and so does a noun that may be one ("细胞表面上")
ZH_VIEWPOINT_NOUNS = frozenset(
    [
        "逻辑",
        "理论",
        "本质",
        "直觉",
        "直观",
        "原则",
        "形式",
        "概念",
        "总体",
        "整体",
        "客观",
        "主观",
        "名义",
        "字面",
        "数值",
        "语法",
        "语义",
    ]
)
_HEADED = frozenset(["n", "vn", "v", "nz", "l", "j", "ng", "b", "an"])
_LATIN_WORD = re.compile(rf"[A-Za-z0-9]+(?:[{NAME_DASHES}][A-Za-z0-9]+)*")


# characters that open a phrase as a preposition or a copula, never a name's first one
# in a word the dictionary lacks
_FUNCTION_CHARACTERS = frozenset("为在是把被将从向对由")


def _glued_function_word(word: str) -> bool:
    """A word of two or three Han characters the dictionary does not hold, opening on a
    preposition or the copula (为模, 在树): rjieba made it up across two words."""
    return (
        2 <= len(word) <= 3
        and word[0] in _FUNCTION_CHARACTERS
        and all(HAN.match(char) for char in word[1:])
        and not rjieba.has_word(word)
    )


_MEASURED = frozenset(["v", "a", "n", "vn", "an"])
# what each lone suffix joins: 度 measures a quality, an act or a thing (相似度, 流行度);
# 论 ("the theory of") names the doctrine of a field or an act (课程论, 教学论); 性 ("of
# the nature of") makes a kind of its noun (权益性, 债务性: rjieba holds the common ones
# whole, 流动性, 结构性, and cuts the rest X + 性, so that 权益性融资 and 债务性融资
# shared the fragment "性融资", a concept of a corporate-finance outline)
_SUFFIXED = {"度": _MEASURED, "论": frozenset(["n", "vn"]), "性": frozenset(["n", "vn"])}
# how rjieba tags each lone suffix: 度 and 论 as bound morphemes, 性 as a noun ("sex")
_SUFFIX_TAGS = {"度": "zg", "论": "zg", "性": "n"}


def _measure_suffix(joined: list[tuple[str, str]], word: str, pos: str) -> bool:
    """度, 论 or 性 that rjieba leaves a lone suffix right after a two-character word
    (相似 + 度, 稀疏 + 度, 课程 + 论, 教学 + 论, 权益 + 性): one noun with it, the measure of
    that quality, the theory of that field, the kind of that noun. After a count 度 is a
    unit ("一度" is one word to rjieba) and so stays out; the words the dictionary holds
    whole (方法论, 进化论, 流动性) never get here."""
    return (
        word in _SUFFIXED
        and pos == _SUFFIX_TAGS[word]
        and bool(joined)
        and len(joined[-1][0]) == 2
        and joined[-1][1] in _SUFFIXED[word]
        and all(HAN.match(char) for char in joined[-1][0])
    )


def regroup_zh(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """rjieba's tags with some of its cuts undone. A dash-joined Latin name is one word:
    it cuts "Floyd–Warshall 算法" at the en dash into names that are no topic alone
    ("Floyd", "Warshall 算法"). The superlative 最 joins the word after it: it reads
    "最短路" (shortest path) as 最 + 短路 ("short circuit") and "单源最短路径" as
    … 最 + 短 + 路径. The negation 不 joins the adjective after it: 不平等. A classifier
    after a count is one again: rjieba reads "第 i 件物品", "m 条边", "有 3 种颜色" as
    … 件物品, 条边, 种颜色 (`_counted`). 层 and 集 after a noun or a verb are the name's
    head, not classifiers: 数据 + 集, 隐藏 + 层, 全 + 连接 + 层 are 数据集, 隐藏层, 全连接层
    (not after a count: "第 2 层"). A transliterated name is one word (`_transliterated`).
    A noun of a point of view and 上 are one adverb (`ZH_VIEWPOINT_NOUNS`: 逻辑上)."""
    joined: list[tuple[str, str]] = []
    for word, pos in _transliterated(tagged):
        if word[:1] in ZH_CLASSIFIERS and (len(word) > 1 or pos != "q") and _counted(joined):
            joined.append((word[0], "q"))
            joined.extend(rjieba.tag(word[1:]) if len(word) > 1 else ())
            continue
        if word in ZH_HEADS and joined and joined[-1][1] in _HEADED and HAN.match(joined[-1][0]):
            joined[-1] = (joined[-1][0] + word, "n")
            continue
        if (
            pos == "eng"
            and len(joined) >= 2
            and len(joined[-1][0]) == 1
            and joined[-1][0] in NAME_DASHES
            and joined[-2][1] == "eng"
        ):
            dash = joined.pop()[0]
            joined[-1] = (joined[-1][0] + dash + word, "eng")
            continue
        if (
            HAN.match(word)
            and len(joined) >= 2
            and len(joined[-1][0]) == 1
            and joined[-1][0] in NAME_DASHES
            and joined[-2][1] == "nr"
            and HAN.match(joined[-2][0][-1])
        ):
            # a person's name, a hyphen, then the rest of a name in Chinese: "牛顿-柯特斯
            # 公式", "高斯-赛德尔迭代" name one thing after two people. rjieba holds such a
            # pair whole until the document's own term ("柯特斯公式", stressed as a label
            # further on) is a word of its own; then it cut at the hyphen, and the name lost
            # its first half to the shorter one
            dash = joined.pop()[0]
            joined[-1] = (joined[-1][0] + dash + word, pos)
            continue
        if joined and joined[-1][0] == "最" and pos in ("a", "n") and HAN.match(word):
            joined[-1] = ("最" + word, pos)
            continue
        if word == "上" and pos == "f" and joined and joined[-1][0] in ZH_VIEWPOINT_NOUNS:
            joined[-1] = (joined[-1][0] + word, "d")  # "逻辑上": an adverb, no noun
            continue
        if word == "如" and joined and joined[-1][0] == "形":
            # "形如 y = ax + b" (of the form): rjieba cuts it 形 (a noun, "shape") + 如, and
            # "形如", "公式形如" were concepts of a time-series chapter
            joined[-1] = ("形如", "v")
            continue
        if _glued_function_word(word):
            # rjieba's guess at an unknown word glued a preposition or the copula to the
            # noun after it: "称 … 为模 m 的" gave 为模, a concept of a number theory text
            joined.append((word[0], "p"))
            joined.extend(rjieba.tag(word[1:]))
            continue
        if _measure_suffix(joined, word, pos):
            # "物品相似度", "流行度": rjieba leaves 度 ("degree of") a lone suffix after the
            # quality it measures, and the phrase broke there, naming 物品相似 (similar items);
            # "经验主义课程论" lost its 论 so, and no school of curriculum theory was named
            joined[-1] = (joined[-1][0] + word, "n")
            continue
        if _accented(word) or (pos == "eng" and joined and _accented(joined[-1][0][-1:])):
            # rjieba cuts a Latin word at a letter with a diacritic: "Schrödinger 方程" was
            # Schr + ö + dinger 方程, "Hückel 规则" H + ü + ckel 规则 (the concepts "dinger
            # 方程" and "ckel 规则"); the letters are one word with the letter
            if joined and joined[-1][1] == "eng" and joined[-1][0][-1:].isalpha():
                joined[-1] = (joined[-1][0] + word, "eng")
            else:
                joined.append((word, "eng"))
            continue
        if joined and joined[-1] == ("不", "d") and pos == "a" and HAN.match(word):
            # "不平等问题" is 不 + 平等 + 问题 to rjieba: the phrase lost its negation and
            # named 平等问题 (the problem of equality); negated, the adjective is a quality
            # the text may name (不平等, inequality)
            joined[-1] = ("不" + word, "an")
            continue
        joined.append((word, pos))
    return joined


def _accented(word: str) -> bool:
    """One Latin letter with a diacritic (é, ö, ü, ç; Latin-1 and Latin Extended-A),
    which rjieba leaves apart from the letters around it."""
    return len(word) == 1 and "\u00c0" <= word <= "\u017f" and word.isalpha()


# Marks that join the parts of a foreign name written in Chinese characters: a dash
# between two people's names (佩龙-弗罗贝尼乌斯定理), an interpunct between a given name and
# a family name (亚当·斯密)
NAME_JOINS = NAME_DASHES + "\u00b7\u2022\u2027\u30fb"
_NAME_TAGS = frozenset(["nr", "nrt", "nrfg", "ns"])


def _transliterated(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """rjieba cuts a transliterated name at its dash or interpunct and guesses at the
    syllables: "佩龙-弗罗贝尼乌斯定理" is 佩龙 + - + 弗罗 + 贝 + 尼乌斯 + 定理, which gave the
    concepts 佩龙, 弗罗 and 尼乌斯定理. Around the mark, the name's pieces (words rjieba
    tags as names, or lone characters) are one name word; one piece at least must be a
    name, so "价格-数量对" and "失业-就业空间" (two common nouns) stay apart."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(tagged):
        word = tagged[i][0]
        if len(word) == 1 and word in NAME_JOINS and out and _name_piece(out[-1]):
            start = len(out)
            while start > 0 and _name_piece(out[start - 1]):
                start -= 1
            end = i + 1
            while end < len(tagged) and _name_piece(tagged[end]):
                end += 1
            pieces = out[start:] + tagged[i + 1 : end]
            if end > i + 1 and any(pos in _NAME_TAGS for _, pos in pieces):
                left = "".join(w for w, _ in out[start:])
                right = "".join(w for w, _ in tagged[i + 1 : end])
                del out[start:]
                out.append((left + word + right, "nr"))
                i = end
                continue
        out.append(tagged[i])
        i += 1
    return out


def _name_piece(tagged: tuple[str, str]) -> bool:
    """A part of a transliterated name: a word tagged as a name, or one character that is
    no function word (贝 in 弗罗 + 贝 + 尼乌斯)."""
    word, pos = tagged
    if not HAN.match(word):
        return False
    return pos in _NAME_TAGS or (len(word) == 1 and pos[:1] in ("n", "z", "g"))


def _counted(joined: list[tuple[str, str]]) -> bool:
    """The last word is a count: digits, one Latin letter (not "if 条件") or a formula
    ("第 $i$ 件物品", where the maths is PLACEHOLDER by now)."""
    for word, _ in reversed(joined):
        if word.isspace() or word == "$":
            continue
        return (
            word == PLACEHOLDER
            or word.isdigit()
            or (len(word) == 1 and word.isascii() and word.isalpha())
        )
    return False


def zh_width(text: str) -> int:
    """A Chinese term's length in characters, a Latin word ("KMP", "Bellman-Ford")
    counting as two: the name of "Bellman-Ford 算法" is as short as 贝尔曼-福特算法's."""
    return len(_LATIN_WORD.sub("xx", text.replace(" ", "")))


def code_spans(text: str) -> list[str]:
    return [m.group(0)[1:-1] for m in _CODE.finditer(text)]


# A numbered listing, figure or table a text points to: "Listing 9-6", "Figure 2.1",
# "示例 13-3", "图 3-1" (a pattern to embed; the caller sets re.I). What the text says of
# it is about that artefact, which no answer holds (`definitions`, `examples`).
NUMBERED_ARTEFACT = (
    r"(?:\b(?:listing|figure|fig\.|table)\s+\d+(?:[-.]\d+)*\b"
    r"|(?:示例|代码清单|清单|图|表)\s*\d+(?:[-.－]\d+)*)"
)


# A code listing's file name set above it: "Filename: src/main.rs", "文件名：src/lib.rs". It
# goes with the listing (`examples`), and its label is no word of the text: "Filename" over
# every listing of a Rust chapter was one of its concepts (`terms`).
FILE_CAPTION = re.compile(r"^(?:file\s*name|file|文件名|文件)\s*[:：]\s*\S+$", re.I)


# a date opening a label's value: a weekday, a month and its day, a day in figures
# ("Tuesday, 10/1 by start of class", "Oct 4", "11/5", "2024-10-01")
_DATE_VALUE = re.compile(
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|satur|sun)(?:day)?\b"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|\d{1,4}[/.-]\d{1,2}\b)",
    re.IGNORECASE,
)


def opens_on_a_date(text: str) -> bool:
    """`text` opens on a date: what a label such as "Due:" or "Date:" is given."""
    return _DATE_VALUE.match(text.lstrip()) is not None
