"""Program code in plain text: a text export keeps a listing's lines and indentation but no
font or fence, so the reader tells code from prose by the lines themselves.

A line reads as code when it ends the way statements and blocks end (";", "{", "}", "):",
"=>"), opens like a shell or REPL prompt ("$ ", ">>> "), is an indented continuation,
or is dense in the symbols programs are written with (brackets, "=", "->", "::") and has
no sentence end. A paragraph is code when most of its lines read as code and none reads as
a sentence of prose. Without this the listing's identifiers ("fn longest", "mut s") are
counted as the chapter's terms. Nothing here knows a programming language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jobs.pipeline.model import Block
from jobs.pipeline.readers.blocks import MINOR_WORDS

MAX_CODE_LINE = 240
_HAN = re.compile(r"[\u3400-\u9fff]")
_ZH_PUNCTUATION = re.compile(r"[。，、：；？！（）“”]")
_MATH = re.compile(r"\$[^$]{1,300}\$")
_PROMPT = re.compile(r"^(?:\$|>>>|\.\.\.|>|%|#)\s+\S")
# A Python import, whose line has no mark of code ("import numpy as np", "from
# scipy.optimize import newton"): an economics lecture's plain text made "import" a concept
_IMPORT = re.compile(
    r"^(?:from\s+\.*[A-Za-z_][\w.]*\s+import\s+[\w*]+(?:\s+as\s+\w+)?(?:\s*,\s*\w+)*"
    r"|import\s+[A-Za-z_][\w.]*(?:\s+as\s+\w+)?(?:\s*,\s*[A-Za-z_][\w.]*)*)$"
)
# A directive's option or a field in reStructuredText and MyST (":class: dropdown",
# ":label: pv_ex_a", ":tags: [hide-input]"), which plain text keeps from a lecture's source:
# "label" and "dropdown" were concepts
_FIELD = re.compile(r"^:[A-Za-z][\w-]*:(?:\s+\S.*)?$")
_STATEMENT_END = re.compile(r"(?:[;{}\[(]|\):|=>|->|\\)\s*$")
_OPERATORS = re.compile(r"::|->|=>|==|!=|<=|>=|\+=|-=|&&|\|\||\w\(|\)\s*[{;:]|\s=\s|^\s*[})\]]")
_SYMBOLS = re.compile(r"[{}()\[\];=<>&|*+/\\_!:#@$%^~\"']")
# prose: words, then a full stop, question or exclamation mark at the end (a sentence)
_SENTENCE = re.compile(r"[A-Za-z]{2,}[,]?\s+[a-z]{2,}\s+[a-z]{2,}.*[a-z)\"”’][.?!]\s*$")
_WORD = re.compile(r"[A-Za-z]{2,}")
# a sentence: a capitalised word, a lower-case word, …, a full stop or colon at the end
_PROSE_LINE = re.compile(r"^[A-Z][a-z]*,?\s+[a-z].*[.:?!]$")
_DISPLAY_MATH = ("$$", "\\[", "\\begin{")
_TRAILING_COMMENT = re.compile(r"(?:^|\s)(?://|#)\s.*$")
_COLUMNS = re.compile(r"\S {3,}\S")
_COMMENT = re.compile(r"^(?://|#|/\*|\*|--)")


def code_line(line: str, indented_after_first: bool = False) -> bool:
    """The line reads as program code (or a prompt and its command)."""
    if len(line) > MAX_CODE_LINE:
        return False
    if line.lstrip().startswith(_DISPLAY_MATH):
        return False  # a display formula is maths, read as such downstream
    text = _MATH.sub(" x ", line.strip())  # inline maths ("$O(n)$") is the prose's
    # a trailing comment is prose inside code: the statement before it decides
    statement = _TRAILING_COMMENT.sub("", text).strip() or text
    if not statement:
        return False
    if _HAN.search(statement) and (
        _ZH_PUNCTUATION.search(statement) or not _STATEMENT_END.search(statement)
    ):
        return False  # Chinese with its own punctuation, or not ending as a statement: prose
    symbols = len(_SYMBOLS.findall(statement))
    words = len(_WORD.findall(statement))
    if (words >= 8 and symbols * 3 <= words) or (words >= 10 and _PROSE_LINE.match(statement)):
        return False  # a sentence that names a bit of code ("the line let s2 = s1; …")
    if _PROMPT.match(statement) or _IMPORT.match(statement) or _FIELD.match(statement):
        return True
    if statement in ("}", "};", "})", ")", "]", "end"):
        return True
    if _STATEMENT_END.search(statement) and (symbols >= 2 or words <= 2):
        return True
    if _OPERATORS.search(statement) and symbols >= 2:
        return True
    if _COLUMNS.search(statement) and words <= 4:
        return True  # columns of a program's output ("modified:   README")
    return indented_after_first and not statement.endswith((".", "。"))


def display_math(lines: list[str]) -> bool:
    """A paragraph that is a display formula ("$$…$$", "\\[…\\]", "\\begin{…}"): the
    formula block Markdown would give, not prose whose TeX words are terms."""
    return bool(lines) and lines[0].lstrip().startswith(_DISPLAY_MATH)


def code_paragraph(lines: list[str]) -> bool:
    """Most lines read as code and none as a prose sentence. One line alone must read as
    code by its own marks (an indented continuation needs a first line to indent from)."""
    if not lines or display_math(lines):
        return False  # a display formula over several lines is maths
    if any(len(line) > MAX_CODE_LINE for line in lines):
        return False  # a listing's lines are short; a long line is prose (and bounds the work)
    base = len(lines[0]) - len(lines[0].lstrip())
    verdicts = [
        code_line(line, i > 0 and len(line) - len(line.lstrip()) > base)
        # a comment inside a listing may be a whole sentence ("// Print the result.")
        or (len(lines) > 1 and bool(_COMMENT.match(line.strip())))
        for i, line in enumerate(lines)
    ]
    if any(
        _SENTENCE.search(line.strip()) and not v for line, v in zip(lines, verdicts, strict=True)
    ):
        return False
    return sum(verdicts) * 2 > len(lines) if len(lines) > 1 else verdicts[0]


# a program's own marks beyond its symbols: a call on a dotted name ("pd.read_csv(",
# "df.head("), an assignment to a name of two letters or more ("df = …"), a keyword that
# opens a definition or a statement ("def ", "return ")
_PROGRAM_MARK = re.compile(
    r"[A-Za-z_]\w*\.[A-Za-z_]\w*\(|(?:^|\s)[A-Za-z_]\w+\s*=\s*\S"
    r"|(?:^|\s)(?:def|class|return|import|lambda|print)\s"
)


def typed_code(text: str) -> bool:
    """A paragraph of program code typed or pasted in a word processor's body font, its lines
    run together or kept: no Chinese outside its comments, every line code (`code_line`; a
    listing run into the prose after it stays text) and a program's own marks in it
    (`_PROGRAM_MARK`), so a formula such as "y = f(x)" stays the text's."""
    lines = [line for line in text.splitlines() if line.strip()]
    return (
        bool(lines)
        # Chinese only in a comment after the statement ("s.sum()  # 求和"), as a teacher
        # annotates the listing
        and not any(_HAN.search(_TRAILING_COMMENT.sub("", line)) for line in lines)
        and not display_math(lines)
        # a line of comment alone is the listing's too ("# 自动转换格式" over its statement)
        and all(code_line(line) or _COMMENT.match(line.strip()) for line in lines)
        and any(code_line(line) for line in lines)
        and _PROGRAM_MARK.search(text) is not None
    )


# The language's name a web page or an editor sets over its code block ("python", "Java
# 复制代码", "bash Copy code"), kept as a line of its own when the page is printed, saved or
# pasted: a pandas reference page's 24 "python" labels made python its most used concept.
_CODE_LABEL = re.compile(
    r"^(?:i?python3?|java(?:script)?|js|typescript|ts|c|c\+\+|cpp|c#|go|golang|rust|bash|shell"
    r"|sh|zsh|console|powershell|sql|mysql|r|matlab|html|css|json|yaml|xml|php|ruby|kotlin"
    r"|swift|scala|lua|perl|plaintext)(?:\s*(?:复制代码|代码|copy(?:\s+code)?))?$",
    re.IGNORECASE,
)


def without_code_labels(blocks: Sequence[Block]) -> list[Block]:
    """The blocks without a paragraph that only names the language of the code right after
    it (`_CODE_LABEL`): a code block, or a paragraph of Latin with no sentence's end, a
    listing no reader could tell from text ("ts.year ts.month ts.day")."""
    return [
        block
        for block, after in zip(blocks, [*blocks[1:], None][: len(blocks)], strict=True)
        if not (
            block.kind == "paragraph"
            and after is not None
            and _CODE_LABEL.match(block.text.strip())
            and (after.kind == "code" or _bare_listing(after))
        )
    ]


def _bare_listing(block: Block) -> bool:
    text = block.text.strip()
    return (
        block.kind == "paragraph" and not _HAN.search(text) and not text.endswith((".", "?", "!"))
    )


# words title case leaves in lower case (articles, short prepositions and conjunctions)
_LOWER_IN_TITLES = MINOR_WORDS | {"up", "out", "off", "per", "than", "so", "yet"}
_IDENTIFIER = re.compile(r"^[A-Za-z][\w!]*(?:(?:::|\.)\w+)*(?:\(\))?$")


def mark_heading_code(title: str) -> str:
    """Backticks round the code in a Title Case heading, as Markdown has them: a word left
    in lower case that title case would capitalise, or one shaped like code, is a name from
    a program ("Clearer Trait Bounds with `where` Clauses", "Appending with `push_str`").
    A heading not in Title Case, or in Chinese, is left as it is."""
    words = title.split()
    if len(words) < 2 or _HAN.search(title):
        return title
    content = [w for w in words[1:] if w.lower() not in _LOWER_IN_TITLES]
    capitalised = [w for w in content if w[:1].isupper()]
    # not Title Case: lower case says nothing there (a code-shaped word still is code)
    title_case = len(capitalised) >= 2 and len(capitalised) * 2 > len(content)
    marked = [words[0]]
    for word in words[1:]:
        bare = word.rstrip(",:?")
        codeish = bool(re.search(r"_|!$|::|\(\)", bare)) or (
            title_case and bare[:1].islower() and bare.lower() not in _LOWER_IN_TITLES
        )
        if codeish and _IDENTIFIER.match(bare):
            word = f"`{bare}`" + word[len(bare) :]
        marked.append(word)
    return " ".join(marked)
