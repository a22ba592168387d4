"""Frame rates and shot changes read from real videos made at test time."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.timecode import FrameRate, frame_to_ms
from desktop.media.frame_rate import read_frame_rate
from desktop.media.shot_changes import cache_path, shot_changes_for
from tests.helpers.cut_video import cut_video
from tests.helpers.media import speech


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        ("24000/1001", FrameRate(24000, 1001)),
        ("25", FrameRate(25)),
        ("30000/1001", FrameRate(30000, 1001, drop_frame=True)),
        ("60000/1001", FrameRate(60000, 1001, drop_frame=True)),
    ],
)
def test_the_frame_rate_is_read_from_the_video_not_assumed(
    tmp_path: Path, rate: str, expected: FrameRate
) -> None:
    video = cut_video(tmp_path / "v.mp4", rate, shots=(0.5, 0.5))
    assert read_frame_rate(video) == expected


def test_audio_has_no_frame_rate(tmp_path: Path) -> None:
    assert read_frame_rate(speech(tmp_path / "a.wav", "hello")) is None


def test_a_hard_cut_is_found_on_its_first_frame_and_cached(tmp_path: Path) -> None:
    video = cut_video(tmp_path / "cut.mp4", "24000/1001", shots=(2.0, 1.5, 1.0))
    rate = FrameRate(24000, 1001)
    # Each shot is a whole number of frames: 2 s = 48 frames, 1.5 s = 36 frames.
    expected = [frame_to_ms(48, rate), frame_to_ms(84, rate)]
    seen: list[int] = []
    shots = shot_changes_for(video, on_progress=seen.append)
    assert shots is not None
    assert [abs(a - b) <= 1 for a, b in zip(shots, expected, strict=True)] == [True, True]
    assert cache_path(video).read_text().split() == [f"{s / 1000:.3f}" for s in shots]
    assert seen  # progress was reported from the start
    assert shot_changes_for(video, on_progress=lambda _ms: pytest.fail("decoded again")) == shots


def test_detection_can_be_stopped(tmp_path: Path) -> None:
    video = cut_video(tmp_path / "cut.mp4", "25", shots=(1.0, 1.0))
    assert shot_changes_for(video, should_stop=lambda: True) is None
    assert not cache_path(video).exists()
