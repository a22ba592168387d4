"""The subtitle view: a track chooser, the cue table and the selected cue's text box.

The panel owns the open track's session and model and every cue action of
the Subtitles menu; the editor window places it in a tab beside the
transcript and feeds it the playhead. Work that reads the media (frame rate,
shot changes) runs off the GUI thread and re-checks the track when it
arrives. After the transcript is corrected, the cues cut from changed words
are marked stale (``transcript_changed``); "Re-cut stale cues" cuts just
those again with the track's preset.

The "Translation" chooser shows the cues' translations into one language as
a second text column (``translation_column``), edited in place; "Translate
stale cues" and "Translate selected cues" open Tools → Translate's dialog set
to this track with just those cues, and the column is read again when a
translation run of this track ends.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import cue_editing as edit
from desktop.domain.cue_editing import Edge
from desktop.domain.cue_timing import CueTimingChange, apply_timing_rules, snap_to_shot_change
from desktop.domain.cue_track import CueTrack, cut_track, unique_name
from desktop.domain.staleness import changed_words, mark_changed, recut_stale, refresh
from desktop.domain.subtitle_presets import Preset
from desktop.domain.timecode import FrameRate
from desktop.domain.transcript import Transcript
from desktop.domain.translation_models import LANGUAGES
from desktop.media.frame_rate import read_frame_rate
from desktop.media.shot_changes import shot_changes_for
from desktop.spelling.checker import SpellChecker
from desktop.spelling.personal_words import PersonalWords
from desktop.store.imports import ImportFailedError
from desktop.store.library import LibraryFile
from desktop.store.subtitle_import import import_track_file
from desktop.store.subtitle_profiles import all_presets, find_preset
from desktop.store.tracks import TrackInfo
from desktop.ui.editor.subtitles.cue_editor import CueTextEdit
from desktop.ui.editor.subtitles.spelling import language_of
from desktop.ui.editor.subtitles.track_model import CueColumn, TrackModel
from desktop.ui.editor.subtitles.track_session import DEBOUNCE_MS, TrackSession
from desktop.ui.editor.subtitles.translation_column import TranslationColumn, read_languages
from desktop.ui.editor.subtitles.translation_editor import TranslationDelegate
from desktop.ui.editor.sync_tools import Scope, ShiftDialog
from desktop.ui.util.background import run_in_thread
from desktop.ui.util.messages import translated

if TYPE_CHECKING:
    from desktop.ui.queue.translation_bridge import TranslationBridge, TranslationDone

NUDGE_MS = edit.NUDGE_MS
SPELLING_DELAY_MS = 700


class TimingChangesDialog(QDialog):
    """What "apply timing rules" would change, cue by cue, before it is applied."""

    def __init__(self, changes: list[CueTimingChange], model: TrackModel, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("cueTimingDialog")
        self.setWindowTitle(self.tr("Apply timing rules"))
        self.changes = QListWidget(self)
        for change in changes:
            self.changes.addItem(
                self.tr("Cue {0}: {1} → {2} – {3} ({4})").format(
                    change.index + 1,
                    model.format_time(change.before[0])
                    + " – "
                    + model.format_time(change.before[1]),
                    model.format_time(change.after[0]),
                    model.format_time(change.after[1]),
                    change.reason,
                )
            )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("These cues will be retimed, as one undoable step:"), self))
        layout.addWidget(self.changes)
        layout.addWidget(buttons)


class SubtitlePanel(QWidget):
    """The item's cue tracks, one open for editing.

    Signals:
        seek_requested(int): play from this media time (a word Ctrl+clicked, a cue chosen)
        message(str): a sentence for the status bar
        track_opened(str): the name of the track now open ("" for none)
        media_known(): the frame rate or the shot changes were read (``rate``, ``shots``)
        cue_selected(int): the row of the cue now selected in the table
    """

    seek_requested = Signal(int)
    message = Signal(str)
    track_opened = Signal(str)
    media_known = Signal()
    cue_selected = Signal(int)

    def __init__(
        self,
        item_id: int,
        *,
        library: LibraryFile,
        transcript: Callable[[], Transcript],
        playhead: Callable[[], int],
        media: Path | None = None,
        debounce_ms: int = DEBOUNCE_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("subtitlePanel")
        self.item_id = item_id
        self._library = library
        self._transcript = transcript
        self._seen_transcript = transcript()
        self._playhead = playhead
        self._debounce_ms = debounce_ms
        self.session: TrackSession | None = None
        self.model: TrackModel | None = None
        self.rate: FrameRate | None = None
        self.shots: tuple[int, ...] = ()
        self._timecode = False
        self._anchor: tuple[int, int] | None = None  # (time now, right time) for stretch
        self.actions_: list[QAction] = []
        self._spelling_for: str | None = None  # the language the checker was loaded for
        self.translation: TranslationColumn | None = None
        self._bridge_of: Callable[[], TranslationBridge] | None = None
        self._bridge: TranslationBridge | None = None
        self._runs: dict[int, object] = {}  # run id → its TranslationOrder
        self._build()
        self.reload_tracks()
        if media is not None and media.is_file():
            self._read_media(media)

    # -- construction ------------------------------------------------------------

    def _build(self) -> None:
        self.chooser = QComboBox(self)
        self.chooser.setObjectName("trackChooser")
        # Narrow at rest (a track name can be long): the editor must fit beside the
        # queue and library on a 1280-pixel screen; the list opens as wide as needed.
        self.chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.chooser.setMinimumContentsLength(12)
        self.chooser.activated.connect(self._chosen)
        self.new_button = QPushButton(self.tr("New track from preset…"), self)
        self.new_button.clicked.connect(self.ask_new_track)
        self.import_button = QPushButton(self.tr("Import subtitle file…"), self)
        self.import_button.clicked.connect(self.ask_import)
        self.summary = QLabel(self)
        self.summary.setObjectName("trackSummary")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Track:"), self))
        bar.addWidget(self.chooser)
        bar.addWidget(self.new_button)
        bar.addWidget(self.import_button)
        bar.addStretch(1)
        # The translation on a row of its own: one row would make the editor too wide
        # to sit beside the queue and the library.
        languages = QHBoxLayout()
        self.language_chooser = QComboBox(self)
        self.language_chooser.setObjectName("translationChooser")
        self.language_chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.language_chooser.setMinimumContentsLength(6)
        self.language_chooser.activated.connect(self._language_chosen)
        languages.addWidget(QLabel(self.tr("Translation:"), self))
        languages.addWidget(self.language_chooser)
        languages.addStretch(1)
        languages.addWidget(self.summary)
        self.view = QTableView(self)
        self.view.setObjectName("cueTable")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.clicked.connect(self._cell_clicked)
        self.view.setItemDelegateForColumn(CueColumn.TRANSLATION, TranslationDelegate(self.view))
        self.editor = CueTextEdit(self)
        self.editor.committed.connect(self._text_committed)
        self.editor.word_clicked.connect(self.seek_requested)
        self.empty = QLabel(
            self.tr(
                "This item has no subtitle track yet. Make one from the corrected transcript"
                " with “New track from preset…”, or import an SRT, WebVTT or ASS file."
            ),
            self,
        )
        self.empty.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addLayout(languages)
        # Without a track the hint takes the room the table would, so the bars stay on top.
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.empty, 1)
        layout.addWidget(splitter, 1)
        self._splitter = splitter

    def build_menu(self, menu: QMenu, owner: QWidget) -> None:
        """Fill the window's Subtitles menu; the actions work while the subtitle tab is shown."""

        def add(text: str, slot: Callable[[], object], shortcut: str | None = None) -> QAction:
            action = QAction(text, owner)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            menu.addAction(action)
            owner.addAction(action)
            self.actions_.append(action)
            return action

        add(self.tr("Split cue at cursor"), self.split, "Ctrl+Alt+V")
        add(self.tr("Merge with next cue"), self.merge_with_next, "Ctrl+Shift+M")
        add(self.tr("Merge with previous cue"), self.merge_with_previous, "Ctrl+Alt+M")
        add(self.tr("Move last word to next cue"), self.move_last_word, "Ctrl+Alt+Down")
        add(self.tr("Move first word to previous cue"), self.move_first_word, "Ctrl+Alt+Up")
        add(self.tr("Insert cue at playhead"), self.insert_cue, "Shift+F9")
        add(self.tr("Delete cue"), self.delete_cue, "Ctrl+Shift+Delete")
        menu.addSeparator()
        add(self.tr("Set start at playhead"), lambda: self.set_edge_at_playhead("start"), "F11")
        add(self.tr("Set end at playhead"), lambda: self.set_edge_at_playhead("end"), "F12")
        add(self.tr("Start 100 ms earlier"), lambda: self.nudge("start", -NUDGE_MS), "Alt+[")
        add(self.tr("Start 100 ms later"), lambda: self.nudge("start", NUDGE_MS), "Alt+]")
        add(self.tr("End 100 ms earlier"), lambda: self.nudge("end", -NUDGE_MS), "Alt+-")
        add(self.tr("End 100 ms later"), lambda: self.nudge("end", NUDGE_MS), "Alt+=")
        add(
            self.tr("Start one frame earlier"), lambda: self.nudge_frames("start", -1), "Ctrl+Alt+["
        )
        add(self.tr("Start one frame later"), lambda: self.nudge_frames("start", 1), "Ctrl+Alt+]")
        add(self.tr("End one frame earlier"), lambda: self.nudge_frames("end", -1), "Ctrl+Alt+-")
        add(self.tr("End one frame later"), lambda: self.nudge_frames("end", 1), "Ctrl+Alt+=")
        add(self.tr("Close the gap to the next cue"), self.close_gap, "Ctrl+Alt+G")
        add(self.tr("Snap start to shot change"), lambda: self.snap("start"), "Ctrl+Alt+Home")
        add(self.tr("Snap end to shot change"), lambda: self.snap("end"), "Ctrl+Alt+End")
        menu.addSeparator()
        add(self.tr("Shift cue times…"), self.ask_shift)
        add(self.tr("Set stretch anchor at playhead"), self.set_anchor_here)
        add(self.tr("Apply timing rules…"), self.ask_timing_rules)
        menu.addSeparator()
        add(self.tr("Next problem"), self.next_problem, "F8")
        add(self.tr("Previous problem"), self.previous_problem, "Shift+F8")
        add(self.tr("Re-cut stale cues"), self.recut_stale)
        menu.addSeparator()
        add(self.tr("Translate stale cues…"), self.translate_stale)
        add(self.tr("Translate selected cues…"), self.translate_selected)

    def set_actions_enabled(self, on: bool) -> None:
        for action in self.actions_:
            action.setEnabled(on)

    # -- tracks ------------------------------------------------------------------

    def track_infos(self) -> list[TrackInfo]:
        with self._library.connect() as library:
            return library.tracks.tracks(self.item_id)

    def reload_tracks(self, select: str | None = None) -> None:
        infos = self.track_infos()
        current = select or (self.session.track.name if self.session else None)
        self.chooser.clear()
        for info in infos:
            self.chooser.addItem(info.name, info.id)
        has = bool(infos)
        self.empty.setVisible(not has)
        self._splitter.setVisible(has)
        self.chooser.setEnabled(has)
        names = [i.name for i in infos]
        wanted = current if current in names else (names[0] if names else None)
        if wanted is not None:
            self.chooser.setCurrentIndex(names.index(wanted))
            if self.session is None or self.session.track.name != wanted:
                self.open_track(infos[names.index(wanted)].id)

    def _chosen(self, position: int) -> None:
        track_id = self.chooser.itemData(position)
        if track_id is not None and (self.session is None or self.session.track_id != track_id):
            self.open_track(int(track_id))

    def open_track(self, track_id: int) -> None:
        if not self.close_track():
            return
        with self._library.connect() as library:
            stored = library.tracks.load(track_id)
        track = refresh(stored, self._transcript())
        session = TrackSession(
            track_id, stored, library=self._library, debounce_ms=self._debounce_ms, parent=self
        )
        session.replace_quietly(track)  # stale marks of corrections made while it was closed
        preset = self._preset(track.preset_id)
        model = TrackModel(session, preset, self.rate or track.rate, self.shots, self)
        self.session, self.model = session, model
        session.problem.connect(self.message)
        session.changed.connect(self._after_change)
        model.checked.connect(lambda _e, _w: self._show_summary())
        model.playing_changed.connect(self._playing_changed)
        model.set_timecode(self._timecode)
        self.view.setModel(model)
        self.translation = TranslationColumn(self._library, session, self)
        self.translation.problem.connect(self.message)
        self.translation.loaded.connect(self._show_summary)
        self.translation.entry_changed.connect(lambda _key: self._show_summary())
        model.set_translation(self.translation)
        self._load_languages()
        self._size_columns(preset)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self._show_summary()
        self._show_current()
        self._load_spelling(track)
        self.track_opened.emit(track.name)

    def _size_columns(self, preset: Preset) -> None:
        """Fixed sizes from the font, never measured over the rows: a 12-hour track has 20 000.

        (Resizing to contents would ask every row for its size after every edit.)
        """
        metrics = self.view.fontMetrics()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(CueColumn.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CueColumn.TRANSLATION, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnHidden(CueColumn.TRANSLATION, self._language() is None)
        widths = {
            CueColumn.NUMBER: "00000*",
            CueColumn.START: "00:00:00.000 ",
            CueColumn.END: "00:00:00.000 ",
            CueColumn.DURATION: "00.000 ",
            CueColumn.CPS: "00.0 ",
            CueColumn.CPL: "000 ",
        }
        titles = header.fontMetrics()
        for column, sample in widths.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            wide = max(metrics.horizontalAdvance(sample), titles.horizontalAdvance(title))
            header.resizeSection(column, wide + 16)
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(metrics.lineSpacing() * max(preset.max_lines or 2, 2) + 8)

    def close_track(self, *, discard: bool = False) -> bool:
        """Save and close the open track; False if saving failed (it stays open)."""
        if self.session is None:
            return True
        self.editor.commit()
        if self.translation is not None and not self.translation.flush() and not discard:
            self.message.emit(self.tr("The translations are still being saved; try again."))
            return False
        if not self.session.close(discard=discard):
            self.message.emit(
                self.tr("The subtitle track could not be saved: {0}").format(
                    self.session.last_save_error() or ""
                )
            )
            return False
        self.view.setModel(None)
        session, model, translation = self.session, self.model, self.translation
        self.session = self.model = self.translation = None
        if translation is not None:
            translation.deleteLater()
        self.track_opened.emit("")  # the window lets go of the model (waveform, undo)
        session.deleteLater()
        if model is not None:
            model.deleteLater()
        return True

    def flush(self) -> bool:
        self.editor.commit()
        if self.translation is not None:
            self.translation.flush()
        return self.session is None or self.session.flush()

    def _preset(self, preset_id: str) -> Preset:
        try:
            return find_preset(preset_id)
        except LookupError:
            self.message.emit(
                self.tr(
                    "The track's preset {0} is gone; it is checked with Netflix English."
                ).format(preset_id)
            )
            return find_preset("netflix-en")

    def ask_new_track(self) -> None:
        presets = all_presets()
        dialog = QInputDialog(self)
        dialog.setObjectName("newTrackDialog")
        dialog.setWindowTitle(self.tr("New track from preset"))
        dialog.setLabelText(self.tr("Cut the corrected transcript into cues with:"))
        dialog.setComboBoxItems([translated(p.name) for p in presets])
        dialog.setComboBoxEditable(False)
        dialog.textValueSelected.connect(
            lambda name: self.create_track(next(p for p in presets if translated(p.name) == name))
        )
        dialog.open()

    def create_track(self, preset: Preset) -> str:
        """Cut the transcript with ``preset`` into a new track and open it; its name."""
        with self._library.connect() as library:
            taken = [t.name for t in library.tracks.tracks(self.item_id)]
            name = unique_name(translated(preset.name), taken)  # in the person's language
            track = cut_track(self._transcript(), preset, name, self.rate)
            library.tracks.create(self.item_id, track)
        self.reload_tracks(select=name)
        self.message.emit(self.tr("Track {0} made: %n cue(s)", "", len(track)).format(name))
        return name

    def ask_import(self) -> None:
        dialog = QFileDialog(self, self.tr("Import subtitle file"))
        dialog.setObjectName("importTrackDialog")
        dialog.setNameFilter(self.tr("Subtitle files (*.srt *.vtt *.ass *.ssa)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.import_file(Path(path)))
        dialog.open()

    def import_file(self, path: Path) -> str | None:
        try:
            with self._library.connect() as library:
                track = import_track_file(library, self.item_id, path, rate=self.rate)
        except (ImportFailedError, OSError) as error:
            self.message.emit(str(error))
            return None
        self.reload_tracks(select=track.name)
        return track.name

    # -- spelling ------------------------------------------------------------------

    def _load_spelling(self, track: CueTrack) -> None:
        """The track's language's checker, loaded off the GUI thread (once per language)."""
        sentences = self._transcript().merged_sentences()
        language = language_of(track.preset_id, sentences[0].language if sentences else None)
        if language == self._spelling_for:
            return
        self._spelling_for = language

        def load() -> SpellChecker:
            return SpellChecker.for_language(language, personal=PersonalWords())

        # Loading a dictionary is pure Python for half a second: started once the view has
        # been painted, so its thread does not hold up the first paint of a long track.
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(
            lambda: run_in_thread(self, load, self.editor.set_spell_checker, self._no_spelling)
        )
        timer.timeout.connect(timer.deleteLater)
        timer.start(SPELLING_DELAY_MS)

    def _no_spelling(self, error: Exception) -> None:
        self.editor.set_spell_checker(None, self.tr("No spell checking: {0}").format(error))

    # -- the media: frame rate and shot changes ------------------------------------

    def _read_media(self, media: Path) -> None:
        run_in_thread(self, lambda: read_frame_rate(media), self._rate_read, self._media_failed)
        run_in_thread(self, lambda: shot_changes_for(media), self._shots_found, self._media_failed)

    def _rate_read(self, rate: FrameRate | None) -> None:
        self.rate = rate
        if self.model is not None and rate is not None:
            self.model.set_context(rate, self.shots)
        self.media_known.emit()

    def _shots_found(self, shots: list[int] | None) -> None:
        self.shots = tuple(shots or ())
        if self.model is not None:
            self.model.set_context(self.rate or self.model.context.rate, self.shots)
        self.media_known.emit()

    def _media_failed(self, error: Exception) -> None:
        self.message.emit(self.tr("Frame rate and shot changes unknown: {0}").format(error))

    def set_timecode(self, on: bool) -> None:
        self._timecode = on
        if self.model is not None:
            self.model.set_timecode(on)

    # -- which cue -----------------------------------------------------------------

    def current_row(self) -> int | None:
        index = self.view.currentIndex()
        if index.isValid():
            return index.row()
        if self.model is not None and self.model.playing_row >= 0:
            return self.model.playing_row
        return None

    def select_row(self, row: int) -> None:
        if self.model is None or not 0 <= row < self.model.rowCount():
            return
        index = self.model.index(row, CueColumn.TEXT)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)

    def _cell_clicked(self, index: QModelIndex) -> None:
        """A click on a cue's start or end time plays from there, as in the transcript."""
        if self.model is None or not index.isValid():
            return
        column, row = index.column(), index.row()
        cue = self.model.track.cues[row]
        if column == CueColumn.START:
            self.seek_requested.emit(cue.start_ms)
        elif column == CueColumn.END:
            self.seek_requested.emit(max(cue.start_ms, cue.end_ms - 1000))

    def _row_changed(self, _current: QModelIndex, previous: QModelIndex) -> None:
        """Text typed for the cue being left is kept (F8 or a click moved the selection)."""
        if self.editor.is_modified and previous.isValid() and self.session is not None:
            text, row = self.editor.toPlainText(), previous.row()
            self.editor.show_cue(None)
            self._apply(self.tr("Edit cue text"), lambda t: edit.set_text(t, row, text))
        self._show_current()

    def _show_current(self) -> None:
        row = self.current_row() if self.view.currentIndex().isValid() else None
        cue = self.model.track.cues[row] if self.model is not None and row is not None else None
        self.editor.show_cue(cue)
        if row is not None:
            self.cue_selected.emit(row)

    def _after_change(self, _track: CueTrack) -> None:
        self._show_current()

    def _show_summary(self) -> None:
        if self.model is None:
            self.summary.setText("")
            return
        errors, warnings = self.model.check.counts()
        stale = self.model.track.stale_count
        parts = [
            self.tr("%n cue(s)", "", len(self.model.track)),
            self.tr("%n error(s)", "", errors),
            self.tr("%n warning(s)", "", warnings),
        ]
        if stale:
            parts.append(self.tr("%n stale", "", stale))
        if self.translation is not None and self.translation.language is not None:
            translated, outdated = self.translation.counts()
            parts.append(self.tr("%n translated", "", translated))
            if outdated:
                parts.append(self.tr("%n translation(s) stale", "", outdated))
        self.summary.setText(" · ".join(parts))

    def set_position(self, ms: int) -> None:
        if self.model is not None:
            self.model.set_position(ms)
            self.editor.highlight_word_at(ms)

    def _playing_changed(self, row: int) -> None:
        if row >= 0 and not self.editor.hasFocus():
            self.select_row(row)

    # -- edits -------------------------------------------------------------------

    def _apply(self, description: str, operation: Callable[[CueTrack], CueTrack]) -> bool:
        if self.session is None:
            self.message.emit(self.tr("Open or make a subtitle track first"))
            return False
        return self.session.apply(description, operation)

    def _on_row(
        self, description: str, operation: Callable[[CueTrack, int], CueTrack], follow: int = 0
    ) -> bool:
        """Apply ``operation`` to the current cue, committing typed text first (one step)."""
        row = self.current_row()
        if row is None or self.session is None:
            self.message.emit(self.tr("Select a cue first"))
            return False
        stack = self.session.undo_stack
        typed = self.editor.is_modified  # typed text and the operation: one step
        if typed:
            stack.beginMacro(description)
            self.editor.commit()
        done = self._apply(description, lambda t: operation(t, row))
        if typed:
            stack.endMacro()
        if done:
            self.select_row(min(max(row + follow, 0), len(self.session.track) - 1))
        return done

    def _text_committed(self, text: str) -> None:
        row = self.current_row()
        if row is not None:
            self._apply(self.tr("Edit cue text"), lambda t: edit.set_text(t, row, text))

    def split(self) -> bool:
        position = self.editor.cursor_position()
        gap = self.model.context.gap_ms if self.model else 0
        return self._on_row(self.tr("Split cue"), lambda t, i: edit.split_cue(t, i, position, gap))

    def merge_with_next(self) -> bool:
        return self._on_row(self.tr("Merge cues"), edit.merge_with_next)

    def merge_with_previous(self) -> bool:
        return self._on_row(self.tr("Merge cues"), edit.merge_with_previous, follow=-1)

    def move_last_word(self) -> bool:
        gap = self.model.context.gap_ms if self.model else 0
        return self._on_row(
            self.tr("Move word to next cue"), lambda t, i: edit.move_last_word_to_next(t, i, gap)
        )

    def move_first_word(self) -> bool:
        gap = self.model.context.gap_ms if self.model else 0
        return self._on_row(
            self.tr("Move word to previous cue"),
            lambda t, i: edit.move_first_word_to_previous(t, i, gap),
        )

    def insert_cue(self) -> bool:
        start = self._playhead()
        preset = self.model.preset if self.model else None
        length = max(preset.min_duration_ms or 1000, 1000) if preset else 1000
        done = self._apply(
            self.tr("Insert cue"), lambda t: edit.insert_cue(t, start, start + length)
        )
        if done and self.session is not None:
            self.select_row(edit.inserted_index(self.session.track, start))
            self.editor.setFocus()
        return done

    def delete_cue(self) -> bool:
        return self._on_row(self.tr("Delete cue"), edit.delete_cue)

    def set_edge_at_playhead(self, edge: Edge) -> bool:
        ms = self._playhead()
        operation = edit.set_start if edge == "start" else edit.set_end
        return self._on_row(self.tr("Set cue time"), lambda t, i: operation(t, i, ms))

    def nudge(self, edge: Edge, delta_ms: int) -> bool:
        return self._on_row(
            self.tr("Adjust cue time"), lambda t, i: edit.nudge(t, i, edge, delta_ms)
        )

    def nudge_frames(self, edge: Edge, frames: int) -> bool:
        if self.model is None:
            return False
        rate = self.model.rate
        return self._on_row(
            self.tr("Adjust cue time"), lambda t, i: edit.nudge_frames(t, i, edge, frames, rate)
        )

    def close_gap(self) -> bool:
        gap = self.model.context.gap_ms if self.model else 0
        return self._on_row(self.tr("Close gap"), lambda t, i: edit.close_gap_to_next(t, i, gap))

    def snap(self, edge: Edge) -> bool:
        if self.model is None:
            return False
        context = self.model.context
        side = "start" if edge == "start" else "end"
        return self._on_row(
            self.tr("Snap to shot change"), lambda t, i: snap_to_shot_change(t, i, side, context)
        )

    def next_problem(self) -> None:
        if self.model is None:
            return
        row = self.current_row()
        found = self.model.check.next_problem(-1 if row is None else row)
        if found is None:
            self.message.emit(self.tr("No cue breaks a rule of the track's preset"))
        else:
            self.select_row(found)
            self.message.emit(" ".join(translated(p.message) for p in self.model.problems(found)))

    def previous_problem(self) -> None:
        if self.model is None:
            return
        found = self.model.check.previous_problem(self.current_row() or 0)
        if found is not None:
            self.select_row(found)

    # -- sync tools on cues --------------------------------------------------------------

    def ask_shift(self) -> None:
        dialog = ShiftDialog(self)
        dialog.setWindowTitle(self.tr("Shift cue times"))
        dialog.accepted.connect(lambda: self.shift(dialog.offset_ms(), dialog.chosen_scope()))
        dialog.open()

    def shift(self, offset_ms: int, scope: Scope) -> bool:
        row = self.current_row()
        if scope != Scope.ALL and row is None:
            self.message.emit(self.tr("Select a cue first"))
            return False
        if scope == Scope.ALL:
            chosen = None
        elif scope == Scope.SELECTED:
            chosen = [row]
        else:
            chosen = list(range(row or 0, len(self.session.track) if self.session else 0))
        return self._apply(self.tr("Shift cue times"), lambda t: edit.shift(t, offset_ms, chosen))

    def set_anchor_here(self) -> bool:
        """First call: this cue's start belongs at the playhead. Second: stretch between both."""
        row = self.current_row()
        if row is None or self.session is None:
            self.message.emit(self.tr("Select a cue first"))
            return False
        pair = (self.session.track.cues[row].start_ms, self._playhead())
        if self._anchor is None:
            self._anchor = pair
            self.message.emit(
                self.tr(
                    "First anchor set; select another cue, play to where it belongs and set"
                    " the second anchor"
                )
            )
            return False
        first, self._anchor = self._anchor, None
        return self._apply(self.tr("Stretch cue times"), lambda t: edit.stretch(t, first, pair))

    def ask_timing_rules(self) -> None:
        if self.session is None or self.model is None:
            return
        _fixed, changes = apply_timing_rules(self.session.track, self.model.context)
        if not changes:
            self.message.emit(self.tr("Every cue already follows the preset's timing rules"))
            return
        dialog = TimingChangesDialog(changes, self.model, self)
        dialog.accepted.connect(lambda: self.apply_timing_rules())
        dialog.open()

    def apply_timing_rules(self) -> bool:
        if self.model is None:
            return False
        context = self.model.context
        return self._apply(
            self.tr("Apply timing rules"), lambda t: apply_timing_rules(t, context)[0]
        )

    # -- the transcript ------------------------------------------------------------------

    def transcript_changed(self, transcript: Transcript) -> None:
        """Mark the cues whose words the correction changed as stale."""
        before, self._seen_transcript = self._seen_transcript, transcript
        if self.session is None:
            return
        gone, added = changed_words(before, transcript)
        if gone or added:
            self.session.replace_quietly(mark_changed(self.session.track, gone, added))
            self._show_summary()

    def recut_stale(self) -> bool:
        if self.session is None or self.model is None:
            return False
        stale = self.session.track.stale_count
        if not stale:
            self.message.emit(self.tr("No cue is stale; nothing to re-cut"))
            return False
        transcript, preset = self._transcript(), self.model.preset
        fps = self.model.rate.fps
        return self._apply(
            self.tr("Re-cut stale cues"), lambda t: recut_stale(t, transcript, preset, fps)
        )

    # -- translations ------------------------------------------------------------------

    def _language(self) -> str | None:
        data = self.language_chooser.currentData()
        return str(data) if data else None

    def _load_languages(self, select: str | None = None) -> None:
        """The languages the open track has translations in, read off the GUI thread."""
        if self.session is None:
            return
        track_id = self.session.track_id
        wanted = select or self._language()
        run_in_thread(
            self,
            lambda: read_languages(self._library, track_id),
            lambda languages: self._show_languages(track_id, languages, wanted),
            lambda error: self.message.emit(str(error)),
        )

    def _show_languages(self, track_id: int, languages: list[str], wanted: str | None) -> None:
        if self.session is None or self.session.track_id != track_id:
            return
        if wanted and wanted not in languages:
            languages = [*languages, wanted]
        self.language_chooser.clear()
        self.language_chooser.addItem(self.tr("None"), "")
        for code in sorted(languages):
            name = translated(LANGUAGES.get(code, code))
            self.language_chooser.addItem(f"{name} ({code})", code)
        chosen = wanted if wanted in languages else (sorted(languages)[0] if languages else "")
        self.language_chooser.setCurrentIndex(max(self.language_chooser.findData(chosen), 0))
        self._language_chosen()

    def _language_chosen(self, _position: int = 0) -> None:
        language = self._language()
        self.view.setColumnHidden(CueColumn.TRANSLATION, language is None)
        if self.translation is not None and self.translation.language != language:
            self.translation.set_language(language)
        self._show_summary()

    def set_language(self, language: str | None) -> None:
        """Show the translations into ``language`` (None: hide the column)."""
        found = self.language_chooser.findData(language or "")
        if found < 0 and language:
            name = translated(LANGUAGES.get(language, language))
            self.language_chooser.addItem(f"{name} ({language})", language)
            found = self.language_chooser.count() - 1
        self.language_chooser.setCurrentIndex(max(found, 0))
        self._language_chosen()

    def edit_translation(self, row: int, text: str) -> bool:
        """Set cue ``row``'s translation as one undo step (what typing in its cell does)."""
        return self.translation is not None and self.translation.edit(row, text)

    def set_translations(self, bridge: Callable[[], TranslationBridge]) -> None:
        """Run translations through ``bridge()`` (the main window's, shown in its queue panel)."""
        self._bridge_of = bridge

    def translations(self) -> TranslationBridge:
        """The bridge translation runs go through; one of its own when no window gave one."""
        if self._bridge is None:
            if self._bridge_of is not None:
                self._bridge = self._bridge_of()
            else:
                from desktop.ui.queue.translation_bridge import TranslationBridge

                self._bridge = TranslationBridge(self._library, self)
            self._bridge.started.connect(self._run_started)
            self._bridge.finished.connect(self._run_ended)
            self._bridge.failed.connect(self._run_failed)  # a method: let go when closed
        return self._bridge

    def selected_rows(self) -> list[int]:
        rows = {index.row() for index in self.view.selectionModel().selectedRows()}
        current = self.current_row()
        if not rows and current is not None:
            rows = {current}
        return sorted(rows)

    def translate_stale(self) -> QDialog | None:
        if self.translation is None or self.translation.language is None:
            self.message.emit(self.tr("Choose the translation to bring up to date first"))
            return None
        keys = self.translation.stale_keys()
        if not keys:
            self.message.emit(self.tr("No translation is stale; nothing to translate"))
            return None
        return self.ask_translate(keys)

    def translate_selected(self) -> QDialog | None:
        rows = self.selected_rows()
        if self.session is None or not rows:
            self.message.emit(self.tr("Select a cue first"))
            return None
        return self.ask_translate([self.session.track.cues[row].key for row in rows])

    def ask_translate(self, keys: list[str]) -> QDialog | None:
        """Tools → Translate's dialog, set to this track and language, for just ``keys``."""
        from desktop.ui.dialogs.translate import TranslateDialog

        if self.session is None:
            return None
        self.flush()  # the dialog and the run read the track from the library
        dialog = TranslateDialog(
            self._library,
            self.item_id,
            self,
            track=self.session.track.name,
            language=self._language(),
            wanted=tuple(keys),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.order_chosen.connect(lambda order: self.translations().start(order))
        dialog.open()
        return dialog

    def _run_started(self, run_id: int, order: object) -> None:
        self._runs[run_id] = order

    def _run_failed(self, run_id: int, _text: str) -> None:
        self._run_ended(run_id)  # what was stored before the failure is shown

    def _run_ended(self, done: TranslationDone | int) -> None:
        run_id = done if isinstance(done, int) else done.run_id
        order = self._runs.pop(run_id, None)
        if order is None or self.session is None or getattr(order, "item_id", None) != self.item_id:
            return
        if getattr(order, "track_name", None) == self.session.track.name:
            self._load_languages(select=self._language() or getattr(order, "target", None))
            if self.translation is not None:
                self.translation.reload()
