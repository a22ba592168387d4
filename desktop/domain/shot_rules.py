"""Cue edges and shot changes: where an edge near a cut should go, and which edges break it.

Netflix's timing guide (``shared/docs/subtitle-conventions.md`` §1–2): an
edge near a shot change either sits on it or keeps away from it. "Near" is
half a second in frames at the media's rate (12 at 23.976/24, 13 at 25, 15 at
29.97). As Subtitle Edit's ``NetflixCheckShotChange`` applies it:

- an in-cue 1..h-1 frames *after* a cut moves to the cut;
- an in-cue before a cut by fewer than ¾·h frames (1–8 at 24 fps) moves to
  the cut; by more (9–11) it should move to h frames before, which the
  check reports and the fix does;
- an out-cue within h frames of a cut (before, on or after it) ends the
  minimum gap (2 frames) before the cut, unless that leaves the cue under
  its minimum duration: then h frames after the cut, if the next cue allows.

Shot changes are media times in milliseconds, sorted (``media.shot_changes``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from desktop.domain.messages import say, template
from desktop.domain.timecode import FrameRate, frame_to_ms, ms_to_frame


class ShotZone:
    """The frame distances of one rate: ``half`` (h), the snap limit before a cut, the gap."""

    __slots__ = ("gap", "half", "rate", "snap_before")

    def __init__(self, rate: FrameRate, gap_frames: int = 2) -> None:
        self.rate = rate
        self.half = round(rate.fps / 2)
        self.snap_before = round(0.75 * self.half)
        self.gap = gap_frames


def nearest_shot(shots: Sequence[int], ms: int) -> int | None:
    """The shot change nearest ``ms``, or None when there are none."""
    position = bisect_left(shots, ms)
    best: int | None = None
    for index in (position - 1, position):
        if 0 <= index < len(shots) and (best is None or abs(shots[index] - ms) < abs(best - ms)):
            best = shots[index]
    return best


def start_target(start_ms: int, shots: Sequence[int], zone: ShotZone) -> tuple[int, str] | None:
    """Where an in-cue near a cut should go and why, or None when it is fine."""
    shot = nearest_shot(shots, start_ms)
    if shot is None:
        return None
    frames = ms_to_frame(start_ms, zone.rate) - ms_to_frame(shot, zone.rate)
    if frames == 0 or abs(frames) >= zone.half:
        return None
    if frames > 0:
        return shot, say(
            "starts {frames} frames after a shot change; start it on the shot change",
            frames=frames,
        )
    if -frames < zone.snap_before:
        return shot, say(
            "starts {frames} frames before a shot change; start it on the shot change",
            frames=-frames,
        )
    before = frame_to_ms(ms_to_frame(shot, zone.rate) - zone.half, zone.rate)
    return before, say(
        "starts {frames} frames before a shot change; start it {half} frames before it",
        frames=-frames,
        half=zone.half,
    )


def end_target(
    start_ms: int, end_ms: int, shots: Sequence[int], zone: ShotZone, min_duration_ms: int = 0
) -> tuple[int, str] | None:
    """Where an out-cue near a cut should go and why, or None when it is fine."""
    shot = nearest_shot(shots, end_ms)
    if shot is None:
        return None
    shot_frame = ms_to_frame(shot, zone.rate)
    frames = ms_to_frame(end_ms, zone.rate) - shot_frame
    if frames == -zone.gap or abs(frames) >= zone.half:
        return None
    before = frame_to_ms(shot_frame - zone.gap, zone.rate)
    if before - start_ms < min_duration_ms:
        after = frame_to_ms(shot_frame + zone.half, zone.rate)
        return after, say(
            _TOO_SHORT[(frames > 0) - (frames < 0)],
            frames=abs(frames),
            gap=zone.gap,
            half=zone.half,
        )
    if frames == 0:
        return before, say(_ON_SHOT, gap=zone.gap)
    text = _END_BEFORE[frames > 0]
    return before, say(text, frames=abs(frames), gap=zone.gap)


# An out-cue's advice by where it ends against the cut: complete sentences for translation.
_TOO_SHORT = {
    1: template(
        "ends {frames} frames after a shot change; ending {gap} frames before it would make"
        " the cue too short, so end it {half} frames after it"
    ),
    -1: template(
        "ends {frames} frames before a shot change; ending {gap} frames before it would make"
        " the cue too short, so end it {half} frames after it"
    ),
    0: template(
        "ends on a shot change; ending {gap} frames before it would make the cue too short,"
        " so end it {half} frames after it"
    ),
}
_ON_SHOT = template("ends on a shot change; end it {gap} frames before it")
_END_BEFORE = {
    True: template("ends {frames} frames after a shot change; end it {gap} frames before it"),
    False: template("ends {frames} frames before a shot change; end it {gap} frames before it"),
}
