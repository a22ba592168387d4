"""Tools → Translate subtitle track…: the cost first, then a run in the queue panel.

A real library with an item and a cue track, the in-process emulator as the
service, the app's qasync loop: the dialog shows the token estimate before
anything is sent, the run's line shows progress and how it ended, Cancel
keeps what was stored, and translating again sends only what is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from desktop.domain.translation import flat_text
from desktop.jobs.track_translation import cue_translations
from desktop.store.library import Library, LibraryFile
from desktop.ui.dialogs.translate import TranslateDialog
from desktop.ui.mainwindow.window import MainWindow
from desktop.ui.queue.panel import QueuePanel
from desktop.ui.queue.translation_bridge import TranslationOrder
from tests.fake_dashscope.config import EmulatorConfig
from tests.fake_dashscope.pseudo import source_of
from tests.fake_dashscope.server import Emulator
from tests.helpers.translated_track import item_with_track
from tests.helpers.waiting import until


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[Emulator]:
    with Emulator(EmulatorConfig(), storage_dir=tmp_path / "emulator") as running:
        yield running


def _window(qtbot) -> MainWindow:
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.set_queue_panel(QueuePanel(window))
    window.show()
    qtbot.waitExposed(window)
    return window


def _stored(track_id: int) -> list:
    with Library.open() as library:
        track = library.tracks.load(track_id)
        return cue_translations(library, track_id, track, "en"), track


def test_translate_from_the_tools_menu_shows_the_cost_then_the_run_in_the_queue_panel(
    qtbot, loop, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TINGXIE_ENDPOINT", emulator.base_url)
    monkeypatch.setenv("DASHSCOPE_API_KEY", emulator.api_key)
    item, track_id = item_with_track(30)
    window = _window(qtbot)
    assert window.translate_action in window.tools_menu.actions()
    assert window.translate_action.text() == "&Translate subtitle track…"

    dialog = window.open_translate_dialog(item)
    assert isinstance(dialog, TranslateDialog)

    async def scenario() -> None:
        await until(dialog.translate_button.isEnabled, "the cost estimate")
        assert dialog.track.currentText() == "字幕"
        assert dialog.language.currentData() == "en"
        assert dialog.estimate.text().startswith("30 cue")  # "cues" once the plural is loaded
        assert "tokens sent" in dialog.estimate.text()
        assert emulator.chat.billed() == []  # the estimate cost nothing
        dialog.translate_button.click()
        rows = window.translation_rows
        await until(lambda: rows.lines and rows.lines[1].bar.isHidden(), "the run to end")

    loop.run_until_complete(scenario())
    line = window.translation_rows.lines[1]
    assert line.label.text() == "Translated “字幕” into English."
    assert window.translation_rows.isVisible()
    assert window.translation_rows.parent() is window.queue_panel  # under the job table
    rows, track = _stored(track_id)
    for row, cue in zip(rows, track.cues, strict=True):
        assert source_of(row.text or "") == flat_text(cue.text)
    paid = len(emulator.chat.billed())

    again = window.open_translate_dialog(item)

    async def nothing_left() -> None:
        estimate = again.findChild(QLabel, "translateEstimate")
        await until(lambda: "nothing to send" in estimate.text(), "nothing left to translate")

    loop.run_until_complete(nothing_left())
    assert not again.translate_button.isEnabled()
    assert len(emulator.chat.billed()) == paid
    again.reject()


def test_cancel_keeps_what_was_stored_and_the_next_run_sends_only_the_rest(
    qtbot, loop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = EmulatorConfig(chat_latency_s=0.3)
    with Emulator(config, storage_dir=tmp_path / "slow") as emulator:
        monkeypatch.setenv("TINGXIE_ENDPOINT", emulator.base_url)
        monkeypatch.setenv("DASHSCOPE_API_KEY", emulator.api_key)
        item, track_id = item_with_track(300)
        window = _window(qtbot)
        bridge = window.translations()
        order = TranslationOrder(item, "字幕", "en", "qwen-mt-turbo", None, "访谈")

        async def cancel_midway() -> None:
            run = bridge.start(order)
            line = window.translation_rows.lines[run]
            await until(lambda: line.bar.value() >= 40, "some batches stored")
            line.button.click()  # Cancel
            await until(lambda: line.bar.isHidden(), "the run to stop")

        loop.run_until_complete(cancel_midway())
        assert "what was translated is kept" in window.translation_rows.lines[1].label.text()
        rows, track = _stored(track_id)
        kept = {flat_text(c.text) for r, c in zip(rows, track.cues, strict=True) if r.text}
        assert 40 <= len(kept) < 300
        sent_before = len(emulator.requests("chat"))

        async def finish() -> None:
            run = bridge.start(order)
            line = window.translation_rows.lines[run]
            await until(lambda: line.bar.isHidden(), "the second run to end", 120)

        loop.run_until_complete(finish())
        rows, track = _stored(track_id)
        for row, cue in zip(rows, track.cues, strict=True):
            assert source_of(row.text or "") == flat_text(cue.text)
        second = [
            line
            for r in emulator.requests("chat")[sent_before:]
            if r.status == 200
            for line in r.body["messages"][0]["content"].split("\n")
        ]
        # Only the cues missing after the cancel were sent, each once.
        assert sorted(second) == sorted({flat_text(c.text) for c in track.cues} - kept)


def test_a_refused_key_ends_the_run_with_the_reason_and_what_to_do(
    qtbot, loop, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TINGXIE_ENDPOINT", emulator.base_url)
    monkeypatch.setenv("DASHSCOPE_API_KEY", "sk-not-this-one")
    item, track_id = item_with_track(5)
    window = _window(qtbot)
    order = TranslationOrder(item, "字幕", "en", "qwen-mt-turbo", None, "访谈")

    async def run() -> None:
        line_id = window.translations().start(order)
        line = window.translation_rows.lines[line_id]
        await until(lambda: line.bar.isHidden(), "the run to fail")

    loop.run_until_complete(run())
    text = window.translation_rows.lines[1].label.text()
    assert text.startswith("Translating “字幕” failed: ")
    assert "Incorrect API key" in text and "sk-not-this-one" not in text
    assert window.translation_rows.lines[1].button.text() == "Dismiss"
    window.translation_rows.lines[1].button.click()
    assert not window.translation_rows.lines and window.translation_rows.isHidden()
    assert all(r.text is None for r in _stored(track_id)[0])
