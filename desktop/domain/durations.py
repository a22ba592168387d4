"""Lengths of audio as people read them, for every view (window, command line)."""

from __future__ import annotations


def duration_text(ms: float | None) -> str:
    """``1:02:03`` or ``2:03``; blank when unknown."""
    if ms is None:
        return ""
    seconds = round(ms / 1000)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"
