"""File → Import…: a result JSON or a subtitle file, with its media, becomes a library item."""

from __future__ import annotations

from pathlib import Path

from desktop.store.library import LibraryFile
from desktop.ui.mainwindow.import_dialog import ImportDialog
from desktop.ui.mainwindow.window import MainWindow
from tests.helpers.media import speech
from tests.helpers.results import fixture_path


def _window(qtbot) -> MainWindow:
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.show()
    return window


def test_importing_a_result_json_from_the_file_menu_opens_it(qtbot, tingxie_home) -> None:
    window = _window(qtbot)
    assert window.import_action in window.file_menu.actions()
    dialog = window.open_import_dialog()
    assert isinstance(dialog, ImportDialog)
    dialog.result_edit.setText(str(fixture_path("diarization")))
    dialog.accept()
    assert not dialog.isVisible()
    assert window.editors, "the imported item did not open"


def test_importing_a_subtitle_file_with_its_media(qtbot, tingxie_home, tmp_path: Path) -> None:
    window = _window(qtbot)
    media = speech(tmp_path / "talk.wav", "Hello there.")
    subtitle = tmp_path / "talk.srt"
    subtitle.write_text("1\n00:00:00,100 --> 00:00:01,200\nHello there.\n", encoding="utf-8")
    dialog = window.open_import_dialog()
    dialog.result_edit.setText(str(subtitle))
    dialog.media_edit.setText(str(media))
    dialog.accept()
    assert window.editors
    assert window.editors[0].model.sentence(0).text == "Hello there."


def test_a_file_that_is_neither_says_so_and_stays_open(qtbot, tingxie_home, tmp_path) -> None:
    window = _window(qtbot)
    bad = tmp_path / "notes.json"
    bad.write_text("{not json", encoding="utf-8")
    dialog = window.open_import_dialog()
    dialog.result_edit.setText(str(bad))
    dialog.accept()
    assert dialog.isVisible()
    assert "notes.json" in dialog.problem.text()
