"""Waveform peaks of real files made by ffmpeg: where the sound is, cached, progressive."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from desktop.media.waveform import (
    CHUNK_BUCKETS,
    PeakLoader,
    Peaks,
    WaveformError,
    cache_path,
    decode_peaks,
    noise_floor,
    peaks_for,
    silences,
)
from tests.helpers.media import ffmpeg

# Tone from 1.0 to 2.0 s and from 3.5 to 4.0 s, digital silence elsewhere; 5 s long.
TONE = r"if(between(t\,1\,2)+between(t\,3.5\,4)\,0.5*sin(2*PI*440*t)\,0)"


def tone_file(path: Path, rate: int, channels: int = 1, seconds: float = 5.0) -> Path:
    # Stereo files carry the tone on the right only: the waveform must not miss a channel.
    expression = TONE if channels == 1 else "|".join(["0"] * (channels - 1) + [TONE])
    ffmpeg("-f", "lavfi", "-i", f"aevalsrc={expression}:s={rate}:d={seconds}", path)
    return path


def loud_ms(peaks: Peaks, threshold: int = 20) -> list[int]:
    return [i * 10 for i, value in enumerate(peaks.values) if value >= threshold]


@pytest.mark.parametrize(
    ("name", "rate", "channels"),
    [
        ("tone.wav", 16000, 1),  # s16, a whole number of samples per bucket
        ("tone.mp3", 16000, 1),  # decoded as float
        ("tone.m4a", 44100, 2),  # AAC stereo, 147 samples per bucket after striding
        ("tone.mka", 48000, 2),  # Vorbis stereo at the video rate
        ("tone.ogg", 22050, 1),  # bucket edges that are not whole samples
    ],
)
def test_peaks_land_where_the_tone_is(tmp_path: Path, name: str, rate: int, channels: int):
    peaks = decode_peaks(tone_file(tmp_path / name, rate, channels))
    assert peaks.complete
    assert abs(peaks.duration_ms - 5000) <= 60  # encoders pad a frame at most
    loud = loud_ms(peaks)
    first_run = [ms for ms in loud if ms < 3000]
    second_run = [ms for ms in loud if ms >= 3000]
    # Lossy codecs smear an edge by a few ms; allow two buckets and the encoder's delay.
    delay = 60 if name != "tone.wav" else 0
    assert 990 <= first_run[0] <= 1010 + delay and 1980 <= first_run[-1] <= 2000 + delay
    assert 3490 <= second_run[0] <= 3510 + delay and 3980 <= second_run[-1] <= 4000 + delay
    assert len(first_run) >= 95 and len(second_run) >= 45  # loud all the way through
    assert max(peaks.values) >= 55  # 0.5 of full scale is ~63 of 127
    assert peaks.level(0, 900) <= 2 and peaks.level(2200, 3300) <= 2


def test_silences_are_the_quiet_stretches(tmp_path: Path):
    peaks = decode_peaks(tone_file(tmp_path / "tone.wav", 16000))
    found = silences(peaks, min_ms=300)
    assert found == [(0, 1000), (2000, 3500), (4000, 5000)]
    # The 1.5 s gap between the tones is shorter than a 1.6 s minimum.
    assert (2000, 3500) not in silences(peaks, min_ms=1600)


def test_pauses_are_found_above_the_noise_floor_of_a_hissing_recording(tmp_path: Path):
    media = tmp_path / "noisy.wav"
    noisy = TONE.replace(r"\,0)", r"\,0)+0.04*(random(0)-0.5)")
    ffmpeg("-f", "lavfi", "-i", f"aevalsrc={noisy}:s=16000:d=5", media)
    peaks = decode_peaks(media)
    assert 1 <= noise_floor(peaks) <= 4  # hiss at 2 % of full scale is ~2 of 127
    assert silences(peaks, threshold=2) == []  # a fixed low threshold finds no pause
    found = silences(peaks, min_ms=300)
    assert [(round(b, -2), round(e, -2)) for b, e in found] == [
        (0, 1000),
        (2000, 3500),
        (4000, 5000),
    ]


def test_second_open_reads_the_cache_and_a_changed_file_is_decoded_again(tmp_path: Path):
    media = tone_file(tmp_path / "tone.wav", 16000)
    first = peaks_for(media)
    cached = cache_path(media)
    assert cached.is_file() and cached.is_relative_to(Path(os.environ["TINGXIE_HOME"]))
    chunks: list[tuple[int, bytes]] = []
    again = peaks_for(media, on_chunk=lambda start, chunk: chunks.append((start, chunk)))
    assert again.values == first.values and chunks == [(0, bytes(first.values))]

    tone_file(media, 16000, seconds=3.0)  # same path, new content: size and mtime change
    assert cache_path(media) != cached
    assert abs(peaks_for(media).duration_ms - 3000) <= 20


def test_a_damaged_cache_file_is_ignored(tmp_path: Path):
    media = tone_file(tmp_path / "tone.wav", 16000)
    peaks_for(media)
    cache_path(media).write_bytes(b"TXPEAKS1garbage")
    assert peaks_for(media).duration_ms == 5000


def test_peaks_arrive_in_order_while_decoding(tmp_path: Path):
    media = tmp_path / "long.mp3"
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=300:sample_rate=16000:duration=95", media)
    chunks: list[tuple[int, bytes]] = []
    peaks = decode_peaks(media, on_chunk=lambda start, chunk: chunks.append((start, chunk)))
    assert len(chunks) >= 3  # 95 s at one chunk per 30 s
    assert chunks[0][0] == 0 and len(chunks[0][1]) >= CHUNK_BUCKETS
    position = 0
    for start, chunk in chunks:
        assert start == position
        position += len(chunk)
    assert position == len(peaks.values)


def test_the_loader_runs_in_a_thread_and_reports_done(tmp_path: Path):
    media = tone_file(tmp_path / "tone.wav", 16000)
    done = threading.Event()
    results: list[Peaks] = []
    loader = PeakLoader(
        media, lambda _s, _c: None, lambda p: (results.append(p), done.set()), print
    )
    assert done.wait(30)
    assert not loader.is_running() or done.is_set()
    assert results[0].complete and results[0].duration_ms == 5000


def test_not_media_is_refused_with_the_file_named(tmp_path: Path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not audio")
    with pytest.raises(WaveformError, match=r"notes\.txt"):
        decode_peaks(bogus)
    errors: list[str] = []
    done = threading.Event()
    PeakLoader(bogus, lambda _s, _c: None, print, lambda e: (errors.append(e), done.set()))
    assert done.wait(30) and "notes.txt" in errors[0]
