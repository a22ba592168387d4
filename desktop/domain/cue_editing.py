"""Edit operations on a cue track: each takes a track and returns a new one.

Like ``editing`` for the transcript: tracks are immutable, so every
operation is one undo step (the previous track is the undo), and an
operation that cannot be done raises ``CueEditError`` with a message a
person can act on. Cues are addressed by their index in the track, which
stays in start order after every operation.

Times come from the words where a cue has them: a split falls between the
two words around the cursor, and a word moved to the neighbouring cue takes
its own time along. A cue without words (imported, typed in) is split at the
share of its characters before the cursor. Word times are the transcript's;
after the track was shifted or stretched they no longer fall inside the cue,
and the character share is used instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from operator import is_not
from typing import Literal

from msgspec.structs import replace

from desktop.domain.cue_track import CueTrack, TrackCue, new_cue_key
from desktop.domain.editing import EditError
from desktop.domain.text_cleaning import clean_line
from desktop.domain.timecode import FrameRate, step_frames
from desktop.domain.transcript import Word, is_wide

Edge = Literal["start", "end", "both"]
NUDGE_MS = 100  # the "nudge" step of the subtitle view, as Subtitle Edit's Shift+arrow


class CueEditError(EditError):
    """A cue edit that cannot be made; the message says why."""


# -- addressing ------------------------------------------------------------------


def cue_at(track: CueTrack, index: int) -> TrackCue:
    if not 0 <= index < len(track.cues):
        raise CueEditError(f"the track has no cue {index + 1}; it has {len(track.cues)}")
    return track.cues[index]


def index_at(track: CueTrack, ms: int) -> int | None:
    """The cue on screen at ``ms`` (the later one where two overlap), or None."""
    cues = track.cues
    low, high = 0, len(cues)
    while low < high:
        middle = (low + high) // 2
        if cues[middle].start_ms <= ms:
            low = middle + 1
        else:
            high = middle
    for index in range(low - 1, max(low - 3, -1), -1):
        if cues[index].start_ms <= ms < cues[index].end_ms:
            return index
    return None


def _spliced(track: CueTrack, start: int, stop: int, new: Sequence[TrackCue]) -> CueTrack:
    cues = track.cues[:start] + tuple(new) + track.cues[stop:]
    return replace(track, cues=_sorted(cues, start, start + len(new)))


def _sorted(cues: tuple[TrackCue, ...], first: int, stop: int) -> tuple[TrackCue, ...]:
    """``cues`` in start order; only ``[first, stop)`` changed, so usually nothing moves."""
    low, high = max(first - 1, 0), min(stop + 1, len(cues))
    window = cues[low:high]
    in_order = all(a.start_ms <= b.start_ms for a, b in pairwise(window))
    if in_order:
        return cues
    return tuple(sorted(cues, key=lambda c: c.start_ms))


def _one(track: CueTrack, index: int, cue: TrackCue) -> CueTrack:
    return _spliced(track, index, index + 1, (cue,))


# -- text ------------------------------------------------------------------------


def lines_of(text: str) -> tuple[str, ...]:
    """The lines of an edited text, each cleaned; empty ones dropped (they end a cue in SRT)."""
    return tuple(line for line in (clean_line(x) for x in text.splitlines()) if line)


def set_text(track: CueTrack, index: int, text: str) -> CueTrack:
    """The cue's text as typed, its line breaks kept as the cue's lines."""
    return set_lines(track, index, lines_of(text))


def set_lines(track: CueTrack, index: int, lines: Sequence[str]) -> CueTrack:
    cue = cue_at(track, index)
    lines = tuple(lines)
    if lines == cue.lines:
        return track
    return _one(track, index, replace(cue, lines=lines))


def set_speaker(track: CueTrack, index: int, speaker: str | None) -> CueTrack:
    cue = cue_at(track, index)
    return _one(track, index, replace(cue, speaker=clean_line(speaker or "") or None))


def word_spans(cue: TrackCue) -> list[tuple[int, int] | None]:
    """Where each of the cue's words is in ``cue.text`` (None: edited away)."""
    text = cue.text
    spans: list[tuple[int, int] | None] = []
    position = 0
    for word in cue.words:
        needle = word.display.strip()
        found = text.find(needle, position) if needle else -1
        if found < 0 or found - position > 40 + len(needle):
            spans.append(None)
            continue
        spans.append((found, found + len(needle)))
        position = found + len(needle)
    return spans


def split_cue(track: CueTrack, index: int, position: int, gap_ms: int = 0) -> CueTrack:
    """Two cues from one, at ``position`` in ``cue.text`` (the editor's cursor).

    The first ends where its last word ends and the second starts where its
    first word starts (``gap_ms`` apart at least); without usable word times
    the cut falls at the share of the characters before the cursor.
    """
    cue = cue_at(track, index)
    text = cue.text
    head, tail = lines_of(text[:position]), lines_of(text[position:])
    if not head or not tail:
        raise CueEditError("put the cursor between two words to split the cue there")
    spans = word_spans(cue)
    # A word the cursor is inside goes to the side holding more of it.
    left = tuple(
        w for w, s in zip(cue.words, spans, strict=True) if s and s[0] + s[1] <= 2 * position
    )
    right = tuple(
        w for w, s in zip(cue.words, spans, strict=True) if s and s[0] + s[1] > 2 * position
    )
    at = _split_time(cue, left, right, position / max(len(text), 1))
    first_end = max(cue.start_ms + 1, min(at[0], at[1] - gap_ms))
    second_start = min(cue.end_ms - 1, max(at[1], first_end))
    unplaced = [w for w, s in zip(cue.words, spans, strict=True) if s is None]
    first = TrackCue(
        cue.start_ms, first_end, head, cue.speaker, left + tuple(unplaced), cue.stale,
        key=cue.key or new_cue_key(),
    )  # fmt: skip
    second = TrackCue(
        second_start, cue.end_ms, tail, cue.speaker, right, cue.stale, key=new_cue_key()
    )
    return _spliced(track, index, index + 1, (first, second))


def _split_time(
    cue: TrackCue, left: tuple[Word, ...], right: tuple[Word, ...], share: float
) -> tuple[int, int]:
    """(end of the first part, start of the second)."""
    if left and right:
        end, start = left[-1].end_ms, right[0].begin_ms
        if cue.start_ms < end <= start < cue.end_ms:
            return end, start
        if cue.start_ms < start < cue.end_ms:
            return start, start
    at = round(cue.start_ms + (cue.end_ms - cue.start_ms) * share)
    return at, at


def merge_with_next(track: CueTrack, index: int) -> CueTrack:
    """The cue and the next as one: both texts (each keeps its lines), from first to last."""
    if index + 1 >= len(track.cues):
        raise CueEditError("the last cue has no next cue to merge with")
    a, b = cue_at(track, index), track.cues[index + 1]
    merged = TrackCue(
        min(a.start_ms, b.start_ms),
        max(a.end_ms, b.end_ms),
        a.lines + b.lines,
        a.speaker if a.speaker == b.speaker else None,
        a.words + b.words,
        a.stale or b.stale,
        key=a.key or new_cue_key(),
    )
    return _spliced(track, index, index + 2, (merged,))


def merge_with_previous(track: CueTrack, index: int) -> CueTrack:
    if index == 0:
        raise CueEditError("the first cue has no previous cue to merge with")
    return merge_with_next(track, index - 1)


def move_last_word_to_next(track: CueTrack, index: int, gap_ms: int = 0) -> CueTrack:
    """The cue's last word goes to the start of the next cue, with its time."""
    if index + 1 >= len(track.cues):
        raise CueEditError("the last cue has no next cue to move a word to")
    cue, following = cue_at(track, index), track.cues[index + 1]
    cut = _last_word_start(cue)
    moved_text = cue.text[cut:].strip()
    kept, moved_words = _parted(cue, cut)
    lines = (
        (_joined(moved_text, following.lines[0]), *following.lines[1:])
        if following.lines
        else (moved_text,)
    )
    start = following.start_ms
    timed = [w for w in moved_words if cue.start_ms <= w.begin_ms < cue.end_ms]
    if timed:
        start = min(start, timed[0].begin_ms)
    new_next = replace(following, start_ms=start, lines=lines, words=moved_words + following.words)
    remaining = lines_of(cue.text[:cut])
    if not remaining:
        return _spliced(track, index, index + 2, (replace(new_next, start_ms=cue.start_ms),))
    end = min(cue.end_ms, start - gap_ms) if cue.end_ms > start - gap_ms else cue.end_ms
    new_cue = replace(cue, lines=remaining, words=kept, end_ms=max(end, cue.start_ms + 1))
    return _spliced(track, index, index + 2, (new_cue, new_next))


def move_first_word_to_previous(track: CueTrack, index: int, gap_ms: int = 0) -> CueTrack:
    """The cue's first word goes to the end of the previous cue, with its time."""
    if index == 0:
        raise CueEditError("the first cue has no previous cue to move a word to")
    before, cue = track.cues[index - 1], cue_at(track, index)
    cut = _first_word_end(cue)
    moved_text = cue.text[:cut].strip()
    moved_words, kept = _parted(cue, cut)
    lines = (
        (*before.lines[:-1], _joined(before.lines[-1], moved_text))
        if before.lines
        else (moved_text,)
    )
    end = before.end_ms
    timed = [w for w in moved_words if cue.start_ms <= w.end_ms <= cue.end_ms]
    if timed:
        end = max(end, timed[-1].end_ms)
    new_before = replace(before, end_ms=end, lines=lines, words=before.words + moved_words)
    remaining = lines_of(cue.text[cut:])
    if not remaining:
        merged = replace(new_before, end_ms=max(end, cue.end_ms))
        return _spliced(track, index - 1, index + 1, (merged,))
    start = max(cue.start_ms, end + gap_ms) if cue.start_ms < end + gap_ms else cue.start_ms
    new_cue = replace(cue, lines=remaining, words=kept, start_ms=min(start, cue.end_ms - 1))
    return _spliced(track, index - 1, index + 1, (new_before, new_cue))


def _last_word_start(cue: TrackCue) -> int:
    text = cue.text.rstrip()
    spans = [s for s in word_spans(cue) if s is not None]
    if spans and spans[-1][1] >= len(text) and spans[-1][0] > 0:
        return spans[-1][0]
    cut = max(text.rfind(" "), text.rfind("\n")) + 1
    if cut == 0 and len(text) > 1 and is_wide(text[-1]):
        return len(text) - 1
    if cut == 0:
        raise CueEditError("the cue has a single word; merge it with the next cue instead")
    return cut


def _first_word_end(cue: TrackCue) -> int:
    text = cue.text
    spans = [s for s in word_spans(cue) if s is not None]
    if spans and spans[0][0] == len(text) - len(text.lstrip()) and spans[0][1] < len(text.rstrip()):
        return spans[0][1]
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    ends = [i for i in (stripped.find(" "), stripped.find("\n")) if i > 0]
    if ends:
        return offset + min(ends)
    if len(stripped) > 1 and is_wide(stripped[0]):
        return offset + 1
    raise CueEditError("the cue has a single word; merge it with the previous cue instead")


def _parted(cue: TrackCue, cut: int) -> tuple[tuple[Word, ...], tuple[Word, ...]]:
    """The cue's words before and after text position ``cut``."""
    before: list[Word] = []
    after: list[Word] = []
    for word, span in zip(cue.words, word_spans(cue), strict=True):
        (after if span is not None and span[0] >= cut else before).append(word)
    return tuple(before), tuple(after)


def _joined(first: str, second: str) -> str:
    if not first or not second:
        return first or second
    if is_wide(first[-1]) and is_wide(second[0]):
        return first + second
    return f"{first} {second}"


# -- cues ------------------------------------------------------------------------


def insert_cue(
    track: CueTrack, start_ms: int, end_ms: int, text: str = "", speaker: str | None = None
) -> CueTrack:
    """A new cue (no words: typed in by hand) at its place in time."""
    _check_times(start_ms, end_ms)
    cue = TrackCue(start_ms, end_ms, lines_of(text), speaker, key=new_cue_key())
    position = _insertion_point(track, start_ms)
    return _spliced(track, position, position, (cue,))


def inserted_index(track: CueTrack, start_ms: int) -> int:
    """Where ``insert_cue`` put a cue starting at ``start_ms`` (to select it)."""
    return max(_insertion_point(track, start_ms + 1) - 1, 0)


def _insertion_point(track: CueTrack, start_ms: int) -> int:
    cues = track.cues
    low, high = 0, len(cues)
    while low < high:
        middle = (low + high) // 2
        if cues[middle].start_ms < start_ms:
            low = middle + 1
        else:
            high = middle
    return low


def delete_cues(track: CueTrack, indices: Iterable[int]) -> CueTrack:
    gone = set(indices)
    for index in gone:
        cue_at(track, index)
    return replace(track, cues=tuple(c for i, c in enumerate(track.cues) if i not in gone))


def delete_cue(track: CueTrack, index: int) -> CueTrack:
    cue_at(track, index)
    return _spliced(track, index, index + 1, ())


# -- times -----------------------------------------------------------------------


def _check_times(start_ms: int, end_ms: int) -> None:
    if start_ms < 0:
        raise CueEditError("a cue cannot start before 0:00")
    if end_ms <= start_ms:
        raise CueEditError("a cue must end after it starts")


def set_times(track: CueTrack, index: int, start_ms: int, end_ms: int) -> CueTrack:
    cue = cue_at(track, index)
    _check_times(start_ms, end_ms)
    if (start_ms, end_ms) == (cue.start_ms, cue.end_ms):
        return track
    return _one(track, index, replace(cue, start_ms=start_ms, end_ms=end_ms))


def set_start(track: CueTrack, index: int, start_ms: int) -> CueTrack:
    """Start the cue at ``start_ms`` (the playhead); its end stays."""
    cue = cue_at(track, index)
    if start_ms >= cue.end_ms:
        raise CueEditError("the start must be before the cue's end; set the end first")
    return set_times(track, index, start_ms, cue.end_ms)


def set_end(track: CueTrack, index: int, end_ms: int) -> CueTrack:
    cue = cue_at(track, index)
    if end_ms <= cue.start_ms:
        raise CueEditError("the end must be after the cue's start; set the start first")
    return set_times(track, index, cue.start_ms, end_ms)


def nudge(track: CueTrack, index: int, edge: Edge, delta_ms: int) -> CueTrack:
    """Move the start, the end or the whole cue by ``delta_ms``."""
    cue = cue_at(track, index)
    start = cue.start_ms + (delta_ms if edge in ("start", "both") else 0)
    end = cue.end_ms + (delta_ms if edge in ("end", "both") else 0)
    return set_times(track, index, start, end)


def nudge_frames(track: CueTrack, index: int, edge: Edge, frames: int, rate: FrameRate) -> CueTrack:
    """Move an edge (or the cue) by whole frames, landing on frame starts."""
    cue = cue_at(track, index)
    start, end = cue.start_ms, cue.end_ms
    if edge in ("start", "both"):
        start = step_frames(start, frames, rate)
    if edge in ("end", "both"):
        end = step_frames(end, frames, rate)
    return set_times(track, index, start, end)


def close_gap_to_next(track: CueTrack, index: int, gap_ms: int = 0) -> CueTrack:
    """End the cue ``gap_ms`` before the next one starts (the preset's minimum gap)."""
    cue = cue_at(track, index)
    if index + 1 >= len(track.cues):
        raise CueEditError("the last cue has no next cue to close the gap to")
    end = track.cues[index + 1].start_ms - gap_ms
    if end <= cue.start_ms:
        raise CueEditError("the next cue starts too soon after this one for a gap")
    return set_end(track, index, end)


# -- the whole track: sync tools -----------------------------------------------------

TimeMap = Callable[[int], int]


def _remapped(track: CueTrack, to: TimeMap, chosen: Iterable[int] | None = None) -> CueTrack:
    wanted = None if chosen is None else set(chosen)
    cues = tuple(
        replace(c, start_ms=to(c.start_ms), end_ms=max(to(c.end_ms), to(c.start_ms) + 1))
        if wanted is None or i in wanted
        else c
        for i, c in enumerate(track.cues)
    )
    return replace(track, cues=tuple(sorted(cues, key=lambda c: c.start_ms)))


def shift(track: CueTrack, delta_ms: int, indices: Iterable[int] | None = None) -> CueTrack:
    """Move cues (all, or ``indices``) by ``delta_ms``."""
    chosen = list(range(len(track.cues))) if indices is None else sorted(set(indices))
    if delta_ms == 0 or not chosen:
        return track
    earliest = min(cue_at(track, i).start_ms for i in chosen)
    if earliest + delta_ms < 0:
        raise CueEditError(
            f"that would start a cue before 0:00; shift by at most -{earliest / 1000:.3f} s"
        )
    return _remapped(track, lambda t: t + delta_ms, chosen)


def shift_from(track: CueTrack, index: int, start_ms: int) -> CueTrack:
    """Start cue ``index`` at ``start_ms`` and shift every later cue by as much."""
    anchor = cue_at(track, index)
    return shift(track, start_ms - anchor.start_ms, range(index, len(track.cues)))


def stretch(track: CueTrack, first: tuple[int, int], second: tuple[int, int]) -> CueTrack:
    """Map every time linearly so ``first[0]`` → ``first[1]`` and ``second[0]`` → ``second[1]``.

    The anchors are (time now, right time) pairs, as for the transcript's stretch.
    """
    (old_a, new_a), (old_b, new_b) = first, second
    if old_a == old_b:
        raise CueEditError("the two anchors must be at different times")
    if (new_b - new_a) * (old_b - old_a) <= 0:
        raise CueEditError("the anchors would swap order; pick the right time for each again")
    scale = (new_b - new_a) / (old_b - old_a)
    return _remapped(track, lambda t: max(0, round(new_a + (t - old_a) * scale)))


def changed_span(old: CueTrack, new: CueTrack) -> tuple[int, int, int]:
    """Which cues an edit changed: (first, removed, added).

    ``old.cues[first:first+removed]`` became ``new.cues[first:first+added]``:
    the rows a view and the re-check update after an edit.

    Unchanged cues are the very same objects, so identity decides (in C, via ``map``).
    """
    a, b = old.cues, new.cues
    limit = min(len(a), len(b))
    heads = list(map(is_not, a[:limit], b[:limit]))
    first = heads.index(True) if True in heads else limit
    room = limit - first
    tails = list(map(is_not, reversed(a[len(a) - room :]), reversed(b[len(b) - room :])))
    tail = tails.index(True) if True in tails else room
    return first, len(a) - first - tail, len(b) - first - tail
