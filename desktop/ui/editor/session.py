"""One open transcript: its current text, the undo history, and autosave.

Every change goes through ``apply``: the edit runs on the immutable
transcript, and the previous and new values become one undo command, so undo
is swapping values back and every operation is undoable by construction.
The first change after a save starts a short timer (later changes do not
restart it, so a burst of edits cannot postpone saving forever); when it fires
the newest text goes to the background autosaver. A crash loses at most the
edits of that last window. The service's original
result is never written: it stays the item's first version.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.domain.editing import EditError
from desktop.domain.transcript import Transcript
from desktop.store.autosave import Autosaver
from desktop.store.library import LibraryFile
from desktop.ui.util.background import GuiDelivery
from desktop.ui.util.live_language import LiveLanguage

DEBOUNCE_MS = 1000


class _EditCommand(QUndoCommand):
    def __init__(
        self, session: TranscriptSession, before: Transcript, after: Transcript, text: str
    ) -> None:
        super().__init__(text)
        self._session = session
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._session._set(self._after)

    def undo(self) -> None:
        self._session._set(self._before)


class TranscriptSession(LiveLanguage, QObject):
    """The transcript being edited, its undo stack and its autosave.

    Signals:
        changed(Transcript): the text after an edit, an undo or a redo
        problem(str): an edit that could not be made, or a failed save
        save_state(str): what the status bar says about saving
    """

    changed = Signal(Transcript)
    problem = Signal(str)
    save_state = Signal(str)

    def __init__(
        self,
        item_id: int,
        transcript: Transcript,
        *,
        library: LibraryFile,
        debounce_ms: int = DEBOUNCE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.item_id = item_id
        self._transcript = transcript
        self._library = library
        self.undo_stack = QUndoStack(self)
        self._submitted: Transcript | None = transcript  # last text handed to the autosaver
        self._saved: Transcript | None = transcript  # last text known to be on disk
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.save_now)
        # The autosaver's thread reports through a delivery that ends with this
        # session: a report racing the editor's destruction goes nowhere.
        self._closed = False
        self._reports = deliver = GuiDelivery(self)
        self._autosaver = Autosaver(
            library.path,
            on_saved=lambda _item, transcript: deliver(self._on_saved, transcript),
            on_error=lambda _item, error: deliver(self._on_failed, str(error)),
        )

    @property
    def transcript(self) -> Transcript:
        return self._transcript

    @property
    def has_unsaved_changes(self) -> bool:
        return self._saved is not self._transcript

    def apply(self, description: str, operation: Callable[[Transcript], Transcript]) -> bool:
        """Run an edit and push it on the undo stack; False (and ``problem``) if refused."""
        try:
            after = operation(self._transcript)
        except EditError as error:
            self.problem.emit(str(error))
            return False
        if after is self._transcript or after == self._transcript:
            return False
        self.undo_stack.push(_EditCommand(self, self._transcript, after, description))
        return True

    def revert_to_original(self) -> bool:
        """Go back to the service's result; undoable like any edit."""
        with self._library.connect() as library:
            original = library.original_transcript(self.item_id)
        return self.apply(self.tr("Revert to original"), lambda _current: original)

    def _set(self, transcript: Transcript) -> None:
        self._transcript = transcript
        if not self._timer.isActive():
            self._timer.start()
        self.save_state.emit(self.tr("Edited"))
        self.changed.emit(transcript)

    # -- saving ----------------------------------------------------------------

    def save_now(self) -> None:
        """Hand the current text to the autosaver without waiting for the debounce."""
        self._timer.stop()
        if self._submitted is self._transcript:
            return
        self._submitted = self._transcript
        self.save_state.emit(self.tr("Saving…"))
        self._autosaver.submit(self.item_id, self._transcript)

    def flush(self, timeout: float | None = 30.0) -> bool:
        """Save now and wait for it: what closing the editor does."""
        self.save_now()
        done = self._autosaver.flush(timeout)
        failed = self._autosaver.error(self.item_id) is not None
        if done and not failed:
            self._saved = self._submitted
        return done and not failed

    def close(self, *, discard: bool = False) -> bool:
        """Save and stop; False (still open) if saving failed, unless told to discard.

        Closing twice (a window closed by the user, then at quit) is harmless.
        """
        if self._closed:
            return True
        done = self.flush()
        if done or discard:
            self._closed = True
            self._autosaver.close(timeout=5 if discard else 30)
            if not self._autosaver.is_running():
                self._reports.close()  # else it stays open, for the late report
        return done

    def last_save_error(self) -> str | None:
        error = self._autosaver.error(self.item_id)
        return None if error is None else str(error)

    def _on_saved(self, saved: Transcript) -> None:
        self._saved = saved
        if saved is self._transcript:
            self.save_state.emit(self.tr("All changes saved"))

    def _on_failed(self, message: str) -> None:
        self._submitted = None  # the next timer or flush tries again
        self.save_state.emit(self.tr("Not saved"))
        self.problem.emit(self.tr("Saving failed: {0}").format(message))
