"""A video's caption file (WebVTT, SubRip) is read as the speech it holds: cue numbers,
timings, tags, sound cues, fillers and repeated rolling lines go, sentences cut across cues
are joined again, and a change of speaker starts a new paragraph. Captions written for
the test."""

from __future__ import annotations

import json
from pathlib import Path

from datasources.files.detect import detect
from jobs.pipeline.readers import read
from jobs.pipeline.readers.captions import bcc_speech, looks_like_captions, paragraph_lines

_VTT = """WEBVTT
Kind: captions
Language: en

NOTE written for a unit test

1
00:00:00.000 --> 00:00:02.000
[MUSIC PLAYING]

2
00:00:02.500 --> 00:00:05.000 align:start position:0%
<v Dr. Lane>Um, a tide pool is a shallow
basin the sea leaves behind

3
00:00:05.000 --> 00:00:07.400
basin the sea leaves behind
at low tide.</v> [LAUGHTER]

4
00:00:07.500 --> 00:00:10.000
<v Student>So does the water <c.yellow>warm up</c> there?

5
00:00:10.100 --> 00:00:12.000
<v Dr. Lane>It does, uh, quite fast &amp; it
gets saltier too.
"""

_SRT = """1
00:00:01,000 --> 00:00:03,000
Salinity is the amount of salt

2
00:00:03,000 --> 00:00:05,500
dissolved in a body of water.

3
00:00:09,000 --> 00:00:11,000
>> Is it measured in grams?

4
00:00:11,000 --> 00:00:13,000
PROFESSOR: In grams per kilogram.
"""


def _speech(captions: str) -> list[str]:
    return [line for line in paragraph_lines(captions.splitlines()) if line]


def test_webvtt_cues_are_joined_into_the_speech_they_hold() -> None:
    assert _speech(_VTT) == [
        "a tide pool is a shallow basin the sea leaves behind at low tide.",
        "So does the water warm up there?",
        "It does, quite fast & it gets saltier too.",
    ]


def test_subrip_turns_and_pauses_start_paragraphs_without_the_speakers_name() -> None:
    assert _speech(_SRT) == [
        "Salinity is the amount of salt dissolved in a body of water.",
        "Is it measured in grams?",
        "In grams per kilogram.",
    ]


def test_only_timed_cues_make_a_file_captions() -> None:
    assert looks_like_captions(_VTT.splitlines())
    assert looks_like_captions(_SRT.splitlines())
    # a text quoting one timing line, or numbering its paragraphs, is no caption file
    prose = ["1", "Start the clip at 00:01:02.500 --> 00:01:05.000 and stop.", "", "2", "Then"]
    assert not looks_like_captions(prose)


def test_an_uploaded_caption_file_reads_without_numbers_or_timings(tmp_path: Path) -> None:
    path = tmp_path / "lecture.srt"
    path.write_text(_SRT, encoding="utf-8")
    texts = [block.text for block in read(path, detect(path)).blocks()]
    assert texts[0] == "Salinity is the amount of salt dissolved in a body of water."
    assert not any("-->" in text or text.strip().isdigit() for text in texts)


def test_an_automatic_track_without_punctuation_is_still_cut_into_paragraphs() -> None:
    # an automatic caption track: lower case, no full stops, each line shown twice as it
    # rolls up, word timings inside the lines
    cues = ["WEBVTT", "Kind: captions", "Language: en", ""]
    previous = ""
    for n in range(400):
        start = n * 2.0
        line = f"so the glacier moves<00:00:0{n % 10}.500><c> downhill</c> step {n}"
        cues += [
            f"00:{int(start // 60):02d}:{start % 60:06.3f} --> 00:59:00.000",
            previous,
            line,
            "",
        ]
        previous = f"so the glacier moves downhill step {n}"
    paragraphs = _speech("\n".join(cues))
    assert len(paragraphs) > 1
    assert all(len(p) < 2000 for p in paragraphs)
    assert "<c>" not in paragraphs[0] and paragraphs[0].startswith("so the glacier moves downhill")
    # each rolled-up line once
    assert paragraphs[0].count("step 1 ") == 1


def test_a_long_paragraph_ends_where_a_sentence_ends_inside_a_cue() -> None:
    cues = ["WEBVTT", ""]
    for n in range(120):
        cues += [f"00:00:{n // 2:02d}.{(n % 2) * 500:03d} --> 00:59:00.000"]
        cues += [f"dunes climb the slope in step {n}. Then the", "wind turns them", ""]
    paragraphs = _speech("\n".join(cues))
    assert len(paragraphs) > 1
    # each paragraph ends on a sentence's end and the next opens the next sentence
    assert all(p.endswith(".") for p in paragraphs[:-1])
    assert all(p.startswith("Then the wind turns them") for p in paragraphs[1:])


def test_a_bilibili_json_subtitle_reads_as_its_cues_speech(tmp_path: Path) -> None:
    # a video site's CC subtitle saved as JSON: cues in "body" with from/to/content and
    # player fields; only the content is speech, and unpunctuated Chinese cues are closed
    cues = [
        {"from": 0.2, "to": 2.0, "sid": 1, "location": 2, "content": "今天讲潮汐", "music": 0.0},
        {
            "from": 2.2,
            "to": 5.0,
            "sid": 2,
            "location": 2,
            "content": "潮汐是海水受月球引力产生的周期性涨落",
            "music": 0.0,
        },
    ]
    document = {"font_size": 0.4, "lang": "zh", "version": "v1.6.0.4", "body": cues}
    path = tmp_path / "lecture.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    texts = [block.text for block in read(path, detect(path)).blocks()]
    assert texts == ["今天讲潮汐。潮汐是海水受月球引力产生的周期性涨落"]


def test_json_that_is_not_a_subtitle_is_left_as_it_is() -> None:
    assert bcc_speech('{"body": [{"text": "no cue here"}]}') is None
    assert bcc_speech('{"body": [{"from": 0, "to": 1, "content": "cut sh') is None
    assert bcc_speech("Plain prose, not JSON.") is None


def test_unpunctuated_chinese_cues_without_pauses_end_a_long_paragraph_at_a_cue() -> None:
    # cue after cue with no pause and no punctuation: past the paragraph's length, a cue
    # that ends as a clause ends the paragraph, as a full stop would
    cues = ["WEBVTT", ""]
    for n in range(200):
        minute, second = divmod(n * 2, 60)
        cues += [f"00:{minute:02d}:{second:02d}.000 --> 00:{minute:02d}:{second + 1:02d}.900"]
        cues += [f"第{n}段讲的是地球公转的轨道参数", ""]
    paragraphs = _speech("\n".join(cues))
    assert len(paragraphs) >= 3
    assert all(len(p) < 1200 for p in paragraphs)
