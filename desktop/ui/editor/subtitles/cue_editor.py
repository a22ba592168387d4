"""The text box of the selected cue: Enter commits, Shift+Enter breaks the line.

As in Subtitle Edit and Aegisub, a line break is typed, not guessed: it is
part of the cue (``TrackCue.lines``). Enter hands the text to the track as
one undoable edit; Escape puts back the cue's text. While the media plays,
the word being spoken is highlighted; Ctrl+click on a word plays from it.
Misspellings are underlined (``spelling``); the context menu offers the
dictionary's suggestions and "Add to dictionary".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from desktop.domain.cue_editing import word_spans
from desktop.domain.cue_track import TrackCue
from desktop.ui.editor.spelling_edit import SpellingTextEdit

SPOKEN = QColor(255, 235, 130)


class CueTextEdit(SpellingTextEdit):
    """A multi-line editor of one cue's text.

    Signals:
        committed(str): the text to store in the cue (Enter or leaving the box)
        word_clicked(int): the media time of the word Ctrl+clicked, to play from
    """

    committed = Signal(str)
    word_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cueEditor")
        self.setTabChangesFocus(True)
        self.setPlaceholderText(self.tr("Select a cue to edit its text"))
        self._cue: TrackCue | None = None
        self._shown = ""

    def _word_replaced(self, cursor: QTextCursor) -> None:
        """A suggestion went in: the cue takes the corrected text at once."""
        self.setTextCursor(cursor)
        self.commit()

    def show_cue(self, cue: TrackCue | None) -> None:
        """Show ``cue``'s text (nothing and read-only without a cue)."""
        self._cue = cue
        self._shown = cue.text if cue is not None else ""
        if self.toPlainText() != self._shown:
            self.setPlainText(self._shown)
        self.setReadOnly(cue is None)
        self.setExtraSelections([])

    @property
    def is_modified(self) -> bool:
        return self._cue is not None and self.toPlainText() != self._shown

    def commit(self) -> None:
        if self.is_modified:
            self._shown = self.toPlainText()
            self.committed.emit(self._shown)

    def cursor_position(self) -> int:
        return self.textCursor().position()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.textCursor().insertText("\n")  # the line break, as data
            elif event.modifiers() == Qt.KeyboardModifier.NoModifier:
                self.commit()
            else:
                super().keyPressEvent(event)  # Ctrl+Enter etc.: the window's shortcuts
            return
        if event.key() == Qt.Key.Key_Escape and self.is_modified:
            self.setPlainText(self._shown)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: object) -> None:
        self.commit()
        super().focusOutEvent(event)  # type: ignore[arg-type]

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and self._cue is not None:
            position = self.cursorForPosition(event.position().toPoint()).position()
            for word, span in zip(self._cue.words, word_spans(self._cue), strict=True):
                if span is not None and span[0] <= position <= span[1]:
                    self.word_clicked.emit(word.begin_ms)
                    return
        super().mousePressEvent(event)

    def highlight_word_at(self, ms: int) -> None:
        """Mark the word spoken at ``ms`` (none between words or without word times)."""
        selections: list[QTextEdit.ExtraSelection] = []
        cue = self._cue
        if cue is not None and not self.is_modified:
            for word, span in zip(cue.words, word_spans(cue), strict=True):
                if span is not None and word.begin_ms <= ms < word.end_ms:
                    selection = QTextEdit.ExtraSelection()
                    fmt = QTextCharFormat()
                    fmt.setBackground(SPOKEN)
                    selection.format = fmt  # type: ignore[attr-defined]
                    cursor = QTextCursor(self.document())
                    cursor.setPosition(span[0])
                    cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
                    selection.cursor = cursor  # type: ignore[attr-defined]
                    selections.append(selection)
                    break
        self.setExtraSelections(selections)

    def spoken_word(self) -> str | None:
        """The text of the highlighted word, if one is (what tests and screen readers see)."""
        selections = self.extraSelections()
        return selections[0].cursor.selectedText() if selections else None
