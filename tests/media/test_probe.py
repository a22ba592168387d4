from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from desktop.domain import catalog
from desktop.media.probe import ProbeError, probe, probe_async
from tests.helpers import media

ALL_FORMATS = sorted(catalog.ACCEPTED_FORMATS)


@pytest.fixture(scope="module")
def speech_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("probe")
    source = media.speech(folder / "source.wav", "testing one two three", rate=16000)
    for fmt in ALL_FORMATS:
        if fmt != "wav":
            media.convert(source, folder / f"speech.{fmt}")
    (folder / "speech.wav").write_bytes(source.read_bytes())
    return folder


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_every_accepted_format_is_probed(speech_dir: Path, fmt: str) -> None:
    info = probe(speech_dir / f"speech.{fmt}")
    assert info.format == fmt
    assert info.audio_codec
    assert info.channels == 1
    assert not info.has_video
    expected_rate = {"amr": 8000, "opus": 48000, "webm": 48000}.get(fmt, 16000)
    assert info.sample_rate == expected_rate
    reference = probe(speech_dir / "speech.wav").duration_ms
    assert info.duration_ms is not None and abs(info.duration_ms - reference) < 150
    assert info.size_bytes == (speech_dir / f"speech.{fmt}").stat().st_size


def test_a_renamed_file_is_named_for_what_it_really_is(speech_dir: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "actually-flac.mp3"
    renamed.write_bytes((speech_dir / "speech.flac").read_bytes())
    assert probe(renamed).format == "flac"
    no_extension = tmp_path / "recording"
    no_extension.write_bytes((speech_dir / "speech.m4a").read_bytes())
    assert probe(no_extension).format == "m4a"


def test_video_stereo_and_rates(tmp_path: Path) -> None:
    clip = probe(media.video(tmp_path / "clip.mp4", seconds=1.5))
    assert (clip.format, clip.has_video, clip.sample_rate) == ("mp4", True, 16000)
    assert abs(clip.duration_ms - 1500) < 100
    stereo = probe(media.speech(tmp_path / "call.wav", "hello", rate=8000, channels=2))
    assert (stereo.channels, stereo.sample_rate) == (2, 8000)


def test_a_container_the_service_does_not_take_has_no_format(tmp_path: Path) -> None:
    source = media.speech(tmp_path / "s.wav", "hi")
    aiff = media.convert(source, tmp_path / "s.aiff")
    info = probe(aiff)
    assert info.format is None and info.container == "aiff"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a readable audio or video file"),
        (b"definitely not media" * 50, "not a readable audio or video file"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt " + b"\x00" * 20, "not a readable audio or video file"),
    ],
)
def test_unreadable_files_give_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "broken.wav"
    bad.write_bytes(content)
    with pytest.raises(ProbeError) as caught:
        probe(bad)
    assert str(caught.value).startswith(f"broken.wav: {message}")
    assert "ffmpeg" in str(caught.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ProbeError, match=r"missing\.wav: No such file"):
        probe(tmp_path / "missing.wav")


def test_probing_runs_off_the_event_loop(speech_dir: Path) -> None:
    async def main() -> tuple[str | None, bool]:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0)

        task = asyncio.create_task(ticker())
        info = await probe_async(speech_dir / "speech.mkv")
        task.cancel()
        return info.format, ticks > 0

    assert asyncio.run(main()) == ("mkv", True)


@pytest.mark.parametrize(
    ("codec", "rate", "channels"),
    [
        ("pcm_s16le", 8000, 1),
        ("pcm_s16le", 44100, 2),
        ("pcm_s24le", 48000, 2),
        ("pcm_mulaw", 8000, 1),
        ("gsm_ms", 8000, 1),
    ],
)
def test_wav_files_of_every_common_kind_report_their_true_rate_channels_and_length(
    tmp_path: Path, codec: str, rate: int, channels: int
) -> None:
    """WAV facts come from the header alone; they must be the file's real ones."""
    path = tmp_path / f"{codec}.wav"
    media.ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=12.5", "-ac", str(channels),
                 "-ar", str(rate), "-c:a", codec, path)  # fmt: skip
    info = probe(path)
    assert (info.format, info.audio_codec) == ("wav", codec)
    assert (info.sample_rate, info.channels) == (rate, channels)
    assert info.duration_ms is not None and abs(info.duration_ms - 12_500) <= 40
