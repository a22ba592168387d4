"""Editing commands from the keyboard and menus, as a corrector uses them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from desktop.domain.editing import SentenceRef, sentence_at
from desktop.store.library import LibraryFile
from desktop.ui.editor.delegate import SentenceEditor
from desktop.ui.editor.model import Column

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def texts(editor) -> list[str]:
    model = editor.model
    return [model.data(model.index(r, Column.TEXT)) for r in range(model.rowCount())]


def open_text_editor(qtbot, editor, row: int) -> SentenceEditor:
    view = editor.view
    cell = view.visualRect(editor.model.index(row, Column.TEXT))
    qtbot.mouseClick(view.viewport(), LEFT, pos=cell.center())
    qtbot.mouseDClick(view.viewport(), LEFT, pos=cell.center())
    line = view.open_editor()
    assert isinstance(line, SentenceEditor)
    return line


def test_playback_shortcuts_work_while_typing(qtbot, editor, speech):
    _track, timings = speech
    line = open_text_editor(qtbot, editor, 1)
    before = line.text()
    qtbot.keyClick(line, Qt.Key.Key_Space, CTRL)
    assert editor.player.is_playing()
    assert line.text() == before  # the shortcut did not type a space
    qtbot.keyClick(line, Qt.Key.Key_Space, CTRL)
    assert not editor.player.is_playing()

    editor.seek(6000)
    qtbot.keyClick(line, Qt.Key.Key_Left, ALT)
    assert editor.player.position() == 1000
    qtbot.keyClick(line, Qt.Key.Key_Right, ALT)
    assert editor.player.position() == 6000
    assert editor.view.open_editor() is line  # still typing

    # Ctrl+R replays the sentence being edited from its first word.
    qtbot.keyClick(line, Qt.Key.Key_R, CTRL)
    assert editor.player.is_playing()
    assert abs(editor.player.position() - timings[1][0].begin_ms) < 100
    editor.player.pause()


def test_split_at_cursor_then_merge_back_and_undo(qtbot, editor, speech):
    _track, timings = speech
    line = open_text_editor(qtbot, editor, 1)
    line.setCursorPosition(len("this is "))
    qtbot.keyClick(line, Qt.Key.Key_Return, CTRL)
    assert texts(editor) == ["hello world again", "this is", "a test", "good morning everyone"]
    second = sentence_at(editor.session.transcript, SentenceRef(0, 2))
    assert second.begin_ms == timings[1][2].begin_ms  # starts exactly at "a"

    editor.view.setCurrentIndex(editor.model.index(1, Column.TEXT))
    qtbot.keyClick(editor.view, Qt.Key.Key_J, CTRL)
    assert texts(editor) == ["hello world again", "this is a test", "good morning everyone"]
    merged = sentence_at(editor.session.transcript, SentenceRef(0, 1))
    assert [w.begin_ms for w in merged.words] == [s.begin_ms for s in timings[1]]

    editor.session.undo_stack.undo()
    assert texts(editor)[1:3] == ["this is", "a test"]
    editor.session.undo_stack.undo()
    assert texts(editor)[1] == "this is a test"


def test_split_before_a_clicked_word(qtbot, editor, speech):
    rect = editor.view.word_rect(2, 1)  # "morning"
    qtbot.mouseClick(editor.view.viewport(), LEFT, pos=rect.center())
    qtbot.keyClick(editor.view, Qt.Key.Key_Return, CTRL)
    assert texts(editor)[2:] == ["good", "morning everyone"]


def test_rename_speaker_everywhere_and_reassign(qtbot, qapp, speech):
    from desktop.ui.editor.window import open_library_item
    from tests.helpers.speech_media import add_to_library, transcript_of

    track, timings = speech
    transcript = transcript_of(timings, track, speaker_id=0)
    item = add_to_library(transcript, track)
    editor = open_library_item(LibraryFile.default(), item)
    qtbot.addWidget(editor)
    editor.show()
    model = editor.model
    assert not editor.view.isColumnHidden(Column.SPEAKER)
    editor.view.setCurrentIndex(model.index(0, Column.TEXT))
    editor.ask_speaker_name()
    dialog = editor.findChild(QInputDialog, "renameSpeakerDialog")
    dialog.setTextValue("Dr. Wang")
    dialog.accept()
    assert [model.data(model.index(r, Column.SPEAKER)) for r in range(3)] == ["Dr. Wang"] * 3

    # Reassign the middle sentence to a new speaker through the Speaker column's list.
    editor.view.edit(model.index(1, Column.SPEAKER))
    combo = editor.view.indexWidget(model.index(1, Column.SPEAKER))
    combo.setCurrentIndex(combo.findText("New speaker"))
    editor.view.commitData(combo)
    assert model.data(model.index(1, Column.SPEAKER)) == "Speaker 2"
    assert model.data(model.index(2, Column.SPEAKER)) == "Dr. Wang"
    speakers = editor.filters.speaker  # the filter's list follows (after a short pause)
    qtbot.waitUntil(lambda: "Speaker 2" in [speakers.itemText(i) for i in range(speakers.count())])
    editor.close()


def test_find_and_replace_all_and_one(qtbot, editor):
    qtbot.keyClick(editor.view, Qt.Key.Key_H, CTRL)
    bar = editor.find_bar
    assert bar.isVisible() and bar.find_field.hasFocus()
    qtbot.keyClicks(bar.find_field, "O")
    bar.replace_field.setText("0")
    bar.match_case.setChecked(True)
    qtbot.mouseClick(bar.replace_all_button, LEFT)
    assert bar.status.text() == "No match"
    bar.match_case.setChecked(False)
    qtbot.mouseClick(bar.replace_all_button, LEFT)
    assert bar.status.text() == "6 replaced"
    assert texts(editor) == ["hell0 w0rld again", "this is a test", "g00d m0rning every0ne"]
    editor.session.undo_stack.undo()  # one undo step for the whole replace-all
    assert texts(editor)[0] == "hello world again"

    bar.find_field.setText("morning")
    bar.whole_word.setChecked(True)
    bar.replace_field.setText("evening")
    qtbot.mouseClick(bar.next_button, LEFT)
    assert bar.status.text() == "1 of 1"
    assert editor.view.currentIndex().row() == 2
    qtbot.mouseClick(bar.replace_button, LEFT)
    assert texts(editor)[2] == "good evening everyone"
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_reviewed_checkbox_and_next_unreviewed(qtbot, editor):
    view, model = editor.view, editor.model
    box = view.visualRect(model.index(0, Column.REVIEWED))
    qtbot.mouseClick(view.viewport(), LEFT, pos=box.center())
    assert model.sentence(0).reviewed
    view.setCurrentIndex(model.index(1, Column.TEXT))
    qtbot.keyClick(view, Qt.Key.Key_D, CTRL)  # mark reviewed, go on to the next unreviewed
    assert model.sentence(1).reviewed
    assert view.currentIndex().row() == 2
    qtbot.keyClick(view, Qt.Key.Key_D, CTRL)
    assert editor.statusBar().currentMessage() == "Every sentence shown is reviewed"


def test_nudges_and_typed_times(qtbot, editor, speech):
    _track, timings = speech
    view, model = editor.view, editor.model
    begin, end = timings[1][0].begin_ms, timings[1][-1].end_ms
    view.setCurrentIndex(model.index(1, Column.TEXT))
    qtbot.keyClick(view, Qt.Key.Key_BracketRight, ALT)
    qtbot.keyClick(view, Qt.Key.Key_Minus, ALT)
    sentence = model.sentence(view.currentIndex().row())
    assert (sentence.begin_ms, sentence.end_ms) == (begin + 100, end - 100)

    assert model.setData(model.index(1, Column.START), "0:02.000")
    assert model.sentence(1).begin_ms == 2000
    assert not model.setData(model.index(1, Column.END), "soon")
    assert "not a time" in editor.statusBar().currentMessage()
    assert not model.setData(model.index(1, Column.END), "0:01.000")  # before the start
    assert "end after it starts" in editor.statusBar().currentMessage()


def test_after_a_split_the_selection_stays_on_the_split_sentence(qtbot, editor, speech):
    rect = editor.view.word_rect(1, 2)  # "a" in "this is a test"
    qtbot.mouseClick(editor.view.viewport(), LEFT, pos=rect.center())
    assert editor.view.currentIndex().row() == 1
    qtbot.keyClick(editor.view, Qt.Key.Key_Return, CTRL)
    assert texts(editor)[1:3] == ["this is", "a test"]
    assert editor.view.currentIndex().row() == 1


def test_next_unreviewed_from_the_first_row_goes_to_the_second(qtbot, editor):
    view, model = editor.view, editor.model
    view.setCurrentIndex(model.index(0, Column.TEXT))
    qtbot.keyClick(view, Qt.Key.Key_D, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert view.currentIndex().row() == 1
    view.setCurrentIndex(model.index(0, Column.TEXT))
    editor.next_unreviewed()  # as other code calls it, with no row given
    assert view.currentIndex().row() == 1, "row 0 was taken for no row at all"
