"""Wires the queue panel, the new-job dialog and the engine bridge into the main window.

Kept apart from the widgets so they stay views: this is where a drop becomes
a dialog, a dialog's answer becomes jobs, and an engine event becomes a row.
Quitting is the main window's quitter: the controller adds its question
("files are still being transcribed") and the engine's shutdown to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QMessageBox

from desktop.dashscope.options import TranscriptionOptions
from desktop.jobs.sources import Source, SourceError, expand, is_url
from desktop.jobs.usage import monthly_usage
from desktop.store.jobs import JobState
from desktop.ui.mainwindow.window import MainWindow
from desktop.ui.queue.bridge import EngineBridge
from desktop.ui.queue.new_job_dialog import NewJobDialog
from desktop.ui.queue.panel import QueuePanel
from desktop.ui.util.icons import themed_icon

RESULTS_COALESCE_MS = 300


class QueueController(QObject):
    """The queue's part of the main window: its panel, actions, drops and quit stage."""

    def __init__(self, window: MainWindow, bridge: EngineBridge) -> None:
        super().__init__(window)
        self.window = window
        self.bridge = bridge
        self.panel = QueuePanel(window)
        window.set_queue_panel(self.panel)
        self.panel.model.reset(bridge.library.jobs.all())
        self._results_arrived = QTimer(self)
        self._results_arrived.setSingleShot(True)
        self._results_arrived.setInterval(RESULTS_COALESCE_MS)
        self._results_arrived.timeout.connect(self._show_new_results)
        window.quitter.add_question(self.confirm_quit)
        window.quitter.add_shutdown(bridge.shutdown)
        self._connect()
        self._add_window_actions()
        self._refresh_usage()
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        if window.waiting_media:  # opened before the queue existed (a launch with files)
            QTimer.singleShot(0, lambda: self._take_opened_media(list(window.waiting_media)))

    def _connect(self) -> None:
        self.panel.sources_chosen.connect(self.ask_to_queue)
        self.panel.cancel_requested.connect(self.bridge.cancel)
        self.panel.retry_requested.connect(self.bridge.retry)
        self.panel.retry_with_model_requested.connect(self.bridge.retry_with_model)
        self.panel.remove_requested.connect(self.bridge.remove)
        self.panel.open_requested.connect(self.window.open_item)
        self.panel.settings_requested.connect(self.window.open_settings)
        self.bridge.job_changed.connect(self.panel.model.update)
        self.bridge.job_removed.connect(self.panel.model.remove)
        self.bridge.paused.connect(self.panel.show_pause)
        self.bridge.trouble.connect(self.panel.show_trouble)
        self.bridge.result_stored.connect(self._result_stored)
        self.window.key_changed.connect(self.bridge.reload_client)
        self.window.settings_saved.connect(self.bridge.reload_client)
        self.window.media_opened.connect(self._take_opened_media)

    def _take_opened_media(self, paths: list[Path]) -> None:
        """Media opened from the file manager or a second launch: ask how to transcribe it."""
        taken = [p for p in paths if p in self.window.waiting_media]
        self.window.waiting_media = [p for p in self.window.waiting_media if p not in taken]
        if taken:
            self.window.statusBar().clearMessage()  # "… waiting to be transcribed": not any more
            self.ask_to_queue([str(p) for p in taken])

    def _add_window_actions(self) -> None:
        """File → Transcribe files…/URLs… (and the toolbar), beside the panel's buttons."""
        window = self.window
        self.add_files_action = QAction(window)
        self.add_files_action.setShortcut(QKeySequence("Ctrl+T"))
        self.add_files_action.setIcon(themed_icon("list-add"))
        self.add_files_action.triggered.connect(self.panel.choose_files)
        self.add_urls_action = QAction(window)
        self.add_urls_action.setShortcut(QKeySequence("Ctrl+Shift+U"))
        self.add_urls_action.triggered.connect(self.panel.choose_urls)
        first = window.file_menu.actions()[0] if window.file_menu.actions() else None
        window.file_menu.insertActions(first, [self.add_files_action, self.add_urls_action])
        window.file_menu.insertSeparator(first)
        window.toolbar.insertAction(window.toolbar.actions()[0], self.add_files_action)
        window.addActions([self.add_files_action, self.add_urls_action])
        self._retranslate_actions()

    def _retranslate_actions(self) -> None:
        self.add_files_action.setText(self.tr("&Transcribe files…"))
        self.add_files_action.setIconText(self.tr("Transcribe"))
        self.add_urls_action.setText(self.tr("Transcribe &URLs…"))

    # -- queueing ----------------------------------------------------------------------

    def ask_to_queue(self, arguments: Sequence[str]) -> NewJobDialog | None:
        """Expand dropped or chosen paths/URLs and ask how to transcribe them."""
        try:
            sources = expand(arguments)
        except SourceError as error:
            QMessageBox.warning(self.window, self.tr("Cannot add"), str(error))
            return None
        dialog = NewJobDialog(sources, self.bridge.client, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(self._queue)
        dialog.open()
        return dialog

    def _queue(self, sources: list[Source], model: str, options: TranscriptionOptions) -> None:
        self.bridge.add(sources, model, options)

    # -- engine events -------------------------------------------------------------------

    def _result_stored(self, _item_id: int) -> None:
        # A task's hundred results arrive together: refresh the library and the usage
        # once for them, not once per file.
        self._results_arrived.start()

    def _show_new_results(self) -> None:
        self.window.library_panel.refresh()
        self._refresh_usage()

    def _refresh_usage(self) -> None:
        self.panel.set_usage(monthly_usage(self.bridge.library.jobs))

    # -- window events: drops anywhere, and quitting --------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.DragEnter:
            assert isinstance(event, QDragEnterEvent)
            if dropped_sources(event):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            sources = dropped_sources(event)
            if sources:
                event.acceptProposedAction()
                self.ask_to_queue(sources)
                return True
        elif kind == QEvent.Type.LanguageChange:
            self._retranslate_actions()
        return super().eventFilter(watched, event)

    def confirm_quit(self) -> bool:
        """Ask once when files are under way; they resume at the next start either way."""
        busy = [j for j in self.bridge.in_flight() if j.state is not JobState.QUEUED]
        if not busy:
            return True
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Quit Tingxie?"), "", parent=self.window
        )
        box.setObjectName("quitQuestion")
        box.setText(self.tr("%n files are still being transcribed. Quit now?", "", len(busy)))
        box.setInformativeText(
            self.tr(
                "Tasks already on the service keep running; Tingxie picks every file up"
                " where it stopped the next time it starts."
            )
        )
        quit_button = box.addButton(self.tr("Quit"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("Keep working"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is quit_button


def dropped_sources(event: QDropEvent | QDragEnterEvent) -> list[str]:
    """Local files and folders, or web URLs, carried by a drag.

    The one place drops are read: the window takes them wherever they land
    (a drag over a panel reaches the window, which accepts drops).
    """
    mime = event.mimeData()
    sources = []
    for url in mime.urls():
        if url.isLocalFile():
            sources.append(url.toLocalFile())
        elif is_url(url.toString()):
            sources.append(url.toString())
    return sources
