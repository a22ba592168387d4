"""Videos with hard cuts, made at test time from ffmpeg's lavfi colour sources."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.media import ffmpeg


def cut_video(path: Path, rate: str = "24000/1001", shots: tuple[float, ...] = (2.0, 2.0)) -> Path:
    """Shots of solid colours, ``shots`` seconds each, joined by hard cuts, at ``rate`` fps."""
    colours = ("red", "blue", "green", "white", "yellow")
    inputs: list[str] = []
    for index, seconds in enumerate(shots):
        colour = colours[index % len(colours)]
        inputs += ["-f", "lavfi", "-i", f"color=c={colour}:s=320x240:r={rate}:d={seconds}"]
    joined = "".join(f"[{i}:v]" for i in range(len(shots))) + f"concat=n={len(shots)}:v=1:a=0[v]"
    ffmpeg(*inputs, "-filter_complex", joined, "-map", "[v]", "-c:v", "libx264",
           "-pix_fmt", "yuv420p", path)  # fmt: skip
    return path
