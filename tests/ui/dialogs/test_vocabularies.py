"""Tools → Hotword vocabularies: create, edit and delete against the emulator."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.connection import with_users_account
from desktop.dashscope import credentials
from desktop.settings import Settings, save_settings
from desktop.store.library import LibraryFile
from desktop.ui.dialogs.vocabularies import LANGUAGE, WEIGHT, WORD, VocabularyWindow
from desktop.ui.mainwindow.window import MainWindow


@pytest.fixture
def account(dashscope_emulator, monkeypatch):
    """Settings pointing at the emulator, its key for this session."""
    save_settings(Settings(region="custom", custom_url=dashscope_emulator.base_url))
    monkeypatch.setenv(credentials.ENV_VAR, dashscope_emulator.api_key)
    return dashscope_emulator


def _window(qtbot) -> VocabularyWindow:
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.show()
    dialog = window.open_vocabularies()
    assert isinstance(dialog, VocabularyWindow)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)
    return dialog


def _wait(qtbot, dialog: VocabularyWindow) -> None:
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)


def _type_cell(qtbot, dialog: VocabularyWindow, row: int, column: int, text: str) -> None:
    view = dialog.entries_view
    index = dialog.entries.index(row, column)
    if view.state() != view.State.EditingState or view.currentIndex() != index:
        view.setCurrentIndex(index)
        view.edit(index)
    editor = view.indexWidget(index) or view.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)


def _stored():
    async def read(client):
        found = await client.vocabularies.list()
        return [await client.vocabularies.query(s.vocabulary_id) for s in found]

    return asyncio.run(with_users_account(read))


def test_create_a_vocabulary_then_change_a_weight_then_delete_it(
    qtbot, qtmodeltester, account, monkeypatch
):
    dialog = _window(qtbot)
    assert dialog.list_model.rowCount() == 0
    assert dialog.status.text().startswith("No vocabularies yet")
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    # Both models stay under Qt's model checks through every edit, save and delete below.
    qtmodeltester.check(dialog.list_model)
    qtmodeltester.check(dialog.entries)
    qtbot.keyClicks(dialog.prefix, "meet")
    dialog.model_choice.setCurrentIndex(dialog.model_choice.findData("paraformer-v2"))
    _type_cell(qtbot, dialog, 0, WORD, "Tingxie")
    qtbot.mouseClick(dialog.add_word_button, Qt.MouseButton.LeftButton)
    dialog.entries.setData(dialog.entries.index(1, WORD), "听写")
    dialog.entries.setData(dialog.entries.index(1, LANGUAGE), "zh")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=10_000)
    assert dialog.list_model.rowCount() == 1
    qtmodeltester.check(dialog.list_model)  # again, now with a row to look at
    qtmodeltester.check(dialog.entries)
    vocabulary_id = dialog.current.vocabulary_id
    assert vocabulary_id.startswith("vocab-meet-")
    assert [(e.text, e.weight, e.lang) for e in dialog.current.vocabulary] == [
        ("Tingxie", 4, None),
        ("听写", 4, "zh"),
    ]
    assert not dialog.model_choice.isEnabled()  # a vocabulary's model is fixed

    dialog.entries.setData(dialog.entries.index(0, WEIGHT), 5)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, dialog)
    assert dialog.status.text() == f"Saved {vocabulary_id}."
    (stored,) = _stored()
    assert (stored.target_model, [e.weight for e in stored.vocabulary]) == ("paraformer-v2", [5, 4])

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.list_model.rowCount() == 0 and not dialog.busy(), timeout=10_000)
    assert _stored() == []


def test_a_word_the_model_cannot_take_is_refused_before_any_request(qtbot, account) -> None:
    dialog = _window(qtbot)
    account.clear_requests()
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.prefix, "calls")
    dialog.model_choice.setCurrentIndex(dialog.model_choice.findData("fun-asr-2025-11-07"))
    dialog.entries.setData(dialog.entries.index(0, WORD), "Bonjour")
    dialog.entries.setData(dialog.entries.index(0, LANGUAGE), "fr")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "hot words take the languages zh en ja, not 'fr'" in dialog.status.text()
    assert account.requests() == []


def test_without_a_key_the_window_says_where_to_enter_one(qtbot, monkeypatch) -> None:
    monkeypatch.delenv(credentials.ENV_VAR, raising=False)
    monkeypatch.setenv("TINGXIE_KEYRING_SERVICE", "Tingxie vocabulary test, no key")
    dialog = _window(qtbot)
    assert dialog.status.text() == "no API key yet — Enter a key in Tools → Settings first."
