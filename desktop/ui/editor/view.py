"""The table of sentences: click a word to hear it, follow playback, edit in place.

Rows have different heights (long sentences wrap), but measuring all 20 000
rows of a 12-hour transcript up front would make opening slow. Heights are
first estimated from text length (cheap, all rows), then made exact for each
row the moment it is painted; only rows on screen are ever laid out.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QMouseEvent, QShowEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

from desktop.domain.timeline import Playhead
from desktop.ui.editor.delegate import SentenceEditor, SpeakerDelegate, WordDelegate
from desktop.ui.editor.model import Column, TranscriptModel

# After the user scrolls or moves with the keyboard, playback stops dragging the view for this long.
FOLLOW_PAUSE_S = 4.0


class TranscriptView(QTableView):
    """Sentences with word-level click-to-seek and a karaoke highlight.

    Signals:
        seek_requested(int): media time in ms
    """

    seek_requested = Signal(int)

    def __init__(self, model: TranscriptModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Sentences"))
        self.setModel(model)
        self._model = model
        self.words = WordDelegate(model, self)
        self.setItemDelegateForColumn(Column.TEXT, self.words)
        self.setItemDelegateForColumn(Column.SPEAKER, SpeakerDelegate(model, self))
        self.words.height_needed.connect(self._queue_height)
        self.words.editor_opened.connect(self._remember_editor)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(False)  # the Text column wraps itself; the others elide
        self.setShowGrid(False)
        self.setAlternatingRowColors(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self._editor: SentenceEditor | None = None
        self._last_user_move = 0.0
        self.last_clicked_word: tuple[int, int] | None = None  # (row, word) for "split here"
        self._pending_heights: dict[int, int] = {}
        self._height_timer = QTimer(self)
        self._height_timer.setSingleShot(True)
        self._height_timer.setInterval(0)
        self._height_timer.timeout.connect(self._apply_heights)
        self._estimate_timer = QTimer(self)
        self._estimate_timer.setSingleShot(True)
        self._estimate_timer.setInterval(60)
        self._estimate_timer.timeout.connect(self.estimate_heights)
        self._apply_font()
        self._size_columns()
        header.sectionResized.connect(self._column_resized)
        self.verticalScrollBar().actionTriggered.connect(self._user_moved)
        model.modelReset.connect(self.estimate_heights)
        model.rowsInserted.connect(lambda _p, first, last: self._measure_rows(first, last))
        model.dataChanged.connect(self._data_changed)
        model.playhead_changed.connect(self._follow)

    # -- geometry --------------------------------------------------------------

    def _apply_font(self) -> None:
        metrics = QFontMetrics(self.font())
        self.words.set_font_metrics(metrics)
        self.verticalHeader().setDefaultSectionSize(self.words.line_height())
        self.verticalHeader().setMinimumSectionSize(self.words.line_height())

    def _size_columns(self) -> None:
        metrics = QFontMetrics(self.font())
        time_width = metrics.horizontalAdvance("0:00:00.000") + 16
        self.setColumnWidth(Column.REVIEWED, metrics.height() + 16)
        self.setColumnWidth(Column.START, time_width)
        self.setColumnWidth(Column.END, time_width)
        self.setColumnWidth(Column.SPEAKER, metrics.horizontalAdvance("Speaker 10") + 24)
        self.setColumnWidth(Column.LABELS, metrics.horizontalAdvance("SURPRISED") + 24)

    def text_width(self) -> int:
        return self.columnWidth(Column.TEXT)

    def estimate_heights(self) -> None:
        """Give every row its estimated height; exact heights come as rows are painted.

        Waits until the view is shown: before that the Text column has no real width.
        """
        if not self.isVisible():
            return
        header = self.verticalHeader()
        heights = self.words.estimated_heights(self._model.sentences(), self.text_width())
        size = header.sectionSize
        for row, height in enumerate(heights):
            if size(row) != height:
                header.resizeSection(row, height)

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        if column == Column.TEXT:
            self._estimate_timer.start()

    def _queue_height(self, row: int, height: int) -> None:
        self._pending_heights[row] = height
        self._height_timer.start()

    def _apply_heights(self) -> None:
        pending, self._pending_heights = self._pending_heights, {}
        count = self._model.rowCount()
        for row, height in pending.items():
            if row < count and self.rowHeight(row) != height:
                self.setRowHeight(row, height)

    def _measure_rows(self, first: int, last: int) -> None:
        width = self.text_width()
        for row in range(first, min(last, first + 200) + 1):
            sentence = self._model.sentence(row)
            self.setRowHeight(row, self.words.layout(sentence, width).height)

    def _data_changed(self, top: QModelIndex, bottom: QModelIndex, _roles: object = None) -> None:
        if top.column() <= Column.TEXT <= bottom.column() and bottom.row() - top.row() < 200:
            self._measure_rows(top.row(), bottom.row())

    # -- where words are -------------------------------------------------------

    def word_rect(self, row: int, word: int) -> QRect:
        """Where a word is drawn, in viewport coordinates (empty if not laid out)."""
        cell = self.visualRect(self._model.index(row, Column.TEXT))
        layout = self.words.layout(self._model.sentence(row), cell.width())
        if not 0 <= word < len(layout.rects):
            return QRect()
        return layout.rects[word].translated(cell.topLeft())

    def word_at(self, point: QPoint) -> tuple[int, int] | None:
        index = self.indexAt(point)
        if not index.isValid() or index.column() != Column.TEXT:
            return None
        cell = self.visualRect(index)
        word = self.words.word_at(self._model.sentence(index.row()), cell, point)
        return None if word is None else (index.row(), word)

    # -- mouse and keys --------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.state() != self.State.EditingState:
            self._seek_from_click(event.position().toPoint())
        super().mousePressEvent(event)

    def _seek_from_click(self, point: QPoint) -> None:
        index = self.indexAt(point)
        if not index.isValid():
            return
        sentence = self._model.sentence(index.row())
        if index.column() in (Column.START, Column.END):
            self.seek_requested.emit(sentence.begin_ms)
        elif index.column() == Column.TEXT:
            hit = self.word_at(point)
            if hit is not None:
                self.last_clicked_word = hit
                self.seek_requested.emit(sentence.words[hit[1]].begin_ms)
            elif not sentence.words:
                self.seek_requested.emit(sentence.begin_ms)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._user_moved()
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != self.State.EditingState
            and self.currentIndex().isValid()
        ):
            self.edit(self._model.index(self.currentIndex().row(), Column.TEXT))
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._user_moved()
        super().wheelEvent(event)

    def _user_moved(self, *_args: object) -> None:
        self._last_user_move = time.monotonic()

    # -- following playback ----------------------------------------------------

    def _follow(self, playhead: Playhead | None) -> None:
        """Keep the sentence being played in view, unless the user is busy elsewhere."""
        if playhead is None or self.state() == self.State.EditingState:
            return
        if time.monotonic() - self._last_user_move < FOLLOW_PAUSE_S:
            return
        rect = self.visualRect(self._model.index(playhead.row, Column.TEXT))
        if not self.viewport().rect().contains(rect):
            self.scrollTo(
                self._model.index(playhead.row, Column.TEXT),
                QAbstractItemView.ScrollHint.PositionAtCenter,
            )

    # -- the open text editor --------------------------------------------------

    def _remember_editor(self, editor: QWidget) -> None:
        if isinstance(editor, SentenceEditor):
            self._editor = editor
            editor.destroyed.connect(self._forget_editor)

    def _forget_editor(self, _obj: QObject | None = None) -> None:
        self._editor = None

    def open_editor(self) -> SentenceEditor | None:
        """The sentence text editor if one is open."""
        return self._editor if self.state() == self.State.EditingState else None

    def finish_editing(self, *, commit: bool) -> None:
        editor = self.open_editor()
        if editor is None:
            return
        if commit:
            self.commitData(editor)
        self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self._editor = None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._estimate_timer.start()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange:
            self._apply_font()
            self.estimate_heights()
        return super().event(event)
