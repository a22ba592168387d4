"""What a file really is when it is not media, said in words ("a text file").

A file named ``talk.mp3`` that holds text is refused by the probe; the person
is told what the file actually holds, so the mistake is plain (a renamed
transcript, a download that saved an error page). Only the first bytes are read.
"""

from __future__ import annotations

from pathlib import Path

from desktop.domain.messages import Message, say

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)
_KINDS = tuple(say(text) for _magic, text in _MAGIC)
_EMPTY = say("an empty file")
_TEXT = say("a text file")
_HTML = say("a web page (HTML)")
_UNKNOWN = say("data of an unknown kind")


def file_kind(path: Path) -> Message:
    """A short phrase for what ``path`` holds, judged from its first 4 KiB."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return _UNKNOWN
    if not head:
        return _EMPTY
    for (magic, _text), kind in zip(_MAGIC, _KINDS, strict=True):
        if head.startswith(magic):
            return kind
    if b"\0" in head:
        return _UNKNOWN
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # A multi-byte character cut at 4 KiB is still text.
        try:
            text = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return _UNKNOWN
    lowered = text.lstrip().lower()
    if lowered.startswith(("<!doctype html", "<html")):
        return _HTML
    return _TEXT
