"""Reading a media file's facts with PyAV: container, codec, rate, channels, length.

Only headers are read (``av.open`` probes, nothing is decoded), so a 2 GB video
takes milliseconds. The call blocks on disk I/O: the engine and the GUI run it
in a thread (``probe_async``).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import av

from desktop.domain.media_info import MediaInfo
from desktop.domain.messages import say
from desktop.media.file_kind import file_kind

# ffmpeg demuxer name → the service's format names for that container family.
_FAMILIES: dict[str, tuple[str, ...]] = {
    "wav": ("wav",),
    "mp3": ("mp3",),
    "flac": ("flac",),
    "aac": ("aac",),
    "amr": ("amr",),
    "avi": ("avi",),
    "flv": ("flv",),
    "mpeg": ("mpeg",),
    "mov,mp4,m4a,3gp,3g2,mj2": ("mp4", "m4a", "mov"),
    "matroska,webm": ("mkv", "webm"),
    "ogg": ("ogg", "opus"),
    "asf": ("wmv", "wma"),
}


# A WAV header states the codec, rate, channels and data length; ffmpeg's stream
# analysis would still read up to ~5 MB of PCM samples (9-34 ms of CPU per file,
# half of the queue's CPU in a 1000-file batch). Those files are read with the
# analysis cut short; any other container, or an incomplete answer, gets the
# full probe.
_HEADER_ONLY = {"probesize": "32", "analyzeduration": "0"}
_HEADERS_SUFFICE = frozenset({"wav"})


class ProbeError(Exception):
    """The file cannot be read as media; the message names the file and the fix."""


def probe(path: Path) -> MediaInfo:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ProbeError(f"{path}: {error.strerror or error}") from None
    quick = _from_header(path, size)
    if quick is not None:
        return quick
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            return _facts(path, size, container)
    except (av.FFmpegError, UnicodeDecodeError, ValueError) as error:
        raise ProbeError(
            say(
                "{name}: not a readable audio or video file; it is {kind} ({reason})."
                " Check that it plays in a media player, or convert it with ffmpeg",
                name=path.name,
                kind=file_kind(path),
                reason=_reason(error),
            )
        ) from None


def _from_header(path: Path, size: int) -> MediaInfo | None:
    """The facts of a file whose header says everything (a WAV), else ``None``."""
    try:
        with av.open(str(path), metadata_errors="ignore", options=_HEADER_ONLY) as container:
            if container.format.name not in _HEADERS_SUFFICE:
                return None
            facts = _facts(path, size, container)
    except (av.FFmpegError, UnicodeDecodeError, ValueError):
        return None  # the full probe says why
    complete = facts.sample_rate and facts.channels and facts.duration_ms
    return facts if complete else None


async def probe_async(path: Path) -> MediaInfo:
    return await asyncio.to_thread(probe, path)


def _facts(path: Path, size: int, container: av.container.InputContainer) -> MediaInfo:
    audio = container.streams.audio[0] if container.streams.audio else None
    has_video = any(
        s.type == "video" and not s.disposition & av.stream.Disposition.attached_pic
        for s in container.streams
    )
    name = container.format.name
    return MediaInfo(
        path=str(path),
        size_bytes=size,
        container=name,
        format=_service_format(name, path.suffix, has_video, audio),
        audio_codec=audio.codec_context.name if audio else None,
        sample_rate=audio.sample_rate if audio else None,
        channels=audio.channels if audio else None,
        duration_ms=_duration_ms(container, audio),
        has_video=has_video,
    )


def _service_format(
    container: str, suffix: str, has_video: bool, audio: av.audio.stream.AudioStream | None
) -> str | None:
    """The service's name for the file's container, chosen by content, not by extension alone.

    The extension only picks between names of one family (``.m4a`` vs ``.mp4``);
    a renamed file of another family is named for what it really is.
    """
    family = _FAMILIES.get(container)
    if family is None:
        return None
    extension = suffix.lower().lstrip(".")
    if extension in family:
        return extension
    if container == "ogg":
        return "opus" if audio is not None and audio.codec_context.name == "opus" else "ogg"
    if container == "mov,mp4,m4a,3gp,3g2,mj2":
        return "mp4" if has_video else "m4a"
    if container == "asf":
        return "wmv" if has_video else "wma"
    return family[0]


def _duration_ms(
    container: av.container.InputContainer, audio: av.audio.stream.AudioStream | None
) -> int | None:
    if container.duration is not None and container.duration > 0:
        return round(container.duration / 1000)  # AV_TIME_BASE is microseconds
    if audio is not None and audio.duration is not None and audio.time_base is not None:
        return round(float(audio.duration * audio.time_base) * 1000)
    return None


def _reason(error: Exception) -> str:
    text = getattr(error, "strerror", None) or str(error)
    return text.split(":", 1)[0] if text.startswith("[Errno") else text
