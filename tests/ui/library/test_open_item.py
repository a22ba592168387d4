"""Reaching the editor: File → Open library item… and ``tingxie open ID``."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from desktop.cli.main import run
from desktop.store.library import LibraryFile
from desktop.ui.editor.model import Column
from desktop.ui.mainwindow.window import MainWindow


def test_file_open_library_item_opens_it_in_the_editor_area(qtbot, speech_item):
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.show()
    window.open_library_item()
    dialog = window.findChild(QInputDialog, "openItemDialog")
    qtbot.waitUntil(lambda: dialog.loaded, timeout=20_000)
    assert dialog.comboBoxItems() == [f"{speech_item}  speech"]
    dialog.setTextValue(f"{speech_item}  speech")
    dialog.accept()
    assert len(window.editors) == 1
    editor = window.editors[0]
    assert window.editor_area.currentWidget() is editor
    assert editor.windowTitle() == "speech"
    assert editor.model.data(editor.model.index(0, Column.TEXT)) == "hello world again"


def test_open_an_unknown_item_is_one_error_line(capsys):
    assert run(["open", "99"]) == 1
    assert capsys.readouterr().err == "error: no library item with id 99\n"
