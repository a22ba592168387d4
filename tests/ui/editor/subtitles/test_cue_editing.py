"""The subtitle view beyond the story: stale cues and re-cutting, spelling, words and playback."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu

from desktop.domain.editing import SentenceRef, edit_text
from desktop.domain.timecode import FrameRate, frame_to_ms, ms_to_frame
from desktop.store.subtitle_profiles import find_preset
from desktop.ui.editor.subtitles.panel import TimingChangesDialog
from desktop.ui.editor.subtitles.track_model import CueColumn
from tests.ui.editor.subtitles.test_subtitle_story import _open

CTRL = Qt.KeyboardModifier.ControlModifier
RATE = FrameRate(24000, 1001)


def _with_track(qtbot, item):
    window = _open(qtbot, item)
    window.subtitles.create_track(find_preset("netflix-en"))
    return window, window.subtitles, window.subtitles.model


def test_a_transcript_correction_marks_its_cue_stale_and_recut_keeps_the_rest(qtbot, talk):
    window, panel, model = _with_track(qtbot, talk)
    panel.select_row(0)
    panel.editor.setFocus()
    qtbot.keyClick(panel.editor, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(panel.editor, "Where were you\nlast night?".replace("\n", " "))
    qtbot.keyClick(panel.editor, Qt.Key.Key_Return)
    manual = model.track.cues[0]
    window.session.apply(
        "fix", lambda t: edit_text(t, SentenceRef(0, 2), "Really? You never said.")
    )
    assert [c.stale for c in model.track.cues] == [False, False, True, False]
    assert model.index(2, CueColumn.NUMBER).data() == "3*"
    assert "transcript changed" in model.index(2, CueColumn.NUMBER).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert panel.recut_stale()
    assert model.track.stale_count == 0
    assert model.track.cues[2].text == "Really? You never said."
    assert model.track.cues[0] is manual  # manual work elsewhere kept
    panel.session.undo_stack.undo()  # the re-cut is one step
    assert model.track.stale_count == 1
    window.close()


def test_misspellings_are_underlined_with_suggestions_and_add_to_dictionary(qtbot, talk):
    window, panel, _model = _with_track(qtbot, talk)
    editor = panel.editor
    qtbot.waitUntil(lambda: editor.spelling.checker is not None, timeout=20_000)
    panel.select_row(3)
    editor.setPlainText("I didd it.")
    assert [m.word for m in editor.misspellings()] == ["didd"]
    menu = QMenu()
    editor.add_spelling_actions(menu, 3)
    # The suggestions are looked up off the GUI thread and filled into the menu.
    qtbot.waitUntil(lambda: "did" in [a.text() for a in menu.actions()], timeout=20_000)
    texts = [a.text() for a in menu.actions()]
    assert "did" in texts
    add = next(a for a in menu.actions() if a.text().startswith("Add"))
    add.trigger()
    assert editor.misspellings() == []
    window.close()


def test_ctrl_click_on_a_word_plays_from_it_and_playback_lights_the_word(qtbot, talk):
    window, panel, model = _with_track(qtbot, talk)
    panel.select_row(1)
    cue = model.track.cues[1]
    editor = panel.editor
    cursor = QTextCursor(editor.document())
    cursor.setPosition(cue.text.index("home") + 1)
    seeks: list[int] = []
    panel.seek_requested.connect(seeks.append)
    qtbot.mouseClick(
        editor.viewport(), Qt.MouseButton.LeftButton, CTRL, editor.cursorRect(cursor).center()
    )
    home = next(w for w in cue.words if w.text.startswith("home"))
    assert seeks == [home.begin_ms]
    window.seek(home.begin_ms + 10)
    assert model.playing_row == 1
    assert editor.spoken_word() == "home"
    window.close()


def test_frame_steps_move_by_one_frame_of_the_medias_rate(qtbot, talk):
    window, panel, _model = _with_track(qtbot, talk)
    qtbot.waitUntil(lambda: panel.rate is not None and window.player.duration() > 0, timeout=30_000)
    assert panel.rate == RATE  # read from the video, not assumed
    window.seek(1000)
    window._step_frames(1)
    assert window.player.position() == frame_to_ms(ms_to_frame(1000, RATE) + 1, RATE)
    window._step_frames(-2)
    assert window.player.position() == frame_to_ms(ms_to_frame(1000, RATE) - 1, RATE)
    window.close()


def test_an_imported_srt_becomes_a_track_and_timing_rules_fix_it_in_one_step(qtbot, talk, tmp_path):
    srt = tmp_path / "talk.srt"
    srt.write_text(
        "1\n00:00:00,300 --> 00:00:02,040\nWhere were you last night?\n\n"
        "2\n00:00:04,000 --> 00:00:07,880\nI was at home.\n",
        encoding="utf-8",
    )
    window = _open(qtbot, talk)
    panel = window.subtitles
    qtbot.waitUntil(lambda: bool(panel.shots), timeout=30_000)
    assert panel.import_file(srt) == "talk"
    model = panel.model
    assert model.rowCount() == 2 and model.track.origin == "import"
    assert [p.rule for _i, p in model.check.all()] == ["shot-change"]
    panel.ask_timing_rules()
    dialog = panel.findChild(TimingChangesDialog)
    assert dialog.changes.count() == 1 and "shot change" in dialog.changes.item(0).text()
    dialog.accept()
    assert model.track.cues[0].end_ms == frame_to_ms(46, RATE)
    assert model.check.counts() == (0, 0)
    panel.session.undo_stack.undo()
    assert model.track.cues[0].end_ms == 2040
    window.close()


def test_a_click_on_a_cue_start_plays_from_it(qtbot, talk):
    window, panel, model = _with_track(qtbot, talk)
    seeks: list[int] = []
    panel.seek_requested.connect(seeks.append)
    cell = panel.view.visualRect(model.index(2, CueColumn.START))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    assert seeks == [model.track.cues[2].start_ms]
    assert panel.current_row() == 2 and panel.editor.toPlainText() == model.track.cues[2].text
    window.close()


def test_a_refused_operation_says_why_and_leaves_no_empty_undo_step(qtbot, talk):
    window, panel, _model = _with_track(qtbot, talk)
    messages: list[str] = []
    panel.message.connect(messages.append)
    panel.select_row(3)
    steps = panel.session.undo_stack.count()
    assert not panel.merge_with_next()
    assert messages == ["the last cue has no next cue to merge with"]
    assert panel.session.undo_stack.count() == steps
    window.close()


def test_text_typed_for_a_cue_is_kept_when_next_problem_moves_on(qtbot, talk):
    window, panel, model = _with_track(qtbot, talk)
    qtbot.waitUntil(lambda: bool(panel.shots), timeout=30_000)  # cue 1 ends past the cut
    panel.select_row(2)
    panel.editor.setFocus()
    qtbot.keyClick(panel.editor, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(panel.editor, "Really? You never said.")
    qtbot.keyClick(panel.editor, Qt.Key.Key_F8)  # the window's shortcut, typing not committed
    assert panel.current_row() == 0
    assert model.track.cues[2].text == "Really? You never said."
    assert panel.editor.toPlainText() == model.track.cues[panel.current_row()].text
    window.close()
