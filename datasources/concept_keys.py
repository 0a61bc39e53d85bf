"""A concept's normalised key: what two documents, and a person typing a title, agree on.

`concept_key` = NFKC, casefold, backticks and generic parameters (`Box<T>` → `box`) removed
(a tag standing alone, `<table>`, is no parameter and stays),
whitespace collapsed, a leading article dropped ("a priori" keeps its Latin "a"), the English
head noun (the last word, or the word before "of") reduced to its singular (lemminflect), no
space between two Chinese characters. A concept's id is
`datasources.ids.concept_id_for(concept_key(title), language)` everywhere (the document job,
createConcept, the demo seed), so "Mutable references" in one document and "mutable
reference" typed in GraphiQL are one Concept node.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from lemminflect import getAllLemmas

# a type's parameters follow its name ("Box<T>", "Vec<i32>"); a markup tag stands alone
# ("<table>", "<h1> ~ <h6>": an HTML lesson's headings) and is the whole name, kept
_GENERIC_PARAMS = re.compile(r"(?<=[\w)\]])\s?<[^<>]{1,20}>")
_SPACE_BETWEEN_HAN = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
# "a priori", "a posteriori": Latin, where "a" is no article (the pipeline reads them so too)
LATIN_AFTER_A = ("priori", "posteriori", "fortiori")
_LEADING_ARTICLE = re.compile(rf"^(?:the|an|a(?!\s+(?:{'|'.join(LATIN_AFTER_A)})\b))\s+", re.I)
_NOT_SINGULARISED = ("ss", "us", "is", "as", "ics")
_SIBILANT = ("x", "sh", "ch", "ss", "zz")
_CLASSICAL_PLURAL = ("i", "a", "ae")  # Latin and Greek plurals
# the plurals of the learned endings -cy, -gy, -ity and -phy: "dependencies", "ontologies"
_Y_PLURAL = ("cies", "gies", "ities", "phies")


@lru_cache(maxsize=262144)
def concept_key(title: str) -> str:
    text = (
        unicodedata.normalize("NFKC", title).replace("`", "").replace("’", "'").replace("--", "-")
    )
    text = _GENERIC_PARAMS.sub("", text)
    text = _LEADING_ARTICLE.sub("", " ".join(text.split()))
    text = _SPACE_BETWEEN_HAN.sub("", text).casefold().strip(" .,:;!?'\"")
    words = text.split(" ")
    head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1  # "systems of equations"
    if words:
        # "N-grams", "trade-offs": a hyphenated head takes the number of its last part,
        # after a Greek letter too ("β-reductions")
        before, hyphen, last = words[head].rpartition("-")
        if last.isascii() and last.isalpha() and (not hyphen or before):
            words[head] = before + hyphen + singular(last)
    return " ".join(words)


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """The singular of an English noun ("matrices" → "matrix"); other words unchanged."""
    if len(word) >= 4 and word.endswith(_CLASSICAL_PLURAL):
        # "nuclei" -> "nucleus", "criteria" -> "criterion", "vertebrae" -> "vertebra": only
        # where the lexicon knows one singular ("data", "media", "bacteria" stay)
        nouns = getAllLemmas(word).get("NOUN", ())
        return nouns[0] if len(nouns) == 1 else word
    if len(word) < 4 or word.endswith(_NOT_SINGULARISED) or not word.endswith("s"):
        return word
    lemmas = getAllLemmas(word)
    if "NOUN" in lemmas:
        return lemmas["NOUN"][0]
    if lemmas:
        return word
    if word.endswith(_Y_PLURAL):
        # a learned word's plural the lexicon lacks: "dependencies" -> "dependency" (it
        # was "dependencie", and "functional dependencies" a concept beside the singular),
        # "ontologies", "cardinalities"; "calories", "smoothies" keep their "-ie"
        return word[:-3] + "y"
    if word.endswith("es"):
        # a word the lexicon lacks: "mutexes" -> "mutex", "lysosomes" -> "lysosome",
        # "nucleotides" -> "nucleotide" (lemminflect's own guess for these is "nucleotis")
        return word[:-2] if word[:-2].endswith(_SIBILANT) else word[:-1]
    if not word.endswith("os"):
        return word[:-1]  # plural by its look: "structs", "enums" ("macOS" stays)
    return word
