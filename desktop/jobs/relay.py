"""Other processes' job changes, heard by this engine's listeners as its own.

The app, ``tingxie resume`` in a terminal and a second window may share one
library; each writes only the jobs it holds, but every one of them should
show the whole queue as it moves. Asking SQLite is cheap: ``PRAGMA
data_version`` changes only when another connection committed, and only
then are the rows written since the last look read (by ``updated_at``,
which has an index). A row this engine wrote itself, or already relayed,
is not told twice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from desktop.store.jobs import Job, JobStore
from desktop.store.leases import LeaseStore


class ChangeRelay:
    """Tells ``emit`` about every job row another process wrote since the last ``poll``."""

    def __init__(self, jobs: JobStore, leases: LeaseStore, emit: Callable[[Job], None]) -> None:
        self._jobs = jobs
        self._leases = leases
        self._emit = emit
        self._told: dict[int, datetime] = {}  # job id → the updated_at last told
        self._mark = ""  # the newest updated_at looked at
        self._version = -1  # the library's data_version when last looked at

    def begin(self) -> None:
        """Start from now: what is in the library already is not news."""
        self._mark = self._jobs.last_change()
        self._version = self._leases.data_version()

    def told(self, job: Job) -> None:
        """``job`` (this version of it) reached the listeners already."""
        self._told[job.id] = job.updated_at

    def poll(self) -> None:
        version = self._leases.data_version()
        if version == self._version:
            return
        self._version = version
        for job in self._jobs.changed_since(self._mark):
            self._mark = max(self._mark, job.updated_at.isoformat(timespec="milliseconds"))
            if self._told.get(job.id) != job.updated_at:
                self._emit(job)
