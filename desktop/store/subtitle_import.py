"""Subtitle files imported as library items: the reading is ``formats.subtitle_file``."""

from __future__ import annotations

from pathlib import Path

from desktop.formats.errors import FileFormatError
from desktop.formats.subtitle_file import read_subtitle_file
from desktop.store.imports import ImportFailedError, default_title
from desktop.store.library import Library


def import_subtitle_file(
    library: Library, path: Path, *, media: Path | None = None, title: str | None = None
) -> int:
    """Add a subtitle file (and the media it belongs to) as a library item to correct."""
    if media is not None and not media.is_file():
        raise ImportFailedError(f"{media}: media file not found; check the --media path")
    try:
        raw, transcript = read_subtitle_file(path, media)
    except FileFormatError as error:
        raise ImportFailedError(str(error)) from None
    return library.add_item(
        raw=raw,
        source=str(path.resolve()),
        transcript=transcript,
        title=title or default_title(transcript, path, media),
        model=None,
        media_path=str(media.resolve()) if media else None,
    )
