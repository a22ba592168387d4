from __future__ import annotations

from desktop.export import export_transcript
from desktop.export.plain_text import TextOptions, format_timestamp
from tests.helpers.results import load


def _txt(name: str, **options: bool) -> str:
    return export_transcript(load(name), "txt", TextOptions(**options)).decode("utf-8")


def test_plain_text_is_one_sentence_per_line_in_time_order() -> None:
    assert _txt("two_channels") == (
        "您好，请问有什么可以帮您？\n我的订单还没到。\n好的，我查一下。\n太慢了！\n"
    )


def test_timestamps_prefix_each_line() -> None:
    lines = _txt("diarization", timestamps=True).splitlines()
    assert lines[0] == "[00:00:00.300] How did you start?"
    assert lines[3] == "[00:00:05.400] 后来我们搬到了杭州。"


def test_speaker_turns_merge_consecutive_sentences_of_one_speaker() -> None:
    assert _txt("diarization", speakers=True) == (
        "Speaker 1: How did you start?\n"
        "Speaker 2: I started in 2019.\n"
        "Speaker 1: 然后呢？\n"
        "Speaker 2: 后来我们搬到了杭州。\n"
    )
    call = _txt("two_channels", speakers=True, timestamps=True).splitlines()
    assert call[0] == "[00:00:00.200] Channel 0: 您好，请问有什么可以帮您？"


def test_speakers_without_speaker_data_fall_back_to_plain_lines() -> None:
    assert _txt("paraformer_zh_en", speakers=True) == "Hello world, 这里是阿里巴巴语音实验室。\n"


def test_hostile_text_keeps_one_line_per_sentence_and_drops_control_characters() -> None:
    lines = _txt("hostile").splitlines()
    assert len(lines) == 11  # twelve sentences, one of them blank
    assert lines[0] == "line one line two after a blank line"
    assert lines[6] == "BOM at start nul bell [31mansi nel ls"


def test_empty_transcript_gives_an_empty_file_and_long_times_format() -> None:
    assert _txt("empty") == ""
    assert format_timestamp(12 * 3600_000 + 61_001) == "12:01:01.001"
