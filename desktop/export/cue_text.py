"""Making arbitrary text safe inside SRT and WebVTT cues.

Recognised text can contain anything a hostile or broken result file puts in
it. Readers split cues at blank lines, take ``-->`` for a timing line, a lone
number for a cue index, ``<i>``/``{\\an8}`` for markup and ``\\N`` for a line
break. Each writer therefore gets text in which none of these can occur, and
the changes are the smallest visible ones: a markup character becomes its
full-width twin (``<b>`` → ``＜b>``), ``-->`` becomes ``->`` and the colons
of a cue-time look-alike become ratio signs (``00∶00∶01,000``).
"""

from __future__ import annotations

import re

from desktop.domain.text_cleaning import clean_line

_ARROW = re.compile(r"-{2,}>")
# ASS-style escapes that pysubs2 and ffmpeg turn into line breaks and hard spaces.
_ASS_ESCAPE = re.compile(r"\\(?=[Nnh])")
# An HTML-like tag opener that SRT readers interpret (ffmpeg even takes "< b & c >" as bold).
_SRT_TAG = re.compile(r"<(?=\s*/?\s*[A-Za-z])")
_DIGITS_ONLY = re.compile(r"\s*\d+\s*")
# Something a lenient reader takes for a cue time (pysubs2 treats any line with two
# of these as a timing line, with or without "-->").
_TIMESTAMP_LIKE = re.compile(r"\d{1,4}:\d{1,2}(?::\d{1,2})?[.,]\d{1,3}")


def srt_text(lines: tuple[str, ...]) -> str:
    """Cue text for SRT: markup neutralised, no ``-->``, no blank or lone-number lines."""
    out: list[str] = []
    for line in lines:
        line = _ARROW.sub("->", _plain(line))
        line = _SRT_TAG.sub("＜", line).replace("{", "｛").replace("}", "｝")
        _append_line(out, line)
    return "\n".join(out)


def vtt_text(lines: tuple[str, ...], speaker: str | None = None) -> str:
    """Cue text for WebVTT: ``&``, ``<`` and ``>`` escaped, speaker as a ``<v>`` voice tag."""
    out: list[str] = []
    for line in lines:
        _append_line(out, _escape_vtt(_plain(line)))
    if out and speaker:
        name = _escape_vtt(_plain(speaker))
        if name:
            out[0] = f"<v {name}>{out[0]}"
    return "\n".join(out)


def _plain(text: str) -> str:
    """One clean line with nothing a reader could take for a line break or a cue time."""
    line = _ASS_ESCAPE.sub("＼", clean_line(text))
    return _TIMESTAMP_LIKE.sub(lambda m: m.group().replace(":", "∶"), line)


def _escape_vtt(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _append_line(out: list[str], line: str) -> None:
    """Add a line, dropping empty ones; a digits-only line joins the previous one.

    A lone number under other text reads as the next cue's index to lenient
    SRT readers (pysubs2 drops it), so it stays on the line above.
    """
    if not line:
        return
    if out and _DIGITS_ONLY.fullmatch(line):
        out[-1] = f"{out[-1]} {line}"
    else:
        out.append(line)


def ass_text(lines: tuple[str, ...]) -> str:
    """Cue text for ASS: ``\\N`` between lines; backslashes and braces (tags) neutralised."""
    out: list[str] = []
    for line in lines:
        line = clean_line(line).replace("\\", "＼").replace("{", "｛").replace("}", "｝")
        if line:
            out.append(line)
    return r"\N".join(out)


def ass_field(text: str) -> str:
    """A style or actor name for ASS: one line and no commas, which separate the fields."""
    return clean_line(text).replace(",", "，")
