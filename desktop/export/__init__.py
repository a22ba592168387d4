"""Writers that turn a transcript into files other programs read."""

from __future__ import annotations

from desktop.dashscope.result_file import encode_result
from desktop.domain.subtitles import sentence_cues
from desktop.domain.transcript import Transcript
from desktop.export.plain_text import TextOptions, to_text
from desktop.export.subtitle_formats import to_srt, to_vtt

FORMATS = ("srt", "vtt", "txt", "json")


def export_transcript(
    transcript: Transcript, fmt: str, text_options: TextOptions | None = None
) -> bytes:
    """The file's bytes for ``fmt`` (one of ``FORMATS``)."""
    if fmt == "srt":
        return to_srt(sentence_cues(transcript))
    if fmt == "vtt":
        return to_vtt(sentence_cues(transcript))
    if fmt == "txt":
        return to_text(transcript, text_options or TextOptions())
    if fmt == "json":
        return encode_result(transcript)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
