"""The main window: the frame the queue, library and editor panels live in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QWidget

from desktop import APP_NAME


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 720)
        placeholder = QLabel(self.tr("Drop audio or video files here to transcribe them."))
        placeholder.setObjectName("emptyHint")
        self.setCentralWidget(placeholder)
        self.editors: list[QWidget] = []  # open editor windows
        self._build_menus()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        open_action = QAction(self.tr("&Open library item…"), self)
        open_action.setShortcuts(_standard_or(QKeySequence.StandardKey.Open, "Ctrl+O"))
        open_action.triggered.connect(self.open_library_item)
        file_menu.addAction(open_action)
        self.export_action = QAction(self.tr("&Export…"), self)
        self.export_action.setShortcut(QKeySequence(self.tr("Ctrl+E")))
        self.export_action.triggered.connect(lambda: self.open_export_dialog())
        file_menu.addAction(self.export_action)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcuts(_standard_or(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

    def open_export_dialog(self, item_ids: list[int] | None = None) -> QDialog:
        """Export library items (all listed, ``item_ids`` checked); the dialog is window-modal.

        Imported on first use: the export stack (python-docx, OpenCC) stays out of start-up.
        """
        from desktop.ui.export_dialog import ExportDialog

        dialog = ExportDialog(item_ids=item_ids or (), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_library_item(self) -> None:
        """Ask which library item to open in an editor window."""
        from desktop.ui.open_item import OpenItemDialog  # the editor loads only when used

        OpenItemDialog(self, self.editors).open()


def _standard_or(key: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's keys for ``key``; some platforms (Windows, offscreen) bind none to Quit."""
    return QKeySequence.keyBindings(key) or [QKeySequence(fallback)]
