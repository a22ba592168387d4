"""A transcribed video for the subtitle view's tests: a hard cut at frame 48 (23.976 fps)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.transcript import Channel, Sentence, Transcript, Word
from tests.helpers.cut_video import cut_video
from tests.helpers.speech_media import add_to_library


def _sentence(begin: int, text: str, step: int) -> Sentence:
    tokens = text.split()
    words = tuple(
        Word(begin + i * step, begin + i * step + step - 20,
             token + ("" if i == len(tokens) - 1 else " "))
        for i, token in enumerate(tokens)
    )  # fmt: skip
    return Sentence(begin, words[-1].end_ms, text, words)


SENTENCES = (
    _sentence(300, "Where were you last night?", 360),  # speech ends 2 frames past the cut
    _sentence(4000, "I was at home with my sister, watching the game until very late.", 300),
    _sentence(9000, "Really? You never told me.", 300),
    _sentence(11000, "I did.", 300),
)


@pytest.fixture
def talk(tmp_path: Path) -> int:
    video = cut_video(tmp_path / "talk.mp4", "24000/1001", shots=(2.0, 12.0))
    transcript = Transcript(video.as_uri(), (Channel(0, SENTENCES),), duration_ms=14_000)
    return add_to_library(transcript, video, title="talk")
