"""The job queue's rows: one per file, its state written before the step it names runs.

Because each state lands in SQLite before the work starts, a crash at any
point leaves a row that says exactly what was under way, and the engine can
resume it (re-attach to a task, re-upload, or reconcile a submit whose answer
was lost) without losing a file or paying for it twice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from desktop.store.database import transaction


class JobState(StrEnum):
    QUEUED = "queued"
    PROBING = "probing"
    UPLOADING = "uploading"
    WAITING = "waiting"  # has a file URL, waiting to be submitted in a batch
    SUBMITTING = "submitting"  # submit sent; the task id is not stored yet
    SUBMITTED = "submitted"  # task id stored, task PENDING
    RUNNING = "running"
    FETCHING = "fetching"
    DONE = "done"
    FAILED = "failed"
    CANCELED = "canceled"

    @property
    def final(self) -> bool:
        return self in (JobState.DONE, JobState.FAILED, JobState.CANCELED)


@dataclass(frozen=True)
class Job:
    id: int
    source: str  # a local path or a URL, as the user gave it
    is_url: bool
    title: str
    model: str
    options: str  # JSON of the submit options
    batch_key: str  # jobs with equal keys may share one task
    state: JobState
    media: str | None  # JSON of the probed MediaInfo
    size_bytes: int | None
    bytes_done: int
    duration_ms: int | None
    estimated_cost: Decimal | None
    file_url: str | None  # what the service downloads: the user's URL or an oss:// upload
    uploaded_at: datetime | None
    submit_started_at: datetime | None
    task_id: str | None
    usage_seconds: float | None
    error_code: str | None
    error_message: str | None
    advice: str | None
    item_id: int | None
    created_at: datetime
    updated_at: datetime
    endpoint: str | None = None  # base URL of the service it belongs to; None: not bound yet
    lease_owner: str | None = None  # the engine working it (see desktop.store.leases)
    lease_until: float | None = None  # Unix time the holder's heartbeat lasts until


@dataclass(frozen=True)
class NewJob:
    """What a job starts from: one source as the user gave it."""

    source: str
    is_url: bool
    title: str


_COLUMNS = [f.name for f in fields(Job)]
_SELECT = ", ".join(_COLUMNS)
_COLUMN_SET = frozenset(_COLUMNS)
_DATETIMES = {"uploaded_at", "submit_started_at", "created_at", "updated_at"}
SELECT_COLUMNS = _SELECT  # for other stores reading job rows (desktop.store.leases)


class JobStore:
    """Reads and writes job rows; every write is its own committed transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def add(
        self,
        *,
        source: str,
        is_url: bool,
        title: str,
        model: str,
        options: str,
        batch_key: str,
        endpoint: str | None = None,
        lease_owner: str | None = None,
        lease_until: float | None = None,
    ) -> Job:
        """A new queued job, bound to ``endpoint`` and, with ``lease_owner``, already held
        by that engine so no other one starts it first."""
        (job,) = self.add_many(
            [NewJob(source, is_url, title)],
            model=model,
            options=options,
            batch_key=batch_key,
            endpoint=endpoint,
            lease_owner=lease_owner,
            lease_until=lease_until,
        )
        return job

    def add_many(
        self,
        sources: Sequence[NewJob],
        *,
        model: str,
        options: str,
        batch_key: str,
        endpoint: str | None = None,
        lease_owner: str | None = None,
        lease_until: float | None = None,
    ) -> list[Job]:
        """Queue every source in one transaction: a command killed while queueing a
        folder leaves all of it queued or none of it, never half a folder."""
        now = _now()
        ids: list[int] = []
        with transaction(self._conn) as conn:
            for new in sources:
                cursor = conn.execute(
                    "INSERT INTO jobs (source, is_url, title, model, options, batch_key, state,"
                    " created_at, updated_at, endpoint, lease_owner, lease_until)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        new.source, int(new.is_url), new.title, model, options, batch_key,
                        JobState.QUEUED, now, now, endpoint, lease_owner, lease_until,
                    ),
                )  # fmt: skip
                assert cursor.lastrowid is not None
                ids.append(cursor.lastrowid)
        return self.get_many(ids)

    def get(self, job_id: int) -> Job:
        row = self._conn.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM jobs WHERE id = ?", (job_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no job with id {job_id}")
        return _job(row)

    def all(self) -> list[Job]:
        rows = self._conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM jobs ORDER BY id")
        return [_job(row) for row in rows]

    def unfinished(self) -> list[Job]:
        rows = self._conn.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM jobs WHERE state NOT IN (?, ?, ?) ORDER BY id",
            (JobState.DONE, JobState.FAILED, JobState.CANCELED),
        )
        return [_job(row) for row in rows]

    def with_task(self, task_id: str) -> list[Job]:
        rows = self._conn.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM jobs WHERE task_id = ? ORDER BY id", (task_id,)
        )
        return [_job(row) for row in rows]

    def for_item(self, item_id: int) -> list[Job]:
        """The jobs whose result is the library item ``item_id`` (its options: what was asked)."""
        rows = self._conn.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM jobs WHERE item_id = ? ORDER BY id", (item_id,)
        )
        return [_job(row) for row in rows]

    def known_task_ids(self) -> set[str]:
        """Every task id this library ever received from a submit."""
        rows = self._conn.execute(
            "SELECT task_id FROM tasks UNION SELECT task_id FROM jobs WHERE task_id IS NOT NULL"
        )
        return {row[0] for row in rows}

    def update(self, job_id: int, **changes: Any) -> Job:
        """Write ``changes`` (column = value) and the update time, then return the new row."""
        assignments, values = _set_clause(changes)
        # One statement is its own transaction; RETURNING saves a second query
        # (the engine writes thousands of these for a big queue).
        rows = self._conn.execute(
            f"UPDATE jobs SET {assignments} WHERE id = ? RETURNING {_SELECT}",
            (*values, job_id),
        ).fetchall()
        if not rows:
            raise KeyError(f"no job with id {job_id}")
        return _job(rows[0])

    def changed_since(self, moment: str) -> list[Job]:
        """Rows written at or after ``moment`` (an ``updated_at`` text), oldest first:
        how an engine sees what other processes did to the queue."""
        rows = self._conn.execute(
            f"SELECT {_SELECT} FROM jobs WHERE updated_at >= ? ORDER BY updated_at, id",
            (moment,),
        )
        return [_job(row) for row in rows]

    def last_change(self) -> str:
        """The newest ``updated_at`` of the queue ('' when it is empty)."""
        row = self._conn.execute("SELECT MAX(updated_at) FROM jobs").fetchone()
        return row[0] or ""

    def update_if(
        self,
        job_ids: Sequence[int],
        states: Sequence[JobState],
        *,
        owner: str | None,
        **changes: Any,
    ) -> list[Job]:
        """``changes`` to those of ``job_ids`` still in one of ``states`` (and, unless
        ``owner`` is None, held by ``owner``), in one transaction; the rows changed.

        A step that must happen once (a submit, a retry) goes through here: of
        two engines racing for the same row, only one sees it change.
        """
        assignments, values = _set_clause(changes)
        where = f"id = ? AND state IN ({', '.join('?' * len(states))})"
        if owner is not None:
            where += " AND lease_owner = ?"
        changed: list[int] = []
        with transaction(self._conn) as conn:
            for job_id in job_ids:
                held = () if owner is None else (owner,)
                row = conn.execute(
                    f"UPDATE jobs SET {assignments} WHERE {where} RETURNING id",
                    (*values, job_id, *map(str, states), *held),
                ).fetchone()
                if row is not None:
                    changed.append(row[0])
        return self.get_many(changed)

    def update_many(self, job_ids: Sequence[int], **changes: Any) -> list[Job]:
        """The same ``changes`` to several jobs in one transaction (a batch submit)."""
        assignments, values = _set_clause(changes)
        with transaction(self._conn) as conn:
            conn.executemany(
                f"UPDATE jobs SET {assignments} WHERE id = ?",
                [(*values, job_id) for job_id in job_ids],
            )
        return self.get_many(job_ids)

    def get_many(self, job_ids: Sequence[int]) -> list[Job]:
        """The rows of ``job_ids``, in that order."""
        if not job_ids:
            return []
        marks = ", ".join("?" * len(job_ids))
        rows = self._conn.execute(f"SELECT {_SELECT} FROM jobs WHERE id IN ({marks})", job_ids)
        by_id = {job.id: job for job in map(_job, rows)}
        return [by_id[i] for i in job_ids]

    def set_usage(self, shares: dict[int, float]) -> list[Job]:
        """Each job's share of its task's billed seconds, in one transaction."""
        now = _now()
        with transaction(self._conn) as conn:
            conn.executemany(
                "UPDATE jobs SET usage_seconds = ?, updated_at = ? WHERE id = ?",
                [(seconds, now, job_id) for job_id, seconds in shares.items()],
            )
        return self.get_many(list(shares))

    def mark_done(self, job_id: int, item_id: int) -> None:
        """Inside the caller's transaction: the job's result is stored as ``item_id``.

        A job cancelled meanwhile (by another process, say) stays cancelled.
        """
        self._conn.execute(
            "UPDATE jobs SET state = ?, item_id = ?, bytes_done = COALESCE(size_bytes, 0),"
            " error_code = NULL, error_message = NULL, advice = NULL, updated_at = ?"
            " WHERE id = ? AND state != ?",
            (JobState.DONE, item_id, _now(), job_id, JobState.CANCELED),
        )

    def remember_task(self, task_id: str, model: str) -> None:
        """Record a task id the service gave us; kept after its jobs are retried or removed."""
        with transaction(self._conn) as conn:
            conn.execute(
                "INSERT OR IGNORE INTO tasks (task_id, model, submitted_at) VALUES (?, ?, ?)",
                (task_id, model, _now()),
            )

    def remove(self, job_id: int) -> None:
        with transaction(self._conn) as conn:
            conn.execute("DELETE FROM jobs WHERE id = ?", (job_id,))

    def record_usage(self, task_id: str, model: str, seconds: float) -> None:
        """Count a finished task's billed seconds once, however often it is seen."""
        with transaction(self._conn) as conn:
            conn.execute(
                "INSERT OR IGNORE INTO usage (task_id, model, seconds, recorded_at)"
                " VALUES (?, ?, ?, ?)",
                (task_id, model, seconds, _now()),
            )

    def usage_by_model(self, month: str) -> dict[str, float]:
        """Billed seconds per model in ``month`` (``"2026-11"``, UTC)."""
        rows = self._conn.execute(
            "SELECT model, SUM(seconds) FROM usage WHERE substr(recorded_at, 1, 7) = ?"
            " GROUP BY model",
            (month,),
        )
        return {model: float(seconds) for model, seconds in rows}


def _set_clause(changes: dict[str, Any]) -> tuple[str, list[Any]]:
    """``name = ?, …`` for ``changes`` plus the update time, and the values in order."""
    unknown = changes.keys() - _COLUMN_SET
    if unknown:
        raise ValueError(f"unknown job fields: {', '.join(sorted(unknown))}")
    values = {name: _to_sql(value) for name, value in changes.items()}
    values["updated_at"] = _now()
    return ", ".join(f"{name} = ?" for name in values), list(values.values())


def _job(row: tuple[Any, ...]) -> Job:
    values = dict(zip(_COLUMNS, row, strict=True))
    for name in _DATETIMES:
        if values[name] is not None:
            values[name] = datetime.fromisoformat(values[name])
    values["state"] = JobState(values["state"])
    values["is_url"] = bool(values["is_url"])
    if values["estimated_cost"] is not None:
        values["estimated_cost"] = Decimal(values["estimated_cost"])
    return Job(**values)


def job_from_row(row: tuple[Any, ...]) -> Job:
    """A row selected with ``SELECT_COLUMNS`` as a ``Job``."""
    return _job(row)


def _to_sql(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="milliseconds")
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, StrEnum):
        return str(value)
    if isinstance(value, bool):
        return int(value)
    return value


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
