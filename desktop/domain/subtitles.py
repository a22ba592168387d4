"""Subtitle cues cut from a transcript.

For now one cue per sentence (transcript style); rule-driven segmentation by
broadcast presets builds on the same ``Cue`` type.
"""

from __future__ import annotations

import msgspec

from desktop.domain.transcript import Transcript


class Cue(msgspec.Struct, frozen=True):
    """Text shown from ``start_ms`` to ``end_ms``; ``speaker`` is a display name or None."""

    start_ms: int
    end_ms: int
    lines: tuple[str, ...]
    speaker: str | None = None


def sentence_cues(transcript: Transcript) -> list[Cue]:
    """One cue per non-empty sentence, all channels merged in time order.

    A sentence of zero length still gets a visible cue (1 ms) so no text is
    lost; overlapping sentences of different channels stay overlapping, which
    SRT and WebVTT allow.
    """
    cues: list[Cue] = []
    for sentence in transcript.merged_sentences():
        if not sentence.text.strip():
            continue
        cues.append(
            Cue(
                start_ms=sentence.begin_ms,
                end_ms=max(sentence.end_ms, sentence.begin_ms + 1),
                lines=(sentence.text,),
                speaker=transcript.speaker_label(sentence),
            )
        )
    return cues
