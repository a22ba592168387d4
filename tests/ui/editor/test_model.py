"""The table model and filter bar: which sentences show, and what a change repaints."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt

from desktop.domain import editing
from desktop.domain.durations import parse_time
from desktop.domain.transcript import Channel, Sentence, Transcript, Word
from desktop.store.library import LibraryFile
from desktop.ui.editor.model import Column, PlayheadWordRole, RowFilter, TranscriptModel
from desktop.ui.editor.session import TranscriptSession
from desktop.ui.editor.window import TranscriptEditor, open_library_item
from tests.helpers.speech_media import add_to_library


def call(begin: int, text: str, channel: int, **kw) -> Sentence:
    words = tuple(
        Word(begin + 300 * i, begin + 300 * (i + 1), w + " ") for i, w in enumerate(text.split())
    )
    return Sentence(begin, begin + 300 * len(words), text, words=words, channel_id=channel, **kw)


@pytest.fixture
def call_centre() -> Transcript:
    """A stereo call: agent on channel 0, caller on channel 1, labels from SenseVoice."""
    agent = (
        call(0, "hello how can I help", 0, speaker_id=0),
        call(4000, "I am sorry to hear that", 0, speaker_id=0, emotion="SAD"),
    )
    caller = (
        call(2000, "my order never came", 1, speaker_id=0, emotion="ANGRY"),
        call(6000, "well thanks", 1, speaker_id=1, events=("Laughter",)),
        Sentence(8000, 9000, "[applause]", channel_id=1, events=("Applause",)),
    )
    return Transcript("file:///call.wav", channels=(Channel(0, agent), Channel(1, caller)))


@pytest.fixture
def editor(qtbot, call_centre) -> TranscriptEditor:
    window = open_library_item(
        LibraryFile.default(), add_to_library(call_centre, None, title="call")
    )
    qtbot.addWidget(window)
    window.show()
    return window


def shown(editor) -> list[str]:
    m = editor.model
    return [m.data(m.index(r, Column.TEXT)) for r in range(m.rowCount())]


def test_channels_merge_by_time_and_filter_one(qtbot, editor):
    assert shown(editor) == [
        "hello how can I help",
        "my order never came",
        "I am sorry to hear that",
        "well thanks",
        "[applause]",
    ]
    bar = editor.filters
    assert bar.channel.isVisible()
    bar.channel.setCurrentIndex(bar.channel.findText("Channel 1"))
    bar.channel.activated.emit(bar.channel.currentIndex())
    assert shown(editor) == ["my order never came", "well thanks", "[applause]"]
    assert bar.count.text() == "3 of 5 sentences"


def test_filter_by_emotion_event_and_speaker(qtbot, editor):
    bar = editor.filters
    labels = [bar.label.itemText(i) for i in range(bar.label.count())]
    assert labels == ["All labels", "ANGRY", "SAD", "Applause", "Laughter"]
    bar.label.setCurrentIndex(1)
    bar.label.activated.emit(1)
    assert shown(editor) == ["my order never came"]
    bar.label.setCurrentIndex(labels.index("Laughter"))
    bar.label.activated.emit(bar.label.currentIndex())
    assert shown(editor) == ["well thanks"]
    bar.label.setCurrentIndex(0)
    speakers = [bar.speaker.itemText(i) for i in range(bar.speaker.count())]
    assert speakers == [
        "All speakers",
        "Speaker 1 (channel 0)",
        "Speaker 1 (channel 1)",
        "Speaker 2 (channel 1)",
    ]
    bar.speaker.setCurrentIndex(2)
    bar.speaker.activated.emit(2)
    assert shown(editor) == ["my order never came"]
    # Edits while filtered go to the right sentence of the right channel.
    editor.model.setData(editor.model.index(0, Column.TEXT), "my order never arrived")
    assert editor.session.transcript.channels[1].sentences[0].text == "my order never arrived"


def test_the_model_passes_qts_model_checks_through_edits_splits_merges_and_undo(
    qtbot, qtmodeltester, editor
):
    model = editor.model
    qtmodeltester.check(model)  # stays attached: each change below is checked as it happens
    model.setData(model.index(0, Column.TEXT), "hello how may I help")
    model.setData(model.index(0, Column.REVIEWED), Qt.CheckState.Checked.value,
                  Qt.ItemDataRole.CheckStateRole)  # fmt: skip
    ref = model.ref(1)
    assert editor.session.apply("split", lambda t: editing.split_sentence(t, ref, 9))
    assert shown(editor)[1:3] == ["my order", "never came"]
    assert editor.session.apply("merge", lambda t: editing.merge_with_next(t, ref))
    model.retime(0, 7000, 7500)  # the first sentence moves after three others
    assert shown(editor)[3] == "hello how may I help"
    model.set_position(2350)
    model.set_filter(RowFilter(channel_id=1))
    assert shown(editor) == ["my order never came", "well thanks", "[applause]"]
    model.set_filter(RowFilter())
    while editor.session.undo_stack.canUndo():
        editor.session.undo_stack.undo()
    assert shown(editor)[0] == "hello how can I help"


def test_a_sentence_without_word_times_seeks_to_its_start(qtbot, editor):
    seeks = []
    editor.view.seek_requested.connect(seeks.append)
    cell = editor.view.visualRect(editor.model.index(4, Column.TEXT))
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    assert seeks == [8000]


def test_an_edit_repaints_only_its_row_and_keeps_the_selection(qtbot, editor):
    model, view = editor.model, editor.view
    view.setCurrentIndex(model.index(3, Column.TEXT))
    changed = []
    model.dataChanged.connect(lambda top, bottom, *_: changed.append((top.row(), bottom.row())))
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    model.setData(model.index(1, Column.TEXT), "my order never came at all")
    assert changed == [(1, 1)]
    assert not resets
    assert view.currentIndex().row() == 3


def test_playhead_moves_the_highlight_and_follows(qtbot, editor):
    model = editor.model
    assert model.set_position(2350) == (1, 1)  # "order"
    assert model.data(model.index(1, Column.TEXT), PlayheadWordRole) == 1
    assert model.data(model.index(0, Column.TEXT), Qt.ItemDataRole.UserRole + 2) is None
    assert model.set_position(3500) is None  # between sentences


def test_parse_time_accepts_what_the_cells_show():
    assert parse_time("1:02.345") == 62_345
    assert parse_time("1:00:00.5") == 3_600_500
    assert parse_time("12.25") == 12_250
    with pytest.raises(ValueError, match="not a time"):
        parse_time("soon")


def test_model_data_does_not_wear_out_none(qtbot, call_centre):
    """PySide6 6.12.0 on Python 3.11 dropped a reference to None on every ``data()``
    that returned None, until the interpreter aborted; pyproject excludes it."""
    model = TranscriptModel(
        TranscriptSession(
            add_to_library(call_centre, None), call_centre, library=LibraryFile.default()
        )
    )
    index = model.index(0, Column.LABELS)
    before = sys.getrefcount(None)
    for _ in range(2000):
        index.data(Qt.ItemDataRole.DecorationRole)  # a role the model has nothing for
    assert sys.getrefcount(None) >= before - 50
    model.session.close()


@pytest.fixture
def long_editor(qtbot) -> TranscriptEditor:
    sentences = tuple(call(i * 2000, f"sentence number {i} is here", 0) for i in range(300))
    transcript = Transcript("file:///long.wav", channels=(Channel(0, sentences),))
    window = open_library_item(
        LibraryFile.default(), add_to_library(transcript, None, title="long")
    )
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    return window


def row_on_screen(editor, row: int) -> bool:
    rect = editor.view.visualRect(editor.model.index(row, Column.TEXT))
    return editor.view.viewport().rect().contains(rect)


def test_playback_keeps_the_sentence_in_view_unless_the_user_scrolls_or_edits(
    qtbot, long_editor, monkeypatch
):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    from desktop.ui.editor import view as transcript_view

    editor = long_editor
    assert not row_on_screen(editor, 250)
    editor.model.set_position(250 * 2000 + 100)
    assert row_on_screen(editor, 250)

    # The user scrolls with the wheel: playback stops dragging the view for a while.
    wheel = QWheelEvent(
        QPointF(50, 50), QPointF(50, 50), QPoint(0, 0), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(editor.view.viewport(), wheel)
    editor.model.set_position(10 * 2000 + 100)
    assert not row_on_screen(editor, 10)
    monkeypatch.setattr(transcript_view, "FOLLOW_PAUSE_S", 0.0)  # ... that while is over
    editor.model.set_position(20 * 2000 + 100)
    assert row_on_screen(editor, 20)

    # Typing in a sentence: the view stays where the user is typing.
    editor.view.edit(editor.model.index(21, Column.TEXT))
    assert editor.view.open_editor() is not None
    editor.model.set_position(200 * 2000 + 100)
    assert not row_on_screen(editor, 200)
    assert row_on_screen(editor, 21)


def test_closing_when_saving_fails_asks_before_losing_edits(qtbot, long_editor):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.store.library import Library

    editor = long_editor
    with Library.open() as library:
        library.delete_item(editor.session.item_id)  # the item vanished: saving must fail
    editor.model.setData(editor.model.index(0, Column.TEXT), "an edit with nowhere to go")

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert "could not be saved" in box.text() and "no library item" in box.text()
        box.button(button).click()

    QTimer.singleShot(200, lambda: answer(QMessageBox.StandardButton.Cancel))
    editor.close()
    assert editor.isVisible()  # still open, the edit still there
    assert editor.model.data(editor.model.index(0, Column.TEXT)) == "an edit with nowhere to go"
    QTimer.singleShot(200, lambda: answer(QMessageBox.StandardButton.Discard))
    editor.close()
    assert not editor.isVisible()
