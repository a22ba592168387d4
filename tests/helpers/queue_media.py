"""Folders of short spoken files in the service's formats, for queue tests.

Each file is the same espeak-ng sentence followed by a different length of
silence, so every file has its own duration: a result attached to the wrong
file shows up as a wrong length.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers.media import FFMPEG_RECIPES, convert, ffmpeg, speech

# Containers for a 16 kHz mono source (AMR is 8 kHz only: see the sample-rate tests).
FORMATS = sorted(FFMPEG_RECIPES)
SENTENCE = "Queue test, one two three."


def spoken_folder(folder: Path, count: int, *, base: Path | None = None) -> list[Path]:
    """``count`` files in rotating formats, file ``i`` padded with ``i * 150`` ms of silence."""
    folder.mkdir(parents=True, exist_ok=True)
    base = base or speech(folder.parent / "base-speech.wav", SENTENCE)
    files = []
    for i in range(count):
        fmt = FORMATS[i % len(FORMATS)]
        padded = folder.parent / f"padded-{i}.wav"
        ffmpeg("-i", base, "-af", f"apad=pad_dur={0.15 * (i + 1):.2f}", padded)
        files.append(convert(padded, folder / f"clip {i:02d}.{fmt}"))
        padded.unlink()
    return files
