"""The sentence cells as drawn: the word being played stands out, also in the selected row."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage

from desktop.ui.editor.model import Column


def _dominant(image: QImage, rect: QRect) -> str:
    """The colour most pixels of ``rect`` have (the fill behind the word's letters)."""
    counts = Counter(
        image.pixelColor(x, y).name()
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )
    return counts.most_common(1)[0][0]


def test_the_current_word_is_visible_in_the_selected_row(qtbot, editor) -> None:
    view, model = editor.view, editor.model
    editor.activateWindow()
    view.setFocus()
    qtbot.waitUntil(editor.isActiveWindow)
    view.setCurrentIndex(model.index(1, Column.TEXT))
    view.selectRow(1)
    sentence = model.sentence(1)
    model.set_position(sentence.words[1].begin_ms + 10)
    assert model.playhead == (1, 1)
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    current = _dominant(image, view.word_rect(1, 1))
    other = _dominant(image, view.word_rect(1, 2))
    assert current != other, "the current word is drawn blue on blue in the selected row"
