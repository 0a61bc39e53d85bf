"""Subtitles saved as text: a lecture's SubRip (.srt) or WebVTT (.vtt) captions, as a
student downloads them from a video site (a Bilibili CC subtitle, a MOOC's transcript).

Read as plain text, each cue's number and timing line ("12", "00:01:02,500 -->
00:01:05,000") stayed in the prose: a cue's "definition" opened on "71 00:06:15,133 -->
00:06:22,867", and the lecture's sentences, broken across cues, were split into one-line
paragraphs. A file whose first cues carry timing lines is read as its spoken text: numbers,
timings, a WebVTT header and its NOTE / STYLE blocks, and styling tags ("<i>", "{\\an8}")
go; a cue repeated word for word (rolling captions, a bilingual export of one line over
two cues) is kept once; the cues are joined into paragraphs of a few sentences, broken at
a pause in the speech or when a paragraph grows long.

Chinese captions seldom punctuate the end of a cue: two cues joined as they stand ran two
sentences into one ("…声音，图片还举了具体例子"), and a paragraph of them was one sentence
of 400 characters, every definition found in it the whole paragraph. A cue is about one
sentence as it is spoken, so a cue that ends on a Han character (or a bracket closed
after one) is closed with "。" before the next Chinese cue, unless it ends on a word that
leaves its sentence open (叫, 是, 和, 因为 …: the sentence goes on in the next cue).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain, islice

# "00:01:02,500 --> 00:01:05,000" (SRT) or "01:02.500 --> 01:05.000 align:start" (VTT)
_TIME = r"(?:(\d{1,2}):)?(\d{1,2}):(\d{2})[,.](\d{1,3})"
_TIMING = re.compile(rf"\s*{_TIME}\s*-->\s*{_TIME}(?:\s.*)?")
# a WebVTT file's header, and blocks that hold no speech
_VTT_BLOCK = re.compile(r"\s*(?:WEBVTT|NOTE|STYLE|REGION)\b")
# styling in a cue: HTML-like tags (<i>, <font color=…>, <c.yellow>, <00:01:02.000>) and
# ASS overrides ("{\an8}"); "\N" is an ASS line break
_TAGS = re.compile(r"</?[A-Za-z][^<>]*>|<\d[\d:.]*>|\{\\[^{}]*\}")
_HAN = re.compile(r"[\u3400-\u9fff]")
# a Chinese cue's last character that ends a clause without punctuating it: a Han
# character, or a bracket or quote closed after one ("游程编码（Run-Length Encoding）")
_HAN_END = re.compile(r"[\u3400-\u9fff）)」』”》]")
# a cue ending on a word that leaves its sentence open (a verb before its object, a
# conjunction): "…发明了一种高效编码方式叫" then "“霍夫曼树”…" is one sentence
_OPEN_END = re.compile(r"(?:叫做|称为|以及|因为|所以|如果|[叫是把被和与及或从将让给并而但])$")
_SENTENCE_END = re.compile(r"[。！？!?.…]$")

# a file is subtitles when this many of the blocks opening it carry a timing line
_SAMPLE_BLOCKS = 10
MIN_TIMED = 3
# a paragraph ends at a pause this long between cues, or once it is this long and a cue
# ends a sentence (or much longer: captions without any punctuation)
PAUSE_SECONDS = 2.0
PARAGRAPH_CHARS = 200
MAX_PARAGRAPH_CHARS = 400


def subtitle_lines(lines: Iterator[str]) -> Iterator[str]:
    """The lines of a text; when they are subtitles, the cues' spoken text instead, a
    paragraph a line with a blank line after each."""
    lines = iter(lines)
    head = list(islice(lines, _SAMPLE_BLOCKS * 6))
    if not _timed(head):
        yield from chain(head, lines)
        return
    paragraph: list[str] = []
    previous = ""
    last_end: float | None = None
    for start, end, text in _cues(chain(head, lines)):
        if not text or text == previous:
            last_end = end if text else last_end
            continue
        previous = text
        pause = last_end is not None and start - last_end >= PAUSE_SECONDS
        size = sum(len(piece) for piece in paragraph)
        ended = bool(paragraph) and bool(_SENTENCE_END.search(paragraph[-1]))
        if paragraph and (
            pause or size >= MAX_PARAGRAPH_CHARS or (size >= PARAGRAPH_CHARS and ended)
        ):
            yield from (_joined(paragraph), "")
            paragraph = []
        paragraph.append(text)
        last_end = end
    if paragraph:
        yield from (_joined(paragraph), "")


def _timed(head: list[str]) -> bool:
    """At least MIN_TIMED timing lines among the opening lines, the first of them within
    the first three non-blank lines after any WebVTT header."""
    timed = [i for i, line in enumerate(head) if _TIMING.fullmatch(line)]
    if len(timed) < MIN_TIMED:
        return False
    before = [line for line in head[: timed[0]] if line.strip()]
    if before and _VTT_BLOCK.match(before[0]):
        return True
    return len(before) <= 2


def _seconds(groups: tuple[str | None, ...]) -> float:
    hours, minutes, seconds, millis = groups
    return (
        int(hours or 0) * 3600
        + int(minutes or 0) * 60
        + int(seconds or 0)
        + (int((millis or "0").ljust(3, "0")) / 1000)
    )


def _cues(lines: Iterator[str]) -> Iterator[tuple[float, float, str]]:
    """(start, end, text) of each timed cue, its text on one line without tags."""
    block: list[str] = []
    for line in chain(lines, [""]):
        if line.strip():
            block.append(line)
            continue
        for index, text in enumerate(block):
            timing = _TIMING.fullmatch(text)
            if timing:
                groups = timing.groups()
                spoken = [_TAGS.sub("", t).replace("\\N", " ").strip() for t in block[index + 1 :]]
                text = _joined(spoken, between_cues=False)
                yield _seconds(groups[:4]), _seconds(groups[4:]), text
                break
        block = []


def _joined(pieces: list[str], *, between_cues: bool = True) -> str:
    """Pieces of speech in order: between cues, a Chinese piece that ends on a Han
    character is closed with "。" before the next Chinese piece (a cue's own lines are
    one clause wrapped, and join as they stand); other pieces are joined by a space, as
    English captions need."""
    out = ""
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        if not out:
            out = piece
        elif _HAN_END.match(out[-1]) and _HAN.match(piece[0]):
            closed = between_cues and not _OPEN_END.search(out)
            out += ("。" if closed else "") + piece
        elif _HAN.match(out[-1]) or _HAN.match(piece[0]):
            out += piece if out[-1] in "，。！？；：、" else " " + piece
        else:
            out += " " + piece
    return out
