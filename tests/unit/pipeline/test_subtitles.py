"""Subtitles saved as text (SubRip .srt, WebVTT .vtt), each on captions written for the
test: the cues' spoken text is read, without cue numbers, timings or styling, and Chinese
cues are closed as the sentences they are."""

from __future__ import annotations

from pathlib import Path

from datasources.files.detect import detect
from jobs.pipeline.readers import read
from jobs.pipeline.readers.captions import speech_lines

_SRT = """1
00:00:01,000 --> 00:00:03,500
同学们好 今天我们讲土的压缩性

2
00:00:03,500 --> 00:00:06,000
<i>土在压力作用下体积减小的特性</i>

3
00:00:06,000 --> 00:00:08,000
{\\an8}就叫土的压缩性

4
00:00:08,000 --> 00:00:08,900
{\\an8}就叫土的压缩性

5
00:00:12,000 --> 00:00:15,000
下面我们看固结试验

"""


def _paragraphs(path: Path) -> list[str]:
    return [b.text for b in read(path, detect(path)).blocks()]


def test_cue_numbers_timings_and_styling_are_not_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "土力学第三讲.srt"
    path.write_text(_SRT, encoding="utf-8")
    text = " ".join(_paragraphs(path))
    assert "-->" not in text and "00:00" not in text
    assert "<i>" not in text and "\\an8" not in text
    assert "土在压力作用下体积减小的特性" in text


def test_chinese_cues_are_closed_as_sentences_and_a_repeat_is_kept_once(
    tmp_path: Path,
) -> None:
    path = tmp_path / "土力学第三讲.srt"
    path.write_text(_SRT, encoding="utf-8")
    paragraphs = _paragraphs(path)
    # a pause of more than two seconds before the last cue opens a paragraph
    assert paragraphs[-1] == "下面我们看固结试验"
    # each cue is closed as a sentence (a limit: "…特性" then "就叫…" was one sentence
    # spoken over two cues; only a cue ending on an open word such as 叫 runs on)
    assert paragraphs[0] == (
        "同学们好 今天我们讲土的压缩性。土在压力作用下体积减小的特性。就叫土的压缩性"
    )
    assert paragraphs[0].count("就叫土的压缩性") == 1


def test_a_cue_ending_on_an_open_word_runs_on_into_the_next() -> None:
    lines = [
        "7",
        "00:01:00,000 --> 00:01:02,000",
        "这种测定土体强度的方法叫",
        "",
        "8",
        "00:01:02,000 --> 00:01:04,000",
        "直剪试验",
        "",
        "9",
        "00:01:04,000 --> 00:01:06,000",
        "它操作简单",
        "",
    ]
    assert list(speech_lines(iter(lines))) == [
        "这种测定土体强度的方法叫直剪试验。它操作简单",
        "",
    ]


def test_webvtt_captions_in_english_are_joined_with_spaces(tmp_path: Path) -> None:
    path = tmp_path / "lecture.vtt"
    path.write_text(
        "WEBVTT\n\nNOTE made by hand\n\nintro\n00:00.000 --> 00:02.000 align:start\n"
        "Effective stress is the stress\n\n00:02.000 --> 00:04.000\n"
        "<c.yellow>carried by the soil skeleton.</c>\n\n00:04.000 --> 00:06.000\n"
        "Pore water carries the rest.\n\n",
        encoding="utf-8",
    )
    text = " ".join(_paragraphs(path))
    assert text == (
        "Effective stress is the stress carried by the soil skeleton. Pore water carries the rest."
    )


def test_text_that_only_mentions_a_timing_is_left_as_it_was() -> None:
    lines = ["A subtitle line looks like this:", "", "00:00:01,000 --> 00:00:02,000", ""]
    assert list(speech_lines(iter(lines))) == lines


def test_a_chinese_speakers_fillers_are_not_read() -> None:
    lines = [
        "1",
        "00:00:01,000 --> 00:00:03,000",
        "嗯 那么我们先看渗透系数",
        "",
        "2",
        "00:00:03,000 --> 00:00:05,000",
        "呃，它是土体透水性的指标",
        "",
    ]
    assert list(speech_lines(iter(lines))) == ["那么我们先看渗透系数。它是土体透水性的指标", ""]
