"""The quality check: every cue that breaks one of a preset's rules.

It reads cues only (start, end, lines), so it checks our own exports and any
SRT/WebVTT/ASS file alike. Reading speed is a warning: the presets' sources
give it as a target that timing should meet "where possible", and fast speech
can make it impossible without editing the words. Every other rule is an
error. When the cues come from our own cutting, each violation the speech
made unavoidable carries the cutter's reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import msgspec

from desktop.domain.messages import say, template
from desktop.domain.subtitle_presets import Preset, reading_chars, text_width, word_count
from desktop.domain.subtitles import Cue, CueNote

Severity = Literal["error", "warning"]
RULES: dict[str, str] = {
    "line-too-long": "a line is longer than the preset allows",
    "too-many-lines": "the cue has more lines than the preset allows",
    "too-fast": "the reading speed is over the limit",
    "too-short": "the cue is shorter than the minimum duration",
    "too-long": "the cue is longer than the maximum duration",
    "overlap": "the cue starts before the previous one ends",
    "gap": "the gap to the next cue is too small",
}

# The units a line's length is counted in, as the messages say them.
UNIT_WORDS: dict[str, str] = {
    "columns": template("columns"),
    "characters": template("characters"),
    "full-width": template("full-width characters"),
}


class Violation(msgspec.Struct, frozen=True):
    """Cue ``cue`` (1-based, as SRT numbers it) breaks ``rule``."""

    cue: int
    start_ms: int
    end_ms: int
    rule: str
    severity: Severity
    message: str
    reason: str | None = None


def check(
    cues: Sequence[Cue],
    preset: Preset,
    fps: float | None = None,
    notes: Sequence[CueNote] = (),
) -> list[Violation]:
    """Every rule ``cues`` break, in cue order; ``notes`` explain the unavoidable ones."""
    reasons = {(n.index, n.rule): n.reason for n in notes}
    found: list[Violation] = []
    gap = preset.min_gap_ms(fps)
    ordered = sorted(enumerate(cues), key=lambda pair: (pair[1].start_ms, pair[1].end_ms))
    for position, (index, cue) in enumerate(ordered):
        following = ordered[position + 1][1] if position + 1 < len(ordered) else None
        for rule, message in cue_problems(cue, following, preset, gap):
            found.append(
                Violation(
                    cue=position + 1,
                    start_ms=cue.start_ms,
                    end_ms=cue.end_ms,
                    rule=rule,
                    severity="warning" if rule == "too-fast" else "error",
                    message=message,
                    reason=reasons.get((index, rule)),
                )
            )
    return found


def errors(violations: Sequence[Violation]) -> list[Violation]:
    return [v for v in violations if v.severity == "error"]


def cue_problems(
    cue: Cue, following: Cue | None, preset: Preset, gap: int
) -> list[tuple[str, str]]:
    """(rule, message) for each rule ``cue`` breaks; the gap rules look at ``following``."""
    problems: list[tuple[str, str]] = []
    unit = preset.unit
    if preset.max_chars is not None:
        for number, line in enumerate(cue.lines, 1):
            width = text_width(line, unit)
            if width > preset.max_chars:
                problems.append(
                    (
                        "line-too-long",
                        say(
                            "line {number} is {width} {unit} long; the limit is {limit}",
                            number=number,
                            width=f"{width:g}",
                            unit=UNIT_WORDS.get(unit, unit),
                            limit=f"{preset.max_chars:g}",
                        ),
                    )
                )
    if preset.max_lines is not None and len(cue.lines) > preset.max_lines:
        problems.append(
            (
                "too-many-lines",
                say(
                    "{count} lines; the limit is {limit}",
                    count=len(cue.lines),
                    limit=preset.max_lines,
                ),
            )
        )
    duration = cue.end_ms - cue.start_ms
    problems.extend(_speed_problems(cue, preset, duration))
    if preset.min_duration_ms is not None and duration < preset.min_duration_ms:
        problems.append(
            (
                "too-short",
                say(
                    "on screen {seconds} s; the minimum is {limit} s",
                    seconds=f"{duration / 1000:.3f}",
                    limit=f"{preset.min_duration_ms / 1000:.3f}",
                ),
            )
        )
    if preset.max_duration_ms is not None and duration > preset.max_duration_ms:
        problems.append(
            (
                "too-long",
                say(
                    "on screen {seconds} s; the maximum is {limit} s",
                    seconds=f"{duration / 1000:.3f}",
                    limit=f"{preset.max_duration_ms / 1000:.3f}",
                ),
            )
        )
    if following is not None:
        problems.extend(_gap_problems(cue, following, preset, gap))
    return problems


def _speed_problems(cue: Cue, preset: Preset, duration: int) -> list[tuple[str, str]]:
    seconds = max(duration, 1) / 1000
    if preset.max_cps is not None:
        cps = reading_chars(cue.lines, preset.unit) / seconds
        if cps > preset.max_cps + 1e-9:
            text = say(
                "{cps} characters/s; the limit is {limit}",
                cps=f"{cps:.1f}",
                limit=f"{preset.max_cps:g}",
            )
            return [("too-fast", text)]
    if preset.max_wpm is not None:
        wpm = word_count(cue.lines) / seconds * 60
        if wpm > preset.max_wpm + 1e-9:
            text = say(
                "{wpm} words/min; the limit is {limit}",
                wpm=f"{wpm:.0f}",
                limit=f"{preset.max_wpm:g}",
            )
            return [("too-fast", text)]
    return []


def _gap_problems(cue: Cue, following: Cue, preset: Preset, gap: int) -> list[tuple[str, str]]:
    distance = following.start_ms - cue.end_ms
    if distance < 0:
        if preset.allow_overlap:
            return []
        text = say(
            "the next cue starts {seconds} s before this one ends",
            seconds=f"{-distance / 1000:.3f}",
        )
        return [("overlap", text)]
    if distance < gap:
        return [
            (
                "gap",
                say(
                    "{distance} ms to the next cue; at least {frames} frames ({gap} ms) are needed",
                    distance=distance,
                    frames=preset.min_gap_frames,
                    gap=gap,
                ),
            )
        ]
    if 0 < distance < preset.min_open_gap_ms:
        return [
            (
                "gap",
                say(
                    "a gap of {seconds} s: close it or leave at least {limit} s",
                    seconds=f"{distance / 1000:.3f}",
                    limit=f"{preset.min_open_gap_ms / 1000:g}",
                ),
            )
        ]
    return []
