"""The emulator's pseudo-translation: deterministic, Latin, and reversible.

A test must be able to tell which source cue each translated line came from,
so the "translation" is an encoding: every wide (CJK) character becomes the
word ``z`` + its code point in the letters ``a``–``p`` (one per hex digit),
followed by a space; ASCII letters swap case; everything else stays. Glossary
terms are put in verbatim (that part is not reversible, on purpose: a test sees
the term's translation in the output). ``source_of`` undoes the encoding.

``"你好"`` → ``"zepga zfpfn"``; ``"Hello"`` → ``"hELLO"``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from desktop.domain.transcript import is_wide

_HEX = "0123456789abcdef"
_LETTERS = "abcdefghijklmnop"
_ENCODED = re.compile(r"z([a-p]{4,5})(?: |$)")


def _encode_char(char: str) -> str:
    digits = f"{ord(char):04x}"
    return "z" + "".join(_LETTERS[_HEX.index(d)] for d in digits) + " "


def _encode(text: str) -> str:
    out = []
    for char in text:
        if is_wide(char):
            out.append(_encode_char(char))
        else:
            out.append(_swap_ascii(char))
    return "".join(out)


def _swap_ascii(text: str) -> str:
    return "".join(c.swapcase() if c.isascii() else c for c in text)


def translate(text: str, terms: Sequence[tuple[str, str]] = ()) -> str:
    """The pseudo-translation of one line; ``terms`` (source, target) are put in verbatim."""
    pieces = [text]
    for source, target in sorted(terms, key=lambda t: -len(t[0])):
        if not source:
            continue
        split: list[str] = []
        for index, piece in enumerate(pieces):
            if index % 2:  # already a term
                split.append(piece)
                continue
            parts = piece.split(source)
            for n, part in enumerate(parts):
                if n:
                    split.append(target)
                split.append(part)
        pieces = split
    out = "".join(p if i % 2 else _encode(p) for i, p in enumerate(pieces))
    return out.rstrip(" ") if text and not text.endswith(" ") else out


def source_of(translated: str) -> str:
    """The text ``translate`` was given (without terms)."""
    out: list[str] = []
    position = 0
    for match in _ENCODED.finditer(translated):
        out.append(_swap_ascii(translated[position : match.start()]))
        code = "".join(_HEX[_LETTERS.index(c)] for c in match.group(1))
        out.append(chr(int(code, 16)))
        position = match.end()
    out.append(_swap_ascii(translated[position:]))
    return "".join(out)
