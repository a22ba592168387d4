"""Simplified ↔ Traditional Chinese on export, with OpenCC.

OpenCC converts phrase by phrase (``鼠标`` → ``滑鼠`` with the Taiwan phrase
sets), so each word and each sentence is converted on its own: the words keep
their times and still spell the sentence for the character conversions; where
a phrase conversion changes a word's length the cutter falls back to the
sentence text (see ``subtitle_tokens``).
"""

from __future__ import annotations

from functools import lru_cache

import msgspec
import opencc

from desktop.domain.messages import template
from desktop.domain.transcript import Transcript

# OpenCC configurations offered, with what a person picks them for.
CONVERSIONS: dict[str, str] = {
    "s2t": "Simplified → Traditional",
    "s2tw": "Simplified → Traditional (Taiwan)",
    "s2twp": "Simplified → Traditional (Taiwan, with phrases)",
    "s2hk": "Simplified → Traditional (Hong Kong)",
    "t2s": "Traditional → Simplified",
    "tw2s": "Traditional (Taiwan) → Simplified",
    "tw2sp": "Traditional (Taiwan, with phrases) → Simplified",
    "hk2s": "Traditional (Hong Kong) → Simplified",
}
for _label in CONVERSIONS.values():
    template(_label)  # the UI says each in its language


class UnknownConversionError(ValueError):
    def __str__(self) -> str:
        return (
            f"unknown Chinese conversion {self.args[0]!r}; choose one of {', '.join(CONVERSIONS)}"
        )


@lru_cache(maxsize=8)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(f"{config}.json")


def convert_text(text: str, config: str) -> str:
    if config not in CONVERSIONS:
        raise UnknownConversionError(config)
    return _converter(config).convert(text) if text else text


def convert_transcript(transcript: Transcript, config: str) -> Transcript:
    """The transcript with every sentence and word converted; times and labels unchanged."""
    convert = _converter(config).convert if config in CONVERSIONS else None
    if convert is None:
        raise UnknownConversionError(config)
    channels = tuple(
        msgspec.structs.replace(
            channel,
            sentences=tuple(
                msgspec.structs.replace(
                    sentence,
                    text=convert(sentence.text),
                    words=tuple(
                        msgspec.structs.replace(word, text=convert(word.text))
                        for word in sentence.words
                    ),
                )
                for sentence in channel.sentences
            ),
        )
        for channel in transcript.channels
    )
    return msgspec.structs.replace(transcript, channels=channels)
