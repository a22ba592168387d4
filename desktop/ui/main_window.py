"""The main window: the frame the queue, library and editor panels live in."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QMessageBox, QWidget

from desktop import APP_NAME
from desktop.launch import sort_opened


class MainWindow(QMainWindow):
    # Media files given on the command line or by a later launch, for the job queue.
    media_opened = Signal(list)  # list[Path]
    result_imported = Signal(int)  # library item id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 720)
        placeholder = QLabel(self.tr("Drop audio or video files here to transcribe them."))
        placeholder.setObjectName("emptyHint")
        self.setCentralWidget(placeholder)
        self.editors: list[QWidget] = []  # open editor windows
        self.waiting_media: list[Path] = []  # opened media not yet taken by a queue
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

    def open_paths(self, paths: Sequence[Path]) -> None:
        """Files from the command line, a later launch or "Open with".

        Result JSON files are imported into the library; media files wait in
        ``waiting_media`` and are announced by ``media_opened`` for the job
        queue to take. Anything else is reported, naming the file and the fix.
        """
        from desktop.store.database import LibraryError
        from desktop.store.imports import ImportFailedError, import_result_file
        from desktop.store.library import Library

        opened = sort_opened(tuple(paths))
        problems = list(opened.problems)
        imported: list[int] = []
        for result in opened.results:
            try:
                with Library.open() as library:
                    imported.append(import_result_file(library, result))
            except (ImportFailedError, LibraryError) as error:
                problems.append(str(error))
        new_media = [path for path in opened.media if path not in self.waiting_media]
        self.waiting_media += new_media
        for item_id in imported:
            self.result_imported.emit(item_id)
        if new_media:
            self.media_opened.emit(new_media)
        self._announce_opened(len(imported))
        if problems:
            self._report_unopened(problems)

    def _announce_opened(self, imported: int) -> None:
        parts = []
        if imported:
            parts.append(self.tr("Imported %n result(s) into the library", "", imported))
        if self.waiting_media:
            names = "\n".join(path.name for path in self.waiting_media)
            hint = self.findChild(QLabel, "emptyHint")
            if hint is not None:
                hint.setText(self.tr("Waiting to be transcribed:") + "\n" + names)
            parts.append(
                self.tr("%n media file(s) waiting to be transcribed", "", len(self.waiting_media))
            )
        if parts:
            self.statusBar().showMessage(" · ".join(parts))

    def _report_unopened(self, problems: list[str]) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Some files were not opened"),
            "\n\n".join(problems),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("unopenedFiles")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def open_library_item(self) -> None:
        """Ask which library item to open in an editor window."""
        from desktop.ui.open_item import OpenItemDialog  # the editor loads only when used

        OpenItemDialog(self, self.editors).open()


def _standard_or(key: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's keys for ``key``; some platforms (Windows, offscreen) bind none to Quit."""
    return QKeySequence.keyBindings(key) or [QKeySequence(fallback)]
