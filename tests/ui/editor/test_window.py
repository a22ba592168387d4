"""The editor as a user drives it: click words, play, edit, undo, reopen."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from desktop.domain.editing import SentenceRef, sentence_at
from desktop.settings import Settings, save_settings
from desktop.store.library import Library, LibraryFile
from desktop.ui.editor.delegate import SentenceEditor
from desktop.ui.editor.model import Column
from desktop.ui.editor.window import open_library_item

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def click_word(qtbot, editor, row: int, word: int) -> None:
    rect = editor.view.word_rect(row, word)
    assert rect.isValid(), f"word {word} of row {row} is not on screen"
    qtbot.mouseClick(editor.view.viewport(), LEFT, pos=rect.center())


def double_click(qtbot, widget, pos) -> None:
    """What a real double click delivers: press, release, then the double-click event."""
    qtbot.mouseClick(widget, LEFT, pos=pos)
    qtbot.mouseDClick(widget, LEFT, pos=pos)


def test_clicking_a_word_plays_from_that_word(qtbot, editor, speech):
    _track, timings = speech
    truth = timings[1][2]
    click_word(qtbot, editor, 1, 2)
    assert editor.player.is_playing(), "a click on a word must play from it (README)"
    qtbot.waitUntil(lambda: editor.player.libvlc_time() > truth.begin_ms)
    assert editor.player.libvlc_time() < truth.begin_ms + 3000
    editor.player.pause()


def test_clicking_a_word_only_seeks_when_settings_say_so(qtbot, editor, speech):
    save_settings(Settings(click_plays=False))
    _track, timings = speech
    for row, word in [(1, 2), (0, 0), (2, 1), (1, 3)]:
        truth = timings[row][word]
        click_word(qtbot, editor, row, word)
        assert abs(editor.player.position() - truth.begin_ms) <= 50
        # libvlc itself goes there, not only our clock.
        qtbot.waitUntil(lambda t=truth: abs(editor.player.libvlc_time() - t.begin_ms) <= 50)
        assert editor.model.playhead == (row, word)  # and that word is highlighted
    assert not editor.player.is_playing()


def test_clicking_the_time_cell_seeks_to_the_sentence(qtbot, editor, speech):
    _track, timings = speech
    cell = editor.view.visualRect(editor.model.index(2, Column.START))
    qtbot.mouseClick(editor.view.viewport(), LEFT, pos=cell.center())
    assert editor.player.position() == timings[2][0].begin_ms
    qtbot.waitUntil(lambda: abs(editor.player.libvlc_time() - timings[2][0].begin_ms) <= 50)


def test_highlight_follows_playback_word_by_word(qtbot, editor, speech):
    _track, timings = speech
    words = [(row, i, w) for row, spoken in enumerate(timings) for i, w in enumerate(spoken)]
    first_seen: dict[tuple[int, int], tuple[float, int]] = {}  # word → (when, media ms)
    reports: list[float] = []

    def on_position(ms: int) -> None:
        now = time.monotonic()
        reports.append(now)
        playhead = editor.model.playhead
        if playhead is not None:
            first_seen.setdefault((playhead.row, playhead.word), (now, ms))

    editor.seek(0)
    editor.player.position_changed.connect(on_position)
    editor.player.play()
    last = words[-1][2]
    qtbot.waitUntil(lambda: editor.player.position() > last.end_ms, timeout=30_000)
    editor.player.pause()
    # Every word lit up, in order, as the media reached it (measured in media time:
    # how long libvlc takes to start on a busy machine is not the editor's lag).
    for row, index, spoken in words:
        assert (row, index) in first_seen, f"{spoken.text} was never highlighted"
        lag = first_seen[(row, index)][1] - spoken.begin_ms
        assert 0 <= lag < 250, f"{spoken.text} highlighted {lag:+d} ms after it began"
    order = sorted(first_seen, key=first_seen.get)
    assert order == [(row, index) for row, index, _ in words]
    # Position reports come at 20 Hz or more while playing.
    span = reports[-1] - reports[0]
    assert len(reports) / span >= 20


def test_editing_text_keeps_untouched_word_times_and_undo_redo(qtbot, editor, speech):
    _track, timings = speech
    view = editor.view
    cell = view.visualRect(editor.model.index(1, Column.TEXT))
    double_click(qtbot, view.viewport(), cell.center())
    line = view.open_editor()
    assert isinstance(line, SentenceEditor)
    assert line.text() == "this is a test"
    line.selectAll()
    qtbot.keyClicks(line, "this is the best test")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.open_editor() is None)  # Qt commits on the next loop turn
    sentence = sentence_at(editor.session.transcript, SentenceRef(0, 1))
    assert sentence.text == "this is the best test"
    spans = {w.text.strip(): (w.begin_ms, w.end_ms) for w in sentence.words}
    truth = {s.text: (s.begin_ms, s.end_ms) for s in timings[1]}
    for word in ("this", "is", "test"):
        assert spans[word] == truth[word]
    # The replaced "a" leaves its span to "the best", shared by length.
    assert truth["is"][1] <= spans["the"][0] < spans["best"][0] < truth["test"][0]
    assert editor.model.data(editor.model.index(1, Column.TEXT)) == "this is the best test"

    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert editor.model.data(editor.model.index(1, Column.TEXT)) == "this is a test"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert editor.model.data(editor.model.index(1, Column.TEXT)) == "this is the best test"


def test_edits_are_autosaved_and_shown_after_reopening(qtbot, editor, speech_item):
    editor.model.setData(editor.model.index(0, Column.TEXT), "hello there world again")
    qtbot.waitUntil(lambda: editor.save_label.text() == "All changes saved", timeout=20_000)
    with Library.open() as library:
        saved = library.transcript(speech_item)
        original = library.original_transcript(speech_item)
    assert saved.channels[0].sentences[0].text == "hello there world again"
    assert original.channels[0].sentences[0].text == "hello world again"
    editor.close()

    again = open_library_item(LibraryFile.default(), speech_item)
    qtbot.addWidget(again)
    assert again.model.data(again.model.index(0, Column.TEXT)) == "hello there world again"
    again.revert_to_original()
    assert again.model.data(again.model.index(0, Column.TEXT)) == "hello world again"
    again.session.undo_stack.undo()
    assert again.model.data(again.model.index(0, Column.TEXT)) == "hello there world again"
    again.close()
    with Library.open() as library:
        assert library.transcript(speech_item).channels[0].sentences[0].text == (
            "hello there world again"
        )


def test_a_long_sentence_is_edited_in_a_box_tall_enough_to_show_all_of_it(qtbot, editor):
    view, model = editor.view, editor.model
    long_text = " ".join(["this is a test"] * 30)
    assert model.setData(model.index(1, Column.TEXT), long_text)
    cell = view.visualRect(model.index(1, Column.TEXT))
    double_click(qtbot, view.viewport(), cell.center())
    box = view.open_editor()
    assert isinstance(box, SentenceEditor)
    assert box.text() == long_text
    assert box.document().lineCount() > 1 or box.height() > cell.height() * 2
    assert box.height() >= box.height_for(box.width()) - 2  # no line hidden
    assert box.verticalScrollBar().value() == 0  # the start of the sentence is in view
