"""A concept's description: its defining sentence as a reader needs it alone.

`description` opens the sentence at its main clause (`main_clause`: a concessive clause
or a link to the sentence before is not carried) and, where it leads in to a display
formula, finishes it with that formula and the sentence that closes the definition
(`completed`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from jobs.pipeline.definitions import Definition
from jobs.pipeline.lexicon import ALIAS_VERBS
from jobs.pipeline.mentions import mention_pattern
from jobs.pipeline.model import Block
from jobs.pipeline.textutil import sentences


def description(definition: Definition, key: str, blocks: Sequence[Block], chinese: bool) -> str:
    opened = replace(definition, sentence=main_clause(definition.sentence, key))
    return with_antecedent(completed(opened, blocks, chinese), definition, blocks, chinese)


# a sentence that only names what the sentence before it described: its subject is a
# demonstrative or a pronoun standing for that ("This is called a graded potential.", "This
# quantity is referred to as stroke volume.", "That effect is known as …", "One example of
# this is called a bedsore.", "这称为…")
_EN_ANAPHORIC_NAMING = re.compile(
    rf"^\s*(?:(?:one|an)\s+example\s+of\s+)?(?:this|that|these|those|it|they|such\s+an?)"
    rf"(?:\s+[a-z-]+){{0,3}}?"
    rf"\s+(?:is|are|was|were)\s+(?:(?:then|now|also|often|sometimes|commonly|generally|"
    rf"usually|simply)\s+)?{ALIAS_VERBS}\b",
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
    paragraph (bounded). Without one the sentence stays as it is."""
    if not (_ZH_ANAPHORIC_NAMING if chinese else _EN_ANAPHORIC_NAMING).match(text):
        return text
    block = blocks[definition.block].text
    at = block.find(definition.sentence.strip()[:40])
    if at <= 0:
        return text
    before = list(sentences(block[:at]))
    antecedent = before[-1].strip() if before else ""
    if not antecedent or len(antecedent) > MAX_ANTECEDENT_CHARS or antecedent.endswith(("?", "？")):
        return text
    return f"{antecedent}{'' if chinese else ' '}{text}"


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
    r"|the\s+following(?:\s+[a-z]+){0,2}|given\s+by|written\s+as|defined\s+by))\s*$",
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


def completed(definition: Definition, blocks: Sequence[Block], chinese: bool) -> str:
    """The definition's sentence, and where it ends its paragraph on a lead-in to a display
    formula, that formula and the sentence that closes the definition after it (each
    bounded): "凸函数：…，均有 $$f(…)\\leqslant…$$ 则称f为D上的凸函数。" """
    sentence = definition.sentence.rstrip()
    index = definition.block
    if (
        index + 1 >= len(blocks)
        or blocks[index + 1].kind != "formula"
        or not blocks[index].text.rstrip().endswith(sentence[-12:])
        or not (_ZH_LEAD_IN if chinese else _EN_LEAD_IN).search(sentence)
    ):
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
