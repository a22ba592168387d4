"""An immutable value being edited, its undo history and its autosave.

Shared by the transcript (``session.TranscriptSession``) and the cue track
(``subtitles.track_session.TrackSession``). Every change goes through
``apply``: the edit runs on the immutable value, and the previous and new
values become one undo command, so undo is swapping values back and every
operation is undoable by construction. The first change after a save starts a
short timer (later changes do not restart it, so a burst of edits cannot
postpone saving forever); when it fires the newest value goes to the
background autosaver. A crash loses at most the edits of that last window.

Subclasses declare the signals ``changed`` (with their value's type),
``problem(str)`` and ``save_state(str)``, and say what a failed save is
called (``_save_failed_text``). The save states are said under this module's
own context ("EditSession"), remembered so they follow a language switch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.domain.editing import EditError
from desktop.ui.util.background import GuiDelivery
from desktop.ui.util.live_language import translate

DEBOUNCE_MS = 1000
T = TypeVar("T")
CONTEXT = "EditSession"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for lupdate under ``context``; returns it unchanged."""
    return text


EDITED = QT_TRANSLATE_NOOP("EditSession", "Edited")
SAVING = QT_TRANSLATE_NOOP("EditSession", "Saving…")
ALL_SAVED = QT_TRANSLATE_NOOP("EditSession", "All changes saved")
NOT_SAVED = QT_TRANSLATE_NOOP("EditSession", "Not saved")


class Saver(Protocol[T]):
    """What ``store.autosave`` offers: ``Autosaver`` and ``TrackAutosaver`` alike."""

    def submit(self, key: int, value: T) -> None: ...
    def flush(self, timeout: float | None = None) -> bool: ...
    def error(self, key: int) -> Exception | None: ...
    def close(self, timeout: float | None = 30.0) -> bool: ...
    def is_running(self) -> bool: ...


class _Swap(QUndoCommand):
    """One edit: redo sets the new value, undo the previous one."""

    def __init__(self, session: EditSession[Any], before: object, after: object, text: str) -> None:
        super().__init__(text)
        self._session, self._before, self._after = session, before, after

    def redo(self) -> None:
        self._session._set(self._after)

    def undo(self) -> None:
        self._session._set(self._before)


class EditSession(QObject, Generic[T]):
    """The value stored under ``key``, its undo stack and its autosave."""

    def __init__(
        self,
        key: int,
        value: T,
        make_saver: Callable[..., Saver[T]],
        library_path: object,
        *,
        debounce_ms: int = DEBOUNCE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._key = key
        self._value = value
        self.undo_stack = QUndoStack(self)
        self._submitted: T | None = value  # last value handed to the autosaver
        self._saved: T | None = value  # last value known to be on disk
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.save_now)
        # The autosaver's thread reports through a delivery that ends with this
        # session: a report racing the editor's destruction goes nowhere.
        self._reports = deliver = GuiDelivery(self)
        self._autosaver = make_saver(
            library_path,
            on_saved=lambda _key, saved: deliver(self._on_saved, saved),
            on_error=lambda _key, error: deliver(self._on_failed, str(error)),
        )

    @property
    def has_unsaved_changes(self) -> bool:
        return self._saved is not self._value

    def apply(self, description: str, operation: Callable[[T], T]) -> bool:
        """Run an edit and push it on the undo stack; False (and ``problem``) if refused."""
        try:
            after = operation(self._value)
        except EditError as error:
            self.problem.emit(str(error))  # type: ignore[attr-defined]
            return False
        if after is self._value or self._same(after, self._value):
            return False
        self.undo_stack.push(_Swap(self, self._value, after, description))
        return True

    def _same(self, after: T, before: T) -> bool:
        return after == before

    def _set(self, value: T) -> None:
        self._value = value
        if not self._timer.isActive():
            self._timer.start()
        self.save_state.emit(translate(CONTEXT, EDITED))  # type: ignore[attr-defined]
        self.changed.emit(value)  # type: ignore[attr-defined]

    # -- saving ----------------------------------------------------------------

    def save_now(self) -> None:
        """Hand the current value to the autosaver without waiting for the debounce."""
        self._timer.stop()
        if self._submitted is self._value or self._closed:
            return
        self._submitted = self._value
        self.save_state.emit(translate(CONTEXT, SAVING))  # type: ignore[attr-defined]
        self._autosaver.submit(self._key, self._value)

    def flush(self, timeout: float | None = 30.0) -> bool:
        """Save now and wait for it: what closing the editor does."""
        self.save_now()
        done = self._autosaver.flush(timeout)
        failed = self._autosaver.error(self._key) is not None
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
        error = self._autosaver.error(self._key)
        return None if error is None else str(error)

    def _on_saved(self, saved: T) -> None:
        self._saved = saved
        if saved is self._value:
            self.save_state.emit(translate(CONTEXT, ALL_SAVED))  # type: ignore[attr-defined]

    def _on_failed(self, message: str) -> None:
        self._submitted = None  # the next timer or flush tries again
        self.save_state.emit(translate(CONTEXT, NOT_SAVED))  # type: ignore[attr-defined]
        self.problem.emit(self._save_failed_text(message))  # type: ignore[attr-defined]

    def _save_failed_text(self, message: str) -> str:
        raise NotImplementedError
