"""The figures a subtitle view shows per cue: number, times, duration, text, cps, cpl.

Computed here, not in the Qt model, so the view, the command line and the
benchmark agree on them, and measured in the preset's unit (a Chinese
character counts 2 columns in a Latin preset, 1 in Netflix's Chinese one).
"""

from __future__ import annotations

from typing import NamedTuple

from desktop.domain.cue_track import CueTrack, TrackCue
from desktop.domain.subtitle_presets import Preset, reading_chars, text_width, word_count


class CueRow(NamedTuple):
    number: int  # 1-based, as SRT numbers cues
    start_ms: int
    end_ms: int
    duration_ms: int
    text: str  # the lines joined by "\n"
    cps: float  # characters per second, the preset's way of counting
    wpm: float
    cpl: tuple[float, ...]  # the width of each line in the preset's unit
    stale: bool


def cue_row(cue: TrackCue, index: int, preset: Preset) -> CueRow:
    seconds = max(cue.end_ms - cue.start_ms, 1) / 1000
    return CueRow(
        index + 1,
        cue.start_ms,
        cue.end_ms,
        cue.end_ms - cue.start_ms,
        "\n".join(cue.lines),
        reading_chars(cue.lines, preset.unit) / seconds,
        word_count(cue.lines) / seconds * 60,
        tuple(text_width(line, preset.unit) for line in cue.lines),
        cue.stale,
    )


def cue_rows(track: CueTrack, preset: Preset) -> list[CueRow]:
    return [cue_row(cue, i, preset) for i, cue in enumerate(track.cues)]
