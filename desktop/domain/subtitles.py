"""Subtitle cues cut from a transcript by a preset's rules.

The cutting works on tokens (words with their punctuation, see
``subtitle_tokens``) and runs in four steps, each linear in the number of
words for a given preset:

1. every sentence is split into cues that fit the preset (characters per
   line × lines, maximum duration): few, evenly full cues whose breaks fall
   at the best boundaries — punctuation first, then pauses, then before
   conjunctions, never inside a word — and that leave each cue its minimum
   duration before the next one where the speech allows;
2. a cue too short or too fast for the time before the next one is merged
   with its neighbour of the same speaker, or (when the preset allows) with
   the other speaker's as a two-line dialogue cue with leading dashes;
3. each cue's lines are broken at the best boundary that keeps every line
   within the limit, the lines balanced;
4. times: a cue starts at its first word and ends at its last, then ends
   later into the silence after it for the minimum duration and the reading
   speed, never closer to the next cue than the minimum gap; short gaps are
   closed; a cue that still lacks its minimum may start up to
   ``max_shift_ms`` before its speech or push the next one by as much.
   Times sit on a 10 ms grid (ASS's resolution), so a word at 1234 ms
   starts its cue at 1230 ms.

Where the speech itself makes a rule impossible (one word wider than a line,
two speakers talking at once, speech faster than the reading speed with the
next cue right behind) the cue gets a note saying why, and the check shows it.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import math
import operator
from collections.abc import Iterator
from dataclasses import dataclass, field

import msgspec

from desktop.domain.subtitle_presets import Preset, Unit, reading_chars, text_width, word_count
from desktop.domain.subtitle_tokens import (
    Token,
    costs,
    join,
    sentence_tokens,
    separator,
    token_words,
)
from desktop.domain.transcript import Transcript, Word, is_wide

DASH = "-"
# A pause this long inside a sentence always ends a cue: text should not sit on a silent screen.
PAUSE_SPLIT_MS = 2000
# Cues further apart than this are never merged to gain time.
MERGE_GAP_MS = 1000
# Cue times are multiples of 10 ms: ASS stores centiseconds, so on this grid SRT, WebVTT
# and ASS hold the very same times, and a gap or duration rounded up to it stays legal.
GRID_MS = 10
_INF = float("inf")
_WIDTH = operator.attrgetter("width")


class Cue(msgspec.Struct, frozen=True):
    """Text shown from ``start_ms`` to ``end_ms``; ``speaker`` is a display name or None."""

    start_ms: int
    end_ms: int
    lines: tuple[str, ...]
    speaker: str | None = None


class CueNote(msgspec.Struct, frozen=True):
    """Why cue ``index`` (0-based) breaks ``rule``: the speech left no way to follow it."""

    index: int
    rule: str
    reason: str


@dataclass
class Segmentation:
    """The cues, the cutter's notes, and (when asked for) each cue's transcript words."""

    cues: list[Cue]
    notes: list[CueNote] = field(default_factory=list)
    words: list[tuple[Word, ...]] = field(default_factory=list)


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


def segment(
    transcript: Transcript,
    preset: Preset,
    fps: float | None = None,
    *,
    limit: int | None = None,
    with_words: bool = False,
) -> Segmentation:
    """Cut ``transcript`` into cues by ``preset``; ``fps`` sets frame-based rules (24 if None).

    ``limit`` stops after about that many sentences, for previews of long files.
    ``with_words`` also lists the words each cue was cut from (a cue track keeps them).
    """
    if not preset.split_sentences:
        sentences = [s for s in transcript.merged_sentences() if s.text.strip()]
        cues = sentence_cues(transcript)
        if limit is not None:
            cues, sentences = cues[:limit], sentences[:limit]
        words = [s.words for s in sentences] if with_words else []
        return Segmentation(cues, words=words)
    with _collector_paused():
        return _Cutter(transcript, preset, fps, limit).run(with_words)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while cutting.

    The cutter makes a few hundred thousand short-lived objects (tokens,
    chunks, lines), none in a cycle, so reference counting frees them all;
    yet each allocation burst sets off collections that walk every object
    of the process, the 12-hour transcript included: a quarter of the time
    of a cut. Other threads only see their collections wait a second.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(slots=True)
class _Chunk:
    """The tokens of one future cue (``second`` holds the other speaker's of a dialogue cue)."""

    tokens: list[Token]
    speaker: str | None
    second: list[Token] | None = None
    second_speaker: str | None = None

    @property
    def start(self) -> int:
        first = self.tokens[0].begin
        return min(first, self.second[0].begin) if self.second else first

    @property
    def end(self) -> int:
        last = _last_end(self.tokens)
        if self.second:
            other = _last_end(self.second)
            return other if other > last else last
        return last


def _last_end(tokens: list[Token]) -> int:
    """The latest end among the last three tokens (a glued token may end before the one
    before it); written out because the cutter asks for every cue several times."""
    last = tokens[-1].end
    for token in tokens[-3:-1]:
        if token.end > last:
            last = token.end
    return last


class _Cutter:
    def __init__(
        self, transcript: Transcript, preset: Preset, fps: float | None, limit: int | None
    ) -> None:
        self.transcript = transcript
        self.preset = preset
        self.unit = preset.unit
        self.max_chars = preset.max_chars if preset.max_chars is not None else _INF
        self.max_lines = preset.max_lines if preset.max_lines is not None else 1_000_000
        max_dur = preset.max_duration_ms
        self.max_dur = _down(max_dur) if max_dur is not None else _INF
        self.min_dur = _up(preset.min_duration_ms or 0)
        self.gap = _up(preset.min_gap_ms(fps))
        self.space = text_width(" ", self.unit)
        self.dash = text_width(DASH, self.unit)
        self.limit = limit
        self.notes: list[CueNote] = []

    # -- 1. sentences into chunks ------------------------------------------------

    def run(self, with_words: bool = False) -> Segmentation:
        chunks: list[_Chunk] = []
        sentences = self.transcript.merged_sentences()
        if self.limit is not None:
            sentences = sentences[: self.limit]
        for sentence in sentences:
            tokens = sentence_tokens(sentence, self.unit)
            if not tokens:
                continue
            speaker = self.transcript.speaker_label(sentence)
            for part in _split_at_pauses(tokens):
                for a, b in self._split(part):
                    chunks.append(_Chunk(part[a:b], speaker))
        chunks.sort(key=lambda c: c.start)
        chunks = self._merge(chunks)
        lines = [self._lines(chunk) for chunk in chunks]
        cues = self._time(chunks, lines)
        words = [_chunk_words(chunk) for chunk in chunks] if with_words else []
        return Segmentation(cues, self.notes, words)

    def _fits(self, tokens: list[Token], a: int, b: int) -> bool:
        if b - a > 1 and tokens[b - 1].end - tokens[a].begin > self.max_dur:
            return False
        return self._lines_needed(tokens, a, b) <= self.max_lines

    def _lines_needed(self, tokens: list[Token], a: int, b: int, extra: float = 0.0) -> int:
        """Lines a greedy fill needs: optimal for the count when any boundary may break."""
        lines = 1
        width = tokens[a].width + extra
        for i in range(a + 1, b):
            token = tokens[i]
            add = token.width + (self.space if token.sep else 0)
            if width + add <= self.max_chars:
                width += add
            else:
                lines += 1
                width = token.width + extra
        return lines

    def _split(self, tokens: list[Token]) -> list[tuple[int, int]]:
        """The best cut of one sentence's tokens into cues that fit (dynamic programming).

        A cue costs its break (``break_cost``), a penalty when it leaves itself
        less than the minimum duration before the next cue's speech, and the
        square of its unused room, so cues come out few, full and even. Each
        start is extended only while the cue still fits, which keeps the work
        linear in the words for a given preset.
        """
        m = len(tokens)
        if self._fits(tokens, 0, m):
            return [(0, m)]
        break_costs = costs(tokens)
        widths = [0.0]
        for token in tokens:
            widths.append(widths[-1] + token.width)
        capacity = self.max_chars * self.max_lines
        if capacity == _INF:
            capacity = widths[-1] or 1.0
        window = self.min_dur + self.gap
        best = [0.0] + [_INF] * m
        back = [0] * (m + 1)
        space, max_chars, max_lines, max_dur, min_dur = (
            self.space,
            self.max_chars,
            self.max_lines,
            self.max_dur,
            self.min_dur,
        )
        # Plain lists instead of token attributes in the inner loop: it runs for every
        # (start, end) pair of a long sentence.
        own = [t.width for t in tokens]
        joined = [t.width + space if t.sep else t.width for t in tokens]
        begins = [t.begin for t in tokens]
        ends = [t.end for t in tokens]
        for i in range(m):
            base = best[i]
            if base == _INF:
                continue
            begin = begins[i]
            soon = begin + window
            lines, width = 1, own[i]
            used_before = widths[i]
            for j in range(i + 1, m):
                # A cue of tokens[i:j], then the next one starting at j.
                unused = 1 - (widths[j] - used_before) / capacity
                cost = base + 1 + 2 * unused * unused if unused > 0 else base + 1
                cost += break_costs[j]
                if begins[j] < soon:
                    cost += 8
                if cost < best[j]:
                    best[j] = cost
                    back[j] = i
                # Can the cue take tokens[j] too?
                add = joined[j]
                if width + add <= max_chars:
                    width += add
                else:
                    lines += 1
                    width = own[j]
                    if lines > max_lines:
                        break
                if ends[j] - begin > max_dur:
                    break
            else:  # every token from i on fits: a last cue of tokens[i:]
                unused = 1 - (widths[m] - used_before) / capacity
                cost = base + 1 + 2 * unused * unused if unused > 0 else base + 1
                if ends[m - 1] - begin < min_dur:
                    cost += 4
                if cost < best[m]:
                    best[m] = cost
                    back[m] = i
        parts: list[tuple[int, int]] = []
        j = m
        while j > 0:
            parts.append((back[j], j))
            j = back[j]
        return parts[::-1]

    # -- 2. merging for time ------------------------------------------------------

    def _merge(self, chunks: list[_Chunk]) -> list[_Chunk]:
        """Join a cue that cannot get its time before the next one to a neighbour.

        The next cue is tried first (same speaker, or a dialogue cue with the
        other speaker), then the previous one of the same speaker.
        """
        out: list[_Chunk] = []
        i = 0
        while i < len(chunks):
            chunk = chunks[i]
            following = chunks[i + 1] if i + 1 < len(chunks) else None
            if following is None or not self._starved(chunk, following.start):
                out.append(chunk)
                i += 1
                continue
            merged = self._merged(chunk, following)
            if merged is not None:
                chunks[i + 1] = merged  # it may still need its neighbour
                i += 1
                continue
            backward = self._merged(out[-1], chunk, same_speaker_only=True) if out else None
            if backward is not None:
                out[-1] = backward
            else:
                out.append(chunk)
            i += 1
        return out

    def _starved(self, chunk: _Chunk, following_start: int) -> bool:
        """True when ``chunk`` cannot stay up its minimum before the next cue's speech."""
        return following_start - self.gap - chunk.start < self._need(chunk.tokens)

    def _merged(self, a: _Chunk, b: _Chunk, *, same_speaker_only: bool = False) -> _Chunk | None:
        """``a`` and ``b`` as one cue, if they are close, short enough together and fit."""
        if a.second is not None or b.second is not None:
            return None
        if b.start - a.end > MERGE_GAP_MS or b.end - a.start > self.max_dur:
            return None
        if a.speaker == b.speaker:
            b.tokens[0].sep = separator(a.tokens[-1], b.tokens[0])
            tokens = a.tokens + b.tokens
            if self._lines_needed(tokens, 0, len(tokens)) <= self.max_lines:
                return _Chunk(tokens, a.speaker)
            return None
        if same_speaker_only or not self.preset.dual_speaker_dash or self.max_lines < 2:
            return None
        if self._one_line(a.tokens) and self._one_line(b.tokens):
            return _Chunk(a.tokens, a.speaker, b.tokens, b.speaker)
        return None

    def _one_line(self, tokens: list[Token]) -> bool:
        return self._lines_needed(tokens, 0, len(tokens), extra=self.dash) == 1

    def _need(self, tokens: list[Token]) -> float:
        """Milliseconds a cue of these tokens should stay up: minimum duration and reading speed."""
        text = join(tokens)
        need = float(self.min_dur)
        if self.preset.max_cps:
            need = max(need, reading_chars([text], self.unit) / self.preset.max_cps * 1000)
        if self.preset.max_wpm:
            need = max(need, word_count([text]) / self.preset.max_wpm * 60_000)
        return min(need, self.max_dur)

    # -- 3. lines -------------------------------------------------------------------

    def _lines(self, chunk: _Chunk) -> tuple[str, ...]:
        if chunk.second is not None:
            return (DASH + join(chunk.tokens), DASH + join(chunk.second))
        tokens = chunk.tokens
        text = join(tokens)
        if text_width(text, self.unit) <= self.max_chars:
            return (text,)
        count = self._lines_needed(tokens, 0, len(tokens))
        if count > 3 or count > self.max_lines:
            return tuple(self._greedy_lines(tokens))
        best = best_lines(tokens, count, self.max_chars, self.unit)
        return best if best is not None else tuple(self._greedy_lines(tokens))

    def _greedy_lines(self, tokens: list[Token]) -> list[str]:
        lines: list[list[Token]] = [[tokens[0]]]
        width = tokens[0].width
        for _before, token in itertools.pairwise(tokens):
            add = token.width + (self.space if token.sep else 0)
            if width + add <= self.max_chars:
                lines[-1].append(token)
                width += add
            else:
                lines.append([token])
                width = token.width
        return [join(line) for line in lines]

    # -- 4. times ------------------------------------------------------------------

    def _time(self, chunks: list[_Chunk], all_lines: list[tuple[str, ...]]) -> list[Cue]:
        """Start and end of every cue, on the 10 ms grid (see ``GRID_MS``)."""
        cues: list[Cue] = []
        media_end = _down(self.transcript.duration_ms) if self.transcript.duration_ms else None
        shift = _down(self.preset.max_shift_ms)
        previous_end: int | None = None
        for i, chunk in enumerate(chunks):
            lines = all_lines[i]
            self._note_layout(i, chunk, lines)
            speech_start, speech_end = _near(chunk.start), _near(chunk.end)
            earliest = previous_end + self.gap if previous_end is not None else 0
            start = max(speech_start, earliest)
            following = _near(chunks[i + 1].start) if i + 1 < len(chunks) else None
            limit = following - self.gap if following is not None else _INF
            if media_end is not None and media_end > speech_end:
                limit = min(limit, media_end)
            need = _up(self._need_lines(lines))
            end = min(max(speech_end, start + need), start + self.max_dur)
            end = min(end, max(limit, start + GRID_MS))
            if end - start < self.min_dur:
                start = min(start, max(earliest, end - self.min_dur, speech_start - shift))
            if end - start < self.min_dur:
                end = min(start + self.min_dur, limit + shift)
                if media_end is not None and media_end > speech_end:
                    end = min(end, max(media_end, start + GRID_MS))
            keep_gap = self.min_dur and not self.preset.min_open_gap_ms
            if not (keep_gap and self._next_starved(chunks, i)):
                end = self._chain(start, end, following)
            end = int(max(end, start + GRID_MS))
            self._note_time(i, start, end, following, lines)
            cues.append(Cue(int(start), end, lines, self._speaker(chunk)))
            previous_end = end
        return cues

    def _next_starved(self, chunks: list[_Chunk], i: int) -> bool:
        """True when the next cue lacks time before the one after: keep the gap for its lead."""
        if i + 2 >= len(chunks):
            return False
        return self._starved(chunks[i + 1], chunks[i + 2].start)

    def _chain(self, start: float, end: float, following: int | None) -> float:
        """Close a short gap to the next cue, as far as the maximum duration allows."""
        if following is None:
            return end
        target = following - self.gap
        if target <= end or following - end >= self.preset.chain_gap_ms:
            return end
        if target - start <= self.max_dur:
            return target
        return end

    def _need_lines(self, lines: tuple[str, ...]) -> float:
        need = float(self.min_dur)
        if self.preset.max_cps:
            need = max(need, reading_chars(lines, self.unit) / self.preset.max_cps * 1000)
        if self.preset.max_wpm:
            need = max(need, word_count(lines) / self.preset.max_wpm * 60_000)
        return min(need, self.max_dur)

    def _speaker(self, chunk: _Chunk) -> str | None:
        if chunk.second is None or chunk.speaker == chunk.second_speaker:
            return chunk.speaker
        return None

    # -- notes -----------------------------------------------------------------------

    def _note(self, index: int, rule: str, reason: str) -> None:
        self.notes.append(CueNote(index, rule, reason))

    def _note_layout(self, index: int, chunk: _Chunk, lines: tuple[str, ...]) -> None:
        tokens = chunk.tokens + (chunk.second or [])
        extra = self.dash if chunk.second is not None else 0.0
        # The widest token first, in C: a word wider than a line is rare.
        if max(map(_WIDTH, tokens)) + extra > self.max_chars:
            for token in tokens:
                if token.width + extra <= self.max_chars:
                    continue
                self._note(
                    index,
                    "line-too-long",
                    f"“{token.text}” alone is wider than a line, and a word is never split",
                )
                return
        if len(lines) > self.max_lines:
            self._note(index, "too-many-lines", "its words cannot be broken into fewer lines")

    def _note_time(
        self, index: int, start: float, end: int, following: int | None, lines: tuple[str, ...]
    ) -> None:
        if following is None:
            room = "the recording ends"
        else:
            after = (following - start) / 1000
            room = f"the next cue's speech starts {after:.2f} s after this one's"
        if end - start < self.min_dur:
            self._note(index, "too-short", f"no room to stay up longer: {room}")
        if end - start < _up(self._need_lines(lines)):
            self._note(index, "too-fast", f"the speech is faster than the limit, and {room}")
        if following is not None and self.preset.min_open_gap_ms:
            gap = following - end
            if 0 < gap < self.preset.min_open_gap_ms:
                self._note(index, "gap", "closing the gap would exceed the maximum duration")


def _chunk_words(chunk: _Chunk) -> tuple[Word, ...]:
    """The chunk's words in the order of its text (a dialogue cue: first line, then second)."""
    if chunk.second is None:
        return token_words(chunk.tokens)
    return token_words(chunk.tokens) + token_words(chunk.second)


def _up(ms: float) -> int:
    return math.ceil(ms / GRID_MS) * GRID_MS


def _down(ms: float) -> int:
    return math.floor(ms / GRID_MS) * GRID_MS


def _near(ms: float) -> int:
    return round(ms / GRID_MS) * GRID_MS


def _split_at_pauses(tokens: list[Token]) -> list[list[Token]]:
    parts: list[list[Token]] = [[tokens[0]]]
    for before, token in itertools.pairwise(tokens):
        if token.begin - before.end >= PAUSE_SPLIT_MS:
            parts.append([token])
        else:
            parts[-1].append(token)
    return parts


def best_lines(
    tokens: list[Token], count: int, max_chars: float, unit: Unit
) -> tuple[str, ...] | None:
    """``count`` (2 or 3) lines that fit, at good breaks, as even in width as possible."""
    m = len(tokens)
    space = text_width(" ", unit)
    break_costs = costs(tokens)
    # Prefix sums of token widths and of the spaces before each token.
    widths = [0.0]
    spaces = [0.0, 0.0]
    for i, token in enumerate(tokens):
        widths.append(widths[-1] + token.width)
        if i:
            spaces.append(spaces[-1] + (space if token.sep else 0.0))

    def width(a: int, b: int) -> float:
        return widths[b] - widths[a] + spaces[b] - spaces[a + 1]

    best: tuple[float, tuple[int, ...]] | None = None
    if count == 2:
        total = widths[m] + spaces[m]
        best_score = _INF
        best_at = 0
        for b in range(1, m):
            # width(0, b) and width(b, m), inlined: this loop runs for every two-line cue.
            w1 = widths[b] + spaces[b]
            w2 = total - widths[b] - spaces[b + 1]
            if w1 <= max_chars and w2 <= max_chars:
                score = break_costs[b] + 2 * abs(w1 - w2) / max_chars
                if score < best_score:
                    best_score, best_at = score, b
        if best_at:
            best = (best_score, (best_at,))
    else:
        for b in range(1, m - 1):
            w1 = width(0, b)
            if w1 > max_chars:
                break
            for c in range(b + 1, m):
                w2, w3 = width(b, c), width(c, m)
                if w2 <= max_chars and w3 <= max_chars:
                    spread = max(w1, w2, w3) - min(w1, w2, w3)
                    score = break_costs[b] + break_costs[c] + 2 * spread / max_chars
                    if best is None or score < best[0]:
                        best = (score, (b, c))
    if best is None:
        return None
    cuts = (0, *best[1], m)
    return tuple(join(tokens[a:b]) for a, b in itertools.pairwise(cuts))


def cue_text_is_wide(cue: Cue) -> bool:
    """True when the cue holds CJK text (writers pick a CJK-capable font for it)."""
    return any(is_wide(c) for line in cue.lines for c in line)
