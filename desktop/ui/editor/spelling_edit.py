"""A plain-text editor that underlines misspellings and offers the dictionary's help.

Shared by the transcript's sentence editor and the subtitle view's cue editor.
The context menu opens at once; the suggestions are looked up off the GUI
thread (half a second with spylls) and filled into the open menu. A
suggestion replaces the word only if it is still there when chosen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QWidget

from desktop.spelling.checker import Misspelling, NotCheckedError, SpellChecker
from desktop.ui.editor.subtitles.spelling import SpellingHighlighter
from desktop.ui.util.background import run_in_thread


class SpellingTextEdit(QPlainTextEdit):
    """``QPlainTextEdit`` with spelling: ``set_spell_checker`` turns it on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.add_spelling_actions(menu, self.cursorForPosition(event.pos()).position())
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(event.globalPos())  # not exec(): suggestions arrive while it is open

    def add_spelling_actions(self, menu: QMenu, position: int) -> None:
        """For the misspelled word at ``position``: its suggestions (filled in when found)
        and "Add to dictionary", above the standard actions."""
        checker = self.spelling.checker
        found = self.spelling.misspelling_at(self.toPlainText(), position)
        if checker is None or found is None:
            return
        first = menu.actions()[0] if menu.actions() else None
        waiting = QAction(
            QCoreApplication.translate("SpellingTextEdit", "Looking for suggestions…"), menu
        )
        waiting.setEnabled(False)
        menu.insertAction(first, waiting)
        add = QAction(
            QCoreApplication.translate("SpellingTextEdit", "Add “{0}” to dictionary").format(
                found.word
            ),
            menu,
        )
        add.triggered.connect(lambda: self.add_to_dictionary(found.word))
        menu.insertAction(first, add)
        menu.insertSeparator(first)
        run_in_thread(
            menu,
            lambda: checker.suggestions(found.word),
            lambda suggestions: self._show_suggestions(menu, waiting, found, suggestions),
            lambda _error: waiting.setText(
                QCoreApplication.translate("SpellingTextEdit", "No suggestions")
            ),
        )

    def _show_suggestions(
        self, menu: QMenu, waiting: QAction, found: Misspelling, suggestions: list[str]
    ) -> None:
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            action.triggered.connect(lambda _=False, s=suggestion: self.replace_word(found, s))
            menu.insertAction(waiting, action)
        if suggestions:
            menu.removeAction(waiting)
        else:
            waiting.setText(QCoreApplication.translate("SpellingTextEdit", "No suggestions"))

    def replace_word(self, found: Misspelling, replacement: str) -> None:
        """Put ``replacement`` in place of the misspelled word (if it is still there)."""
        if self.toPlainText()[found.start : found.end] != found.word:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(found.start)
        cursor.setPosition(found.end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(replacement)
        self._word_replaced(cursor)

    def _word_replaced(self, cursor: QTextCursor) -> None:
        """After a suggestion went in: keep the cursor there (a cue editor also commits)."""
        self.setTextCursor(cursor)

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
