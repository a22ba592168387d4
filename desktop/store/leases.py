"""Who works which job: a lease per job row, renewed by its engine's heartbeat.

The app, a second app and ``tingxie resume`` may share one library. Each
engine names itself (``host/pid/token``) and works only the jobs whose
``lease_owner`` it is; it renews ``lease_until`` every few seconds. A lease
is free when it was released (a clean stop), when its time has passed (the
holder froze or died on another machine), or at once when the holder was a
process on this machine that no longer exists (SIGKILL, a crash): then the
next engine takes the job over within one heartbeat instead of waiting the
lease out. Taking is one ``BEGIN IMMEDIATE`` transaction, so of two engines
starting together each job goes to exactly one.
"""

from __future__ import annotations

import os
import secrets
import socket
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

from desktop.store.database import transaction
from desktop.store.jobs import SELECT_COLUMNS, Job, JobState, job_from_row

_FINAL = (str(JobState.DONE), str(JobState.FAILED), str(JobState.CANCELED))
_HOST = socket.gethostname()


def new_owner() -> str:
    """A name for one engine: this host and process, plus a token (two engines of one
    process, or a reused pid, never share a name)."""
    return f"{_HOST}/{os.getpid()}/{secrets.token_hex(4)}"


def holder_pid(owner: str) -> int | None:
    """The process id in an owner name, when it is a process of this machine."""
    host, _, rest = owner.partition("/")
    pid, _, _token = rest.partition("/")
    if host != _HOST or not pid.isdigit():
        return None
    return int(pid)


def holder_gone(owner: str) -> bool:
    """Whether ``owner`` was a process of this machine that has ended."""
    pid = holder_pid(owner)
    if pid is None or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    """A killed child not yet reaped by its parent still answers ``kill(pid, 0)``."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
        return stat.rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


class LeaseStore:
    """Takes, renews and gives back job leases for one engine (``owner``)."""

    def __init__(self, conn: sqlite3.Connection, owner: str, ttl_s: float) -> None:
        self._conn = conn
        self.owner = owner
        self.ttl_s = ttl_s

    def until(self) -> float:
        """The expiry a lease taken or renewed now gets."""
        return time.time() + self.ttl_s

    def take(self, only: Sequence[int] | None = None) -> list[Job]:
        """Every unfinished job (of ``only``, if given) that is free, now held by us."""
        now = time.time()
        gone = [o for o in self._holders() if holder_gone(o)]
        marks = ", ".join("?" * len(gone)) or "NULL"
        where = (
            f"state NOT IN (?, ?, ?) AND (lease_owner IS NULL OR lease_owner = ?"
            f" OR lease_until < ? OR lease_owner IN ({marks}))"
        )
        params: list[object] = [*_FINAL, self.owner, now, *gone]
        if only is not None:
            if not only:
                return []
            where += f" AND id IN ({', '.join('?' * len(only))})"
            params += list(only)
        with transaction(self._conn) as conn:
            rows = conn.execute(
                f"UPDATE jobs SET lease_owner = ?, lease_until = ? WHERE {where}"
                f" RETURNING {SELECT_COLUMNS}",
                (self.owner, self.until(), *params),
            ).fetchall()
        return sorted(map(job_from_row, rows), key=lambda job: job.id)

    def renew(self) -> set[int]:
        """Extend every lease we hold on an unfinished job; the ids still ours.

        Deliberately leaves ``updated_at`` alone: a heartbeat is not news for the
        other processes' queue views.
        """
        rows = self._conn.execute(
            "UPDATE jobs SET lease_until = ? WHERE lease_owner = ? AND state NOT IN (?, ?, ?)"
            " RETURNING id",
            (self.until(), self.owner, *_FINAL),
        ).fetchall()
        return {row[0] for row in rows}

    def release(self) -> None:
        """Give back every lease we hold (a clean stop): the next engine starts at once."""
        self._conn.execute(
            "UPDATE jobs SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?",
            (self.owner,),
        )

    def held_by_others(self) -> dict[str, int]:
        """Unfinished jobs another live engine works: owner → count."""
        rows = self._conn.execute(
            "SELECT lease_owner, COUNT(*) FROM jobs WHERE lease_owner IS NOT NULL"
            " AND lease_owner != ? AND lease_until >= ? AND state NOT IN (?, ?, ?)"
            " GROUP BY lease_owner",
            (self.owner, time.time(), *_FINAL),
        )
        return {owner: count for owner, count in rows if not holder_gone(owner)}

    def data_version(self) -> int:
        """Changes whenever another connection commits to the file: a cheap "anything new?"."""
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def _holders(self) -> list[str]:
        rows = self._conn.execute(
            "SELECT DISTINCT lease_owner FROM jobs WHERE lease_owner IS NOT NULL"
            " AND lease_owner != ? AND state NOT IN (?, ?, ?)",
            (self.owner, *_FINAL),
        )
        return [row[0] for row in rows]
