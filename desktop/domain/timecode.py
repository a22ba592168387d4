"""Frame rates, frames and SMPTE timecode (``hh:mm:ss:ff``, drop-frame ``hh:mm:ss;ff``).

Subtitles are timed in milliseconds, but a subtitler thinks in frames: rules
say "2 frames" and "12 frames", edges step one frame at a time, and delivery
specs want SMPTE timecode. The rate is an exact fraction (29.97 is
30000/1001, not 29.97), read from the media (``media.frame_rate``); a float
would put every edge of a 12-hour film a frame off.

Drop-frame (29.97 and 59.94 only) skips the frame *labels* ;00 and ;01 (;00–;03
at 59.94) at the start of every minute except each tenth, so the label stays
on the wall clock; no frame is dropped. 23.976 has no drop-frame: its labels
count 24 per second and run 0.1 % behind the clock, so every conversion goes
through frame counts, never through the label read as a clock time. The
formulas follow FFmpeg's ``libavutil/timecode.c`` (see
``shared/docs/subtitle-conventions.md`` §3, which checked them on every frame
of 24 hours).
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

import msgspec


class TimecodeError(ValueError):
    """A timecode that cannot be read at this frame rate; the message says how to type it."""


class FrameRate(msgspec.Struct, frozen=True, array_like=True):
    """``numerator / denominator`` frames per second; ``drop_frame`` labels (29.97, 59.94)."""

    numerator: int
    denominator: int = 1
    drop_frame: bool = False

    def __post_init__(self) -> None:
        if self.numerator <= 0 or self.denominator <= 0:
            raise ValueError(
                f"a frame rate must be positive, got {self.numerator}/{self.denominator}"
            )
        if self.drop_frame and not self.can_drop_frame:
            raise ValueError(f"drop-frame timecode needs 29.97 or 59.94 fps, not {self.fps:.3f}")

    @property
    def fps(self) -> float:
        return self.numerator / self.denominator

    @property
    def nominal(self) -> int:
        """Frame labels per second: 30 for 29.97, 24 for 23.976."""
        return round(self.fps)

    @property
    def can_drop_frame(self) -> bool:
        return self.denominator == 1001 and self.numerator in (30000, 60000)

    @property
    def frame_ms(self) -> float:
        return 1000 * self.denominator / self.numerator

    def label(self) -> str:
        """``23.976``, ``25``, ``29.97 DF``: how a person names the rate."""
        text = f"{self.fps:.3f}".rstrip("0").rstrip(".")
        return f"{text} DF" if self.drop_frame else text


FPS_23_976 = FrameRate(24000, 1001)
FPS_24 = FrameRate(24)
FPS_25 = FrameRate(25)
FPS_29_97_DF = FrameRate(30000, 1001, drop_frame=True)
FPS_29_97 = FrameRate(30000, 1001)
FPS_30 = FrameRate(30)
FPS_50 = FrameRate(50)
FPS_59_94_DF = FrameRate(60000, 1001, drop_frame=True)
FPS_59_94 = FrameRate(60000, 1001)
FPS_60 = FrameRate(60)
STANDARD_RATES = (FPS_23_976, FPS_24, FPS_25, FPS_29_97, FPS_30, FPS_50, FPS_59_94, FPS_60)


def rate_of(value: Fraction | float, *, drop_frame: bool | None = None) -> FrameRate:
    """The standard rate ``value`` is (23.976 for 23.98 or 2997/125), else the exact fraction.

    ``drop_frame`` None: drop-frame labels for 29.97 and 59.94, as broadcast uses them.
    """
    exact = Fraction(value).limit_denominator(1001)
    for rate in STANDARD_RATES:
        if abs(float(exact) - rate.fps) < 0.0015 * rate.fps / 30:
            wants_drop = rate.can_drop_frame if drop_frame is None else drop_frame
            return FrameRate(rate.numerator, rate.denominator, wants_drop and rate.can_drop_frame)
    return FrameRate(exact.numerator, exact.denominator)


def ms_to_frame(ms: float, rate: FrameRate) -> int:
    """The frame showing at ``ms`` (the nearest frame start)."""
    return math.floor(ms * rate.numerator / (1000 * rate.denominator) + 0.5)


def frame_to_ms(frame: int, rate: FrameRate) -> int:
    """The start of ``frame`` in whole milliseconds (rounded to the nearest)."""
    return math.floor(frame * 1000 * rate.denominator / rate.numerator + 0.5)


def snap_to_frame(ms: int, rate: FrameRate) -> int:
    """``ms`` moved to the start of the nearest frame: where a video edit can put an edge."""
    return frame_to_ms(ms_to_frame(ms, rate), rate)


def step_frames(ms: int, frames: int, rate: FrameRate) -> int:
    """``ms`` snapped to its frame, then moved by ``frames`` (negative: back); never below 0."""
    return max(0, frame_to_ms(ms_to_frame(ms, rate) + frames, rate))


def format_timecode(ms: int, rate: FrameRate) -> str:
    """``hh:mm:ss:ff``, or ``hh:mm:ss;ff`` in drop-frame; hours run past 24 for long files."""
    frame = ms_to_frame(max(ms, 0), rate)
    fps = rate.nominal
    if rate.drop_frame:
        frame = _drop_frame_label(frame, fps)
    hours, rest = divmod(frame, fps * 3600)
    minutes, rest = divmod(rest, fps * 60)
    seconds, frames = divmod(rest, fps)
    separator = ";" if rate.drop_frame else ":"
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{frames:02d}"


_TIMECODE = re.compile(r"^\s*(\d{1,3}):(\d{2}):(\d{2})([:;.,])(\d{2,3})\s*$")


def parse_timecode(text: str, rate: FrameRate) -> int:
    """Milliseconds of the frame a timecode names; ``;`` (or ``.``/``,``) means drop-frame.

    Labels drop-frame skips (``00:01:00;00``) and frame numbers past the rate
    are refused with what to type instead.
    """
    match = _TIMECODE.match(text)
    if match is None:
        raise TimecodeError(f"{text!r} is not a timecode; type it like 01:02:03:04 (hh:mm:ss:ff)")
    hours, minutes, seconds, separator, frames = match.groups()
    hh, mm, ss, ff = int(hours), int(minutes), int(seconds), int(frames)
    fps = rate.nominal
    if mm >= 60 or ss >= 60:
        raise TimecodeError(f"{text!r}: minutes and seconds must be below 60")
    if ff >= fps:
        raise TimecodeError(f"{text!r}: at {rate.label()} fps frames run from 00 to {fps - 1:02d}")
    drop = separator != ":"
    if drop and not rate.can_drop_frame:
        raise TimecodeError(
            f"{text!r}: drop-frame (';') exists only at 29.97 and 59.94 fps;"
            f" at {rate.label()} fps write {hours}:{minutes}:{seconds}:{frames}"
        )
    frame = (hh * 3600 + mm * 60 + ss) * fps + ff
    if drop:
        skipped = fps // 15
        if mm % 10 and ss == 0 and ff < skipped:
            raise TimecodeError(
                f"{text!r} is a label drop-frame skips; the minute starts at"
                f" {hours}:{minutes}:00;{skipped:02d}"
            )
        total_minutes = 60 * hh + mm
        frame -= skipped * (total_minutes - total_minutes // 10)
    return frame_to_ms(frame, rate)


def _drop_frame_label(frame: int, fps: int) -> int:
    """The frame number as drop-frame counts it (labels skipped added back)."""
    drop = fps // 15
    per_ten_minutes = 17982 * fps // 30
    tens, rest = divmod(frame, per_ten_minutes)
    return frame + 9 * drop * tens + drop * (max(rest - drop, 0) // (per_ten_minutes // 10))
