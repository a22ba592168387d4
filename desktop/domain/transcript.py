"""The transcript: channels → sentences → words, times in integer milliseconds.

These are plain immutable values. Editing (a later layer) builds new values with
``msgspec.structs.replace`` so an undo step is just the previous object, and the
original result stays untouched by construction.

The types are ``msgspec.Struct`` rather than dataclasses because a 12-hour
recording has ~150 000 words: Structs are smaller in memory and the library
stores them with ``msgspec.msgpack`` without a hand-written codec. ``Word`` is
array-like so each stored word is a 4-element array, not a map with field names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import msgspec


class Word(msgspec.Struct, frozen=True, array_like=True):
    """One recognised word.

    ``text`` is kept exactly as the service gives it, including the leading or
    trailing space Latin words carry (``"Hello "``); ``punctuation`` is the mark
    that follows the word (``""``, ``"，"``, ``", "``).
    """

    begin_ms: int
    end_ms: int
    text: str
    punctuation: str = ""

    @property
    def display(self) -> str:
        """The word as it reads in running text: its text then its punctuation."""
        return self.text + self.punctuation


class Sentence(msgspec.Struct, frozen=True):
    """A sentence of one channel, with its words and labels.

    ``text`` is the clean display text. ``raw_text`` holds the service's text
    when it differed (SenseVoice embeds ``<|…|>`` tags in it), so nothing the
    service said is lost. ``emotion`` is one of the SenseVoice emotions,
    ``events`` the audio events around the speech (``Speech``, ``BGM``,
    ``Laughter``…) and ``tags`` any other ``<|…|>`` tag the service sent.
    ``reviewed`` is the editor's "a person checked this sentence" mark; it and
    ``language`` (the code Qwen3-ASR detected for the sentence, e.g. ``"en"``)
    come last with defaults so transcripts stored before them still load.
    """

    begin_ms: int
    end_ms: int
    text: str
    words: tuple[Word, ...] = ()
    channel_id: int = 0
    sentence_id: int | None = None
    speaker_id: int | None = None
    emotion: str | None = None
    events: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    raw_text: str | None = None
    reviewed: bool = False
    language: str | None = None

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.begin_ms

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label of the sentence, emotion first, language last: what a filter matches."""
        head = (self.emotion,) if self.emotion else ()
        tail = (self.language,) if self.language and self.language not in self.tags else ()
        return head + self.events + self.tags + tail


class Channel(msgspec.Struct, frozen=True):
    """The sentences of one audio track (``channel_id`` as the service numbers it)."""

    channel_id: int
    sentences: tuple[Sentence, ...] = ()
    content_duration_ms: int | None = None

    @property
    def text(self) -> str:
        """Whole-track text: the sentence texts joined as the service joins them."""
        return join_texts(s.text for s in self.sentences)


class SpeakerName(msgspec.Struct, frozen=True):
    """A name the user gave to a diarized speaker of one channel."""

    channel_id: int
    speaker_id: int
    name: str


class Transcript(msgspec.Struct, frozen=True):
    """One transcribed file.

    ``source_channels`` lists every track of the source file (the service's
    ``properties.channels``); ``channels`` only the tracks that were transcribed.
    """

    file_url: str
    channels: tuple[Channel, ...] = ()
    audio_format: str | None = None
    sampling_rate: int | None = None
    duration_ms: int | None = None
    source_channels: tuple[int, ...] = ()
    speaker_names: tuple[SpeakerName, ...] = ()

    def channel(self, channel_id: int) -> Channel:
        for channel in self.channels:
            if channel.channel_id == channel_id:
                return channel
        raise KeyError(channel_id)

    def merged_sentences(self) -> list[Sentence]:
        """All channels' sentences in one list ordered by time (ties: by channel)."""
        if len(self.channels) == 1:
            return list(self.channels[0].sentences)
        every = [s for channel in self.channels for s in channel.sentences]
        every.sort(key=lambda s: (s.begin_ms, s.channel_id, s.end_ms))
        return every

    @property
    def sentence_count(self) -> int:
        return sum(len(c.sentences) for c in self.channels)

    @property
    def end_ms(self) -> int:
        """The file's length if known, else the end of the last sentence."""
        if self.duration_ms is not None:
            return self.duration_ms
        ends = [c.sentences[-1].end_ms for c in self.channels if c.sentences]
        return max(ends, default=0)

    @property
    def has_speakers(self) -> bool:
        return any(s.speaker_id is not None for c in self.channels for s in c.sentences)

    def speaker_label(self, sentence: Sentence) -> str | None:
        """A person-readable speaker for ``sentence``, or ``None`` when there is none.

        A diarized speaker gets its user-given name or ``Speaker N`` (1-based);
        with several transcribed channels and no diarization the channel is
        the speaker (a stereo call: agent on one track, caller on the other).
        """
        if sentence.speaker_id is not None:
            for named in self.speaker_names:
                if (named.channel_id, named.speaker_id) == (
                    sentence.channel_id,
                    sentence.speaker_id,
                ):
                    return named.name
            label = f"Speaker {sentence.speaker_id + 1}"
            if len(self.channels) > 1:
                label += f" (channel {sentence.channel_id})"
            return label
        if len(self.channels) > 1:
            return f"Channel {sentence.channel_id}"
        return None


def join_texts(texts: Iterable[str]) -> str:
    """Join sentence texts: no separator between CJK sentences, one space between Latin ones."""
    out: list[str] = []
    for text in texts:
        if out and text and _needs_space(out[-1], text):
            out.append(" ")
        out.append(text)
    return "".join(out)


def _needs_space(before: str, after: str) -> bool:
    if not before or before[-1].isspace() or after[0].isspace():
        return False
    return not (is_wide(before[-1]) or is_wide(after[0]))


def is_wide(char: str) -> bool:
    """True for characters of scripts written without spaces (CJK, kana, hangul, full-width)."""
    # Every wide range starts at U+1100, and most wide text is CJK Unified Ideographs: two
    # comparisons answer most characters without a regex (the cutter asks ~300 000 times).
    if char < "\u1100":
        return False
    if "\u4e00" <= char <= "\u9fff":
        return True
    return WIDE_PATTERN.match(char) is not None


def count_wide(text: str) -> int:
    """How many characters of ``text`` are wide (``is_wide``): line widths of long files, fast."""
    if text.isascii():
        return 0
    return len(WIDE_PATTERN.findall(text))


# Scripts written without spaces between words, plus full-width forms and CJK punctuation.
_WIDE_RANGES: Sequence[tuple[int, int]] = (
    (0x1100, 0x115F),  # Hangul Jamo initials
    (0x2E80, 0x303E),  # CJK radicals, Kangxi, ideographic description, CJK symbols/punct.
    (0x3041, 0x33FF),  # Hiragana, Katakana, Bopomofo, Hangul compat., Kanbun, CJK compat.
    (0x3400, 0x4DBF),  # CJK Ext. A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xA960, 0xA97F),  # Hangul Jamo Ext. A
    (0xAC00, 0xD7A3),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFF60),  # Full-width forms
    (0xFFE0, 0xFFE6),  # Full-width signs
    (0x20000, 0x3FFFD),  # CJK Ext. B and later planes
)
# One character class of the ranges above: regex matching runs in C, which a
# 12-hour transcript (hundreds of thousands of characters to measure) needs.
WIDE_PATTERN = re.compile(
    "[" + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in _WIDE_RANGES) + "]"
)
# Runs of those characters, for whole-string work at C speed (search indexing).
WIDE_RUN = re.compile(WIDE_PATTERN.pattern + "+")
