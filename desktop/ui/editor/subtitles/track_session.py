"""One open cue track: its current cues, the undo history, and autosave.

The editing, undo and saving are ``editor.edit_session.EditSession``'s, as for
the transcript: every cue operation is one undoable step by construction, and
saves go to a ``TrackAutosaver`` (its own thread and library connection) a
moment after the first change, and at close.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.domain.cue_editing import changed_span
from desktop.domain.cue_track import CueTrack
from desktop.store.autosave import TrackAutosaver
from desktop.store.library import LibraryFile
from desktop.ui.editor.edit_session import DEBOUNCE_MS, EditSession

__all__ = ["DEBOUNCE_MS", "TrackSession"]


class TrackSession(EditSession[CueTrack]):
    """The track being edited (stored under ``track_id``), its undo stack and its autosave.

    Signals:
        changed(CueTrack): the track after an edit, an undo or a redo
        problem(str): an edit that could not be made, or a failed save
        save_state(str): what the status bar says about saving
    """

    changed = Signal(CueTrack)
    problem = Signal(str)
    save_state = Signal(str)

    def __init__(
        self,
        track_id: int,
        track: CueTrack,
        *,
        library: LibraryFile,
        debounce_ms: int = DEBOUNCE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(
            track_id, track, TrackAutosaver, library.path, debounce_ms=debounce_ms, parent=parent
        )
        self.track_id = track_id

    @property
    def track(self) -> CueTrack:
        return self._value

    def replace_quietly(self, track: CueTrack) -> None:
        """Take ``track`` (stale marks after a transcript edit) without an undo step of its own.

        The marks follow the transcript, whose own undo brings them back; the
        subtitler's undo history stays theirs.
        """
        if track is not self._value:
            self._set(track)

    def _same(self, after: CueTrack, before: CueTrack) -> bool:
        """Compared by the cues an edit touched (``==`` would walk 20 000 cues)."""
        first, removed, added = changed_span(before, after)
        if removed or added:
            return before.cues[first : first + removed] == after.cues[first : first + added]
        keys = (before.name, before.preset_id, before.origin, before.rate)
        return keys == (after.name, after.preset_id, after.origin, after.rate)

    def _save_failed_text(self, message: str) -> str:
        return self.tr("Saving the subtitle track failed: {0}").format(message)
