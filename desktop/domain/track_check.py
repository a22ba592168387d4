"""The live check of a cue track: every rule of its preset, per cue, re-checked after an edit.

A cue's problems depend on the cue and the next one (gaps, overlap), so
after an edit only the changed cues and the one before them are checked
again (``recheck``): a few cues, whatever the track's length. The rules are
``subtitle_check``'s plus the shot-change rules (``shot_rules``) when the
preset has them and the media's shot changes are known.

A problem the speech made unavoidable (the cutter's note on the cue: one
word wider than a line, speech faster than the reading speed with the next
cue right behind) is marked so, with the reason, so a view can show it
differently from a mistake.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import msgspec

from desktop.domain.cue_editing import changed_span
from desktop.domain.cue_track import CueTrack, TrackCue
from desktop.domain.shot_rules import ShotZone, end_target, start_target
from desktop.domain.subtitle_check import RULES, Severity, cue_problems
from desktop.domain.subtitle_presets import DEFAULT_FPS, Preset
from desktop.domain.timecode import FrameRate, rate_of

SHOT_CHANGE = "shot-change"
TRACK_RULES: dict[str, str] = {
    **RULES,
    SHOT_CHANGE: "an edge is near a shot change but not on it or far enough from it",
}
WARNINGS = frozenset({"too-fast"})


class Problem(msgspec.Struct, frozen=True):
    """One rule a cue breaks; ``unavoidable`` when the speech left no way to follow it."""

    rule: str
    severity: Severity
    message: str
    unavoidable: bool = False
    reason: str | None = None
    field: str = "cue"  # what a view colours: "text", "start", "end", "duration", "cps", "gap"


_FIELDS = {
    "line-too-long": "text",
    "too-many-lines": "text",
    "too-fast": "cps",
    "too-short": "duration",
    "too-long": "duration",
    "overlap": "end",
    "gap": "end",
}


@dataclass(frozen=True)
class CheckContext:
    """What the rules need besides the cues: the preset, the media's frame rate, its cuts."""

    preset: Preset
    rate: FrameRate | None = None
    shots: tuple[int, ...] = ()
    gap_ms: int = field(init=False)
    zone: ShotZone | None = field(init=False)

    def __post_init__(self) -> None:
        rate = self.rate or rate_of(DEFAULT_FPS)
        # Frame starts sit on whole milliseconds, rounded: 2 frames at 23.976 are 83 or 84 ms
        # apart, so the gap in milliseconds is rounded down, never refusing a 2-frame gap.
        object.__setattr__(self, "gap_ms", math.floor(self.preset.min_gap_frames * rate.frame_ms))
        zone = ShotZone(rate, self.preset.min_gap_frames) if self.preset.shot_change_rules else None
        object.__setattr__(self, "zone", zone if self.shots else None)


class TrackCheck:
    """The problems of every cue of one track (by index), immutable: a re-check makes a new one."""

    __slots__ = ("_by_cue", "context")

    def __init__(self, context: CheckContext, by_cue: list[tuple[Problem, ...]]) -> None:
        self.context = context
        self._by_cue = by_cue

    def __len__(self) -> int:
        return len(self._by_cue)

    def problems(self, index: int) -> tuple[Problem, ...]:
        return self._by_cue[index]

    def all(self) -> list[tuple[int, Problem]]:
        return [(i, p) for i, found in enumerate(self._by_cue) for p in found]

    def counts(self) -> tuple[int, int]:
        """(errors, warnings) over the track."""
        errors = warnings = 0
        for found in self._by_cue:
            for problem in found:
                if problem.severity == "error":
                    errors += 1
                else:
                    warnings += 1
        return errors, warnings

    def next_problem(self, after: int = -1, *, errors_only: bool = False) -> int | None:
        """The first cue after index ``after`` that breaks a rule, wrapping around; None if none."""
        count = len(self._by_cue)
        for step in range(1, count + 1):
            index = (after + step) % count
            found = self._by_cue[index]
            if found and (not errors_only or any(p.severity == "error" for p in found)):
                return index
        return None

    def previous_problem(self, before: int) -> int | None:
        count = len(self._by_cue)
        for step in range(1, count + 1):
            index = (before - step) % count
            if self._by_cue[index]:
                return index
        return None


def check_track(track: CueTrack, context: CheckContext) -> TrackCheck:
    cues = track.cues
    return TrackCheck(context, [_problems(cues, i, context) for i in range(len(cues))])


def recheck(previous: TrackCheck, old: CueTrack, new: CueTrack) -> TrackCheck:
    """``previous`` (the check of ``old``) brought up to date for ``new``, one edit later.

    Only the cues that changed and the one before them are checked again.
    """
    if len(previous) != len(old.cues):
        return check_track(new, previous.context)
    first, removed, added = changed_span(old, new)
    if removed == added == 0:
        return previous
    start = max(first - 1, 0)
    fresh = [_problems(new.cues, i, previous.context) for i in range(start, first + added)]
    by_cue = previous._by_cue
    return TrackCheck(previous.context, by_cue[:start] + fresh + by_cue[first + removed :])


def _problems(cues: Sequence[TrackCue], index: int, context: CheckContext) -> tuple[Problem, ...]:
    cue = cues[index]
    following = cues[index + 1].as_cue() if index + 1 < len(cues) else None
    found = cue_problems(cue.as_cue(), following, context.preset, context.gap_ms)
    out: list[Problem] = []
    for rule, message in found:
        reason = _reason(cue, rule)
        out.append(
            Problem(
                rule,
                "warning" if rule in WARNINGS else "error",
                message,
                reason is not None,
                reason,
                _FIELDS.get(rule, "cue"),
            )
        )
    if context.zone is not None:
        out.extend(_shot_problems(cue, context))
    return tuple(out)


def _reason(cue: TrackCue, rule: str) -> str | None:
    for note in cue.notes:
        if note.rule == rule:
            return note.reason
    return None


def _shot_problems(cue: TrackCue, context: CheckContext) -> list[Problem]:
    zone = context.zone
    assert zone is not None
    out: list[Problem] = []
    start = start_target(cue.start_ms, context.shots, zone)
    if start is not None:
        out.append(Problem(SHOT_CHANGE, "error", start[1], field="start"))
    end = end_target(
        cue.start_ms, cue.end_ms, context.shots, zone, context.preset.min_duration_ms or 0
    )
    if end is not None:
        out.append(Problem(SHOT_CHANGE, "error", end[1], field="end"))
    return out
