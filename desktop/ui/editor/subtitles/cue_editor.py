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
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QWidget

from desktop.domain.cue_editing import word_spans
from desktop.domain.cue_track import TrackCue
from desktop.spelling.checker import Misspelling, NotCheckedError, SpellChecker
from desktop.ui.editor.subtitles.spelling import SpellingHighlighter

SPOKEN = QColor(255, 235, 130)


class CueTextEdit(QPlainTextEdit):
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
        self.spelling = SpellingHighlighter(self.document(), self)

    def set_spell_checker(self, checker: SpellChecker | None, reason: str = "") -> None:
        """Underline with ``checker``; without one, the tooltip says why nothing is checked."""
        self.spelling.set_checker(checker)
        self.setToolTip(reason)

    def misspellings(self) -> list[Misspelling]:
        checker = self.spelling.checker
        return checker.misspellings(self.toPlainText()) if checker is not None else []

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu()
        position = self.cursorForPosition(event.pos()).position()
        self.add_spelling_actions(menu, position)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def add_spelling_actions(self, menu: QMenu, position: int) -> None:
        """Suggestions for the misspelled word at ``position`` and "Add to dictionary"."""
        checker = self.spelling.checker
        found = self.spelling.misspelling_at(self.toPlainText(), position)
        if checker is None or found is None:
            return
        first = menu.actions()[0] if menu.actions() else None
        suggestions = checker.suggestions(found.word)
        for suggestion in suggestions:
            action = menu.addAction(suggestion)
            action.triggered.connect(lambda _=False, s=suggestion: self.replace_word(found, s))
            menu.insertAction(first, action)
        if not suggestions:
            none = menu.addAction(self.tr("No suggestions"))
            none.setEnabled(False)
            menu.insertAction(first, none)
        add = menu.addAction(self.tr("Add “{0}” to dictionary").format(found.word))
        add.triggered.connect(lambda: self.add_to_dictionary(found.word))
        menu.insertAction(first, add)
        menu.insertSeparator(first)

    def replace_word(self, found: Misspelling, replacement: str) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(found.start)
        cursor.setPosition(found.end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(replacement)
        self.commit()

    def add_to_dictionary(self, word: str) -> None:
        checker = self.spelling.checker
        if checker is None:
            return
        try:
            checker.add_to_dictionary(word)
        except (NotCheckedError, OSError) as error:
            self.setToolTip(str(error))
            return
        self.spelling.rehighlight()

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
