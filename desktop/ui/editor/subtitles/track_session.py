"""One open cue track: its current cues, the undo history, and autosave.

Like ``editor.session`` for the transcript: every cue operation runs on the
immutable track and the previous and new tracks become one undo command, so
every operation is one undoable step by construction. Saves go to a
``TrackAutosaver`` (its own thread and library connection) a moment after the
first change, and at close; its reports come back through ``GuiDelivery``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.domain.cue_editing import changed_span
from desktop.domain.cue_track import CueTrack
from desktop.domain.editing import EditError
from desktop.store.autosave import TrackAutosaver
from desktop.store.library import LibraryFile
from desktop.ui.util.background import GuiDelivery

DEBOUNCE_MS = 1000


def _same(a: CueTrack, b: CueTrack) -> bool:
    """Equal tracks, compared by the cues an edit touched (``==`` would walk 20 000 cues)."""
    first, removed, added = changed_span(a, b)
    if removed or added:
        return a.cues[first : first + removed] == b.cues[first : first + added]
    return (a.name, a.preset_id, a.origin, a.rate) == (b.name, b.preset_id, b.origin, b.rate)


class _TrackCommand(QUndoCommand):
    def __init__(self, session: TrackSession, before: CueTrack, after: CueTrack, text: str) -> None:
        super().__init__(text)
        self._session, self._before, self._after = session, before, after

    def redo(self) -> None:
        self._session._set(self._after)

    def undo(self) -> None:
        self._session._set(self._before)


class TrackSession(QObject):
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
        super().__init__(parent)
        self.track_id = track_id
        self._track = track
        self.undo_stack = QUndoStack(self)
        self._submitted: CueTrack | None = track
        self._saved: CueTrack | None = track
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.save_now)
        self._reports = deliver = GuiDelivery(self)
        self._autosaver = TrackAutosaver(
            library.path,
            on_saved=lambda _id, saved: deliver(self._on_saved, saved),
            on_error=lambda _id, error: deliver(self._on_failed, str(error)),
        )

    @property
    def track(self) -> CueTrack:
        return self._track

    @property
    def has_unsaved_changes(self) -> bool:
        return self._saved is not self._track

    def apply(self, description: str, operation: Callable[[CueTrack], CueTrack]) -> bool:
        """Run a cue operation as one undo step; False (and ``problem``) if refused."""
        try:
            after = operation(self._track)
        except EditError as error:
            self.problem.emit(str(error))
            return False
        if after is self._track or _same(after, self._track):
            return False
        self.undo_stack.push(_TrackCommand(self, self._track, after, description))
        return True

    def replace_quietly(self, track: CueTrack) -> None:
        """Take ``track`` (stale marks after a transcript edit) without an undo step of its own.

        The marks follow the transcript, whose own undo brings them back; the
        subtitler's undo history stays theirs.
        """
        if track is not self._track:
            self._set(track)

    def _set(self, track: CueTrack) -> None:
        self._track = track
        if not self._timer.isActive():
            self._timer.start()
        self.save_state.emit(self.tr("Edited"))
        self.changed.emit(track)

    # -- saving ----------------------------------------------------------------

    def save_now(self) -> None:
        self._timer.stop()
        if self._submitted is self._track or self._closed:
            return
        self._submitted = self._track
        self.save_state.emit(self.tr("Saving…"))
        self._autosaver.submit(self.track_id, self._track)

    def flush(self, timeout: float | None = 30.0) -> bool:
        """Save now and wait for it: what closing the editor or switching tracks does."""
        self.save_now()
        done = self._autosaver.flush(timeout)
        failed = self._autosaver.error(self.track_id) is not None
        if done and not failed:
            self._saved = self._submitted
        return done and not failed

    def close(self, *, discard: bool = False) -> bool:
        """Save and stop; False (still open) if saving failed, unless told to discard."""
        if self._closed:
            return True
        done = self.flush()
        if done or discard:
            self._closed = True
            self._autosaver.close(timeout=5 if discard else 30)
            if not self._autosaver.is_running():
                self._reports.close()
        return done

    def last_save_error(self) -> str | None:
        error = self._autosaver.error(self.track_id)
        return None if error is None else str(error)

    def _on_saved(self, saved: CueTrack) -> None:
        self._saved = saved
        if saved is self._track:
            self.save_state.emit(self.tr("All changes saved"))

    def _on_failed(self, message: str) -> None:
        self._submitted = None
        self.save_state.emit(self.tr("Not saved"))
        self.problem.emit(self.tr("Saving the subtitle track failed: {0}").format(message))
