"""The subtitle presets dialog: the built-in and custom presets, and a form for the custom ones.

Built-in presets follow their published sources, so they are shown read-only;
a custom preset starts as a copy of one (``copy_of``) and every rule of
``Preset`` is editable. The form builds a ``Preset`` on each change, so the
domain's own checks decide what is valid and their message is what the person
reads; saving and deleting go through ``desktop.store.subtitle_profiles``,
which refuses a taken or built-in id and never overwrites a file it cannot read.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.subtitle_presets import (
    BUILTIN_PRESETS,
    UNITS,
    Preset,
    UnknownPresetError,
    copy_of,
    is_builtin,
)
from desktop.store.subtitle_profiles import (
    PresetFileError,
    all_presets,
    delete_preset,
    profiles_path,
    save_edited_preset,
)
from desktop.ui.util.messages import rules_text, translated
from desktop.ui.util.rows_model import RowsModel

_IndexLike = QModelIndex | QPersistentModelIndex
NAME, ID, KIND, RULES = range(4)


class PresetListModel(RowsModel[Preset]):
    """Every preset: name, id, built-in or custom, and its rules in one line."""

    HEADERS = (
        QT_TRANSLATE_NOOP("PresetListModel", "Name"),
        QT_TRANSLATE_NOOP("PresetListModel", "Id"),
        QT_TRANSLATE_NOOP("PresetListModel", "Kind"),
        QT_TRANSLATE_NOOP("PresetListModel", "Rules"),
    )

    def ids(self) -> list[str]:
        return [p.id for p in self._rows]

    def row_of(self, preset_id: str) -> int:
        """The row of ``preset_id``, or -1."""
        return next((row for row, p in enumerate(self._rows) if p.id == preset_id), -1)

    def data(self, index: _IndexLike, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        preset = self._rows[index.row()]
        builtin = is_builtin(preset.id)
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == NAME:
                return translated(preset.name)
            if column == ID:
                return preset.id
            if column == KIND:
                return self.tr("built-in") if builtin else self.tr("custom")
            return rules_text(preset)
        if role == Qt.ItemDataRole.ToolTipRole:
            return rules_text(preset) if index.column() == RULES else translated(preset.source)
        if role == Qt.ItemDataRole.FontRole and builtin:
            font = QFont()
            font.setItalic(True)
            return font
        return None


def _optional_spin(maximum: float, decimals: int, suffix: str, off: str) -> QDoubleSpinBox:
    """A number where 0 means "no such rule" (the preset's ``None``)."""
    spin = QDoubleSpinBox()
    spin.setRange(0.0, maximum)
    spin.setDecimals(decimals)
    spin.setSuffix(suffix)
    spin.setSpecialValueText(off)
    return spin


class PresetEditor(QDialog):
    """List, copy, edit, save and delete subtitle presets; ``saved``/``deleted`` carry the id.

    Signals:
        saved(str)
        deleted(str)
    """

    saved = Signal(str)
    deleted = Signal(str)

    def __init__(self, selected: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Subtitle presets"))
        self.resize(1180, 640)
        self.list_model = PresetListModel(self)
        self._original: str | None = None  # the custom preset the form edits; None: a new one
        self._editable = False
        self._loading = False
        self._file_problem: str | None = None
        self._source = ""  # kept as it is: where the numbers come from
        self._to_delete = ""
        self._shown: Preset | None = None  # what the form was filled with
        self._then: tuple[str, str] = ("", "")  # what to do once unsaved changes are settled
        self._build()
        self._connect()
        self._reload(selected or BUILTIN_PRESETS[0].id)

    # -- building ----------------------------------------------------------------

    def _build(self) -> None:
        self.list_view = QTableView()
        self.list_view.setModel(self.list_model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.verticalHeader().setVisible(False)
        self.list_view.setWordWrap(False)
        header = self.list_view.horizontalHeader()
        for column in (NAME, ID, KIND):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RULES, QHeaderView.ResizeMode.Stretch)
        self.new_button = QPushButton(self.tr("New from selected"))
        self.new_button.setToolTip(self.tr("A custom copy of the selected preset, to edit"))
        self.delete_button = QPushButton(self.tr("Delete"))
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_button)
        list_buttons.addWidget(self.delete_button)
        list_buttons.addStretch(1)

        self.name_edit = QLineEdit()
        self.id_edit = QLineEdit()
        self.id_edit.setToolTip(
            self.tr("Used on the command line (--preset): letters, digits, '-' and '_'")
        )
        self.unit_combo = QComboBox()
        unit_names = {
            "columns": self.tr("columns (a Chinese character counts 2)"),
            "characters": self.tr("characters (every character counts 1)"),
            "full-width": self.tr("full-width (half-width characters count 0.5)"),
        }
        for unit in UNITS:
            self.unit_combo.addItem(unit_names[unit], unit)
        off = self.tr("off")
        seconds = self.tr(" s")
        self.chars_spin = _optional_spin(500, 1, "", off)
        self.lines_spin = QSpinBox()
        self.lines_spin.setRange(0, 20)
        self.lines_spin.setSpecialValueText(off)
        self.cps_spin = _optional_spin(200, 1, self.tr(" cps"), off)
        self.wpm_spin = _optional_spin(2000, 0, self.tr(" wpm"), off)
        self.min_duration_spin = _optional_spin(600, 3, seconds, off)
        self.max_duration_spin = _optional_spin(600, 3, seconds, off)
        self.gap_frames_spin = QSpinBox()
        self.gap_frames_spin.setRange(0, 1000)
        self.gap_frames_spin.setSuffix(self.tr(" frames"))
        self.chain_gap_spin = _optional_spin(60, 3, seconds, off)
        self.open_gap_spin = _optional_spin(60, 3, seconds, off)
        self.shift_spin = _optional_spin(60, 3, seconds, off)
        self.dash_box = QCheckBox(self.tr("Two speakers in one cue, each line with a dash"))
        self.split_box = QCheckBox(self.tr("Split long sentences into several cues"))
        self.overlap_box = QCheckBox(self.tr("Cues may overlap"))
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Id"), self.id_edit)
        form.addRow(self.tr("Count characters as"), self.unit_combo)
        form.addRow(self.tr("Characters per line"), self.chars_spin)
        form.addRow(self.tr("Lines per cue"), self.lines_spin)
        form.addRow(self.tr("Reading speed"), self.cps_spin)
        form.addRow(self.tr("Words per minute"), self.wpm_spin)
        form.addRow(self.tr("Minimum duration"), self.min_duration_spin)
        form.addRow(self.tr("Maximum duration"), self.max_duration_spin)
        form.addRow(self.tr("Minimum gap"), self.gap_frames_spin)
        form.addRow(self.tr("Close gaps shorter than"), self.chain_gap_spin)
        form.addRow(self.tr("Gaps left open at least"), self.open_gap_spin)
        form.addRow(self.tr("Move a cue at most"), self.shift_spin)
        form.addRow("", self.dash_box)
        form.addRow("", self.split_box)
        form.addRow("", self.overlap_box)
        form.addRow(self.tr("Source"), self.source_label)
        self.form_box = QGroupBox(self.tr("Rules"))
        self.form_box.setLayout(form)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton(self.tr("Save"))

        right = QVBoxLayout()
        right.addWidget(self.note)
        right.addWidget(self.form_box)
        right.addWidget(self.summary)
        right.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        left = QVBoxLayout()
        left.addWidget(self.list_view, 1)
        left.addLayout(list_buttons)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def _fields(self) -> list[QWidget]:
        return [
            self.name_edit,
            self.id_edit,
            self.unit_combo,
            self.chars_spin,
            self.lines_spin,
            self.cps_spin,
            self.wpm_spin,
            self.min_duration_spin,
            self.max_duration_spin,
            self.gap_frames_spin,
            self.chain_gap_spin,
            self.open_gap_spin,
            self.shift_spin,
            self.dash_box,
            self.split_box,
            self.overlap_box,
        ]

    def _connect(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.list_view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.new_button.clicked.connect(self.new_from_selected)
        self.delete_button.clicked.connect(self.ask_delete)
        self.save_button.clicked.connect(self.save)
        for line in (self.name_edit, self.id_edit):
            line.textChanged.connect(self._form_changed)
        self.unit_combo.currentIndexChanged.connect(self._form_changed)
        for spin in self._fields():
            if isinstance(spin, QSpinBox | QDoubleSpinBox):
                spin.valueChanged.connect(self._form_changed)
        for box in (self.dash_box, self.split_box, self.overlap_box):
            box.toggled.connect(self._form_changed)

    # -- the list ----------------------------------------------------------------

    def _reload(self, select: str | None) -> None:
        """Read the presets again and select ``select`` (else the first)."""
        try:
            presets = all_presets()
            self._file_problem = None
        except PresetFileError as error:
            presets = list(BUILTIN_PRESETS)
            self._file_problem = self.tr(
                "Custom presets cannot be read: %1. Nothing is saved until the file is"
                " fixed or removed."
            ).replace("%1", str(error))
        self.list_model.set_rows(presets)
        row = self.list_model.row_of(select) if select else -1
        self.select_row(max(row, 0))
        if self._file_problem:
            self.status.setText(self._file_problem)

    def select_row(self, row: int) -> None:
        self.list_view.selectRow(row)
        self.list_view.scrollTo(self.list_model.index(row, 0))

    def selected_preset(self) -> Preset | None:
        rows = self.list_view.selectionModel().selectedRows()
        return self.list_model.row_value(rows[0].row()) if rows else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._loading:
            return
        preset = self.selected_preset()
        if preset is None:
            return
        if self.has_unsaved_changes():
            self._restore_selection()
            self._ask_unsaved(("show", preset.id))
            return
        self._show_listed(preset)

    def _show_listed(self, preset: Preset) -> None:
        custom = not is_builtin(preset.id)
        self._show(preset, editable=custom, original=preset.id if custom else None)

    def _restore_selection(self) -> None:
        """Select the preset the form still shows (nothing for a new one), quietly."""
        self._loading = True
        try:
            row = self.list_model.row_of(self._original) if self._original else -1
            if row >= 0:
                self.select_row(row)
            else:
                self.list_view.clearSelection()
        finally:
            self._loading = False

    # -- the form ------------------------------------------------------------------

    def _show(self, preset: Preset, *, editable: bool, original: str | None) -> None:
        """Fill the form with ``preset``; only a custom or new preset can be changed."""
        self._editable, self._original = editable, original
        self._loading = True
        try:
            self.name_edit.setText(preset.name)
            self.id_edit.setText(preset.id)
            self.unit_combo.setCurrentIndex(self.unit_combo.findData(preset.unit))
            self.chars_spin.setValue(preset.max_chars or 0)
            self.lines_spin.setValue(preset.max_lines or 0)
            self.cps_spin.setValue(preset.max_cps or 0)
            self.wpm_spin.setValue(preset.max_wpm or 0)
            self.min_duration_spin.setValue((preset.min_duration_ms or 0) / 1000)
            self.max_duration_spin.setValue((preset.max_duration_ms or 0) / 1000)
            self.gap_frames_spin.setValue(preset.min_gap_frames)
            self.chain_gap_spin.setValue(preset.chain_gap_ms / 1000)
            self.open_gap_spin.setValue(preset.min_open_gap_ms / 1000)
            self.shift_spin.setValue(preset.max_shift_ms / 1000)
            self.dash_box.setChecked(preset.dual_speaker_dash)
            self.split_box.setChecked(preset.split_sentences)
            self.overlap_box.setChecked(preset.allow_overlap)
            self.source_label.setText(translated(preset.source))
            self._source = preset.source
            self._shown = preset
        finally:
            self._loading = False
        for field in self._fields():
            field.setEnabled(editable)
        self.save_button.setEnabled(editable)
        custom = original is not None
        self.delete_button.setEnabled(custom)
        if not editable:
            self.note.setText(
                self.tr(
                    "Built-in presets follow their published sources and cannot be changed."
                    " Click \u201cNew from selected\u201d to make a copy you can edit."
                )
            )
        elif custom:
            self.note.setText(self.tr("Custom preset: change any rule, then save."))
        else:
            self.note.setText(self.tr("New preset (not saved yet): change any rule, then save."))
        self._form_changed()

    def form_preset(self) -> Preset:
        """The preset the form describes; ``ValueError`` names a rule no subtitle could meet."""
        return Preset(
            id=self.id_edit.text().strip(),
            name=self.name_edit.text().strip() or self.id_edit.text().strip(),
            unit=self.unit_combo.currentData(),
            max_chars=self.chars_spin.value() or None,
            max_lines=self.lines_spin.value() or None,
            max_cps=self.cps_spin.value() or None,
            max_wpm=self.wpm_spin.value() or None,
            min_duration_ms=_ms(self.min_duration_spin) or None,
            max_duration_ms=_ms(self.max_duration_spin) or None,
            min_gap_frames=self.gap_frames_spin.value(),
            chain_gap_ms=_ms(self.chain_gap_spin),
            min_open_gap_ms=_ms(self.open_gap_spin),
            max_shift_ms=_ms(self.shift_spin),
            dual_speaker_dash=self.dash_box.isChecked(),
            split_sentences=self.split_box.isChecked(),
            allow_overlap=self.overlap_box.isChecked(),
            source=self._source,
        )

    def has_unsaved_changes(self) -> bool:
        """Whether the form holds changes that closing or moving on would lose."""
        if not self._editable:
            return False
        try:
            return self.form_preset() != self._shown
        except ValueError:
            return True

    def _form_changed(self, *_: object) -> None:
        """Show the rules in one line as they stand, or why they cannot stand."""
        if self._loading:
            return
        try:
            preset = self.form_preset()
        except ValueError as error:
            self.summary.setText(self.tr("Not valid: %1").replace("%1", str(error)))
            self.summary.setStyleSheet("color: #b00020;")
            return
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr("Rules: %1").replace("%1", rules_text(preset) or "—"))

    # -- actions -----------------------------------------------------------------

    def new_from_selected(self) -> Preset | None:
        """Start a custom copy of the selected preset (netflix-en when none is)."""
        base = self.selected_preset() or BUILTIN_PRESETS[0]
        if self.has_unsaved_changes():
            self._ask_unsaved(("new", base.id))
            return None
        return self._new_copy(base)

    def _new_copy(self, base: Preset) -> Preset:
        copy = copy_of(base, taken=self.list_model.ids())
        self._loading = True
        try:
            self.list_view.clearSelection()
        finally:
            self._loading = False
        self._show(copy, editable=True, original=None)
        self.status.setText(
            self.tr("A copy of %1: change it and save.").replace("%1", translated(base.name))
        )
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.name_edit.selectAll()
        return copy

    def save(self) -> bool:
        """Save the form; a rule or id that cannot be saved is named and nothing is written."""
        if not self._editable:
            return False
        try:
            preset = self.form_preset()
            save_edited_preset(preset, self._original)
        except (ValueError, PresetFileError, UnknownPresetError) as error:
            self.status.setText(self.tr("Not saved: %1").replace("%1", str(error)))
            return False
        self._shown, self._original = preset, preset.id
        self._reload(preset.id)
        self.status.setText(
            self.tr("Saved %1 in %2").replace("%1", preset.id).replace("%2", str(profiles_path()))
        )
        self.saved.emit(preset.id)
        return True

    def ask_delete(self) -> QMessageBox | None:
        """Ask before deleting the selected custom preset (built-ins cannot be deleted)."""
        preset = self.selected_preset()
        if preset is None or is_builtin(preset.id):
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete preset"),
            self.tr("Delete the preset \u201c%1\u201d (%2)?")
            .replace("%1", translated(preset.name))
            .replace("%2", preset.id),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(self._delete_confirmed)
        self.confirm = box
        self._to_delete = preset.id
        box.open()
        return box

    def _delete_confirmed(self, answer: int) -> None:
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(self._to_delete)

    def delete(self, preset_id: str) -> bool:
        try:
            delete_preset(preset_id)
        except (PresetFileError, UnknownPresetError) as error:
            self.status.setText(self.tr("Not deleted: %1").replace("%1", str(error)))
            return False
        self._editable = False  # the form showed what is gone
        self._reload(None)
        self.status.setText(self.tr("Deleted %1").replace("%1", preset_id))
        self.deleted.emit(preset_id)
        return True

    # -- unsaved changes -------------------------------------------------------------

    def reject(self) -> None:
        """Close, unless the form holds changes the person has not chosen to drop."""
        if self.has_unsaved_changes():
            self._ask_unsaved(("close", ""))
            return
        super().reject()

    def _ask_unsaved(self, then: tuple[str, str]) -> QMessageBox:
        """Save, discard or stay: asked before the form's changes would be lost."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Unsaved preset"),
            self.tr("The preset \u201c%1\u201d has changes that are not saved.").replace(
                "%1", self.name_edit.text().strip() or self.id_edit.text().strip()
            ),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.finished.connect(self._unsaved_answered)
        self.unsaved_box = box
        self._then = then
        box.open()
        return box

    def _unsaved_answered(self, answer: int) -> None:
        if answer == QMessageBox.StandardButton.Save:
            if not self.save():
                return
        elif answer != QMessageBox.StandardButton.Discard:
            return
        self._editable = False  # saved or dropped: nothing left to lose
        action, preset_id = self._then
        if action == "close":
            super().reject()
        elif action == "new":
            self._new_copy(self._listed(preset_id) or BUILTIN_PRESETS[0])
        else:
            row = max(self.list_model.row_of(preset_id), 0)
            self._loading = True
            try:
                self.select_row(row)
            finally:
                self._loading = False
            self._show_listed(self.list_model.row_value(row))

    def _listed(self, preset_id: str) -> Preset | None:
        row = self.list_model.row_of(preset_id)
        return self.list_model.row_value(row) if row >= 0 else None


def _ms(spin: QDoubleSpinBox) -> int:
    return round(spin.value() * 1000)
