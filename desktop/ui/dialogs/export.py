"""The export dialog: pick items, format, preset and options, see the first cues and the check.

One item exports to a file, several to a folder (one file each, named after
their titles). The preview shows the start of the file as it will be
written; the check report lists every cue of the current item that breaks the
preset's rules, with the reason when the speech made it unavoidable. The
work is done by ``desktop.export`` and ``desktop.domain``; this module only
shows it.

When the current item has subtitle tracks, "From" offers the transcript or
one of the tracks: a track exports (and is checked) exactly as it was edited
in the subtitle view, with its own preset. A translated track adds "Text":
the source only, the translation only, or both in each cue (source over
target, or the reverse); ASS gives each language its own size, stacked or at
the top and bottom of the screen. The translation is checked against its
language's preset (English: 42 columns) and re-broken for it unless
"Re-break lines" is cleared. The bytes are ``desktop.export.bilingual``'s, as
``tingxie export --language`` / ``--bilingual`` writes them.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import docx
from msgspec.structs import replace as struct_replace
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.cue_track import CueTrack
from desktop.domain.rebreak import check_target, preset_for_language
from desktop.domain.subtitle_check import Violation, check
from desktop.domain.subtitle_presets import BUILTIN_PRESETS, DEFAULT_FPS, Preset
from desktop.domain.subtitles import segment
from desktop.domain.transcript import Transcript
from desktop.domain.translation_models import language_name
from desktop.export import (
    CUE_FORMATS,
    FORMAT_NAMES,
    FORMATS,
    SUFFIXES,
    ExportOptions,
    export_track,
    export_transcript,
    prepared,
)
from desktop.export.bilingual import (
    TRANSLATED_FORMATS,
    AssLayout,
    BilingualAssStyle,
    BilingualCue,
    export_translated,
    pair_cues,
    target_cues,
)
from desktop.export.chinese_script import CONVERSIONS
from desktop.export.files import ExportWriteError, export_batch, file_name, write_atomically
from desktop.export.plain_text import TextOptions, format_timestamp
from desktop.jobs.track_translation import translated_counts, translation_texts
from desktop.store.library import ItemSummary, LibraryFile
from desktop.store.subtitle_profiles import PresetFileError, all_presets, find_preset
from desktop.ui.dialogs.presets import PresetEditor
from desktop.ui.util.background import run_in_thread
from desktop.ui.util.messages import rules_text, translated
from desktop.ui.util.rows_model import RowsModel

PREVIEW_SENTENCES = 12
PREVIEW_CHARS = 4000
_IndexLike = QModelIndex | QPersistentModelIndex

# The "Text" choices of a translated track, as "mode:language" (SOURCE has no language).
SOURCE, TARGET, SOURCE_OVER_TARGET, TARGET_OVER_SOURCE = (
    "source",
    "target",
    "source-over-target",
    "target-over-source",
)
TextChoice = tuple[str, str | None]


class ItemsModel(QAbstractListModel):
    """Library items with a check box each: the ones checked are exported."""

    def __init__(self, items: Sequence[ItemSummary], checked: set[int]) -> None:
        super().__init__()
        self._items = list(items)
        self._checked = {i.id for i in self._items if i.id in checked}

    def rowCount(self, parent: _IndexLike = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _IndexLike, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if item.id in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"item {item.id} · {item.model or 'imported'}"
        return None

    def flags(self, index: _IndexLike) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable

    def setData(
        self, index: _IndexLike, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        item = self._items[index.row()]
        if Qt.CheckState(value) == Qt.CheckState.Checked:  # type: ignore[call-overload]
            self._checked.add(item.id)
        else:
            self._checked.discard(item.id)
        self.dataChanged.emit(index, index, [role])
        return True

    def item(self, row: int) -> ItemSummary:
        return self._items[row]

    def checked(self) -> list[ItemSummary]:
        return [i for i in self._items if i.id in self._checked]


class CheckReportModel(RowsModel[Violation]):
    """The check's violations: cue number, time, severity, rule, and what is wrong and why."""

    HEADERS = (
        "#",
        QT_TRANSLATE_NOOP("CheckReportModel", "Time"),
        QT_TRANSLATE_NOOP("CheckReportModel", "Severity"),
        QT_TRANSLATE_NOOP("CheckReportModel", "Rule"),
        QT_TRANSLATE_NOOP("CheckReportModel", "Problem"),
    )

    def data(self, index: _IndexLike, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        v = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return v.cue
            if column == 1:
                return format_timestamp(v.start_ms)
            if column == 2:
                return self.tr(_SEVERITIES.get(v.severity, v.severity))
            if column == 3:
                return self.tr(_RULES.get(v.rule, v.rule))
            if v.reason:
                return self.tr("{0} — why: {1}").format(translated(v.message), translated(v.reason))
            return translated(v.message)
        if role == Qt.ItemDataRole.ToolTipRole:
            return translated(v.reason or v.message)
        return None


# The check's severities and rules as the report names them (subtitle_check.RULES's ids).
_SEVERITIES = {
    "error": QT_TRANSLATE_NOOP("CheckReportModel", "error"),
    "warning": QT_TRANSLATE_NOOP("CheckReportModel", "warning"),
}
_RULES = {
    "line-too-long": QT_TRANSLATE_NOOP("CheckReportModel", "line too long"),
    "too-many-lines": QT_TRANSLATE_NOOP("CheckReportModel", "too many lines"),
    "too-fast": QT_TRANSLATE_NOOP("CheckReportModel", "too fast"),
    "too-short": QT_TRANSLATE_NOOP("CheckReportModel", "too short"),
    "too-long": QT_TRANSLATE_NOOP("CheckReportModel", "too long"),
    "overlap": QT_TRANSLATE_NOOP("CheckReportModel", "overlap"),
    "gap": QT_TRANSLATE_NOOP("CheckReportModel", "gap"),
}


class ExportDialog(QDialog):
    """Export library items; ``exported`` carries the files written.

    Signals:
        exported(list)
    """

    exported = Signal(list)

    def __init__(
        self,
        library: LibraryFile,
        item_ids: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self.resize(980, 680)
        self._library = library
        self._preset_problem: str | None = None
        self._cache: tuple[int, Transcript] | None = None
        self._tracks: dict[int, CueTrack] = {}  # by track id, loaded when chosen
        self._sources_of: int | None = None  # the item the "From" choices are for
        self._texts_of: int | None = None  # the track the "Text" choices are for
        self._translations: dict[tuple[int, str], dict[str, str | None]] = {}
        with library.connect() as connection:
            items = connection.items()
        wanted = set(item_ids) or ({items[0].id} if items else set())
        self.items_model = ItemsModel(items, wanted)
        self.report_model = CheckReportModel()
        self._presets = self._load_presets()
        self._build()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(150)
        self._refresh_timer.timeout.connect(self.refresh)
        self._connect()
        self._select_first_checked()
        self._update_option_state()
        self.refresh()
        self._use_media_frame_rate()

    def _use_media_frame_rate(self) -> None:
        """Start the frame rate at the first item's video's own (read off the GUI thread)."""
        item = self._current_item()
        if item is None or not item.media_path:
            return
        media = Path(item.media_path)
        run_in_thread(self, lambda: _frame_rate_of(media), self._media_frame_rate, lambda _e: None)

    def _media_frame_rate(self, fps: float | None) -> None:
        if fps is not None and self.fps_spin.value() == DEFAULT_FPS:
            self.fps_spin.setValue(fps)

    # -- building ------------------------------------------------------------------

    def _load_presets(self) -> list[Preset]:
        try:
            return all_presets()
        except PresetFileError as error:
            self._preset_problem = str(error)
            return list(BUILTIN_PRESETS)

    def _build(self) -> None:
        self.items_view = QListView()
        self.items_view.setAccessibleName(self.tr("Items to export"))
        self.items_view.setModel(self.items_model)
        self.items_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

        self.source_combo = QComboBox()
        self.source_combo.setObjectName("sourceCombo")
        self.source_combo.addItem(self.tr("Transcript"), None)
        self.text_combo = QComboBox()
        self.text_combo.setObjectName("textCombo")
        self.text_combo.addItem(self.tr("Source only"), SOURCE)
        self.upper_size_spin = _size_spin(BilingualAssStyle.upper_size)
        self.upper_size_spin.setAccessibleName(self.tr("Upper language size"))
        self.lower_size_spin = _size_spin(BilingualAssStyle.lower_size)
        self.lower_size_spin.setAccessibleName(self.tr("Lower language size"))
        self.layout_combo = QComboBox()
        self.layout_combo.addItem(self.tr("Stacked at the bottom"), AssLayout.STACKED)
        self.layout_combo.addItem(self.tr("Top and bottom"), AssLayout.SPLIT)
        self.rebreak_box = QCheckBox(self.tr("Re-break lines"))
        self.rebreak_box.setToolTip(
            self.tr("Break each translated line where the target language's preset wants it")
        )
        self.rebreak_box.setChecked(True)
        self.format_combo = QComboBox()
        for fmt in FORMATS:
            self.format_combo.addItem(translated(FORMAT_NAMES[fmt]), fmt)
        self.preset_combo = QComboBox()
        self._fill_preset_combo()
        self.manage_presets_button = QPushButton(self.tr("Manage…"))
        self.manage_presets_button.setToolTip(self.tr("Create, edit and delete custom presets"))
        self.preset_rules = QLabel()
        self.preset_rules.setWordWrap(True)
        self.fps_spin = QDoubleSpinBox()
        self.fps_spin.setRange(1.0, 240.0)
        self.fps_spin.setDecimals(3)
        self.fps_spin.setValue(DEFAULT_FPS)
        self.fps_spin.setSuffix(" " + self.tr("fps"))
        self.chinese_combo = QComboBox()
        self.chinese_combo.addItem(self.tr("No conversion"), None)
        for config, label in CONVERSIONS.items():
            self.chinese_combo.addItem(translated(label), config)
        self.timestamps_box = QCheckBox(self.tr("Timestamps"))
        self.speakers_box = QCheckBox(self.tr("Speaker turns"))
        self.destination_edit = QLineEdit()
        self.browse_button = QPushButton(self.tr("Browse…"))

        options = QFormLayout()
        options.addRow(self.tr("From"), self.source_combo)
        text_choice = QHBoxLayout()
        text_choice.addWidget(self.text_combo, 1)
        text_choice.addWidget(self.rebreak_box)
        options.addRow(self.tr("Text"), text_choice)
        self._text_row = options.rowCount() - 1
        sizes = QHBoxLayout()
        sizes.addWidget(QLabel(self.tr("Upper")))
        sizes.addWidget(self.upper_size_spin)
        sizes.addWidget(QLabel(self.tr("Lower")))
        sizes.addWidget(self.lower_size_spin)
        sizes.addWidget(self.layout_combo, 1)
        options.addRow(self.tr("ASS styles"), sizes)
        self._ass_row = options.rowCount() - 1
        self._options_layout = options
        options.addRow(self.tr("Format"), self.format_combo)
        preset_row = QHBoxLayout()
        preset_row.addWidget(self.preset_combo, 1)
        preset_row.addWidget(self.manage_presets_button)
        options.addRow(self.tr("Preset"), preset_row)
        options.addRow("", self.preset_rules)
        options.addRow(self.tr("Frame rate"), self.fps_spin)
        options.addRow(self.tr("Chinese"), self.chinese_combo)
        text_row = QHBoxLayout()
        text_row.addWidget(self.timestamps_box)
        text_row.addWidget(self.speakers_box)
        text_row.addStretch(1)  # the boxes as wide as their labels: a click there ticks them
        options.addRow(self.tr("Include"), text_row)
        destination = QHBoxLayout()
        destination.addWidget(self.destination_edit, 1)
        destination.addWidget(self.browse_button)
        options.addRow(self.tr("Save to"), destination)
        options_box = QGroupBox(self.tr("Options"))
        options_box.setLayout(options)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel(self.tr("Items to export")))
        left_layout.addWidget(self.items_view, 1)
        left_layout.addWidget(options_box)

        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report_summary = QLabel()
        self.report_view = QTableView()
        self.report_view.setModel(self.report_model)
        self.report_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.report_view.verticalHeader().setVisible(False)
        self.report_view.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        right = QSplitter(Qt.Orientation.Vertical)
        preview_box = QGroupBox(self.tr("Preview"))
        QVBoxLayout(preview_box).addWidget(self.preview)
        report_box = QGroupBox(self.tr("Check"))
        report_layout = QVBoxLayout(report_box)
        report_layout.addWidget(self.report_summary)
        report_layout.addWidget(self.report_view)
        right.addWidget(preview_box)
        right.addWidget(report_box)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        if self._preset_problem:
            self.status.setText(self._preset_problem)

    def _fill_preset_combo(self) -> None:
        for preset in self._presets:
            self.preset_combo.addItem(translated(preset.name), preset.id)
            self.preset_combo.setItemData(
                self.preset_combo.count() - 1, rules_text(preset), Qt.ItemDataRole.ToolTipRole
            )

    def _connect(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.manage_presets_button.clicked.connect(self.open_preset_editor)
        self.export_button.clicked.connect(self.export)
        self.browse_button.clicked.connect(self._browse)
        combos = (
            self.format_combo,
            self.preset_combo,
            self.chinese_combo,
            self.source_combo,
            self.text_combo,
            self.layout_combo,
        )
        for combo in combos:
            combo.currentIndexChanged.connect(self._changed)
        for spin in (self.fps_spin, self.upper_size_spin, self.lower_size_spin):
            spin.valueChanged.connect(self._changed)
        self.rebreak_box.toggled.connect(self._changed)
        self.timestamps_box.toggled.connect(self._changed)
        self.speakers_box.toggled.connect(self._changed)
        self.items_model.dataChanged.connect(self._changed)
        self.items_view.selectionModel().currentChanged.connect(self._changed)

    def _select_first_checked(self) -> None:
        checked = self.items_model.checked()
        for row in range(self.items_model.rowCount()):
            if checked and self.items_model.item(row).id == checked[0].id:
                self.items_view.setCurrentIndex(self.items_model.index(row))
                return

    # -- presets -----------------------------------------------------------------------

    def open_preset_editor(self) -> QDialog:
        """The presets dialog, on the current preset; what it saves is chosen here at once."""
        editor = PresetEditor(self.preset_combo.currentData(), self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self.reload_presets)
        editor.deleted.connect(self._preset_deleted)
        editor.open()
        return editor

    def _preset_deleted(self, _preset_id: str) -> None:
        # A bound method, not a lambda: a lambda slot dies with the editor and crashes PySide.
        self.reload_presets(None)

    def reload_presets(self, select: str | None = None) -> None:
        """Read the presets again; select ``select``, else keep the current one if it is left."""
        current = select or self.preset_combo.currentData()
        self._preset_problem = None
        self._presets = self._load_presets()
        self.preset_combo.blockSignals(True)
        try:
            self.preset_combo.clear()
            self._fill_preset_combo()
            self.preset_combo.setCurrentIndex(max(self.preset_combo.findData(current), 0))
        finally:
            self.preset_combo.blockSignals(False)
        if self._preset_problem:
            self.status.setText(self._preset_problem)
        self._changed()

    # -- state -------------------------------------------------------------------------

    def options(self) -> ExportOptions:
        preset_id = self.preset_combo.currentData()
        preset = next(p for p in self._presets if p.id == preset_id)
        return ExportOptions(
            preset=preset,
            fps=self.fps_spin.value(),
            chinese=self.chinese_combo.currentData(),
            text=TextOptions(
                timestamps=self.timestamps_box.isChecked(), speakers=self.speakers_box.isChecked()
            ),
        )

    def chosen_track(self) -> CueTrack | None:
        """The track chosen under "From", or None for the transcript."""
        track_id = self.source_combo.currentData()
        if track_id is None:
            return None
        if track_id not in self._tracks:
            with self._library.connect() as library:
                self._tracks[track_id] = library.tracks.load(track_id)
        return self._tracks[track_id]

    def _fill_sources(self, item: ItemSummary | None) -> None:
        """The transcript and the item's tracks; only shown when there are tracks."""
        item_id = item.id if item is not None else None
        if item_id == self._sources_of:
            return
        self._sources_of = item_id
        infos = []
        if item_id is not None:
            with self._library.connect() as library:
                infos = library.tracks.tracks(item_id)
        self.source_combo.blockSignals(True)
        try:
            self.source_combo.clear()
            self.source_combo.addItem(self.tr("Transcript"), None)
            for info in infos:
                self.source_combo.addItem(self.tr("Track {0}").format(info.name), info.id)
        finally:
            self.source_combo.blockSignals(False)
        self.source_combo.setEnabled(bool(infos))

    def _fill_texts(self) -> None:
        """Source only, and for each language the track is translated into, the three others."""
        track_id = self.source_combo.currentData()
        if track_id == self._texts_of:
            return
        self._texts_of = track_id
        track = self.chosen_track()
        counts: dict[str, int] = {}
        if track is not None:
            with self._library.connect() as library:
                counts = translated_counts(library, track_id, track)
        current = self.text_combo.currentData()
        self.text_combo.blockSignals(True)
        try:
            self.text_combo.clear()
            self.text_combo.addItem(self.tr("Source only"), SOURCE)
            for code in (c for c, n in counts.items() if n):
                name = translated(language_name(code))
                self.text_combo.addItem(self.tr("{0} only").format(name), f"{TARGET}:{code}")
                self.text_combo.addItem(
                    self.tr("Bilingual: source over {0}").format(name),
                    f"{SOURCE_OVER_TARGET}:{code}",
                )
                self.text_combo.addItem(
                    self.tr("Bilingual: {0} over source").format(name),
                    f"{TARGET_OVER_SOURCE}:{code}",
                )
            self.text_combo.setCurrentIndex(max(self.text_combo.findData(current), 0))
        finally:
            self.text_combo.blockSignals(False)
        self.text_combo.setEnabled(self.text_combo.count() > 1)

    def text_choice(self) -> TextChoice:
        """What the chosen track's cues hold: (mode, target language or None)."""
        mode, _, code = str(self.text_combo.currentData() or SOURCE).partition(":")
        return mode, code or None

    def ass_style(self) -> BilingualAssStyle:
        return BilingualAssStyle(
            upper_size=self.upper_size_spin.value(),
            lower_size=self.lower_size_spin.value(),
            layout=AssLayout(self.layout_combo.currentData()),
            target_first=self.text_choice()[0] == TARGET_OVER_SOURCE,
        )

    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def _current_item(self) -> ItemSummary | None:
        index = self.items_view.currentIndex()
        if index.isValid():
            return self.items_model.item(index.row())
        checked = self.items_model.checked()
        return checked[0] if checked else None

    def _transcript(self, item_id: int) -> Transcript:
        if self._cache is None or self._cache[0] != item_id:
            with self._library.connect() as library:
                self._cache = (item_id, library.transcript(item_id))
        return self._cache[1]

    def _changed(self, *_: object) -> None:
        self._update_option_state()
        self._refresh_timer.start()

    def _summary(self, cue_count: int, violations: Sequence[Violation], title: str) -> str:
        errors = sum(1 for v in violations if v.severity == "error")
        warnings = len(violations) - errors
        unavoidable = sum(1 for v in violations if v.severity == "error" and v.reason)
        counts = self.tr(", ").join(
            (
                self.tr("%n cues", "", cue_count),
                self.tr("%n errors", "", errors),
                self.tr("%n warnings", "", warnings),
            )
        )
        text = self.tr("{0}: {1}").format(title, counts)
        if unavoidable:
            text += " " + self.tr("(%n forced by the speech — see why)", "", unavoidable)
        return text

    def _update_option_state(self) -> None:
        self._fill_sources(self._current_item())
        self._fill_texts()
        fmt = self.fmt()
        mode, language = self.text_choice()
        bilingual = mode in (SOURCE_OVER_TARGET, TARGET_OVER_SOURCE)
        for widget in (self.upper_size_spin, self.lower_size_spin, self.layout_combo):
            widget.setEnabled(bilingual and fmt == "ass")
        self.rebreak_box.setEnabled(mode != SOURCE)
        # Shown only where they mean something: a translated track; bilingual ASS.
        self._options_layout.setRowVisible(self._text_row, self.text_combo.count() > 1)
        self._options_layout.setRowVisible(self._ass_row, bilingual and fmt == "ass")
        is_text = fmt == "txt"
        self.timestamps_box.setEnabled(is_text)
        self.speakers_box.setEnabled(is_text)
        uses_cues = fmt in CUE_FORMATS
        from_track = self.source_combo.currentData() is not None
        self.preset_combo.setEnabled(uses_cues and not from_track)
        self.fps_spin.setEnabled(uses_cues)
        preset = self.options().preset
        if mode != SOURCE and language is not None:
            preset = preset_for_language(language)  # what the translation is checked against
        self.preset_rules.setText(rules_text(preset))
        checked = self.items_model.checked()
        self.export_button.setEnabled(bool(checked))
        self.destination_edit.setPlaceholderText(
            self.tr("folder for %n files", "", len(checked))
            if len(checked) > 1
            else self.tr("file to write")
        )
        self._suggest_destination(checked)

    def _suggest_destination(self, checked: list[ItemSummary]) -> None:
        """Keep the folder the user chose; follow the format's suffix for a single file."""
        text = self.destination_edit.text().strip()
        if len(checked) != 1 or not text:
            return
        path = Path(text)
        if path.is_dir():
            return
        stem = path.name
        for suffix in sorted(SUFFIXES.values(), key=len, reverse=True):
            if stem.endswith(suffix):
                stem = stem[: -len(suffix)]
                break
        self.destination_edit.setText(str(path.with_name(stem + SUFFIXES[self.fmt()])))

    # -- preview and check ---------------------------------------------------------

    def preview_pending(self) -> bool:
        """A change of options waits (a short debounce) to be shown in the preview."""
        return self._refresh_timer.isActive()

    def refresh(self) -> None:
        """Preview the start of the current item's file and check all of its cues."""
        item = self._current_item()
        if item is None:
            self.preview.setPlainText(self.tr("Nothing to export: the library is empty."))
            self.report_model.set_rows([])
            self.report_summary.clear()
            return
        options = self.options()
        track = self.chosen_track()
        if track is not None:
            self._refresh_track(track, options, item)
            return
        transcript = self._transcript(item.id)
        self.preview.setPlainText(self._preview_text(transcript, options))
        if self.fmt() in CUE_FORMATS:
            cut = segment(prepared(transcript, options), options.preset, options.fps)
            violations = check(cut.cues, options.preset, options.fps, cut.notes)
            self.report_model.set_rows(violations)
            self.report_summary.setText(self._summary(len(cut.cues), violations, item.title))
        else:
            self.report_model.set_rows([])
            self.report_summary.setText(self.tr("The check applies to subtitle formats."))

    def _refresh_track(self, track: CueTrack, options: ExportOptions, item: ItemSummary) -> None:
        mode, language = self.text_choice()
        if language is not None and mode != SOURCE:
            self._refresh_translated(track, options, item, language)
            return
        if self.fmt() not in CUE_FORMATS:
            self.preview.setPlainText(
                self.tr("A subtitle track exports as SRT, WebVTT, ASS or CSV; choose one of those.")
            )
            self.report_model.set_rows([])
            self.report_summary.clear()
            return
        text = export_track(track, self.fmt(), options).decode("utf-8-sig", "replace")
        self.preview.setPlainText(text[:PREVIEW_CHARS])
        try:
            preset = find_preset(track.preset_id)
        except LookupError:
            preset = options.preset
        fps = track.rate.fps if track.rate else options.fps
        violations = check(track.plain_cues(), preset, fps)
        self.report_model.set_rows(violations)
        self.report_summary.setText(self._summary(len(track), violations, item.title))

    def _refresh_translated(
        self, track: CueTrack, options: ExportOptions, item: ItemSummary, language: str
    ) -> None:
        """The translated export's start, and its target text checked for the target language."""
        if self.fmt() not in TRANSLATED_FORMATS:
            self.preview.setPlainText(
                self.tr("A translated track exports as SRT, WebVTT or ASS; choose one of those.")
            )
            self.report_model.set_rows([])
            self.report_summary.clear()
            return
        cues = self._paired(track, language)
        text = self._translated_bytes(cues, item.title).decode("utf-8-sig", "replace")
        self.preview.setPlainText(text[:PREVIEW_CHARS])
        preset = preset_for_language(language)
        fps = track.rate.fps if track.rate else options.fps
        violations = check_target(target_cues(cues), preset, fps)
        self.report_model.set_rows(violations)
        title = self.tr("{0} ({1}, checked as {2})").format(
            item.title, translated(language_name(language)), translated(preset.name)
        )
        self.report_summary.setText(self._summary(len(cues), violations, title))

    def _paired(self, track: CueTrack, language: str) -> list[BilingualCue]:
        """The track's cues with their translations, re-broken for the target when asked."""
        track_id = int(self.source_combo.currentData())
        key = (track_id, language)
        if key not in self._translations:
            with self._library.connect() as library:
                self._translations[key] = translation_texts(library, track_id, track, language)
        preset = preset_for_language(language) if self.rebreak_box.isChecked() else None
        return pair_cues(
            [(c.key, c.as_cue()) for c in track.cues], self._translations[key], rebreak_for=preset
        )

    def _translated_bytes(self, cues: Sequence[BilingualCue], title: str) -> bytes:
        mode, _language = self.text_choice()
        bilingual = mode != TARGET
        return export_translated(
            cues,
            self.fmt(),
            bilingual=bilingual,
            target_first=mode == TARGET_OVER_SOURCE,
            style=self.ass_style() if bilingual else None,
            title=title,
        )

    def _preview_text(self, transcript: Transcript, options: ExportOptions) -> str:
        fmt = self.fmt()
        head = _head(transcript, PREVIEW_SENTENCES)
        if fmt == "docx":
            data = export_transcript(head, "docx", options=options)
            paragraphs = docx.Document(io.BytesIO(data)).paragraphs
            return "\n\n".join(p.text for p in paragraphs if p.text)
        text = export_transcript(head, fmt, options=options).decode("utf-8-sig", "replace")
        return text[:PREVIEW_CHARS]

    # -- export ----------------------------------------------------------------------

    def _browse(self) -> None:
        checked = self.items_model.checked()
        global _last_folder
        if len(checked) > 1:
            folder = QFileDialog.getExistingDirectory(
                self, self.tr("Export to folder"), str(_start_folder())
            )
            if folder:
                _last_folder = Path(folder)
                self.destination_edit.setText(folder)
            return
        title = checked[0].title if checked else "transcript"
        suggestion = _start_folder() / file_name(title, self.fmt(), set())
        only_this = self.tr("{0} (*{1})").format(
            translated(FORMAT_NAMES[self.fmt()]), SUFFIXES[self.fmt()]
        )
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export as"), str(suggestion), only_this
        )
        if path:
            _last_folder = Path(path).parent
            self.destination_edit.setText(path)

    def export(self) -> None:
        checked = self.items_model.checked()
        target = self.destination_edit.text().strip()
        if not checked:
            self.status.setText(self.tr("Check at least one item to export."))
            return
        if not target:
            self.status.setText(self.tr("Choose where to save the export first."))
            return
        try:
            written = self._write(checked, Path(target).expanduser())
        except (ExportWriteError, OSError) as error:
            self.status.setText(self.tr("Export failed: %1").replace("%1", str(error)))
            return
        self.status.setText(
            self.tr("Exported %n files: ", "", len(written)) + ", ".join(p.name for p in written)
        )
        self.exported.emit(written)

    def _write(self, checked: list[ItemSummary], target: Path) -> list[Path]:
        options = self.options()
        fmt = self.fmt()
        track = self.chosen_track()
        mode, language = self.text_choice()
        if track is not None and len(checked) == 1 and not target.is_dir():
            if language is not None and mode != SOURCE:
                return [self._write_translated(track, language, checked[0].title, target)]
            if fmt not in CUE_FORMATS:
                raise ExportWriteError(
                    self.tr("a subtitle track exports as SRT, WebVTT, ASS or CSV, not {0}").format(
                        FORMAT_NAMES[fmt]
                    )
                )
            data = export_track(track, fmt, replace(options, title=checked[0].title))
            write_atomically(target, data)
            return [target]
        if len(checked) == 1 and not target.is_dir():
            item = checked[0]
            data = export_transcript(
                self._transcript(item.id), fmt, options=replace(options, title=item.title)
            )
            write_atomically(target, data)
            return [target]
        loads = [(item.title, self._loader(item.id)) for item in checked]
        return export_batch(loads, fmt, options, target)

    def _write_translated(self, track: CueTrack, language: str, title: str, target: Path) -> Path:
        if self.fmt() not in TRANSLATED_FORMATS:
            raise ExportWriteError(
                self.tr("a translated track exports as SRT, WebVTT or ASS, not {0}").format(
                    FORMAT_NAMES[self.fmt()]
                )
            )
        write_atomically(target, self._translated_bytes(self._paired(track, language), title))
        return target

    def _loader(self, item_id: int) -> Callable[[], Transcript]:
        return lambda: self._transcript(item_id)


def _size_spin(points: float) -> QDoubleSpinBox:
    """An ASS style's font size, in points at 1080 lines."""
    spin = QDoubleSpinBox()
    spin.setRange(8.0, 200.0)
    spin.setDecimals(0)
    spin.setValue(points)
    spin.setSuffix(" pt")
    return spin


def _head(transcript: Transcript, sentences: int) -> Transcript:
    """The transcript's first sentences (all channels), enough for a preview."""
    keep = {id(s) for s in transcript.merged_sentences()[:sentences]}
    channels = tuple(
        struct_replace(c, sentences=tuple(s for s in c.sentences if id(s) in keep))
        for c in transcript.channels
    )
    return struct_replace(transcript, channels=channels)


def _frame_rate_of(media: Path) -> float | None:
    """The video's frame rate in fps, or None (audio only, missing or unreadable file)."""
    from desktop.media.frame_rate import read_frame_rate

    if not media.is_file():
        return None
    try:
        rate = read_frame_rate(media)
    except OSError:
        return None
    return rate.fps if rate is not None else None


# The folder the last export went to in this session; the documents folder before that.
_last_folder: Path | None = None


def _start_folder() -> Path:
    """Where file dialogs start: the last export's folder, else the user's documents."""
    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()
