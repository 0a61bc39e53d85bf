"""A concept's description: its defining sentence as a reader needs it alone.

`description` opens the sentence at its main clause (`main_clause`: a concessive clause
or a link to the sentence before is not carried) and, where it leads in to what follows
it, finishes it (`completed`): a display formula and the sentence that closes the
definition, the list the sentence introduces, or the paragraph after its colon. A
sentence whose subject is the formula above it ("is called the system gain") opens with
that formula (`with_subject`). The same text answers "What does X mean?" in a course
(each definition extraction carries it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import rjieba

from jobs.pipeline.definitions import OPENING_CLAUSE, ZH_ENUMERATOR, Definition
from jobs.pipeline.lexicon import ALIAS_VERBS
from jobs.pipeline.mentions import mention_pattern
from jobs.pipeline.model import Block
from jobs.pipeline.textutil import has_han, sentences


def description(definition: Definition, key: str, blocks: Sequence[Block], chinese: bool) -> str:
    definition = whole_sentence(definition, blocks)
    opened = replace(definition, sentence=main_clause(definition.sentence, key))
    whole = with_antecedent(completed(opened, blocks, chinese), definition, blocks, chinese)
    text = without_pointer(with_subject(whole, definition, blocks, chinese), chinese)
    text = _CAPTION_LABEL.sub("", _BULLET.sub("", text))
    if chinese:
        text = _ZH_CLAUSE_END.sub("。", _ZH_BOX_LABEL.sub("", _ZH_ENUMERATED.sub("", text)))
        text = _ZH_SPACE_BEFORE_MARK.sub("", text)
    return without_restated_label(text, definition.term)


# Spaces before a full-width mark are layout, not text: a list's bold label padded before
# its colon ("-   **序号**   ：用于…", as a Markdown editor aligns it) gave the answer
# "序号   ：用于…". Chinese sets no space before its own punctuation.
_ZH_SPACE_BEFORE_MARK = re.compile(r"[ \t\u3000]+(?=[：，。；！？、）】」』])")


# a handout's numbered entry keeps its number where the definition was read from it: the
# answer to "什么是变质？" opened on "（一）变质：…", the outline's "（一）" no part of what the
# term means. A number before a decimal point ("1.5倍…") is a quantity, it stays.
_ZH_ENUMERATED = re.compile(rf"^\s*{ZH_ENUMERATOR}(?!\d)\s*")


# A Chinese sentence is read up to its semicolon, each clause its own statement ("…称为齿顶
# 高，ha=ha*m；分度圆与…称为齿根高…"); alone, the clause is the whole answer and ends as one
# (the answer ended on "；", as if cut short)
_ZH_CLAUSE_END = re.compile(r"[；;]\s*$")


# A glossary entry's label before a gloss that names the term again as its subject: a
# 名词解释 sheet's row or card restates its term ("乔木: 乔木是指…", "Erosion: Erosion is
# …"), and every such answer gave the term twice. After a Chinese term, a copula or its
# gloss in brackets; after an English one, no letter: "岩石: 岩石圈是…" and "Rock: Rocky
# shores …" open on a longer name, the label stays.
_ZH_RESTATED = re.compile(r"\s*(?:[是指即为（(，,]|又称|也称|亦称|就是)")


# …or the term as the subject of a verb or an adverb, rjieba's word ending where the term
# ends: "权责发生制: 权责发生制要求凡是当期…" (a 会计学 sheet's row gave the term twice);
# "资产: 资产负债表反映…" opens on a longer name (负债表 a noun), the label stays
_ZH_PREDICATE_TAGS = ("v", "vd", "d", "p", "c")


def _zh_subject_of(term: str, rest: str) -> bool:
    width = 0
    tagged = rjieba.tag(rest[: len(term) + 8])
    for at, (word, _) in enumerate(tagged[:-1]):
        width += len(word)
        if width >= len(term):
            return width == len(term) and tagged[at + 1][1] in _ZH_PREDICATE_TAGS
    return False


_ARTICLE = re.compile(r"(?:(?:an?|the)\s+)?", re.IGNORECASE)
# a clause leading in to a Chinese term before its colon: no sentence's end, no other colon
_ZH_LABEL_LEAD = r"[^。！？；;:：\n]{0,30}?"


def without_restated_label(text: str, term: str) -> str:
    """`text` without its leading "term:" label when the gloss after it restates the term.
    A Chinese label may be a lead-in clause ending on the term: "于是引入了软间隔：软间隔是…"
    brings the term in, then the gloss says what it is; the answer began on the lead-in."""
    lead = _ZH_LABEL_LEAD if term and has_han(term[-1]) else ""
    label = re.match(rf"\s*{lead}{re.escape(term)}\s*[:：]\s*", text, re.IGNORECASE)
    if label is None:
        return text
    rest = text[label.end() :]
    if not has_han(term[-1]) and _names_term_later(rest, term):
        return rest
    # an English gloss may name its term after an article, a definition list's "Likelihood:
    # The likelihood $L$ is …" (pandoc's and Quarto's "Term" over ": The term is …")
    article = "" if has_han(term[-1]) else _ARTICLE.match(rest).group()
    if not rest[len(article) :].casefold().startswith(term.casefold()):
        return text
    after = rest[len(article) + len(term) :]
    if has_han(term[-1]):
        return rest if _ZH_RESTATED.match(after) or _zh_subject_of(term, rest) else text
    return text if after[:1].isalnum() or after[:1] in "-_'’" else rest


def _names_term_later(gloss: str, term: str) -> bool:
    """An English gloss that opens on a clause of its own, after a conjunction or a
    preposition ("If the two forces stretch it, we say it is in tension", "In this section
    we analyse …, called a simple truss"), and names the term in it is a whole sentence:
    a handout's "tension: If …" answer gave the term twice. A gloss opening on a noun
    phrase ("The top node; every tree has one root node") needs its label to say what it
    glosses, and keeps it."""
    words = gloss.split(maxsplit=1)
    return (
        bool(words)
        and words[0].strip(",").casefold() in OPENING_CLAUSE
        and mention_pattern(term.casefold()).search(gloss) is not None
    )


# A slide shows the first words of a sentence and its speaker notes say it whole (a deck's
# notes pages, a handout of slides and notes): a bullet stopping on "… a political actor
# in terms" was game theory's answer while the notes below it finished the sentence. A
# bullet of some words that ends on no closing mark, whose words open a longer sentence of
# a paragraph, takes that sentence.
MIN_CUT_BULLET_WORDS = 5


def whole_sentence(definition: Definition, blocks: Sequence[Block]) -> Definition:
    """The definition, its sentence the whole one a paragraph gives where it was read from
    a list item cut short (no closing mark) that only opens that sentence."""
    if not 0 <= definition.block < len(blocks) or blocks[definition.block].kind != "list_item":
        return definition
    cut = " ".join(_BULLET.sub("", definition.sentence).split())
    if len(cut.split()) < MIN_CUT_BULLET_WORDS or _CLOSED.search(cut):
        return definition
    first = cut.split()[0]
    for block in blocks:
        # (the first word looked up first: a deck of thousands of blocks is searched for
        # each such definition)
        if block.kind != "paragraph" or first not in block.text:
            continue
        if cut not in " ".join(block.text.split()):
            continue
        for sentence in sentences(block.text):
            whole = " ".join(sentence.split())
            if whole.startswith(cut) and len(whole) > len(cut):
                return replace(definition, sentence=sentence)
    return definition


_CLOSED = re.compile(r"[.!?:;。！？：；…][\"'”’)）*_]*$")


# a list item's glyph and a figure's caption label, kept where a sentence was read from a
# slide's bullet or a caption: the answer to "What does “thymocytes” mean?" opened on
# "Figure: Immature T-cells, called thymocytes, …", "什么是自由选择衡量法？" on "• 自由…"
_BULLET = re.compile(r"^\s*(?:[•◦▪▫‣●○■□◆◇►▶➢➤✓✔·]\s*)+")
_CAPTION_LABEL = re.compile(
    r"^\s*(?:(?:Figure|Fig\.|Table|Listing)\s*(?:\d+(?:[.\-–]\d+)*)?\s*[:.]\s+"
    r"|[图表]\s*(?:\d+(?:[.\-–]\d+)*)?\s*[:：]\s*)",
    re.I,
)


# the label a slide or a handout sets before its worked example or its note ("例：假设变量 h
# 存放在…", "例 2：", "注：…"): the box's, no part of what the term means (a 课件's 基址 was
# described as "例：假设变量…")
# …and so is an exam's or a question bank's label for the worked answer set before its
# explanation ("答案解析: 逆温是指…", "解析：…", "参考答案："): a quiz exported from a
# learning platform gave every answer it explained as "答案解析: …"
_ZH_BOX_LABEL = re.compile(
    r"^\s*(?:(?:例|注)\s*[\d一二三四五六七八九十]{0,2}"
    r"|(?:答案|试题|参考答案与?)?解析|参考答案|答案|详解)\s*[：:]\s*"
)


# a closing clause that only points at what follows the sentence (code, a figure): "…, and
# it looks like this:", "; it looks like this:", "…，它看起来像这样：", "…，代码如下："
_EN_POINTER = re.compile(
    r"\s*[,;]\s*(?:and\s+)?(?:(?:it|they|this|these)\s+looks?\s+like\s+(?:this|so)"
    r"|(?:it|they|this)\s+(?:is|are)\s+(?:written|used)\s+(?:like\s+this|as\s+follows)"
    r"|as\s+follows|like\s+(?:this|so))\s*:\s*$",
    re.I,
)
_ZH_POINTER = re.compile(
    r"\s*[，,；;]\s*(?:它们?|其|这)?(?:的(?:写法|形式|代码))?(?:看起来|写起来|用起来)?"
    r"(?:像这样|如下(?:所示)?)\s*[：:]\s*$"
)


def without_pointer(text: str, chinese: bool) -> str:
    """A definition still ending on a clause that points at what follows it, which it does
    not carry (a listing: "A string slice is a reference to …, and it looks like this:"),
    ends before that clause: an answer alone has nothing below it to look at."""
    pointer = (_ZH_POINTER if chinese else _EN_POINTER).search(text)
    if pointer is None or pointer.start() == 0:
        return text
    return text[: pointer.start()] + ("。" if chinese else ".")


# a sentence that only names what the sentence before it described: its subject is a
# demonstrative or a pronoun standing for that ("This is called a graded potential.", "This
# quantity is referred to as stroke volume.", "That effect is known as …", "One example of
# this is called a bedsore.", "这称为…")
_EN_ANAPHORIC_NAMING = re.compile(
    rf"^\s*(?:(?:one|an)\s+example\s+of\s+)?(?:this|that|these|those|it|they|such\s+an?)"
    rf"(?:\s+[a-z-]+){{0,3}}?"
    # "It's called “arrow functions”": the copula written into the pronoun
    rf"(?:\s+(?:is|are|was|were)|['’](?:s|re))\s+(?:(?:then|now|also|often|sometimes|commonly|generally|"
    rf"usually|simply|typically)\s+)?{ALIAS_VERBS}\b"
    # …or points back otherwise: "In psychology we call these traits latent traits.",
    # "This second question is what we call a reverse-scored item.", "Values measured in
    # such a way are called readings." (each the whole definition a student read)
    rf"|^\s*(?:in\s+[a-z-]+(?:\s+[a-z-]+)?,?\s+)?(?:we|you)\s+(?:often\s+|usually\s+)?"
    rf"(?:call|term|name)\s+(?:these|this|those|such)\b"
    rf"|^\s*(?:this|that|these|those|it|they)(?:\s+[a-z-]+){{0,3}}?\s+(?:is|are|was|were)\s+"
    rf"what\s+(?:we|you|they)\s+(?:call|term|name)\b"
    rf"|^\s*[a-z-]+(?:\s+[a-z-]+){{0,3}}?\s+(?:in\s+(?:such\s+a|this|that)\s+way|like\s+(?:this|these|that))"
    rf"\s+(?:is|are)\s+(?:(?:often|usually|commonly|generally|typically)\s+)?{ALIAS_VERBS}\b",
    re.I,
)
_ZH_ANAPHORIC_NAMING = re.compile(
    r"^\s*(?:这|此|该)(?:种|个|些|类|一)?[^，,。；]{0,6}?(?:就|便|也)?(?:被)?"
    r"(?:称为|称作|叫做|叫作|称之为)"
)
MAX_ANTECEDENT_CHARS = 400


def with_antecedent(
    text: str, definition: Definition, blocks: Sequence[Block], chinese: bool
) -> str:
    """A description that only names what the sentence before it described ("This is called
    a graded potential.") says nothing alone: it opens with that sentence, from the same
    paragraph (bounded); one opening its paragraph, with the code or formula above it
    (`_display_before`: "This is called a refspec." under the `git push` it names).
    Without one the sentence stays as it is."""
    if not (_ZH_ANAPHORIC_NAMING if chinese else _EN_ANAPHORIC_NAMING).match(text):
        return text
    block = blocks[definition.block].text
    at = block.find(definition.sentence.strip()[:40])
    if at == 0:
        shown = _display_before(blocks, definition.block)
        return f"{shown}\n{text}" if shown else text
    if at < 0:
        return text
    before = list(sentences(block[:at]))
    antecedent = before[-1].strip() if before else ""
    if not antecedent or len(antecedent) > MAX_ANTECEDENT_CHARS or antecedent.endswith(("?", "？")):
        return text
    return f"{antecedent}{'' if chinese else ' '}{text}"


def _display_before(blocks: Sequence[Block], index: int) -> str | None:
    """What a paragraph opening on "This is called a refspec." / "这也称为边际化。" names:
    the code or display formula right above it, with the sentence leading in to it
    ("…, which she does with:", "…聚合在一起："), bounded; or the last sentence of the
    paragraph right above it ("There's another very simple and concise syntax for
    creating functions …" over "It's called “arrow functions”, …"); None without one."""
    if index > 0 and blocks[index - 1].kind == "paragraph":
        said = list(sentences(blocks[index - 1].text))
        last = said[-1].strip() if said else ""
        ends = ("?", "？", ":", "：")
        return last if 0 < len(last) <= MAX_ANTECEDENT_CHARS and not last.endswith(ends) else None
    if index == 0 or blocks[index - 1].kind not in ("code", "formula"):
        return None
    shown = blocks[index - 1].text.strip()
    if not shown or len(shown) > MAX_ANTECEDENT_CHARS:
        return None
    lead = blocks[index - 2] if index >= 2 else None
    if lead is None or lead.kind != "paragraph" or not lead.text.rstrip().endswith((":", "：")):
        return shown
    said = list(sentences(lead.text))
    last = said[-1].strip() if said else ""
    return f"{last}\n{shown}" if 0 < len(last) <= MAX_ANTECEDENT_CHARS else shown


# a concessive or contrasting clause opening a sentence, up to its comma: "Although …,",
# "Despite …,", "While …,"; and a short connective after it ("on the whole,")
_CONCESSIVE = re.compile(
    r"^\s*(?:although|though|even though|despite|in spite of|while|whereas)\s[^,;:]{8,}?,\s+",
    re.IGNORECASE,
)
# a connective that links the sentence to the one before it, which the description
# does not carry: "In contrast, substantive representation is …"
_LINKING = re.compile(
    r"^\s*(?:in\s+contrast|by\s+contrast|however|as\s+a\s+result|moreover|furthermore"
    r"|further|in\s+addition|therefore|thus|hence|similarly|likewise|instead),\s+",
    re.IGNORECASE,
)
_CONNECTIVE = re.compile(r"^(?:[A-Za-z]+\s+){0,2}[A-Za-z]+,\s+")
# the rest would not stand alone: the comma was the clause's own ("…, and …"), or the main
# clause's subject stands for the clause's ("While republicanism offered …, it was also …")
_DEPENDENT = re.compile(
    r"^(?:and|or|but|nor|so|yet|it|its|they|their|he|his|she|her|this|these|that|those)\b",
    re.IGNORECASE,
)


def main_clause(sentence: str, key: str) -> str:
    """A description opens at the sentence's main clause when a concessive clause before it
    does not name the term: "Although the mayor was one of many speakers, the crowd called
    it the Elm Street Rally." → "The crowd called it the Elm Street Rally."; so does a
    connective to the sentence before ("In contrast, a ward is …" → "A ward is …"). The
    sentence stays whole when the clause names the term, when the rest does not, or when the rest
    leans on the clause (it opens with "and" or a pronoun)."""
    concessive = _CONCESSIVE.match(sentence)
    found = concessive or _LINKING.match(sentence)
    if found is None or mention_pattern(key).search(found.group(0)):
        return sentence
    rest = sentence[found.end() :]
    connective = _CONNECTIVE.match(rest) if concessive else None
    if connective and not mention_pattern(key).search(connective.group(0)):
        rest = rest[connective.end() :]
    if _DEPENDENT.match(rest) or len(rest.split()) < 6 or not mention_pattern(key).search(rest):
        return sentence
    return rest[:1].upper() + rest[1:]


# A defining sentence that leads in to a display formula ("…，均有", "…并称以下矩阵", "…定义为",
# "…, we have:", "… such that"): the formula and the sentence after it ("则称f为D上的凸函数",
# "is called the gradient") finish the definition.
_ZH_LEAD_IN = re.compile(
    r"(?:[:：]|(?:均|都|恒|总|必|则|就|即)?(?:有|可得|得到|满足|成立)|(?:定义|记|写|表示)为"
    r"|(?:以下|如下|下列|下面|下式)[^，,。；]{0,6})\s*$"
)
_EN_LEAD_IN = re.compile(
    r"(?:[:：]|\b(?:we\s+have|(?:such|so)\s+that|holds|satisfies|satisfying|as\s+follows"
    r"|the\s+following(?:\s+[a-z]+){0,2}|given\s+by|(?:written|expressed|computed|calculated)\s+as"
    r"|defined\s+by"
    # "Thus we define the standard deviation to be", "The chain rule states that", "The
    # partial derivative of y with respect to x_i is", "… is defined as": the formula
    # displayed next is what it says (the answer ended on "to be")
    r"|to\s+be|(?:states|says|shows|asserts|tells\s+us)\s+that|defined\s+as|(?:is|are|equals)"
    # "The four **Bell states** are maximally entangled states, for example" over the
    # formula of one: the sentence's example is what it displays next (the answer stopped
    # on "for example")
    r"|for\s+(?:example|instance)|e\.\s?g\.|such\s+as"
    # "A parse tree for a grammar G is a tree where" over the list of what holds of it: a
    # relative word with nothing after it leads in to what follows
    r"|where|in\s+which))\s*$",
    re.I,
)
# what closes a definition after its formula: "则称…", "为函数…的梯度", "then f is called …"
_ZH_CLOSING = re.compile(r"^(?:则|那么|此时|就|便)?(?:称|为|叫)|^则")
_EN_CLOSING = re.compile(
    r"^(?:then\b|we\s+(?:say|call)\b|(?:is|are)\s+(?:called|said|known|termed)\b|is\s+the\b"
    r"|for\s+(?:all|every|any)\b|where\b)",
    re.I,
)
MAX_FORMULA_CHARS = 600  # a display formula longer than this is not quoted in a description
MAX_CLOSING_CHARS = 200
# a list or paragraph after the lead-in longer than this is a passage, not the rest of one
# definition: the sentence then stays as it is (half a list of "three properties" misleads)
MAX_CONTINUATION_CHARS = 500
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)）*_]*$")
MAX_LIST_ITEMS = 8


def _opens_on_a_label(block: Block) -> bool:
    """The paragraph opens on an emphasised run-in label and its colon ("**Position:** A
    position is …", "**心理授权**：…")."""
    text = block.text.lstrip()
    for span in block.emphasis:
        label = span.strip()
        rest = text[len(label) :].lstrip(" *_")
        if label and text.startswith(label) and (label[-1] in ":：" or rest[:1] in (":", "：")):
            return True
    return False


def completed(definition: Definition, blocks: Sequence[Block], chinese: bool) -> str:
    """The definition's sentence, and where it ends its paragraph on a lead-in to what
    follows, what finishes it (each bounded): a display formula and the sentence that closes
    the definition after it ("凸函数：…，均有 $$f(…)\\leqslant…$$ 则称f为D上的凸函数。"); the
    list it introduces ("A department is: an array of people; an object of departments.");
    after a colon, the paragraph it introduces ("We define the equilibrium climate
    sensitivity: the warming that …")."""
    sentence = definition.sentence.rstrip()
    index = definition.block
    if chinese and _ZH_OTHER_NAME_ONLY.search(sentence):
        return _with_gloss_after(sentence, blocks[index].text) or definition.sentence
    if (
        index + 1 >= len(blocks)
        or not blocks[index].text.rstrip().endswith(sentence[-12:])
        or not (_ZH_LEAD_IN if chinese else _EN_LEAD_IN).search(sentence)
    ):
        return definition.sentence
    after_kind = blocks[index + 1].kind
    if after_kind == "list_item":
        return _with_list(sentence, blocks, index + 1, chinese) or definition.sentence
    if after_kind in ("paragraph", "quote") and sentence.endswith((":", "：")):
        follows = blocks[index + 1].text.strip()
        if len(follows) > MAX_CONTINUATION_CHARS:
            follows = next(sentences(follows), "")
        # a paragraph that leads in to something of its own is the first of several
        # ("three properties:" then "Given any vector, … scales accordingly:" and a formula);
        # one that ends on no full stop is a label or a caption ("文件名：src/main.rs")
        # one opening on a stressed label and its colon is an entry of its own: "… a set
        # of claims we will call rationalism:" then "**Materials rationalism:** …" (the
        # next term's entry was rationalism's description)
        if (
            not follows
            or len(follows) > MAX_CONTINUATION_CHARS
            or (_ZH_LEAD_IN if chinese else _EN_LEAD_IN).search(follows)
            or not _SENTENCE_END.search(follows)
            or _opens_on_a_label(blocks[index + 1])
        ):
            return definition.sentence
        return f"{sentence}{'' if chinese else ' '}{follows}"
    if after_kind != "formula":
        return definition.sentence
    formula = blocks[index + 1].text.strip()
    after = blocks[index + 2] if index + 2 < len(blocks) else None
    closing = next(sentences(after.text), "") if after and after.kind == "paragraph" else ""
    if len(closing) > MAX_CLOSING_CHARS or not (_ZH_CLOSING if chinese else _EN_CLOSING).match(
        closing
    ):
        closing = ""
    if len(formula) > MAX_FORMULA_CHARS:
        if not closing:
            return definition.sentence
        formula = "$$\\cdots$$"  # a whole matrix written out: the closing sentence names it
    return " ".join(part for part in (sentence, formula, closing) if part)


# A sentence that gives the term only another name ("虚拟现实：又称虚拟环境。", "X，也叫Y。")
# while the next, with no subject of its own, says what it is ("就是借助计算机…的一种技
# 术。"): the answer to "什么是虚拟现实？" was the other name alone. The two are one
# definition; a next sentence with a subject of its own is about something else.
_ZH_OTHER_NAME_ONLY = re.compile(
    r"^[^。！？，,]{1,30}?[:：，,]\s*(?:又|也|亦|俗|或)(?:称|叫|名)(?:为|做|作)?[^。！？，,；;：:]{1,20}[。.]?$"
)
_ZH_SUBJECTLESS_GLOSS = re.compile(r"^(?:就是|即是|是指|指的是|是|指|即)")


def _with_gloss_after(sentence: str, text: str) -> str:
    """The other-name sentence and the subjectless sentence after it in its block
    (`_ZH_OTHER_NAME_ONLY`), bounded; "" when there is none."""
    at = text.find(sentence)
    if at < 0:
        return ""
    follows = next(sentences(text[at + len(sentence) :]), "")
    if not _ZH_SUBJECTLESS_GLOSS.match(follows) or len(follows) > MAX_CONTINUATION_CHARS:
        return ""
    return sentence + follows


def _with_list(sentence: str, blocks: Sequence[Block], start: int, chinese: bool) -> str:
    """The sentence and the whole list after it, its items joined by semicolons; "" when
    the list is longer than a definition's answer can carry."""
    items: list[str] = []
    for block in blocks[start : start + MAX_LIST_ITEMS + 1]:
        if block.kind != "list_item":
            break
        items.append(block.text.strip())
    if len(items) > MAX_LIST_ITEMS or sum(len(i) for i in items) > MAX_CONTINUATION_CHARS:
        return ""
    lead_in = _ZH_LEAD_IN if chinese else _EN_LEAD_IN
    if any(lead_in.search(item) for item in items):
        return ""  # an item leading in to a formula of its own: the list goes on past it
    # an item's closing mark gives way to the semicolon, a question's stays and stands for
    # it; the last item keeps its own
    text = sentence
    for n, item in enumerate(items):
        if n < len(items) - 1 and not item.endswith(("?", "？", "!", "！")):
            item = item.rstrip(";；,，.。") + ("；" if chinese else ";")
        text += item if chinese else f" {item}"
    return text


# a sentence with no subject of its own, opening its paragraph on the verb that names the
# formula displayed above it ("where" $$g = …$$ "is called the system gain – the ratio …")
_EN_SUBJECTLESS = re.compile(r"^(?:is|are)\s+(?:called|known\s+as|termed|referred\s+to|named)\b")
_ZH_SUBJECTLESS = re.compile(r"^(?:被)?(?:称为|称作|叫做|叫作)")


def with_subject(text: str, definition: Definition, blocks: Sequence[Block], chinese: bool) -> str:
    """A sentence naming the display formula above it opens with that formula (bounded);
    alone, "is called the system gain – …" does not say what is."""
    index = definition.block
    if (
        index == 0
        or not (_ZH_SUBJECTLESS if chinese else _EN_SUBJECTLESS).match(text)
        or not blocks[index].text.lstrip().startswith(definition.sentence.strip()[:40])
        or blocks[index - 1].kind != "formula"
        or len(blocks[index - 1].text.strip()) > MAX_FORMULA_CHARS
    ):
        return text
    return f"{blocks[index - 1].text.strip()}{'' if chinese else ' '}{text}"
