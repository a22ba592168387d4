from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desktop.store.library import LibraryFile
from desktop.ui.editor.model import Column
from desktop.ui.mainwindow.window import MainWindow
from desktop.ui.util.theme import apply_scheme, is_dark


def _shown(qtbot) -> MainWindow:
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _menu_titles(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_main_window_shows_title_and_the_drop_hint(qtbot) -> None:
    window = _shown(qtbot)
    assert window.windowTitle() == "Tingxie"
    assert "Drop audio or video files" in window.findChild(QLabel, "emptyHint").text()
    assert _menu_titles(window) == ["&File", "&View", "&Tools", "&Help"]


def test_the_queue_panel_slot_sits_above_the_library_and_can_be_filled(qtbot) -> None:
    window = _shown(qtbot)
    assert window.findChild(QWidget, "queuePanel") is window.queue_panel
    assert window.side_splitter.widget(0) is window.queue_panel
    assert window.side_splitter.widget(1) is window.library_panel
    queue = QLabel("3 files queued")
    window.set_queue_panel(queue)
    assert window.side_splitter.widget(0) is queue
    assert window.queue_panel is queue
    assert window.side_splitter.count() == 2


def test_quit_shortcut_closes_the_window(qtbot) -> None:
    window = _shown(qtbot)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_an_opened_item_fills_the_editor_area_and_lends_its_menus(qtbot, speech_item) -> None:
    window = _shown(qtbot)
    editor = window.open_item(speech_item)
    assert window.editor_area.currentWidget() is editor
    assert editor.isVisible() and not editor.isWindow()
    assert window.windowTitle() == "speech — Tingxie"
    assert _menu_titles(window) == [
        "&File",
        "&View",
        "&Edit",
        "&Playback",
        "&Sync",
        "S&ubtitles",
        "&Tools",
        "&Help",
    ]
    assert editor.model.data(editor.model.index(0, Column.TEXT)) == "hello world again"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.editors == []
    assert window.editor_area.currentWidget() is window.welcome
    assert _menu_titles(window) == ["&File", "&View", "&Tools", "&Help"]
    assert window.windowTitle() == "Tingxie"


def test_opening_at_a_sentence_selects_it_and_seeks_there(qtbot, speech_item, speech) -> None:
    _, timings = speech
    window = _shown(qtbot)
    editor = window.open_item(speech_item, position=2)
    assert editor.current_row() == 2
    qtbot.waitUntil(lambda: editor.player.duration() > 0, timeout=20_000)
    assert editor.model.playhead is not None and editor.model.playhead.row == 2
    # Opening the same item at another sentence moves within the open editor.
    assert window.open_item(speech_item, position=1) is editor
    assert editor.current_row() == 1
    assert timings[1][0].begin_ms <= editor.model.sentence(1).begin_ms


def test_size_and_splitter_positions_are_remembered(qtbot, tingxie_home) -> None:
    window = _shown(qtbot)
    window.resize(700, 520)
    window.main_splitter.setSizes([400, 290])
    window.side_splitter.setSizes([100, 320])
    sizes = (window.main_splitter.sizes(), window.side_splitter.sizes())
    assert sizes[0][0] > sizes[0][1] and sizes[1][0] * 2 < sizes[1][1]  # not the defaults
    window.close()
    assert (tingxie_home / "window.ini").is_file()
    again = _shown(qtbot)
    assert (again.width(), again.height()) == (700, 520)
    assert (again.main_splitter.sizes(), again.side_splitter.sizes()) == sizes


def test_dark_system_scheme_gives_a_dark_palette_and_light_gives_it_back(qtbot) -> None:
    app = QApplication.instance()
    style, palette = app.style().name(), app.palette()
    try:
        apply_scheme(app, Qt.ColorScheme.Dark)
        assert is_dark(app.palette())
        window = _shown(qtbot)
        assert is_dark(window.palette())
        apply_scheme(app, Qt.ColorScheme.Light)
        assert not is_dark(app.palette())
    finally:
        app.setStyle(style)
        app.setPalette(palette)


def test_running_without_a_command_opens_the_gui(tingxie_home) -> None:
    """``python -m desktop`` with no command starts the GUI (the probe quits after first paint)."""
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--startup-probe"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "TINGXIE_HOME": str(tingxie_home), "PATH": ""},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("first_paint_s=")
    assert 0 < float(done.stdout.strip().split("=")[1]) < 30


def test_the_settings_shortcut_opens_the_settings_dialog(qtbot) -> None:
    from desktop.ui.dialogs.settings import SettingsDialog

    window = _shown(qtbot)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
