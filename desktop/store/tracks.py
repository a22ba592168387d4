"""Cue tracks in the library: each item's named subtitle tracks, every save a new version.

Tracks are stored like transcript edits (``Library.save_transcript``): a
save writes the whole track as a new version row, the newest is current, and
a short history is kept for recovery (``prune_versions``). Every stored cue
has a key (``TrackCue.key``, what its translations are stored under): a
track saved without one gets one, and a track stored before keys existed
reads back with keys made from its id and the cue's place, the same on every
load until a save keeps them. The table row
holds what a list shows (name, preset, cue and stale counts) so listing the
tracks of an item never decodes one.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from msgspec.structs import replace

from desktop.domain.cue_track import CueTrack, keyed
from desktop.store import track_codec
from desktop.store.database import LibraryError, transaction
from desktop.store.track_codec import TRACK_FORMAT

# Versions kept per track besides the newest few: the autosave of an afternoon's edits.
KEEP_VERSIONS = 20


class TrackNotFoundError(LookupError):
    def __init__(self, item_id: int, name: str) -> None:
        super().__init__(item_id, name)
        self.item_id, self.name = item_id, name

    def __str__(self) -> str:
        return (
            f"item {self.item_id} has no subtitle track named {self.name!r};"
            f" see 'tingxie tracks list {self.item_id}'"
        )


class TrackExistsError(ValueError):
    def __init__(self, item_id: int, name: str) -> None:
        super().__init__(item_id, name)
        self.item_id, self.name = item_id, name

    def __str__(self) -> str:
        return (
            f"item {self.item_id} already has a subtitle track named {self.name!r};"
            " choose another --name"
        )


@dataclass(frozen=True)
class TrackInfo:
    id: int
    item_id: int
    name: str
    preset_id: str
    origin: str
    cues: int
    stale: int
    created_at: datetime
    updated_at: datetime


class TrackStore:
    """The ``cue_tracks`` tables, on a library connection (``Library.tracks``)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def create(self, item_id: int, track: CueTrack) -> int:
        """Store a new track for ``item_id``; its name must be new for the item."""
        track = keyed(track)
        now = _now()
        with transaction(self._conn) as conn:
            if conn.execute("SELECT 1 FROM items WHERE id = ?", (item_id,)).fetchone() is None:
                from desktop.store.library import ItemNotFoundError

                raise ItemNotFoundError(item_id)
            try:
                cursor = conn.execute(
                    "INSERT INTO cue_tracks (item_id, name, preset_id, origin, cues, stale,"
                    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (item_id, track.name, track.preset_id, track.origin, len(track.cues),
                     track.stale_count, now, now),
                )  # fmt: skip
            except sqlite3.IntegrityError:
                raise TrackExistsError(item_id, track.name) from None
            track_id = cursor.lastrowid
            assert track_id is not None
            self._insert_version(track_id, track, now)
        return track_id

    def save(self, track_id: int, track: CueTrack) -> None:
        """Store an edited track as its new current version."""
        track = keyed(track)
        now = _now()
        with transaction(self._conn) as conn:
            updated = conn.execute(
                "UPDATE cue_tracks SET preset_id = ?, cues = ?, stale = ?, updated_at = ?"
                " WHERE id = ?",
                (track.preset_id, len(track.cues), track.stale_count, now, track_id),
            )
            if updated.rowcount == 0:
                raise LibraryError(f"subtitle track {track_id} was deleted; save it under a name")
            self._insert_version(track_id, track, now)

    def rename(self, track_id: int, name: str) -> None:
        with transaction(self._conn) as conn:
            row = conn.execute(
                "SELECT item_id FROM cue_tracks WHERE id = ?", (track_id,)
            ).fetchone()
            if row is None:
                raise LibraryError(f"subtitle track {track_id} was deleted")
            try:
                conn.execute("UPDATE cue_tracks SET name = ? WHERE id = ?", (name, track_id))
            except sqlite3.IntegrityError:
                raise TrackExistsError(int(row[0]), name) from None

    def delete(self, track_id: int) -> None:
        with transaction(self._conn) as conn:
            conn.execute("DELETE FROM cue_tracks WHERE id = ?", (track_id,))

    def prune_versions(self, track_id: int, keep: int = KEEP_VERSIONS) -> int:
        """Forget all but the newest ``keep`` versions; returns how many were deleted."""
        with transaction(self._conn) as conn:
            cursor = conn.execute(
                "DELETE FROM cue_track_versions WHERE track_id = ? AND id NOT IN"
                " (SELECT id FROM cue_track_versions WHERE track_id = ? ORDER BY id DESC LIMIT ?)",
                (track_id, track_id, max(1, keep)),
            )
            return cursor.rowcount

    def tracks(self, item_id: int) -> list[TrackInfo]:
        """The item's tracks, oldest first."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM cue_tracks WHERE item_id = ? ORDER BY id", (item_id,)
        ).fetchall()
        return [_info(row) for row in rows]

    def find(self, item_id: int, name: str) -> TrackInfo:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM cue_tracks WHERE item_id = ? AND name = ?", (item_id, name)
        ).fetchone()
        if row is None:
            raise TrackNotFoundError(item_id, name)
        return _info(row)

    def load(self, track_id: int) -> CueTrack:
        """The newest version of the track, under its current name."""
        row = self._conn.execute(
            "SELECT t.name, v.format, v.data FROM cue_tracks t JOIN cue_track_versions v"
            " ON v.track_id = t.id WHERE t.id = ? ORDER BY v.id DESC LIMIT 1",
            (track_id,),
        ).fetchone()
        if row is None:
            raise LibraryError(f"subtitle track {track_id} does not exist (deleted?)")
        name, fmt, data = row
        if fmt != TRACK_FORMAT:
            raise LibraryError(
                f"subtitle track {name!r} was saved by a newer Tingxie (format {fmt}); update"
                " Tingxie"
            )
        track = keyed(track_codec.decode(data), fallback=f"t{track_id}")
        return track if track.name == name else replace(track, name=name)

    def versions(self, track_id: int) -> list[tuple[int, datetime]]:
        """(version id, saved at) of every stored version, oldest first."""
        rows = self._conn.execute(
            "SELECT id, created_at FROM cue_track_versions WHERE track_id = ? ORDER BY id",
            (track_id,),
        ).fetchall()
        return [(int(i), datetime.fromisoformat(at)) for i, at in rows]

    def _insert_version(self, track_id: int, track: CueTrack, now: str) -> None:
        self._conn.execute(
            "INSERT INTO cue_track_versions (track_id, format, created_at, data)"
            " VALUES (?, ?, ?, ?)",
            (track_id, TRACK_FORMAT, now, track_codec.encode(track)),
        )


_COLUMNS = "id, item_id, name, preset_id, origin, cues, stale, created_at, updated_at"


def _info(row: tuple[object, ...]) -> TrackInfo:
    *head, created, updated = row
    return TrackInfo(
        *head,  # type: ignore[arg-type]
        created_at=datetime.fromisoformat(str(created)),
        updated_at=datetime.fromisoformat(str(updated)),
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
