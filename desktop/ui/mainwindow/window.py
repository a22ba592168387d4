"""The main window: the job queue and the library on the left, the editor on the right.

The editor of the open item is embedded in the right-hand area and its menus
join the window's menu bar, so one window holds a whole working session.
Window geometry, toolbar position and splitter positions are remembered in
``window.ini`` in the data directory (Qt's own format for its own state; the
app's settings proper are in ``settings.json``, readable without Qt).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, paths
from desktop.dashscope import credentials
from desktop.launch import sort_opened
from desktop.settings import Settings
from desktop.store.database import LibraryError
from desktop.store.imports import ImportFailedError, import_result_file
from desktop.store.library import ItemNotFoundError, LibraryFile
from desktop.store.sample import import_sample
from desktop.ui.library.panel import LibraryPanel
from desktop.ui.mainwindow.quitter import Quitter
from desktop.ui.mainwindow.welcome import KeyBanner, WelcomePage
from desktop.ui.util.accessibility import fill_accessible_names
from desktop.ui.util.background import run_in_thread
from desktop.ui.util.icons import themed_icon
from desktop.ui.util.translations import install_language

if TYPE_CHECKING:
    from desktop.ui.editor.window import TranscriptEditor
    from desktop.ui.queue.translation_bridge import TranslationBridge


def window_state_path() -> str:
    return str(paths.data_dir() / "window.ini")


class MainWindow(QMainWindow):
    """The app's one main window.

    It is handed the library by the composition root (``app.py``) and passes it on
    to the panels and dialogs it opens; the job queue, built a moment after the
    first paint, joins through ``set_queue_panel`` and the ``quitter``.

    Signals:
        settings_saved(Settings): the settings dialog saved these settings.
        key_changed(): the settings dialog closed; the key may be new, removed or tested.
        media_opened(list[Path]): media files given on the command line, by a later
            launch or "Open with", for the queue to take.
    """

    settings_saved = Signal(Settings)
    key_changed = Signal()
    media_opened = Signal(list)

    def __init__(self, library: LibraryFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 800)
        self.library = library
        self._translations: TranslationBridge | None = None  # made at the first translation
        self.quitter = Quitter(self, self._may_close_editor)
        self.editors: list[TranscriptEditor] = []  # the open editor (at most one, embedded)
        self._editor_menus: list[QAction] = []
        self.waiting_media: list[Path] = []  # opened media the queue has not taken yet
        self._key_lookups = self._key_shown = 0
        self._build_panels()
        self._build_layout()
        self._build_actions()
        self.retranslate()
        fill_accessible_names(self)
        self.restore_layout()
        self.refresh_key_state()

    # -- construction ----------------------------------------------------------

    def _build_panels(self) -> None:
        self.queue_panel: QWidget = _placeholder("queuePanel")  # see set_queue_panel
        self.library_panel = LibraryPanel(self.library, self)
        self.library_panel.open_requested.connect(self.open_item)
        self.library_panel.export_requested.connect(self.open_export_dialog)
        self.library_panel.translate_requested.connect(self.open_translate_dialog)
        self.welcome = WelcomePage(self)
        self.welcome.settings_requested.connect(self.open_settings)
        self.welcome.sample_requested.connect(self.open_sample)
        self.key_banner = KeyBanner(self)
        self.key_banner.hide()  # until the keyring has answered: no flash of "no key"
        self.welcome.set_has_key(True)
        self.key_banner.settings_requested.connect(self.open_settings)
        self.key_banner.sample_requested.connect(self.open_sample)
        self.key_changed.connect(self.refresh_key_state)
        self.settings_saved.connect(lambda settings: install_language(settings.language))

    def _build_layout(self) -> None:
        self.editor_area = QStackedWidget(self)
        self.editor_area.setObjectName("editorArea")
        self.editor_area.addWidget(self.welcome)
        self.side_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.side_splitter.setObjectName("sideSplitter")
        self.side_splitter.addWidget(self.queue_panel)
        self.side_splitter.addWidget(self.library_panel)
        self.side_splitter.setSizes([350, 450])  # until the person's own sizes are restored
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.side_splitter)
        self.main_splitter.addWidget(self.editor_area)
        self.main_splitter.setStretchFactor(0, 2)
        self.main_splitter.setStretchFactor(1, 3)
        self.main_splitter.setSizes([480, 800])
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.key_banner)
        column.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)

    def _build_actions(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.open_action = self._action(self.open_library_item, QKeySequence.StandardKey.Open)
        self.export_action = self._action(lambda: self.open_export_dialog(), "Ctrl+E")
        self.import_action = self._action(self.open_import_dialog, "Ctrl+I")
        self.close_item_action = self._action(
            self.close_editor, QKeySequence.StandardKey.Close, "Ctrl+W"
        )
        self.quit_action = self._action(self.close, QKeySequence.StandardKey.Quit)
        self.file_menu.addActions(
            [self.open_action, self.import_action, self.export_action, self.close_item_action]
        )
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        self.search_action = self._action(self.focus_library_search, "Ctrl+Shift+F")
        self.view_menu.addAction(self.search_action)
        self.tools_menu = bar.addMenu("")
        self.settings_action = self._action(
            self.open_settings, QKeySequence.StandardKey.Preferences
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.vocabulary_action = self._action(self.open_vocabularies)
        self.presets_action = self._action(self.open_presets)
        self.translate_action = self._action(lambda: self.open_translate_dialog())
        self.tools_menu.addActions(
            [self.vocabulary_action, self.presets_action, self.translate_action,
             self.settings_action]
        )  # fmt: skip
        self.help_menu = bar.addMenu("")
        self.sample_action = self._action(self.open_sample)
        self.about_action = self._action(self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.shortcuts_action = self._action(
            self.show_shortcuts, QKeySequence.StandardKey.HelpContents, "F1"
        )
        self.help_menu.addActions([self.shortcuts_action, self.sample_action, self.about_action])
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._set_icons()
        self.toolbar.addActions(
            [self.open_action, self.export_action, self.search_action, self.settings_action]
        )
        self.addToolBar(self.toolbar)

    def retranslate(self) -> None:
        """Every text of the window in the current language (again after a switch)."""
        self.file_menu.setTitle(self.tr("&File"))
        self.open_action.setText(self.tr("&Open library item…"))
        self.export_action.setText(self.tr("&Export…"))
        self.import_action.setText(self.tr("&Import…"))
        self.close_item_action.setText(self.tr("&Close item"))
        self.quit_action.setText(self.tr("&Quit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.search_action.setText(self.tr("&Search library"))
        self.tools_menu.setTitle(self.tr("&Tools"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.vocabulary_action.setText(self.tr("&Hotword vocabularies…"))
        self.presets_action.setText(self.tr("Subtitle &presets…"))
        self.translate_action.setText(self.tr("&Translate subtitle track…"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.sample_action.setText(self.tr("Open the &sample"))
        self.about_action.setText(self.tr("&About Tingxie"))
        self.shortcuts_action.setText(self.tr("&Keyboard shortcuts"))
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        # Toolbar buttons: short words, without the menus' mnemonics.
        self.open_action.setIconText(self.tr("Open"))
        self.export_action.setIconText(self.tr("Export"))
        self.search_action.setIconText(self.tr("Search"))
        self.settings_action.setIconText(self.tr("Settings"))
        self._show_waiting_media()

    def _set_icons(self) -> None:
        """The main actions' icons (again when the system turns dark or light)."""
        for action, name in (
            (self.open_action, "document-open"),
            (self.export_action, "document-save-as"),
            (self.search_action, "edit-find"),
            (self.settings_action, "preferences-system"),
        ):
            action.setIcon(themed_icon(name))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._set_icons()
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _action(
        self,
        slot: object,
        key: QKeySequence.StandardKey | str | None = None,
        fallback: str | None = None,
    ) -> QAction:
        action = QAction(self)
        if isinstance(key, QKeySequence.StandardKey):
            action.setShortcuts(_standard_or(key, fallback or _FALLBACKS.get(key, "")))
        elif key:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def set_queue_panel(self, panel: QWidget) -> None:
        """Put the job queue panel in its slot (replacing the placeholder)."""
        old = self.queue_panel
        self.side_splitter.replaceWidget(self.side_splitter.indexOf(old), panel)
        if self._translations is not None:  # a translation started before the queue was up
            self.translation_rows.attach(panel)
        old.deleteLater()
        self.queue_panel = panel

    # -- the editor area -------------------------------------------------------

    def open_item(self, item_id: int, position: int | None = None) -> TranscriptEditor | None:
        """Show a library item in the editor area, at sentence ``position`` if given.

        The item already open is closed first (it saves; if it cannot and the
        person keeps it, nothing else opens). Returns the editor, or ``None``.
        """
        from desktop.ui.editor.window import open_library_item  # loads on first use

        current = self.current_editor()
        if current is not None and current.session.item_id == item_id:
            _go_to(current, position)
            return current
        if not self.close_editor():
            return None
        try:
            editor = open_library_item(self.library, item_id)
        except (ItemNotFoundError, LibraryError) as error:
            QMessageBox.warning(self, self.tr("Cannot open"), str(error))
            return None
        self._embed(editor)
        editor.subtitles.set_translations(self.translations)  # runs shown in the queue panel
        _go_to(editor, position)
        self.library_panel.select_item(item_id)
        return editor

    def current_editor(self) -> TranscriptEditor | None:
        return self.editors[0] if self.editors else None

    def close_editor(self, *, refresh: bool = True) -> bool:
        """Close the open item; ``False`` if it stays open (unsaved edits kept)."""
        editor = self.current_editor()
        if editor is None:
            return True
        if not editor.close():
            return False
        for action in self._editor_menus:
            self.menuBar().removeAction(action)
        self._editor_menus = []
        self.editors.remove(editor)
        self.editor_area.removeWidget(editor)
        editor.deleteLater()
        self.editor_area.setCurrentWidget(self.welcome)
        self.setWindowTitle(APP_NAME)
        if refresh:
            self.library_panel.refresh()  # its review status may have changed
        return True

    def _embed(self, editor: TranscriptEditor) -> None:
        editor.setWindowFlags(Qt.WindowType.Widget)
        bar = editor.menuBar()
        self._editor_menus = list(bar.actions())
        for action in self._editor_menus:
            self.menuBar().insertAction(self.tools_menu.menuAction(), action)
        bar.hide()
        self.editors.append(editor)
        self.editor_area.addWidget(editor)
        self.editor_area.setCurrentWidget(editor)
        self.setWindowTitle(f"{editor.windowTitle()} — {APP_NAME}")

    # -- commands --------------------------------------------------------------

    def open_export_dialog(self, item_ids: list[int] | None = None) -> QDialog:
        """Export library items (all listed, ``item_ids`` checked); the dialog is window-modal.

        Imported on first use: the export stack (python-docx, OpenCC) stays out of start-up.
        """
        from desktop.ui.dialogs.export import ExportDialog

        if item_ids is None and self.editors:
            item_ids = [self.editors[0].session.item_id]
        dialog = ExportDialog(self.library, item_ids=item_ids or (), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_import_dialog(self) -> QDialog:
        """File → Import…: a result JSON or subtitle file (+ media) into the library."""
        from desktop.ui.mainwindow.import_dialog import ImportDialog

        dialog = ImportDialog(self.library, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self._imported)
        dialog.open()
        return dialog

    def _imported(self, item_id: int) -> None:
        self.library_panel.refresh()
        self.open_item(item_id)

    def open_library_item(self) -> None:
        """Ask which library item to open."""
        from desktop.ui.library.open_item import OpenItemDialog

        OpenItemDialog(self, self.library, self.open_item).open()

    def refresh_key_state(self) -> None:
        """Show the no-key banner exactly while there is no key to use.

        The keyring is asked off the UI thread: a locked keyring may wait for the
        person to unlock it (and a D-Bus round trip is a fifth of the start-up),
        and the window must not wait with it.
        """
        self._key_lookups += 1
        number = self._key_lookups
        run_in_thread(
            self,
            lambda: credentials.load_api_key() is not None,
            lambda has_key: self._show_key_state(number, has_key),
        )

    def key_state_known(self) -> bool:
        """The banner shows the answer to the latest lookup (tests wait for it)."""
        return self._key_shown == self._key_lookups

    def _show_key_state(self, number: int, has_key: bool) -> None:
        if number != self._key_lookups:
            return  # a newer lookup is on its way
        self._key_shown = number
        self.key_banner.setVisible(not has_key)
        self.welcome.set_has_key(has_key)

    def open_sample(self) -> TranscriptEditor | None:
        """Import the bundled sample (once) and open it in the editor."""
        try:
            with self.library.connect() as library:
                item_id = import_sample(library)
        except (ImportFailedError, LibraryError) as error:
            QMessageBox.warning(self, self.tr("Cannot open the sample"), str(error))
            return None
        self.library_panel.refresh()
        return self.open_item(item_id)

    def open_settings(self) -> QDialog:
        """The settings dialog (window-modal); saving applies the new settings at once."""
        from desktop.ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.settings_saved)
        dialog.finished.connect(lambda _result: self.key_changed.emit())
        dialog.open()
        return dialog

    def open_vocabularies(self) -> QDialog:
        """The account's hot-word vocabularies (needs a key and the network)."""
        from desktop.ui.dialogs.vocabularies import VocabularyWindow

        window = VocabularyWindow(self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.open()
        return window

    def open_presets(self) -> QDialog:
        """The subtitle presets: the built-in ones to read, custom ones to make and edit."""
        from desktop.ui.dialogs.presets import PresetEditor

        dialog = PresetEditor(parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_translate_dialog(self, item_id: int | None = None) -> QDialog:
        """Translate a subtitle track: the cost first, then a run shown in the queue panel."""
        from desktop.ui.dialogs.translate import TranslateDialog

        dialog = TranslateDialog(self.library, item_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.order_chosen.connect(lambda order: self.translations().start(order))
        dialog.open()
        return dialog

    def translations(self) -> TranslationBridge:
        """The translation runs of this window, shown under the queue panel's table."""
        if self._translations is None:
            from desktop.ui.queue.translation_bridge import TranslationBridge
            from desktop.ui.queue.translation_rows import TranslationRows

            self._translations = TranslationBridge(self.library, self)
            self.translation_rows = TranslationRows(self._translations, self)
            self.translation_rows.attach(self.queue_panel)
        return self._translations

    def focus_library_search(self) -> None:
        self.library_panel.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.library_panel.search_box.selectAll()

    def show_shortcuts(self) -> QDialog:
        """Every shortcut of this window and its open editors, as one sheet."""
        from desktop.ui.mainwindow.shortcuts import ShortcutsDialog

        dialog = ShortcutsDialog([self, *self.editors], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_about(self) -> None:
        from desktop import __version__

        QMessageBox.about(
            self,
            self.tr("About Tingxie"),
            self.tr(
                "Tingxie {0}\nA transcription workstation for DashScope recorded-file"
                " transcription (Paraformer, Fun-ASR, SenseVoice)."
            ).format(__version__),
        )

    # -- files from outside (command line, a later launch, "Open with") ------

    def open_paths(self, paths: Sequence[Path]) -> None:
        """Open files given from outside the window.

        Result JSON files are imported into the library (the last one opens in
        the editor); media files wait in ``waiting_media`` and are announced by
        ``media_opened`` for the job queue to take. Anything else is reported,
        naming the file and the fix, in one message.
        """
        opened = sort_opened(tuple(paths))
        problems = list(opened.problems)
        imported: list[int] = []
        for result in opened.results:
            try:
                with self.library.connect() as library:
                    imported.append(import_result_file(library, result))
            except (ImportFailedError, LibraryError) as error:
                problems.append(str(error))
        new_media = [path for path in opened.media if path not in self.waiting_media]
        self.waiting_media += new_media
        if new_media:
            self.media_opened.emit(new_media)
            self._show_waiting_media()
        if imported:
            self.library_panel.refresh()
            self.open_item(imported[-1])
        self._announce_opened(len(imported), len(new_media))
        if problems:
            self._report_unopened(problems)

    def _show_waiting_media(self) -> None:
        """The queue's placeholder lists the waiting media until a queue panel replaces it."""
        if not (
            isinstance(self.queue_panel, QLabel) and self.queue_panel.objectName() == "queuePanel"
        ):
            return
        text = self.tr("The job queue appears here.")
        if self.waiting_media:
            names = "\n".join(path.name for path in self.waiting_media)
            text = self.tr("Waiting to be transcribed:") + "\n" + names
        self.queue_panel.setText(text)

    def _announce_opened(self, imported: int, media: int) -> None:
        parts = []
        if imported:
            parts.append(self.tr("Imported %n results into the library", "", imported))
        if media:
            parts.append(self.tr("%n media files waiting to be transcribed", "", media))
        if parts:
            self.statusBar().showMessage(" · ".join(parts))

    def _report_unopened(self, problems: list[str]) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Some files were not opened"),
            "\n\n".join(problems),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("unopenedFiles")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    # -- remembered layout -----------------------------------------------------

    def restore_layout(self) -> None:
        state = QSettings(window_state_path(), QSettings.Format.IniFormat)
        for key, restore in (
            ("geometry", self.restoreGeometry),
            ("windowState", self.restoreState),
            ("mainSplitter", self.main_splitter.restoreState),
            ("sideSplitter", self.side_splitter.restoreState),
        ):
            value = state.value(key)
            if value is not None:
                restore(value)

    def save_layout(self) -> None:
        state = QSettings(window_state_path(), QSettings.Format.IniFormat)
        state.setValue("geometry", self.saveGeometry())
        state.setValue("windowState", self.saveState())
        state.setValue("mainSplitter", self.main_splitter.saveState())
        state.setValue("sideSplitter", self.side_splitter.saveState())
        state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Quit through the quitter's stages; the event goes through once they are done."""
        if not self.quitter.request():  # refused, or stopping (it closes the window when done)
            event.ignore()
            return
        if not self.close_editor(refresh=False):  # already agreed: saves, or discards
            event.ignore()
            return
        self.save_layout()
        super().closeEvent(event)

    def _may_close_editor(self) -> bool:
        editor = self.current_editor()
        return editor is None or editor.may_close()


def _placeholder(name: str) -> QWidget:
    label = QLabel()
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def _go_to(editor: TranscriptEditor, position: int | None) -> None:
    """Select the sentence at ``position`` (the library's merged order) and seek there."""
    if position is None:
        return
    from desktop.domain import editing

    refs = editing.ordered_refs(editor.session.transcript)
    if not 0 <= position < len(refs):
        return
    ref, sentence = refs[position]
    row = editor.model.row_of(ref)
    if row is not None:
        editor.select_row(row)
    editor.seek(sentence.begin_ms)


_FALLBACKS = {
    QKeySequence.StandardKey.Open: "Ctrl+O",
    QKeySequence.StandardKey.Quit: "Ctrl+Q",
    QKeySequence.StandardKey.Close: "Ctrl+W",
    QKeySequence.StandardKey.Preferences: "Ctrl+,",
}


def _standard_or(key: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's keys for ``key``; some platforms (Windows, offscreen) bind none to Quit."""
    return QKeySequence.keyBindings(key) or [QKeySequence(fallback)]
