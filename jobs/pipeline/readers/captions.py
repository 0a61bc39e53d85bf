"""A recorded lecture's captions (WebVTT `.vtt`, SubRip `.srt`) as a teacher or a student
downloads them from a video site (a MOOC's, YouTube's, a Bilibili CC subtitle), read as
the speech they hold.

A caption file is text, and read as plain text every cue's number and its timing line
("00:01:02.500 --> 00:01:05.000") were words of the lecture, each sentence was cut into
two-line pieces a cue apart, and the player's marks ("<v Speaker>", "<c>", "[APPLAUSE]")
stayed in: a synthetic-biology lecture gave 17 concepts, its questions answered with
"102 00:07:00.938 --> …", and definitions could not be found in sentences split over cues.

Here the cues' text is joined back into paragraphs of speech: a new paragraph where the
speaker changes (a voice tag naming someone else, a ">>" or "NAME:" turn, as captioners
mark it) or after a pause, and otherwise every few sentences, so pages and sentences are
what the lecture said. Dropped: the WEBVTT header and its NOTE / STYLE / REGION blocks, cue
numbers and timings, inline tags, karaoke timestamps and ASS overrides ("{\\an8}"), sound
cues ("[MUSIC]", "(APPLAUSE)", "♪"), fillers ("um", "uh", 嗯, 呃), and a line that repeats the one
before it (an automatic caption's rolling window shows each line twice; a bilingual export
repeats a cue).

Chinese captions seldom punctuate the end of a cue: two cues joined as they stand ran two
sentences into one ("…声音，图片还举了具体例子"), and a paragraph of them was one sentence
of 400 characters, every definition found in it the whole paragraph. A cue is about one
sentence as it is spoken, so a cue that ends on a Han character (or a bracket closed after
one) is closed with "。" before the next Chinese cue, unless it ends on a word that leaves
its sentence open (叫, 是, 和, 因为 …: the sentence goes on in the next cue); a cue's own
lines are one clause wrapped, and join as they stand.

A Bilibili CC subtitle as its download tools save it (.json or .bcc) is one JSON object
whose "body" lists the cues as {"from": seconds, "to": seconds, "content": text}. Read as
text, every cue's "from", "sid", "location" and "music" were words of the lecture ("location",
"content", "music" were its first concepts) and each definition was a run of JSON;
`bcc_speech` reads the cues out of the object and joins them as any other track's.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from itertools import chain, islice

from jobs.pipeline.textutil import has_han

# "00:01:02.500 --> 00:01:05.000" (WebVTT, hours optional) or "00:01:02,500 --> …" (SubRip),
# maybe followed by cue settings ("align:start position:0%")
_TIMING = re.compile(
    r"\s*((?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3})"
)
_HEADER = re.compile(r"\ufeff?WEBVTT(?:[ \t].*)?$")
_BLOCK_KEYWORD = re.compile(r"(?:NOTE|STYLE|REGION)(?:\s|$)")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[a-z][\w.-]*(?:\s[^>]*)?>|<\d{1,3}(?::\d{2}){1,2}\.\d{3}>|\{\\[^}]*\}")
# a cue (or part of one) that is a sound, not speech: "[MUSIC PLAYING]", "(APPLAUSE)", "♪ … ♪"
_SOUND = re.compile(r"\[[^\]\n]{1,40}\]|\((?:[A-Z][A-Z '-]{2,38})\)|♪[^♪\n]*♪?|♫")
# (and a Chinese speaker's 嗯, 呃: interjections only, never a word's part)
_FILLER = re.compile(
    r"(?<![\w'’-])(?:u+m+|u+h+|e+r+m+|h+m+)(?![\w'’-])[,.]?\s*|[嗯呃]+[，,。…]*\s*",
    re.IGNORECASE,
)
# a turn as captioners mark it: ">> " or "- " opening a line, or a label in capitals
_TURN = re.compile(r"\s*(?:>>+|-(?=\s))\s*")
_LABEL = re.compile(r"\s*[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,2}:\s")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"”’)）」』]?$")
# a sentence's end inside a line (cues break lines mid-sentence, so a sentence mostly ends
# inside one): the last such place
_LAST_SENTENCE_END = re.compile(r".*[.!?…][\"”’)]?(?=\s+\S)")
# a Chinese cue's last character that ends a clause without punctuating it: a Han
# character, or a bracket or quote closed after one ("游程编码（Run-Length Encoding）")
_HAN_END = re.compile(r"[\u3400-\u9fff）)」』”》]")
# a cue ending on a word that leaves its sentence open (a verb before its object, a
# conjunction): "…发明了一种高效编码方式叫" then "“霍夫曼树”…" is one sentence
_OPEN_END = re.compile(r"(?:叫做|称为|以及|因为|所以|如果|[叫是把被和与及或从将让给并而但])$")
_CLOSED_BY = "，。！？；：、"  # punctuation after which a Chinese piece follows with no space

# the cues a sample must show to be read as captions
MIN_CUES = 2
SAMPLE_LINES = 40
# a silence this long (seconds) between cues ends a paragraph at a sentence's end
PAUSE_SECONDS = 3.0
# a paragraph this long ends at its next sentence end, or, with no sentence end in sight
# (an automatic caption track has no punctuation), at a pause or at twice the length
PARAGRAPH_CHARS = 900


def speech_lines(lines: Iterable[str]) -> Iterator[str]:
    """The lines of a text; when they are captions, the speech they hold instead, one
    paragraph a line with a blank line after it."""
    lines = iter(lines)
    head = list(islice(lines, SAMPLE_LINES))
    if looks_like_captions(head):
        yield from paragraph_lines(chain(head, lines))
    else:
        yield from chain(head, lines)


def looks_like_captions(lines: list[str]) -> bool:
    """A WebVTT header on the first line, or (SubRip) cue timings in the sample, each right
    after a cue number or a blank line."""
    if lines and _HEADER.match(lines[0].strip()):
        return True
    timings = [i for i, line in enumerate(lines[:SAMPLE_LINES]) if _TIMING.match(line)]
    numbered = sum(1 for i in timings if i == 0 or lines[i - 1].strip().isdigit())
    return len(timings) >= MIN_CUES and numbered >= MIN_CUES


def paragraph_lines(lines: Iterable[str]) -> Iterator[str]:
    """The speech of the caption lines, one paragraph a line with a blank line after it."""
    for paragraph in _paragraphs(_cues(lines)):
        yield paragraph
        yield ""


def bcc_speech(text: str) -> list[str] | None:
    """The speech of a Bilibili CC subtitle (see the module's note), one paragraph a line
    with a blank line after it; None when the text is not one (not JSON, or no "body" of
    cues with a "content" and numeric "from" / "to")."""
    if not text.lstrip().startswith("{") or '"body"' not in text:
        return None
    try:
        data = json.loads(text)
    except ValueError:  # cut short or damaged: read as the text it is
        return None
    body = data.get("body") if isinstance(data, dict) else None
    if not isinstance(body, list) or not body:
        return None
    cues: list[tuple[float, float, list[str]]] = []
    for cue in body:
        if not isinstance(cue, dict) or not isinstance(cue.get("content"), str):
            return None
        start, end = cue.get("from"), cue.get("to")
        if not isinstance(start, int | float) or not isinstance(end, int | float):
            return None
        cues.append((float(start), float(end), cue["content"].splitlines()))
    return [line for paragraph in _paragraphs(cues) for line in (paragraph, "")]


def _seconds(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    return sum(float(part) * 60**power for power, part in enumerate(reversed(parts)))


def _cues(lines: Iterable[str]) -> Iterator[tuple[float, float, list[str]]]:
    """(start, end, text lines) of each cue, in order; header and note blocks skipped."""
    block: list[str] = []
    for line in chain(lines, [""]):
        if line.strip():
            block.append(line.rstrip())
            continue
        if block and not _BLOCK_KEYWORD.match(block[0]):
            for index, text in enumerate(block):
                if timing := _TIMING.match(text):
                    yield _seconds(timing.group(1)), _seconds(timing.group(2)), block[index + 1 :]
                    break
        block = []


# a piece of speech and the number of the cue it came from
Piece = tuple[str, int]


def _paragraphs(cues: Iterable[tuple[float, float, list[str]]]) -> Iterator[str]:
    pieces: list[Piece] = []
    speaker: str | None = None
    last_end = 0.0
    previous = ""

    def flush() -> Iterator[str]:
        text = _joined(pieces).strip()
        pieces.clear()
        if text:
            yield text

    for number, (start, end, texts) in enumerate(cues):
        paused = start - last_end >= PAUSE_SECONDS and bool(pieces)
        if paused and (_ends_sentence(pieces[-1][0]) or _chars(pieces) >= PARAGRAPH_CHARS):
            yield from flush()
        last_end = end
        for raw in texts:
            voice = _VOICE.search(raw)
            if voice and voice.group(1).strip() != speaker:
                speaker = voice.group(1).strip()
                yield from flush()
            text = html.unescape(_TAG.sub("", raw)).replace("\\N", " ")
            text = _FILLER.sub("", _SOUND.sub(" ", text)).strip()
            if not text or text == previous:
                continue  # a sound cue, or a rolling caption's repeated line
            previous = text
            # a turn: the speech goes on in a new paragraph, without its marker or the
            # speaker's name (a name is no concept of the lecture)
            turn = _TURN.match(text) or _LABEL.match(text)
            if turn:
                yield from flush()
                text = text[turn.end() :]
            pieces.append((text, number))
            if _chars(pieces) < PARAGRAPH_CHARS:
                continue
            inside = _LAST_SENTENCE_END.match(text)
            # (a Chinese cue closed as a sentence ends one too: unpunctuated, a lecture
            # with no long pause was one paragraph of 1,800 characters, a whole bcc track)
            if _ends_sentence(text) or _chars(pieces) >= 2 * PARAGRAPH_CHARS:
                yield from flush()
            elif inside:  # the paragraph ends where the sentence does, the line goes on
                pieces[-1] = (inside.group(0), number)
                yield from flush()
                pieces.append((text[inside.end() :].strip(), number))
    yield from flush()


def _ends_sentence(text: str) -> bool:
    """The piece ends a sentence: punctuated so, or a Chinese cue closed as one."""
    return bool(_SENTENCE_END.search(text)) or (
        bool(_HAN_END.search(text[-1:])) and not _OPEN_END.search(text)
    )


def _joined(pieces: list[Piece]) -> str:
    """Pieces of speech in order: a Chinese piece that ends on a Han character is closed
    with "。" before the next cue's Chinese piece unless its sentence stays open; lines of
    one cue join as they stand; other pieces are joined by a space, as English needs."""
    out = ""
    cue = -1
    for piece, number in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if not out:
            out = piece
        elif _HAN_END.match(out[-1]) and has_han(piece[0]):
            closed = number != cue and not _OPEN_END.search(out)
            out += ("。" if closed else "") + piece
        elif has_han(out[-1]) or has_han(piece[0]):
            out += piece if out[-1] in _CLOSED_BY else " " + piece
        else:
            out += " " + piece
        cue = number
    return out


def _chars(pieces: list[Piece]) -> int:
    return sum(len(text) for text, _ in pieces)
