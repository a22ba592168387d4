"""Painting a sentence word by word, and knowing where each word is on screen.

The text cell lays its words out itself (a simple line flow: a word that does
not fit starts the next line), so the same layout serves painting, the
karaoke highlight of the word being played, and hit-testing a click to the
word under the mouse. Layouts are cached per sentence object and width; an
edited sentence is a new object, so its stale layout is never reused.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.domain.editing import speaker_ids
from desktop.domain.transcript import Sentence
from desktop.spelling.checker import SpellChecker
from desktop.ui.editor.model import PlayheadWordRole, TranscriptModel
from desktop.ui.editor.spelling_edit import SpellingTextEdit

Index = QModelIndex | QPersistentModelIndex
PAD_X = 4
PAD_TOP = 1  # level with the text Qt draws in the other columns
PAD_Y = 6  # top and bottom together: some air between rows
_CACHE_SIZE = 4096
_NO_SPEAKER = -1


@dataclass(frozen=True)
class WordLayout:
    """Word rectangles relative to the cell's top-left corner, and the cell height."""

    sentence: Sentence
    rects: tuple[QRect, ...]
    height: int
    block: QRect | None = None  # text of a sentence without word times


def current_word_colours(palette: QPalette, selected: bool) -> tuple[QColor, QColor]:
    """(fill, text) of the word being played: the selection colour in a plain row, and
    the reverse (base on highlight) in the selected row, where blue on blue would vanish."""
    if selected:
        return palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Highlight)
    return palette.color(QPalette.ColorRole.Highlight), palette.color(
        QPalette.ColorRole.HighlightedText
    )


class SentenceEditor(SpellingTextEdit):
    """The editor of a sentence's text: wrapped over as many lines as the text needs, so the
    start of a long sentence stays in view. Return commits (Shift+Return too: a sentence
    has no line breaks); the line-edit calls the window uses (text, cursorPosition) work.
    Misspellings are underlined as in the cue editor; the context menu offers the
    dictionary's suggestions (looked up off the GUI thread: half a second with spylls,
    filled into the open menu) and "Add to dictionary".

    Signals:
        commit_requested(): Return was pressed
    """

    commit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabChangesFocus(True)

    # -- the line-edit calls ---------------------------------------------------

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.End)

    def cursorPosition(self) -> int:
        return self.textCursor().position()

    def setCursorPosition(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(max(0, min(position, len(self.toPlainText()))))
        self.setTextCursor(cursor)

    def insert(self, text: str) -> None:
        self.insertPlainText(text)

    def height_for(self, width: int) -> int:
        """The height that shows the whole text at ``width``."""
        document = self.document().clone()
        document.setTextWidth(max(width - 8, 40))
        margins = self.contentsMargins()
        return int(document.size().height()) + margins.top() + margins.bottom() + 8

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not plain:
            self.commit_requested.emit()
            return
        super().keyPressEvent(event)


class WordDelegate(QStyledItemDelegate):
    """Paints the Text column word by word and edits it with a line editor.

    Signals:
        height_needed(int, int): row, height: the row is painted with the wrong height
        editor_opened(QWidget)
    """

    height_needed = Signal(int, int)
    editor_opened = Signal(QWidget)

    def __init__(self, model: TranscriptModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._cache: OrderedDict[tuple[int, int], WordLayout] = OrderedDict()
        self._metrics: QFontMetrics | None = None
        self._checker: SpellChecker | None = None
        self._spelling_reason = ""
        self._editor: SentenceEditor | None = None

    def set_spell_checker(self, checker: SpellChecker | None, reason: str = "") -> None:
        """Check the sentence being edited (and each one opened later) with ``checker``."""
        self._checker, self._spelling_reason = checker, reason
        if self._editor is not None and shiboken6.isValid(self._editor):
            self._editor.set_spell_checker(checker, reason)

    def spell_checker(self) -> SpellChecker | None:
        return self._checker

    # -- layout ----------------------------------------------------------------

    def set_font_metrics(self, metrics: QFontMetrics) -> None:
        self._metrics = metrics
        self._cache.clear()

    def metrics(self) -> QFontMetrics:
        if self._metrics is None:
            self._metrics = QFontMetrics(QApplication.font())
        return self._metrics

    def line_height(self) -> int:
        return self.metrics().height() + PAD_Y

    def layout(self, sentence: Sentence, width: int) -> WordLayout:
        key = (id(sentence), width)
        cached = self._cache.get(key)
        if cached is not None and cached.sentence is sentence:
            self._cache.move_to_end(key)
            return cached
        result = self._lay_out(sentence, width)
        self._cache[key] = result
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return result

    def _lay_out(self, sentence: Sentence, width: int) -> WordLayout:
        metrics = self.metrics()
        available = max(40, width - 2 * PAD_X)
        line = metrics.height()
        if not sentence.words:
            block = metrics.boundingRect(
                QRect(0, 0, available, 1_000_000),
                Qt.TextFlag.TextWordWrap,
                sentence.text or " ",
            )
            block = QRect(PAD_X, PAD_TOP, available, max(line, block.height()))
            return WordLayout(sentence, (), block.height() + PAD_Y, block)
        space = metrics.horizontalAdvance(" ")
        rects: list[QRect] = []
        x = row = 0
        for word in sentence.words:
            display = word.display
            advance = metrics.horizontalAdvance(display)
            trailing = len(display) - len(display.rstrip())
            if x > 0 and x + advance - trailing * space > available:
                row += 1
                x = 0
            rects.append(QRect(PAD_X + x, PAD_TOP + row * line, advance, line))
            x += advance
        return WordLayout(sentence, tuple(rects), (row + 1) * line + PAD_Y)

    def estimated_heights(self, sentences: list[Sentence], width: int) -> list[int]:
        """Cheap guesses at row heights from text length, for rows not yet painted."""
        metrics = self.metrics()
        wide, narrow = metrics.horizontalAdvance("中"), metrics.averageCharWidth()
        line, available = metrics.height(), max(40, width - 2 * PAD_X)
        heights = []
        for sentence in sentences:
            text = sentence.text
            wide_chars = (len(text.encode()) - len(text)) >> 1  # CJK: 3 bytes in UTF-8
            estimate = (wide_chars * wide + (len(text) - wide_chars) * narrow) * 21 // 20
            lines = max(1, -(-estimate // available))
            heights.append(lines * line + PAD_Y)
        return heights

    def word_at(self, sentence: Sentence, cell: QRect, point: QPoint) -> int | None:
        """The index of the word under ``point`` (viewport coordinates), if any."""
        local = point - cell.topLeft()
        for index, rect in enumerate(self.layout(sentence, cell.width()).rects):
            if rect.contains(local):
                return index
        return None

    # -- painting --------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        sentence = self._model.sentence(index.row())
        layout = self.layout(sentence, option.rect.width())
        if layout.height != option.rect.height():
            self.height_needed.emit(index.row(), layout.height)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(option.font)
        painter.setPen(palette.color(text_role))
        origin = option.rect.topLeft()
        if layout.block is not None:
            painter.drawText(
                layout.block.translated(origin), Qt.TextFlag.TextWordWrap, sentence.text
            )
        else:
            current = index.data(PlayheadWordRole)
            for number, (word, rect) in enumerate(zip(sentence.words, layout.rects, strict=True)):
                target = rect.translated(origin)
                if number == current:
                    fill, ink = current_word_colours(palette, selected)
                    painter.fillRect(target, fill)
                    painter.setPen(ink)
                    painter.drawText(target, Qt.AlignmentFlag.AlignLeft, word.display)
                    painter.setPen(palette.color(text_role))
                else:
                    painter.drawText(target, Qt.AlignmentFlag.AlignLeft, word.display)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        sentence = self._model.sentence(index.row())
        width = max(option.rect.width(), 200)
        return QSize(width, self.layout(sentence, width).height)

    # -- editing ---------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = SentenceEditor(parent)
        editor.setFrameShape(QFrame.Shape.NoFrame)
        editor.commit_requested.connect(lambda: self._commit_and_close(editor))
        editor.textChanged.connect(lambda: self._fit(editor))
        editor.set_spell_checker(self._checker, self._spelling_reason)
        self._editor = editor  # the newest; Qt deletes it when editing ends
        self.editor_opened.emit(editor)
        return editor

    def _commit_and_close(self, editor: SentenceEditor) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def _fit(self, editor: SentenceEditor) -> None:
        editor.resize(editor.width(), max(editor.height(), editor.height_for(editor.width())))

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, SentenceEditor):
            editor.setText(self._model.sentence(index.row()).text)

    def setModelData(self, editor: QWidget, model: object, index: Index) -> None:
        if isinstance(editor, SentenceEditor):
            self._model.setData(index, editor.text())

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        rect = QRect(option.rect)
        if isinstance(editor, SentenceEditor):
            rect.setHeight(max(rect.height(), editor.height_for(rect.width())))
        editor.setGeometry(rect)


class SpeakerDelegate(QStyledItemDelegate):
    """Reassigns a sentence's speaker from a list of the channel's speakers."""

    def __init__(self, model: TranscriptModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        sentence = self._model.sentence(index.row())
        transcript = self._model.transcript
        combo.addItem(self.tr("(no speaker)"), _NO_SPEAKER)
        ids = speaker_ids(transcript, sentence.channel_id)
        for speaker_id in ids:
            probe = Sentence(0, 0, "", channel_id=sentence.channel_id, speaker_id=speaker_id)
            combo.addItem(transcript.speaker_label(probe) or str(speaker_id), speaker_id)
        combo.addItem(self.tr("New speaker"), max(ids, default=-1) + 1)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            current = self._model.sentence(index.row()).speaker_id
            wanted = _NO_SPEAKER if current is None else current
            editor.setCurrentIndex(max(0, editor.findData(wanted)))

    def setModelData(self, editor: QWidget, model: object, index: Index) -> None:
        if isinstance(editor, QComboBox):
            value = editor.currentData()
            self._model.setData(index, None if value == _NO_SPEAKER else value)
