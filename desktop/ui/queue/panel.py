"""The job queue panel: the table of files, its actions, totals, and the pause banner.

The panel only shows and asks: every action leaves as a signal carrying job ids
or chosen sources, and the ``QueueController`` carries it out on the engine.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import catalog
from desktop.domain.durations import duration_text
from desktop.jobs.sources import MEDIA_SUFFIXES, is_url
from desktop.jobs.usage import FamilyUsage
from desktop.store.jobs import Job, JobState
from desktop.ui.queue.model import BUSY, PROGRESS_ROLE, QueueColumn, QueueModel, cost_text
from desktop.ui.util.folders import media_start_folder, remember_media_folder
from desktop.ui.util.messages import translated
from desktop.ui.util.model_combo import ModelComboBox

Index = QModelIndex | QPersistentModelIndex


class ProgressDelegate(QStyledItemDelegate):
    """Draws the state cell as a progress bar with the state's text on it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        value = index.data(PROGRESS_ROLE)
        if not isinstance(value, int) or value < BUSY or value == -1:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = QRect(option.rect).adjusted(2, 2, -2, -2)  # type: ignore[attr-defined]
        if value == BUSY:  # minimum == maximum: the style draws a busy bar
            bar.minimum, bar.maximum, bar.progress = 0, 0, 0  # type: ignore[attr-defined]
        else:
            bar.minimum, bar.maximum, bar.progress = 0, 100, value  # type: ignore[attr-defined]
        bar.text = str(index.data())  # type: ignore[attr-defined]
        bar.textVisible = True  # type: ignore[attr-defined]
        bar.state = option.state  # type: ignore[attr-defined]
        style = option.widget.style() if option.widget else QApplication.style()  # type: ignore[attr-defined]
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


class QueuePanel(QWidget):
    """QueuePanel.

    Signals:
        sources_chosen(list): paths (files or folders) and URLs to queue
        cancel_requested(list): job ids
        retry_requested(list)
        retry_with_model_requested(list, str): job ids and the model to use now
        remove_requested(list)
        open_requested(int): library item id of a finished job
        settings_requested()
    """

    sources_chosen = Signal(list)
    cancel_requested = Signal(list)
    retry_requested = Signal(list)
    retry_with_model_requested = Signal(list, str)
    remove_requested = Signal(list)
    open_requested = Signal(int)
    settings_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queuePanel")
        self.model = QueueModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("queueTable")
        self.table.setAccessibleName(self.tr("Queue"))
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(QueueColumn.STATE, ProgressDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)  # the problem text, when there is one
        self.table.setColumnWidth(QueueColumn.NAME, 200)
        self.table.setColumnWidth(QueueColumn.STATE, 140)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.table.installEventFilter(self)
        self.banner = QLabel(self)
        self.banner.setObjectName("queuePauseBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel { background: #fff3cd; color: #5c4400; padding: 6px; }")
        self.banner.hide()
        self.trouble = QLabel(self)
        self.trouble.setObjectName("queueTrouble")
        self.trouble.setWordWrap(True)
        self.trouble.setStyleSheet("QLabel { color: #8a5a00; padding: 2px 6px; }")
        self.trouble.hide()
        self.banner_button = QPushButton(self)
        self.banner_button.clicked.connect(self.settings_requested)
        self.banner_button.hide()
        self.totals = QLabel(self)
        self.totals.setObjectName("queueTotals")
        # The totals grow as jobs finish; wrapped, they never widen the panel (and so
        # never push the splitter the person set).
        self.totals.setWordWrap(True)
        self.totals.setMinimumWidth(1)
        self.totals.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.empty_hint = QLabel(self)
        self.empty_hint.setObjectName("queueEmptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setEnabled(False)  # drawn greyed, like a placeholder
        self.add_files_button = QPushButton(self)
        self.add_urls_button = QPushButton(self)
        self.cancel_button = QPushButton(self)
        self.retry_button = QPushButton(self)
        self.retry_model_button = QPushButton(self)
        self.retry_model_button.setObjectName("retryWithModel")
        self.failed_button = QPushButton(self)
        self.failed_button.setObjectName("showFailed")
        self.failed_button.setCheckable(True)
        self.failed_button.toggled.connect(lambda _on: self._apply_filter())
        self.failed_button.hide()
        self.remove_button = QPushButton(self)
        self.open_button = QPushButton(self)
        self.add_files_button.clicked.connect(self.choose_files)
        self.add_urls_button.clicked.connect(self.choose_urls)
        self.cancel_button.clicked.connect(lambda: self.cancel_requested.emit(self.selected_ids()))
        self.retry_button.clicked.connect(lambda: self.retry_requested.emit(self.selected_ids()))
        self.retry_model_button.clicked.connect(self.choose_retry_model)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.selected_ids()))
        self.open_button.clicked.connect(self._open_selected)
        self._usage: list[FamilyUsage] = []
        self._layout()
        # Totals are sums over every row: recomputed at most every 200 ms, not per change.
        self._totals_due = QTimer(self)
        self._totals_due.setSingleShot(True)
        self._totals_due.setInterval(200)
        self._totals_due.timeout.connect(self._refresh)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.dataChanged):
            signal.connect(self._totals_due.start)
        self.model.modelReset.connect(self._refresh)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        # The same actions on the table's context menu, for the row under the pointer.
        self.retry_action = QAction(self)
        self.retry_action.triggered.connect(self.retry_button.click)
        self.retry_model_action = QAction(self)
        self.retry_model_action.triggered.connect(self.choose_retry_model)
        self.table.addActions([self.retry_action, self.retry_model_action])
        # Elapsed times of running rows move on while nothing else changes.
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self.table.viewport().update)
        self._clock.start()
        self.retranslate()
        self._refresh()

    def _layout(self) -> None:
        # Two rows: in one the panel would be as wide as all its buttons, and the
        # editor beside it would no longer fit a 1280-pixel screen.
        adding = QHBoxLayout()
        for button in (self.add_files_button, self.add_urls_button):
            adding.addWidget(button)
        adding.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.cancel_button, self.retry_button,
                       self.retry_model_button, self.remove_button):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        banner = QHBoxLayout()
        banner.addWidget(self.banner, 1)
        banner.addWidget(self.banner_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(banner)
        column.addWidget(self.trouble)
        column.addLayout(adding)
        column.addLayout(buttons)
        column.addWidget(self.table, 1)
        column.addWidget(self.empty_hint, 1)
        totals = QHBoxLayout()
        totals.addWidget(self.totals, 1)
        totals.addWidget(self.failed_button)
        column.addLayout(totals)

    def retranslate(self) -> None:
        self.add_files_button.setText(self.tr("Add files…"))
        self.add_urls_button.setText(self.tr("Add URLs…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.retry_button.setText(self.tr("Retry"))
        self.retry_model_button.setText(self.tr("Retry with another model…"))
        self.retry_action.setText(self.tr("Retry"))
        self.retry_model_action.setText(self.tr("Retry with another model…"))
        self.remove_button.setText(self.tr("Remove"))
        self.open_button.setText(self.tr("Open result"))
        self.banner_button.setText(self.tr("Settings…"))
        self.table.setToolTip(self.tr("Drop audio or video files and folders here"))
        self.empty_hint.setText(
            self.tr("Drop audio or video files or folders on the window to transcribe them.")
        )
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- what the engine reports -----------------------------------------------------

    def show_pause(self, reason: str) -> None:
        """The queue stopped for an account problem (``reason``), or runs again (empty)."""
        self.banner.setVisible(bool(reason))
        self.banner_button.setVisible(bool(reason))
        if reason:
            self.banner.setText(self.tr("The queue is paused: {0}").format(reason))

    def show_trouble(self, text: str) -> None:
        """Passing trouble the engine is retrying (nothing to do but wait), or none (empty)."""
        self.trouble.setVisible(bool(text))
        if text:
            self.trouble.setText(translated(text))

    def set_usage(self, usage: list[FamilyUsage]) -> None:
        self._usage = usage
        self._refresh()

    # -- selection and actions ---------------------------------------------------------

    def selected_jobs(self) -> list[Job]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.job_at(row) for row in rows]

    def selected_ids(self) -> list[int]:
        return [job.id for job in self.selected_jobs()]

    def choose_files(self) -> QFileDialog:
        """The "Add files" dialog (window-modal, returns at once), started in the last
        folder used or the person's media folder, never the process's working folder."""
        patterns = " ".join(f"*{suffix}" for suffix in sorted(MEDIA_SUFFIXES))
        dialog = QFileDialog(self, self.tr("Add files"), str(media_start_folder()))
        dialog.setObjectName("addFilesDialog")
        dialog.setNameFilter(self.tr("Audio and video ({0})").format(patterns))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.filesSelected.connect(self._files_chosen)
        dialog.open()
        return dialog

    def _files_chosen(self, paths: list[str]) -> None:
        if paths:
            remember_media_folder(Path(paths[0]).parent)
            self.sources_chosen.emit(paths)

    def choose_urls(self) -> QDialog:
        """A text box for URLs, one per line (window-modal, returns at once)."""
        dialog = UrlDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.urls_chosen.connect(self.sources_chosen)
        dialog.open()
        return dialog

    def _open_selected(self) -> None:
        for job in self.selected_jobs():
            if job.item_id is not None:
                self.open_requested.emit(job.item_id)
                return

    def _open_row(self, row: int) -> None:
        job = self.model.job_at(row)
        if job.item_id is not None:
            self.open_requested.emit(job.item_id)

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Delete and self.selected_ids():
                self.remove_requested.emit(self.selected_ids())
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def _update_buttons(self) -> None:
        jobs = self.selected_jobs()
        self.cancel_button.setEnabled(any(not j.state.final for j in jobs))
        retryable = any(j.state in (JobState.FAILED, JobState.CANCELED) for j in jobs)
        self.retry_button.setEnabled(retryable)
        self.retry_model_button.setEnabled(retryable)
        self.retry_action.setEnabled(retryable)
        self.retry_model_action.setEnabled(retryable)
        self.remove_button.setEnabled(bool(jobs))
        self.open_button.setEnabled(any(j.item_id is not None for j in jobs))

    def _refresh(self, *_args: object) -> None:
        jobs = self.model.jobs()
        self.table.setVisible(bool(jobs))
        self.empty_hint.setVisible(not jobs)
        milliseconds = sum(j.duration_ms or 0 for j in jobs)
        cost = sum((j.estimated_cost for j in jobs if j.estimated_cost is not None), start=0)
        done = sum(1 for j in jobs if j.state is JobState.DONE)
        failed = sum(1 for j in jobs if j.state is JobState.FAILED)
        parts = [
            self.tr("%n files", "", len(jobs)) + self.tr(", ") + self.tr("%n done", "", done),
            self.tr("{0} of audio").format(duration_text(milliseconds) or "0:00"),
            self.tr("estimated {0}").format(cost_text(cost) if jobs else "¥0"),  # type: ignore[arg-type]
        ]
        for usage in self._usage:
            parts.append(
                self.tr("{0} this month: {1} used of {2} free").format(
                    usage.family, duration_text(int(usage.seconds * 1000)),
                    duration_text(usage.free_seconds * 1000),
                )
            )  # fmt: skip
        if failed:
            parts.insert(1, self.tr("%n failed", "", failed))
        self.totals.setText(" · ".join(parts))
        self.failed_button.setVisible(bool(failed) or self.failed_button.isChecked())
        self.failed_button.setText(self.tr("Show only failed (%n)", "", failed))
        self._apply_filter()
        self._update_buttons()

    def _apply_filter(self) -> None:
        """With "show only failed" on, the other rows are hidden (not removed)."""
        only_failed = self.failed_button.isChecked()
        for row, job in enumerate(self.model.jobs()):
            self.table.setRowHidden(row, only_failed and job.state is not JobState.FAILED)

    def choose_retry_model(self) -> QDialog | None:
        """Ask for the model to retry the selected failed jobs with (window-modal)."""
        jobs = [j for j in self.selected_jobs() if j.state in (JobState.FAILED, JobState.CANCELED)]
        if not jobs:
            return None
        dialog = RetryModelDialog(jobs, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.model_chosen.connect(
            lambda model: self.retry_with_model_requested.emit([j.id for j in jobs], model)
        )
        dialog.open()
        return dialog


class RetryModelDialog(QDialog):
    """Which model to retry failed jobs with: a retired model's replacement comes first.

    Signals:
        model_chosen(str): the model's name
    """

    model_chosen = Signal(str)

    def __init__(self, jobs: list[Job], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retryModelDialog")
        self.setWindowTitle(self.tr("Retry with another model"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.models = ModelComboBox(self)
        self.models.setObjectName("retryModel")
        self.models.setAccessibleName(self.tr("Model"))
        self.models.fill(None, _first_choice(jobs))
        question = QLabel(self.tr("Retry %n jobs with this model:", "", len(jobs)), self)
        question.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("Retry"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.models)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.model_chosen.emit(self.models.chosen())
        super().accept()


def _first_choice(jobs: list[Job]) -> str | None:
    """The replacement of a retired model, else a model that is not the one that failed."""
    for job in jobs:
        try:
            spec = catalog.get(job.model)
        except catalog.UnknownModelError:
            continue
        if spec.replacement:
            return spec.replacement
    failed = {job.model for job in jobs}
    return next(
        (m.name for m in catalog.models() if m.alias_of is None and m.name not in failed), None
    )


class UrlDialog(QDialog):
    """One URL per line; blank lines and surrounding spaces ignored.

    Signals:
        urls_chosen(list)
    """

    urls_chosen = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("urlDialog")
        self.setWindowTitle(self.tr("Add URLs"))
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText("https://example.com/talk.mp3")
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(QLabel(self.tr("Public http(s) URLs of audio or video, one per line:")))
        column.addWidget(self.text)
        column.addWidget(self.problem)
        column.addWidget(self.buttons)

    def accept(self) -> None:
        lines = [line.strip() for line in self.text.toPlainText().splitlines() if line.strip()]
        wrong = [line for line in lines if not is_url(line)]
        if wrong or not lines:
            self.problem.setText(
                self.tr("Not a URL: {0}").format(wrong[0]) if wrong else self.tr("Enter a URL.")
            )
            return
        self.urls_chosen.emit(lines)
        super().accept()
