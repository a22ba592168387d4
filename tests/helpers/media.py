"""Media made at test time: speech from espeak-ng, containers from ffmpeg, AMR from PyAV."""

from __future__ import annotations

import subprocess
from pathlib import Path

import av

# The seventeen containers the service accepts, each with an ffmpeg recipe (AMR: see amr()).
FFMPEG_RECIPES: dict[str, list[str]] = {
    "aac": ["-c:a", "aac"],
    "avi": ["-c:a", "libmp3lame"],
    "flac": [],
    "flv": ["-c:a", "aac"],  # FLV takes MP3 only at 11, 22 or 44 kHz
    "m4a": ["-c:a", "aac"],
    "mkv": ["-c:a", "libvorbis"],
    "mov": ["-c:a", "aac"],
    "mp3": [],
    "mp4": ["-c:a", "aac"],
    "mpeg": ["-c:a", "mp2"],
    "ogg": ["-c:a", "libvorbis"],
    "opus": ["-c:a", "libopus"],
    "wav": [],
    "webm": ["-c:a", "libopus"],
    "wma": ["-c:a", "wmav2"],
    "wmv": ["-c:a", "wmav2"],
}


def ffmpeg(*args: str | Path) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-y", *map(str, args)], check=True)


ESPEAK_RATE = 22050  # the sample rate espeak-ng writes


def speech(
    path: Path,
    text: str,
    *,
    rate: int = 16000,
    channels: int = 1,
    words_per_minute: int | None = None,
) -> Path:
    """``text`` spoken by espeak-ng, as 16-bit WAV at ``rate`` Hz with ``channels`` channels.

    The one speech maker of the tests: every spoken file is made here.
    """
    raw = path.with_suffix(".espeak.wav")
    speed = [] if words_per_minute is None else ["-s", str(words_per_minute)]
    subprocess.run(["espeak-ng", *speed, "-w", str(raw), text], check=True)
    ffmpeg("-i", raw, "-ar", str(rate), "-ac", str(channels), "-c:a", "pcm_s16le", path)
    raw.unlink()
    return path


def convert(source: Path, target: Path, *extra: str) -> Path:
    """``source`` re-encoded into ``target``'s container (by its extension)."""
    if target.suffix == ".amr":
        return amr(source, target)
    ffmpeg("-i", source, *FFMPEG_RECIPES.get(target.suffix.lstrip("."), []), *extra, target)
    return target


def amr(source: Path, target: Path) -> Path:
    """AMR-NB at 8 kHz, encoded by PyAV's bundled codec (Debian's ffmpeg cannot encode AMR)."""
    resampler = av.AudioResampler(format="s16", layout="mono", rate=8000)
    with av.open(str(source)) as src, av.open(str(target), "w", format="amr") as out:
        stream = out.add_stream("libopencore_amrnb", rate=8000)
        stream.bit_rate = 12200
        stream.layout = "mono"
        for frame in [*src.decode(audio=0), None]:
            for resampled in resampler.resample(frame):
                for packet in stream.encode(resampled):
                    out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return target


def video(path: Path, seconds: float = 2.0, *, size: str = "320x240") -> Path:
    """A test-pattern H.264 video with a tone (AAC), for files that have a picture.

    The one video maker of the tests.
    """
    ffmpeg(
        "-f", "lavfi", "-i", f"testsrc=size={size}:rate=25:duration={seconds}",
        "-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=16000:duration={seconds}",
        "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", path,
    )  # fmt: skip
    return path
