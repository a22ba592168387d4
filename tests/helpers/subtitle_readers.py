"""Independent readers for the files we write: ffmpeg and pysubs2, never our own code."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from collections import Counter
from pathlib import Path

import docx
import pysubs2

from desktop.formats.result_file import parse_result

Cue = tuple[int, int, str]  # start ms, end ms, text with "\n" between lines

_DIALOGUE = re.compile(r"Dialogue: \d+,(\d+):(\d\d):(\d\d)\.(\d\d),(\d+):(\d\d):(\d\d)\.(\d\d),")
_SRT_TIME = re.compile(r"(\d+):(\d{2}):(\d{2}),(\d{3}) --> (\d+):(\d{2}):(\d{2}),(\d{3})")


def read_with_pysubs2(path: Path) -> list[Cue]:
    subs = pysubs2.load(str(path), encoding="utf-8", keep_html_tags=True)
    return [(e.start, e.end, e.text.replace(r"\N", "\n")) for e in subs]


def read_with_ffmpeg(path: Path) -> list[Cue]:
    """Let ffmpeg decode the file and write it back as SRT, then read that SRT's blocks.

    ffmpeg's decoders are what most players use, so this shows what a viewer gets.
    """
    out = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-f", "srt", "-"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    cues: list[Cue] = []
    for block in out.replace("\r\n", "\n").split("\n\n"):
        lines = block.strip("\n").split("\n")
        if len(lines) < 2:
            continue
        match = _SRT_TIME.fullmatch(lines[1])
        assert match, f"ffmpeg wrote an unexpected block: {block!r}"
        g = [int(x) for x in match.groups()]
        start = ((g[0] * 60 + g[1]) * 60 + g[2]) * 1000 + g[3]
        end = ((g[4] * 60 + g[5]) * 60 + g[6]) * 1000 + g[7]
        cues.append((start, end, "\n".join(lines[2:])))
    return cues


def read_ass_with_ffmpeg(path: Path) -> list[tuple[int, int, str]]:
    """ffmpeg decodes the ASS file and writes it again as ASS: its events, times in ms."""
    out = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-f", "ass", "-"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    events = []
    for line in out.splitlines():
        match = _DIALOGUE.match(line)
        if match:
            g = [int(x) for x in match.groups()]
            start = ((g[0] * 60 + g[1]) * 60 + g[2]) * 1000 + g[3] * 10
            end = ((g[4] * 60 + g[5]) * 60 + g[6]) * 1000 + g[7] * 10
            text = line[match.end() :].split(",", 6)[-1]  # after style, actor, margins, effect
            events.append((start, end, text))
    return events


def letters(text: str) -> Counter[str]:
    """The letters and digits of ``text``: what survives any line breaking, markup or
    clean-up of control characters, to check that no word of a transcript was lost."""
    return Counter(ch for ch in text if ch.isalnum())


def visible_text(fmt: str, data: bytes, path: Path) -> str:
    """The text a person sees in an exported ``fmt`` file, read by another program's parser.

    ``path`` is where the subtitle readers may write ``data`` to read it from a file.
    """
    if fmt in ("srt", "vtt", "ass"):
        if data.strip() in (b"", b"WEBVTT"):
            return ""  # an empty transcript's file: nothing for a reader to decode
        path.write_bytes(data)
        reader = read_with_pysubs2 if fmt == "ass" else read_with_ffmpeg
        return "\n".join(text for _, _, text in reader(path))
    if fmt == "csv":
        rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
        return "\n".join(" ".join(row) for row in rows)
    if fmt == "txt":
        return data.decode("utf-8")
    if fmt == "json":
        transcript = parse_result(data)
        return "\n".join(s.text for channel in transcript.channels for s in channel.sentences)
    if fmt == "whisperx":
        return "\n".join(segment["text"] for segment in json.loads(data)["segments"])
    if fmt == "docx":
        return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    raise ValueError(f"no reader for {fmt!r}")
