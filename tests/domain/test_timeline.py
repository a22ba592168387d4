"""Time → word lookup: what the karaoke highlight shows at each moment of playback."""

from __future__ import annotations

import random

from desktop.domain.timeline import Playhead, TimeIndex
from desktop.domain.transcript import Sentence, Word

SENTENCES = [
    Sentence(0, 1000, "a b", words=(Word(0, 400, "a "), Word(600, 1000, "b"))),
    Sentence(2000, 3000, "[laughter]"),  # no words: the whole sentence is one entry
    Sentence(3000, 4000, "c", words=(Word(3100, 3900, "c"),)),
]


def test_locate_words_gaps_and_sentences_without_words():
    index = TimeIndex(SENTENCES)
    assert index.locate(-5) is None
    assert index.locate(0) == Playhead(0, 0)
    assert index.locate(399) == Playhead(0, 0)
    assert index.locate(500) == Playhead(0, 0)  # pause between words: the last word stays
    assert index.locate(600) == Playhead(0, 1)
    assert index.locate(1000) is None  # between sentences
    assert index.locate(2500) == Playhead(1, -1)
    assert index.locate(3050) is None  # sentence started, first word not yet... before 3100
    assert index.locate(3100) == Playhead(2, 0)
    assert index.locate(4000) is None


def test_overlapping_channels_find_the_sentence_still_playing():
    long = Sentence(0, 10_000, "long", words=(Word(0, 1000, "x"),), channel_id=0)
    short = Sentence(2000, 3000, "short", words=(Word(2000, 3000, "y"),), channel_id=1)
    index = TimeIndex([long, short])
    assert index.locate(2500) == Playhead(1, 0)
    assert index.locate(5000) == Playhead(0, 0)


def test_matches_a_linear_scan_on_random_data():
    rng = random.Random(7)
    sentences = []
    t = 0
    for _ in range(300):
        words = []
        start = t
        for _ in range(rng.randint(0, 6)):
            t += rng.randint(0, 300)
            length = rng.randint(50, 500)
            words.append(Word(t, t + length, "w"))
            t += length
        t += rng.randint(0, 200)
        sentences.append(Sentence(start, t, "s", words=tuple(words)))
        t += rng.randint(0, 1000)
    index = TimeIndex(sentences)
    for ms in rng.sample(range(t + 100), 2000):
        assert index.locate(ms) == scan(sentences, ms), ms


def scan(sentences, ms):
    """The obvious definition, for checking the index."""
    best = None
    for row, s in enumerate(sentences):
        entries = [(w.begin_ms, i) for i, w in enumerate(s.words)] or [(s.begin_ms, -1)]
        for begin, word in entries:
            if begin <= ms < s.end_ms and (best is None or begin >= best[0]):
                best = (begin, Playhead(row, word))
    return best[1] if best else None
