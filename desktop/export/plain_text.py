"""Plain-text transcripts: one sentence a line, or speaker turns, optionally timestamped."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.text_cleaning import clean_line
from desktop.domain.transcript import Sentence, Transcript, join_texts


@dataclass(frozen=True)
class TextOptions:
    timestamps: bool = False  # "[00:01:02.345] " before each line
    speakers: bool = False  # consecutive sentences of one speaker form one labelled turn


def to_text(transcript: Transcript, options: TextOptions) -> bytes:
    sentences = [s for s in transcript.merged_sentences() if clean_line(s.text)]
    if options.speakers and _has_speaker_labels(transcript):
        lines = [_turn_line(transcript, turn, options) for turn in _turns(transcript, sentences)]
    else:
        lines = [_stamp(s.begin_ms, options) + clean_line(s.text) for s in sentences]
    return ("\n".join(lines) + "\n" if lines else "").encode("utf-8")


def _has_speaker_labels(transcript: Transcript) -> bool:
    return transcript.has_speakers or len(transcript.channels) > 1


def _turns(transcript: Transcript, sentences: list[Sentence]) -> list[list[Sentence]]:
    turns: list[list[Sentence]] = []
    for sentence in sentences:
        label = transcript.speaker_label(sentence)
        if turns and transcript.speaker_label(turns[-1][-1]) == label:
            turns[-1].append(sentence)
        else:
            turns.append([sentence])
    return turns


def _turn_line(transcript: Transcript, turn: list[Sentence], options: TextOptions) -> str:
    label = clean_line(transcript.speaker_label(turn[0]) or "")
    text = join_texts(clean_line(s.text) for s in turn)
    return f"{_stamp(turn[0].begin_ms, options)}{label}: {text}"


def _stamp(ms: int, options: TextOptions) -> str:
    return f"[{format_timestamp(ms)}] " if options.timestamps else ""


def format_timestamp(ms: int) -> str:
    """``HH:MM:SS.mmm``, the form people quote from interviews."""
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"
