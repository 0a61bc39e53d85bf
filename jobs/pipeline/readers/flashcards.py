"""A flashcard deck or vocabulary list saved as text, as a teacher exports one: Anki's
"Notes in Plain Text" (header lines "#separator:tab", "#html:true", "#deck:…", then one
note a line, its fields split by tabs) or Quizlet's export (one "term<TAB>definition" or
"term - definition" line a card), maybe under a title line.

Read as plain text, a deck of 28 forestry cards was one paragraph of lines run together:
5 concepts, none of them defined, and the deck's header a sentence of it. Someone who
uploads a glossary expects each card's term as a concept with its definition, so each
card is read as one glossary entry ("term: definition", the term stressed, as a
definition list's <dt> and <dd> give), and the deck's name (the last part of Anki's
"#deck:Course::Topic", or a title line above the cards) titles the document.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from jobs.pipeline.lexicon import GLOSSARY_HEADINGS
from jobs.pipeline.model import Block
from jobs.pipeline.readers.blocks import MAX_TERM_CHARS, glossary_entry, make_blocks

# Anki's header lines: "#separator:tab", "#html:true", "#deck:Forestry::Terms",
# "#tags column:3", "#columns:Front\tBack" (a line of the deck itself never opens with "#")
_HEADER = re.compile(r"#([a-z][a-z ]{1,20}):(.*)")
_SEPARATORS = {
    "tab": "\t",
    "comma": ",",
    "semicolon": ";",
    "pipe": "|",
    "colon": ":",
    "space": " ",
}
# Quizlet's and hand-typed lists: "term - definition" (a hyphen or dash with a space on
# each side; a hyphen inside a word, "seed-tree", is no separator)
_DASH = re.compile(r"\s+[-–—]\s+")
# A Chinese 名词解释 list typed by hand: "术语：释义" a line, maybe numbered ("1. 术语：…",
# "3、术语：…"), the colon full-width or not. Read as prose, a list of 70 such cards lost a
# third of its terms and made three twins of one (接口, 程序接口, 即应用程序接口). The front
# is a name: Chinese, short, no clause in it (no comma or full stop).
_ZH_COLON_CARD = re.compile(
    r"\s*(?:\d{1,3}\s*[.、．)）]\s*)?"
    r"(?P<front>[^：:，,。；;？?！!\t]*[\u3400-\u9fff][^：:，,。；;？?！!\t]*?)\s*[：:]\s*"
    r"(?P<back>\S.*)"
)
_TAG = re.compile(r"<br\s*/?>|</?(?:div|p|li)\b[^>]*>", re.IGNORECASE)
_INLINE_TAG = re.compile(r"</?[a-z][a-z0-9]*\b[^>]*>", re.IGNORECASE)
# the fewest cards that make a text a deck, and the share of its lines they must be
MIN_CARDS = 5
CARD_SHARE = 0.8
# the most words a card's front has to be read as a term: a longer one is a question or
# a sentence ("What does the canopy do for the understory?"), and the line is no card
MAX_FRONT_WORDS = 8
# the most lines a text read as a deck has (a deck is read whole; a longer text is prose)
MAX_LINES = 20000


def deck_blocks(lines: Sequence[str]) -> list[Block] | None:
    """The blocks of a flashcard deck (a title heading, then one glossary entry a card),
    or None when `lines` are not one."""
    headers: dict[str, str] = {}
    body: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        header = _HEADER.fullmatch(line.strip()) if not body else None
        if header:
            headers[header.group(1).strip()] = header.group(2).strip()
        else:
            body.append(line.rstrip())
    body = _wordbook(body)
    separator = _SEPARATORS.get(headers.get("separator", "").casefold())
    markup = headers.get("html", "").casefold() == "true"
    meta = _meta_columns(headers)
    if meta and separator is None:
        separator = "\t"
    deck = headers.get("deck", "")
    if "deck column" in meta and body and separator:
        # the deck's name on each note ("Include deck name"): the first note's
        column = meta["deck column"]
        fields = body[0].split(separator)
        deck = fields[column] if column < len(fields) else ""
    cards = [_card(_without(line, separator, meta), separator) for line in body]
    found = [card for card in cards if card]
    # a title line above the cards (Quizlet's set name, a hand-typed heading)
    title = body[0].strip() if body and not cards[0] and len(body[0]) <= MAX_TERM_CHARS else ""
    if len(found) < MIN_CARDS or len(found) < CARD_SHARE * (len(body) - bool(title)):
        return None
    if len({front for front, _ in found}) < CARD_SHARE * len(found):
        # the same few labels again and again ("定义：…", "例：…" in notes): a deck names
        # each term once
        return None
    deck = deck.split("::")[-1].strip()
    blocks: list[Block] = []
    if deck or title:
        named = _topic(_plain(deck or title, markup))
        blocks.extend(make_blocks("heading", named, 1, level=1))
    for card in cards:
        if card:
            term, definition = (_plain(side, markup) for side in card)
            if term and definition:
                blocks.extend(glossary_entry([term], definition))
    return blocks


# A cloze deletion in an Anki note's text: "{{c1::answer}}" or "{{c1::answer::hint}}"; the
# sentence teaches with its answer in place, not with Anki's markup
_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^{}]*)?\}\}", re.DOTALL)
# a sound a field plays ("[sound:heart.mp3]"): media, no text
_SOUND = re.compile(r"\[sound:[^\]]*\]")
# a cloze answer that names something: words, no digit, no clause's punctuation
_NAME = re.compile(r"[^\W\d_][^\d,;:.!?()]*")
# what joins the fields of a note in Anki's collection
FIELD_SEPARATOR = "\x1f"


def note_blocks(deck: str, notes: Sequence[Sequence[str]]) -> list[Block]:
    """The blocks of the notes of an Anki collection (`readers/anki`), as its text export
    reads: the deck's name titles them; a Front/Back note is a glossary entry (its front the
    term, its back the definition), as a card line of the export is; a Cloze note is its
    sentence with the answers filled in; a note whose front is a question or a sentence is
    its front and back as one paragraph (the answer says what the card teaches)."""
    blocks: list[Block] = []
    name = _plain(deck.split("::")[-1], True)
    if name:
        blocks.extend(make_blocks("heading", _topic(name), 1, level=1))
    for note in notes:
        fields = [_SOUND.sub("", field) for field in note]
        if fields and _CLOZE.search(fields[0]):
            # the answers are what the card asks a learner to recall: a name among them
            # is stressed as a term (a number or a clause is no name)
            answers = [_plain(a, True) for a in _CLOZE.findall(fields[0])]
            names = [a for a in answers if _NAME.fullmatch(a) and len(a) <= MAX_TERM_CHARS]
            sentence = _plain(_CLOZE.sub(r"\1", fields[0]), True)
            blocks.extend(make_blocks("paragraph", sentence, 1, emphasis=names))
            continue
        card = _card(FIELD_SEPARATOR.join(fields), FIELD_SEPARATOR)
        if card:
            term, definition = (_plain(side, True) for side in card)
            if term and definition:
                blocks.extend(glossary_entry([term], definition))
                continue
        blocks.extend(make_blocks("paragraph", " ".join(_plain(f, True) for f in fields[:2]), 1))
    return blocks


# Anki's export options put a note's id, note type, deck and tags in columns of their own,
# each named by a header ("#guid column:1", "#notetype column:2", "#deck column:3"); read
# as fields, a note's front was its id ("Fj3k…") and its back the note type ("Basic")
_META_COLUMNS = ("guid column", "notetype column", "deck column", "tags column")


# 有道词典's 单词本 exported as text: "12, glycolysis  [ɡlaɪˈkɒləsɪs]" (number, word, maybe
# its phonetic in brackets) on one line, the gloss ("n. 糖酵解；…") on the next. Read line by
# line, no line was a card and a book of 28 words gave 4 concepts; each word with its gloss
# is one card, the word its front.
_WORDBOOK_HEAD = re.compile(r"\d{1,5}\s*,\s*(?P<word>[^\[\]\t]+?)\s*(?:\[[^\]]*\])?")
# the part of speech a gloss opens with ("n.", "vt.", "adj.", "abbr.")
_POS = re.compile(r"(?:[a-z]{1,5}\.\s*)+")


def _wordbook(body: list[str]) -> list[str]:
    """`body` with each 单词本 entry (a numbered word line, then its gloss) as one
    "word<TAB>gloss" card line; `body` itself when it is not a word book."""
    heads = [_WORDBOOK_HEAD.fullmatch(line.strip()) for line in body]
    if sum(1 for head in heads if head) < MIN_CARDS:
        return body
    cards: list[str] = []
    for line, head in zip(body, heads, strict=True):
        if head:
            cards.append(head.group("word") + "\t")
        elif cards and cards[-1].endswith("\t"):
            # the senses a dictionary sets apart by "；" ("酶；生物催化剂，…") are one
            # answer: cut at the first, the card's definition was the bare name ("酶")
            cards[-1] += _POS.sub("", line.strip(), count=1).replace("；", "，")
        elif cards:
            cards[-1] += " " + line.strip()  # a gloss of more lines: one definition
        else:
            cards.append(line)
    return cards


def _meta_columns(headers: dict[str, str]) -> dict[str, int]:
    """The 0-based index of each of Anki's bookkeeping columns the headers name."""
    return {
        name: int(headers[name]) - 1
        for name in _META_COLUMNS
        if headers.get(name, "").isdigit() and int(headers[name]) > 0
    }


def _without(line: str, separator: str | None, meta: dict[str, int]) -> str:
    """A note's line without its bookkeeping columns (`_meta_columns`)."""
    if not meta or separator is None:
        return line
    skip = set(meta.values())
    return separator.join(f for i, f in enumerate(line.split(separator)) if i not in skip)


def _card(line: str, separator: str | None) -> tuple[str, str] | None:
    """A card line's (front, back), or None when the line is not a card."""
    if separator:
        fields = line.split(separator)
    elif "\t" in line:
        fields = line.split("\t")
    elif colon := _ZH_COLON_CARD.match(line):
        fields = [colon.group("front"), colon.group("back")]
    else:
        fields = _DASH.split(line, maxsplit=1)
    fields = [f.strip() for f in fields]
    if len(fields) < 2 or not fields[0] or not fields[1]:
        return None
    front, back = fields[0], fields[1]  # more fields: Anki's tags, a card's extra notes
    if len(front) > MAX_TERM_CHARS or len(front.split()) > MAX_FRONT_WORDS:
        return None
    if front.rstrip().endswith(("?", ".", ":")):
        return None  # a question or a sentence on the front: a quiz, not a glossary
    return front, back


def _topic(title: str) -> str:
    """A deck's name without the word for what it is: "Silviculture Terms" → "Silviculture",
    "Weather vocabulary" → "Weather". The deck is the glossary; its name's topic titles
    the document (kept whole, "silviculture terms" was a concept of the deck)."""
    words = title.split()
    for cut in (2, 1):
        if len(words) > cut and " ".join(words[-cut:]).casefold() in GLOSSARY_HEADINGS:
            return " ".join(words[:-cut]).rstrip(" :-–—")
    return title


def _plain(text: str, markup: bool) -> str:
    """A field's text: Anki's HTML fields (`#html:true`, or tags in a field) as words."""
    if markup or "<" in text:
        text = _INLINE_TAG.sub("", _TAG.sub(" ", text))
        text = html.unescape(text)
    if len(text) > 1 and text[0] == text[-1] == '"':
        text = text[1:-1].replace('""', '"')  # a field quoted as CSV quotes it
    return " ".join(text.split())
