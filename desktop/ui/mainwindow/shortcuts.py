"""Help → Keyboard shortcuts: every shortcut of the open windows, read off their actions.

The sheet is made from the actions themselves (menus, toolbar, the editor's
commands), so it can never list a key that does nothing or miss one that does.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def shortcut_rows(roots: list[QWidget]) -> list[tuple[str, str]]:
    """(what it does, keys) for every action with a shortcut under ``roots``, once each."""
    rows: dict[tuple[str, str], None] = {}
    for root in roots:
        for action in [*root.actions(), *root.findChildren(QAction)]:
            keys = action.shortcuts()
            if not keys or not action.text():
                continue
            text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            shown = ", ".join(
                k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys if not k.isEmpty()
            )
            if shown:
                rows[(text.rstrip("…"), shown)] = None
    return sorted(rows, key=lambda row: row[0].lower())


class ShortcutsDialog(QDialog):
    """A table of the shortcuts (window-modal, read only)."""

    def __init__(self, roots: list[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(560, 620)
        rows = shortcut_rows(roots)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for number, (text, keys) in enumerate(rows):
            self.table.setItem(number, 0, QTableWidgetItem(text))
            item = QTableWidgetItem(keys)
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(number, 1, item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
