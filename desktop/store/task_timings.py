"""How long the account's finished tasks took, per model, so new tasks are polled on time.

The service's speed is not published and changes with its load. Each finished
task leaves one row: the longest file it carried and, on the service's own
clock, its submit, scheduled and end times. ``desktop.jobs.pacing`` predicts a
new task's processing time from the recent rows of its model.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from desktop.store.database import transaction

HISTORY = 50  # the most recent tasks of a model that a prediction reads


@dataclass(frozen=True)
class TaskTiming:
    """One finished task: waited ``queued_s`` before it ran, ran ``run_s``."""

    audio_ms: int | None  # its longest file; None when the length was never probed
    queued_s: float
    run_s: float

    @property
    def total_s(self) -> float:
        return self.queued_s + self.run_s


class TaskTimings:
    """The ``task_timings`` table of a library (schema step 6)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def record(
        self,
        task_id: str,
        model: str,
        audio_ms: int | None,
        submitted: datetime,
        scheduled: datetime,
        ended: datetime,
    ) -> None:
        """Keep one finished task's times (once, however often it is settled)."""
        queued = max(0.0, (scheduled - submitted).total_seconds())
        run = max(0.0, (ended - scheduled).total_seconds())
        with transaction(self._conn) as conn:
            conn.execute(
                "INSERT OR IGNORE INTO task_timings"
                " (task_id, model, audio_ms, queued_s, run_s, recorded_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (task_id, model, audio_ms, queued, run, datetime.now(UTC).isoformat()),
            )

    def recent(self, model: str, limit: int = HISTORY) -> list[TaskTiming]:
        """The model's latest finished tasks, newest first."""
        rows = self._conn.execute(
            "SELECT audio_ms, queued_s, run_s FROM task_timings WHERE model = ?"
            " ORDER BY recorded_at DESC, rowid DESC LIMIT ?",
            (model, limit),
        )
        return [TaskTiming(audio, queued, run) for audio, queued, run in rows]
