"""The service's result file (one JSON object per transcribed file), both directions.

Reading goes through typed wire structures so a malformed or hostile file is
refused with the path of the offending field (``transcripts[0].sentences[3].
begin_time: expected int, got str``) instead of a traceback deep in the editor.
Writing produces the same schema from a (possibly edited) transcript, which is
the "JSON" export: tools that read DashScope results read ours.

Two shapes are read: Paraformer / Fun-ASR / SenseVoice (``properties``,
``content_duration_in_milliseconds``, SenseVoice's ``<|…|>`` tags) and Qwen3-ASR
(``audio_info``, ``sentence_id`` from 0, ``language`` and ``emotion`` per
sentence). Both become the same transcript; Qwen's emotion is spelled as
SenseVoice's (``"angry"`` → ``"ANGRY"``) so one label filter finds both.
"""

from __future__ import annotations

import re
from typing import Annotated

import msgspec

from desktop.domain.sensevoice_tags import EMOTIONS, join_tags, split_tags
from desktop.domain.transcript import Channel, Sentence, Transcript, Word, join_texts

# A 12-hour two-channel Paraformer result is ~25 MB; anything far beyond that is
# not a result file, and refusing it early keeps a hostile file from eating memory.
MAX_RESULT_BYTES = 64 * 1024 * 1024
# 100 days: longer than any file the service accepts (2 GB of the slowest codec).
MAX_TIME_MS = 100 * 24 * 3600 * 1000

Millis = Annotated[int, msgspec.Meta(ge=0, le=MAX_TIME_MS)]
ChannelId = Annotated[int, msgspec.Meta(ge=0, le=1023)]
SmallId = Annotated[int, msgspec.Meta(ge=0, le=1_000_000)]


class ResultFileError(ValueError):
    """The bytes are not a usable result file; the message names the field."""


def _check_times(begin: int, end: int) -> None:
    if end < begin:
        raise ValueError(f"end_time ({end}) is before begin_time ({begin})")


class WireWord(msgspec.Struct, kw_only=True):
    begin_time: Millis
    end_time: Millis
    text: str
    punctuation: str = ""

    def __post_init__(self) -> None:
        _check_times(self.begin_time, self.end_time)


class WireSentence(msgspec.Struct, kw_only=True, omit_defaults=True):
    begin_time: Millis
    end_time: Millis
    text: str
    sentence_id: SmallId | None = None
    speaker_id: SmallId | None = None
    language: Annotated[str, msgspec.Meta(max_length=32)] | None = None  # Qwen3-ASR
    emotion: Annotated[str, msgspec.Meta(max_length=32)] | None = None  # Qwen3-ASR
    words: list[WireWord] = []

    def __post_init__(self) -> None:
        _check_times(self.begin_time, self.end_time)


class WireTranscript(msgspec.Struct, kw_only=True, omit_defaults=True):
    channel_id: ChannelId
    content_duration_in_milliseconds: Millis | None = None
    text: str | None = None
    sentences: list[WireSentence]


class WireProperties(msgspec.Struct, kw_only=True, omit_defaults=True):
    audio_format: str | None = None
    channels: list[ChannelId] | None = None
    original_sampling_rate: Annotated[int, msgspec.Meta(ge=0, le=10_000_000)] | None = None
    original_duration_in_milliseconds: Millis | None = None


class WireAudioInfo(msgspec.Struct, kw_only=True, omit_defaults=True):
    """Qwen3-ASR's ``audio_info`` (in place of ``properties``)."""

    format: str | None = None
    sample_rate: Annotated[int, msgspec.Meta(ge=0, le=10_000_000)] | None = None


class ResultFile(msgspec.Struct, kw_only=True, omit_defaults=True):
    file_url: str
    properties: WireProperties | None = None
    audio_info: WireAudioInfo | None = None
    transcripts: list[WireTranscript]


_decoder = msgspec.json.Decoder(ResultFile)
_PATH = re.compile(r"^(?P<msg>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)


def parse_result(raw: bytes) -> Transcript:
    """Validate ``raw`` as a result file and build the transcript from it."""
    if len(raw) > MAX_RESULT_BYTES:
        raise ResultFileError(
            f"file is {len(raw) / 1e6:.0f} MB; a result file is at most"
            f" {MAX_RESULT_BYTES // 2**20} MB"
        )
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        wire = _decoder.decode(raw)
    except msgspec.ValidationError as error:
        raise ResultFileError(_describe(error)) from None
    except msgspec.DecodeError as error:
        detail = str(error).removeprefix("JSON is malformed: ")
        raise ResultFileError(f"not valid JSON: {_lower_first(detail)}") from None
    _check_channels(wire)
    return _to_transcript(wire)


def _describe(error: msgspec.ValidationError) -> str:
    """msgspec's "Expected `int`, got `str` - at `$.a[0].b`" as "a[0].b: expected int, got str"."""
    match = _PATH.match(str(error))
    assert match is not None  # the pattern matches every string
    message = _lower_first(match.group("msg").replace("`", ""))
    path = (match.group("path") or "").lstrip(".")
    return f"{path}: {message}" if path else message


def _lower_first(text: str) -> str:
    """Sentence case to mid-sentence case, leaving acronyms ("JSON") alone."""
    if text[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def _check_channels(wire: ResultFile) -> None:
    seen: set[int] = set()
    for index, transcript in enumerate(wire.transcripts):
        if transcript.channel_id in seen:
            raise ResultFileError(
                f"transcripts[{index}].channel_id: channel {transcript.channel_id} appears twice"
            )
        seen.add(transcript.channel_id)


def _to_transcript(wire: ResultFile) -> Transcript:
    props = wire.properties or WireProperties()
    info = wire.audio_info or WireAudioInfo()
    channels = tuple(
        Channel(
            channel_id=t.channel_id,
            sentences=tuple(
                sorted(
                    (_to_sentence(s, t.channel_id) for s in t.sentences),
                    key=lambda s: (s.begin_ms, s.end_ms),
                )
            ),
            content_duration_ms=t.content_duration_in_milliseconds,
        )
        for t in sorted(wire.transcripts, key=lambda t: t.channel_id)
    )
    return Transcript(
        file_url=wire.file_url,
        channels=channels,
        audio_format=props.audio_format or info.format,
        sampling_rate=props.original_sampling_rate or info.sample_rate,
        duration_ms=props.original_duration_in_milliseconds,
        source_channels=tuple(props.channels or ()),
    )


def _to_sentence(wire: WireSentence, channel_id: int) -> Sentence:
    tagged = split_tags(wire.text)
    words = [_to_word(w) for w in wire.words]
    return Sentence(
        begin_ms=wire.begin_time,
        end_ms=wire.end_time,
        text=tagged.text,
        words=tuple(sorted((w for w in words if w.display.strip()), key=lambda w: w.begin_ms)),
        channel_id=channel_id,
        sentence_id=wire.sentence_id,
        speaker_id=wire.speaker_id,
        emotion=_emotion(wire.emotion) or tagged.emotion,
        events=tagged.events,
        tags=tagged.tags,
        raw_text=wire.text if tagged.text != wire.text else None,
        language=wire.language or None,
    )


def _emotion(name: str | None) -> str | None:
    """Qwen3-ASR's ``"happy"`` as the label SenseVoice gives the same emotion (``"HAPPY"``)."""
    if not name or not name.strip():
        return None
    upper = name.strip().upper()
    return upper if upper in EMOTIONS else name.strip()


def _to_word(wire: WireWord) -> Word:
    text = wire.text
    if "<|" in text:  # a SenseVoice tag given as a word: keep the word's own text only
        text = split_tags(text).text
    return Word(wire.begin_time, wire.end_time, text, wire.punctuation)


def to_result_file(transcript: Transcript) -> ResultFile:
    """The transcript in the service's schema, with its current (edited) text."""
    return ResultFile(
        file_url=transcript.file_url,
        properties=WireProperties(
            audio_format=transcript.audio_format,
            channels=list(transcript.source_channels) or None,
            original_sampling_rate=transcript.sampling_rate,
            original_duration_in_milliseconds=transcript.duration_ms,
        ),
        transcripts=[_to_wire_channel(c) for c in transcript.channels],
    )


def _to_wire_channel(channel: Channel) -> WireTranscript:
    sentences = [_to_wire_sentence(s) for s in channel.sentences]
    return WireTranscript(
        channel_id=channel.channel_id,
        content_duration_in_milliseconds=channel.content_duration_ms,
        text=join_texts(s.text for s in sentences),
        sentences=sentences,
    )


def _to_wire_sentence(sentence: Sentence) -> WireSentence:
    qwen = sentence.language is not None  # Qwen3-ASR's labels are fields, not tags
    return WireSentence(
        begin_time=sentence.begin_ms,
        end_time=sentence.end_ms,
        text=sentence.text if qwen else _service_text(sentence),
        sentence_id=sentence.sentence_id,
        speaker_id=sentence.speaker_id,
        language=sentence.language,
        emotion=sentence.emotion.lower() if qwen and sentence.emotion else None,
        words=[
            WireWord(
                begin_time=w.begin_ms, end_time=w.end_ms, text=w.text, punctuation=w.punctuation
            )
            for w in sentence.words
        ],
    )


def _service_text(sentence: Sentence) -> str:
    """SenseVoice text carries its labels as tags; keep the original if the text is unedited."""
    if sentence.raw_text is not None and split_tags(sentence.raw_text).text == sentence.text:
        return sentence.raw_text
    if sentence.emotion or sentence.events or sentence.tags:
        return join_tags(sentence.text, sentence.emotion, sentence.events, sentence.tags)
    return sentence.text


def encode_result(transcript: Transcript) -> bytes:
    """The JSON export: UTF-8, non-ASCII kept as is, indented for people who open it."""
    return msgspec.json.format(msgspec.json.encode(to_result_file(transcript)), indent=2) + b"\n"
