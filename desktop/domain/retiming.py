"""Sync tools: move many sentences in time at once.

A transcript can be out of sync as a whole (the media was trimmed: shift
everything), from some point on (an ad break was cut: set this sentence's
start and shift the rest), or by a growing amount (the media was re-encoded at
a slightly different speed: stretch between two anchors, each a sentence whose
right time the user knows). And subtitles need breathing room the recogniser
does not leave: a preset's minimum duration and gap, and small gaps closed.

Each tool is a pure function from a transcript to a new one, like the edits
in ``editing``, so the editor makes each one undoable step; words move with
their sentences, and channels stay sorted by start time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from msgspec.structs import replace

from desktop.domain.editing import EditError, SentenceRef, sentence_at
from desktop.domain.subtitle_presets import Preset
from desktop.domain.transcript import Sentence, Transcript

TimeMap = Callable[[int], int]


def _mapped(sentence: Sentence, to: TimeMap) -> Sentence:
    words = tuple(replace(w, begin_ms=to(w.begin_ms), end_ms=to(w.end_ms)) for w in sentence.words)
    return replace(
        sentence, begin_ms=to(sentence.begin_ms), end_ms=to(sentence.end_ms), words=words
    )


def _remap(
    transcript: Transcript, chosen: Callable[[SentenceRef, Sentence], bool], to: TimeMap
) -> Transcript:
    """Map the times of the chosen sentences; each channel re-sorted by start."""
    channels = []
    for channel in transcript.channels:
        sentences = [
            _mapped(s, to) if chosen(SentenceRef(channel.channel_id, i), s) else s
            for i, s in enumerate(channel.sentences)
        ]
        sentences.sort(key=lambda s: (s.begin_ms, s.end_ms))
        channels.append(replace(channel, sentences=tuple(sentences)))
    return replace(transcript, channels=tuple(channels))


def shift(
    transcript: Transcript, delta_ms: int, refs: Iterable[SentenceRef] | None = None
) -> Transcript:
    """Move sentences (all, or ``refs``) by ``delta_ms``, words and all."""
    if delta_ms == 0:
        return transcript
    wanted = None if refs is None else set(refs)

    def chosen(ref: SentenceRef, _sentence: Sentence) -> bool:
        return wanted is None or ref in wanted

    earliest = min(
        (
            s.begin_ms
            for c in transcript.channels
            for i, s in enumerate(c.sentences)
            if chosen(SentenceRef(c.channel_id, i), s)
        ),
        default=None,
    )
    if earliest is None:
        return transcript
    if earliest + delta_ms < 0:
        raise EditError(
            f"that would start a sentence before 0:00; shift by at most -{earliest / 1000:.3f} s"
        )
    return _remap(transcript, chosen, lambda t: t + delta_ms)


def shift_from(transcript: Transcript, ref: SentenceRef, begin_ms: int) -> Transcript:
    """Start ``ref`` at ``begin_ms`` and shift every sentence from it on by the same amount.

    "From it on" is by time and across channels: a cut in the media moves
    every track after it.
    """
    anchor = sentence_at(transcript, ref)
    delta = begin_ms - anchor.begin_ms
    if delta == 0:
        return transcript
    later = [
        SentenceRef(c.channel_id, i)
        for c in transcript.channels
        for i, s in enumerate(c.sentences)
        if s.begin_ms >= anchor.begin_ms
    ]
    return shift(transcript, delta, later)


def stretch(transcript: Transcript, first: tuple[int, int], second: tuple[int, int]) -> Transcript:
    """Map every time linearly so ``first[0]`` → ``first[1]`` and ``second[0]`` → ``second[1]``.

    Anchors are (time now, right time) pairs; times outside them are
    extrapolated on the same line, which is what a constant drift needs.
    """
    (old_a, new_a), (old_b, new_b) = first, second
    if old_a == old_b:
        raise EditError("the two anchors must be at different times")
    if (new_b - new_a) * (old_b - old_a) <= 0:
        raise EditError("the anchors would swap order; pick the right time for each again")
    scale = (new_b - new_a) / (old_b - old_a)

    def to(t: int) -> int:
        return max(0, round(new_a + (t - old_a) * scale))

    return _remap(transcript, lambda _r, _s: True, to)


# -- timing rules ----------------------------------------------------------------


@dataclass(frozen=True)
class TimingRules:
    """What "fix timing" enforces: a floor on duration and gap, and which gaps to close."""

    min_duration_ms: int = 0
    min_gap_ms: int = 0
    close_gaps_below_ms: int = 0

    @classmethod
    def of_preset(cls, preset: Preset, fps: float | None = None) -> TimingRules:
        return cls(
            min_duration_ms=preset.min_duration_ms or 0,
            min_gap_ms=preset.min_gap_ms(fps),
            close_gaps_below_ms=preset.chain_gap_ms,
        )


@dataclass(frozen=True)
class TimingChange:
    """One sentence the rules would retime, for the preview."""

    ref: SentenceRef
    text: str
    before: tuple[int, int]
    after: tuple[int, int]
    reasons: tuple[str, ...]  # of REASONS

    @property
    def reason(self) -> str:
        return ", ".join(self.reasons)


MIN_DURATION, GAP_CLOSED, MIN_GAP = "minimum duration", "small gap closed", "minimum gap"
REASONS = (MIN_DURATION, GAP_CLOSED, MIN_GAP)


def apply_timing_rules(
    transcript: Transcript, rules: TimingRules
) -> tuple[Transcript, list[TimingChange]]:
    """The transcript with the rules applied, and what changed (empty: nothing to do).

    Per channel, in time order: a sentence shorter than the minimum is
    lengthened into the room before the next one (keeping the minimum gap); a
    gap under ``close_gaps_below_ms`` is closed down to the minimum gap by
    moving the earlier sentence's end; a gap under the minimum gap is opened
    by pulling that end back. Starts never move: they are when speech starts.
    """
    changes: list[TimingChange] = []
    channels = []
    for channel in transcript.channels:
        sentences = list(channel.sentences)
        for index, sentence in enumerate(sentences):
            following = sentences[index + 1].begin_ms if index + 1 < len(sentences) else None
            end, reasons = _ruled_end(sentence, following, rules)
            if end != sentence.end_ms:
                ref = SentenceRef(channel.channel_id, index)
                changes.append(
                    TimingChange(
                        ref, sentence.text, (sentence.begin_ms, sentence.end_ms),
                        (sentence.begin_ms, end), reasons,
                    )
                )  # fmt: skip
                sentences[index] = _with_end(sentence, end)
        channels.append(replace(channel, sentences=tuple(sentences)))
    if not changes:
        return transcript, []
    return replace(transcript, channels=tuple(channels)), changes


def _ruled_end(
    sentence: Sentence, following: int | None, rules: TimingRules
) -> tuple[int, tuple[str, ...]]:
    begin, end = sentence.begin_ms, sentence.end_ms
    reasons: list[str] = []
    limit = None if following is None else following - rules.min_gap_ms
    if rules.min_duration_ms and end - begin < rules.min_duration_ms:
        wanted = begin + rules.min_duration_ms
        longer = wanted if limit is None else max(end, min(wanted, limit))
        if longer != end:
            end = longer
            reasons.append(MIN_DURATION)
    if following is not None and limit is not None:
        gap = following - end
        if 0 <= gap < rules.close_gaps_below_ms and end < limit:
            end = limit
            reasons.append(GAP_CLOSED)
        elif gap < rules.min_gap_ms and end > limit:
            end = max(begin + 1, limit)
            reasons.append(MIN_GAP)
    return end, tuple(reasons)


def _with_end(sentence: Sentence, end: int) -> Sentence:
    words = tuple(
        replace(w, begin_ms=min(w.begin_ms, end), end_ms=min(w.end_ms, end)) for w in sentence.words
    )
    return replace(sentence, end_ms=end, words=words)
