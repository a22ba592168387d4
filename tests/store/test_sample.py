"""The bundled sample: a real recording whose result JSON has the true word times."""

from __future__ import annotations

import itertools
import math
from array import array

import av

from desktop import resources
from desktop.formats.result_file import parse_result
from desktop.store.library import Library
from desktop.store.sample import SAMPLE_TITLE, import_sample


def _loudness(samples: array, rate: int, begin_ms: int, end_ms: int) -> float:
    """RMS level of a stretch, 0..1."""
    part = samples[rate * begin_ms // 1000 : rate * end_ms // 1000]
    return math.sqrt(sum(x * x for x in part) / len(part)) / 32768 if part else 0.0


def _decode(path) -> tuple[array, int]:
    """16-bit mono samples of the file, decoded by PyAV (FFmpeg)."""
    samples = array("h")
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        rate = stream.rate
        resampler = av.AudioResampler(format="s16", layout="mono", rate=rate)
        for frame in container.decode(stream):
            for out in resampler.resample(frame):
                samples.frombytes(bytes(out.planes[0])[: out.samples * 2])
    return samples, rate


def test_the_sample_is_small_and_its_result_parses() -> None:
    assert resources.sample_media().stat().st_size < 200_000
    transcript = parse_result(resources.sample_result().read_bytes())
    texts = [s.text for s in transcript.merged_sentences()]
    assert texts == ["Welcome to Tingxie.", "Click any word to hear it.", "欢迎使用听写。"]
    assert all(len(s.words) >= 3 for s in transcript.merged_sentences())


def test_every_word_time_of_the_sample_lies_on_speech_and_the_gaps_are_silent() -> None:
    transcript = parse_result(resources.sample_result().read_bytes())
    samples, rate = _decode(resources.sample_media())
    duration_ms = len(samples) * 1000 // rate
    assert abs(duration_ms - transcript.duration_ms) < 100
    words = [w for s in transcript.merged_sentences() for w in s.words]
    for word in words:
        assert _loudness(samples, rate, word.begin_ms, word.end_ms) > 0.02, word
    for before, after in itertools.pairwise(words):
        # the middle of each gap between words (the codec smears the edges a little)
        middle = (before.end_ms + after.begin_ms) // 2
        assert _loudness(samples, rate, middle - 20, middle + 20) < 0.005, (before, after)


def test_importing_the_sample_twice_gives_the_same_item(tingxie_home) -> None:
    with Library.open() as library:
        first = import_sample(library)
        assert import_sample(library) == first
        item = library.item(first)
        assert item.title == SAMPLE_TITLE
        assert item.media_path == str(resources.sample_media().resolve())
        assert len(library.items()) == 1
