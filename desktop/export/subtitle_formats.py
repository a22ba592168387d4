"""SRT and WebVTT files, written by pysubs2 from cues whose text is already safe."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import pysubs2

from desktop.domain.subtitles import Cue
from desktop.export.cue_text import srt_text, vtt_text


def to_srt(cues: Sequence[Cue]) -> bytes:
    return _write(cues, "srt", lambda cue: srt_text(cue.lines))


def to_vtt(cues: Sequence[Cue]) -> bytes:
    return _write(cues, "vtt", lambda cue: vtt_text(cue.lines, cue.speaker))


def _write(cues: Sequence[Cue], fmt: str, text_of: Callable[[Cue], str]) -> bytes:
    """Cues in start order, never ending before they start, UTF-8 without BOM, LF endings.

    ``keep_ssa_tags`` makes pysubs2 pass our text through as is instead of
    re-interpreting it as ASS markup; the text is made safe beforehand.
    """
    subs = pysubs2.SSAFile()
    for cue in sorted(cues, key=lambda c: (c.start_ms, c.end_ms)):
        text = text_of(cue)
        if text:
            subs.append(
                pysubs2.SSAEvent(
                    start=cue.start_ms, end=max(cue.end_ms, cue.start_ms + 1), text=text
                )
            )
    out = io.StringIO(newline="\n")
    subs.to_file(out, fmt, keep_ssa_tags=True)
    return out.getvalue().encode("utf-8")
