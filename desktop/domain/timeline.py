"""From a playback time to the word being spoken: binary searches over a prebuilt index.

The player reports its position 40 times a second; a 12-hour recording has
~150 000 words, so finding the current word must not scan them. The index
holds one start time per sentence (sentences are shown in time order), so it
is rebuilt in a few milliseconds after every edit; a lookup is one ``bisect``
over the sentences and one over the few words of the sentence found.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from desktop.domain.transcript import Sentence, Word

# Channels overlap in a merged view: a short sentence of one channel can end
# inside a long one of another, so a lookup looks back this many sentences.
_LOOK_BACK = 16


class Playhead(NamedTuple):
    """Where playback is: a row of the shown sentences and a word of it (-1: no word)."""

    row: int
    word: int


class TimeIndex:
    """Start and end of each shown sentence, sorted by start.

    A sentence starts at its first word (or its own start when it has no word
    times); between two words the earlier word stays current, so the
    highlight does not flicker off in every short pause. When sentences
    overlap, the one that started last wins.
    """

    __slots__ = ("_ends", "_rows", "_sentences", "_starts")

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self._sentences = sentences
        starts = [s.words[0].begin_ms if s.words else s.begin_ms for s in sentences]
        ends = [max(s.end_ms, s.words[-1].end_ms) if s.words else s.end_ms for s in sentences]
        rows = list(range(len(sentences)))
        if starts != sorted(starts):  # rows out of time order (edited times): sort the index
            rows.sort(key=starts.__getitem__)
            starts = [starts[r] for r in rows]
            ends = [ends[r] for r in rows]
        self._starts = array("q", starts)
        self._ends = array("q", ends)
        self._rows = array("l", rows)

    def __len__(self) -> int:
        return len(self._starts)

    def locate(self, ms: int) -> Playhead | None:
        """The word being spoken at ``ms``, or ``None`` between sentences."""
        position = bisect_right(self._starts, ms) - 1
        for candidate in range(position, max(-1, position - _LOOK_BACK), -1):
            if ms < self._ends[candidate]:
                row = self._rows[candidate]
                words = self._sentences[row].words
                if not words:
                    return Playhead(row, -1)
                return Playhead(row, max(0, bisect_right(words, ms, key=_begin) - 1))
        return None


def _begin(word: Word) -> int:
    return word.begin_ms
