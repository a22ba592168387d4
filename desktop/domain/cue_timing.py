""" "Apply timing rules" on a cue track: shot changes, minimum duration, closed and minimum gaps.

The transcript's version (``retiming.apply_timing_rules``) moves sentence
ends only; cues also have in-cues that a shot change pulls. In order:

1. every in-cue near a shot change goes to it (or half a second before it);
2. every out-cue near a shot change ends the minimum gap before it (or half
   a second after it when the cue would get too short);
3. a cue shorter than the minimum is lengthened into the room before the next;
4. a gap under the preset's chaining gap is closed to the minimum gap, and
   a gap under the minimum gap is opened by pulling the earlier end back.

It returns the new track and what changed, so the view can preview the
changes and the whole fix is one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from msgspec.structs import replace

from desktop.domain.cue_editing import CueEditError, cue_at, set_end, set_start
from desktop.domain.cue_track import CueTrack, TrackCue
from desktop.domain.shot_rules import end_target, nearest_shot, start_target
from desktop.domain.subtitle_presets import DEFAULT_FPS
from desktop.domain.timecode import frame_to_ms, ms_to_frame, rate_of
from desktop.domain.track_check import CheckContext

SHOT_CHANGE, MIN_DURATION, GAP_CLOSED, MIN_GAP = (
    "shot change",
    "minimum duration",
    "small gap closed",
    "minimum gap",
)
REASONS = (SHOT_CHANGE, MIN_DURATION, GAP_CLOSED, MIN_GAP)


@dataclass(frozen=True)
class CueTimingChange:
    """One cue the rules retimed: its index, times before and after, and why."""

    index: int
    before: tuple[int, int]
    after: tuple[int, int]
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return ", ".join(self.reasons)


def apply_timing_rules(
    track: CueTrack, context: CheckContext, indices: set[int] | None = None
) -> tuple[CueTrack, list[CueTimingChange]]:
    """The track with the rules applied (to every cue, or to ``indices``), and the changes."""
    cues = list(track.cues)
    starts = [c.start_ms for c in cues]
    reasons: list[list[str]] = [[] for _ in cues]
    chosen = range(len(cues)) if indices is None else sorted(i for i in indices if i < len(cues))
    if context.zone is not None:
        for i in chosen:
            target = start_target(starts[i], context.shots, context.zone)
            if target is not None and target[0] < cues[i].end_ms:
                low = cues[i - 1].start_ms + 1 if i else 0
                if target[0] >= low:
                    starts[i] = target[0]
                    reasons[i].append(SHOT_CHANGE)
    changes: list[CueTimingChange] = []
    for i in chosen:
        cue = cues[i]
        following = starts[i + 1] if i + 1 < len(cues) else None
        end = _ruled_end(starts[i], cue, following, context, reasons[i])
        if (starts[i], end) != (cue.start_ms, cue.end_ms):
            changes.append(
                CueTimingChange(i, (cue.start_ms, cue.end_ms), (starts[i], end), tuple(reasons[i]))
            )
    if not changes:
        return track, []
    new = list(track.cues)
    for change in changes:
        new[change.index] = replace(
            new[change.index], start_ms=change.after[0], end_ms=change.after[1]
        )
    return replace(track, cues=tuple(new)), changes


def _ruled_end(
    start: int, cue: TrackCue, following: int | None, context: CheckContext, why: list[str]
) -> int:
    preset, gap = context.preset, context.gap_ms
    end = cue.end_ms
    limit = None if following is None else following - gap
    min_duration = preset.min_duration_ms or 0
    if context.zone is not None:
        target = end_target(start, end, context.shots, context.zone, min_duration)
        if target is not None and target[0] > start and (limit is None or target[0] <= limit):
            end = target[0]
            why.append(SHOT_CHANGE)
    if min_duration and end - start < min_duration:
        wanted = start + min_duration
        longer = wanted if limit is None else max(end, min(wanted, limit))
        if longer != end:
            end = longer
            why.append(MIN_DURATION)
    if following is not None and limit is not None:
        distance = following - end
        if 0 <= distance < preset.chain_gap_ms and end < limit:
            if limit - start <= (preset.max_duration_ms or limit - start):
                end = limit
                why.append(GAP_CLOSED)
        elif distance < gap and end > limit:
            end = max(start + 1, limit)
            why.append(MIN_GAP)
    return end


# How far "snap to the nearest shot change" looks, as Subtitle Edit's command does.
SNAP_START_WITHIN_MS = 1000
SNAP_END_WITHIN_MS = 1500


def snap_to_shot_change(
    track: CueTrack, index: int, edge: Literal["start", "end"], context: CheckContext
) -> CueTrack:
    """Put the cue's start on the nearest shot change, or its end the minimum gap before one.

    Looks 1 s around the start and 1.5 s around the end; ``CueEditError``
    says so when no shot change is that near (or none were detected).
    """
    cue = cue_at(track, index)
    if not context.shots:
        raise CueEditError("no shot changes are known for this media; detect them first")
    rate = context.rate or rate_of(DEFAULT_FPS)
    if edge == "start":
        shot = nearest_shot(context.shots, cue.start_ms)
        if shot is None or abs(shot - cue.start_ms) > SNAP_START_WITHIN_MS:
            raise CueEditError("no shot change within 1 s of the cue's start")
        return set_start(track, index, shot)
    shot = nearest_shot(context.shots, cue.end_ms)
    if shot is None or abs(shot - cue.end_ms) > SNAP_END_WITHIN_MS:
        raise CueEditError("no shot change within 1.5 s of the cue's end")
    gap = context.preset.min_gap_frames
    return set_end(track, index, frame_to_ms(ms_to_frame(shot, rate) - gap, rate))
