"""Media times and lengths as people read and type them: ``m:ss``, ``h:mm:ss.mmm``.

One module for every view (window, command line), so that no editor module
imports a widget to format a time.
"""

from __future__ import annotations

import re


def duration_text(ms: float | None) -> str:
    """``1:02:03`` or ``2:03``; blank when unknown.

    One rule for every length and every clock: whole seconds are cut, never rounded,
    so a 19.6 s file reads 0:19 in the queue, the library and on the player's clock
    when it reaches the end (rounding gave 0:20 beside the player's 0:19).
    """
    if ms is None:
        return ""
    return format_time(int(ms))


def format_time(ms: int, *, millis: bool = False) -> str:
    """``m:ss`` (``h:mm:ss`` past an hour), with ``.mmm`` if asked."""
    ms = max(0, ms)
    seconds, rest = divmod(ms, 1000)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    text = f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"
    return f"{text}.{rest:03}" if millis else text


_TIME = re.compile(r"^\s*(?:(\d+):)?(?:(\d+):)?(\d+)(?:[.,](\d{1,3}))?\s*$")


def parse_time(text: str) -> int:
    """``h:mm:ss.mmm``, ``m:ss.mmm`` or ``ss.mmm`` to milliseconds; ValueError otherwise."""
    match = _TIME.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a time; type it like 1:02.345")
    first, second, seconds, fraction = match.groups()
    hours, minutes = (int(first), int(second)) if second is not None else (0, int(first or 0))
    millis = int((fraction or "0").ljust(3, "0"))
    if int(seconds) >= 60 and (first is not None):
        raise ValueError(f"{text!r}: seconds must be below 60")
    return ((hours * 60 + minutes) * 60 + int(seconds)) * 1000 + millis


def clock_text(ms: int) -> str:
    """A playhead position with tenths, ``0:02.3``, so a seek to a word can be seen."""
    ms = max(0, ms)
    return f"{format_time(ms)}.{ms % 1000 // 100}"
