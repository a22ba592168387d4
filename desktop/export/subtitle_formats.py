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
    pysubs2 writes the script info and styles; the event lines are written
    here because pysubs2 clamps times to 9:59:59.99 (one hour digit), which
    would wreck the end of a 12-hour recording, while libass and ffmpeg read
    any number of hour digits.
    """
    subs = ass_file(title)
    ordered = _ordered(cues)
    font = CJK_FONT if any(cue_text_is_wide(c) for c in ordered) else LATIN_FONT
    subs.styles["Default"] = ass_style(font, SPEAKER_COLOURS[0])
    events: list[str] = []
    for cue in ordered:
        style = actor = ""
        if cue.speaker:
            actor = ass_field(cue.speaker)
            if actor not in subs.styles:
                colour = SPEAKER_COLOURS[(len(subs.styles) - 1) % len(SPEAKER_COLOURS)]
                subs.styles[actor] = ass_style(font, colour)
            style = actor
        start, end = cue.start_ms, max(cue.end_ms, cue.start_ms + 10)
        events.append(
            f"Dialogue: 0,{ass_time(start)},{ass_time(end)},{style or 'Default'},{actor},"
            f"0,0,0,,{ass_text(cue.lines)}\n"
        )
    out = io.StringIO(newline="\n")
    subs.to_file(out, "ass")
    return (out.getvalue() + "".join(events)).encode("utf-8")


def ass_file(title: str | None) -> pysubs2.SSAFile:
    """An empty ASS file with the script header every Tingxie ASS export carries."""
    subs = pysubs2.SSAFile()
    subs.info["Title"] = clean_line(title or "") or "Tingxie export"
    subs.info["PlayResX"] = "1920"
    subs.info["PlayResY"] = "1080"
    subs.info["WrapStyle"] = "2"
    subs.info["ScaledBorderAndShadow"] = "yes"
    return subs


def ass_time(ms: int) -> str:
    """``h:mm:ss.cc``, hours unbounded, rounded to the centisecond ASS stores."""
    centis = (ms + 5) // 10
    seconds, centis = divmod(centis, 100)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{centis:02d}"


def ass_style(font: str, colour: pysubs2.Color) -> pysubs2.SSAStyle:
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
    subs.to_file(out, fmt, keep_ssa_tags=True)
    return out.getvalue().encode("utf-8")
