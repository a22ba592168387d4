"""Text as one clean line: what every writer and every list shows of recognised text.

Result files can carry anything in their text fields; a title or a sentence that
contains a line break, a control character or a BOM must not break a table
row, a subtitle cue or a terminal.
"""

from __future__ import annotations

import re

# Everything that ends a line in some reader: CR, LF, VT, FF, NEL, LS, PS.
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")
# C0/C1 controls and DEL (tabs become spaces first), and the BOM (zero-width no-break space).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ufff9-\ufffb]")
_SPACES = re.compile(r"[ \t]+")


def clean_line(text: str) -> str:
    """One line of plain text: no controls, no line breaks, single spaces, no BOM."""
    text = _LINE_BREAKS.sub(" ", text).replace("\t", " ")
    text = _CONTROLS.sub("", text)
    return _SPACES.sub(" ", text).strip()
