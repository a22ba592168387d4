"""Compare versions in the editor: the original result against the corrections, side by side."""

from __future__ import annotations

from msgspec.structs import replace
from PySide6.QtCore import Qt

from desktop.ui.editor.compare import CompareDialog
from desktop.ui.editor.model import Column
from tests.helpers.speech_media import add_to_library, transcript_of


def correct_first_sentence(qtbot, editor, text: str) -> None:
    editor.model.setData(editor.model.index(0, Column.TEXT), text)
    assert editor.session.flush()


def open_compare(qtbot, editor) -> CompareDialog:
    qtbot.keyClick(editor.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    dialog = editor.compare_dialog
    assert dialog is not None and dialog.isVisible()
    compared(qtbot, dialog)
    return dialog


def compared(qtbot, dialog: CompareDialog) -> None:
    """The comparison runs off the UI thread: wait for it to be shown."""
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)


def test_the_original_and_the_correction_show_word_by_word_and_a_change_can_be_taken(qtbot, editor):
    correct_first_sentence(qtbot, editor, "hello word again")
    dialog = open_compare(qtbot, editor)
    assert dialog.version.currentText().startswith("The original result")
    assert dialog.hunks.rowCount() == 1
    assert dialog.hunks.index(0).data() == "1. word  →  world"
    assert dialog.summary.text() == "1 change; 90% of the words are the same"
    assert dialog.left.toPlainText().splitlines()[0] == "hello word again"
    assert dialog.right.toPlainText().splitlines()[0] == "hello world again"
    assert "#c8ecc8" in dialog.right.toHtml().lower() or "200, 236, 200" in dialog.right.toHtml()

    qtbot.mouseClick(dialog.take_one, Qt.MouseButton.LeftButton)
    first = editor.session.transcript.channels[0].sentences[0]
    assert first.text == "hello world again"
    assert dialog.summary.text() == "Comparing…" and not dialog.take_one.isEnabled()
    compared(qtbot, dialog)
    assert dialog.hunks.rowCount() == 0 and not dialog.take_one.isEnabled()
    assert dialog.summary.text() == "The two versions have the same words"

    editor.undo_action.trigger()  # the comparison follows the text back
    assert editor.session.transcript.channels[0].sentences[0].text == "hello word again"
    compared(qtbot, dialog)
    assert dialog.hunks.rowCount() == 1


def test_another_models_run_of_the_same_media_can_be_compared_and_taken_whole(
    qtbot, qtmodeltester, editor, speech
):
    track, timings = speech
    other = transcript_of(timings, track)
    sentences = list(other.channels[0].sentences)
    sentences[1] = replace(sentences[1], text="this is the test")
    sentences[2] = replace(sentences[2], text="good morning, everyone")
    other_channel = replace(other.channels[0], sentences=tuple(sentences))
    add_to_library(replace(other, channels=(other_channel,)), track)
    dialog = open_compare(qtbot, editor)
    labels = [dialog.version.itemText(i) for i in range(dialog.version.count())]
    other_label = next(label for label in labels if "(item " in label)
    dialog.version.setCurrentIndex(labels.index(other_label))
    compared(qtbot, dialog)
    assert [dialog.hunks.index(i).data() for i in range(dialog.hunks.rowCount())] == [
        "1. a  →  the",
        "2. ∅  →  ,",
    ]
    qtmodeltester.check(dialog.hunks)  # and again as taking every change empties it
    qtbot.mouseClick(dialog.take_all, Qt.MouseButton.LeftButton)
    texts = [s.text for s in editor.session.transcript.channels[0].sentences]
    assert texts == ["hello world again", "this is the test", "good morning, everyone"]
    editor.undo_action.trigger()
    texts = [s.text for s in editor.session.transcript.channels[0].sentences]
    assert texts == ["hello world again", "this is a test", "good morning everyone"]
