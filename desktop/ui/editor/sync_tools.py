"""The editor's Sync menu: shift, set start here, stretch between anchors, timing rules.

The arithmetic lives in ``desktop.domain.retiming``; this module asks the
user for the numbers and runs each tool as one undoable edit of the session.
Anchors for a stretch are set the way a subtitler finds them: select a
sentence, play until it is really spoken, press "Anchor here" (the sentence's
start now, and the player's position as its right time); the second anchor
applies the stretch.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import retiming
from desktop.domain.durations import format_time
from desktop.domain.editing import SentenceRef
from desktop.domain.retiming import TimingChange, TimingRules
from desktop.domain.subtitle_presets import BUILTIN_PRESETS, Preset
from desktop.domain.transcript import Transcript
from desktop.store.subtitle_profiles import PresetFileError, all_presets
from desktop.ui.util.live_language import LiveLanguage
from desktop.ui.util.messages import translated
from desktop.ui.util.rows_model import RowsModel

if TYPE_CHECKING:
    from desktop.ui.editor.window import TranscriptEditor

Index = QModelIndex | QPersistentModelIndex


class Scope(Enum):
    ALL = "all"
    SELECTED = "selected"
    FROM_SELECTED = "from-selected"


SCOPE_NAMES = {
    Scope.ALL: QT_TRANSLATE_NOOP("ShiftDialog", "All sentences"),
    Scope.SELECTED: QT_TRANSLATE_NOOP("ShiftDialog", "The selected sentence"),
    Scope.FROM_SELECTED: QT_TRANSLATE_NOOP("ShiftDialog", "The selected sentence and all after it"),
}


class ShiftDialog(QDialog):
    """Asks by how much and which sentences to shift."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shiftDialog")
        self.setWindowTitle(self.tr("Shift times"))
        self.seconds = QDoubleSpinBox(self)
        self.seconds.setRange(-36_000, 36_000)
        self.seconds.setDecimals(3)
        self.seconds.setSingleStep(0.1)
        self.seconds.setSuffix(" s")
        self.scope = QComboBox(self)
        for scope, name in SCOPE_NAMES.items():
            self.scope.addItem(self.tr(name), scope)
        form = QFormLayout()
        form.addRow(self.tr("Shift by (negative: earlier)"), self.seconds)
        form.addRow(self.tr("Which sentences"), self.scope)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def offset_ms(self) -> int:
        return round(self.seconds.value() * 1000)

    def chosen_scope(self) -> Scope:
        return Scope(self.scope.currentData())


class TimingChangesModel(RowsModel[TimingChange]):
    """The preview of what the timing rules would change, one row per sentence."""

    HEADERS = (
        QT_TRANSLATE_NOOP("TimingChangesModel", "Sentence"),
        QT_TRANSLATE_NOOP("TimingChangesModel", "Before"),
        QT_TRANSLATE_NOOP("TimingChangesModel", "After"),
        QT_TRANSLATE_NOOP("TimingChangesModel", "Why"),
    )
    # The reasons of ``retiming.REASONS``, for the translation tools.
    _REASONS = (
        QT_TRANSLATE_NOOP("TimingChangesModel", "minimum duration"),
        QT_TRANSLATE_NOOP("TimingChangesModel", "small gap closed"),
        QT_TRANSLATE_NOOP("TimingChangesModel", "minimum gap"),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        change = self._rows[index.row()]
        column = index.column()
        if column == 0:
            return change.text
        if column in (1, 2):
            begin, end = change.before if column == 1 else change.after
            return f"{format_time(begin, millis=True)} → {format_time(end, millis=True)}"
        return ", ".join(self.tr(reason) for reason in change.reasons)


class TimingRulesDialog(QDialog):
    """A preset's minimum duration and gap, and which gaps to close, with a live preview."""

    def __init__(
        self, transcript: Transcript, presets: list[Preset], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("timingRulesDialog")
        self.setWindowTitle(self.tr("Apply timing rules"))
        self.resize(720, 480)
        self._transcript = transcript
        self._presets = {p.id: p for p in presets}
        self.result_transcript: Transcript = transcript
        self.preset = QComboBox(self)
        for preset in presets:
            self.preset.addItem(translated(preset.name), preset.id)
        self.min_duration = self._ms_box()
        self.min_gap = self._ms_box()
        self.close_below = self._ms_box()
        self.summary = QLabel(self)
        self.summary.setObjectName("timingSummary")
        self.changes = TimingChangesModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.changes)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        form = QFormLayout()
        form.addRow(self.tr("Take the numbers of"), self.preset)
        form.addRow(self.tr("Minimum duration"), self.min_duration)
        form.addRow(self.tr("Minimum gap"), self.min_gap)
        form.addRow(self.tr("Close gaps shorter than"), self.close_below)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.preset.currentIndexChanged.connect(self._take_preset)
        for box in (self.min_duration, self.min_gap, self.close_below):
            box.valueChanged.connect(self.refresh)
        wanted = self.preset.findData("netflix-en")
        self.preset.setCurrentIndex(max(0, wanted))
        self._take_preset()

    def _ms_box(self) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(0, 60_000)
        box.setSingleStep(10)
        box.setSuffix(" ms")
        return box

    def _take_preset(self) -> None:
        preset = self._presets.get(self.preset.currentData())
        if preset is None:
            return
        rules = TimingRules.of_preset(preset)
        boxes = (self.min_duration, self.min_gap, self.close_below)
        values = (rules.min_duration_ms, rules.min_gap_ms, rules.close_gaps_below_ms)
        for box, value in zip(boxes, values, strict=True):
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)
        self.refresh()

    def rules(self) -> TimingRules:
        return TimingRules(
            min_duration_ms=self.min_duration.value(),
            min_gap_ms=self.min_gap.value(),
            close_gaps_below_ms=self.close_below.value(),
        )

    def refresh(self) -> None:
        self.result_transcript, changes = retiming.apply_timing_rules(
            self._transcript, self.rules()
        )
        self.changes.set_rows(changes)
        self.summary.setText(
            (
                self.tr("1 sentence changes")
                if len(changes) == 1
                else self.tr("{0} sentences change").format(len(changes))
            )
            if changes
            else self.tr("Nothing to change: every sentence already follows these rules")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).setEnabled(bool(changes))


class SyncTools(LiveLanguage, QObject):
    """The Sync menu's actions on one editor window."""

    def __init__(self, editor: TranscriptEditor) -> None:
        super().__init__(editor)
        self._editor = editor
        self.anchor: tuple[int, int] | None = None  # (time now, right time) of anchor 1
        self.dialog: QDialog | None = None

    def build_menu(self) -> None:
        editor = self._editor
        menu = editor.menuBar().addMenu(self.tr("&Sync"))
        editor._action(menu, self.tr("&Shift times…"), self.ask_shift, "Ctrl+Shift+T")
        editor._action(
            menu,
            self.tr("Set s&tart here and shift the rest"),
            self.start_here_shift_rest,
            "Ctrl+Shift+H",
        )
        editor._action(
            menu, self.tr("Stretch: set &anchor here"), self.set_anchor_here, "Ctrl+Shift+A"
        )
        menu.addSeparator()
        editor._action(menu, self.tr("Apply timing &rules…"), self.ask_timing_rules)

    def _status(self, text: str) -> None:
        self._editor.statusBar().showMessage(text, 10_000)

    def _selected(self) -> SentenceRef | None:
        ref = self._editor.current_ref()
        if ref is None:
            self._status(self.tr("Select a sentence first"))
        return ref

    # -- shift -----------------------------------------------------------------

    def ask_shift(self) -> None:
        dialog = ShiftDialog(self._editor)
        dialog.accepted.connect(lambda: self.shift(dialog.offset_ms(), dialog.chosen_scope()))
        self.dialog = dialog
        dialog.open()

    def shift(self, offset_ms: int, scope: Scope) -> bool:
        session = self._editor.session
        if scope is Scope.ALL:
            return session.apply(self.tr("Shift all times"), lambda t: retiming.shift(t, offset_ms))
        ref = self._selected()
        if ref is None:
            return False
        if scope is Scope.SELECTED:
            return session.apply(
                self.tr("Shift sentence"), lambda t: retiming.shift(t, offset_ms, [ref])
            )
        begin = self._editor.session.transcript.channel(ref.channel_id).sentences[ref.index]
        return session.apply(
            self.tr("Shift from here on"),
            lambda t: retiming.shift_from(t, ref, begin.begin_ms + offset_ms),
        )

    def start_here_shift_rest(self) -> bool:
        """The selected sentence starts at the playhead; everything after moves with it."""
        ref = self._selected()
        if ref is None:
            return False
        position = self._editor.wave.position()
        done = self._editor.session.apply(
            self.tr("Set start and shift the rest"),
            lambda t: retiming.shift_from(t, ref, position),
        )
        if done:
            self._status(
                self.tr("Starts at {0}; the sentences after it moved as much").format(
                    format_time(position, millis=True)
                )
            )
        return done

    # -- stretch ---------------------------------------------------------------

    def set_anchor_here(self) -> bool:
        """First press: remember an anchor. Second press: stretch so both anchors hold."""
        ref = self._selected()
        if ref is None:
            return False
        now = self._editor.session.transcript.channel(ref.channel_id).sentences[ref.index].begin_ms
        right = self._editor.wave.position()
        if self.anchor is None:
            self.anchor = (now, right)
            self._status(
                self.tr(
                    "Anchor 1: {0} → {1}. Now select a sentence far away, play to where it"
                    " starts, and set anchor 2."
                ).format(format_time(now, millis=True), format_time(right, millis=True))
            )
            return True
        first, self.anchor = self.anchor, None
        done = self._editor.session.apply(
            self.tr("Stretch between anchors"), lambda t: retiming.stretch(t, first, (now, right))
        )
        if done:
            self._status(self.tr("Stretched: both anchors now start where you set them"))
        return done

    # -- timing rules ----------------------------------------------------------

    def ask_timing_rules(self) -> None:
        try:
            presets = all_presets()
        except PresetFileError as error:
            self._status(str(error))
            presets = list(BUILTIN_PRESETS)
        dialog = TimingRulesDialog(self._editor.session.transcript, presets, self._editor)
        dialog.accepted.connect(lambda: self.apply_rules(dialog.rules()))
        self.dialog = dialog
        dialog.open()

    def apply_rules(self, rules: TimingRules) -> bool:
        count = 0

        def operation(transcript: Transcript) -> Transcript:
            nonlocal count
            fixed, changes = retiming.apply_timing_rules(transcript, rules)
            count = len(changes)
            return fixed

        done = self._editor.session.apply(self.tr("Apply timing rules"), operation)
        if not done:
            self._status(self.tr("Nothing changed"))
        elif count == 1:
            self._status(self.tr("1 sentence retimed"))
        else:
            self._status(self.tr("{0} sentences retimed").format(count))
        return done
