"""The rule check: every broken rule named with its cue number and time."""

from __future__ import annotations

import msgspec
import pytest

from desktop.domain.subtitle_check import check, errors
from desktop.domain.subtitle_presets import BUILTIN_PRESETS, Preset, builtin, word_count
from desktop.domain.subtitles import Cue, CueNote


def rules(violations: list) -> list[tuple[int, str]]:
    return [(v.cue, v.rule) for v in violations]


def test_each_netflix_rule_is_reported_at_its_cue() -> None:
    cues = [
        Cue(0, 2000, ("A line that is far too long for any Netflix English subtitle",)),
        Cue(2100, 4000, ("one", "two", "three")),
        Cue(4100, 4500, ("Short.",)),
        Cue(4600, 12_000, ("Seven seconds is the most a cue may stay.",)),
        Cue(11_900, 13_000, ("Overlaps the cue before.",)),
        Cue(13_040, 15_000, ("Only 40 ms after the one before.",)),
    ]
    found = check(cues, builtin("netflix-en"))
    assert rules(errors(found)) == [
        (1, "line-too-long"),
        (2, "too-many-lines"),
        (3, "too-short"),
        (4, "too-long"),
        (4, "overlap"),
        (5, "gap"),
    ]
    assert found[0].start_ms == 0 and found[0].end_ms == 2000
    assert found[0].message == "line 1 is 60 columns long; the limit is 42"


def test_reading_speed_is_a_warning_not_an_error() -> None:
    fast = [Cue(0, 900, ("This is far too much text to read so fast.",))]
    found = check(fast, builtin("netflix-en"))
    assert [(v.rule, v.severity) for v in found] == [("too-fast", "warning")]
    assert errors(found) == []


def test_chinese_reading_speed_counts_characters() -> None:
    cue = [Cue(0, 1000, ("我们今天讨论一下这个项目",))]  # 12 characters in one second
    assert rules(check(cue, builtin("netflix-zh-hans"))) == [(1, "too-fast")]
    slower = [Cue(0, 1400, ("我们今天讨论一下这个项目",))]
    assert check(slower, builtin("netflix-zh-hans")) == []


def test_japanese_half_width_characters_count_half() -> None:
    preset = builtin("netflix-ja")
    fits = [Cue(0, 5000, ("ＡＢＣ会議abcdefghij",))]  # 5 full + 10 half = 10 characters
    assert check(fits, preset) == []
    too_long = [Cue(0, 5000, ("会議会議会議会議会議会議会議",))]  # 14 full-width
    assert rules(check(too_long, preset)) == [(1, "line-too-long")]


def test_the_two_frame_gap_follows_the_frame_rate() -> None:
    cues = [Cue(0, 1000, ("First.",)), Cue(1070, 2000, ("Second.",))]  # 70 ms apart
    assert rules(check(cues, builtin("netflix-en"), fps=24)) == [(1, "gap")]  # needs 84
    assert check(cues, builtin("netflix-en"), fps=30) == []  # needs 67


def test_bbc_gaps_are_closed_or_at_least_a_second() -> None:
    preset = builtin("bbc")
    closed = [Cue(0, 1000, ("One.",)), Cue(1000, 2000, ("Two.",))]
    assert check(closed, preset) == []
    short_gap = [Cue(0, 1000, ("One.",)), Cue(1500, 2500, ("Two.",))]
    found = check(short_gap, preset)
    assert rules(found) == [(1, "gap")]
    assert "close it or leave at least 1 s" in found[0].message


def test_bbc_reading_speed_is_words_per_minute() -> None:
    assert word_count(["Don't stop now, it's 2019."]) == 5
    cues = [Cue(0, 1000, ("One two three four.",))]  # 240 wpm
    assert [(v.rule, v.message) for v in check(cues, builtin("bbc"))] == [
        ("too-fast", "240 words/min; the limit is 180")
    ]


def test_the_sentence_preset_allows_overlapping_channels() -> None:
    cues = [Cue(0, 3000, ("Agent speaks.",)), Cue(2000, 4000, ("Caller interrupts.",))]
    assert check(cues, builtin("sentence")) == []


def test_cues_are_numbered_in_time_order_and_notes_explain_violations() -> None:
    cues = [Cue(5000, 5300, ("Later.",)), Cue(0, 1000, ("Earlier one.",))]
    notes = [CueNote(0, "too-short", "the next speaker starts at once")]
    found = check(cues, builtin("netflix-en"), notes=notes)
    assert rules(found) == [(2, "too-short")]
    assert found[0].reason == "the next speaker starts at once"


def test_builtin_presets_carry_their_published_numbers_and_sources() -> None:
    en, zh, ja = builtin("netflix-en"), builtin("netflix-zh-hans"), builtin("netflix-ja")
    assert (en.max_chars, en.max_lines, en.max_cps) == (42, 2, 20)
    assert (zh.max_chars, zh.unit, zh.max_cps) == (16, "characters", 9)
    assert (ja.max_chars, ja.unit, ja.max_cps) == (13, "full-width", 4)
    assert (en.min_duration_ms, en.max_duration_ms, en.min_gap_frames) == (834, 7000, 2)
    bbc, vertical = builtin("bbc"), builtin("vertical")
    assert (bbc.max_chars, bbc.max_wpm, bbc.min_open_gap_ms) == (37, 180, 1000)
    assert (vertical.max_chars, vertical.max_lines) == (25, 3)
    assert all(p.source for p in BUILTIN_PRESETS)


def test_a_preset_with_impossible_numbers_is_refused() -> None:
    with pytest.raises(msgspec.ValidationError, match="max_lines must be positive"):
        msgspec.json.decode(b'{"id": "x", "name": "x", "max_lines": 0}', type=Preset)
