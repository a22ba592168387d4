"""Waveform peaks of a media file: decoded with PyAV, cached on disk, delivered in chunks.

A peak is the loudest sample of a 10 ms bucket, 0-127 (linear, full scale
127): enough to draw a waveform at any zoom the editor offers and to find
silences to snap to.

Speed matters more than precision here: a 2-hour file should show its
waveform within seconds. Decoding itself is fast (PyAV, in C); what costs is
Python touching samples. So the audio is converted by libswresample to 16-bit
mono at 8 kHz in one-second frames (speech lives below 4 kHz; the envelope
is what is drawn), and only the high byte of each sample is kept: a strided
byte slice and one ``bytes.translate`` turn a second of audio into 8 000
magnitudes without a Python loop, leaving one ``max`` per bucket. numpy is
not a dependency and is not needed for this.

Peaks are handed out as they are made (``on_chunk``) so the waveform can be
drawn while the rest decodes, and written to the cache once complete, keyed
by the file's path, size and modification time: a second open reads a file of
~720 KB for two hours instead of decoding.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import av

from desktop.paths import cache_dir

BUCKETS_PER_SECOND = 100  # one peak per 10 ms
BUCKET_MS = 1000 // BUCKETS_PER_SECOND
PEAK_MAX = 127
DECODE_RATE = 8000
CHUNK_BUCKETS = 3000  # hand out peaks every 30 s of media
_MAGIC = b"TXPEAKS1"
_HEADER = struct.Struct("<8sII")  # magic, buckets per second, bucket count
# High byte of a signed 16-bit sample (two's complement) → its magnitude 0..127.
_MAGNITUDE = bytes(b if b < 128 else min(127, 255 - b) for b in range(256))

ChunkCallback = Callable[[int, bytes], None]  # first bucket index, peaks


class WaveformError(Exception):
    """The file has no audio PyAV can decode; the message names the file."""


@dataclass
class Peaks:
    """Peaks of one media file, possibly still growing while decoding runs."""

    values: bytearray = field(default_factory=bytearray)
    complete: bool = False
    buckets_per_second: int = BUCKETS_PER_SECOND

    @property
    def duration_ms(self) -> int:
        return len(self.values) * 1000 // self.buckets_per_second

    def add(self, start: int, chunk: bytes) -> None:
        """Put a chunk where it belongs (chunks arrive in order; a gap is filled with 0)."""
        if start > len(self.values):
            self.values.extend(bytes(start - len(self.values)))
        self.values[start : start + len(chunk)] = chunk

    def level(self, begin_ms: int, end_ms: int) -> int:
        """The loudest peak between two times (0 outside what is known)."""
        first = max(0, begin_ms * self.buckets_per_second // 1000)
        last = min(len(self.values), -(-end_ms * self.buckets_per_second // 1000))
        return max(self.values[first:last], default=0)


def cache_key(media: Path) -> str:
    """Path + size + mtime: a file replaced or edited in place gets new peaks."""
    stat = media.stat()
    ident = f"{media.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}"
    return hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def cache_path(media: Path, folder: Path | None = None) -> Path:
    return (folder or cache_dir() / "waveforms") / f"{cache_key(media)}.peaks"


def load_cached(media: Path, folder: Path | None = None) -> Peaks | None:
    """The cached peaks of ``media``, or ``None`` (not cached, stale, or unreadable)."""
    try:
        data = cache_path(media, folder).read_bytes()
    except OSError:
        return None
    if len(data) < _HEADER.size:
        return None
    magic, rate, count = _HEADER.unpack_from(data)
    body = data[_HEADER.size :]
    if magic != _MAGIC or rate != BUCKETS_PER_SECOND or len(body) != count:
        return None
    return Peaks(bytearray(body), complete=True, buckets_per_second=rate)


def store_cached(media: Path, peaks: Peaks, folder: Path | None = None) -> Path:
    """Write complete peaks atomically (a crash mid-write leaves no half file)."""
    target = cache_path(media, folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")
    header = _HEADER.pack(_MAGIC, peaks.buckets_per_second, len(peaks.values))
    temporary.write_bytes(header + bytes(peaks.values))
    temporary.replace(target)
    return target


def decode_peaks(
    media: Path,
    on_chunk: ChunkCallback | None = None,
    cancel: threading.Event | None = None,
) -> Peaks:
    """Decode the first audio stream of ``media`` into peaks, calling ``on_chunk`` as it goes.

    Returns what was made so far (``complete`` False) if ``cancel`` is set.
    """
    peaks = Peaks()
    try:
        container = av.open(str(media))
    except (av.error.FFmpegError, OSError) as error:
        raise WaveformError(f"{media}: cannot read it as media ({error})") from None
    with container:
        if not container.streams.audio:
            raise WaveformError(f"{media}: has no audio track, so there is no waveform to draw")
        stream = container.streams.audio[0]
        rate = stream.codec_context.sample_rate or stream.rate or DECODE_RATE
        buckets = _Bucketer(peaks, rate, on_chunk)
        # Format and layout only: changing the rate would run a filter costing more than decoding.
        resampler = av.AudioResampler(format="s16", layout="mono", rate=rate, frame_size=rate)
        try:
            for frame in container.decode(stream):
                if cancel is not None and cancel.is_set():
                    return peaks
                for out in resampler.resample(frame):
                    buckets.add(out)
            for out in resampler.resample(None):
                buckets.add(out)
        except av.error.FFmpegError as error:
            if not peaks.values:
                raise WaveformError(f"{media}: the audio cannot be decoded ({error})") from None
            # A damaged tail: keep the peaks of what decoded.
    buckets.finish()
    peaks.complete = True
    return peaks


class _Bucketer:
    """Turns mono s16 frames into peaks, keeping every ``stride``-th sample (≤ ~8 kHz).

    Skipping samples can miss the very top of a peak by a little; the envelope
    of speech, which is what is drawn and where silences are found, survives.
    Bucket edges are exact in time whatever the rate (44.1 kHz has no whole
    number of samples per 10 ms after striding).
    """

    def __init__(self, peaks: Peaks, rate: int, on_chunk: ChunkCallback | None) -> None:
        self._peaks = peaks
        self._stride = _stride(rate)
        self._per_second = rate / self._stride
        per_bucket = self._per_second / BUCKETS_PER_SECOND
        self._step = int(per_bucket) if per_bucket.is_integer() else 0  # 0: edges vary
        self._pending = bytearray()
        self._offset = 0  # decimated-sample index of pending[0]
        self._carry = 0  # samples to skip at the next frame's start to keep the stride
        self._on_chunk = on_chunk
        self._sent = 0

    def _edge(self, bucket: int) -> int:
        return int(bucket * self._per_second) // BUCKETS_PER_SECOND

    def add(self, frame: av.AudioFrame) -> None:
        raw = bytes(frame.planes[0])[: frame.samples * 2]
        stride = self._stride
        first = self._carry
        self._pending += raw[2 * first + 1 :: 2 * stride].translate(_MAGNITUDE)
        self._carry = (first - frame.samples) % stride
        self._flush(final=False)

    def _flush(self, *, final: bool) -> None:
        values, pending, step = self._peaks.values, self._pending, self._step
        if step:  # the common rates: a whole number of samples per bucket, one max each
            whole = len(pending) - len(pending) % step
            made = [max(pending[i : i + step]) for i in range(0, whole, step)]
            if final and whole < len(pending):
                made.append(max(pending[whole:]))
            start = len(pending) if final else whole
        else:
            made, start = self._varying_buckets(final)
        values += bytes(made)
        used = min(start, len(pending))
        del pending[:used]
        self._offset += used
        if self._on_chunk is not None and (final or len(values) - self._sent >= CHUNK_BUCKETS):
            if len(values) > self._sent:
                self._on_chunk(self._sent, bytes(values[self._sent :]))
            self._sent = len(values)

    def _varying_buckets(self, final: bool) -> tuple[list[int], int]:
        pending, bucket = self._pending, len(self._peaks.values)
        start = self._edge(bucket) - self._offset
        made: list[int] = []
        while True:
            end = self._edge(bucket + 1) - self._offset
            if end > len(pending):
                if final and start < len(pending):
                    made.append(max(pending[start:]))
                    start = len(pending)
                return made, start
            made.append(max(pending[start:end], default=0))
            start = end
            bucket += 1

    def finish(self) -> None:
        self._flush(final=True)


def _stride(rate: int) -> int:
    """Keep every n-th sample: ≥ 8 kHz left, and a whole number per bucket when possible."""
    most = max(1, rate // DECODE_RATE)
    for stride in range(most, 0, -1):
        if rate % (stride * BUCKETS_PER_SECOND) == 0:
            return stride
    return most


def peaks_for(
    media: Path,
    on_chunk: ChunkCallback | None = None,
    cancel: threading.Event | None = None,
    folder: Path | None = None,
) -> Peaks:
    """Cached peaks if there are, else decoded (and cached when complete)."""
    cached = load_cached(media, folder)
    if cached is not None:
        if on_chunk is not None:
            on_chunk(0, bytes(cached.values))
        return cached
    peaks = decode_peaks(media, on_chunk, cancel)
    if peaks.complete:
        with contextlib.suppress(OSError):  # a read-only cache costs the next open a decode
            store_cached(media, peaks, folder)
    return peaks


class PeakLoader:
    """Makes the peaks of one file in a background thread; ``cancel`` stops it early."""

    def __init__(
        self,
        media: Path,
        on_chunk: ChunkCallback,
        on_done: Callable[[Peaks], None],
        on_error: Callable[[str], None],
        folder: Path | None = None,
    ) -> None:
        self._cancel = threading.Event()
        self._thread = threading.Thread(
            target=self._run,
            args=(media, on_chunk, on_done, on_error, folder),
            name="waveform-peaks",
            daemon=True,
        )
        self._thread.start()

    def _run(
        self,
        media: Path,
        on_chunk: ChunkCallback,
        on_done: Callable[[Peaks], None],
        on_error: Callable[[str], None],
        folder: Path | None,
    ) -> None:
        try:
            peaks = peaks_for(media, on_chunk, self._cancel, folder)
        except WaveformError as error:
            on_error(str(error))
            return
        if not self._cancel.is_set():
            on_done(peaks)

    def cancel(self, wait: float | None = None) -> None:
        self._cancel.set()
        if wait is not None:
            self._thread.join(wait)

    def is_running(self) -> bool:
        return self._thread.is_alive()


def noise_floor(peaks: Peaks, share: float = 0.1) -> int:
    """The peak level the quietest ``share`` of the buckets stay at or under."""
    values = bytes(peaks.values)
    wanted = len(values) * share
    seen = 0
    for level in range(PEAK_MAX + 1):
        seen += values.count(level)
        if seen >= wanted:
            return level
    return PEAK_MAX


def silences(
    peaks: Peaks, *, threshold: int | None = None, min_ms: int = 200
) -> list[tuple[int, int]]:
    """Stretches at least ``min_ms`` long whose peaks stay under ``threshold``: snap targets.

    Without a threshold it follows the recording: a little above its noise
    floor (room tone, hiss), so a noisy file still has pauses to snap to.
    """
    if threshold is None:
        threshold = max(4, noise_floor(peaks) * 2 + 2)
    table = bytes(0 if b < threshold else 1 for b in range(256))
    loudness = bytes(peaks.values).translate(table)  # 0 quiet, 1 loud, scanned with find
    rate = peaks.buckets_per_second
    shortest = max(1, min_ms * rate // 1000)
    found: list[tuple[int, int]] = []
    position = 0
    while True:
        start = loudness.find(0, position)
        if start < 0:
            break
        stop = loudness.find(1, start)
        stop = len(loudness) if stop < 0 else stop
        if stop - start >= shortest:
            found.append((start * 1000 // rate, stop * 1000 // rate))
        position = stop
    return found
