"""From a playback time to the word being spoken: a binary search over a prebuilt index.

The player reports its position twenty or more times a second; a 12-hour
recording has ~150 000 words, so finding the current word must not scan them.
The index is built once per list of shown sentences (after each edit or filter
change) and each lookup is one ``bisect`` over word start times.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from desktop.domain.transcript import Sentence


class Playhead(NamedTuple):
    """Where playback is: a row of the shown sentences and a word of it (-1: no word)."""

    row: int
    word: int


class TimeIndex:
    """Word start times of a list of sentences, sorted, with where each word lives.

    A sentence without word times (SenseVoice) counts as one word spanning it.
    Between two words of a sentence the earlier word stays current, so the
    highlight does not flicker off in every short pause.
    """

    __slots__ = ("_begins", "_ends", "_rows", "_words")

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        begins = array("q")
        ends = array("q")  # end of the sentence the entry belongs to
        rows = array("l")
        words = array("l")
        for row, sentence in enumerate(sentences):
            if sentence.words:
                for index, word in enumerate(sentence.words):
                    begins.append(word.begin_ms)
                    words.append(index)
                count = len(sentence.words)
            else:
                begins.append(sentence.begin_ms)
                words.append(-1)
                count = 1
            end = max(sentence.end_ms, max((w.end_ms for w in sentence.words), default=0))
            ends.extend([end] * count)
            rows.extend([row] * count)
        if any(begins[i] > begins[i + 1] for i in range(len(begins) - 1)):
            order = sorted(range(len(begins)), key=begins.__getitem__)
            begins = array("q", (begins[i] for i in order))
            ends = array("q", (ends[i] for i in order))
            rows = array("l", (rows[i] for i in order))
            words = array("l", (words[i] for i in order))
        self._begins, self._ends, self._rows, self._words = begins, ends, rows, words

    def __len__(self) -> int:
        return len(self._begins)

    def locate(self, ms: int) -> Playhead | None:
        """The word being spoken at ``ms``, or ``None`` between sentences."""
        position = bisect_right(self._begins, ms) - 1
        # Channels overlap in a merged view: a short sentence of one channel can end
        # inside a long one of another, so look back a little for a sentence still on.
        for candidate in range(position, max(-1, position - _LOOK_BACK), -1):
            if ms < self._ends[candidate]:
                return Playhead(self._rows[candidate], self._words[candidate])
        return None


_LOOK_BACK = 16
