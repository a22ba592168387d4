"""CSV of cues: start, end, speaker, text — for spreadsheets and scripts.

Written as UTF-8 *with* a byte order mark: without it Excel reads UTF-8 CSV
as the system code page and shows Chinese as mojibake. A cell that starts
with ``=``, ``+``, ``-``, ``@`` or a tab would run as a formula in Excel and
LibreOffice (CSV injection), so such text gets a leading apostrophe, the
escape both programs honour.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from desktop.domain.subtitles import Cue
from desktop.domain.text_cleaning import clean_line
from desktop.export.plain_text import format_timestamp

HEADER = ("start", "end", "speaker", "text")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_csv(cues: Sequence[Cue]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for cue in sorted(cues, key=lambda c: (c.start_ms, c.end_ms)):
        text = " ".join(line for line in (clean_line(x) for x in cue.lines) if line)
        if not text:
            continue
        writer.writerow(
            (
                format_timestamp(cue.start_ms),
                format_timestamp(cue.end_ms),
                _safe_cell(clean_line(cue.speaker or "")),
                _safe_cell(text),
            )
        )
    return out.getvalue().encode("utf-8-sig")


def _safe_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text
