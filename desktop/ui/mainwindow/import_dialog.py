"""File → Import…: a result JSON or a subtitle file, with the media it belongs to.

The same import as ``tingxie import FILE --media MEDIA``: a result the service
produced elsewhere (or an .srt/.vtt/.ass made by hand) becomes a library item,
playable in the editor when its media is given.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.formats.errors import FileFormatError
from desktop.formats.subtitle_file import is_subtitle_file
from desktop.jobs.sources import MEDIA_SUFFIXES
from desktop.store.database import LibraryError
from desktop.store.imports import import_result_file
from desktop.store.library import LibraryFile
from desktop.store.subtitle_import import import_subtitle_file
from desktop.ui.util.messages import translated


class ImportDialog(QDialog):
    """Asks for the file to import and, optionally, its media; ``imported`` carries the item.

    Signals:
        imported(int): the new library item's id
    """

    imported = Signal(int)

    def __init__(self, library: LibraryFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import"))
        self._library = library
        self.result_edit = QLineEdit(self)
        self.result_edit.setObjectName("importFile")
        self.result_edit.setPlaceholderText(self.tr("result JSON, .srt, .vtt or .ass"))
        self.media_edit = QLineEdit(self)
        self.media_edit.setObjectName("importMedia")
        self.media_edit.setPlaceholderText(self.tr("optional: the audio or video it belongs to"))
        self.problem = QLabel(self)
        self.problem.setObjectName("importProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c0392b")
        browse_result = QPushButton(self.tr("Browse…"), self)
        browse_result.setAccessibleName(self.tr("Choose the file to import"))
        browse_result.clicked.connect(self._choose_result)
        browse_media = QPushButton(self.tr("Browse…"), self)
        browse_media.setAccessibleName(self.tr("Choose the media"))
        browse_media.clicked.connect(self._choose_media)
        self.buttons = QDialogButtonBox(self)
        self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("File"), _row(self.result_edit, browse_result))
        form.addRow(self.tr("Media"), _row(self.media_edit, browse_media))
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.problem)
        column.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def _choose_result(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import"),
            str(_documents()),
            self.tr("Results and subtitles (*.json *.srt *.vtt *.ass)"),
        )
        if path:
            self.result_edit.setText(path)

    def _choose_media(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in sorted(MEDIA_SUFFIXES))
        start = Path(self.result_edit.text()).parent if self.result_edit.text() else _documents()
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Media"), str(start), self.tr("Audio and video ({0})").format(patterns)
        )
        if path:
            self.media_edit.setText(path)

    def accept(self) -> None:
        result = Path(self.result_edit.text().strip()).expanduser()
        media_text = self.media_edit.text().strip()
        media = Path(media_text).expanduser() if media_text else None
        if not self.result_edit.text().strip():
            self.problem.setText(self.tr("Choose the file to import first."))
            return
        try:
            with self._library.connect() as library:
                if is_subtitle_file(result):
                    item_id = import_subtitle_file(library, result, media=media)
                else:
                    item_id = import_result_file(library, result, media=media)
        except (FileFormatError, LibraryError, OSError) as error:
            self.problem.setText(translated(str(error)))
            return
        self.imported.emit(item_id)
        super().accept()


def _row(field: QLineEdit, button: QPushButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field, 1)
    layout.addWidget(button)
    return row


def _documents() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()
