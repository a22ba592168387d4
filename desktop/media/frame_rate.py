"""The video's frame rate, read from the media with PyAV (never assumed to be 24 fps).

A container states the rate as a fraction (``24000/1001``); it is mapped to
the standard rate it is (23.976, 25, 29.97, 59.94…) so frame rules and
timecode count frames exactly. 29.97 and 59.94 use drop-frame timecode
unless the file's own timecode tag says otherwise (``00:00:00:00`` with
colons only is non-drop). Audio-only files, and cover art in an audio file,
have no frame rate.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av

from desktop.domain.timecode import FrameRate, rate_of


def read_frame_rate(media: Path) -> FrameRate | None:
    """The frame rate of the first real video stream of ``media``; None without video.

    Raises ``OSError`` (``av.FFmpegError`` is one) when the file cannot be opened.
    """
    with av.open(str(media)) as container:
        for stream in container.streams.video:
            if stream.disposition & av.stream.Disposition.attached_pic:
                continue
            rate = stream.average_rate or stream.guessed_rate or stream.base_rate
            if not rate:
                return None
            tag = stream.metadata.get("timecode") or container.metadata.get("timecode")
            drop = None if not tag else ";" in tag or "." in tag
            return rate_of(Fraction(rate.numerator, rate.denominator), drop_frame=drop)
    return None
