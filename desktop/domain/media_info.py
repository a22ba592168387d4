"""What the app knows about a media file before sending it: the facts the rules check."""

from __future__ import annotations

import msgspec


class MediaInfo(msgspec.Struct, frozen=True):
    """Probed facts of one local file (``desktop.media.probe`` fills it in).

    ``format`` is the service's name for the container (``"m4a"``, ``"opus"``)
    or ``None`` when the service does not accept the container at all.
    """

    path: str
    size_bytes: int
    container: str
    format: str | None
    audio_codec: str | None
    sample_rate: int | None
    channels: int | None
    duration_ms: int | None
    has_video: bool

    @property
    def name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]
