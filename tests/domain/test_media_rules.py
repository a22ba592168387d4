from __future__ import annotations

from desktop.domain import catalog
from desktop.domain.media_info import MediaInfo
from desktop.domain.media_rules import refusals


def _media(**overrides) -> MediaInfo:
    facts = {
        "path": "/recordings/call 1.wav",
        "size_bytes": 10_000_000,
        "container": "wav",
        "format": "wav",
        "audio_codec": "pcm_s16le",
        "sample_rate": 16000,
        "channels": 1,
        "duration_ms": 600_000,
        "has_video": False,
    }
    return MediaInfo(**{**facts, **overrides})


def _refusals(model: str, media: MediaInfo, **kw) -> list[str]:
    return refusals(catalog.get(model), media, **kw)


def test_an_ordinary_file_is_accepted_by_every_any_rate_model() -> None:
    for spec in catalog.MODELS:
        if spec.sample_rate.accepts(16000):
            assert refusals(spec, _media()) == []


def test_eight_khz_model_refuses_sixteen_khz_and_names_the_model_to_use() -> None:
    [message] = _refusals("paraformer-8k-v2", _media())
    assert message == (
        "call 1.wav: the audio is 16 kHz; paraformer-8k-v2 takes 8 kHz only."
        " Use paraformer-v2 for this file"
    )


def test_sixteen_khz_model_refuses_phone_audio_and_suggests_the_8k_model() -> None:
    [message] = _refusals("paraformer-mtl-v1", _media(sample_rate=8000))
    assert "8 kHz; paraformer-mtl-v1 takes 16 kHz or higher. Use paraformer-8k-v2" in message
    assert "not resampled" in message


def test_size_and_duration_limits() -> None:
    big = _media(size_bytes=2 * 1024**3 + 1)
    [message] = _refusals("paraformer-v2", big)
    assert message.startswith(
        "call 1.wav: the file is 2.00 GB; the service takes files up to 2.00 GB"
    )
    long = _media(duration_ms=13 * 3600_000)
    [message] = _refusals("fun-asr", long)
    assert "13 h 00 min long; fun-asr takes at most 12 h 00 min per file" in message
    assert "sensevoice-v1, which has no length limit" in message
    assert _refusals("sensevoice-v1", long) == []


def test_unaccepted_container_no_audio_and_missing_channels() -> None:
    [message] = _refusals("paraformer-v2", _media(container="aiff", format=None, path="a.aiff"))
    assert message.startswith("a.aiff: the service does not accept aiff files (it takes aac, amr,")
    assert 'ffmpeg -i "a.aiff" "a.flac"' in message
    [message] = _refusals(
        "paraformer-v2", _media(audio_codec=None, sample_rate=None, channels=None)
    )
    assert message == "call 1.wav: the file has no audio track, so there is nothing to transcribe"
    [message] = _refusals("paraformer-v2", _media(channels=2), channel_ids=[0, 2])
    assert "has these audio channels: 0, 1; channel 2 does not exist" in message


def test_every_problem_is_reported_at_once() -> None:
    media = _media(size_bytes=3 * 1024**3, duration_ms=20 * 3600_000, sample_rate=44100)
    assert len(_refusals("paraformer-8k-v2", media, channel_ids=[1])) == 4


def test_unknown_facts_are_not_held_against_the_file() -> None:
    assert _refusals("paraformer-8k-v2", _media(sample_rate=None, duration_ms=None)) == []
