"""Keeping a cue track linked to the transcript: stale cues, and re-cutting only those.

A cue remembers the transcript words it was cut from. A word is its time and
text, so when the transcript is corrected, the words that changed are the
ones no longer in it (``changed_words``), and the cues holding them — or
whose time a new word falls into — are marked stale. "Re-cut stale cues"
cuts the current words under each run of stale cues again with the track's
preset and puts the new cues in their place, between the untouched
neighbours: every cue the subtitler did not have to re-cut keeps its manual
work.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

from msgspec.structs import replace

from desktop.domain.cue_track import CueTrack, TrackCue, cut_cues
from desktop.domain.subtitle_presets import Preset
from desktop.domain.transcript import Sentence, Transcript, Word


def changed_words(before: Transcript, after: Transcript) -> tuple[set[Word], set[Word]]:
    """(words gone, words new) from ``before`` to ``after``.

    An edit replaces the sentences it touches and keeps the others as the
    same objects, so only sentences not shared by both are compared: fast
    enough to run after every edit of a 12-hour transcript.
    """
    old = {id(s): s for c in before.channels for s in c.sentences}
    new = {id(s): s for c in after.channels for s in c.sentences}
    gone = {w for key, s in old.items() if key not in new for w in s.words}
    added = {w for key, s in new.items() if key not in old for w in s.words}
    return gone - added, added - gone


def mark_changed(track: CueTrack, gone: Iterable[Word], added: Iterable[Word]) -> CueTrack:
    """The track with the cues holding a gone word, or where a new word falls, marked stale."""
    gone = set(gone)
    stale: set[int] = set()
    if gone:
        for index, cue in enumerate(track.cues):
            if not cue.stale and cue.words and not gone.isdisjoint(cue.words):
                stale.add(index)
    starts = [c.start_ms for c in track.cues]
    for word in added:
        index = _cue_for_time(track.cues, starts, word.begin_ms)
        if index is not None and track.cues[index].words:
            stale.add(index)
    return _with_stale(track, stale)


def refresh(track: CueTrack, transcript: Transcript) -> CueTrack:
    """Mark stale every cue whose words are no longer all in ``transcript`` (a full compare).

    For a track opened against a transcript edited since (in another session,
    or from the command line): the per-edit ``changed_words`` had no chance to run.
    """
    current = {w for c in transcript.channels for s in c.sentences for w in s.words}
    claimed = {w for cue in track.cues for w in cue.words}
    gone = claimed - current
    added = (w for w in current if w not in claimed) if any(c.words for c in track.cues) else ()
    return mark_changed(track, gone, added)


def _cue_for_time(cues: Sequence[TrackCue], starts: list[int], ms: int) -> int | None:
    """The cue on screen at ``ms``, else the nearer of the two around it."""
    if not cues:
        return None
    position = bisect_right(starts, ms) - 1
    if position >= 0 and ms < cues[position].end_ms:
        return position
    after = position + 1 if position + 1 < len(cues) else None
    if position < 0:
        return after
    if after is None:
        return position
    return position if ms - cues[position].end_ms <= cues[after].start_ms - ms else after


def _with_stale(track: CueTrack, indices: set[int]) -> CueTrack:
    if not indices:
        return track
    cues = list(track.cues)
    for index in indices:
        cues[index] = replace(cues[index], stale=True)
    return replace(track, cues=tuple(cues))


def stale_runs(track: CueTrack) -> list[tuple[int, int]]:
    """``[start, stop)`` of each run of consecutive stale cues."""
    runs: list[tuple[int, int]] = []
    for index, cue in enumerate(track.cues):
        if not cue.stale:
            continue
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    return runs


def recut_stale(
    track: CueTrack, transcript: Transcript, preset: Preset, fps: float | None = None
) -> CueTrack:
    """Each run of stale cues replaced by the current words under it, cut by ``preset``.

    The words under a run are the transcript's words that no fresh cue holds,
    timed between the fresh cues around the run. The new cues stay inside
    that room (keeping the minimum gap), so the neighbours are not touched.
    """
    runs = stale_runs(track)
    if not runs:
        return track
    cues = track.cues
    claimed = {w for i, cue in enumerate(cues) if not cue.stale for w in cue.words}
    bounds = [_room(cues, a, b) for a, b in runs]
    lows = [low for low, _high in bounds]
    per_run: list[list[list[Sentence]]] = [[] for _ in runs]
    for channel in transcript.channels:
        for sentence in channel.sentences:
            _distribute(sentence, claimed, bounds, lows, per_run)
    gap = preset.min_gap_ms(fps)
    out: list[TrackCue] = []
    done = 0
    for (a, b), (low, high), sentences in zip(runs, bounds, per_run, strict=True):
        out.extend(cues[done:a])
        part = _subset(transcript, sentences)
        fresh = cut_cues(part, preset, fps)
        out.extend(_inside(fresh, low + (gap if a > 0 else 0), high - gap))
        done = b
    out.extend(cues[done:])
    return replace(track, cues=tuple(out))


def _room(cues: Sequence[TrackCue], a: int, b: int) -> tuple[int, int]:
    low = cues[a - 1].end_ms if a > 0 else 0
    high = cues[b].start_ms if b < len(cues) else 1 << 62
    return low, high


def _distribute(
    sentence: Sentence,
    claimed: set[Word],
    bounds: list[tuple[int, int]],
    lows: list[int],
    per_run: list[list[list[Sentence]]],
) -> None:
    """Give the sentence's unclaimed words to the run whose room they fall in."""
    pieces: dict[int, list[Word]] = {}
    for word in sentence.words:
        if word in claimed:
            continue
        run = bisect_right(lows, word.begin_ms) - 1
        if run >= 0 and word.begin_ms < bounds[run][1]:
            pieces.setdefault(run, []).append(word)
    for run, words in pieces.items():
        text = "".join(w.display for w in words).strip()
        per_run[run].append(
            replace(
                sentence,
                begin_ms=words[0].begin_ms,
                end_ms=max(w.end_ms for w in words),
                text=text,
                words=tuple(words),
            )
        )


def _subset(transcript: Transcript, sentences: list[Sentence]) -> Transcript:
    """The transcript with only ``sentences`` (same channels, so speakers keep their names)."""
    by_channel: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        by_channel.setdefault(sentence.channel_id, []).append(sentence)
    channels = tuple(
        replace(c, sentences=tuple(sorted(by_channel.get(c.channel_id, []), key=_begin)))
        for c in transcript.channels
    )
    return replace(transcript, channels=channels)


def _begin(sentence: Sentence) -> int:
    return sentence.begin_ms


def _inside(cues: list[TrackCue], low: int, high: int) -> list[TrackCue]:
    """The cues clamped into ``[low, high]``; a cue left without time is kept 1 ms long."""
    out: list[TrackCue] = []
    for cue in cues:
        start = min(max(cue.start_ms, low), high - 1)
        end = max(min(cue.end_ms, high), start + 1)
        out.append(
            replace(cue, start_ms=start, end_ms=end)
            if (start, end) != (cue.start_ms, cue.end_ms)
            else cue
        )
    return out
