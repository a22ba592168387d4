"""The cues of a track as a Qt table: number, start, end, duration, text, cps, cpl.

The rows come from ``cue_rows`` and the problems from ``track_check``, both
Qt-free. After an edit the model compares the old and new tracks
(``changed_span``: untouched cues are the very same objects), re-checks only
those cues and the one before (``recheck``) and tells the view only about the
rows that changed, so selection and scroll position survive every edit.

A cell that breaks a rule is coloured (red for an error, amber for a warning,
grey for a case the speech made unavoidable) and its tooltip says why, as
Subtitle Edit shows it. A second text column shows each cue's translation
into the language chosen (``translation_column``), edited in place, checked
against the target language's preset, stale ones in grey italics. Times
are ``hh:mm:ss.mmm`` or SMPTE timecode (``set_timecode``); the row being
played is marked (``set_position``).
"""

from __future__ import annotations

from array import array
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.domain import cue_editing as edit
from desktop.domain.cue_rows import CueRow, cue_row
from desktop.domain.cue_track import CueTrack
from desktop.domain.subtitle_presets import DEFAULT_FPS, Preset
from desktop.domain.timecode import (
    FrameRate,
    TimecodeError,
    format_timecode,
    parse_timecode,
    rate_of,
)
from desktop.domain.track_check import CheckContext, Problem, TrackCheck, check_track, recheck
from desktop.ui.editor.subtitles.track_session import TrackSession
from desktop.ui.editor.subtitles.translation_column import TranslationColumn
from desktop.ui.util.messages import translated

Index = QModelIndex | QPersistentModelIndex
ProblemsRole = Qt.ItemDataRole.UserRole + 1  # the cue's problems (a tuple of Problem)


class CueColumn(IntEnum):
    NUMBER = 0
    START = 1
    END = 2
    DURATION = 3
    TEXT = 4
    CPS = 5
    CPL = 6
    TRANSLATION = 7


# Which columns a problem's ``field`` colours.
_COLUMNS_OF = {
    "text": (CueColumn.TEXT, CueColumn.CPL),
    "start": (CueColumn.START,),
    "end": (CueColumn.END,),
    "gap": (CueColumn.END,),
    "duration": (CueColumn.DURATION,),
    "cps": (CueColumn.CPS,),
    "cue": (CueColumn.NUMBER,),
}
ERROR = QColor(255, 190, 190)
WARNING = QColor(255, 225, 160)
UNAVOIDABLE = QColor(215, 215, 215)
PLAYING = QColor(200, 225, 255)
STALE = QColor(120, 90, 0)
STALE_TRANSLATION = QColor(128, 128, 128)


def format_clock(ms: int) -> str:
    """``hh:mm:ss.mmm``, as subtitle files write times."""
    ms = max(0, ms)
    seconds, rest = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02}:{minutes:02}:{seconds:02}.{rest:03}"


def parse_clock(text: str) -> int:
    """``hh:mm:ss.mmm`` (hours and minutes optional, comma or dot) in milliseconds."""
    parts = text.strip().replace(",", ".").split(":")
    if not 1 <= len(parts) <= 3 or not all(p.strip() for p in parts):
        raise ValueError(text)
    seconds = float(parts[-1])
    minutes = int(parts[-2]) if len(parts) > 1 else 0
    hours = int(parts[-3]) if len(parts) > 2 else 0
    if seconds < 0 or minutes < 0 or hours < 0:
        raise ValueError(text)
    return round(((hours * 60 + minutes) * 60 + seconds) * 1000)


class TrackModel(QAbstractTableModel):
    """The session's track as rows, checked live against its preset.

    Signals:
        checked(int, int): errors and warnings over the track after a (re-)check
        playing_changed(int): the row of the cue on screen at the playhead, or -1
    """

    checked = Signal(int, int)
    playing_changed = Signal(int)

    def __init__(
        self,
        session: TrackSession,
        preset: Preset,
        rate: FrameRate | None = None,
        shots: tuple[int, ...] = (),
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.preset = preset
        self._track = session.track
        self._rows: list[CueRow] = [cue_row(c, i, preset) for i, c in enumerate(self._track.cues)]
        # Shown numbers, renumbered after an insert or removal (rows keep their data until then).
        self._numbers = array("l", range(1, len(self._rows) + 1))
        self._check = check_track(
            self._track, CheckContext(preset, rate or session.track.rate, shots)
        )
        self._timecode = False
        self._playing = -1
        self.translation: TranslationColumn | None = None
        session.changed.connect(self._on_changed)

    def set_translation(self, column: TranslationColumn | None) -> None:
        """Show ``column``'s translations in the second text column (None: empty)."""
        self.translation = column
        if column is not None:
            column.loaded.connect(self._translations_loaded)
            column.entry_changed.connect(self._translation_changed)
        self._translations_loaded()

    def _translations_loaded(self) -> None:
        if self._rows:
            column = CueColumn.TRANSLATION
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def _translation_changed(self, key: str) -> None:
        for row, cue in enumerate(self._track.cues):
            if cue.key == key:
                index = self.index(row, CueColumn.TRANSLATION)
                self.dataChanged.emit(index, index)
                return

    # -- what it holds -----------------------------------------------------------

    @property
    def track(self) -> CueTrack:
        return self._track

    @property
    def check(self) -> TrackCheck:
        return self._check

    @property
    def context(self) -> CheckContext:
        return self._check.context

    @property
    def rate(self) -> FrameRate:
        return self.context.rate or self._track.rate or rate_of(DEFAULT_FPS)

    @property
    def playing_row(self) -> int:
        return self._playing

    def problems(self, row: int) -> tuple[Problem, ...]:
        return self._check.problems(row)

    def set_context(self, rate: FrameRate | None, shots: tuple[int, ...]) -> None:
        """The media's frame rate or shot changes became known: check everything again."""
        self._check = check_track(self._track, CheckContext(self.preset, rate, shots))
        self._refresh_all()
        self.checked.emit(*self._check.counts())

    def set_timecode(self, on: bool) -> None:
        """Show times as SMPTE timecode (on) or as ``hh:mm:ss.mmm``."""
        if on != self._timecode:
            self._timecode = on
            self._refresh_all()

    def format_time(self, ms: int) -> str:
        return format_timecode(ms, self.rate) if self._timecode else format_clock(ms)

    def parse_time(self, text: str) -> int:
        if self._timecode:
            return parse_timecode(text, self.rate)
        return parse_clock(text)

    def retime(self, row: int, start_ms: int, end_ms: int) -> int | None:
        """Set a cue's times (a drag on the waveform) as one undo step; its row after."""
        cue = self._track.cues[row]
        done = self.session.apply(
            self.tr("Set cue time"), lambda t: edit.set_times(t, row, start_ms, end_ms)
        )
        if not done:
            return None
        for index, other in enumerate(self._track.cues):
            if (other.start_ms, other.end_ms, other.lines) == (start_ms, end_ms, cue.lines):
                return index
        return None

    def row_at(self, ms: int) -> int | None:
        return edit.index_at(self._track, ms)

    def set_position(self, ms: int) -> None:
        """Mark the cue on screen at ``ms`` (none between cues)."""
        row = self.row_at(ms)
        row = -1 if row is None else row
        if row == self._playing:
            return
        old, self._playing = self._playing, row
        for changed in (old, row):
            if 0 <= changed < len(self._rows):
                self.dataChanged.emit(
                    self.index(changed, 0), self.index(changed, len(CueColumn) - 1)
                )
        self.playing_changed.emit(row)

    # -- Qt's table --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(CueColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            {
                CueColumn.NUMBER: self.tr("#"),
                CueColumn.START: self.tr("Start"),
                CueColumn.END: self.tr("End"),
                CueColumn.DURATION: self.tr("Duration"),
                CueColumn.TEXT: self.tr("Text"),
                CueColumn.CPS: self.tr("CPS"),
                CueColumn.CPL: self.tr("CPL"),
                CueColumn.TRANSLATION: self.tr("Translation"),
            }.get(CueColumn(section))
            if 0 <= section < len(CueColumn)
            else None
        )

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (CueColumn.START, CueColumn.END, CueColumn.TEXT):
            base |= Qt.ItemFlag.ItemIsEditable
        if index.column() == CueColumn.TRANSLATION and self._translating():
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], CueColumn(index.column())
        if column == CueColumn.TRANSLATION:
            return self._translation_data(index.row(), role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(index.row(), row, column, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(index.row(), column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), column)
        if role == Qt.ItemDataRole.ForegroundRole and row.stale and column == CueColumn.NUMBER:
            return QBrush(STALE)
        if role == Qt.ItemDataRole.FontRole and index.row() == self._playing:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = (
                Qt.AlignmentFlag.AlignLeft
                if column == CueColumn.TEXT
                else Qt.AlignmentFlag.AlignRight
            )
            return int(side | Qt.AlignmentFlag.AlignTop)
        if role == ProblemsRole:
            return self._check.problems(index.row())
        return None

    def _text(self, index: int, row: CueRow, column: CueColumn, editing: bool) -> str:
        if column == CueColumn.NUMBER:
            number = self._numbers[index]
            return f"{number}*" if row.stale and not editing else str(number)
        if column == CueColumn.START:
            return self.format_time(row.start_ms)
        if column == CueColumn.END:
            return self.format_time(row.end_ms)
        if column == CueColumn.DURATION:
            return f"{row.duration_ms / 1000:.3f}"
        if column == CueColumn.TEXT:
            return row.text
        if column == CueColumn.CPS:
            return f"{row.cps:.1f}"
        return "\n".join(f"{width:g}" for width in row.cpl)

    def _translating(self) -> bool:
        return self.translation is not None and self.translation.language is not None

    def _translation_data(self, row: int, role: int) -> Any:
        """The translation cell: its text, its problems, stale in grey italics."""
        column = self.translation
        if column is None or column.language is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return column.text(row)
        if role == Qt.ItemDataRole.ForegroundRole and column.is_stale(row):
            return QBrush(STALE_TRANSLATION)
        if role == Qt.ItemDataRole.FontRole:
            stale, playing = column.is_stale(row), row == self._playing
            if not (stale or playing):
                return None
            font = QFont()
            font.setItalic(stale)
            font.setBold(playing)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            found = column.problems(row)
            if found:
                errors = any(v.severity == "error" for v in found)
                return QBrush(ERROR if errors else WARNING)
            if column.is_flagged(row):
                return QBrush(WARNING)
            return QBrush(PLAYING) if row == self._playing else None
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [self.tr("Source changed since translated")] if column.is_stale(row) else []
            lines += [translated(v.message) for v in column.problems(row)]
            if column.is_flagged(row):
                lines.append(
                    self.tr("The service did not translate this cue; type its translation.")
                )
            return "\n".join(lines) or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def _cell_problems(self, row: int, column: CueColumn) -> list[Problem]:
        return [p for p in self._check.problems(row) if column in _COLUMNS_OF.get(p.field, ())]

    def _background(self, row: int, column: CueColumn) -> QBrush | None:
        found = self._cell_problems(row, column)
        if found:
            if all(p.unavoidable for p in found):
                return QBrush(UNAVOIDABLE)
            errors = any(p.severity == "error" and not p.unavoidable for p in found)
            return QBrush(ERROR if errors else WARNING)
        if row == self._playing:
            return QBrush(PLAYING)
        return None

    def _tooltip(self, row: int, column: CueColumn) -> str | None:
        lines: list[str] = []
        for problem in self._cell_problems(row, column):
            if problem.unavoidable:
                lines.append(
                    self.tr("{0} (unavoidable: {1})").format(
                        translated(problem.message), translated(problem.reason)
                    )
                )
            else:
                lines.append(translated(problem.message))
        if column == CueColumn.NUMBER and self._rows[row].stale:
            lines.append(self.tr("The transcript changed under this cue: re-cut it or check it."))
        return "\n".join(lines) or None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, column = index.row(), index.column()
        if column == CueColumn.TRANSLATION:
            return self._translating() and self.translation.edit(row, str(value))
        if column == CueColumn.TEXT:
            return self.session.apply(
                self.tr("Edit cue text"), lambda t: edit.set_text(t, row, str(value))
            )
        if column in (CueColumn.START, CueColumn.END):
            try:
                ms = self.parse_time(str(value))
            except (ValueError, TimecodeError):
                self.session.problem.emit(
                    self.tr("{0} is not a time; write it like {1}").format(
                        value, self.format_time(self._rows[row].start_ms)
                    )
                )
                return False
            operation = edit.set_start if column == CueColumn.START else edit.set_end
            return self.session.apply(self.tr("Set cue time"), lambda t: operation(t, row, ms))
        return False

    # -- after an edit -----------------------------------------------------------

    def _on_changed(self, track: CueTrack) -> None:
        old = self._track
        first, removed, added = edit.changed_span(old, track)
        self._check = recheck(self._check, old, track)
        self._track = track
        shared = min(removed, added)
        fresh = [cue_row(track.cues[i], i, self.preset) for i in range(first, first + added)]
        if removed > added:
            self.beginRemoveRows(QModelIndex(), first + added, first + removed - 1)
            del self._rows[first + added : first + removed]
            del self._numbers[first + added : first + removed]
            self.endRemoveRows()
        elif added > removed:
            self.beginInsertRows(QModelIndex(), first + removed, first + added - 1)
            self._rows[first + removed : first + removed] = fresh[removed:]
            at = first + removed
            self._numbers[at:at] = array("l", range(at + 1, first + added + 1))
            self.endInsertRows()
        self._rows[first : first + shared] = fresh[:shared]
        if removed != added:  # the numbers below moved (rows keep their data until told)
            self._numbers = array("l", range(1, len(self._rows) + 1))  # C longs: no objects
        # The row before is re-checked too (gaps); after an insert or removal the numbers
        # of the rows below change, only in their number column.
        last = len(self._rows) - 1
        low, high = max(first - 1, 0), min(first + max(added, 1) - 1, last)
        if high >= low:
            self.dataChanged.emit(self.index(low, 0), self.index(high, len(CueColumn) - 1))
        if removed != added and high < last:
            self.dataChanged.emit(
                self.index(high + 1, CueColumn.NUMBER), self.index(last, CueColumn.NUMBER)
            )
        self.checked.emit(*self._check.counts())

    def _refresh_all(self) -> None:
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(CueColumn) - 1)
            )
