"""Whether a probed file can go to a model: every refusal before any upload or cost.

Each message names the file, says what is wrong in the user's terms, and says
what to do instead (another model, a conversion command, a split).
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.domain import catalog
from desktop.domain.catalog import ModelSpec
from desktop.domain.media_info import MediaInfo
from desktop.domain.messages import Message, say


def refusals(
    spec: ModelSpec,
    media: MediaInfo,
    channel_ids: Sequence[int] = (0,),
    language: str | None = None,
) -> list[Message]:
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


def _format(media: MediaInfo) -> Message | None:
    if media.format is not None:
        return None
    accepted = ", ".join(sorted(catalog.ACCEPTED_FORMATS))
    stem = media.name.rsplit(".", 1)[0]
    return say(
        "{name}: the service does not accept {container} files (it takes {accepted});"
        ' convert it first, e.g. ffmpeg -i "{name}" "{stem}.flac"',
        name=media.name,
        container=media.container,
        accepted=accepted,
        stem=stem,
    )


def _audio(media: MediaInfo) -> Message | None:
    if media.format is None or media.audio_codec is not None:
        return None
    return say(
        "{name}: the file has no audio track, so there is nothing to transcribe", name=media.name
    )


def _size(spec: ModelSpec, media: MediaInfo) -> Message | None:
    if media.size_bytes <= spec.max_file_bytes:
        return None
    return say(
        "{name}: the file is {size}; the service takes files up to {limit}."
        ' Split it, or re-encode the audio alone (ffmpeg -i "{name}" -vn -ac 1 -b:a 64k out.m4a)',
        name=media.name,
        size=_gb(media.size_bytes),
        limit=_gb(spec.max_file_bytes),
    )


def _duration(spec: ModelSpec, media: MediaInfo) -> Message | None:
    limit = spec.max_duration_ms
    if limit is None or media.duration_ms is None or media.duration_ms <= limit:
        return None
    unlimited = [m.name for m in catalog.models() if m.max_duration_ms is None]
    args = {
        "name": media.name,
        "length": _hours(media.duration_ms),
        "model": spec.name,
        "limit": _hours(limit),
    }
    if unlimited:
        return say(
            "{name}: the recording is {length} long; {model} takes at most {limit} per file."
            " Split it into parts, or use {other}, which has no length limit",
            other=unlimited[0],
            **args,
        )
    return say(
        "{name}: the recording is {length} long; {model} takes at most {limit} per file."
        " Split it into parts",
        **args,
    )


def _sample_rate(spec: ModelSpec, media: MediaInfo, language: str | None) -> Message | None:
    rate = media.sample_rate
    if rate is None or spec.sample_rate.accepts(rate):
        return None
    better = catalog.suggest_model(rate, language).model
    if better == spec.name or not catalog.get(better).sample_rate.accepts(rate):
        better = "paraformer-v2"
    args = {
        "name": media.name,
        "rate": f"{rate / 1000:g}",
        "model": spec.name,
        "takes": spec.sample_rate.describe(),
        "better": better,
    }
    if rate == 8000:
        return say(
            "{name}: the audio is {rate} kHz; {model} takes {takes}. Use {better} for this file"
            " (8 kHz audio is best sent as it is, not resampled)",
            **args,
        )
    return say(
        "{name}: the audio is {rate} kHz; {model} takes {takes}. Use {better} for this file",
        **args,
    )


def _channels(media: MediaInfo, channel_ids: Sequence[int]) -> Message | None:
    if media.channels is None:
        return None
    missing = [c for c in channel_ids if not 0 <= c < media.channels]
    if not missing:
        return None
    existing = ", ".join(str(c) for c in range(media.channels))
    return say(
        "{name}: the file has these audio channels: {existing}; channel {missing} does not"
        " exist. Choose from {existing}",
        name=media.name,
        existing=existing,
        missing=", ".join(map(str, missing)),
    )


def _gb(size: int) -> str:
    return f"{size / 1024**3:.2f} GB" if size < 10 * 1024**3 else f"{size / 1024**3:.0f} GB"


def _hours(ms: int) -> Message:
    minutes = round(ms / 60000)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return say("{hours} h {minutes} min", hours=hours, minutes=f"{minutes:02d}")
    return say("{minutes} min", minutes=minutes)
