"""A cue track: a named list of subtitle cues, edited and saved like the transcript.

A track is cut from the corrected transcript by a preset, or imported from a
subtitle file. Each cue keeps the transcript words it was cut from, so a cue
can be split where a word starts, and so a later correction of the transcript
marks exactly the cues whose words changed as stale (``staleness``) instead
of silently cutting again over the subtitler's manual work.

Tracks and cues are immutable ``msgspec`` values, like the transcript: an
edit (``cue_editing``) returns a new track, so an undo step is the previous
object and the store encodes a track without a hand-written codec.

What a subtitle view uses, all Qt-free:

- ``cue_rows.cue_rows``/``cue_row``: number, times, duration, text, cps, cpl per cue;
- ``cue_editing``: every edit, ``(track, index, …) -> track``, ``CueEditError`` to show;
  ``changed_span(old, new)`` says which rows changed;
- ``track_check``: ``check_track(track, CheckContext(preset, rate, shots))`` once, then
  ``recheck(check, old, new)`` after each edit; ``TrackCheck.problems(i)``,
  ``next_problem(i)``; a ``Problem`` has rule, severity, message, ``unavoidable``,
  reason and the ``field`` (column) to colour;
- ``cue_timing.apply_timing_rules(track, context)``: the fix, with a preview list;
- ``staleness.changed_words``/``mark_changed`` after a transcript edit, ``recut_stale``;
- ``timecode``: ``FrameRate``, ``format_timecode``/``parse_timecode``, ``step_frames``;
- ``media.frame_rate.read_frame_rate`` and ``media.shot_changes.shot_changes_for``
  (blocking: run them in a worker); ``store.tracks`` via ``Library.tracks`` and
  ``store.autosave.TrackAutosaver`` to save.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Literal

import msgspec

from desktop.domain.subtitle_presets import Preset
from desktop.domain.subtitles import Cue, segment
from desktop.domain.timecode import FrameRate
from desktop.domain.transcript import Transcript, Word, is_wide

Origin = Literal["cut", "import"]


class CueNote(msgspec.Struct, frozen=True, array_like=True):
    """Why the cue breaks ``rule``: the speech itself left no way to follow it."""

    rule: str
    reason: str


class TrackCue(msgspec.Struct, frozen=True):
    """One cue: shown from ``start_ms`` to ``end_ms``; ``lines`` are its real line breaks.

    ``words`` are the transcript words it was cut from (none for an imported
    cue or a cue typed in by hand). ``stale`` says the transcript changed
    under those words since the cut; ``notes`` carry the cutter's reasons for
    rules the speech made impossible to follow. ``key`` is the cue's stable id in
    its track (``new_cue_key``): translations are stored under it, so it survives
    every edit made with ``msgspec.structs.replace`` and moves and re-timings; a
    split keeps it on the first part, a merge on the first cue.
    """

    start_ms: int
    end_ms: int
    lines: tuple[str, ...]
    speaker: str | None = None
    words: tuple[Word, ...] = ()
    stale: bool = False
    notes: tuple[CueNote, ...] = ()
    key: str = ""

    @property
    def text(self) -> str:
        """The text as an editor shows it: the lines joined by line breaks."""
        return "\n".join(self.lines)

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms

    def as_cue(self) -> Cue:
        """The plain cue the writers and the checker read."""
        return Cue(self.start_ms, self.end_ms, self.lines, self.speaker)


class CueTrack(msgspec.Struct, frozen=True):
    """A named track of cues in start order, checked against the preset ``preset_id``.

    ``rate`` is the media's frame rate when it was known (frame rules, timecode).
    """

    name: str
    preset_id: str
    cues: tuple[TrackCue, ...] = ()
    origin: Origin = "cut"
    rate: FrameRate | None = None

    def __len__(self) -> int:
        return len(self.cues)

    def plain_cues(self) -> list[Cue]:
        return [c.as_cue() for c in self.cues]

    @property
    def stale_count(self) -> int:
        return sum(1 for c in self.cues if c.stale)


def new_cue_key() -> str:
    """A fresh cue id: random, so cues cut or typed in different sessions never collide."""
    return uuid.uuid4().hex[:16]


def keyed(track: CueTrack, fallback: str | None = None) -> CueTrack:
    """``track`` with a key on every cue: a missing or repeated key gets a new one.

    ``fallback`` makes the new keys deterministic (``{fallback}.{index}``): a
    track stored before cues had keys reads back with the same keys every time
    until it is saved with them. Returns ``track`` itself when nothing was missing.
    """
    seen: set[str] = set()
    cues = list(track.cues)
    changed = False
    for index, cue in enumerate(cues):
        if not cue.key or cue.key in seen:
            key = f"{fallback}.{index}" if fallback is not None else new_cue_key()
            cues[index] = msgspec.structs.replace(cue, key=key)
            changed = True
        seen.add(cues[index].key)
    return msgspec.structs.replace(track, cues=tuple(cues)) if changed else track


def cut_cues(transcript: Transcript, preset: Preset, fps: float | None = None) -> list[TrackCue]:
    """The transcript cut by ``preset`` into cues that remember their words and notes."""
    cut = segment(transcript, preset, fps, with_words=True)
    notes: dict[int, list[CueNote]] = {}
    for note in cut.notes:
        notes.setdefault(note.index, []).append(CueNote(note.rule, note.reason))
    words = cut.words
    return [
        TrackCue(
            cue.start_ms,
            cue.end_ms,
            cue.lines,
            cue.speaker,
            words[index] if words else (),
            False,
            tuple(notes[index]) if index in notes else (),
            new_cue_key(),
        )
        for index, cue in enumerate(cut.cues)
    ]


def cut_track(
    transcript: Transcript, preset: Preset, name: str, rate: FrameRate | None = None
) -> CueTrack:
    """A new track named ``name``: the corrected transcript cut by ``preset``."""
    cues = cut_cues(transcript, preset, rate.fps if rate else None)
    return CueTrack(name, preset.id, tuple(cues), "cut", rate)


def imported_track(
    cues: Sequence[Cue], name: str, preset_id: str, rate: FrameRate | None = None
) -> CueTrack:
    """A track of a subtitle file's cues as they are (no words: the file has no word times)."""
    ordered = sorted(cues, key=lambda c: (c.start_ms, c.end_ms))
    return CueTrack(
        name,
        preset_id,
        tuple(
            TrackCue(c.start_ms, max(c.end_ms, c.start_ms), c.lines, c.speaker, key=new_cue_key())
            for c in ordered
        ),
        "import",
        rate,
    )


def default_preset_id(cues: Sequence[Cue]) -> str:
    """The Netflix preset for the cues' script: Japanese (kana), Chinese (hanzi), else English."""
    text = "".join(line for cue in cues[:200] for line in cue.lines)
    if any("\u3040" <= c <= "\u30ff" for c in text):
        return "netflix-ja"
    wide = sum(1 for c in text if is_wide(c))
    return "netflix-zh-hans" if wide * 3 > len(text) else "netflix-en"


def unique_name(wanted: str, taken: Sequence[str]) -> str:
    """``wanted``, or ``wanted (2)``, ``wanted (3)``… when a track already has that name."""
    if wanted not in taken:
        return wanted
    number = 2
    while f"{wanted} ({number})" in taken:
        number += 1
    return f"{wanted} ({number})"
