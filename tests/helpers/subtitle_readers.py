"""Independent readers for the files we write: ffmpeg and pysubs2, never our own code."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pysubs2

Cue = tuple[int, int, str]  # start ms, end ms, text with "\n" between lines

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
