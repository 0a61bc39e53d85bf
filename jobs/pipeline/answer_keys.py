"""Answer keys: the numbered answers an exam paper, a worksheet or a quiz gives at its end,
read back into the questions they answer before concepts are found.

A fill-in question is the statement its key completes ("…的式子，叫做______。" and the key's
"5．化学方程式"); a multiple-choice stem takes the option its key's letter picks (a blank, a
Chinese paper's empty brackets, or a stem that stops where the answer goes); a matching
exercise pairs each name with the description its letter picks; a short answer to "What is
X?" defines X as a study guide's labelled pair does. A question is matched by the number the
document shows: typed ("4．", "Q3.", "第3题：") or a list's (`Block.number`). A key it cannot
match changes nothing, and only the blocks the concept step reads change: the stored text
stays as uploaded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from lemminflect import getAllLemmas

from jobs.pipeline.lexicon import ANSWER_KEY_LABEL, EN_STOP, ZH_WHAT_IS
from jobs.pipeline.model import Block
from jobs.pipeline.questions import (
    OPTION_LABEL,
    asked_topics,
    in_order,
    option_runs,
    option_texts,
    small_options,
)
from jobs.pipeline.textutil import HAN, WRITE_IN, letters_only

# the mark after a question's or an answer's number: "4．", "12.", "3、", "5)", "6:"
_MARK = r"[.．、)）:：]"
# a question number's label, as a worksheet may write it: "Q3", "Question 3", "第3题"
_LABELLED = r"(?:(?:Q|Question|Problem)\s*|第\s*)"
# a typed question number opening a block, or a list's shown number typed in for reading
# (`_number_typed`): an answer key names its questions by them ("4．", "Q3.", "第3题：")
_NUMBER = re.compile(rf"^\s*{_LABELLED}?(\d{{1,3}})(?:\s*题)?\s*{_MARK}(?!\d)\s*")
# a later question's number inside the same block, after a space ("… the cell. 2. The …")
_INLINE_NUMBER = re.compile(rf"(?<=\s)(\d{{1,3}})\s*{_MARK}(?!\d)\s*")
# each numbered answer in a key's line, up to the next number set apart by a space; the
# first may follow the part's numeral ("二、9. 生产者　10. 气孔")
_KEY_ITEM = re.compile(
    rf"(?:^|(?<=[\s\u3000、：:]))(\d{{1,3}})\s*{_MARK}(?!\d)\s*(.+?)"
    rf"(?=[\s\u3000]+\d{{1,3}}\s*{_MARK}(?!\d)|\s*$)"
)
# a key's letter after its number and a dash, "1-c, 2-a, 3-b", as English worksheets write
_DASHED_LETTER = re.compile(r"(?:^|(?<=[\s,;，；]))(\d{1,3})\s*[-–]\s*([A-Ha-h])(?![\w-])")
# what may follow an answer before the next: "1. c, 2. a"
_ANSWER_END = " ,;，；"
# a key's run of letters over a range of questions, "1-5 BCADB", "6～10：CDABA", as Chinese
# and English papers answer their multiple choice
_LETTER_RUN = re.compile(
    r"(?:^|(?<=[\s\u3000、：:]))(\d{1,3})\s*[-–—~～至]\s*(\d{1,3})\s*[:：.．]?\s*([A-H]{2,})(?![A-Za-z])"
)


# a key's table read as text, as a PDF gives it: the row of question numbers after its
# label, then the row of answers after theirs ("题号 1 2 3 4答案 A B A C"), band after band
_NUMBER_BAND = re.compile(
    r"(?:题号|题次|Question|No\.)\s*(?P<numbers>(?:\d{1,3}\s+)+\d{1,3})\s*"
    r"(?:答案|Answer|Key)\s*(?P<answers>(?:[A-Ha-h√×✓✗TF]\s+)*[A-Ha-h√×✓✗TF])(?![A-Za-z])",
    re.IGNORECASE,
)


def _key_items(text: str) -> list[tuple[str, str]]:
    """A key line's numbered answers, (number, answer), a run of letters over a range
    (`_LETTER_RUN`) read as one answer a number when the counts agree, and a letter after
    a dash (`_DASHED_LETTER`) as after a full stop."""

    def spread(run: re.Match[str]) -> str:
        first, last, letters = int(run[1]), int(run[2]), run[3]
        if last - first + 1 != len(letters):
            return " "  # answers none, nor runs on into the answer before it
        return " ".join(f"{first + i}. {letter}" for i, letter in enumerate(letters))

    def banded(band: re.Match[str]) -> str:
        numbers, answers = band["numbers"].split(), band["answers"].split()
        if len(numbers) != len(answers):
            return band[0]
        return " " + " ".join(f"{n}. {a}" for n, a in zip(numbers, answers, strict=True)) + " "

    text = _NUMBER_BAND.sub(banded, text)
    text = _DASHED_LETTER.sub(r"\1. \2", _LETTER_RUN.sub(spread, text))
    return [(number, answer.rstrip(_ANSWER_END)) for number, answer in _KEY_ITEM.findall(text)]


def _table_items(text: str) -> list[tuple[str, str]]:
    """A key set as a table (rows of " | "-joined cells, as readers give tables): a row of
    question numbers over a row of answers ("题号 | 1 | 2 | 3" over "答案 | A | B | C", a
    band of ten after another), or a row each ("1 | A"). (number, answer) pairs."""
    rows = [[cell.strip() for cell in row.split(" | ")] for row in text.split("\n")]
    items: list[tuple[str, str]] = []
    for numbers, answers in pairwise(rows):
        if len(numbers) != len(answers):
            continue
        numbered = [j for j, cell in enumerate(numbers) if re.fullmatch(r"\d{1,3}", cell)]
        if len(numbered) >= MIN_KEY_ITEMS and len(numbered) >= len(numbers) - 1:
            items.extend((numbers[j], answers[j]) for j in numbered if answers[j])
    if items:
        return items
    return [
        (row[0], row[1])
        for row in rows
        if len(row) >= 2 and re.fullmatch(r"\d{1,3}", row[0]) and row[1]
    ]


# the fewest numbered answers that make a line the key's, whatever its reader took it for
MIN_KEY_ITEMS = 2
# one answer per blank, in order, set apart by semicolons ("化学方程式；客观事实；质量守恒定律")
_ANSWER_SEPARATOR = re.compile(r"\s*[；;]\s*")
# …or as a list is ("二氧化碳、水", "二氧化碳，水", "carbon dioxide, water"), read so only when
# the count matches the blanks (an answer may hold a comma)
_LIST_SEPARATOR = re.compile(r"\s*[、，,]\s*|\s{2,}|\u3000+")


# A teacher's copy of a fill-in sheet (教师版) writes each answer in the brackets the
# pupil's copy leaves empty: "……的性质叫做（惯性）". After a naming verb the brackets hold the
# name itself, which the definition rules read as an aside (惯性 was no concept at all).
_ZH_NAMED_IN_BRACKETS = re.compile(
    r"(叫做|叫作|称为|称作|称之为)\s*（\s*([\u4e00-\u9fff]{2,12})\s*）"
)


def _questions_in(text: str) -> list[tuple[int, int, int]]:
    """The numbered questions a block holds, each its number and where its text begins
    and ends: the block's own opening number, and any later ones in order after a space."""
    opening = _NUMBER.match(text)
    if opening is None:
        return []
    marks = [(int(opening.group(1)), 0)]
    for m in _INLINE_NUMBER.finditer(text, opening.end()):
        if int(m.group(1)) == marks[-1][0] + 1:
            marks.append((int(m.group(1)), m.start()))
    ends = [start for _, start in marks[1:]] + [len(text)]
    return [(n, start, end) for (n, start), end in zip(marks, ends, strict=True)]


# A question's part's label: "（1）", "(b)", "(ii)", "②", as a paper numbers the parts of one
# question ("6．阅读材料，回答下列问题：（1）…（2）…") and its key answers them ("6．（1）超声波
# （2）次声波")
_PART_LABEL = re.compile(
    r"(?:[（(]\s*(\d{1,2}|[a-h]|[ivx]{1,4})\s*[）)]|([\u2460-\u2473]))[\s\u3000]*"
)
_ROMAN = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
    "x": 10,
}


def _part_count(label: re.Match[str]) -> int:
    """A part label's place in its series, from 1: "（2）", "(b)", "(ii)", "②" are each 2."""
    if label.group(2):
        return ord(label.group(2)) - 0x2460 + 1
    mark = label.group(1)
    if mark.isdigit():
        return int(mark)
    return ord(mark) - ord("a") + 1 if len(mark) == 1 and mark <= "h" else _ROMAN.get(mark, 0)


def _parts_in(text: str, first: int, opening: bool) -> list[tuple[int, int, int]]:
    """The parts a text labels in series from `first` ("（1）…（2）…"), each its count and
    where it runs (from its label); the first label opens the text when `opening`."""
    marks: list[tuple[int, int]] = []
    for label in _PART_LABEL.finditer(text):
        if _part_count(label) != first + len(marks):
            continue
        if not marks and opening and text[: label.start()].strip():
            return []
        marks.append((_part_count(label), label.start()))
    if not marks:
        return []
    ends = [start for _, start in marks[1:]] + [len(text)]
    return [(n, start, end) for (n, start), end in zip(marks, ends, strict=True)]


def blanks_filled_by_key(blocks: Sequence[Block]) -> list[Block]:
    """The blocks with each fill-in question's blanks filled from the document's answer key:
    "用化学式来表示化学反应的式子，叫做________。" and the key's "5．化学方程式" read as the
    statement the pupil completes ("…的式子，叫做化学方程式。"). Read with its blank, the
    sentence defined nothing, and "参加化学反应的各物质的________总和，…这个规律叫做质量守恒
    定律" lost its subject. A question is filled only when its number is met once before the
    key and the key gives as many answers as it has blanks (a key's letters answer choices,
    no blanks). A list item's shown number (`Block.number`: Word's automatic numbering, a
    Markdown ordered list) counts as typed, and so does a label on a line of its own over
    the question ("Question 3", "第3题", `_labelled`)."""
    typed = [_number_typed(b) for b in _labelled(blocks)]
    filled, spent = _filled_by_key(typed)
    return [
        b if after == shown else after if shown is b else _number_untyped(after)
        for i, (b, shown, after) in enumerate(zip(blocks, typed, filled, strict=True))
        if i not in spent
    ]


# a question's label and number alone on a line over it, as a Word sheet or a slide sets
# it: "Question 3", "Q3:", "Problem 3.", "第3题"
_QUESTION_LABEL = re.compile(rf"^\s*{_LABELLED}(\d{{1,3}})\s*题?\s*[.:：]?\s*$")


def _labelled(blocks: Sequence[Block]) -> list[Block]:
    """The blocks, each question under a label line ("Question 3") numbered by it
    (`Block.number`), unless it has a number of its own."""
    out = list(blocks)
    for i, block in enumerate(blocks[:-1]):
        label = _QUESTION_LABEL.match(block.text)
        question = blocks[i + 1]
        if (
            label
            and question.kind in ("paragraph", "list_item")
            and not question.number
            and not _NUMBER.match(question.text)
        ):
            out[i + 1] = replace(question, number=int(label.group(1)))
    return out


def _number_typed(block: Block) -> Block:
    """The list item with its shown number typed before its text ("3. …")."""
    if not block.number or _NUMBER.match(block.text):
        return block
    return replace(block, text=f"{block.number}. {block.text}")


def _number_untyped(block: Block) -> Block:
    """A block `_number_typed` typed, filled, without the number typed for reading."""
    return replace(block, text=_NUMBER.sub("", block.text, count=1))


# a question, or one of its parts (`_PART_LABEL`), by its number and its part's count (0 for
# the whole question)
Item = tuple[int, int]
# a question completed as the statement it teaches, and the names its key wrote in
Completed = tuple[str, tuple[str, ...]]


def _filled_by_key(blocks: Sequence[Block]) -> tuple[list[Block], set[int]]:
    """The blocks filled, and the blocks read into them that go: a matching exercise's
    descriptions when every one of them went to its name, a key's block whose every
    answer went to its question. Read again there, their phrases counted twice (a
    cell-transport sheet's "area of high concentration" was a concept)."""
    blocks = [
        replace(b, text=_ZH_NAMED_IN_BRACKETS.sub(r"\1\2", b.text))
        if "（" in b.text and b.kind in ("paragraph", "list_item")
        else b
        for b in blocks
    ]
    # the option blocks, each to the first of its question's: read once, as the passes
    # below change only stems' texts and an option's stress
    runs = option_runs(blocks)
    by_first: dict[int, list[int]] = {}
    for i, first in sorted(runs.items()):
        by_first.setdefault(first, []).append(i)
    blocks = _teachers_letters_filled(blocks, by_first)
    blocks = _inline_answers_filled(blocks, runs)
    start = next((i for i, b in enumerate(blocks) if _opens_key(b.text)), None)
    if start is None:
        return list(blocks), set()
    answers, holders = _key_answers(blocks, start)
    places = _question_places(blocks[:start], {number for number, part in answers if part})
    # each run of option blocks' texts by the block it starts at, the one after its question's
    options = {first: [blocks[i].text for i in run] for first, run in by_first.items()}
    descriptions, listed_in = _lettered_descriptions(blocks[:start])
    given: set[str] = set()
    read_in: set[Item] = set()  # the questions whose key's answer is now read in them
    written: set[Item] = set()  # …of them, those whose answer the key wrote out
    filled = list(blocks)
    # from a block's end back, so what is filled moves no place still to fill
    for item, found in sorted(places.items(), key=lambda item: -item[1][0][1]):
        answer = answers.get(item)
        if answer is None or len(found) != 1:
            continue
        index, begin, end = found[0]
        text = filled[index].text
        label = _PART_LABEL.match(text, begin) if item[1] else None
        if label is not None:
            # a part's label goes when it is answered: "（1）…叫做________。" is read as
            # "…叫做超声波。", as a question's statement is
            text = text[:begin] + text[label.end() :]
            end -= label.end() - begin
        matched = _matched(text[begin:end], answer, descriptions) if not item[1] else None
        if matched is not None and begin == 0 and end == len(text):
            name, description = matched
            given.add(description)
            filled[index] = replace(
                filled[index],
                text=f"{name}: {description}",
                emphasis=(name, *filled[index].emphasis),
            )
            read_in.add(item)
            continue
        following = options.get(index + 1, [])
        verdict = _TRUE_OR_FALSE.fullmatch(answer.strip().rstrip(".．。"))
        names: tuple[str, ...] = ()  # what the key wrote in
        if verdict is not None:
            # a true-or-false item's: no word to write in; a true statement is the text's
            question = _judged_true(text[begin:end]) if verdict["true"] else None
        else:
            completed = _chosen(text[begin:end], answer, following) or _filled(
                text[begin:end], answer
            )
            question, names = completed or (None, ())
        if question is None and (question := _answered(text[begin:end], answer)) is not None:
            written.add(item)
        if question is None and (entry := _explained(text[begin:end], answer)) is not None:
            question, names = entry
            written.add(item)
        if question is not None:
            read_in.add(item)
            # the space that set the next question apart stays ("… surface. Q: What is …")
            apart = text[begin:end][len(text[begin:end].rstrip()) :] if end < len(text) else ""
            filled[index] = _with_answers(
                filled[index],
                (text[:begin] + question.rstrip() + apart + text[end:]).rstrip(),
                names,
            )
    filled[:start] = _columns_matched(filled[:start], filled[start:])
    spent = listed_in if given and given == set(descriptions.values()) else set()
    # a key's block whose every answer is now read in its question, some written out: read
    # again there, its phrases counted twice ("diffusion of water" was a concept of a review
    # sheet, "振幅有关" of a physics paper whose PDF joined its key's lines); a block of names
    # alone stays, each name the key gives a mark of a term ("二、4．音色" made 音色 one)
    spent |= {
        i for i, items in holders.items() if i != start and items <= read_in and items & written
    }
    return filled, spent


def _key_answers(
    blocks: Sequence[Block], start: int
) -> tuple[dict[Item, str], dict[int, set[Item]]]:
    """The answers of the key opening at `start`, each by its question (or part), and each
    key block's questions. An answer in parts ("6．（1）超声波　（2）次声波", a line each
    "（2）次声波" going on from the last number) answers each part."""
    key_level = blocks[start].level if blocks[start].kind == "heading" else 0
    whole: dict[int, str] = {}
    held_by: dict[int, set[int]] = {}  # a question's number → the key blocks its answer is in
    last = 0
    for i in range(start, len(blocks)):
        block = blocks[i]
        if (
            i > start
            and block.kind == "heading"
            and (not key_level or block.level <= key_level)
            # a plain text's reader takes a short line of answers for a heading ("1.
            # controls 2. lipid; bilayer" under "Answer Key", or "1.DNA" right under
            # "参考答案"); a heading names one thing
            and len(_key_items(block.text)) < (1 if i == start + 1 else MIN_KEY_ITEMS)
        ):
            break
        text = (ANSWER_KEY_LABEL.sub("", block.text) if i == start else block.text).strip()
        items = _table_items(text) if block.kind == "table" else _key_items(text)
        if not items and last in whole and _parts_in(text, 2, opening=True):
            whole[last] += " " + text  # "（2）次声波" on the line after "6．（1）超声波"
            held_by[last].add(i)
        for label, reply in items:
            last = int(label)
            whole.setdefault(last, reply.strip())
            held_by.setdefault(last, set()).add(i)
    answers: dict[Item, str] = {}
    holders: dict[int, set[Item]] = {}
    for number, reply in whole.items():
        parts = _parts_in(reply, 1, opening=True)
        for part, begin, end in parts or [(0, 0, len(reply))]:
            marked = _PART_LABEL.match(reply, begin) if part else None
            answer = reply[marked.end() if marked else begin : end].strip(" \u3000;；,，")
            answers[(number, part)] = answer
            for i in held_by[number]:
                holders.setdefault(i, set()).add((number, part))
    return answers, holders


def _question_places(
    blocks: Sequence[Block], parted: set[int]
) -> dict[Item, list[tuple[int, int, int]]]:
    """Each question's place: its block and where its text runs in it (a plain text's
    reader joins a sheet's numbered lines into one paragraph, "1. … 2. … 3. …"); and
    for a question in `parted` (its key answers it in parts), each part's, in its text or
    in the blocks after it up to the next question ("6．阅读材料…" over "（1）…", "（2）…")."""
    places: dict[Item, list[tuple[int, int, int]]] = {}
    current, following = 0, 1  # the question whose parts may come next, and that part's count
    for i, block in enumerate(blocks):
        if block.kind not in ("paragraph", "list_item"):
            current = 0
            continue
        questions = _questions_in(block.text)
        for number, begin, end in questions:
            places.setdefault((number, 0), []).append((i, begin, end))
            current, following = number, 1
            if number in parted:
                for part, at, stop in _parts_in(block.text[begin:end], 1, opening=False):
                    places.setdefault((number, part), []).append((i, begin + at, begin + stop))
                    following = part + 1
        if questions or current not in parted:
            continue
        for part, at, stop in _parts_in(block.text, following, opening=True):
            places.setdefault((current, part), []).append((i, at, stop))
            following = part + 1
    return places


# the most words of an option that fills a stem's blank as a name ("decomposer", "food web")
MAX_CHOSEN_WORDS = 5
# the most characters of such a name, and of a Chinese one ("光合作用", "叶绿体"), whose
# words no space sets apart
MAX_CHOSEN_CHARS = 40
MAX_CHOSEN_HAN = 12
# A multiple-choice stem's empty brackets, where a Chinese paper (and some English ones)
# puts the answer's letter: "…的过程叫做（　　）". An empty pair of round brackets in
# English needs a space inside, "f()" being a call.
_CHOICE_BLANK = re.compile(r"（[\s\u3000]*）|\([\s\u3000]+\)")
# the most words of an option that completes a stem ending on "is" as what its subject is
MAX_CHOSEN_DEFINIENS_WORDS = 25
# A stem that stops where its answer goes, no blank typed: a name-sized option ends its
# sentence ("… dead plants and animals is called a" and "decomposer", "The temperature at
# which a solid melts is its" and "melting point"); after a short subject and "is" or
# "means" a longer option may be what the subject is ("A food web is" and "many
# overlapping food chains in an ecosystem"). A stem that asks ("Which … is", "下列…的是")
# or bids ("Name the process …") picks one and states nothing.
_OPEN_END = re.compile(r"[A-Za-z\u4e00-\u9fff]\s*$")
_DEFINING_END = re.compile(
    r"^\s*(?:(?:a|an|the)\s+)?(?P<subject>[A-Za-z][\w'-]*(?:\s+[\w'-]+){0,4})\s+"
    r"(?:is|are|means|refers\s+to|is\s+defined\s+as)\s*$"
    r"|^\s*(?P<zh>[\u4e00-\u9fff]{2,12}?)(?:是指|指的是|是)\s*$",
    re.IGNORECASE,
)
_ASKING = re.compile(
    r"^\s*(?:which|what|who|whom|whose|where|when|why|how|name|identify|choose|select|give"
    r"|list|state|explain|describe|define|find|pick|circle)\b|\b(?:which|what)\s+of\b"
    r"|下列|以下|哪|什么|选出|选择",
    re.IGNORECASE,
)


# the colon a stem ends on before its options, after a word ("This is an example of:");
# one after a question ("Which is true?:") or a bid ("Choose one:") still asks (`_ASKING`)
_OPEN_COLON = re.compile(r"(?<=[A-Za-z])\s*[:：]$")
# A key's letter with the option it picks written after it, as a teacher's key spells its
# answers out: "1. b — Price skimming", "2. C. osmosis", "3. a (decomposer)"
_LETTER_NAMED = re.compile(
    r"(?P<letter>[A-Ha-h])(?:\s*[.．)）:：–—-]|\s+(?=\())\s*"
    r"(?:\((?P<bracketed>[^()]+)\)|(?P<option>\S.*))"
)


def _chosen(question: str, answer: str, following: Sequence[str]) -> Completed | None:
    """A multiple-choice stem completed by the option the key's letter picks ("… is called
    a ________. A. producer … C. decomposer" and "1. C" read as "… is called a
    decomposer."), its options left off; the options are the question's own, after its
    stem, or `following`, the option blocks after it. The stem has one blank, or ends
    where its answer goes (`_OPEN_END`, `_DEFINING_END`). None unless the letter names a
    short option, or the stem a short subject the option says what it is."""
    letter = answer.strip().rstrip(".．").upper()
    named = _LETTER_NAMED.fullmatch(answer.strip())
    if named is not None:
        letter = named["letter"].upper()
    if not re.fullmatch(r"[A-H]", letter):
        return None
    first = OPTION_LABEL.search(question)
    stem = question[: first.start()] if first else question
    # the option blocks one a label each: "a. producer" read alone, as a small letter
    # opens an option only at a block's start
    options = (
        option_texts(question[first.start() :])
        if first
        else [option for block in following for option in option_texts(block)]
    )
    small = small_options(question) if first is None else None
    if small is not None:
        # "… is called a) evaporation b) condensation": Markdown joins an item's option
        # lines typed under it into its text
        stem, options = small
    at = ord(letter) - ord("A")
    if at >= len(options):
        return None
    option = options[at].strip().rstrip(".。")
    if not option or re.search(r"[.;:?!。；：？！]", option):
        return None
    spelled = named and (named["option"] or named["bracketed"])
    if spelled and letters_only(spelled) != letters_only(option):
        return None  # the key names another option than its letter picks: neither is sure
    tail = " " if first or small else ""  # options in the text: the next words stay apart
    blank = WRITE_IN if WRITE_IN.search(stem) else _CHOICE_BLANK
    blanks = len(blank.findall(stem))
    # "… This is an example of:" over its options: the colon shows where they go, as a
    # stem that stops at its answer does with none
    stem = _OPEN_COLON.sub("", stem.rstrip())
    body = _NUMBER.sub("", stem, count=1)
    which = _which_kind(body, option) if not blanks and _name_sized(option) else None
    if which is not None:
        return stem[: len(stem) - len(body)] + which + tail, (which[: len(option)],)
    if blank is _CHOICE_BLANK and _ASKING.search(body):
        return None  # "下列属于生产者的是（　）" picks one, it states nothing
    ending = "。" if re.search(r"[\u4e00-\u9fff]$", stem) else "."
    if blanks == 1 and _name_sized(option):
        filled = blank.sub(option, stem)
        if blank is _CHOICE_BLANK and stem.endswith(("）", ")")):
            # the brackets end the stem where a written-in blank has its full stop after
            # it: the statement ends there
            filled += "。" if HAN.search(option) else "."
        return filled + tail, (option,)
    if blanks:
        return None
    if not _OPEN_END.search(stem) or _ASKING.search(body):
        return None
    space = "" if ending == "。" else " "
    if _name_sized(option):
        return stem + space + option + ending + tail, (option,)
    defining = _DEFINING_END.match(body)
    if (
        defining
        and not (defining.group("zh") or "").endswith("的")
        and len(option.split()) <= MAX_CHOSEN_DEFINIENS_WORDS
    ):
        return stem + space + option + ending + tail, ()  # what the subject is, no name
    return None


# "Which organelle makes proteins?": the kind of thing asked for, then its verb, inflected
# ("makes", "stored"), or a form of "be" or "have"; the rest of the question after it
_WHICH = re.compile(r"^\s*(?:Which|What)\s+(?P<words>[^?]+?)\s*\?\s*$")
_FINITE = frozenset({"is", "are", "was", "were", "has", "have", "had"})
# an auxiliary after the kind opens the question's own subject ("Which gas do plants give
# off?"): the kind is its object, no subject the name can stand for
_AUXILIARY = frozenset({"do", "does", "did", "can", "could", "will", "would", "should", "must"})
MAX_KIND_WORDS = 4


def _which_kind(question: str, option: str) -> str | None:
    """A question asking which thing of a kind does something, answered by a name: the
    statement its key makes, the name first as what the kind says it is ("Which organelle
    makes proteins?" and "ribosome": "Ribosome is the organelle that makes proteins.").
    Asked, it stated nothing, and a teacher's quiz defined none of the names it keyed.
    The kind is up to four words before the first inflected verb ("makes", not "process");
    None when there is none, when a word before it is a function word ("Which of these
    …"), or when an auxiliary follows the kind: the question's own subject acts on it then
    ("Which gas do plants give off?")."""
    found = _WHICH.match(question)
    if found is None:
        return None
    words = found["words"].split()
    for at, word in enumerate(words[: MAX_KIND_WORDS + 1]):
        lower = word.lower()
        if at and lower in _AUXILIARY:
            return None
        if at and (lower in _FINITE or _inflected_verb(lower)):
            kind, rest = words[:at], words[at:]
            break
        if lower in EN_STOP or not re.fullmatch(r"[A-Za-z][A-Za-z'’-]*", word):
            return None
    else:
        return None
    name = option[:1].upper() + option[1:]
    return f"{name} is the {' '.join(kind)} that {' '.join(rest)}."


def _inflected_verb(word: str) -> bool:
    """A verb's -s or -ed form, which is no form of a noun only ("sets", "lowered")."""
    lemmas = getAllLemmas(word).get("VERB", ())
    return bool(lemmas) and word not in lemmas and word.endswith(("s", "ed"))


# A matching exercise's item: a name and the line where the pupil writes a description's
# letter, "1. ____ osmosis" or "osmosis ______"
_MATCH_ITEM = re.compile(
    rf"^\s*(?:(?:{WRITE_IN.pattern})\s*(?P<a>[^_＿]+?)|(?P<b>[^_＿\d][^_＿]*?)\s*(?:{WRITE_IN.pattern}))\s*$"
)
# the lettered descriptions a matching exercise lists, in order from "a.", in one block or
# one a block
_LETTERED = re.compile(r"(?:^|(?<=\s))([a-hA-H])\s*[.)．）](?!\w\.)\s+")
MIN_DESCRIPTIONS = 3


def _lettered_descriptions(blocks: Sequence[Block]) -> tuple[dict[str, str], set[int]]:
    """The last list of lettered descriptions before the key, letter (a capital) → text,
    and the blocks it is in: "a. movement of particles … b. a process that …", or a block
    each ("a. …", "b. …"). Three or more, lettered in order from a; a question's own
    options (in the block of its stem) are none."""
    found: tuple[dict[str, str], set[int]] = ({}, set())
    run: dict[str, str] = {}
    at: set[int] = set()
    for index, block in enumerate([*blocks, Block("paragraph", "", 0)]):  # the last closes
        labels = list(_LETTERED.finditer(block.text))
        letters = [m.group(1).upper() for m in labels]
        opening = bool(labels) and labels[0].start() == 0 and not _NUMBER.match(block.text)
        if not (opening and letters == [chr(ord("A") + len(run) + n) for n in range(len(letters))]):
            if len(run) >= MIN_DESCRIPTIONS:
                found = (run, at)
            run, at = {}, set()
            if not (opening and in_order(letters)):
                continue  # no list opens here either
        ends = [m.start() for m in labels[1:]] + [len(block.text)]
        for m, end in zip(labels, ends, strict=True):
            run[m.group(1).upper()] = block.text[m.end() : end].strip(" ;；,，")
        at.add(index)
    return found


def _matched(item: str, answer: str, descriptions: dict[str, str]) -> tuple[str, str] | None:
    """A matching item's name and the description its key letter picks ("1. ____ osmosis"
    and "1. c" with "c. the diffusion of water across a membrane"), or None."""
    match = _MATCH_ITEM.match(_NUMBER.sub("", item, count=1))
    letter = answer.strip().rstrip(".．").upper()
    if match is None or not re.fullmatch(r"[A-H]", letter) or letter not in descriptions:
        return None
    name = (match["a"] or match["b"] or "").strip()
    description = descriptions[letter].rstrip(".。")
    if not name or not _name_sized(name) or not description:
        return None
    return name, description


# an instruction opening a Chinese question: no name alone ("简述气孔开闭的机理")
_ZH_INSTRUCTION = re.compile(
    r"^(?:简述|试述|论述|阐述|概述|简析|试析|说明|解释|分析|比较|列举|举例|计算|证明|求|写出|画出"
    r"|判断|填写|回答|请|根据|阅读|读图|指出)"
)
# the least an answer explaining a name says: a few words, or a Chinese clause
MIN_EXPLAINING_WORDS = 4
MIN_EXPLAINING_HAN = 8


def _explained(question: str, answer: str) -> Completed | None:
    """A question that is a name alone, as a paper's 名词解释 or "Define each term." part
    lists them ("1．光合作用", "2. Homeostasis"), and the key's explanation of it: read as
    a glossary's entry, "光合作用：绿色植物利用光能…", the name stressed; an answer that
    opens on the name ("植物激素是指…", "Osmosis: the …") stands as written. None for a
    question that asks or bids, and for an answer no longer than a name."""
    number = _NUMBER.match(question)
    name = (question[number.end() :] if number else question).strip().rstrip(".。")
    reply = answer.strip()
    chinese = HAN.search(name) is not None
    if (
        not name
        or not _name_sized(name)
        or re.search(r"[?？!！,，;；:：。_＿()（）]", name)
        or (_ZH_INSTRUCTION.match(name) if chinese else _ASKING.search(name))
        or not _NAME_LIKE.match(name)
    ):
        return None
    if (
        len(HAN.findall(reply)) < MIN_EXPLAINING_HAN
        if chinese
        else len(reply.split()) < MIN_EXPLAINING_WORDS
    ):
        return None
    if reply.casefold().startswith(name.casefold()):
        return reply, (name,)
    return f"{name}{'：' if chinese else ': '}{reply}", (name,)


# A matching exercise set in two columns, a line each pair of rows, as a Chinese paper's
# 连线题 sets it: "①叶绿体　　　　A．进行光合作用的场所" (the columns apart by two spaces or
# more); the left item's label is a circled number, a bracketed one or a number
_LEFT_LABEL = r"[\u2460-\u2473]|[（(]\s*\d{1,2}\s*[)）]|\d{1,2}\s*[.．、]"
_COLUMNS_ROW = re.compile(
    rf"^\s*(?P<left>{_LEFT_LABEL})\s*(?P<name>\S(?:.*?\S)?)(?:\s{{2,}}|\u3000+)"
    r"(?P<letter>[A-H])\s*[.．、)）]\s*(?P<description>\S.*)$"
)
# a key's pair, the left label and the letter it goes to: "①—C", "1-C", "(2)→A", "③B"
_KEY_PAIR = re.compile(
    r"(?P<left>[\u2460-\u2473]|[（(]\s*\d{1,2}\s*[)）]|\d{1,2})\s*"
    r"(?:[-–—－→]+|(?<=[\u2460-\u2473]))\s*(?P<letter>[A-H])(?![A-Za-z])"
)


def _left_count(label: str) -> int:
    """A left column's label's count: "③", "（3）", "3．" are each 3."""
    if "\u2460" <= label[0] <= "\u2473":
        return ord(label[0]) - 0x2460 + 1
    return int(re.sub(r"\D", "", label))


def _columns_matched(blocks: Sequence[Block], key: Sequence[Block]) -> list[Block]:
    """The blocks with a two-column matching exercise's rows (`_COLUMNS_ROW`) read as the
    pairs the key makes ("①—C　②—A" after the key's label): each row's name with the
    description its letter picks, a glossary's entry ("叶绿体：进行光合作用的场所"), the name
    stressed. Read as set, each row joined a name to its neighbour's unrelated
    description. Two rows or more, and each of their letters given once."""
    rows = {i: m for i, b in enumerate(blocks) if (m := _COLUMNS_ROW.match(b.text))}
    if len(rows) < MIN_KEY_ITEMS:
        return list(blocks)
    descriptions = {m["letter"]: m["description"].strip() for m in rows.values()}
    pairs = {_left_count(m["left"]): m["letter"] for b in key for m in _KEY_PAIR.finditer(b.text)}
    out = list(blocks)
    for i, row in rows.items():
        letter = pairs.get(_left_count(row["left"]))
        name = row["name"].strip()
        if letter is None or letter not in descriptions or not _name_sized(name):
            continue
        mark = "：" if HAN.search(name + descriptions[letter]) else ": "
        out[i] = _with_answers(blocks[i], f"{name}{mark}{descriptions[letter]}", (name,))
    return out


# The other ways a paper asks what a name is, each read as "What is X?" / "什么是X？":
# "Define osmosis.", "What does the term “enzyme” mean?" ("What is meant by X?" the
# asked-topic patterns read themselves, `questions.asked_topics`),
# "Explain what a vacuole is."; "什么叫光合作用？", "蒸腾作用的概念是什么？", "X是指什么？",
# "解释呼吸作用。" (read as asked, "meant by homeostasis" was a concept and 光合作用 none)
_EN_ASKING_WHAT = re.compile(
    r"^(?:define|give\s+the\s+definition\s+of|what\s+does"
    r"|explain\s+what)\s+(?:the\s+(?:term|word)\s+)?(?:(?:an?|the)\s+)?[“\"']?"
    r"(?P<t>[A-Za-z][A-Za-z'’\- ]{1,50}?)[”\"']?\s*(?:\s(?:mean|means|is|are))?\s*[.?]?$",
    re.I,
)
_ZH_ASKING_WHAT = re.compile(
    r"^(?:什么叫做?|解释|名词解释[:：]?)(?P<a>[\u4e00-\u9fff]{2,12})[？?。.]?$"
    r"|^(?P<b>[\u4e00-\u9fff]{2,12}?)(?:的(?:概念|定义|含义)是什么|是指什么|指的是什么|是什么意思)[？?]?$"
)


def _as_what_is(asked: str, chinese: bool) -> str | None:
    """`asked`, a question about what a name is in another shape, as "What is X?" or
    "什么是X？"; None for any other question (a bid to explain why, a reason's name)."""
    found = (_ZH_ASKING_WHAT if chinese else _EN_ASKING_WHAT).match(asked)
    if found is None:
        return None
    name = (found.group("a") or found.group("b")) if chinese else found.group("t").strip()
    if chinese:
        return None if re.search(r"为什么|原因|如何|怎样", name) else f"什么是{name}？"
    if asked.lower().startswith("what does") and not re.search(r"\smeans?\s*\??$", asked):
        return None  # "What does the enzyme do?" asks no meaning
    return f"What is {name}?"


def _answered(question: str, answer: str) -> str | None:
    """A short-answer question asking what a name is ("6. What is osmosis?", "6．什么是渗透
    作用？"), labelled with the key's answer as a study guide labels its pairs ("Q: What is
    osmosis? A: The movement of water …", read by `definitions.qa_answer`): the key's
    answer is the name's definition. None for any other question, and for a letter."""
    number = _NUMBER.match(question)
    asked = question[number.end() :] if number else question
    reply = answer.strip()
    if not reply or re.fullmatch(r"[A-Ha-h]", reply.rstrip(".．")) or WRITE_IN.search(asked):
        return None
    chinese = HAN.search(asked) is not None
    asked = _as_what_is(asked.strip(), chinese) or asked.strip()
    labelled = f"问：{asked}" if chinese else f"Q: {asked}"
    if not (ZH_WHAT_IS.match(asked) if chinese else len(asked_topics(labelled)) == 1):
        return None
    # the question's own number goes: the label takes its place, as a guide numbers none
    return f"{labelled} {'答：' if chinese else 'A: '}{reply}"


# A key's verdict on a true-or-false item: "T", "True", "√", "对", "正确" (group "true"), or
# "F", "False", "×", "错", "错误"
_TRUE_OR_FALSE = re.compile(
    r"(?P<true>T|True|√|✓|✔|对|正确)|(?:F|False|×|✗|✘|错|错误)", re.IGNORECASE
)
# where the pupil writes the verdict: brackets after a Chinese statement ("…。（　）"), a
# line before an English one ("______ Osmosis is …")
_VERDICT_BRACKETS = re.compile(r"\s*[（(][\s\u3000]*[）)]\s*$")
_VERDICT_LINE = re.compile(rf"^(?:{WRITE_IN.pattern})\s*")


def _judged_true(question: str) -> str | None:
    """A true-or-false item its key calls true, without the place for the verdict: the
    statement, which the text now states ("光合作用的场所是叶绿体。（　）" and "√"); an item
    read with its brackets defines nothing (`definitions.zh_statement_to_judge`). None when the
    item has no such place (then it is no true-or-false item)."""
    number = _NUMBER.match(question)
    prefix = question[: number.end()] if number else ""
    statement = question[len(prefix) :]
    judged = _VERDICT_LINE.sub("", _VERDICT_BRACKETS.sub("", statement), count=1)
    return prefix + judged if judged != statement and judged.strip() else None


def _name_sized(option: str) -> bool:
    most = MAX_CHOSEN_HAN if HAN.search(option) else MAX_CHOSEN_CHARS
    return len(option.split()) <= MAX_CHOSEN_WORDS and len(option) <= most


def _filled(question: str, answer: str) -> Completed | None:
    """`question` with its write-in blanks filled by `answer`'s parts, one a blank in order
    (`_ANSWER_SEPARATOR`, else `_LIST_SEPARATOR` when its count is the blanks'); None when
    the counts differ."""
    blanks = len(WRITE_IN.findall(question))
    reply = answer.strip().rstrip("。.")
    parts = _ANSWER_SEPARATOR.split(reply)
    if len(parts) != blanks and blanks > 1:
        parts = _LIST_SEPARATOR.split(reply)
    if blanks != len(parts) or not all(parts):
        return None
    if any(re.fullmatch(r"[A-Ha-h]", part) for part in parts):
        return None  # a choice's letter (`_chosen`), no word to write in, in either case
    pieces = WRITE_IN.split(question)
    statement = pieces[0] + "".join(a + p for a, p in zip(parts, pieces[1:], strict=True))
    return statement, tuple(parts)


# a written-in name a teacher stresses: a word or a few, no figure alone ("1.5", "3")
_NAME_LIKE = re.compile(r"[A-Za-z\u4e00-\u9fff]")


def _with_answers(block: Block, text: str, names: Sequence[str]) -> Block:
    """The block read as `text`, the statement its key completed, each name the key wrote
    in stressed as a textbook sets its term in bold (`Block.written_in`): the answer is
    what the question teaches ("The distance between two crests is the ______." and
    "wavelength" defines wavelength, not distance). A figure alone is no name."""
    stressed = tuple(n for n in names if _name_sized(n) and _NAME_LIKE.search(n))
    return replace(
        block,
        text=text,
        emphasis=(*block.emphasis, *stressed),
        written_in=(*block.written_in, *stressed),
    )


def _opens_key(text: str) -> bool:
    """The block opens an answer key: its label alone, or the label and numbered answers
    ("参考答案：1．C　2．C"); a question's own answer after the label ("答案：惯性") is none."""
    label = ANSWER_KEY_LABEL.match(text)
    if label is None:
        return False
    rest = text[label.end() :].strip()
    return not rest or rest[0].isdigit()


# a question's own answer on the line after it: "【答案】惯性", "答案：惯性", "Answer: osmosis"
_INLINE_ANSWER = re.compile(
    r"^\s*(?:[【\[](?:参考)?答案[】\]]\s*[:：]?|(?:参考)?答案\s*[:：]|(?:answer|ans)\s*[:：])"
    r"\s*(?P<a>\S.*)$",
    re.IGNORECASE,
)


def _inline_answers_filled(blocks: list[Block], runs: dict[int, int]) -> list[Block]:
    """The blocks with each question whose answer follows it on its own line completed
    with that answer: a fill-in's blanks ("1．……的性质叫做______。" then "【答案】惯性", as a
    知识清单 or a worksheet with its answers writes them), or a multiple-choice stem by the
    option its letter picks, over the option lines between ("2．…叫做（　　）", "A．天气
    B．气候", "【答案】B", as a paper 解析版 sets each question). `runs`: the option blocks,
    each to the first of its run (`questions.option_runs`)."""
    filled = list(blocks)
    for i in range(len(blocks) - 1):
        answer = _INLINE_ANSWER.match(blocks[i + 1].text)
        if answer is None or _key_items(answer["a"]):
            continue  # (a "参考答案：1-5 BCADB" is the paper's key after its last question)
        stem = i
        while stem in runs and stem > 0:
            stem -= 1  # the option lines back to the question's stem
        block = blocks[stem]
        if block.kind not in ("paragraph", "list_item"):
            continue
        options = [blocks[k].text for k in range(stem + 1, i + 1)]
        completed = _chosen(block.text, answer["a"], options) or (
            _filled(block.text, answer["a"]) if stem == i else None
        )
        if completed is not None:
            question, names = completed
            filled[stem] = _with_answers(block, question, names)
    return filled


# A teacher's copy (教师版) writes each choice's letter in the brackets the pupil's copy
# leaves empty, at the stem's end: "…的结构是（ B ）" over "A．细胞壁　B．细胞膜" (or the
# options after it on the line). Not a bracketed option label ("（A）细胞壁　（B）…").
_TEACHERS_LETTER = re.compile(
    r"[（(][\s\u3000]*([A-H])[\s\u3000]*[）)](?=[\s\u3000]*(?:$|A[.．、]))"
)


def _teachers_letters_filled(blocks: list[Block], runs: dict[int, list[int]]) -> list[Block]:
    """The blocks with each choice question a teacher's copy answers completed by the
    option it picks, as by a key's letter (`_chosen`): the letter in its brackets
    (`_TEACHERS_LETTER`), or the one option of its own lines set in bold ("A. habitat",
    "**B. niche**", "C. population"). Read as the pupil's, the stem stated nothing.
    `runs`: each run of option blocks by the block it starts at."""
    filled = list(blocks)
    for i, block in enumerate(blocks):
        if block.kind not in ("paragraph", "list_item"):
            continue
        own = runs.get(i + 1, [])
        following = [blocks[k].text for k in own]
        letter = _TEACHERS_LETTER.search(block.text)
        if letter is not None:
            stem = block.text[: letter.start()] + "（　　）" + block.text[letter.end() :]
            completed = _chosen(stem, letter.group(1), following)
        else:
            marked = _marked_option([blocks[k] for k in own])
            completed = _chosen(block.text, marked, following) if marked else None
            if marked:
                # the bold marks the answer, with its label: the option's name is what the
                # key wrote ("B. niche" was a concept), no stress of the author's
                k = own[ord(marked) - ord("A")]
                names = tuple(option_texts(blocks[k].text)[:1])
                filled[k] = replace(blocks[k], emphasis=names, written_in=names)
        if completed is not None:
            filled[i] = _with_answers(block, *completed)
    return filled


def _marked_option(options: Sequence[Block]) -> str:
    """The letter of the one option line set wholly in bold (or italics) among two or
    more, "" if none or several are."""
    marked = [
        n
        for n, b in enumerate(options)
        if any(span.strip() == b.text.strip() for span in b.emphasis)
    ]
    single = all(len(option_texts(b.text)) == 1 for b in options)  # an option a line
    if len(options) < MIN_KEY_ITEMS or len(marked) != 1 or not single:
        return ""
    return chr(ord("A") + marked[0])
