"""The app's face for an unexpected error: a dialog naming the report, with Copy and Open folder.

``desktop.crash`` writes the report and may call from any thread (a worker,
an asyncio task, a Qt slot); ``CrashPresenter`` carries it to the GUI thread
through a queued signal and shows one dialog at a time, however many errors
arrive (a paint handler that fails fails on every paint).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__, paths
from desktop.crash import CrashReport, install_crash_handler
from desktop.logs import install_logging, log_path

log = logging.getLogger(__name__)


class CrashDialog(QDialog):
    """Says "Tingxie hit an error; your work is saved; the report is in …", the report below."""

    def __init__(self, report: CrashReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Tingxie hit an error"))
        self.report = report
        self.message = QLabel(self._message(report), self)
        self.message.setObjectName("crashMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(report.text, self)
        self.details.setObjectName("crashReport")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("Copy report"), self)
        self.copy_button.setObjectName("copyReport")
        self.copy_button.clicked.connect(self.copy_report)
        self.folder_button = QPushButton(self.tr("Open folder"), self)
        self.folder_button.setObjectName("openReportFolder")
        self.folder_button.clicked.connect(self.open_folder)
        for button in (self.copy_button, self.folder_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.message)
        column.addWidget(self.details, 1)
        column.addWidget(self.buttons)
        self.resize(720, 420)

    def _message(self, report: CrashReport) -> str:
        if report.path is not None:
            return self.tr(
                "Tingxie hit an error; your work is saved; the report is in {0}.\n{1}"
            ).format(report.path, report.summary)
        return self.tr(
            "Tingxie hit an error; your work is saved. The report could not be written to"
            " the data folder; copy it from here. The log is {0}.\n{1}"
        ).format(log_path(), report.summary)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report.text)

    def open_folder(self) -> None:
        folder = self.report.path.parent if self.report.path else paths.data_dir()
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class CrashPresenter(QObject):
    """Shows crash reports, from whatever thread they come, as one dialog on the GUI thread.

    Signals:
        crashed(CrashReport): a report was written; emitted by ``notify`` on any thread,
            delivered queued on the GUI thread (never inside the failing slot).
    """

    crashed = Signal(CrashReport)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialog: CrashDialog | None = None
        self.uninstall: Callable[[], None] = lambda: None  # undoes install_crash_dialog
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def notify(self, report: CrashReport) -> None:
        """``desktop.crash``'s callback: safe from any thread."""
        self.crashed.emit(report)

    def _show(self, report: CrashReport) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return  # one at a time: the first error is the one to read; the rest are on disk
        parent = QApplication.activeWindow()
        self.dialog = CrashDialog(report, parent)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.destroyed.connect(self._forget)
        self.dialog.show()

    def _forget(self) -> None:
        self.dialog = None


def install_crash_dialog(app: QApplication, *, debug: bool = False) -> CrashPresenter:
    """The app's trail: ``tingxie.log`` (DEBUG with ``debug``), crash reports, and this dialog."""
    path = install_logging(debug=debug)
    log.info("Tingxie %s started; the log is %s", __version__, path)
    presenter = CrashPresenter(app)
    presenter.uninstall = install_crash_handler(presenter.notify)
    return presenter
