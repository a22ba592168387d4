"""Cutting and writing a 12-hour transcript in every export format.

Run ``python -m benchmarks.export`` (``--quick``: one hour). The transcript is
the tests' mixed Chinese/English meeting, generated until it holds 150 000
words (DESIGN.md's size of a 12-hour recording) and then fitted into 12 hours.
Each format is exported with the Netflix English preset, the whole call
(cutting + writing) timed; ``cut_s`` is the cutting alone, ``cut_<preset>_s``
the cutting per preset. Peers, measured in the same run: pysubs2 writing the
same cues as SRT with no cutting or sanitising (the floor of any pysubs2
writer), and the foundation's one-cue-per-sentence SRT export.

The last line is one JSON object: ``words``, ``<format>_s`` for each format,
``cut_s`` and the peer figures.
"""

from __future__ import annotations

import io
import json
import sys
import time
from collections.abc import Callable

import msgspec
import pysubs2

from desktop.domain.subtitle_presets import BUILTIN_PRESETS, builtin
from desktop.domain.subtitles import segment
from desktop.domain.transcript import Transcript
from desktop.export import FORMATS, ExportOptions, export_transcript
from tests.helpers.long_transcript import long_mixed_transcript

TARGET_WORDS = 150_000
HOURS = 12


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    hours = 1 if quick else HOURS
    transcript = _transcript(hours, TARGET_WORDS * hours // HOURS)
    words = sum(len(s.words) for c in transcript.channels for s in c.sentences)
    repeats = 1 if not quick else 3
    options = ExportOptions(preset=builtin("netflix-en"))
    results: dict[str, float | int] = {"words": words, "hours": hours}
    results["cut_s"] = _best(repeats, lambda: segment(transcript, options.preset))
    for fmt in FORMATS:
        results[f"{fmt}_s"] = _best(
            repeats, lambda fmt=fmt: export_transcript(transcript, fmt, options=options)
        )
    for preset in BUILTIN_PRESETS:
        results[f"cut_{preset.id}_s"] = _best(repeats, lambda p=preset: segment(transcript, p))
    cues = segment(transcript, options.preset).cues
    results["peer_pysubs2_srt_s"] = _best(repeats, lambda: _pysubs2_srt(cues))
    results["peer_sentence_srt_s"] = _best(repeats, lambda: export_transcript(transcript, "srt"))
    results = {k: round(v, 3) if isinstance(v, float) else v for k, v in results.items()}
    for key, value in results.items():
        print(f"{key:>28}: {value}")
    print(json.dumps(results))
    return 0


def _transcript(hours: int, words: int) -> Transcript:
    """The synthetic meeting grown to ``words`` words, its clock scaled into ``hours``."""
    minutes = 60.0
    while True:
        transcript = long_mixed_transcript(minutes, seed=1, speakers=2, pause_scale=0.5)
        count = sum(len(s.words) for s in transcript.channels[0].sentences)
        if count >= words:
            break
        minutes *= words / count * 1.02
    return _fit(transcript, hours * 3_600_000)


def _fit(transcript: Transcript, length_ms: int) -> Transcript:
    """Every time scaled so the transcript lasts ``length_ms``: same words, faster speech."""
    factor = length_ms / (transcript.duration_ms or 1)
    data = msgspec.to_builtins(transcript)
    for channel in data["channels"]:
        for sentence in channel["sentences"]:
            sentence["begin_ms"] = int(sentence["begin_ms"] * factor)
            sentence["end_ms"] = int(sentence["end_ms"] * factor)
            for word in sentence["words"]:
                word[0], word[1] = int(word[0] * factor), int(word[1] * factor)
    data["duration_ms"] = length_ms
    return msgspec.convert(data, Transcript)


def _pysubs2_srt(cues: list) -> bytes:
    subs = pysubs2.SSAFile()
    for cue in cues:
        subs.append(
            pysubs2.SSAEvent(start=cue.start_ms, end=cue.end_ms, text="\\N".join(cue.lines))
        )
    out = io.StringIO()
    subs.to_file(out, "srt")
    return out.getvalue().encode()


def _best(repeats: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
