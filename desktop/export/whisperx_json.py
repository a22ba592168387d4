"""A WhisperX-style JSON: segments with words, times in seconds, for other tools.

WhisperX writes ``{"segments": [{"start", "end", "text", "speaker"?, "words":
[{"word", "start", "end", "speaker"?}]}], "word_segments": [...]}``; tools in
its ecosystem (subtitle aligners, diarization viewers) read that shape. Each
of our sentences is a segment. Words the service did not time are absent, as
WhisperX leaves unaligned words without times.
"""

from __future__ import annotations

import msgspec

from desktop.domain.text_cleaning import clean_line
from desktop.domain.transcript import Transcript


class WhisperXWord(msgspec.Struct, omit_defaults=True):
    word: str
    start: float
    end: float
    speaker: str | None = None


class WhisperXSegment(msgspec.Struct, omit_defaults=True):
    start: float
    end: float
    text: str
    words: list[WhisperXWord]
    speaker: str | None = None


class WhisperXDocument(msgspec.Struct):
    segments: list[WhisperXSegment]
    word_segments: list[WhisperXWord]


def to_whisperx(transcript: Transcript) -> bytes:
    segments: list[WhisperXSegment] = []
    every_word: list[WhisperXWord] = []
    for sentence in transcript.merged_sentences():
        text = clean_line(sentence.text)
        if not text:
            continue
        speaker = transcript.speaker_label(sentence)
        words = [
            WhisperXWord(clean_line(w.display), _seconds(w.begin_ms), _seconds(w.end_ms), speaker)
            for w in sentence.words
            if clean_line(w.display)
        ]
        every_word.extend(words)
        segments.append(
            WhisperXSegment(
                _seconds(sentence.begin_ms), _seconds(sentence.end_ms), text, words, speaker
            )
        )
    raw = msgspec.json.encode(WhisperXDocument(segments, every_word))
    return msgspec.json.format(raw, indent=1) + b"\n"


def _seconds(ms: int) -> float:
    return round(ms / 1000, 3)
