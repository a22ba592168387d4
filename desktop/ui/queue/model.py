"""The job queue as a Qt table: one row per file, kept current by engine events."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from decimal import Decimal
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop.domain.durations import duration_text
from desktop.store.jobs import Job, JobState
from desktop.ui.util.messages import translated

Index = QModelIndex | QPersistentModelIndex
JOB_ROLE = Qt.ItemDataRole.UserRole + 1
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 2  # 0-100, or -1 when the state has no bar


class QueueColumn(IntEnum):
    NAME = 0
    MODEL = 1
    STATE = 2
    DURATION = 3
    COST = 4
    PROBLEM = 5


def state_text(job: Job) -> str:
    names = {
        JobState.QUEUED: QCoreApplication.translate("QueueModel", "queued"),
        JobState.PROBING: QCoreApplication.translate("QueueModel", "probing"),
        JobState.UPLOADING: QCoreApplication.translate("QueueModel", "uploading"),
        JobState.WAITING: QCoreApplication.translate("QueueModel", "waiting to submit"),
        JobState.SUBMITTING: QCoreApplication.translate("QueueModel", "submitting"),
        JobState.SUBMITTED: QCoreApplication.translate("QueueModel", "submitted"),
        JobState.RUNNING: QCoreApplication.translate("QueueModel", "running"),
        JobState.FETCHING: QCoreApplication.translate("QueueModel", "fetching"),
        JobState.DONE: QCoreApplication.translate("QueueModel", "done"),
        JobState.FAILED: QCoreApplication.translate("QueueModel", "failed"),
        JobState.CANCELED: QCoreApplication.translate("QueueModel", "canceled"),
    }
    text = names[job.state]
    if job.state is JobState.UPLOADING and job.size_bytes:
        return f"{text} {progress(job)} %"
    if job.state is JobState.FAILED:
        reason = translated(job.error_message) or job.error_code
        if reason:
            # The reason where it is seen: the state cell, not an off-screen column.
            return QCoreApplication.translate("QueueModel", "failed: {0}").format(reason)
    if job.state in _BUSY and job.submit_started_at is not None:
        elapsed = datetime.now(UTC) - job.submit_started_at
        return QCoreApplication.translate("QueueModel", "{0} for {1}").format(
            text, duration_text(max(0, int(elapsed.total_seconds() * 1000)))
        )
    return text


# States where the service is working and no fraction is known: a busy bar.
_BUSY = (JobState.SUBMITTED, JobState.RUNNING)
BUSY = -2  # PROGRESS_ROLE for an indeterminate bar


def progress(job: Job) -> int:
    """Where the row's bar stands: upload bytes while uploading, busy while the service
    works (a full bar would read as done), full when done, else by state."""
    if job.state is JobState.UPLOADING and job.size_bytes:
        return min(100, 100 * job.bytes_done // max(job.size_bytes, 1))
    if job.state in _BUSY or job.state in (JobState.SUBMITTING, JobState.FETCHING):
        return BUSY
    return {
        JobState.WAITING: 0,
        JobState.DONE: 100,
    }.get(job.state, -1)


def wrapped(text: str) -> str:
    """``text`` as a rich-text tooltip, which Qt wraps to a readable width."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def cost_text(cost: Decimal | None) -> str:
    return "" if cost is None else f"¥{cost:.4f}"


class QueueModel(QAbstractTableModel):
    """Rows in the order jobs were added; ``update`` inserts, refreshes or removes one."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._jobs: list[Job] = []
        self._rows: dict[int, int] = {}  # job id → row

    # -- feeding -----------------------------------------------------------------

    def reset(self, jobs: list[Job]) -> None:
        self.beginResetModel()
        self._jobs = list(jobs)
        self._rows = {job.id: row for row, job in enumerate(self._jobs)}
        self.endResetModel()

    def update(self, job: Job) -> None:
        row = self._rows.get(job.id)
        if row is None:
            self.beginInsertRows(QModelIndex(), len(self._jobs), len(self._jobs))
            self._rows[job.id] = len(self._jobs)
            self._jobs.append(job)
            self.endInsertRows()
            return
        self._jobs[row] = job
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(QueueColumn) - 1))

    def remove(self, job_id: int) -> None:
        row = self._rows.get(job_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._jobs[row]
        self._rows = {job.id: index for index, job in enumerate(self._jobs)}
        self.endRemoveRows()

    def jobs(self) -> list[Job]:
        return list(self._jobs)

    def job_at(self, row: int) -> Job:
        return self._jobs[row]

    def row_of(self, job_id: int) -> int | None:
        return self._rows.get(job_id)

    # -- Qt ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._jobs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(QueueColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            QueueColumn.NAME: QCoreApplication.translate("QueueModel", "File"),
            QueueColumn.MODEL: QCoreApplication.translate("QueueModel", "Model"),
            QueueColumn.STATE: QCoreApplication.translate("QueueModel", "State"),
            QueueColumn.DURATION: QCoreApplication.translate("QueueModel", "Length"),
            QueueColumn.COST: QCoreApplication.translate("QueueModel", "Est. cost"),
            QueueColumn.PROBLEM: QCoreApplication.translate("QueueModel", "Problem"),
        }[QueueColumn(section)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        job = self._jobs[index.row()]
        column = QueueColumn(index.column())
        if role == JOB_ROLE:
            return job
        if role == PROGRESS_ROLE:
            return progress(job) if column is QueueColumn.STATE else -1
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(job, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(job, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            QueueColumn.DURATION,
            QueueColumn.COST,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, job: Job, column: QueueColumn) -> str:
        if column is QueueColumn.NAME:
            return job.title
        if column is QueueColumn.MODEL:
            return job.model
        if column is QueueColumn.STATE:
            return state_text(job)
        if column is QueueColumn.DURATION:
            return duration_text(job.duration_ms)
        if column is QueueColumn.COST:
            return cost_text(job.estimated_cost)
        if job.state is JobState.FAILED:
            return translated(job.error_message) or job.error_code or ""
        return ""

    def _tooltip(self, job: Job, column: QueueColumn) -> str | None:
        if column is QueueColumn.NAME:
            return job.source
        if column in (QueueColumn.PROBLEM, QueueColumn.STATE) and job.state is JobState.FAILED:
            lines = [translated(job.error_message), translated(job.advice)]
            if job.error_code:
                lines.append(
                    QCoreApplication.translate("QueueModel", "Service code: {0}").format(
                        job.error_code
                    )
                )
            return wrapped("\n".join(line for line in lines if line))
        return None
