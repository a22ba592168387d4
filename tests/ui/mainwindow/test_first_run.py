"""First run: no key, the app opens, explains the key, and opens the bundled sample."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.dashscope import credentials
from desktop.store.library import LibraryFile
from desktop.ui.dialogs.settings import SettingsDialog
from desktop.ui.editor.model import Column
from desktop.ui.mainwindow.window import MainWindow

KEY = "sk-firstrun0123456789abcdef012345"


@pytest.fixture(autouse=True)
def no_key_yet(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TINGXIE_KEYRING_SERVICE", f"Tingxie first run {uuid.uuid4()}")
    monkeypatch.delenv(credentials.ENV_VAR, raising=False)
    yield
    credentials.clear_api_key()


def _window(qtbot) -> MainWindow:
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.key_state_known, timeout=20_000)  # the keyring answers off-thread
    return window


def test_with_no_key_the_window_opens_and_explains_how_to_get_one(qtbot) -> None:
    window = _window(qtbot)
    assert window.key_banner.isVisible()
    assert "No DashScope API key yet" in window.key_banner.text.text()
    steps = window.findChild(QLabel, "welcomeSteps")
    assert steps.isVisible()
    assert "Model Studio" in steps.text() and "bailian.console.aliyun.com" in steps.text()
    assert "Tools → Settings" in steps.text()
    assert window.welcome.open_sample.isVisible()


def test_entering_a_key_from_the_banner_makes_the_banner_go_away(qtbot) -> None:
    window = _window(qtbot)
    assert "Create a DashScope API key" in window.welcome.steps.text()
    left = window.main_splitter.sizes()[0]
    qtbot.mouseClick(window.key_banner.enter_key, Qt.MouseButton.LeftButton)
    dialog = window.findChild(SettingsDialog)
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.key_edit, KEY)
    with qtbot.waitSignal(dialog.finished, timeout=20_000):  # once stored, off the GUI thread
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    assert credentials.load_api_key() == KEY
    qtbot.waitUntil(window.key_state_known, timeout=20_000)
    assert window.key_banner.isHidden()
    assert window.welcome.enter_key.isHidden()
    # With a key in use the welcome page no longer asks to create one.
    assert "Create a DashScope API key" not in window.welcome.steps.text()
    assert "Transcribe files" in window.welcome.steps.text()
    assert window.main_splitter.sizes()[0] == left, "the left panel's width jumped"


def test_a_stored_key_means_no_banner_from_the_start(qtbot) -> None:
    credentials.store_api_key(KEY)
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.show()
    assert window.key_banner.isHidden()  # not even while the keyring is asked
    qtbot.waitUntil(window.key_state_known, timeout=20_000)
    assert window.key_banner.isHidden()


def test_open_the_sample_imports_it_and_opens_it_in_the_editor(qtbot) -> None:
    window = _window(qtbot)
    qtbot.mouseClick(window.welcome.open_sample, Qt.MouseButton.LeftButton)
    editor = window.current_editor()
    assert editor is not None and editor.windowTitle() == "Tingxie sample"
    assert editor.model.data(editor.model.index(0, Column.TEXT)) == "Welcome to Tingxie."
    assert editor.model.data(editor.model.index(2, Column.TEXT)) == "欢迎使用听写。"
    qtbot.waitUntil(lambda: editor.player.duration() > 9000, timeout=10_000)
    panel = window.library_panel
    qtbot.waitUntil(lambda: panel.items_model.rowCount() == 1, timeout=20_000)
    assert panel.items_model.item(0).title == "Tingxie sample"
    # Again (from the banner): the same item, not a copy.
    qtbot.mouseClick(window.key_banner.open_sample, Qt.MouseButton.LeftButton)
    assert window.current_editor() is editor
    window.close_editor()
    qtbot.mouseClick(window.key_banner.open_sample, Qt.MouseButton.LeftButton)
    panel.refresh()
    qtbot.waitUntil(lambda: not panel.is_loading(), timeout=20_000)
    assert panel.items_model.rowCount() == 1
