"""Emphasis beside Chinese (and Japanese, Korean) text, read as its writers mean it.

CommonMark lets `**` close only when it is not preceded by punctuation or is followed by
whitespace or punctuation. Chinese writes no spaces and ends a term with full-width
punctuation, so in "**表格型方法（tabular method）**显式地…" the closing `**` (after "）",
before "显") does not close: the bold pairs with the next `**` a sentence later and a
chapter lost 17 of its 31 emphasised terms (*Easy RL*, ch. 1). GitHub, VS Code and the
CJK-friendly renderers (markdown-it-cjk-friendly, remark-cjk-friendly) read it as bold.

Their rule, for a delimiter run beside a CJK character: the character counts as
punctuation where punctuation lets a run open or close (the "preceded by whitespace or
punctuation" clauses) and not where it stops one. A run with no CJK character beside it
is scanned exactly as CommonMark does.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline.state_inline import Delimiter, Scanned, StateInline

# Han (with extensions A and B and compatibility ideographs), CJK symbols and
# punctuation, kana, Hangul syllables, full-width forms.
_CJK = re.compile(
    "[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
    "\uf900-\ufaff\uff00-\uffef\U00020000-\U0002a6df]"
)

# the fewest underscores of a blank, `textutil.WRITE_IN`'s; Chinese writes no "___强调___"
MIN_BLANK = 3


def cjk_friendly_emphasis(md: MarkdownIt) -> None:
    """Replace the emphasis rule's scanning of `*` and `_` runs (the pairing and
    rendering after it are markdown-it's own)."""
    md.inline.ruler.at("emphasis", _tokenize)


def scan(state: StateInline, start: int, can_split_word: bool) -> Scanned:
    """`StateInline.scanDelims` with the CJK-friendly flanking rule."""
    src = state.src
    marker = src[start]
    end = start
    while end < state.posMax and src[end] == marker:
        end += 1
    last = src[start - 1] if start > 0 else " "
    after = src[end] if end < state.posMax else " "
    last_cjk = bool(_CJK.match(last))
    next_cjk = bool(_CJK.match(after))
    if not (last_cjk or next_cjk):
        return state.scanDelims(start, can_split_word)
    if marker == "_" and end - start >= MIN_BLANK:
        # a worksheet's write-in blank ("叫做________。"), which the rule above lets open
        # and close: two blanks of a paper paired as emphasis and both went, the text
        # between them bold
        return Scanned(False, False, end - start)
    last_space = isWhiteSpace(ord(last))
    next_space = isWhiteSpace(ord(after))
    # punctuation that stops a run (CJK punctuation does not) / that lets one open or close
    last_blocks = not last_cjk and _punctuation(last)
    next_blocks = not next_cjk and _punctuation(after)
    last_allows = last_cjk or _punctuation(last)
    next_allows = next_cjk or _punctuation(after)
    left = not next_space and (not next_blocks or last_space or last_allows)
    right = not last_space and (not last_blocks or next_space or next_allows)
    if can_split_word:
        return Scanned(left, right, end - start)
    return Scanned(
        left and (not right or last_allows), right and (not left or next_allows), end - start
    )


def _punctuation(char: str) -> bool:
    return isMdAsciiPunct(ord(char)) or isPunctChar(char)


def _tokenize(state: StateInline, silent: bool) -> bool:
    """markdown-it's emphasis tokenizer (rules_inline/emphasis.py) with `scan`."""
    marker = state.src[state.pos]
    if silent or marker not in ("_", "*"):
        return False
    scanned = scan(state, state.pos, marker == "*")
    for _ in range(scanned.length):
        token = state.push("text", "", 0)
        token.content = marker
        state.delimiters.append(
            Delimiter(
                marker=ord(marker),
                length=scanned.length,
                token=len(state.tokens) - 1,
                end=-1,
                open=scanned.can_open,
                close=scanned.can_close,
            )
        )
    state.pos += scanned.length
    return True
