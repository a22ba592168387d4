"""The Sync menu driven as a user would: shortcuts, dialogs, preview, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.ui.editor.sync_tools import Scope, ShiftDialog, TimingRulesDialog

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def begins(editor) -> list[int]:
    return [s.begin_ms for s in editor.session.transcript.channels[0].sentences]


def test_shift_all_times_through_the_dialog_then_undo(qtbot, editor):
    before = editor.session.transcript
    qtbot.keyClick(editor.view, Qt.Key.Key_T, CTRL_SHIFT)
    dialog = editor.sync.dialog
    assert isinstance(dialog, ShiftDialog) and dialog.isVisible()
    dialog.seconds.setValue(0.5)
    dialog.scope.setCurrentIndex(dialog.scope.findData(Scope.ALL))
    qtbot.mouseClick(
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
        Qt.MouseButton.LeftButton,
    )
    old = [s.begin_ms for s in before.channels[0].sentences]
    assert begins(editor) == [b + 500 for b in old]
    words = editor.session.transcript.channels[0].sentences[2].words
    assert [w.begin_ms for w in words] == [
        w.begin_ms + 500 for w in before.channels[0].sentences[2].words
    ]
    editor.undo_action.trigger()
    assert editor.session.transcript == before


def test_set_start_here_moves_the_selected_sentence_to_the_playhead_and_the_rest_along(
    qtbot, editor
):
    old = begins(editor)
    editor.select_row(1)
    editor.seek(old[1] + 250)
    qtbot.keyClick(editor.view, Qt.Key.Key_H, CTRL_SHIFT)
    assert begins(editor) == [old[0], old[1] + 250, old[2] + 250]
    assert "moved as much" in editor.statusBar().currentMessage()


def test_stretch_between_two_anchors_maps_both_exactly(qtbot, editor):
    old = begins(editor)
    editor.select_row(0)
    editor.seek(old[0] + 100)
    qtbot.keyClick(editor.view, Qt.Key.Key_A, CTRL_SHIFT)
    assert "Anchor 1" in editor.statusBar().currentMessage()
    editor.select_row(2)
    editor.seek(old[2] + 400)
    qtbot.keyClick(editor.view, Qt.Key.Key_A, CTRL_SHIFT)
    new = begins(editor)
    assert new[0] == old[0] + 100 and new[2] == old[2] + 400
    share = (old[1] - old[0]) / (old[2] - old[0])
    assert abs(new[1] - (old[1] + 100 + share * 300)) <= 1
    editor.undo_action.trigger()
    assert begins(editor) == old


def test_timing_rules_preview_what_changes_and_apply_in_one_undoable_step(
    qtbot, qtmodeltester, editor
):
    before = editor.session.transcript
    editor.sync.ask_timing_rules()
    dialog = editor.sync.dialog
    assert isinstance(dialog, TimingRulesDialog)
    assert dialog.preset.currentData() == "netflix-en"
    assert (dialog.min_duration.value(), dialog.min_gap.value()) == (834, 84)
    apply = dialog.buttons.button(QDialogButtonBox.StandardButton.Apply)
    # The speech track's pauses (~850 ms) are longer than Netflix's 500 ms chaining.
    assert dialog.changes.rowCount() == 0 and not apply.isEnabled()
    dialog.close_below.setValue(1500)
    sentences = before.channels[0].sentences
    assert dialog.changes.rowCount() == 2
    assert dialog.summary.text() == "2 sentences change"
    assert dialog.changes.index(0, 3).data() == "small gap closed"
    qtmodeltester.check(dialog.changes)
    dialog.close_below.setValue(0)  # the preview empties again, under the model checks
    assert dialog.changes.rowCount() == 0
    dialog.close_below.setValue(1500)
    qtbot.mouseClick(apply, Qt.MouseButton.LeftButton)
    after = editor.session.transcript.channels[0].sentences
    assert after[0].end_ms == sentences[1].begin_ms - 84
    assert after[1].end_ms == sentences[2].begin_ms - 84
    assert after[2] == sentences[2]
    assert editor.model.index(0, 2).data().endswith(f"{(sentences[1].begin_ms - 84) % 1000:03}")
    editor.undo_action.trigger()
    assert editor.session.transcript == before
