"""Writers that turn a transcript into files other programs read.

Subtitle-like formats (SRT, WebVTT, ASS, CSV) write the cues a preset cuts;
document formats (TXT, JSON, WhisperX JSON, DOCX) write sentences. An
optional OpenCC conversion applies to every format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from msgspec.structs import replace

from desktop.domain.cue_track import CueTrack
from desktop.domain.messages import template
from desktop.domain.subtitle_presets import Preset, builtin
from desktop.domain.subtitles import Cue, Segmentation, segment
from desktop.domain.transcript import Transcript
from desktop.export.chinese_script import convert_text, convert_transcript
from desktop.export.csv_table import to_csv
from desktop.export.docx_transcript import to_docx
from desktop.export.plain_text import TextOptions, to_text
from desktop.export.subtitle_formats import to_ass, to_srt, to_vtt
from desktop.export.whisperx_json import to_whisperx
from desktop.formats.result_file import encode_result

FORMATS = ("srt", "vtt", "ass", "txt", "json", "whisperx", "csv", "docx")
CUE_FORMATS = frozenset({"srt", "vtt", "ass", "csv"})
SUFFIXES = {
    "srt": ".srt",
    "vtt": ".vtt",
    "ass": ".ass",
    "txt": ".txt",
    "json": ".json",
    "whisperx": ".whisperx.json",
    "csv": ".csv",
    "docx": ".docx",
}
FORMAT_NAMES = {
    "srt": template("SubRip subtitles (.srt)"),
    "vtt": template("WebVTT subtitles (.vtt)"),
    "ass": template("Advanced SubStation Alpha (.ass)"),
    "txt": template("Plain text (.txt)"),
    "json": template("DashScope result JSON, corrected (.json)"),
    "whisperx": template("WhisperX-style JSON (.whisperx.json)"),
    "csv": template("CSV table (.csv)"),
    "docx": template("Word document (.docx)"),
}


@dataclass(frozen=True)
class ExportOptions:
    """How to export: the preset cutting cues, the frame rate, conversion and text options."""

    preset: Preset = field(default_factory=lambda: builtin("sentence"))
    fps: float | None = None
    chinese: str | None = None  # an OpenCC configuration such as "s2t"
    text: TextOptions = field(default_factory=TextOptions)
    title: str | None = None  # heading of DOCX and title of ASS files


def prepared(transcript: Transcript, options: ExportOptions) -> Transcript:
    """The transcript as it will be written: converted to the chosen Chinese script if asked."""
    return convert_transcript(transcript, options.chinese) if options.chinese else transcript


def cues_for(transcript: Transcript, options: ExportOptions) -> Segmentation:
    """The cues a subtitle export of ``transcript`` contains, with the cutter's notes."""
    return segment(prepared(transcript, options), options.preset, options.fps)


def export_track(track: CueTrack, fmt: str, options: ExportOptions | None = None) -> bytes:
    """A cue track's file for ``fmt`` (SRT, WebVTT, ASS or CSV): its cues exactly as edited."""
    options = options or ExportOptions()
    if fmt not in CUE_FORMATS:
        raise ValueError(f"a track exports as {', '.join(sorted(CUE_FORMATS))}, not {fmt!r}")
    cues = track.plain_cues()
    if options.chinese:
        cues = [
            replace(c, lines=tuple(convert_text(x, options.chinese) for x in c.lines)) for c in cues
        ]
    return write_cues(cues, fmt, options.title)


def write_cues(cues: Sequence[Cue], fmt: str, title: str | None = None) -> bytes:
    """Cues as ``fmt`` (one of ``CUE_FORMATS``)."""
    if fmt == "srt":
        return to_srt(cues)
    if fmt == "vtt":
        return to_vtt(cues)
    if fmt == "ass":
        return to_ass(cues, title)
    return to_csv(cues)


def export_transcript(
    transcript: Transcript,
    fmt: str,
    text_options: TextOptions | None = None,
    options: ExportOptions | None = None,
) -> bytes:
    """The file's bytes for ``fmt`` (one of ``FORMATS``)."""
    options = options or ExportOptions()
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    transcript = prepared(transcript, options)
    if fmt in CUE_FORMATS:
        cues = segment(transcript, options.preset, options.fps).cues
        return write_cues(cues, fmt, options.title)
    if fmt == "txt":
        return to_text(transcript, text_options or options.text)
    if fmt == "json":
        return encode_result(transcript)
    if fmt == "whisperx":
        return to_whisperx(transcript)
    return to_docx(transcript, options.title)
