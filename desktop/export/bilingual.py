"""Bilingual and target-only subtitles: the source and its translation share each cue's times.

SRT and WebVTT put one language's lines over the other's in the same cue
(source first, or target first). ASS gives each language its own style, so
sizes and fonts differ: either stacked in one event (the upper language's
lines, then the lower's, switched with ``{\\r}`` to the lower style), or
split, one language at the top of the screen and the other at the bottom.
Everything a reader could misread is made safe by the same helpers as the
single-language writers.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import pysubs2

from desktop.domain.rebreak import rebreak
from desktop.domain.subtitle_presets import Preset
from desktop.domain.subtitles import Cue
from desktop.domain.transcript import is_wide
from desktop.export.cue_text import ass_text
from desktop.export.subtitle_formats import (
    CJK_FONT,
    LATIN_FONT,
    SPEAKER_COLOURS,
    ass_file,
    ass_style,
    ass_time,
    to_ass,
    to_srt,
    to_vtt,
)


@dataclass(frozen=True)
class BilingualCue:
    start_ms: int
    end_ms: int
    source: tuple[str, ...]
    target: tuple[str, ...]  # empty: not translated (refused, or not yet)
    speaker: str | None = None


def pair_cues(
    cues: Sequence[tuple[str, Cue]],
    translations: Mapping[str, str | None],
    *,
    rebreak_for: Preset | None = None,
) -> list[BilingualCue]:
    """A track's cues (key, cue) with their translations (key → text), times from the cue.

    ``rebreak_for``: the target preset; each translation is re-broken for it
    (a stored translation is one line, or a person's own breaks when edited).
    """
    out = []
    for key, cue in cues:
        text = translations.get(key)
        lines = tuple(line for line in (text or "").split("\n") if line.strip())
        if rebreak_for is not None and lines:
            lines = rebreak(lines, rebreak_for)
        out.append(BilingualCue(cue.start_ms, cue.end_ms, cue.lines, lines, cue.speaker))
    return out


def target_cues(cues: Sequence[BilingualCue], *, fallback_to_source: bool = True) -> list[Cue]:
    """Target-only cues; an untranslated cue keeps its source text so no cue vanishes."""
    out: list[Cue] = []
    for cue in cues:
        lines = cue.target or (cue.source if fallback_to_source else ())
        if lines:
            out.append(Cue(cue.start_ms, cue.end_ms, tuple(lines), cue.speaker))
    return out


def _stacked(cues: Sequence[BilingualCue], target_first: bool) -> list[Cue]:
    out = []
    for cue in cues:
        upper, lower = (cue.target, cue.source) if target_first else (cue.source, cue.target)
        out.append(Cue(cue.start_ms, cue.end_ms, (*upper, *lower), cue.speaker))
    return out


def to_bilingual_srt(cues: Sequence[BilingualCue], *, target_first: bool = False) -> bytes:
    return to_srt(_stacked(cues, target_first))


def to_bilingual_vtt(cues: Sequence[BilingualCue], *, target_first: bool = False) -> bytes:
    return to_vtt(_stacked(cues, target_first))


class AssLayout(StrEnum):
    STACKED = "stacked"  # both at the bottom, the upper language over the lower one
    SPLIT = "split"  # the upper language at the top of the screen, the lower at the bottom


@dataclass(frozen=True)
class BilingualAssStyle:
    """Sizes in ASS points at 1080 lines (the single-language export uses 54)."""

    upper_size: float = 54
    lower_size: float = 40
    layout: AssLayout = AssLayout.STACKED
    target_first: bool = False

    def __post_init__(self) -> None:
        for name in ("upper_size", "lower_size"):
            size = getattr(self, name)
            if not 8 <= size <= 200:
                raise ValueError(f"{name} must be between 8 and 200 points, got {size:g}")


UPPER_STYLE = "Upper"
LOWER_STYLE = "Lower"
_TOP_CENTRE, _BOTTOM_CENTRE = 8, 2


def to_bilingual_ass(
    cues: Sequence[BilingualCue], style: BilingualAssStyle | None = None, title: str | None = None
) -> bytes:
    """ASS with a style per language (``Upper`` and ``Lower``), times exact to the centisecond."""
    style = style or BilingualAssStyle()
    ordered = sorted(cues, key=lambda c: (c.start_ms, c.end_ms))
    pairs = [
        (c, *((c.target, c.source) if style.target_first else (c.source, c.target)))
        for c in ordered
    ]
    subs = ass_file(title)
    subs.styles[UPPER_STYLE] = _language_style([u for _, u, _ in pairs], style.upper_size, 0)
    subs.styles[LOWER_STYLE] = _language_style([lo for _, _, lo in pairs], style.lower_size, 1)
    if style.layout is AssLayout.SPLIT:
        subs.styles[UPPER_STYLE].alignment = pysubs2.Alignment(_TOP_CENTRE)
    events: list[str] = []
    for cue, upper, lower in pairs:
        events.extend(_events(cue, ass_text(upper), ass_text(lower), style.layout))
    out = io.StringIO(newline="\n")
    subs.to_file(out, "ass")
    return (out.getvalue() + "".join(events)).encode("utf-8")


def _events(cue: BilingualCue, upper: str, lower: str, layout: AssLayout) -> list[str]:
    times = f"{ass_time(cue.start_ms)},{ass_time(max(cue.end_ms, cue.start_ms + 10))}"
    if layout is AssLayout.SPLIT:
        return [
            f"Dialogue: 0,{times},{name},,0,0,0,,{text}\n"
            for name, text in ((UPPER_STYLE, upper), (LOWER_STYLE, lower))
            if text
        ]
    if upper and lower:
        return [
            f"Dialogue: 0,{times},{UPPER_STYLE},,0,0,0,,{upper}\\N{{\\r{LOWER_STYLE}}}{lower}\n"
        ]
    if upper or lower:
        name = UPPER_STYLE if upper else LOWER_STYLE
        return [f"Dialogue: 0,{times},{name},,0,0,0,,{upper or lower}\n"]
    return []


def _language_style(lines: list[tuple[str, ...]], size: float, colour: int) -> pysubs2.SSAStyle:
    wide = any(is_wide(ch) for cue_lines in lines for line in cue_lines for ch in line)
    made = ass_style(CJK_FONT if wide else LATIN_FONT, SPEAKER_COLOURS[colour])
    made.fontsize = size
    return made


TRANSLATED_FORMATS = ("srt", "vtt", "ass")


def export_translated(
    cues: Sequence[BilingualCue],
    fmt: str,
    *,
    bilingual: bool,
    target_first: bool = False,
    style: BilingualAssStyle | None = None,
    title: str | None = None,
) -> bytes:
    """The bytes of ``tingxie export --language`` (target only) or ``--bilingual``."""
    if fmt not in TRANSLATED_FORMATS:
        raise ValueError(
            f"format {fmt!r} cannot hold a translation; choose one of"
            f" {', '.join(TRANSLATED_FORMATS)}"
        )
    if not bilingual:
        only = target_cues(cues)
        return {"srt": to_srt, "vtt": to_vtt}[fmt](only) if fmt != "ass" else to_ass(only, title)
    if fmt == "ass":
        chosen = style or BilingualAssStyle(target_first=target_first)
        return to_bilingual_ass(cues, chosen, title)
    writer = to_bilingual_srt if fmt == "srt" else to_bilingual_vtt
    return writer(cues, target_first=target_first)
