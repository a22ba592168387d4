"""A translated track exported from the export dialog: target only, bilingual ASS, the check.

A real library, the in-process emulator as the service (its pseudo-translation
is reversible, so each line tells which cue it came from), the library panel's
context menu opening the Translate dialog, the queue panel running it on the
app's qasync loop, and ffmpeg reading what the export dialog writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from desktop.domain.translation import flat_text
from desktop.export.bilingual import AssLayout
from desktop.store.library import Library, LibraryFile
from desktop.ui.dialogs.export import (
    SOURCE,
    SOURCE_OVER_TARGET,
    TARGET,
    TARGET_OVER_SOURCE,
    ExportDialog,
)
from desktop.ui.dialogs.translate import TranslateDialog
from desktop.ui.mainwindow.window import MainWindow
from desktop.ui.queue.panel import QueuePanel
from tests.fake_dashscope.config import EmulatorConfig
from tests.fake_dashscope.pseudo import source_of
from tests.fake_dashscope.server import Emulator
from tests.helpers.subtitle_readers import read_with_ffmpeg
from tests.helpers.translated_track import TRACK, item_with_track
from tests.helpers.waiting import until

# Qt's offscreen platform says it cannot size, raise or grab for a dialog or a menu.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)

_MARKUP = re.compile(r"<[^>]*>|\{[^}]*\}")


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[Emulator]:
    with Emulator(EmulatorConfig(), storage_dir=tmp_path / "emulator") as running:
        yield running


def _window(qtbot: QtBot) -> MainWindow:
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.set_queue_panel(QueuePanel(window))
    window.show()
    qtbot.waitExposed(window)
    return window


def _translate_from_the_library_menu(qtbot: QtBot, loop, window: MainWindow) -> None:
    """Right-click the item, "Translate track…", Translate: the run ends in the queue panel."""
    panel = window.library_panel
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 1)
    view = panel.items_view
    index = panel.proxy.index(0, 0)
    view.customContextMenuRequested.emit(view.visualRect(index).center())
    menu = panel.findChildren(QMenu)[-1]
    action = next(a for a in menu.actions() if a.text() == "Translate track…")
    action.trigger()
    menu.close()
    dialog = window.findChild(TranslateDialog)
    assert dialog is not None and dialog.isVisible()

    async def scenario() -> None:
        await until(dialog.translate_button.isEnabled, "the cost estimate")
        assert dialog.track.currentText() == TRACK
        assert dialog.language.currentData() == "en"
        dialog.translate_button.click()
        rows = window.translation_rows
        await until(lambda: rows.lines and rows.lines[1].bar.isHidden(), "the run to end", 60)

    loop.run_until_complete(scenario())


def _choose(combo, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not a choice of {combo.objectName()}"
    combo.setCurrentIndex(index)


def _export_dialog(qtbot: QtBot, window: MainWindow, item: int, track_id: int) -> ExportDialog:
    dialog = window.open_export_dialog([item])
    assert isinstance(dialog, ExportDialog)
    _choose(dialog.source_combo, track_id)
    qtbot.waitUntil(lambda: not dialog.preview_pending())
    return dialog


def test_a_translated_track_exports_as_bilingual_ass_and_english_srt_from_the_dialog(
    qtbot: QtBot, loop, qtmodeltester, emulator: Emulator, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TINGXIE_ENDPOINT", emulator.base_url)
    monkeypatch.setenv("DASHSCOPE_API_KEY", emulator.api_key)
    item, track_id = item_with_track(8)
    window = _window(qtbot)
    _translate_from_the_library_menu(qtbot, loop, window)
    with Library.open() as library:
        track = library.tracks.load(track_id)
    sources = [flat_text(c.text) for c in track.cues]
    times = [(c.start_ms, c.end_ms) for c in track.cues]

    dialog = _export_dialog(qtbot, window, item, track_id)
    choices = [dialog.text_combo.itemData(i) for i in range(dialog.text_combo.count())]
    assert choices == [
        SOURCE,
        f"{TARGET}:en",
        f"{SOURCE_OVER_TARGET}:en",
        f"{TARGET_OVER_SOURCE}:en",
    ]
    assert dialog.rebreak_box.isChecked()

    # English only as SRT: checked against the English preset, ffmpeg reads it back.
    _choose(dialog.format_combo, "srt")
    _choose(dialog.preset_combo, "netflix-zh-hans")  # the transcript's; not the translation's
    assert "42 columns/line" not in dialog.preset_rules.text()
    _choose(dialog.text_combo, f"{TARGET}:en")
    qtbot.waitUntil(lambda: not dialog.preview_pending())
    assert dialog.text_combo.isVisible() and dialog.rebreak_box.isEnabled()
    assert not dialog.upper_size_spin.isVisible()  # sizes are for bilingual ASS
    assert "checked as Netflix English" in dialog.report_summary.text()
    assert "42 columns/line" in dialog.preset_rules.text()
    assert "8 cues" in dialog.report_summary.text()
    qtmodeltester.check(dialog.report_model)
    long_lines = [
        i for i in range(dialog.report_model.rowCount())
        if "the limit is 42" in dialog.report_model.index(i, 4).data()
    ]  # fmt: skip
    preview = dialog.preview.toPlainText()
    assert preview.startswith("1\n00:00:00,500 --> ")
    assert "欢迎" not in preview  # no source text in a target-only file
    english = tmp_path / "english.srt"
    dialog.destination_edit.setText(str(english))
    with qtbot.waitSignal(dialog.exported):
        dialog.export_button.click()
    read = read_with_ffmpeg(english)
    assert [(s, e) for s, e, _ in read] == times
    assert [source_of(text.replace("\n", " ")) for _, _, text in read] == sources
    # Re-broken for 42 columns: no line of the file is longer, and the check found none.
    assert all(len(line) <= 42 for _, _, text in read for line in text.split("\n"))
    assert long_lines == []

    # Without re-breaking the machine's one line stays whole, and the check says it is long.
    dialog.rebreak_box.setChecked(False)
    qtbot.waitUntil(lambda: not dialog.preview_pending())
    assert dialog.report_model.rowCount() > 0
    assert any(
        "the limit is 42" in dialog.report_model.index(i, 4).data()
        for i in range(dialog.report_model.rowCount())
    )
    dialog.rebreak_box.setChecked(True)

    # Bilingual SRT, source over target: each cue's Chinese line, then its English.
    _choose(dialog.text_combo, f"{SOURCE_OVER_TARGET}:en")
    qtbot.waitUntil(lambda: not dialog.preview_pending())
    first = dialog.preview.toPlainText().split("\n\n")[0].split("\n")
    assert first[2] == sources[0] and source_of(" ".join(first[3:])) == sources[0]

    # Bilingual ASS, English over Chinese at the top and bottom, sizes chosen.
    _choose(dialog.format_combo, "ass")
    _choose(dialog.text_combo, f"{TARGET_OVER_SOURCE}:en")
    _choose(dialog.layout_combo, AssLayout.SPLIT)
    dialog.upper_size_spin.setValue(48)
    dialog.lower_size_spin.setValue(60)
    qtbot.waitUntil(lambda: not dialog.preview_pending())
    assert dialog.upper_size_spin.isVisible() and dialog.layout_combo.isEnabled()
    assert "Style: Upper," in dialog.preview.toPlainText()
    both = tmp_path / "both.ass"
    dialog.destination_edit.setText(str(both))
    with qtbot.waitSignal(dialog.exported):
        dialog.export_button.click()
    text = both.read_text("utf-8")
    upper = next(line for line in text.splitlines() if line.startswith("Style: Upper"))
    lower = next(line for line in text.splitlines() if line.startswith("Style: Lower"))
    assert upper.split(",")[2] == "48" and lower.split(",")[2] == "60"
    assert upper.split(",")[18] == "8"  # the upper language at the top of the screen
    read = read_with_ffmpeg(both)
    # Split: one event per language per cue, the same times for both; ffmpeg keeps the
    # styles as markup: the English at the top (an8) in 48 points, the Chinese in 60.
    assert sorted((s, e) for s, e, _ in read) == sorted(times * 2)
    english_marked = [t for _, _, t in read if "{\\an8}" in t]
    assert len(english_marked) == 8 and all('size="48"' in t for t in english_marked)
    assert sum('size="60"' in t for _, _, t in read) == 8
    shown = [_MARKUP.sub("", t) for _, _, t in read]
    chinese = [t for t in shown if t in sources]
    english_lines = [t for t in shown if t not in sources]
    assert sorted(chinese) == sorted(sources)
    assert sorted(source_of(t.replace("\n", " ")) for t in english_lines) == sorted(sources)
    dialog.close()
