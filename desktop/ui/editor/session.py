"""One open transcript: its current text, the undo history, and autosave.

The editing, undo and saving are ``edit_session.EditSession``'s (shared with
the cue track); this adds what is the transcript's own. The service's
original result is never written: it stays the item's first version.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.domain.transcript import Transcript
from desktop.store.autosave import Autosaver
from desktop.store.library import LibraryFile
from desktop.ui.editor.edit_session import DEBOUNCE_MS, EditSession
from desktop.ui.util.live_language import LiveLanguage

__all__ = ["DEBOUNCE_MS", "TranscriptSession"]


class TranscriptSession(LiveLanguage, EditSession[Transcript]):
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
        super().__init__(
            item_id, transcript, Autosaver, library.path, debounce_ms=debounce_ms, parent=parent
        )
        self.item_id = item_id
        self._library = library

    @property
    def transcript(self) -> Transcript:
        return self._value

    def revert_to_original(self) -> bool:
        """Go back to the service's result; undoable like any edit."""
        with self._library.connect() as library:
            original = library.original_transcript(self.item_id)
        return self.apply(self.tr("Revert to original"), lambda _current: original)

    def _save_failed_text(self, message: str) -> str:
        return self.tr("Saving failed: {0}").format(message)
