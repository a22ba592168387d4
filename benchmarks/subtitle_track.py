"""A subtitle track of a 12-hour transcript: cut, open, live re-check, SRT export.

Run ``python -m benchmarks.subtitle_track`` (``--quick``: one repetition of
each figure instead of the best of three, same transcript). The transcript
is the export benchmark's mixed Chinese/English meeting, 150 000 words
fitted into 12 hours (``benchmarks.export``), cut with ``netflix-en`` at
23.976 fps, with a shot change every 4 s for the shot-change rules.

- ``cut_s``: ``cut_track`` — the cut with every cue's words kept.
- ``open_s``: what opening the subtitle view costs below Qt: the track read
  back from a fresh library file, the row figures of every cue (number,
  start, end, duration, text, cps, cpl) and the full check of every rule.
- ``recheck_ms``: one cue edit (its text set, an edge nudged) and the live
  re-check of that cue and its neighbour, mean of 200 random edits.
- ``export_srt_s``: the track written as SRT (``export_track``).
- ``peer_pysubs2_srt_s``: pysubs2 writing the same cues as SRT, no sanitising.

The last line is one JSON object with exactly those five keys.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.export import _pysubs2_srt, _transcript
from desktop.domain import cue_editing as edit
from desktop.domain.cue_rows import cue_rows
from desktop.domain.cue_track import CueTrack, cut_track
from desktop.domain.subtitle_presets import builtin
from desktop.domain.timecode import FPS_23_976
from desktop.domain.track_check import CheckContext, check_track, recheck
from desktop.domain.transcript import Transcript
from desktop.export import export_track
from desktop.store.library import Library

TARGET_WORDS = 150_000
HOURS = 12
SHOT_EVERY_MS = 4000
EDITS = 200


def main(argv: list[str]) -> int:
    repeats = 1 if "--quick" in argv else 3
    transcript = _transcript(HOURS, TARGET_WORDS)
    preset = builtin("netflix-en")
    results: dict[str, float] = {}
    track: CueTrack | None = None

    def cut() -> None:
        nonlocal track
        track = cut_track(transcript, preset, "Netflix", FPS_23_976)

    results["cut_s"] = _best(repeats, cut)
    assert track is not None
    shots = tuple(range(SHOT_EVERY_MS, transcript.end_ms, SHOT_EVERY_MS))
    context = CheckContext(preset, FPS_23_976, shots)
    with tempfile.TemporaryDirectory() as folder:
        library, track_id = _stored(Path(folder) / "library.sqlite3", transcript, track)
        with library:
            results["open_s"] = _best(repeats, lambda: _open(library, track_id, context))
    results["recheck_ms"] = _recheck_ms(track, context)
    results["export_srt_s"] = _best(repeats, lambda: export_track(track, "srt"))
    cues = track.plain_cues()
    results["peer_pysubs2_srt_s"] = _best(repeats, lambda: _pysubs2_srt(cues))
    words = sum(len(c.words) for c in track.cues)
    print(f"{'words':>20}: {words}\n{'cues':>20}: {len(track.cues)}")
    results = {k: round(v, 3) for k, v in results.items()}
    for key, value in results.items():
        print(f"{key:>20}: {value}")
    print(json.dumps(results))
    return 0


def _stored(path: Path, transcript: Transcript, track: CueTrack) -> tuple[Library, int]:
    library = Library.open(path)
    item_id = library.add_item(raw=b"{}", source="benchmark", transcript=transcript, title="12 h")
    return library, library.tracks.create(item_id, track)


def _open(library: Library, track_id: int, context: CheckContext) -> None:
    track = library.tracks.load(track_id)
    cue_rows(track, context.preset)
    check_track(track, context)


def _recheck_ms(track: CueTrack, context: CheckContext) -> float:
    """Mean of one edit plus its re-check, the step the view runs after every keystroke."""
    rng = random.Random(15)
    checked = check_track(track, context)
    total = 0.0
    for number in range(EDITS):
        index = rng.randrange(len(track.cues) - 1)
        start = time.perf_counter()
        if number % 2:
            new = edit.set_text(track, index, f"edited line {number}\nand its second line")
        else:
            new = edit.nudge(track, index, "end", -100)
        checked = recheck(checked, track, new)
        total += time.perf_counter() - start
        track = new
    return total / EDITS * 1000


def _best(repeats: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
