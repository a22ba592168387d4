"""Whether a probed file can go to a model: every refusal before any upload or cost.

Each message names the file, says what is wrong in the user's terms, and says
what to do instead (another model, a conversion command, a split).
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.domain import catalog
from desktop.domain.catalog import ModelSpec
from desktop.domain.media_info import MediaInfo


def refusals(
    spec: ModelSpec,
    media: MediaInfo,
    channel_ids: Sequence[int] = (0,),
    language: str | None = None,
) -> list[str]:
    """Every reason ``media`` cannot be transcribed by ``spec``; empty when it can."""
    problems = [
        _format(media),
        _audio(media),
        _size(spec, media),
        _duration(spec, media),
        _sample_rate(spec, media, language),
        _channels(media, channel_ids),
    ]
    return [p for p in problems if p]


def _format(media: MediaInfo) -> str | None:
    if media.format is not None:
        return None
    accepted = ", ".join(sorted(catalog.ACCEPTED_FORMATS))
    stem = media.name.rsplit(".", 1)[0]
    return (
        f"{media.name}: the service does not accept {media.container} files (it takes {accepted});"
        f' convert it first, e.g. ffmpeg -i "{media.name}" "{stem}.flac"'
    )


def _audio(media: MediaInfo) -> str | None:
    if media.format is None or media.audio_codec is not None:
        return None
    return f"{media.name}: the file has no audio track, so there is nothing to transcribe"


def _size(spec: ModelSpec, media: MediaInfo) -> str | None:
    if media.size_bytes <= spec.max_file_bytes:
        return None
    return (
        f"{media.name}: the file is {_gb(media.size_bytes)}; the service takes files up to"
        f" {_gb(spec.max_file_bytes)}. Split it, or re-encode the audio alone"
        f' (ffmpeg -i "{media.name}" -vn -ac 1 -b:a 64k out.m4a)'
    )


def _duration(spec: ModelSpec, media: MediaInfo) -> str | None:
    limit = spec.max_duration_ms
    if limit is None or media.duration_ms is None or media.duration_ms <= limit:
        return None
    unlimited = [m.name for m in catalog.models() if m.max_duration_ms is None]
    alternative = f", or use {unlimited[0]}, which has no length limit" if unlimited else ""
    return (
        f"{media.name}: the recording is {_hours(media.duration_ms)} long; {spec.name} takes at"
        f" most {_hours(limit)} per file. Split it into parts{alternative}"
    )


def _sample_rate(spec: ModelSpec, media: MediaInfo, language: str | None) -> str | None:
    rate = media.sample_rate
    if rate is None or spec.sample_rate.accepts(rate):
        return None
    better = catalog.suggest_model(rate, language).model
    if better == spec.name or not catalog.get(better).sample_rate.accepts(rate):
        better = "paraformer-v2"
    return (
        f"{media.name}: the audio is {rate / 1000:g} kHz; {spec.name} takes"
        f" {spec.sample_rate.describe()}. Use {better} for this file"
        + (" (8 kHz audio is best sent as it is, not resampled)" if rate == 8000 else "")
    )


def _channels(media: MediaInfo, channel_ids: Sequence[int]) -> str | None:
    if media.channels is None:
        return None
    missing = [c for c in channel_ids if not 0 <= c < media.channels]
    if not missing:
        return None
    existing = ", ".join(str(c) for c in range(media.channels))
    return (
        f"{media.name}: the file has {media.channels} audio channel(s) ({existing});"
        f" channel {', '.join(map(str, missing))} does not exist. Choose from {existing}"
    )


def _gb(size: int) -> str:
    return f"{size / 1024**3:.2f} GB" if size < 10 * 1024**3 else f"{size / 1024**3:.0f} GB"


def _hours(ms: int) -> str:
    minutes = round(ms / 60000)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"
