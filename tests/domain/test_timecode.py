"""SMPTE timecode: drop-frame labels, non-drop 23.976, parsing and frame steps."""

from __future__ import annotations

import pytest

from desktop.domain.timecode import (
    FPS_23_976,
    FPS_25,
    FPS_29_97_DF,
    FPS_59_94_DF,
    TimecodeError,
    format_timecode,
    frame_to_ms,
    ms_to_frame,
    parse_timecode,
    rate_of,
    snap_to_frame,
    step_frames,
)


def test_drop_frame_skips_the_first_two_labels_of_most_minutes() -> None:
    before = frame_to_ms(1799, FPS_29_97_DF)  # the last frame of minute 0
    assert format_timecode(before, FPS_29_97_DF) == "00:00:59;29"
    assert format_timecode(frame_to_ms(1800, FPS_29_97_DF), FPS_29_97_DF) == "00:01:00;02"
    tenth = 17982  # frames in ten minutes: no labels skipped at minute 10
    assert format_timecode(frame_to_ms(tenth, FPS_29_97_DF), FPS_29_97_DF) == "00:10:00;00"


def test_every_drop_frame_label_of_an_hour_parses_back_to_its_frame() -> None:
    for rate in (FPS_29_97_DF, FPS_59_94_DF):
        for frame in range(0, 3600 * rate.nominal, 7):
            ms = frame_to_ms(frame, rate)
            assert ms_to_frame(parse_timecode(format_timecode(ms, rate), rate), rate) == frame


def test_23_976_counts_24_labels_a_second_and_runs_behind_the_clock() -> None:
    one_hour_of_frames = 24 * 3600
    ms = frame_to_ms(one_hour_of_frames, FPS_23_976)
    assert format_timecode(ms, FPS_23_976) == "01:00:00:00"
    assert ms == 3_603_600  # 0.1 % later than the label says
    assert parse_timecode("01:00:00:00", FPS_23_976) == ms


def test_bad_timecodes_say_how_to_type_them() -> None:
    with pytest.raises(TimecodeError, match="frames run from 00 to 24"):
        parse_timecode("00:00:01:25", FPS_25)
    with pytest.raises(TimecodeError, match=r"only at 29\.97 and 59\.94"):
        parse_timecode("00:00:01;05", FPS_25)
    with pytest.raises(TimecodeError, match="starts at 00:01:00;02"):
        parse_timecode("00:01:00;00", FPS_29_97_DF)
    with pytest.raises(TimecodeError, match="hh:mm:ss:ff"):
        parse_timecode("1.5 s", FPS_25)


def test_rates_are_recognised_from_rounded_numbers() -> None:
    assert rate_of(23.976) == FPS_23_976
    assert rate_of(29.97) == FPS_29_97_DF
    assert rate_of(29.97, drop_frame=False).drop_frame is False
    assert rate_of(25) == FPS_25


def test_frame_steps_land_on_frame_starts() -> None:
    assert snap_to_frame(1010, FPS_25) == 1000
    assert step_frames(1010, 1, FPS_25) == 1040
    assert step_frames(1010, -1, FPS_25) == 960
    assert step_frames(10, -5, FPS_25) == 0
