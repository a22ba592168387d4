"""Where a dragged cue edge should land: the nearest word boundary or silence edge.

A mouse is coarse: at a zoom showing a minute, one pixel is ~60 ms, so an
edge dropped by hand lands mid-word. Snapping pulls it to the nearest
meaningful time (a word's start or end, the start or end of a silence) within
a few pixels, which is what a subtitler wants nearly always; holding a
modifier switches it off for the rest.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence

from desktop.domain.transcript import Sentence


class SnapTargets:
    """Sorted candidate times, searched with ``bisect`` (a 12-hour file has ~300 000)."""

    __slots__ = ("_times",)

    def __init__(self, times: Iterable[int]) -> None:
        self._times = array("q", sorted(set(times)))

    def __len__(self) -> int:
        return len(self._times)

    def times(self) -> list[int]:
        """The targets, sorted."""
        return self._times.tolist()

    def snap(self, ms: int, tolerance_ms: int, *, exclude: Iterable[int] = ()) -> int:
        """The target nearest ``ms`` within ``tolerance_ms``, else ``ms`` itself."""
        times, skip = self._times, set(exclude)
        position = bisect_left(times, ms)
        best, distance = ms, tolerance_ms + 1
        for index in range(max(0, position - 2), min(len(times), position + 2)):
            candidate = times[index]
            if candidate in skip:
                continue
            if abs(candidate - ms) < distance:
                best, distance = candidate, abs(candidate - ms)
        return best


def snap_targets(
    sentences: Sequence[Sentence],
    silences: Iterable[tuple[int, int]] = (),
    shots: Iterable[int] = (),
) -> SnapTargets:
    """Every word boundary of the sentences, both edges of every silence, every shot change."""
    times: list[int] = list(shots)
    for sentence in sentences:
        for word in sentence.words:
            times.append(word.begin_ms)
            times.append(word.end_ms)
    for begin, end in silences:
        times.append(begin)
        times.append(end)
    return SnapTargets(times)
