"""Subtitle files imported as library items or as cue tracks of an item (see ``formats``)."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.cue_track import CueTrack, default_preset_id, imported_track, unique_name
from desktop.domain.timecode import FrameRate
from desktop.formats.errors import FileFormatError
from desktop.formats.subtitle_file import read_subtitle_cues, read_subtitle_file
from desktop.store.imports import ImportFailedError, default_title
from desktop.store.library import Library
from desktop.store.tracks import TrackExistsError


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


def import_track_file(
    library: Library,
    item_id: int,
    path: Path,
    *,
    name: str | None = None,
    preset_id: str | None = None,
    rate: FrameRate | None = None,
) -> CueTrack:
    """Add a subtitle file's cues to item ``item_id`` as a new track, exactly as the file has them.

    The track is named after the file unless ``name`` is given (a taken name
    gets a number); its preset is the Netflix one for the text's script
    unless ``preset_id`` is given. Returns the stored track.
    """
    library.item(item_id)  # a missing item fails before the file is read
    try:
        cues = read_subtitle_cues(path)
    except FileFormatError as error:
        raise ImportFailedError(str(error)) from None
    taken = [t.name for t in library.tracks.tracks(item_id)]
    wanted = name or path.stem
    if name is not None and name in taken:
        raise TrackExistsError(item_id, name)
    track = imported_track(
        cues, unique_name(wanted, taken), preset_id or default_preset_id(cues), rate
    )
    library.tracks.create(item_id, track)
    return track
