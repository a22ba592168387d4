"""The main window: the frame the queue, library and editor panels live in."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

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
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self.open_library_item)
        file_menu.addAction(open_action)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

    def open_library_item(self) -> None:
        """Ask which library item to open in an editor window."""
        from desktop.ui.open_item import OpenItemDialog  # the editor loads only when used

        OpenItemDialog(self, self.editors).open()
