"""The sentences of a transcript as a Qt table: what the editor's view shows.

The model holds the rows the filters let through (one channel or all channels
merged by time; a speaker; a label) and the playhead: the row and word being
played. Edits from the view come in through ``setData`` and go to the
session as undoable operations; the model never changes a transcript itself.
After a change it compares old and new rows by identity (untouched sentences
are the very same objects) and tells the view only about the rows that
differ, so scroll position, selection and row heights survive an edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication

from desktop.domain import editing, retiming
from desktop.domain.durations import format_time, parse_time
from desktop.domain.editing import SentenceRef
from desktop.domain.timeline import Playhead, TimeIndex
from desktop.domain.transcript import Sentence, Transcript
from desktop.ui.editor.session import TranscriptSession
from desktop.ui.util.messages import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex
PlayheadWordRole = Qt.ItemDataRole.UserRole + 1  # word index being played in this row, or None


class Column(IntEnum):
    REVIEWED = 0
    START = 1
    END = 2
    SPEAKER = 3
    LABELS = 4
    TEXT = 5


# Literals marked for lupdate (a variable passed to tr() is never collected).
HEADERS = {
    Column.REVIEWED: "✓",
    Column.START: QT_TRANSLATE_NOOP("TranscriptModel", "Start"),
    Column.END: QT_TRANSLATE_NOOP("TranscriptModel", "End"),
    Column.SPEAKER: QT_TRANSLATE_NOOP("TranscriptModel", "Speaker"),
    Column.LABELS: QT_TRANSLATE_NOOP("TranscriptModel", "Labels"),
    Column.TEXT: QT_TRANSLATE_NOOP("TranscriptModel", "Text"),
}


@dataclass(frozen=True)
class RowFilter:
    """Which sentences to show: ``None`` everywhere means everything."""

    channel_id: int | None = None
    speaker: tuple[int, int] | None = None  # (channel_id, speaker_id)
    label: str | None = None  # an emotion or an event, e.g. "ANGRY", "Laughter"

    def accepts(self, sentence: Sentence) -> bool:
        if self.speaker is not None and (sentence.channel_id, sentence.speaker_id) != self.speaker:
            return False
        return self.label is None or self.label in sentence.labels


class RowRefs:
    """Where each shown row lives in the transcript, without an object per row.

    A 12-hour transcript has 20 000 rows and the rows are recomputed after
    every edit, so one channel unfiltered is a constant and a ``range``.
    """

    __slots__ = ("_channels", "_indexes")

    def __init__(self, channels: int | list[int], indexes: Sequence[int]) -> None:
        self._channels = channels
        self._indexes = indexes

    def __len__(self) -> int:
        return len(self._indexes)

    def __getitem__(self, row: int) -> SentenceRef:
        channel = self._channels if isinstance(self._channels, int) else self._channels[row]
        return SentenceRef(channel, self._indexes[row])

    def without(self, start: int, stop: int) -> RowRefs:
        """These refs with rows ``[start, stop)`` taken out."""
        indexes = [*self._indexes[:start], *self._indexes[stop:]]
        if isinstance(self._channels, int):
            return RowRefs(self._channels, indexes)
        return RowRefs([*self._channels[:start], *self._channels[stop:]], indexes)

    def find(self, ref: SentenceRef) -> int | None:
        if isinstance(self._channels, int):
            if ref.channel_id != self._channels:
                return None
            if isinstance(self._indexes, range):
                return ref.index if 0 <= ref.index < len(self._indexes) else None
        for row in range(len(self._indexes)):
            if self._indexes[row] == ref.index and self[row] == ref:
                return row
        return None


_TOP_LEFT = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft


class TranscriptModel(QAbstractTableModel):
    """Rows of sentences (filtered), with the playhead, editing through the session.

    Signals:
        playhead_changed(Playhead | None): the sentence and word under the playhead (None:
            between sentences)
    """

    playhead_changed = Signal(object)

    def __init__(self, session: TranscriptSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self._filter = RowFilter()
        self._refs = RowRefs(0, range(0))
        self._sentences: list[Sentence] = []
        self._index: TimeIndex | None = None
        self._playhead: Playhead | None = None
        self._current_brush = QBrush(_current_row_color())
        self._rows_from(session.transcript)
        session.changed.connect(self._on_changed)

    # -- rows ------------------------------------------------------------------

    @property
    def transcript(self) -> Transcript:
        return self.session.transcript

    @property
    def row_filter(self) -> RowFilter:
        return self._filter

    def set_filter(self, row_filter: RowFilter) -> None:
        self.beginResetModel()
        self._filter = row_filter
        self._rows_from(self.transcript)
        self._playhead = None
        self.endResetModel()
        self.playhead_changed.emit(None)

    def _rows_from(self, transcript: Transcript) -> None:
        self._refs, self._sentences = self._compute_rows(transcript)
        self._index = None  # rebuilt at the next playhead update
        self._names = transcript.speaker_names

    def _compute_rows(self, transcript: Transcript) -> tuple[RowRefs, list[Sentence]]:
        row_filter = self._filter
        channel_ids = [c.channel_id for c in transcript.channels]
        channel = row_filter.channel_id if row_filter.channel_id in channel_ids else None
        if channel is None and len(channel_ids) == 1:
            channel = channel_ids[0]
        unfiltered = row_filter.speaker is None and row_filter.label is None
        if channel is not None:
            sentences = transcript.channel(channel).sentences
            if unfiltered:
                return RowRefs(channel, range(len(sentences))), list(sentences)
            kept = [i for i, s in enumerate(sentences) if row_filter.accepts(s)]
            return RowRefs(channel, kept), [sentences[i] for i in kept]
        rows = [
            (ref, s)
            for ref, s in editing.ordered_refs(transcript)
            if unfiltered or row_filter.accepts(s)
        ]
        refs = RowRefs([r.channel_id for r, _ in rows], [r.index for r, _ in rows])
        return refs, [s for _, s in rows]

    def _on_changed(self, transcript: Transcript) -> None:
        old, old_refs = self._sentences, self._refs
        new_refs, new = self._compute_rows(transcript)
        start, limit = 0, min(len(old), len(new))
        while start < limit and old[start] is new[start]:
            start += 1
        tail = 0
        while tail < limit - start and old[-1 - tail] is new[-1 - tail]:
            tail += 1
        old_stop, new_stop = len(old) - tail, len(new) - tail
        self._index = None
        if old_stop == new_stop:
            self._sentences, self._refs = new, new_refs
            if new_stop > start:
                last = len(Column) - 1
                self.dataChanged.emit(self.index(start, 0), self.index(new_stop - 1, last))
        else:
            self._clear_playhead()
            if old_stop > start:
                self.beginRemoveRows(QModelIndex(), start, old_stop - 1)
                self._sentences = old[:start] + old[old_stop:]
                self._refs = old_refs.without(start, old_stop)
                self.endRemoveRows()
            if new_stop > start:
                self.beginInsertRows(QModelIndex(), start, new_stop - 1)
            self._sentences, self._refs = new, new_refs
            if new_stop > start:
                self.endInsertRows()
        if transcript.speaker_names != self._names and new:
            top, bottom = self.index(0, Column.SPEAKER), self.index(len(new) - 1, Column.SPEAKER)
            self.dataChanged.emit(top, bottom)
        self._names = transcript.speaker_names

    def _clear_playhead(self) -> None:
        old, self._playhead = self._playhead, None
        if old is not None and old.row < len(self._sentences):
            self.dataChanged.emit(self.index(old.row, 0), self.index(old.row, len(Column) - 1))
            self.playhead_changed.emit(None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._sentences)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def sentence(self, row: int) -> Sentence:
        return self._sentences[row]

    def ref(self, row: int) -> SentenceRef:
        return self._refs[row]

    def sentences(self) -> list[Sentence]:
        return self._sentences

    def row_of(self, ref: SentenceRef) -> int | None:
        return self._refs.find(ref)

    # -- the playhead ----------------------------------------------------------

    @property
    def playhead(self) -> Playhead | None:
        return self._playhead

    def time_index(self) -> TimeIndex:
        if self._index is None:
            self._index = TimeIndex(self._sentences)
        return self._index

    def set_position(self, ms: int) -> Playhead | None:
        """Move the playhead to media time ``ms``; repaints only the rows that changed."""
        playhead = self.time_index().locate(ms)
        if playhead == self._playhead:
            return playhead
        old, self._playhead = self._playhead, playhead
        rows = {p.row for p in (old, playhead) if p is not None}
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
        self.playhead_changed.emit(playhead)
        return playhead

    # -- Qt model API ----------------------------------------------------------

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("TranscriptModel", HEADERS[Column(section)])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        sentence = self._sentences[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(sentence, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(sentence, column)
        if role == PlayheadWordRole:
            playhead = self._playhead
            return playhead.word if playhead is not None and playhead.row == row else None
        if role == Qt.ItemDataRole.CheckStateRole and column == Column.REVIEWED:
            return Qt.CheckState.Checked if sentence.reviewed else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole:
            playhead = self._playhead
            if playhead is not None and playhead.row == row:
                return self._current_brush
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _TOP_LEFT
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.REVIEWED:
            return self.tr("Reviewed")
        return None

    def _display(self, sentence: Sentence, column: int) -> str | None:
        if column == Column.START:
            return format_time(sentence.begin_ms, millis=True)
        if column == Column.END:
            return format_time(sentence.end_ms, millis=True)
        if column == Column.SPEAKER:
            return self.transcript.speaker_label(sentence) or ""
        if column == Column.LABELS:
            return " ".join(sentence.labels)
        if column == Column.TEXT:
            return sentence.text
        return None

    def _edit_value(self, sentence: Sentence, column: int) -> Any:
        if column == Column.SPEAKER:
            return sentence.speaker_id
        return self._display(sentence, column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() == Column.REVIEWED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (Column.START, Column.END, Column.SPEAKER, Column.TEXT):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        ref = self._refs[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == Column.REVIEWED:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            return self.set_reviewed(ref, checked)
        if role != Qt.ItemDataRole.EditRole:
            return False
        if column == Column.TEXT:
            return self.session.apply(
                self.tr("Edit text"), lambda t: editing.edit_text(t, ref, str(value))
            )
        if column in (Column.START, Column.END):
            return self._set_time(ref, column, str(value))
        if column == Column.SPEAKER:
            speaker = None if value is None else int(value)
            return self.session.apply(
                self.tr("Change speaker"), lambda t: editing.set_speaker(t, ref, speaker)
            )
        return False

    def retime(
        self, row: int, begin_ms: int, end_ms: int, *, move_words: bool = False
    ) -> int | None:
        """Give a row's sentence new times as one undoable edit; returns its row afterwards.

        ``move_words``: the sentence is moved as a whole, its words shifted
        with it (a drag of the body); otherwise its edges change and the words
        stay where they were spoken (a drag of an edge).
        """
        ref = self._refs[row]
        before = self._sentences[row]
        if move_words:
            delta = begin_ms - before.begin_ms
            done = self.session.apply(
                self.tr("Move sentence"), lambda t: retiming.shift(t, delta, [ref])
            )
        else:
            done = self.session.apply(
                self.tr("Retime sentence"), lambda t: editing.set_times(t, ref, begin_ms, end_ms)
            )
        if not done:
            return None
        return self.find_row(ref.channel_id, begin_ms, end_ms, before.text)

    def find_row(self, channel_id: int, begin_ms: int, end_ms: int, text: str) -> int | None:
        """The row of a sentence known by its times and text (after an edit re-sorted rows)."""
        for row, shown in enumerate(self._sentences):
            if (shown.channel_id, shown.begin_ms, shown.end_ms, shown.text) == (
                channel_id, begin_ms, end_ms, text,
            ):  # fmt: skip
                return row
        return None

    def set_reviewed(self, ref: SentenceRef, reviewed: bool) -> bool:
        text = self.tr("Mark reviewed") if reviewed else self.tr("Mark not reviewed")
        return self.session.apply(text, lambda t: editing.set_reviewed(t, ref, reviewed))

    def _set_time(self, ref: SentenceRef, column: int, text: str) -> bool:
        try:
            ms = parse_time(text)
        except ValueError as error:
            self.session.problem.emit(str(error))
            return False
        sentence = editing.sentence_at(self.transcript, ref)
        begin, end = (ms, sentence.end_ms) if column == Column.START else (sentence.begin_ms, ms)
        return self.session.apply(
            self.tr("Change times"), lambda t: editing.set_times(t, ref, begin, end)
        )

    # -- what the filters can offer ----------------------------------------------

    def channel_choices(self) -> list[int]:
        return [c.channel_id for c in self.transcript.channels]

    def speaker_choices(self) -> list[tuple[tuple[int, int], str]]:
        transcript = self.transcript
        choices: list[tuple[tuple[int, int], str]] = []
        for channel in transcript.channels:
            for speaker_id in editing.speaker_ids(transcript, channel.channel_id):
                probe = Sentence(0, 0, "", channel_id=channel.channel_id, speaker_id=speaker_id)
                label = transcript.speaker_label(probe) or str(speaker_id)
                choices.append(((channel.channel_id, speaker_id), label))
        return choices

    def label_choices(self) -> list[str]:
        seen: dict[str, None] = {}
        for channel in self.transcript.channels:
            for sentence in channel.sentences:
                for label in sentence.labels:
                    seen.setdefault(label, None)
        return sorted(seen, key=lambda label: (not label.isupper(), label))


def _current_row_color() -> QColor:
    """A soft tint of the highlight colour for the sentence being played."""
    palette = QApplication.palette()
    color = QColor(palette.color(QPalette.ColorRole.Highlight))
    color.setAlpha(40)
    return color
