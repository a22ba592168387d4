"""Cue translations in the library: one row per (track, cue, target language).

Each row keeps the source text the translation was made from, so a source
cue edited later shows up as stale, and its status (translated, edited by a
person, refused by the service, cut off). Every request's tokens go to a
ledger in the same transaction as the cues they bought: a resumed run reads
the rows first and never pays for a stored batch again. This is the SQLite
side of ``desktop.jobs.translation.TranslationStore``.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from desktop.domain.translation import CueResult, CueStatus, TokenUsage
from desktop.store.database import transaction


@dataclass(frozen=True)
class StoredTranslation:
    cue_key: str
    source_text: str
    text: str | None
    status: CueStatus
    model: str | None


CLAIM_TTL_S = 120.0  # a claim not renewed for this long is free (a crashed machine)


class TranslationBusyError(Exception):
    """Another process is translating this track into this language."""

    def __init__(self, language: str) -> None:
        super().__init__(language)
        self.language = language

    def __str__(self) -> str:
        return (
            f"Another Tingxie process is already translating this track into {self.language};"
            " wait for it to finish, or quit it, and try again."
        )


def this_process() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _owner_gone(owner: str) -> bool:
    """True when ``owner`` is a process of this machine that no longer runs."""
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class SqliteTranslationStore:
    """The translations of one track into one language."""

    def __init__(self, conn: sqlite3.Connection, track_id: int, language: str) -> None:
        self._conn = conn
        self.track_id = track_id
        self.language = language

    def finished(self) -> dict[str, str]:
        rows = self._conn.execute(
            "SELECT cue_key, source_text FROM cue_translations WHERE track_id = ? AND language = ?",
            (self.track_id, self.language),
        )
        return dict(rows.fetchall())

    def save_batch(self, results: Sequence[CueResult], usage: TokenUsage, model: str) -> None:
        now = _now()
        with transaction(self._conn) as conn:
            conn.executemany(
                "INSERT INTO cue_translations (track_id, cue_key, language, source_text, text,"
                " status, model, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (track_id, cue_key, language) DO UPDATE SET"
                " source_text = excluded.source_text, text = excluded.text,"
                " status = excluded.status, model = excluded.model,"
                " updated_at = excluded.updated_at",
                [
                    (self.track_id, r.key, self.language, r.source_text, r.text, r.status,
                     model, now)
                    for r in results
                ],
            )  # fmt: skip
            conn.execute(
                "UPDATE translation_claims SET expires_at = ? WHERE track_id = ?"
                " AND language = ? AND owner = ?",
                (time.time() + CLAIM_TTL_S, self.track_id, self.language, this_process()),
            )
            if usage.total or results:
                conn.execute(
                    "INSERT INTO translation_usage (track_id, language, model, prompt_tokens,"
                    " completion_tokens, cues, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (self.track_id, self.language, model, usage.prompt_tokens,
                     usage.completion_tokens, len(results), now),
                )  # fmt: skip

    def all(self) -> dict[str, StoredTranslation]:
        rows = self._conn.execute(
            "SELECT cue_key, source_text, text, status, model FROM cue_translations"
            " WHERE track_id = ? AND language = ?",
            (self.track_id, self.language),
        )
        return {
            key: StoredTranslation(key, source, text, CueStatus(status), model)
            for key, source, text, status, model in rows
        }

    def set_text(self, cue_key: str, source_text: str, text: str) -> None:
        """A person's translation of a cue: stored as edited, never overwritten by a run
        unless the source changes (then it is stale)."""
        with transaction(self._conn) as conn:
            conn.execute(
                "INSERT INTO cue_translations (track_id, cue_key, language, source_text, text,"
                " status, model, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)"
                " ON CONFLICT (track_id, cue_key, language) DO UPDATE SET"
                " source_text = excluded.source_text, text = excluded.text,"
                " status = excluded.status, updated_at = excluded.updated_at",
                (self.track_id, cue_key, self.language, source_text, text, CueStatus.EDITED,
                 _now()),
            )  # fmt: skip

    def forget(self, cue_keys: Sequence[str]) -> None:
        """Drop translations (cues deleted from the track, or "translate again")."""
        with transaction(self._conn) as conn:
            conn.executemany(
                "DELETE FROM cue_translations WHERE track_id = ? AND language = ? AND cue_key = ?",
                [(self.track_id, self.language, k) for k in cue_keys],
            )

    def claim(self, ttl_s: float = CLAIM_TTL_S) -> None:
        """Take this track and language for this process, or ``TranslationBusyError``.

        A claim is free when it expired or its process (on this machine) is gone,
        so a run killed a moment ago does not block its own resume.
        """
        owner, now = this_process(), time.time()
        with transaction(self._conn) as conn:
            row = conn.execute(
                "SELECT owner, expires_at FROM translation_claims"
                " WHERE track_id = ? AND language = ?",
                (self.track_id, self.language),
            ).fetchone()
            if row is not None and row[0] != owner and row[1] > now and not _owner_gone(row[0]):
                raise TranslationBusyError(self.language)
            conn.execute(
                "INSERT OR REPLACE INTO translation_claims (track_id, language, owner, expires_at)"
                " VALUES (?, ?, ?, ?)",
                (self.track_id, self.language, owner, now + ttl_s),
            )

    def release(self) -> None:
        with transaction(self._conn) as conn:
            conn.execute(
                "DELETE FROM translation_claims WHERE track_id = ? AND language = ? AND owner = ?",
                (self.track_id, self.language, this_process()),
            )

    def usage(self) -> TokenUsage:
        """Tokens paid so far for this track and language."""
        row = self._conn.execute(
            "SELECT COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0)"
            " FROM translation_usage WHERE track_id = ? AND language = ?",
            (self.track_id, self.language),
        ).fetchone()
        return TokenUsage(int(row[0]), int(row[1]))


def languages(conn: sqlite3.Connection, track_id: int) -> list[str]:
    """The target languages a track has translations in."""
    rows = conn.execute(
        "SELECT DISTINCT language FROM cue_translations WHERE track_id = ? ORDER BY language",
        (track_id,),
    )
    return [row[0] for row in rows]
