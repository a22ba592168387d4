"""An exception in a slot: the report on disk, and a dialog that names it (pytest-qt)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from desktop.logs import remove_logging
from desktop.store.library import LibraryFile
from desktop.ui.library.loader import LibraryReader
from desktop.ui.util.crash_dialog import CrashPresenter, install_crash_dialog

KEY = "sk-crash0123456789abcdef0123456789"

# The hooks under test replace pytest-qt's own capture of slot exceptions.
pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def presenter(qapp, tingxie_home: Path) -> Iterator[CrashPresenter]:
    installed = install_crash_dialog(qapp)  # as the app does at start-up
    yield installed
    installed.uninstall()
    remove_logging()
    if installed.dialog is not None:
        installed.dialog.close()


class Button(QObject):
    clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.clicked.connect(self.on_click)

    def on_click(self) -> None:
        api_key = KEY  # noqa: F841 - a local the report lists, redacted
        raise RuntimeError(f"the export went wrong with {KEY}")


def test_an_exception_in_a_slot_shows_the_dialog_with_the_report_path(
    qtbot, presenter: CrashPresenter, tingxie_home: Path
) -> None:
    button = Button()
    QTimer.singleShot(0, button.clicked.emit)
    qtbot.waitUntil(lambda: presenter.dialog is not None and presenter.dialog.isVisible())
    dialog = presenter.dialog
    assert dialog is not None
    (report,) = tingxie_home.glob("crash-*.txt")
    assert dialog.message.text().startswith(
        f"Tingxie hit an error; your work is saved; the report is in {report}."
    )
    assert "RuntimeError: the export went wrong with sk-[redacted]" in dialog.message.text()
    text = report.read_text(encoding="utf-8")
    assert "on_click" in text and "api_key = 'sk-[redacted]'" in text
    assert KEY not in text and KEY not in (tingxie_home / "tingxie.log").read_text()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == text
    assert dialog.folder_button.text() == "Open folder"


def test_a_second_error_while_the_dialog_is_open_is_written_but_opens_no_second_dialog(
    qtbot, presenter: CrashPresenter, tingxie_home: Path
) -> None:
    button = Button()
    QTimer.singleShot(0, button.clicked.emit)
    qtbot.waitUntil(lambda: presenter.dialog is not None and presenter.dialog.isVisible())
    first = presenter.dialog
    QTimer.singleShot(0, button.clicked.emit)
    qtbot.waitUntil(lambda: len(list(tingxie_home.glob("crash-*.txt"))) == 2)
    qtbot.wait(50)
    assert presenter.dialog is first


def test_a_bug_in_a_library_read_reaches_the_crash_dialog_and_the_panel_is_not_left_busy(
    qtbot, presenter: CrashPresenter, tingxie_home: Path
) -> None:
    reader = LibraryReader(LibraryFile.default())

    def broken_read(_library: object) -> object:
        raise ZeroDivisionError("a bug while reading the library")

    reader._run("items", broken_read, lambda _result: None)  # as load_items runs its read
    qtbot.waitUntil(lambda: presenter.dialog is not None and presenter.dialog.isVisible())
    assert "ZeroDivisionError: a bug while reading the library" in presenter.dialog.message.text()
    assert not reader.busy()
