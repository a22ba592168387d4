"""Opening the library's SQLite file: pragmas, transactions and schema migrations.

The schema version lives in ``PRAGMA user_version``; each migration runs in one
transaction with the version bump, so a crash mid-upgrade leaves the old schema
intact rather than half a new one.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.store.schema import MIGRATIONS


class LibraryError(Exception):
    """The library file cannot be used; the message says why and what to do."""


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database at ``path``."""
    with _OPENING:
        conn = _open(path)
        _migrate(conn, path)
    return conn


# Reader threads open their own connections. Two of them meeting a new library
# must not both run a migration step (executescript cannot re-check the version
# inside its own transaction), nor switch it to WAL while the other migrates
# (that switch needs the file to themselves and fails as "locked" at once), so
# connections of one process are opened and migrated in turn.
_OPENING = threading.Lock()


def _open(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
    except sqlite3.DatabaseError as error:
        raise LibraryError(
            f"{path}: cannot open the library ({error}); move the file away to start a new one"
        ) from None
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=5000")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise LibraryError(
            f"{path}: the library was written by a newer Tingxie (schema {version});"
            " update Tingxie to open it"
        )
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        if callable(step):
            _run_function_step(conn, number, step)
            continue
        try:
            conn.executescript(f"BEGIN IMMEDIATE;\n{step}\nPRAGMA user_version={number};\nCOMMIT;")
        except sqlite3.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if conn.execute("PRAGMA user_version").fetchone()[0] >= number:
                continue  # another connection (a reader thread) applied this step meanwhile
            raise


def _run_function_step(
    conn: sqlite3.Connection, number: int, step: Callable[[sqlite3.Connection], None]
) -> None:
    with transaction(conn):
        if conn.execute("PRAGMA user_version").fetchone()[0] >= number:
            return  # another process applied this step while this one waited
        step(conn)
        conn.execute(f"PRAGMA user_version={number}")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it lands, or none of it (on any exception)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
