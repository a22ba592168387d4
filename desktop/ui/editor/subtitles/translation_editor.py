"""Editing a translation in its cell: a multi-line box, Enter stores, Shift+Enter breaks the line.

The same keys as the cue text box below the table (``cue_editor``): a line
break is typed, never guessed. Escape leaves the translation as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex


class TranslationBox(QPlainTextEdit):
    """The in-cell editor of one translation.

    Signals:
        done(bool): Enter (True: store the text) or Escape (False)
    """

    done = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("translationEditor")
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, shift = event.key(), event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if shift:
                self.textCursor().insertText("\n")
            else:
                self.done.emit(True)
            return
        if key == Qt.Key.Key_Escape:
            self.done.emit(False)
            return
        super().keyPressEvent(event)


class TranslationDelegate(QStyledItemDelegate):
    """Gives the translation column its multi-line editor."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        box = TranslationBox(parent)
        box.done.connect(lambda keep: self._finish(box, keep))
        return box

    def _finish(self, box: TranslationBox, keep: bool) -> None:
        if keep:
            self.commitData.emit(box)
        self.closeEditor.emit(box, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, TranslationBox):
            editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.moveCursor(editor.textCursor().MoveOperation.End)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, TranslationBox):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def eventFilter(self, watched: object, event: object) -> bool:
        # The base filter would take Enter and Escape for a line edit; the box handles them.
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)
        if isinstance(watched, TranslationBox) and isinstance(event, QKeyEvent):
            return False if event.key() in keys else super().eventFilter(watched, event)
        return super().eventFilter(watched, event)
