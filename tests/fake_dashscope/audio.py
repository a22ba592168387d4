"""What the emulated service "hears" in a file: length, tracks, and where the speech is.

The real service downloads each file and runs VAD + recognition. The emulator
decodes it with PyAV, finds the loud stretches per channel with a peak meter
(no numpy: ``max``/``min`` over ``array`` slices run in C), and reports the
failures the service reports: undecodable → ``InvalidFile.DecodeFailed``,
nothing above the silence threshold → no valid fragment.
"""

from __future__ import annotations

import threading
from array import array
from dataclasses import dataclass
from pathlib import Path

import av

ANALYSIS_RATE = 8000  # Hz: plenty for a loudness envelope
WINDOW_MS = 50
SILENCE_PEAK = 330  # about -40 dBFS on 16-bit samples
MERGE_GAP_MS = 400  # quieter stretches shorter than this stay inside a segment
MIN_SEGMENT_MS = 100
# Longer files are only analysed this far; the rest is assumed to be speech so
# a 12-hour file costs seconds, not minutes.
ANALYSIS_CAP_MS = 30 * 60 * 1000

Span = tuple[int, int]


class UndecodableError(Exception):
    """The bytes are not audio the service could decode."""


@dataclass(frozen=True)
class AudioFacts:
    duration_ms: int
    sample_rate: int
    channels: int
    audio_format: str
    speech: tuple[tuple[Span, ...], ...]  # per channel: (begin_ms, end_ms) of loud stretches

    def speech_ms(self, channel: int) -> int:
        return sum(end - begin for begin, end in self.speech[channel])


_cache: dict[tuple[str, int, int], AudioFacts] = {}
_cache_lock = threading.Lock()


def analyse(path: Path) -> AudioFacts:
    """The file's facts; cached by path, size and mtime (benchmarks reuse one file)."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    facts = _analyse(path)
    with _cache_lock:
        _cache[key] = facts
    return facts


def _analyse(path: Path) -> AudioFacts:
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise UndecodableError("no audio stream")
            stream = container.streams.audio[0]
            channels = stream.codec_context.channels or 1
            rate = stream.codec_context.sample_rate or 0
            peaks = _peaks(container, stream, channels)
            decoded_ms = len(peaks[0]) * WINDOW_MS if peaks else 0
            duration_ms = _declared_ms(container, stream) or decoded_ms
            codec = stream.codec_context.name or "unknown"
    except (av.FFmpegError, UnicodeDecodeError, ValueError, IndexError) as error:
        raise UndecodableError(str(error)) from None
    if decoded_ms == 0:
        raise UndecodableError("no audio frames could be decoded")
    speech = tuple(
        _segments(channel_peaks, duration_ms, capped=decoded_ms >= ANALYSIS_CAP_MS)
        for channel_peaks in peaks
    )
    if channels > len(speech):  # mixed down: every track gets the mix's speech
        speech = speech + (speech[0],) * (channels - len(speech))
    return AudioFacts(duration_ms, rate, channels, codec, speech)


def _declared_ms(container: av.container.InputContainer, stream: av.stream.Stream) -> int:
    if stream.duration is not None and stream.time_base is not None:
        return int(stream.duration * stream.time_base * 1000)
    if container.duration is not None:
        return int(container.duration / 1000)  # microseconds
    return 0


def _peaks(
    container: av.container.InputContainer, stream: av.stream.Stream, channels: int
) -> list[array]:
    """Peak absolute sample per window, per channel, for the first ANALYSIS_CAP_MS."""
    # Two tracks are analysed apart (call recordings); more are mixed down to one.
    layout = "stereo" if channels == 2 else "mono"
    channels = 2 if channels == 2 else 1
    resampler = av.AudioResampler(format="s16", layout=layout, rate=ANALYSIS_RATE)
    window = ANALYSIS_RATE * WINDOW_MS // 1000
    cap = ANALYSIS_RATE * ANALYSIS_CAP_MS // 1000
    pending = array("h")
    peaks = [array("H") for _ in range(channels)]
    taken = 0
    for frame in container.decode(stream):
        for out in resampler.resample(frame):
            pending.frombytes(bytes(out.planes[0])[: out.samples * 2 * channels])
        taken = _drain(pending, peaks, window, channels, taken)
        if taken >= cap:
            break
    else:
        for out in resampler.resample(None):
            pending.frombytes(bytes(out.planes[0])[: out.samples * 2 * channels])
    _drain(pending, peaks, window, channels, taken, final=True)
    return peaks


def _drain(
    pending: array,
    peaks: list[array],
    window: int,
    channels: int,
    taken: int,
    *,
    final: bool = False,
) -> int:
    step = window * channels
    usable = len(pending) - len(pending) % step if not final else len(pending)
    for start in range(0, usable, step):
        chunk = pending[start : start + step]
        for channel in range(channels):
            samples = chunk[channel::channels]
            if samples:
                peaks[channel].append(min(32767, max(max(samples), -min(samples))))
        taken += len(chunk) // channels
    del pending[:usable]
    return taken


def _segments(peaks: array, duration_ms: int, *, capped: bool) -> tuple[Span, ...]:
    spans: list[list[int]] = []
    for index, peak in enumerate(peaks):
        if peak < SILENCE_PEAK:
            continue
        begin = index * WINDOW_MS
        if spans and begin - spans[-1][1] <= MERGE_GAP_MS:
            spans[-1][1] = begin + WINDOW_MS
        else:
            spans.append([begin, begin + WINDOW_MS])
    if capped and duration_ms > len(peaks) * WINDOW_MS:
        spans.append([len(peaks) * WINDOW_MS, duration_ms])
    return tuple(
        (begin, min(end, duration_ms) if duration_ms else end)
        for begin, end in spans
        if end - begin >= MIN_SEGMENT_MS
    )
