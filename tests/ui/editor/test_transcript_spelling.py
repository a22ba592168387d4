"""Spell checking in the transcript's sentence editor: underlines, suggestions found off the
GUI thread, Add to dictionary, and the job's own terms never flagged."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from desktop.dashscope.options import TranscriptionOptions
from desktop.domain.transcript import Channel, Sentence, Transcript
from desktop.jobs import job_options
from desktop.spelling.personal_words import PersonalWords
from desktop.store.library import Library, LibraryFile
from desktop.ui.editor.delegate import SentenceEditor
from desktop.ui.editor.model import Column
from desktop.ui.editor.window import TranscriptEditor, open_library_item
from tests.helpers.speech_media import encode_result

SENTENCES = (
    Sentence(0, 2000, "We shipped Tingxie today."),
    Sentence(2000, 4000, "It runs on Qwen models."),
)


def _item_from_job(options: TranscriptionOptions, sentences=SENTENCES) -> int:
    """A library item made by a finished job that was submitted with ``options``."""
    transcript = Transcript("file:///talk.wav", (Channel(0, sentences),), duration_ms=4000)
    encoded = job_options.encode(options)
    with Library.open() as library:
        job = library.jobs.add(
            source="/talk.wav",
            is_url=False,
            title="talk",
            model="qwen3-asr-flash-filetrans",
            options=encoded,
            batch_key=job_options.batch_key("qwen3-asr-flash-filetrans", encoded),
        )
        return library.add_item(
            raw=encode_result(transcript),
            source="test",
            transcript=transcript,
            title="talk",
            origin="job",
            completes_job=job.id,
        )


def _open_sentence(qtbot, item: int, row: int) -> tuple[TranscriptEditor, SentenceEditor]:
    window = open_library_item(LibraryFile.default(), item)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.view.words.spell_checker() is not None, timeout=20_000)
    index = window.model.index(row, Column.TEXT)
    window.view.setCurrentIndex(index)
    window.view.edit(index)
    editor = window.view.open_editor()
    assert isinstance(editor, SentenceEditor)
    return window, editor


def test_misspellings_are_underlined_and_the_menu_offers_suggestions_and_add(qtbot) -> None:
    item = _item_from_job(
        TranscriptionOptions(language="en", context_text="Tingxie, DashScope", enable_itn=True)
    )
    window, editor = _open_sentence(qtbot, item, 1)
    # The job's context text (what the recogniser was told) is never flagged.
    editor.setText("Tingxie runs on Qwenn modls.")
    assert [m.word for m in editor.misspellings()] == ["Qwenn", "modls"]
    block = editor.document().firstBlock()
    squiggle = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    underlined = [r for r in block.layout().formats() if r.format.underlineStyle() == squiggle]
    assert [(r.start, r.length) for r in underlined] == [(16, 5), (22, 5)]
    menu = QMenu()
    started = time.monotonic()
    editor.add_spelling_actions(menu, 24)  # inside "modls"
    assert time.monotonic() - started < 0.2, "the suggestions held up the menu"
    texts = [a.text() for a in menu.actions()]
    assert "Looking for suggestions…" in texts and "Add “modls” to dictionary" in texts
    qtbot.waitUntil(lambda: "models" in [a.text() for a in menu.actions()], timeout=10_000)
    assert "Looking for suggestions…" not in [a.text() for a in menu.actions()]
    next(a for a in menu.actions() if a.text() == "models").trigger()
    assert editor.text() == "Tingxie runs on Qwenn models."
    menu = QMenu()
    editor.add_spelling_actions(menu, 18)
    next(a for a in menu.actions() if a.text().startswith("Add")).trigger()
    assert editor.misspellings() == []
    assert "Qwenn" in PersonalWords().words()  # kept for every session
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.view.open_editor() is None)
    assert window.session.transcript.merged_sentences()[1].text == "Tingxie runs on Qwenn models."
    window.close()


def test_chinese_is_not_checked_and_the_editor_says_why(qtbot) -> None:
    sentences = (Sentence(0, 2000, "今天我们发布了新版本。"), Sentence(2000, 4000, "谢谢大家。"))
    item = _item_from_job(TranscriptionOptions(), sentences)
    window = open_library_item(LibraryFile.default(), item)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(window.view.words._spelling_reason), timeout=20_000)
    index = window.model.index(0, Column.TEXT)
    window.view.edit(index)
    editor = window.view.open_editor()
    assert isinstance(editor, SentenceEditor)
    assert editor.spelling.checker is None
    assert "Chinese is not spell-checked" in editor.toolTip()
    window.close()


# offscreen: a popup cannot be raised nor grab the keyboard
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_a_right_click_opens_the_menu_at_once_and_a_suggestion_replaces_the_word(qtbot) -> None:
    item = _item_from_job(TranscriptionOptions(language="en"))
    window, editor = _open_sentence(qtbot, item, 0)
    editor.setText("We shiped it.")
    rect = editor.cursorRect(_cursor_at(editor, 5))
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, rect.center(), editor.mapToGlobal(rect.center())
    )
    QApplication.sendEvent(editor.viewport(), event)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    qtbot.waitUntil(lambda: "shipped" in [a.text() for a in menu.actions()], timeout=10_000)
    assert window.view.open_editor() is editor, "the menu closed the sentence editor"
    next(a for a in menu.actions() if a.text() == "shipped").trigger()
    menu.close()
    assert editor.text() == "We shipped it." and editor.misspellings() == []
    window.close()


def _cursor_at(editor: SentenceEditor, position: int) -> QTextCursor:
    cursor = QTextCursor(editor.document())
    cursor.setPosition(position)
    return cursor
