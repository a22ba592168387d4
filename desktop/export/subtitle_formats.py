"""SRT, WebVTT and ASS files, written by pysubs2 from cues whose text is already safe."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import pysubs2

from desktop.domain.subtitles import Cue, cue_text_is_wide
from desktop.domain.text_cleaning import clean_line
from desktop.export.cue_text import ass_field, ass_text, srt_text, vtt_text

# Speaker colours in the BBC's order of preference (Subtitle Guidelines, "Colours":
# white, yellow, cyan, green), as ASS &HAABBGGRR.
SPEAKER_COLOURS = (
    pysubs2.Color(255, 255, 255),
    pysubs2.Color(255, 255, 0),
    pysubs2.Color(0, 255, 255),
    pysubs2.Color(0, 255, 0),
)
LATIN_FONT = "Arial"
CJK_FONT = "Noto Sans CJK SC"


def to_srt(cues: Sequence[Cue]) -> bytes:
    return _write(_subs(cues, lambda cue: srt_text(cue.lines)), "srt")


def to_vtt(cues: Sequence[Cue]) -> bytes:
    return _write(_subs(cues, lambda cue: vtt_text(cue.lines, cue.speaker)), "vtt")


def to_ass(cues: Sequence[Cue], title: str | None = None) -> bytes:
    """ASS with a style per speaker (the BBC's speaker colours) and the speaker as actor.

    The lines are already broken by the preset, so renderer wrapping is off
    (``WrapStyle: 2``); a CJK-capable font is chosen when the text needs one.
    """
    subs = _subs(cues, lambda cue: ass_text(cue.lines))
    subs.info["Title"] = clean_line(title or "") or "Tingxie export"
    subs.info["PlayResX"] = "1920"
    subs.info["PlayResY"] = "1080"
    subs.info["WrapStyle"] = "2"
    subs.info["ScaledBorderAndShadow"] = "yes"
    font = CJK_FONT if any(cue_text_is_wide(c) for c in cues) else LATIN_FONT
    subs.styles["Default"] = _style(font, SPEAKER_COLOURS[0])
    styles: dict[str, str] = {}
    for event, cue in zip(subs.events, _ordered(cues), strict=True):
        if not cue.speaker:
            continue
        actor = ass_field(cue.speaker)
        if actor not in styles:
            colour = SPEAKER_COLOURS[len(styles) % len(SPEAKER_COLOURS)]
            styles[actor] = actor
            subs.styles[actor] = _style(font, colour)
        event.name = actor
        event.style = styles[actor]
    return _write(subs, "ass")


def _style(font: str, colour: pysubs2.Color) -> pysubs2.SSAStyle:
    return pysubs2.SSAStyle(
        fontname=font,
        fontsize=54,
        primarycolor=colour,
        outlinecolor=pysubs2.Color(0, 0, 0),
        backcolor=pysubs2.Color(0, 0, 0, 128),
        outline=2.5,
        shadow=0,
        marginl=96,
        marginr=96,
        marginv=54,
    )


def _ordered(cues: Sequence[Cue]) -> list[Cue]:
    """Cues in start order, without those whose text is empty once made safe."""
    return [
        c for c in sorted(cues, key=lambda c: (c.start_ms, c.end_ms)) if ass_text(c.lines) != ""
    ]


def _subs(cues: Sequence[Cue], text_of: Callable[[Cue], str]) -> pysubs2.SSAFile:
    """Cues in start order, never ending before they start."""
    subs = pysubs2.SSAFile()
    for cue in sorted(cues, key=lambda c: (c.start_ms, c.end_ms)):
        text = text_of(cue)
        if text:
            subs.append(
                pysubs2.SSAEvent(
                    start=cue.start_ms, end=max(cue.end_ms, cue.start_ms + 1), text=text
                )
            )
    return subs


def _write(subs: pysubs2.SSAFile, fmt: str) -> bytes:
    """UTF-8 without BOM, LF endings.

    ``keep_ssa_tags`` makes pysubs2 pass our text through as is instead of
    re-interpreting it as ASS markup; the text is made safe beforehand.
    """
    out = io.StringIO(newline="\n")
    if fmt == "ass":
        subs.to_file(out, fmt)
    else:
        subs.to_file(out, fmt, keep_ssa_tags=True)
    return out.getvalue().encode("utf-8")
