"""Settings dialog: the key in the real Secret Service keyring, endpoint rules, defaults."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
import uuid
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.connection import ENDPOINT_VAR
from desktop.dashscope import credentials
from desktop.settings import Settings, load_settings, save_settings, settings_path
from desktop.store.library import Library
from desktop.ui.dialogs.settings import SettingsDialog
from tests.helpers.waiting import until

KEY = "sk-gui0123456789abcdef0123456789ab"


@pytest.fixture(autouse=True)
def private_keyring_entry(monkeypatch: pytest.MonkeyPatch):
    """This test's own keyring entry, removed afterwards; no key from the environment."""
    service = f"Tingxie GUI test {uuid.uuid4()}"
    monkeypatch.setenv("TINGXIE_KEYRING_SERVICE", service)
    monkeypatch.delenv(credentials.ENV_VAR, raising=False)
    monkeypatch.delenv(ENDPOINT_VAR, raising=False)
    yield service
    credentials.clear_api_key()
    os.environ.pop(credentials.ENV_VAR, None)  # "Use for this session only" sets it directly


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


def _dialog(qtbot) -> SettingsDialog:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.key_state_known, timeout=10_000)  # the keyring answers off-thread
    return dialog


def _choose(combo, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0
    combo.setCurrentIndex(index)


def _ok(qtbot, dialog: SettingsDialog) -> None:
    button = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.buttons.isEnabled, timeout=10_000)  # a typed key is being stored


def test_a_key_typed_in_settings_goes_to_the_keyring_and_can_be_removed(
    qtbot, private_keyring_entry
) -> None:
    dialog = _dialog(qtbot)
    assert dialog.key_status.text().startswith("No key yet")
    assert not dialog.remove_button.isEnabled()
    assert dialog.session_button.isHidden()  # a keyring is there: no need for the fallback
    assert dialog.key_edit.echoMode() == dialog.key_edit.EchoMode.Password
    qtbot.keyClicks(dialog.key_edit, KEY)
    _ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert keyring.get_password(private_keyring_entry, credentials.USERNAME) == KEY

    again = _dialog(qtbot)
    assert "stored in the system keyring" in again.key_status.text()
    assert again.key_status.text().endswith("sk-…89ab")
    assert again.key_edit.text() == ""  # the stored key is never shown back
    qtbot.mouseClick(again.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: again.key_status.text().startswith("No key yet"), timeout=10_000)
    assert keyring.get_password(private_keyring_entry, credentials.USERNAME) is None


def test_text_that_is_not_a_key_is_refused_and_the_dialog_stays_open(qtbot) -> None:
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.key_edit, "sk-has a space")
    _ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "does not look like an API key" in dialog.problem.text()
    assert credentials.load_api_key() is None


def test_test_key_reports_a_working_and_a_refused_key_from_the_service(
    qtbot, dashscope_emulator
) -> None:
    dialog = _dialog(qtbot)
    _choose(dialog.region, "custom")
    qtbot.keyClicks(dialog.custom_url, dashscope_emulator.base_url)
    assert dialog.endpoint_note.text() == f"Requests go to {dashscope_emulator.base_url}"
    qtbot.keyClicks(dialog.key_edit, dashscope_emulator.api_key)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.test_result.text() == "Testing the key…"
    assert not dialog.test_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=30_000)
    assert dialog.test_result.text().startswith("The key works on 127.0.0.1:")
    dialog.key_edit.clear()
    qtbot.keyClicks(dialog.key_edit, KEY)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=30_000)
    assert "refused the key" in dialog.test_result.text()
    assert KEY not in dialog.test_result.text()


def test_a_key_not_shaped_like_sk_is_tested_with_a_warning_not_refused(
    qtbot, dashscope_emulator
) -> None:
    dialog = _dialog(qtbot)
    _choose(dialog.region, "custom")
    qtbot.keyClicks(dialog.custom_url, dashscope_emulator.base_url)
    qtbot.keyClicks(dialog.key_edit, "short")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert not dialog.test_button.isEnabled()  # it went to the service
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=30_000)
    assert "does not look like a DashScope key" in dialog.test_result.text()
    assert "refused the key" in dialog.test_result.text()
    assert dashscope_emulator.requests() != []


def test_plain_http_to_another_machine_is_refused_with_the_reason(qtbot) -> None:
    dialog = _dialog(qtbot)
    assert not dialog.custom_url.isEnabled()
    _choose(dialog.region, "custom")
    assert dialog.custom_url.isEnabled()
    qtbot.keyClicks(dialog.custom_url, "http://10.1.2.3/api/v1")
    assert "unencrypted" in dialog.endpoint_note.text()
    _ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "unencrypted" in dialog.problem.text()
    assert not settings_path().exists()


def test_defaults_concurrency_and_language_are_saved_and_shown_again(qtbot) -> None:
    dialog = _dialog(qtbot)
    _choose(dialog.region, "singapore")
    # Singapore has no Paraformer: the model list follows the region.
    models = [dialog.default_model.itemData(i) for i in range(dialog.default_model.count())]
    assert "paraformer-v2" not in models and "fun-asr-2025-11-07" in models
    _choose(dialog.default_model, "fun-asr-2025-11-07")
    assert dialog.diarization.isEnabled() and not dialog.disfluency.isEnabled()
    qtbot.keyClicks(dialog.language_hints, "en")
    dialog.diarization.setChecked(True)
    dialog.upload_concurrency.setValue(5)
    dialog.poll_concurrency.setValue(9)
    _choose(dialog.language, "zh_CN")
    assert dialog.click_plays.isChecked()  # a click on a word plays from it, by default
    dialog.click_plays.setChecked(False)
    with qtbot.waitSignal(dialog.saved) as saved:
        _ok(qtbot, dialog)
    settings = load_settings()
    assert saved.args == [settings]
    assert not settings.click_plays
    assert (settings.region, settings.default_model, settings.language_hints) == (
        "singapore",
        "fun-asr-2025-11-07",
        ("en",),
    )
    assert settings.diarization_enabled and not settings.disfluency_removal_enabled
    assert (settings.upload_concurrency, settings.poll_concurrency) == (5, 9)
    assert settings.language == "zh_CN"
    again = _dialog(qtbot)
    assert again.default_model.currentData() == "fun-asr-2025-11-07"
    assert again.language_hints.text() == "en"
    assert again.poll_concurrency.value() == 9
    assert again.language.currentText() == "简体中文"
    assert not again.click_plays.isChecked()


def test_a_language_hint_the_model_does_not_take_is_refused(qtbot) -> None:
    dialog = _dialog(qtbot)
    _choose(dialog.default_model, "paraformer-v2")
    qtbot.keyClicks(dialog.language_hints, "zh, xx")
    _ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "does not know these language codes: 'xx'" in dialog.problem.text()


def test_the_data_folder_is_shown(qtbot, tingxie_home) -> None:
    assert _dialog(qtbot).data_dir.text() == str(tingxie_home)


def test_without_a_keyring_it_says_so_and_offers_the_key_for_this_session(
    qtbot, no_keyring, monkeypatch, tingxie_home
) -> None:
    monkeypatch.delenv(credentials.ENV_VAR, raising=False)
    dialog = _dialog(qtbot)
    assert "A key cannot be stored here: no system keyring" in dialog.key_status.text()
    status = dialog.key_status
    # Every wrapped line of the long message shows: the label is not clipped.
    qtbot.waitUntil(lambda: status.height() >= status.heightForWidth(status.width()))
    assert dialog.session_button.isVisible() and not dialog.session_button.isEnabled()
    qtbot.keyClicks(dialog.key_edit, KEY)
    _ok(qtbot, dialog)  # storing fails: the dialog explains and stays
    assert dialog.isVisible() and "Use for this session only" in dialog.problem.text()
    qtbot.mouseClick(dialog.session_button, Qt.MouseButton.LeftButton)
    assert os.environ[credentials.ENV_VAR] == KEY
    assert credentials.load_api_key() == KEY
    qtbot.waitUntil(dialog.key_state_known, timeout=10_000)
    assert dialog.key_status.text().startswith("Using the key entered for this session only")
    assert dialog.key_edit.text() == "" and not dialog.key_edit.isReadOnly()
    _ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert _files_holding(tingxie_home, KEY) == []


def _files_holding(folder: Path, secret: str) -> list[Path]:
    return [
        path
        for path in folder.rglob("*")
        if path.is_file() and secret.encode() in path.read_bytes()
    ]


def test_the_key_never_reaches_the_settings_file_the_logs_or_the_library(
    qtbot, dashscope_emulator, tingxie_home, caplog, capfd
) -> None:
    caplog.set_level(logging.DEBUG)
    with Library.open():
        pass  # the library database exists, as in the app
    key = dashscope_emulator.api_key
    dialog = _dialog(qtbot)
    _choose(dialog.region, "custom")
    qtbot.keyClicks(dialog.custom_url, dashscope_emulator.base_url)
    qtbot.keyClicks(dialog.key_edit, key)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=30_000)
    assert dialog.test_result.text().startswith("The key works")
    _ok(qtbot, dialog)
    assert credentials.load_api_key() == key
    assert json.loads(settings_path().read_text())["custom_url"] == dashscope_emulator.base_url
    assert {"library.sqlite3", "settings.json"} <= {p.name for p in tingxie_home.iterdir()}
    assert _files_holding(tingxie_home, key) == []  # settings, database (+ WAL), window state
    out, err = capfd.readouterr()
    assert key not in out and key not in err
    assert all(key not in record.getMessage() for record in caplog.records)
    assert key not in repr(dialog.settings)


def test_testing_text_that_is_not_a_key_says_so_without_sending_it(
    qtbot, dashscope_emulator
) -> None:
    dialog = _dialog(qtbot)
    _choose(dialog.region, "custom")
    qtbot.keyClicks(dialog.custom_url, dashscope_emulator.base_url)
    dialog.key_edit.insert("sk-密钥不是这样的")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert "does not look like an API key" in dialog.test_result.text()
    assert dialog.test_button.isEnabled()
    assert dashscope_emulator.requests() == []


def test_in_the_app_the_key_test_runs_on_the_apps_loop_without_a_thread(
    qtbot, loop, dashscope_emulator
) -> None:
    dialog = _dialog(qtbot)
    _choose(dialog.region, "custom")
    qtbot.keyClicks(dialog.custom_url, dashscope_emulator.base_url)
    qtbot.keyClicks(dialog.key_edit, dashscope_emulator.api_key)
    threads_before = {t.name for t in threading.enumerate()}

    async def click_and_wait() -> set[str]:
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        during = {t.name for t in threading.enumerate()}
        await until(dialog.test_button.isEnabled, "the key test")
        return during

    threads_during = loop.run_until_complete(click_and_wait())
    assert dialog.test_result.text().startswith("The key works on 127.0.0.1:")
    assert "tingxie-background" not in threads_during - threads_before


def test_closing_settings_during_a_key_test_cancels_it_quietly(
    qtbot, loop, dashscope_emulator
) -> None:
    dashscope_emulator.faults.inject("latency", "list", delay_s=2.0)
    dialog = _dialog(qtbot)
    _choose(dialog.region, "custom")
    qtbot.keyClicks(dialog.custom_url, dashscope_emulator.base_url)
    qtbot.keyClicks(dialog.key_edit, dashscope_emulator.api_key)

    async def click_then_close() -> list[asyncio.Task]:
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        await asyncio.sleep(0.2)  # the request is on its way (the answer takes 2 s)
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        dialog.reject()
        dialog.deleteLater()
        await asyncio.sleep(0.3)  # the deletion happens; the request is cancelled
        return pending

    pending = loop.run_until_complete(click_then_close())
    assert pending, "the key test was not running on the app's loop"
    assert all(task.cancelled() for task in pending)


def test_an_endpoint_set_by_tingxie_endpoint_is_shown_locked_and_used_by_the_key_test(
    qtbot, dashscope_emulator, monkeypatch
) -> None:
    """As on the command line, TINGXIE_ENDPOINT beats the region chosen in Settings."""
    save_settings(Settings(region="singapore"))
    monkeypatch.setenv(ENDPOINT_VAR, dashscope_emulator.base_url)
    dialog = _dialog(qtbot)
    assert not dialog.region.isEnabled() and not dialog.custom_url.isEnabled()
    assert dialog.endpoint_note.text().startswith(
        f"Set by TINGXIE_ENDPOINT: requests go to {dashscope_emulator.base_url}."
    )
    qtbot.keyClicks(dialog.key_edit, dashscope_emulator.api_key)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=30_000)
    assert dialog.test_result.text().startswith("The key works on 127.0.0.1:")
    _ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert load_settings().region == "singapore"  # the choice in the file is kept for later


def test_a_key_set_by_dashscope_api_key_is_shown_read_only_and_is_the_one_tested(
    qtbot, dashscope_emulator, monkeypatch, private_keyring_entry
) -> None:
    keyring.set_password(private_keyring_entry, credentials.USERNAME, KEY)  # loses to the variable
    monkeypatch.setenv(credentials.ENV_VAR, dashscope_emulator.api_key)
    dialog = _dialog(qtbot)
    assert dialog.key_status.text().startswith("Set by DASHSCOPE_API_KEY (")
    assert credentials.mask(dashscope_emulator.api_key) in dialog.key_status.text()
    assert dialog.key_edit.isReadOnly()
    assert dialog.key_edit.placeholderText() == "Set by DASHSCOPE_API_KEY"
    assert dialog.session_button.isHidden()
    _choose(dialog.region, "custom")
    qtbot.keyClicks(dialog.custom_url, dashscope_emulator.base_url)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=30_000)
    assert dialog.test_result.text().startswith("The key works on 127.0.0.1:")


class ThreadNotingKeyring(keyring.backend.KeyringBackend):
    """The real keyring, noting the thread of every call made to it."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, real: keyring.backend.KeyringBackend) -> None:
        super().__init__()
        self.real = real
        self.threads: list[str] = []

    def _note(self) -> None:
        self.threads.append(threading.current_thread().name)

    def get_password(self, service: str, username: str) -> str | None:
        self._note()
        return self.real.get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self._note()
        self.real.set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        self._note()
        self.real.delete_password(service, username)


def test_the_dialog_never_asks_the_keyring_on_the_gui_thread(qtbot, dashscope_emulator) -> None:
    """A locked keyring may wait for its unlock prompt; the window must not wait with it."""
    real = keyring.get_keyring()
    noting = ThreadNotingKeyring(real)
    keyring.set_keyring(noting)
    try:
        dialog = _dialog(qtbot)  # reads the key in force
        qtbot.keyClicks(dialog.key_edit, dashscope_emulator.api_key)
        _ok(qtbot, dialog)  # stores it
        assert dialog.result() == QDialog.DialogCode.Accepted
        again = _dialog(qtbot)
        _choose(again.region, "custom")
        qtbot.keyClicks(again.custom_url, dashscope_emulator.base_url)
        qtbot.mouseClick(again.test_button, Qt.MouseButton.LeftButton)  # tests the stored key
        qtbot.waitUntil(lambda: again.test_button.isEnabled(), timeout=30_000)
        assert again.test_result.text().startswith("The key works on 127.0.0.1:")
        qtbot.mouseClick(again.remove_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: again.key_status.text().startswith("No key yet"), timeout=10_000)
    finally:
        keyring.set_keyring(real)
    assert len(noting.threads) >= 4  # read, store, read, read for the test, remove, read
    assert threading.main_thread().name not in noting.threads


def test_the_translation_model_is_chosen_saved_and_the_last_target_language_kept(qtbot) -> None:
    save_settings(Settings(translation_target="ja"))
    dialog = _dialog(qtbot)
    assert dialog.translation.model.currentData() == "qwen-mt-turbo"  # Qwen-MT by default
    assert "Qwen-MT" in dialog.translation.model.currentText()
    chat = dialog.translation.model.findData("qwen-plus")
    assert "chat model, with a prompt" in dialog.translation.model.itemText(chat)
    _choose(dialog.translation.model, "qwen-plus")
    with qtbot.waitSignal(dialog.saved):
        _ok(qtbot, dialog)
    settings = load_settings()
    assert (settings.translation_model, settings.translation_target) == ("qwen-plus", "ja")
    assert _dialog(qtbot).translation.model.currentData() == "qwen-plus"
