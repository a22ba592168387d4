"""Subtitle files (SRT, WebVTT, ASS) read as cues, or as a transcript to review and correct.

An imported subtitle becomes a transcript with one sentence per cue and *no
words*: a subtitle file has no word times, and inventing them would make the
editor seek to places nobody measured. The cue times stay exact; when such a
transcript is cut again by a preset, the inner break points are estimated
by character count (see ``domain.subtitle_tokens``). Speakers come from
WebVTT ``<v Name>`` voice tags and ASS actor fields.

Encodings: a BOM decides (UTF-8, UTF-16); otherwise UTF-8, then GB18030
(the superset of GBK that Chinese subtitle files made on Windows use).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pysubs2

from desktop.domain.subtitles import Cue
from desktop.domain.text_cleaning import clean_line
from desktop.domain.transcript import Channel, Sentence, SpeakerName, Transcript, join_texts
from desktop.formats.errors import FileFormatError

SUBTITLE_FORMATS = {".srt": "srt", ".vtt": "vtt", ".ass": "ass", ".ssa": "ssa"}
MAX_SUBTITLE_BYTES = 64 * 1024 * 1024
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]*)>")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<\d{1,2}:\d{2}[^<>]*>")
_ASS_OVERRIDE = re.compile(r"\{\\[^{}]*\}")


def is_subtitle_file(path: Path) -> bool:
    return path.suffix.lower() in SUBTITLE_FORMATS


class _Event:
    __slots__ = ("end", "lines", "speaker", "start")

    def __init__(self, start: int, end: int, lines: tuple[str, ...], speaker: str | None) -> None:
        self.start, self.end, self.lines, self.speaker = start, end, lines, speaker


def read_subtitle_cues(path: Path) -> list[Cue]:
    """The cues of a subtitle file as a viewer sees them: times, lines, speaker."""
    return [Cue(e.start, e.end, e.lines, e.speaker) for e in _read_events(path)[1]]


def read_subtitle_file(path: Path, media: Path | None = None) -> tuple[bytes, Transcript]:
    """The file's bytes and a transcript of it (one sentence per cue, no words)."""
    raw, events = _read_events(path)
    speakers: dict[str, int] = {}
    sentences: list[Sentence] = []
    for number, event in enumerate(events, 1):
        speaker_id = None
        if event.speaker:
            speaker_id = speakers.setdefault(event.speaker, len(speakers))
        sentences.append(
            Sentence(
                begin_ms=event.start,
                end_ms=event.end,
                text=join_texts(event.lines),
                channel_id=0,
                sentence_id=number,
                speaker_id=speaker_id,
            )
        )
    target = media if media is not None else path
    transcript = Transcript(
        file_url=target.resolve().as_uri(),
        channels=(Channel(channel_id=0, sentences=tuple(sentences)),),
        source_channels=(0,),
        speaker_names=tuple(SpeakerName(0, i, name) for name, i in speakers.items()),
    )
    return raw, transcript


def _read_events(path: Path) -> tuple[bytes, list[_Event]]:
    fmt = SUBTITLE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise FileFormatError(
            f"{path}: not a subtitle file; use .srt, .vtt, .ass or .ssa (or a result .json)"
        )
    try:
        if path.stat().st_size > MAX_SUBTITLE_BYTES:
            raise FileFormatError(
                f"{path}: larger than any subtitle file ({MAX_SUBTITLE_BYTES // 2**20} MB)"
            )
        raw = path.read_bytes()
    except OSError as error:
        raise FileFormatError(f"{path}: {error.strerror or error}") from None
    text = _decode(raw)
    try:
        subs = pysubs2.SSAFile.from_string(text, format_=fmt, keep_html_tags=True)
    except Exception as error:  # pysubs2 raises several types for malformed files
        raise FileFormatError(
            f"{path}: cannot be read as {fmt.upper()} ({error}); check the file"
        ) from None
    events = [e for e in (_event(x, fmt) for x in subs if not x.is_comment) if e is not None]
    if not events:
        raise FileFormatError(f"{path}: has no subtitles with text")
    events.sort(key=lambda e: (e.start, e.end))
    return raw, events


def _event(event: pysubs2.SSAEvent, fmt: str) -> _Event | None:
    start = max(int(event.start), 0)
    end = max(int(event.end), start)
    speaker: str | None = None
    if fmt in ("ass", "ssa"):
        body = event.plaintext
        speaker = clean_line(event.name) or None
    else:
        body = event.text.replace("\\N", "\n").replace("\\n", "\n")
        voice = _VOICE.search(body)
        if voice:
            speaker = clean_line(html.unescape(voice.group(1))) or None
        body = _ASS_OVERRIDE.sub("", _TAG.sub("", body))
        if fmt == "vtt":
            body = html.unescape(body)
    lines = tuple(line for line in (clean_line(x) for x in body.split("\n")) if line)
    if not lines:
        return None
    return _Event(start, end, lines, speaker)


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")
