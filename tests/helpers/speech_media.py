"""Media made at test time, with every word's true start known exactly.

Each word is spoken by espeak-ng on its own, then the pieces are joined with
silences of known length, so the transcript built from those offsets is the
ground truth a click-to-seek or highlight test checks against.
"""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.transcript import Channel, Sentence, Transcript, Word
from desktop.formats.result_file import encode_result
from desktop.store.library import Library
from tests.helpers.media import ESPEAK_RATE, speech

RATE = ESPEAK_RATE  # no resampling: each word's frames are espeak-ng's own


@dataclass(frozen=True)
class Spoken:
    text: str
    begin_ms: int
    end_ms: int


def speak(text: str, path: Path) -> bytes:
    """16-bit mono PCM frames at ``RATE`` of ``text`` spoken quickly by espeak-ng."""
    speech(path, text, rate=RATE, words_per_minute=200)
    with wave.open(str(path)) as wav:
        assert wav.getframerate() == RATE and wav.getsampwidth() == 2 and wav.getnchannels() == 1
        return wav.readframes(wav.getnframes())


def speech_track(
    sentences: list[list[str]], out: Path, *, gap_ms: int = 150, pause_ms: int = 700
) -> list[list[Spoken]]:
    """Write a WAV of the sentences' words; returns each word's exact span."""
    pieces: list[bytes] = []
    timings: list[list[Spoken]] = []
    position = 0  # in frames

    def add(frames: bytes) -> None:
        nonlocal position
        pieces.append(frames)
        position += len(frames) // 2

    add(_silence(300))
    for number, words in enumerate(sentences):
        spoken: list[Spoken] = []
        for index, word in enumerate(words):
            frames = speak(word, out.with_name(f"{out.stem}-{number}-{index}.wav"))
            begin = position
            add(frames)
            spoken.append(Spoken(word, _ms(begin), _ms(position)))
            add(_silence(gap_ms))
        timings.append(spoken)
        add(_silence(pause_ms))
    add(_silence(2000))  # libvlc's dummy output ends early: keep the words clear of the end
    with wave.open(str(out), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(b"".join(pieces))
    return timings


def _silence(ms: int) -> bytes:
    return b"\x00\x00" * (RATE * ms // 1000)


def _ms(frames: int) -> int:
    return frames * 1000 // RATE


def transcript_of(timings: list[list[Spoken]], media: Path, **sentence_kw: object) -> Transcript:
    """The transcript the service would give for the track, with the true times."""
    sentences = []
    for number, spoken in enumerate(timings):
        words = tuple(
            Word(s.begin_ms, s.end_ms, s.text + ("" if i == len(spoken) - 1 else " "))
            for i, s in enumerate(spoken)
        )
        sentences.append(
            Sentence(
                begin_ms=spoken[0].begin_ms,
                end_ms=spoken[-1].end_ms,
                text="".join(w.display for w in words),
                words=words,
                sentence_id=number + 1,
                **sentence_kw,  # type: ignore[arg-type]
            )
        )
    return Transcript(file_url=media.as_uri(), channels=(Channel(0, tuple(sentences)),))


def add_to_library(transcript: Transcript, media: Path | None, title: str = "speech") -> int:
    with Library.open() as library:
        return library.add_item(
            raw=encode_result(transcript),
            source="test",
            transcript=transcript,
            title=title,
            media_path=str(media) if media else None,
        )
