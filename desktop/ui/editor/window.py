"""The editor window: the player above the transcript, wired together.

Playback moves the highlight; a click on a word seeks the player; every edit
is an undoable command, saved in the background a moment after the last one.
Shortcuts are window-wide so playback can be driven while typing in a
sentence: Ctrl+Space plays and pauses (a chord a text field never types,
unlike the bare Space or Esc some players use), Alt+Left/Right jump 5 s,
Ctrl+R replays the current sentence. The subtitle view (``subtitles.panel``)
is a tab beside the transcript, Ctrl+1 and Ctrl+2 apart; one undo group
follows the tab shown, so Ctrl+Z undoes the edits of the view you look at.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import editing
from desktop.domain.editing import EditError, SentenceRef, TextMatch
from desktop.domain.transcript import Transcript
from desktop.settings import load_settings
from desktop.store.library import ItemSummary, LibraryFile
from desktop.ui.editor.bars import FilterBar, FindBar
from desktop.ui.editor.compare import CompareDialog
from desktop.ui.editor.model import Column, TranscriptModel
from desktop.ui.editor.player.media_player import MediaPlayer
from desktop.ui.editor.player.transport import JUMP_MS, PlayerWidget
from desktop.ui.editor.session import DEBOUNCE_MS, TranscriptSession
from desktop.ui.editor.subtitles.panel import SubtitlePanel
from desktop.ui.editor.sync_tools import SyncTools
from desktop.ui.editor.transcript_spelling import start_spelling
from desktop.ui.editor.view import TranscriptView
from desktop.ui.editor.waveform import WaveformPanel
from desktop.ui.util.accessibility import fill_accessible_names
from desktop.ui.util.live_language import LiveLanguage, retranslate_children

NUDGE_MS = 100


def media_source(item: ItemSummary) -> tuple[str | None, str]:
    """What the player should open for an item, or ``None`` and why not."""
    if item.media_path and Path(item.media_path).is_file():
        return item.media_path, ""
    if item.file_url.startswith(("http://", "https://")):
        return item.file_url, ""
    if item.media_path:
        return None, (
            f"{item.media_path}: media file not found. Move it back, or import the result"
            " again with --media pointing at the file; the transcript can be edited meanwhile."
        )
    return None, (
        "This item has no media file, so there is nothing to play. Import the result again"
        " with --media FILE to hear it; the transcript can be edited meanwhile."
    )


class TranscriptEditor(LiveLanguage, QMainWindow):
    """One library item open for listening and correcting."""

    def __init__(
        self,
        item_id: int,
        transcript: Transcript,
        *,
        title: str = "",
        media: str | None = None,
        media_problem: str = "",
        library: LibraryFile,
        debounce_ms: int = DEBOUNCE_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or f"Item {item_id}")
        self._library = library
        self._discard_agreed = False  # the person chose to lose unsaved edits at quit
        self.compare_dialog: CompareDialog | None = None
        self.resize(1100, 760)
        self.session = TranscriptSession(
            item_id, transcript, library=library, debounce_ms=debounce_ms, parent=self
        )
        self.model = TranscriptModel(self.session, self)
        self.player = MediaPlayer(self)
        self.player_widget = PlayerWidget(self.player, self)
        self.view = TranscriptView(self.model, self)
        self.waveform = WaveformPanel(self.model, self)
        self.wave = self.waveform.view
        self.filters = FilterBar(self.model, self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self._match: TextMatch | None = None
        local = Path(media) if media and not media.startswith(("http://", "https://")) else None
        self.subtitles = SubtitlePanel(
            item_id,
            library=library,
            transcript=lambda: self.session.transcript,
            playhead=self.wave.position,
            media=local,
            debounce_ms=debounce_ms,
            parent=self,
        )
        self.undo_group = QUndoGroup(self)
        self.undo_group.addStack(self.session.undo_stack)
        self.undo_group.setActiveStack(self.session.undo_stack)
        self._build_layout()
        self._build_actions()
        self._connect()
        fill_accessible_names(self)
        self._hide_empty_columns()
        start_spelling(
            self,
            library,
            item_id,
            lambda: self.session.transcript,
            self.view.words.set_spell_checker,
        )
        if media is not None:
            self.player_widget.open(media)
            self._load_waveform(media)
        elif self.player.available:
            self.player_widget.show_notice(media_problem)

    # -- construction ----------------------------------------------------------

    def _build_layout(self) -> None:
        lower = QWidget(self)
        column = QVBoxLayout(lower)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.filters)
        column.addWidget(self.find_bar)
        column.addWidget(self.view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.player_widget)
        splitter.addWidget(self.waveform)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("editorTabs")
        self.tabs.addTab(lower, self.tr("Transcript"))
        self.tabs.addTab(self.subtitles, self.tr("Subtitles"))
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 3)
        self.setCentralWidget(splitter)
        self.save_label = QLabel(self.tr("All changes saved"), self)
        self.statusBar().addPermanentWidget(self.save_label)

    def _action(
        self, menu: QMenu, text: str, slot: object, shortcut: str | QKeySequence | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        edit = bar.addMenu(self.tr("&Edit"))
        undo = self.undo_group.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_group.createRedoAction(self, self.tr("&Redo"))
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        for extra in ("Ctrl+Shift+Z", "Ctrl+Y"):  # both habits, whatever the platform says
            if QKeySequence(extra) not in redo_keys:
                redo_keys.append(QKeySequence(extra))
        redo.setShortcuts(redo_keys)
        edit.addActions([undo, redo])
        self.undo_action, self.redo_action = undo, redo
        edit.addSeparator()
        self.split_action = self._action(
            edit, self.tr("&Split sentence at cursor or clicked word"), self.split, "Ctrl+Return"
        )
        self._action(edit, self.tr("&Merge with next sentence"), self.merge_with_next, "Ctrl+J")
        timing = edit.addMenu(self.tr("&Timing"))
        self._action(
            timing, self.tr("Start 100 ms earlier"), lambda: self.nudge(-NUDGE_MS, 0), "Alt+["
        )
        self._action(
            timing, self.tr("Start 100 ms later"), lambda: self.nudge(NUDGE_MS, 0), "Alt+]"
        )
        self._action(
            timing, self.tr("End 100 ms earlier"), lambda: self.nudge(0, -NUDGE_MS), "Alt+-"
        )
        self._action(timing, self.tr("End 100 ms later"), lambda: self.nudge(0, NUDGE_MS), "Alt+=")
        edit.addSeparator()
        self._action(edit, self.tr("Re&name speaker…"), self.ask_speaker_name)
        self._action(
            edit, self.tr("Mark reviewed, go to next unreviewed"), self.mark_reviewed, "Ctrl+D"
        )
        self._action(edit, self.tr("Next unreviewed"), self.next_unreviewed, "Ctrl+Shift+D")
        edit.addSeparator()
        self._action(edit, self.tr("&Find…"), lambda: self.find_bar.open(replace=False), "Ctrl+F")
        self._action(edit, self.tr("R&eplace…"), lambda: self.find_bar.open(replace=True), "Ctrl+H")
        self._action(edit, self.tr("Find next"), self.find_next, "F3")
        edit.addSeparator()
        self._action(edit, self.tr("Revert to original"), self.revert_to_original)
        self._action(
            edit, self.tr("&Compare with another version…"), self.compare_versions, "Ctrl+Shift+V"
        )

        play = bar.addMenu(self.tr("&Playback"))
        self._action(play, self.tr("Play/pause"), self.player.toggle, "Ctrl+Space")
        self._action(
            play, self.tr("Back 5 seconds"), lambda: self.player.jump(-JUMP_MS), "Alt+Left"
        )
        self._action(
            play, self.tr("Forward 5 seconds"), lambda: self.player.jump(JUMP_MS), "Alt+Right"
        )
        self._action(play, self.tr("Replay current sentence"), self.replay_sentence, "Ctrl+R")
        play.addSeparator()
        self._action(play, self.tr("Zoom waveform in"), lambda: self.wave.zoom(2.0), "Ctrl+=")
        self._action(play, self.tr("Zoom waveform out"), lambda: self.wave.zoom(0.5), "Ctrl+-")
        self._action(play, self.tr("One frame back"), lambda: self._step_frames(-1), "Alt+,")
        self._action(play, self.tr("One frame forward"), lambda: self._step_frames(1), "Alt+.")
        self.sync = SyncTools(self)
        self.sync.build_menu()
        self._transcript_actions = [
            a for menu in (edit, timing) for a in menu.actions()
            if a not in (undo, redo) and not a.isSeparator() and a.menu() is None
        ]  # fmt: skip
        subtitles = bar.addMenu(self.tr("S&ubtitles"))
        self._build_view_actions(subtitles)
        self.subtitles.build_menu(subtitles, self)
        self.subtitles.set_actions_enabled(False)

        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)

    def _build_view_actions(self, view: QMenu) -> None:
        """The tab switches and the time format (the main window has its own View menu)."""
        group = QActionGroup(self)
        for number, text in enumerate((self.tr("Show transcript"), self.tr("Show subtitles"))):
            action = self._action(
                view,
                text,
                lambda _=False, n=number: self.tabs.setCurrentIndex(n),
                f"Ctrl+{number + 1}",
            )
            action.setCheckable(True)
            action.setChecked(number == 0)
            group.addAction(action)
        self._tab_actions = group.actions()
        view.addSeparator()
        self.timecode_action = self._action(
            view,
            self.tr("Show times as SMPTE timecode"),
            self.subtitles.set_timecode,
            "Ctrl+Alt+T",
        )
        self.timecode_action.setCheckable(True)
        view.addSeparator()

    def _tab_changed(self, index: int) -> None:
        """One view's edit actions at a time: their shortcuts (Alt+[, …) are the same keys."""
        on_subtitles = self.tabs.widget(index) is self.subtitles
        self._tab_actions[index].setChecked(True)
        for action in self._transcript_actions:
            action.setEnabled(not on_subtitles)
        self.subtitles.set_actions_enabled(on_subtitles)
        session = self.subtitles.session
        if on_subtitles and session is not None:
            self.undo_group.setActiveStack(session.undo_stack)
        else:
            self.view.finish_editing(commit=True)
            self.undo_group.setActiveStack(self.session.undo_stack)
        if not on_subtitles:
            self.subtitles.editor.commit()
        self.wave.show_cues(self.subtitles.model if on_subtitles else None)

    def _track_opened(self, _name: str) -> None:
        session = self.subtitles.session
        if session is not None:
            self.undo_group.addStack(session.undo_stack)
            session.save_state.connect(self.save_label.setText)
        self._tab_changed(self.tabs.currentIndex())

    def _rate_known(self) -> None:
        self.player_widget.set_frame_rate(self.subtitles.rate)
        self.wave.set_shots(self.subtitles.shots)

    def _wave_selected(self, row: int) -> None:
        if self.wave.cues is not None:
            self.subtitles.select_row(row)
        else:
            self.select_row(row)

    def _step_frames(self, frames: int) -> None:
        self._rate_known()
        self.player_widget.step_frames(frames)
        self.seek(self.player.position())

    def _connect(self) -> None:
        self.player.position_changed.connect(self.model.set_position)
        self.view.seek_requested.connect(self.word_clicked)
        self.session.problem.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.session.save_state.connect(self.save_label.setText)
        self.player.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.find_bar.find_next.connect(self.find_next)
        self.find_bar.replace_one.connect(self.replace_current)
        self.find_bar.replace_every.connect(self.replace_all)
        self.find_bar.closed.connect(self.view.setFocus)
        self.player.position_changed.connect(self.wave.set_position)
        self.player.duration_changed.connect(self.wave.set_duration)
        self.wave.seek_requested.connect(self.seek)
        self.wave.row_selected.connect(self._wave_selected)
        self.subtitles.media_known.connect(self._rate_known)
        self.subtitles.cue_selected.connect(self.wave.select_row)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.wave.select_row(
                current.row() if current.isValid() else None
            )
        )
        self.tabs.currentChanged.connect(self._tab_changed)
        self.subtitles.track_opened.connect(self._track_opened)
        self.subtitles.seek_requested.connect(self.seek)
        self.subtitles.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.player.position_changed.connect(self.subtitles.set_position)
        self.session.changed.connect(self.subtitles.transcript_changed)
        if self.subtitles.session is not None:
            self._track_opened(self.subtitles.session.track.name)

    def _load_waveform(self, media: str) -> None:
        if media.startswith(("http://", "https://")):
            self.waveform.status.setText(
                self.tr("No waveform for media played from a URL; import it with --media FILE")
            )
            self.waveform.status.show()
            return
        self.waveform.load(Path(media))

    def _hide_empty_columns(self) -> None:
        transcript = self.session.transcript
        self.view.setColumnHidden(
            Column.SPEAKER, not (transcript.has_speakers or len(transcript.channels) > 1)
        )
        self.view.setColumnHidden(Column.LABELS, not self.model.label_choices())

    # -- playback --------------------------------------------------------------

    def seek(self, ms: int) -> None:
        self.player.seek(ms)
        self.model.set_position(ms)
        self.subtitles.set_position(ms)
        self.wave.set_position(ms)  # also without playable media: "set start here" uses it

    def word_clicked(self, ms: int) -> None:
        """A click on a word plays from it (README, mission); Settings may make it only seek."""
        self.seek(ms)
        if load_settings().click_plays and self.player.duration() > 0:
            self.player.play()

    def replay_sentence(self) -> None:
        row = self.current_row()
        if row is None:
            return
        self.seek(self.model.sentence(row).begin_ms)
        self.player.play()

    # -- which sentence --------------------------------------------------------

    def current_row(self) -> int | None:
        """The selected sentence, else the one being played."""
        index = self.view.currentIndex()
        if index.isValid():
            return index.row()
        playhead = self.model.playhead
        return playhead.row if playhead is not None else None

    def current_ref(self) -> SentenceRef | None:
        row = self.current_row()
        return None if row is None else self.model.ref(row)

    def select_row(self, row: int) -> None:
        index = self.model.index(row, Column.TEXT)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    # -- edits -----------------------------------------------------------------

    def split(self) -> None:
        """Split at the text cursor when editing, else before the last clicked word."""
        editor = self.view.open_editor()
        row = self.current_row()
        if row is None:
            self.statusBar().showMessage(self.tr("Select a sentence to split"), 5000)
            return
        ref = self.model.ref(row)
        if editor is not None:
            text, cursor = editor.text(), editor.cursorPosition()
            self.view.finish_editing(commit=False)
            stack = self.session.undo_stack
            stack.beginMacro(self.tr("Split sentence"))
            self.session.apply(self.tr("Edit text"), lambda t: editing.edit_text(t, ref, text))
            sentence_text = editing.sentence_at(self.session.transcript, ref).text
            offset = _offset_after_cleaning(text, cursor, sentence_text)
            self.session.apply(
                self.tr("Split sentence"), lambda t: editing.split_sentence(t, ref, offset)
            )
            stack.endMacro()
            self.select_row(row)  # the selection stays on the sentence just split
            return
        clicked = self.view.last_clicked_word
        if clicked is None or clicked[0] != row:
            self.statusBar().showMessage(
                self.tr("Click the word to split before, or put the cursor in the text"), 5000
            )
            return
        self.session.apply(
            self.tr("Split sentence"), lambda t: editing.split_before_word(t, ref, clicked[1])
        )
        self.select_row(row)  # the selection stays on the sentence just split

    def merge_with_next(self) -> None:
        ref = self.current_ref()
        if ref is not None:
            self.session.apply(
                self.tr("Merge sentences"), lambda t: editing.merge_with_next(t, ref)
            )

    def nudge(self, start_ms: int, end_ms: int) -> None:
        ref = self.current_ref()
        if ref is None:
            return
        before = editing.sentence_at(self.session.transcript, ref)
        done = self.session.apply(
            self.tr("Adjust times"),
            lambda t: editing.nudge(t, ref, start_ms=start_ms, end_ms=end_ms),
        )
        if not done:
            return
        # The sentence may have moved past a neighbour: keep it selected where it went.
        begin = max(0, before.begin_ms + start_ms)
        row = self.model.find_row(
            ref.channel_id, begin, max(begin, before.end_ms + end_ms), before.text
        )
        if row is not None:
            self.select_row(row)

    def ask_speaker_name(self) -> None:
        row = self.current_row()
        if row is None:
            return
        sentence = self.model.sentence(row)
        if sentence.speaker_id is None:
            self.statusBar().showMessage(
                self.tr("This sentence has no speaker; pick one in the Speaker column first"),
                8000,
            )
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("renameSpeakerDialog")
        dialog.setWindowTitle(self.tr("Rename speaker"))
        dialog.setLabelText(
            self.tr("Name for {0} everywhere:").format(
                self.session.transcript.speaker_label(sentence)
            )
        )
        dialog.setTextValue(self.session.transcript.speaker_label(sentence) or "")
        channel_id, speaker_id = sentence.channel_id, sentence.speaker_id
        dialog.textValueSelected.connect(
            lambda name: self.rename_speaker(channel_id, speaker_id, name)
        )
        dialog.open()

    def rename_speaker(self, channel_id: int, speaker_id: int, name: str) -> None:
        self.session.apply(
            self.tr("Rename speaker"),
            lambda t: editing.rename_speaker(t, channel_id, speaker_id, name),
        )

    def mark_reviewed(self) -> None:
        row = self.current_row()
        if row is None:
            return
        ref = self.model.ref(row)
        reviewed = not self.model.sentence(row).reviewed
        self.model.set_reviewed(ref, reviewed)
        if reviewed:
            self.next_unreviewed(after=self.model.row_of(ref) or row)

    def next_unreviewed(self, after: int | None = None) -> None:
        start = after if after is not None else self.current_row()
        if start is None:  # row 0 is a row: only no row at all starts before the first
            start = -1
        row = editing.next_unreviewed(self.model.sentences(), start)
        if row is None:
            self.statusBar().showMessage(self.tr("Every sentence shown is reviewed"), 5000)
        else:
            self.select_row(row)

    def revert_to_original(self) -> None:
        if self.session.revert_to_original():
            self.statusBar().showMessage(
                self.tr("Back to the original result; Undo brings your edits back"), 10_000
            )

    def compare_choices(self) -> list[tuple[str, Callable[[], Transcript]]]:
        """What the text can be compared with: this item's versions, other runs of its media."""
        library_file, item_id = self._library, self.session.item_id
        with library_file.connect() as library:
            versions = library.versions(item_id)
            media = library.item(item_id).media_path
            others = (
                [i for i in library.items_with_media(media) if i.id != item_id] if media else []
            )

        def version(version_id: int) -> Callable[[], Transcript]:
            def load() -> Transcript:
                with library_file.connect() as library:
                    return library.version_transcript(item_id, version_id)

            return load

        def item(other_id: int) -> Callable[[], Transcript]:
            def load() -> Transcript:
                with library_file.connect() as library:
                    return library.transcript(other_id)

            return load

        choices = [
            (self.tr("The original result ({0})").format(f"{v.created_at:%Y-%m-%d %H:%M}"),
             version(v.id))
            for v in versions
            if v.is_original
        ]  # fmt: skip
        choices += [
            (self.tr("Saved version of {0}").format(f"{v.created_at:%Y-%m-%d %H:%M:%S}"),
             version(v.id))
            for v in reversed(versions)
            if not v.is_original
        ]  # fmt: skip
        choices += [
            (self.tr("{0} — {1} (item {2})").format(o.title, o.model or "?", o.id), item(o.id))
            for o in others
        ]
        return choices

    def compare_versions(self) -> None:
        self.view.finish_editing(commit=True)
        dialog = CompareDialog(self.session, self.compare_choices(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # no diffs for a closed one
        dialog.destroyed.connect(self._compare_closed)
        self.compare_dialog = dialog
        dialog.open()

    def _compare_closed(self) -> None:
        self.compare_dialog = None

    # -- find and replace ------------------------------------------------------

    def find_next(self) -> None:
        try:
            query = self.find_bar.query()
            matches = editing.find_all(
                self.session.transcript,
                query,
                [self.model.ref(r) for r in range(self.model.rowCount())],
            )
        except EditError as error:
            self.find_bar.status.setText(str(error))
            return
        if not matches:
            self._match = None
            self.find_bar.status.setText(self.tr("No match"))
            return
        rows = {self.model.ref(r): r for r in range(self.model.rowCount())}
        here = (self.current_row() if self.current_row() is not None else -1, -1)
        if self._match is not None and self._match.ref in rows:
            here = (rows[self._match.ref], self._match.start)
        following = [m for m in matches if (rows[m.ref], m.start) > here]
        self._match = (following or matches)[0]
        number = matches.index(self._match) + 1
        self.find_bar.status.setText(self.tr("{0} of {1}").format(number, len(matches)))
        self.select_row(rows[self._match.ref])

    def replace_current(self) -> None:
        if self._match is None:
            self.find_next()
            if self._match is None:
                return
        match, query = self._match, self.find_bar.query()
        replacement = self.find_bar.replace_field.text()
        self.session.apply(
            self.tr("Replace"), lambda t: editing.replace_match(t, match, query, replacement)
        )
        self.find_next()

    def replace_all(self) -> None:
        query = self.find_bar.query()
        replacement = self.find_bar.replace_field.text()
        refs = [self.model.ref(r) for r in range(self.model.rowCount())]
        count = 0

        def operation(transcript: Transcript) -> Transcript:
            nonlocal count
            result, count = editing.replace_all(transcript, query, replacement, refs)
            return result

        if self.session.apply(self.tr("Replace all"), operation):
            self.find_bar.status.setText(self.tr("{0} replaced").format(count))
        else:
            self.find_bar.status.setText(self.tr("No match"))
        self._match = None

    # -- context menu and closing ----------------------------------------------

    def _context_menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        hit = self.view.word_at(point)
        if hit is not None:
            self.view.last_clicked_word = hit
        menu = QMenu(self)
        if hit is not None and hit[1] > 0:
            menu.addAction(self.tr("Split before this word"), self.split)
        menu.addAction(self.tr("Merge with next sentence"), self.merge_with_next)
        menu.addAction(self.tr("Rename speaker…"), self.ask_speaker_name)
        menu.addAction(self.tr("Mark reviewed"), self.mark_reviewed)
        menu.addAction(self.tr("Play from here"), self.replay_sentence)
        menu.popup(self.view.viewport().mapToGlobal(point))

    def may_close(self) -> bool:
        """Save now; True once the edits are on disk or the person agreed to lose them.

        Asked by the quit sequence before anything stops; the window stays open.
        """
        self.view.finish_editing(commit=True)
        if (self.session.flush() and self.subtitles.flush()) or self._discard_agreed:
            return True
        self._discard_agreed = self._ask_to_discard()
        return self._discard_agreed

    def changeEvent(self, event: QEvent) -> None:
        """A language switch in Settings: menus, actions and labels follow at once."""
        if event.type() == QEvent.Type.LanguageChange:
            retranslate_children(self)
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.view.finish_editing(commit=True)
        if not self.session.close():
            if not (self._discard_agreed or self._ask_to_discard()):
                event.ignore()
                return
            self.session.close(discard=True)
        if not self.subtitles.close_track():
            if not (self._discard_agreed or self._ask_to_discard()):
                event.ignore()
                return
            self.subtitles.close_track(discard=True)
        self.waveform.stop()
        self.player.close()
        super().closeEvent(event)

    def _ask_to_discard(self) -> bool:
        """Saving failed at close: ask before losing edits (the window stays open on No)."""
        error = self.session.last_save_error() or self.tr("saving did not finish")
        answer = QMessageBox.warning(
            self,
            self.tr("Edits not saved"),
            self.tr(
                "Your last edits could not be saved: {0}\n\nClose anyway and lose them?"
            ).format(error),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard


def _offset_after_cleaning(typed: str, cursor: int, cleaned: str) -> int:
    """Where the cursor is in the cleaned text (edges stripped, spaces collapsed)."""
    before = " ".join(typed[:cursor].split())
    if typed[:cursor] and typed[:cursor][-1].isspace() and before:
        before += " "
    return min(len(before), len(cleaned))


def open_library_item(
    library_file: LibraryFile, item_id: int, *, debounce_ms: int = DEBOUNCE_MS
) -> TranscriptEditor:
    """An editor window for a library item, with its media if it can be found."""
    with library_file.connect() as library:
        item = library.item(item_id)
        transcript = library.transcript(item_id)
    media, problem = media_source(item)
    return TranscriptEditor(
        item_id,
        transcript,
        title=item.title,
        media=media,
        media_problem=problem,
        library=library_file,
        debounce_ms=debounce_ms,
    )
