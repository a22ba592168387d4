"""Files handed to the main window (command line, a later launch, "Open with")."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from desktop.store.library import Library, LibraryFile
from desktop.ui.mainwindow.window import MainWindow
from tests.helpers.results import fixture_path


def shown_window(qtbot) -> MainWindow:
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_result_is_imported_and_opened_and_media_waits_for_the_queue(qtbot, tmp_path) -> None:
    window = shown_window(qtbot)
    media = tmp_path / "interview.mp3"
    media.write_bytes(b"ID3")
    with qtbot.waitSignal(window.media_opened) as announced:
        window.open_paths([fixture_path("paraformer_zh_en"), media])
    assert announced.args == [[media]]
    with Library.open() as library:
        (item,) = library.items()
    editor = window.current_editor()
    assert editor is not None and editor.session.item_id == item.id
    status = window.statusBar().currentMessage()
    assert "Imported 1 result" in status
    assert "1 media file" in status
    queue_text = window.findChild(QLabel, "queuePanel").text()
    assert "Waiting to be transcribed:" in queue_text
    assert "interview.mp3" in queue_text
    assert window.findChild(QMessageBox, "unopenedFiles") is None


def test_the_same_media_opened_twice_waits_once(qtbot, tmp_path) -> None:
    window = shown_window(qtbot)
    media = tmp_path / "a.wav"
    media.write_bytes(b"RIFF")
    window.open_paths([media])
    with qtbot.assertNotEmitted(window.media_opened):
        window.open_paths([media])
    assert window.waiting_media == [media]


def test_files_it_cannot_open_are_named_in_one_message_and_nothing_is_imported(
    qtbot, tmp_path
) -> None:
    window = shown_window(qtbot)
    broken = tmp_path / "broken.json"
    broken.write_text('{"transcripts": "no"}', encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("hi")
    window.open_paths([broken, notes, tmp_path / "gone.wav"])
    box = window.findChild(QMessageBox, "unopenedFiles")
    assert box is not None and box.isVisible()
    text = box.text()
    assert str(broken) in text
    assert f"{notes}: Tingxie opens result files (.json)" in text
    assert f"{tmp_path / 'gone.wav'}: file not found" in text
    with Library.open() as library:
        assert library.items() == []
    assert window.waiting_media == []


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no stacking
def test_files_opened_while_running_arrive_as_events_on_macos(qtbot, qapp, tmp_path) -> None:
    """Finder's "Open With" on a running app sends a QFileOpenEvent, not arguments."""
    from PySide6.QtGui import QFileOpenEvent

    from desktop.app import FileOpenEvents

    window = shown_window(qtbot)
    events = FileOpenEvents(window, parent=qapp)
    media = tmp_path / "memo.m4a"
    media.write_bytes(b"\0")
    try:
        with qtbot.waitSignal(window.media_opened) as announced:
            qapp.sendEvent(qapp, QFileOpenEvent(str(media)))
    finally:
        qapp.removeEventFilter(events)
    assert announced.args == [[media]]
