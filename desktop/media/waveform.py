"""Waveform peaks of a media file: decoded with PyAV, cached on disk, delivered in chunks.

A peak is the loudest sample of a 10 ms bucket, 0-127 (linear, full scale
127): enough to draw a waveform at any zoom the editor offers and to find
silences to snap to.

Speed matters more than precision here: a 2-hour file should show its
waveform within seconds. Decoding itself is fast (PyAV, in C); what costs is
Python touching samples. So no sample is touched one at a time: every
second sample is kept above 8 kHz (speech lives below 4 kHz; the envelope is
what is drawn), each becomes a one-byte loudness code through strided byte
slices, ``bytes.translate`` and big-integer arithmetic over a whole second
(``_Levels``), and the loudest code of each bucket is found the same way
(``_bucket_maxima``). numpy is not a dependency and is not needed for this.

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
import sys
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
# Loudness codes (see ``_Levels``): 16 steps an octave, code 127 = full scale.
_OCTAVES = 8


def _linear(code: int) -> int:
    octave, step = divmod(code, 16)
    return min(PEAK_MAX, round(2.0 ** (octave - _OCTAVES + 1) * (1 + step / 16) * PEAK_MAX))


_LINEAR = bytes(_linear(min(c, 127)) if c else 0 for c in range(256))  # code → peak 0..127
# Float32 high byte: sign + exponent bits 7..1; an exponent ≥ 120 (2^-7) is audible here.
_EXPONENT_HIGH = [(b & 0x7F) << 1 for b in range(256)]
_AUDIBLE = bytes(0xFF if e >= 120 else 0 for e in _EXPONENT_HIGH)
_HIGH_SHARE = bytes(min(6, e - 120) * 16 if e >= 120 else 0 for e in _EXPONENT_HIGH)
# Float32 second byte: exponent bit 0 + top 7 mantissa bits (the top 4 are kept).
_LOW_SHARE = bytes((b >> 7) * 16 + ((b & 0x7F) >> 3) for b in range(256))
# High byte of a signed 16-bit sample (two's complement) → magnitude 0..127 → nearest code.
_MAGNITUDE = bytes(b if b < 128 else min(127, 255 - b) for b in range(256))
_S16_CODE = bytes(
    min(range(128), key=lambda c, m=_MAGNITUDE[b]: (abs(_LINEAR[c] - m), -c)) for b in range(256)
)

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
        levels: _Levels | None = None
        try:
            for frame in container.decode(stream):
                if cancel is not None and cancel.is_set():
                    return peaks
                if levels is None:
                    levels = _Levels(frame, _Bucketer(peaks, rate, on_chunk))
                levels.add(frame)
        except av.error.FFmpegError as error:
            if not peaks.values:
                raise WaveformError(f"{media}: the audio cannot be decoded ({error})") from None
            # A damaged tail: keep the peaks of what decoded.
        if levels is not None:
            levels.finish()
    peaks.complete = True
    return peaks


class _Levels:
    """Loudness codes of every ``stride``-th sample of decoded frames, made with C-speed byte ops.

    A code is one byte on a log scale (``_LINEAR`` turns it back into a peak):
    16 steps an octave over the top 8 octaves (48 dB), 0..127. Codes grow
    with loudness, so the loudest sample of a bucket is the ``max`` of its codes.

    Most codecs (MP3, AAC, Vorbis, Opus) decode to planar 32-bit floats. Their
    samples are gathered for a second, then coded without a resampler from the
    two high bytes of each float (sign, exponent, top of the mantissa):
    strided slices pick the bytes, ``bytes.translate`` maps each to its share
    of the code, and the two shares are added as two big integers, one
    addition for the whole second (a share never carries into the next byte).
    Stereo keeps the louder channel at each instant. Other formats (16-bit PCM, FLAC…)
    go through libswresample to mono 16-bit, whose high byte gives the code.
    """

    def __init__(self, first: av.AudioFrame, buckets: _Bucketer) -> None:
        self._format = first.format.name
        channels = len(first.layout.channels)
        self._fast = self._format == "fltp" and sys.byteorder == "little" and channels <= 2
        self._width = channels if self._fast else 1
        self._stride = buckets.stride
        self._batch = first.sample_rate or DECODE_RATE
        self._buckets = buckets
        self._position = 0  # samples (per channel) coded so far, to keep the stride
        self._gathered = [bytearray() for _ in range(self._width)]
        self._samples = 0  # samples gathered, not yet coded
        self._resampler: av.AudioResampler | None = None

    def add(self, frame: av.AudioFrame) -> None:
        planes = frame.planes
        if self._fast and len(planes) == self._width and frame.format.name == self._format:
            count = frame.samples * 4
            for gathered, plane in zip(self._gathered, planes, strict=True):
                gathered += memoryview(plane)[:count]
            self._samples += frame.samples
            if self._samples >= self._batch:
                self._code_gathered()
            return
        self._code_gathered()
        for converted in self._convert(frame):
            self._buckets.add(self._s16_codes(converted))

    def finish(self) -> None:
        self._code_gathered()
        if self._resampler is not None:
            for converted in self._resampler.resample(None):
                self._buckets.add(self._s16_codes(converted))
        self._buckets.finish()

    def _first(self, samples: int) -> int:
        first = -self._position % self._stride
        self._position += samples
        return first

    def _code_gathered(self) -> None:
        if not self._samples:
            return
        first = self._first(self._samples)
        codes = _float_codes(self._gathered[0], first, self._stride)
        for other in self._gathered[1:]:  # stereo: the louder channel at each instant
            codes = _pairwise_max(codes, _float_codes(other, first, self._stride))
        for gathered in self._gathered:
            gathered.clear()
        self._samples = 0
        self._buckets.add(codes)

    def _convert(self, frame: av.AudioFrame) -> list[av.AudioFrame]:
        if self._resampler is None:
            # Format and layout only: changing the rate costs more than decoding.
            rate = frame.sample_rate
            self._resampler = av.AudioResampler(
                format="s16", layout="mono", rate=rate, frame_size=rate
            )
        return self._resampler.resample(frame)

    def _s16_codes(self, frame: av.AudioFrame) -> bytes:
        first = self._first(frame.samples)
        raw = bytes(frame.planes[0])[: frame.samples * 2]
        return raw[2 * first + 1 :: 2 * self._stride].translate(_S16_CODE)


def _float_codes(raw: bytes | bytearray, first: int, stride: int) -> bytes:
    """Codes of every ``stride``-th little-endian float32 sample from ``first`` on."""
    high = bytes(raw[4 * first + 3 :: 4 * stride])
    low = bytes(raw[4 * first + 2 :: 4 * stride])
    count = len(high)
    audible = int.from_bytes(high.translate(_AUDIBLE), "little")
    low = (int.from_bytes(low, "little") & audible).to_bytes(count, "little")
    total = int.from_bytes(high.translate(_HIGH_SHARE), "little") + int.from_bytes(
        low.translate(_LOW_SHARE), "little"
    )
    return total.to_bytes(count, "little")


class _Bucketer:
    """Turns loudness codes into peaks, one per 10 ms bucket.

    Keeping only every ``stride``-th sample (≥ 8 kHz left) can miss the very
    top of a peak by a little; the envelope of speech, which is what is drawn
    and where silences are found, survives. Bucket edges are exact in time
    whatever the rate (44.1 kHz has no whole number of samples per 10 ms after
    striding).
    """

    def __init__(self, peaks: Peaks, rate: int, on_chunk: ChunkCallback | None) -> None:
        self._peaks = peaks
        self._rate = rate
        self.stride = _stride(rate)
        self._per_second = rate / self.stride
        per_bucket = self._per_second / BUCKETS_PER_SECOND
        self._step = int(per_bucket) if per_bucket.is_integer() else 0  # 0: edges vary
        self._pending = bytearray()
        self._offset = 0  # code index of pending[0]
        self._on_chunk = on_chunk
        self._sent = 0

    def _edge(self, bucket: int) -> int:
        return int(bucket * self._per_second) // BUCKETS_PER_SECOND

    def add(self, codes: bytes) -> None:
        self._pending += codes
        self._flush(final=False)

    def _flush(self, *, final: bool) -> None:
        values, pending, step = self._peaks.values, self._pending, self._step
        if step:  # the common rates: a whole number of codes per bucket
            whole = len(pending) - len(pending) % step
            made: bytes | list[int] = _bucket_maxima(bytes(pending[:whole]), step)
            if final and whole < len(pending):
                made = [*made, max(pending[whole:])]
            start = len(pending) if final else whole
        else:
            made, start = self._varying_buckets(final)
        values += bytes(made).translate(_LINEAR)
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


def _bucket_maxima(codes: bytes, step: int) -> bytes:
    """The largest code of each run of ``step`` codes (``len(codes)`` is a multiple of it).

    Elementwise maxima of whole byte strings, with big-integer arithmetic:
    halve while the step is even (pair each code with its neighbour), then
    fold the odd rest with strided slices. 80 codes a bucket (16 kHz) take 4
    halvings and 4 folds for any length, instead of a Python ``max`` per bucket.
    """
    odd = step
    while odd % 2 == 0:
        odd //= 2
    if odd > 16:  # e.g. 147 codes a bucket (44.1 kHz): one max per bucket is quicker
        return bytes(max(codes[i : i + step]) for i in range(0, len(codes), step))
    while step % 2 == 0:
        codes = _pairwise_max(codes[0::2], codes[1::2])
        step //= 2
    folded = codes[0::step]
    for offset in range(1, step):
        folded = _pairwise_max(folded, codes[offset::step])
    return folded


def _pairwise_max(first: bytes, second: bytes) -> bytes:
    """Elementwise max of two equal-length strings of 7-bit values (SWAR, no Python loop).

    With the top bit set in each byte of ``x``, ``x - y`` never borrows across
    bytes, and each byte's top bit then says whether ``x >= y`` there.
    """
    count = len(first)
    if not count:
        return b""
    x, y = int.from_bytes(first, "little"), int.from_bytes(second, "little")
    tops = int.from_bytes(b"\x80" * count, "little")
    mask = ((((x | tops) - y) & tops) >> 7) * 0xFF
    return ((x & mask) | (y & ~mask)).to_bytes(count, "little")


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
        on_exit: Callable[[], None] | None = None,
    ) -> None:
        """``on_exit`` runs last on the thread, finished or cancelled (to free what it used)."""
        self._cancel = threading.Event()
        self._thread = threading.Thread(
            target=self._run,
            args=(media, on_chunk, on_done, on_error, folder, on_exit),
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
        on_exit: Callable[[], None] | None,
    ) -> None:
        try:
            peaks = peaks_for(media, on_chunk, self._cancel, folder)
        except WaveformError as error:
            on_error(str(error))
        except Exception as error:  # a thread that dies must still say why
            on_error(f"{media}: the waveform could not be made ({type(error).__name__}: {error})")
        else:
            if not self._cancel.is_set():
                on_done(peaks)
        finally:
            if on_exit is not None:
                on_exit()

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
