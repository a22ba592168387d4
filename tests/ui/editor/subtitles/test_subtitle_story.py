"""The issue's story through the widgets: a Netflix track made, fixed, reopened, exported.

A video with a hard cut at frame 48 (23.976 fps) and a transcript whose first
sentence ends two frames past the cut; the subtitler creates a Netflix track,
follows "next problem" to the cue the checker flags, pulls its end to the shot
change, types a line break with Shift+Enter, merges the last two cues, closes
the editor, reopens it and exports an SRT that ffmpeg reads with exactly those
changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from desktop.domain.timecode import FrameRate, frame_to_ms
from desktop.store.library import LibraryFile
from desktop.ui.dialogs.export import ExportDialog
from desktop.ui.editor.subtitles.track_model import ERROR, CueColumn
from desktop.ui.editor.window import TranscriptEditor, open_library_item
from tests.helpers.subtitle_readers import read_with_ffmpeg

RATE = FrameRate(24000, 1001)
TRACK = "Netflix English (USA)"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
BROKEN = "I was at home with my sister,\nwatching the game until very late."


def drag(qtbot: QtBot, wave, from_ms: float, to_ms: float) -> None:
    start = QPoint(round(wave.x_of(from_ms)), wave.height() // 2)
    end = QPoint(round(wave.x_of(to_ms)), wave.height() // 2)
    qtbot.mousePress(wave, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(wave, QPoint((start.x() + end.x()) // 2, start.y()))
    qtbot.mouseMove(wave, end)
    qtbot.mouseRelease(wave, Qt.MouseButton.LeftButton, pos=end)


def _open(qtbot: QtBot, item: int) -> TranscriptEditor:
    window = open_library_item(LibraryFile.default(), item, debounce_ms=200)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_2, CTRL)  # the subtitle view, one keystroke away
    assert window.tabs.currentWidget() is window.subtitles
    return window


def _key(qtbot: QtBot, window: TranscriptEditor, key: Qt.Key, mods=Qt.KeyboardModifier.NoModifier):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.subtitles.view.setFocus()
    qtbot.keyClick(window.subtitles.view, key, mods)


def test_a_netflix_track_made_fixed_reopened_and_exported(qtbot: QtBot, talk: int, tmp_path: Path):
    window = _open(qtbot, talk)
    panel = window.subtitles
    assert panel.empty.isVisible()
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(QInputDialog, "newTrackDialog")
    dialog.setTextValue(TRACK)
    dialog.accept()
    assert panel.chooser.currentText() == TRACK
    model = panel.model
    assert model is not None and model.rowCount() == 4
    # The frame rate and the shot change come from the video, off the GUI thread.
    qtbot.waitUntil(lambda: panel.shots == (frame_to_ms(48, RATE),), timeout=30_000)
    assert panel.rate == RATE
    assert [(i, p.rule) for i, p in model.check.all()] == [(0, "shot-change")]
    end = model.index(0, CueColumn.END)
    assert end.data(Qt.ItemDataRole.BackgroundRole).color() == ERROR
    assert "shot change" in end.data(Qt.ItemDataRole.ToolTipRole)

    # 1. Next problem (F8), then the cue's end pulled to the shot change.
    _key(qtbot, window, Qt.Key.Key_F8)
    assert panel.current_row() == 0
    wave = window.wave
    assert wave.cues is model and wave.shots == panel.shots  # cues and the cut on the waveform
    wave.set_view(0, 4.0)
    spoken_end = model.track.cues[0].end_ms
    drag(qtbot, wave, spoken_end, frame_to_ms(46, RATE) + 12)  # dropped near the cut: snaps
    assert model.track.cues[0].end_ms == frame_to_ms(46, RATE)  # 2 frames before the cut
    _key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert model.track.cues[0].end_ms == spoken_end
    _key(qtbot, window, Qt.Key.Key_End, CTRL | ALT)  # the same from the keyboard
    assert model.track.cues[0].end_ms == frame_to_ms(46, RATE)
    assert end.data(Qt.ItemDataRole.BackgroundRole) is None  # re-checked at once

    # 2. A line break typed with Shift+Enter, Enter commits it.
    panel.select_row(1)
    editor = panel.editor
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(editor, BROKEN.replace("\n", " "))  # on one line: too long for Netflix
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    text = model.index(1, CueColumn.TEXT)
    assert text.data(Qt.ItemDataRole.BackgroundRole).color() == ERROR
    assert "42" in text.data(Qt.ItemDataRole.ToolTipRole)
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(editor, "I was at home with my sister,")
    qtbot.keyClick(editor, Qt.Key.Key_Return, SHIFT)
    qtbot.keyClicks(editor, "watching the game until very late.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert model.track.cues[1].lines == tuple(BROKEN.split("\n"))
    assert text.data() == BROKEN
    assert text.data(Qt.ItemDataRole.BackgroundRole) is None

    # 3. The last two cues merged; each fix is one undo step.
    panel.select_row(2)
    _key(qtbot, window, Qt.Key.Key_M, CTRL | SHIFT)
    assert model.rowCount() == 3
    _key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert model.rowCount() == 4
    _key(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert model.rowCount() == 3
    assert model.track.cues[2].text == "Really? You never told me.\nI did."
    assert model.check.counts()[0] == 0
    edited = model.track
    window.close()

    # Reopened: the track as it was left.
    again = _open(qtbot, talk)
    assert again.subtitles.chooser.currentText() == TRACK
    assert again.subtitles.model.track.cues == edited.cues
    again.close()

    # Exported from the track, as edited, through the export dialog.
    dialog = ExportDialog(LibraryFile.default(), [talk])
    qtbot.addWidget(dialog)
    sources = [dialog.source_combo.itemText(i) for i in range(dialog.source_combo.count())]
    assert sources == ["Transcript", f"Track {TRACK}"]
    dialog.source_combo.setCurrentIndex(1)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("srt"))
    out = tmp_path / "talk.srt"
    dialog.destination_edit.setText(str(out))
    dialog.refresh()
    assert "Really? You never told me.\nI did." in dialog.preview.toPlainText()
    assert not dialog.preset_combo.isEnabled()  # the track's own preset
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert out.is_file(), dialog.status.text()
    first, second, third = read_with_ffmpeg(out)
    assert first[1] == frame_to_ms(46, RATE)
    assert second[2] == BROKEN
    assert third[2] == "Really? You never told me.\nI did."
    assert (third[0], third[1]) == (edited.cues[2].start_ms, edited.cues[2].end_ms)
    assert len(read_with_ffmpeg(out)) == len(edited.cues) == 3
